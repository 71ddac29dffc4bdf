"""Benchmark `drafter check`: median time to check one report after start-up, the whole
command in a new process, and 1,000 checks on a process pool, projected to 2 cores.

    python evals/bench_check.py [--reports N] [--workers 2] [--runs 7]

The reports are the examples drafted offline and written as .md, .html, .txt and .docx
(into a temporary folder), plus the seed report; when LibreOffice is installed, the .docx
are also printed to .pdf and saved as .doc with it. Each check is check_file(report, data):
read the file, read the data file, check structure, tables and narrative.

Figures are medians of wall-clock time and, in brackets, of CPU time (the process's own
user+system time: on a machine shared with other work the wall clock also counts waiting
for a core). The whole-process figure is `drafter check REPORT --data DATA` started as a
new Python process (Python start-up and imports included), bytecode cached as after an
install. A .doc is converted by LibreOffice first; its figure is mostly LibreOffice's start.
Targets: a .docx in under 50 ms after start-up and the whole command in under 0.4 s;
1,000 reports in under a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
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


def office_copies(folder: Path, items: list[tuple[str, str | None]], kind: str) -> list[tuple[str, str | None]]:
    """The .docx reports printed to PDF or saved as .doc by LibreOffice (none without it)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    docx = [item for item in items if item[0].endswith(".docx")]
    if soffice is None or not docx:
        return []
    profile = folder / f"lo-profile-{kind}"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", kind, "--outdir", str(folder), *(d for d, _ in docx)],
                   capture_output=True, timeout=300, check=False)
    out = []
    for path, data in docx:
        made = Path(path).with_suffix(f".{kind}")
        if made.exists():
            out.append((str(made), data))
    return out


def check_one(item: tuple[str, str | None]) -> float:
    from drafter.validate import check_file

    start = time.perf_counter()
    check_file(item[0], data_path=item[1])
    return time.perf_counter() - start


def timed(item: tuple[str, str | None]) -> tuple[float, float]:
    """(wall, CPU) seconds of one check in this process."""
    from drafter.validate import check_file

    start, cpu = time.perf_counter(), time.process_time()
    check_file(item[0], data_path=item[1])
    return time.perf_counter() - start, time.process_time() - cpu


def whole_process(item: tuple[str, str | None], runs: int) -> tuple[float, float]:
    """Median (wall, CPU) seconds of `drafter check REPORT --data DATA` in a new process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: bytecode cached
    env["PYTHONPATH"] = str(ROOT / "src")
    command = [sys.executable, "-c", "from drafter.cli import main; main()", "check", item[0]]
    if item[1]:
        command += ["--data", item[1]]
    walls, cpus = [], []
    for n in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=False, timeout=600)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if n:  # the first run writes the bytecode cache
            walls.append(wall)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def _ms(pair: tuple[float, float]) -> str:
    return f"{pair[0] * 1000:7.1f} ms ({pair[1] * 1000:6.1f} ms CPU)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=7, help="runs of each whole-process measurement")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        items = make_reports(Path(tmp))
        pdfs = office_copies(Path(tmp), items, "pdf")
        docs = office_copies(Path(tmp), items, "doc")
        for item in items + pdfs:  # warm up: imports, format and lexicon caches
            check_one(item)
        per_report: dict[str, list[tuple[float, float]]] = {}
        for _ in range(7):
            for item in items + pdfs:
                name = Path(item[0]).name if "fixtures" not in item[0] else f"seed {Path(item[0]).name}"
                per_report.setdefault(name, []).append(timed(item))
        medians = {name: (statistics.median(t[0] for t in times), statistics.median(t[1] for t in times))
                   for name, times in per_report.items()}
        print("median time per report (after start-up):")
        for name, m in sorted(medians.items()):
            print(f"  {name:<28} {_ms(m)}")
        for kind in ("txt", "md", "html", "docx", "pdf"):
            of_kind = [m for name, m in medians.items() if name.endswith(f".{kind}") and not name.startswith("seed")]
            if of_kind:
                print(f"  {'median of .' + kind:<28} {_ms((statistics.median(m[0] for m in of_kind), statistics.median(m[1] for m in of_kind)))}")
        text_kinds = [m for name, m in medians.items() if not name.endswith(".pdf")]
        print(f"  {'median of reports (no pdf)':<28} {_ms((statistics.median(m[0] for m in text_kinds), statistics.median(m[1] for m in text_kinds)))}")

        print(f"\nwhole process, `drafter check REPORT --data DATA` (median of {args.runs} runs):")
        picked = [i for i in items if i[0].endswith(("township-2023.docx", "township-2023.txt", "township-2023.html"))]
        picked += [i for i in pdfs if i[0].endswith("township-2023.pdf")]
        for item in picked:
            print(f"  {Path(item[0]).name:<28} {_ms(whole_process(item, args.runs))}")
        for item in [i for i in docs if i[0].endswith("township-2023.doc")]:
            print(f"  {Path(item[0]).name:<28} {_ms(whole_process(item, min(args.runs, 3)))}  (LibreOffice converts it first)")

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
