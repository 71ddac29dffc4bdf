"""A printed table as a grid of strings, and a view of each row as labels and values.

Readers of structured files (HTML, Word) expand merged cells into every grid position
they cover, so a label merged over three columns or twenty rows appears in each of
them; `RowView` folds such repeats back into one label. Plain-text tables are ragged
and often shifted; the table interpreters (reader/tables.py) match rows by their labels
and values by the header positions when the row agrees with them, by order otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cells import Cell, classify
from .labels import key

Grid = list[list[str]]


@dataclass
class Table:
    """A printed table: its expanded grid, and for each position the column its merged cell
    starts in (None when the source has no merges, as in plain text)."""

    grid: Grid
    origins: list[list[int]] | None = None  # None: plain text, where a blank cell may leave no trace
    widths: list[int] | None = None  # plain text: how many cells each line printed (rows are padded)

    def origin_row(self, r: int) -> list[int]:
        if self.origins is not None and r < len(self.origins):
            return self.origins[r]
        return list(range(len(self.grid[r])))

    def width(self, r: int) -> int:
        """Cells the row printed: the padding added to make the grid rectangular left out."""
        if self.widths is not None and r < len(self.widths):
            return self.widths[r]
        return len(self.grid[r])

    @staticmethod
    def join(tables: list[Table]) -> Table:
        """Several printed pieces of one table (表二 printed block by block) as one."""
        grid: Grid = []
        origins: list[list[int]] = []
        widths: list[int] = []
        for table in tables:
            grid.extend(list(row) for row in table.grid)
            origins.extend(table.origin_row(r) for r in range(len(table.grid)))
            widths.extend(table.width(r) for r in range(len(table.grid)))
        if all(table.origins is None for table in tables):
            return Table(grid, None, widths)  # plain text stays plain text: its cells may have been lost
        return Table(grid, origins)

MAX_SPAN = 200  # rowspan/colspan beyond this is a broken file, not a report table
MAX_CELLS = 200_000


def expand_spans(rows: list[list[tuple[str, int, int]]]) -> Table:
    """Rows of (text, rowspan, colspan) → a rectangular grid, merged cells copied."""
    filled: dict[int, dict[int, tuple[str, int]]] = {}
    width = 0
    height = len(rows)
    for r, row in enumerate(rows):
        taken = filled.setdefault(r, {})
        c = 0
        for text, rowspan, colspan in row:
            while c in taken:
                c += 1
            rs = max(1, min(rowspan, MAX_SPAN, height - r))
            cs = max(1, min(colspan, MAX_SPAN))
            for dr in range(rs):
                target = filled.setdefault(r + dr, {})
                for dc in range(cs):
                    target.setdefault(c + dc, (text, c))
            c += cs
            width = max(width, c)
        if width * height > MAX_CELLS:
            break
    width = max([width] + [max(cols) + 1 for cols in filled.values() if cols])
    cells = [[filled.get(r, {}).get(c, ("", c)) for c in range(width)] for r in range(height)]
    return Table([[text for text, _ in row] for row in cells], [[origin for _, origin in row] for row in cells])


@dataclass
class RowView:
    index: int
    cells: list[Cell]
    labels: list[tuple[int, str]] = field(default_factory=list)  # (column, text), repeats folded
    origins: list[int] = field(default_factory=list)  # column each cell's merged cell starts in
    width: int = 0  # cells the row printed (plain text pads its rows to the widest)
    plain: bool = False  # a row of plain text: no merged cells recorded, blank cells may be lost

    def origin(self, column: int) -> int:
        return self.origins[column] if 0 <= column < len(self.origins) else column

    @property
    def label_end(self) -> int:
        """Column of the last label cell, -1 when the row has none."""
        return max((j for j, c in enumerate(self.cells) if c.kind == "label"), default=-1)

    @property
    def numbers(self) -> list[tuple[int, Cell]]:
        """Number cells after the last label cell, with their columns."""
        end = self.label_end
        return [(j, c) for j, c in enumerate(self.cells) if j > end and c.kind == "number"]

    @property
    def all_numbers(self) -> list[tuple[int, Cell]]:
        return [(j, c) for j, c in enumerate(self.cells) if c.kind == "number"]

    def labels_before(self, column: int) -> list[tuple[int, str]]:
        return [(j, text) for j, text in self.labels if j < column]

    @property
    def after_labels(self) -> list[Cell]:
        """The cells the row printed after its last label cell, blank ones included."""
        return self.cells[self.label_end + 1:self.width]

    def at(self, column: int) -> Cell:
        return self.cells[column] if 0 <= column < len(self.cells) else classify("")

    def label_keys(self) -> set[str]:
        return {key(text) for _, text in self.labels}

    @property
    def label_text(self) -> str:
        return "".join(text for _, text in self.labels)


def rows_of(table: Table) -> list[RowView]:
    views: list[RowView] = []
    for i, row in enumerate(table.grid):
        cells = [classify(text) for text in row]
        labels: list[tuple[int, str]] = []
        last = ""
        for j, cell in enumerate(cells):
            if cell.kind != "label":
                continue
            k = key(cell.text)
            if k and k != last:
                labels.append((j, cell.text))
            last = k or last
        views.append(RowView(i, cells, labels, table.origin_row(i), table.width(i), table.origins is None))
    return views
