"""The whole report as drafter handles it, independent of the file it came from or goes to.

- `Narrative`: the text sections (一 总体情况, 五, 六), each a list of paragraphs, with
  where the text came from (offline composer, a language model, a person) and whether a
  reviewer must look at it.
- `Report`: data (the tables) + narrative + findings + provenance. Its JSON form is the
  project's own draft format, which `drafter check` reads back.
- `ParsedReport`: what a reader makes of any report file (ours or a published one): title,
  every section's plain text, and the tables read back as ReportData.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from .data import ReportData
from .findings import Finding

TEXT_SECTIONS = ("s1_overview", "s5_problems", "s6_other")
SECTION_IDS = ("s1_overview", "s2_proactive", "s3_requests", "s4_review_litigation", "s5_problems", "s6_other")
PREAMBLE = "s0_preamble"  # text between the title and 一、 (legal basis, statistics period)
SECTION_HEADINGS = {  # how messages name a section (the headings are the same in both formats)
    PREAMBLE: "标题和导语",
    "s1_overview": "一、总体情况",
    "s2_proactive": "二、主动公开政府信息情况",
    "s3_requests": "三、收到和处理政府信息公开申请情况",
    "s4_review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    "s5_problems": "五、存在的主要问题及改进情况",
    "s6_other": "六、其他需要报告的事项",
}

Origin = Literal["offline", "llm", "fallback", "human"]


class Paragraph(BaseModel):
    text: str
    heading: bool = False  # a sub-heading such as （一）主动公开


class SectionDraft(BaseModel):
    id: str  # s1_overview / s5_problems / s6_other
    paragraphs: list[Paragraph] = Field(default_factory=list)
    origin: Origin = "offline"
    needs_review: bool = False  # the validator could not pass a model's text; a reviewer must look
    suggested: bool = False  # text a language model suggested (to be marked for the reviewer)
    provenance: dict[str, Any] = Field(default_factory=dict)  # backend, model, prompt version, attempts …

    @property
    def text(self) -> str:
        """The plain text of the section, paragraphs joined by newlines (spans index into this)."""
        return "\n".join(p.text for p in self.paragraphs)


class Narrative(BaseModel):
    sections: dict[str, SectionDraft] = Field(default_factory=dict)

    def section(self, section_id: str) -> SectionDraft:
        return self.sections.get(section_id) or SectionDraft(id=section_id)


class Report(BaseModel):
    """A complete report: what the renderers write and what our JSON draft holds."""

    kind: Literal["drafter-report"] = "drafter-report"
    version: int = 1
    data: dict[str, Any]  # ReportData.to_input(): the canonical data mapping
    narrative: Narrative
    findings: list[dict[str, Any]] = Field(default_factory=list)
    provenance: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def build(
        cls,
        data: ReportData,
        narrative: Narrative,
        findings: list[Finding] | None = None,
        provenance: dict[str, Any] | None = None,
    ) -> Report:
        return cls(
            data=data.to_input(),
            narrative=narrative,
            findings=[f.to_dict() for f in findings or []],
            provenance=provenance or {},
        )


class SectionText(BaseModel):
    """One section of a read report: its heading as printed and its plain text."""

    id: str  # s0_preamble, s1_overview … s6_other; "unknown" for a heading that matched nothing
    number: str = ""  # 一 … 六 as printed
    heading: str = ""  # the heading line as printed (一、总体情况)
    text: str = ""  # plain narrative text; spans of findings index into this
    offset: int = 0  # where `text` starts in the whole document text
    lines: list[int] = Field(default_factory=list)  # file line of each paragraph of `text` (text files only)


class ParsedReport(BaseModel):
    model_config = {"arbitrary_types_allowed": True}

    source: str
    kind: Literal["txt", "md", "html", "docx", "json", "pdf", "doc", "wps"]
    title: str = ""
    organization: str | None = None  # from the title, as printed
    year: int | None = None  # from the title
    sections: list[SectionText] = Field(default_factory=list)
    tables: ReportData | None = None  # the three tables read back (None when unreadable)
    grids: dict[str, list[list[str]]] = Field(default_factory=dict)  # raw expanded grids per table id
    table_format: Literal["2019", "2021"] | None = None  # the layout the tables were printed in
    findings: list[Finding] = Field(default_factory=list)  # problems met while reading (unreadable table …)
    narrative: Narrative | None = None  # for our own JSON draft: the narrative with its provenance
    lead: str = ""  # paragraphs printed before the title (以下是根据您提供的材料撰写的报告：)
    printed: dict[str, str] = Field(default_factory=dict)  # section texts as printed, where the reader converted them

    def section(self, section_id: str) -> SectionText | None:
        return next((s for s in self.sections if s.id == section_id), None)
