"""Hostile text renders safely in every format, or is refused with a clear Chinese message."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document

from drafter.data import load_data
from drafter.errors import DrafterError, RenderError
from drafter.render import KINDS, render, write_report
from drafter.report import Narrative, Paragraph, Report, SectionDraft

DATA_2021 = Path(__file__).parent / "fixtures" / "render-2021.yaml"

TRAVERSAL = "请见../../x和..\\..\\y"
SCRIPT = "<script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }}{% for x in range(3) %}{{ x }}{% endfor %}"
LONG = "公开" * 5000  # a 10,000-character line
EMOJI = "群众点赞👍🏻数量🇨🇳增加"
CONTROLS = "a\x00b\x07c\x1bd\x0ce\x7ff\ud800g"
CLEANED_CONTROLS = "abcdefg"
MARKDOWN = "# 不是标题 *强调* [链接](http://x) | 竖线 `代码` &amp;"
HOSTILE = [TRAVERSAL, SCRIPT, TEMPLATE, LONG, EMOJI, CONTROLS, MARKDOWN]
EXPECTED = [TRAVERSAL, SCRIPT, TEMPLATE, LONG, EMOJI, CLEANED_CONTROLS, MARKDOWN]


def hostile_report(provenance: dict | None = None) -> Report:
    data = load_data(DATA_2021)
    sections = {
        "s1_overview": SectionDraft(
            id="s1_overview", paragraphs=[Paragraph(text=t) for t in HOSTILE], suggested=True
        ),
        "s5_problems": SectionDraft(
            id="s5_problems",
            paragraphs=[Paragraph(text=SCRIPT, heading=True), Paragraph(text="一是公开不够及时。")],
            needs_review=True,
            provenance={"findings_summary": '"><script>alert(2)</script>{{ 7*7 }}' + CONTROLS},
        ),
    }
    return Report.build(data, Narrative(sections=sections), provenance=provenance)


def test_html_escapes_everything() -> None:
    html = render(hostile_report(), "html").decode("utf-8")
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("script") is None
    assert "<script>" not in html
    paragraphs = [p.get_text() for p in soup.find("section", id="s1_overview").find_all("p")]
    assert paragraphs == EXPECTED
    assert soup.find("section", id="s5_problems").find("h3").get_text() == SCRIPT
    note = soup.find("section", id="s5_problems").find("div", class_="draft-mark")["data-note"]
    assert '"><script>alert(2)</script>{{ 7*7 }}abcdefg' in note
    assert "49" not in soup.get_text()


def test_markdown_escapes_everything() -> None:
    md = render(hostile_report(), "md").decode("utf-8")
    assert "<script>" not in md and "\\<script\\>" in md
    unescaped = [re.sub(r"\\(.)", r"\1", line) for line in md.split("\n")]
    for text in EXPECTED:
        assert text in unescaped
    assert "\\# 不是标题 \\*强调\\* \\[链接\\](http://x) \\| 竖线 \\`代码\\` \\&amp;" in md.split("\n")
    assert "49" not in md


def test_text_keeps_the_words_without_controls() -> None:
    txt = render(hostile_report(), "txt").decode("utf-8")
    lines = txt.split("\n")
    for text in EXPECTED:
        assert text in lines
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", txt)


def test_docx_holds_the_text_literally() -> None:
    doc = Document(io.BytesIO(render(hostile_report(), "docx")))
    texts = [p.text for p in doc.paragraphs]
    for text in EXPECTED:
        assert text in texts
    assert SCRIPT in texts
    assert len(next(t for t in texts if t.startswith("公开公开"))) == 10_000
    comment = [c.text for c in doc.comments]
    assert any('"><script>alert(2)</script>{{ 7*7 }}abcdefg' in c for c in comment)


def test_json_is_the_draft_with_clean_strings() -> None:
    raw = render(hostile_report(), "json").decode("utf-8")
    doc = json.loads(raw)
    assert doc["kind"] == "drafter-report"
    texts = [p["text"] for p in doc["narrative"]["sections"]["s1_overview"]["paragraphs"]]
    assert texts == EXPECTED
    assert "群众点赞👍🏻" in raw  # not \\u-escaped
    assert Report.model_validate_json(raw).narrative.sections["s1_overview"].paragraphs[0].text == TRAVERSAL


@pytest.mark.parametrize("organization", ["../../x镇人民政府", "<script>alert(1)</script>", "{{ 7*7 }}镇", "镇" * 10_000])
@pytest.mark.parametrize("kind", KINDS)
def test_hostile_organization_is_refused(organization: str, kind: str) -> None:
    report = hostile_report()
    data = dict(report.data)
    data["organization"] = organization
    bad = report.model_copy(update={"data": data})
    with pytest.raises(RenderError) as info:
        render(bad, kind)
    assert "报告中的数据无效" in info.value.describe()
    assert "organization" in info.value.describe()


def test_emoji_and_controls_in_organization_render() -> None:
    report = hostile_report()
    data = dict(report.data)
    data["organization"] = "青山县\x07城关镇🏛人民政府"
    report = report.model_copy(update={"data": data})
    for kind in KINDS:
        out = render(report, kind).decode("utf-8") if kind != "docx" else None
        if out is not None and kind != "json":
            assert "青山县城关镇🏛人民政府2023年政府信息公开工作年度报告" in out
    doc = Document(io.BytesIO(render(report, "docx")))
    assert doc.paragraphs[0].text == "青山县城关镇🏛人民政府2023年政府信息公开工作年度报告"


def test_writing_never_leaves_the_given_path(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    written = write_report(hostile_report(), target)
    assert written == target
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["out", "out/report.html"]


def test_publish_with_hostile_text_still_refuses_needs_review() -> None:
    with pytest.raises(DrafterError):
        render(hostile_report({"publish": True}), "html")
