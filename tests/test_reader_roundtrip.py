"""Render → read: every kind drafter.render writes reads back to the same tables, title
and narrative, for both formats; and a property test over random tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reader_support import sample_data

from drafter.data import load_data, parse_data
from drafter.formats import REVIEW_GROUPS, REVIEW_LEAVES, get_format
from drafter.reader import read_report
from drafter.render import render
from drafter.report import SECTION_IDS, Narrative, Paragraph, Report, SectionDraft

KINDS = ("md", "html", "docx", "txt", "json")


def _narrative() -> Narrative:
    return Narrative(sections={
        "s1_overview": SectionDraft(id="s1_overview", paragraphs=[
            Paragraph(text="（一）主动公开", heading=True),
            Paragraph(text="全年主动公开政府信息180条，其中*重点*领域信息20条。"),
        ]),
        "s5_problems": SectionDraft(id="s5_problems", paragraphs=[Paragraph(text="一是公开形式单一。")]),
        "s6_other": SectionDraft(id="s6_other", paragraphs=[Paragraph(text="本年度未收取信息处理费。")]),
    })


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("example", ["minggao-2020", "township-2023", "county-dept-2023"])
def test_examples_round_trip(tmp_path: Path, examples: Path, example: str, kind: str) -> None:
    data = load_data(examples / example / "data.yaml")
    path = tmp_path / f"report.{kind}"
    path.write_bytes(render(Report.build(data, _narrative()), kind))
    parsed = read_report(path)
    assert parsed.kind == kind
    assert parsed.tables is not None, [f.message for f in parsed.findings]
    assert parsed.tables.tables == data.tables
    assert parsed.table_format == data.format
    assert parsed.year == data.year
    assert parsed.organization == data.organization
    assert parsed.findings == []
    assert [s.id for s in parsed.sections if s.id != "s0_preamble"] == list(SECTION_IDS)
    assert parsed.section("s1_overview").text == "（一）主动公开\n全年主动公开政府信息180条，其中*重点*领域信息20条。"
    assert parsed.section("s6_other").text == "本年度未收取信息处理费。"
    assert parsed.section("s2_proactive").text == ""


def _tables(format_id: str):
    """Random but well-formed tables of one format (any values the data loader accepts)."""
    fmt = get_format(format_id)
    count = st.integers(min_value=0, max_value=99999)
    cells = {}
    for block in fmt.proactive.blocks:
        for row in block.rows:
            cols = {}
            for col in block.columns:
                if col.type == "decimal":
                    cols[col.id] = st.integers(min_value=0, max_value=10**9).map(lambda v: Decimal(v) / 10000)
                elif col.type == "signed_integer":
                    cols[col.id] = st.integers(min_value=-999, max_value=999)
                else:
                    cols[col.id] = count
            cells[row.id] = st.fixed_dictionaries(cols)
    proactive = st.fixed_dictionaries(cells)
    requests = st.fixed_dictionaries({
        r: st.lists(st.integers(min_value=0, max_value=999), min_size=7, max_size=7)
        for r in fmt.requests.data_rows
    })
    review = st.fixed_dictionaries({
        g: st.lists(st.integers(min_value=0, max_value=99), min_size=len(REVIEW_LEAVES), max_size=len(REVIEW_LEAVES))
        for g in REVIEW_GROUPS
    })
    return st.fixed_dictionaries({"proactive": proactive, "requests": requests, "review_litigation": review})


@pytest.mark.parametrize("kind", ["md", "html", "txt"])
@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_any_tables_round_trip(tmp_path_factory: pytest.TempPathFactory, format_id: str, kind: str) -> None:
    folder = tmp_path_factory.mktemp("rt")

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(tables=_tables(format_id))
    def check(tables) -> None:
        raw = {**sample_data(format_id), "tables": tables}
        data = parse_data(raw)  # totals as given, even when they do not add up
        path = folder / f"report.{kind}"
        path.write_bytes(render(Report.build(data, _narrative()), kind))
        parsed = read_report(path)
        assert parsed.tables is not None
        assert parsed.tables.tables == data.tables

    check()
