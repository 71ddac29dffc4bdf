"""How printed lines become the document's paragraphs: page numbers and running headers and
footers dropped, wrapped lines joined into paragraphs, tables cut by a page break joined
(reader/pdf.py reads the pages)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .document import Block, Document
from .grid import Table

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_·•\s]*\d{1,4}[-—–－_·•\s]*"
    r"|第\s*\d{1,4}\s*页\s*(?:[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
EDGE_ZONE = 0.12  # share of the page height at the top and at the bottom where running lines sit


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    cells: str = ""  # the line with a wide gap printed as two spaces: cells of a table drawn without lines


@dataclass
class Page:
    width: float
    height: float
    items: list[Line | Table] = field(default_factory=list)
    tops: list[float] = field(default_factory=list)  # where each item starts on the page
    ends: list[float] = field(default_factory=list)  # table items: their right edges, to match a continuation
    chars: int = 0
    images: int = 0


# --------------------------------------------------------------------------- running lines


def _running_key(text: str) -> str:
    return _DIGITS.sub("#", text.replace(" ", ""))


def drop_running_lines(pages: list[Page]) -> None:
    """Page numbers at the top or bottom of a page, and lines printed at the top or bottom
    of most pages (the same words, the page number aside), are the printing's, not the text's."""
    zones: Counter[tuple[str, str]] = Counter()
    for page in pages:
        seen: set[tuple[str, str]] = set()
        for item in page.items:
            zone = _zone(page, item)
            if zone:
                seen.add((zone, _running_key(item.text)))  # type: ignore[union-attr]
        zones.update(seen)
    repeated = {k for k, n in zones.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    for page in pages:
        keep = []
        for n, item in enumerate(page.items):
            zone = _zone(page, item)
            if zone and isinstance(item, Line):
                if _PAGE_NUMBER.match(item.text) or (zone, _running_key(item.text)) in repeated:
                    continue
            keep.append(n)
        page.items = [page.items[n] for n in keep]
        page.tops = [page.tops[n] for n in keep]
        page.ends = [page.ends[n] for n in keep]


def _zone(page: Page, item: Line | Table) -> str:
    if not isinstance(item, Line):
        return ""
    if item.bottom <= page.height * EDGE_ZONE:
        return "top"
    if item.top >= page.height * (1 - EDGE_ZONE):
        return "bottom"
    return ""


# --------------------------------------------------------------------------- paragraphs


def paragraphs_and_tables(pages: list[Page], doc: Document, cells: bool = False) -> None:
    """Lines joined into paragraphs, tables in between. With `cells`, a paragraph of one line
    keeps its wide gaps as cell boundaries (for the text reader's tables drawn without lines)."""
    lines = [item for page in pages for item in page.items if isinstance(item, Line)]
    left = min((ln.x0 for ln in lines), default=0.0)
    right = _right_edge(lines)
    current: list[Line] = []

    def flush() -> None:
        if cells and len(current) == 1 and current[0].cells:
            doc.blocks.append(Block(text=current[0].cells.strip(), styled=current[0].bold))
            current.clear()
        if current:
            text = current[0].text
            for before, line in zip(current, current[1:], strict=False):
                text += (" " if before.text[-1:].isascii() and line.text[:1].isascii() and
                         before.text[-1:].isalnum() and line.text[:1].isalnum() else "") + line.text
            doc.paragraph(text, styled=all(ln.bold for ln in current))
            current.clear()

    closing: tuple[Table, float] | None = None  # the table that closed the page before, and its right edge
    for page in pages:
        closed_by: tuple[Table, float] | None = None
        for n, item in enumerate(page.items):
            if isinstance(item, Table):
                flush()
                end = page.ends[n]
                if n == 0 and closing is not None and _continues(closing, item, end):
                    extend(closing[0], item)
                    table = closing[0]
                else:
                    doc.blocks.append(Block(table=item))
                    table = item
                if n == len(page.items) - 1:
                    closed_by = (table, end)
            else:
                if current and _starts_paragraph(current[-1], item, left, right, page_break=n == 0):
                    flush()
                current.append(item)
        closing = closed_by
    flush()
    doc.blocks = [b for b in doc.blocks if b.table is None or any(c.strip() for row in b.table.grid for c in row)]


def _right_edge(lines: list[Line]) -> float:
    if not lines:
        return 0.0
    ends = sorted(ln.x1 for ln in lines)
    return ends[int(len(ends) * 0.9)]


def _starts_paragraph(prev: Line, line: Line, left: float, right: float, page_break: bool) -> bool:
    size = max(line.size, 1.0)
    if line.x0 - left > 1.2 * size:
        return True  # indented first line, or a centred line
    if prev.x1 < right - 1.5 * size:
        return True  # the line before stopped short: its paragraph ended there
    if abs(line.size - prev.size) > 1.5 or line.bold != prev.bold:
        return True
    return not page_break and line.top - prev.bottom > 1.6 * size


def _continues(previous: tuple[Table, float], table: Table, right: float) -> bool:
    """Whether a table that opens a page is the rest of the table that closed the page
    before: as many columns, the same right edge."""
    before, before_right = previous
    width = len(before.grid[0]) if before.grid else 0
    return bool(table.grid) and len(table.grid[0]) == width and abs(before_right - right) <= 3


def extend(table: Table, rest: Table) -> None:
    """Append `rest` to `table`, dropping the header rows the printing repeated on the new page."""
    skip = 0
    while skip < len(rest.grid) and skip < len(table.grid) and rest.grid[skip] == table.grid[skip] and skip < 6:
        skip += 1
    if skip == len(rest.grid):
        return
    rows = [list(row) for row in rest.grid[skip:]]
    origins = [rest.origin_row(r) for r in range(skip, len(rest.grid))]
    table.grid.extend(rows)
    if table.origins is not None:
        table.origins.extend(origins)


