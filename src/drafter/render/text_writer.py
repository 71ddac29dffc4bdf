"""Plain text in the shape of the seed report: title, preamble, headings, paragraphs
separated by blank lines, and tables as tab-separated lines.

Table lines follow the seed: a merged cell's text stands at its top-left position and the
positions it covers are left empty, so every line of a table has one field per grid
column (表四's header: 行政复议 then four empty fields, then 行政诉讼 …).
"""

from __future__ import annotations

from .tables import Table
from .view import ReportView


def table_lines(table: Table) -> list[str]:
    return ["\t".join(slot.cell.text if slot.origin else "" for slot in line) for line in table.grid()]


def render_text(view: ReportView) -> str:
    blocks: list[str] = [view.title, *view.preamble]
    for section in view.sections:
        blocks.append(section.heading)
        if section.mark is not None:
            blocks.append(section.mark.plain_note())
        blocks.extend(p.text for p in section.paragraphs)
        if section.table is not None:
            blocks.append("\n".join(table_lines(section.table)))
    return "\n\n".join(blocks) + "\n"
