"""`drafter check` as a clerk runs it, through a real subprocess: exit codes 0/1/2, the JSON
of the check contract, one line per finding, and bad input refused in Chinese without a
traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "minggao-2020.txt"
DATA = ROOT / "examples" / "minggao-2020" / "data.yaml"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", "check", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def test_seed_passes_and_reports_woju() -> None:
    res = run(SEED)
    assert res.returncode == 0, res.stdout + res.stderr
    lines = [line for line in res.stdout.splitlines() if "我局" in line]
    # the section, paragraph and file line, and the quoted words once (the message quotes them)
    assert len(lines) == 1 and lines[0].startswith("提醒：[五、存在的主要问题及改进情况 第2段（第94行）] 正文自称“我局”")
    assert lines[0].count("“我局”") == 1
    res = run(SEED, "--data", DATA)
    assert res.returncode == 0, res.stdout + res.stderr


def test_json_follows_the_contract() -> None:
    res = run(SEED, "--data", DATA, "--json")
    payload = json.loads(res.stdout)
    assert set(payload) == {"report", "findings", "summary"}
    assert payload["report"] == {"organization": "伊川县鸣皋镇人民政府", "year": 2020, "format": "2019"}
    assert payload["summary"] == {
        "errors": sum(f["severity"] == "error" for f in payload["findings"]),
        "warnings": sum(f["severity"] == "warning" for f in payload["findings"]),
    }
    woju = next(f for f in payload["findings"] if f["rule"] == "text.organization")
    assert {"rule", "severity", "section", "message", "quote", "span", "expected", "found"} <= set(woju)
    assert woju["quote"] == "我局" and woju["section"] == "s5_problems" and len(woju["span"]) == 2


def test_contradiction_exits_1(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(SEED.read_text("utf-8").replace("共收到政府信息公开申请0件", "共收到政府信息公开申请3件"), "utf-8")
    res = run(report, "--json")
    assert res.returncode == 1
    (f,) = [f for f in json.loads(res.stdout)["findings"] if f["rule"] == "text.contradiction"]
    assert f["quote"] == "共收到政府信息公开申请3件" and (f["expected"], f["found"]) == (0, 3)
    assert "表三“一、本年新收政府信息公开申请数量”总计为0" in f["message"]
    human = run(report)
    assert human.returncode == 1 and "错误：[一、总体情况 第8段（第21行）] 正文称“共收到政府信息公开申请3件”" in human.stdout


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    files["empty"] = tmp / "empty.txt"
    files["empty"].write_bytes(b"")
    files["binary"] = tmp / "binary.txt"
    files["binary"].write_bytes(bytes(range(256)) * 40)
    files["zip_as_docx"] = tmp / "report.docx"
    with zipfile.ZipFile(files["zip_as_docx"], "w") as zf:
        zf.writestr("notes/readme.txt", "not a word document")
    files["html_no_tables"] = tmp / "report.html"
    files["html_no_tables"].write_text("<html><body><h1>通知</h1><p>这是一则通知，没有表格。</p></body></html>", "utf-8")
    files["huge"] = tmp / "huge.txt"
    files["huge"].write_text(SEED.read_text("utf-8") + "一" * 700_000, "utf-8")
    files["gbk"] = tmp / "gbk.txt"
    files["gbk"].write_bytes(SEED.read_text("utf-8").encode("gbk"))
    files["data_file"] = tmp / "data.yaml"
    shutil.copy(DATA, files["data_file"])
    files["missing"] = tmp / "nothere.txt"
    return files


@pytest.mark.parametrize("case", ["empty", "binary", "zip_as_docx", "html_no_tables", "huge", "gbk", "data_file", "missing"])
def test_bad_input_exits_2_in_chinese(tmp_path: Path, case: str) -> None:
    path = _bad_inputs(tmp_path)[case]
    res = run(path)
    assert res.returncode == 2, (res.returncode, res.stdout, res.stderr)
    assert res.stderr.startswith("错误：") and path.name in res.stderr
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    assert any("\u4e00" <= ch <= "\u9fff" for ch in res.stderr + res.stdout)


def test_gbk_is_read_with_encoding_option(tmp_path: Path) -> None:
    path = _bad_inputs(tmp_path)["gbk"]
    res = run(path, "--encoding", "gbk")
    assert res.returncode == 0, res.stdout + res.stderr


def test_bad_data_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "data.yaml"
    bad.write_text("organization: 某镇人民政府\nyear: 二〇二〇\n", "utf-8")
    res = run(SEED, "--data", bad)
    assert res.returncode == 2 and "Traceback" not in res.stderr and "data.yaml" in res.stderr
