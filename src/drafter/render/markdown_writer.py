"""Markdown for a quick look: headings, paragraphs and the tables as pipe tables.

Pipe tables cannot merge cells, so merged cells are expanded: a label is repeated in every
row and column it covers, so that each line reads on its own. 表二 is printed block by
block (the caption in bold, then a pipe table), and grid columns that one cell covers in
every row of a block are printed once, so a number is never repeated. Every character a
Markdown renderer would interpret (HTML tags, emphasis, links, a leading #) is escaped.
"""

from __future__ import annotations

import re

from .tables import Slot, Table
from .view import ReportView

_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_LEADING = re.compile(r"^(\s*)([#>+=-]|\d+[.)](?=\s|$))")


def md_escape(text: str) -> str:
    """Text that a Markdown renderer shows exactly as written, on one line."""
    text = _INLINE.sub(r"\\\1", text.replace("\n", " "))
    return _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _segments(table: Table) -> list[tuple[str | None, list[list[Slot]]]]:
    """The table split at its caption rows: (caption, grid lines) per block."""
    out: list[tuple[str | None, list[list[Slot]]]] = []
    for row, line in zip(table.rows, table.grid(), strict=True):
        if row.kind == "caption":
            out.append((row.cells[0].text, []))
        else:
            if not out:
                out.append((None, []))
            out[-1][1].append(line)
    return out


def _collapse(lines: list[list[Slot]]) -> list[list[Slot]]:
    """Drop a grid column when, in every line, the same cell covers it and the column to its left."""
    keep = [0] + [
        c for c in range(1, len(lines[0])) if any(line[c].cell is not line[c - 1].cell for line in lines)
    ]
    return [[line[c] for c in keep] for line in lines]


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table_markdown(table: Table) -> str:
    parts: list[str] = []
    for caption, lines in _segments(table):
        if caption is not None:
            parts.append(f"**{md_escape(caption)}**")
        if not lines:
            continue
        rows = [[md_escape(slot.cell.text) for slot in line] for line in _collapse(lines)]
        body = [_pipe(rows[0]), _pipe(["---"] * len(rows[0]))] + [_pipe(r) for r in rows[1:]]
        parts.append("\n".join(body))
    return "\n\n".join(parts)


def render_markdown(view: ReportView) -> str:
    blocks: list[str] = [f"# {md_escape(view.title)}", *(md_escape(p) for p in view.preamble)]
    for section in view.sections:
        blocks.append(f"## {md_escape(section.heading)}")
        if section.mark is not None:
            blocks.append(f"> {md_escape(section.mark.plain_note())}")
        for p in section.paragraphs:
            blocks.append(f"### {md_escape(p.text)}" if p.heading else md_escape(p.text))
        if section.table is not None:
            blocks.append(table_markdown(section.table))
    return "\n\n".join(blocks) + "\n"
