"""Rows of an unruled table whose cells are centred up and down (a spreadsheet's "middle").

A row's cells then stand round one middle line: a code or an amount on one line, a name of
five lines two lines above it and two below. Rows are told apart by the gaps between lines
(``pdf_unruled.row_bands``), and the top line of a tall name can stand alone, a gap above and
below it: a band with no value of its own. Read top-aligned, such a line goes on the row above
(a wrapped name's last line), and the name is cut between two rows
(``Pengembangan Pendekatan`` on the row of ``Pengelolaan Pelayanan Kesehatan``).

A table is centred when its rows with values on one line and text on more are balanced round
the values: as much text above them as below, in three rows or more and twice as many as
those with their values on the first line. There, the lines without values between two rows
go to the row they balance: of a run of such bands, the first ones stay for the row above
(as before: joined to it later) and the rest join the row below, at the cuts that leave the
rows most balanced round their values.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from renja.extract.cells import is_data_cell
from renja.extract.pdf_text import PhysicalLine, runs_text

# Rows balanced round their values: above and below differ by less than this many font sizes.
BALANCED = 0.6
# A table is centred with this many balanced rows at least, and twice as many as top-aligned.
MIN_CENTRED_ROWS = 3


def has_values(line: PhysicalLine) -> bool:
    """Whether a run of the line is data by its shape (a code, an amount, a target)."""
    return any(is_data_cell(runs_text([run])) for run in line.runs)


def _middle(band: Sequence[int], lines: Sequence[PhysicalLine]) -> float | None:
    """The middle of the band's lines that hold values; None when none does."""
    valued = [i for i in band if has_values(lines[i])]
    if not valued:
        return None
    return (min(lines[i].top for i in valued) + max(lines[i].bottom for i in valued)) / 2


def _imbalance(band: Sequence[int], middle: float, lines: Sequence[PhysicalLine]) -> float:
    top = min(lines[i].top for i in band)
    bottom = max(lines[i].bottom for i in band)
    return abs((middle - top) - (bottom - middle))


def is_centred(bands: Sequence[Sequence[int]], lines: Sequence[PhysicalLine]) -> bool:
    """Whether the rows' values stand in the middle of their text (see the module)."""
    size = statistics.median(line.size for line in lines) if lines else 0.0
    balanced = top_aligned = 0
    for band in bands:
        middle = _middle(band, lines)
        if middle is None or len(band) < 3:
            continue
        above = middle - min(lines[i].top for i in band)
        below = max(lines[i].bottom for i in band) - middle
        if above < size:  # the values on the first line
            top_aligned += 1
        elif abs(above - below) < BALANCED * size:
            balanced += 1
    return balanced >= MIN_CENTRED_ROWS and balanced > 2 * top_aligned


def centred_bands(bands: list[list[int]], lines: Sequence[PhysicalLine]) -> list[list[int]]:
    """``bands`` (lists of indices into ``lines``, top to bottom) with the bands without values
    joined to the row below where the table is centred and that balances the rows (see the
    module's docstring); unchanged otherwise.

    Each run of bands without values between two rows is cut in two: its first bands go with
    the row above (kept apart, as they are joined later), the rest join the row below. The
    cuts are chosen together, as a row's balance depends on the runs on both its sides: the
    least imbalance summed over the rows, ties kept with the row above. The run over the
    first row joins it only as far as that balances it (the rest of a row a page break cut
    stays apart); the run under the last row stays with it.
    """
    if not is_centred(bands, lines):
        return bands
    rows: list[list[int]] = []  # the bands with values, top to bottom
    runs: list[list[list[int]]] = [[]]  # the bands without values before each row, and after
    for band in bands:
        if _middle(band, lines) is None:
            runs[-1].append(band)
        else:
            rows.append(band)
            runs.append([])
    if not rows:
        return bands
    middles = [_middle(row, lines) for row in rows]

    def cost(k: int, upper: int, lower: int) -> float:
        """Row ``k``'s imbalance with the run above it cut at ``upper`` (its bands from there
        on join it) and the run below cut at ``lower`` (its bands before that go with it)."""
        joined = [i for band in runs[k][upper:] for i in band] + rows[k]
        joined += [i for band in runs[k + 1][:lower] for i in band]
        middle = middles[k]
        assert middle is not None
        return _imbalance(joined, middle, lines)

    # for each cut of the run above row k: the least imbalance of the rows above it, and the cuts
    best = {c: (0.0, [c]) for c in range(len(runs[0]), -1, -1)}
    for k in range(len(rows)):
        last = k + 1 == len(rows)
        lowers = [len(runs[-1])] if last else range(len(runs[k + 1]), -1, -1)
        step: dict[int, tuple[float, list[int]]] = {}
        for lower in lowers:
            total, cuts = min(
                ((total + cost(k, upper, lower), cuts) for upper, (total, cuts) in best.items()),
                key=lambda option: option[0],
            )
            step[lower] = (total, [*cuts, lower])
        best = step
    _, cuts = min(best.values(), key=lambda option: option[0])
    out: list[list[int]] = []
    for k, row in enumerate(rows):
        out.extend(runs[k][: cuts[k]])
        out.append([i for band in runs[k][cuts[k] :] for i in band] + row)
    return out + runs[-1]


__all__ = ["centred_bands", "has_values", "is_centred"]
