"""Hand-built reports for the reader tests: the three tables in the official merged layout
(rowspan/colspan as the formats print them), written as HTML or Word, or as plain text
copied from a PDF (cells separated by spaces, long labels broken over lines), independent
of drafter.render so that a reader bug and a renderer bug cannot cancel out.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.formats import REVIEW_GROUPS, REVIEW_LEAVES, Format, get_format

Cell = tuple[str, int, int]  # text, rowspan, colspan
Layout = list[list[Cell]]

ORG = {"2019": "伊川县鸣皋镇人民政府", "2021": "洛阳市伊川县教育局"}
YEAR = {"2019": 2020, "2021": 2023}

NARRATIVE = {
    "s0_preamble": ["本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"],
    "s1_overview": ["（一）主动公开", "全年主动公开政府信息180条。", "（二）依申请公开", "全年共收到政府信息公开申请{new}件。"],
    "s5_problems": ["一是公开形式单一。", "下一步将拓宽公开渠道。"],
    "s6_other": ["本年度未收取信息处理费。"],
}


def sample_data(format_id: str, seed: int = 7, organization: str | None = None,
                year: int | None = None) -> dict[str, Any]:
    """A data mapping with non-zero figures in every table, internally consistent."""
    rng = random.Random(seed)
    fmt = get_format(format_id)
    proactive: dict[str, dict[str, Any]] = {}
    for block in fmt.proactive.blocks:
        for row in block.rows:
            cells: dict[str, Any] = {}
            for col in block.columns:
                if col.type == "decimal":
                    cells[col.id] = Decimal(rng.randint(10000, 999999)) / Decimal(10000)
                elif col.type == "signed_integer":
                    cells[col.id] = rng.randint(-5, 5) or -2
                else:
                    cells[col.id] = rng.randint(1, 40)
            if "total_published" in cells:  # 对外公开总数量 includes this year's
                cells["total_published"] = cells["newly_published_this_year"] + rng.randint(0, 20)
            proactive[row.id] = cells
    req = fmt.requests
    applicants = req.applicant_columns
    rows: dict[str, dict[str, int]] = {}
    for rid in req.result_rows:
        rows[rid] = {c: rng.randint(0, 6) for c in applicants}
    rows[req.results_total] = {c: sum(rows[r][c] for r in req.result_rows) for c in applicants}
    rows["carried_over"] = {c: rng.randint(0, min(2, rows[req.results_total][c])) for c in applicants}
    rows["carried_forward"] = {c: rng.randint(0, 3) for c in applicants}
    rows["new_received"] = {
        c: rows[req.results_total][c] + rows["carried_forward"][c] - rows["carried_over"][c] for c in applicants
    }
    requests = {rid: {**cols, "total": sum(cols.values())} for rid, cols in rows.items()}
    review: dict[str, dict[str, int]] = {}
    for gid in REVIEW_GROUPS:
        leaves = {leaf: rng.randint(0, 4) for leaf in REVIEW_LEAVES[:-1]}
        review[gid] = {**leaves, "total": sum(leaves.values())}
    return {
        "organization": organization or ORG[format_id],
        "year": year or YEAR[format_id],
        "format": format_id,
        "tables": {"proactive": proactive, "requests": requests, "review_litigation": review},
    }


def blank_cells(findings: list[Any]) -> list[str]:
    """The places of every blank cell the reader noted: one warning per table lists them all."""
    out: list[str] = []
    for f in findings:
        if f.rule == "table.blank_cell":
            out += f.extra.get("cells", [f.place])
    return out


def number_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:.4f}"
    return str(value)


# --------------------------------------------------------------------------- layouts


def t2_layout(fmt: Format, proactive: dict[str, dict[str, Any]]) -> Layout:
    width = fmt.proactive.grid_columns
    out: Layout = []
    for block in fmt.proactive.blocks:
        stub_span = width - sum(c.colspan for c in block.columns)
        out.append([(block.caption, 1, width)])
        out.append([(block.header_stub, 1, stub_span)] + [(c.label, 1, c.colspan) for c in block.columns])
        for row in block.rows:
            values = [(number_text(proactive[row.id][c.id]), 1, c.colspan) for c in block.columns]
            out.append([(row.label, 1, stub_span)] + values)
    return out


def t3_layout(fmt: Format, requests: dict[str, dict[str, int]]) -> Layout:
    spec = fmt.requests
    cols = [c.id for c in spec.columns]
    out: Layout = [
        [(spec.corner_note, 3, 3), (spec.supergroup, 1, 7)],
        [(spec.columns[0].label, 2, 1), (spec.group_label, 1, 5), (spec.columns[-1].label, 2, 1)],
        [(c.label, 1, 1) for c in spec.columns[1:-1]],
    ]

    def values(rid: str) -> list[Cell]:
        return [(str(requests[rid][c]), 1, 1) for c in cols]

    for top_id, top in ((r.id, r) for r in spec.rows.values() if r.level == 1):
        if not top.is_group:
            out.append([(top.label, 1, 3)] + values(top_id))
            continue
        first_top = True
        under = len(spec.group_members(top_id)) + (0 if spec.results_total in spec.group_members(top_id) else 1)
        for child_id in top.children:
            child = spec.rows[child_id]
            lead: list[Cell] = [(top.label, under, 1)] if first_top else []
            first_top = False
            if not child.is_group:
                out.append(lead + [(child.label, 1, 2)] + values(child_id))
                continue
            for n, leaf_id in enumerate(child.children):
                head: list[Cell] = [(child.label, len(child.children), 1)] if n == 0 else []
                out.append((lead if n == 0 else []) + head + [(spec.label(leaf_id), 1, 1)] + values(leaf_id))
    return out


def t4_layout(fmt: Format, review: dict[str, dict[str, int]]) -> Layout:
    groups = fmt.review.groups
    leaves = [(c.label, 1, 1) for c in groups[0].columns]
    return [
        [(groups[0].top_label, 1, 5), (groups[1].top_label, 1, 10)],
        [(c.label, 2, 1) for c in groups[0].columns] + [(groups[1].label, 1, 5), (groups[2].label, 1, 5)],
        leaves + leaves,
        [(str(review[g.id][leaf]), 1, 1) for g in groups for leaf in REVIEW_LEAVES],
    ]


def layouts(data: dict[str, Any]) -> dict[str, Layout]:
    fmt = get_format(data["format"])
    tables = data["tables"]
    return {
        "s2_proactive": t2_layout(fmt, tables["proactive"]),
        "s3_requests": t3_layout(fmt, tables["requests"]),
        "s4_review_litigation": t4_layout(fmt, tables["review_litigation"]),
    }


def title_of(data: dict[str, Any]) -> str:
    return f"{data['organization']}{data['year']}年政府信息公开工作年度报告"


def narrative(data: dict[str, Any]) -> dict[str, list[str]]:
    new = data["tables"]["requests"]["new_received"]["total"]
    return {sid: [p.format(year=data["year"], new=new) for p in paras] for sid, paras in NARRATIVE.items()}


def headings(format_id: str) -> list[tuple[str, str]]:
    return [(s.id, f"{s.number}、{s.label}") for s in get_format(format_id).sections]


# --------------------------------------------------------------------------- writers


def html_table(layout: Layout) -> str:
    rows = []
    for row in layout:
        cells = []
        for text, rs, cs in row:
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            cells.append(f"<td{attrs}><p>{html.escape(text)}</p></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1"><tbody>' + "\n".join(rows) + "</tbody></table>"


def html_report(data: dict[str, Any], tables: dict[str, Layout] | None = None, chrome: bool = False) -> str:
    """A whole report page; `chrome` wraps it in site navigation and a footer as gov sites do."""
    tables = tables or layouts(data)
    text = narrative(data)
    parts = [f"<h1>{html.escape(title_of(data))}</h1>"]
    parts += [f"<p>{html.escape(p)}</p>" for p in text["s0_preamble"]]
    for sid, heading in headings(data["format"]):
        parts.append(f"<p><strong>{html.escape(heading)}</strong></p>")
        parts += [f"<p>{html.escape(p)}</p>" for p in text.get(sid, [])]
        if sid in tables:
            parts.append(html_table(tables[sid]))
    body = "\n".join(parts)
    if chrome:
        body = (
            '<div class="nav"><a href="/">首页</a> &gt; <a href="#">政府信息公开</a> &gt; 年度报告</div>'
            '<div class="menu"><ul><li>机构概况</li><li>政策文件</li></ul></div>'
            f'<div class="content"><div class="article">{body}</div></div>'
            '<div class="footer"><p>主办单位：伊川县人民政府办公室 联系电话：0379-68312345</p>'
            "<p>网站标识码4103290001 豫ICP备05012345号</p></div>"
        )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title_of(data))}_伊川县人民政府</title>"
        "<style>td{border:1px solid}</style><script>var x = '一、总体情况';</script></head>"
        f"<body>{body}</body></html>"
    )


def docx_report(data: dict[str, Any], path: Path, tables: dict[str, Layout] | None = None) -> Path:
    """A Word file with headings, narrative paragraphs and the tables with merged cells."""
    import docx

    tables = tables or layouts(data)
    text = narrative(data)
    doc = docx.Document()
    doc.add_heading(title_of(data), 0)
    for p in text["s0_preamble"]:
        doc.add_paragraph(p)
    for sid, heading in headings(data["format"]):
        doc.add_heading(heading, 1)
        for p in text.get(sid, []):
            doc.add_paragraph(p)
        if sid in tables:
            _docx_table(doc, tables[sid])
    doc.save(str(path))
    return path


@lru_cache(maxsize=8)
def docx_bytes(format_id: str, seed: int = 7) -> bytes:
    """The Word report of sample_data(format_id, seed), built once per test session."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return docx_report(sample_data(format_id, seed), Path(tmp) / "report.docx").read_bytes()


def origins(layout: Layout) -> tuple[list[tuple[int, int, int, int, str]], int]:
    """(row, col, rowspan, colspan, text) of every printed cell, and the grid width."""
    taken: set[tuple[int, int]] = set()
    out = []
    width = 0
    for r, row in enumerate(layout):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, rs, cs, text))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            c += cs
            width = max(width, c)
    return out, width


def _docx_table(doc: Any, layout: Layout) -> None:
    cells, width = origins(layout)
    table = doc.add_table(rows=len(layout), cols=width)
    table.style = "Table Grid"
    for r, c, rs, cs, text in cells:
        cell = table.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
        cell.text = text


# --------------------------------------------------------------------------- plain text as copied from a PDF


def _pdf_lines(cells_before: list[str], label: str, values: list[str], join: Callable[[list[str]], str],
               wrap: int | None, numbers_first: bool) -> list[str]:
    """One table row as lines of text; a label longer than `wrap` broken over several
    lines, the numbers after its last piece (or its first, `numbers_first`)."""
    if wrap is None or len(label) <= wrap:
        return [join([*cells_before, label, *values])]
    pieces = [label[i:i + wrap] for i in range(0, len(label), wrap)]
    if numbers_first:
        return [join([*cells_before, pieces[0], *values]), *pieces[1:]]
    return [join([*cells_before, pieces[0]]), *pieces[1:-1], join([pieces[-1], *values])]


def text_tables(data: dict[str, Any], sep: str = "  ", wrap: int | None = None, numbers_first: bool = False,
                single_spaced_numbers: bool = True) -> dict[str, list[str]]:
    """表二/表三/表四 as text copied from a PDF or a web page into Notepad: cells separated
    by `sep` ("pad": runs of 2 to 8 spaces), merged cells printed once, long labels
    broken over lines (`wrap`), 表四's numbers separated by single spaces (or by `sep`)."""
    fmt = get_format(data["format"])
    tables = data["tables"]
    rng = random.Random(len(sep) * 31 + (wrap or 0))

    def join(cells: list[str]) -> str:
        out = cells[0]
        for cell in cells[1:]:
            out += (" " * rng.randint(2, 8) if sep == "pad" else sep) + cell
        return out

    t2: list[str] = []
    for block in fmt.proactive.blocks:
        t2.append(block.caption)
        t2.append(join([block.header_stub, *(c.label for c in block.columns)]))
        for row in block.rows:
            t2.append(join([row.label, *(number_text(tables["proactive"][row.id][c.id]) for c in block.columns)]))

    spec = fmt.requests
    requests = tables["requests"]
    cols = [c.id for c in spec.columns]
    t3 = _pdf_lines([], spec.corner_note, [spec.supergroup], join, wrap, numbers_first=False)
    t3.append(join([spec.columns[0].label, spec.group_label, spec.columns[-1].label]))
    t3.append(join([c.label for c in spec.columns[1:-1]]))

    def values(rid: str) -> list[str]:
        return [str(requests[rid][c]) for c in cols]

    for top_id, top in ((r.id, r) for r in spec.rows.values() if r.level == 1):
        if not top.is_group:
            t3 += _pdf_lines([], top.label, values(top_id), join, wrap, numbers_first)
            continue
        lead = [top.label]
        for child_id in top.children:
            child = spec.rows[child_id]
            if not child.is_group:
                t3 += _pdf_lines(lead, child.label, values(child_id), join, wrap, numbers_first)
                lead = []
                continue
            head = [child.label]
            for leaf_id in child.children:
                t3 += _pdf_lines(lead + head, spec.label(leaf_id), values(leaf_id), join, wrap, numbers_first)
                lead, head = [], []

    groups = fmt.review.groups
    leaves = [c.label for c in groups[0].columns]
    review = tables["review_litigation"]
    numbers = [str(review[g.id][leaf]) for g in groups for leaf in REVIEW_LEAVES]
    t4 = [
        join([groups[0].top_label, groups[1].top_label]),
        join([*leaves, groups[1].label, groups[2].label]),
        join(leaves + leaves),
        " ".join(numbers) if single_spaced_numbers else join(numbers),
    ]
    return {"s2_proactive": t2, "s3_requests": t3, "s4_review_litigation": t4}


def text_report(data: dict[str, Any], tables: dict[str, list[str]] | None = None,
                title: str | None = None, period_year: int | None = None) -> str:
    """A whole report as plain text: title, preamble, the six sections, the tables as
    text lines (text_tables), paragraphs indented with 全角 spaces as in Word copies."""
    tables = tables or text_tables(data)
    text = narrative(data)
    if period_year is not None:
        text["s0_preamble"] = [p.replace(str(data["year"]), str(period_year)) for p in text["s0_preamble"]]
    lines = [title or title_of(data), ""]
    lines += [f"\u3000\u3000{p}" for p in text["s0_preamble"]] + [""]
    for sid, heading in headings(data["format"]):
        lines += [heading, ""]
        lines += [f"\u3000\u3000{p}" for p in text.get(sid, [])]
        lines += tables.get(sid, [])
        lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- tab-separated text as copied from a web page or Word

BLANK_MARKS = ("—", "", "-", "/", "／", "－", "——")


def web_copy_tables(data: dict[str, Any], style: str = "browser", zero: str = "—",
                    broken_cells: bool = False, trailing_tab: bool = False) -> dict[str, list[str]]:
    """表二/表三/表四 as tab-separated lines, as a table copied from a web page or Word into
    a .txt prints them: "browser" prints each cell once, so a label merged down over
    several rows (三、本年度办理结果, （三）不予公开 …) appears only on its first row and the
    rows below start with their own label; "word" prints an empty cell where a merged
    cell continues downwards. Every 0 is written as `zero` (a dash, or "" for a cell left
    empty); `broken_cells` puts a line break inside the header cells 社会公益组织 and
    法律服务机构 and inside the label of （二）部分公开 (the row is split there);
    `trailing_tab` ends every row with a tab."""
    out: dict[str, list[str]] = {}
    for sid, layout in layouts(data).items():
        cells, width = origins(layout)
        rows: list[list[str]] = [[] for _ in layout]
        if style == "browser":
            rows = [[text for text, _, _ in row] for row in layout]
        else:
            grid: dict[tuple[int, int], str] = {}
            for r, c, rs, _, text in cells:
                for dr in range(rs):
                    grid[(r + dr, c)] = text if dr == 0 else ""
            rows = [[grid[(r, c)] for c in range(width) if (r, c) in grid] for r in range(len(layout))]
        lines: list[str] = []
        for row in rows:
            printed = [zero if text == "0" else text for text in row]
            line = "\t".join(printed) + ("\t" if trailing_tab else "")
            if broken_cells:
                for whole, broken in (("社会公益组织", "社会公益\n组织"), ("法律服务机构", "法律服务\n机构"),
                                      ("只计这一情形，不计其他情形", "只计这一情形，\n不计其他情形")):
                    line = line.replace(whole, broken)
            lines += line.split("\n")
        out[sid] = lines
    return out
