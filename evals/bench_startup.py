"""Start-up time of the CLI: `drafter --help` and `drafter draft --help` (median of N runs),
and whether any heavy library was imported on the way. Prints figures; asserts nothing.

    python evals/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

HEAVY = ("openai", "langchain_core", "langchain_openai", "docx", "openpyxl", "bs4", "lxml")
PROBE = (
    "import sys; sys.argv=['drafter', *{args!r}]\n"
    "from drafter.cli import app\n"
    "try:\n    app()\nexcept SystemExit:\n    pass\n"
    "print('HEAVY=' + ','.join(m for m in {heavy!r} if m in sys.modules))"
)


def measure(args: list[str], runs: int) -> tuple[float, str]:
    times = []
    heavy = ""
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)], capture_output=True, text=True, check=True
        ).stdout
        times.append(time.perf_counter() - start)
        heavy = out.rsplit("HEAVY=", 1)[-1].strip()
    return statistics.median(times), heavy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    ns = parser.parse_args()
    python_only = statistics.median([_time([sys.executable, "-c", "pass"]) for _ in range(ns.runs)])
    print(f"{'command':<24} {'median s':>9} {'vs python -c pass':>18}  heavy imports")
    print(f"{'python -c pass':<24} {python_only:>9.3f} {1.0:>17.1f}x  -")
    for args in (["--help"], ["draft", "--help"], ["check", "--help"]):
        med, heavy = measure(args, ns.runs)
        print(f"{'drafter ' + ' '.join(args):<24} {med:>9.3f} {med / python_only:>17.1f}x  {heavy or 'none'}")


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
