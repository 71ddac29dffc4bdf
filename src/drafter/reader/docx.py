"""Word (.docx) reports → paragraphs and tables, in document order.

Text is read as it will be once every tracked change (修订) is accepted (reader/revisions.py):
a figure a reviewer changed with track changes on is checked as changed. Each paragraph
block keeps its origin (the paragraph and offset), so that findings can be placed back on
the words they are about (drafter.annotate), and the python-docx Document is kept on the
returned Document (`source`).

python-docx yields each body paragraph and table in order (`iter_inner_content`); a
row's `cells` repeat the same cell for every grid column a horizontal merge covers and
for every row a vertical merge covers, which is exactly the expanded grid the table
interpreters want. Leading/trailing grid positions a row skips are padded with blanks.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..errors import ReportReadError
from .document import Document
from .grid import Table
from .revisions import LineOrigin, cell_text, mark_removed, read_paragraphs, row_removed

MAX_DOCUMENT_XML = 30_000_000  # uncompressed word/document.xml; beyond this it is not a report
NOT_WORD = "不是有效的 Word 文档（.docx）"


def check_docx(data: bytes, source: str) -> None:
    """Raise ReportReadError unless `data` is a zip holding word/document.xml."""
    if not data.startswith(b"PK"):
        raise ReportReadError(
            f"{NOT_WORD}：文件内容不是 Word 格式（可能是改了扩展名的文本或其他文件）。"
            "请在 Word/WPS 中打开后“另存为” .docx 再试。",
            source,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("word/document.xml")
    except KeyError:
        raise ReportReadError(
            f"{NOT_WORD}：这是一个压缩包，但里面没有 Word 正文（word/document.xml）。请确认选对了文件。", source
        ) from None
    except zipfile.BadZipFile:
        raise ReportReadError(f"{NOT_WORD}：压缩包已损坏。请在 Word/WPS 中重新保存为 .docx 再试。", source) from None
    if info.file_size > MAX_DOCUMENT_XML:
        raise ReportReadError(f"{NOT_WORD}：正文部分过大（{info.file_size // 1_000_000} MB），不像一份年度报告。", source)
    from ..limits import check_docx_body, check_zip

    check_zip(data, source, "Word 文档")  # every part bounded before python-docx unpacks it
    check_docx_body(data, source)


def docx_to_document(data: bytes, source: str) -> Document:
    check_docx(data, source)
    import docx
    from docx.table import Table

    try:
        word = docx.Document(io.BytesIO(data))
        doc = Document(source=word)
        doc.pictures = _pictures(word.element.body)
        joined: list[Any] = []  # paragraphs whose mark a tracked deletion removes join the next one
        for item in word.iter_inner_content():
            if isinstance(item, Table):
                _paragraph(doc, joined, None)
                doc.add_table(_grid(item), item._tbl)
            elif mark_removed(item._p):
                joined.append(item._p)
            else:
                _paragraph(doc, joined, item)
        _paragraph(doc, joined, None)
    except ReportReadError:
        raise
    except Exception as exc:  # python-docx/lxml raise many types on a damaged file
        raise ReportReadError(
            f"{NOT_WORD}：无法解析（{type(exc).__name__}）。请在 Word/WPS 中打开后重新保存为 .docx 再试。", source
        ) from None
    return doc


def _paragraph(doc: Document, joined: list[Any], item: Any) -> None:
    """Add a paragraph as it reads with every tracked change accepted, one block per line,
    each block knowing the paragraph and offset it came from (reader/revisions.py)."""
    elements = joined + ([item._p] if item is not None else [])
    joined.clear()
    if not elements:
        return
    accepted = read_paragraphs(elements)
    styled = _is_styled(item) if item is not None else False
    start = 0
    for line in accepted.text.split("\n"):
        doc.paragraph(line, styled, origin=LineOrigin(accepted, start, line))
        start += len(line) + 1


def _grid(table: Any) -> Table:
    """The expanded grid; a horizontally merged cell (one <w:tc>) repeats its text and
    records the column it starts in."""
    rows: list[list[str]] = []
    origins: list[list[int]] = []
    for row in table.rows:
        if row_removed(row._tr):
            continue
        before = int(getattr(row, "grid_cols_before", 0) or 0)
        after = int(getattr(row, "grid_cols_after", 0) or 0)
        texts = [""] * before
        starts = list(range(before))
        previous: Any = None
        for cell in row.cells:
            column = len(texts)
            same = previous is not None and cell._tc is previous._tc
            starts.append(starts[-1] if same else column)
            texts.append(cell_text(cell._tc).strip())
            previous = cell
        texts += [""] * after
        starts += list(range(len(starts), len(starts) + after))
        rows.append(texts)
        origins.append(starts)
    width = max((len(r) for r in rows), default=0)
    for texts, starts in zip(rows, origins, strict=True):
        starts += list(range(len(texts), width))
        texts += [""] * (width - len(texts))
    return Table(rows, origins)


def _is_styled(paragraph: Any) -> bool:
    try:
        name = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, AttributeError, ValueError):
        name = ""
    if name.lower().startswith(("heading", "title")) or name.startswith("标题"):
        return True
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True  # a numbered paragraph: its 一、 is drawn by Word, not in the text
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PICTURE_TAGS = (f"{_W}drawing", f"{_W}pict", f"{_W}object")


def _pictures(body: Any) -> int:
    """Pictures and embedded objects in the body: where the tables are when there are none."""
    return sum(1 for _ in body.iter(*_PICTURE_TAGS))
