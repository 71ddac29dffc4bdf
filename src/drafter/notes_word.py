"""Notes written in Word (.docx): each paragraph is a line of the notes file. A paragraph in
a heading style (Heading 1/2, 标题 1/2) is a heading of that level; any other paragraph is
read as typed, so that 一、总体情况 and （一）主动公开 are recognised as in a text file.
A number Word draws itself (automatic numbering, 一、 or （一） not in the text) is put back
in front of the text, so that it counts as if typed. Tables are read cell by cell, each
cell's paragraphs as lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .errors import InputError
from .notes import Line

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


def _level(paragraph: Any) -> int:
    style = paragraph.style
    while style is not None:  # a style based on Heading 1 is a heading too
        m = _HEADING_STYLE.match((style.name or "").strip())
        if m:
            return min(int(m.group(1)), 2)
        if (style.name or "").strip().lower() == "title":
            return 0
        style = style.base_style
    return 0


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHINESE_FORMATS = ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "chineseLegalSimplified")


def _numbering(document: Any) -> dict[tuple[str, str], tuple[str, str]]:
    """(numId, ilvl) -> (numFmt, lvlText) of the document's automatic numbering."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, AttributeError, NotImplementedError):
        return {}
    abstract: dict[tuple[str, str], tuple[str, str]] = {}
    for node in root.iter(f"{_W}abstractNum"):
        aid = node.get(f"{_W}abstractNumId", "")
        for lvl in node.iter(f"{_W}lvl"):
            fmt, text = lvl.find(f"{_W}numFmt"), lvl.find(f"{_W}lvlText")
            abstract[(aid, lvl.get(f"{_W}ilvl", "0"))] = (
                fmt.get(f"{_W}val", "") if fmt is not None else "", text.get(f"{_W}val", "") if text is not None else "")
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for num in root.iter(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        if ref is None:
            continue
        aid = ref.get(f"{_W}val", "")
        for (a, ilvl), value in abstract.items():
            if a == aid:
                out[(num.get(f"{_W}numId", ""), ilvl)] = value
    return out


def _drawn_number(paragraph: Any, numbering: dict[tuple[str, str], tuple[str, str]]) -> str:
    """The number Word draws before a paragraph with direct automatic numbering, written as
    a clerk would type it: 一、 / （一） for Chinese counting, 1. for digits, - for bullets."""
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is None or num_pr.numId is None:
        return ""
    ilvl = str(num_pr.ilvl.val) if num_pr.ilvl is not None else "0"
    fmt, text = numbering.get((str(num_pr.numId.val), ilvl), ("", ""))
    if fmt in _CHINESE_FORMATS:
        return re.sub(r"%\d", "一", text) or "一、"
    if fmt == "bullet":
        return "- "
    if fmt.startswith("decimal"):
        return re.sub(r"%\d", "1", text) or "1."
    return ""


def _paragraphs(document: Any) -> Iterator[Any]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(block, document)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def word_lines(data: bytes, source: str) -> list[Line]:
    """The paragraphs of a Word file as notes lines, numbered by paragraph."""
    import io
    import zipfile

    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(
            f"无法作为 Word（.docx）文件读取（{type(exc).__name__}）。请在 Word/WPS 中打开后“另存为” .docx，"
            "或把素材另存为纯文本（.txt）。",
            source,
        ) from None
    out: list[Line] = []
    numbering = _numbering(document)
    n = 0
    for paragraph in _paragraphs(document):
        text = paragraph.text.replace("\u3000", " ").strip()
        if not text:
            continue
        n += 1
        level = _level(paragraph)
        if level == 0:
            text = _drawn_number(paragraph, numbering) + text
        for part in text.splitlines():  # a soft line break (Shift+Enter) starts a new note
            out.append(Line(part.strip(), level, paragraph=n))
    return out
