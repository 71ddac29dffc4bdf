"""Isolation: no body's narrative names another body of the same batch.

A clerk who copies a neighbour's report, or a model that mixes up two prompts, leaves the
other body's name behind; in a batch we know every name, so we look for all of them. A peer
(same level: township and township, department and department) named by its full or short
name is an error; a body of another level named by its full name is a warning (a township
may well cooperate with a county department, but should not carry its name by accident).
The body's own names and its parent are never findings. Findings are `text.organization`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..data import ReportData
from ..findings import Finding, Severity
from ..notes import Notes

Validator = Callable[[ReportData, dict[str, str], "Notes | None"], list[Finding]]


@dataclass(frozen=True)
class Known:
    organization: str
    short_name: str | None
    level: str
    folder: str


class Neighbours:
    """Every name of the batch, searched in one pass per text."""

    def __init__(self, bodies: list[Known]) -> None:
        self.by_name: dict[str, list[tuple[Known, bool]]] = {}  # name → (body, is full name)
        for b in bodies:
            self.by_name.setdefault(b.organization, []).append((b, True))
            if b.short_name and len(b.short_name) >= 2 and b.short_name != b.organization:
                self.by_name.setdefault(b.short_name, []).append((b, False))
        names = sorted(self.by_name, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None

    def findings(self, data: ReportData, texts: Mapping[str, str]) -> list[Finding]:
        if self.pattern is None:
            return []
        own = {n for n in (data.organization, data.short_name, data.parent) if n}
        out: list[Finding] = []
        for section, text in texts.items():
            for m in self.pattern.finditer(text or ""):
                name = m.group(0)
                if any(name in o for o in own):
                    continue
                for body, full in self.by_name[name]:
                    if body.organization == data.organization:
                        continue
                    peer = body.level == data.level
                    if not peer and not full:
                        continue
                    severity: Severity = "error" if peer else "warning"
                    out.append(
                        Finding(
                            "text.organization",
                            severity,
                            f"正文出现本批另一个机关的名称“{name}”（{body.organization}，文件夹 {body.folder}）。"
                            "可能是套用了其他单位的材料，或模型混入了其他机关的名称；请改为本机关的名称或删除。",
                            section=section,
                            quote=name,
                            span=(m.start(), m.end()),
                        )
                    )
                    break
        return out

    def wrap(self, validator: Validator) -> Validator:
        """A validator that also reports neighbours' names (the gate then repairs model text)."""

        def check(data: ReportData, texts: dict[str, str], notes: Notes | None = None) -> list[Finding]:
            return validator(data, texts, notes) + self.findings(data, texts)

        return check
