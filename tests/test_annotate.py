"""`drafter check edited.docx --data DATA --annotate out.docx`: each finding a Word comment on
its words; the reviewer's text, revisions, formatting and comments untouched; earlier drafter
comments replaced; documents saved by LibreOffice work too."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from docx_support import (
    DATA,
    FIGURE_CONTEXT,
    change,
    comment_anchors,
    draft,
    edit_docx,
    isolate,
    paragraph_with,
    revision,
    run_cli,
    soffice_roundtrip,
    tracked_change,
    w,
)
from lxml import etree

from drafter.reader.docx_review import CHECK_AUTHOR

AROUND = {w("ins"), w("del"), w("moveFrom"), w("moveTo"), w("hyperlink"), w("smartTag"), w("fldSimple"), w("sdtContent")}
TEXT_TAGS = {w("t"), w("delText"), w("tab"), w("br")}
needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return draft(tmp_path_factory.mktemp("draft"))


def body_signature(path: Path) -> list[tuple[Any, ...]]:
    """Every character of the body (deleted ones too) with its run's properties and the
    revisions and hyperlinks around it, and every paragraph's properties: what a comment must
    not change."""
    body = docx.Document(str(path)).element.body
    out: list[tuple[Any, ...]] = []
    for p in body.iter(w("p")):
        ppr = p.find(w("pPr"))
        out.append(("paragraph", etree.tostring(ppr) if ppr is not None else b""))
        for run in p.iter(w("r")):
            rpr = run.find(w("rPr"))
            props = etree.tostring(rpr) if rpr is not None else b""
            around = tuple((a.tag, a.get(w("id")), a.get(w("author"))) for a in run.iterancestors() if a.tag in AROUND)
            for node in run:
                if node.tag in TEXT_TAGS:
                    for ch in node.text or node.tag:
                        out.append((ch, props, around))
    return out


def others_comments(path: Path) -> list[tuple[str, str, str]]:
    word = docx.Document(str(path))
    anchors = comment_anchors(path)
    return [(c.author, c.text, anchors[c.text]) for c in word.comments if c.author != CHECK_AUTHOR]


def test_new_user_path_plain_edit(drafted: Path, tmp_path: Path) -> None:
    edited = edit_docx(drafted, tmp_path / "edited.docx", change(FIGURE_CONTEXT, "6", "9"))
    out = tmp_path / "out.docx"
    result = run_cli("check", edited, "--data", DATA, "--annotate", out)
    assert result.exit_code == 1, result.output
    assert "已写入" in result.output and "条批注" in result.output
    anchors = comment_anchors(out, CHECK_AUTHOR)
    on_figure = {text: words for text, words in anchors.items() if "text.contradiction" in text}
    assert list(on_figure.values()) == ["全年共新收政府信息公开申请9件"]
    body = next(iter(on_figure))
    assert "表格：6" in body and "正文：“全年共新收政府信息公开申请9件”中为 9" in body and "【错误】正文与表格矛盾" in body
    assert body_signature(out) == body_signature(edited)
    assert edited.read_bytes() != out.read_bytes()


def test_new_user_path_with_track_changes(drafted: Path, tmp_path: Path) -> None:
    edited = edit_docx(drafted, tmp_path / "edited.docx", tracked_change(FIGURE_CONTEXT, "6", "9"))
    out = tmp_path / "out.docx"
    result = run_cli("check", edited, "--data", DATA, "--annotate", out)
    assert result.exit_code == 1, result.output
    assert "尚未接受或拒绝的修订" in result.output
    anchors = comment_anchors(out, CHECK_AUTHOR)
    assert "全年共新收政府信息公开申请9件" in anchors.values()
    # the revisions are the reviewer's, unchanged: 6 still deleted, 9 still inserted, by 张三
    body = docx.Document(str(out)).element.body
    assert ["".join(t.text for t in el.iter(w("delText"))) for el in body.iter(w("del"))] == ["6"]
    assert ["".join(t.text for t in el.iter(w("t"))) for el in body.iter(w("ins"))] == ["9"]
    assert all(el.get(w("author")) == "张三" for el in body.iter(w("ins"), w("del")))
    assert body_signature(out) == body_signature(edited)


def test_a_comment_on_a_figure_inside_an_insertion_stays_inside_it(drafted: Path, tmp_path: Path) -> None:
    """A whole sentence inserted with track changes, the wrong figure in its middle."""
    sentence = "本年度共收到政府信息公开申请20件。"

    def edit(root: Any) -> None:
        p = paragraph_with(root, "本年度未收取信息处理费。")
        inserted = revision("ins", 910)
        inserted.append(docx.oxml.parse_xml(
            f'<w:r xmlns:w="{w("")[1:-1]}"><w:rPr><w:b/></w:rPr><w:t>{sentence}</w:t></w:r>'))
        p.append(inserted)

    edited = edit_docx(drafted, tmp_path / "inserted.docx", edit)
    out = tmp_path / "out.docx"
    result = run_cli("check", edited, "--data", DATA, "--annotate", out)
    assert result.exit_code == 1, result.output
    anchors = comment_anchors(out, CHECK_AUTHOR)
    assert any("20" in words and words in sentence for words in anchors.values()), anchors
    body = docx.Document(str(out)).element.body
    inserted = next(body.iter(w("ins")))
    assert "".join(t.text for t in inserted.iter(w("t"))) == sentence
    assert all(r.find(w("rPr")).find(w("b")) is not None for r in inserted.iter(w("r")) if r.find(w("t")) is not None)
    assert len(list(inserted.iter(w("commentRangeStart")))) >= 1
    assert not any(r.find(w("commentReference")) is not None for r in inserted.iter(w("r")))
    assert body_signature(out) == body_signature(edited)


def test_a_rerun_replaces_drafter_comments_and_keeps_the_reviewers(drafted: Path, tmp_path: Path) -> None:
    edited = edit_docx(drafted, tmp_path / "edited.docx", change(FIGURE_CONTEXT, "6", "9"))
    word = docx.Document(str(edited))
    target = next(p for p in word.paragraphs if p.text == "本年度未收取信息处理费。")
    word.add_comment(target.runs, text="请补充依申请公开收费情况。", author="李四", initials="LS")
    word.save(str(edited))

    first = tmp_path / "first.docx"
    assert run_cli("check", edited, "--data", DATA, "--annotate", first).exit_code == 1
    second = tmp_path / "second.docx"
    result = run_cli("check", first, "--data", DATA, "--annotate", second)
    assert result.exit_code == 1
    assert "drafter 核对时加的批注" not in result.output  # our own earlier comments are replaced, not reported
    assert "李四的批注尚未处理" in result.output
    assert comment_anchors(second, CHECK_AUTHOR).keys() == comment_anchors(first, CHECK_AUTHOR).keys()
    authors = [c.author for c in docx.Document(str(second)).comments]
    assert authors.count("李四") == 1
    assert others_comments(second) == others_comments(edited)
    assert len(list(docx.Document(str(second)).element.body.iter(w("commentReference")))) == len(authors)
    assert body_signature(second) == body_signature(edited)
    # checking the annotated copy without --annotate says our comments are still there
    plain = run_cli("check", first, "--data", DATA)
    assert "drafter 核对时加的批注仍在文档中" in plain.output


def test_a_published_report_without_data(drafted: Path, tmp_path: Path) -> None:
    """Without --data the report's own tables are the truth."""
    edited = edit_docx(drafted, tmp_path / "published.docx", change(FIGURE_CONTEXT, "6", "9"))
    out = tmp_path / "out.docx"
    result = run_cli("check", edited, "--annotate", out)
    assert result.exit_code == 1, result.output
    assert "全年共新收政府信息公开申请9件" in comment_anchors(out, CHECK_AUTHOR).values()


def test_invisible_characters_and_line_breaks_do_not_shift_the_comment(drafted: Path, tmp_path: Path) -> None:
    def edit(root: Any) -> None:
        change(FIGURE_CONTEXT, "6", "9")(root)
        p = paragraph_with(root, "一是严格执行申请登记")
        first = next(p.iter(w("t")))
        first.text = "\u200b\u200b" + first.text
        run = first.getparent()
        run.insert(run.index(first), etree.Element(w("br")))  # a line break before the text
        isolate(root, "所有申请均在法定期限内答复", "答复")

    edited = edit_docx(drafted, tmp_path / "shifted.docx", edit)
    out = tmp_path / "out.docx"
    assert run_cli("check", edited, "--data", DATA, "--annotate", out).exit_code == 1
    assert "全年共新收政府信息公开申请9件" in comment_anchors(out, CHECK_AUTHOR).values()
    assert body_signature(out) == body_signature(edited)


def test_a_table_cell_finding_goes_on_the_cell(drafted: Path, tmp_path: Path) -> None:
    """A cell of 表三 that differs from the data file: the comment on that cell; a balance of
    the table, which no one cell carries, on the heading of section 三."""
    def edit(root: Any) -> None:
        table = list(root.iter(w("tbl")))[1]
        row = next(tr for tr in table.iter(w("tr")) if "本年新收政府信息公开申请数量" in "".join(t.text or "" for t in tr.iter(w("t"))))
        row.findall(w("tc"))[-1].find(".//" + w("t")).text = "7"  # the 总计 column: 6 → 7

    edited = edit_docx(drafted, tmp_path / "table.docx", edit)
    out = tmp_path / "out.docx"
    assert run_cli("check", edited, "--data", DATA, "--annotate", out).exit_code == 1
    anchors = comment_anchors(out, CHECK_AUTHOR)
    assert [words for text, words in anchors.items() if "table.mismatch" in text] == ["7"]
    assert [words for text, words in anchors.items() if "table.balance" in text] == ["三、收到和处理政府信息公开申请情况"]
    body = docx.Document(str(out)).element.body
    word = docx.Document(str(out))
    mismatch = next(c for c in word.comments if "table.mismatch" in c.text)
    start = next(el for el in body.iter(w("commentRangeStart")) if el.get(w("id")) == str(mismatch.comment_id))
    cell = next(a for a in start.iterancestors() if a.tag == w("tc"))
    row = cell.getparent()
    assert row.findall(w("tc"))[-1] is cell
    assert "本年新收政府信息公开申请数量" in "".join(t.text or "" for t in row.iter(w("t")))
    assert body_signature(out) == body_signature(edited)


def test_json_output_stays_json(drafted: Path, tmp_path: Path) -> None:
    edited = edit_docx(drafted, tmp_path / "edited.docx", change(FIGURE_CONTEXT, "6", "9"))
    out = tmp_path / "out.docx"
    result = run_cli("check", edited, "--data", DATA, "--annotate", out, "--json")
    payload = json.loads(result.stdout)
    assert payload["summary"]["errors"] >= 1 and out.exists()


def test_refusals_leave_every_file_as_it_was(drafted: Path, tmp_path: Path) -> None:
    edited = edit_docx(drafted, tmp_path / "edited.docx", change(FIGURE_CONTEXT, "6", "9"))
    before = edited.read_bytes()
    same = run_cli("check", edited, "--data", DATA, "--annotate", edited)
    assert same.exit_code == 2 and "不能与被核对的文件相同" in same.output
    assert edited.read_bytes() == before

    taken = tmp_path / "taken.docx"
    taken.write_bytes(b"reviewer's own file")
    refused = run_cli("check", edited, "--data", DATA, "--annotate", taken)
    assert refused.exit_code == 2 and "--force" in refused.output and taken.read_bytes() == b"reviewer's own file"
    forced = run_cli("check", edited, "--data", DATA, "--annotate", taken, "--force")
    assert forced.exit_code == 1 and taken.read_bytes().startswith(b"PK")

    wrong = run_cli("check", edited, "--data", DATA, "--annotate", tmp_path / "out.txt")
    assert wrong.exit_code == 2 and ".docx" in wrong.output and not (tmp_path / "out.txt").exists()

    text = tmp_path / "report.txt"
    assert run_cli("draft", DATA, "-o", text).exit_code == 0
    not_word = run_cli("check", text, "--data", DATA, "--annotate", tmp_path / "t.docx")
    assert not_word.exit_code == 2 and "Word" in not_word.output and not (tmp_path / "t.docx").exists()
    assert "Traceback" not in not_word.output


@needs_office
def test_libreoffice_saved_documents(drafted: Path, tmp_path: Path) -> None:
    """A reviewer's document saved by LibreOffice (tracked change kept), annotated; the
    annotated copy saved by LibreOffice again and annotated again: no duplicate comments."""
    edited = edit_docx(drafted, tmp_path / "edited.docx", tracked_change(FIGURE_CONTEXT, "6", "9"))
    saved = soffice_roundtrip(edited, tmp_path / "one")
    assert docx.Document(str(saved)).element.body.find(".//" + w("ins")) is not None
    out = tmp_path / "out.docx"
    result = run_cli("check", saved, "--data", DATA, "--annotate", out)
    assert result.exit_code == 1, result.output
    assert "尚未接受或拒绝的修订" in result.output
    first = comment_anchors(out, CHECK_AUTHOR)
    assert "全年共新收政府信息公开申请9件" in first.values()
    assert body_signature(out) == body_signature(saved)

    again = soffice_roundtrip(out, tmp_path / "two")
    assert len(comment_anchors(again, CHECK_AUTHOR)) == len(first)
    out2 = tmp_path / "out2.docx"
    assert run_cli("check", again, "--data", DATA, "--annotate", out2).exit_code == 1
    second = comment_anchors(out2, CHECK_AUTHOR)
    assert sorted(second.values()) == sorted(first.values())
    assert len(docx.Document(str(out2)).comments) == len(first)


def test_word_bookkeeping_of_replaced_comments_goes_too(drafted: Path, tmp_path: Path) -> None:
    """Word records each comment's state in commentsExtended.xml by paragraph id; the entries of
    the comments a re-run replaces are removed, the reviewer's kept."""
    import zipfile

    from docx_support import add_comments_extended

    edited = edit_docx(drafted, tmp_path / "edited.docx", change(FIGURE_CONTEXT, "6", "9"))
    first = tmp_path / "first.docx"
    assert run_cli("check", edited, "--data", DATA, "--annotate", first).exit_code == 1
    word = docx.Document(str(first))
    target = next(p for p in word.paragraphs if p.text == "本年度未收取信息处理费。")
    word.add_comment(target.runs, text="请补充。", author="李四", initials="LS")
    para = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
    ids = {}
    for n, comment in enumerate(word.comments):
        ids[comment.author] = ids.get(comment.author, []) + [f"0000{n:04X}"]
        comment.paragraphs[-1]._p.set(para, f"0000{n:04X}")
    word.save(str(first))
    add_comments_extended(first, {pid: False for pids in ids.values() for pid in pids})

    second = tmp_path / "second.docx"
    assert run_cli("check", first, "--data", DATA, "--annotate", second).exit_code == 1
    extended = zipfile.ZipFile(second).read("word/commentsExtended.xml").decode()
    assert all(pid in extended for pid in ids["李四"])
    assert not any(pid in extended for pid in ids[CHECK_AUTHOR])


def test_word_markup_between_runs(drafted: Path, tmp_path: Path) -> None:
    """As Word saves an edited paragraph: the words in many runs with revision ids, spelling
    marks and bookmarks between them, part of it in a smart tag; the figure changed with track
    changes on."""
    def edit(root: Any) -> None:
        tracked_change(FIGURE_CONTEXT, "6", "9")(root)
        inserted = next(root.iter(w("ins")))
        before = inserted.getprevious().getprevious()  # the run before the deleted figure
        text = before.find(w("t")).text
        cut = text.index("政府信息")
        tail = copy.deepcopy(before)
        before.find(w("t")).text = text[:cut]
        tail.find(w("t")).text = text[cut:]
        tail.set(w("rsidR"), "00A1B2C3")
        smart = etree.Element(w("smartTag"))
        smart.set(w("element"), "chsdate")
        smart.append(tail)
        before.addnext(smart)
        for tag, attrs in (("proofErr", {"type": "spellStart"}), ("bookmarkStart", {"id": "7", "name": "_GoBack"})):
            mark = etree.Element(w(tag))
            for k, v in attrs.items():
                mark.set(w(k), v)
            smart.addprevious(mark)
        end = etree.Element(w("bookmarkEnd"))
        end.set(w("id"), "7")
        inserted.addnext(end)

    edited = edit_docx(drafted, tmp_path / "word.docx", edit)
    out = tmp_path / "out.docx"
    assert run_cli("check", edited, "--data", DATA, "--annotate", out).exit_code == 1
    assert "全年共新收政府信息公开申请9件" in comment_anchors(out, CHECK_AUTHOR).values()
    assert body_signature(out) == body_signature(edited)
    body = docx.Document(str(out)).element.body
    assert len(list(body.iter(w("smartTag")))) == 1 and len(list(body.iter(w("bookmarkStart")))) >= 1
