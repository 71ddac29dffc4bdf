"""Review marks: how a section is flagged for the reviewer in each kind of file.

- `suggested`: a language model suggested the text and the validator passed it; the
  reviewer should still read it. DOCX: a Word comment on the section's text; deleting the
  comment removes the mark.
- `needs_review`: a person must look before the text can go out (a model's text replaced by
  the composer's, origin "fallback"; text that failed a check; or 【待补充】 reminders the
  clerk must fill). DOCX: yellow highlight on the section's runs and a comment saying what to
  check. HTML: a CSS class and a data-note attribute shown by CSS. Markdown/TXT: one
  bracketed line before the section text.

Every note speaks to the clerk: what happened, what to check, where. The drafting gate
writes it into the provenance (`review_note`, and `review_plain` for Markdown/TXT, which
names no figure because a later check would read it as a claim); older drafts carry
`findings_summary` or `findings`; without any, the report's own findings for the section
are used, else a general sentence. A note never says the text shown failed a check unless
it did.
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

_CHECKED = "数字和必需内容已通过核对；请通读，确认表述与素材一致后"
COMMENT_SUGGESTED = f"以下内容由语言模型起草，{_CHECKED}删除本批注。"
PLAIN_SUGGESTED = f"【待核对】以下内容由语言模型起草，{_CHECKED}删除本行。"
HTML_SUGGESTED = f"待核对：以下内容由语言模型起草，{_CHECKED}删除本标记。"
GENERIC_REASON = "本节文字与表格或素材不符"
FALLBACK_NOTE = "本节改用依据素材和表格生成的文字"
FIX_HINT = "请改正后运行 drafter check 复核"
PLAIN_REVIEW = "【需人工核对】本节文字与表格或素材不符，请改正后运行 drafter check 复核（它会列出具体位置），完成后删除本行。"
PLAIN_FALLBACK = "【需人工核对】模型稿未通过核对，本节改用依据素材和表格生成的文字。请对照素材通读本节，完成后删除本行。"
HIGHLIGHT_HINT = "黄色突出显示可一键清除：选中本节文字，在“开始”选项卡点“突出显示”选“无颜色”（清除突出显示）。"


@dataclass(frozen=True)
class Mark:
    kind: MarkKind
    reason: str = ""  # needs_review: what to check, as a sentence for the clerk
    fallback: bool = False  # needs_review: the model's text was replaced by the composer's
    plain: str = ""  # needs_review: the Markdown/TXT line, without figures

    def comment(self) -> str:
        """The Word comment for this mark."""
        if self.kind == "suggested":
            return COMMENT_SUGGESTED
        return f"需人工核对：{self.reason}。{self._end('删除本批注')}{HIGHLIGHT_HINT}"

    def html_note(self) -> str:
        if self.kind == "suggested":
            return HTML_SUGGESTED
        reason = self.reason.replace("删除本批注", "删除本标记")
        return f"需人工核对：{reason}。{self._end('删除本标记')}"

    def plain_note(self) -> str:
        """One line for Markdown/TXT; without the findings, whose figures a check of the file would misread."""
        if self.kind == "suggested":
            return PLAIN_SUGGESTED
        if self.plain:
            return self.plain
        return PLAIN_FALLBACK if self.fallback else PLAIN_REVIEW

    def _end(self, action: str) -> str:
        """'…后删除本批注。' unless the reason already says when to remove the mark."""
        if "删除本批注" in self.reason or "删除本标记" in self.reason:
            return ""
        return f"核对无误后{action}。"


def mark_for(section: SectionDraft, findings: list[dict[str, Any]]) -> Mark | None:
    if section.needs_review:
        reason = clean_text(review_reason(section, findings)).replace("\n", " ")
        plain = section.provenance.get("review_plain")
        plain = clean_text(plain).replace("\n", " ") if isinstance(plain, str) else ""
        return Mark("needs_review", reason, fallback=section.origin == "fallback", plain=plain)
    if section.suggested:
        return Mark("suggested")
    return None


def review_reason(section: SectionDraft, findings: list[dict[str, Any]]) -> str:
    prov = section.provenance
    for key in ("review_note", "findings_summary"):
        summary = prov.get(key)
        if isinstance(summary, str) and summary.strip():
            text = summary.strip().rstrip("。")
            if key == "findings_summary" and section.origin == "fallback" and FALLBACK_NOTE not in text:
                text += f"，{FALLBACK_NOTE}"
            return _shorten(text)
    items = prov.get("findings")
    if not isinstance(items, list) or not items:
        items = [f for f in findings if isinstance(f, dict) and f.get("section") == section.id]
    messages: list[str] = []
    for item in items:
        message = item.get("message") if isinstance(item, dict) else item
        if isinstance(message, str) and message.strip():
            messages.append(message.strip().rstrip("。"))
    if not messages:
        return f"{GENERIC_REASON}，{FIX_HINT}"
    more = f"（另有 {len(messages) - 3} 处）" if len(messages) > 3 else ""
    return _shorten(f"{GENERIC_REASON}：" + "；".join(messages[:3]) + more + f"。{FIX_HINT}")


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"
