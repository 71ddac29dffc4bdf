"""Check the files of the real-phrasing corpus (evals/real/reports/*): schema, substrings, fact ids
and values against the set's own data.yaml, and that data.yaml passes every table rule.

    python evals/real/lint.py [SET_DIR ...]      (default: every set)

Prints one line per problem and a count; exit status 1 when there are problems.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from drafter.data import load_data
from drafter.errors import DrafterError
from drafter.facts import build_fact_sheet
from drafter.rules import check_tables

HERE = Path(__file__).resolve().parent
SECTIONS = {"s0_preamble", "s1_overview", "s5_problems", "s6_other"}
KINDS = {"figure", "zero", "all", "scope", "outcome", "change", "rate", "share", "sum", "body", "year"}
CLASSES = {
    "request_count", "proactive_count", "review_count", "outcome_words", "zero", "scope", "change", "rate",
    "part_of_total", "sum_of_parts", "share", "body_name", "year", "not_table", "people_count",
}
MUTANT_TYPES = {
    "outcome_swap", "zero_false", "all_broken", "scope_swap", "direction_swap", "year_shift", "part_exceeds",
    "sum_broken", "rate_changed", "share_changed", "body_name", "verb_count",
}
SOURCE_KEYS = {"url", "body", "level", "province", "year", "format"}


def lint_set(folder: Path) -> list[str]:
    out: list[str] = []

    def bad(where: str, msg: str) -> None:
        out.append(f"{folder.name}/{where}: {msg}")

    try:
        source = yaml.safe_load((folder / "source.yaml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        bad("source.yaml", f"unreadable: {e}")
        source = {}
    missing = SOURCE_KEYS - set(source)
    if missing:
        bad("source.yaml", f"missing keys {sorted(missing)}")
    try:
        data = load_data(folder / "data.yaml")
    except DrafterError as e:
        bad("data.yaml", str(e).splitlines()[0] if str(e) else type(e).__name__)
        return out
    for f in check_tables(data):
        if f.severity == "error":
            bad("data.yaml", f"table rule {f.rule}: {f.message}")
    sheet = build_fact_sheet(data)
    path = folder / "sentences.jsonl"
    if not path.exists():
        bad("sentences.jsonl", "missing")
        return out
    ids: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"sentences.jsonl:{n}"
        try:
            s = json.loads(line)
        except json.JSONDecodeError as e:
            bad(where, f"not JSON: {e}")
            continue
        text = s.get("text", "")
        if not text:
            bad(where, "no text")
        if s.get("id") in ids:
            bad(where, f"duplicate id {s.get('id')}")
        ids.add(s.get("id"))
        if s.get("section") not in SECTIONS:
            bad(where, f"section {s.get('section')!r} not in {sorted(SECTIONS)}")
        for c in s.get("claims", []):
            if c.get("kind") not in KINDS:
                bad(where, f"claim kind {c.get('kind')!r}")
            if c.get("class") not in CLASSES:
                bad(where, f"claim class {c.get('class')!r}")
            if not c.get("text") or c["text"] not in text:
                bad(where, f"claim text {c.get('text')!r} is not a substring of the sentence")
            fact = c.get("fact")
            if fact is None:
                if c.get("class") not in ("not_table", "people_count", "body_name", "year") and not c.get("reason"):
                    bad(where, f"claim {c.get('text')!r}: fact null needs a reason")
                continue
            if fact not in sheet:
                bad(where, f"fact {fact!r} does not exist for this data (format {data.format})")
                continue
            if "value" in c and c["value"] is not None:
                try:
                    v = Decimal(str(c["value"]))
                except InvalidOperation:
                    bad(where, f"value {c['value']!r} is not a number")
                    continue
                true = sheet.value(fact)
                if c.get("kind") in ("rate", "share"):
                    if abs(true - v) > Decimal("0.51"):
                        bad(where, f"{fact} is {true}, label says {v}")
                elif true != v:
                    bad(where, f"{fact} is {true} in data.yaml, label says {v}")
        for m in s.get("mutants", []):
            if m.get("type") not in MUTANT_TYPES:
                bad(where, f"mutant type {m.get('type')!r}")
            if not m.get("text") or m["text"] == text:
                bad(where, "mutant text empty or equal to the sentence")
    return out


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or sorted(p for p in (HERE / "reports").iterdir() if p.is_dir())
    problems: list[str] = []
    for folder in folders:
        problems += lint_set(folder)
    for p in problems:
        print(p)
    print(f"{len(folders)} sets, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
