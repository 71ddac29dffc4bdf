"""Report data: the figures of one body for one year (spec/data-format.md §1).

`load_data` reads YAML, JSON or an Excel workbook; `parse_data` takes a mapping. Both
collect every problem at once and raise `DataError` listing them, each with its place.
Omitted rows and cells are zero; omitted totals are computed; given totals are kept as
given so that the table rules (rules.py) can report a total that does not add up.
"""

from __future__ import annotations

import difflib
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .errors import DataError, DrafterError, InputError, Problem
from .formats import (
    FIRST_YEAR,
    REVIEW_GROUPS,
    REVIEW_LEAVES,
    Column,
    Format,
    format_for_year,
    get_format,
)
from .limits import MAX_MAGNITUDE, number_text_problem, time_limit
from .sourcemap import Positions, load_json, load_yaml
from .textio import decode_text, read_bytes

Level = Literal["township", "county", "city", "province", "department"]
LEVELS: tuple[str, ...] = ("township", "county", "city", "province", "department")
LEVEL_ALIASES = {
    "乡镇": "township", "乡": "township", "镇": "township", "街道": "township", "township": "township",
    "县": "county", "县区": "county", "区": "county", "县级": "county", "county": "county",
    "市": "city", "市级": "city", "city": "city",
    "省": "province", "省级": "province", "province": "province",
    "部门": "department", "局": "department", "委": "department", "办": "department", "department": "department",
}
LEVEL_ZH = {"township": "乡镇/街道", "county": "县（区）", "city": "市", "province": "省", "department": "部门"}

TOP_KEYS = ("organization", "short_name", "level", "parent", "year", "format", "tables", "facts", "previous")
TABLE_KEYS = ("proactive", "requests", "review_litigation")
TABLE_ZH = {"proactive": "表二（主动公开）", "requests": "表三（依申请）", "review_litigation": "表四（复议诉讼）"}
MAX_DATA_BYTES = 5_000_000
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx", ".xlsm")

Number = int | Decimal


class Fact(BaseModel):
    """A figure the narrative may cite that no table holds."""

    model_config = ConfigDict(frozen=True)
    label: str
    value: Decimal
    unit: str = ""


class Tables(BaseModel):
    """Full grids: every row and column of the format is present."""

    proactive: dict[str, dict[str, Number]]
    requests: dict[str, dict[str, int]]
    review_litigation: dict[str, dict[str, int]]


class ReportData(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    organization: str
    short_name: str | None = None
    level: Level = "township"
    parent: str | None = None
    year: int
    format: Literal["2019", "2021"]
    tables: Tables
    facts: list[Fact] = Field(default_factory=list)
    previous: ReportData | None = None
    source: str | None = None  # the file it was read from, if any

    _positions: Positions = PrivateAttr(default_factory=dict)
    _warnings: list[Problem] = PrivateAttr(default_factory=list)

    @property
    def spec(self) -> Format:
        return get_format(self.format)

    @property
    def name(self) -> str:
        """The short name for prose (鸣皋镇), else the full name."""
        return self.short_name or self.organization

    @property
    def warnings(self) -> list[Problem]:
        return list(self._warnings)

    def cell_of(self, place: str) -> str | None:
        """For data read from a workbook: the sheet and cell of a data path (表三!D7)."""
        find = getattr(self._positions, "cell_of", None)
        return find(place) if find else None

    def line_of(self, place: str) -> int | None:
        pos = self._positions.get(place)
        while pos is None and "." in place:
            place = place.rsplit(".", 1)[0]
            pos = self._positions.get(place)
        return pos[0] if pos else None

    def request(self, row: str, col: str = "total") -> int:
        return self.tables.requests[row][col]

    def review(self, group: str, leaf: str = "total") -> int:
        return self.tables.review_litigation[group][leaf]

    def proactive(self, row: str, col: str) -> Number:
        return self.tables.proactive[row][col]

    def to_input(self) -> dict[str, Any]:
        """The canonical input mapping (what a data file holding this data would say)."""
        out: dict[str, Any] = {
            "organization": self.organization,
            "short_name": self.short_name,
            "level": self.level,
            "parent": self.parent,
            "year": self.year,
            "format": self.format,
            "tables": {
                "proactive": {r: {c: _plain(v) for c, v in cols.items()} for r, cols in self.tables.proactive.items()},
                "requests": {r: dict(cols) for r, cols in self.tables.requests.items()},
                "review_litigation": {g: dict(v) for g, v in self.tables.review_litigation.items()},
            },
            "facts": [{"label": f.label, "value": _plain(f.value), "unit": f.unit} for f in self.facts],
        }
        return {k: v for k, v in out.items() if v is not None}


def _plain(v: Number) -> int | float:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


# --------------------------------------------------------------------------- loading


def load_data(path: str | Path, encoding: str | None = None, _depth: int = 0) -> ReportData:
    """Read a data file (.yaml/.yml/.json/.xlsx, or .xls/.et through LibreOffice) into
    ReportData, or raise a DrafterError."""
    p = Path(path)
    suffix = p.suffix.lower()
    positions: Positions
    if suffix in (".xlsx", ".xlsm"):
        from .workbook import read_workbook  # openpyxl is imported only here

        with time_limit(str(p), "工作簿"):
            raw, positions = read_workbook(p)
    elif suffix in (".yaml", ".yml", ".json"):
        data = read_bytes(p, MAX_DATA_BYTES)
        if not data.strip():
            raise InputError("文件是空的。请先填写数据（可用 drafter init 生成模板）。", str(p))
        text = decode_text(data, str(p), encoding)
        with time_limit(str(p), "数据文件"):
            raw, positions = load_json(text, str(p)) if suffix == ".json" else load_yaml(text, str(p))
    elif suffix in (".xls", ".et"):
        raw, positions = _old_workbook(p)
    else:
        raise InputError(
            f"不认识的数据文件类型“{p.suffix or '（无扩展名）'}”。数据文件应为 .yaml、.json 或 .xlsx。", str(p)
        )
    return parse_data(raw, source=str(p), positions=positions, base_dir=p.parent, _depth=_depth)


def _old_workbook(p: Path) -> tuple[Any, Positions]:
    """An old Excel or WPS workbook (.xls/.et), converted to .xlsx with LibreOffice in a
    private temporary folder (the file itself is not touched), then read as a workbook."""
    import tempfile

    from .office import EXCEL, convert
    from .workbook import MAX_WORKBOOK_BYTES, read_workbook

    converted = convert(read_bytes(p, MAX_WORKBOOK_BYTES), p.suffix.lower(), EXCEL, str(p))
    with tempfile.TemporaryDirectory(prefix="drafter-xlsx-") as tmp:
        copy = Path(tmp) / (p.stem + ".xlsx")
        copy.write_bytes(converted)
        try:
            return read_workbook(copy)
        except DrafterError as exc:
            raise type(exc)(exc.message, str(p), exc.problems) from None


def parse_data(
    raw: Any,
    source: str = "",
    positions: Positions | None = None,
    base_dir: Path | None = None,
    _depth: int = 0,
) -> ReportData:
    """Validate and normalise a data mapping; raise DataError listing every problem."""
    positions = positions or {}
    parser = _Parser(source, positions)
    data = parser.parse(raw, base_dir, _depth)
    parser.note_text_numbers()
    if parser.problems or data is None:
        raise DataError(
            f"数据文件有 {len(parser.problems)} 处问题，请逐条修改后重试：", source, parser.problems
        )
    data._positions = positions
    data._warnings = parser.warnings
    return data


def text_number(text: str) -> int | float | None:
    """A number typed or stored as text (" 3 ", "３", "1,268"), or None for other text."""
    import re
    import unicodedata

    cleaned = re.sub(r"[\s,]", "", unicodedata.normalize("NFKC", text))
    if not re.fullmatch(r"[+-]?\d{1,15}(?:\.\d{1,6})?", cleaned):
        return None
    return int(cleaned) if "." not in cleaned else float(cleaned)


def _chinese_commas(cols: Any) -> bool:
    """A YAML list typed with Chinese commas ([3，0，1] or 3、0、1) reads as one text."""
    import re

    items = cols if isinstance(cols, list) else [cols]
    return any(isinstance(c, str) and re.search(r"\d\s*[，、]\s*\d", c) for c in items)


def attach_previous(data: ReportData, previous: ReportData, option: str = "--previous") -> None:
    """Give `data` last year's data, refusing a file of any other year (the same file twice)."""
    if previous.year == data.year:
        raise InputError(
            f"{option} 给出的是 {previous.year} 年度的数据，与本年度是同一年。{option} 应是上一年"
            f"（{data.year - 1} 年）的数据文件，请检查是否选错了文件。",
            previous.source or "",
        )
    if previous.year != data.year - 1:
        raise InputError(
            f"{option} 给出的是 {previous.year} 年度的数据，不是上一年（{data.year - 1} 年）。"
            f"请改用 {data.year - 1} 年度的数据文件。",
            previous.source or "",
        )
    data.previous = previous


def suggest(word: str, options: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return f"是不是想写“{close[0]}”？" if close else ""


class _Parser:
    def __init__(self, source: str, positions: Positions):
        self.source = source
        self.positions = positions
        self.problems: list[Problem] = []
        self.text_numbers: list[str] = []  # places of numbers typed or stored as text ("3", " 3 ")
        self.warnings: list[Problem] = []

    # -- helpers
    def where(self, place: str) -> tuple[str, int | None, int | None]:
        """A problem's place: the worksheet cell (表三!D7) for a workbook, else path, line, column."""
        cell = getattr(self.positions, "cells", {}).get(place)
        if cell:
            return cell, None, None
        line, col = self.positions.get(place, (None, None))
        return place, line, col

    def problem(self, place: str, message: str) -> None:
        self.problems.append(Problem(message, *self.where(place)))

    def warn(self, place: str, message: str) -> None:
        self.warnings.append(Problem(message, *self.where(place)))

    def note_text_numbers(self) -> None:
        """One note for every number stored as text: read as numbers, named by cell."""
        if not self.text_numbers:
            return
        cell_of = getattr(self.positions, "cell_of", None)
        names = [(cell_of(p) if cell_of else None) or p for p in self.text_numbers]
        shown = "、".join(names[:8]) + (f" 等 {len(names)} 处" if len(names) > 8 else "")
        excel = "（在 Excel 中选中这些格子，点旁边的感叹号选“转换为数字”即可）" if cell_of else ""
        self.warnings.append(Problem(f"{shown} 的数字是以文字形式保存的，已按数字读取{excel}。"))

    def unknown_keys(self, mapping: dict[Any, Any], allowed: tuple[str, ...] | list[str], place: str, hint: str = "") -> None:
        for key in mapping:
            if str(key) not in allowed:
                sub = f"{place}.{key}" if place else str(key)
                tip = suggest(str(key), allowed) or f"可用的键：{'、'.join(allowed)}。"
                self.problem(sub, f"不认识的键“{key}”。{tip}{hint}")

    # -- top level
    def parse(self, raw: Any, base_dir: Path | None, depth: int) -> ReportData | None:
        if not isinstance(raw, dict):
            self.problem("", "数据文件的最外层应是“键: 值”的映射（organization、year、tables 等）。请对照 drafter init 生成的模板。")
            return None
        self.unknown_keys(raw, TOP_KEYS, "")
        org = self.text(raw, "organization", required=True)
        short = self.text(raw, "short_name")
        parent = self.text(raw, "parent")
        level = self.level(raw.get("level"))
        year = self.year(raw.get("year"))
        fmt = self.format(raw.get("format"), year)
        if fmt is None:
            return None
        spec = get_format(fmt)
        tables_raw = raw.get("tables") or {}
        if not isinstance(tables_raw, dict):
            self.problem("tables", "tables 应包含 proactive、requests、review_litigation 三张表。")
            tables_raw = {}
        self.unknown_keys(tables_raw, TABLE_KEYS, "tables")
        tables = Tables(
            proactive=self.proactive(tables_raw.get("proactive"), spec),
            requests=self.requests(tables_raw.get("requests"), spec),
            review_litigation=self.review(tables_raw.get("review_litigation")),
        )
        facts = self.facts(raw.get("facts"))
        previous = self.previous(raw.get("previous"), base_dir, depth, year)
        if self.problems or org is None or year is None:
            return None
        return ReportData(
            organization=org,
            short_name=short,
            level=level,  # type: ignore[arg-type]
            parent=parent,
            year=year,
            format=fmt,
            tables=tables,
            facts=facts,
            previous=previous,
            source=self.source or None,
        )

    def text(self, raw: dict[str, Any], key: str, required: bool = False) -> str | None:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(key, f"缺少 {key}（机关全称，如“伊川县鸣皋镇人民政府”）。请补上。")
            return None
        if not isinstance(value, str):
            self.problem(key, f"{key} 应是文字，现在是“{_shown(value)}”。")
            return None
        cleaned = "".join(ch for ch in value.strip() if ch.isprintable())
        problem = name_problem(cleaned, key)
        if problem:
            self.problem(key, problem)
            return None
        return cleaned

    def level(self, value: Any) -> str:
        if value is None:
            self.warn("level", "没有填写 level，按乡镇（township）处理。")
            return "township"
        key = LEVEL_ALIASES.get(str(value).strip())
        if key is None:
            self.problem("level", f"level“{value}”无效。可填：{'、'.join(LEVELS)}。{suggest(str(value), LEVELS)}")
            return "township"
        return key

    def year(self, value: Any) -> int | None:
        this_year = date.today().year
        if value is None:
            self.problem("year", "缺少 year（报告年度，如 2024）。请补上。")
            return None
        text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            self.problem("year", f"year 应是四位数年份（如 2024），现在是“{_shown(value)}”。")
            return None
        year = int(text)
        if year < FIRST_YEAR:
            self.problem(
                "year",
                f"报告年度 {year} 早于 2019 年。2019 年以前的年度报告适用旧格式，drafter 不支持。请确认年度（2019 年及以后）。",
            )
            return None
        if year > this_year:
            self.problem("year", f"报告年度 {year} 还没有到（今年是 {this_year} 年）。请填写已经过去或正在进行的年度。")
            return None
        return year

    def format(self, value: Any, year: int | None) -> Literal["2019", "2021"] | None:
        expected = format_for_year(year) if year is not None else None
        if value is None:
            return expected
        text = str(value).strip()
        if text not in ("2019", "2021"):
            self.problem("format", f"format“{value}”无效，只能是 \"2019\"（试行格式）或 \"2021\"。")
            return expected
        if expected and text != expected:
            self.problem(
                "format",
                f"{year} 年度报告应使用 {expected} 年格式，但 format 写的是 {text}。"
                f"请改为 \"{expected}\" 或删除 format 一行（将按年度自动选择）。",
            )
        return text  # type: ignore[return-value]

    # -- cells
    def cell(self, value: Any, place: str, column: Column, label: str) -> Number:
        if value is None:
            self.warn(place, f"{label} 是空的，按 0 处理。如果确实为 0，建议写上 0。")
            return 0
        if isinstance(value, bool):
            self.problem(place, f"{label} 应是数字，现在是“{value}”。请填写数字。")
            return 0
        if column.type == "decimal":
            number = self.decimal(value, place, f"{label} 应是金额数字（单位：{column.unit}）")
            return 0 if number is None else number
        if isinstance(value, str):
            typed = text_number(value)
            if typed is None:
                self.problem(place, f"{label} 应是数字，现在是文字“{value}”。请只填写阿拉伯数字（如 3）。")
                return 0
            self.text_numbers.append(place)
            value = typed
        if isinstance(value, float):
            if value.is_integer():
                self.problem(place, f"{label} 是件数，应为整数，现在是“{value}”。请写成 {int(value)}。")
            else:
                self.problem(place, f"{label} 是件数，应为整数，现在是小数“{value}”。请填写整数。")
            return 0
        if not isinstance(value, int):
            self.problem(place, f"{label} 应是数字，现在是“{_shown(value)}”。")
            return 0
        if abs(value) >= MAX_MAGNITUDE:
            self.problem(place, f"{label} 是“{_shown(value)}”，大得不真实。请填写真实的数值。")
            return 0
        return value

    def decimal(self, value: Any, place: str, what: str) -> Decimal | None:
        """A finite decimal of sane magnitude, or None after recording a problem. The text is
        checked before conversion: Decimal("1e999999999") is cheap, but arithmetic on it is not."""
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            self.problem(place, f"{what}，现在是“{_shown(value)}”。请只填写数字。")
            return None
        text = str(value).strip().replace(",", "")
        reason = number_text_problem(text)
        if reason:
            self.problem(place, f"{what}，{reason}。请填写真实的数值。")
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            self.problem(place, f"{what}，现在是“{_shown(value)}”。请只填写数字。")
            return None
        if not number.is_finite():
            self.problem(place, f"{what}，现在是“{_shown(value)}”，不是有限的数字。请填写真实的数值。")
            return None
        if abs(number) >= MAX_MAGNITUDE:
            self.problem(place, f"{what}，现在是“{_shown(value)}”，大得不真实。请填写真实的数值。")
            return None
        return number

    # -- table 二
    def proactive(self, raw: Any, spec: Format) -> dict[str, dict[str, Number]]:
        table = spec.proactive
        out: dict[str, dict[str, Number]] = {r: {c.id: 0 for c in table.block_of(r).columns} for r in table.row_ids}
        if raw is None:
            return out
        base = "tables.proactive"
        if not isinstance(raw, dict):
            self.problem(base, "表二应按“行 → 列: 数值”填写。请对照 drafter init 生成的模板。")
            return out
        other = get_format("2021" if spec.id == "2019" else "2019")
        hint = f"（这是 {other.id} 年格式的行，本报告用 {spec.id} 年格式）" if any(k in other.proactive.row_ids for k in raw) else ""
        self.unknown_keys(raw, table.row_ids, base, hint)
        for row_id, cols in raw.items():
            if row_id not in out:
                continue
            block = table.block_of(row_id)
            row_label = next(r.label for r in block.rows if r.id == row_id)
            place = f"{base}.{row_id}"
            values = self.row_values(cols, [c.id for c in block.columns], place, f"表二“{row_label}”")
            for col in block.columns:
                if col.id in values:
                    label = f"表二“{row_label}”的“{col.label}”"
                    out[row_id][col.id] = self.cell(values[col.id], f"{place}.{col.id}", col, label)
        return out

    def row_values(self, cols: Any, col_ids: list[str], place: str, what: str, optional_last: bool = False) -> dict[str, Any]:
        """A row given as a mapping or as a list in printed order."""
        if cols is None:
            return {}
        if _chinese_commas(cols):
            self.problem(place, f"{what} 的列表中用了中文逗号“，”或顿号“、”，无法分开各个数值。"
                                "请改用英文逗号，如 [3, 0, 1]。")
            return {}
        if isinstance(cols, list):
            n = len(col_ids)
            allowed = (n - 1, n) if optional_last else (n,)
            if len(cols) not in allowed:
                need = f"{n - 1} 个（或连同总计 {n} 个）" if optional_last else f"{n} 个"
                self.problem(place, f"{what} 按列表填写时应有 {need}数值，现在有 {len(cols)} 个。")
                return {}
            for i in range(len(cols)):
                self.positions.setdefault(f"{place}.{col_ids[i]}", self.positions.get(f"{place}.{i}", (0, 0)))
            return dict(zip(col_ids, cols, strict=False))
        if isinstance(cols, dict):
            self.unknown_keys(cols, col_ids, place)
            return {k: v for k, v in cols.items() if k in col_ids}
        self.problem(place, f"{what} 应按“列: 数值”或列表填写，现在是“{cols}”。")
        return {}

    # -- table 三
    def requests(self, raw: Any, spec: Format) -> dict[str, dict[str, int]]:
        table = spec.requests
        cols = [c.id for c in table.columns]
        out: dict[str, dict[str, int]] = {}
        given: dict[str, dict[str, Any]] = {}
        base = "tables.requests"
        if raw is not None and not isinstance(raw, dict):
            self.problem(base, "表三应按“行 → 各列数值”填写。请对照 drafter init 生成的模板。")
            raw = None
        if raw:
            group_ids = [r.id for r in table.rows.values() if r.is_group]
            for key in raw:
                if key in group_ids:
                    kids = "、".join(table.label(k) for k in table.group_members(key))
                    self.problem(f"{base}.{key}", f"“{table.label(key)}”是分组标题，没有自己的数据。请填写其下各小项：{kids}。")
            other = get_format("2021" if spec.id == "2019" else "2019").requests
            unknown = [k for k in raw if k not in table.data_rows and k not in group_ids]
            for key in unknown:
                tip = ""
                if key in other.data_rows:
                    tip = f"这是 {other_format_id(spec.id)} 年格式的行，{spec.id} 年格式没有这一行。"
                tip = tip or suggest(str(key), table.data_rows) or "可用的行见 drafter init 生成的模板。"
                self.problem(f"{base}.{key}", f"不认识的行“{key}”。{tip}")
            for row_id in table.data_rows:
                if row_id in raw:
                    label = f"表三“{table.label(row_id)}”"
                    given[row_id] = self.row_values(raw[row_id], cols, f"{base}.{row_id}", label, optional_last=True)
        for row_id in table.data_rows:
            row_given = given.get(row_id, {})
            row: dict[str, int] = {}
            for col in table.columns:
                if col.id in row_given:
                    place = f"{base}.{row_id}.{col.id}"
                    label = f"表三“{table.label(row_id)}”的“{col.label}”列"
                    row[col.id] = int(self.cell(row_given[col.id], place, col, label))
                elif col.id != "total":
                    row[col.id] = 0
            if "total" not in row:
                row["total"] = sum(row[c] for c in table.applicant_columns)
            out[row_id] = row
        if table.results_total not in given:
            out[table.results_total] = {c: sum(out[r][c] for r in table.result_rows) for c in cols}
        return out

    # -- table 四
    def review(self, raw: Any) -> dict[str, dict[str, int]]:
        out = {g: {leaf: 0 for leaf in REVIEW_LEAVES} for g in REVIEW_GROUPS}
        base = "tables.review_litigation"
        spec = get_format("2021").review
        if raw is not None and not isinstance(raw, dict):
            self.problem(base, "表四应包含 review、lit_direct、lit_after_review 三组。")
            raw = None
        if raw:
            self.unknown_keys(raw, REVIEW_GROUPS, base)
            for gid in REVIEW_GROUPS:
                if gid not in raw:
                    continue
                group = spec.group(gid)
                place = f"{base}.{gid}"
                cols = raw[gid]
                if isinstance(cols, dict):  # accept both upheld and review_upheld
                    cols = {str(k).removeprefix(f"{gid}_"): v for k, v in cols.items()}
                values = self.row_values(cols, list(REVIEW_LEAVES), place, f"表四“{group.label}”", optional_last=True)
                for col in group.columns:
                    if col.id in values:
                        label = f"表四“{group.label}”的“{col.label}”"
                        out[gid][col.id] = int(self.cell(values[col.id], f"{place}.{col.id}", col, label))
                if "total" not in values:
                    out[gid]["total"] = sum(out[gid][leaf] for leaf in REVIEW_LEAVES[:-1])
        return out

    # -- facts and previous year
    def facts(self, raw: Any) -> list[Fact]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.problem("facts", "facts 应是列表，每项写成 {label: 名称, value: 数值, unit: 单位}。")
            return []
        out: list[Fact] = []
        for i, item in enumerate(raw):
            place = f"facts.{i}"
            if not isinstance(item, dict) or "label" not in item or "value" not in item:
                self.problem(place, "每条 fact 应写成 {label: 名称, value: 数值, unit: 单位}。")
                continue
            self.unknown_keys(item, ("label", "value", "unit"), place)
            number = self.decimal(item["value"], f"{place}.value", f"“{_shown(item['label'])}”的 value 应是数字")
            if number is None:
                continue
            out.append(Fact(label=str(item["label"]), value=number, unit=str(item.get("unit") or "")))
        return out

    def previous(self, raw: Any, base_dir: Path | None, depth: int, year: int | None) -> ReportData | None:
        if raw is None or depth > 0:
            return None
        shown = ""
        try:
            if isinstance(raw, str):
                path = (base_dir or Path(".")) / raw
                shown = f"上年数据文件“{_shown(raw)}”"
                if path.suffix.lower() not in DATA_SUFFIXES:
                    self.problem("previous", f"{shown}不是数据文件。previous 只能指向上年的 .yaml、.json 或 .xlsx 数据文件。")
                    return None
                if self.source and _same_file(path, Path(self.source)):
                    self.problem("previous", "previous 指向的是本文件自己。请改为上一年的数据文件。")
                    return None
                prev = load_data(path, _depth=depth + 1)
            elif isinstance(raw, dict):
                shown = "previous 中直接写的上年数据"
                prev = parse_data(raw, source=f"{self.source} previous", _depth=depth + 1)
            else:
                self.problem("previous", "previous 应是上年数据文件的路径（相对于本文件），或直接写上年的数据。")
                return None
        except (DataError, InputError) as exc:
            # Say only how many problems there are: the file may be someone else's, and its
            # keys and values are not to be echoed here.
            count = f"有 {len(exc.problems)} 处问题" if exc.problems else f"无法读取（{exc.message.rstrip('。')}）"
            fix = f"请单独运行 drafter check-data {_shown(raw)} 查看" if isinstance(raw, str) else "请逐项核对"
            self.problem("previous", f"{shown}{count}，不是一份有效的上年数据。{fix}。")
            return None
        if year is not None and prev.year != year - 1:
            self.problem("previous", f"previous 指向的是 {prev.year} 年的数据，应为上一年（{year - 1} 年）。")
        return prev


def name_problem(name: str, key: str) -> str | None:
    """Why a body's name cannot be used (too long, control characters, markup), or None.
    Names are written into templates, YAML and Markdown, so they must be plain text."""
    if len(name) > 100:
        return f"{key} 长达 {len(name)} 个字符，不像机关名称。请只填写名称。"
    if not name.isprintable():
        return f"{key}“{_shown(name)}”含有换行或不可见字符。请只填写名称，写在一行之内。"
    if any(ch in name for ch in "/\\<>{}#`|"):
        return f"{key}“{_shown(name)}”含有 / \\ < > {{ }} # ` | 等字符，不像机关名称。请只填写名称。"
    return None


def _shown(value: Any) -> str:
    """A value as quoted back in a message: printable, and cut short."""
    text = "".join(ch for ch in str(value) if ch.isprintable())
    return text if len(text) <= 40 else f"{text[:30]}…（共 {len(text)} 个字符）"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def other_format_id(format_id: str) -> str:
    return "2021" if format_id == "2019" else "2019"
