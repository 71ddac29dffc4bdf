"""A page shaped like a published 2019-format report (tests/fixtures/published-2019.html,
hand-made after a real provincial page): site navigation and footer around the article,
headings as plain paragraphs, header labels broken by <br />, values merged across other
columns than their header, &nbsp; in empty cells, an amount written in 元."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from reader_support import blank_cells, docx_report, layouts, sample_data

from drafter.reader import read_report

PAGE = Path(__file__).parent / "fixtures" / "published-2019.html"


@pytest.fixture(scope="module")
def page():
    return read_report(PAGE)


def test_title_sections_and_text(page) -> None:
    assert page.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert (page.organization, page.year, page.table_format) == ("上海市人民政府办公厅", 2019, "2019")
    assert page.tables.level == "department"
    assert [s.id for s in page.sections] == ["s0_preamble", "s1_overview", "s2_proactive", "s3_requests",
                                             "s4_review_litigation", "s5_problems", "s6_other"]
    assert page.section("s0_preamble").text.startswith("发布日期：2020-01-31\n本年度报告根据")
    assert page.section("s5_problems").heading == "五、政府信息公开工作存在的主要问题及改进情况"
    assert page.section("s6_other").text == "无。"  # the site footer is not part of the report
    assert "共受理政府信息公开申请859件" in page.section("s1_overview").text


def test_table_values(page) -> None:
    t = page.tables.tables
    assert t.proactive["rules"] == {"newly_made_this_year": 13, "newly_published_this_year": 13, "total_published": 524}
    # 41 is merged over the columns of 上一年项目数量 and half of 本年增/减; -3 starts under 本年增/减
    assert t.proactive["admin_license"] == {"items_last_year": 41, "items_change": -3, "decisions": 1520}
    assert t.proactive["admin_fees"] == {"items_last_year": 3, "items_change": -1}
    assert t.proactive["govt_centralized_procurement"] == {"procurement_items": 6,
                                                            "procurement_amount": Decimal("25.1")}  # 251000元
    assert t.requests["new_received"]["total"] == 859
    assert t.requests["granted"]["total"] == 272  # printed blank: computed from the row
    assert t.requests["total_processed"]["natural_person"] == 767
    assert t.requests["carried_forward"]["total"] == 72
    assert t.review_litigation["review"] == {"upheld": 5, "corrected": 0, "other": 0, "pending": 2, "total": 7}
    assert t.review_litigation["lit_direct"]["total"] == 9


def test_every_empty_cell_is_listed_in_one_warning_per_table(page) -> None:
    assert {f.rule for f in page.findings} == {"table.blank_cell"}
    assert all(f.severity == "warning" for f in page.findings)
    assert [f.section for f in page.findings] == ["s2_proactive", "s3_requests", "s4_review_litigation"]
    places = blank_cells(page.findings)
    assert len(places) == len(set(places)) == PAGE.read_text("utf-8").count("&nbsp;")
    assert "tables.proactive.other_external_mgmt_services.decisions" in places
    assert "tables.requests.granted.total" in places
    t3 = page.findings[1]
    assert t3.place == "tables.requests.new_received.research_institution"  # the first blank cell
    assert t3.message.startswith("表三有 126 个单元格为空，已按 0 处理（其中 19 个总计按各列之和计算）：")
    assert "“一、本年新收政府信息公开申请数量”一行的科研机构、社会公益组织列" in t3.message
    assert "等 23 行" in t3.message and len(t3.message) < 600


def test_word_value_merged_across_header_columns(tmp_path: Path) -> None:
    """The same misaligned merge in Word (gridSpan): the value is taken where it starts."""
    data = sample_data("2019", seed=13)
    tables = layouts(data)
    t2 = tables["s2_proactive"]
    width = 5
    at = next(i for i, row in enumerate(t2) if row[0][0] == "第二十条第（五）项")
    values = data["tables"]["proactive"]["admin_license"]
    t2[at + 1] = [("信息内容", 1, 1), ("上一年项目数量", 1, 1), ("本年增/减", 1, 2), ("处理决定数量", 1, 1)]
    t2[at + 2] = [("行政许可", 1, 1), (str(values["items_last_year"]), 1, 2),
                  (str(values["items_change"]), 1, 1), (str(values["decisions"]), 1, 1)]
    assert sum(cs for _, _, cs in t2[at + 2]) == width
    path = docx_report(data, tmp_path / "merged.docx", tables)
    parsed = read_report(path)
    assert parsed.tables.tables.proactive["admin_license"] == values
    # the next row keeps the stub merged over two columns: its values are read in order
    assert parsed.tables.tables.proactive["other_external_mgmt_services"] == (
        data["tables"]["proactive"]["other_external_mgmt_services"])
    assert parsed.findings == []
