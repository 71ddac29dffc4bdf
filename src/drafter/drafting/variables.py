"""The variables each section prompt gets: only the facts (fact sheet entries the text may
use), the clerk's bullets, and who is reporting for which year. Nothing else reaches a model.
"""

from __future__ import annotations

from typing import Any

from ..data import ReportData
from ..facts import FactSheet
from ..notes import Notes
from .factrefs import prompt_facts
from .offline import CANONICAL_TOPICS, canonical_topic
from .register import level_label, self_reference


def body_variables(data: ReportData) -> dict[str, Any]:
    return {
        "organization": data.organization,
        "name": data.name,
        "self_ref": self_reference(data),
        "level": data.level,
        "level_zh": level_label(data),
        "parent": data.parent or "",
        "year": data.year,
        "format": data.format,
    }


def fact_variables(sheet: FactSheet) -> list[dict[str, str]]:
    return [{"id": e.id, "value": e.display, "unit": e.unit, "phrase": e.phrase} for e in prompt_facts(sheet)]


def prompt_variables(data: ReportData, notes: Notes, sheet: FactSheet, section_id: str) -> dict[str, Any]:
    common = {"body": body_variables(data), "facts": fact_variables(sheet)}
    if section_id == "s1_overview":
        have = {canonical_topic(t.title) for t in notes.topics}
        required = [name for name, _ in CANONICAL_TOPICS] if data.format == "2021" else ["主动公开", "依申请公开"]
        return {
            **common,
            "overview": list(notes.overview),
            "topics": [{"title": t.title, "bullets": list(t.bullets)} for t in notes.topics],
            "missing_topics": [t for t in required if t not in have],
        }
    if section_id == "s5_problems":
        return {
            **common,
            "problems": list(notes.problems),
            "measures": list(notes.measures),
            "rectification": list(notes.rectification),
        }
    if section_id == "s6_other":
        return {**common, "other": list(notes.other), "fee_required": data.format == "2021"}
    raise KeyError(section_id)
