"""What every writer prints, built once from a Report: title, preamble, the six sections
with their narrative paragraphs, tables and review marks. Text is cleaned here (unsafe
control characters removed); escaping is left to each writer.

Publishing: when `report.provenance["publish"]` is true, the view carries no review marks
(a clean copy for the portal). A report with a section that still needs review is refused
for publishing, so that text the validator rejected is never published as if it passed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data import ReportData, parse_data
from ..errors import DataError, RenderError
from ..report import Report
from .clean import clean_text, clean_value
from .marks import Mark, mark_for
from .preamble import preamble, report_title, section_heading
from .tables import Table, build_tables


@dataclass(frozen=True)
class Para:
    text: str
    heading: bool = False  # a sub-heading such as （一）主动公开


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: str  # 一、总体情况
    paragraphs: tuple[Para, ...]
    table: Table | None
    mark: Mark | None


@dataclass(frozen=True)
class ReportView:
    title: str
    preamble: tuple[str, ...]
    sections: tuple[SectionView, ...]
    organization: str
    year: int
    format_id: str
    publish: bool


def report_data(report: Report) -> ReportData:
    """The report's data as ReportData, or a RenderError naming what is wrong."""
    try:
        return parse_data(clean_value(report.data), source="报告数据（data）")
    except DataError as exc:
        raise RenderError(
            "报告中的数据无效，无法生成报告文件。请修改数据后重新起草：", exc.path, exc.problems
        ) from None


def build_view(report: Report) -> ReportView:
    data = report_data(report)
    publish = report.provenance.get("publish") is True
    tables = {t.section: t for t in build_tables(data)}
    sections: list[SectionView] = []
    pending: list[str] = []
    for section in data.spec.sections:
        draft = report.narrative.sections.get(section.id)
        paragraphs: list[Para] = []
        mark = None
        if draft is not None:
            for p in draft.paragraphs:
                for line in clean_text(p.text).split("\n"):
                    if line.strip():
                        paragraphs.append(Para(line.strip(), p.heading))
            mark = mark_for(draft, report.findings) if paragraphs else None
        if publish and mark is not None:
            if mark.kind == "needs_review":
                pending.append(section_heading(section))
            mark = None
        sections.append(SectionView(section.id, section_heading(section), tuple(paragraphs), tables.get(section.id), mark))
    if pending:
        raise RenderError(
            f"以下部分标有“需人工核对”，尚未核对，不能生成发布版：{'、'.join(pending)}。"
            "请按标记中的说明核对并修改这些部分、去掉标记后再发布，或先不加发布选项生成审阅稿。"
        )
    return ReportView(
        title=report_title(data),
        preamble=tuple(preamble(data)),
        sections=tuple(sections),
        organization=data.organization,
        year=data.year,
        format_id=data.format,
        publish=publish,
    )
