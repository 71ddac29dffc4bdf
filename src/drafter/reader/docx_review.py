"""What must not be published, left in a Word document by drafting or review, as findings:

- style.revisions: tracked changes not yet accepted or rejected (the text is checked as it
  reads once they are accepted, and the output says so);
- style.draft_comment: drafter's own comments on text a language model suggested or that
  needs review (author `render.marks.AUTHOR`);
- style.check_comment: comments `drafter check --annotate` wrote (author CHECK_AUTHOR);
- style.open_comment: reviewers' comments not marked resolved (Word keeps 已解决 in
  commentsExtended.xml; replies are part of their thread and not counted again);
- style.highlight: highlighted text (drafter marks 需人工核对 sections in yellow).

Each finding names its place: the section and the words the comment is anchored on or that
are highlighted.
"""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..render.marks import AUTHOR as DRAFT_AUTHOR
from ..report import SECTION_HEADINGS, ParsedReport
from .document import Document
from .docx_places import Places
from .revisions import LineOrigin, ParagraphText, pending, read_paragraph, w

CHECK_AUTHOR = "drafter 核对"  # the author of comments `drafter check --annotate` writes
CHECK_INITIALS = "DC"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
RT_COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
QUOTE_CHARS = 30


def review_findings(doc: Document, parsed: ParsedReport) -> list[Finding]:
    word = doc.source
    if word is None:
        return []
    places = Places(doc, parsed)
    body = word.element.body
    return _revisions(body) + _comments(word, places) + _highlights(places)


def _revisions(body: Any) -> list[Finding]:
    found = pending(body)
    if not found:
        return []
    names = {"ins": "插入", "del": "删除", "move": "移动", "format": "格式修改"}
    parts = "、".join(f"{names[k]} {found[k]} 处" for k in ("ins", "del", "move", "format") if found[k])
    return [Finding(
        "style.revisions", "warning",
        f"文档中有尚未接受或拒绝的修订（{parts}）。以上按接受全部修订后的文字核对；"
        "发布前请在“审阅”选项卡中接受或拒绝全部修订。",
        extra={k: found[k] for k in ("ins", "del", "move", "format") if found[k]},
    )]


def related_part(word: Any, reltype: str) -> Any:
    """A part the document part relates to, or None (never created)."""
    for rel in word.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def comment_text(comment: Any) -> str:
    return "".join(t.text or "" for t in comment.iter(w("t"))).strip()


def _closed_threads(word: Any) -> tuple[set[str], set[str]]:
    """The paragraph ids (w14:paraId of a comment's last paragraph) of comments marked
    resolved, and of replies to another comment."""
    part = related_part(word, RT_COMMENTS_EXTENDED)
    if part is None:
        return set(), set()
    from lxml import etree

    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return set(), set()
    done, replies = set(), set()
    for ex in root.iter(f"{{{W15}}}commentEx"):
        pid = ex.get(f"{{{W15}}}paraId")
        if ex.get(f"{{{W15}}}done") in ("1", "true"):
            done.add(pid)
        if ex.get(f"{{{W15}}}paraIdParent"):
            replies.add(pid)
    return done, replies


def _comments(word: Any, places: Places) -> list[Finding]:
    part = related_part(word, RT_COMMENTS)
    if part is None:
        return []
    done, replies = _closed_threads(word)
    body = word.element.body
    starts = {el.get(w("id")): el for el in body.iter(w("commentRangeStart"))}
    ends = {el.get(w("id")): el for el in body.iter(w("commentRangeEnd"))}
    refs = {el.get(w("id")): el for el in body.iter(w("commentReference"))}
    out: list[Finding] = []
    for comment in part.element.findall(w("comment")):
        cid = comment.get(w("id"))
        paragraphs = comment.findall(w("p"))
        pid = paragraphs[-1].get(f"{{{W14}}}paraId") if paragraphs else None
        if pid is not None and (pid in done or pid in replies):
            continue
        anchor = starts.get(cid) if cid in starts else refs.get(cid)
        if anchor is None:
            continue  # a comment on a header, footnote or text since removed: not in the body
        author = comment.get(w("author")) or ""
        said = _short(comment_text(comment), 40)
        if author == DRAFT_AUTHOR:
            rule, message = "style.draft_comment", f"drafter 起草时加的批注仍在文档中（“{said}”）。核对这一节后，请删除这条批注再发布。"
        elif author == CHECK_AUTHOR:
            rule, message = "style.check_comment", (f"drafter 核对时加的批注仍在文档中（“{said}”）。请按批注改正后删除它再发布"
                                                    "（重新运行 drafter check --annotate 会替换这些批注）。")
        else:
            who = author or "审核人"
            rule, message = "style.open_comment", (f"{who}的批注尚未处理（“{said}”）。请处理后删除这条批注，"
                                                   "或在 Word 中标为“已解决”，再发布。")
        out.append(_placed(rule, message, places, anchor, ends.get(cid)))
    return out


def _placed(rule: str, message: str, places: Places, anchor: Any, end: Any) -> Finding:
    """A finding at a comment's anchor: its section and the words it is anchored on."""
    paragraph = _paragraph_of(anchor)
    if paragraph is None:
        return Finding(rule, "error", message)
    accepted = places.paragraph_of.get(paragraph)
    if accepted is None:  # in a table cell or a text box: no section text to point into
        text = read_paragraph(paragraph).text.strip()
        return Finding(rule, "error", message, quote=_short(text, QUOTE_CHARS) or None)
    at = accepted.position_of(anchor)
    stop = accepted.position_of(end) if end is not None and _paragraph_of(end) in accepted.paragraphs else len(accepted.text)
    quote = accepted.text[at:stop].split("\n")[0].strip()[:QUOTE_CHARS]
    if not quote:  # a comment on a point: the words after it
        quote = accepted.text[at:].split("\n")[0].strip()[:QUOTE_CHARS]
    spot = places.to_report(accepted, at)
    span = None
    if spot.offset is not None and quote:
        section = next(s for s in places.sections if s.id == spot.section)
        found = section.text.find(quote, max(spot.offset - 1, 0))
        if found >= 0 and found <= spot.offset + 2:
            span = (found, found + len(quote))
    return Finding(rule, "error", message, section=spot.section, quote=quote or None, span=span)


def _paragraph_of(element: Any) -> Any:
    parent = element
    while parent is not None and parent.tag != w("p"):
        parent = parent.getparent()
    return parent


def _highlighted(run: Any) -> bool:
    rpr = run.find(w("rPr"))
    mark = rpr.find(w("highlight")) if rpr is not None else None
    return mark is not None and (mark.get(w("val")) or "none") != "none"


def _highlights(places: Places) -> list[Finding]:
    """One finding per section with highlighted text, on its first highlighted words."""
    stretches: dict[str | None, list[tuple[int, int]]] = {}
    for offset, block in places.lines:
        origin = block.origin
        if not isinstance(origin, LineOrigin):
            continue
        marked = _marked(origin.paragraph)
        if not marked:
            continue
        kept = places.kept(block)
        run_start = None
        for i in range(len(block.text) + 1):
            on = i < len(block.text) and origin.start + kept[i] in marked
            if on and run_start is None:
                run_start = i
            elif not on and run_start is not None:
                if block.text[run_start:i].strip():
                    spot = places.spot(offset + run_start)
                    stretches.setdefault(spot.section, []).append((offset + run_start, offset + i))
                run_start = None
    out = []
    for section, found in stretches.items():
        start, end = found[0]
        end = min(end, start + QUOTE_CHARS)
        quote = places.text[start:end]
        spot = places.spot(start)
        span = (spot.offset, spot.offset + len(quote)) if spot.offset is not None and spot.section == section else None
        where = SECTION_HEADINGS.get(section or "", "文档")
        count = f"{len(found)}处" if len(found) > 1 else ""
        out.append(Finding(
            "style.highlight", "error",
            f"“{where}”中有{count}突出显示的文字（“{quote}”{'等' if len(found) > 1 else ''}）。drafter 用黄色突出显示标出需人工核对的段落；"
            "核对无误后，请选中这些文字，在“开始”选项卡点“突出显示”选“无颜色”清除，再发布。",
            section=section, quote=quote, span=span,
        ))
    return out


def _marked(paragraph: ParagraphText) -> set[int]:
    out: set[int] = set()
    for piece in paragraph.pieces:
        if _highlighted(piece.run):
            out.update(range(piece.start, piece.start + len(piece.text)))
    return out


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
