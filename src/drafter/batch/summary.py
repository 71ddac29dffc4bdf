"""summary.csv and summary.html: one row per body (or per checked file).

The CSV is UTF-8 with a BOM so that Excel opens it as such, and every text cell that
Excel would read as a formula (starting with = + - @, a tab or a carriage return) is
prefixed with an apostrophe: a body's name or a finding's quote must never run as a formula.
The HTML escapes everything, links each body's DOCX/HTML, gives the totals, and draws the
requests received per body as plain bars (no script, no external file).
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..textio import write_atomic
from .manifest import STATUS_ZH, Entry

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A CSV cell that Excel shows as text, never evaluates."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


@dataclass
class Row:
    name: str
    folder: str
    status: str
    errors: int
    warnings: int
    first: str
    year: int | None = None
    links: dict[str, str] = field(default_factory=dict)  # label → relative path
    requests: int | None = None


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for r in rows:
        w.writerow([cell(v) for v in r])
    return write_atomic(path, "\ufeff" + buf.getvalue())


def rows_of(entries: list[Entry]) -> list[Row]:
    out = []
    for e in entries:
        links = {}
        if e.status in ("done", "review", "kept") and e.outputs:
            links = {"Word": f"{e.key}/report.docx", "网页": f"{e.key}/report.html"}
        first = e.first_finding or e.message
        out.append(Row(e.organization or e.key, e.key, STATUS_ZH.get(e.status, e.status), e.errors, e.warnings,
                       first, e.year, links, e.requests))
    return out


def write_summaries(out_dir: Path, entries: list[Entry], pending: Sequence[str] = ()) -> tuple[Path, Path]:
    """The batch's summaries; `pending` are the folders not started yet (after an interruption)."""
    rows = rows_of(entries) + [Row(key, key, STATUS_ZH["pending"], 0, 0, "") for key in pending]
    rows.sort(key=lambda r: r.folder)
    header = ["机关", "文件夹", "年度", "状态", "错误数", "提醒数", "收到申请数", "首个问题", "Word", "网页"]
    csv_rows = [[r.name, r.folder, r.year or "", r.status, r.errors, r.warnings, "" if r.requests is None else r.requests,
                 r.first, r.links.get("Word", ""), r.links.get("网页", "")] for r in rows]
    csv_path = write_csv(out_dir / "summary.csv", header, csv_rows)
    html_path = write_atomic(out_dir / "summary.html", render_html("批量起草汇总", rows, chart=True))
    return csv_path, html_path


def totals(rows: list[Row]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r.status] = out.get(r.status, 0) + 1
    return out


def render_html(title: str, rows: list[Row], *, chart: bool = False) -> str:
    e = html.escape
    counts = totals(rows)
    total_line = "，".join(f"{e(k)} {v}" for k, v in counts.items())
    requests = [r.requests for r in rows if r.requests is not None]
    peak = max(requests, default=0) or 1
    head = ["机关", "年度", "状态", "错误", "提醒", "首个问题", "文件"]
    if chart:
        head.insert(5, "收到申请")
    lines = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        "<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}th{background:#f3f3f3}"
        ".num{text-align:right}.bar{display:inline-block;height:.8em;background:#4a7ab5;margin-right:.3em}"
        ".s-err{color:#b00}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>共 {len(rows)} 个：{total_line}。收到申请合计 {sum(requests)} 件。</p>" if chart else f"<p>共 {len(rows)} 个：{total_line}。</p>",
        "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>",
    ]
    for r in rows:
        links = " ".join(f'<a href="{e(quote(href))}">{e(label)}</a>' for label, href in r.links.items())
        cls = ' class="s-err"' if r.errors else ""
        cells = [e(r.name), e(str(r.year or "")), e(r.status), f'<span{cls}>{r.errors}</span>', str(r.warnings)]
        if chart:
            n = r.requests
            width = 0 if not n else max(2, round(120 * n / peak))
            cells.append("" if n is None else f'<span class="bar" style="width:{width}px"></span>{n}')
        cells += [e(r.first), links]
        lines.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    lines += ["</tbody></table>", "</body></html>", ""]
    return "\n".join(lines)
