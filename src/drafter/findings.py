"""Findings: what the table rules and the validator report. One shape for every door
(data check, draft gate, edited file, published report); rule ids per the check contract.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Finding:
    rule: str  # dotted rule id: table.balance, text.contradiction, …
    severity: Severity
    message: str  # Chinese, names the table cell or place it was compared with
    section: str | None = None  # s1_overview … s6_other, where the finding is in a section
    quote: str | None = None  # exact text the finding is about
    span: tuple[int, int] | None = None  # offsets into the section's plain text
    expected: Any = None
    found: Any = None
    place: str | None = None  # data path of the cell, e.g. tables.requests.new_received.total
    extra: dict[str, Any] = field(default_factory=dict)
    paragraph: int | None = None  # 1-based paragraph of the section the span starts in
    line: int | None = None  # 1-based line of a text file (.txt/.md) where that paragraph starts

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span) if self.span else None
        d["expected"] = _plain(self.expected)
        d["found"] = _plain(self.found)
        if self.extra:
            d["extra"] = _plain(self.extra)
        else:
            d.pop("extra")
        return d


def summarize(findings: list[Finding]) -> dict[str, int]:
    return {
        "errors": sum(1 for f in findings if f.severity == "error"),
        "warnings": sum(1 for f in findings if f.severity == "warning"),
    }


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def locate(
    findings: list[Finding],
    texts: Mapping[str, str],
    lines: Mapping[str, Sequence[int]] | None = None,
) -> list[Finding]:
    """Each finding with a span, given the paragraph of its section it starts in (the
    section's text holds one paragraph per line) and, where the file lines of the
    paragraphs are known, the line. Findings already located keep what they have."""
    out = []
    for f in findings:
        text = texts.get(f.section or "")
        if text is None or f.span is None:
            out.append(f)
            continue
        paragraph = f.paragraph or text[: max(0, f.span[0])].count("\n") + 1
        known = (lines or {}).get(f.section or "") or ()
        line = f.line or (known[paragraph - 1] if paragraph <= len(known) else None)
        out.append(replace(f, paragraph=paragraph, line=line) if (paragraph, line) != (f.paragraph, f.line) else f)
    return out
