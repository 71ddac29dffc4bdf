"""The deterministic parts of a report: title, preamble and section headings.

The preamble cites the Regulation and the format of the report year (the 2021 format with
国办公开办函〔2021〕30号 from report year 2021; the 2019 notice 国办公开办函〔2019〕60号 for
2019 and 2020), names the reporting body, lists the six parts by their official headings
and states the statistics period.
"""

from __future__ import annotations

from ..data import ReportData
from ..formats import Section

REGULATION = "《中华人民共和国政府信息公开条例》"
# The notice that issued the 2019 trial format (notice_title_zh in format_2019.yaml).
NOTICE_2019 = "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
_COUNTS = dict(enumerate("零一二三四五六七八九十"))


def report_title(data: ReportData) -> str:
    return f"{data.organization}{data.year}年政府信息公开工作年度报告"


def format_basis(data: ReportData) -> str:
    """The format document the report follows, as the preamble cites it."""
    fmt = data.spec
    if fmt.id == "2019":
        return f"{NOTICE_2019}（{fmt.document_no}）"
    return f"《{fmt.title}》（{fmt.document_no}）"


def section_heading(section: Section) -> str:
    return f"{section.number}、{section.label}"


def preamble(data: ReportData) -> list[str]:
    """The preamble paragraphs between the title and 一、总体情况."""
    sections = data.spec.sections
    parts = "，".join(s.label for s in sections)
    count = _COUNTS.get(len(sections), str(len(sections)))
    return [
        f"本报告根据{REGULATION}（以下简称《条例》）和{format_basis(data)}要求，由{data.organization}编制。"
        f"全文包括{parts}，共{count}个部分。"
        f"本报告中所列数据的统计期限自{data.year}年1月1日起至{data.year}年12月31日止。"
    ]
