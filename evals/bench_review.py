"""Benchmark the review page: how long the live check takes to answer an edit, and how long
a save (re-check, history copy, DOCX and HTML re-rendered) takes, through a real server on
127.0.0.1 as the browser calls them.

    python evals/bench_review.py [--edits 40]

Each example is drafted offline into a draft folder; each edit changes one figure of
一、总体情况 (alternately true and contradicting the tables) and posts the three sections to
/api/body/<id>/check. Target: the check answers within a second (the page re-checks
350 ms after the reviewer stops typing).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()

    import httpx
    from review_support import FALSE_SENTENCE, TRUE_SENTENCE, make_batch

    from drafter.review.command import ReviewServer

    with tempfile.TemporaryDirectory() as tmp:
        root = make_batch(Path(tmp) / "out")
        server = ReviewServer(root).start()
        base = f"http://127.0.0.1:{server.port}"
        headers = {"x-drafter-token": server.token, "content-type": "application/json"}
        checks: list[float] = []
        saves: list[float] = []
        first = 0.0
        with httpx.Client(base_url=base, timeout=30, trust_env=False) as client:
            client.get(f"/?token={server.token}")
            report = json.loads((root / "qingshui" / "report.json").read_text("utf-8"))
            texts = {sid: "\n".join(p["text"] for p in s["paragraphs"]) for sid, s in report["narrative"]["sections"].items()}
            for i in range(args.edits):
                edited = dict(texts)
                if i % 2:
                    edited["s1_overview"] = texts["s1_overview"].replace(TRUE_SENTENCE, FALSE_SENTENCE)
                start = time.perf_counter()
                r = client.post("/api/body/qingshui/check", content=json.dumps({"sections": edited}), headers=headers)
                elapsed = time.perf_counter() - start
                assert r.status_code == 200 and (r.json()["errors"] > 0) == bool(i % 2), r.text
                if i == 0:
                    first = elapsed
                checks.append(elapsed)
            version, digest = 0, client.get("/body/qingshui").text.split('"digest": "')[1].split('"')[0]
            for i in range(5):
                edited = dict(texts, s6_other=texts["s6_other"] + f"\n第{i + 1}次修改补充的说明。")
                start = time.perf_counter()
                r = client.post("/api/body/qingshui/save", headers=headers, content=json.dumps(
                    {"version": version, "digest": digest, "sections": edited}))
                saves.append(time.perf_counter() - start)
                assert r.status_code == 200, r.text
                version, digest = r.json()["version"], r.json()["digest"]
        server.stop()
    print(f"live check, first request after start: {first * 1000:.0f} ms")
    print(f"live check, median of {len(checks)}: {statistics.median(checks) * 1000:.0f} ms; "
          f"max {max(checks) * 1000:.0f} ms (target: under 1000 ms)")
    print(f"save (check, history, DOCX + HTML), median of {len(saves)}: {statistics.median(saves) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
