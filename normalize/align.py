"""Put each raw cell in its column when the converter dropped or shifted cells.

Converters drop empty cells (and sometimes a filled one moves left or right), so a row's cells
can sit one or two places off their header. When a cell's shape cannot belong to the column it
landed in, the row is re-aligned: an order-preserving assignment of cells to columns that
minimises the misfit, prefers small shifts, and never puts a value in a column that must be
empty. Every move is reported, so the clean table says which cells were moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from renja.extract.bands import is_band
from renja.extract.shapes import Shape, sniff
from renja.model.contract import CellType, Column
from renja.normalize.fit import CONFLICT, fit_cost

# Cost of leaving a column without a cell (the converter dropped an empty cell there), plus a
# share of how often the column is filled in this table: a drop is most likely where cells are
# usually empty, so a usually-filled column is not left empty lightly.
SKIP_COLUMN = 0.01
SKIP_FILLED_WEIGHT = 0.3
# Cost per place a filled cell moves from its printed position; breaks ties toward small moves.
SHIFT = 0.1
# Cost of discarding an empty cell (the converter added one) and of a filled cell that fits
# nowhere (it goes to the row's overflow and becomes a finding). Converters drop cells far more
# often than they add them, so discarding even an empty cell costs more than a long shift.
DROP_EMPTY = 1.0
DROP_FILLED = 8.0
# A filled cell in a column that must stay empty (an E.81 quarter after the report period).
DISABLED = 6.0


@dataclass(frozen=True, slots=True)
class Aligned:
    """A row read into slots: one cell per slot, plus what moved and what fit nowhere."""

    cells: list[str]
    moved: list[tuple[int, int]]  # (printed position, slot) for every filled cell that moved
    overflow: list[tuple[int, str]]  # filled cells that fit no slot: (printed position, text)


# Amounts printed in thousands or millions are small numbers, often with decimals (``87,09``).
SCALED_SHAPES = frozenset({Shape.DECIMAL, Shape.NUMBER})


def _cost(cell: str, shape: Shape, slot: Column) -> float:
    if shape is Shape.EMPTY:
        return 0.0
    if slot.disabled and shape is not Shape.DASH:
        return DISABLED
    if slot.scale > 1 and shape in SCALED_SHAPES:
        return fit_cost(Shape.AMOUNT, slot.ctype)
    if shape is Shape.TEXT and slot.ctype is CellType.KODE and is_band(cell):
        return fit_cost(Shape.CODE, slot.ctype)  # a group band's ``Program : 3.27.01 …``
    return fit_cost(shape, slot.ctype)


def needs_alignment(cells: Sequence[str], slots: Sequence[Column]) -> bool:
    """True when reading the row position by position would put a cell where it cannot be."""
    for index, cell in enumerate(cells):
        shape = sniff(cell)
        if shape is Shape.EMPTY:
            continue
        if index >= len(slots) or _cost(cell, shape, slots[index]) >= CONFLICT:
            return True
    return False


def fill_rates(rows: Sequence[Sequence[str]], width: int) -> list[float]:
    """How often each position holds something, read position by position.

    >>> fill_rates([["1", "a", ""], ["", "b", ""]], 3)
    [0.5, 1.0, 0.0]
    """
    if not rows:
        return [0.5] * width
    counts = [0] * width
    for cells in rows:
        for index, cell in enumerate(cells[:width]):
            if cell.strip():
                counts[index] += 1
    return [c / len(rows) for c in counts]


def align_row(
    cells: Sequence[str], slots: Sequence[Column], fill: Sequence[float] | None = None
) -> Aligned:
    """Read a row into slots, re-aligning it only when the plain reading is impossible.

    >>> from renja.model.contract import CellType as T
    >>> slots = [Column(n, t) for n, t in
    ...          [("uraian", T.TEXT), ("target", T.TARGET), ("pagu", T.RUPIAH), ("ket", T.TEXT)]]
    >>> align_row(["Penyediaan", "1.500.000", "PAD"], slots).cells
    ['Penyediaan', '', '1.500.000', 'PAD']
    """
    if not needs_alignment(cells, slots):
        padded = list(cells[: len(slots)]) + [""] * max(len(slots) - len(cells), 0)
        return Aligned(padded, [], [])
    fill = list(fill) if fill is not None else [0.5] * len(slots)
    first = cells[0] if cells else ""
    if slots and first.strip() and _cost(first, sniff(first), slots[0]) < CONFLICT:
        # Nothing stands before the first cell, so nothing dropped can have moved it.
        rest = _align(list(cells[1:]), list(slots[1:]), fill[1:])
        moved = [(i + 1, j + 1) for i, j in rest.moved]
        overflow = [(i + 1, text) for i, text in rest.overflow]
        return Aligned([first, *rest.cells], moved, overflow)
    return _align(list(cells), list(slots), fill)


def _align(cells: list[str], slots: list[Column], fill: list[float]) -> Aligned:
    n_cells, n_slots = len(cells), len(slots)
    shapes = [sniff(c) for c in cells]
    inf = float("inf")
    # The costs of each step, computed once: placing cell i in slot j (with its shift), leaving
    # slot j without a cell, discarding cell i.
    # A cell's cost in a slot depends on its shape alone, but for words (``_cost``).
    fits = {shape: [_cost("", shape, slot) for slot in slots]
            for shape in set(shapes) if shape is not Shape.TEXT}  # fmt: skip
    place = [
        [
            cost + (SHIFT * abs(j - i) if shape is not Shape.EMPTY else 0.0)
            for j, cost in enumerate(
                fits[shape] if shape in fits else [_cost(cell, shape, slot) for slot in slots]
            )
        ]
        for i, (cell, shape) in enumerate(zip(cells, shapes, strict=True))
    ]
    skip = [SKIP_COLUMN + SKIP_FILLED_WEIGHT * (fill[j] if j < len(fill) else 0.5)
            for j in range(n_slots)]  # fmt: skip
    drop = [DROP_EMPTY if shape is Shape.EMPTY else DROP_FILLED for shape in shapes]
    # best[i][j]: least cost of placing cells[i:] into slots[j:]; move[i][j]: its first step,
    # 1 place, 2 skip the slot, 3 drop the cell (on a tie, the lower step, as min() of
    # (cost, step) pairs would choose).
    best = [[inf] * (n_slots + 1) for _ in range(n_cells + 1)]
    move = [[0] * (n_slots + 1) for _ in range(n_cells + 1)]
    best[n_cells][n_slots] = 0.0
    for i in range(n_cells, -1, -1):
        row, below = best[i], best[i + 1] if i < n_cells else None
        steps = move[i]
        costs = place[i] if i < n_cells else None
        for j in range(n_slots, -1, -1):
            if i == n_cells and j == n_slots:
                continue
            cost, step = inf, 0
            if below is not None and costs is not None and j < n_slots:
                cost, step = costs[j] + below[j + 1], 1
            if j < n_slots and (c := skip[j] + row[j + 1]) < cost:
                cost, step = c, 2
            if below is not None and (c := drop[i] + below[j]) < cost:
                cost, step = c, 3
            row[j], steps[j] = cost, step
    out = [""] * n_slots
    moved: list[tuple[int, int]] = []
    overflow: list[tuple[int, str]] = []
    i = j = 0
    while i < n_cells or j < n_slots:
        step = move[i][j]
        if step == 1:
            out[j] = cells[i]
            if shapes[i] is not Shape.EMPTY and i != j:
                moved.append((i, j))
            i, j = i + 1, j + 1
        elif step == 2:
            j += 1
        else:
            if shapes[i] is not Shape.EMPTY:
                overflow.append((i, cells[i]))
            i += 1
    return Aligned(out, moved, overflow)
