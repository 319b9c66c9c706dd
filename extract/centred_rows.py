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
(as before: joined to it later) and the rest join the row below, at the cut that leaves both
rows most balanced round their values.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from renja.extract.cells import is_data_cell
from renja.extract.pdf_text import PhysicalLine

# Rows balanced round their values: above and below differ by less than this many font sizes.
BALANCED = 0.6
# A table is centred with this many balanced rows at least, and twice as many as top-aligned.
MIN_CENTRED_ROWS = 3


def _has_values(line: PhysicalLine) -> bool:
    return any(is_data_cell("".join(c["text"] for c in run.chars)) for run in line.runs)


def _middle(band: Sequence[int], lines: Sequence[PhysicalLine]) -> float | None:
    """The middle of the band's lines that hold values; None when none does."""
    valued = [i for i in band if _has_values(lines[i])]
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
    joined to the row below where the table is centred and that balances both rows (see the
    module's docstring); unchanged otherwise."""
    if not is_centred(bands, lines):
        return bands
    out: list[list[int]] = []
    orphans: list[list[int]] = []
    for band in bands:
        middle = _middle(band, lines)
        if middle is None:
            orphans.append(band)
            continue
        above = next((b for b in reversed(out) if _middle(b, lines) is not None), None)
        cut = _best_cut(above, orphans, band, middle, lines)
        out.extend(orphans[:cut])
        out.append([i for part in orphans[cut:] for i in part] + band)
        orphans = []
    return out + orphans


def _best_cut(
    above: list[int] | None,
    orphans: Sequence[list[int]],
    below: list[int],
    middle: float,
    lines: Sequence[PhysicalLine],
) -> int:
    """How many of the ``orphans`` stay with the row ``above``: the cut that leaves it and the
    row ``below`` (its values' middle at ``middle``) most balanced; all of them by default."""
    if not orphans:
        return 0
    if above is None:
        return len(orphans)  # over the table's first row: the rest of a row a page break cut
    above_middle = _middle(above, lines)
    assert above_middle is not None

    def cost(cut: int) -> float:
        upper = above + [i for part in orphans[:cut] for i in part]
        lower = [i for part in orphans[cut:] for i in part] + below
        return _imbalance(upper, above_middle, lines) + _imbalance(lower, middle, lines)

    return min(range(len(orphans), -1, -1), key=cost)


__all__ = ["centred_bands", "is_centred"]
