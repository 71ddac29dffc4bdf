"""The real-phrasing corpus and its hold-out set stay well-formed (every claim a substring of its
sentence, every fact id and value true of the set's own data, every data file passing the table
rules), and the runner measures them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "evals" / "real"


def _load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(f"real_{name}", REAL / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_set_is_well_formed() -> None:
    lint = _load("lint")
    for corpus in (REAL / "reports", ROOT / "evals" / "real-holdout" / "reports"):
        sets = sorted(p for p in corpus.iterdir() if p.is_dir())
        assert len(sets) >= 30
        problems = [p for s in sets for p in lint.lint_set(s)]
        assert problems == []


def test_the_corpus_is_as_large_as_promised() -> None:
    sets = [p for p in (REAL / "reports").iterdir() if p.is_dir()]
    sentences = sum(len((s / "sentences.jsonl").read_text(encoding="utf-8").splitlines()) for s in sets)
    assert len(sets) >= 150 and sentences >= 1000


def test_the_runner_reports_per_class(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run = _load("run")
    out = tmp_path / "r.json"
    assert run.main(["--only", "h1-004", "--only", "h4-020", "--json-out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "2 sets" in text and "request_count" in text and "mutants by slip:" in text
    assert '"classes"' in out.read_text(encoding="utf-8")
