"""Benchmark `drafter check`: median time to check one report after start-up, and 1,000
checks on a process pool, projected to 2 cores.

    python evals/bench_check.py [--reports N] [--workers 2]

The reports are the examples drafted offline and written as .md, .html, .txt and .docx
(into a temporary folder), plus the seed report. Each check is check_file(report, data):
read the file, read the data file, check structure, tables and narrative.
Targets: a typical report in under 50 ms; 1,000 reports in under a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
EXAMPLES = ("minggao-2020", "township-2023", "county-dept-2023")


def make_reports(folder: Path) -> list[tuple[str, str | None]]:
    from drafter.data import load_data
    from drafter.drafting.llm import OfflineBackend
    from drafter.drafting.pipeline import draft_narrative_sync
    from drafter.notes import load_notes
    from drafter.render import render
    from drafter.report import Report

    out: list[tuple[str, str | None]] = []
    for example in EXAMPLES:
        base = ROOT / "examples" / example
        if not (base / "data.yaml").exists():
            continue
        data = load_data(base / "data.yaml")
        notes = load_notes(base / "notes.md") if (base / "notes.md").exists() else None
        narrative = draft_narrative_sync(data, notes, OfflineBackend())
        report = Report.build(data, narrative)
        for kind in ("md", "html", "txt", "docx"):
            path = folder / f"{example}.{kind}"
            path.write_bytes(render(report, kind))
            out.append((str(path), str(base / "data.yaml")))
    seed = ROOT / "tests" / "fixtures" / "minggao-2020.txt"
    if seed.exists():
        out.append((str(seed), str(ROOT / "examples" / "minggao-2020" / "data.yaml")))
    return out


def check_one(item: tuple[str, str | None]) -> float:
    from drafter.validate import check_file

    start = time.perf_counter()
    check_file(item[0], data_path=item[1])
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        items = make_reports(Path(tmp))
        for item in items:  # warm up: imports, format and lexicon caches
            check_one(item)
        per_report: dict[str, list[float]] = {}
        for _ in range(7):
            for item in items:
                name = Path(item[0]).name if "fixtures" not in item[0] else f"seed {Path(item[0]).name}"
                per_report.setdefault(name, []).append(check_one(item))
        medians = {name: statistics.median(times) for name, times in per_report.items()}
        print("median time per report (after start-up):")
        for name, m in sorted(medians.items()):
            print(f"  {name:<28} {m * 1000:7.1f} ms")
        overall = statistics.median(medians.values())
        print(f"  {'median of reports':<28} {overall * 1000:7.1f} ms")

        work = [items[i % len(items)] for i in range(args.reports)]
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            times = list(pool.map(check_one, work, chunksize=25))
        wall = time.perf_counter() - start
        cpu = sum(times)
        cores = os.cpu_count() or 1
        print(f"\n{args.reports} checks on a pool of {args.workers} processes ({cores} cores here): {wall:.1f} s wall, "
              f"{cpu:.1f} s of checking")
        projected = cpu / 2 * 1000 / args.reports
        print(f"projected time for 1,000 reports on 2 cores: {projected:.1f} s (check time only; "
              f"with pool start-up as measured: {wall * 1000 / args.reports * args.workers / 2:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
