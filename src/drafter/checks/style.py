"""style.*: what must not reach a published report: placeholders (XX, ××, ……, 待补充, 【】,
[ ], TODO), Markdown marks (**, ##, ```), and leftovers of a language model (作为AI,
以下是根据您提供的材料撰写的…, 希望这份报告对您有帮助, 如需调整请告诉我, 请根据实际情况修改,
当然！). The validator runs these on every section, on the title line and on any text printed
before the title (where a model's preface usually sits).

Severities: a placeholder or a model's leftover is an error (the text is unfinished or not
the body's own words); a Markdown mark is a warning (the text is right, only its dress is).
Leftovers in one sentence are reported once.
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..lexicon import Lexicon

_SENTENCE_END = re.compile(r"[。！？!?\n]")

_KINDS = (
    ("placeholders", "style.placeholder", "error", "正文中有占位符“{quote}”，说明内容还没有填写完整。请补全或删除。"),
    ("llm_leftovers", "style.llm_leftover", "error", "正文中有“{quote}”，像是语言模型的对话残留，不是报告正文。请删除。"),
    ("markdown", "style.markdown", "warning", "正文中残留 Markdown 标记“{quote}”，发布前请去掉。"),
)


def _spans(text: str, patterns: tuple[re.Pattern[str], ...], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            start, end = m.span()
            while start < end and text[start] in " \t\n\u3000":
                start += 1
            if start >= end or any(s < end and start < e for s, e in taken + found):
                continue
            found.append((start, end))
    return sorted(found)


def _merge_in_sentence(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Leftovers in one sentence are one finding: 以下是根据您提供的材料撰写的报告."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and not _SENTENCE_END.search(text, out[-1][1], start) and start - out[-1][1] <= 40:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def check_style(text: str, section: str | None, lex: Lexicon, offset: int = 0, spans: bool = True) -> list[Finding]:
    """Style findings in one text. `spans=False` for text outside the sections (the title,
    lines before it): the quote is given, the span is not."""
    out: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for attr, rule, severity, template in _KINDS:
        found = _spans(text, getattr(lex, attr), taken)
        if attr == "llm_leftovers":
            found = _merge_in_sentence(text, found)
        for start, end in found:
            taken.append((start, end))
            quote = text[start:end]
            out.append(
                Finding(rule, severity, template.format(quote=quote.strip()), section=section, quote=quote,  # type: ignore[arg-type]
                        span=(start + offset, end + offset) if spans else None, expected=None, found=quote)
            )
    out.sort(key=lambda f: f.span or (0, 0))
    return out


__all__ = ["check_style"]
