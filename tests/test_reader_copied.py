"""Reports whose tables were copied from a web page, Word or a PDF into a .txt (or a .md),
and web or Word tables, where blank cells are written as dashes or left empty:

* tab-separated tables: every cell printed between tabs, a dash or nothing for a blank
  one, so each row's cells are read in place (the last seven after the labels are 表三's
  seven columns) and never reported as unreadable;
* a label merged down over several rows printed on its first row only: every row below
  is placed by its own label;
* cells holding a line break (社会公益 / 组织) that split a tab row, header words of a
  PDF printed on a line of their own, 表四's fifteen numbers wrapped onto two or three
  lines;
* one warning per table for its blank cells, however many there are.

Hand-made fixtures (tests/fixtures/*copy-*.txt) cover a 2021-format department and a
2019-format township; generated copies cover both formats in every style.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from reader_support import (
    BLANK_MARKS,
    blank_cells,
    docx_report,
    html_report,
    layouts,
    sample_data,
    text_report,
    web_copy_tables,
)

from drafter.data import parse_data
from drafter.reader import read_report
from drafter.rules import check_tables

FIXTURES = Path(__file__).parent / "fixtures"
WEB_2021 = FIXTURES / "webcopy-2021-department.txt"
WORD_2019 = FIXTURES / "wordcopy-2019-township.txt"
PDF_2021 = FIXTURES / "pdfcopy-2021-township.txt"

APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
              "legal_service_org", "other_org", "total")


def _row(*values: int) -> dict[str, int]:
    return dict(zip(APPLICANTS, values, strict=True))


ZERO = _row(0, 0, 0, 0, 0, 0, 0)


def _no_errors(parsed: Any) -> None:
    assert not [f.message for f in parsed.findings if f.severity == "error"]
    assert parsed.tables is not None


def _one_blank_warning_per_table(parsed: Any) -> dict[str, Any]:
    """The reader's findings are only blank-cell warnings, one per table: by section."""
    assert {f.rule for f in parsed.findings} <= {"table.blank_cell"}, [f.message for f in parsed.findings]
    sections = [f.section for f in parsed.findings]
    assert len(sections) == len(set(sections))
    return {f.section: f for f in parsed.findings}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _edit(text: str, replacements: list[tuple[str, str]]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# --------------------------------------------------------------------------- hand-made copies


@pytest.fixture(scope="module")
def web_2021():
    return read_report(WEB_2021)


def test_web_copy_with_dashes_reads_every_cell_in_place(web_2021) -> None:
    """A county department's 2022 report copied from its web page: blank cells written
    "—", group labels on their first row only, the rows below starting with 2.…"""
    parsed = web_2021
    _no_errors(parsed)
    assert (parsed.organization, parsed.year, parsed.table_format, parsed.tables.level) == (
        "伊川县自然资源局", 2022, "2021", "department")
    t = parsed.tables.tables
    assert t.proactive == {
        "rules": {"made_this_year": 0, "repealed_this_year": 0, "in_force": 0},
        "normative_docs": {"made_this_year": 2, "repealed_this_year": 0, "in_force": 9},
        "admin_license": {"decisions_this_year": 148},
        "admin_penalty": {"decisions_this_year": 23},
        "admin_coercion": {"decisions_this_year": 0},
        "admin_fees": {"fee_amount_this_year": Decimal("36.8")},
    }
    expected = {
        "new_received": _row(4, 0, 0, 0, 1, 0, 5),
        "carried_over": _row(1, 0, 0, 0, 0, 0, 1),
        "granted": _row(2, 0, 0, 0, 0, 0, 2),
        "partially_granted": _row(0, 0, 0, 0, 1, 0, 1),  # its label broken inside the cell
        "denied_third_party": _row(1, 0, 0, 0, 0, 0, 1),  # 4.保护第三方合法权益, no group label
        "unable_not_held": _row(1, 0, 0, 0, 0, 0, 1),
        "oh_other": _row(1, 0, 0, 0, 0, 0, 1),  # 3.其他 under （六）, no group label
        "total_processed": _row(5, 0, 0, 0, 1, 0, 6),
    }
    assert {rid: row for rid, row in t.requests.items() if row != ZERO} == expected
    assert len(t.requests) == 25  # every row of the 2021 table found
    assert t.review_litigation == {
        "review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
        "lit_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
        "lit_after_review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
    }
    assert check_tables(parsed.tables) == []


def test_web_copy_blank_cells_are_one_warning_per_table(web_2021) -> None:
    warnings = _one_blank_warning_per_table(web_2021)
    assert set(warnings) == {"s2_proactive", "s3_requests", "s4_review_litigation"}
    t3 = warnings["s3_requests"]
    assert t3.severity == "warning"
    assert t3.place == "tables.requests.new_received.commercial_enterprise"  # the first blank cell
    assert t3.extra["count"] == len(t3.extra["cells"]) == 157
    assert t3.message.startswith("表三有 157 个单元格写“—”，已按 0 处理（其中 17 个总计按各列之和计算）：")
    assert "“1.属于国家秘密”一行的全部 7 列" in t3.message
    assert t3.message.endswith("等 25 行。如果确实为 0，请填写 0；请在表中填写总计。")
    assert warnings["s2_proactive"].message == (
        "表二有 5 个单元格写“—”，已按 0 处理：“规章”一行的全部 3 列；“行政规范性文件”一行的本年废止件数列；"
        "“行政强制”一行的本年处理决定数量列。如果确实为 0，请填写 0。")
    assert warnings["s4_review_litigation"].extra["count"] == 11


def test_web_copy_narrative_is_untouched(web_2021) -> None:
    assert [s.id for s in web_2021.sections] == ["s0_preamble", "s1_overview", "s2_proactive", "s3_requests",
                                                 "s4_review_litigation", "s5_problems", "s6_other"]
    for sid in ("s2_proactive", "s3_requests", "s4_review_litigation"):
        assert web_2021.section(sid).text == ""  # no piece of a broken row left as text
    assert web_2021.section("s6_other").text == "本年度未收取信息处理费。"


def test_word_copy_with_empty_cells_and_a_tab_after_every_row() -> None:
    """A township's 2020 report (2019 format) copied out of Word: merged cells continue as
    empty cells, blank cells are empty between tabs, rows that are wholly blank hold only
    their label, 表四 is a line of tabs, every line ends with a tab."""
    parsed = read_report(WORD_2019)
    _no_errors(parsed)
    assert (parsed.organization, parsed.year, parsed.table_format, parsed.tables.level) == (
        "伊川县白沙镇人民政府", 2020, "2019", "township")
    t = parsed.tables.tables
    assert t.proactive["rules"] == {"newly_made_this_year": 0, "newly_published_this_year": 0, "total_published": 0}
    assert t.proactive["normative_docs"] == {"newly_made_this_year": 2, "newly_published_this_year": 2,
                                             "total_published": 11}
    assert t.proactive["admin_license"] == {"items_last_year": 3, "items_change": 0, "decisions": 46}
    assert t.proactive["admin_penalty"] == {"items_last_year": 2, "items_change": -1, "decisions": 17}
    assert t.proactive["admin_fees"] == {"items_last_year": 0, "items_change": 0}
    assert t.proactive["govt_centralized_procurement"] == {"procurement_items": 4,
                                                            "procurement_amount": Decimal("86.5")}
    expected = {
        "new_received": _row(3, 1, 0, 0, 0, 0, 4),
        "granted": _row(2, 0, 0, 0, 0, 0, 2),
        "partially_granted": _row(0, 1, 0, 0, 0, 0, 1),
        "unable_not_held": _row(1, 0, 0, 0, 0, 0, 1),
        "total_processed": _row(3, 1, 0, 0, 0, 0, 4),
    }
    assert {rid: row for rid, row in t.requests.items() if row != ZERO} == expected
    assert len(t.requests) == 23 and t.requests["other_handling"] == ZERO  # （六） is one row in 2019
    assert all(group == {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
               for group in t.review_litigation.values())
    assert check_tables(parsed.tables) == []
    warnings = _one_blank_warning_per_table(parsed)
    assert warnings["s4_review_litigation"].message == (
        "表四有 15 个单元格为空，已按 0 处理（其中 3 个总计按各列之和计算）：“行政复议”一行的全部 5 列；"
        "“未经复议直接起诉”一行的全部 5 列；“复议后起诉”一行的全部 5 列。如果确实为 0，请填写 0；请在表中填写总计。")
    assert warnings["s3_requests"].extra["count"] == 149
    # a signature indented with tabs is still text
    assert parsed.section("s6_other").text == "无。\n伊川县白沙镇人民政府\n2021年1月20日"


@pytest.fixture(scope="module")
def pdf_2021():
    return read_report(PDF_2021)


def test_pdf_copy_header_words_and_review_numbers_wrapped(pdf_2021) -> None:
    """A township's 2023 report copied out of its PDF: cells separated by runs of spaces,
    blanks written "—", 社会公益 / 组织 and 法律服务 / 机构 wrapped in the header, 表四's
    fifteen cells wrapped onto two lines."""
    parsed = pdf_2021
    _no_errors(parsed)
    assert (parsed.organization, parsed.year, parsed.table_format, parsed.tables.level) == (
        "伊川县鸣皋镇人民政府", 2023, "2021", "township")
    assert parsed.grids["t3"][2][:5] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    t = parsed.tables.tables
    assert {rid: row for rid, row in t.requests.items() if row != ZERO} == {
        "new_received": _row(2, 0, 0, 0, 0, 0, 2),
        "granted": _row(1, 0, 0, 0, 0, 0, 1),
        "unable_not_held": _row(1, 0, 0, 0, 0, 0, 1),
        "total_processed": _row(2, 0, 0, 0, 0, 0, 2),
    }
    assert t.review_litigation == {
        "review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
        "lit_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
        "lit_after_review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
    }
    assert check_tables(parsed.tables) == []
    assert set(_one_blank_warning_per_table(parsed)) == {"s2_proactive", "s3_requests", "s4_review_litigation"}
    assert parsed.section("s4_review_litigation").text == ""


REVIEW_LINES = "1    —    —    —    1    —    —    —    1\n1    —    —    —    —    —"


@pytest.mark.parametrize("wrapped", [
    "1  —  —  —  1\n—  —  —  1  1\n—  —  —  —  —",  # three lines of five
    "1 — — — 1 — —\n— 1 1 — — —\n— —",  # single spaces, uneven lines
    "1\t—\t—\t—\t1\t—\t—\t—\n1\t1\t—\t—\t—\t—\t—",  # tab-separated, wrapped
], ids=["three-lines", "single-spaced", "tabs"])
def test_review_numbers_wrapped_in_other_ways(tmp_path: Path, pdf_2021, wrapped: str) -> None:
    path = _write(tmp_path, "wrapped.txt", _edit(PDF_2021.read_text("utf-8"), [(REVIEW_LINES, wrapped)]))
    parsed = read_report(path)
    _no_errors(parsed)
    assert parsed.tables.tables.review_litigation == pdf_2021.tables.tables.review_litigation


def test_review_header_words_wrapped_too(tmp_path: Path, pdf_2021) -> None:
    """结果维持 … printed as 结果 over 维持 in narrow PDF columns."""
    header = ("结果维持  结果纠正  其他结果  尚未审结  总计    未经复议直接起诉                            复议后起诉\n"
              "                                                结果维持  结果纠正  其他结果  尚未审结  总计  "
              "结果维持  结果纠正  其他结果  尚未审结  总计")
    wrapped = ("结果  结果  其他  尚未  总计    未经复议直接起诉                            复议后起诉\n"
               "维持  纠正  结果  审结\n"
               "                                                结果  结果  其他  尚未  总计  结果  结果  其他  尚未  总计\n"
               "                                                维持  纠正  结果  审结        维持  纠正  结果  审结")
    path = _write(tmp_path, "wrapped-header.txt", _edit(PDF_2021.read_text("utf-8"), [(header, wrapped)]))
    parsed = read_report(path)
    _no_errors(parsed)
    assert parsed.grids["t4"][1][:4] == ["结果维持", "结果纠正", "其他结果", "尚未审结"]
    assert parsed.tables.tables.review_litigation == pdf_2021.tables.tables.review_litigation
    assert parsed.section("s4_review_litigation").text == ""


def test_markdown_pipe_tables_with_dashes(tmp_path: Path, web_2021) -> None:
    lines = []
    for line in WEB_2021.read_text("utf-8").splitlines():
        if "\t" in line:
            line = "| " + " | ".join(line.split("\t")) + " |"
        elif line[:2] in ("一、", "二、", "三、", "四、", "五、", "六、") and len(line) < 30:
            line = f"## {line}"
        lines.append(line)
    path = _write(tmp_path, "report.md", "\n".join(lines))
    parsed = read_report(path)
    assert parsed.kind == "md"
    _no_errors(parsed)
    assert parsed.tables.tables == web_2021.tables.tables
    assert [f.message for f in parsed.findings] == [f.message for f in web_2021.findings]


# --------------------------------------------------------------------------- the rows the lead saw


def test_rows_with_an_extra_empty_cell_after_the_label(tmp_path: Path, web_2021) -> None:
    """Copies where a label spans two cells (`label\\t\\t4\\t—…`) and rows of empty cells
    between tabs (`4.保护第三方合法权益\\t\\t\\t\\t1\\t\\t\\t\\t1`): the last seven cells are the
    seven columns."""
    text = _edit(WEB_2021.read_text("utf-8"), [
        ("一、本年新收政府信息公开申请数量\t4\t—\t—\t—\t1\t—\t5", "一、本年新收政府信息公开申请数量\t\t4\t—\t—\t—\t1\t—\t5"),
        ("4.保护第三方合法权益\t1\t—\t—\t—\t—\t—\t1", "4.保护第三方合法权益\t\t1\t\t\t\t\t\t1"),
        ("5.属于三类内部事务信息\t—\t—\t—\t—\t—\t—\t—", "5.属于三类内部事务信息\t\t\t\t\t\t\t\t"),
    ])
    parsed = read_report(_write(tmp_path, "extra-cell.txt", text))
    _no_errors(parsed)
    assert parsed.tables.tables == web_2021.tables.tables
    cells = blank_cells(parsed.findings)
    assert "tables.requests.denied_third_party.commercial_enterprise" in cells
    assert "tables.requests.denied_internal_affairs.total" in cells


def test_a_row_that_printed_too_few_cells_is_still_unreadable(tmp_path: Path) -> None:
    text = _edit(WEB_2021.read_text("utf-8"), [
        ("二、上年结转政府信息公开申请数量\t1\t—\t—\t—\t—\t—\t1", "二、上年结转政府信息公开申请数量\t1\t—\t1"),
    ])
    parsed = read_report(_write(tmp_path, "short.txt", text))
    bad = [f for f in parsed.findings if f.rule == "structure.table_unreadable"]
    assert [f.place for f in bad] == ["tables.requests.carried_over"]
    assert "应有 7 个单元格，读到 3 个" in bad[0].message


def test_a_blank_cell_between_rows_is_placed_by_the_header(tmp_path: Path) -> None:
    """Padded rows (the seed's style) with an empty cell on either side: the cells under
    the header's columns are taken, so a blank 自然人 stays 自然人 and a blank 总计 stays 总计."""
    data = copy.deepcopy(sample_data("2019", seed=31))
    requests = data["tables"]["requests"]
    requests["granted"]["natural_person"] = 0
    requests["np_repeat"] = {**requests["np_repeat"], "total": sum(
        v for k, v in requests["np_repeat"].items() if k != "total")}
    tables = web_copy_tables(data, style="word", zero="0")
    t3 = tables["s3_requests"]
    width = max(line.count("\t") for line in t3) + 1
    for n, line in enumerate(t3):
        cells = line.split("\t")
        if "（一）予以公开" in line:
            cells[cells.index("（一）予以公开") + 1] = ""  # 自然人 left empty
        if cells[-1] and "2.重复申请" in line:
            cells = cells[2:]
            cells[-1] = ""  # lost its two leading cells, 总计 left empty
        t3[n] = "\t".join(cells + [""] * (width - len(cells)))
    parsed = read_report(_write(tmp_path, "padded.txt", text_report(data, tables)))
    _no_errors(parsed)
    assert parsed.tables.tables == parse_data(data).tables
    assert set(blank_cells(parsed.findings)) == {"tables.requests.granted.natural_person",
                                                 "tables.requests.np_repeat.total"}


# --------------------------------------------------------------------------- generated copies, both formats


SOURCES = {"2019-township": ("2019", "伊川县鸣皋镇人民政府", 2020), "2021-department": ("2021", "洛阳市伊川县教育局", 2023)}


def _data(source: str, seed: int = 17) -> dict[str, Any]:
    format_id, organization, year = SOURCES[source]
    return copy.deepcopy(sample_data(format_id, seed=seed, organization=organization, year=year))


@pytest.mark.parametrize("zero", BLANK_MARKS, ids=["em-dash", "empty", "hyphen", "slash", "fw-slash", "fw-hyphen",
                                                   "double-dash"])
@pytest.mark.parametrize("style", ["browser", "word"])
@pytest.mark.parametrize("source", list(SOURCES))
def test_generated_copies_read_every_cell(tmp_path: Path, source: str, style: str, zero: str) -> None:
    data = _data(source)
    tables = web_copy_tables(data, style=style, zero=zero, broken_cells=True, trailing_tab=style == "word")
    parsed = read_report(_write(tmp_path, "copied.txt", text_report(data, tables)))
    _no_errors(parsed)
    assert parsed.tables.tables == parse_data(data).tables
    zeros = sum(1 for rows in data["tables"].values() for row in rows.values() for v in row.values() if v == 0)
    assert len(blank_cells(parsed.findings)) == zeros
    _one_blank_warning_per_table(parsed)
    for sid in ("s2_proactive", "s3_requests", "s4_review_litigation"):
        assert parsed.section(sid).text == ""


@pytest.mark.parametrize("source", list(SOURCES))
def test_every_row_placed_by_its_own_label(tmp_path: Path, source: str) -> None:
    """Distinct figures in every row of 表三, copied from a browser: a row printed without
    its group label (2.其他法律行政法规禁止公开, 2.没有现成信息需要另行制作, 2.重复申请 …)
    is still its own row, never the same-numbered row of another group."""
    data = _data(source)
    requests = data["tables"]["requests"]
    fmt_rows = list(requests)
    for n, rid in enumerate(fmt_rows):
        row = {c: 0 for c in APPLICANTS[:-1]}
        row["natural_person"] = n + 1
        requests[rid] = {**row, "total": n + 1}
    tables = web_copy_tables(data, style="browser")
    lines = tables["s3_requests"]
    assert any(line.startswith("2.重复申请\t") for line in lines)  # no group label before it
    parsed = read_report(_write(tmp_path, "labels.txt", text_report(data, tables)))
    _no_errors(parsed)
    assert parsed.tables.tables.requests == parse_data(data).tables.requests


# --------------------------------------------------------------------------- web and Word tables with dashes


@pytest.mark.parametrize("kind", ["html", "docx"])
@pytest.mark.parametrize("source", list(SOURCES))
def test_web_and_word_tables_with_dashes(tmp_path: Path, source: str, kind: str) -> None:
    data = _data(source, seed=23)
    tables = layouts(data)
    zeros = 0
    for layout in tables.values():
        for row in layout:
            for i, (text, rs, cs) in enumerate(row):
                if text == "0":
                    row[i] = ("—" if zeros % 2 else "", rs, cs)
                    zeros += 1
    if kind == "html":
        path = _write(tmp_path, "page.html", html_report(data, tables))
    else:
        path = docx_report(data, tmp_path / "report.docx", tables)
    parsed = read_report(path)
    _no_errors(parsed)
    assert parsed.tables.tables == parse_data(data).tables
    assert len(blank_cells(parsed.findings)) == zeros > 10
    warnings = _one_blank_warning_per_table(parsed)
    assert "为空或写“—”" in warnings["s3_requests"].message


def test_lines_with_tabs_after_them_that_are_not_rows(tmp_path: Path) -> None:
    """A heading or a sentence followed by tabs (Word copies keep them) stays text; only a
    line of one official label, or of a label and empty cells among rows, is a row."""
    text = _edit(WORD_2019.read_text("utf-8"), [
        ("\n三、收到和处理政府信息公开申请情况\n", "\n三、收到和处理政府信息公开申请情况\t\t\t\t\t\n"),
        ("　　无。\n", "　　无。\t\t\t\t\n本年度未收取任何费用\t\t\t\t\n"),
    ])
    parsed = read_report(_write(tmp_path, "tabs.txt", text))
    _no_errors(parsed)
    assert parsed.section("s3_requests").heading == "三、收到和处理政府信息公开申请情况"
    assert parsed.section("s6_other").text.startswith("无。\n本年度未收取任何费用\n")
    assert parsed.tables.tables == read_report(WORD_2019).tables.tables


def test_review_row_with_too_few_cells_is_still_unreadable(tmp_path: Path) -> None:
    text = _edit(WEB_2021.read_text("utf-8"), [
        ("1\t—\t—\t—\t1\t—\t—\t—\t1\t1\t—\t—\t—\t—\t—", "1\t—\t—\t—\t1\t—\t—\t—\t1\t1\t—\t—"),
    ])
    parsed = read_report(_write(tmp_path, "short-t4.txt", text))
    bad = [f for f in parsed.findings if f.rule == "structure.table_unreadable"]
    assert len(bad) == 1 and bad[0].message.startswith("表四应有 15 个单元格（行政复议 5 个、行政诉讼 10 个），读到 12 个")
    assert parsed.tables is None
