"""Notes as clerks write them: plain text and Word files, headings typed as 一、总体情况 /
（一）主动公开 with or without #, Word heading styles; the notes file found beside the data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.notes import find_notes, load_notes, parse_notes

PLAIN = """伊川县教育局2024年政府信息公开工作素材
一、总体情况
全年主动公开信息120条。
（一）主动公开
1、及时发布教育政策文件。
（二）依申请公开
- 规范办理流程
二、存在的主要问题及改进情况
公开内容不够全面
加强培训
三、其他需要报告的事项
无
"""


def test_plain_numbered_headings_without_marks() -> None:
    notes = parse_notes(PLAIN, "notes.txt")
    assert notes.overview == ["全年主动公开信息120条。"]
    assert [t.title for t in notes.topics] == ["主动公开", "依申请公开"]
    assert notes.topics[0].bullets == ["及时发布教育政策文件。"]
    assert notes.problems == ["公开内容不够全面"] and notes.measures == ["加强培训"]
    assert notes.other == ["无"]


def test_numbered_headings_with_marks_read_the_same() -> None:
    marked = "# 一、总体情况\n- 全年主动公开信息120条。\n## （一）主动公开\n- 及时发布\n# 二、存在的主要问题及改进情况\n- 公开不够及时\n"
    notes = parse_notes(marked)
    assert notes.overview == ["全年主动公开信息120条。"]
    assert [t.title for t in notes.topics] == ["主动公开"] and notes.topics[0].bullets == ["及时发布"]
    assert notes.problems == ["公开不够及时"]


def test_a_long_numbered_line_under_overview_is_a_note_not_a_heading() -> None:
    notes = parse_notes("一、总体情况\n（一）全年通过门户网站公开信息120条，比上年增加20条。\n")
    assert notes.topics == []
    assert notes.overview == ["全年通过门户网站公开信息120条，比上年增加20条。"]


def test_lines_before_any_heading_name_the_heading_forms() -> None:
    with pytest.raises(InputError) as err:
        parse_notes("全年公开信息120条。\n公开及时。\n一、总体情况\n- a\n", "notes.txt")
    text = err.value.describe()
    assert "第1行" in text and "第2行" in text and "一、总体情况" in text and "# 总体情况" in text


def test_a_plain_text_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(PLAIN, encoding="utf-8")
    notes = load_notes(path)
    assert notes.source == str(path) and notes.other == ["无"]


def test_a_gbk_text_file_is_read_with_encoding(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(PLAIN.encode("gbk"))
    with pytest.raises(InputError, match="--encoding gbk"):
        load_notes(path)
    assert load_notes(path, encoding="gbk").problems == ["公开内容不够全面"]


def _word(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("伊川县教育局2024年政府信息公开工作素材")
    d.add_heading("总体情况", level=1)
    d.add_paragraph("全年收到政府信息公开申请5件。")
    d.add_heading("主动公开", level=2)
    d.add_paragraph("通过门户网站发布信息120条。\n更新公开栏12期。")  # a soft line break: two notes
    d.add_paragraph("（二）依申请公开")
    d.add_paragraph("规范答复流程。", style="List Bullet")
    d.add_paragraph("二、存在的主要问题及改进情况")
    d.add_paragraph("公开内容不够全面。")
    d.add_paragraph("加强业务培训。")
    d.add_paragraph("")
    d.add_paragraph("三、其他需要报告的事项")
    d.add_paragraph("本年度未收取信息处理费。")
    d.save(str(path))
    return path


def test_a_word_file_is_read_by_styles_and_numbering(tmp_path: Path) -> None:
    notes = load_notes(_word(tmp_path / "notes.docx"))
    assert notes.overview == ["全年收到政府信息公开申请5件。"]
    assert [t.title for t in notes.topics] == ["主动公开", "依申请公开"]
    assert notes.topics[0].bullets == ["通过门户网站发布信息120条。", "更新公开栏12期。"]
    assert notes.topics[1].bullets == ["规范答复流程。"]
    assert notes.problems == ["公开内容不够全面。"] and notes.measures == ["加强业务培训。"]
    assert notes.other == ["本年度未收取信息处理费。"]


def test_a_word_file_problem_names_the_paragraph(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("总体情况", level=1)
    d.add_paragraph("a")
    d.add_heading("杂项", level=1)
    d.save(str(tmp_path / "notes.docx"))
    with pytest.raises(InputError) as err:
        load_notes(tmp_path / "notes.docx")
    assert "第3段" in err.value.describe() and "杂项" in err.value.describe()


def test_a_broken_word_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="Word"):
        load_notes(path)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(InputError, match="另存为"):
        load_notes(tmp_path / "old.doc")


def test_find_notes_beside_the_data(tmp_path: Path) -> None:
    data = tmp_path / "data.xlsx"
    assert find_notes(data) is None
    _word(tmp_path / "notes.docx")
    assert find_notes(data) == tmp_path / "notes.docx"
    (tmp_path / "notes.md").write_text("# 总体情况\n- a\n", encoding="utf-8")
    assert find_notes(data) == tmp_path / "notes.md"


def test_draft_uses_word_notes_beside_the_data(tmp_path: Path, examples: Path) -> None:
    data = tmp_path / "data.yaml"
    data.write_text((examples / "township-2023" / "data.yaml").read_text("utf-8").split("\nprevious:")[0], "utf-8")
    _word(tmp_path / "notes.docx")
    out = tmp_path / "r.md"
    r = subprocess.run([sys.executable, "-m", "drafter", "draft", str(data), "-o", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode in (0, 1), r.stderr
    assert "没有素材文件" not in r.stderr
    assert "规范答复流程" in out.read_text("utf-8")


def test_init_says_which_notes_forms_are_accepted(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "drafter", "init", "某某县某某镇人民政府", "--year", "2023", "-o", str(tmp_path)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "notes.docx" in r.stdout and "notes.txt" in r.stdout and "一、总体情况" in r.stdout


def test_unnumbered_heading_words_alone_on_a_line() -> None:
    notes = parse_notes("总体情况\n全年公开信息120条。\n存在的主要问题\n公开不够及时\n改进措施\n加强培训\n其他需要报告的事项\n无\n")
    assert notes.overview == ["全年公开信息120条。"] and notes.problems == ["公开不够及时"]
    assert notes.measures == ["加强培训"] and notes.other == ["无"]


def _auto_numbered(path: Path) -> Path:
    """A Word file whose 一、 and （一） are Word's automatic numbering, not typed text."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, ilvl: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'))

    numbered("总体情况", 0)
    numbered("主动公开", 1)
    numbered("及时发布教育政策文件。", 2)
    numbered("依申请公开", 1)
    d.add_paragraph("规范答复流程。")
    numbered("存在的主要问题及改进情况", 0)
    d.add_paragraph("公开内容不够全面。")
    d.save(str(path))
    return path


def test_word_automatic_numbering_counts_as_typed(tmp_path: Path) -> None:
    notes = load_notes(_auto_numbered(tmp_path / "notes.docx"))
    assert [t.title for t in notes.topics] == ["主动公开", "依申请公开"]
    assert notes.topics[0].bullets == ["及时发布教育政策文件。"] and notes.topics[1].bullets == ["规范答复流程。"]
    assert notes.problems == ["公开内容不够全面。"]
