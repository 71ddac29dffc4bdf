"""Run the validator over the labelled corpus and print precision, recall and the
false-positive rate per defect type.

    python evals/validator/run.py [--labels evals/validator/labels.jsonl] [--limit N] [--show-misses]

A case is checked as `drafter check FILE [--data DATA] [--notes NOTES]` would check it.
Scoring (score() below, tested in tests/test_validate_eval.py):
- recall of a defect type: the share of its cases where the case's expected rule was reported;
- precision of a defect type: over the rules its cases expect, of all cases where such a rule
  was reported, the share where it was expected there (the case's expected rule, or one of
  the rules the defect legitimately brings along, listed in `also`);
- false-positive rate of the clean cases: the share of clean cases with any finding at all
  (warnings included) of the validator's families, other than what the reader notes about
  the file itself (blank or short table rows).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))

# findings the reader makes about the file itself; not the validator's verdicts
READER_RULES = frozenset({"table.blank_cell", "table.short_row", "table.missing_row", "table.unknown_row"})


@dataclass
class Outcome:
    label: dict[str, Any]
    rules: set[str]
    error: str | None = None  # a DrafterError message when the case could not be read
    findings: list[dict[str, Any]] = field(default_factory=list)


def run_case(label: dict[str, Any], base: Path = HERE) -> Outcome:
    from drafter.errors import DrafterError
    from drafter.validate import check_file

    def path(p: str | None, root: Path) -> Path | None:
        return None if p is None else root / p

    try:
        result = check_file(base / label["file"], data_path=path(label.get("data"), ROOT), notes_path=path(label.get("notes"), ROOT))
    except DrafterError as exc:
        return Outcome(label, set(), error=exc.describe())
    rules = {f.rule for f in result.findings if f.rule not in READER_RULES}
    return Outcome(label, rules, findings=[f.to_dict() for f in result.findings if f.rule not in READER_RULES])


@dataclass
class Row:
    name: str
    cases: int
    recall: float | None
    precision: float | None
    fp_rate: float | None


def score(outcomes: list[Outcome]) -> list[Row]:
    """Per defect type: recall and precision of its rule; for clean cases: the FP rate."""
    by_type: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_type[o.label["defect"]].append(o)
    rows: list[Row] = []
    for defect in sorted(t for t in by_type if t != "clean"):
        cases = by_type[defect]
        rules = {o.label["expected_rule"] for o in cases}
        hits = sum(1 for o in cases if o.label["expected_rule"] in o.rules)
        reported = wanted = 0
        for rule in rules:
            for o in outcomes:
                if rule in o.rules:
                    reported += 1
                    wanted += rule == o.label["expected_rule"] or rule in o.label.get("also", [])
        rows.append(Row(defect, len(cases), hits / len(cases), wanted / reported if reported else None, None))
    clean = by_type.get("clean", [])
    if clean:
        fps = sum(1 for o in clean if o.rules or o.error)
        rows.append(Row("clean", len(clean), None, None, fps / len(clean)))
    return rows


def format_table(rows: list[Row]) -> str:
    def pc(x: float | None) -> str:
        return "—" if x is None else f"{x * 100:.1f}%"

    lines = [f"{'type':<18}{'cases':>6}{'recall':>9}{'precision':>11}{'FP rate':>9}", "-" * 53]
    for r in rows:
        lines.append(f"{r.name:<18}{r.cases:>6}{pc(r.recall):>9}{pc(r.precision):>11}{pc(r.fp_rate):>9}")
    return "\n".join(lines)


def load_labels(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=HERE / "labels.jsonl")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show-misses", action="store_true", help="print the cases scored wrong")
    args = ap.parse_args(argv)
    labels = load_labels(args.labels)[: args.limit]
    start = time.perf_counter()
    outcomes = [run_case(label, args.labels.parent) for label in labels]
    elapsed = time.perf_counter() - start
    print(format_table(score(outcomes)))
    kinds: dict[str, int] = defaultdict(int)
    for label in labels:
        kinds[f"{label['format']}/{label['kind']}"] += 1
    print(f"\n{len(labels)} cases ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}) in {elapsed:.1f} s")
    if args.show_misses:
        for o in outcomes:
            rule = o.label["expected_rule"]
            allowed = {rule, *o.label.get("also", [])} - {None}
            missed = rule is not None and rule not in o.rules
            extra = o.rules - allowed
            if missed or extra or o.error:
                print(f"\n{o.label['file']} [{o.label['defect']}] expected {rule}, got {sorted(o.rules)} {o.error or ''}")
                for f in o.findings:
                    if f["rule"] in extra or missed:
                        print(f"   {f['rule']} {f['severity']} {f.get('quote')!r}: {f['message'][:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
