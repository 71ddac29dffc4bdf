"""What every reader makes of a file before the shared steps: paragraphs and tables in
document order. Sections, title and tables are then found the same way for all kinds
(reader/assemble.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .grid import Grid
from .labels import visible


@dataclass
class Block:
    text: str = ""  # a paragraph's plain text (one line)
    grid: Grid | None = None  # a table, merged cells expanded
    styled: bool = False  # printed as a heading (heading style, <h2>, #, bold only)

    @property
    def is_table(self) -> bool:
        return self.grid is not None


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    title_hint: str = ""  # e.g. the HTML <title>, used when no paragraph looks like a title

    def paragraph(self, text: str, styled: bool = False) -> None:
        text = visible(text).strip()
        if text:
            self.blocks.append(Block(text=text, styled=styled))

    def table(self, grid: Grid) -> None:
        if any(cell.strip() for row in grid for cell in row):
            self.blocks.append(Block(grid=grid))

    @property
    def tables(self) -> list[Grid]:
        return [b.grid for b in self.blocks if b.grid is not None]
