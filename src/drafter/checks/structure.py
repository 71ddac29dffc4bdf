"""structure.*: the report's shape, independent of its figures.

- structure.section_missing    a section of the six is not there (error)
- structure.section_misnamed   a section's heading differs from the official one (warning)
- structure.section_order      the sections are not in the official order (error)
- structure.outdated_format    a 2021-or-later report printed on the 2019 tables (error)
- structure.newer_format       a 2019/2020 report printed on the 2021 tables (warning)
- structure.title              the title is not “…政府信息公开工作年度报告”, or its year is not
                               the report year (error for the year, warning for the wording)
- structure.section_count      the preamble counts parts other than six (共七个部分)
- structure.old_outline        section names of the outline used before 2019 (一、概述 …), once
- structure.table_unreadable   passed on from the reader, as are structure.run_in_heading,
                               structure.traditional_script and structure.no_headings
                               (reader/outline.py)
- structure.old_regime         a report for a year before 2019: only what that outline shares
                               with today's is checked (info)
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..formats import get_format
from ..report import SECTION_IDS, ParsedReport

_PUNCT = re.compile(r"[\s、，,。.．:：（）()“”\"'‘’一二三四五六七八九十]")
_PARTS = re.compile(r"(?:共|分为|包括|由|分|含)?[^。\n]{0,60}?([一二三四五六七八九十\d]{1,4})(?:个)?部分")  # bounded: a long digit run must not backtrack
_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]{1,2}\s*[、.．]")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _key(text: str) -> str:
    return _PUNCT.sub("", text)


def _old(heading: str) -> bool:
    """A section name of the outline used before 2019: reported once (structure.old_outline),
    not heading by heading as misnamed."""
    from ..reader.sections import match_heading

    found = match_heading(heading)
    return found is not None and found.old


def check_sections(parsed: ParsedReport, format_id: str) -> list[Finding]:
    fmt = get_format(format_id)
    out: list[Finding] = []
    present = [s for s in parsed.sections if s.id in SECTION_IDS]
    ids = [s.id for s in present]
    if not present:
        names = "，".join(f"{s.number}、{s.label}" for s in fmt.sections)
        return [Finding(
            "structure.section_missing", "error",
            f"报告中没有认出任何一个章节（{names}）。年度报告必须包括这六个部分，标题单独成行，请补上。",
            section=None, expected=names, found=None,
        )]
    for section in fmt.sections:
        if section.id not in ids:
            out.append(
                Finding(
                    "structure.section_missing", "error",
                    f"报告缺少第{section.number}部分“{section.number}、{section.label}”。年度报告必须包括六个部分，请补上。",
                    section=section.id, expected=f"{section.number}、{section.label}", found=None,
                )
            )
    for s in present:
        spec = fmt.section(s.id)
        heading = s.heading or ""
        if not heading:
            continue
        wanted = [_key(spec.label)] + [_key(a) for a in spec.alt_labels]
        if _key(heading) not in wanted and not _old(heading):
            out.append(
                Finding(
                    "structure.section_misnamed", "warning",
                    f"第{spec.number}部分的标题是“{heading}”，官方格式为“{spec.number}、{spec.label}”。请按格式改正标题。",
                    section=s.id, quote=heading, expected=f"{spec.number}、{spec.label}", found=heading,
                )
            )
    for s in parsed.sections:
        if s.id == "unknown" and s.heading and _TOP_HEADING.match(s.heading.strip()) and not _old(s.heading):
            out.append(
                Finding(
                    "structure.section_misnamed", "warning",
                    f"标题“{s.heading}”不是年度报告格式中的任何一部分。请核对是否应为六个部分之一。",
                    section=None, quote=s.heading, expected=None, found=s.heading,
                )
            )
    old = [s.heading for s in parsed.sections if s.heading and _old(s.heading)]
    if old:
        names = "".join(f"“{h}”" for h in old[:4])
        out.append(Finding(
            "structure.old_outline", "warning",
            f"本报告使用2019年以前的章节结构（{names}等），已按内容对应的现行章节核对。现行格式分为六个部分："
            + "，".join(f"{s.number}、{s.label}" for s in fmt.sections) + "。请按现行格式调整章节。",
            section="s0_preamble", quote=None, expected=None, found=old,
        ))
    order = [SECTION_IDS.index(i) for i in ids]
    if order != sorted(order):
        names = "、".join(fmt.section(i).number for i in ids)
        out.append(
            Finding(
                "structure.section_order", "error",
                f"各部分的顺序为“{names}”，应按一至六的顺序排列。请调整。",
                section=None, expected="一、二、三、四、五、六", found=names,
            )
        )
    return out


def check_format(parsed: ParsedReport, year: int) -> list[Finding]:
    printed = parsed.table_format
    if printed is None:
        return []
    if year >= 2021 and printed == "2019":
        return [
            Finding(
                "structure.outdated_format", "error",
                f"这是{year}年度报告，表格却是2019年试行格式（如“本年新制作数量”“其他对外管理服务事项”“政府集中采购”）。"
                "2021年及以后的报告应使用国办公开办函〔2021〕30号印发的新格式。请更换表格。",
                section="s2_proactive", expected="2021", found="2019",
            )
        ]
    if year <= 2020 and printed == "2021":
        return [
            Finding(
                "structure.newer_format", "warning",
                f"这是{year}年度报告，表格却是2021年格式。2019、2020年度报告应使用2019年试行格式。请核对。",
                section="s2_proactive", expected="2019", found="2021",
            )
        ]
    return []


def title_year(title: str) -> int | None:
    """The year printed in the title (not the reader's fallback to the statistics period)."""
    from ..reader.title import title_year as _printed

    year = _printed(title) if title else None
    return year if year is not None and 1990 <= year <= 2100 else None


def check_title(parsed: ParsedReport, year: int, why: str = "") -> list[Finding]:
    """structure.title. `year` is the report year as resolved from the data file or the
    narrative's year mentions; `why` says where it came from (“（数据文件为2023年）”)."""
    title = parsed.title.strip()
    out: list[Finding] = []
    if not title:
        return [
            Finding("structure.title", "warning", "没有找到报告标题。标题应为“××（机关）××年政府信息公开工作年度报告”。",
                    section="s0_preamble", expected=None, found=None)
        ]
    printed = title_year(title)
    if printed is not None and printed != year:
        out.append(
            Finding(
                "structure.title", "error",
                f"标题“{title}”的年份是{printed}年，但本报告是{year}年度报告{why}。可能沿用了上一年的标题，请改正。",
                section="s0_preamble", quote=title, expected=year, found=printed,
            )
        )
    compact = _key(title)
    if "政府信息公开" in compact and "年度报告" not in compact:
        out.append(
            Finding(
                "structure.title", "warning",
                f"标题“{title}”不规范，应为“……{year}年政府信息公开工作年度报告”。",
                section="s0_preamble", quote=title, expected="政府信息公开工作年度报告", found=title,
            )
        )
    return out


def check_section_count(text: str, section: str, offset: int = 0) -> list[Finding]:
    out: list[Finding] = []
    for m in _PARTS.finditer(text):
        clause = m.group(0)
        if not re.search(r"报告|本报告|组成|包括|分为", clause + text[max(0, m.start() - 20) : m.start()]):
            continue
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else _CN.get(raw)
        if n is None or n == 6:
            continue
        start, end = m.start(1), m.end(0)
        out.append(
            Finding(
                "structure.section_count", "warning",
                f"正文称报告有“{text[start:end]}”，但年度报告按格式共六个部分。请改正。",
                section=section, quote=text[start:end], span=(start + offset, end + offset), expected=6, found=n,
            )
        )
    return out


__all__ = ["check_format", "check_section_count", "check_sections", "check_title", "title_year"]
