"""Findings a person can find: the paragraph (and, in a text file, the line) of every finding
in the text; the quoted words printed once; identical findings grouped with their places; an
unsupported figure named with the figure the data holds; no clauses about empty cells."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.finding_lines import check_line, check_lines
from drafter.findings import Finding, locate


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def township(tmp_path: Path, examples: Path) -> tuple[Path, Path]:
    """The township example rendered to text, then edited as a clerk might."""
    src = examples / "township-2023"
    for name in ("data.yaml", "notes.md", "previous-2022.yaml"):
        (tmp_path / name).write_bytes((src / name).read_bytes())
    report = tmp_path / "r.txt"
    assert run("render", str(tmp_path / "data.yaml"), "-o", str(report)).returncode == 0
    return tmp_path / "data.yaml", report


def _edit(report: Path, *pairs: tuple[str, str]) -> Path:
    text = report.read_text("utf-8")
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new, 1)
    out = report.with_name("edited.txt")
    out.write_text(text, "utf-8")
    return out


def _line_of(path: Path, words: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if words in line)


def test_json_findings_carry_paragraph_and_line(township: tuple[Path, Path]) -> None:
    data, report = township
    edited = _edit(report, ("作出行政许可处理决定12件", "作出行政许可处理决定13件"))
    r = run("check", str(edited), "--data", str(data), "--json")
    assert r.returncode == 1, r.stderr
    found = json.loads(r.stdout)["findings"]
    f = next(f for f in found if f["quote"] and "13件" in f["quote"])
    assert f["line"] == _line_of(edited, "行政许可处理决定13件")
    # the documented fields are all still there
    assert {"rule", "severity", "section", "message", "quote", "span", "expected", "found", "paragraph", "line"} <= set(f)
    section = edited.read_text("utf-8").split("一、总体情况")[2 if edited.read_text("utf-8").count("一、总体情况") > 1 else 1]
    paragraphs = [p for p in section.split("\n") if p.strip()]
    assert "13件" in paragraphs[f["paragraph"] - 1]


def test_check_line_names_section_paragraph_line_and_quotes_once(township: tuple[Path, Path]) -> None:
    data, report = township
    edited = _edit(report, ("作出行政许可处理决定12件", "作出行政许可处理决定13件"))
    out = run("check", str(edited), "--data", str(data)).stdout
    line = next(x for x in out.splitlines() if "13件" in x)
    assert line.startswith("错误：[一、总体情况 第")
    assert f"（第{_line_of(edited, '行政许可处理决定13件')}行）" in line
    assert line.count("“行政许可处理决定13件”") == 1


def test_unsupported_figure_names_what_the_data_holds(township: tuple[Path, Path]) -> None:
    data, report = township
    edited = _edit(report, ("主动公开政府信息236条", "主动公开政府信息180条"))
    r = run("check", str(edited), "--data", str(data), "--json")
    f = next(f for f in json.loads(r.stdout)["findings"] if f["quote"] == "180条")
    assert f["rule"] == "text.unsupported"
    assert "门户网站主动公开政府信息" in f["message"] and "为236条" in f["message"]
    assert f["extra"]["held"]["value"] == 236


def test_unsupported_figure_without_a_likely_source_says_nothing_more(township: tuple[Path, Path]) -> None:
    data, report = township
    edited = _edit(report, ("更新48期", "更新48期，修缮道路1250米"))
    r = run("check", str(edited), "--data", str(data), "--json")
    found = [f for f in json.loads(r.stdout)["findings"] if f["rule"] == "text.unsupported" and "1250" in (f["quote"] or "")]
    for f in found:
        assert "为" not in f["message"].split("找不到依据")[1].split("。")[0]


def test_identical_findings_are_grouped_with_their_places(township: tuple[Path, Path]) -> None:
    data, report = township
    text = report.read_text("utf-8").replace("我镇", "我局")
    edited = report.with_name("woju.txt")
    edited.write_text(text, "utf-8")
    out = run("check", str(edited), "--data", str(data)).stdout
    lines = [x for x in out.splitlines() if "我局" in x]
    assert len(lines) == 1
    assert "；" in lines[0].split("]")[0] and "共" in lines[0] and "处）" in lines[0]
    # the JSON keeps every finding
    js = json.loads(run("check", str(edited), "--data", str(data), "--json").stdout)
    assert sum(1 for f in js["findings"] if "我局" in f["message"]) > 1


def test_no_clause_about_empty_cells(township: tuple[Path, Path]) -> None:
    data, report = township
    edited = _edit(report, ("2023年，河阳县清水镇人民政府", "2023年，共收到政府信息公开申请9件，河阳县清水镇人民政府"))
    out = run("check", str(edited), "--data", str(data)).stdout
    line = next(x for x in out.splitlines() if "申请9件" in x)
    assert "（0）" not in line
    assert "不等于" not in line or line.count("为6") + line.count("（7）") >= 1


def test_locate_counts_paragraphs_and_maps_lines() -> None:
    text = "第一段。\n第二段有一个数字9件。\n第三段。"
    f = Finding("text.unsupported", "warning", "m", section="s1_overview", quote="9件", span=(text.index("9件"), text.index("9件") + 2))
    (g,) = locate([f], {"s1_overview": text})
    assert g.paragraph == 2 and g.line is None
    (h,) = locate([f], {"s1_overview": text}, {"s1_overview": [10, 12, 15]})
    assert h.paragraph == 2 and h.line == 12
    assert h.to_dict()["paragraph"] == 2 and h.to_dict()["line"] == 12
    nowhere = Finding("table.balance", "error", "m", place="tables.requests.new_received.total")
    assert locate([nowhere], {"s1_overview": text}) == [nowhere]


def test_lines_group_only_identical_findings() -> None:
    a = Finding("text.organization", "warning", "正文自称“我局”，不应这样自称。", section="s1_overview", quote="我局", span=(0, 2), paragraph=1)
    b = Finding("text.organization", "warning", "正文自称“我局”，不应这样自称。", section="s5_problems", quote="我局", span=(0, 2), paragraph=3, line=40)
    c = Finding("style.placeholder", "warning", "留有占位符。", section="s1_overview", quote="XX", span=(5, 7), paragraph=2)
    lines = check_lines([a, c, b])
    assert lines[0] == "提醒：[一、总体情况 第1段；五、存在的主要问题及改进情况 第3段（第40行）]（共2处） 正文自称“我局”，不应这样自称。"
    assert lines[1] == check_line(c) == "提醒：[一、总体情况 第2段] “XX” 留有占位符。"
    assert len(lines) == 2


def test_word_report_findings_name_the_paragraph(tmp_path: Path, examples: Path) -> None:
    import docx

    data = examples / "township-2023" / "data.yaml"
    out = tmp_path / "r.docx"
    assert run("render", str(data), "-o", str(out)).returncode == 0
    d = docx.Document(str(out))
    target = next(p for p in d.paragraphs if "行政许可处理决定12件" in p.text)
    for run_ in target.runs:
        run_.text = run_.text.replace("12件", "13件")
    assert "13件" in target.text
    d.save(str(out))
    r = run("check", str(out), "--data", str(data), "--json")
    f = next(f for f in json.loads(r.stdout)["findings"] if f["quote"] and "13件" in f["quote"])
    assert f["paragraph"] is not None and f["line"] is None
    body = [p.text for p in d.paragraphs if p.text.strip()]
    start = next(i for i, t in enumerate(body) if t.strip().startswith("一、总体情况"))
    assert "13件" in body[start + f["paragraph"]]


def test_a_contradiction_names_no_empty_or_repeated_cell() -> None:
    from drafter.data import parse_data
    from drafter.validate import check_narrative

    data = parse_data({"organization": "某某县某某镇人民政府", "level": "township", "year": 2023,
                       "tables": {"requests": {"new_received": {"natural_person": 5}}}})
    findings = check_narrative(data, {"s1_overview": "全年，我镇共收到政府信息公开申请9件。"})
    f = next(f for f in findings if f.rule == "text.contradiction")
    assert "为5" in f.message and "不等于" not in f.message and "（0）" not in f.message
    assert f.paragraph == 1
    empty = parse_data({"organization": "某某县某某镇人民政府", "level": "township", "year": 2023})
    g = next(f for f in check_narrative(empty, {"s1_overview": "第一段。\n全年，我镇共收到政府信息公开申请9件。"})
             if f.rule == "text.contradiction")
    assert "（0）" not in g.message and g.paragraph == 2
