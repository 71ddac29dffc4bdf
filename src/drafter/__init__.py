"""drafter: drafts and checks Chinese government information-disclosure annual reports.

The public API. Light modules are imported eagerly; the readers, renderers, validator and
drafting pipeline (which pull in python-docx, bs4 or LangChain) load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .data import Fact, ReportData, load_data, parse_data
from .errors import ConfigError, DataError, DrafterError, InputError, LLMError, RenderError, ReportReadError
from .facts import FactSheet, build_fact_sheet
from .findings import Finding
from .formats import format_for_year, get_format
from .notes import Notes, load_notes, parse_notes
from .report import Narrative, Paragraph, ParsedReport, Report, SectionDraft
from .rules import check_tables

__version__ = "0.1.0"

_LAZY = {
    "read_report": "drafter.reader",
    "render": "drafter.render",
    "write_report": "drafter.render",
    "check_report": "drafter.validate",
    "check_narrative": "drafter.validate",
    "check_file": "drafter.validate",
    "draft_narrative": "drafter.drafting",
}

__all__ = [
    "ConfigError",
    "DataError",
    "DrafterError",
    "Fact",
    "FactSheet",
    "Finding",
    "InputError",
    "LLMError",
    "Narrative",
    "Notes",
    "Paragraph",
    "ParsedReport",
    "RenderError",
    "Report",
    "ReportData",
    "ReportReadError",
    "SectionDraft",
    "build_fact_sheet",
    "check_tables",
    "format_for_year",
    "get_format",
    "load_data",
    "load_notes",
    "parse_data",
    "parse_notes",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'drafter' has no attribute {name!r}")
