from __future__ import annotations

from importlib import resources

import drafter


def test_public_names_resolve() -> None:
    for name in drafter.__all__:
        assert getattr(drafter, name) is not None, name


def test_package_is_typed() -> None:
    assert resources.files("drafter").joinpath("py.typed").is_file()
