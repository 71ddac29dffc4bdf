"""For a figure no source supports: the figure of the data or the notes that the words
around it most likely mean (通过门户网站主动公开政府信息180条 → the fact 门户网站主动公开政府信息,
236条), so that the finding can say what the data holds. A guess made from shared words: it
is named in the message as what the data holds, never used to call the figure wrong.
"""

from __future__ import annotations

import re

from ..claims import Claim
from ..facts import FactEntry
from .truth import Truth, fmt_value

_CLAUSE_BREAK = re.compile(r"[。；;，,！？!?\n：:]")
CONTEXT = 30  # characters before the figure that may name it
MIN_SHARED = 3  # character pairs the words and the fact's name must share
MIN_SCORE = 0.4  # and the share of the fact's name they cover
_NUMBER = re.compile(r"\d[\d,.]*")


def _pairs(text: str) -> set[str]:
    text = _NUMBER.sub(" ", text)
    return {text[i : i + 2] for i in range(len(text) - 1) if not text[i : i + 2].isspace() and " " not in text[i : i + 2]}


def _words_before(text: str, end: int) -> str:
    window = text[max(0, end - CONTEXT) : end]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(window)), default=0)
    return window[cut:]


def _name(entry: FactEntry) -> str:
    """The words that name a fact: its label, or for a number in the notes the words of
    its bullet before it."""
    if entry.source != "notes":
        return entry.phrase
    at = entry.phrase.find(entry.display)
    return _words_before(entry.phrase, at) if at > 0 else entry.phrase


def nearest_fact(claim: Claim, text: str, truth: Truth) -> FactEntry | None:
    """The non-zero figure of the same unit whose name the words before `claim` share most
    (a figure of the tables or the data file before one of the notes)."""
    words = _pairs(_words_before(text, claim.start) + claim.quote) if text else _pairs(claim.quote)
    if len(words) < MIN_SHARED:
        return None
    best: tuple[tuple[bool, float], FactEntry] | None = None  # the data before the notes, then the closest
    for entry in truth.sheet.entries.values():
        if entry.source == "previous" or entry.value == 0 or entry.value == claim.value:
            continue
        if claim.unit and entry.unit and entry.unit != claim.unit and {claim.unit, entry.unit} - {"件", "条"}:
            continue
        if claim.percent != (entry.unit == "%"):
            continue
        name = _pairs(_name(entry))
        shared = len(words & name)
        if shared < MIN_SHARED or not name:
            continue
        score = (entry.source != "notes", shared / len(name))
        if score[1] >= MIN_SCORE and (best is None or score > best[0]):
            best = (score, entry)
    return best[1] if best else None


def held_clause(claim: Claim, text: str, truth: Truth) -> tuple[str, FactEntry] | None:
    """（…为236条） for the message of an unsupported figure, and the fact it names."""
    entry = nearest_fact(claim, text, truth)
    if entry is None:
        return None
    unit = entry.unit or claim.unit or ""
    printed = unit in ("%", "万元", "元")  # fmt_value writes these units itself
    shown = fmt_value(entry.value, unit if printed else "") + ("" if printed else unit)
    if entry.source == "notes":
        return f"素材中写的是“{entry.phrase}”", entry
    return f"{truth.describe(entry.id)}为{shown}", entry
