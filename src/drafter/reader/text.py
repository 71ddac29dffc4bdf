"""Plain text (.txt) and Markdown (.md) reports → paragraphs and tables.

Tables in text are lines with tab-separated cells (as copied from a web page or Word,
like the seed report) or Markdown pipe rows. Blank lines do not end a table; the next
line of prose does. In Markdown, `#` headings and bold-only lines are marked as
headings, emphasis marks are dropped from the text, and HTML tables (the only way to
print merged cells in Markdown) are read like an HTML page's. A .txt is left as printed:
Markdown marks in it stay in the text so the validator can flag them.
"""

from __future__ import annotations

import re

from .document import Document
from .grid import Grid

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|>)\s+")
_MD_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")


def text_to_document(text: str, markdown: bool = False) -> Document:
    doc = Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            doc.add_table(_rectangular(rows))
            rows.clear()

    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        stripped = line.strip()
        if markdown and stripped.startswith("<!--"):
            while "-->" not in line and i < len(lines):
                line = lines[i]
                i += 1
            continue
        if markdown and "<table" in stripped.lower():
            chunk = [line]
            while "</table>" not in line.lower() and i < len(lines):
                line = lines[i]
                chunk.append(line)
                i += 1
            flush()
            from .html import html_table_grids  # bs4 only when a Markdown file holds HTML tables

            for table in html_table_grids("\n".join(chunk)):
                doc.add_table(table)
            continue
        if _is_table_line(line):
            cells = _cells(line)
            if markdown:
                cells = [_MD_ESCAPE.sub(r"\1", c) for c in cells]
            if not all(_SEPARATOR_CELL.match(c) for c in cells if c) or not any(cells):
                rows.append(cells)
            continue
        if not stripped:
            continue
        flush()
        if markdown:
            body, styled = _markdown_line(line)
            doc.paragraph(body, styled)
        else:
            doc.paragraph(line)
    flush()
    return doc


def _is_table_line(line: str) -> bool:
    if not line.strip():
        return False
    if "\t" in line:
        return True
    stripped = line.strip()
    return stripped.startswith("|") and stripped.count("|") >= 2


def _cells(line: str) -> list[str]:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def _rectangular(rows: list[list[str]]) -> Grid:
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _markdown_line(line: str) -> tuple[str, bool]:
    m = _MD_HEADING.match(line)
    if m:
        return _unescape(_MD_EMPHASIS.sub(r"\2", m.group(2))), True
    m = _MD_BOLD_LINE.match(line)
    if m:
        return _unescape(m.group(2).strip()), True
    line = _MD_BULLET.sub("", line, count=1)
    return _unescape(_MD_EMPHASIS.sub(r"\2", line.rstrip().removesuffix("\\")).strip()), False


def _unescape(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text)
