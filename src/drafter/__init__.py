"""drafter: drafts and checks Chinese government information-disclosure annual reports.

The public API. Every name loads its module on first use, so that importing drafter (and
starting the CLI) stays fast; `__all__` lists them all.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "Fact": "drafter.data",
    "ReportData": "drafter.data",
    "load_data": "drafter.data",
    "parse_data": "drafter.data",
    "ConfigError": "drafter.errors",
    "DataError": "drafter.errors",
    "DrafterError": "drafter.errors",
    "InputError": "drafter.errors",
    "LLMError": "drafter.errors",
    "RenderError": "drafter.errors",
    "ReportReadError": "drafter.errors",
    "FactSheet": "drafter.facts",
    "build_fact_sheet": "drafter.facts",
    "Finding": "drafter.findings",
    "format_for_year": "drafter.formats",
    "get_format": "drafter.formats",
    "Notes": "drafter.notes",
    "load_notes": "drafter.notes",
    "parse_notes": "drafter.notes",
    "Narrative": "drafter.report",
    "Paragraph": "drafter.report",
    "ParsedReport": "drafter.report",
    "Report": "drafter.report",
    "SectionDraft": "drafter.report",
    "check_tables": "drafter.rules",
    "read_report": "drafter.reader",
    "render": "drafter.render",
    "write_report": "drafter.render",
    "check_report": "drafter.validate",
    "check_narrative": "drafter.validate",
    "check_file": "drafter.validate",
    "annotate_check": "drafter.annotate",
    "draft_narrative": "drafter.drafting",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'drafter' has no attribute {name!r}")
