"""One ruled row that is several records: a SIPD header block's labels and values
(``split_key_values``), and a program's indicators stacked in its cells
(``split_indicator_lines``)."""

from __future__ import annotations

from collections.abc import Sequence

from renja.extract.cells import is_code_stack, is_value_line
from renja.extract.indicator_lines import is_whole_amount, left_room
from renja.extract.pdf_cells import SNAP, BBox, Cell
from renja.extract.pdf_text import Char, Line, Run, group_lines, physical_lines, runs_text

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
    of values it prints a value under a value (``80`` under ``100``). In a column of codes
    alone (an APBD summary stacks ``4``, ``4.1`` and ``4.1.01`` in one ruled row, names and
    amounts beside them) each code starts a record, with all its line. A unit under its number
    (``55`` over ``ORANG``) or an amount's wrapped digits are no such value.
    """
    filled = [(j, c) for j, c in enumerate(slots) if c is not None and c.chars]
    if sum(len(c.lines) > 1 for _j, c in filled) < 2:  # a text and a value column, stacked
        return [(slots, box)]
    columns = [(c.bbox[0], c.bbox[2]) for _j, c in filled]
    column_of = {j: k for k, (j, _c) in enumerate(filled)}  # a slot's column among the filled
    lines = physical_lines([char for _j, c in filled for char in c.chars])
    if len(lines) < 2:
        return [(slots, box)]
    cells: list[dict[int, list[Run]]] = [{} for _ in lines]
    for i, line in enumerate(lines):
        for run in line.runs:
            cells[i].setdefault(_column_at(run.x0, columns), []).append(run)
    first = {k: next(runs_text(c[k]) for c in cells if k in c) for k in range(len(columns))
             if any(k in c for c in cells)}  # fmt: skip
    # where a column's text can end: its left margin mirrored on the right
    rights = [right - (min((r.x0 for c in cells for r in c.get(k, ())), default=left) - left)
              for k, (left, right) in enumerate(columns)]  # fmt: skip
    # a column of values; not one whose lines join into one grouped amount (its digits wrapped)
    joined = {k: "".join(runs_text(c[k]) for c in cells if k in c) for k in first}
    valued = {k for k, text in first.items()
              if is_value_line(text) and not is_whole_amount(joined[k])}  # fmt: skip
    # a column of codes (``4`` over ``4.1`` over ``4.1.01``): each code starts a record
    coded = {k for k in first if is_code_stack([runs_text(c[k]) for c in cells if k in c])}
    starts = [0]
    owner: dict[tuple[int, int], int] = {}
    last: dict[int, int] = {}  # each column's line above, as the lines are read
    for i in range(len(lines)):
        new: dict[int, bool] = {}  # whether the column's text here is an item of its own
        for k, runs in cells[i].items():
            if k not in last:
                continue
            above = cells[last[k]][k]
            if k in coded:
                new[k] = True  # a code under a code (``4.1`` under ``4``)
            elif k in valued:
                new[k] = is_value_line(runs_text(runs))
            else:
                new[k] = left_room(above, runs, rights[k] - ROOM_SLACK)
        new_texts = any(new[k] for k in new if k not in valued)
        new_values = any(new[k] and is_value_line(runs_text(cells[last[k]][k]))
                         for k in new if k in valued)  # fmt: skip
        new_code = any(new[k] for k in new if k in coded)
        if i and ((new_texts and new_values) or new_code):
            starts.append(i)
        for k in cells[i]:
            own = new.get(k, True) or (new_code and starts[-1] == i)  # all of a code's line
            owner[(i, k)] = len(starts) - 1 if own else owner[(last[k], k)]
            last[k] = i
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
            chars = own_chars.get(column_of.get(j, -1), [])
            turned = cell.turned if p == 0 else ""
            row[j] = Cell((cell.bbox[0], top, cell.bbox[2], bottom), group_lines(chars),
                          chars=chars, turned=turned)  # fmt: skip
        out.append((row, (box[0], top, box[2], bottom)))
    return out


# How much room past a line's end its column must leave before the next line's first word
# counts as a text of its own (a wrap may leave a little).
ROOM_SLACK = 2.0


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


__all__ = ["split_indicator_lines", "split_key_values"]
