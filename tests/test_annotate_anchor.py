"""Comments on exact words: any span of any paragraph (runs with several text nodes and tabs,
runs in tracked insertions and deletions, bold and plain) gets a comment covering exactly its
characters, and no character changes its text, formatting or revision."""

from __future__ import annotations

from typing import Any

import docx
from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.annotate.anchor import add_comment, remove_comments, split_at
from drafter.reader.docx_places import Point
from drafter.reader.revisions import read_paragraph, w

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PROPS = ("", "<w:rPr><w:b/></w:rPr>", '<w:rPr><w:color w:val="FF0000"/><w:sz w:val="28"/></w:rPr>')

piece = st.one_of(st.text("申请件年0123456789，。", min_size=1, max_size=6), st.just("\t"))
run = st.tuples(st.sampled_from(PROPS), st.lists(piece, min_size=1, max_size=3), st.sampled_from(("", "ins", "del")))


def _node(text: str, deleted: bool) -> str:
    if text == "\t":
        return "<w:tab/>"
    tag = "w:delText" if deleted else "w:t"
    return f'<{tag} xml:space="preserve">{text}</{tag}>'


def _paragraph(runs: list[tuple[str, list[str], str]]) -> Any:
    parts = []
    for n, (props, nodes, wrap) in enumerate(runs):
        body = f"<w:r>{props}{''.join(_node(t, wrap == 'del') for t in nodes)}</w:r>"
        if wrap:
            body = f'<w:{wrap} w:id="{n + 100}" w:author="张三">{body}</w:{wrap}>'
        parts.append(body)
    return parse_xml(f"<w:p {NS}>{''.join(parts)}</w:p>")


def _signature(p: Any) -> list[tuple[str, bytes, tuple[str, ...]]]:
    from lxml import etree

    out = []
    for r in p.iter(w("r")):
        rpr = r.find(w("rPr"))
        props = etree.tostring(rpr) if rpr is not None else b""
        around = tuple(a.get(w("id")) for a in r.iterancestors() if a.tag in (w("ins"), w("del")))
        for node in r:
            if node.tag in (w("t"), w("delText"), w("tab")):
                for ch in node.text or "\t":
                    out.append((ch, props, around))
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(run, min_size=1, max_size=6), st.data())
def test_a_comment_covers_exactly_its_words(runs: list[tuple[str, list[str], str]], data: st.DataObject) -> None:
    word = docx.Document()
    p = _paragraph(runs)
    word.element.body.insert(0, p)
    accepted = read_paragraph(p)
    text = accepted.text
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    before = _signature(p)
    add_comment(word, Point(accepted, start), Point(accepted, end), "批注", "drafter 核对", "DC")
    assert _signature(p) == before
    assert read_paragraph(p).text == text
    marks = {el.tag: el for el in p.iter(w("commentRangeStart"), w("commentRangeEnd"))}
    fresh = read_paragraph(p)
    assert text[fresh.position_of(marks[w("commentRangeStart")]):fresh.position_of(marks[w("commentRangeEnd")])] \
        == text[start:end]
    reference = next(p.iter(w("commentReference"))).getparent()
    assert reference.getparent() is p  # the reference run is no part of any revision

    assert remove_comments(word, "drafter 核对") == 1
    assert _signature(p) == before and not list(p.iter(w("commentReference")))
    assert not list(p.iter(w("commentRangeStart"))) and len(word.comments) == 0


def test_split_keeps_a_run_in_its_insertion() -> None:
    p = _paragraph([("", ["共收到"], ""), ("<w:rPr><w:b/></w:rPr>", ["申请9件"], "ins")])
    accepted = read_paragraph(p)
    split_at(accepted, accepted.text.index("9"))
    split_at(accepted, accepted.text.index("9") + 1)
    inserted = p.find(w("ins"))
    assert ["".join(t.text for t in r.iter(w("t"))) for r in inserted.findall(w("r"))] == ["申请", "9", "件"]
    assert all(r.find(w("rPr")).find(w("b")) is not None for r in inserted.findall(w("r")))
    assert accepted.text == "共收到申请9件"


def test_only_comments_by_the_given_author_are_removed() -> None:
    word = docx.Document()
    paragraph = word.add_paragraph("本年度共收到申请9件。")
    word.add_comment(paragraph.runs, text="请核对。", author="李四")
    accepted = read_paragraph(paragraph._p)
    add_comment(word, Point(accepted, 5), Point(accepted, 9), "与表格不符", "drafter 核对", "DC")
    assert remove_comments(word, "drafter 核对") == 1
    assert [c.author for c in word.comments] == ["李四"]
    assert [el.get(w("id")) for el in paragraph._p.iter(w("commentReference"))] == ["0"]
    assert paragraph.text == "本年度共收到申请9件。"
