"""The cells of a table on a PDF page, as the page readers give them: a cell's box, lines and
text, and a page's table of rows of cells."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from renja.extract.pdf_text import Char, Line

BBox = tuple[float, float, float, float]

# Coordinates closer than this are the same grid line.
SNAP = 0.5


def snap(value: float) -> float:
    return round(value / SNAP) * SNAP


@dataclass(slots=True)
class Cell:
    """One cell as printed: its box, its lines, and whether they are bold."""

    bbox: BBox
    lines: list[Line] = field(default_factory=list)
    text: str = ""
    chars: Sequence[Char] = ()
    turned: str = ""  # its text printed turned a quarter (``renja.extract.pdf_turned``)

    @property
    def bold(self) -> bool:
        return bool(self.lines) and sum(line.bold for line in self.lines) * 2 > len(self.lines)


@dataclass(slots=True)
class PageTable:
    """A table found on one page: rows of cells (None where a merged cell spans), in order."""

    bbox: BBox
    rows: list[list[Cell | None]]
    row_boxes: list[BBox]
    engine: str
    new_grid: bool = False  # drawn right under another table, on a grid of its own
    edges: list[float] = field(default_factory=list)  # the column rules, left to right
    # A table without rules: the x-range of each column's text, left to right (its page's
    # columns, found from the page's words; ``renja.extract.pdf_parts`` lines up the parts)
    columns: list[tuple[float, float]] = field(default_factory=list)
    # A ruled table one of whose ruled rows holds several rows: its rows were printed without
    # rules between them (``renja.extract.pdf_grid.rows_without_rules``)
    rows_unruled: bool = False

    def spans(self, row: Sequence[Cell | None]) -> tuple[int, ...]:
        """How many columns each cell of a row covers (0 where a cell to the left covers it)."""
        if not self.edges:
            return ()
        out = []
        for j, cell in enumerate(row):
            if cell is None:
                out.append(0)
                continue
            end = bisect_right(self.edges, snap(cell.bbox[2]) + SNAP) - 1
            out.append(max(end - j, 1))
        return tuple(out)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


__all__ = ["SNAP", "BBox", "Cell", "PageTable", "snap"]
