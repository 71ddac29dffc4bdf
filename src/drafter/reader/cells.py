"""What one printed table cell holds: a number, nothing (blank or a dash), or a label."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from .labels import nfkc

# Written instead of a number where a clerk meant "none": read as 0 with a warning.
BLANK_MARKS = frozenset({"", "-", "--", "—", "——", "–", "/", "\\", "无", "空", "－"})
_NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(件|条|项|个|次|万元|元)?$")
_SPACES = re.compile(r"[\s,，]+")

CellKind = Literal["number", "blank", "label"]


@dataclass(frozen=True)
class Cell:
    text: str  # as printed, stripped
    kind: CellKind
    value: Decimal | None = None
    unit: str = ""  # a unit written in the cell (元, 万元, 件 …)


@lru_cache(maxsize=8192)
def classify(text: str | None) -> Cell:
    raw = (text or "").strip()
    compact = _SPACES.sub("", nfkc(raw))
    if compact in BLANK_MARKS:
        return Cell(raw, "blank")
    m = _NUMBER.match(compact)
    if m is None:
        return Cell(raw, "label")
    try:
        value = Decimal(m.group(1) + m.group(2))
    except InvalidOperation:  # pragma: no cover - the pattern only admits valid numbers
        return Cell(raw, "label")
    return Cell(raw, "number", value, m.group(3) or "")


def as_count(value: Decimal) -> int | None:
    """The value as a whole number of cases, or None when it has a fraction."""
    return int(value) if value == value.to_integral_value() else None
