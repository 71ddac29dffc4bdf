"""A total printed in a report is kept as printed, never recomputed, so that the table
rules can say it does not add up: the 总计 column of 表三, the （七）总计 row and 表四's
totals, in every kind of file (text with tabs or spaces, Markdown, HTML, Word), as drafter
writes them and as hand-made layouts print them; and web tables whose rows or headers do
not line up (a rowspan too short, header labels printed short, blank cells)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reader_support import (
    blank_cells,
    docx_report,
    html_report,
    layouts,
    sample_data,
    text_report,
    text_tables,
)

from drafter.data import parse_data
from drafter.reader import read_report
from drafter.render import render
from drafter.report import Narrative, Report
from drafter.rules import check_tables


def _rendered(kind: str) -> Callable[[dict[str, Any], Path], Path]:
    def write(data: dict[str, Any], folder: Path) -> Path:
        path = folder / f"rendered.{kind}"
        path.write_bytes(render(Report.build(parse_data(data), Narrative()), kind))
        return path

    return write


def _spaced(sep: str) -> Callable[[dict[str, Any], Path], Path]:
    def write(data: dict[str, Any], folder: Path) -> Path:
        path = folder / "copied.txt"
        path.write_text(text_report(data, text_tables(data, sep=sep, wrap=12)), "utf-8")
        return path

    return write


def _html(data: dict[str, Any], folder: Path) -> Path:
    path = folder / "page.html"
    path.write_text(html_report(data, chrome=True), "utf-8")
    return path


def _docx(data: dict[str, Any], folder: Path) -> Path:
    return docx_report(data, folder / "report.docx")


WRITERS = {
    "txt": _rendered("txt"), "md": _rendered("md"), "html": _rendered("html"), "docx": _rendered("docx"),
    "txt-spaced": _spaced("pad"), "txt-single-spaced": _spaced(" "), "html-layout": _html, "docx-layout": _docx,
}


def _wrong_row_total(data: dict[str, Any]) -> tuple[str, str, int]:
    data["tables"]["requests"]["granted"]["total"] += 5  # （一）予以公开
    return "table.total_column", "tables.requests.granted.total", data["tables"]["requests"]["granted"]["total"]


def _wrong_results_total(data: dict[str, Any]) -> tuple[str, str, int]:
    row = data["tables"]["requests"]["total_processed"]  # （七）总计, 自然人 column
    row["natural_person"] += 1
    return "table.results_sum", "tables.requests.total_processed.natural_person", row["natural_person"]


def _wrong_review_total(data: dict[str, Any]) -> tuple[str, str, int]:
    group = data["tables"]["review_litigation"]["review"]
    group["total"] += 2
    return "table.review_sum", "tables.review_litigation.review.total", group["total"]


def _wrong_litigation_total(data: dict[str, Any]) -> tuple[str, str, int]:
    group = data["tables"]["review_litigation"]["lit_after_review"]
    group["total"] = group["total"] + 3 if group["total"] < 3 else group["total"] - 3
    return "table.review_sum", "tables.review_litigation.lit_after_review.total", group["total"]


DEFECTS = {"row_total": _wrong_row_total, "results_total": _wrong_results_total,
           "review_total": _wrong_review_total, "litigation_total": _wrong_litigation_total}
SOURCES = {"2019-township": ("2019", "伊川县鸣皋镇人民政府", 2020), "2021-department": ("2021", "洛阳市伊川县教育局", 2023)}


@pytest.mark.parametrize("source", list(SOURCES))
@pytest.mark.parametrize("defect", list(DEFECTS))
@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_printed_total_that_does_not_add_up_is_kept_and_flagged(tmp_path: Path, kind: str, defect: str,
                                                                   source: str) -> None:
    format_id, organization, year = SOURCES[source]
    data = copy.deepcopy(sample_data(format_id, seed=year, organization=organization, year=year))
    rule, place, printed = DEFECTS[defect](data)
    parsed = read_report(WRITERS[kind](data, tmp_path))
    assert parsed.findings == [], [f.message for f in parsed.findings]
    assert parsed.tables.tables == parse_data(data).tables  # every cell as printed, the wrong total too
    found = {f.place: f for f in check_tables(parsed.tables) if f.rule == rule}
    assert place in found, sorted(found)
    assert found[place].found == printed
    assert found[place].expected != printed


# --------------------------------------------------------------------------- web tables that do not line up


def _t3_row(layout: list[list[tuple[str, int, int]]], label_end: str) -> list[tuple[str, int, int]]:
    return next(row for row in layout if any(text.endswith(label_end) for text, _, _ in row))


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_rowspan_too_short_keeps_every_row_and_its_total(tmp_path: Path, format_id: str) -> None:
    """三、本年度办理结果 printed with rowspan 1: the rows below it lose a cell on the left.
    They are read by order, each total as printed (none recomputed)."""
    data = copy.deepcopy(sample_data(format_id, seed=5))
    _, place, printed = _wrong_row_total(data)
    tables = layouts(data)
    t3 = tables["s3_requests"]
    head = _t3_row(t3, "本年度办理结果")
    head[0] = (head[0][0], 1, 1)
    _t3_row(t3, "予以公开")[-1] = (str(printed), 1, 1)
    path = tmp_path / "short-rowspan.html"
    path.write_text(html_report(data, tables), "utf-8")
    parsed = read_report(path)
    assert parsed.findings == [], [f.message for f in parsed.findings]
    assert parsed.tables.tables.requests == parse_data(data).tables.requests
    assert [f.place for f in check_tables(parsed.tables)] == [place, "tables.requests.total_processed.total"]


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_short_header_labels_and_a_blank_cell(tmp_path: Path, format_id: str) -> None:
    """Header labels printed short (公益组织, 法律服务, 合计) and a blank cell in the row:
    the values stay under their columns and the printed total is kept."""
    data = copy.deepcopy(sample_data(format_id, seed=6))
    _, place, printed = _wrong_row_total(data)
    tables = layouts(data)
    short = {"社会公益组织": "公益组织", "法律服务机构": "法律服务", "总计": "合计"}
    for row in tables["s3_requests"]:
        for i, (text, rs, cs) in enumerate(row):
            row[i] = (short.get(text, text), rs, cs)
    granted = _t3_row(tables["s3_requests"], "予以公开")
    granted[-2] = ("", 1, 1)  # 其他 left blank: read as 0, with a warning
    path = tmp_path / "short-headers.html"
    path.write_text(html_report(data, tables), "utf-8")
    parsed = read_report(path)
    assert [(f.rule, f.place) for f in parsed.findings] == [("table.blank_cell", "tables.requests.granted.other_org")]
    got = parsed.tables.tables.requests["granted"]
    assert got["other_org"] == 0 and got["total"] == printed
    assert {k: v for k, v in got.items() if k != "other_org"} == {
        k: v for k, v in data["tables"]["requests"]["granted"].items() if k != "other_org"}
    flagged = {f.place: f.found for f in check_tables(parsed.tables) if f.rule == "table.total_column"}
    assert flagged[place] == printed


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_review_table_with_unfamiliar_headers_and_blank_cells(tmp_path: Path, format_id: str) -> None:
    """表四 with its leaf headers printed in another wording and two blank cells: each of the
    15 printed cells is still one value, in order; the printed totals are kept."""
    data = copy.deepcopy(sample_data(format_id, seed=8))
    _, place, printed = _wrong_review_total(data)
    tables = layouts(data)
    t4 = tables["s4_review_litigation"]
    t4[1] = [(text.replace("结果", ""), rs, cs) for text, rs, cs in t4[1]]
    t4[2] = [(text.replace("结果", ""), rs, cs) for text, rs, cs in t4[2]]
    values = t4[-1]
    values[1] = ("", 1, 1)  # 行政复议 结果纠正
    values[8] = ("", 1, 1)  # 未经复议直接起诉 尚未审结
    path = tmp_path / "review.html"
    path.write_text(html_report(data, tables), "utf-8")
    parsed = read_report(path)
    assert sorted(blank_cells(parsed.findings)) == [
        "tables.review_litigation.lit_direct.pending", "tables.review_litigation.review.corrected"]
    review = parsed.tables.tables.review_litigation
    assert review["review"]["total"] == printed and review["review"]["corrected"] == 0
    assert review["lit_after_review"] == data["tables"]["review_litigation"]["lit_after_review"]
    assert place in {f.place for f in check_tables(parsed.tables) if f.rule == "table.review_sum"}
