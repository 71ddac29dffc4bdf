"""Re-run the validator on a reviewer's text: the same checks `drafter check` applies to a
draft (drafter.validate.check_narrative) against the draft's own data, and against a
notes.md kept in the draft folder when there is one (so that figures taken from the notes
are not reported as unsupported).
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


def folder_notes(folder: Path) -> Notes | None:
    """notes.md beside the draft, when it is a readable regular file; else None."""
    path = folder / NOTES
    if path.is_symlink() or not path.is_file():
        return None
    from ..notes import load_notes

    try:
        return load_notes(path)
    except DrafterError:
        return None


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
