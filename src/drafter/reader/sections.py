"""The six section headings (一、总体情况 … 六、其他需要报告的事项) and how a printed
heading line is recognised: a Chinese numeral, an optional separator (、 . ， : or a
space) and a label close to the official one. The section id is chosen by number AND
label: a label that clearly names another section wins over its number, so that a
misnumbered section is recorded as printed and the validator can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..formats import get_format
from .labels import key, nfkc, similarity

_HEAD = re.compile(r"^(?:第)?([一二三四五六七八九十]{1,2})(?:部分)?\s*([、.,:;\s]?)\s*(\S.*?)\s*$")
MAX_HEADING = 40
NUMBER_MATCH = 0.6  # label similarity needed when the number agrees
LABEL_ONLY = 0.85  # label similarity needed when the number does not


@dataclass(frozen=True)
class Heading:
    id: str  # s1_overview … s6_other, or "unknown" for a styled heading matching none
    number: str  # 一 … 六 as printed
    text: str  # the heading line as printed


@lru_cache(maxsize=1)
def _sections() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    out = []
    for section in get_format("2021").sections:
        labels = (section.label, *section.alt_labels)
        out.append((section.id, section.number, tuple(key(label) for label in labels)))
    return tuple(out)


def _score(label_key: str, official: tuple[str, ...]) -> float:
    best = 0.0
    for k in official:
        best = max(best, similarity(label_key, k))
        if k in label_key and len(label_key) <= len(k) + 12:
            best = max(best, 0.95)
    return best


@lru_cache(maxsize=4096)
def match_heading(text: str, styled: bool = False) -> Heading | None:
    """The section heading this paragraph is, or None for body text."""
    printed = text.strip()
    norm = nfkc(printed).strip().rstrip(":")
    if not norm or len(norm) > MAX_HEADING:
        return None
    m = _HEAD.match(norm)
    if m is None:
        return _unnumbered(printed, norm, styled)
    number, separator, label = m.group(1), m.group(2), m.group(3)
    label_key = key(label)
    ranked: list[tuple[float, str]] = []
    for section_id, section_number, official in _sections():
        score = _score(label_key, official)
        same_number = number == section_number
        if (same_number and score >= NUMBER_MATCH) or score >= LABEL_ONLY:
            ranked.append((score + (0.1 if same_number else 0.0), section_id))
    if ranked:
        return Heading(max(ranked)[1], number, printed)
    if styled and separator and not norm.startswith("第") and "。" not in norm:
        return Heading("unknown", number, printed)
    return None


def _unnumbered(printed: str, norm: str, styled: bool) -> Heading | None:
    """A heading printed without its numeral: Word's automatic numbering keeps 一、 out of
    the text. Accepted when styled as a heading (or numbered) and close to a label, or
    when the line is exactly an official label."""
    label_key = key(norm)
    for section_id, _, official in _sections():
        if label_key in official or (styled and _score(label_key, official) >= LABEL_ONLY):
            return Heading(section_id, "", printed)
    return None


def official_heading(section_id: str) -> str:
    section = get_format("2021").section(section_id)
    return f"{section.number}、{section.label}"
