from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.data import load_data
from drafter.errors import InputError
from drafter.facts import build_fact_sheet
from drafter.notes import load_notes, parse_notes


def test_minggao_notes(examples: Path) -> None:
    notes = load_notes(examples / "minggao-2020" / "notes.md")
    assert [t.title for t in notes.topics] == ["基层政务公开标准化规范化", "主动公开", "依申请公开", "政府信息管理", "监督保障"]
    assert len(notes.problems) == 3 and len(notes.measures) == 4 and notes.other == ["无"]


def test_combined_problems_heading_splits_measures() -> None:
    notes = parse_notes("# 存在的主要问题及改进情况\n- 公开不够及时\n- 加强培训\n")
    assert notes.problems == ["公开不够及时"] and notes.measures == ["加强培训"]


def test_unknown_heading_names_line() -> None:
    with pytest.raises(InputError) as exc:
        parse_notes("# 总体情况\n- a\n# 杂项\n- b\n", "notes.md")
    assert "第3行" in exc.value.describe() and "杂项" in exc.value.describe()


def test_template_placeholders_ignored() -> None:
    notes = parse_notes("<!-- 说明 -->\n# 总体情况\n- （全年工作概况）\n## 主动公开\n- \n")
    assert notes.overview == [] and notes.topics[0].bullets == []


def test_fact_sheet_has_cells_groups_and_derived(examples: Path) -> None:
    data = load_data(examples / "county-dept-2023" / "data.yaml")
    notes = load_notes(examples / "county-dept-2023" / "notes.md")
    sheet = build_fact_sheet(data, notes)
    assert sheet.value("requests.new_received.total") == 16
    assert sheet.value("requests.granted_or_partial.total") == 10
    assert sheet.value("requests.denied.total") == 1
    assert sheet.value("requests.other_handling.total") == 1
    assert sheet.value("requests.received_all.total") == 18
    assert sheet.value("requests.by_org.new_received") == 4
    assert sheet.value("review.review.total") == 2
    assert sheet.value("litigation.total") == 2
    assert sheet.value("review_litigation.total") == 4
    assert sheet.value("proactive.admin_fees.fee_amount_this_year") == Decimal("1.25")
    assert sheet["proactive.admin_fees.fee_amount_this_year"].unit == "万元"
    assert sheet.value("rate.completion") == Decimal("88.89")
    assert sheet.value("facts.0") == 1268
    notes_values = {e.value for e in sheet.by_source("notes")}
    assert {Decimal(1268), Decimal(15), Decimal(7)} <= notes_values
    assert sheet["requests.new_received.total"].phrase == "一、本年新收政府信息公开申请数量"


def test_year_on_year(examples: Path) -> None:
    sheet = build_fact_sheet(load_data(examples / "township-2023" / "data.yaml"))
    assert sheet.value("prev.requests.new_received.total") == 3
    assert sheet.value("change.requests.new_received.total") == 3


def test_display_drops_trailing_zeros(examples: Path) -> None:
    sheet = build_fact_sheet(load_data(examples / "minggao-2020" / "data.yaml"))
    assert sheet["proactive.govt_centralized_procurement.procurement_amount"].display == "149"
    assert "rate.completion" not in sheet  # no requests, no rate
