"""From paragraphs and tables in document order to a ParsedReport: the title and what it
names, every section's plain text with its offset, and the three tables as ReportData.

The document's plain text is every paragraph joined with "\\n" (tables left out); a
section's `offset` is where its text starts in that string, and its `text` is its body
paragraphs joined with "\\n", the heading line excluded and sub-headings kept.
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import ReportReadError
from ..formats import get_format
from ..report import PREAMBLE, ParsedReport, SectionText
from .document import Document
from .grid import Table
from .labels import key
from .outline import outline_findings, prepare, printed_section
from .sections import Heading, match_heading
from .tables import read_tables
from .title import (
    find_title,
    guess_level,
    looks_like_title,
    period_year,
    title_organization,
    title_text,
    title_year,
)

TITLE_SEARCH = 12  # without headings, the title is looked for among the first paragraphs


def assemble(doc: Document, source: str, kind: str) -> ParsedReport:
    # a block caption of 表二 printed between its tables (第二十条第（一）项) belongs to the table
    doc.blocks = [b for b in doc.blocks if b.is_table or key(b.text) not in _captions()]
    prepared = prepare(doc)  # traditional characters read as simplified; run-in headings cut off
    texts = [b.text for b in doc.blocks if not b.is_table]
    lines = [b.line for b in doc.blocks if not b.is_table]  # file lines of text files, else None
    offsets: list[int] = []
    pos = 0
    for text in texts:
        offsets.append(pos)
        pos += len(text) + 1
    total_len = max(pos - 1, 0)

    headings: dict[int, Heading] = {}
    seen: set[str] = set()
    para = 0
    for block in doc.blocks:
        if block.is_table:
            continue
        found = match_heading(block.text, block.styled)
        if found is not None and (found.id == "unknown" or found.id not in seen):
            headings[para] = found
            seen.add(found.id)
        para += 1
    known = sorted(i for i, h in headings.items() if h.id != "unknown")
    first = min(headings) if headings else len(texts)

    # title and preamble
    before = texts[:first] if headings else texts[:TITLE_SEARCH]
    hint = doc.title_hint.strip() if doc.title_hint and looks_like_title(doc.title_hint) else ""
    span = find_title(before, hint)
    title = ""
    preamble_start = 0
    if span is not None:
        title = title_text(before, span)
        preamble_start = span[1]
    elif hint:
        title = hint
    elif before and len(before[0]) <= 80 and headings:
        title, preamble_start = before[0], 1

    if span is None and not hint and not known and not any(True for _ in doc.tables):
        raise ReportReadError(
            "没有找到“一、总体情况”等章节标题，也没有找到表二、表三、表四，不像一份政府信息公开工作年度报告。"
            "请确认选对了文件。",
            source,
        )
    sections: list[SectionText] = []
    printed: dict[str, str] = {}
    if not known and span is not None:
        headings, first = {}, len(texts)  # no section heading read: the text after the title is checked as one
    if (headings or (not known and span is not None)) and preamble_start < first:
        body = texts[preamble_start:first]
        sections.append(SectionText(id=PREAMBLE, text="\n".join(body), offset=offsets[preamble_start],
                                    lines=_known(lines[preamble_start:first])))
        if prepared.printed:
            printed[PREAMBLE] = printed_section(prepared, preamble_start, first)
    starts = sorted(headings)
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(texts)
        head = headings[start]
        body = texts[start + 1:end]
        offset = offsets[start + 1] if body else min(offsets[start] + len(texts[start]) + 1, total_len)
        sections.append(SectionText(id=head.id, number=head.number, heading=head.text,
                                    text="\n".join(body), offset=offset, lines=_known(lines[start + 1:end])))
        if prepared.printed and head.id not in printed:
            printed[head.id] = printed_section(prepared, start + 1, end)

    located = _locate_tables(doc, headings)
    # the year is the title's; the statistics period (自2020年1月1日起…) only when no title
    # names one, so that a period left over from last year cannot change the report's year
    organization = (title_organization(title) if title else None) or (title_organization(hint) if hint else None)
    year = (title_year(title) if title else None) or (title_year(hint) if hint else None)
    if year is None:
        year = period_year("\n".join(s.text for s in sections if s.id in (PREAMBLE, "s1_overview")))
    tables = read_tables(located, organization, year, guess_level(organization), source,
                         pictures=doc.pictures, attachments=doc.attachments, hint=doc.tables_hint)
    if not known and not tables.grids and span is None and not hint:
        raise ReportReadError(
            "没有找到“一、总体情况”等章节标题，表格也不是表二、表三、表四，不像一份政府信息公开工作年度报告。"
            "请确认选对了文件。",
            source,
        )
    return ParsedReport(
        source=source,
        kind=kind,  # type: ignore[arg-type]
        title=title,
        organization=organization,
        year=year,
        sections=sections,
        tables=tables.data,
        grids=tables.grids,
        table_format=tables.table_format,
        findings=outline_findings(prepared, known) + tables.findings,
        lead="\n".join(before[:span[0]]) if span is not None else "",
        printed=printed,
    )


def _known(lines: list[int | None]) -> list[int]:
    """The file line of each paragraph, when every one is known (text files); else none."""
    return [n for n in lines if n is not None] if all(n is not None for n in lines) else []


@lru_cache(maxsize=1)
def _captions() -> frozenset[str]:
    return frozenset(key(b.caption) for fid in ("2019", "2021") for b in get_format(fid).proactive.blocks)


def _locate_tables(doc: Document, headings: dict[int, Heading]) -> list[tuple[str | None, Table]]:
    """Every table with the id of the section it is printed in."""
    out: list[tuple[str | None, Table]] = []
    section: str | None = None
    para = 0
    for block in doc.blocks:
        if block.table is not None:
            out.append((section, block.table))
            continue
        if para in headings:
            section = headings[para].id
        para += 1
    return out
