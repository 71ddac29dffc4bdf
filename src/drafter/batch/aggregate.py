"""`drafter aggregate DIR -o county-data.yaml [--parent parent-data.yaml]`: the county roll-up.

The tables of every body folder in DIR (for one year) are summed, cell by cell, into a data
file for the parent in the format of that year. Only cells that add up across bodies are
summed; these do not, and are left for the parent to fill in with its own figure:

- 现行有效件数 (2021, `in_force`) and 对外公开总数量 (2019, `total_published`): a document issued
  jointly by several bodies is in force once for the county, and the county's own documents
  are not its subordinates' documents;
- 上一年项目数量 and 本年增/减 (2019, `items_last_year`, `items_change`): items of a catalogue
  (行政许可事项 …) that many bodies share, not counts of events.

Everything else is a count of events or an amount (documents made, decisions, requests and
their outcomes, reviews and suits, fees) and adds up. With --parent, every summed cell where
the parent's figure differs from the sum of its children is reported, and so is every child
that is missing (listed in index.csv but without readable data), of another year, or whose
tables do not add up (it is left out of the sum).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..data import ReportData
from ..errors import DrafterError, InputError
from ..formats import REVIEW_GROUPS, REVIEW_LEAVES, Format, get_format
from .inputs import discover
from .scaffold import INDEX, read_index

NON_ADDITIVE = frozenset({"in_force", "total_published", "items_last_year", "items_change"})
Number = int | Decimal


@dataclass
class RollUp:
    year: int
    format: str
    parent: str | None
    included: list[ReportData] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (folder or name, why)
    cells: dict[str, Number] = field(default_factory=dict)  # data path → sum (additive cells only)
    labels: dict[str, str] = field(default_factory=dict)  # data path → 表 row·column as printed


def cell_labels(spec: Format) -> dict[str, str]:
    """Every additive cell of a format: data path → how a clerk names it."""
    out: dict[str, str] = {}
    for _block, row, col in spec.proactive.cells():
        if col.id not in NON_ADDITIVE:
            out[f"tables.proactive.{row.id}.{col.id}"] = f"表二 {row.label}·{col.label}"
    for row_id in spec.requests.data_rows:
        for col in spec.requests.columns:
            out[f"tables.requests.{row_id}.{col.id}"] = f"表三 {spec.requests.label(row_id)}·{col.label}"
    for gid in REVIEW_GROUPS:
        group = spec.review.group(gid)
        for col in group.columns:
            name = group.label if group.label == group.top_label else f"{group.top_label}·{group.label}"
            out[f"tables.review_litigation.{gid}.{col.id}"] = f"表四 {name}·{col.label}"
    return out


def value(data: ReportData, path: str) -> Number:
    _, table, row, col = path.split(".")
    return getattr(data.tables, table)[row][col]  # type: ignore[no-any-return]


def roll_up(in_dir: Path, year: int | None = None) -> RollUp:
    from ..data import load_data
    from ..rules import check_tables

    if not in_dir.is_dir():
        raise InputError("文件夹不存在。请指定放有各机关文件夹的文件夹。", str(in_dir))
    loaded: list[tuple[str, ReportData]] = []
    left_out: list[tuple[str, str]] = []
    found = discover(in_dir)
    for body in found:
        if body.problem or body.data_path is None:
            left_out.append((body.label, body.problem or "没有数据文件"))
            continue
        try:
            data = load_data(body.data_path)
        except DrafterError as exc:
            left_out.append((body.label, "数据文件无法读取：" + exc.message))
            continue
        errors = [f for f in check_tables(data) if f.severity == "error"]
        if errors:
            left_out.append((body.label, f"表格有 {len(errors)} 个错误（{errors[0].message}），未计入合计"))
            continue
        loaded.append((body.label, data))
    folders = {b.label for b in found}
    for row in read_index(in_dir / INDEX):
        if row["folder"] not in folders:
            left_out.append((row["folder"], f"名单中的“{row['name']}”没有文件夹或数据文件，未计入合计"))
    if not loaded:
        raise InputError("没有可以相加的机关数据（每个机关一个子文件夹，内有 data.yaml）。", str(in_dir))
    years = Counter(d.year for _, d in loaded)
    if year is None:
        top = max(years.values())
        year = max(y for y, n in years.items() if n == top)
    result = RollUp(year=year, format="", parent=None)
    for label, data in loaded:
        if data.year != year:
            left_out.append((label, f"数据是 {data.year} 年度的，不是 {year} 年度，未计入合计"))
        else:
            result.included.append(data)
    if not result.included:
        raise InputError(f"没有 {year} 年度的机关数据。请检查 --year。", str(in_dir))
    result.left_out = left_out
    result.format = result.included[0].format
    parents = Counter(d.parent for d in result.included if d.parent)
    result.parent = parents.most_common(1)[0][0] if parents else None
    result.labels = cell_labels(get_format(result.format))
    for path in result.labels:
        result.cells[path] = sum((value(d, path) for d in result.included), start=0)
    return result


def _num(v: Number) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v != v.to_integral_value() else str(int(v))
    return str(v)


def to_yaml(r: RollUp) -> str:
    """The parent's data file: summed cells, the others left out with a note to fill them in."""
    from ..reader.title import guess_level
    from ..skeleton import _q

    spec = get_format(r.format)
    names = "、".join(d.short_name or d.organization for d in r.included[:5]) + ("等" if len(r.included) > 5 else "")
    lines = [
        f"# {r.year} 年度下级机关数据合计（drafter aggregate）：{len(r.included)} 个机关（{names}）。",
        "# 只有能相加的单元格已填写；现行有效件数、对外公开总数量、项目数量等不能由下级相加，请填写本级数字。",
        f"organization: {_q(r.parent or '（请填写上级机关全称）')}",
        f"level: {guess_level(r.parent) or 'county'}",
        f"year: {r.year}",
        f'format: "{r.format}"',
        "tables:",
        "  proactive:",
    ]
    for block in spec.proactive.blocks:
        for row in block.rows:
            cells = [f"{c.id}: {_num(r.cells[f'tables.proactive.{row.id}.{c.id}'])}" for c in block.columns
                     if c.id not in NON_ADDITIVE]
            skipped = [c.label for c in block.columns if c.id in NON_ADDITIVE]
            note = f"    # {row.label}" + (f"；{'、'.join(skipped)}不能相加，请填写本级数字" if skipped else "")
            lines.append(f"    {row.id}: {{{', '.join(cells)}}}{note}")
    lines.append("  requests:")
    for row_id in spec.requests.data_rows:
        if row_id == spec.requests.results_total:
            continue
        vals = [_num(r.cells[f"tables.requests.{row_id}.{c}"]) for c in spec.requests.applicant_columns]
        lines.append(f"    {row_id}: [{', '.join(vals)}]    # {spec.requests.label(row_id)}")
    lines.append("  review_litigation:")
    for gid in REVIEW_GROUPS:
        vals = [_num(r.cells[f"tables.review_litigation.{gid}.{leaf}"]) for leaf in REVIEW_LEAVES if leaf != "total"]
        lines.append(f"    {gid}: [{', '.join(vals)}]")
    return "\n".join(lines) + "\n"


def compare(r: RollUp, parent: ReportData) -> list[str]:
    """Every summed cell where the parent's figure is not the sum of its children."""
    out = []
    if parent.year != r.year:
        out.append(f"上级数据是 {parent.year} 年度的，下级合计是 {r.year} 年度。请核对年度。")
        return out
    for path, label in r.labels.items():
        try:
            own = value(parent, path)
        except KeyError:
            continue
        total = r.cells[path]
        if own != total:
            out.append(f"{label}：上级填报 {_num(own)}，下级合计 {_num(total)}（相差 {_num(own - total)}）[{path}]")
    return out


def run_aggregate(in_dir: Path, output: Path | None, parent_path: Path | None, year: int | None, force: bool,
                  echo: Any) -> int:
    from ..data import load_data
    from ..textio import write_atomic

    if output is None and parent_path is None:
        raise InputError("请用 -o 指定合计数据的输出文件（如 -o county-data.yaml），或用 --parent 指定要核对的上级数据文件。")
    if output is not None:
        if output.suffix.lower() not in (".yaml", ".yml"):
            raise InputError("合计数据写成 YAML 文件，请用 .yaml 结尾的文件名。", str(output))
        if output.exists() and not force:
            raise InputError("文件已存在，为免覆盖，没有写入。换一个文件名，或加 --force 覆盖。", str(output))
    parent = load_data(parent_path) if parent_path is not None else None
    r = roll_up(in_dir, year if year is not None else (parent.year if parent else None))
    echo(f"{r.year} 年度：{len(r.included)} 个机关的数据已相加。")
    for who, why in r.left_out:
        echo(f"未计入：{who}：{why}")
    if output is not None:
        try:
            write_atomic(output, to_yaml(r))
        except OSError as exc:
            raise InputError(f"无法写入（{exc.strerror or exc}）。请检查文件夹权限和磁盘空间。", str(output)) from None
        echo(f"已写入 {output}。现行有效件数等不能相加的单元格没有填写，请填写本级数字。")
    problems = 0
    if parent is not None:
        diffs = compare(r, parent)
        for line in diffs:
            echo(f"不一致：{line}")
        others = [d.organization for d in r.included if d.parent and d.parent != parent.organization]
        if others:
            echo(f"提醒：{'、'.join(others[:10])} 的上级不是“{parent.organization}”。")
        problems = len(diffs)
        echo(f"上级数据与下级合计：{'全部一致' if not diffs else f'{len(diffs)} 处不一致'}。")
    return 1 if problems or r.left_out else 0
