"""`drafter init --bodies bodies.csv DIR`: one folder per body of a county's list, each with
its data template (YAML, or the Excel workbook) and its notes template, ready to hand out.

The list is a CSV as Excel saves it (UTF-8 with or without BOM, GBK/GB18030, or UTF-16
"Unicode text" with tabs), with a header row naming the columns in English or Chinese:
name/名称, short name/简称, parent/上级, year/年度 and optionally level/层级. Every problem in the
list is reported at once, with its row, before anything is written. Files that already exist
are never overwritten (unless --force), so the command can be run again after rows are added.
`DIR/index.csv` records which folder holds which body (aggregate uses it to name the missing).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from .names import FolderNames

INDEX = "index.csv"
INDEX_COLUMNS = ("folder", "name", "short_name", "parent", "year", "level")
HEADERS = {
    "name": ("name", "organization", "名称", "机关名称", "单位名称", "机关全称", "全称", "机关", "单位"),
    "short_name": ("short name", "short_name", "shortname", "简称", "机关简称"),
    "parent": ("parent", "上级", "上级机关", "上级汇总机关", "汇总机关"),
    "year": ("year", "年度", "报告年度", "年份"),
    "level": ("level", "层级", "机关层级", "类型"),
}


@dataclass(frozen=True)
class Body:
    row: int  # line in the CSV (the header is line 1)
    name: str
    short_name: str | None
    parent: str | None
    year: int
    level: str
    folder: str = ""


def decode_list(data: bytes, path: str) -> str:
    """The text of a list saved by Excel/WPS: UTF-8 (BOM or not), UTF-16, or GBK/GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError("无法识别文件编码（不是 UTF-8，也不是 GBK）。请在 Excel 中“另存为”CSV UTF-8 后重试。", path) from None


def _column_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = cell.strip().strip("\ufeff").lower().replace("（", "(").split("(")[0].strip()
        for field, aliases in HEADERS.items():
            if key in aliases and field not in found:
                found[field] = i
    return found


def read_bodies(path: Path, default_year: int | None = None) -> list[Body]:
    """The bodies of the list, each with a unique safe folder name; InputError listing every problem."""
    from ..data import LEVEL_ALIASES
    from ..reader.title import guess_level
    from ..textio import read_bytes

    text = decode_list(read_bytes(path, 5_000_000), str(path))
    first = text.split("\n", 1)[0]
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
    rows = [r for r in csv.reader(io.StringIO(text), dialect=dialect)]
    if not rows:
        raise InputError("名单是空的。第一行写列名（名称、简称、上级、年度），之后每行一个机关。", str(path))
    cols = _column_map(rows[0])
    if "name" not in cols:
        raise InputError(
            f"第1行（列名）中没有“名称”列（读到：{'、'.join(c.strip() for c in rows[0] if c.strip()) or '空'}）。"
            "请在第一行写列名：名称、简称、上级、年度（英文 name, short name, parent, year 也可以）。",
            str(path),
        )
    if "year" not in cols and default_year is None:
        raise InputError("名单中没有“年度”列。请加一列“年度”，或在命令中用 --year 指定所有机关的报告年度。", str(path))

    def cell(row: list[str], field: str) -> str:
        i = cols.get(field)
        return row[i].strip() if i is not None and i < len(row) else ""

    problems: list[Problem] = []
    bodies: list[Body] = []
    seen: dict[tuple[str, int], int] = {}
    names = FolderNames()
    this_year = date.today().year
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        name = cell(row, "name")
        if not name:
            problems.append(Problem("这一行没有填写机关名称。请填写，或删除这一行。", line=line))
            continue
        raw_year = cell(row, "year")
        try:
            year = int(float(raw_year)) if raw_year else default_year
        except ValueError:
            year = None
        if year is None:
            problems.append(Problem(f"“{name}”的年度“{raw_year}”不是年份。请填写如 2024。", line=line))
            continue
        if not 2019 <= year <= this_year:
            problems.append(Problem(f"“{name}”的年度 {year} 不在 2019 至 {this_year} 年之间。请检查年度。", line=line))
            continue
        raw_level = cell(row, "level")
        level = LEVEL_ALIASES.get(raw_level) if raw_level else guess_level(name)
        if level is None:
            problems.append(
                Problem(
                    f"无法从名称“{name}”判断机关层级{f'（层级“{raw_level}”不认识）' if raw_level else ''}。"
                    "请在“层级”列填写：乡镇、县、市、省或部门。",
                    line=line,
                )
            )
            continue
        if (name, year) in seen:
            problems.append(Problem(f"“{name}”（{year}年度）与第{seen[(name, year)]}行重复。请删除重复的一行。", line=line))
            continue
        seen[(name, year)] = line
        short = cell(row, "short_name") or None
        parent = cell(row, "parent") or None
        bodies.append(Body(line, name, short, parent, year, level, names.take(name)))
    if problems:
        raise InputError(f"名单有 {len(problems)} 处问题，没有生成任何文件。请逐条修改后重试：", str(path), problems)
    if not bodies:
        raise InputError("名单中没有任何机关。第一行写列名，之后每行一个机关。", str(path))
    return bodies


def scaffold(bodies: list[Body], out_dir: Path, *, xlsx: bool = False, force: bool = False) -> tuple[list[Body], list[Body]]:
    """Write each body's folder; returns (written, kept because files already existed)."""
    from ..skeleton import data_skeleton, notes_skeleton
    from ..textio import write_atomic

    written: list[Body] = []
    kept: list[Body] = []
    for body in bodies:
        folder = out_dir / body.folder
        data_path = folder / ("data.xlsx" if xlsx else "data.yaml")
        notes_path = folder / "notes.md"
        others = [folder / n for n in ("data.yaml", "data.yml", "data.json", "data.xlsx")]
        if not force and (notes_path.exists() or any(p.exists() for p in others)):
            kept.append(body)
            continue
        if xlsx:
            from ..workbook import write_workbook

            write_workbook(data_path, body.name, body.level, body.year, short_name=body.short_name, parent=body.parent)
        else:
            write_atomic(data_path, data_skeleton(body.name, body.level, body.year, body.short_name, body.parent))
        write_atomic(notes_path, notes_skeleton(body.name, body.year))
        written.append(body)
    write_index(out_dir / INDEX, bodies)
    return written, kept


def write_index(path: Path, bodies: list[Body]) -> None:
    from ..textio import write_atomic

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(INDEX_COLUMNS)
    for b in bodies:
        w.writerow([b.folder, b.name, b.short_name or "", b.parent or "", b.year, b.level])
    write_atomic(path, "\ufeff" + buf.getvalue())


def read_index(path: Path) -> list[dict[str, str]]:
    """The rows of an index.csv written by init --bodies ([] when there is none or it is unreadable)."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return [dict(r) for r in csv.DictReader(io.StringIO(text)) if r.get("folder")]


def run_init_bodies(list_path: Path, out_dir: Path, *, year: int | None, xlsx: bool, force: bool, echo: Any) -> None:
    """The `init --bodies` command: read the list, write the folders, say what was done."""
    bodies = read_bodies(list_path, default_year=year)
    try:
        written, kept = scaffold(bodies, out_dir, xlsx=xlsx, force=force)
    except OSError as exc:
        raise InputError(f"无法写入（{exc.strerror or exc}）。请检查文件夹权限和磁盘空间。", str(out_dir)) from None
    echo(f"已为 {len(written)} 个机关生成文件夹（{out_dir}）。每个文件夹内有 {'data.xlsx' if xlsx else 'data.yaml'} 和 notes.md。")
    if kept:
        names = "、".join(b.folder for b in kept[:10]) + ("等" if len(kept) > 10 else "")
        echo(f"{len(kept)} 个机关的文件夹中已有文件，没有覆盖：{names}（加 --force 覆盖）。")
    echo(f"机关与文件夹的对应关系见 {out_dir / INDEX}。填好后运行：drafter batch {out_dir} -o 输出文件夹")
