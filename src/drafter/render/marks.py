"""Review marks: how a section is flagged for the reviewer in each kind of file.

- `suggested`: a language model suggested the text and the validator passed it; the
  reviewer should still read it. DOCX: a Word comment on the section's text; deleting the
  comment removes the mark.
- `needs_review`: the validator could not pass the text (a model's text replaced by offline
  text, origin "fallback"; or offline text that itself failed a check). DOCX: yellow highlight on the section's runs and a comment saying why
  (the validator's findings). HTML: a CSS class and a data-note attribute shown by CSS.
  Markdown/TXT: one bracketed line before the section text.

The reason for `needs_review` is read from the section's provenance: `findings_summary`
(a string) or `findings` (a list of finding dicts or strings); without them, from the
report's own findings for that section; else a general sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..report import SectionDraft
from .clean import clean_text

MarkKind = Literal["suggested", "needs_review"]
MAX_REASON = 600

AUTHOR = "drafter"
INITIALS = "DR"

COMMENT_SUGGESTED = "以下内容由语言模型起草，请核对后删除本批注。"
PLAIN_SUGGESTED = "【待核对】以下内容由语言模型起草，请核对后删除本行。"
HTML_SUGGESTED = "待核对：以下内容由语言模型起草，请核对后删除本标记。"
GENERIC_REASON = "本节文字未能通过数字核对"
FALLBACK_NOTE = "已改用离线生成的文字"


@dataclass(frozen=True)
class Mark:
    kind: MarkKind
    reason: str = ""  # needs_review: why the validator refused the text
    fallback: bool = False  # needs_review: the model's text was replaced by offline text

    def comment(self) -> str:
        """The Word comment for this mark."""
        if self.kind == "suggested":
            return COMMENT_SUGGESTED
        return (
            f"本节需人工核对：{self.reason}{self._fallback()}。"
            "核对无误后删除本批注；黄色突出显示可一键清除：选中本节文字，"
            "在“开始”选项卡点“突出显示”选“无颜色”（清除突出显示）。"
        )

    def html_note(self) -> str:
        if self.kind == "suggested":
            return HTML_SUGGESTED
        return f"需人工核对：{self.reason}{self._fallback()}。请核对后删除本标记。"

    def plain_note(self) -> str:
        """One line for Markdown/TXT; without the findings, whose figures a check of the file would misread."""
        if self.kind == "suggested":
            return PLAIN_SUGGESTED
        return f"【需人工核对】本节文字未通过数字核对{self._fallback()}，请核对后删除本行。"

    def _fallback(self) -> str:
        return f"，{FALLBACK_NOTE}" if self.fallback else ""


def mark_for(section: SectionDraft, findings: list[dict[str, Any]]) -> Mark | None:
    if section.needs_review:
        reason = clean_text(review_reason(section, findings)).replace("\n", " ")
        return Mark("needs_review", reason, fallback=section.origin == "fallback")
    if section.suggested:
        return Mark("suggested")
    return None


def review_reason(section: SectionDraft, findings: list[dict[str, Any]]) -> str:
    prov = section.provenance
    summary = prov.get("findings_summary")
    if isinstance(summary, str) and summary.strip():
        return _shorten(summary.strip().rstrip("。"))
    items = prov.get("findings")
    if not isinstance(items, list) or not items:
        items = [f for f in findings if isinstance(f, dict) and f.get("section") == section.id]
    messages: list[str] = []
    for item in items:
        text = item.get("message") if isinstance(item, dict) else item
        if isinstance(text, str) and text.strip():
            messages.append(text.strip().rstrip("。"))
    if not messages:
        return GENERIC_REASON
    more = f"（另有 {len(messages) - 3} 处）" if len(messages) > 3 else ""
    return _shorten(f"{GENERIC_REASON}：" + "；".join(messages[:3]) + more)


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"
