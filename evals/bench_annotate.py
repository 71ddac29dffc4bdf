"""Benchmark `drafter check --annotate`: the median time to check a Word report and write the
annotated copy, against the median time of the check alone, for the examples drafted offline
with a figure changed in each narrative paragraph that has one (so there are comments to write).

    python evals/bench_annotate.py [--rounds 7]

Prints per report: paragraphs edited, comments written, check alone, check + annotate, ratio.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
EXAMPLES = ("minggao-2020", "township-2023", "county-dept-2023")
_FIGURE = re.compile(r"(?<![0-9年月日])([1-9][0-9]*)(?=件|条|个)")


def make_reports(folder: Path) -> list[tuple[Path, Path, int]]:
    """Each example drafted offline as .docx, then every narrative paragraph's first count
    raised by 7 (a plain edit, as a reviewer might make by mistake)."""
    import docx

    from drafter.data import load_data
    from drafter.drafting.llm import OfflineBackend
    from drafter.drafting.pipeline import draft_narrative_sync
    from drafter.notes import load_notes
    from drafter.render import render
    from drafter.report import Report

    out = []
    for example in EXAMPLES:
        base = ROOT / "examples" / example
        if not (base / "data.yaml").exists():
            continue
        data = load_data(base / "data.yaml")
        notes = load_notes(base / "notes.md") if (base / "notes.md").exists() else None
        report = Report.build(data, draft_narrative_sync(data, notes, OfflineBackend()))
        path = folder / f"{example}.docx"
        path.write_bytes(render(report, "docx"))
        word = docx.Document(str(path))
        edited = 0
        for paragraph in word.paragraphs:
            for run in paragraph.runs:
                m = _FIGURE.search(run.text)
                if m and paragraph.style.name == "Normal":
                    run.text = run.text[: m.start()] + str(int(m.group(1)) + 7) + run.text[m.end():]
                    edited += 1
                    break
        word.save(str(path))
        out.append((path, base / "data.yaml", edited))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args(argv)
    from drafter.annotate import annotate_check
    from drafter.validate import check_file

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'report':<24} {'edited':>6} {'comments':>8} {'check':>9} {'annotate':>9} {'ratio':>6}")
        for path, data, edited in make_reports(folder):
            out = folder / f"{path.stem}-annotated.docx"
            check_file(path, data_path=data)  # warm up
            plain, annotated = [], []
            written = 0
            for _ in range(args.rounds):
                start = time.perf_counter()
                check_file(path, data_path=data)
                plain.append(time.perf_counter() - start)
                start = time.perf_counter()
                _, written = annotate_check(path, out, data_path=data, force=True)
                annotated.append(time.perf_counter() - start)
            a, b = statistics.median(plain), statistics.median(annotated)
            print(f"{path.name:<24} {edited:>6} {written:>8} {a * 1000:>7.1f}ms {b * 1000:>7.1f}ms {b / a:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
