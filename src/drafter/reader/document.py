"""What every reader makes of a file before the shared steps: paragraphs and tables in
document order. Sections, title and tables are then found the same way for all kinds
(reader/assemble.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .grid import Grid, Table
from .labels import visible


@dataclass
class Block:
    text: str = ""  # a paragraph's plain text (one line)
    table: Table | None = None  # a table, merged cells expanded
    styled: bool = False  # printed as a heading (heading style, <h2>, #, bold only)
    line: int | None = None  # 1-based line of a text file where the paragraph starts
    origin: Any = None  # where the text came from in the file, for readers that can say (reader/docx.py)

    @property
    def is_table(self) -> bool:
        return self.table is not None


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    title_hint: str = ""  # e.g. the HTML <title>, used when no paragraph looks like a title
    source: Any = None  # the parsed file itself, for readers that keep it (the python-docx Document)
    pictures: int = 0  # pictures in the document (tables printed as pictures are not read)
    attachments: int = 0  # links to attached files (.xls, .pdf …) on a web page
    tables_hint: str = ""  # why the reader may have found no table (a PDF's tables drawn without lines)

    def paragraph(self, text: str, styled: bool = False, line: int | None = None, origin: Any = None) -> None:
        text = visible(text).strip()
        if text:
            self.blocks.append(Block(text=text, styled=styled, line=line, origin=origin))

    def add_table(self, table: Table | Grid, origin: Any = None) -> None:
        if not isinstance(table, Table):
            table = Table(table)
        if any(cell.strip() for row in table.grid for cell in row):
            self.blocks.append(Block(table=table, origin=origin))

    @property
    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.table is not None]
