"""The validator: one set of checks for the three doors (a language model's draft, a
reviewer's edited file, a report already published).

    check_narrative(data, texts, notes=None, organization_names=())  the text sections only
    check_report(parsed, data=None, notes=None)                      a whole report as read
    check_file(path, data_path=None, previous_path=None, encoding=None, notes_path=None)

Rule families per spec/data-format.md §3: table.* (drafter.rules, plus table.mismatch for
a report cell that differs from the data file), text.contradiction, text.unsupported,
text.arithmetic, text.year, text.organization, structure.*, style.*. The checks themselves
live in drafter.checks (figures, years, organization, style, structure); the words they use
in drafter/lexicon/*.yaml.

An error must be certain: a published report is failed only for what its words cannot mean
truly. A narrative figure is a text.contradiction error only when it is false under every
reading its words allow (drafter.claims: the other metrics cued next to it, the other totals
of its sentence for a part after 其中, the combined review and litigation figures when both are
named, the sum of the readings for a stated total); a binding the words leave open (a bare
规范性文件3件) is a warning. Counts of activities (召开专题会议3次), numbers in quoted names and
titles, and figures of other years are no claims on the tables; last year's figures and changes
on last year are checked only against last year's data, and only when it is given. A
breakdown is a text.arithmetic error only when no total of its sentence, nor their sum, can be
its total. The party and government organs of the body itself or of its parent (镇党委、镇政府,
县委县政府, 街道党工委) are never another body.

text.unsupported is a warning by default: a figure that no table, fact or note supports is
not proven wrong (a clerk may cite a figure that simply was not entered), so a published
report is not failed for it; the drafting gate passes unsupported="error", because a
language model must not write a figure that is in none of its sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks.figures import check_figures
from .checks.organization import Identity, check_organization
from .checks.roles import check_roles
from .checks.structure import check_format, check_section_count, check_sections, check_title, title_year
from .checks.style import check_style
from .checks.truth import Truth
from .checks.words import check_word_claims, previous_truth
from .checks.years import check_year_of_figures, check_years, year_votes
from .claims import extract_claims
from .data import ReportData
from .errors import DrafterError, InputError, ReportReadError
from .findings import Finding, Severity, locate, summarize
from .formats import FIRST_YEAR, format_for_year
from .grammar import read_word_claims
from .lexicon import Lexicon, load_lexicon
from .notes import Notes
from .report import SECTION_IDS, ParsedReport

NARRATIVE_SECTIONS = ("s0_preamble", "s1_overview", "s5_problems", "s6_other")
TABLE_SECTIONS = ("s2_proactive", "s3_requests", "s4_review_litigation")
DATA_SUFFIXES = (".yaml", ".yml", ".xlsx", ".xlsm", ".xls", ".et")
_SECTION_ORDER = {sid: i for i, sid in enumerate(("s0_preamble", *SECTION_IDS))}
_PERIOD_YEAR = re.compile(r"(?:统计|数据)[^。\n]{0,24}?(\d{4})\s*年\s*1\s*月\s*1\s*日")
_PROSE = re.compile(r"[。，；：！？]")


@dataclass
class CheckResult:
    """What `drafter check` reports: the report's identity, the findings and their counts."""

    report: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    # the data the narrative was checked against, and its sections (for --explain; not serialised)
    basis: ReportData | None = None
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, int]:
        return summarize(self.findings)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {"report": self.report, "findings": [f.to_dict() for f in self.findings], "summary": self.summary}


# --------------------------------------------------------------------------- narrative


def check_narrative(
    data: ReportData,
    texts: Mapping[str, str],
    notes: Notes | None = None,
    organization_names: Iterable[str] = (),
    *,
    unsupported: Severity = "warning",
) -> list[Finding]:
    """Check narrative sections (keys s0_preamble, s1_overview, s5_problems, s6_other; any
    s2–s4 are checked in their prose paragraphs only, not in lines of a table left in the
    text; any other key is checked for style only) against `data` (and `notes`):
    text.contradiction, text.unsupported, text.arithmetic, text.year, text.organization,
    style.*. Spans index into each section's text as given."""
    lex = load_lexicon()
    truth = Truth.build(data, notes)
    previous = previous_truth(truth)
    identity = Identity.build(data.organization, data.level, data.short_name, data.parent, tuple(organization_names))
    out: list[Finding] = []
    for sid, text in texts.items():
        if not text or not text.strip():
            continue
        out += check_style(text, sid, lex)
        if sid in TABLE_SECTIONS:
            text = prose_only(text)
            if not text.strip():
                continue
        elif sid not in NARRATIVE_SECTIONS:
            continue
        extraction = extract_claims(text, data.format, data.year, lex)
        year_found, explained, last_years = check_year_of_figures(text, data.year, sid, lex, extraction, truth)
        figure_findings = [f for f in check_figures(extraction, truth, sid, unsupported=unsupported, text=text)
                           if not (f.rule == "text.contradiction" and f.span in explained)]
        out += figure_findings
        words = check_word_claims(read_word_claims(text, data.year, lex), truth, sid, previous=previous)
        out += [w for w in words if not any(_overlaps(w.span, f.span) for f in figure_findings if f.severity == "error")]
        years = [f for f in check_years(text, data.year, sid, lex) if f.span not in last_years]
        out += years + [f for f in year_found if not any(_overlaps(f.span, g.span) for g in years)]
        out += _bodies(text, sid, identity, lex)
        if sid in ("s0_preamble", "s1_overview"):
            out += check_section_count(text, sid)
    return _sorted(locate(out, texts))


def _bodies(text: str, section: str, identity: Identity, lex: Lexicon) -> list[Finding]:
    """Another body's name: anywhere it is plainly another body (checks.organization), and in the
    places only the body's own name belongs (checks.roles), each name reported once."""
    named = check_organization(text, section, identity, lex)
    return named + [f for f in check_roles(text, section, identity, lex) if not any(_overlaps(f.span, g.span) for g in named)]


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def prose_only(text: str) -> str:
    """The text with every line that is not prose (a table row left in the text, a caption)
    blanked out, offsets kept: a line is prose when it has Chinese sentence punctuation."""
    return "\n".join(line if _PROSE.search(line) else " " * len(line) for line in text.split("\n"))


# --------------------------------------------------------------------------- whole report


def resolve_year(parsed: ParsedReport, data: ReportData | None = None) -> tuple[int | None, str]:
    """The year the report is for, and why, when the title says otherwise.

    The title's year first; a data file that says another year wins (the figures are its),
    and so does a year the narrative names more often than the title's (the title left over
    from last year). Without a year in the title: the data file, then the year the narrative
    names most often (when one does), then the statistics period, then the tables. A
    statistics period copied from last year does not decide the year when the title or the
    body says otherwise: it is reported as a text.year error instead."""
    printed = title_year(parsed.title)
    if data is not None:
        why = f"（数据文件为{data.year}年）" if printed is not None and printed != data.year else ""
        return data.year, why
    lex = load_lexicon()
    votes = year_votes({s.id: s.text for s in parsed.sections if s.id in NARRATIVE_SECTIONS}, lex)
    if printed is not None:
        votes[printed] += 1
        best = max(votes, key=lambda y: (votes[y], y == printed))
        if best != printed:
            return best, f"（正文{votes[best]}处以{best}年为本年度）"
        return printed, ""
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0], ""
    for sid in ("s0_preamble", "s1_overview"):
        section = parsed.section(sid)
        if section is not None:
            m = _PERIOD_YEAR.search(lex.normalize(section.text))
            if m and FIRST_YEAR <= int(m.group(1)) <= 2100:
                return int(m.group(1)), ""
    if ranked:
        return ranked[0][0], ""
    if parsed.year is not None:
        return parsed.year, ""
    return (parsed.tables.year if parsed.tables is not None else None), ""


def report_year(parsed: ParsedReport, data: ReportData | None = None) -> int | None:
    """The year the report is for (see resolve_year)."""
    return resolve_year(parsed, data)[0]


def check_report(parsed: ParsedReport, data: ReportData | None = None, notes: Notes | None = None,
                 lead: str = "") -> list[Finding]:
    """Check a whole report: its structure, its own tables (drafter.rules), its tables
    against `data` when given (table.mismatch), and its narrative against `data` if given,
    else against its own tables. `lead` is text printed before the title, if any: it is
    checked for style like the title itself."""
    lex = load_lexicon()
    organization = clean_organization(parsed.organization)
    if organization != parsed.organization:
        parsed = parsed.model_copy(update={"organization": organization})
    out: list[Finding] = list(parsed.findings)
    year, why = resolve_year(parsed, data)
    if year is not None and year >= FIRST_YEAR:
        out += check_sections(parsed, format_for_year(year))
        out += check_format(parsed, year)
        out += check_title(parsed, year, why)
    elif year is not None and data is None and parsed.tables is None:
        # a report of the years before the 2019 format: no six sections, no 表二–表四 to demand
        out = [f for f in out if f.rule != "structure.table_unreadable"] + [_old_regime(year)]
    else:
        out += check_sections(parsed, parsed.table_format or "2021")
    for text in (lead, parsed.title):
        if text.strip():
            out += check_style(text, "s0_preamble", lex, spans=False)
    for s in parsed.sections:
        if s.id == "unknown":
            out += check_style(f"{s.heading}\n{s.text}", None, lex, spans=False)

    tables = parsed.tables
    if tables is not None and year is not None and tables.year != year:
        tables = tables.model_copy(update={"year": year})
    if tables is not None and data is not None and tables.previous is None and data.previous is not None:
        tables.previous = data.previous
    if tables is not None:
        from .rules import check_tables

        out += check_tables(tables)
        if data is not None:
            out += compare_tables(tables, data)
    elif data is not None:
        from .rules import check_tables

        out += check_tables(data)

    truth = data or tables
    texts = {s.id: s.text for s in parsed.sections if s.id in NARRATIVE_SECTIONS + TABLE_SECTIONS and s.text.strip()}
    if truth is not None:
        names: tuple[str, ...] = ()
        if data is None and parsed.organization:
            names = (parsed.organization,)
        elif data is not None and parsed.organization:
            out += _title_organization(parsed, data)
        out += check_narrative(truth, texts, notes, names)
    else:
        identity = _identity_from_title(parsed)
        fmt = parsed.table_format or (format_for_year(year) if year is not None and year >= FIRST_YEAR else "2021")
        for sid, text in texts.items():
            out += check_style(text, sid, lex)
            if sid in TABLE_SECTIONS:
                text = prose_only(text)
            if year is not None:
                out += check_years(text, year, sid, lex)
            if identity is not None:
                out += _bodies(text, sid, identity, lex)
            if sid in NARRATIVE_SECTIONS + TABLE_SECTIONS:
                out += text_arithmetic(text, sid, fmt, year, lex)
    located = locate(out, {s.id: s.text for s in parsed.sections}, {s.id: s.lines for s in parsed.sections})
    return _printed_quotes(_sorted(_unique(located)), parsed)


def text_arithmetic(text: str, section: str, fmt: str, year: int | None, lex: Lexicon) -> list[Finding]:
    """text.arithmetic alone: a report whose tables could not be read and no data file was
    given is still checked for totals that its own breakdowns do not add up to."""
    from .checks.figures import arithmetic_only

    return arithmetic_only(extract_claims(text, fmt, year or 2021, lex), section)


def _old_regime(year: int) -> Finding:
    return Finding(
        "structure.old_regime", "info",
        f"这是{year}年度报告，按2019年以前的格式编写（当时没有表二、表三、表四的统一格式），"
        "drafter 只核对了年份、机关名称、文字残留和正文中数字的加总，没有核对章节和表格。",
        section="s0_preamble", expected=None, found=year,
    )


def _printed_quotes(findings: list[Finding], parsed: ParsedReport) -> list[Finding]:
    """Quotes as printed: where the reader read a section in other characters (traditional
    read as simplified, one for one), the finding quotes the printed text at the same span."""
    if not parsed.printed:
        return findings
    import dataclasses

    out = []
    for f in findings:
        printed = parsed.printed.get(f.section or "")
        if printed is not None and f.span is not None and f.quote:
            original = printed[f.span[0]:f.span[1]]
            if original and original != f.quote and len(original) == len(f.quote):
                f = dataclasses.replace(f, quote=original, message=f.message.replace(f.quote, original))
        out.append(f)
    return out


def clean_organization(name: str | None) -> str | None:
    """The body named in a title that a language model's words run into (以下是根据您提供的材料
    撰写的西山镇人民政府 → 西山镇人民政府)."""
    if not name:
        return name
    lex = load_lexicon()
    cut = 0
    for pattern in lex.llm_leftovers:
        for m in pattern.finditer(name):
            cut = max(cut, m.end())
    if not cut:
        return name
    rest = name[cut:]
    if "的" in rest:
        rest = rest[rest.rindex("的") + 1 :]
    rest = rest.strip("：:，, “”\"'")
    return rest or name


def _identity_from_title(parsed: ParsedReport) -> Identity | None:
    if not parsed.organization:
        return None
    return Identity.build(parsed.organization, _guess_level(parsed.organization))


def _title_organization(parsed: ParsedReport, data: ReportData) -> list[Finding]:
    title_org = parsed.organization or ""
    identity = Identity.build(data.organization, data.level, data.short_name, data.parent)
    if not title_org or any(t in title_org or title_org in t for t in identity.tokens if len(t) >= 2):
        return []
    return [
        Finding(
            "text.organization", "error",
            f"标题中的机关“{title_org}”与数据文件的机关“{data.organization}”不一致。请核对是否用错了报告或数据文件。",
            section="s0_preamble", quote=parsed.title, expected=data.organization, found=title_org,
        )
    ]


def compare_tables(report: ReportData, data: ReportData) -> list[Finding]:
    """table.mismatch: every cell of the report's tables that differs from the data file."""
    out: list[Finding] = []
    spec = data.spec
    if report.format == data.format:
        for block, row, col in spec.proactive.cells():
            a, b = report.tables.proactive[row.id][col.id], data.tables.proactive[row.id][col.id]
            if a != b:
                out.append(_mismatch("表二", f"“{block.caption}”“{row.label}”的“{col.label}”", a, b, "s2_proactive",
                                     f"tables.proactive.{row.id}.{col.id}"))
    t3 = spec.requests
    for row_id in t3.data_rows:
        if row_id not in report.tables.requests:
            continue
        for col in t3.columns:
            a, b = report.tables.requests[row_id][col.id], data.tables.requests[row_id][col.id]
            if a != b:
                where = f"“{t3.label(row_id).split('（区分')[0]}”的“{col.label}”列"
                out.append(_mismatch("表三", where, a, b, "s3_requests", f"tables.requests.{row_id}.{col.id}"))
    for group in spec.review.groups:
        for col in group.columns:
            a, b = report.tables.review_litigation[group.id][col.id], data.tables.review_litigation[group.id][col.id]
            if a != b:
                head = group.label if group.label == group.top_label else f"{group.top_label}—{group.label}"
                out.append(_mismatch("表四", f"“{head}”的“{col.label}”", a, b, "s4_review_litigation",
                                     f"tables.review_litigation.{group.id}.{col.id}"))
    return out


def _mismatch(table: str, where: str, found: Any, expected: Any, section: str, place: str) -> Finding:
    return Finding(
        "table.mismatch", "error",
        f"报告{table}{where}为{found}，但数据文件为{expected}。请按数据文件改正报告中的表格，或核对数据文件。",
        section=section, quote=None, expected=expected, found=found, place=place,
    )


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.section, f.span, f.place, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (_SECTION_ORDER.get(f.section or "", -1), f.span or (0, 0)))


# --------------------------------------------------------------------------- files


def _guess_level(organization: str | None) -> str:
    from .reader.title import guess_level

    return guess_level(organization) or "township"


def check_file(
    path: str | Path,
    data_path: str | Path | None = None,
    previous_path: str | Path | None = None,
    encoding: str | None = None,
    notes_path: str | Path | None = None,
) -> CheckResult:
    """Read a report file (.txt .md .html .docx .pdf .doc .wps .json), and the data/previous/notes files when
    given, and check it. Unreadable input raises a DrafterError (the CLI's exit status 2).
    With a data file and no notes file, a notes file beside the data file (notes.md, .txt or
    .docx) is used (as `drafter draft` does), so that figures taken from the notes are not reported as unsupported."""
    p = Path(path)
    if p.suffix.lower() in DATA_SUFFIXES:
        raise InputError(
            "这是数据文件，不是报告。核对数据文件请用：drafter check-data " + p.name
            + "；核对报告请指定报告文件（.docx/.doc/.wps/.pdf/.html/.txt/.md/.json），数据文件用 --data 给出。",
            str(p),
        )
    from .data import attach_previous, load_data
    from .notes import find_notes, load_notes

    data = load_data(data_path, encoding=encoding) if data_path is not None else None
    previous = load_data(previous_path, encoding=encoding) if previous_path is not None else None
    notes = None
    if notes_path is None and data_path is not None:
        notes_path = find_notes(data_path)
    if notes_path is not None:
        notes = load_notes(notes_path, encoding=encoding)
    parsed = _read(p, encoding)
    parsed.organization = clean_organization(parsed.organization)
    if data is not None and previous is not None:
        attach_previous(data, previous)
    elif previous is not None and parsed.tables is not None:
        if parsed.tables.year is not None and previous.year == parsed.tables.year:
            attach_previous(parsed.tables, previous)  # refused: the same year twice
        parsed.tables.previous = previous
    if parsed.tables is not None and data is None and parsed.tables.level == "township":
        level = _guess_level(parsed.organization)
        if level != parsed.tables.level:
            parsed.tables = parsed.tables.model_copy(update={"level": level})
    findings = check_report(parsed, data, notes, lead=parsed.lead)
    year = data.year if data is not None else report_year(parsed)
    fmt = data.format if data is not None else (parsed.table_format or (format_for_year(year) if year and year >= FIRST_YEAR else None))
    organization = data.organization if data is not None else (parsed.organization or (parsed.tables.organization if parsed.tables else None))
    texts = {s.id: s.text for s in parsed.sections if s.text.strip()}
    return CheckResult({"organization": organization, "year": year, "format": fmt}, findings, data or parsed.tables, texts)


def _read(path: Path, encoding: str | None) -> ParsedReport:
    from .limits import time_limit
    from .reader import read_report

    try:
        with time_limit(str(path), "报告"):
            return read_report(path, encoding=encoding)
    except DrafterError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, UnicodeError, OSError, RecursionError) as exc:
        raise ReportReadError(
            f"无法读取这份报告（{type(exc).__name__}）。请确认文件完整、格式正确，或另存为 .docx/.txt 后重试。", str(path)
        ) from None


__all__ = [
    "CheckResult", "check_file", "check_narrative", "check_report", "clean_organization", "compare_tables", "prose_only",
    "report_year", "resolve_year",
]
