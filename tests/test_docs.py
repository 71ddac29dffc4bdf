"""The README is the user's first contact: every command it must mention, it mentions."""

from __future__ import annotations

from pathlib import Path

from drafter.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def test_every_command_is_documented() -> None:
    names = [c.name for c in app.registered_commands]
    assert names, "no commands registered"
    for name in names:
        assert f"drafter {name}" in README, f"README does not document `drafter {name}`"


def test_every_command_has_chinese_help() -> None:
    for command in app.registered_commands:
        doc = (command.callback.__doc__ or "") if command.callback else ""
        assert any("\u4e00" <= ch <= "\u9fff" for ch in doc), command.name


def test_readme_names_the_two_setup_commands() -> None:
    assert "drafter draft examples/minggao-2020/data.yaml" in README
    assert "bash scripts/check" in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8")
    assert "bash scripts/check" in ci
