"""Grid tables (pandoc's, and what Word documents become through pandoc): cells drawn with
``+---+`` borders and ``|`` between columns, a cell's text on as many lines as it needs, the
header's rows above a ``+===+`` border.

Columns are where the borders put their ``+``; a line without a ``|`` at a column's border
spans both columns (its text goes to the first), unless it draws every column's ``|`` elsewhere
(a bold amount wider than its column pushes the rest of the line on). A cell's lines are
joined with ``<br>``, as a converter writes the lines of an HTML or pipe table's cell, so a
wrapped name and a program's stacked indicators are read the same in every form
(``extract/stacked_cells.py``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")


@dataclass(frozen=True, slots=True)
class GridRow:
    cells: list[str]
    line: int  # 1-based line of the row's first text line
    header: bool


def joined_lines(lines: Sequence[Sequence[str]]) -> list[str]:
    """The cells of a row printed on several lines: each column's filled lines joined with
    ``<br>``, as a converter writes the lines of a cell (every grid-like reader's rows).

    >>> joined_lines([["1.02", "PROGRAM", ""], ["", "KESEHATAN", "1.000"]])
    ['1.02', 'PROGRAM<br>KESEHATAN', '1.000']
    """
    return ["<br>".join(cells[k] for cells in lines if cells[k]) for k in range(len(lines[0]))]


def is_grid_border(line: str) -> bool:
    """A grid table's border line.

    >>> is_grid_border("+-----+-----:+"), is_grid_border("+=====+"), is_grid_border("| a |")
    (True, True, False)
    """
    return bool(_BORDER.match(line))


def grid_table_end(lines: list[str], start: int) -> int:
    """The index past a grid table whose first border is ``lines[start]``: its lines start with
    ``+`` or ``|``, and it ends with a border."""
    end = start + 1
    last_border = start
    while end < len(lines) and lines[end].lstrip().startswith(("+", "|")):
        if is_grid_border(lines[end]):
            last_border = end
        end += 1
    return last_border + 1


def _cells(line: str, borders: list[int]) -> list[str] | None:
    """A text line cut at the column borders it draws (``|``); the text of a cell spanning
    several columns goes to the first of them. None when the line draws no left border."""
    if len(line) <= borders[0] or line[borders[0]] not in "|+":
        return None
    out = [""] * (len(borders) - 1)
    pipes = [i for i, ch in enumerate(line.rstrip()) if ch == "|"]
    if len(pipes) == len(borders) and pipes != borders:
        # every column drawn, but a cell wider than its column pushed the ``|`` after it
        return [line[a + 1 : b].strip() for a, b in itertools.pairwise(pipes)]
    start = 0
    for k in range(1, len(borders)):
        position = borders[k]
        drawn = position >= len(line) or line[position] in "|+" or k == len(borders) - 1
        if drawn:
            out[start] = line[borders[start] + 1 : position].strip()
            start = k
    return out


def parse_grid_table(lines: list[str], first_line: int) -> list[GridRow]:
    """The rows of a grid table (``lines`` from its first border to its last), each with the
    line it starts on (``first_line`` is the first border's).

    >>> table = ["+------+-------------+---------+",
    ...          "| Kode | Program     | Pagu    |",
    ...          "+======+=============+=========+",
    ...          "| 1.02 | PROGRAM     | 1.250.  |",
    ...          "|      | KESEHATAN   | 000.000 |",
    ...          "+------+-------------+---------+",
    ...          "| Jumlah             | 2.500   |",
    ...          "+--------------------+---------+",
    ...          "|      | **Total**   | **1.250.000.000** |",
    ...          "+------+-------------+---------+"]
    >>> for row in parse_grid_table(table, 10):
    ...     print(row.line, row.header, row.cells)
    11 True ['Kode', 'Program', 'Pagu']
    13 False ['1.02', 'PROGRAM<br>KESEHATAN', '1.250.<br>000.000']
    16 False ['Jumlah', '', '2.500']
    18 False ['', '**Total**', '**1.250.000.000**']
    """
    borders = [i for i, ch in enumerate(lines[0].rstrip()) if ch == "+"]
    for line in lines:  # a border further down may draw more columns (spans above it)
        if is_grid_border(line):
            borders = sorted(set(borders) | {i for i, ch in enumerate(line.rstrip()) if ch == "+"})
    rows: list[GridRow] = []
    group: list[tuple[int, list[str]]] = []
    header_done = not any(line.lstrip().startswith("+=") for line in lines)

    def close(header: bool) -> None:
        if not group:
            return
        rows.append(GridRow(joined_lines([cells for _, cells in group]), group[0][0], header))
        group.clear()

    for index, line in enumerate(lines):
        if is_grid_border(line):
            close(header=not header_done)
            if line.lstrip().startswith("+="):
                header_done = True
            continue
        cells = _cells(line, borders)
        if cells is not None:
            group.append((first_line + index, cells))
    close(header=not header_done)
    return rows


__all__ = ["GridRow", "grid_table_end", "is_grid_border", "joined_lines", "parse_grid_table"]
