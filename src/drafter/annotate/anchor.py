"""Word comments anchored on exact words, and the removal of earlier ones.

A comment covers whole runs, so the runs are split at the first and last character of the
words: the new run is a copy of the old one's properties (w:rPr, so formatting is unchanged)
and sits beside it in the same parent, so a run inside a tracked insertion (w:ins, w:moveTo),
a hyperlink or a field stays inside it. w:commentRangeStart and w:commentRangeEnd stand next
to the first and last run; the run holding w:commentReference follows the range end, outside
any revision or hyperlink around it, so that it is no part of the reviewer's changes.
"""

from __future__ import annotations

import copy
from typing import Any

from ..reader.docx_places import Point
from ..reader.docx_review import RT_COMMENTS, RT_COMMENTS_EXTENDED, W14, W15, related_part
from ..reader.revisions import ParagraphText, w

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
RT_COMMENTS_IDS = "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds"
RT_COMMENTS_EXTENSIBLE = "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
W16CEX = "http://schemas.microsoft.com/office/word/2018/wordml/cex"


def split_at(paragraph: ParagraphText, pos: int) -> None:
    """Make `pos` (an offset in the accepted text) a boundary between runs."""
    previous = None
    for piece in paragraph.pieces:
        end = piece.start + len(piece.text)
        if piece.start < pos < end:
            _split_run(piece.run, piece.node, pos - piece.start)
            paragraph.refresh()
            return
        if piece.start == pos:
            if previous is not None and previous.run is piece.run:
                _split_run(piece.run, piece.node, 0)  # two nodes of one run (text, then a tab)
                paragraph.refresh()
            return
        previous = piece


def _split_run(run: Any, node: Any, k: int) -> None:
    """Split a run before character k of `node` (a w:t when k > 0): what follows goes to a
    new run with the same properties, placed right after it."""
    rest = copy.deepcopy(run)
    for child in list(rest):
        if child.tag != w("rPr"):
            rest.remove(child)
    following = list(node.itersiblings())
    if k > 0:
        text = node.text or ""
        node.text = text[:k]
        node.set(XML_SPACE, "preserve")
        tail = copy.deepcopy(node)
        tail.text = text[k:]
        rest.append(tail)
    else:
        rest.append(node)
    for child in following:
        rest.append(child)
    run.addnext(rest)


def _element(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement(tag, attrs={w(k): v for k, v in attrs.items()})


def _run_at(paragraph: ParagraphText, pos: int, last: bool) -> Any:
    for piece in paragraph.pieces:
        if (piece.start + len(piece.text) == pos) if last else (piece.start == pos):
            return piece.run
    raise ValueError(f"no run boundary at {pos}")


def add_comment(word: Any, first: Point, last: Point, text: str, author: str, initials: str) -> int:
    """Anchor a new comment on the words from `first` to `last` (exclusive); its id."""
    split_at(first.paragraph, first.offset)
    split_at(last.paragraph, last.offset)
    first_run = _run_at(first.paragraph, first.offset, last=False)
    last_run = _run_at(last.paragraph, last.offset, last=True)
    comment = word.comments.add_comment(text=text, author=author, initials=initials)
    cid = str(comment.comment_id)
    first_run.addprevious(_element("w:commentRangeStart", id=cid))
    end = _element("w:commentRangeEnd", id=cid)
    last_run.addnext(end)
    reference = _element("w:r")
    props = _element("w:rPr")
    props.append(_element("w:rStyle", val="CommentReference"))
    reference.append(props)
    reference.append(_element("w:commentReference", id=cid))
    outer = end
    while outer.getparent() is not None and outer.getparent().tag != w("p"):
        outer = outer.getparent()
    outer.addnext(reference)
    return int(cid)


def remove_comments(word: Any, author: str) -> int:
    """Remove every comment by `author` from the body and the comment parts; how many."""
    part = related_part(word, RT_COMMENTS)
    if part is None:
        return 0
    ids: set[str] = set()
    para_ids: set[str] = set()
    for comment in part.element.findall(w("comment")):
        if comment.get(w("author")) == author:
            ids.add(comment.get(w("id")))
            para_ids.update(p.get(f"{{{W14}}}paraId") for p in comment.iter(w("p")) if p.get(f"{{{W14}}}paraId"))
            part.element.remove(comment)
    if not ids:
        return 0
    body = word.element.body
    for mark in list(body.iter(w("commentRangeStart"), w("commentRangeEnd"))):
        if mark.get(w("id")) in ids:
            mark.getparent().remove(mark)
    for ref in list(body.iter(w("commentReference"))):
        if ref.get(w("id")) in ids:
            run = ref.getparent()
            run.remove(ref)
            if all(child.tag == w("rPr") for child in run):
                run.getparent().remove(run)
    _drop_extensions(word, para_ids)
    return len(ids)


def _drop_extensions(word: Any, para_ids: set[str]) -> None:
    """Entries Word keeps about removed comments (resolved state, durable ids)."""
    durable: set[str] = set()
    _edit_part(word, RT_COMMENTS_IDS, f"{{{W16CID}}}commentId", f"{{{W16CID}}}paraId", para_ids, durable,
               f"{{{W16CID}}}durableId")
    _edit_part(word, RT_COMMENTS_EXTENDED, f"{{{W15}}}commentEx", f"{{{W15}}}paraId", para_ids)
    _edit_part(word, RT_COMMENTS_EXTENSIBLE, f"{{{W16CEX}}}commentExtensible", f"{{{W16CEX}}}durableId", durable)


def _edit_part(word: Any, reltype: str, tag: str, attr: str, values: set[str],
               collect: set[str] | None = None, collect_attr: str = "") -> None:
    part = related_part(word, reltype)
    if part is None or not values:
        return
    from lxml import etree

    xml_part = hasattr(part, "_element")
    try:
        root = part._element if xml_part else etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return
    changed = False
    for el in list(root.iter(tag)):
        if el.get(attr) in values:
            if collect is not None and el.get(collect_attr):
                collect.add(el.get(collect_attr))
            el.getparent().remove(el)
            changed = True
    if changed and not xml_part:
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
