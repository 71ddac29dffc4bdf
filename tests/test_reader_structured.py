"""HTML and Word reports with the tables in the official merged layout (rowspan/colspan,
Word gridSpan/vMerge), both formats, non-zero figures: every cell reads back exactly."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from reader_support import blank_cells, docx_bytes, html_report, layouts, narrative, sample_data, title_of

from drafter.data import parse_data
from drafter.reader import read_report
from drafter.report import SECTION_IDS
from drafter.rules import check_tables

FORMATS = ("2019", "2021")


def _check(parsed, data) -> None:
    expected = parse_data(data)
    assert parsed.tables is not None, [f.message for f in parsed.findings]
    assert parsed.tables.tables == expected.tables
    assert parsed.table_format == data["format"]
    assert parsed.year == data["year"]
    assert parsed.organization == data["organization"]
    assert parsed.title == title_of(data)
    assert parsed.findings == []
    assert check_tables(parsed.tables) == []
    assert [s.id for s in parsed.sections] == ["s0_preamble", *SECTION_IDS]
    text = narrative(data)
    for sid in ("s0_preamble", "s1_overview", "s5_problems", "s6_other"):
        assert parsed.section(sid).text == "\n".join(text[sid])


@pytest.mark.parametrize("fmt", FORMATS)
def test_html_official_layout(tmp_path: Path, fmt: str) -> None:
    data = sample_data(fmt)
    page = html_report(data)
    assert 'rowspan="' in page and 'colspan="' in page
    path = tmp_path / "report.html"
    path.write_text(page, "utf-8")
    parsed = read_report(path)
    assert parsed.kind == "html"
    _check(parsed, data)
    # merged label cells are expanded into every position they cover
    assert sum(1 for row in parsed.grids["t3"] if row[0] == "三、本年度办理结果") == (20 if fmt == "2019" else 22)


@pytest.mark.parametrize("fmt", FORMATS)
def test_html_inside_site_navigation_and_footer(tmp_path: Path, fmt: str) -> None:
    data = sample_data(fmt, seed=11)
    path = tmp_path / "page.htm"
    path.write_text(html_report(data, chrome=True), "utf-8")
    parsed = read_report(path)
    _check(parsed, data)
    assert "ICP" not in parsed.section("s6_other").text  # the footer is not part of section 六


@pytest.mark.parametrize("fmt", FORMATS)
def test_docx_with_merged_cells(tmp_path: Path, fmt: str) -> None:
    data = sample_data(fmt, seed=3)
    path = tmp_path / "report.docx"
    path.write_bytes(docx_bytes(fmt, 3))
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "w:vMerge" in xml and "w:gridSpan" in xml
    parsed = read_report(path)
    assert parsed.kind == "docx"
    _check(parsed, data)


def test_docx_saved_under_another_extension_is_read_as_word(tmp_path: Path) -> None:
    data = sample_data("2021", seed=3)
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(docx_bytes("2021", 3))
    parsed = read_report(renamed)
    assert parsed.kind == "docx"
    assert parsed.tables.tables == parse_data(data).tables


def test_html_tables_split_into_one_table_per_block(tmp_path: Path) -> None:
    """Some sites print each block of 表二 as its own table: the pieces are joined."""
    data = sample_data("2021", seed=5)
    tables = layouts(data)
    t2 = tables["s2_proactive"]
    cut = [i for i, row in enumerate(t2) if len(row) == 1] + [len(t2)]
    from reader_support import html_table

    pieces = "".join(html_table(t2[a:b]) for a, b in zip(cut, cut[1:], strict=False))
    page = html_report(data).replace(html_table(t2), pieces)
    assert page.count("<table") == 6
    path = tmp_path / "split.html"
    path.write_text(page, "utf-8")
    assert read_report(path).tables.tables == parse_data(data).tables


def test_html_blank_cells_read_as_zero_with_a_warning(tmp_path: Path) -> None:
    data = sample_data("2021", seed=9)
    tables = layouts(data)
    t3 = tables["s3_requests"]
    row = next(r for r in t3 if r[0][0] == "二、上年结转政府信息公开申请数量")
    row[2] = ("", 1, 1)  # 商业企业
    row[-1] = ("", 1, 1)  # 总计
    t4 = tables["s4_review_litigation"]
    t4[-1][1] = ("—", 1, 1)  # 行政复议 结果纠正
    path = tmp_path / "blank.html"
    path.write_text(html_report(data, tables), "utf-8")
    parsed = read_report(path)
    got = parsed.tables.tables
    want = data["tables"]["requests"]["carried_over"]
    assert got.requests["carried_over"]["commercial_enterprise"] == 0
    assert got.requests["carried_over"]["natural_person"] == want["natural_person"]
    assert got.requests["carried_over"]["total"] == want["total"] - want["commercial_enterprise"]  # computed
    assert got.review_litigation["review"]["corrected"] == 0
    assert set(blank_cells(parsed.findings)) == {
        "tables.requests.carried_over.commercial_enterprise",
        "tables.requests.carried_over.total",
        "tables.review_litigation.review.corrected",
    }
    blanks = {f.place: f for f in parsed.findings if f.rule == "table.blank_cell"}  # one per table
    assert set(blanks) == {"tables.requests.carried_over.commercial_enterprise",
                           "tables.review_litigation.review.corrected"}
    assert all(f.severity == "warning" for f in blanks.values())
    assert blanks["tables.requests.carried_over.commercial_enterprise"].message == (
        "表三有 2 个单元格为空，已按 0 处理（其中 1 个总计按各列之和计算）："
        "“二、上年结转政府信息公开申请数量”一行的商业企业、总计列。如果确实为 0，请填写 0；请在表中填写总计。")
    assert blanks["tables.review_litigation.review.corrected"].message == (
        "表四“行政复议”一行“结果纠正”列写的是“—”，没有写数字，按 0 处理。如果确实为 0，请填写 0。")
