"""Word documents with tracked changes (修订) are read as they will read once every change is
accepted; what must not be published (drafter's comments and highlights, open review
comments, pending revisions) is reported with its place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx_support import (
    DATA,
    FIGURE_CONTEXT,
    add_comments_extended,
    change,
    draft,
    edit_docx,
    paragraph_with,
    revision,
    run_cli,
    tracked_change,
    w,
)

from drafter.reader import read_report
from drafter.reader.revisions import read_paragraph
from drafter.validate import check_file


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return draft(tmp_path_factory.mktemp("draft"))


def _rules(path: Path, data: Path | None = DATA) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for f in check_file(path, data_path=data).findings:
        out.setdefault(f.rule, []).append(f)
    return out


def test_the_draft_itself_passes(drafted: Path) -> None:
    result = run_cli("check", drafted, "--data", DATA)
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.output


def test_a_figure_changed_with_track_changes_is_checked(drafted: Path, tmp_path: Path) -> None:
    edited = edit_docx(drafted, tmp_path / "tc.docx", tracked_change(FIGURE_CONTEXT, "6", "9"))
    parsed = read_report(edited)
    overview = parsed.section("s1_overview")
    assert overview is not None
    assert "共新收政府信息公开申请9件" in overview.text and "申请69件" not in overview.text and "申请96件" not in overview.text
    rules = _rules(edited)
    contradiction = rules["text.contradiction"][0]
    assert contradiction.found == 9 and contradiction.expected == 6
    assert contradiction.quote == "全年共新收政府信息公开申请9件"
    assert overview.text[contradiction.span[0]:contradiction.span[1]] == contradiction.quote
    pending = rules["style.revisions"][0]
    assert pending.severity == "warning" and "插入 1 处、删除 1 处" in pending.message
    result = run_cli("check", edited, "--data", DATA)
    assert result.exit_code == 1
    assert "未发现问题" not in result.output and "尚未接受或拒绝的修订" in result.output


def test_deleted_text_is_not_checked(drafted: Path, tmp_path: Path) -> None:
    """A wrong figure the reviewer struck out with track changes on is gone."""
    def edit(root: Any) -> None:
        tracked_change(FIGURE_CONTEXT, "6", "9")(root)
        # reject nothing, but delete the wrong figure again and insert the right one inside the insertion
        inserted = next(root.iter(w("ins")))
        run = inserted.find(w("r"))
        gone = revision("del", 903, "李四")
        run.addprevious(gone)
        gone.append(run)
        run.find(w("t")).tag = w("delText")
        right = docx.oxml.parse_xml(f'<w:r xmlns:w="{w("")[1:-1]}"><w:t>6</w:t></w:r>')
        inserted.append(right)

    edited = edit_docx(drafted, tmp_path / "twice.docx", edit)
    overview = read_report(edited).section("s1_overview")
    assert overview is not None and "共新收政府信息公开申请6件" in overview.text
    assert "text.contradiction" not in _rules(edited)


def test_a_plain_edit_has_no_pending_revisions(drafted: Path, tmp_path: Path) -> None:
    edited = edit_docx(drafted, tmp_path / "plain.docx", change(FIGURE_CONTEXT, "6", "9"))
    rules = _rules(edited)
    assert "style.revisions" not in rules
    assert rules["text.contradiction"][0].quote == "全年共新收政府信息公开申请9件"


def test_moved_text_reads_where_it_was_moved_to(drafted: Path, tmp_path: Path) -> None:
    sentence = "二是开展政务公开业务培训2次，参训干部60人次。"

    def edit(root: Any) -> None:
        source = paragraph_with(root, sentence)
        for t in source.iter(w("t")):
            if sentence in (t.text or ""):
                before = t.text[: t.text.index(sentence)]
                run = t.getparent()
                t.text = before
                moved = docx.oxml.parse_xml(f'<w:r xmlns:w="{w("")[1:-1]}"><w:delText>{sentence}</w:delText></w:r>')
                away = revision("moveFrom", 904)
                away.append(moved)
                run.addnext(away)
        target = paragraph_with(root, "一是完善县政府门户网站镇级专栏")
        here = revision("moveTo", 905)
        here.append(docx.oxml.parse_xml(f'<w:r xmlns:w="{w("")[1:-1]}"><w:t>{sentence}</w:t></w:r>'))
        target.append(here)

    edited = edit_docx(drafted, tmp_path / "moved.docx", edit)
    text = read_report(edited).section("s1_overview").text  # type: ignore[union-attr]
    assert text.count(sentence) == 1
    assert "及时更新。" + sentence in text
    assert "把政务公开纳入年度工作考核；" + sentence not in text
    assert "移动 1 处" in _rules(edited)["style.revisions"][0].message


def test_a_deleted_paragraph_mark_joins_two_paragraphs(drafted: Path, tmp_path: Path) -> None:
    heading = "（四）政府信息公开平台建设情况"

    def edit(root: Any) -> None:
        p = paragraph_with(root, heading)
        ppr = p.find(w("pPr"))
        rpr = docx.oxml.parse_xml(f'<w:rPr xmlns:w="{w("")[1:-1]}"/>')
        rpr.append(revision("del", 906))
        ppr.append(rpr)

    edited = edit_docx(drafted, tmp_path / "joined.docx", edit)
    lines = read_report(edited).section("s1_overview").text.split("\n")  # type: ignore[union-attr]
    assert heading not in lines
    assert heading + "一是完善县政府门户网站镇级专栏" in lines[lines.index("（三）政府信息管理情况") + 2]


def test_text_without_revisions_reads_as_python_docx_reads_it(drafted: Path) -> None:
    word = docx.Document(str(drafted))
    for paragraph in word.paragraphs:
        assert read_paragraph(paragraph._p).text == paragraph.text
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    assert read_paragraph(paragraph._p).text == paragraph.text


def test_drafter_marks_and_open_comments_are_findings(tmp_path: Path) -> None:
    from drafter.data import load_data
    from drafter.render import write_report
    from drafter.report import Narrative, Paragraph, Report, SectionDraft

    data = load_data(DATA)
    sections = {
        "s1_overview": SectionDraft(id="s1_overview", paragraphs=[Paragraph(text="本年新收政府信息公开申请6件。")],
                                    suggested=True, origin="llm"),
        "s5_problems": SectionDraft(id="s5_problems", paragraphs=[Paragraph(text="一是公开不够及时。"), Paragraph(text="二是解读形式单一。")],
                                    needs_review=True, origin="fallback"),
        "s6_other": SectionDraft(id="s6_other", paragraphs=[Paragraph(text="本年度未收取信息处理费。")]),
    }
    path = write_report(Report.build(data, Narrative(sections=sections)), tmp_path / "marked.docx")
    word = docx.Document(str(path))
    target = next(p for p in word.paragraphs if p.text == "本年度未收取信息处理费。")
    word.add_comment(target.runs, text="这句话请再核实。", author="李四", initials="LS")
    word.save(str(path))

    rules = _rules(path)
    ai = rules["style.draft_comment"]
    assert {f.section for f in ai} == {"s1_overview", "s5_problems"}
    assert all(f.severity == "error" for f in ai)
    overview = next(f for f in ai if f.section == "s1_overview")
    assert overview.quote == "本年新收政府信息公开申请6件。" and overview.span == (0, len(overview.quote))
    highlight = rules["style.highlight"]
    assert [f.section for f in highlight] == ["s5_problems"]
    assert highlight[0].quote == "一是公开不够及时。" and "2处" in highlight[0].message
    reviewer = rules["style.open_comment"]
    assert len(reviewer) == 1 and reviewer[0].section == "s6_other"
    assert reviewer[0].quote == "本年度未收取信息处理费。" and "李四" in reviewer[0].message
    assert "这句话请再核实" in reviewer[0].message
    result = run_cli("check", path, "--data", DATA)
    assert result.exit_code == 1 and "[六、其他需要报告的事项 第1段] “本年度未收取信息处理费。” 李四的批注尚未处理" in result.output


def test_a_resolved_comment_is_not_reported(drafted: Path, tmp_path: Path) -> None:
    word = docx.Document(str(drafted))
    target = next(p for p in word.paragraphs if "把政务公开纳入年度工作考核" in p.text)
    comment = word.add_comment(target.runs, text="已改。", author="李四", initials="LS")
    para_id = "1A2B3C4D"
    comment.paragraphs[-1]._p.set("{http://schemas.microsoft.com/office/word/2010/wordml}paraId", para_id)
    path = tmp_path / "resolved.docx"
    word.save(str(path))
    assert "style.open_comment" in _rules(path)
    add_comments_extended(path, {para_id: True})
    assert "style.open_comment" not in _rules(path)


def test_a_table_cell_changed_with_track_changes_is_read_as_changed(drafted: Path, tmp_path: Path) -> None:
    def edit(root: Any) -> None:
        table = list(root.iter(w("tbl")))[1]  # 表三
        cell = next(t for t in table.iter(w("t")) if t.text == "6")
        run = cell.getparent()
        deleted = revision("del", 920)
        run.addprevious(deleted)
        deleted.append(run)
        cell.tag = w("delText")
        inserted = revision("ins", 921)
        inserted.append(docx.oxml.parse_xml(f'<w:r xmlns:w="{w("")[1:-1]}"><w:t>7</w:t></w:r>'))
        deleted.addnext(inserted)

    edited = edit_docx(drafted, tmp_path / "cell.docx", edit)
    mismatch = _rules(edited)["table.mismatch"]
    assert any(f.found == 7 and f.expected == 6 for f in mismatch)
