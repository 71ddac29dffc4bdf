"""What the reviewer's mark says about a section: written for the clerk, never for the model.

Each note says what happened, what to check and where, and never claims that the text shown
failed a check it passed (a fallback text that passed is said to have passed). Findings
meant for a model (fact references, the JSON format) are reworded as what the model did
wrong. The plain variant (for Markdown/TXT, where a later check would read any figure in the
note as a claim) names no figure and quotes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..findings import Finding

# Model-only findings, as the clerk would put them.
MODEL_RULES = {
    "draft.unparseable": "模型的回答格式不对",
    "draft.bad_shape": "模型的回答格式不对",
    "draft.empty": "模型的回答没有正文",
    "draft.truncated": "模型的回答太长，被截断",
    "draft.literal_figure": "模型自行写了数字，没有取自数据",
    "draft.unknown_fact": "模型引用了数据中没有的项目",
    "draft.malformed_ref": "模型引用了数据中没有的项目",
}
FIX_HINT = "请修改素材文件中的对应条目后重新起草，或直接改正本节文字，再运行 drafter check 复核"
PLACEHOLDER = "style.placeholder"


@dataclass(frozen=True)
class ReviewNote:
    note: str  # DOCX comment / HTML note / console: what happened and what to check
    plain: str  # Markdown/TXT line: the same without figures or quotes

    def record(self) -> dict[str, str]:
        return {"review_note": self.note, "review_plain": self.plain, "findings_summary": self.note}


def _rec(f: Finding | dict[str, Any]) -> dict[str, Any]:
    if isinstance(f, Finding):
        return {"rule": f.rule, "severity": f.severity, "message": f.message}
    return f


def problems(findings: list[Finding] | list[dict[str, Any]], limit: int = 3) -> str:
    """The distinct problems, in the clerk's words, joined; '（另有 N 处）' beyond `limit`."""
    seen: list[str] = []
    for f in map(_rec, findings):
        rule = str(f.get("rule", ""))
        if rule == PLACEHOLDER:
            continue
        # the first sentence says what is wrong; the rest is advice on fixing that text
        text = MODEL_RULES.get(rule) or str(f.get("message") or "").strip().split("。")[0]
        if text and text not in seen:
            seen.append(text)
    more = f"（另有 {len(seen) - limit} 处）" if len(seen) > limit else ""
    return "；".join(seen[:limit]) + more


def _placeholders(findings: list[Finding] | list[dict[str, Any]]) -> int:
    return sum(1 for f in map(_rec, findings) if f.get("rule") == PLACEHOLDER)


def shown_text_note(findings: list[Finding] | list[dict[str, Any]], missing: list[str]) -> ReviewNote | None:
    """For text the composer wrote from the notes: reminders left, or checks it failed."""
    parts: list[str] = []
    plain: list[str] = []
    if missing or _placeholders(findings):
        what = f"素材中“{'”“'.join(missing)}”没有内容，" if missing else ""
        parts.append(f"{what}文中留有【待补充】提示：请写入实际情况并删除提示")
        plain.append("本节有待补写的提示，请写入实际情况并删除提示")
    errors = [f for f in map(_rec, findings) if f.get("severity") == "error" and f.get("rule") != PLACEHOLDER]
    if errors:
        parts.append(f"本节文字与表格或素材不符：{problems(errors)}。{FIX_HINT}")
        plain.append(f"本节文字与表格或素材不符，{FIX_HINT}（它会列出具体位置）")
    if not parts:
        return None
    return ReviewNote(
        "；".join(parts) + "。核对无误后删除本批注",
        "【需人工核对】" + "；".join(plain) + "。完成后删除本行。",
    )


def fallback_note(
    why: str, model_findings: list[Finding] | list[dict[str, Any]], shown: ReviewNote | None
) -> ReviewNote:
    """For a model's section replaced by the composer's text. `why`: how the model failed."""
    found = problems(model_findings)
    head = f"{why}（{found}）" if found else why
    if shown is None:
        return ReviewNote(
            f"{head}，本节改用依据素材和表格生成的文字，这段文字已通过核对。请对照素材通读本节，确认无误后删除本批注",
            "【需人工核对】模型稿未通过核对，本节改用依据素材和表格生成的文字（已通过核对）。请对照素材通读后删除本行。",
        )
    return ReviewNote(
        f"{head}，本节改用依据素材和表格生成的文字。{shown.note}",
        "【需人工核对】模型稿未通过核对，本节改用依据素材和表格生成的文字。" + shown.plain.removeprefix("【需人工核对】"),
    )
