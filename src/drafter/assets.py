"""Locate the files shipped with drafter (prompts, templates, examples).

In a wheel they live inside the package (drafter/prompts …); in a source checkout they
are the top-level folders of the repository. Either way, callers get one Path.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def asset_dir(name: str) -> Path:
    """The folder `name` ("prompts", "templates", "examples")."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"drafter is missing its {name}/ folder; reinstall the package")
