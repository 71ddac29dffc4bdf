"""Fact references in model output: the model writes 【F:requests.new_received.total】 and
this module writes the fact's display value in its place before the validator sees the
text. An id that is not on the fact sheet is reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..facts import FactEntry, FactSheet
from ..findings import Finding

# 【F:id】 is what the prompts ask for; [F:id] and full-width colons are tolerated.
REF = re.compile(r"[【\[]\s*F\s*[:：]\s*([A-Za-z0-9_.\-]+)\s*[】\]]")
LEFTOVER = re.compile(r"[【\[]\s*F\s*[:：][^】\]\n]{0,60}[】\]]?")
# Units after which a model-typed number is a figure that must be a reference. Time limits
# (20个工作日), dates, years, article and document numbers are not figures.
FIGURE_UNITS = frozenset(
    "件 条 份 次 例 起 篇 个 项 期 场 人次 万元 亿元 元 家 户 人 名 批 部 册 张 套 处 所 宗 封 位 笔 场次 期次 件次 条次 户次 个次 篇次 个账号".split()
)

# Totals the model may state even when they are zero (未收到申请, 未发生复议诉讼).
ALWAYS_LISTED = (
    "requests.new_received.total",
    "requests.carried_over.total",
    "requests.total_processed.total",
    "requests.carried_forward.total",
    "review.review.total",
    "litigation.total",
    "review_litigation.total",
)


def ref(fact_id: str) -> str:
    """The reference syntax the prompts teach: 【F:id】."""
    return f"【F:{fact_id}】"


def prompt_facts(sheet: FactSheet) -> list[FactEntry]:
    """The facts a prompt lists: every non-zero figure, plus the main totals even when zero."""
    out: list[FactEntry] = []
    for entry in sheet.entries.values():
        if entry.value != 0 or entry.id in ALWAYS_LISTED or entry.source in ("facts", "notes", "previous"):
            out.append(entry)
    return out


@dataclass
class Filled:
    text: str
    used: list[str]  # fact ids referenced, in order
    findings: list[Finding]  # unknown ids, malformed references


def fill_refs(text: str, sheet: FactSheet, section: str) -> Filled:
    """Replace every 【F:id】 with the fact's display value; report unknown ids."""
    used: list[str] = []
    findings: list[Finding] = []

    def sub(m: re.Match[str]) -> str:
        fid = m.group(1).strip(".")
        entry = sheet.get(fid)
        if entry is None:
            findings.append(
                Finding(
                    "draft.unknown_fact",
                    "error",
                    f"引用了不存在的数据编号“{fid}”。只能引用数据清单中列出的编号。",
                    section=section,
                    quote=m.group(0),
                )
            )
            return m.group(0)
        used.append(fid)
        return entry.display

    filled = REF.sub(sub, text)
    for m in LEFTOVER.finditer(filled):
        if REF.fullmatch(m.group(0)):
            continue  # an unknown id, already reported
        findings.append(
            Finding(
                "draft.malformed_ref",
                "error",
                f"数据引用“{m.group(0)}”格式不对，应写成【F:编号】。",
                section=section,
                quote=m.group(0),
            )
        )
    return Filled(filled, used, findings)


def literal_figures(text: str, section: str) -> list[Finding]:
    """Figures a model typed instead of referencing: each one is a finding (draft.literal_figure).

    Numbers are never typed by a model and trusted: a count, an amount or a percentage must
    come from the fact sheet through 【F:id】, so that its value is the data's by construction.
    """
    from ..numbers import find_numbers

    masked = REF.sub(lambda m: "Ｆ" * len(m.group(0)), text)
    out: list[Finding] = []
    for m in find_numbers(masked):
        if m.start > 0 and masked[m.start - 1] == "第":
            continue  # 第二十条, 第3次
        if m.chinese and m.value == 1:
            continue  # 一件事一次办, 一次性告知: idioms, not counts
        if not (m.percent or (m.unit in FIGURE_UNITS)):
            continue
        out.append(
            Finding(
                "draft.literal_figure",
                "error",
                f"数字“{m.text}”是直接写出的，没有写成数据引用。请改为【F:编号】（编号见数据清单）；数据清单中没有的数字请删去。",
                section=section,
                quote=m.text,
                span=(m.start, m.end),
            )
        )
    return out
