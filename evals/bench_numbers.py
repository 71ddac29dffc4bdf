"""Speed of number finding on report-like text (median of repeated runs). Prints figures.

    python evals/bench_numbers.py
"""

from __future__ import annotations

import statistics
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_numbers import _report_like_text  # noqa: E402

from drafter.numbers import find_numbers  # noqa: E402


def main() -> None:
    text = _report_like_text()
    runs = [t / 20 for t in timeit.repeat(lambda: find_numbers(text), number=20, repeat=15)]
    print(f"find_numbers on {len(text)} characters ({len(find_numbers(text))} numbers): "
          f"median {statistics.median(runs) * 1000:.2f} ms, best {min(runs) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
