"""Helpers for the batch tests: a synthetic county made as a user makes it (a list, then
`drafter init --bodies`, then the folders filled in), and the batch command run in-process."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from drafter.cli import app

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("batch_synth", ROOT / "evals" / "batch" / "synth.py")
assert _spec and _spec.loader
synth = importlib.util.module_from_spec(_spec)
sys.modules["batch_synth"] = synth
_spec.loader.exec_module(synth)

runner = CliRunner()


def drafter(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def make_county(tmp: Path, count: int, year: int = 2023) -> Path:
    listing = tmp / "bodies.csv"
    listing.write_text(synth.bodies_csv(count, year), "utf-8")
    county = tmp / "county"
    result = drafter("init", "--bodies", listing, county)
    assert result.exit_code == 0, result.output
    synth.fill(county)
    return county


def rows(out: Path) -> dict[str, dict[str, Any]]:
    """The manifest's rows by folder."""
    con = sqlite3.connect(out / "manifest.sqlite")
    con.row_factory = sqlite3.Row
    try:
        return {r["key"]: dict(r) for r in con.execute("SELECT * FROM bodies")}
    finally:
        con.close()


def report(out: Path, folder: str) -> dict[str, Any]:
    return json.loads((out / folder / "report.json").read_text("utf-8"))
