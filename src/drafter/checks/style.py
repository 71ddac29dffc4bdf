"""style.*: what must not reach a published report: placeholders (XX, ××, ……, 待补充, 【】,
[ ], TODO), Markdown marks (**, ##, ```), and leftovers of a language model (作为AI,
以下是…, 希望对您有帮助, 当然！).

Severities: a placeholder or a model's leftover is an error (the text is unfinished or not
the body's own words); a Markdown mark is a warning (the text is right, only its dress is).
"""

from __future__ import annotations

from ..findings import Finding
from ..lexicon import Lexicon

_KINDS = (
    ("placeholders", "style.placeholder", "error", "正文中有占位符“{quote}”，说明内容还没有填写完整。请补全或删除。"),
    ("llm_leftovers", "style.llm_leftover", "error", "正文中有“{quote}”，像是语言模型的对话残留，不是报告正文。请删除。"),
    ("markdown", "style.markdown", "warning", "正文中残留 Markdown 标记“{quote}”，发布前请去掉。"),
)


def check_style(text: str, section: str | None, lex: Lexicon, offset: int = 0) -> list[Finding]:
    out: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for attr, rule, severity, template in _KINDS:
        for pattern in getattr(lex, attr):
            for m in pattern.finditer(text):
                start, end = m.span()
                while start < end and text[start] in " \t\n\u3000":
                    start += 1
                if start >= end or any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                quote = text[start:end]
                out.append(
                    Finding(rule, severity, template.format(quote=quote.strip()), section=section, quote=quote,  # type: ignore[arg-type]
                            span=(start + offset, end + offset), expected=None, found=quote)
                )
    out.sort(key=lambda f: f.span or (0, 0))
    return out


__all__ = ["check_style"]
