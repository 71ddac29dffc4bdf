"""Every word the command line prints is Chinese: help pages, usage lines, argument errors,
config.yaml errors; `drafter --version`; `python -m drafter`. Option names stay as typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# click/typer's own English, none of which may reach a clerk
CHROME = ("Usage", "Options", "Arguments", "Commands", "[required]", "default:", "Show this message",
          "Error", "Missing", "No such", "Invalid value", "Try '", "Got unexpected", "requires an argument",
          "does not take", "Aborted", "Input should", "<path>", "<str>", "{data_file}")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True, timeout=60, env=env)


def english(text: str) -> list[str]:
    return [w for w in CHROME if w in text]


@pytest.mark.parametrize("args", [["--help"], ["-h"], [], ["draft", "--help"], ["check", "--help"],
                                  ["check-data", "--help"], ["init", "--help"], ["render", "--help"]])
def test_help_pages_are_chinese(args: list[str]) -> None:
    r = run(*args)
    assert r.returncode == 0, r.stderr
    assert english(r.stdout + r.stderr) == []
    assert "用法：python -m drafter" in r.stdout and "选项：" in r.stdout


def test_required_and_default_notes_are_chinese() -> None:
    out = run("draft", "--help").stdout
    assert "[必填]" in out and "默认：2" in out and "0～5" in out and "<路径>" in out


@pytest.mark.parametrize(("args", "says"), [
    (["draft"], "缺少数据文件"),
    (["draft", "d.yaml"], "缺少必填的选项 -o/--output"),
    (["draft", "x", "--bogus"], "没有 --bogus 这个选项"),
    (["check", "--year", "abc"], "没有 --year 这个选项"),
    (["draft", "d.yaml", "-o", "x.docx", "--timeout", "abc"], "--timeout 的值无效：应为数字"),
    (["draft", "d.yaml", "-o", "x.docx", "--max-repairs", "9"], "--max-repairs 的值无效：不能大于 5"),
    (["draft", "d.yaml", "-o"], "选项 -o 后面要写一个值"),
    (["check-data", "d.yaml", "--json=3"], "选项 --json 后面不带值"),
    (["check-data", "a.yaml", "b.yaml"], "多余的参数：b.yaml"),
    (["chek"], "您要的是不是 check"),
    (["init", "某某镇人民政府", "--year", "abc"], "--year 的值无效：应为整数"),
])
def test_argument_errors_are_chinese(args: list[str], says: str) -> None:
    r = run(*args)
    assert r.returncode == 2
    assert says in r.stderr, r.stderr
    assert r.stderr.startswith("错误：") and "Traceback" not in r.stderr
    assert english(r.stderr) == [], r.stderr
    assert r.stdout == ""


def test_an_unknown_option_hint_names_only_options_the_command_has() -> None:
    err = run("draft", "x", "--bogus").stderr
    listed = err.split("这个命令可用的选项：")[1].split("。")[0].split("、")
    assert "--output" in listed and "--encoding" in listed and "--data" not in listed
    err = run("check", "x", "--bogus").stderr
    listed = err.split("这个命令可用的选项：")[1].split("。")[0].split("、")
    assert "--data" in listed and "--output" not in listed


def test_version_and_module() -> None:
    from drafter import __version__

    for args in (["--version"], ["-V"]):
        r = run(*args)
        assert r.returncode == 0 and r.stdout.strip() == f"drafter {__version__}"


@pytest.mark.parametrize("command", ["draft", "render"])
def test_encoding_hint_applies_to_draft_and_render(command: str, tmp_path: Path, examples: Path) -> None:
    """The GBK message suggests --encoding gbk, so draft and render have it and it works."""
    data = tmp_path / "data.yaml"
    data.write_bytes((examples / "township-2023" / "data.yaml").read_text("utf-8").split("\nprevious:")[0].encode("gbk"))
    (tmp_path / "notes.md").write_bytes((examples / "township-2023" / "notes.md").read_bytes())  # UTF-8 beside it
    out = tmp_path / "r.md"
    r = run(command, str(data), "-o", str(out))
    assert r.returncode == 2 and "--encoding gbk" in r.stderr
    r = run(command, str(data), "-o", str(out), "--encoding", "gbk")
    assert r.returncode in (0, 1), r.stderr
    assert "清水镇" in out.read_text("utf-8")


def test_check_encoding_applies_to_the_data_file(tmp_path: Path, examples: Path) -> None:
    src = examples / "township-2023"
    data = tmp_path / "data.yaml"
    data.write_bytes((src / "data.yaml").read_text("utf-8").split("\nprevious:")[0].encode("gbk"))
    report = tmp_path / "r.txt"
    assert run("render", str(src / "data.yaml"), "-o", str(report)).returncode in (0, 1)
    report.write_bytes(report.read_text("utf-8").encode("gbk"))
    r = run("check", str(report), "--data", str(data), "--encoding", "gbk")
    assert r.returncode in (0, 1) and "错误：" not in r.stderr, r.stderr


def test_config_yaml_errors_are_chinese(tmp_path: Path, examples: Path) -> None:
    import os

    (tmp_path / "config.yaml").write_text("endpoints:\n  local:\n    timeout: abc\n    max_retries: -1\n    base_url: [1, 2]\n", "utf-8")
    env = {**os.environ, "DRAFTER_CONFIG_DIR": str(tmp_path)}
    r = run("draft", str(examples / "township-2023" / "data.yaml"), "-o", str(tmp_path / "r.md"), env=env)
    assert r.returncode == 2
    assert "应为数字" in r.stderr and "不能小于 0" in r.stderr and "应为文字" in r.stderr, r.stderr
    assert "Input should" not in r.stderr
    (tmp_path / "config.yaml").write_text("endpoints:\n  local:\n    base_url: [1\n", "utf-8")
    r = run("draft", str(examples / "township-2023" / "data.yaml"), "-o", str(tmp_path / "r.md"), env=env)
    assert r.returncode == 2 and ("第3行" in r.stderr or "第4行" in r.stderr), r.stderr
    assert "while parsing" not in r.stderr and "expected" not in r.stderr
