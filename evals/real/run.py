"""Measure the validator on the real-phrasing corpus (evals/real/reports/*; see README.md).

    python evals/real/run.py [--corpus DIR] [--verbose] [--only SET] [--json-out FILE] [--misses FILE]

For every set, the sentences are joined per section, in order, into the narrative of a report
on the set's data.yaml, and checked with drafter.validate.check_narrative. Printed, per claim
class:

- clean: labelled claims, and FALSE ERRORS — error-severity findings on the unmutated corpus
  (each is counted once, on the sentence it falls in, against every class of that sentence);
- binding: the share of labelled claims the extraction ties to the labelled fact (a figure:
  a claim over its numeral whose ids, or another reading's, include the fact — for a figure of
  the data file's `facts:`, a claim over its numeral, since those are checked by value; a word
  claim: a claim of its kind over its words; a guard — not_table / people_count — binding to no
  table fact);
- mutants: detections — a mutant is the corpus with ONE sentence replaced by a slip of it
  (the `mutants` written with each set, plus figure slips made here: ±1, two digits swapped, the
  figure+1 in the other numeral style), and it is detected when an error-severity finding
  that the clean text does not have falls in that sentence.

It reports and never asserts; the exit status is 0 unless the corpus cannot be read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.claims import extract_claims
from drafter.data import ReportData, load_data
from drafter.facts import build_fact_sheet
from drafter.grammar import read_word_claims
from drafter.lexicon import load_lexicon
from drafter.numbers import find_numbers, to_chinese
from drafter.validate import check_narrative

HERE = Path(__file__).resolve().parent
GUARDS = ("not_table", "people_count")
ALIASES = {  # facts the same words may name (共收到… may include the carried-over requests)
    "requests.new_received": ("requests.received_all",),
    "requests.received_all": ("requests.new_received",),
}
_CORE = re.compile(r"^(百分之)?[0-9０-９.．,，零〇○一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟]+")
_FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


@dataclass
class Sentence:
    set: str
    id: str
    section: str
    text: str
    claims: list[dict[str, Any]]
    mutants: list[dict[str, Any]]
    start: int = 0  # offset in its section's text


@dataclass
class Set:
    name: str
    data: ReportData
    sentences: list[Sentence]
    texts: dict[str, str] = field(default_factory=dict)


def load_set(folder: Path) -> Set:
    data = load_data(folder / "data.yaml")
    sentences = []
    for line in (folder / "sentences.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            s = json.loads(line)
            sentences.append(Sentence(folder.name, s["id"], s["section"], s["text"], s.get("claims", []), s.get("mutants", [])))
    texts: dict[str, str] = {}
    for s in sentences:
        prev = texts.get(s.section, "")
        if prev and not prev.rstrip().endswith(("。", "！", "？", "；", "：", "…", "\n")):
            prev += "\n"  # a statement written without its full stop ended its line in the report
        s.start = len(prev)
        texts[s.section] = prev + s.text
    return Set(folder.name, data, sentences, texts)


def _errors(data: ReportData, section: str, text: str, warnings: bool = False) -> list[Any]:
    keep = ("error", "warning") if warnings else ("error",)
    return [f for f in check_narrative(data, {section: text}) if f.severity in keep]


def _key(f: Any) -> tuple[str, str | None, str]:
    return (f.rule, f.quote, f.message)


def _in(f: Any, start: int, end: int) -> bool:
    return f.span is not None and f.span[0] < end and start < f.span[1]


# ------------------------------------------------------------------ figure mutants


def _render(value: Decimal, like: str, chinese: bool) -> str | None:
    if chinese:
        if value != value.to_integral_value() or value < 0:
            return None
        out = to_chinese(int(value))
        return "百分之" + out if like.startswith("百分之") else out
    decimals = len(like.split(".")[1]) if "." in like else 0
    out = f"{value:.{decimals}f}"
    if re.search(r"[０-９]", like):
        out = out.translate(_FULL)
    return out


def figure_mutants(claim: dict[str, Any], sentence: str, exclude: set[Decimal]) -> list[tuple[str, str]]:
    """(type, mutated sentence) for a labelled figure: ±1, two digits swapped, +1 in the other style."""
    found = [m for m in find_numbers(claim["text"]) if m.value == Decimal(str(claim["value"]))]
    if not found or found[0].approx or claim["text"] not in sentence:
        return []
    m = found[0]
    core = _CORE.match(m.text)
    if not core:
        return []
    like = core.group(0)
    value = m.value
    step = Decimal(1) if "." not in like else Decimal(1).scaleb(-len(like.split(".")[1]))
    variants: list[tuple[str, Decimal, bool]] = [("figure_plus1", value + step, m.chinese)]
    if value - step >= 0:
        variants.append(("figure_minus1", value - step, m.chinese))
    digits = re.sub(r"\D", "", str(value))
    if len(digits) >= 2 and value == value.to_integral_value() and digits[-1] != digits[-2]:
        variants.append(("figure_digits", Decimal(digits[:-2] + digits[-1] + digits[-2]), m.chinese))
    if value == value.to_integral_value():
        variants.append(("figure_style", value + 1, not m.chinese))
    out = []
    pos = sentence.index(claim["text"]) + m.start
    for kind, v, chinese in variants:
        if v in exclude:
            continue
        new = _render(v, like, chinese)
        if new is None:
            continue
        out.append((kind, sentence[:pos] + new + sentence[pos + len(like):]))
    return out


def _exclusions(s: Sentence, sheet: Any) -> set[Decimal]:
    """Values a slip may not take: any labelled fact's in the sentence, and its aliases'."""
    out: set[Decimal] = set()
    for c in s.claims:
        fact = c.get("fact")
        if not fact or fact not in sheet:
            continue
        out.add(sheet.value(fact))
        row = ".".join(fact.split(".")[:2])
        for alias in ALIASES.get(row, ()):
            other = alias + fact[len(row):]
            if other in sheet:
                out.add(sheet.value(other))
    return out


# ------------------------------------------------------------------ binding


def _has_number(text: str) -> bool:
    return bool(find_numbers(text))


def bound(claim: dict[str, Any], s: Sentence, extraction: Any, words: list[Any]) -> bool:
    start = s.start + s.text.index(claim["text"])
    end = start + len(claim["text"])
    near = [c for c in extraction.claims if c.start < end and start < c.end]
    kind = claim["kind"]
    fact = claim.get("fact")
    if claim["class"] in GUARDS or (kind == "figure" and not fact):
        return not any(c.kind == "figure" and c.metric and _on_number(c, start, end) for c in near)
    if kind in ("zero", "all", "scope", "outcome", "change") and not _has_number(claim["text"]):
        want = {"zero": ("zero", "none"), "all": ("all", "scope_all"), "scope": ("all", "scope_all"),
                "outcome": ("all", "zero", "some", "none"), "change": ("sign", "pct", "double")}[kind]
        return any(c.kind in want for c in near) or any(w.op in want for w in words if w.start < end and start < w.end)
    if kind in ("body", "year"):
        return True  # checked by rules that do not extract claims
    cand = [c for c in near if _on_number(c, start, end)]
    if not fact or fact.startswith("facts."):
        return bool(cand)  # a figure of the data file's facts is read and checked against them by value
    return any(_names(c, fact) for c in cand)


def _on_number(c: Any, start: int, end: int) -> bool:
    span = c.number_span or (c.start, c.end)
    return span[0] < end and start < span[1]


def _names(c: Any, fact: str) -> bool:
    ids = set(c.ids)
    for alt in c.alternatives:
        ids.update(alt)
    base = fact.removeprefix("prev.").removeprefix("change.")
    return fact in ids or base in ids


# ------------------------------------------------------------------ the run


@dataclass
class Tally:
    claims: Counter[str] = field(default_factory=Counter)
    bound: Counter[str] = field(default_factory=Counter)
    false_errors: Counter[str] = field(default_factory=Counter)
    mutants: Counter[str] = field(default_factory=Counter)
    detected: Counter[str] = field(default_factory=Counter)
    by_type: Counter[str] = field(default_factory=Counter)
    by_type_detected: Counter[str] = field(default_factory=Counter)
    warned: Counter[str] = field(default_factory=Counter)  # missed at error severity, but warned about
    misses: list[dict[str, Any]] = field(default_factory=list)


def run_set(st: Set, t: Tally, lex: Any) -> int:
    sheet = build_fact_sheet(st.data)
    clean = {sec: _errors(st.data, sec, text) for sec, text in st.texts.items()}
    clean_all = {sec: {_key(f) for f in _errors(st.data, sec, text, warnings=True)} for sec, text in st.texts.items()}
    extractions = {sec: extract_claims(text, st.data.format, st.data.year, lex) for sec, text in st.texts.items()}
    word_claims = {sec: read_word_claims(text, st.data.year, lex) for sec, text in st.texts.items()}
    sentences = 0
    for s in st.sentences:
        sentences += 1
        end = s.start + len(s.text)
        classes = sorted({c["class"] for c in s.claims}) or ["(none)"]
        falses = [f for f in clean[s.section] if _in(f, s.start, end)]
        for cls in classes:
            t.claims[cls] += sum(1 for c in s.claims if c["class"] == cls)
            if falses:
                t.false_errors[cls] += 1
        if falses:
            t.misses.append({"what": "false_error", "set": st.name, "id": s.id, "text": s.text,
                             "findings": [f"{f.rule}: {f.message}" for f in falses]})
        for c in s.claims:
            if c["text"] not in s.text:
                continue
            ok = bound(c, s, extractions[s.section], word_claims[s.section])
            t.bound[c["class"]] += ok
            if not ok:
                t.misses.append({"what": "unbound", "set": st.name, "id": s.id, "text": s.text, "claim": c})
        keys = {_key(f) for f in clean[s.section]}
        todo: list[tuple[str, str, str]] = [(m["type"], m["text"], _mutant_class(m)) for m in s.mutants]
        exclude = _exclusions(s, sheet)
        for c in s.claims:
            if c["kind"] in ("figure", "rate", "share", "change") and c.get("fact") and c["class"] not in GUARDS:
                todo += [(kind, text, c["class"]) for kind, text in figure_mutants(c, s.text, exclude)]
        base = st.texts[s.section]
        for kind, text, cls in todo:
            mutated = base[: s.start] + text + base[end:]
            m_end = s.start + len(text)
            new = [f for f in _errors(st.data, s.section, mutated) if _key(f) not in keys and _in(f, s.start, m_end)]
            t.mutants[cls] += 1
            t.by_type[kind] += 1
            if new:
                t.detected[cls] += 1
                t.by_type_detected[kind] += 1
            else:
                if any(_key(f) not in clean_all[s.section] and _in(f, s.start, m_end)
                       for f in _errors(st.data, s.section, mutated, warnings=True)):
                    t.warned[cls] += 1
                t.misses.append({"what": "mutant_missed", "set": st.name, "id": s.id, "type": kind,
                                 "class": cls, "text": text, "clean": s.text})
    return sentences


_TYPE_CLASS = {
    "outcome_swap": "outcome_words", "zero_false": "zero", "all_broken": "outcome_words", "scope_swap": "scope",
    "direction_swap": "change", "year_shift": "year", "part_exceeds": "part_of_total", "sum_broken": "sum_of_parts",
    "rate_changed": "rate", "share_changed": "share", "body_name": "body_name", "verb_count": "request_count",
}


def _mutant_class(m: dict[str, Any]) -> str:
    return str(m.get("class") or _TYPE_CLASS.get(m["type"], m["type"]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", action="append", help="a set's folder name (repeatable)")
    ap.add_argument("--verbose", action="store_true", help="print every false error and missed mutant")
    ap.add_argument("--json-out", type=Path)
    ap.add_argument("--misses", type=Path, help="write every false error, unbound claim and missed mutant (JSONL)")
    ap.add_argument("--corpus", type=Path, default=HERE / "reports",
                    help="folder of sets (default: evals/real/reports; the hold-out set is evals/real-holdout/reports)")
    args = ap.parse_args(argv)
    folders = sorted(p for p in args.corpus.iterdir() if p.is_dir() and (p / "sentences.jsonl").exists())
    if args.only:
        folders = [p for p in folders if p.name in args.only]
    lex = load_lexicon()
    t = Tally()
    sentences = 0
    sets = 0
    t0 = time.perf_counter()
    for folder in folders:
        try:
            st = load_set(folder)
        except Exception as e:  # a set still being written, or broken: say so and go on
            print(f"skip {folder.name}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}", file=sys.stderr)
            continue
        sets += 1
        sentences += run_set(st, t, lex)
    took = time.perf_counter() - t0
    classes = sorted(set(t.claims) | set(t.mutants))
    print(f"real-phrasing corpus: {sets} sets, {sentences} sentences, {sum(t.claims.values())} labelled claims, "
          f"{sum(t.mutants.values())} mutants ({took:.1f} s)")
    print(f"{'class':<16}{'claims':>7}{'bound':>8}{'cover':>8}{'false-err':>10}{'mutants':>9}{'caught':>8}{'recall':>8}"
          f"{'+warned':>8}")
    for cls in classes:
        n = t.claims[cls]
        cover = f"{100 * t.bound[cls] / n:.0f}%" if n else "-"
        rec = f"{100 * t.detected[cls] / t.mutants[cls]:.0f}%" if t.mutants[cls] else "-"
        warn = f"{100 * (t.detected[cls] + t.warned[cls]) / t.mutants[cls]:.0f}%" if t.mutants[cls] else "-"
        print(f"{cls:<16}{n:>7}{t.bound[cls]:>8}{cover:>8}{t.false_errors[cls]:>10}{t.mutants[cls]:>9}{t.detected[cls]:>8}{rec:>8}"
              f"{warn:>8}")
    n = sum(t.claims.values())
    nm = sum(t.mutants.values())
    fe_sentences = sum(1 for m in t.misses if m["what"] == "false_error")
    print(f"{'all':<16}{n:>7}{sum(t.bound.values()):>8}{100 * sum(t.bound.values()) / max(n, 1):>7.0f}%"
          f"{fe_sentences:>10}{nm:>9}{sum(t.detected.values()):>8}{100 * sum(t.detected.values()) / max(nm, 1):>7.0f}%"
          f"{100 * (sum(t.detected.values()) + sum(t.warned.values())) / max(nm, 1):>7.0f}%")
    print("caught: an error-severity finding in the mutated sentence; +warned: caught, or a new warning there")
    print("mutants by slip:")
    for kind in sorted(t.by_type):
        print(f"  {kind:<16}{t.by_type[kind]:>6}{t.by_type_detected[kind]:>6}{100 * t.by_type_detected[kind] / t.by_type[kind]:>6.0f}%")
    if args.verbose:
        for m in t.misses:
            print(json.dumps(m, ensure_ascii=False))
    if args.misses:
        args.misses.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in t.misses), encoding="utf-8")
    if args.json_out:
        args.json_out.write_text(json.dumps({
            "sets": sets, "sentences": sentences, "false_error_sentences": fe_sentences,
            "classes": {c: {"claims": t.claims[c], "bound": t.bound[c], "false_errors": t.false_errors[c],
                            "mutants": t.mutants[c], "detected": t.detected[c], "warned": t.warned[c]} for c in classes},
            "slips": {k: {"mutants": t.by_type[k], "detected": t.by_type_detected[k]} for k in t.by_type},
        }, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
