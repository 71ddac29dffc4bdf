"""Places in a Word document and places in a read report, each found from the other.

A report read from Word (reader/docx.py, then reader/assemble.py) knows each section's text
and its offset in the document's plain text (every paragraph block joined with "\\n"); each
block knows the accepted paragraph and offset it came from (revisions.LineOrigin). From these:

- `to_word(start, end)`: a span of the plain text → the paragraph and offsets, in the accepted
  text, of its first and last character (a finding placed on its words);
- `to_report(paragraph, offset)`: a place in a paragraph → the section and the offset in the
  section's text (a comment or a highlight reported as a finding).

Blocks drop invisible characters and outer spaces of their line; the offsets are mapped
through that.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from ..report import PREAMBLE, ParsedReport
from .document import Block, Document
from .labels import visible
from .revisions import LineOrigin, ParagraphText


@dataclass(frozen=True)
class Point:
    paragraph: ParagraphText
    offset: int  # in the paragraph's accepted text


@dataclass(frozen=True)
class Spot:
    """A place in the read report: the section and, when in its text, the offset there."""

    section: str | None
    offset: int | None  # None on a heading or the title (not part of any section's text)


def kept_positions(line: str) -> list[int]:
    """For each character of a block's text, its index in the line it was read from."""
    idx = [i for i, ch in enumerate(line) if visible(ch)]
    shown = "".join(line[i] for i in idx)
    lead = len(shown) - len(shown.lstrip())
    trail = len(shown) - len(shown.rstrip())
    return idx[lead: len(idx) - trail]


class Places:
    def __init__(self, doc: Document, parsed: ParsedReport) -> None:
        self.lines: list[tuple[int, Block]] = []
        pos = 0
        for block in doc.blocks:
            if block.is_table:
                continue
            self.lines.append((pos, block))
            pos += len(block.text) + 1
        self.text = "\n".join(b.text for _, b in self.lines)
        self.sections = parsed.sections
        self.title = parsed.title
        self._kept: dict[int, list[int]] = {}
        self.paragraph_of: dict[Any, ParagraphText] = {}
        for _, block in self.lines:
            if isinstance(block.origin, LineOrigin):
                for p in block.origin.paragraph.paragraphs:
                    self.paragraph_of[p] = block.origin.paragraph

    def kept(self, block: Block) -> list[int]:
        key = id(block)
        if key not in self._kept:
            self._kept[key] = kept_positions(block.origin.line) if isinstance(block.origin, LineOrigin) else []
        return self._kept[key]

    # ------------------------------------------------------------------ report → Word

    def section_span(self, section: str | None, span: tuple[int, int]) -> tuple[int, int] | None:
        """A span of a section's text as a span of the plain text."""
        for s in self.sections:
            if s.id == section:
                return s.offset + span[0], s.offset + span[1]
        return None

    def find(self, quote: str, section: str | None = None) -> tuple[int, int] | None:
        """The first place a quote is printed: in its section's text first, then anywhere."""
        quote = quote.strip()
        if not quote:
            return None
        for s in self.sections:
            if s.id == section and quote in s.text:
                at = s.text.index(quote)
                return s.offset + at, s.offset + at + len(quote)
        if quote in self.text:
            at = self.text.index(quote)
            return at, at + len(quote)
        return None

    def to_word(self, start: int, end: int) -> tuple[Point, Point] | None:
        """The first and the last character of a span of the plain text, in the paragraphs."""
        first = self._point(start, last=False)
        last = self._point(max(end, start + 1), last=True)
        if first is None or last is None:
            return None
        return first, last

    def _point(self, g: int, last: bool) -> Point | None:
        for offset, block in self.lines:
            inside = offset < g <= offset + len(block.text) if last else offset <= g < offset + len(block.text)
            if not inside or not isinstance(block.origin, LineOrigin):
                continue
            kept = self.kept(block)
            local = g - offset
            raw = kept[local - 1] + 1 if last else kept[local]
            return Point(block.origin.paragraph, block.origin.start + raw)
        return None

    def heading_line(self, section: str | None) -> tuple[int, int] | None:
        """The heading line of a section (the title for the preamble or no section)."""
        if section in (None, PREAMBLE):
            return self.find(self.title) if self.title else self._line(0)
        for s in self.sections:
            if s.id == section and s.heading:
                for n, (offset, block) in enumerate(self.lines):
                    if s.offset - 1 <= offset + len(block.text) <= s.offset and block.text == s.heading.strip():
                        return self._line(n)
        return None

    def _line(self, n: int) -> tuple[int, int] | None:
        if not self.lines:
            return None
        offset, block = self.lines[min(n, len(self.lines) - 1)]
        return offset, offset + len(block.text)

    # ------------------------------------------------------------------ Word → report

    def to_report(self, paragraph: ParagraphText, offset: int) -> Spot:
        """The section (and offset in its text) of a place in a paragraph."""
        g = None
        for line_offset, block in self.lines:
            origin = block.origin
            if not isinstance(origin, LineOrigin) or origin.paragraph is not paragraph:
                continue
            if origin.start <= offset <= origin.start + len(origin.line):
                local = bisect_left(self.kept(block), offset - origin.start)
                g = line_offset + min(local, len(block.text))
                break
        if g is None:
            return Spot(None, None)
        return self.spot(g)

    def spot(self, g: int) -> Spot:
        """The section (and offset in its text) of an offset in the plain text: a heading line
        belongs to the section it opens, with no offset."""
        for offset, block in self.lines:
            if offset <= g <= offset + len(block.text):
                end = offset + len(block.text)
                for s in self.sections:
                    if s.heading and block.text == s.heading.strip() and end <= s.offset <= end + 1:
                        return Spot(s.id, None)
                break
        for s in self.sections:
            if s.offset <= g <= s.offset + len(s.text) and s.text:
                return Spot(s.id, g - s.offset)
        return Spot(PREAMBLE, None)  # the title, or text before it
