"""Hermetic by default: every test gets its own config and cache folders and an
environment without real endpoint settings or keys."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _clean_environ(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    import os

    for key in list(os.environ):
        if key.startswith(("DRAFTER_", "OPENAI_")) or key in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
            monkeypatch.delenv(key, raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DRAFTER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
