"""Records printed as a before line and an after line become one row.

A Renja Perubahan often prints each program, kegiatan and sub kegiatan on two lines: a label
column says ``Sebelum`` on the first and ``Sesudah`` on the second, the name and code span
both, and the target and pagu columns hold the value before the change on the first line and
after it on the second. ``pair_lines`` makes each such pair one row: a column of values on both
lines becomes two columns (``… / Sebelum`` and ``… / Sesudah`` in the header), a column filled on
one line keeps that value, a column of text on both lines (a name or an indicator wrapped onto
the second line, a code's last digits) is one cell of both lines' text, and the label column
goes. The raw table is kept as printed; the paired table is what the contract is inferred from
and the clean table is read from, and each row remembers the second line it took in
(``RawRow.joined``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from renja.extract.cells import is_data_cell, is_number_row
from renja.extract.shapes import Shape, sniff
from renja.model.records import RawRow, RawTable, RowRole

_BEFORE = re.compile(r"^\s*(?:sebelum|semula|murni)\b", re.IGNORECASE)
_AFTER = re.compile(r"^\s*(?:sesudah|setelah|menjadi|perubahan)\b", re.IGNORECASE)
# A label column: this share of the body rows carry a before or after label in it.
LABEL_SHARE = 0.5
# A column is split in two when both lines of this share of the pairs hold a value in it.
BOTH_SHARE = 0.5
# What a line's cell holds when it is a value of its own (a before or an after value), not
# text that a line wrap carried on: an amount, a target, a grade…; a code's wrapped last
# digits (``1.02.01.1.01.0`` over ``001``) are no pair of values.
VALUE_SHAPES = frozenset({Shape.DASH, Shape.AMOUNT, Shape.PERCENT, Shape.NUMBER, Shape.TARGET,
                          Shape.PREDICATE, Shape.DECIMAL})  # fmt: skip
LABELS = ("Sebelum", "Sesudah")


@dataclass(frozen=True, slots=True)
class PairedColumns:
    """Where the labels are and which columns hold a value on each line."""

    label: int
    split: tuple[int, ...]


def label_column(rows: Sequence[RawRow]) -> int | None:
    """The column whose cells say ``Sebelum`` and ``Sesudah`` on alternate lines.

    >>> from renja.model.records import Source
    >>> rows = [RawRow(["1", "Program A", "Sebelum", "100"], Source(1)),
    ...         RawRow(["", "", "Sesudah", "120"], Source(2))]
    >>> label_column(rows)
    2
    >>> label_column([RawRow(["1", "Program A", "100"], Source(1))]) is None
    True
    """
    filled = [r for r in rows if any(c.strip() for c in r.cells)]
    if not filled:
        return None
    width = max(len(r.cells) for r in filled)
    for p in range(width):
        cells = [r.cells[p] if p < len(r.cells) else "" for r in filled]
        before = sum(bool(_BEFORE.match(c)) for c in cells)
        after = sum(bool(_AFTER.match(c)) for c in cells)
        if before and after and before + after >= LABEL_SHARE * len(filled):
            return p
    return None


# The most lines of wrapped text that may stand between a before line and its after line.
MAX_BETWEEN = 2


def _wrapped_text(row: RawRow, label: int) -> bool:
    """A line of wrapped names or indicators only: no label, no number."""
    return (
        row.role is RowRole.BODY
        and not _cell(row.cells, label)
        and any(c.strip() for c in row.cells)
        and not any(is_data_cell(c) for c in row.cells)
    )


def after_line(rows: Sequence[RawRow], i: int, label: int) -> int | None:
    """The index of the after line of the before line ``rows[i]``: the next line, or the one
    after up to ``MAX_BETWEEN`` lines of wrapped text (a name wrapped over more lines than the
    record's two); None when ``rows[i]`` starts no pair.

    >>> from renja.model.records import Source
    >>> rows = [RawRow(["Program A yang", "Sebelum", "100"], Source(1)),
    ...         RawRow(["panjang", "", ""], Source(2)),
    ...         RawRow(["namanya", "Sesudah", "120"], Source(3))]
    >>> after_line(rows, 0, 1), after_line(rows[1:], 0, 1), after_line(rows[:2], 0, 1)
    (2, None, None)
    """
    if not (rows[i].role is RowRole.BODY and _BEFORE.match(_cell(rows[i].cells, label))):
        return None
    for j in range(i + 1, min(i + 2 + MAX_BETWEEN, len(rows))):
        if rows[j].role is RowRole.BODY and _AFTER.match(_cell(rows[j].cells, label)):
            return j
        if not _wrapped_text(rows[j], label):
            return None
    return None


def _pairs(rows: Sequence[RawRow], label: int) -> list[tuple[int, int]]:
    """Indexes of (before line, after line) pairs."""
    out = []
    for i in range(len(rows) - 1):
        j = after_line(rows, i, label)
        if j is not None:
            out.append((i, j))
    return out


def _with_wrapped(before: RawRow, lines: Sequence[RawRow]) -> RawRow:
    """A before line with the lines of wrapped text under it: each column's text in order."""
    if not lines:
        return before
    width = max(len(before.cells), *(len(r.cells) for r in lines))
    cells = tuple(
        " ".join(t for t in (_cell(r.cells, p) for r in (before, *lines)) if t)
        for p in range(width)
    )
    joined = tuple(s for r in lines for s in (r.source, *r.joined))
    return replace(before, cells=cells, joined=(*before.joined, *joined))


def _cell(cells: Sequence[str], p: int) -> str:
    return cells[p].strip() if p < len(cells) else ""


def paired_columns(rows: Sequence[RawRow]) -> PairedColumns | None:
    """The label column and the columns both lines of most pairs fill."""
    label = label_column(rows)
    if label is None:
        return None
    pairs = _pairs(rows, label)
    if not pairs:
        return None
    width = max(len(r.cells) for r in rows)
    split = tuple(
        p
        for p in range(width)
        if p != label
        and sum(_two_values(_cell(rows[a].cells, p), _cell(rows[b].cells, p)) for a, b in pairs)
        >= BOTH_SHARE * len(pairs)
    )
    return PairedColumns(label, split)


def _two_values(before: str, after: str) -> bool:
    """Both lines hold a value of their own in a column.

    >>> _two_values("9 Dokumen", "10 Dokumen"), _two_values("1.02.01.1.01.0", "001")
    (True, False)
    >>> _two_values("Jumlah dokumen perencanaan dan", "evaluasi")
    False
    """
    return bool(before and after) and {sniff(before), sniff(after)} <= VALUE_SHAPES


def _widen(cells: Sequence[str], layout: PairedColumns, width: int) -> tuple[str, ...]:
    """One line's cells in the paired layout: each split column twice, the label dropped."""
    out: list[str] = []
    for p in range(width):
        if p == layout.label:
            continue
        out.append(_cell(cells, p))
        if p in layout.split:
            out.append("")
    return tuple(out)


def _header(row: RawRow, layout: PairedColumns, width: int, last: bool) -> RawRow:
    """A header row in the paired layout: a split column's label over its two halves, and
    ``Sebelum`` / ``Sesudah`` under them on the last header row."""
    cells: list[str] = []
    for p in range(width):
        if p == layout.label:
            continue
        text = _cell(row.cells, p)
        if p in layout.split:
            cells.extend(LABELS if last else (text, text))
            if last and text:
                cells[-2:] = [f"{text} / {LABELS[0]}", f"{text} / {LABELS[1]}"]
        else:
            cells.append(text)
    return replace(row, cells=tuple(cells), spans=(), edges=())


def pair_lines(table: RawTable) -> RawTable:
    """The table with each before/after pair of lines as one row; the table itself when it
    prints no such pairs.

    >>> from renja.model.records import Source
    >>> rows = [RawRow(["Uraian", "", "Pagu", "Selisih"], Source(1), role=RowRole.HEADER),
    ...         RawRow(["Program A", "Sebelum", "100", ""], Source(2)),
    ...         RawRow(["", "Sesudah", "120", "20"], Source(3))]
    >>> paired = pair_lines(RawTable("t01", "", rows, "test"))
    >>> [r.cells for r in paired.rows]
    [('Uraian', 'Pagu / Sebelum', 'Pagu / Sesudah', 'Selisih'), ('Program A', '100', '120', '20')]
    >>> [s.line for s in paired.rows[1].joined]
    [3]
    """
    body = [r for r in table.rows if r.role is RowRole.BODY]
    layout = paired_columns(body)
    if layout is None:
        return table
    width = table.width
    header = [r for r in table.rows if r.role is RowRole.HEADER and not is_number_row(r.cells)]
    last_header = header[-1] if header else None
    out: list[RawRow] = []
    rows = list(table.rows)
    i = 0
    while i < len(rows):
        row = rows[i]
        if row.role is not RowRole.BODY:
            if row.role in (RowRole.HEADER, RowRole.REPEATED_HEADER):
                out.append(_header(row, layout, width, row is last_header))
            else:
                out.append(replace(row, cells=_widen(row.cells, layout, width), spans=(),
                                   edges=()))  # fmt: skip
            i += 1
            continue
        j = after_line(rows, i, layout.label)
        if j is not None:
            before = _with_wrapped(row, rows[i + 1 : j])
            out.append(_joined(before, rows[j], layout, width))
            i = j + 1
            continue
        out.append(replace(row, cells=_widen(row.cells, layout, width), spans=(), edges=()))
        i += 1
    if last_header is None:
        out.insert(0, RawRow(_labels(layout, width), table.rows[0].source, role=RowRole.HEADER))
    return replace(table, rows=tuple(out))


def _labels(layout: PairedColumns, width: int) -> tuple[str, ...]:
    cells: list[str] = []
    for p in range(width):
        if p == layout.label:
            continue
        cells.extend(LABELS if p in layout.split else ("",))
    return tuple(cells)


def _one_cell(first: str, second: str) -> str:
    """A column that is not split: the text of both lines, once when they print the same.

    >>> _one_cell("1.02.01.1.01.0", "001"), _one_cell("A", "A"), _one_cell("", "PAD")
    ('1.02.01.1.01.0 001', 'A', 'PAD')
    """
    if not first or not second or first == second:
        return first or second
    return f"{first} {second}"


def _joined(before: RawRow, after: RawRow, layout: PairedColumns, width: int) -> RawRow:
    """One row from a before line and its after line."""
    cells: list[str] = []
    for p in range(width):
        if p == layout.label:
            continue
        first, second = _cell(before.cells, p), _cell(after.cells, p)
        if p in layout.split:
            cells.extend((first, second))
        else:
            cells.append(_one_cell(first, second))
    return replace(
        before,
        cells=tuple(cells),
        spans=(),
        edges=(),
        bold=before.bold or after.bold,
        indents=before.indents if len(before.indents) == len(cells) else (),
        joined=(*before.joined, after.source, *after.joined),
    )


__all__ = ["LABELS", "PairedColumns", "after_line", "label_column", "pair_lines", "paired_columns"]
