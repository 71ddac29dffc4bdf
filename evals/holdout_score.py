"""Measure the validator on a hand-written hold-out set (evals/holdout*/: reports/ + labels.jsonl).

    python evals/holdout_score.py [SET_DIR] [--only NAME] [--json-out FILE] [--timeout SECONDS]

Each set's own run.py calls this with its folder (python evals/holdout2/run.py …).

Runs `drafter check FILE --json` (as `sys.executable -m drafter.cli`) on every report listed
in labels.jsonl and compares the findings with the labelled defects. It reports; it never
asserts: the exit status is always 0.

Matching
- A labelled defect is CAUGHT when some finding of the expected rule family (text.* rules:
  the full id, e.g. text.year; other rules: the prefix, e.g. table / structure / style; plus
  any prefix listed under "accept" in the label) either has a quote overlapping the labelled
  quote, or -- for table and structure defects -- simply exists in the report.
- It is caught LENIENTLY when any finding (any rule) has an overlapping quote.
- A finding is EXPLAINED when it catches a labelled defect (strictly or leniently); the other
  error-severity findings are false positives.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RULE_LESS_TYPES = {"table_balance", "outdated_format"}  # caught by rule, not by quote
TYPES = ["figure_changed", "zero_claim", "all_claim", "breakdown", "wrong_year", "wrong_body",
         "wrong_pronoun", "outdated_format", "table_balance", "style"]


# --------------------------------------------------------------------------- text helpers

_WS = re.compile(r"\s+")


def norm(s: str | None) -> str:
    """Whitespace-free text with the common full-width/half-width variants folded."""
    if not s:
        return ""
    s = html.unescape(s)
    s = s.translate(str.maketrans("()：:,;．", "（）：：，；."))
    return _WS.sub("", s).replace("\u3000", "")


def plain_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in (".html", ".htm"):
        raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
        raw = re.sub(r"(?s)<[^>]+>", " ", raw)
        raw = html.unescape(raw)
    return raw


def _spans(hay: str, needle: str) -> list[tuple[int, int]]:
    out, start = [], 0
    if not needle:
        return out
    while True:
        i = hay.find(needle, start)
        if i < 0:
            return out
        out.append((i, i + len(needle)))
        start = i + 1


def _lcs_len(a: str, b: str) -> int:
    if not a or not b:
        return 0
    best, prev = 0, [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def overlaps(label_quote: str, finding_quote: str | None, text_norm: str) -> bool:
    a, b = norm(label_quote), norm(finding_quote)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    sa, sb = _spans(text_norm, a), _spans(text_norm, b)
    if sa and sb:
        return any(x0 < y1 and y0 < x1 for x0, x1 in sa for y0, y1 in sb)
    # quotes the validator re-worded or cut differently: a long common stretch counts
    return _lcs_len(a, b) >= max(6, min(len(a), len(b)) // 2)


def family(rule: str) -> str:
    parts = (rule or "").split(".")
    return ".".join(parts[:2]) if parts[0] == "text" else parts[0]


# --------------------------------------------------------------------------- running


@dataclass
class Outcome:
    label: dict[str, Any]
    status: str = "ok"  # ok | unreadable | crashed | timeout | bad-json
    detail: str = ""
    findings: list[dict[str, Any]] = field(default_factory=list)
    caught: list[tuple[dict, dict | None, str]] = field(default_factory=list)  # (defect, finding, how)
    missed: list[dict] = field(default_factory=list)
    false_pos: list[dict] = field(default_factory=list)
    warnings_unexplained: list[dict[str, Any]] = field(default_factory=list)
    missing_quotes: list[str] = field(default_factory=list)


def validator_available() -> tuple[bool, str]:
    try:
        p = subprocess.run([sys.executable, "-m", "drafter.cli", "check", "--help"],
                           capture_output=True, text=True, timeout=120, cwd=ROOT)
    except Exception as exc:  # noqa: BLE001
        return False, f"{type(exc).__name__}: {exc}"
    if p.returncode != 0:
        return False, (p.stderr or p.stdout).strip().splitlines()[-1:] and (p.stderr or p.stdout).strip()[-400:]
    return True, ""


def run_one(path: Path, timeout: int) -> tuple[str, str, list[dict[str, Any]]]:
    try:
        p = subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(path), "--json"],
                           capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return "timeout", f"no answer within {timeout}s", []
    if p.returncode == 2:
        return "unreadable", (p.stderr or p.stdout).strip()[-600:], []
    if p.returncode not in (0, 1):
        return "crashed", f"exit {p.returncode}: " + (p.stderr or p.stdout).strip()[-600:], []
    try:
        payload = json.loads(p.stdout)
    except json.JSONDecodeError:
        err = (p.stderr or "").strip()
        if "Traceback" in err or not p.stdout.strip():
            last = err.splitlines()[-1] if err else "no output"
            return "crashed", f"exit {p.returncode}, no JSON on stdout; stderr ends: {last}", []
        return "bad-json", p.stdout.strip()[-400:], []
    findings = payload.get("findings", []) if isinstance(payload, dict) else payload
    return "ok", "", list(findings or [])


def match(out: Outcome, text_norm: str) -> None:
    defects = out.label.get("defects", [])
    for d in defects:
        if norm(d["quote"]) not in text_norm:
            out.missing_quotes.append(d["quote"])
    explained: set[int] = set()
    for d in defects:
        fams = {family(d["rule"])} | {family(a.rstrip(".")) if a.startswith("text.") else a.rstrip(".")
                                      for a in d.get("accept", [])}
        strict = [i for i, f in enumerate(out.findings)
                  if family(f.get("rule", "")) in fams
                  and (d["type"] in RULE_LESS_TYPES or overlaps(d["quote"], f.get("quote"), text_norm))]
        lenient = [i for i, f in enumerate(out.findings)
                   if overlaps(d["quote"], f.get("quote"), text_norm)]
        explained.update(strict)
        explained.update(lenient)
        if strict:
            best = min(strict, key=lambda i: out.findings[i].get("severity") != "error")
            out.caught.append((d, out.findings[best], "strict"))
        elif lenient:
            out.caught.append((d, out.findings[lenient[0]], "lenient"))
        else:
            out.missed.append(d)
    for i, f in enumerate(out.findings):
        if i in explained:
            continue
        if f.get("severity") == "error":
            out.false_pos.append(f)
        elif f.get("severity") == "warning":
            out.warnings_unexplained.append(f)


def short(s: Any, n: int = 70) -> str:
    s = "" if s is None else str(s).replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def main(set_dir: Path | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    if set_dir is None:
        ap.add_argument("set_dir", nargs="?", type=Path, default=ROOT / "evals" / "holdout",
                        help="the hold-out folder (default evals/holdout)")
    ap.add_argument("--only", help="run only reports whose file name contains this")
    ap.add_argument("--json-out", type=Path, help="also write the per-report results as JSON")
    ap.add_argument("--timeout", type=int, default=180)
    ap.add_argument("--verbose", action="store_true", help="also list warnings that match no labelled defect")
    args = ap.parse_args()

    args_set = set_dir if set_dir is not None else args.set_dir
    reports, labels_path = args_set / "reports", args_set / "labels.jsonl"
    labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.only:
        labels = [lb for lb in labels if args.only in lb["file"]]
    n_clean = sum(1 for lb in labels if lb["clean"])
    print(f"Hold-out set {args_set.name}: {len(labels)} reports ({n_clean} clean, {len(labels) - n_clean} defective), "
          f"{sum(len(lb['defects']) for lb in labels)} labelled defects.")

    ok, why = validator_available()
    if not ok:
        print("\nThe validator is unavailable (`python -m drafter.cli check --help` failed):")
        print("  " + short(why, 400))
        print("Nothing measured.")
        return 0

    outcomes: list[Outcome] = []
    for lb in labels:
        path = reports / lb["file"]
        out = Outcome(lb)
        if not path.exists():
            out.status, out.detail = "missing", "report file not found"
        else:
            out.status, out.detail, out.findings = run_one(path, args.timeout)
            match(out, norm(plain_text(path)))
        outcomes.append(out)
        kind = "clean" if lb["clean"] else f"defective ({len(lb['defects'])})"
        errs = sum(1 for f in out.findings if f.get("severity") == "error")
        warns = sum(1 for f in out.findings if f.get("severity") == "warning")
        print(f"\n== {lb['file']}  [{lb['year']}, {lb['kind']}, {kind}]  "
              f"status={out.status}  findings: {errs} errors, {warns} warnings")
        if out.detail:
            print(f"   ! {short(out.detail, 300)}")
        for q in out.missing_quotes:
            print(f"   ! labelled quote not found in the report text: {q}")
        for d, f, how in out.caught:
            sev = f.get("severity") if f else "?"
            print(f"   CAUGHT{'' if how == 'strict' else ' (lenient, other rule)'} {d['type']}: "
                  f"{f.get('rule')} [{sev}] «{short(f.get('quote'), 40)}» for «{short(d['quote'], 40)}»")
        for d in out.missed:
            print(f"   MISSED {d['type']} (expected {d['rule']}): «{short(d['quote'], 60)}»")
        for f in out.false_pos:
            print(f"   FALSE POSITIVE {f.get('rule')}: «{short(f.get('quote'), 50)}» — {short(f.get('message'), 110)}")
        if out.warnings_unexplained:
            print(f"   ({len(out.warnings_unexplained)} warning(s) not matching any labelled defect)")
            if args.verbose:
                for f in out.warnings_unexplained:
                    print(f"     warning {f.get('rule')}: «{short(f.get('quote'), 50)}» — {short(f.get('message'), 110)}")

    # ------------------------------------------------------------------ totals
    print("\n" + "=" * 78)
    ran = [o for o in outcomes if o.status == "ok"]
    print(f"Reports checked: {len(ran)}/{len(outcomes)}"
          + ("" if len(ran) == len(outcomes) else
             "  (not checked: " + ", ".join(f"{o.label['file']}={o.status}" for o in outcomes if o.status != "ok") + ")"))
    per: dict[str, Counter] = defaultdict(Counter)
    for o in outcomes:
        for d in o.label["defects"]:
            per[d["type"]]["n"] += 1
        for d, f, how in o.caught:
            if how == "strict":
                per[d["type"]]["strict"] += 1
                if f and f.get("severity") == "error":
                    per[d["type"]]["strict_error"] += 1
            per[d["type"]]["lenient"] += 1
    print("\nDefect recall by type (strict = expected rule family; error = strict and error severity;"
          " lenient = any rule quoting the defect):")
    print(f"  {'type':<16}{'n':>4}{'strict':>9}{'error':>8}{'lenient':>9}")
    tot = Counter()
    for t in TYPES + sorted(set(per) - set(TYPES)):
        c = per.get(t)
        if not c:
            continue
        tot.update(c)
        print(f"  {t:<16}{c['n']:>4}{c['strict']:>9}{c['strict_error']:>8}{c['lenient']:>9}")
    if tot["n"]:
        print(f"  {'all':<16}{tot['n']:>4}{tot['strict']:>9}{tot['strict_error']:>8}{tot['lenient']:>9}"
              f"   strict recall {tot['strict'] / tot['n']:.0%}, lenient {tot['lenient'] / tot['n']:.0%}")

    clean = [o for o in outcomes if o.label["clean"]]
    clean_ran = [o for o in clean if o.status == "ok"]
    fp_clean = sum(len(o.false_pos) for o in clean_ran)
    zero = sum(1 for o in clean_ran if not o.false_pos)
    dirty_ran = [o for o in outcomes if not o.label["clean"] and o.status == "ok"]
    fp_dirty = sum(len(o.false_pos) for o in dirty_ran)
    print("\nFalse positives:")
    if clean_ran:
        print(f"  error findings per clean report: {fp_clean / len(clean_ran):.2f} "
              f"({fp_clean} on {len(clean_ran)} clean reports)")
        print(f"  clean reports with zero error findings: {zero}/{len(clean_ran)} ({zero / len(clean_ran):.0%})")
        print(f"  warnings on clean reports: {sum(len(o.warnings_unexplained) for o in clean_ran)}")
    if dirty_ran:
        print(f"  unexplained error findings on defective reports: {fp_dirty} on {len(dirty_ran)} reports")
    fp_rules = Counter(f.get("rule") for o in ran for f in o.false_pos)
    if fp_rules:
        print("  false-positive errors by rule: " + ", ".join(f"{r} {n}" for r, n in fp_rules.most_common()))

    if args.json_out:
        args.json_out.write_text(json.dumps([
            {"file": o.label["file"], "clean": o.label["clean"], "status": o.status, "detail": o.detail,
             "caught": [{"type": d["type"], "how": how, "rule": f.get("rule") if f else None,
                         "severity": f.get("severity") if f else None, "quote": d["quote"]} for d, f, how in o.caught],
             "missed": o.missed, "false_positives": o.false_pos, "findings": o.findings}
            for o in outcomes], ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"\nPer-report results written to {args.json_out}")
    return 0


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
