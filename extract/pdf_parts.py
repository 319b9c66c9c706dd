"""The page parts of a table printed without rules, read on the columns of its first page.

Without rules, a page's columns are found from that page's words (``pdf_unruled``), so the
same table can be cut into other columns on its next page: a name and an indicator run closer,
two narrow columns merge, a centred label moves. Stitched by position, the later part's cells
would stand under the wrong headers. Each row of such a table carries its page's column
boundaries while the parts are stitched; a part whose boundaries differ from the first part's
is then placed on the first part's columns by where its cells stand on the page
(``pdf_spans.onto_grid``: each cell in the column that holds most of it, pieces landing in
one column joined). The boundaries are dropped afterwards: they are not printed rules.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from renja.extract.pdf_spans import onto_grid
from renja.model.records import RawRow, RawTable

# Boundaries closer than this (points) are the same column edge.
SAME_EDGE = 0.5


def column_bounds(columns: Sequence[tuple[float, float]]) -> tuple[float, ...]:
    """The edges between text columns: the left of the first, the middle of each gap, the
    right of the last.

    >>> column_bounds([(10.0, 20.0), (30.0, 50.0), (54.0, 60.0)])
    (10.0, 25.0, 52.0, 60.0)
    """
    inner = [(b + a) / 2 for (_, b), (a, _) in itertools.pairwise(columns)]
    return (columns[0][0], *inner, columns[-1][1])


def _same(a: Sequence[float], b: Sequence[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= SAME_EDGE for x, y in zip(a, b, strict=True))


def onto_first_part(table: RawTable) -> RawTable:
    """The table with every row on its first unruled part's columns, and no row carrying
    boundaries any more. A table with rules (any row with spans) is left as it is."""
    rows = table.rows
    unruled = [r for r in rows if r.edges and not r.spans]
    if not unruled or any(r.spans for r in rows):
        return table
    grid = unruled[0].edges
    return replace(table, rows=tuple(_on_grid(r, grid) for r in rows))


def _on_grid(row: RawRow, grid: Sequence[float]) -> RawRow:
    if not row.edges:
        return row
    if _same(row.edges, grid) or len(row.edges) != len(row.cells) + 1:
        return replace(row, edges=())
    cells = onto_grid(row.cells, (1,) * len(row.cells), row.edges, grid)
    return replace(row, cells=tuple(cells), edges=(), indents=())


__all__ = ["column_bounds", "onto_first_part"]
