"""Tracked changes (修订) in a Word document: the text as it will read once every change is
accepted, with a map from each character back to the run that holds it.

- Inserted and moved-in text (w:ins, w:moveTo) is in; deleted and moved-out text (w:del,
  w:moveFrom) is out, however deeply nested (an insertion someone else deleted is out).
- A deleted or moved-out paragraph mark (w:pPr/w:rPr/w:del) joins the paragraph to the
  next one, as accepting the change would.
- Runs in hyperlinks, smart tags, content controls and simple fields count; runs of a text
  box inside a drawing belong to the text box's own paragraphs and do not.

A run's text is read as python-docx reads it (w:t, w:tab and w:ptab as a tab, w:br of a
line and w:cr as a line break, w:noBreakHyphen as "-"), so that a document without
revisions reads exactly as before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag."""
    return f"{{{W_NS}}}{tag}"


REMOVED = frozenset({w("del"), w("moveFrom")})
ADDED = frozenset({w("ins"), w("moveTo")})
_P, _R, _T, _TXBX = w("p"), w("r"), w("t"), w("txbxContent")
_TABS = frozenset({w("tab"), w("ptab")})
_BR, _CR, _HYPHEN = w("br"), w("cr"), w("noBreakHyphen")


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph's accepted text held by one node of one run."""

    start: int  # offset in the paragraph's accepted text
    text: str
    run: Any  # the w:r element
    node: Any  # the w:t, w:tab, w:br … element in the run


@dataclass
class ParagraphText:
    """The accepted text of one paragraph (or of several that accepting joins into one)."""

    paragraphs: list[Any]  # the w:p elements, in order
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)

    def refresh(self) -> None:
        """Read the text again (after runs were split)."""
        fresh = read_paragraphs(self.paragraphs)
        self.text, self.pieces = fresh.text, fresh.pieces

    def position_of(self, element: Any) -> int:
        """The offset in the accepted text at which an element (a comment mark, a run) stands."""
        order = {el: i for i, el in enumerate(e for p in self.paragraphs for e in p.iter())}
        at = order.get(element)
        if at is None:
            return len(self.text)
        for piece in self.pieces:
            if order.get(piece.node, -1) >= at:
                return piece.start
        return len(self.text)


def _node_text(node: Any) -> str:
    tag = node.tag
    if tag == _T:
        return node.text or ""
    if tag in _TABS:
        return "\t"
    if tag == _BR:
        kind = node.get(w("type"))
        return "\n" if kind in (None, "textWrapping") else ""
    if tag == _CR:
        return "\n"
    if tag == _HYPHEN:
        return "-"
    return ""


def counts(run: Any, paragraph: Any) -> bool:
    """Whether a run's text is in the accepted paragraph: not deleted or moved out, not in a
    paragraph nested inside this one (a text box)."""
    parent = run.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in REMOVED or parent.tag in (_P, _TXBX):
            return False
        parent = parent.getparent()
    return parent is paragraph


def read_paragraphs(paragraphs: list[Any]) -> ParagraphText:
    """The accepted text of these paragraphs joined (they are one paragraph once accepted)."""
    pieces: list[Piece] = []
    pos = 0
    for p in paragraphs:
        for run in p.iter(_R):
            if not counts(run, p):
                continue
            for node in run:
                text = _node_text(node)
                if text:
                    pieces.append(Piece(pos, text, run, node))
                    pos += len(text)
    return ParagraphText(list(paragraphs), "".join(piece.text for piece in pieces), pieces)


def read_paragraph(paragraph: Any) -> ParagraphText:
    return read_paragraphs([paragraph])


def mark_removed(paragraph: Any) -> bool:
    """The paragraph mark is deleted or moved out: accepting joins it to the next paragraph."""
    ppr = paragraph.find(w("pPr"))
    rpr = ppr.find(w("rPr")) if ppr is not None else None
    return rpr is not None and any(child.tag in REMOVED for child in rpr)


def row_removed(row: Any) -> bool:
    """A table row deleted with track changes on (w:trPr/w:del)."""
    trpr = row.find(w("trPr"))
    return trpr is not None and trpr.find(w("del")) is not None


def cell_text(cell: Any) -> str:
    """A table cell's accepted text: its own paragraphs (not nested tables), one per line."""
    return "\n".join(read_paragraph(p).text for p in cell.findall(_P))


def pending(body: Any) -> Counter[str]:
    """Revisions not yet accepted or rejected in a document body: insertions, deletions and
    moves of text or paragraph marks ("ins", "del", "move"), and formatting changes ("format")."""
    found: Counter[str] = Counter()
    formats = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "numberingChange")
    for el in body.iter(w("ins"), w("del"), w("moveFrom"), w("moveTo"), *(w(tag) for tag in formats)):
        tag = el.tag
        if tag == w("moveTo"):
            continue  # a move is counted once, where it was taken from
        name = {w("ins"): "ins", w("del"): "del", w("moveFrom"): "move"}.get(tag, "format")
        found[name] += 1
    return found


@dataclass(frozen=True)
class LineOrigin:
    """Where a block of text read from Word came from: a line of an accepted paragraph."""

    paragraph: ParagraphText
    start: int  # offset of the line in the paragraph's accepted text
    line: str  # the line as read, before invisible characters and outer spaces were dropped
