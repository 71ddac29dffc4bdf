"""`drafter render DATA --notes NOTES -o FILE`: every output kind from the extension, read back
by the report readers with exactly the tables of the data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drafter.data import load_data
from drafter.reader import read_report


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafter.cli", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("suffix", [".docx", ".html", ".md", ".txt", ".json"])
@pytest.mark.parametrize("example", ["minggao-2020", "county-dept-2023"])
def test_render_every_kind(tmp_path: Path, examples: Path, example: str, suffix: str) -> None:
    data_path = examples / example / "data.yaml"
    out = tmp_path / f"report{suffix}"
    r = run("render", str(data_path), "--notes", str(examples / example / "notes.md"), "-o", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    parsed = read_report(out)
    assert parsed.tables is not None
    assert parsed.tables.tables == load_data(data_path).tables
    assert {s.id for s in parsed.sections} >= {"s1_overview", "s5_problems", "s6_other"}
    check = run("check", str(out), "--data", str(data_path), "--notes", str(examples / example / "notes.md"))
    assert check.returncode == 0, check.stdout + check.stderr


def test_render_refuses_unknown_extension(tmp_path: Path, examples: Path) -> None:
    r = run("render", str(examples / "minggao-2020" / "data.yaml"), "-o", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and ".docx" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "x.pdf").exists()
