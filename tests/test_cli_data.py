"""`drafter init` and `drafter check-data` as a clerk uses them, through a real subprocess
(so exit codes, stderr and the absence of tracebacks are what a user sees)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_help_is_chinese_and_light() -> None:
    code = (
        "import sys; sys.argv=['drafter','--help']\n"
        "from drafter.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "heavy=[m for m in ('openai','langchain_core','langchain_openai','docx','openpyxl') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert "政府信息公开工作年度报告" in out
    assert "HEAVY []" in out


def test_init_then_fill_then_check(tmp_path: Path) -> None:
    r = run("init", "测试县某某镇人民政府", "--year", "2023", "--short-name", "某某镇", "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    data, notes = tmp_path / "data.yaml", tmp_path / "notes.md"
    assert data.exists() and notes.exists()
    assert run("check-data", str(data)).returncode == 0
    # the clerk fills in figures: 3 requests received, all granted
    text = data.read_text("utf-8")
    text = text.replace("new_received: [0, 0, 0, 0, 0, 0]", "new_received: [3, 0, 0, 0, 0, 0]")
    text = text.replace("granted: [0, 0, 0, 0, 0, 0]", "granted: [3, 0, 0, 0, 0, 0]", 1)
    data.write_text(text, "utf-8")
    r = run("check-data", str(data), "--json")
    assert r.returncode == 0, r.stdout
    assert json.loads(r.stdout)["summary"] == {"errors": 0, "warnings": 0}


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "data.yaml").write_text("mine", "utf-8")
    r = run("init", "测试县某某镇人民政府", "--year", "2023", "-o", str(tmp_path))
    assert r.returncode == 2 and "--force" in r.stderr
    assert (tmp_path / "data.yaml").read_text("utf-8") == "mine"
    assert not (tmp_path / "notes.md").exists()


@pytest.mark.parametrize("year", ["2018", "2099"])
def test_init_refuses_years(tmp_path: Path, year: str) -> None:
    r = run("init", "测试县某某镇人民政府", "--year", year, "-o", str(tmp_path))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "报告年度" in r.stderr


def test_init_2020_uses_2019_format(tmp_path: Path) -> None:
    assert run("init", "测试镇人民政府", "--year", "2020", "-o", str(tmp_path)).returncode == 0
    text = (tmp_path / "data.yaml").read_text("utf-8")
    assert 'format: "2019"' in text and "govt_centralized_procurement" in text


BROKEN = {
    "gbk": ("GBK", 2),
    "syntax": ("YAML 语法错误", 2),
    "unknown_key": ("organization", 2),
    "text_cell": ("应是数字", 2),
    "float_cell": ("整数", 2),
    "negative": ("不能是负数", 1),
    "bad_total": ("相差 1", 1),
    "year_2018": ("2019 年以前", 2),
    "year_2099": ("还没有到", 2),
}


def broken_file(tmp_path: Path, examples: Path, kind: str) -> Path:
    src = (examples / "township-2023" / "data.yaml").read_text("utf-8").replace("previous: previous-2022.yaml", "")
    p = tmp_path / "data.yaml"
    edits = {
        "syntax": ("level: township", "level: township\n  oops: 1"),
        "unknown_key": ("organization:", "organisation:"),
        "text_cell": ("new_received:    [5,", "new_received:    [五,"),
        "float_cell": ("new_received:    [5,", "new_received:    [5.0,"),
        "negative": ("admin_penalty:  {decisions_this_year: 8}", "admin_penalty:  {decisions_this_year: -8}"),
        "bad_total": ("review:           [1, 0, 0, 0]", "review:           [1, 0, 0, 0, 2]"),
        "year_2018": ("year: 2023", "year: 2018"),
        "year_2099": ("year: 2023", "year: 2099"),
    }
    if kind == "gbk":
        p.write_bytes(src.encode("gbk"))
    else:
        old, new = edits[kind]
        assert old in src
        p.write_text(src.replace(old, new), "utf-8")
    return p


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_bad_input_is_explained(tmp_path: Path, examples: Path, kind: str) -> None:
    p = broken_file(tmp_path, examples, kind)
    before = hashlib.sha256(p.read_bytes()).hexdigest()
    r = run("check-data", str(p))
    words, code = BROKEN[kind]
    out = r.stdout + r.stderr
    assert r.returncode == code, out
    assert words in out
    assert "Traceback" not in out
    assert "data.yaml" in out
    assert hashlib.sha256(p.read_bytes()).hexdigest() == before


def test_missing_file() -> None:
    r = run("check-data", "no-such-file.yaml")
    assert r.returncode == 2 and "不存在" in r.stderr and "Traceback" not in r.stderr


def test_findings_name_line_and_labels(tmp_path: Path, examples: Path) -> None:
    p = broken_file(tmp_path, examples, "bad_total")
    r = run("check-data", str(p))
    assert "第" in r.stdout and "tables.review_litigation.review.total" in r.stdout and "行政复议" in r.stdout


def test_previous_option(tmp_path: Path, examples: Path) -> None:
    prev = tmp_path / "prev.yaml"
    prev.write_text(
        (examples / "township-2023" / "previous-2022.yaml").read_text("utf-8").replace("[1, 0, 0, 0, 0, 0]", "[2, 0, 0, 0, 0, 0]"),
        "utf-8",
    )
    p = broken_file(tmp_path, examples, "syntax").with_name("ok.yaml")
    p.write_text((examples / "township-2023" / "data.yaml").read_text("utf-8").replace("previous: previous-2022.yaml", ""), "utf-8")
    r = run("check-data", str(p), "--previous", str(prev))
    assert r.returncode == 0  # carry-over mismatch is a warning
    assert "上年结转" in r.stdout and "提醒" in r.stdout


def test_internal_error_is_a_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch, examples: Path) -> None:
    from typer.testing import CliRunner

    import drafter.rules
    from drafter.cli import app

    def boom(data: object) -> list:
        raise RuntimeError("bug")

    monkeypatch.setattr(drafter.rules, "check_tables", boom)
    result = CliRunner().invoke(app, ["check-data", str(examples / "minggao-2020" / "data.yaml")])
    assert result.exit_code == 4
    assert "内部错误" in result.output and "Traceback" not in result.output


def test_findings_serialise_decimals() -> None:
    from decimal import Decimal

    from drafter.findings import Finding

    f = Finding("text.arithmetic", "error", "m", expected=Decimal("1.5"), found=Decimal(2), extra={"parts": [Decimal(1)]})
    assert json.loads(json.dumps(f.to_dict())) ["extra"] == {"parts": [1]}
