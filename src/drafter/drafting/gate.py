"""The gate: draft → fill fact references → validate truth and coverage → repair (bounded)
→ fall back.

A section a model wrote is accepted only when the validator finds no error in it and it
says everything required (completeness.py). After `max_repairs` failed repairs the offline
composer's text is used for that section, marked origin "fallback" and needs_review. A
section whose required sub-items the notes give nothing for is not sent to a model at all:
the composer writes it with a 【待补充】 reminder in each empty sub-item. Every attempt is
recorded in the section's provenance, with a note for the reviewer (review.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..data import ReportData
from ..errors import LLMTimeout
from ..facts import FactSheet
from ..findings import Finding, has_errors
from ..notes import Notes
from ..report import Paragraph, SectionDraft
from .answers import Answer, SectionOut
from .cache import ResponseCache
from .completeness import check_complete
from .factrefs import fill_refs, literal_figures
from .llm import LLMBackend, Messages, OfflineBackend
from .offline import COMPOSER_VERSION, OfflineComposer, OfflineSection
from .prompts import PromptLibrary
from .review import ReviewNote, fallback_note, shown_text_note
from .variables import prompt_variables

Validator = Callable[[ReportData, dict[str, str], "Notes | None"], list[Finding]]
# A model's draft must be free of these even where the validator only warns (a clerk's
# 我局 in a township report is a slip to flag; a model has no excuse for it).
MODEL_BLOCKING_PREFIXES = ("text.", "style.", "draft.")
MIN_TOKENS, MAX_TOKENS = 600, 4096
SECTION_TITLES = {
    "s1_overview": "一、总体情况",
    "s5_problems": "五、存在的主要问题及改进情况",
    "s6_other": "六、其他需要报告的事项",
}


@dataclass
class DraftContext:
    data: ReportData
    notes: Notes
    sheet: FactSheet
    offline: dict[str, OfflineSection]
    validator: Validator
    prompts: PromptLibrary
    cache: ResponseCache | None = None
    max_repairs: int = 2
    composer: OfflineComposer | None = None

    def max_tokens(self, section_id: str) -> int:
        """The output bound for one answer: twice the section's expected length (the offline
        text's characters; a Chinese character is about one token), plus the JSON around it."""
        chars = len(section_text(self.offline[section_id].paragraphs))
        return max(MIN_TOKENS, min(MAX_TOKENS, 2 * chars + 300))

    def validate(self, section_id: str, text: str) -> list[Finding]:
        found = self.validator(self.data, {section_id: text}, self.notes)
        return [f for f in found if f.section in (None, section_id)]


def finding_record(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity, "quote": f.quote, "message": f.message}


def section_text(paragraphs: list[Paragraph]) -> str:
    return "\n".join(p.text for p in paragraphs)


def blocks_model_text(findings: list[Finding]) -> list[Finding]:
    """The findings that refuse a model's draft: every error, and text/style warnings."""
    return [f for f in findings if f.severity == "error" or f.rule.startswith(MODEL_BLOCKING_PREFIXES)]


def read_answer(ctx: DraftContext, section_id: str, answer: Answer) -> tuple[list[Paragraph], list[Finding]]:
    """The answer as paragraphs with figures filled in, and every finding against it."""
    cut = (
        [Finding("draft.truncated", "error", "回答超出长度上限被截断。请写得更简洁，并只输出 JSON 对象。", section=section_id)]
        if answer.truncated
        else []
    )
    if answer.payload is None:
        return [], cut or [
            Finding(
                "draft.unparseable",
                "error",
                '回答不是约定格式的 JSON 对象。请只输出 {"paragraphs": [{"heading": false, "text": "…"}]}。',
                section=section_id,
            )
        ]
    try:
        out = SectionOut.model_validate(answer.payload)
    except ValidationError:
        return [], [
            Finding(
                "draft.bad_shape",
                "error",
                "JSON 的结构不对：应有 paragraphs 列表，每项含 heading（true/false）和 text（文字）。",
                section=section_id,
            )
        ]
    paragraphs: list[Paragraph] = []
    findings: list[Finding] = list(cut)
    used: set[str] = set()
    for p in out.paragraphs:
        findings += literal_figures(p.text, section_id)
        filled = fill_refs(p.text.strip(), ctx.sheet, section_id)
        findings += filled.findings
        used.update(filled.used)
        if filled.text:
            paragraphs.append(Paragraph(text=filled.text, heading=p.heading))
    if not paragraphs:
        return [], [Finding("draft.empty", "error", "回答中没有任何正文。", section=section_id)]
    findings += ctx.validate(section_id, section_text(paragraphs))
    if ctx.composer is not None:
        findings += check_complete(ctx.data, ctx.notes, ctx.composer, section_id, paragraphs, used)
    return paragraphs, findings


def offline_draft(ctx: DraftContext, section_id: str) -> SectionDraft:
    composed = ctx.offline[section_id]
    findings = ctx.validate(section_id, section_text(composed.paragraphs))
    provenance: dict[str, Any] = {
        "backend": "offline",
        "composer_version": COMPOSER_VERSION,
        "attempts": [
            {
                "n": 1,
                "kind": "offline",
                "passed": not has_errors(findings),
                "findings": [finding_record(f) for f in findings],
            }
        ],
        "gaps": composed.gaps,
        "missing": composed.missing,
    }
    note = shown_text_note(findings, composed.missing)
    if note is not None:
        provenance.update(note.record())
    return SectionDraft(
        id=section_id,
        paragraphs=list(composed.paragraphs),
        origin="offline",
        needs_review=has_errors(findings) or bool(composed.missing),
        provenance=provenance,
    )


def fallback_draft(
    ctx: DraftContext, section_id: str, provenance: dict[str, Any], why: str, model_findings: list[Finding]
) -> SectionDraft:
    """The composer's text in place of a model's: origin "fallback", needs_review, and a note
    that says what the model got wrong and whether the text shown passed."""
    fallback = offline_draft(ctx, section_id)
    shown = None
    if fallback.provenance.get("review_note"):
        shown = ReviewNote(fallback.provenance["review_note"], fallback.provenance["review_plain"])
    provenance.update(fallback_note(why, model_findings, shown).record())
    provenance["fallback"] = {
        "reason": why,
        "composer_version": COMPOSER_VERSION,
        "findings": fallback.provenance["attempts"][0]["findings"],
        "gaps": fallback.provenance["gaps"],
    }
    return SectionDraft(
        id=section_id,
        paragraphs=fallback.paragraphs,
        origin="fallback",
        needs_review=True,
        suggested=False,
        provenance=provenance,
    )


async def draft_section(ctx: DraftContext, backend: LLMBackend | OfflineBackend, section_id: str) -> SectionDraft:
    if isinstance(backend, OfflineBackend):
        return offline_draft(ctx, section_id)
    if ctx.offline[section_id].missing:
        # Nothing to draft the empty sub-items from: a model could only guess them.
        draft = offline_draft(ctx, section_id)
        draft.provenance["skipped_model"] = "素材缺少必需的内容，未请模型起草"
        return draft
    system, user = ctx.prompts.get("system"), ctx.prompts.get(section_id)
    variables = prompt_variables(ctx.data, ctx.notes, ctx.sheet, section_id)
    messages: Messages = [
        ("system", system.render(body=variables["body"])),
        ("user", user.render(**variables)),
    ]
    versions = {system.name: system.version, user.name: user.version}
    attempts: list[dict[str, Any]] = []
    usage: dict[str, int] = {}
    for n in range(1, ctx.max_repairs + 2):
        try:
            answer = await backend.ask_cached(messages, ctx.cache, versions, max_tokens=ctx.max_tokens(section_id))
        except LLMTimeout:
            # One slow section does not cost the others: this one gets the offline text.
            provenance = {**backend.identity(), "attempts": attempts, "timed_out": backend.timeout}
            why = f"模型在每次 {(backend.timeout or 0):g} 秒的等待时间内没有写完本节"
            return fallback_draft(ctx, section_id, provenance, why, [])
        paragraphs, findings = read_answer(ctx, section_id, answer)
        blocking = blocks_model_text(findings)
        passed = not blocking
        attempts.append(
            {
                "n": n,
                "kind": "draft" if n == 1 else "repair",
                "cache_hit": answer.cache_hit,
                "usage": answer.usage,
                "passed": passed,
                "findings": [finding_record(f) for f in findings],
            }
        )
        for k, v in answer.usage.items():
            usage[k] = usage.get(k, 0) + v
        provenance = {
            **backend.identity(),
            "prompts": [f"{k}@{v}" for k, v in versions.items()],
            "attempts": attempts,
            "repairs": n - 1,
            "usage": usage,
            "cache_hit": all(a["cache_hit"] for a in attempts),
        }
        if passed:
            return SectionDraft(
                id=section_id, paragraphs=paragraphs, origin="llm", suggested=True, provenance=provenance
            )
        if n > ctx.max_repairs:
            break
        repair = ctx.prompts.get("repair")
        versions[repair.name] = repair.version
        errors = [finding_record(f) for f in blocking]
        messages = messages + [
            ("assistant", answer.content),
            ("user", repair.render(section_title=SECTION_TITLES[section_id], findings=errors)),
        ]
    why = f"模型起草的文字经 {ctx.max_repairs} 次修改仍有问题" if ctx.max_repairs else "模型起草的文字有问题"
    return fallback_draft(ctx, section_id, provenance, why, blocking)


def timed_out_draft(ctx: DraftContext, section_id: str, limit: float, backend: LLMBackend) -> SectionDraft:
    """The composer's text for a section the model did not finish within the time limit."""
    provenance: dict[str, Any] = {**backend.identity(), "attempts": [], "timed_out": limit}
    return fallback_draft(ctx, section_id, provenance, f"模型没有在总时限 {limit:g} 秒内写完本节", [])
