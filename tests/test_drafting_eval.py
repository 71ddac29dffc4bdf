"""The drafting eval runs hermetically (offline and with the adversarial fake model), and
no injected contradiction reaches the output — figures, years, register, and claims made in
words alone."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parent.parent / "evals" / "drafting" / "run.py"


def load_run():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("drafting_eval_run", RUN)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_offline_eval_passes_every_section() -> None:
    run = load_run()
    totals, inj = run.run("offline")
    for sid in ("s1_overview", "s5_problems", "s6_other"):
        t = totals[sid]
        assert t.n == len(run.load_cases()) and t.first_pass == t.n and t.fallback == 0
    assert totals["whole narrative"].covered == totals["whole narrative"].figures  # every non-zero figure mentioned
    assert inj.injected == 0


def test_adversarial_injections_never_pass_through() -> None:
    run = load_run()
    totals, inj = run.run("fake-adversarial", rate=0.6, persist=0.3, seeds=4)
    kinds = {"changed_figure", "false_zero", "wrong_year", "wrong_register",
             "false_outcome", "false_table2_zero", "false_direction", "false_scope"}
    assert inj.injected > 0 and set(inj.by_kind) <= kinds
    assert set(inj.by_kind) & {"false_outcome", "false_table2_zero", "false_direction", "false_scope"}  # words alone
    assert inj.caught == inj.injected and inj.passed_through == 0
    assert inj.repaired + inj.fell_back > 0
    text = run.report("fake-adversarial", totals, inj)
    assert f"injected {inj.injected}, caught {inj.caught}" in text and "passed through 0" in text


def test_eval_exit_status(capsys) -> None:  # type: ignore[no-untyped-def]
    run = load_run()
    assert run.main(["--backend", "fake-adversarial", "--seeds", "1"]) == 0
    assert "injections:" in capsys.readouterr().out
