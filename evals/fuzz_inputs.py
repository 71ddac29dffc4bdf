"""The long fuzzing run: mutated YAML, JSON, XLSX, DOCX, HTML, TXT and PDF inputs (bytes,
structure, encodings; see tests/fuzz_support.py) through the command line, each under a
time limit and the whole run under a memory limit. Prints how many inputs were tried per
kind, the exit codes seen, the slowest input, and every failure (exit 4, traceback, hang,
input changed), and keeps each failing input in --keep to reproduce it.

    python evals/fuzz_inputs.py [--per-kind 300] [--kinds yaml,json,...] [--seconds 30]
                                [--memory-mb 3000] [--keep fuzz-failures] [--seed N]

PDF is fuzzed only once the report reader accepts .pdf and LibreOffice can make a seed.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from fuzz_support import KINDS, Tally, make_seeds, mutated, run_input, save_failure  # noqa: E402


def fuzz_kind(kind: str, seeds: list[bytes], report: Path, args: argparse.Namespace, tally: Tally) -> None:
    @seed(args.seed)
    @settings(max_examples=args.per_kind, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(blob=mutated(kind, seeds), choice=st.integers(0, 11))
    def one(blob: bytes, choice: int) -> None:
        outcome = run_input(kind, blob, choice, args.seconds, report)
        tally.add(outcome)
        if outcome.problem:
            stem = save_failure(Path(args.keep), outcome, blob, len(tally.failures))
            print(f"  FAIL {kind}: {outcome.problem} ({' '.join(outcome.args[:1])}) -> {stem}", flush=True)

    one()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-kind", type=int, default=300, help="mutated inputs per kind")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--seconds", type=float, default=30.0, help="time limit per input")
    parser.add_argument("--memory-mb", type=int, default=3000, help="address-space limit of the whole run")
    parser.add_argument("--keep", default="fuzz-failures", help="folder for failing inputs")
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    args = parser.parse_args()
    limit = args.memory_mb * 1_000_000
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    tally = Tally()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="drafter-fuzz-seeds-") as tmp:
        seeds = make_seeds(Path(tmp))
        report = Path(tmp) / "report.txt"
        for kind in args.kinds.split(","):
            if not seeds.get(kind):
                print(f"{kind}: skipped (no reader for it yet, or no seed could be made)")
                continue
            before = tally.tried.get(kind, 0)
            t0 = time.monotonic()
            fuzz_kind(kind, seeds[kind], report, args, tally)
            print(f"{kind}: {tally.tried.get(kind, 0) - before} inputs in {time.monotonic() - t0:.0f} s", flush=True)

    total = sum(tally.tried.values())
    print(f"\nseed {args.seed}; {total} inputs tried in {time.monotonic() - started:.0f} s:",
          ", ".join(f"{k} {n}" for k, n in tally.tried.items()))
    print("exit codes:", ", ".join(f"{c}: {n}" for c, n in sorted(tally.codes.items())))
    print(f"slowest input: {tally.slowest:.1f} s (limit {args.seconds:g} s)")
    print(f"failures: {len(tally.failures)}")
    for outcome in tally.failures:
        print(f"  {outcome.kind}: {outcome.problem} — {' '.join(outcome.args[:1])}")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
