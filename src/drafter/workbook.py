"""Report data as an Excel workbook laid out like the official tables.

`write_workbook` writes a workbook a clerk can fill in Excel or WPS: sheets 基本信息,
表二, 表三, 表四 (headers, merged cells and row labels exactly as printed in the format;
totals as live =SUM formulas) and 其他数字 (facts). `read_workbook` checks that the layout
is still the one drafter wrote and returns the same mapping a YAML data file gives,
together with the position of every figure, for `drafter.data.parse_data`.

Positions: the returned `CellPositions` maps dotted data paths
(``tables.requests.new_received.natural_person``) to ``(row, column)`` of the worksheet
cell, both 1-based, so a problem's "line" is the worksheet row. Its ``cells`` attribute
maps the same paths to a readable reference such as ``表三!D5``; `cell_of` looks one up.

The layout of every sheet is computed once per format (`_layout`) and used by both the
writer and the reader, so the two cannot drift apart.
"""

from __future__ import annotations

import io
import math
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError, InputError, Problem
from .formats import (
    FIRST_YEAR,
    FORMAT_IDS,
    LAST_YEAR,
    Column,
    Format,
    format_for_year,
    get_format,
)
from .limits import check_xlsx_cells, check_zip
from .textio import read_bytes, write_atomic

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from .data import ReportData

SHEET_INFO = "基本信息"
SHEET_T2 = "表二"
SHEET_T3 = "表三"
SHEET_T4 = "表四"
SHEET_FACTS = "其他数字"
SHEETS: tuple[str, ...] = (SHEET_INFO, SHEET_T2, SHEET_T3, SHEET_T4, SHEET_FACTS)

# 基本信息: data key -> label in column A (the reader finds the rows by these labels).
INFO_LABELS: dict[str, str] = {
    "organization": "机关全称",
    "short_name": "简称",
    "level": "层级",
    "parent": "上级机关",
    "year": "报告年度",
    "format": "格式",
}
INFO_NOTES: dict[str, str] = {
    "organization": "必填。如“伊川县鸣皋镇人民政府”",
    "short_name": "正文中使用的简称，如“鸣皋镇”；可不填",
    "level": "从下拉列表中选择",
    "parent": "上级汇总机关，如“伊川县人民政府”；可不填",
    "year": "四位数年份，如 2024",
    "format": "由报告年度决定，仅供参考，不必填写：2020 年度及以前用 2019 年格式（试行），2021 年度起用 2021 年格式",
}
FORMAT_ZH = {"2019": "2019 年格式（试行）", "2021": "2021 年格式"}
FACT_HEADERS = ("名称", "数值", "单位")
FACT_ROWS = 30  # empty, marked rows offered for facts
MAX_FACT_ROWS = 1_000  # rows of 其他数字 read; a clerk's list of facts is a few dozen

T2_TITLE = "二、主动公开政府信息情况"
T3_TITLE = "三、收到和处理政府信息公开申请情况"
T4_TITLE = "四、政府信息公开行政复议、行政诉讼情况"

MAX_WORKBOOK_BYTES = 20_000_000

FONT_NAME = "宋体"
INPUT_FILL = "FFF2CC"  # light yellow: the cells a clerk fills in
REGENERATE = "用 drafter init --xlsx 重新生成工作簿，再把数字抄过去"


class CellPositions(dict[str, tuple[int, int]]):
    """Dotted data path -> (worksheet row, column), 1-based; `cells` gives 表三!D5 per path."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, str] = {}

    def add(self, path: str, sheet: str, row: int, col: int) -> None:
        self[path] = (row, col)
        self.cells[path] = cell_ref(sheet, row, col)

    def cell_of(self, path: str) -> str | None:
        """The cell of a path, or of its nearest parent that has one (表三!D5)."""
        while path not in self.cells and "." in path:
            path = path.rsplit(".", 1)[0]
        return self.cells.get(path)


def cell_ref(sheet: str, row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{sheet}!{get_column_letter(col)}{row}"


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Text:
    """A fixed text cell: sheet title, block caption, column header or row label."""

    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1
    role: str = "label"  # title | caption | header | label
    alts: tuple[str, ...] = ()  # other accepted wordings (reading only)


@dataclass(frozen=True)
class _Figure:
    """A cell holding a number: an input cell, or a total when `formula` is set."""

    row: int
    col: int
    path: str  # tables.requests.new_received.natural_person
    column: Column
    cols: int = 1
    formula: str | None = None
    parts: tuple[str, ...] = ()  # paths a total adds up


@dataclass
class _Sheet:
    name: str
    texts: list[_Text] = field(default_factory=list)
    figures: list[_Figure] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    width_cols: int = 1
    note: str = ""

    @property
    def last_row(self) -> int:
        return max([t.row + t.rows - 1 for t in self.texts] + [f.row for f in self.figures])


@dataclass
class _Layout:
    format_id: str
    sheets: dict[str, _Sheet]

    def figures(self) -> Iterable[tuple[_Sheet, _Figure]]:
        for sheet in self.sheets.values():
            for fig in sheet.figures:
                yield sheet, fig


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _sum(first: tuple[int, int], last: tuple[int, int]) -> str:
    (r1, c1), (r2, c2) = first, last
    return f"=SUM({_letter(c1)}{r1}:{_letter(c2)}{r2})"


@cache
def _layout(format_id: str) -> _Layout:
    spec = get_format(format_id)
    return _Layout(
        format_id,
        {SHEET_T2: _layout_t2(spec), SHEET_T3: _layout_t3(spec), SHEET_T4: _layout_t4(spec)},
    )


def _layout_t2(spec: Format) -> _Sheet:
    table = spec.proactive
    grid = table.grid_columns
    sheet = _Sheet(SHEET_T2, width_cols=grid)
    sheet.texts.append(_Text(1, 1, T2_TITLE, cols=grid, role="title"))
    row = 2
    for block in table.blocks:
        sheet.texts.append(_Text(row, 1, block.caption, cols=grid, role="caption"))
        row += 1
        spans = [c.colspan for c in block.columns]
        spans[-1] += grid - 1 - sum(spans)  # a block narrower than the grid: widen its last column
        sheet.texts.append(_Text(row, 1, block.header_stub, role="header"))
        col = 2
        for column, span in zip(block.columns, spans, strict=True):
            sheet.texts.append(_Text(row, col, column.label, cols=span, role="header"))
            col += span
        row += 1
        for data_row in block.rows:
            sheet.texts.append(_Text(row, 1, data_row.label))
            col = 2
            for column, span in zip(block.columns, spans, strict=True):
                path = f"tables.proactive.{data_row.id}.{column.id}"
                sheet.figures.append(_Figure(row, col, path, column, cols=span))
                col += span
            row += 1
    sheet.widths = {1: 26, **{c: 15 for c in range(2, grid + 1)}}
    sheet.note = "说明：黄色格子填写数字，没有的填 0。工作表已保护（无密码）以防误改标题；如确需修改，可在“审阅”中撤销工作表保护。"
    return sheet


def _layout_t3(spec: Format) -> _Sheet:
    t3 = spec.requests
    cols = t3.columns
    if len(cols) != 7 or cols[-1].id != "total":  # the printed table: 自然人, five organisations, 总计
        raise ValueError(f"unexpected 表三 columns in format {spec.id}")
    sheet = _Sheet(SHEET_T3, width_cols=3 + len(cols))
    first_data_col = 4
    total_col = first_data_col + len(cols) - 1
    sheet.texts += [
        _Text(1, 1, T3_TITLE, cols=sheet.width_cols, role="title"),
        _Text(2, 1, t3.corner_note, rows=3, cols=3, role="header"),
        _Text(2, first_data_col, t3.supergroup, cols=len(cols), role="header"),
        _Text(3, first_data_col, cols[0].label, rows=2, role="header"),
        _Text(3, first_data_col + 1, t3.group_label, cols=len(cols) - 2, role="header"),
        _Text(3, total_col, cols[-1].label, rows=2, role="header"),
    ]
    for i, column in enumerate(cols[1:-1], start=first_data_col + 1):
        sheet.texts.append(_Text(4, i, column.label, role="header"))

    other = get_format("2021" if spec.id == "2019" else "2019").requests
    row_of: dict[str, int] = {}
    row = 5

    def leaves(row_id: str) -> int:
        return len(t3.group_members(row_id))

    def label(row_id: str, col: int, rows: int = 1) -> _Text:
        node = t3.rows[row_id]
        alts: tuple[str, ...] = ()
        if not node.is_group and row_id in other.rows and other.rows[row_id].label != node.label:
            alts = (other.rows[row_id].label,)
        return _Text(row, col, node.label, rows=rows, cols=4 - col if rows == 1 and not node.is_group else 1, alts=alts)

    for top in (r for r in t3.rows.values() if r.parent is None):
        if not top.is_group:
            sheet.texts.append(label(top.id, 1))
            row_of[top.id] = row
            row += 1
            continue
        sheet.texts.append(label(top.id, 1, rows=leaves(top.id)))
        for child_id in top.children:
            child = t3.rows[child_id]
            if not child.is_group:
                sheet.texts.append(label(child_id, 2))
                row_of[child_id] = row
                row += 1
                continue
            sheet.texts.append(label(child_id, 2, rows=leaves(child_id)))
            for leaf_id in child.children:
                sheet.texts.append(label(leaf_id, 3))
                row_of[leaf_id] = row
                row += 1
    if tuple(sorted(row_of, key=row_of.__getitem__)) != t3.data_rows:
        raise ValueError(f"表三 row tree and data_rows_in_order disagree in format {spec.id}")
    result_rows = [row_of[r] for r in t3.result_rows]
    if result_rows != list(range(result_rows[0], result_rows[-1] + 1)):
        raise ValueError(f"表三 result rows are not contiguous in format {spec.id}")

    applicant = [c.id for c in cols[:-1]]
    for row_id in t3.data_rows:
        r = row_of[row_id]
        base = f"tables.requests.{row_id}"
        for i, column in enumerate(cols[:-1], start=first_data_col):
            if row_id == t3.results_total:
                sheet.figures.append(
                    _Figure(r, i, f"{base}.{column.id}", column, formula=_sum((result_rows[0], i), (result_rows[-1], i)),
                            parts=tuple(f"tables.requests.{x}.{column.id}" for x in t3.result_rows))
                )
            else:
                sheet.figures.append(_Figure(r, i, f"{base}.{column.id}", column))
        sheet.figures.append(
            _Figure(r, total_col, f"{base}.total", cols[-1], formula=_sum((r, first_data_col), (r, total_col - 1)),
                    parts=tuple(f"{base}.{c}" for c in applicant))
        )
    sheet.widths = {1: 6, 2: 14, 3: 36, **{c: 10 for c in range(first_data_col, total_col + 1)}}
    sheet.note = (
        "说明：黄色格子填写件数，没有的填 0。“总计”列和“（七）总计”行是公式，自动计算，请勿改写。"
        "工作表已保护（无密码）以防误改表头和行标题；如确需修改，可在“审阅”中撤销工作表保护。"
    )
    return sheet


def _layout_t4(spec: Format) -> _Sheet:
    groups = spec.review.groups
    width = sum(len(g.columns) for g in groups)
    sheet = _Sheet(SHEET_T4, width_cols=width)
    sheet.texts.append(_Text(1, 1, T4_TITLE, cols=width, role="title"))
    col = 1
    tops: list[tuple[str, int, int]] = []  # (label, first column, span) of header row 2
    for group in groups:
        n = len(group.columns)
        if tops and tops[-1][0] == group.top_label:
            label, start, span = tops[-1]
            tops[-1] = (label, start, span + n)
        else:
            tops.append((group.top_label, col, n))
        standalone = group.label == group.top_label  # 行政复议: leaf headers span rows 3-4
        if not standalone:
            sheet.texts.append(_Text(3, col, group.label, cols=n, role="header"))
        for i, column in enumerate(group.columns):
            if standalone:
                sheet.texts.append(_Text(3, col + i, column.label, rows=2, role="header"))
            else:
                sheet.texts.append(_Text(4, col + i, column.label, role="header"))
            path = f"tables.review_litigation.{group.id}.{column.id}"
            if column.id == "total":
                parts = tuple(f"tables.review_litigation.{group.id}.{c.id}" for c in group.columns[:-1])
                sheet.figures.append(_Figure(5, col + i, path, column, formula=_sum((5, col), (5, col + i - 1)), parts=parts))
            else:
                sheet.figures.append(_Figure(5, col + i, path, column))
        col += n
    for label, start, span in tops:
        sheet.texts.append(_Text(2, start, label, cols=span, role="header"))
    sheet.texts.sort(key=lambda t: (t.row, t.col))
    sheet.widths = {c: 9 for c in range(1, width + 1)}
    sheet.note = "说明：黄色格子填写件数，没有的填 0。三个“总计”是公式，自动计算，请勿改写。工作表已保护（无密码），如确需修改，可在“审阅”中撤销工作表保护。"
    return sheet


# --------------------------------------------------------------------------- writing


def write_workbook(
    path: str | Path,
    organization: str,
    level: str,
    year: int,
    short_name: str | None = None,
    parent: str | None = None,
    data: ReportData | None = None,
) -> Path:
    """Write the data workbook for `year` (all figures 0, or those of `data`), atomically.

    Totals are =SUM formulas; a total in `data` that differs from the sum of its parts
    (it can only have been given so) is written as that number, so that converting a
    data file to a workbook keeps the error for the table rules to report.
    """
    from openpyxl import Workbook

    fmt = format_for_year(year)
    if data is not None and data.format != fmt:
        raise ValueError(f"data is in format {data.format}, year {year} needs {fmt}")
    layout = _layout(fmt)
    values = _flatten(data) if data is not None else {}

    wb = Workbook()
    info = wb.active
    info.title = SHEET_INFO
    _write_info(info, organization, level, year, short_name, parent, fmt)
    for name in (SHEET_T2, SHEET_T3, SHEET_T4):
        _write_table(wb.create_sheet(name), layout.sheets[name], values)
    _write_facts(wb.create_sheet(SHEET_FACTS), data)
    wb.properties.creator = "drafter"
    buffer = io.BytesIO()
    wb.save(buffer)
    return write_atomic(path, buffer.getvalue())


def _flatten(data: ReportData) -> dict[str, Any]:
    out: dict[str, Any] = {}
    tables = data.tables
    for name, grid in (("proactive", tables.proactive), ("requests", tables.requests), ("review_litigation", tables.review_litigation)):
        for row_id, cells in grid.items():
            for col_id, value in cells.items():
                out[f"tables.{name}.{row_id}.{col_id}"] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _font(bold: bool = False, size: float = 11) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT_NAME, size=size, bold=bold)


def _border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _write_info(ws: Worksheet, organization: str, level: str, year: int, short_name: str | None,
                parent: str | None, fmt: str) -> None:
    from openpyxl.styles import Alignment, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from .data import LEVEL_ALIASES, LEVEL_ZH

    level_id = LEVEL_ALIASES.get(str(level).strip(), level)
    values = {
        "organization": organization,
        "short_name": short_name,
        "level": LEVEL_ZH.get(level_id, level),
        "parent": parent,
        "year": year,
        "format": FORMAT_ZH[fmt],
    }
    border = _border()
    for col, text in enumerate(("项目", "内容", "说明"), start=1):
        cell = ws.cell(1, col, text)
        cell.font = _font(bold=True)
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row, (key, label) in enumerate(INFO_LABELS.items(), start=2):
        ws.cell(row, 1, label).font = _font(bold=True)
        value = ws.cell(row, 2, values[key])
        value.font = _font()
        value.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        if key != "format":
            value.fill = PatternFill("solid", fgColor=INPUT_FILL)
            value.protection = Protection(locked=False)
        note = ws.cell(row, 3, INFO_NOTES[key])
        note.font = _font(size=10)
        note.alignment = Alignment(vertical="center", wrap_text=True)
        for col in (1, 2, 3):
            ws.cell(row, col).border = border
        ws.cell(row, 1).alignment = Alignment(vertical="center")
        if key == "level":
            options = ",".join(dict.fromkeys(LEVEL_ZH.values()))
            dv = DataValidation(
                type="list", formula1=f'"{options}"', allow_blank=True, showErrorMessage=True,
                errorTitle="层级无效", error=f"请从下拉列表中选择：{options.replace(',', '、')}。",
            )
            ws.add_data_validation(dv)
            dv.add(value.coordinate)
        if key == "year":
            dv = DataValidation(
                type="whole", operator="between", formula1=str(FIRST_YEAR), formula2=str(LAST_YEAR),
                allow_blank=False, showErrorMessage=True, errorTitle="报告年度无效", error="请填写四位数年份，如 2024。",
            )
            ws.add_data_validation(dv)
            dv.add(value.coordinate)
    ws.row_dimensions[len(INFO_LABELS) + 1].height = 45
    tips = [
        "填写说明：",
        "1. 黄色格子是填写区。各表的表头和行标题请勿改动，也不要插入或删除行、列。",
        "2. 数字一律填阿拉伯数字，没有的填 0；“总计”由公式自动计算，不用填写。",
        "3. 报告年度决定表格格式。若要把 2020 年度及以前的工作簿改为 2021 年度及以后（或反之），请用 drafter init --xlsx 重新生成。",
        "4. 填好后运行：drafter check-data 本文件.xlsx",
    ]
    for i, tip in enumerate(tips, start=len(INFO_LABELS) + 3):
        ws.cell(i, 1, tip).font = _font(bold=(tip == tips[0]))
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 36
    ws.column_dimensions["C"].width = 60
    _fit_page(ws)


def _height(text: str, width: float) -> float:
    """Row height (points) that shows `text` wrapped in a cell `width` characters wide."""
    units = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    lines = max(1, math.ceil(units / max(1.0, width - 1)))
    return 15.0 * lines + 3


def _write_table(ws: Worksheet, sheet: _Sheet, values: dict[str, Any]) -> None:
    from openpyxl.styles import Alignment, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    border = _border()
    heights: dict[int, float] = {}

    def width_of(col: int, cols: int) -> float:
        return sum(sheet.widths.get(c, 9) for c in range(col, col + cols))

    for text in sheet.texts:
        cell = ws.cell(text.row, text.col, text.text)
        if text.role == "title":
            cell.font = _font(bold=True, size=14)
            cell.alignment = Alignment(horizontal="center", vertical="center")
            heights[text.row] = 30
        else:
            cell.font = _font(bold=text.role in ("header", "caption"))
            centred = text.role in ("header", "caption") or text.rows > 1
            cell.alignment = Alignment(
                horizontal="center" if centred else "left", vertical="center", wrap_text=True
            )
            cell.border = border
            if text.rows == 1:
                heights[text.row] = max(heights.get(text.row, 18), _height(text.text, width_of(text.col, text.cols)))
        if text.rows > 1 or text.cols > 1:
            ws.merge_cells(start_row=text.row, start_column=text.col,
                           end_row=text.row + text.rows - 1, end_column=text.col + text.cols - 1)

    validations: dict[str, DataValidation] = {}

    def validation(column: Column) -> DataValidation:
        if column.type not in validations:
            if column.type == "decimal":
                dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                    error=f"这里填写金额（单位：{column.unit}），0 或正数。")
            elif column.type == "signed_integer":
                dv = DataValidation(type="whole", operator="between", formula1="-999999999", formula2="999999999",
                                    error="这里填写整数；减少的填负数，如 -8。")
            else:
                dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                    error="这里填写件数：0 或正整数。")
            dv.allow_blank = True
            dv.showErrorMessage = True
            dv.errorTitle = "请填写数字"
            ws.add_data_validation(dv)
            validations[column.type] = dv
        return validations[column.type]

    fill = PatternFill("solid", fgColor=INPUT_FILL)
    for fig in sheet.figures:
        cell = ws.cell(fig.row, fig.col)
        value = values.get(fig.path, 0)
        if fig.formula is not None:
            parts = sum(values.get(p, 0) for p in fig.parts)
            cell.value = fig.formula if not values or value == parts else value
        else:
            cell.value = value
            cell.fill = fill
            cell.protection = Protection(locked=False)
            validation(fig.column).add(cell.coordinate)
        cell.font = _font(bold=fig.formula is not None)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = border
        if fig.column.type == "decimal" and fig.column.decimals:
            cell.number_format = "0." + "0" * fig.column.decimals
        if fig.cols > 1:
            ws.merge_cells(start_row=fig.row, start_column=fig.col, end_row=fig.row, end_column=fig.col + fig.cols - 1)

    note_row = sheet.last_row + 2
    note = ws.cell(note_row, 1, sheet.note)
    note.font = _font(size=10)
    note.alignment = Alignment(vertical="top", wrap_text=True)
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=sheet.width_cols)
    heights[note_row] = _height(sheet.note, width_of(1, sheet.width_cols))

    for col, width in sheet.widths.items():
        ws.column_dimensions[_letter(col)].width = width
    for row, height in heights.items():
        ws.row_dimensions[row].height = height
    ws.protection.sheet = True  # no password: clerks can lift it in 审阅 if they really must
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _fit_page(ws)


def _fit_page(ws: Worksheet, landscape: bool = True) -> None:
    """Print each sheet on one page."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _write_facts(ws: Worksheet, data: ReportData | None) -> None:
    from openpyxl.styles import Alignment, PatternFill

    border = _border()
    fill = PatternFill("solid", fgColor=INPUT_FILL)
    for col, text in enumerate(FACT_HEADERS, start=1):
        cell = ws.cell(1, col, text)
        cell.font = _font(bold=True)
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center")
    facts = list(data.facts) if data is not None else []
    for i in range(max(FACT_ROWS, len(facts) + 10)):
        row = i + 2
        if i < len(facts):
            fact = facts[i]
            ws.cell(row, 1, fact.label)
            ws.cell(row, 2, _plain(fact.value))
            ws.cell(row, 3, fact.unit or None)
        for col in (1, 2, 3):
            cell = ws.cell(row, col)
            cell.fill = fill
            cell.border = border
            cell.font = _font()
    note = ws.cell(1, 5, "说明：正文可能引用、但表二至表四里没有的数字，每条一行，例如：名称“主动公开公告公示”，数值 180，单位“条”。没有可留空。")
    note.font = _font(size=10)
    note.alignment = Alignment(vertical="top", wrap_text=True)
    ws.row_dimensions[1].height = 48
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 10
    ws.column_dimensions["E"].width = 50
    _fit_page(ws, landscape=False)


# --------------------------------------------------------------------------- reading


def read_workbook(path: str | Path) -> tuple[dict[str, Any], CellPositions]:
    """Read a data workbook into (the mapping a YAML data file would give, positions).

    Raises InputError when the file is not a workbook or its layout is not the one
    `write_workbook` made (sheets renamed, rows moved, inserted or deleted), naming
    each cell and the fix; DataError for a fact without name or number. The file is
    only read, never written.
    """
    p = Path(path)
    wb, values = _open(p)
    where = str(p)
    missing = [name for name in SHEETS if name not in wb.sheetnames]
    if missing:
        found = "、".join(f"“{n}”" for n in wb.sheetnames)
        problems = [
            Problem(f"找不到工作表“{name}”（工作簿中现有：{found}）。请把工作表改回“{name}”，或{REGENERATE}。", name)
            for name in missing
        ]
        raise InputError("工作簿缺少 drafter 需要的工作表：", where, problems)

    positions = CellPositions()
    raw: dict[str, Any] = {}
    problems = _read_info(wb[SHEET_INFO], raw, positions)
    fmt = _choose_format(wb, raw, positions, where)
    problems += _layout_problems(wb, fmt)
    if problems:
        shown = problems[:15]
        if len(problems) > len(shown):
            shown.append(Problem(f"……另有 {len(problems) - len(shown)} 处不符，多半是同一处插入或删除的行列引起的。"))
        raise InputError(
            f"工作簿的表格结构与 {FORMAT_ZH[fmt]}不符（行或列被移动、插入、删除，或标题被改动），"
            f"drafter 无法确定每个数字属于哪一格。请把下列单元格恢复原状（可用“撤销”取消插入或删除的行列），或{REGENERATE}：",
            where,
            shown,
        )
    raw["tables"] = _read_tables(wb, values, _layout(fmt), positions)
    raw["facts"] = _read_facts(wb[SHEET_FACTS], values[SHEET_FACTS], positions, where)
    return raw, positions


def _open(p: Path) -> tuple[Workbook, Workbook]:
    """Both views of the workbook: formulas as written, and the values Excel/WPS cached."""
    from openpyxl import load_workbook

    data = read_bytes(p, MAX_WORKBOOK_BYTES)
    where = str(p)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            "这是旧版 Excel（.xls）文件，或设置了打开密码的工作簿，drafter 无法读取。"
            "请在 Excel/WPS 中取消密码并“另存为”Excel 工作簿（.xlsx）后重试。",
            where,
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(
            "这不是 Excel 工作簿（.xlsx），可能是改了扩展名的其他文件。请用 Excel/WPS 打开后“另存为”.xlsx，"
            f"或{REGENERATE}。",
            where,
        )
    check_zip(data, where, "工作簿")
    check_xlsx_cells(data, where)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), data_only=False)
            cached = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, BadZipFile, lxml errors, ...) on broken files
        raise InputError(
            "文件是压缩包格式，但不是能打开的 Excel 工作簿（.xlsx），可能已损坏或是改了扩展名的其他文件。"
            f"请用 Excel/WPS 打开后“另存为”.xlsx，或{REGENERATE}。",
            where,
        ) from None
    return wb, cached


def _norm(value: Any) -> str:
    """A label for comparison: width, spaces and punctuation ignored."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PS")


def _shown(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "实际为空"
    text = str(value).strip().replace("\n", "")
    return f"实际为“{text[:40]}{'…' if len(text) > 40 else ''}”"


def _read_info(ws: Worksheet, raw: dict[str, Any], positions: CellPositions) -> list[Problem]:
    from .data import LEVEL_ZH

    rows: dict[str, int] = {}
    wanted = {_norm(label): key for key, label in INFO_LABELS.items()}
    for row in range(1, min(ws.max_row, 60) + 1):
        key = wanted.get(_norm(ws.cell(row, 1).value))
        if key and key not in rows:
            rows[key] = row
    problems = [
        Problem(f"A列找不到“{INFO_LABELS[key]}”一行。请在A列恢复“{INFO_LABELS[key]}”并在B列填写，或{REGENERATE}。", SHEET_INFO)
        for key in ("organization", "year")
        if key not in rows
    ]
    level_ids = {_norm(zh): key for key, zh in LEVEL_ZH.items()}
    for key, row in rows.items():
        positions.add(key, SHEET_INFO, row, 2)
        value = _scalar(ws.cell(row, 2).value)
        if key == "format" or value is None:
            continue
        if key == "level" and isinstance(value, str):
            value = level_ids.get(_norm(value), value)
        raw[key] = value
    return problems


def _choose_format(wb: Workbook, raw: dict[str, Any], positions: CellPositions, where: str) -> str:
    """The format the year requires; when the tables are laid out for the other one, say so."""
    year = raw.get("year")
    if isinstance(year, str) and year.isdigit():
        year = int(year)
    if isinstance(year, int) and not isinstance(year, bool) and FIRST_YEAR <= year <= LAST_YEAR:
        fmt = format_for_year(year)
        other = "2021" if fmt == "2019" else "2019"
        if _layout_problems(wb, fmt) and not _layout_problems(wb, other):
            place = positions.cells.get("year", f"{SHEET_INFO}!B6")
            raise InputError(
                f"报告年度是 {year} 年，应使用 {FORMAT_ZH[fmt]}，但本工作簿的表格是按 {FORMAT_ZH[other]}生成的，"
                "两种格式的表二、表三行列不同。",
                where,
                [Problem(
                    f"如果年度填错了，请改正{place}；如果年度没错，请{REGENERATE.replace('drafter init --xlsx', f'drafter init --xlsx --year {year}')}。",
                    place,
                )],
            )
        return fmt
    # The year is missing or unreadable (parse_data will say so): judge by the layout itself.
    for fmt in FORMAT_IDS:
        if not _layout_problems(wb, fmt):
            return fmt
    row = positions.get("format", (0, 0))[0]
    label = wb[SHEET_INFO].cell(row, 2).value if row else None
    return "2019" if "2019" in str(label or "") else "2021"


def _layout_problems(wb: Workbook, fmt: str) -> list[Problem]:
    """Every fixed text of the table sheets that is not where the format puts it.

    When most misplaced labels of a sheet moved by the same number of rows (or columns),
    rows (columns) were inserted or deleted: that is said once, at the first such cell.
    """
    problems: list[Problem] = []
    layout = _layout(fmt)
    for name, sheet in layout.sheets.items():
        ws = wb[name]
        wrong: list[tuple[_Text, Any, tuple[int, int] | None]] = []
        for text in sheet.texts:
            if text.role == "title":
                continue
            actual = ws.cell(text.row, text.col).value
            if _norm(actual) not in {_norm(t) for t in (text.text, *text.alts)}:
                wrong.append((text, actual, _find(ws, text)))
        shifts = [off for _, _, off in wrong if off is not None]
        shift = max(set(shifts), key=shifts.count) if shifts else None
        if shift is not None and (shifts.count(shift) < 2 or 2 * shifts.count(shift) < len(wrong)):
            shift = None
        if shift is not None:
            moved = min((t for t, _, off in wrong if off == shift), key=lambda t: (t.row, t.col))
            problems.append(_shift_problem(name, moved, shift))
        for text, actual, off in wrong:
            if shift is not None and off == shift:
                continue
            message = f"应为“{text.text}”，{_shown(actual)}。"
            if off is not None:
                message += f"“{text.text}”现在在{cell_ref(name, text.row + off[0], text.col + off[1])}。"
            problems.append(Problem(message, cell_ref(name, text.row, text.col)))
    facts = wb[SHEET_FACTS]
    for col, header in enumerate(FACT_HEADERS, start=1):
        actual = facts.cell(1, col).value
        if _norm(actual) != _norm(header):
            problems.append(Problem(f"应为“{header}”，{_shown(actual)}。", cell_ref(SHEET_FACTS, 1, col)))
    return problems


def _shift_problem(sheet: str, first: _Text, shift: tuple[int, int]) -> Problem:
    rows, cols = shift
    here = cell_ref(sheet, first.row, first.col)
    there = cell_ref(sheet, first.row + rows, first.col + cols)
    example = f"例如“{first.text}”应在{here}，现在在{there}"
    if rows:
        n, where = abs(rows), f"从第 {first.row} 行起"
        if rows > 0:
            what = f"{where}的标题整体下移了 {n} 行（{example}），看来插入了 {n} 行。请删除插入的行（或用“撤销”），使各行回到原位。"
        else:
            what = f"{where}的标题整体上移了 {n} 行（{example}），看来删除了 {n} 行。请用“撤销”恢复被删除的行，或{REGENERATE}。"
    else:
        n, where = abs(cols), f"从 {_letter(first.col)} 列起"
        if cols > 0:
            what = f"{where}的标题整体右移了 {n} 列（{example}），看来插入了 {n} 列。请删除插入的列（或用“撤销”），使各列回到原位。"
        else:
            what = f"{where}的标题整体左移了 {n} 列（{example}），看来删除了 {n} 列。请用“撤销”恢复被删除的列，或{REGENERATE}。"
    return Problem(what, here)


def _find(ws: Worksheet, text: _Text) -> tuple[int, int] | None:
    """How far a misplaced label moved: the nearest cell in the same column or row holding it."""
    target = _norm(text.text)
    for distance in range(1, 6):
        for rows, cols in ((distance, 0), (-distance, 0), (0, distance), (0, -distance)):
            row, col = text.row + rows, text.col + cols
            if row >= 1 and col >= 1 and _norm(ws.cell(row, col).value) == target:
                return rows, cols
    return None


def _scalar(value: Any) -> Any:
    """A cell value as the data loader expects it: blank -> None, 3.0 -> 3, text stripped."""
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_formula(cell: Cell) -> bool:
    return cell.data_type == "f" or type(cell.value).__name__ in ("ArrayFormula", "DataTableFormula")


def _formula_text(value: Any) -> str:
    return str(getattr(value, "text", None) or value)


def _same_formula(actual: Any, expected: str) -> bool:
    def norm(f: str) -> str:
        return "".join(f.split()).replace("$", "").upper()

    return norm(_formula_text(actual)) == norm(expected)


_OMITTED = object()


def _read_tables(wb: Workbook, values: Workbook, layout: _Layout, positions: CellPositions) -> dict[str, Any]:
    """Figures by table, row and column. Totals: omitted when their standard formula
    stands (the loader computes them), given when a number was typed over them."""
    read: dict[str, Any] = {}
    for sheet, fig in layout.figures():
        cell = wb[sheet.name].cell(fig.row, fig.col)
        cached = values[sheet.name].cell(fig.row, fig.col).value
        positions.add(fig.path, sheet.name, fig.row, fig.col)
        if fig.formula is None:
            if _is_formula(cell):
                # a clerk's own formula: Excel/WPS cached its result when saving
                read[fig.path] = _scalar(cached) if _is_number(cached) else _formula_text(cell.value)
            else:
                read[fig.path] = _scalar(cell.value)
        elif _is_formula(cell):
            standard = _same_formula(cell.value, fig.formula)
            read[fig.path] = _scalar(cached) if not standard and _is_number(cached) else _OMITTED
        else:
            value = _scalar(cell.value)
            read[fig.path] = _OMITTED if value is None else value

    for sheet in layout.sheets.values():  # row-level places: the row's own label cell
        label_col = {t.row: t.col for t in sorted(sheet.texts, key=lambda t: t.col) if t.role == "label" and t.rows == 1}
        for fig in sheet.figures:
            row_path = fig.path.rsplit(".", 1)[0]
            if row_path not in positions:
                positions.add(row_path, sheet.name, fig.row, label_col.get(fig.row, fig.col))
    for name, sheet_name in (("proactive", SHEET_T2), ("requests", SHEET_T3), ("review_litigation", SHEET_T4)):
        positions.add(f"tables.{name}", sheet_name, 1, 1)

    spec = get_format(layout.format_id)
    totals_row = spec.requests.results_total
    figures = {fig.path: fig for _, fig in layout.figures()}
    # （七）总计: omitted as a whole unless some cell of it was typed over; then the cells
    # still holding their formula are given the sum they show, so only the typed cell differs.
    prefix = f"tables.requests.{totals_row}."
    total_paths = [p for p in read if p.startswith(prefix)]
    if any(read[p] is not _OMITTED for p in total_paths):
        for p in total_paths:
            if read[p] is _OMITTED and not p.endswith(".total"):
                read[p] = sum(v for v in (read[q] for q in figures[p].parts) if isinstance(v, int) and not isinstance(v, bool))

    tables: dict[str, dict[str, dict[str, Any]]] = {"proactive": {}, "requests": {}, "review_litigation": {}}
    for p, value in read.items():
        _, table, row_id, col_id = p.split(".")
        row = tables[table].setdefault(row_id, {})
        if value is not _OMITTED:
            row[col_id] = value
    if all(read[p] is _OMITTED for p in total_paths):
        tables["requests"].pop(totals_row, None)
    return tables


def _read_facts(ws: Worksheet, cached_ws: Worksheet, positions: CellPositions, where: str) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = []
    problems: list[Problem] = []
    positions.add("facts", SHEET_FACTS, 1, 1)
    if ws.max_row > MAX_FACT_ROWS:  # one stray value far down would make us visit every row above it
        raise InputError(
            f"工作表“{SHEET_FACTS}”用到了第 {ws.max_row} 行，其他数字最多填写 {MAX_FACT_ROWS} 行。"
            f"请删除第 {MAX_FACT_ROWS} 行以下的内容（可按 Ctrl+End 找到最后一格）后保存。",
            where,
        )
    for row in range(2, ws.max_row + 1):
        cells = [ws.cell(row, col) for col in (1, 2, 3)]
        label, value, unit = (_scalar(c.value) for c in cells)
        if _is_formula(cells[1]):
            cached = cached_ws.cell(row, 2).value
            value = _scalar(cached) if cached is not None else _formula_text(cells[1].value)
        if label is None and value is None:
            continue
        if label is None:
            problems.append(Problem(
                f"这一行有数值 {value}，但没有名称。请在 A{row} 填写名称（如“主动公开公告公示”），或清空这一行。",
                cell_ref(SHEET_FACTS, row, 1),
            ))
            continue
        if value is None:
            problems.append(Problem(
                f"“{label}”没有填写数值。请在 B{row} 填写数字，或删除这一行。", cell_ref(SHEET_FACTS, row, 2)
            ))
            continue
        i = len(facts)
        positions.add(f"facts.{i}", SHEET_FACTS, row, 1)
        positions.add(f"facts.{i}.label", SHEET_FACTS, row, 1)
        positions.add(f"facts.{i}.value", SHEET_FACTS, row, 2)
        positions.add(f"facts.{i}.unit", SHEET_FACTS, row, 3)
        facts.append({"label": str(label), "value": value, "unit": "" if unit is None else str(unit)})
    if problems:
        raise DataError(f"工作表“{SHEET_FACTS}”有 {len(problems)} 处需要补全：", where, problems)
    return facts


__all__ = ["CellPositions", "SHEETS", "cell_ref", "read_workbook", "write_workbook"]
