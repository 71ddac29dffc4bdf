"""Drafting eval: draft every example (examples/*/data.yaml with notes.md) and print, per
section, the pass rate on the first attempt, after repair, the fallback rate, the share of
non-zero table/fact figures the text mentions, and the length in characters.

    python evals/drafting/run.py [--backend offline|fake-adversarial|openai]
                                 [--rate 0.5] [--persist 0.2] [--seeds 20] [--no-cache]

"facts covered" on a section row is the share of all the body's non-zero figures that appear in that
section (五 and 六 rarely hold any); the "whole narrative" row is the coverage of the report's text.

fake-adversarial drafts with a LangChain fake chat model that injects contradictions
(changed figures, false zero claims, wrong year, 我局 in a township) at a known rate, and
prints how many were injected, caught by the gate, and passed through to the output.
openai uses the endpoint from DRAFTER_* settings or the config file (never run in tests).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from drafter.data import ReportData, load_data  # noqa: E402
from drafter.drafting import (  # noqa: E402
    LLMBackend,
    OfflineBackend,
    ResponseCache,
    compose_offline,
    draft_narrative_sync,
    resolve_endpoint,
)
from drafter.errors import DrafterError  # noqa: E402
from drafter.facts import FactSheet, build_fact_sheet  # noqa: E402
from drafter.notes import Notes, load_notes  # noqa: E402
from drafter.numbers import find_numbers  # noqa: E402
from drafter.report import TEXT_SECTIONS, Narrative  # noqa: E402


@dataclass
class Case:
    name: str
    data: ReportData
    notes: Notes


@dataclass
class Tally:
    n: int = 0
    first_pass: int = 0
    final_llm: int = 0
    fallback: int = 0
    covered: int = 0
    figures: int = 0
    chars: int = 0


@dataclass
class Injections:
    injected: int = 0
    caught: int = 0
    passed_through: int = 0
    repaired: int = 0
    fell_back: int = 0
    by_validator: int = (
        0  # caught injections the validator itself flagged (text.*/style.*), not only the gate's own rules
    )
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))


def load_cases(root: Path = ROOT / "examples") -> list[Case]:
    cases = []
    for data_file in sorted(root.glob("*/data.yaml")):
        notes_file = data_file.parent / "notes.md"
        if notes_file.is_file():
            cases.append(Case(data_file.parent.name, load_data(data_file), load_notes(notes_file)))
    return cases


def figures(sheet: FactSheet) -> dict[str, Any]:
    """The non-zero table and fact figures: what a complete narrative could mention."""
    return {e.id: e.value for e in sheet.entries.values() if e.source in ("table", "facts") and e.value != 0}


def mentioned(text: str, wanted: dict[str, Any]) -> int:
    values = {m.value for m in find_numbers(text)}
    return sum(1 for v in wanted.values() if v in values)


def tally(narrative: Narrative, sheet: FactSheet, totals: dict[str, Tally]) -> None:
    wanted = figures(sheet)
    for sid in TEXT_SECTIONS:
        s = narrative.sections[sid]
        t = totals[sid]
        attempts = s.provenance.get("attempts", [])
        t.n += 1
        t.first_pass += bool(attempts and attempts[0]["passed"])
        t.final_llm += s.origin in ("llm", "offline") and not s.needs_review
        t.fallback += s.origin == "fallback"
        t.covered += mentioned(s.text, wanted)
        t.figures += len(wanted)
        t.chars += len(s.text)
    whole = totals["whole narrative"]
    text = "\n".join(narrative.sections[sid].text for sid in TEXT_SECTIONS)
    whole.n += 1
    whole.covered += mentioned(text, wanted)
    whole.figures += len(wanted)
    whole.chars += len(text)


def count_injections(model: Any, narrative: Narrative, inj: Injections) -> None:
    for sid in TEXT_SECTIONS:
        calls = [c for c in model.calls if c.section == sid]
        attempts = narrative.sections[sid].provenance.get("attempts", [])
        for call, attempt in zip(calls, attempts, strict=False):
            if call.injection is None:
                continue
            inj.injected += 1
            kind = inj.by_kind[call.injection.kind]
            kind[0] += 1
            if not attempt["passed"]:
                inj.caught += 1
                kind[1] += 1
                if any(not f["rule"].startswith("draft.") for f in attempt["findings"]):
                    inj.by_validator += 1
                    kind[3] += 1
            else:
                inj.passed_through += 1
                kind[2] += 1
        section = narrative.sections[sid]
        if any(c.injection for c in calls):
            inj.repaired += section.origin == "llm"
            inj.fell_back += section.origin == "fallback"


def run(
    backend_name: str, *, rate: float = 0.5, persist: float = 0.2, seeds: int = 20, cache: ResponseCache | None = None
) -> tuple[dict[str, Tally], Injections]:
    totals: dict[str, Tally] = defaultdict(Tally)
    inj = Injections()
    cases = load_cases()
    for case in cases:
        sheet = build_fact_sheet(case.data, case.notes)
        if backend_name == "offline":
            tally(draft_narrative_sync(case.data, case.notes, OfflineBackend()), sheet, totals)
        elif backend_name == "fake-adversarial":
            from adversarial import AdversarialChatModel

            clean = {
                sid: [{"heading": p.heading, "text": p.text} for p in s.paragraphs]
                for sid, s in compose_offline(case.data, case.notes, sheet, refs=True).items()
            }
            for seed in range(seeds):
                model = AdversarialChatModel(
                    clean=clean, data=case.data, sheet=sheet, rate=rate, persist=persist, seed=seed
                )
                backend = LLMBackend(chat_model=model, model="adversarial-fake", endpoint="fake", name="fake")
                narrative = draft_narrative_sync(case.data, case.notes, backend)
                tally(narrative, sheet, totals)
                count_injections(model, narrative, inj)
        elif backend_name == "openai":
            config = resolve_endpoint()
            if config is None:
                raise SystemExit(
                    "openai 评测需要端点：请设置 DRAFTER_BASE_URL、DRAFTER_MODEL（和 DRAFTER_API_KEY）或配置文件。"
                )
            narrative = draft_narrative_sync(case.data, case.notes, LLMBackend.from_endpoint(config), cache=cache)
            tally(narrative, sheet, totals)
        else:
            raise SystemExit(f"unknown backend {backend_name}")
    return totals, inj


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   n/a"


def report(backend_name: str, totals: dict[str, Tally], inj: Injections) -> str:
    lines = [
        f"drafting eval — backend {backend_name}, {len(load_cases())} examples",
        f"{'section':<16} {'n':>4} {'1st pass':>9} {'passed':>8} {'fallback':>9} {'facts covered':>14} {'avg chars':>10}",
    ]
    for sid in (*TEXT_SECTIONS, "whole narrative"):
        t = totals[sid]
        if sid == "whole narrative":
            lines.append(
                f"{sid:<16} {t.n:>4} {'':>9} {'':>8} {'':>9} {pct(t.covered, t.figures):>14} {t.chars // max(t.n, 1):>10}"
            )
            continue
        lines.append(
            f"{sid:<16} {t.n:>4} {pct(t.first_pass, t.n):>9} {pct(t.final_llm, t.n):>8} {pct(t.fallback, t.n):>9} "
            f"{pct(t.covered, t.figures):>14} {t.chars // max(t.n, 1):>10}"
        )
    if inj.injected:
        lines.append("")
        lines.append(
            f"injections: injected {inj.injected}, caught {inj.caught} ({pct(inj.caught, inj.injected).strip()}), "
            f"passed through {inj.passed_through}; sections with an injection: repaired {inj.repaired}, fell back {inj.fell_back}"
        )
        for kind, (n, caught, through, validator) in sorted(inj.by_kind.items()):
            lines.append(
                f"  {kind:<15} injected {n:>4}  caught {caught:>4} (validator flagged {validator:>4})  passed through {through:>3}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("offline", "fake-adversarial", "openai"), default="offline")
    parser.add_argument("--rate", type=float, default=0.5, help="injection rate on a first draft (fake-adversarial)")
    parser.add_argument("--persist", type=float, default=0.2, help="injection rate on a repair (fake-adversarial)")
    parser.add_argument("--seeds", type=int, default=20, help="runs per example (fake-adversarial)")
    parser.add_argument("--no-cache", action="store_true", help="do not use the response cache (openai)")
    args = parser.parse_args(argv)
    cache = None if args.no_cache else ResponseCache.default()
    try:
        totals, inj = run(args.backend, rate=args.rate, persist=args.persist, seeds=args.seeds, cache=cache)
    except DrafterError as exc:
        print(f"错误：{exc.describe()}", file=sys.stderr)
        return 2
    print(report(args.backend, totals, inj))
    return 1 if inj.passed_through else 0


if __name__ == "__main__":
    sys.exit(main())
