"""PDF reports (a text PDF, as printed from Word or WPS) → paragraphs and tables.

pdfplumber (on pdfminer.six and pypdfium2) gives each page's characters, lines and ruling
lines. Tables are found by their ruling lines; a merged cell is one bounding box over
several grid positions, which is expanded into each position it covers, with the column
it starts in, exactly as the Word and HTML readers do. Text outside the tables is read
line by line and joined back into paragraphs: a paragraph ends where the next line is
indented (Chinese paragraphs indent their first line), where a line stops short of the
right margin, or at a wide gap.

Printing adds what the document does not hold: page numbers (`- 3 -`, `第 3 页 共 5 页`) and
lines repeated at the top or bottom of most pages (a running header or footer) are
dropped. A table that a page break cut in two is joined back: the piece that opens a
page continues the table that closed the page before when their columns agree; its
repeated header rows are dropped (reader/pdflayout.py). A PDF whose tables are printed without
ruling lines is read again by the plain-text reader, which knows tables in columns of text.

A scanned PDF has no text layer (pages that are pictures): no OCR is done, the reader
says so and what to do instead.
"""

from __future__ import annotations

import io
import re
import statistics
from typing import Any

from ..errors import ReportReadError
from .document import Document
from .grid import Table
from .labels import RADICALS
from .pdflayout import Line, Page, drop_running_lines, paragraphs_and_tables

MAX_PAGES = 200  # an annual report runs to a few dozen pages at most
SCANNED_CHARS_PER_PAGE = 15  # fewer characters than this on a page with a picture: a scan
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
                   "join_tolerance": 3, "intersection_tolerance": 3}
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_GAP = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_BOLD = re.compile(r"bold|heavy|black|hei|黑|demi", re.I)


def clean(text: str) -> str:
    """A line or cell as read: no space next to a Chinese character (printing puts a gap
    between runs of two fonts, as in `2023 年`), other whitespace folded."""
    return _GAP.sub("", " ".join(text.split())).translate(RADICALS)


def pdf_to_documents(data: bytes, source: str) -> list[Document]:
    """The PDF's paragraphs and tables; when it has no table drawn with lines, first the same
    text read by the plain-text reader (which knows tables printed as columns of text), to be
    kept only if its tables read cleanly (read_report decides)."""
    pages = _read_pages(data, source)
    _check_text_layer(pages, source)
    drop_running_lines(pages)
    doc = Document()
    doc.pictures = sum(p.images for p in pages)
    paragraphs_and_tables(pages, doc)
    if doc.tables:
        return [doc]
    doc.tables_hint = "PDF 中没有带表格线的表格（表格可能没有画线，或是图片）"
    unruled = _unruled(pages)
    if unruled is None:
        return [doc]
    unruled.pictures = doc.pictures
    return [unruled, doc]


def pdf_to_document(data: bytes, source: str) -> Document:
    return pdf_to_documents(data, source)[-1]


def _unruled(pages: list[Page]) -> Document | None:
    from .text import text_to_document

    lined = Document()
    paragraphs_and_tables(pages, lined, cells=True)
    text = text_to_document("\n".join(b.text for b in lined.blocks if b.table is None))
    return text if text.tables else None


# --------------------------------------------------------------------------- pages


def _read_pages(data: bytes, source: str) -> list[Page]:
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # a font's missing metrics are no concern of a clerk's

    pages: list[Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ReportReadError(
                    f"PDF 有 {len(pdf.pages)} 页（上限 {MAX_PAGES} 页），不像一份年度报告。请确认选对了文件。", source
                )
            for page in pdf.pages:
                pages.append(_read_page(page))
                page.close()  # frees the page's layout objects as soon as it is read
    except ReportReadError:
        raise
    except Exception as exc:  # pdfminer raises many types on a damaged or encrypted file
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name or "password" in str(exc).lower():
            raise ReportReadError(
                "PDF 设置了打开密码，无法读取。请提供未加密的 PDF，或报告的 Word(.docx)/网页原文。", source
            ) from None
        raise ReportReadError(
            f"PDF 文件已损坏或无法解析（{name}）。请重新导出 PDF，或提供报告的 Word(.docx)/网页原文。", source
        ) from None
    return pages


def _read_page(page: Any) -> Page:
    out = Page(float(page.width), float(page.height), chars=len(page.chars), images=len(page.images))
    if any(_background(r, out) for r in page.rects):
        page = page.filter(lambda obj: obj.get("object_type") != "rect" or not _background(obj, out))
    found = page.find_tables(_TABLE_SETTINGS)
    boxes = [t.bbox for t in found]
    placed: list[tuple[float, Line | Table, float]] = []
    for table in found:
        grid = _table(table)
        if grid is not None:
            placed.append((float(table.bbox[1]), grid, float(table.bbox[2])))

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    for line in text_page.extract_text_lines(strip=True, return_chars=True):
        text = clean(line["text"])
        if not text:
            continue
        chars = [c for c in line["chars"] if c["text"].strip()]
        size = statistics.median([float(c["size"]) for c in chars]) if chars else float(line["bottom"] - line["top"])
        bold = bool(chars) and all(_BOLD.search(str(c.get("fontname", ""))) for c in chars)
        placed.append((float(line["top"]), Line(text, float(line["x0"]), float(line["x1"]), float(line["top"]),
                                                 float(line["bottom"]), size, bold, _cells(chars, size)), 0.0))
    placed.sort(key=lambda item: item[0])
    out.items = [item for _, item, _ in placed]
    out.tops = [top for top, _, _ in placed]
    out.ends = [end for _, _, end in placed]
    return out


def _cells(chars: list[dict[str, Any]], size: float) -> str:
    """The line's characters, a gap wider than a character printed as two spaces (the text
    reader's cell boundary), a narrower one between two Latin letters or digits as one."""
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for c in chars:
        if previous is not None:
            gap = float(c["x0"]) - float(previous["x1"])
            if gap > 0.9 * size:
                out.append("  ")
            elif gap > 0.2 * size and str(previous["text"])[-1:].isascii() and str(c["text"])[:1].isascii():
                out.append(" ")
        out.append(str(c["text"]))
        previous = c
    return "".join(out).translate(RADICALS)


def _background(rect: dict[str, Any], page: Page) -> bool:
    """A filled rectangle behind the text (a page's white background, a shaded frame): no
    ruling line. Browsers print a page's background as one; taken for a line, it would make
    the whole page one table cell."""
    width, height = float(rect.get("width", 0)), float(rect.get("height", 0))
    if width > 0.4 * page.width and height > 0.2 * page.height:
        return True
    color = rect.get("non_stroking_color")
    white = isinstance(color, (tuple, list)) and len(color) in (1, 3, 4) and (
        all(float(c) >= 0.98 for c in color) if len(color) != 4 else all(float(c) <= 0.02 for c in color))
    return bool(rect.get("fill")) and not rect.get("stroke") and white and min(width, height) > 3


def _table(found: Any) -> Table | None:
    """A pdfplumber table as an expanded grid: each cell's box covers the columns whose
    left edges and the rows whose tops lie inside it."""
    cells: list[tuple[tuple[float, float, float, float], str]] = []
    for row, texts in zip(found.rows, found.extract(), strict=False):
        for box, text in zip(row.cells, texts, strict=False):
            if box is not None:
                cells.append((box, clean(text or "")))
    if not cells:
        return None
    xs = sorted({round(box[0], 1) for box, _ in cells})
    ys = sorted({round(box[1], 1) for box, _ in cells})
    if len(xs) * len(ys) > 20_000:
        return None
    grid = [[""] * len(xs) for _ in ys]
    origins = [list(range(len(xs))) for _ in ys]
    for (x0, top, x1, bottom), text in cells:
        c0, r0 = xs.index(round(x0, 1)), ys.index(round(top, 1))
        c1 = max(c0 + 1, sum(1 for x in xs if x < x1 - 1))
        r1 = max(r0 + 1, sum(1 for y in ys if y < bottom - 1))
        for r in range(r0, r1):
            for c in range(c0, c1):
                grid[r][c] = text
                origins[r][c] = c0
    return Table(grid, origins)


# --------------------------------------------------------------------------- scanned pages


def _check_text_layer(pages: list[Page], source: str) -> None:
    if not pages:
        raise ReportReadError("PDF 中没有任何页面。请确认文件完整。", source)
    text_pages = [p for p in pages if p.chars >= SCANNED_CHARS_PER_PAGE]
    lines = [item.text for p in pages for item in p.items if isinstance(item, Line)]
    if "(cid:" in "".join(lines[:200]):
        raise ReportReadError(
            "PDF 中的文字无法提取（字体没有附带文字编码，取出的是乱码）。请提供报告的 Word(.docx)/网页原文，"
            "或用 WPS/Word 打开后重新导出 PDF。",
            source,
        )
    if text_pages:
        return
    if any(p.images for p in pages):
        raise ReportReadError(
            "这是扫描版 PDF：页面是图片，没有可选中的文字，drafter 无法读取（不做文字识别）。"
            "请提供报告的 Word(.docx)/网页原文，或先用 WPS、Adobe Acrobat 等软件的“文字识别（OCR）”功能"
            "转换成 Word 或可选中文字的 PDF，核对识别出的数字后再运行 drafter check。",
            source,
        )
    raise ReportReadError("PDF 中没有文字。请确认选对了文件，或提供报告的 Word(.docx)/网页原文。", source)

