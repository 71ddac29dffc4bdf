"""A finding on a cell of 表二/表三/表四 (a place such as tables.requests.new_received.total,
e.g. table.mismatch: the report's cell differs from the data file) anchored on that printed
cell of the Word table.

The cell is found as the reader finds it: the tables printed in the section, the row whose
last label cell is the row's label (表四: its one row of values), and among the cells after
the labels the column's position in the format. It is used only when it holds the figure the
finding says the report printed; otherwise the finding goes on the section's heading.
"""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..formats import get_format
from ..reader.cells import classify
from ..reader.document import Document
from ..reader.docx_places import Places, Point
from ..reader.labels import bare_key, key
from ..reader.revisions import read_paragraph, w

SECTIONS = {"proactive": "s2_proactive", "requests": "s3_requests", "review_litigation": "s4_review_litigation"}


def cell_target(doc: Document, places: Places, finding: Finding, format_id: str | None) -> tuple[Point, Point] | None:
    parts = (finding.place or "").split(".")
    if len(parts) != 4 or parts[0] != "tables" or parts[1] not in SECTIONS or format_id not in ("2019", "2021"):
        return None
    _, table, row_id, col_id = parts
    layout = _layout(format_id, table, row_id, col_id)
    if layout is None:
        return None
    label, columns, index = layout
    for tbl in _tables_in(doc, places, SECTIONS[table]):
        for cells in _rows(tbl):
            labels = [n for n, (_, text) in enumerate(cells) if classify(text).kind == "label"]
            values = cells[labels[-1] + 1:] if labels else cells
            if len(values) != columns:
                continue
            if label is not None and not (labels and _same(cells[labels[-1]][1], label)):
                continue
            tc, text = values[index]
            if finding.found is not None and not _holds(text, finding.found):
                continue
            return _cell_points(tc)
    return None


def _layout(format_id: str, table: str, row_id: str, col_id: str) -> tuple[str | None, int, int] | None:
    """The row's label (None for 表四's single row), the number of value columns, and the
    column's position among them."""
    spec = get_format(format_id)
    try:
        if table == "review_litigation":
            flat = [(g.id, c.id) for g in spec.review.groups for c in g.columns]
            return None, len(flat), flat.index((row_id, col_id))
        if table == "requests":
            ids = [c.id for c in spec.requests.columns]
            return spec.requests.label(row_id), len(ids), ids.index(col_id)
        block = spec.proactive.block_of(row_id)
        ids = [c.id for c in block.columns]
        label = next(r.label for r in block.rows if r.id == row_id)
        return label, len(ids), ids.index(col_id)
    except (KeyError, ValueError, StopIteration):
        return None


def _same(printed: str, label: str) -> bool:
    return bool(key(printed)) and (key(printed) == key(label) or bare_key(printed) == bare_key(label))


def _holds(text: str, value: Any) -> bool:
    cell = classify(text)
    if cell.kind == "blank":
        return bool(value == 0)
    return cell.kind == "number" and cell.value == value


def _tables_in(doc: Document, places: Places, section: str) -> list[Any]:
    """The Word tables (w:tbl) printed in a section, in order."""
    out = []
    last: int | None = None
    offsets = {id(block): offset for offset, block in places.lines}
    for block in doc.blocks:
        if block.table is None:
            last = offsets.get(id(block))
            continue
        if last is not None and block.origin is not None and places.spot(last).section == section:
            out.append(block.origin)
    return out


def _rows(tbl: Any) -> list[list[tuple[Any, str]]]:
    """Each row's cells (a merged cell once) with their accepted text."""
    from ..reader.revisions import cell_text, row_removed

    out = []
    for tr in tbl.findall(w("tr")):
        if row_removed(tr):
            continue
        out.append([(tc, cell_text(tc).strip()) for tc in tr.findall(w("tc"))])
    return out


def _cell_points(tc: Any) -> tuple[Point, Point] | None:
    for p in tc.findall(w("p")):
        accepted = read_paragraph(p)
        text = accepted.text
        stripped = text.strip()
        if stripped:
            start = text.index(stripped)
            return Point(accepted, start), Point(accepted, start + len(stripped))
    return None
