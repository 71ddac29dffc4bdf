"""Re-run the validator on a reviewer's text: the same checks `drafter check` applies to a
draft (drafter.validate.check_narrative) against the draft's own data and its sources.

The sources are a notes.md kept in the draft folder when there is one; otherwise the text
drafter wrote (the first version, kept in history/v0000 once the page has saved): it passed
the drafting gate against the clerk's notes, so a figure it took from them is not reported
as unsupported, while a figure the reviewer types that no table, fact or source holds is.
A figure that contradicts the tables is an error whatever the sources say.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..data import ReportData, parse_data
from ..errors import DrafterError
from ..findings import Finding
from ..notes import Notes
from ..report import TEXT_SECTIONS, Report

NOTES = "notes.md"
# findings a narrative check produces; on every re-check they are replaced, the rest kept
NARRATIVE_RULES = ("text.", "style.", "draft.")


def report_data(report: Report, source: str) -> ReportData:
    return parse_data(report.data, source=source)


def folder_notes(folder: Path, report: Report) -> Notes | None:
    """notes.md beside the draft when it is a readable regular file, else the drafted text as notes."""
    path = folder / NOTES
    if not path.is_symlink() and path.is_file():
        from ..notes import load_notes

        try:
            return load_notes(path)
        except DrafterError:
            pass
    original = report
    first = folder / "history" / "v0000" / "report.json"
    if not first.is_symlink() and first.is_file() and not (folder / "history").is_symlink():
        try:
            original = Report.model_validate_json(first.read_bytes())
        except (OSError, ValueError):
            original = report
    drafted = [p.text for s in original.narrative.sections.values() if s.origin != "human" for p in s.paragraphs]
    return Notes(other=drafted, source="草稿原文") if drafted else None


def check_texts(data: ReportData, texts: Mapping[str, str], notes: Notes | None) -> list[Finding]:
    """Findings on the narrative sections (一、五、六); spans index into each text as given."""
    from ..validate import check_narrative

    return check_narrative(data, {sid: texts.get(sid, "") for sid in TEXT_SECTIONS}, notes)


def merged_findings(report: Report, fresh: list[Finding]) -> list[dict[str, Any]]:
    """The report's findings with the narrative ones replaced by a fresh check."""
    kept = [
        f for f in report.findings
        if not (str(f.get("rule", "")).startswith(NARRATIVE_RULES) and f.get("section") in (*TEXT_SECTIONS, None))
    ]
    return kept + [f.to_dict() for f in fresh]


def counts(findings: list[dict[str, Any]]) -> tuple[int, int]:
    errors = sum(1 for f in findings if f.get("severity") == "error")
    warnings = sum(1 for f in findings if f.get("severity") == "warning")
    return errors, warnings


def warm_up() -> None:
    """Load the lexicon and grammar once, so that the first check a reviewer asks for is fast."""
    from ..lexicon import load_lexicon

    load_lexicon()
