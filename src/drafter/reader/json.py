"""Our own JSON draft (drafter.report.Report, kind "drafter-report") → ParsedReport.

The tables come from the draft's `data` (through the data loader), the text sections
from the narrative paragraphs, and the narrative itself (with its provenance) is kept
in `ParsedReport.narrative`. Section texts are laid out as the renderers print them:
title, then each heading followed by its paragraphs, one per line.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from ..data import parse_data
from ..errors import ReportReadError
from ..report import PREAMBLE, SECTION_IDS, ParsedReport, Report, SectionText
from .sections import official_heading


def json_to_report(text: str, source: str) -> ParsedReport:
    try:
        raw: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportReadError(
            f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列）。请检查是否被截断或手工改坏，"
            "或重新生成草稿。",
            source,
        ) from None
    if not isinstance(raw, dict) or raw.get("kind") != "drafter-report":
        raise ReportReadError(
            "这个 JSON 文件不是 drafter 生成的报告草稿（缺少 \"kind\": \"drafter-report\"）。"
            "数据文件请用 drafter check-data 核对；报告请提供 drafter draft 生成的 .json，或 .docx/.html/.md/.txt。",
            source,
        )
    try:
        report = Report.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ReportReadError(
            f"报告草稿的结构不对（{where or '最外层'}：{first.get('msg', '')}）。请重新生成草稿，不要手工改动结构。",
            source,
        ) from None
    data = parse_data(report.data, source=source)
    title = f"{data.organization}{data.year}年政府信息公开工作年度报告"
    lines = [title]
    sections: list[SectionText] = []

    def add(section_id: str, heading: str, paragraphs: list[str]) -> None:
        if heading:
            lines.append(heading)
        offset = sum(len(line) + 1 for line in lines)
        lines.extend(paragraphs)
        number = heading.split("、", 1)[0] if heading else ""
        sections.append(SectionText(id=section_id, number=number, heading=heading,
                                    text="\n".join(paragraphs), offset=offset))

    preamble = report.narrative.sections.get(PREAMBLE)
    if preamble is not None and preamble.paragraphs:
        add(PREAMBLE, "", [p.text for p in preamble.paragraphs])
    for section_id in SECTION_IDS:
        draft = report.narrative.sections.get(section_id)
        add(section_id, official_heading(section_id), [p.text for p in draft.paragraphs] if draft else [])
    return ParsedReport(
        source=source,
        kind="json",
        title=title,
        organization=data.organization,
        year=data.year,
        sections=sections,
        tables=data,
        grids={},
        table_format=data.format,
        findings=[],
        narrative=report.narrative,
    )
