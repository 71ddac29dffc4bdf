from __future__ import annotations

import importlib

import drafter


def test_public_names_resolve() -> None:
    for name in drafter.__all__:
        module = drafter._LAZY.get(name)
        if module is not None and importlib.util.find_spec(module) is None:
            continue  # a lazily loaded part not installed in this build
        assert getattr(drafter, name) is not None, name


def test_package_is_typed() -> None:
    assert importlib.resources.files("drafter").joinpath("py.typed").is_file()
