"""Ruled tables on a PDF page: pdfplumber finds the cells from the rules; renja fills them.

pdfplumber's ``find_tables`` (lines strategy) gives each table's cell boxes. Filling the cells is
done here, once per page: every character goes to the cell that holds its centre through a grid
index (no per-cell crop of the page), and each cell's lines are joined by ``join_lines``.
Frames are not tables: a box round the whole page or round one paragraph holds no rows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from renja.extract.cells import is_data_cell, is_header_row
from renja.extract.indicator_lines import left_room
from renja.extract.pdf_text import Char, Line, Run, group_lines, join_lines, physical_lines
from renja.extract.pdf_turned import turned_text

BBox = tuple[float, float, float, float]

# Table boxes reaching further than this outside the page are drawing artefacts (a browser's
# clip rectangle of the whole web page), not tables.
OFF_PAGE_SLACK = 5.0
# A row on new rules with at least this share of the run's columns continues its body.
SAME_TABLE_SHARE = 0.75
# Coordinates closer than this are the same grid line.
SNAP = 0.5


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

    def spans(self, row: Sequence[Cell | None]) -> tuple[int, ...]:
        """How many columns each cell of a row covers (0 where a cell to the left covers it)."""
        if not self.edges:
            return ()
        out = []
        for j, cell in enumerate(row):
            if cell is None:
                out.append(0)
                continue
            end = bisect_right(self.edges, _snap(cell.bbox[2]) + SNAP) - 1
            out.append(max(end - j, 1))
        return tuple(out)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


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


def _snap(value: float) -> float:
    return round(value / SNAP) * SNAP


def row_edges(row: BBox, cells: Sequence[BBox]) -> set[float]:
    """The column edges drawn across a row: of every cell covering it, merged ones included.

    >>> sorted(row_edges((0, 5, 30, 9), [(0, 0, 10, 9), (10, 5, 20, 9), (20, 5, 30, 9)]))
    [0.0, 10.0, 20.0, 30.0]
    """
    top, bottom = row[1] + SNAP, row[3] - SNAP
    return {_snap(v) for c in cells if c[1] <= top and c[3] >= bottom for v in (c[0], c[2])}


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
    out: list[PageTable] = []
    labels = [is_header_row([_label(cells[box]) for box in row]) for row in row_cells]
    for number, run in enumerate(split_grids(row_boxes, boxes, labels)):
        xs = sorted({_snap(v) for i in run for c in row_cells[i] for v in (c[0], c[2])})
        rows: list[list[Cell | None]] = []
        boxes_run: list[BBox] = []
        for i in run:
            slots: list[Cell | None] = [None] * (len(xs) - 1)
            for box in row_cells[i]:
                slots[bisect_right(xs, _snap(box[0])) - 1] = cells[box]
            split_wide_cells(slots, xs)
            for pair, pair_box in split_key_values(slots, row_boxes[i]):
                for part, part_box in split_indicator_lines(pair, pair_box):
                    rows.append(part)
                    boxes_run.append(part_box)
        _fill_text(rows)
        for cell in (c for row in rows for c in row if c is not None):
            cell.chars = ()  # the page's characters are not kept beyond the page
        bbox = (x0, boxes_run[0][1], x1, boxes_run[-1][3])
        out.append(PageTable(bbox, rows, boxes_run, engine, new_grid=number > 0, edges=xs))
    return out, used


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
        end = bisect_right(xs, _snap(cell.bbox[2]) + SNAP) - 1
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


# A box of labels and values (``Kegiatan :`` beside ``3.31.01.2.06 Administrasi …``) holds at
# least this many labels, one per line, each ending in a colon.
MIN_KEY_LINES = 3
# A value line belongs to the label whose line starts no lower than this below it.
KEY_SLACK = 2.0


def split_key_values(slots: list[Cell | None], box: BBox) -> list[tuple[list[Cell | None], BBox]]:
    """A row whose one cell lists labels (``Kegiatan :``, ``Sub Kegiatan :`` …, one per line)
    beside a cell of their values is one row per label: a SIPD printout's header block. Each
    value line goes with the label printed on its height (a wrapped value keeps its lines).
    Any other row is returned as it is."""
    pair = _key_value_cells(slots)
    if pair is None:
        return [(slots, box)]
    k, v = pair
    keys, values = slots[k], slots[v]
    assert keys is not None and values is not None
    groups: list[list[Line]] = [[] for _ in keys.lines]
    for line in values.lines:
        owner = max(
            (i for i, key in enumerate(keys.lines) if key.top <= line.top + KEY_SLACK), default=0
        )
        groups[owner].append(line)
    out: list[tuple[list[Cell | None], BBox]] = []
    for i, key in enumerate(keys.lines):
        bottom = keys.lines[i + 1].top if i + 1 < len(keys.lines) else box[3]
        part: list[Cell | None] = [None] * len(slots)
        part[k] = Cell((keys.bbox[0], key.top, keys.bbox[2], bottom), [key])
        part[v] = Cell((values.bbox[0], key.top, values.bbox[2], bottom), groups[i])
        out.append((part, (box[0], key.top, box[2], bottom)))
    return out


def split_indicator_lines(
    slots: list[Cell | None], box: BBox
) -> list[tuple[list[Cell | None], BBox]]:
    """A ruled row that stacks several indicators in its cells, one per line, each with its
    value on its line (``Persentase dokumen`` over ``Nilai SAKIP`` beside ``100`` over ``80``):
    one row per indicator. The record's code, name and amounts stay on the first row; a
    wrapped name or indicator keeps its lines. Any other row is returned as it is.

    A line starts another indicator when, in a column of text (its first line is no value),
    the text above left room for its first word (a wrap would have taken it), and in a column
    of values it prints a value under a value (``80`` under ``100``). A unit under its number
    (``55`` over ``ORANG``) or an amount's wrapped digits are no such value.
    """
    filled = [(j, c) for j, c in enumerate(slots) if c is not None and c.chars]
    if sum(len(c.lines) > 1 for _j, c in filled) < 2:  # a text and a value column, stacked
        return [(slots, box)]
    columns = [(c.bbox[0], c.bbox[2]) for _j, c in filled]
    lines = physical_lines([char for _j, c in filled for char in c.chars])
    if len(lines) < 2:
        return [(slots, box)]
    cells: list[dict[int, list[Run]]] = [{} for _ in lines]
    for i, line in enumerate(lines):
        for run in line.runs:
            cells[i].setdefault(_column_at(run.x0, columns), []).append(run)
    first = {k: next(_runs_text(c[k]) for c in cells if k in c) for k in range(len(columns))
             if any(k in c for c in cells)}  # fmt: skip
    # where a column's text can end: its left margin mirrored on the right
    rights = [right - (min((r.x0 for c in cells for r in c.get(k, ())), default=left) - left)
              for k, (left, right) in enumerate(columns)]  # fmt: skip
    # a column of values; not one whose lines join into one grouped amount (its digits wrapped)
    joined = {k: "".join(_runs_text(c[k]) for c in cells if k in c) for k in first}
    valued = {k for k, text in first.items() if _is_value(text) and not _GROUPED.match(joined[k])}
    starts = [0]
    owner: dict[tuple[int, int], int] = {}
    for i in range(len(lines)):
        new_text = new_value = False
        for k, runs in cells[i].items():
            above = next((j for j in range(i - 1, -1, -1) if k in cells[j]), None)
            if above is None:
                continue
            if k in valued:
                new_value |= _is_value(_runs_text(runs)) and _is_value(_runs_text(cells[above][k]))
            else:
                new_text |= left_room(cells[above][k], runs, rights[k] - ROOM_SLACK)
        if i and new_text and new_value:
            starts.append(i)
        for k, runs in cells[i].items():
            above = next((j for j in range(i - 1, -1, -1) if k in cells[j]), None)
            text = _runs_text(runs)
            own = above is None or (
                _is_value(text)
                if k in valued
                else left_room(cells[above][k], runs, rights[k] - ROOM_SLACK)
            )
            owner[(i, k)] = len(starts) - 1 if own or above is None else owner[(above, k)]
    if len(starts) < 2:
        return [(slots, box)]
    tops = [lines[start].top for start in starts]
    out: list[tuple[list[Cell | None], BBox]] = []
    for p in range(len(starts)):
        own_chars: dict[int, list[Char]] = {}
        for (i, k), part in owner.items():
            if part == p:
                own_chars.setdefault(k, []).extend(ch for run in cells[i][k] for ch in run.chars)
        top = box[1] if p == 0 else tops[p]
        bottom = tops[p + 1] if p + 1 < len(starts) else box[3]
        row: list[Cell | None] = [None] * len(slots)
        for j, cell in enumerate(slots):
            if cell is None:
                continue
            column = next((n for n, (f, _c) in enumerate(filled) if f == j), None)
            chars = own_chars.get(column, []) if column is not None else []
            turned = cell.turned if p == 0 else ""
            row[j] = Cell((cell.bbox[0], top, cell.bbox[2], bottom), group_lines(chars),
                          chars=chars, turned=turned)  # fmt: skip
        out.append((row, (box[0], top, box[2], bottom)))
    return out


def _runs_text(runs: Sequence[Run]) -> str:
    return " ".join("".join(c["text"] for c in r.chars) for r in runs)


# A whole number on its line of a ruled cell: a target (``80``, ``12,5``, ``100 %``) or an
# amount grouped by thousands (``1.250.000``); digits grouped otherwise are a wrapped piece.
_NUMBER = re.compile(r"^(?:\d+(?:,\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?)\s*%?$")
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
# How much room past a line's end its column must leave before the next line's first word
# counts as a text of its own (a wrap may leave a little).
ROOM_SLACK = 2.0
_DIGITS = re.compile(r"^[\d.,\s]+$")


# An expression or a list that goes on over the line's end (``1 Orang / Hari x``).
_GOES_ON = re.compile(r"[x×*/+\-:,&]$|\b(?:dan|atau)$", re.IGNORECASE)


def _is_value(text: str) -> bool:
    """A whole value on one line of a ruled row: a number as above, or data by its shape
    that is not digits alone (``2 dok``, ``75%``) and does not go on over the line's end.

    >>> [_is_value(t) for t in ["80", "12,5", "100 %", "1.250.000", "Nilai SAKIP", "2 dok"]]
    [True, True, True, True, False, True]
    >>> [_is_value(t) for t in ["82.835.2", "6.511.438.", "76.00", "ORANG", "1 Orang / Hari x"]]
    [False, False, False, False, False]
    """
    text = text.strip()
    if _NUMBER.match(text):
        return True
    return is_data_cell(text) and not _DIGITS.match(text) and not _GOES_ON.search(text)


def _column_at(x: float, columns: Sequence[tuple[float, float]]) -> int:
    """The column whose box holds ``x`` (the nearest when none does)."""
    for k, (left, right) in enumerate(columns):
        if left - SNAP <= x <= right:
            return k
    return min(range(len(columns)), key=lambda k: abs(columns[k][0] - x))


def _key_value_cells(slots: Sequence[Cell | None]) -> tuple[int, int] | None:
    """The label cell and the value cell of a key-value row, if it is one."""
    filled = [j for j, c in enumerate(slots) if c is not None and c.lines]
    if len(filled) != 2:
        return None
    k, v = filled
    keys = slots[k]
    assert keys is not None
    if len(keys.lines) < MIN_KEY_LINES or not all(
        line.text.rstrip().endswith(":") for line in keys.lines
    ):
        return None
    return k, v


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
        same = [box for box in row_cells[row] if _snap(box[0]) == _snap(a)]
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


__all__ = ["Cell", "GridIndex", "PageTable", "fill_table", "keep_tables"]
