"""Batch benchmark: N synthetic bodies drafted against evals/batch/server.py (a fixed latency
per request) at several concurrencies; then a re-run (zero model calls); then a mass check of
N published-report files (txt/html/docx mix) on 2 processes. Prints a table of figures.

    nice python evals/batch/run.py --bodies 1000 --latency 2 --concurrency 32 64 --work /some/folder

Figures: wall time against the ideal (calls × latency ÷ concurrency), drafter's own CPU per
body (the batch process: loading, gate, validation, manifest) and the rendering processes'
CPU per body (DOCX/HTML), peak memory of the batch process, and the re-run's time and calls.
Peak memory is also measured for a quarter of the bodies, to show that it does not grow with N.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRAFTER = [sys.executable, "-m", "drafter.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, method: str = "GET") -> dict:
    req = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def make_county(work: Path, n: int) -> Path:
    county = work / f"county-{n}"
    if (county / "index.csv").exists():
        return county
    listing = work / f"bodies-{n}.csv"
    subprocess.run([sys.executable, str(HERE / "synth.py"), "list", str(listing), "--count", str(n)], check=True)
    subprocess.run([*DRAFTER, "init", "--bodies", str(listing), str(county)], check=True, capture_output=True)
    subprocess.run([sys.executable, str(HERE / "synth.py"), "fill", str(county)], check=True)
    return county


def last_run(out: Path) -> dict:
    con = sqlite3.connect(out / "manifest.sqlite")
    try:
        return json.loads(con.execute("SELECT counts FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    finally:
        con.close()


def batch(county: Path, out: Path, base: str, concurrency: int, env: dict[str, str]) -> tuple[float, dict]:
    t = time.monotonic()
    proc = subprocess.run(
        [*DRAFTER, "batch", str(county), "-o", str(out), "--backend", "openai", "--base-url", base, "--model", "bench",
         "--api-key", "bench", "--concurrency", str(concurrency), "--timeout", "120"],
        env=env, capture_output=True, text=True,
    )
    wall = time.monotonic() - t
    if proc.returncode not in (0,):
        print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
    return wall, last_run(out)


def mass_check(out: Path, work: Path, n: int) -> tuple[float, int, int]:
    from drafter.render import render
    from drafter.report import Report

    folder = work / "published"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    drafts = sorted(p for p in out.iterdir() if (p / "report.json").is_file())[:n]
    for i, d in enumerate(drafts):
        kind = ("docx", "html", "txt")[i % 3]
        if kind == "txt":
            report = Report.model_validate_json((d / "report.json").read_bytes())
            report.provenance["publish"] = True  # the clean copy a body publishes, without review marks
            (folder / f"{i:04d}.txt").write_bytes(render(report, "txt"))
        else:
            shutil.copy(d / f"report.{kind}", folder / f"{i:04d}.{kind}")
    t = time.monotonic()
    proc = subprocess.run([*DRAFTER, "check", str(folder), "--jobs", "2", "--summary", str(work / "check-summary.csv")],
                          capture_output=True, text=True)
    return time.monotonic() - t, len(drafts), proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bodies", type=int, default=1000)
    ap.add_argument("--latency", type=float, default=2.0)
    ap.add_argument("--concurrency", type=int, nargs="+", default=[32, 64])
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--skip-check", action="store_true")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = subprocess.Popen([sys.executable, str(HERE / "server.py"), "--port", str(port), "--latency", str(args.latency)])
    base = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(100):
            try:
                get(f"http://127.0.0.1:{port}/stats")
                break
            except OSError:
                time.sleep(0.1)
        county = make_county(args.work, args.bodies)
        rows = []
        out = args.work / "out"
        for c in args.concurrency:
            env = dict(os.environ, DRAFTER_CACHE_DIR=str(args.work / f"cache-{c}"), NO_PROXY="127.0.0.1")
            shutil.rmtree(env["DRAFTER_CACHE_DIR"], ignore_errors=True)
            out = args.work / f"out-{c}"
            shutil.rmtree(out, ignore_errors=True)
            get(f"http://127.0.0.1:{port}/reset", "POST")
            wall, run = batch(county, out, base, c, env)
            stats = get(f"http://127.0.0.1:{port}/stats")
            calls = stats["requests"]
            ideal = calls * args.latency / c
            n = args.bodies
            rows.append({
                "concurrency": c, "bodies": n, "calls": calls, "max_in_flight": stats["max_in_flight"],
                "wall_s": round(wall, 1), "ideal_s": round(ideal, 1), "ideal_share": round(ideal / wall, 3),
                "own_cpu_ms_per_body": round(1000 * run.get("cpu_own", 0) / n, 1),
                "render_cpu_ms_per_body": round(1000 * run.get("cpu_render", 0) / n, 1),
                "peak_rss_mb": round(run.get("peak_rss_kb", 0) / 1024, 1),
                "done": run.get("done", 0) + run.get("review", 0), "failed": run.get("failed", 0),
            })
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
        get(f"http://127.0.0.1:{port}/reset", "POST")
        wall, run = batch(county, out, base, args.concurrency[-1], env)
        calls = get(f"http://127.0.0.1:{port}/stats")["requests"]
        print(json.dumps({"rerun_wall_s": round(wall, 1), "rerun_model_calls": calls, "skipped": run.get("skip")}), flush=True)
        small = make_county(args.work, max(1, args.bodies // 4))
        env = dict(os.environ, DRAFTER_CACHE_DIR=str(args.work / "cache-small"), NO_PROXY="127.0.0.1")
        shutil.rmtree(env["DRAFTER_CACHE_DIR"], ignore_errors=True)
        shutil.rmtree(args.work / "out-small", ignore_errors=True)
        wall, run = batch(small, args.work / "out-small", base, args.concurrency[-1], env)
        print(json.dumps({"bodies": args.bodies // 4, "peak_rss_mb": round(run.get("peak_rss_kb", 0) / 1024, 1),
                          "wall_s": round(wall, 1)}), flush=True)
        if not args.skip_check:
            secs, files, code = mass_check(out, args.work, args.bodies)
            print(json.dumps({"mass_check_files": files, "mass_check_wall_s": round(secs, 1), "exit": code}), flush=True)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
