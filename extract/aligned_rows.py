"""Rows of an unruled table set at the bottom or at the top of their cells, told by the words.

Set at the bottom (a spreadsheet's default), a row's values stand on its last line and a name
of three lines rises two lines above them. With little room in the cells the lines are evenly
spaced and each reads as a band of its own; read as if set at the top, the lines without values
go on the row above, and every name is cut between two rows. Set at the top with no room at
all, the same bands must go the other way.

The words tell the alignment: a line that wrapped is full (the next line's first word would
not have fitted; ``indicator_lines.left_room``). Set at the bottom, the line over a row's
values line is a wrapped line of the same cell (full), and the line under it starts the next
row's text (the values line, a cell's last, left room). Set at the top, the other way round.
A last line can be long by chance, so the shares are only compared: where, over three such
pairs each at least, two thirds of the lines on one side are full and the share on the other
side is a third lower at least, the table is set at that side (set in the middle, both are
wrapped lines of one cell: full alike). Then the lines without values join the values line
below them (bottom) or above them (top).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from renja.extract.cells import is_data_cell, is_header_row
from renja.extract.centred_rows import has_values
from renja.extract.indicator_lines import left_room
from renja.extract.pdf_text import PhysicalLine, runs_text

# Pairs of lines needed on each side of the values lines, and the shares that tell.
MIN_PAIRS = 3
FULL = 2 / 3
LOWER = 1 / 3

ColumnOf = Callable[[float, Sequence[tuple[float, float]]], int]


def _valued(band: Sequence[int], lines: Sequence[PhysicalLine]) -> bool:
    return any(has_values(lines[i]) for i in band)


def _full(
    above: PhysicalLine,
    below: PhysicalLine,
    columns: Sequence[tuple[float, float]],
    column_of: ColumnOf,
) -> list[bool]:
    """For each column of text both lines print in: whether ``above``'s text there is a full
    line, one that ``below``'s text goes on (it left no room for its first word)."""
    out = []
    for k, (_, right) in enumerate(columns):
        up = [r for r in above.runs if column_of(r.x0, columns) == k]
        down = [r for r in below.runs if column_of(r.x0, columns) == k]
        if not up or not down or is_data_cell(runs_text(up)) or is_data_cell(runs_text(down)):
            continue
        out.append(not left_room(up, down, right))
    return out


def _full_shares(
    bands: Sequence[Sequence[int]],
    lines: Sequence[PhysicalLine],
    columns: Sequence[tuple[float, float]],
    column_of: ColumnOf,
) -> tuple[float, float] | None:
    """The shares of full lines over a values line and of full values lines over a line
    without values; None with fewer than ``MIN_PAIRS`` of either."""
    over: list[bool] = []  # the line over a values line: full?
    values: list[bool] = []  # a values line, over a line without values: full?
    for k, band in enumerate(bands):
        if not _valued(band, lines):
            continue
        if k and not _valued(bands[k - 1], lines):
            over += _full(lines[bands[k - 1][-1]], lines[band[0]], columns, column_of)
        if k + 1 < len(bands) and not _valued(bands[k + 1], lines):
            values += _full(lines[band[-1]], lines[bands[k + 1][0]], columns, column_of)
    if len(over) < MIN_PAIRS or len(values) < MIN_PAIRS:
        return None
    return sum(over) / len(over), sum(values) / len(values)


TOP, BOTTOM = "top", "bottom"


def alignment(
    bands: Sequence[Sequence[int]],
    lines: Sequence[PhysicalLine],
    columns: Sequence[tuple[float, float]],
    column_of: ColumnOf,
) -> str | None:
    """``BOTTOM`` where the rows' values stand on their last line, ``TOP`` where on their first
    (see the module's docstring); None when the words do not tell."""
    shares = _full_shares(bands, lines, columns, column_of)
    if shares is None:
        return None
    over, values = shares
    if over >= FULL and values <= over - LOWER:
        return BOTTOM
    if values >= FULL and over <= values - LOWER:
        return TOP
    return None


def aligned_bands(
    bands: list[list[int]],
    lines: Sequence[PhysicalLine],
    columns: Sequence[tuple[float, float]],
    column_of: ColumnOf,
) -> list[list[int]]:
    """``bands`` with the bands without values joined to the values band below them where the
    table is set at the bottom (lines after the last values line stay: the start of a row a
    page break cut), or above them where it is set at the top (lines before the first stay:
    the rest of a row a page break cut); unchanged otherwise."""
    aligned = alignment(bands, lines, columns, column_of)
    if aligned == TOP:
        out_top: list[list[int]] = []
        for band in bands:
            if out_top and not _valued(band, lines) and _valued(out_top[-1], lines):
                out_top[-1] = out_top[-1] + band
            else:
                out_top.append(band)
        return out_top
    if aligned != BOTTOM:
        return bands
    out: list[list[int]] = []
    waiting: list[int] = []
    for band in bands:
        if _valued(band, lines):
            out.append(waiting + band)
            waiting = []
        else:
            waiting += band
    return out + ([waiting] if waiting else [])


def first_row_lines(
    heads: list[list[int]],
    first: list[int],
    lines: Sequence[PhysicalLine],
    columns: Sequence[tuple[float, float]],
    column_of: ColumnOf,
) -> tuple[list[list[int]], list[int]]:
    """The header's bands and the first row's band, the header's last lines given to the first
    row while each is a full line its text goes on from: set at the bottom, the first row's
    name rises above its values, over the line the header was taken to end on (the header is
    the lines before the first line of values). Labels wrap into labels, not into a row: a
    line that reads as a row of labels stays."""
    header = [i for band in heads for i in band]
    taken: list[int] = []
    below = first[0]
    while header and (full := _full(lines[header[-1]], lines[below], columns, column_of)):
        if not all(full) or is_header_row([runs_text([run]) for run in lines[header[-1]].runs]):
            break
        below = header.pop()
        taken.insert(0, below)
    if not taken:
        return heads, first
    kept = [[i for i in band if i not in taken] for band in heads]
    return [band for band in kept if band], taken + first


__all__ = ["BOTTOM", "TOP", "aligned_bands", "alignment", "first_row_lines"]
