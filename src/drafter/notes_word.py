"""Notes written in Word (.docx): each paragraph is a line of the notes file. A paragraph in
a heading style (Heading 1/2, 标题 1/2) is a heading of that level; any other paragraph is
read as typed, so that 一、总体情况 and （一）主动公开 are recognised as in a text file.
Tables are read cell by cell, each cell's paragraphs as lines.
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
    n = 0
    for paragraph in _paragraphs(document):
        text = paragraph.text.replace("\u3000", " ").strip()
        if not text:
            continue
        n += 1
        for part in text.splitlines():  # a soft line break (Shift+Enter) starts a new note
            out.append(Line(part.strip(), _level(paragraph), paragraph=n))
    return out
