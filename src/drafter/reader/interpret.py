"""Read the cells of 表二, 表三 and 表四 out of a grid, by their printed labels.

Each `read_*` function takes an expanded grid (reader/grid.py) and a format and returns
the table's mapping in the data-file shape (drafter.data.parse_data) plus findings for
what it had to guess: blank cells (read as 0), rows it could not place, rows missing.

Rows are found by their labels, never by position. Values are taken from the columns
under the header labels when the row agrees with the header (blank cells are then
known exactly); when it does not (plain-text copies lose and shift cells, a web table's
rowspan may be too short), a Word or web row with exactly one cell per column is read
cell by cell (its blank cells stay blank), and so is a plain-text row that printed every
cell (between tabs or pipes, or a dash for each blank one between spaces): its last
cells after the labels are the columns, aligned from the right. Any other row's numbers
are read in printed order. A printed total is kept as printed; only a blank, missing or
unreadable one is computed (and said so in a finding). The blank cells of a table are
reported in one warning that lists them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from ..findings import Finding, Severity
from ..formats import REVIEW_GROUPS, REVIEW_LEAVES, Block, Column, Format, get_format
from .cells import Cell, as_count
from .grid import RowView, Table, rows_of
from .labels import LabelIndex, key, nfkc

TABLE_ZH = {"t2": "表二", "t3": "表三", "t4": "表四"}
TABLE_SECTION = {"t2": "s2_proactive", "t3": "s3_requests", "t4": "s4_review_litigation"}
TABLE_KEY = {"t2": "proactive", "t3": "requests", "t4": "review_litigation"}

REQUEST_HEADER_KEYS = frozenset(
    {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "申请人情况", "法人或其他组织"}
)
REVIEW_GROUP_LABELS = {"行政复议": "review", "未经复议直接起诉": "lit_direct", "复议后起诉": "lit_after_review"}
REVIEW_TOP_LABELS = frozenset({"行政诉讼"})


MAX_LISTED_ROWS = 6  # rows named in the one warning about a table's blank cells


@dataclass(frozen=True)
class BlankCell:
    """A cell printed blank or with a dash, read as 0 (or, for a total, computed)."""

    place: str
    row: str  # the row's official label
    column: str  # the column's official label
    printed: str  # "" or the dash as printed
    total: bool  # a total: computed by the data loader, not 0
    grid_row: int


@dataclass
class TableRead:
    table: str  # t2 / t3 / t4
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # rows found but not read (reported already)
    blanks: list[BlankCell] = field(default_factory=list)  # reported together by report_blanks

    @property
    def matched(self) -> int:
        return len(self.rows)

    def note(self, rule: str, severity: Severity, message: str, place: str | None = None, **extra: Any) -> None:
        self.findings.append(
            Finding(rule=rule, severity=severity, message=message, section=TABLE_SECTION[self.table],
                    place=place, extra=extra)
        )

    def place(self, row: str, col: str | None = None) -> str:
        base = f"tables.{TABLE_KEY[self.table]}.{row}"
        return f"{base}.{col}" if col else base


# --------------------------------------------------------------------------- cell values


def _header_unit(header: str) -> str:
    text = nfkc(header)
    if "万元" in text:
        return "万元"
    return "元" if "元" in text else ""


def _put(read: TableRead, row_id: str, row_label: str, column: Column, cells: list[Cell],
         out: dict[str, Any], grid_row: int, header: str = "", total: bool = False) -> None:
    """Store the value of one cell (the first number among the grid cells it covers)."""
    where = f"{TABLE_ZH[read.table]}“{row_label}”一行“{column.label}”列"
    place = read.place(row_id, column.id)
    number = next((c for c in cells if c.kind == "number"), None)
    if number is None:
        wrong = next((c for c in cells if c.kind == "label"), None)
        if wrong is not None:
            read.note("table.bad_cell", "error", f"{where}写的是“{wrong.text}”，不是数字。请改为阿拉伯数字。",
                      place, row=grid_row)
            if not total:  # a total left out is computed by the data loader
                out[column.id] = 0
            return
        printed = next((c.text for c in cells if c.text), "")
        read.blanks.append(BlankCell(place, row_label, column.label, printed, total, grid_row))
        if not total:  # a total left blank is omitted: the data loader computes it
            out[column.id] = 0
        return
    assert number.value is not None
    value: Decimal = number.value
    if column.type == "decimal":
        unit = number.unit or _header_unit(header)
        out[column.id] = value / Decimal(10000) if unit == "元" else value
        return
    count = as_count(value)
    if count is None:
        read.note("table.bad_cell", "error", f"{where}是件数，应为整数，现在是“{number.text}”。请核对。",
                  place, row=grid_row)
        out[column.id] = 0
        return
    out[column.id] = count


def report_blanks(read: TableRead) -> None:
    """One warning for all the blank cells of a table: the first cell's place, every cell
    in `extra`, the rows named (a few of them when there are many)."""
    blanks = read.blanks
    if not blanks:
        return
    first = blanks[0]
    name = TABLE_ZH[read.table]
    if len(blanks) == 1:
        shown = f"写的是“{first.printed}”，没有写数字" if first.printed else "是空的"
        where = f"{name}“{first.row}”一行“{first.column}”列"
        message = (f"{where}{shown}，已按各列之和计算。请在表中填写总计。" if first.total
                   else f"{where}{shown}，按 0 处理。如果确实为 0，请填写 0。")
        read.note("table.blank_cell", "warning", message, first.place, row=first.grid_row)
        return
    marks = sorted({b.printed for b in blanks if b.printed})
    how = "或".join((["为空"] if any(not b.printed for b in blanks) else [])
                   + ["写“" + "”“".join(marks) + "”"] * bool(marks))
    totals = sum(1 for b in blanks if b.total)
    if totals == len(blanks):
        done = "已按各列之和计算"
    elif totals:
        done = f"已按 0 处理（其中 {totals} 个总计按各列之和计算）"
    else:
        done = "已按 0 处理"
    by_row: dict[str, list[BlankCell]] = {}
    for b in blanks:
        by_row.setdefault(b.row, []).append(b)
    named = [f"“{row}”一行的{_blank_columns(read, cells)}" for row, cells in list(by_row.items())[:MAX_LISTED_ROWS]]
    rest = f"等 {len(by_row)} 行" if len(by_row) > MAX_LISTED_ROWS else ""
    advice = "如果确实为 0，请填写 0" if totals < len(blanks) else ""
    if totals:
        advice += ("；" if advice else "") + "请在表中填写总计"
    read.note("table.blank_cell", "warning",
              f"{name}有 {len(blanks)} 个单元格{how}，{done}：{'；'.join(named)}{rest}。{advice}。",
              first.place, row=first.grid_row, cells=[b.place for b in blanks], count=len(blanks))


def _blank_columns(read: TableRead, cells: list[BlankCell]) -> str:
    """The blank columns of one row: named, or 全部 N 列 when the whole row is blank."""
    row_id = cells[0].place.split(".")[2]
    width = len(read.rows.get(row_id, {})) + sum(1 for b in cells if b.total)  # a blank total is not stored
    if len(cells) == width > 1:
        return f"全部 {width} 列"
    return "、".join(b.column for b in cells) + "列"


def _unreadable_row(read: TableRead, row_id: str, label: str, view: RowView, need: int) -> None:
    read.unreadable.add(row_id)
    if view.plain:  # every printed cell counts, a dash or (between tabs) an empty one too
        got = len(view.after_labels)
        found = f"一行应有 {need} 个单元格，读到 {got} 个，无法确定各单元格属于哪一列"
    else:
        got = len(view.numbers)
        found = f"一行应有 {need} 个数，读到 {got} 个，无法确定各数属于哪一列"
    read.note("structure.table_unreadable", "error",
              f"{TABLE_ZH[read.table]}“{label}”{found}，这一行按 0 处理。请核对原表，每个单元格填一个数（没有的填 0）。",
              read.place(row_id), row=view.index)


def _report_leftovers(read: TableRead, expected: list[tuple[str, str]], unknown: list[str]) -> None:
    missing = [label for rid, label in expected if rid not in read.rows and rid not in read.unreadable]
    if read.rows and missing:
        read.note("table.missing_row", "warning",
                  f"{TABLE_ZH[read.table]}没有找到以下 {len(missing)} 行，按 0 处理：{'、'.join(missing)}。"
                  "请对照官方格式补全表格。", missing=missing)
    if unknown:
        read.note("table.unknown_row", "warning",
                  f"{TABLE_ZH[read.table]}有不认识的行，未读取：{'、'.join(unknown)}。"
                  "请确认表格使用的是官方格式的行标题。", unknown=unknown)


# --------------------------------------------------------------------------- 表二


@cache
def _indexes(format_id: str) -> dict[str, LabelIndex]:
    """Label indexes of one format, built once: 表二 rows and each block's columns, 表三 rows
    and each group's children, 表四 leaves."""
    fmt = get_format(format_id)
    out = {"t2.rows": LabelIndex((r.id, r.label) for b in fmt.proactive.blocks for r in b.rows)}
    for block in fmt.proactive.blocks:
        out[f"t2.{block.id}"] = LabelIndex((c.id, c.label) for c in block.columns)
    req = fmt.requests
    out["t3.rows"] = LabelIndex((r.id, r.label) for r in req.rows.values())
    out["t3.columns"] = LabelIndex((c.id, c.label) for c in req.columns)
    for gid, row in req.rows.items():
        if row.is_group:
            out[f"t3.{gid}"] = LabelIndex((c, req.label(c)) for c in row.children)
    out["t4.leaves"] = LabelIndex(
        (leaf, c.label) for leaf, c in zip(REVIEW_LEAVES, fmt.review.groups[0].columns, strict=True)
    )
    return out


def read_proactive(grid: Table, fmt: Format) -> TableRead:
    read = TableRead("t2")
    spec = fmt.proactive
    row_index = _indexes(fmt.id)["t2.rows"]
    captions = {key(b.caption) for b in spec.blocks} | {key(b.caption) for b in _other(fmt).proactive.blocks}
    stub = key(spec.blocks[0].header_stub)
    header: dict[int, str] = {}
    unknown: list[str] = []
    for view in rows_of(grid):
        if not view.labels:
            continue
        keys = [key(text) for _, text in view.labels]
        if stub in keys:
            first = next(j for j, text in view.labels if key(text) == stub)
            header = {j: c.text for j, c in enumerate(view.cells) if j > first and c.kind == "label"}
            continue
        if any(k in captions for k in keys) and not view.numbers:
            header = {}
            continue
        first_value = min(header) if header else None
        row_id = None
        if first_value is not None and view.labels_before(first_value):
            row_id = _match_last(view.labels_before(first_value), row_index)
        if row_id is None:
            row_id = _match_last(view.labels, row_index)
        if row_id is None:
            if view.all_numbers:
                unknown.append(view.label_text)
            continue
        if row_id in read.rows:
            continue
        block = spec.block_of(row_id)
        label = next(r.label for r in block.rows if r.id == row_id)
        values: dict[str, Any] = {}
        if _proactive_by_header(read, view, block, header, row_id, label, values, fmt.id) or \
                _proactive_by_order(read, view, block, row_id, label, values):
            read.rows[row_id] = values
    report_blanks(read)
    _report_leftovers(read, [(r.id, r.label) for b in spec.blocks for r in b.rows], unknown)
    return read


def _proactive_by_header(read: TableRead, view: RowView, block: Block, header: dict[int, str],
                         row_id: str, label: str, out: dict[str, Any], format_id: str) -> bool:
    index = _indexes(format_id)[f"t2.{block.id}"]
    positions: dict[str, list[int]] = {c.id: [] for c in block.columns}
    for j, text in header.items():
        cid = index.match(text)
        if cid is not None:
            positions[cid].append(j)
    covered = {j for cols in positions.values() for j in cols}
    if not all(positions.values()):
        return False
    first = min(covered)
    if not view.labels_before(first):
        return False
    if any(j not in covered for j, _ in view.all_numbers if j >= first):
        return False
    # a value merged across the header's columns belongs where its merged cell starts
    # (行政许可 | 0 merged over two columns | 0 … under 上一年项目数量 | 本年增/减 over two)
    own = {cid: [j for j in cols if view.origin(j) in cols] for cid, cols in positions.items()}
    if not all(own.values()):
        return False  # a column holds no cell of its own: the row does not follow the header
    for column in block.columns:
        cols = own[column.id]
        _put(read, row_id, label, column, [view.at(j) for j in cols], out, view.index, header[positions[column.id][0]])
    return True


def _proactive_by_order(read: TableRead, view: RowView, block: Block, row_id: str, label: str,
                        out: dict[str, Any]) -> bool:
    region = view.after_labels
    while region and not region[-1].text:
        region.pop()
    numbers = [c for c in region if c.kind == "number"]
    spans = [c.colspan for c in block.columns]
    printed = _text_cells(view, len(block.columns)) if view.plain else None
    if len(numbers) == len(block.columns):
        groups = [[c] for c in numbers]
    elif len(region) == len(block.columns):
        groups = [[c] for c in region]
    elif len(region) == sum(spans):
        starts = [sum(spans[:i]) for i in range(len(spans))]
        groups = [region[s:s + n] for s, n in zip(starts, spans, strict=True)]
    elif printed is not None:  # a text row of blank cells (规章\t\t\t): each printed cell is one value
        groups = [[c] for c in printed]
    else:
        _unreadable_row(read, row_id, label, view, len(block.columns))
        return False
    for column, cells in zip(block.columns, groups, strict=True):
        _put(read, row_id, label, column, cells, out, view.index)
    return True


# --------------------------------------------------------------------------- 表三


def read_requests(grid: Table, fmt: Format) -> TableRead:
    read = TableRead("t3")
    spec = fmt.requests
    views = rows_of(grid)
    indexes = _indexes(fmt.id)
    all_rows = indexes["t3.rows"]
    child_index = {gid: indexes[f"t3.{gid}"] for gid, row in spec.rows.items() if row.is_group}
    positions, header_rows = _request_positions(views, fmt)
    group: str | None = None
    unknown: list[str] = []
    short: list[str] = []
    for view in views:
        if view.index in header_rows or not view.labels:
            continue
        row_id: str | None = None
        values: dict[str, Any] = {}
        if view.plain:
            # a text row that printed all seven cells, blank ones included: read cell by cell
            row_id, row_group = _match_request_row(view.labels, all_rows, child_index, spec.rows, group)
            printed = _text_cells(view, len(spec.columns), positions, _adds_up) if row_id is not None else None
            if row_id is not None and printed is not None:
                group = row_group
                if row_id in read.rows:
                    continue
                label = spec.label(row_id)
                for column, cell in zip(spec.columns, printed, strict=True):
                    _put(read, row_id, label, column, [cell], values, view.index, total=column.id == "total")
                read.rows[row_id] = values
                continue
        if positions and view.labels_before(positions[0]):
            row_id, row_group = _match_request_row(view.labels_before(positions[0]), all_rows, child_index,
                                                   spec.rows, group)
            # every number under a value column: a row shifted left (a merged label cell
            # lost, a rowspan too short) is read by order instead
            if row_id is not None and all(j in positions for j, _ in view.all_numbers):
                group = row_group
                if row_id in read.rows:
                    continue
                label = spec.label(row_id)
                for column, j in zip(spec.columns, positions, strict=True):
                    _put(read, row_id, label, column, [view.at(j)], values, view.index,
                         total=column.id == "total")
                read.rows[row_id] = values
                continue
        row_id, group = _match_request_row(view.labels, all_rows, child_index, spec.rows, group)
        if row_id is None:
            if view.numbers:
                unknown.append(view.label_text)
            continue
        if row_id in read.rows:
            continue
        label = spec.label(row_id)
        numbers = view.numbers
        region = _value_region(grid, view, len(spec.columns))
        if len(numbers) < len(spec.columns) and region is not None:
            # a Word or web table: each value has its own cell, blank ones included
            for column, cell in zip(spec.columns, region, strict=True):
                _put(read, row_id, label, column, [cell], values, view.index, total=column.id == "total")
        elif len(numbers) >= len(spec.columns):
            for column, (_, cell) in zip(spec.columns, numbers[-len(spec.columns):], strict=True):
                _put(read, row_id, label, column, [cell], values, view.index)
        elif len(numbers) == len(spec.applicant_columns) or (
                view.plain and len(view.after_labels) == len(spec.applicant_columns)):
            six = view.after_labels if len(numbers) < len(spec.applicant_columns) else [c for _, c in numbers]
            for column, cell in zip(spec.columns, six, strict=False):
                _put(read, row_id, label, column, [cell], values, view.index)
            short.append(label)
        else:
            _unreadable_row(read, row_id, label, view, len(spec.columns))
            continue
        read.rows[row_id] = values
    if short:
        read.note("table.short_row", "warning",
                  f"表三有 {len(short)} 行只有 6 个单元格（应为 7 个）：{'、'.join(short)}。"
                  "已把这 6 个单元格读作六类申请人，总计按六类之和计算。请核对原表是否缺了单元格。", rows=short)
    report_blanks(read)
    _report_leftovers(read, [(r, spec.label(r)) for r in spec.data_rows], unknown)
    return read


def _request_positions(views: list[RowView], fmt: Format) -> tuple[list[int] | None, set[int]]:
    """Grid columns of the seven value columns, from the header rows, and those rows."""
    header_rows = {v.index for v in views if v.label_keys() & REQUEST_HEADER_KEYS and not v.numbers}
    found: list[int] = []
    index = _indexes(fmt.id)["t3.columns"]
    header = [(j, c.text) for v in views if v.index in header_rows for j, c in enumerate(v.cells) if c.kind == "label"]
    for column in fmt.requests.columns:
        ck = key(column.label)
        pos = next((j for j, text in header if key(text) == ck), None)
        if pos is None:  # 公益组织, 法律服务 … : a header label printed short
            pos = next((j for j, text in header if index.match(text) == column.id), None)
        if pos is None:
            return None, header_rows
        found.append(pos)
    if any(b <= a for a, b in zip(found, found[1:], strict=False)):
        return None, header_rows
    return found, header_rows


def _match_request_row(labels: list[tuple[int, str]], all_rows: LabelIndex, child_index: dict[str, LabelIndex],
                       rows: dict[str, Any], group: str | None) -> tuple[str | None, str | None]:
    """The data row a grid row's labels name, and the group (（三）…（六）) it is under."""
    if not labels:
        return None, group
    matched = [all_rows.match(text) for _, text in labels]
    for rid in matched:
        if rid is not None and rows[rid].is_group and rows[rid].level == 2:
            group = rid
        elif rid is not None and rows[rid].level == 1:
            group = None
    last = labels[-1][1]
    rid = child_index[group].match(last) if group in child_index else None
    if rid is None:
        rid = matched[-1] or all_rows.match("".join(text for _, text in labels))
    if rid is None or rows[rid].is_group:
        return None, group
    parent = rows[rid].parent
    group = parent if parent is not None and rows[parent].level == 2 else None
    return rid, group


# --------------------------------------------------------------------------- 表四


def read_review(grid: Table, fmt: Format) -> TableRead:
    read = TableRead("t4")
    _read_review(read, grid, fmt)
    report_blanks(read)
    return read


def _read_review(read: TableRead, grid: Table, fmt: Format) -> None:
    views = rows_of(grid)
    leaf_index = _indexes(fmt.id)["t4.leaves"]
    groups = {g.id: g for g in fmt.review.groups}
    heads = set(REVIEW_GROUP_LABELS) | REVIEW_TOP_LABELS
    leaf_at: dict[int, str] = {}
    data_views: list[RowView] = []
    for view in views:
        if view.all_numbers or _values_only(view):
            data_views.append(view)
            continue
        for j, cell in enumerate(view.cells):
            if cell.kind == "label" and key(cell.text) not in heads:
                leaf = leaf_index.match(cell.text)
                if leaf is not None:
                    leaf_at[j] = leaf
    # one row per group (行政复议 | 0 0 0 0 0), as some local variants print it
    by_group = {REVIEW_GROUP_LABELS[key(v.labels[-1][1])]: v for v in data_views
                if v.labels and key(v.labels[-1][1]) in REVIEW_GROUP_LABELS}
    if by_group:
        for gid, view in by_group.items():
            five = _text_cells(view, 5, balanced=_adds_up) or _value_region(grid, view, 5)
            _review_row(read, groups[gid], five or [c for _, c in view.numbers], view)
        _report_leftovers(read, [(g.id, g.label) for g in fmt.review.groups], [])
        return
    if not data_views:
        return
    view = max(data_views, key=lambda v: len(v.all_numbers))
    positions = sorted(leaf_at)
    layout_ok = len(positions) == 15 and [leaf_at[j] for j in positions] == list(REVIEW_LEAVES) * 3
    numbers = view.numbers
    printed = _printed_review(data_views)
    region = _value_region(grid, view, 15)
    if layout_ok and all(j in positions for j, _ in view.all_numbers):
        cells = [view.at(j) for j in positions]
    elif printed is not None:
        view, cells = printed  # a text row (or rows) printing all 15 cells, blank ones included
    elif len(numbers) == 15:
        cells = [c for _, c in numbers]
    elif region is not None:
        cells = region  # a Word or web table with blank cells: each value in its own cell
    else:
        if view.plain:  # every printed cell counts, a dash or (between tabs) an empty one too
            found = (f"表四应有 15 个单元格（行政复议 5 个、行政诉讼 10 个），读到 {len(view.after_labels)} 个，"
                     "无法确定各单元格属于哪一列。")
        else:
            found = f"表四应有 15 个数（行政复议 5 个、行政诉讼 10 个），只读到 {len(numbers)} 个，无法确定各数属于哪一列。"
        read.note("structure.table_unreadable", "error", found + "请核对原表，没有的填 0。", row=view.index)
        return
    for i, gid in enumerate(REVIEW_GROUPS):
        _review_row(read, groups[gid], cells[i * 5:(i + 1) * 5], view)


def _values_only(view: RowView) -> bool:
    """A row of numbers and dashes only, no label (表四's row of values); in plain text,
    also a row of empty cells (a line of tabs)."""
    if any(c.kind == "label" for c in view.cells):
        return False
    return any(c.text for c in view.cells) or (view.plain and view.width >= 5)


def _printed_review(data_views: list[RowView]) -> tuple[RowView, list[Cell]] | None:
    """表四's 15 cells in a plain-text table: one row that printed them all, or the first
    of consecutive rows of values that together print them (a PDF copy wraps the row
    onto two or three lines)."""
    plain = [v for v in data_views if v.plain and not v.labels]
    for view in plain:
        cells = _text_cells(view, 15, balanced=_groups_add_up)
        if cells is not None:
            return view, cells
    for n, first in enumerate(plain):
        joined: list[Cell] = []
        previous = first.index - 1
        for view in plain[n:]:
            if view.index != previous + 1 or len(joined) >= 15:
                break
            printed = view.after_labels
            while printed and not printed[-1].text:
                printed.pop()
            joined += printed
            previous = view.index
        if len(joined) == 15 and previous > first.index:
            return first, joined
    return None


def _review_row(read: TableRead, group: Any, cells: list[Cell], view: RowView) -> None:
    if len(cells) != 5:
        _unreadable_row(read, group.id, group.label, view, 5)
        return
    values: dict[str, Any] = {}
    for column, cell in zip(group.columns, cells, strict=True):
        _put(read, group.id, group.label, column, [cell], values, view.index, total=column.id == "total")
    read.rows[group.id] = values


# --------------------------------------------------------------------------- helpers


def _value_region(grid: Table, view: RowView, want: int) -> list[Cell] | None:
    """The `want` cells after a row's labels, one per printed cell, for tables that keep
    their cells (Word, HTML), or None: plain text (a blank cell may have left no trace),
    or a row with another number of cells."""
    if grid.origins is None:
        return None
    origins = view.origins
    region: list[Cell] = []
    for j in range(view.label_end + 1, len(view.cells)):
        if j < len(origins) and origins[j] != j and origins[j] > view.label_end:
            continue  # a cell merged across several grid columns counts once
        region.append(view.cells[j])
    if len(region) > want and not any(c.text for c in region[want:]):
        region = region[:want]  # a row shifted left leaves empty positions at its end
    return region if len(region) == want else None


def _text_cells(view: RowView, want: int, positions: list[int] | None = None,
                balanced: Callable[[list[Cell]], bool] | None = None) -> list[Cell] | None:
    """The `want` value cells of a plain-text row that printed every cell: separated by
    tabs or pipes (an empty cell is a cell) or by spaces with a dash for each blank.
    They are the last `want` cells the row printed after its labels; empty cells beyond
    them are a label spread over two cells (before) or padding (after) and are dropped.
    When empty cells could be dropped on either side, the cells under the header's
    columns (`positions`) win, then a choice whose totals add up (`balanced`),
    then the last cells. None when the row printed fewer cells, or more that are not empty."""
    if not view.plain:
        return None
    cells = view.after_labels
    extra = len(cells) - want
    if extra < 0:
        return None
    fits = [s for s in range(extra + 1)
            if not any(c.text for c in cells[:s]) and not any(c.text for c in cells[s + want:])]
    if not fits:
        return None
    if len(fits) > 1 and positions is not None:
        start = view.label_end + 1
        under = [s for s in fits if positions == list(range(start + s, start + s + want))]
        fits = under or fits
    if len(fits) > 1 and balanced is not None:
        fits = [s for s in fits if balanced(cells[s:s + want])] or fits
    s = fits[-1]
    return cells[s:s + want]


def _adds_up(cells: list[Cell]) -> bool:
    """The last cell is printed and is the sum of the others (blank ones as 0)."""
    total = cells[-1]
    if total.kind != "number" or any(c.kind == "label" for c in cells):
        return False
    return sum((c.value for c in cells[:-1] if c.value is not None), Decimal(0)) == total.value


def _groups_add_up(cells: list[Cell]) -> bool:
    """表四's three groups of five: each total the sum of its four results."""
    return all(_adds_up(cells[i:i + 5]) for i in range(0, len(cells), 5))


def _match_last(labels: list[tuple[int, str]], index: LabelIndex) -> str | None:
    for _, text in reversed(labels):
        found = index.match(text)
        if found is not None:
            return found
    return index.match("".join(text for _, text in labels))


def _other(fmt: Format) -> Format:
    return get_format("2021" if fmt.id == "2019" else "2019")
