"""Find 表二/表三/表四 among a document's tables, tell which format they are printed in,
read them and hand the result to the data loader (drafter.data.parse_data), so that the
loader's checks and totals logic are the same for a report as for a data file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from ..data import ReportData, parse_data
from ..errors import DataError
from ..findings import Finding
from ..formats import FIRST_YEAR, Format, FormatId, format_for_year, get_format
from .grid import Grid, Table
from .interpret import TABLE_KEY, TABLE_SECTION, TableRead, read_proactive, read_requests, read_review
from .labels import bare_key, key

TABLE_NAMES = {
    "t2": "表二（主动公开政府信息情况）",
    "t3": "表三（收到和处理政府信息公开申请情况）",
    "t4": "表四（政府信息公开行政复议、行政诉讼情况）",
}
SECTION_TABLE = {v: k for k, v in TABLE_SECTION.items()}
UNKNOWN_ORGANIZATION = "（标题中未写明机关）"


@dataclass
class TablesResult:
    data: ReportData | None = None
    grids: dict[str, Grid] = field(default_factory=dict)
    table_format: FormatId | None = None
    findings: list[Finding] = field(default_factory=list)


# --------------------------------------------------------------------------- vocabularies


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {"t2": set(), "t3": set(), "t4": set()}
    for fid in ("2019", "2021"):
        fmt = get_format(fid)
        for block in fmt.proactive.blocks:
            words["t2"] |= {key(block.caption), key(block.header_stub)}
            words["t2"] |= {key(c.label) for c in block.columns} | {key(r.label) for r in block.rows}
        req = fmt.requests
        words["t3"] |= {key(c.label) for c in req.columns} | {key(req.supergroup), key(req.group_label)}
        words["t3"] |= {bare_key(r.label) for r in req.rows.values()}
        for group in fmt.review.groups:
            words["t4"] |= {key(group.label), key(group.top_label)} | {key(c.label) for c in group.columns}
    words["t3"] -= {"总计", "其他"}
    words["t4"] -= {"总计"}
    return {t: frozenset(w) for t, w in words.items()}


@lru_cache(maxsize=1)
def _format_signatures() -> dict[str, frozenset[str]]:
    """Labels of 表二 (and rows of 表三) printed in one format and not the other."""
    t2: dict[str, set[str]] = {}
    for fid in ("2019", "2021"):
        fmt = get_format(fid)
        t2[fid] = {key(b.caption) for b in fmt.proactive.blocks}
        t2[fid] |= {key(c.label) for b in fmt.proactive.blocks for c in b.columns}
        t2[fid] |= {key(r.label) for b in fmt.proactive.blocks for r in b.rows}
    new_rows = [r for r in get_format("2021").requests.data_rows if r not in get_format("2019").requests.data_rows]
    t3_2021 = {bare_key(get_format("2021").requests.label(r)) for r in new_rows}
    return {
        "2019": frozenset(t2["2019"] - t2["2021"]),
        "2021": frozenset(t2["2021"] - t2["2019"]),
        "t3_2021": frozenset(k for k in t3_2021 if len(k) >= 6),
    }


def _grid_keys(grid: Grid) -> set[str]:
    return {key(text) for row in grid for text in row if text.strip()}


def classify_grid(grid: Grid) -> str | None:
    """t2 / t3 / t4 by the labels the grid holds, or None."""
    keys = _grid_keys(grid)
    bare = {bare_key(text) for row in grid for text in row if text.strip()}
    scores = {t: len(keys & words) + len((bare - keys) & words) for t, words in _vocabulary().items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, score = ranked[0]
    if score < 2 or score == ranked[1][1]:
        return None
    return best


def detect_format(t2: Grid | None, t3: Grid | None) -> FormatId | None:
    """The layout the tables are printed in, from the labels only that layout has."""
    sig = _format_signatures()
    if t2:
        keys = _grid_keys(t2)

        def hits(words: frozenset[str]) -> int:
            return sum(1 for k in keys if k in words or any(len(w) >= 4 and k.startswith(w) for w in words))

        old, new = hits(sig["2019"]), hits(sig["2021"])
        if old != new:
            return "2019" if old > new else "2021"
    if t3:
        bare = {bare_key(text) for row in t3 for text in row if text.strip()}
        if bare & sig["t3_2021"]:
            return "2021"
    return None


# --------------------------------------------------------------------------- reading


def read_tables(
    located: list[tuple[str | None, Table]],
    organization: str | None,
    year: int | None,
    level: str | None,
    source: str,
    *,
    pictures: int = 0,
    attachments: int = 0,
    hint: str = "",
) -> TablesResult:
    """`located`: every table of the document in order, with the section it sits in;
    `pictures` and `attachments`: how many the document holds (where its tables may be)."""
    result = TablesResult()
    pieces: dict[str, list[Table]] = {}
    for section, printed in located:
        if not any(text.strip() for row in printed.grid for text in row):
            continue
        table = classify_grid(printed.grid) or SECTION_TABLE.get(section or "")
        if table is None:
            continue
        pieces.setdefault(table, []).append(printed)
    joined = {t: Table.join(p) for t, p in pieces.items()}
    result.grids = {t: joined[t].grid for t in ("t2", "t3", "t4") if t in joined}
    fmt_id = detect_format(result.grids.get("t2"), result.grids.get("t3"))
    if fmt_id is None:
        fmt_id = format_for_year(year) if year is not None and year >= FIRST_YEAR else "2021"
    result.table_format = fmt_id
    fmt = get_format(fmt_id)
    reads: dict[str, TableRead] = {}
    if not pieces:
        result.findings.append(_no_tables(pictures, attachments, hint))
        return result
    for table, reader in (("t2", read_proactive), ("t3", read_requests), ("t4", read_review)):
        found = joined.get(table)
        if found is None:
            result.findings.append(_unreadable(table, "报告中没有找到这张表"))
            continue
        read = reader(found, fmt)
        result.findings.extend(read.findings)
        if not read.matched:
            if not any(f.rule == "structure.table_unreadable" for f in read.findings):
                result.findings.append(_unreadable(table, "表中没有认出任何一行（行标题与官方格式对不上）"))
            continue
        reads[table] = read
    if len(reads) == 3:
        result.data = _to_data(reads, fmt, organization, year, level, source, result.findings)
    return result


def _no_tables(pictures: int, attachments: int, hint: str = "") -> Finding:
    """None of the three tables is printed as a table: one finding, not three. Tables printed
    as pictures or attached as files are common; then the tables are simply not checked."""
    names = "表二、表三、表四"
    if hint:
        return Finding(
            rule="structure.table_unreadable", severity="warning",
            message=f"{hint}，drafter 无法读取{names}，表格中的数字没有核对；正文已核对（给出 --data 时以数据文件为准）。"
                    "请人工核对表格，或提供报告的 Word/网页原文。",
            section="s2_proactive", extra={"tables": ["t2", "t3", "t4"], "pictures": pictures},
        )
    if pictures or attachments:
        where = "、".join(w for w in (f"{pictures}张图片" if pictures else "", f"{attachments}个附件链接" if attachments else "") if w)
        return Finding(
            rule="structure.table_unreadable", severity="warning",
            message=f"报告中没有文字表格，{names}可能是图片或附件（报告中有{where}），drafter 无法读取，表格中的数字没有核对；"
                    "正文已核对（给出 --data 时以数据文件为准）。请人工核对表格，或提供表格为文字的 Word/网页原文。",
            section="s2_proactive", extra={"tables": ["t2", "t3", "t4"], "pictures": pictures, "attachments": attachments},
        )
    return Finding(
        rule="structure.table_unreadable", severity="error",
        message=f"报告中没有找到{names}（既没有文字表格，也没有图片）。年度报告必须包括这三张表，请补上；"
                "正文已核对（给出 --data 时以数据文件为准）。",
        section="s2_proactive", extra={"tables": ["t2", "t3", "t4"]},
    )


def _unreadable(table: str, why: str) -> Finding:
    return Finding(
        rule="structure.table_unreadable",
        severity="error",
        message=f"无法读取{TABLE_NAMES[table]}：{why}。请按官方格式提供完整的表格。",
        section=TABLE_SECTION[table],
        extra={"table": table},
    )


def _to_data(reads: dict[str, TableRead], fmt: Format, organization: str | None, year: int | None,
             level: str | None, source: str, findings: list[Finding]) -> ReportData | None:
    this_year = date.today().year
    fits = year is not None and FIRST_YEAR <= year <= this_year and format_for_year(year) == fmt.id
    parse_year = year if fits else (2020 if fmt.id == "2019" else 2021)
    org = "".join(ch for ch in (organization or "") if ch not in "/\\<>{}")[:100] or UNKNOWN_ORGANIZATION
    raw: dict[str, Any] = {
        "organization": org,
        "level": level,
        "year": parse_year,
        "format": fmt.id,
        "tables": {TABLE_KEY[t]: read.rows for t, read in reads.items()},
    }
    if level is None:
        raw.pop("level")
    try:
        data = parse_data(raw, source=source)
    except DataError as exc:
        findings.append(
            Finding(rule="structure.table_unreadable", severity="error",
                    message=f"表格读出来了，但数据无法整理：{exc.describe()}")
        )
        return None
    if year is not None and year != data.year:
        # the tables are kept in the layout they are printed in; the year is the report's own
        data = data.model_copy(update={"year": year})
    return data
