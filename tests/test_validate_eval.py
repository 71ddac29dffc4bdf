"""The validator eval (evals/validator): its scoring code on outcomes made by hand, and a
small subset of the corpus run end to end through the scorer."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "evals" / "validator"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"eval_{name}", EVAL / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


run = _load("run")


def label(defect: str, rule: str | None, also: tuple[str, ...] = ()) -> dict:
    return {"file": f"{defect}.txt", "defect": defect, "expected_rule": rule, "also": list(also), "format": "2021", "kind": "txt"}


def test_score_counts_recall_precision_and_clean_false_positives() -> None:
    outcomes = [
        run.Outcome(label("figure_changed", "text.contradiction"), {"text.contradiction"}),
        run.Outcome(label("figure_changed", "text.contradiction"), set()),
        run.Outcome(label("wrong_year", "text.year", ("text.contradiction",)), {"text.year", "text.contradiction"}),
        run.Outcome(label("style", "style.placeholder"), {"style.placeholder", "text.contradiction"}),
        run.Outcome(label("style", "style.markdown"), {"style.markdown"}),
        run.Outcome(label("clean", None), set()),
        run.Outcome(label("clean", None), {"text.year"}),
        run.Outcome(label("clean", None), set(), error="无法读取"),
        run.Outcome(label("clean", None), set()),
    ]
    rows = {r.name: r for r in run.score(outcomes)}
    fc = rows["figure_changed"]
    assert (fc.cases, fc.recall) == (2, 0.5)
    # text.contradiction reported in 3 cases: expected in 1, allowed in 1 (also), unwanted in 1
    assert fc.precision == 2 / 3
    assert rows["wrong_year"].recall == 1.0 and rows["wrong_year"].precision == 0.5  # text.year also in a clean case
    assert rows["style"].recall == 1.0 and rows["style"].precision == 1.0
    assert rows["clean"].fp_rate == 0.5 and rows["clean"].recall is None
    table = run.format_table(run.score(outcomes))
    assert "figure_changed" in table and "50.0%" in table


def test_corpus_labels_are_complete() -> None:
    labels = run.load_labels(EVAL / "labels.jsonl")
    assert len(labels) >= 300
    kinds = {item["kind"] for item in labels}
    assert {"txt", "md", "html", "docx"} <= kinds and {item["format"] for item in labels} == {"2019", "2021"}
    defects = {item["defect"] for item in labels} - {"clean"}
    assert len(defects) >= 8
    for item in labels:
        assert (EVAL / item["file"]).exists()
        assert (item["defect"] == "clean") == (item["expected_rule"] is None)


def test_subset_end_to_end() -> None:
    labels = run.load_labels(EVAL / "labels.jsonl")
    picked: dict[str, dict] = {}
    for item in labels:
        key = f"{item['defect']}/{item['kind']}"
        picked.setdefault(key, item)
    outcomes = [run.run_case(item) for item in list(picked.values())[:24]]
    assert all(o.error is None for o in outcomes)
    rows = run.score(outcomes)
    assert {r.name for r in rows} == {o.label["defect"] for o in outcomes}
    for o in outcomes:  # the outcome's rules are exactly the rules of its findings
        assert o.rules == {f["rule"] for f in o.findings}
    json.dumps([r.__dict__ for r in rows])
