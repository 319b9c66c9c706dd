"""Ruled tables on a PDF page: pdfplumber finds the cells from the rules; renja fills them.

pdfplumber's ``find_tables`` (lines strategy) gives each table's cell boxes. Filling the cells is
done here, once per page: every character goes to the cell that holds its centre through a grid
index (no per-cell crop of the page), and each cell's lines are joined by ``join_lines``.
Frames are not tables: a box round the whole page or round one paragraph holds no rows.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from renja.extract.cells import is_header_row
from renja.extract.pdf_cells import SNAP, BBox, Cell, PageTable, snap
from renja.extract.pdf_rows import split_indicator_lines, split_key_values
from renja.extract.pdf_text import Char, group_lines, join_lines, physical_lines
from renja.extract.pdf_turned import turned_text
from renja.extract.shapes import Shape, sniff

# Table boxes reaching further than this outside the page are drawing artefacts (a browser's
# clip rectangle of the whole web page), not tables.
OFF_PAGE_SLACK = 5.0
# A row on new rules with at least this share of the run's columns continues its body.
SAME_TABLE_SHARE = 0.75


def _inside(inner: BBox, outer: BBox, slack: float = 1.0) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def on_page(cells: Sequence[BBox], page: BBox) -> list[BBox]:
    """The cells of a found table that lie on the page (a browser's print draws clip boxes of
    the whole web page, far beyond it, that join the table's rules). A column the page's side
    edge cuts is kept (``cut_at_edge``): its text is still in the file.

    >>> on_page([(0, -700, 600, 9000), (50, 40, 300, 700), (300, 40, 550, 700)], (0, 0, 600, 800))
    [(50, 40, 300, 700), (300, 40, 550, 700)]
    >>> on_page([(50, 40, 500, 70), (500, 40, 640, 70)], (0, 0, 600, 800))
    [(50, 40, 500, 70), (500, 40, 640, 70)]
    """
    return drop_frames(
        [c for c in cells if _inside(c, page, OFF_PAGE_SLACK) or cut_at_edge(c, page)]
    )


def cut_at_edge(cell: BBox, page: BBox) -> bool:
    """A cell the page's left or right edge cuts: on the page top to bottom, no wider than it,
    reaching past a side (a table printed wider than its paper).

    >>> page = (0, 0, 600, 800)
    >>> cut_at_edge((500, 40, 640, 70), page), cut_at_edge((0, -700, 600, 9000), page)
    (True, False)
    """
    upright = cell[1] >= page[1] - OFF_PAGE_SLACK and cell[3] <= page[3] + OFF_PAGE_SLACK
    past = cell[0] < page[0] - OFF_PAGE_SLACK or cell[2] > page[2] + OFF_PAGE_SLACK
    return upright and past and cell[2] - cell[0] <= page[2] - page[0]


def drop_frames(cells: Sequence[BBox]) -> list[BBox]:
    """Cells that hold other cells are frames (a box round the printed page), not cells.

    >>> drop_frames([(0, 0, 100, 100), (10, 10, 50, 20), (50, 10, 90, 20)])
    [(10, 10, 50, 20), (50, 10, 90, 20)]
    """
    areas = sorted((c[2] - c[0]) * (c[3] - c[1]) for c in cells)
    if len(areas) < 3:
        return list(cells)
    typical = areas[len(areas) // 2]
    big = [c for c in cells if (c[2] - c[0]) * (c[3] - c[1]) > 2 * typical]
    frames = {b for b in big if any(o != b and _inside(o, b) for o in cells)}
    return [c for c in cells if c not in frames]


def bounds(cells: Sequence[BBox]) -> BBox:
    return (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )


def keep_tables(boxes: Sequence[BBox], shapes: Sequence[tuple[int, int]]) -> list[int]:
    """Which found tables are tables: not one column of framed text; of two tables one inside
    the other, the one with more cells (a frame round a table, or a table round a shaded block
    that pdfplumber also found on its own).

    >>> keep_tables([(0, 0, 600, 800), (50, 40, 550, 700)], [(1, 3), (20, 7)])
    [1]
    >>> keep_tables([(50, 70, 800, 500), (140, 70, 240, 94)], [(28, 12), (2, 2)])
    [0]
    >>> keep_tables([(50, 40, 550, 90)], [(2, 1)])
    []
    """
    cells = [rows * cols for rows, cols in shapes]
    kept: list[int] = []
    for index, (box, (_, n_cols)) in enumerate(zip(boxes, shapes, strict=True)):
        if n_cols <= 1:
            continue
        nested = [
            j
            for j, other in enumerate(boxes)
            if j != index and other != box and (_inside(other, box) or _inside(box, other))
        ]
        if any(cells[j] > cells[index] for j in nested):
            continue
        kept.append(index)
    return kept


class GridIndex:
    """Find the cell under a point among a table's cell boxes (merged cells included)."""

    def __init__(self, cells: Sequence[BBox]) -> None:
        self.xs = sorted({round(v / SNAP) * SNAP for c in cells for v in (c[0], c[2])})
        self.ys = sorted({round(v / SNAP) * SNAP for c in cells for v in (c[1], c[3])})
        self.slots: dict[tuple[int, int], int] = {}
        for index, (x0, top, x1, bottom) in enumerate(cells):
            cols = range(self._at(self.xs, x0 + SNAP), self._at(self.xs, x1 - SNAP) + 1)
            rows = range(self._at(self.ys, top + SNAP), self._at(self.ys, bottom - SNAP) + 1)
            for i in rows:
                for j in cols:
                    self.slots.setdefault((i, j), index)

    @staticmethod
    def _at(edges: list[float], value: float) -> int:
        return bisect_right(edges, value) - 1

    def find(self, x: float, y: float) -> int | None:
        """The cell under the point; None where a missing rule left no cell."""
        i, j = self._at(self.ys, y), self._at(self.xs, x)
        if i < 0 or j < 0 or i >= len(self.ys) - 1 or j >= len(self.xs) - 1:
            return None
        return self.slots.get((i, j))

    def column(self, x: float) -> tuple[float, float]:
        """The grid column under ``x``."""
        j = min(max(self._at(self.xs, x), 0), len(self.xs) - 2)
        return self.xs[j], self.xs[j + 1]


# A row starts a new grid when it both adds and drops this many column edges of the grid so far.
GRID_CONFLICT = 2


def row_edges(row: BBox, cells: Sequence[BBox]) -> set[float]:
    """The column edges drawn across a row: of every cell covering it, merged ones included.

    >>> sorted(row_edges((0, 5, 30, 9), [(0, 0, 10, 9), (10, 5, 20, 9), (20, 5, 30, 9)]))
    [0.0, 10.0, 20.0, 30.0]
    """
    top, bottom = row[1] + SNAP, row[3] - SNAP
    return {snap(v) for c in cells if c[1] <= top and c[3] >= bottom for v in (c[0], c[2])}


def split_grids(
    rows: Sequence[BBox], cells: Sequence[BBox], labels: Sequence[bool] = ()
) -> list[list[int]]:
    """Runs of rows drawn on one grid. Two tables whose rules touch come back from pdfplumber as
    one; a row that adds column edges *and* drops edges of the rows above is on another grid
    (a merged cell only drops edges; a finer header row only adds them). Where ``labels`` say
    which rows read as column labels: a header alone is never a table (the rows under it are
    its body, however finely ruled: codes printed over several columns), and a row with about as
    many columns as the run and no labels goes on the same table on redrawn rules; a new table
    has labels of its own or far fewer columns (a signature block).

    >>> cells = [(0, 0, 10, 5), (10, 0, 30, 5), (0, 5, 30, 9), (0, 9, 20, 12), (20, 9, 30, 12)]
    >>> split_grids([(0, 0, 30, 5), (0, 5, 30, 9), (0, 9, 30, 12)], cells)
    [[0, 1, 2]]
    >>> cells = [(0, 0, 10, 5), (10, 0, 20, 5), (20, 0, 30, 5),
    ...          (0, 5, 4, 9), (4, 5, 25, 9), (25, 5, 30, 9)]
    >>> split_grids([(0, 0, 30, 5), (0, 5, 30, 9)], cells)
    [[0], [1]]
    >>> split_grids([(0, 0, 30, 5), (0, 5, 30, 9)], cells, [False, False])  # body on a new grid
    [[0, 1]]
    >>> split_grids([(0, 0, 30, 5), (0, 5, 30, 9)], cells, [True, False])  # header over its body
    [[0, 1]]
    >>> split_grids([(0, 0, 30, 5), (0, 5, 30, 9)], cells, [False, True])  # a new table
    [[0], [1]]
    """
    runs: list[list[int]] = []
    grid: set[float] = set()
    widest = 0  # the most rules one row of the run has
    for index, row in enumerate(rows):
        edges = row_edges(row, cells)
        conflict = len(edges - grid) >= GRID_CONFLICT and len(grid - edges) >= GRID_CONFLICT
        if conflict and labels and runs:
            if all(labels[i] for i in runs[-1]):
                conflict = False  # a header alone is never a table
            elif not labels[index] and len(edges) >= SAME_TABLE_SHARE * widest:
                conflict = False  # as many columns, no header: the body goes on, redrawn
        if runs and not conflict:
            runs[-1].append(index)
            grid |= edges
            widest = max(widest, len(edges))
        else:
            runs.append([index])
            grid = set(edges)
            widest = len(edges)
    return runs


def fill_table(
    table: Any,
    chars: Sequence[Char],
    page: BBox,
    engine: str = "pdfplumber-lines",
    turned: Sequence[Char] = (),
) -> tuple[list[PageTable], set[int]]:
    """A pdfplumber ``Table`` (or any object of its shape: ``cells`` boxes, ``rows`` of
    ``cells``) as page tables with text (one per grid it holds), and the ids of the characters
    they used. Cells off the page are left out. ``turned`` are the page's characters printed
    turned a quarter: a cell reads those inside it after its upright text."""
    boxes: list[BBox] = on_page([tuple(c) for c in table.cells], page)
    if not boxes:
        return [], set()
    kept = set(boxes)
    index = GridIndex(boxes)
    per_cell: dict[int, list[Char]] = {}
    loose: list[Char] = []  # in the table, where a missing rule left no cell
    used: set[int] = set()
    x0, top, x1, bottom = bounds(boxes)
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        slot = index.find(cx, cy)
        if slot is None:
            loose.append(char)
        else:
            per_cell.setdefault(slot, []).append(char)
        used.add(id(char))
    turned_in: dict[int, list[Char]] = {}
    for char in turned:
        slot = index.find((char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2)
        if slot is not None:
            turned_in.setdefault(slot, []).append(char)
    cells = {}
    for i, box in enumerate(boxes):
        own = per_cell.get(i, [])
        text = turned_text(turned_in.get(i, ()))
        cells[box] = Cell(box, group_lines(own), chars=own, turned=text)
    row_cells: list[list[BBox]] = []
    for row in table.rows:
        inside = [tuple(c) for c in row.cells if c is not None and tuple(c) in kept]
        if inside:
            row_cells.append(inside)
    row_boxes: list[BBox] = [bounds(r) for r in row_cells]
    _open_cells(loose, index, row_cells, row_boxes, cells)
    # Rules a few points apart are one column's (a table nested in some rows' cells, set in
    # from their borders): the cells are placed on the rules most rows draw.
    labels = [is_header_row([_label(cells[box]) for box in row]) for row in row_cells]
    grids = split_grids(row_boxes, boxes, labels)
    moved = inset_rules(row_cells)
    slivers = {box for box in cells if moved and _width(_moved(box, moved)) <= 0 < _width(box)}
    if any(cells[box].lines for box in slivers):
        moved = {}  # text between the rules: they are two columns' after all
    if moved:  # (the slivers between the rules, empty, go)
        moved_cells = {_moved(b, moved): c for b, c in cells.items() if b not in slivers}
        on_rules = [r for r in ([_moved(b, moved) for b in row if b not in slivers]
                                for row in row_cells) if r]  # fmt: skip
        rejoined = split_grids(
            [bounds(r) for r in on_rules],
            [_moved(b, moved) for b in boxes if b not in slivers],
            [is_header_row([_label(moved_cells[b]) for b in row]) for row in on_rules],
        )
        if len(rejoined) <= len(grids):  # (no grid broken in two by the move)
            cells, row_cells, grids = moved_cells, on_rules, rejoined
            row_boxes = [bounds(r) for r in row_cells]
    out: list[PageTable] = []
    for number, run in enumerate(grids):
        xs = sorted({snap(v) for i in run for c in row_cells[i] for v in (c[0], c[2])})
        rows: list[list[Cell | None]] = []
        boxes_run: list[BBox] = []
        unruled = False
        for i in run:
            slots: list[Cell | None] = [None] * (len(xs) - 1)
            for box in row_cells[i]:
                slots[bisect_right(xs, snap(box[0])) - 1] = cells[box]
            unruled = unruled or (i > 0 and rows_without_rules(slots))
            split_wide_cells(slots, xs)
            for pair, pair_box in split_key_values(slots, row_boxes[i]):
                for part, part_box in split_indicator_lines(pair, pair_box):
                    rows.append(part)
                    boxes_run.append(part_box)
        _fill_text(rows)
        for cell in (c for row in rows for c in row if c is not None):
            cell.chars = ()  # the page's characters are not kept beyond the page
        bbox = (x0, boxes_run[0][1], x1, boxes_run[-1][3])
        out.append(PageTable(bbox, rows, boxes_run, engine, new_grid=number > 0, edges=xs,
                             rows_unruled=unruled))
    return out, used


# Vertical rules at most this far apart (points) are one column's edge: a nested table's rules
# set in from its cell's; no text fits between them.
INSET = 3.5


def inset_rules(rows: Sequence[Sequence[BBox]]) -> dict[float, float]:
    """Each cell edge a few points (``INSET``) from one that more rows draw, mapped onto that
    one: the rules of a table nested in some rows' cells, set in from the cells' own. Rules
    every row draws as a pair (a double border) stay apart.

    >>> outer = [(42, 0, 280, 9), (280, 0, 480, 9), (480, 0, 522, 9)]
    >>> inner = [(42, 9, 280, 20), (283, 9, 477, 15), (283, 15, 477, 20), (480, 9, 522, 20)]
    >>> inset_rules([outer, inner, outer])
    {283.0: 280.0, 477.0: 480.0}
    >>> double = [(49.5, 0, 141, 9), (143, 0, 461, 9)]
    >>> inset_rules([double, double])
    {}
    """
    drawn: dict[float, int] = {}
    for row in rows:
        for x in {snap(v) for box in row for v in (box[0], box[2])}:
            drawn[x] = drawn.get(x, 0) + 1
    xs = sorted(drawn)
    out: dict[float, float] = {}
    for a, b in itertools.pairwise(xs):
        if b - a > INSET or drawn[a] == drawn[b] or a in out or b in out:
            continue
        rare, common = (a, b) if drawn[a] < drawn[b] else (b, a)
        out[rare] = common
    return out


def _width(box: BBox) -> float:
    return snap(box[2]) - snap(box[0])


def _moved(box: BBox, moved: dict[float, float]) -> BBox:
    x0, x1 = snap(box[0]), snap(box[2])
    return (moved.get(x0, box[0]), box[1], moved.get(x1, box[2]), box[3])


# Cells holding this many amounts, one per line, in two columns of one ruled row at least: the
# rows of the table were printed without rules between them (only its columns and its frame).
# (A Renja Perubahan's record stacks two: before and after.)
STACKED_AMOUNTS = 3
STACKED_COLUMNS = 2


def rows_without_rules(slots: Sequence[Cell | None]) -> bool:
    """A ruled row that is several rows: two of its cells at least hold three amounts or more,
    one per line (``376.502.000`` over ``158.300.000`` over …), as a table printed with column
    rules only holds all its rows in one ruled row.

    >>> from renja.extract.pdf_text import Line
    >>> def cell(*texts: str) -> Cell:
    ...     return Cell((0, 0, 1, 1), [Line(t, 0, 1, 10.0 * i, 10.0 * i + 8, 8.0, False)
    ...                                for i, t in enumerate(texts)])
    >>> stacked = cell("376.502.000", "158.300.000", "218.202.000")
    >>> rows_without_rules([cell("1.06.01"), stacked, stacked])
    True
    >>> rows_without_rules([cell("1.06.01"), stacked, cell("1.510.729.000", "918.262.000")])
    False
    """
    stacked = sum(
        1 for cell in slots
        if cell is not None
        and sum(sniff(line.text) is Shape.AMOUNT for line in cell.lines) >= STACKED_AMOUNTS
    )  # fmt: skip
    return stacked >= STACKED_COLUMNS


def _label(cell: Cell) -> str:
    """A cell's text before its lines are joined: its lines, then its turned text."""
    return " ".join([*(line.text for line in cell.lines), cell.turned]).strip()


def split_wide_cells(slots: list[Cell | None], xs: Sequence[float]) -> None:
    """A cell over several grid columns whose runs of text each stand inside one of them is the
    columns' cells with a rule missing (``1 dokumen | Rp77.767.238``): the runs go back to their
    columns. A label across columns crosses a column edge and stays whole."""
    for j, cell in enumerate(list(slots)):
        if cell is None or not cell.chars:
            continue
        end = bisect_right(xs, snap(cell.bbox[2]) + SNAP) - 1
        if end - j < 2:  # one column
            continue
        edges = xs[j : end + 1]
        parts: dict[int, list[Char]] = {}
        fits = True
        for line in physical_lines(cell.chars):
            for run in line.runs:
                k = min(max(bisect_right(edges, run.x0 + SNAP) - 1, 0), len(edges) - 2)
                fits = fits and run.x1 <= edges[k + 1] + 1.0
                parts.setdefault(k, []).extend(run.chars)
        if len(parts) < 2 or not fits:
            continue
        top, bottom = cell.bbox[1], cell.bbox[3]
        for k in range(len(edges) - 1):
            own = parts.get(k, [])
            slots[j + k] = Cell((edges[k], top, edges[k + 1], bottom), group_lines(own), chars=own)


def _open_cells(
    loose: Sequence[Char],
    index: GridIndex,
    row_cells: list[list[BBox]],
    row_boxes: list[BBox],
    cells: dict[BBox, Cell],
) -> None:
    """Text where a missing rule left no cell gets a cell of its own: in the grid column under
    it and the row whose band it is in (a code centred in a merged cell whose rules are gone)."""
    groups: dict[tuple[int, tuple[float, float]], list[Char]] = {}
    for char in loose:
        cy = (char["top"] + char["bottom"]) / 2
        starts = [i for i, box in enumerate(row_boxes) if box[1] <= cy + SNAP]
        if not starts:
            continue
        column = index.column((char["x0"] + char["x1"]) / 2)
        groups.setdefault((starts[-1], column), []).append(char)
    for (row, (a, b)), chars in groups.items():
        same = [box for box in row_cells[row] if snap(box[0]) == snap(a)]
        if same:  # the row's own cell in that column ends above the text: the text joins it
            cell = cells[same[0]]
            cell.lines = sorted([*cell.lines, *group_lines(chars)], key=lambda line: line.top)
            continue
        box = (a, row_boxes[row][1], b, row_boxes[row][3])
        cells[box] = Cell(box, group_lines(chars))
        row_cells[row].append(box)


def _fill_text(rows: list[list[Cell | None]]) -> None:
    """Join each cell's lines, knowing where text ends in its column (its widest left margin
    mirrored on the right)."""
    width = max((len(r) for r in rows), default=0)
    for column in range(width):
        cells = [r[column] for r in rows if column < len(r) and r[column] is not None]
        pads = [c.lines[0].x0 - c.bbox[0] for c in cells if c and c.lines]
        pad = max(min(pads), 0.0) if pads else 0.0
        for cell in cells:
            if cell is not None:
                right = cell.bbox[2] - pad
                cell.text = join_lines(cell.lines, right=right, width=right - cell.bbox[0] - pad)
                if cell.turned:
                    cell.text = f"{cell.text} {cell.turned}".strip()


__all__ = ["GridIndex", "fill_table", "keep_tables"]
