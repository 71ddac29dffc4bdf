"""The two national report formats (2019 trial, 2021), loaded from the YAML layouts
shipped in this package. Everything about labels, rows, columns, merged headers and
table arithmetic is read from those files; code elsewhere asks this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader: the same result, several times faster

FormatId = Literal["2019", "2021"]
FORMAT_IDS: tuple[FormatId, ...] = ("2019", "2021")
FIRST_YEAR = 2019  # report years before this follow the pre-2019 regime (out of scope)
LAST_YEAR = 2100

ColumnType = Literal["integer", "signed_integer", "decimal"]

# Table 四: the three groups of the data file and the five leaf columns each has.
REVIEW_GROUPS: tuple[str, ...] = ("review", "lit_direct", "lit_after_review")
REVIEW_LEAVES: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    type: ColumnType = "integer"
    unit: str = "件"
    decimals: int | None = None
    colspan: int = 1


@dataclass(frozen=True)
class Row:
    id: str
    label: str


@dataclass(frozen=True)
class Block:
    """One block of 表二: caption row, header row, data rows."""

    id: str
    caption: str
    header_stub: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class ProactiveTable:
    blocks: tuple[Block, ...]
    grid_columns: int

    def block_of(self, row_id: str) -> Block:
        for block in self.blocks:
            if any(r.id == row_id for r in block.rows):
                return block
        raise KeyError(row_id)

    @property
    def row_ids(self) -> tuple[str, ...]:
        return tuple(r.id for b in self.blocks for r in b.rows)

    def cells(self) -> list[tuple[Block, Row, Column]]:
        return [(b, r, c) for b in self.blocks for r in b.rows for c in b.columns]


@dataclass(frozen=True)
class RequestRow:
    """A row of 表三's label tree. Data rows have cells; group rows only a label."""

    id: str
    label: str
    level: int
    is_group: bool = False
    parent: str | None = None
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class RequestsTable:
    corner_note: str
    supergroup: str
    group_label: str  # 法人或其他组织
    columns: tuple[Column, ...]  # the seven leaf columns, total last
    applicant_columns: tuple[str, ...]
    rows: dict[str, RequestRow]  # every row of the tree, group rows included
    data_rows: tuple[str, ...]  # rows with cells, printed order
    results_row: str  # 三、本年度办理结果
    results_total: str  # （七）总计
    result_rows: tuple[str, ...]  # leaf result rows that add up to （七）总计

    def label(self, row_id: str) -> str:
        return self.rows[row_id].label

    def column(self, col_id: str) -> Column:
        return next(c for c in self.columns if c.id == col_id)

    def group_members(self, row_id: str) -> tuple[str, ...]:
        """Leaf data rows under a group row (or the row itself for a data row)."""
        row = self.rows[row_id]
        if not row.is_group:
            return (row_id,)
        out: list[str] = []
        for child in row.children:
            out.extend(self.group_members(child))
        return tuple(out)


@dataclass(frozen=True)
class ReviewGroup:
    id: str  # review / lit_direct / lit_after_review
    label: str  # 行政复议 / 未经复议直接起诉 / 复议后起诉
    top_label: str  # 行政复议 / 行政诉讼
    columns: tuple[Column, ...]  # ids are REVIEW_LEAVES


@dataclass(frozen=True)
class ReviewTable:
    groups: tuple[ReviewGroup, ...]

    def group(self, group_id: str) -> ReviewGroup:
        return next(g for g in self.groups if g.id == group_id)


@dataclass(frozen=True)
class Section:
    id: str
    number: str  # 一 … 六
    label: str
    kind: Literal["text", "table"]
    alt_labels: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    source: str
    severity: str
    text: str


@dataclass(frozen=True)
class Format:
    id: FormatId
    title: str
    document_no: str
    regulation: str
    sections: tuple[Section, ...]
    proactive: ProactiveTable
    requests: RequestsTable
    review: ReviewTable
    rules: dict[str, Rule] = field(default_factory=dict)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)


def format_for_year(year: int) -> FormatId:
    """The format a report year must use: ≤2020 the 2019 trial format, ≥2021 the 2021 one."""
    if year < FIRST_YEAR:
        raise ValueError(year)
    return "2019" if year <= 2020 else "2021"


@cache
def get_format(format_id: str) -> Format:
    """The format with this id ("2019" or "2021"); immutable and cached."""
    if format_id not in FORMAT_IDS:
        raise KeyError(format_id)
    text = resources.files(__package__).joinpath(f"format_{format_id}.yaml").read_text("utf-8")
    return _build(format_id, yaml.load(text, Loader=SAFE_LOADER))  # type: ignore[arg-type]  # noqa: S506


# --------------------------------------------------------------------------- building


def _column(spec: dict[str, Any], default_unit: str = "件") -> Column:
    ctype = spec.get("type", "integer")
    if ctype not in ("integer", "signed_integer", "decimal"):
        ctype = "integer"
    return Column(
        id=spec["id"],
        label=spec["label_zh"],
        type=ctype,
        unit=spec.get("unit", "万元" if ctype == "decimal" else default_unit),
        decimals=spec.get("decimals"),
        colspan=int(spec.get("colspan", 1)),
    )


def _build(format_id: FormatId, doc: dict[str, Any]) -> Format:
    meta = doc["format"]
    tables = doc["tables"]
    sections = tuple(_section(s) for s in doc["sections"])
    t2 = tables["t2_proactive"]
    blocks = tuple(
        Block(
            id=b["id"],
            caption=b["caption_zh"],
            header_stub=b["header_stub_zh"],
            columns=tuple(_column(c) for c in b["columns"]),
            rows=tuple(Row(r["id"], r["label_zh"]) for r in b["rows"]),
        )
        for b in t2["blocks"]
    )
    grid = int(t2.get("grid_columns") or max(1 + sum(c.colspan for c in b.columns) for b in blocks))
    return Format(
        id=format_id,
        title=meta["title_zh"],
        document_no=meta["document_no_zh"],
        regulation=meta["legal_basis"]["regulation_zh"],
        sections=sections,
        proactive=ProactiveTable(blocks=blocks, grid_columns=grid),
        requests=_requests(tables["t3_requests"]),
        review=_review(tables["t4_review_litigation"]),
        rules={
            r["id"]: Rule(r["id"], r.get("source", ""), r.get("severity", "error"), r.get("expr") or r.get("text", ""))
            for r in doc.get("rules", [])
        },
    )


def _section(spec: dict[str, Any]) -> Section:
    alt: tuple[str, ...] = ()
    if spec["id"] == "s5_problems":
        alt = ("政府信息公开工作存在的主要问题及改进情况",)
    topics = tuple(t["label_zh"] for t in spec.get("required_topics", []))
    return Section(spec["id"], spec["number_zh"], spec["label_zh"], spec["kind"], alt, topics)


def _requests(spec: dict[str, Any]) -> RequestsTable:
    rows: dict[str, RequestRow] = {}

    def walk(items: list[dict[str, Any]], level: int, parent: str | None) -> None:
        for item in items:
            children = item.get("children", [])
            rows[item["id"]] = RequestRow(
                id=item["id"],
                label=item["label_zh"],
                level=int(item.get("level", level)),
                is_group=bool(item.get("is_group", False)),
                parent=parent,
                children=tuple(c["id"] for c in children),
            )
            walk(children, level + 1, item["id"])

    walk(spec["rows"], 1, None)
    group = next(c for c in spec["columns"] if c.get("is_group"))
    leaf_specs = {c["id"]: c for c in spec["columns"] if not c.get("is_group")}
    leaf_specs.update({c["id"]: c for c in group["children"]})
    columns = tuple(_column(leaf_specs[cid]) for cid in spec["leaf_columns"])
    results = next(r for r in rows.values() if r.level == 1 and r.is_group)
    total_row = results.children[-1]
    result_rows: list[str] = []
    for child in results.children[:-1]:
        result_rows.extend(_leaves(rows, child))
    return RequestsTable(
        corner_note=spec["corner_note_zh"],
        supergroup=spec["column_supergroup_zh"],
        group_label=group["label_zh"],
        columns=columns,
        applicant_columns=tuple(spec["applicant_columns"]),
        rows=rows,
        data_rows=tuple(spec["data_rows_in_order"]),
        results_row=results.id,
        results_total=total_row,
        result_rows=tuple(result_rows),
    )


def _leaves(rows: dict[str, RequestRow], row_id: str) -> list[str]:
    row = rows[row_id]
    if not row.is_group:
        return [row_id]
    out: list[str] = []
    for child in row.children:
        out.extend(_leaves(rows, child))
    return out


def _review(spec: dict[str, Any]) -> ReviewTable:
    groups: list[ReviewGroup] = []
    for top in spec["column_groups"]:
        subgroups = top.get("subgroups") or [top]
        for sub in subgroups:
            cols = tuple(
                Column(id=leaf, label=c["label_zh"]) for leaf, c in zip(REVIEW_LEAVES, sub["columns"], strict=True)
            )
            groups.append(ReviewGroup(sub["id"], sub["label_zh"], top["label_zh"], cols))
    return ReviewTable(tuple(groups))


__all__ = [
    "FORMAT_IDS",
    "FIRST_YEAR",
    "REVIEW_GROUPS",
    "REVIEW_LEAVES",
    "Block",
    "Column",
    "Format",
    "FormatId",
    "ProactiveTable",
    "RequestRow",
    "RequestsTable",
    "ReviewGroup",
    "ReviewTable",
    "Row",
    "Rule",
    "Section",
    "format_for_year",
    "get_format",
]
