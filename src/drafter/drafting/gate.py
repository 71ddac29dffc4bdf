"""The gate: draft → fill fact references → validate → repair (bounded) → fall back.

A section a model wrote is accepted only when the validator finds no error in it. After
`max_repairs` failed repairs the offline composer's text is used for that section, marked
origin "fallback" and needs_review. Every attempt is recorded in the section's provenance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from ..data import ReportData
from ..facts import FactSheet
from ..findings import Finding, has_errors
from ..notes import Notes
from ..report import Paragraph, SectionDraft
from .answers import Answer, SectionOut
from .cache import ResponseCache
from .factrefs import fill_refs, literal_figures
from .llm import LLMBackend, Messages, OfflineBackend
from .offline import COMPOSER_VERSION, OfflineSection
from .prompts import PromptLibrary
from .variables import prompt_variables

Validator = Callable[[ReportData, dict[str, str], "Notes | None"], list[Finding]]
# A model's draft must be free of these even where the validator only warns (a clerk's
# 我局 in a township report is a slip to flag; a model has no excuse for it).
MODEL_BLOCKING_PREFIXES = ("text.", "style.", "draft.")
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
    if answer.payload is None:
        return [], [
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
    findings: list[Finding] = []
    for p in out.paragraphs:
        findings += literal_figures(p.text, section_id)
        filled = fill_refs(p.text.strip(), ctx.sheet, section_id)
        findings += filled.findings
        if filled.text:
            paragraphs.append(Paragraph(text=filled.text, heading=p.heading))
    if not paragraphs:
        return [], [Finding("draft.empty", "error", "回答中没有任何正文。", section=section_id)]
    findings += ctx.validate(section_id, section_text(paragraphs))
    return paragraphs, findings


def summarize_errors(lead: str, findings: list[Finding] | list[dict[str, Any]]) -> str:
    """One line for the reviewer's mark: the lead and the first three error messages."""
    messages = []
    for f in findings:
        rec = f if isinstance(f, dict) else finding_record(f)
        if rec.get("severity") == "error" and rec.get("message"):
            messages.append(str(rec["message"]).rstrip("。"))
    more = f"（另有 {len(messages) - 3} 处）" if len(messages) > 3 else ""
    return f"{lead}：{'；'.join(messages[:3])}{more}" if messages else lead


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
    }
    if has_errors(findings):
        provenance["findings_summary"] = summarize_errors("由素材生成的文字未通过数字核对", findings)
    return SectionDraft(
        id=section_id,
        paragraphs=list(composed.paragraphs),
        origin="offline",
        needs_review=has_errors(findings),
        provenance=provenance,
    )


async def draft_section(ctx: DraftContext, backend: LLMBackend | OfflineBackend, section_id: str) -> SectionDraft:
    if isinstance(backend, OfflineBackend):
        return offline_draft(ctx, section_id)
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
        answer = await backend.ask_cached(messages, ctx.cache, versions)
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
    fallback = offline_draft(ctx, section_id)
    provenance["findings_summary"] = summarize_errors(
        f"语言模型起草的文字经 {ctx.max_repairs} 次修改仍未通过数字核对",
        [replace(f, severity="error") for f in blocking],
    )
    if fallback.needs_review:
        provenance["findings_summary"] += "；" + fallback.provenance["findings_summary"]
    provenance["fallback"] = {
        "reason": f"模型稿经 {ctx.max_repairs} 次修改仍未通过核对，已改用离线稿，请人工核对。",
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
