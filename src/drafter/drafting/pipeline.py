"""draft_narrative: the three text sections of one body's report, drafted concurrently,
each through the gate. Async so that a batch can draft many bodies at once; no global
state: backend, validator, cache and prompts are passed in.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..data import ReportData
from ..facts import build_fact_sheet
from ..findings import Finding
from ..notes import Notes
from ..report import TEXT_SECTIONS, Narrative, Report
from .cache import ResponseCache
from .gate import DraftContext, Validator, draft_section, timed_out_draft
from .llm import LLMBackend, OfflineBackend
from .offline import OfflineComposer
from .prompts import PromptLibrary

DEFAULT_MAX_REPAIRS = 2
DEFAULT_TIME_LIMIT = 300.0  # seconds for the whole narrative (three sections at once)


def default_validator() -> Validator:
    """drafter.validate.check_narrative, imported only when a draft is gated.

    The gate treats text.unsupported as an error: a figure in none of the sources is not
    something a draft may contain, whoever wrote it.
    """
    from functools import partial

    from ..validate import check_narrative

    return partial(check_narrative, unsupported="error")


def build_context(
    data: ReportData,
    notes: Notes | None,
    *,
    validator: Validator | None = None,
    cache: ResponseCache | None = None,
    max_repairs: int = DEFAULT_MAX_REPAIRS,
    prompts: PromptLibrary | None = None,
) -> DraftContext:
    """Everything the gate needs for one body (the evals draft section by section with it)."""
    if max_repairs < 0:
        raise ValueError("max_repairs must be >= 0")
    notes = notes or Notes()
    sheet = build_fact_sheet(data, notes)
    composer = OfflineComposer(data, notes, sheet)
    return DraftContext(
        data=data,
        notes=notes,
        sheet=sheet,
        offline=composer.compose(),
        validator=validator or default_validator(),
        prompts=prompts or PromptLibrary(),
        cache=cache,
        max_repairs=max_repairs,
        composer=composer,
    )


async def draft_narrative(
    data: ReportData,
    notes: Notes | None,
    backend: LLMBackend | OfflineBackend,
    *,
    validator: Validator | None = None,
    cache: ResponseCache | None = None,
    max_repairs: int = DEFAULT_MAX_REPAIRS,
    prompts: PromptLibrary | None = None,
    time_limit: float | None = None,
) -> Narrative:
    """Draft 一、五、六 with `backend`; every section validated, repaired or replaced.

    `time_limit` bounds the whole narrative: a section the model has not finished by then
    gets the offline text (origin "fallback", needs_review). An error of the endpoint (down,
    wrong key) in any section is raised at once and the other sections are cancelled.
    """
    ctx = build_context(data, notes, validator=validator, cache=cache, max_repairs=max_repairs, prompts=prompts)
    tasks = {sid: asyncio.ensure_future(draft_section(ctx, backend, sid)) for sid in TEXT_SECTIONS}
    loop = asyncio.get_running_loop()
    deadline = None if time_limit is None else loop.time() + time_limit
    pending = set(tasks.values())
    try:
        while pending:
            left = None if deadline is None else max(0.0, deadline - loop.time())
            done, pending = await asyncio.wait(pending, timeout=left, return_when=asyncio.FIRST_EXCEPTION)
            # read every exception (an unread one is logged when the task is collected)
            failures = [exc for task in done if (exc := task.exception()) is not None]
            if failures:
                raise failures[0]
            if not done:  # the time limit passed
                break
    finally:
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
    drafts = {}
    for sid, task in tasks.items():
        if task.cancelled() and isinstance(backend, LLMBackend) and time_limit is not None:
            drafts[sid] = timed_out_draft(ctx, sid, time_limit, backend)
        else:
            drafts[sid] = task.result()
    return Narrative(sections=drafts)


def draft_narrative_sync(
    data: ReportData,
    notes: Notes | None,
    backend: LLMBackend | OfflineBackend,
    **kwargs: Any,
) -> Narrative:
    """draft_narrative for callers without an event loop (the CLI)."""
    return asyncio.run(draft_narrative(data, notes, backend, **kwargs))


def narrative_texts(narrative: Narrative) -> dict[str, str]:
    return {sid: d.text for sid, d in narrative.sections.items()}


def final_findings(
    data: ReportData, narrative: Narrative, notes: Notes | None, validator: Validator | None = None
) -> list[Finding]:
    """The validator over the whole narrative; sections with an error get needs_review."""
    check = validator or default_validator()
    findings = check(data, narrative_texts(narrative), notes)
    for f in findings:
        if f.severity == "error" and f.section in narrative.sections:
            narrative.sections[f.section].needs_review = True
    return findings


def report_provenance(backend: LLMBackend | OfflineBackend, narrative: Narrative, max_repairs: int) -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        drafter_version = version("drafter")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        drafter_version = "unknown"
    usage: dict[str, int] = {}
    for d in narrative.sections.values():
        for k, v in (d.provenance.get("usage") or {}).items():
            usage[k] = usage.get(k, 0) + v
    return {
        "generator": f"drafter {drafter_version}",
        **backend.identity(),
        "max_repairs": max_repairs,
        "usage": usage,
        "sections": {
            sid: {"origin": d.origin, "needs_review": d.needs_review, "attempts": len(d.provenance.get("attempts", []))}
            for sid, d in narrative.sections.items()
        },
    }


async def draft_report(
    data: ReportData,
    notes: Notes | None,
    backend: LLMBackend | OfflineBackend,
    *,
    table_findings: list[Finding] | None = None,
    validator: Validator | None = None,
    cache: ResponseCache | None = None,
    max_repairs: int = DEFAULT_MAX_REPAIRS,
    prompts: PromptLibrary | None = None,
) -> tuple[Report, Narrative, list[Finding]]:
    """One body's whole draft, not written anywhere: the narrative through the gate, the
    validator over all of it (sections with an error marked for review), and the Report with
    its provenance. `table_findings` are the non-error findings of the table rules to keep."""
    narrative = await draft_narrative(
        data, notes, backend, validator=validator, cache=cache, max_repairs=max_repairs, prompts=prompts
    )
    findings = [f for f in table_findings or [] if f.severity != "error"]
    findings += final_findings(data, narrative, notes, validator)
    provenance = report_provenance(backend, narrative, max_repairs)
    return Report.build(data, narrative, findings, provenance=provenance), narrative, findings
