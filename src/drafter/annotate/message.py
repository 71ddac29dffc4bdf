"""The text of a comment `drafter check --annotate` writes: the kind of problem, what the
tables (or the data file, or the report's own figures) say, what the text says, and the
finding's own message, in Chinese."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..findings import Finding

SEVERITY = {"error": "错误", "warning": "提醒", "info": "说明"}
RULE_NAMES = {
    "text.contradiction": "正文与表格矛盾",
    "text.unsupported": "正文数字找不到依据",
    "text.arithmetic": "正文的合计与分项不符",
    "text.year": "年份不对",
    "text.organization": "机关名称不对",
    "table.mismatch": "报告表格与数据文件不一致",
    "style.draft_comment": "起草批注未删除",
    "style.open_comment": "审核批注未处理",
    "style.highlight": "突出显示未清除",
}
FAMILY_NAMES = {"table": "表格勾稽关系不符", "structure": "章节结构", "style": "文字残留", "text": "正文与表格不符"}
# what `expected` and `found` are, by rule: (the side of the truth, the side of the text)
SIDES = {
    "text.contradiction": ("表格", "正文"),
    "text.unsupported": ("表格", "正文"),
    "text.arithmetic": ("各分项之和", "正文所称合计"),
    "table.mismatch": ("数据文件", "报告表格"),
}


def rule_name(rule: str) -> str:
    return RULE_NAMES.get(rule) or FAMILY_NAMES.get(rule.split(".")[0], "问题")


def _shown(value: Any) -> str:
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (list, tuple)):
        return "、".join(_shown(v) for v in value)
    return str(value)


def comment_body(finding: Finding) -> str:
    """Lines: 【错误】kind（rule id）; 表格：…; 正文：…; the message."""
    lines = [f"【{SEVERITY.get(finding.severity, '提醒')}】{rule_name(finding.rule)}（{finding.rule}）"]
    truth, text = SIDES.get(finding.rule, ("应为", "实为"))
    if finding.expected is not None:
        lines.append(f"{truth}：{_shown(finding.expected)}")
    if finding.found is not None:
        said = f"“{finding.quote}”中为 {_shown(finding.found)}" if finding.quote else _shown(finding.found)
        lines.append(f"{text}：{said}")
    elif finding.quote and finding.rule.startswith("text."):
        lines.append(f"{text}：“{finding.quote}”")
    lines.append(finding.message)
    return "\n".join(lines)
