"""The three report tables (表二, 表三, 表四) as grids of cells, exactly as the official
layout merges them. One model for every writer: the HTML, DOCX, Markdown and text writers
all print the same rows and cells, so the layouts cannot drift apart.

Layouts (format yaml comments, formats.md §3, and the seed report):

- 表二, per block: a caption row spanning the grid, a header row (信息内容 + the column
  labels with their colspans) and the data rows. The grid is the format's `grid_columns`
  (4 in 2021; 5 in the 2019 trial format, whose blocks （八）/（九） have two value columns
  of colspan 2). In a block whose value columns are narrower than the grid, the stub
  column (信息内容 and the row labels) spans the rest, so every row fills the grid.
- 表三: three header rows (the corner note colspan 3 rowspan 3; 申请人情况 over the seven
  data columns; 自然人 and 总计 rowspan 2, 法人或其他组织 over its five sub-columns), then
  the label block over three label columns: 一、二、四、 colspan 3; 三、本年度办理结果 with a
  rowspan over all its data rows (22 in 2021, 20 in 2019); （一）（二）（七） (and the 2019
  （六）) colspan 2; （三）（四）（五）（六） rowspan over their numbered sub-items, which sit
  in the third label column.
- 表四: 行政复议 colspan 5 | 行政诉讼 colspan 10; the five review leaf headers rowspan 2,
  未经复议直接起诉 and 复议后起诉 colspan 5 each; their ten leaf headers; one data row of
  15 cells.

Every value cell is written out (0, never blank); decimal cells use the column's decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from ..data import ReportData
from ..errors import RenderError
from ..formats import Column, Format, RequestsTable

CellRole = Literal["caption", "header", "corner", "label", "value"]
RowKind = Literal["caption", "header", "data"]


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    is_header: bool = False
    role: CellRole = "value"
    place: str | None = None  # data path of a value cell: tables.requests.granted.total


@dataclass(frozen=True)
class TableRow:
    kind: RowKind
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Slot:
    """One grid position and the cell covering it."""

    cell: Cell
    origin: bool  # the top-left position of the cell


@dataclass(frozen=True)
class Table:
    id: str  # t2_proactive / t3_requests / t4_review_litigation
    section: str  # s2_proactive / s3_requests / s4_review_litigation
    width: int  # grid columns
    rows: tuple[TableRow, ...]
    col_widths_mm: tuple[float, ...]  # suggested width of each grid column on an A4 page
    header_rows: int = 0  # leading rows to repeat on every page (表三, 表四)

    def grid(self) -> list[list[Slot]]:
        """Every grid position with the cell covering it (rowspan/colspan expanded)."""
        return expand(self)

    @property
    def value_cells(self) -> list[Cell]:
        return [c for row in self.rows for c in row.cells if c.role == "value"]


def expand(table: Table) -> list[list[Slot]]:
    """Place the cells like an HTML table does; refuse a layout that does not tile the grid."""
    n = len(table.rows)
    grid: list[list[Slot | None]] = [[None] * table.width for _ in range(n)]
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row.cells:
            while c < table.width and grid[r][c] is not None:
                c += 1
            if c + cell.colspan > table.width or r + cell.rowspan > n:
                raise _layout_error(table, r, cell)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if grid[r + dr][c + dc] is not None:
                        raise _layout_error(table, r, cell)
                    grid[r + dr][c + dc] = Slot(cell, dr == 0 and dc == 0)
            c += cell.colspan
    for r, line in enumerate(grid):
        if any(slot is None for slot in line):
            raise RenderError(f"内部错误：{table.id} 第 {r + 1} 行没有填满表格。请向维护者报告。")
    return [[slot for slot in line if slot is not None] for line in grid]


def _layout_error(table: Table, r: int, cell: Cell) -> RenderError:
    return RenderError(f"内部错误：{table.id} 第 {r + 1} 行的单元格“{cell.text}”超出表格范围。请向维护者报告。")


def format_number(value: int | Decimal | float, column: Column) -> str:
    """A cell value as printed: integers plainly; decimals with the column's decimals, or as given."""
    if column.type == "decimal":
        number = Decimal(str(value))
        if column.decimals is not None:
            return f"{number.quantize(Decimal(1).scaleb(-column.decimals), rounding=ROUND_HALF_UP):f}"
        if number == number.to_integral_value():
            return str(int(number))
        return format(number.normalize(), "f")
    return str(int(value))


def build_tables(data: ReportData) -> list[Table]:
    """表二, 表三, 表四 of this report, in section order."""
    fmt = data.spec
    return [proactive_table(data, fmt), requests_table(data, fmt), review_table(data, fmt)]


# --------------------------------------------------------------------------- 表二

STUB_MM = 36.0
TEXT_WIDTH_MM = 156.0  # A4 210 mm minus 28 mm left and 26 mm right margins


def proactive_table(data: ReportData, fmt: Format) -> Table:
    spec = fmt.proactive
    width = spec.grid_columns
    rows: list[TableRow] = []
    for block in spec.blocks:
        stub = width - sum(c.colspan for c in block.columns)
        if stub < 1:
            raise RenderError(f"内部错误：表二“{block.caption}”的列数超出表格宽度。请向维护者报告。")
        rows.append(TableRow("caption", (Cell(block.caption, colspan=width, is_header=True, role="caption"),)))
        header = [Cell(block.header_stub, colspan=stub, is_header=True, role="header")]
        header += [Cell(c.label, colspan=c.colspan, is_header=True, role="header") for c in block.columns]
        rows.append(TableRow("header", tuple(header)))
        for row in block.rows:
            cells = [Cell(row.label, colspan=stub, is_header=True, role="label")]
            for col in block.columns:
                value = data.proactive(row.id, col.id)
                cells.append(
                    Cell(format_number(value, col), colspan=col.colspan, place=f"tables.proactive.{row.id}.{col.id}")
                )
            rows.append(TableRow("data", tuple(cells)))
    other = (TEXT_WIDTH_MM - STUB_MM) / (width - 1)
    table = Table("t2_proactive", "s2_proactive", width, tuple(rows), (STUB_MM,) + (other,) * (width - 1))
    expand(table)
    return table


# --------------------------------------------------------------------------- 表三

LABEL_COLS_MM = (12.0, 19.0, 43.0)


def requests_table(data: ReportData, fmt: Format) -> Table:
    spec = fmt.requests
    cols = spec.columns
    single, group, total = cols[0], cols[1:-1], cols[-1]
    width = 3 + len(cols)
    rows: list[TableRow] = [
        TableRow(
            "header",
            (
                Cell(spec.corner_note, rowspan=3, colspan=3, is_header=True, role="corner"),
                Cell(spec.supergroup, colspan=len(cols), is_header=True, role="header"),
            ),
        ),
        TableRow(
            "header",
            (
                Cell(single.label, rowspan=2, is_header=True, role="header"),
                Cell(spec.group_label, colspan=len(group), is_header=True, role="header"),
                Cell(total.label, rowspan=2, is_header=True, role="header"),
            ),
        ),
        TableRow("header", tuple(Cell(c.label, is_header=True, role="header") for c in group)),
    ]
    printed: list[str] = []
    for row_id, labels in _label_rows(spec):
        printed.append(row_id)
        values = tuple(
            Cell(str(data.request(row_id, c.id)), place=f"tables.requests.{row_id}.{c.id}") for c in cols
        )
        rows.append(TableRow("data", tuple(labels) + values))
    if printed != list(spec.data_rows):
        raise RenderError("内部错误：表三的行与格式定义不一致。请向维护者报告。")
    data_mm = (TEXT_WIDTH_MM - sum(LABEL_COLS_MM)) / len(cols)
    table = Table("t3_requests", "s3_requests", width, tuple(rows), LABEL_COLS_MM + (data_mm,) * len(cols), 3)
    expand(table)
    return table


def _label(text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(text, rowspan=rowspan, colspan=colspan, is_header=True, role="label")


def _label_rows(spec: RequestsTable) -> list[tuple[str, list[Cell]]]:
    """Each data row of 表三 with the label cells that start on it, in printed order."""
    out: list[tuple[str, list[Cell]]] = []
    for top in (r for r in spec.rows.values() if r.parent is None):
        if not top.is_group:
            out.append((top.id, [_label(top.label, colspan=3)]))
            continue
        pending = [_label(top.label, rowspan=len(spec.group_members(top.id)))]
        for child_id in top.children:
            child = spec.rows[child_id]
            if not child.is_group:
                out.append((child.id, pending + [_label(child.label, colspan=2)]))
                pending = []
                continue
            for i, leaf_id in enumerate(child.children):
                leaf = spec.rows[leaf_id]
                if leaf.is_group:
                    raise RenderError("内部错误：表三的行标题层级超过三级。请向维护者报告。")
                head = [_label(child.label, rowspan=len(child.children))] if i == 0 else []
                out.append((leaf_id, pending + head + [_label(leaf.label)]))
                pending = []
    return out


# --------------------------------------------------------------------------- 表四


def review_table(data: ReportData, fmt: Format) -> Table:
    groups = fmt.review.groups
    tops: dict[str, list] = {}
    for g in groups:
        tops.setdefault(g.top_label, []).append(g)
    row1: list[Cell] = []
    row2: list[Cell] = []
    row3: list[Cell] = []
    for top_label, members in tops.items():
        row1.append(Cell(top_label, colspan=sum(len(g.columns) for g in members), is_header=True, role="header"))
        flat = len(members) == 1 and members[0].label == top_label
        for g in members:
            if flat:
                row2.extend(Cell(c.label, rowspan=2, is_header=True, role="header") for c in g.columns)
            else:
                row2.append(Cell(g.label, colspan=len(g.columns), is_header=True, role="header"))
                row3.extend(Cell(c.label, is_header=True, role="header") for c in g.columns)
    values = tuple(
        Cell(str(data.review(g.id, c.id)), place=f"tables.review_litigation.{g.id}.{c.id}")
        for g in groups
        for c in g.columns
    )
    width = len(values)
    rows = (
        TableRow("header", tuple(row1)),
        TableRow("header", tuple(row2)),
        TableRow("header", tuple(row3)),
        TableRow("data", values),
    )
    table = Table("t4_review_litigation", "s4_review_litigation", width, rows, (TEXT_WIDTH_MM / width,) * width, 3)
    expand(table)
    return table
