"""How `drafter check` (and the draft's closing list) print findings for a person: each line
names the section, the paragraph and, in a text file, the line; quotes the words once; and
findings that say the same thing in several places are printed once with all their places.
"""

from __future__ import annotations

from .findings import Finding

MARKS = {"error": "错误", "warning": "提醒", "info": "说明"}
MAX_PLACES = 6  # places listed on one grouped line; the rest are counted


def where(f: Finding) -> str:
    """一、总体情况 第3段（第11行）: the section, paragraph and line of a finding."""
    from .report import SECTION_HEADINGS

    text = SECTION_HEADINGS.get(f.section or "", f.section or "全文")
    if f.paragraph:
        text += f" 第{f.paragraph}段"
    if f.line:
        text += f"（第{f.line}行）"
    return text


def _said(f: Finding) -> str:
    """The message, with the quoted words in front unless the message quotes them already."""
    if f.quote and f"“{f.quote}”" not in f.message:
        return f"“{f.quote}” {f.message}"
    return f.message


def check_line(f: Finding) -> str:
    return f"{MARKS[f.severity]}：[{where(f)}] {_said(f)}"


def check_lines(findings: list[Finding]) -> list[str]:
    """One line per finding, in order; identical findings (same rule, severity and message)
    in several places share one line at the first one's position, listing every place."""
    groups: dict[tuple[str, str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.rule, f.severity, _said(f)), []).append(f)
    out = []
    for (_, severity, said), members in groups.items():
        places = list(dict.fromkeys(where(f) for f in members))
        if len(places) == 1:
            shown = places[0]
            count = f"（共{len(members)}处）" if len(members) > 1 else ""
        else:
            shown = "；".join(places[:MAX_PLACES]) + (" 等" if len(places) > MAX_PLACES else "")
            count = f"（共{len(members)}处）"
        out.append(f"{MARKS[severity]}：[{shown}]{count} {said}")
    return out
