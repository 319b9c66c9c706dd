"""Columns a PDF header declares one: a header cell spanning several grid columns that no lower
header row divides. Excel prints a long name or a code over merged cells; the grid under it is
drawing, not structure (``1 | 05 | 01 | 2.01 | 0001`` under one ``Kode`` is one cell,
``1 05 01 2.01 0001``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from renja.model.records import RawRow, RawTable, RowRole


def join_pieces(pieces: Sequence[str]) -> str:
    """The text of cells one header spans, joined with spaces as printed side by side. A code
    over several columns stays pieces here (``1 05 01 2.01 0001``): joining them into a code is
    a repair of the clean table (``join_code_columns``), logged there.

    >>> join_pieces(["1", "05", "01", "2.01", "0001"])
    '1 05 01 2.01 0001'
    >>> join_pieces(["", "PROGRAM PENUNJANG", ""])
    'PROGRAM PENUNJANG'
    """
    return " ".join(p.strip() for p in pieces if p.strip())


def merged_groups(header: Sequence[RawRow], width: int) -> list[tuple[int, int]]:
    """(first, last) column of each span no other header row labels inside. A row spanning
    columns that the rows above it label (a unit's name printed across the grid under the
    header) merges nothing.

    >>> from renja.model.records import Source
    >>> top = RawRow(["Kode", "", "Uraian", "Rencana", ""], Source(page=1), spans=(2, 0, 1, 2, 0))
    >>> low = RawRow(["", "", "", "Target", "Pagu"], Source(page=1), spans=(1, 1, 1, 1, 1))
    >>> merged_groups([top, low], 5)
    [(0, 1)]
    >>> unit = RawRow(["", "", "Satuan Polisi", "", ""], Source(page=1), spans=(1, 1, 3, 0, 0))
    >>> merged_groups([top, low, unit], 5)
    [(0, 1)]
    """
    groups: list[tuple[int, int]] = []
    for depth, row in enumerate(header):
        for j, span in enumerate(row.spans):
            if span < 2:
                continue
            first, last = j, min(j + span - 1, width - 1)
            if any(first <= a <= last or first <= b <= last for a, b in groups):
                continue
            others = [r for d, r in enumerate(header) if d != depth]
            if any(r.cells[k].strip() for r in others for k in range(first + 1, last + 1)
                   if k < len(r.cells)):  # fmt: skip
                continue
            groups.append((first, last))
    return sorted(groups)


# Aligning two grids: the cost of leaving a rule of either grid without a partner, as a share of
# the table's width (a match costs the distance between the two rules). Pages of one table can
# stretch columns differently by several percent, so a rule is left out only when it must be.
UNMATCHED_RULE = 0.1
# Rules closer than this (points) are one rule for alignment: a page holding two grids draws
# slivers where their rules nearly meet.
SLIVER = 4.0


def relative(edges: Sequence[float]) -> list[float]:
    """Column rules as shares of the table's width: pages of one table are often printed at
    slightly different scales.

    >>> relative([10.0, 20.0, 50.0])
    [0.0, 0.25, 1.0]
    """
    left, right = edges[0], edges[-1]
    span = (right - left) or 1.0
    return [(x - left) / span for x in edges]


def align_rules(grid: Sequence[float], edges: Sequence[float]) -> list[float]:
    """Where each rule of ``grid`` falls on a page drawn with rules ``edges``: the two sets are
    matched in order, closest first, leaving extra rules of either side unmatched (a page may
    split a column or merge two). An unmatched rule of ``grid`` is placed by proportion.

    >>> align_rules([0, 10, 30, 100], [0, 12, 15, 28, 100])
    [0, 12, 28, 100]
    >>> align_rules([0, 10, 30, 100], [0, 18, 40, 42, 100])  # stretched, with a sliver
    [0, 18, 40, 100]
    """
    kept = [edges[0]]
    for x in edges[1:]:
        if x - kept[-1] >= SLIVER:
            kept.append(x)
    kept[-1] = edges[-1]
    edges = kept
    a, b = relative(grid), relative(edges)
    n, m = len(a), len(b)
    inf = float("inf")
    cost = [[inf] * m for _ in range(n)]
    step: list[list[str]] = [[""] * m for _ in range(n)]
    cost[0][0] = 0.0
    for i in range(n):
        for j in range(m):
            if i == j == 0:
                continue
            options = []
            if i and j:
                options.append((cost[i - 1][j - 1] + abs(a[i] - b[j]), "match"))
            if i:
                options.append((cost[i - 1][j] + UNMATCHED_RULE, "grid"))
            if j:
                options.append((cost[i][j - 1] + UNMATCHED_RULE, "page"))
            cost[i][j], step[i][j] = min(options)
    left, width = edges[0], edges[-1] - edges[0]
    placed = [left + share * width for share in a]
    i, j = n - 1, m - 1
    while i or j:
        move = step[i][j]
        if move == "match":
            placed[i] = edges[j]
            i, j = i - 1, j - 1
        elif move == "grid":
            i -= 1
        else:
            j -= 1
    placed[0] = edges[0]
    return placed


def onto_grid(
    cells: Sequence[str], spans: Sequence[int], edges: Sequence[float], grid: Sequence[float]
) -> list[str]:
    """The cells of a row drawn on another grid, each placed in the column of ``grid`` that holds
    most of it, or where it starts when none holds half (a name printed across several
    columns). Pieces landing in one column are joined as ``join_pieces`` does.

    >>> edges = [0, 10, 20, 60, 70, 100]
    >>> onto_grid(["1", "05", "Nama", "", "9"], (1, 1, 2, 0, 1), edges, [0, 20, 70, 100])
    ['1 05', 'Nama', '9']
    >>> edges, grid = [0, 20, 40, 70, 100], [0, 20, 50, 80, 100]
    >>> onto_grid(["1", "Nama panjang", "", ""], (1, 3, 0, 0), edges, grid)
    ['1', 'Nama panjang', '', '']
    """
    rules = align_rules(grid, edges)
    pieces: list[list[str]] = [[] for _ in range(len(grid) - 1)]
    for j, text in enumerate(cells):
        span = spans[j] if j < len(spans) else 1
        if span < 1:
            continue
        x0, x1 = edges[j], edges[min(j + span, len(edges) - 1)]
        overlaps = [min(x1, rules[k + 1]) - max(x0, rules[k]) for k in range(len(pieces))]
        most = overlaps.index(max(overlaps))
        if overlaps[most] * 2 < x1 - x0:  # a wide cell (a name across the grid): where it starts
            most = next(k for k, share in enumerate(overlaps) if share > 0)
        pieces[most].append(text)
    return [join_pieces(p) for p in pieces]


def merge_spanned_columns(table: RawTable) -> RawTable:
    """The table with the cells of each undivided header span joined into one column, in every
    row. A row on the header's grid is merged by position; a row drawn on another grid (a page
    whose rules differ) is placed by the x of its cells, when both grids are known."""
    header = [r for r in table.rows if r.role is RowRole.HEADER]
    width = max((len(r.cells) for r in header), default=0)
    groups = merged_groups(header, width)
    grid = next((r.edges for r in header if len(r.edges) == width + 1), ())
    if not groups:
        return table
    starts = {a: b for a, b in groups}
    merged = [grid[starts.get(j, j) + 1] for j in range(width) if not _folded(j, groups)]
    merged = [grid[0], *merged] if grid else []
    return replace(
        table, rows=tuple(_merged_row(r, width, starts, grid, merged) for r in table.rows)
    )


def _merged_row(
    row: RawRow,
    width: int,
    starts: dict[int, int],
    grid: Sequence[float],
    merged: list[float],
) -> RawRow:
    """One row of ``merge_spanned_columns``: its cells joined over the header's spans."""
    if len(row.cells) != width:
        if grid and len(row.edges) == len(row.cells) + 1:
            cells = onto_grid(row.cells, row.spans, row.edges, merged)
            return replace(row, cells=tuple(cells), spans=(), edges=tuple(merged))
        return row
    joined: list[str] = []
    j = 0
    while j < width:
        last = starts.get(j, j)
        joined.append(join_pieces(row.cells[j : last + 1]) if last > j else row.cells[j])
        j = last + 1
    edges = (tuple(merged) if grid else ()) if row.edges else row.edges
    return replace(row, cells=tuple(joined), spans=(), edges=edges)


def _folded(column: int, groups: Sequence[tuple[int, int]]) -> bool:
    """Whether a column is covered by a merge group other than as its first column."""
    return any(a < column <= b for a, b in groups)


__all__ = ["join_pieces", "merge_spanned_columns", "merged_groups", "onto_grid"]
