"""DOCX: page setup, east-Asian fonts, merged table cells, readable paragraphs, review marks."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from drafter.data import ReportData, load_data
from drafter.render import render, write_report
from drafter.render.tables import build_tables
from drafter.report import Narrative, Paragraph, Report, SectionDraft

ROOT = Path(__file__).resolve().parents[1]
MINGGAO = ROOT / "examples" / "minggao-2020" / "data.yaml"
DATA_2021 = Path(__file__).parent / "fixtures" / "render-2021.yaml"

OVERVIEW = ["（一）主动公开", "全年通过政府网站主动公开政府信息326条。", "（二）依申请公开", "本年新收政府信息公开申请10件。"]
PROBLEMS = ["一是公开不够及时。", "二是解读形式单一。"]


def make_report(path: Path, **flags: dict) -> tuple[Report, ReportData]:
    data = load_data(path)
    sections = {
        "s1_overview": SectionDraft(
            id="s1_overview",
            paragraphs=[Paragraph(text=t, heading=t.startswith("（")) for t in OVERVIEW],
            **flags.get("s1_overview", {}),
        ),
        "s5_problems": SectionDraft(
            id="s5_problems", paragraphs=[Paragraph(text=t) for t in PROBLEMS], **flags.get("s5_problems", {})
        ),
        "s6_other": SectionDraft(id="s6_other", paragraphs=[Paragraph(text="无")]),
    }
    return Report.build(data, Narrative(sections=sections)), data


def reopen(report: Report):
    return Document(io.BytesIO(render(report, "docx")))


def east_asia(element) -> str | None:
    fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts")) if element.tag != qn("w:rPr") else None
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_page_is_a4_with_official_margins() -> None:
    report, _ = make_report(DATA_2021)
    section = reopen(report).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    for margin, mm in ((section.top_margin, 37), (section.bottom_margin, 35), (section.left_margin, 28), (section.right_margin, 26)):
        assert abs(margin - Mm(mm)) < Mm(0.5)


def test_styles_name_east_asian_fonts() -> None:
    report, _ = make_report(DATA_2021)
    doc = reopen(report)
    expected = {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312", "表格文字": "宋体"}
    for name, font in expected.items():
        style = doc.styles[name]
        fonts = style.element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
    assert doc.styles["Normal"].font.size == Pt(16)
    assert doc.styles["Title"].font.size == Pt(22)
    body = doc.styles["Normal"].paragraph_format
    assert body.line_spacing == Pt(28.95)
    assert doc.styles["Normal"].element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    # runs carry the font too (WPS reads the run attribute)
    title = doc.paragraphs[0]
    assert title.style.name == "Title" and title.alignment in (None, WD_ALIGN_PARAGRAPH.CENTER)
    assert doc.styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    for p in doc.paragraphs:
        for run in p.runs:
            assert run._r.rPr.rFonts.get(qn("w:eastAsia")), p.text


def test_every_paragraph_reads_back_in_order() -> None:
    report, data = make_report(DATA_2021)
    doc = reopen(report)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "青山县城关镇人民政府2023年政府信息公开工作年度报告"
    assert "国办公开办函〔2021〕30号" in texts[1]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{s.number}、{s.label}" for s in data.spec.sections]
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 2"] == ["（一）主动公开", "（二）依申请公开"]
    for text in OVERVIEW + PROBLEMS + ["无"]:
        assert text in texts
    assert texts.index(OVERVIEW[1]) < texts.index(PROBLEMS[0]) < texts.index("无")


@pytest.mark.parametrize("path", [MINGGAO, DATA_2021], ids=["2019", "2021"])
def test_tables_are_merged_as_the_layout_says(path: Path) -> None:
    report, data = make_report(path)
    doc = reopen(report)
    model = build_tables(data)
    assert len(doc.tables) == 3
    for docx_table, table in zip(doc.tables, model, strict=True):
        grid = table.grid()
        assert len(docx_table.rows) == len(grid) and len(docx_table.columns) == table.width
        origin = {id(slot.cell): (r, c) for r, line in enumerate(grid) for c, slot in enumerate(line) if slot.origin}
        matrix = [row.cells for row in docx_table.rows]  # one _Cell per grid position, merges resolved
        for r, line in enumerate(grid):
            assert len(matrix[r]) == table.width
            for c, slot in enumerate(line):
                cell = matrix[r][c]
                assert cell.text == slot.cell.text
                # every position a merged cell covers is that one cell
                origin_r, origin_c = origin[id(slot.cell)]
                assert cell._tc is matrix[origin_r][origin_c]._tc
    t3 = doc.tables[1]
    results = 22 if data.format == "2021" else 20
    assert t3.cell(0, 0)._tc is t3.cell(2, 2)._tc  # corner note 3 × 3
    assert t3.cell(3, 0)._tc is t3.cell(3, 2)._tc  # 一、 colspan 3
    assert t3.cell(5, 0)._tc is t3.cell(5 + results - 1, 0)._tc
    assert t3.cell(5, 0)._tc is not t3.cell(5 + results, 0)._tc
    assert t3.cell(5, 0).text == "三、本年度办理结果"
    t4 = doc.tables[2]
    assert t4.cell(0, 5)._tc is t4.cell(0, 14)._tc and t4.cell(0, 5).text == "行政诉讼"
    assert t4.cell(1, 0)._tc is t4.cell(2, 0)._tc
    assert [t4.cell(3, c).text for c in range(15)] == [
        str(data.review(g, leaf)) for g in ("review", "lit_direct", "lit_after_review")
        for leaf in ("upheld", "corrected", "other", "pending", "total")
    ]
    # header rows of 表三 repeat on a new page
    assert all(t3.rows[r]._tr.trPr.find(qn("w:tblHeader")) is not None for r in range(3))


def test_suggested_text_carries_a_comment() -> None:
    report, _ = make_report(DATA_2021, s1_overview={"suggested": True, "origin": "llm"})
    doc = reopen(report)
    comments = list(doc.comments)
    assert len(comments) == 1
    assert comments[0].text == "以下内容由语言模型起草，数字和必需内容已通过核对；请通读，确认表述与素材一致后删除本批注。"
    assert comments[0].author == "drafter"
    body = doc.element.body
    start = body.findall(".//" + qn("w:commentRangeStart"))
    end = body.findall(".//" + qn("w:commentRangeEnd"))
    assert len(start) == 1 and len(end) == 1
    # the range covers the section text: from its first paragraph to its last
    first = next(p for p in doc.paragraphs if p.text == OVERVIEW[0])
    last = next(p for p in doc.paragraphs if p.text == OVERVIEW[-1])
    assert start[0].getparent() is first._p and end[0].getparent() is last._p
    assert not any(run.font.highlight_color for p in doc.paragraphs for run in p.runs)


def test_needs_review_is_highlighted_and_explained() -> None:
    reason = {"findings_summary": "正文称“收到申请3件”，但表三“本年新收”总计为10"}
    report, _ = make_report(DATA_2021, s5_problems={"needs_review": True, "origin": "fallback", "provenance": reason})
    doc = reopen(report)
    comments = list(doc.comments)
    assert len(comments) == 1
    text = comments[0].text
    assert "收到申请3件" in text and "清除突出显示" in text and "删除本批注" in text
    assert "本节改用依据素材和表格生成的文字" in text  # origin "fallback": the model's text was replaced
    for p in doc.paragraphs:
        highlighted = {run.font.highlight_color for run in p.runs if run.text}  # not the comment-reference run
        if p.text in PROBLEMS:
            assert highlighted == {WD_COLOR_INDEX.YELLOW}
        else:
            assert highlighted <= {None}


def test_footer_has_a_page_field() -> None:
    report, _ = make_report(DATA_2021)
    footer = reopen(report).sections[0].footer
    xml = footer._element.xml
    assert "PAGE" in "".join(t.text or "" for t in footer._element.iter(qn("w:instrText")))
    assert "begin" in xml and "end" in xml
    assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_document(tmp_path: Path) -> None:
    report, _ = make_report(DATA_2021, s1_overview={"suggested": True}, s5_problems={"needs_review": True})
    path = write_report(report, tmp_path / "report.docx")
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "txt:Text",
         "--outdir", str(tmp_path / "out"), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    text = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8-sig")
    assert "青山县城关镇人民政府2023年政府信息公开工作年度报告" in text
    assert "三、本年度办理结果" in text and PROBLEMS[1] in text


def test_needs_review_of_offline_text_does_not_claim_a_fallback() -> None:
    reason = {"findings_summary": "由素材生成的文字未通过数字核对：正文称“收到申请3件”"}
    report, _ = make_report(DATA_2021, s5_problems={"needs_review": True, "origin": "offline", "provenance": reason})
    text = next(iter(reopen(report).comments)).text
    assert "由素材生成的文字未通过数字核对" in text and "离线生成" not in text
