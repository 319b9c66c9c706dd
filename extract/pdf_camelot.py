"""camelot's lattice mode as renja's second engine for ruled tables.

camelot finds rules in a rendering of the page, so it sees grids that exist only as pictures (a
scan given a text layer by OCR, a table pasted as an image under its text) and grids whose
rules pdfplumber's edges do not join. renja takes only the grid from camelot: the page's
characters are placed in its cells by the same code as for pdfplumber (``fill_table``), so the
two engines give text the same way and their tables can be compared on one measure
(``pdf_quality``).
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from renja.model.errors import InputError
from renja.model.i18n import _

LATTICE_ENGINE = "camelot-lattice"

BBox = tuple[float, float, float, float]
# (left, right, top, bottom): whether camelot found a rule on each side of a grid cell
Sides = tuple[bool, bool, bool, bool]


@dataclass(slots=True)
class GridRow:
    """The cells that start in one row of a grid (pdfplumber's ``Row`` shape)."""

    cells: list[BBox]


@dataclass(slots=True)
class Grid:
    """One table's cell boxes, merged where no rule parts them (pdfplumber's ``Table`` shape),
    and camelot's parsing report for it."""

    cells: list[BBox]
    rows: list[GridRow]
    report: dict[str, float] = field(default_factory=dict)


def grid_from_lattice(
    cols: Sequence[tuple[float, float]],
    rows: Sequence[tuple[float, float]],
    sides: Sequence[Sequence[Sides]],
    height: float,
) -> Grid:
    """Cell boxes (top-down page coordinates) from camelot's columns, rows (PDF coordinates,
    y up, top row first) and the rules found on each side of each grid cell. Neighbours with
    no rule between them are one cell.

    >>> cols, rows = [(0, 10), (10, 30)], [(100, 90), (90, 80)]
    >>> ruled = (True, True, True, True)
    >>> open_right, open_left = (True, False, True, True), (False, True, True, True)
    >>> grid = grid_from_lattice(cols, rows, [[open_right, open_left], [ruled, ruled]], 100)
    >>> grid.cells
    [(0, 0, 30, 10), (0, 10, 10, 20), (10, 10, 30, 20)]
    >>> [len(r.cells) for r in grid.rows]
    [1, 2]
    """
    n_rows, n_cols = len(rows), len(cols)
    parent = list(range(n_rows * n_cols))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    for i in range(n_rows):
        for j in range(n_cols):
            _side, right, _side2, bottom = sides[i][j]
            if j + 1 < n_cols and not right and not sides[i][j + 1][0]:
                union(i * n_cols + j, i * n_cols + j + 1)
            if i + 1 < n_rows and not bottom and not sides[i + 1][j][2]:
                union(i * n_cols + j, (i + 1) * n_cols + j)
    groups: dict[int, list[tuple[int, int]]] = {}
    for i in range(n_rows):
        for j in range(n_cols):
            groups.setdefault(find(i * n_cols + j), []).append((i, j))
    starts: dict[tuple[int, int], BBox] = {}
    for members in groups.values():
        first = min(members)
        x0 = min(cols[j][0] for _row, j in members)
        x1 = max(cols[j][1] for _row, j in members)
        y_top = max(rows[i][0] for i, _col in members)
        y_bottom = min(rows[i][1] for i, _col in members)
        starts[first] = (x0, height - y_top, x1, height - y_bottom)
    grid_rows = [
        GridRow([starts[(i, j)] for j in range(n_cols) if (i, j) in starts]) for i in range(n_rows)
    ]
    cells = [box for row in grid_rows for box in row.cells]
    return Grid(cells, [r for r in grid_rows if r.cells])


def camelot_available() -> bool:
    """Whether camelot is installed (without importing it: OpenCV takes a while to load, and
    ``auto`` mode may never need it)."""
    return importlib.util.find_spec("camelot") is not None


def lattice_grids(path: Path, number: int, height: float, password: str | None) -> list[Grid]:
    """The ruled tables camelot's lattice mode finds on one page, as grids."""
    try:
        import camelot
    except ImportError as exc:
        raise InputError(
            _(
                "camelot is not installed ({reason}); install renja with its dependencies "
                "(pip install camelot-py) or read with --engine pdfplumber"
            ).format(reason=exc)
        ) from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # camelot warns on pages without tables
        found = camelot.read_pdf(
            str(path), pages=str(number), flavor="lattice", password=password or None
        )
    grids = []
    for table in found:
        sides = [[(c.left, c.right, c.top, c.bottom) for c in row] for row in table.cells]
        grid = grid_from_lattice(table.cols, table.rows, sides, height)
        grid.report = {k: float(v) for k, v in table.parsing_report.items() if k != "page"}
        grids.append(grid)
    return grids


__all__ = [
    "LATTICE_ENGINE",
    "Grid",
    "GridRow",
    "camelot_available",
    "grid_from_lattice",
    "lattice_grids",
]
