"""The seed report (a real 2020 township report, tab-separated tables) read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.data import load_data
from drafter.reader import read_report
from drafter.report import SECTION_IDS

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "minggao-2020.txt"


@pytest.fixture(scope="module")
def seed():
    return read_report(SEED)


def test_every_table_cell_equals_the_example_data(seed, examples: Path) -> None:
    expected = load_data(examples / "minggao-2020" / "data.yaml")
    assert seed.tables is not None
    assert seed.tables.tables == expected.tables
    assert seed.tables.tables.proactive["govt_centralized_procurement"] == {
        "procurement_items": 2, "procurement_amount": 149,
    }


def test_title_organization_year_and_layout(seed) -> None:
    assert seed.kind == "txt"
    assert seed.title == "鸣皋镇人民政府2020年政府信息公开工作年度报告"
    assert seed.organization == "鸣皋镇人民政府"
    assert seed.year == 2020
    assert seed.table_format == "2019"
    assert seed.tables.format == "2019"
    assert seed.tables.year == 2020
    assert seed.tables.level == "township"
    assert seed.tables.organization == "鸣皋镇人民政府"


def test_six_sections_with_headings_as_printed(seed) -> None:
    assert [s.id for s in seed.sections] == list(SECTION_IDS)  # no preamble: 一、 follows the title
    assert [s.number for s in seed.sections] == ["一", "二", "三", "四", "五", "六"]
    assert seed.section("s5_problems").heading == "五、存在的主要问题及改进情况"
    assert seed.section("s0_preamble") is None


def test_section_texts(seed) -> None:
    s1 = seed.section("s1_overview").text
    assert s1.startswith("2020年伊川县鸣皋镇人民政府，始终坚持以公开为常态")
    assert "共收到政府信息公开申请0件" in s1
    assert "(一)基层政务公开标准化规范化推进情况。" in s1.split("\n")  # sub-headings stay in the text
    assert "我局" in seed.section("s5_problems").text
    assert seed.section("s6_other").text == "无"
    for table_section in ("s2_proactive", "s3_requests", "s4_review_litigation"):
        assert seed.section(table_section).text == ""  # tables are not narrative text
    assert "\t" not in s1 and "规章" not in seed.section("s5_problems").text


def test_offsets_index_the_whole_document_text(seed) -> None:
    lines = [line.strip() for line in SEED.read_text("utf-8").splitlines() if line.strip() and "\t" not in line]
    whole = "\n".join(lines)
    for section in seed.sections:
        if section.text:
            assert whole[section.offset:section.offset + len(section.text)] == section.text


def test_raw_grids_are_kept(seed) -> None:
    assert set(seed.grids) == {"t2", "t3", "t4"}
    assert seed.grids["t2"][0][0] == "第二十条第（一）项"
    assert ["0"] * 15 == seed.grids["t4"][-1][:15]


def test_damaged_rows_are_reported_not_hidden(seed) -> None:
    """The seed's 表三 prints an empty cell in many rows (after the label, or at the end of
    a row that lost its group labels): each row still prints seven cells, so they are read
    in place, and one warning lists the empty ones (never an error)."""
    assert [(f.rule, f.severity, f.section) for f in seed.findings] == [
        ("table.blank_cell", "warning", "s3_requests")]
    warning = seed.findings[0]
    assert warning.place == "tables.requests.granted.natural_person"
    assert warning.message.startswith("表三有 18 个单元格为空，已按 0 处理（其中 4 个总计按各列之和计算）：")
    cells = warning.extra["cells"]
    assert len(cells) == 18
    # 1.属于国家秘密 prints three label cells, an empty one and six zeros: the empty one is 自然人
    assert "tables.requests.denied_state_secret.natural_person" in cells
    # 2.重复申请 lost its two leading cells: under the header, its empty cell is 总计
    assert "tables.requests.np_repeat.total" in cells
