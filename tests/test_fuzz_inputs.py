"""A short fuzzing run (the long one is evals/fuzz_inputs.py): mutated YAML, JSON, XLSX,
DOCX, HTML, TXT and PDF inputs through the command line in-process, each under a time
limit; exit 0/1/2 only, never a traceback or exit 4, the input unchanged. Derandomized,
so a failure here is reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_support import KINDS, make_seeds, mutated, run_input
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES_PER_KIND = 12
SECONDS = 30


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list[bytes]], Path]:
    folder = tmp_path_factory.mktemp("seeds")
    return make_seeds(folder), folder / "report.txt"


@pytest.mark.parametrize("kind", KINDS)
def test_mutated_inputs_end_cleanly(seeds: tuple[dict[str, list[bytes]], Path], kind: str) -> None:
    by_kind, report = seeds
    if not by_kind[kind]:
        pytest.skip(f"no {kind} input is read yet (or no converter to make a seed)")
    tried: list[int] = []

    @settings(max_examples=EXAMPLES_PER_KIND, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(blob=mutated(kind, by_kind[kind]), choice=st.integers(0, 11))
    def prop(blob: bytes, choice: int) -> None:
        tried.append(1)
        outcome = run_input(kind, blob, choice, SECONDS, report)
        assert not outcome.problem, f"{outcome.problem}: {outcome.args}\n{outcome.output}"

    prop()
    assert len(tried) >= EXAMPLES_PER_KIND
