"""Every hostile input drafter must survive, written into one folder and tried as a new
user would: each command in its own process, with a time limit and a memory limit. Prints
one line per case (exit status, seconds, peak memory, the first line of the message) and
whether the input was left unchanged.

    python evals/hostile_inputs.py [--folder hostile] [--seconds 60] [--memory-mb 1500]

The builders are shared with the tests (tests/hostile_support.py). A reviewer's edited
DOCX at the output path and -o naming the data file are tried too: both must be refused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import hostile_support as hs  # noqa: E402


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def try_case(name: str, args: list[str], watched: Path, seconds: float, memory: int) -> str:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    before = digest(watched)
    started = time.monotonic()
    cmd = [sys.executable, "-m", "drafter.cli", *args]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds, preexec_fn=limit)
        code: int | str = r.returncode
        message = (r.stderr.strip() or r.stdout.strip()).splitlines()[0] if (r.stderr or r.stdout).strip() else ""
    except subprocess.TimeoutExpired:
        code, message = "TIMEOUT", ""
    elapsed = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    kept = "kept" if digest(watched) == before else "CHANGED"
    return f"{name:24} exit {code!s:8} {elapsed:5.1f} s  peak≤{peak} MB  input {kept}  {message[:110]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", default="hostile")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--memory-mb", type=int, default=1500)
    args = parser.parse_args()
    folder = Path(args.folder)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    memory = args.memory_mb * 1_000_000
    lines: list[str] = []
    bad = 0
    for name, build in {**hs.BUILDERS, **hs.DOCX_BUILDERS}.items():
        sub = folder / name
        sub.mkdir()
        path = build(sub)
        if path.suffix == ".docx":
            commands = {"check": ["check", str(path)]}
        else:
            commands = {"check-data": ["check-data", str(path)], "render": ["render", str(path), "-o", str(sub / "out.docx")]}
        for command, argv in commands.items():
            line = try_case(f"{name} ({command})", argv, path, args.seconds, memory)
            bad += "exit 4" in line or "TIMEOUT" in line or "CHANGED" in line
            lines.append(line)
            print(line, flush=True)
    # never lose a user's work: a reviewer's edited DOCX at the output path, and -o over the data
    sub = folder / "edited-output"
    sub.mkdir()
    shutil.copy(hs.EXAMPLE / "data.yaml", sub / "data.yaml")
    shutil.copy(hs.EXAMPLE / "notes.md", sub / "notes.md")
    from drafter.data import load_data

    as_json = json.dumps(load_data(hs.EXAMPLE / "data.yaml").to_input(), ensure_ascii=False)
    (sub / "data.json").write_text(as_json, encoding="utf-8")
    out = sub / "report.docx"
    subprocess.run([sys.executable, "-m", "drafter.cli", "render", str(sub / "data.yaml"), "-o", str(out)],
                   capture_output=True, timeout=args.seconds)
    out.write_bytes(out.read_bytes() + b"edited by a reviewer")
    for name, argv, watched in (
        ("edited docx at -o", ["draft", str(sub / "data.yaml"), "-o", str(out)], out),
        ("-o names the data", ["draft", str(sub / "data.json"), "-o", str(sub / "data.json"), "--force"], sub / "data.json"),
    ):
        line = try_case(name, argv, watched, args.seconds, memory)
        bad += "exit 2" not in line or "CHANGED" in line
        print(line, flush=True)
    print(f"\n{bad} case(s) hung, ended in an internal error, or changed an input.")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
