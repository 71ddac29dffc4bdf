"""The public API of drafter.render: render(), write_report(), the kinds and extensions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.data import load_data
from drafter.errors import RenderError
from drafter.render import EXTENSIONS, KINDS, kind_for, render, write_report
from drafter.report import Narrative, Paragraph, Report, SectionDraft

ROOT = Path(__file__).resolve().parents[1]
MINGGAO = ROOT / "examples" / "minggao-2020" / "data.yaml"


def report() -> Report:
    data = load_data(MINGGAO)
    section = SectionDraft(id="s6_other", paragraphs=[Paragraph(text="无")], origin="human")
    return Report.build(data, Narrative(sections={"s6_other": section}), provenance={"backend": "offline"})


@pytest.mark.parametrize(("suffix", "kind"), sorted(EXTENSIONS.items()))
def test_write_report_picks_the_kind_from_the_extension(tmp_path: Path, suffix: str, kind: str) -> None:
    r = report()
    path = write_report(r, tmp_path / f"报告{suffix.upper() if suffix == '.htm' else suffix}")
    assert path.read_bytes() == render(r, kind) or kind == "docx"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind
    if kind == "docx":
        assert path.read_bytes()[:2] == b"PK"


def test_write_report_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("旧内容", encoding="utf-8")
    write_report(report(), target)
    assert target.read_text(encoding="utf-8").startswith("伊川县鸣皋镇人民政府2020年政府信息公开工作年度报告")


@pytest.mark.parametrize("name", ["r.pdf", "r", "r.doc", "r.yaml"])
def test_unsupported_extension_is_refused_in_chinese(tmp_path: Path, name: str) -> None:
    with pytest.raises(RenderError) as info:
        write_report(report(), tmp_path / name)
    message = info.value.describe()
    assert "不支持的文件扩展名" in message
    for suffix in (".docx", ".html", ".htm", ".md", ".txt", ".json"):
        assert suffix in message
    assert not any(tmp_path.iterdir())


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(RenderError) as info:
        render(report(), "pdf")
    assert "docx" in info.value.message and "不支持的输出类型" in info.value.message
    assert kind_for("a/b/C.HTM") == "html"
    assert set(KINDS) == set(EXTENSIONS.values())


def test_unwritable_place_is_a_render_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        write_report(report(), blocker / "r.md")
    assert "无法写入报告文件" in info.value.message


def test_json_is_the_draft_format_and_round_trips() -> None:
    r = report()
    raw = render(r, "json").decode("utf-8")
    doc = json.loads(raw)
    assert doc["kind"] == "drafter-report" and doc["version"] == 1
    assert "伊川县鸣皋镇人民政府" in raw  # ensure_ascii off
    assert raw.startswith('{\n  "kind"')  # indented
    assert Report.model_validate_json(raw) == r


def test_text_kinds_are_utf8_and_start_with_the_title() -> None:
    r = report()
    for kind in ("md", "txt", "html"):
        text = render(r, kind).decode("utf-8")
        assert "伊川县鸣皋镇人民政府2020年政府信息公开工作年度报告" in text
        assert "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止" in text
        assert "国办公开办函〔2019〕60号" in text and "〔2021〕30号" not in text


def test_importing_render_loads_no_heavy_library() -> None:
    code = (
        "import sys, drafter.render, drafter.render.view;"
        "print(sorted(m for m in ('docx', 'jinja2', 'openpyxl', 'openai', 'langchain_core') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
