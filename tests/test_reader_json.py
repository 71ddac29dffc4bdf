"""Our own JSON draft (kind "drafter-report") read back: tables from `data`, sections
from the narrative paragraphs, the narrative itself with its provenance."""

from __future__ import annotations

from pathlib import Path

from reader_support import sample_data

from drafter.data import load_data, parse_data
from drafter.reader import read_report
from drafter.report import SECTION_IDS, Narrative, Paragraph, Report, SectionDraft


def _narrative() -> Narrative:
    return Narrative(sections={
        "s1_overview": SectionDraft(id="s1_overview", paragraphs=[
            Paragraph(text="（一）主动公开", heading=True), Paragraph(text="全年主动公开政府信息180条。"),
        ]),
        "s5_problems": SectionDraft(id="s5_problems", paragraphs=[Paragraph(text="一是公开形式单一。")],
                                    origin="llm", suggested=True, provenance={"model": "m", "attempts": 2}),
        "s6_other": SectionDraft(id="s6_other", paragraphs=[Paragraph(text="无。")], origin="human"),
    })


def test_json_draft_read_back(tmp_path: Path, examples: Path) -> None:
    data = load_data(examples / "township-2023" / "data.yaml")
    report = Report.build(data, _narrative(), provenance={"tool": "drafter"})
    path = tmp_path / "draft.json"
    path.write_text(report.model_dump_json(indent=2), "utf-8")
    parsed = read_report(path)
    assert parsed.kind == "json"
    assert parsed.tables.tables == data.tables
    assert (parsed.organization, parsed.year, parsed.table_format) == (data.organization, data.year, data.format)
    assert parsed.title == f"{data.organization}{data.year}年政府信息公开工作年度报告"
    assert [s.id for s in parsed.sections] == list(SECTION_IDS)
    assert parsed.section("s1_overview").text == "（一）主动公开\n全年主动公开政府信息180条。"
    assert parsed.section("s2_proactive").heading == "二、主动公开政府信息情况"
    assert parsed.narrative == report.narrative
    assert parsed.narrative.sections["s5_problems"].provenance == {"model": "m", "attempts": 2}
    assert parsed.findings == []


def test_json_offsets_index_the_laid_out_text(tmp_path: Path) -> None:
    data = parse_data(sample_data("2019"))
    path = tmp_path / "draft.json"
    path.write_text(Report.build(data, _narrative()).model_dump_json(), "utf-8")
    parsed = read_report(path)
    whole = [parsed.title]
    for section in parsed.sections:
        whole.append(section.heading)
        whole.extend(section.text.split("\n") if section.text else [])
    text = "\n".join(whole)
    for section in parsed.sections:
        assert text[section.offset:section.offset + len(section.text)] == section.text
