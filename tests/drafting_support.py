"""Helpers for the drafting tests: loading the examples, and a small stand-in validator
with check_narrative's signature (figures must be on the fact sheet, the year must be the
report year, a township must not call itself 我局) so that the gate's logic is tested
independently of the real validator."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.data import ReportData, load_data
from drafter.facts import build_fact_sheet
from drafter.findings import Finding
from drafter.notes import Notes, load_notes
from drafter.numbers import find_numbers

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
COUNT_UNITS = {"件", "条", "次", "期", "篇", "人次", "万元", "个"}


def example(name: str) -> tuple[ReportData, Notes]:
    return load_data(EXAMPLES / name / "data.yaml"), load_notes(EXAMPLES / name / "notes.md")


def simple_validator(data: ReportData, texts: dict[str, str], notes: Notes | None = None) -> list[Finding]:
    sheet = build_fact_sheet(data, notes)
    values = sheet.values()
    out: list[Finding] = []
    for section, text in texts.items():
        for m in find_numbers(text):
            if m.unit in COUNT_UNITS and m.value not in values:
                out.append(
                    Finding(
                        "text.contradiction",
                        "error",
                        f"正文称“{m.text}”，但数据中没有 {m.value}。",
                        section=section,
                        quote=m.text,
                        span=(m.start, m.end),
                        found=m.value,
                    )
                )
        for y in re.finditer(r"(20\d\d)年", text):
            if int(y.group(1)) != data.year:
                out.append(
                    Finding(
                        "text.year",
                        "error",
                        f"年份“{y.group(0)}”与报告年度 {data.year} 年不符。",
                        section=section,
                        quote=y.group(0),
                    )
                )
        if data.level == "township":
            for w in re.finditer("我局|我委|我办", text):
                out.append(
                    Finding(
                        "text.organization",
                        "error",
                        f"乡镇报告中出现“{w.group(0)}”。",
                        section=section,
                        quote=w.group(0),
                    )
                )
    return out


# --------------------------------------------------------------------------- fake models

import json  # noqa: E402
from typing import Any  # noqa: E402

from langchain_core.language_models.chat_models import BaseChatModel  # noqa: E402
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel  # noqa: E402
from langchain_core.messages import AIMessage  # noqa: E402
from pydantic import Field  # noqa: E402

from drafter.drafting.offline import compose_offline  # noqa: E402

SECTION_ID = re.compile(r"章节编号：(\w+)")


def as_json(paragraphs: list[tuple[str, bool]] | list[str]) -> str:
    items = [p if isinstance(p, tuple) else (p, False) for p in paragraphs]
    return json.dumps({"paragraphs": [{"heading": h, "text": t} for t, h in items]}, ensure_ascii=False)


def good_answers(data: ReportData, notes: Notes) -> dict[str, str]:
    """A passing answer per section: the offline text with its figures as fact references,
    as the JSON a well-behaved model would send."""
    return {
        sid: as_json([(p.text, p.heading) for p in s.paragraphs])
        for sid, s in compose_offline(data, notes, refs=True).items()
    }


def good_with(data: ReportData, notes: Notes, sid: str, old: str, new: str) -> str:
    """The passing answer for one section with one passage replaced."""
    answer = good_answers(data, notes)[sid]
    assert old in answer, old
    return answer.replace(old, new)


def fake(*answers: str | AIMessage) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter(answers))


class SectionRouter(BaseChatModel):
    """Routes each call to the fake chat model scripted for its section (found in the
    prompt), so that concurrent sections get their own answers; records every call."""

    models: dict[str, Any]
    calls: list[tuple[str, list[Any]]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "section-router"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
        first = next(m for m in messages if m.type == "human").content
        sid = SECTION_ID.search(first).group(1)  # type: ignore[union-attr]
        self.calls.append((sid, list(messages)))
        return self.models[sid]._generate(messages, stop=stop, **kwargs)

    def calls_for(self, sid: str) -> list[list[Any]]:
        return [m for s, m in self.calls if s == sid]


def router(data: ReportData, notes: Notes, **scripted: list[str | AIMessage]) -> SectionRouter:
    """Fake answers per section; sections not scripted get one passing answer."""
    good = good_answers(data, notes)
    return SectionRouter(models={sid: fake(*scripted.get(sid, [good[sid]])) for sid in good})
