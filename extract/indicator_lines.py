"""A row of an unruled table that prints several indicators, each on a line of its own.

Without rules, a program with two indicators sets its lines as close as the lines of one
cell: the name wraps beside them, and each indicator's target and values stand on the
indicator's line. Read as one row, each value column would hold two numbers (``72,18 21,40``)
that no reading can split. A ruled table prints them as two rows under a name cell that spans
both, so this makes the same rows: the band is cut before each line that starts another
indicator, and each column's text goes either with its own line's row (a new item: an
indicator, a unit, a value) or with the row of the text it continues (a wrapped name, a
wrapped unit of the organisation).

A line starts another indicator when it prints values in two columns or more that an earlier
line of the row prints values in too, and a text of its own in some column (an indicator's
name): a row whose amounts only wrap onto the next line (``189.1`` over ``53.75 0``) prints no
such text and stays one row. A column's text on a line is a new item when the text above it in
that column left room for its first word (a wrapped line is one whose next word did not fit).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from renja.extract.cells import is_data_cell
from renja.extract.pdf_text import PhysicalLine, Run, runs_text, split_words

# The width of a space between words, in font sizes.
SPACE = 0.25
# A line starts another indicator when it shares values with the lines above in this many
# columns, or in one with a whole amount (``12.550.000``: not a wrapped amount's piece).
SHARED_VALUES = 2
_WHOLE_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def is_whole_amount(text: str) -> bool:
    """Digits grouped by thousands, whole: an amount, not a piece of one its wrap cut.

    >>> [is_whole_amount(t) for t in ("12.550.000", "1.650.000,50", "6.511.438.", "535")]
    [True, True, False, False]
    """
    return bool(_WHOLE_AMOUNT.fullmatch(text))

Part = list[tuple[int, list[Run]]]  # the lines of one row, each with the runs it gives the row


def _starts_an_item(above: Sequence[Run], below: Sequence[Run], right: float) -> bool:
    """Whether the text ``below`` starts a new item: the text ``above`` it in the column left
    room, up to the column's right edge, for its first word; or both are a single word (units
    stacked in a column as narrow as the longer of them: ``Tahun`` over ``%``).

    >>> from renja.extract.pdf_text import _c, physical_lines
    >>> def runs(text: str, x: float = 0) -> list[Run]:
    ...     return physical_lines([_c(ch, x + 3.6 * i, 0) for i, ch in enumerate(text)])[0].runs
    >>> _starts_an_item(runs("Usia Harapan Hidup"), runs("Prevalensi"), 110)
    True
    >>> _starts_an_item(runs("PROGRAM PEMENUHAN UPAYA"), runs("KESEHATAN"), 110)
    False
    >>> _starts_an_item(runs("Tahun"), runs("%"), 18)
    True
    """
    if len(split_words([c for r in above for c in r.chars])) == 1 == len(
        split_words([c for r in below for c in r.chars])
    ):
        return True
    return left_room(above, below, right)


def left_room(above: Sequence[Run], below: Sequence[Run], right: float) -> bool:
    """Whether the text ``above`` left room, up to ``right``, for the first word ``below``: a
    line that wrapped would have taken it, so ``below`` starts a text of its own."""
    end = max(r.x1 for r in above)
    first = split_words(below[0].chars)[0]
    width = first[-1]["x1"] - first[0]["x0"]
    return end + SPACE * below[0].size + width <= right + 0.5


def indicator_parts(
    band: Sequence[int],
    lines: Sequence[PhysicalLine],
    columns: Sequence[tuple[float, float]],
    column_of: Callable[[float, Sequence[tuple[float, float]]], int],
) -> list[Part]:
    """The band's lines as rows, one per indicator line (see the module's docstring); the band
    whole, as one row, when no line starts another indicator.

    ``column_of(x, columns)`` is the column a run starting at ``x`` stands in.
    """
    whole: list[Part] = [[(i, list(lines[i].runs)) for i in band]]
    if len(band) < 2:
        return whole
    cells: dict[int, dict[int, list[Run]]] = {}
    for i in band:
        for run in lines[i].runs:
            cells.setdefault(i, {}).setdefault(column_of(run.x0, columns), []).append(run)

    # the columns each line prints a value in
    values = {i: {k for k, runs in cells.get(i, {}).items() if is_data_cell(runs_text(runs))}
              for i in band}  # fmt: skip

    def amounts(i: int) -> set[int]:
        """The columns line ``i`` prints a whole amount in."""
        return {k for k in values[i] if is_whole_amount(runs_text(cells[i][k]))}

    def last_text(k: int, before: int) -> tuple[int, list[Run]] | None:
        """The nearest line above ``before`` in the band with text in column ``k``."""
        for j in reversed([j for j in band if j < before]):
            if k in cells.get(j, {}):
                return j, cells[j][k]
        return None

    starts: list[int] = [band[0]]
    for i in band[1:]:
        earlier = set().union(*(values[j] for j in band if starts[-1] <= j < i))
        shared = values[i] & earlier
        if len(shared) < SHARED_VALUES and not shared & amounts(i):
            continue  # one shared value may do: a whole amount (a total under its items')
        texts = [k for k in cells.get(i, {}) if k not in values[i]]
        if any(
            (above := last_text(k, i)) is not None
            and above[0] >= starts[-1]
            and _starts_an_item(above[1], cells[i][k], columns[k][1])
            for k in texts
        ):
            starts.append(i)
    if len(starts) == 1:
        return whole

    def part_of(i: int) -> int:
        return max(p for p, start in enumerate(starts) if start <= i)

    # A line that starts a part and prints a value in every column the part before it opened
    # with, an amount under its amount among them, is a record of its own (an RKA's item
    # lines), not an indicator stacked under a record (which prints its targets, not the
    # record's amount): its text is its own, even where the text above it filled its line.
    whole_record = {
        start for p, start in enumerate(starts)
        if p > 0 and values[starts[p - 1]] <= values[start]
        and amounts(starts[p - 1]) & amounts(start)
    }  # fmt: skip
    owner: dict[tuple[int, int], int] = {}  # (line, column) -> the part its text goes to
    for i in band:
        for k, runs in cells.get(i, {}).items():
            above = last_text(k, i)
            if (above is None or k in values[i] or i in whole_record
                    or _starts_an_item(above[1], runs, columns[k][1])):  # fmt: skip
                owner[(i, k)] = part_of(i)
            else:  # it continues the text above it
                owner[(i, k)] = owner[(above[0], k)]
    parts: list[Part] = [[] for _ in starts]
    for i in band:
        for p in range(len(starts)):
            runs = [r for k, rs in cells.get(i, {}).items() if owner[(i, k)] == p for r in rs]
            if runs:
                parts[p].append((i, sorted(runs, key=lambda r: r.x0)))
    return [part for part in parts if part]


__all__ = ["indicator_parts", "is_whole_amount", "left_room"]
