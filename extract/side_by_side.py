"""A table too wide for its page, printed by a spreadsheet in two parts side by side.

Excel and LibreOffice print a sheet wider than the page column band by column band: the left
columns of every row on the first pages, then the right columns of the same rows on the pages
after. Each part reads as a table of its own, the right one with no code or name in any row.
When both parts print their column-number row and the right part's numbers go on where the
left part's end (``1 … 7``, then ``8 9 10``), and both have as many rows, the right part's rows
are the left part's rows continued: they are joined, row by row, into one table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from renja.extract.cells import is_number_row, row_numbers
from renja.model.i18n import _
from renja.model.records import RawRow, RawTable, RowRole


def column_numbers(table: RawTable) -> list[int]:
    """The numbers of the table's column-number header row, left to right (none: empty).

    >>> from renja.model.records import Source
    >>> rows = (RawRow(("Kode", "Pagu"), Source(1), RowRole.HEADER),
    ...         RawRow(("8", "9 10"), Source(2), RowRole.HEADER))
    >>> column_numbers(RawTable("t01", "", rows, "pdfplumber-text"))
    [8, 9, 10]
    """
    for row in table.header:
        if is_number_row(row.cells):
            return row_numbers(row.cells) or []
    return []


def continues_columns(left: RawTable, right: RawTable) -> bool:
    """Whether ``right`` holds the columns after ``left``'s of the same rows: its column numbers
    go on where ``left``'s end, and it has as many body rows."""
    return _continues(left, column_numbers(left), right, column_numbers(right))


def _continues(left: RawTable, before: list[int], right: RawTable, after: list[int]) -> bool:
    """``continues_columns`` with both tables' column numbers at hand."""
    if not before or not after or after[0] != before[-1] + 1 or after[0] == 1:
        return False
    rows = len(left.body)
    return rows >= 2 and len(right.body) == rows


def join_side_by_side(tables: Sequence[RawTable]) -> tuple[list[RawTable], list[str]]:
    """The tables with each right part joined to its left part (``continues_columns``), and
    the positions (``t01``, …, as they will be numbered) of the tables that were joined."""
    out: list[RawTable] = []
    numbers: list[list[int]] = []  # each kept table's column numbers, read once
    joined: list[int] = []
    for table in tables:
        after = column_numbers(table)
        left = next(
            (i for i in reversed(range(len(out))) if _continues(out[i], numbers[i], table, after)),
            None,
        ) if after else None  # fmt: skip
        if left is None:
            out.append(table)
            numbers.append(after)
            continue
        out[left] = _joined(out[left], table)
        numbers[left] = column_numbers(out[left])
        joined.append(left)
    return out, [f"t{i + 1:02d}" for i in sorted(set(joined))]


def joined_side_by_side(tables: Sequence[RawTable]) -> tuple[list[RawTable], list[str]]:
    """``join_side_by_side``, the tables numbered again (``t01``, …), and a warning for each
    table that was joined (the document's warnings: an auditor checks such a table against
    the printout)."""
    out, joined = join_side_by_side(tables)
    out = [replace(t, table_id=f"t{n:02d}") for n, t in enumerate(out, start=1)]
    warnings = [
        _(
            "table {table}: its columns printed pages later (a sheet printed in parts side "
            "by side) are joined to its rows; check them against the printout"
        ).format(table=left)
        for left in joined
    ]
    return out, warnings


def _joined(left: RawTable, right: RawTable) -> RawTable:
    """``left`` with ``right``'s cells after its own on every row: header rows aligned at the
    bottom (both end with their column numbers), body rows in order."""
    width_left, width_right = left.width, right.width
    head_left, head_right = left.header, right.header
    depth = max(len(head_left), len(head_right))
    rows: list[RawRow] = []
    for k in range(depth):
        own = head_left[k - (depth - len(head_left))] if k >= depth - len(head_left) else None
        other = head_right[k - (depth - len(head_right))] if k >= depth - len(head_right) else None
        base = own or other
        assert base is not None
        rows.append(_side(base, own, other, width_left, width_right, RowRole.HEADER))
    for own, other in zip(left.body, right.body, strict=True):
        rows.append(_side(own, own, other, width_left, width_right, own.role))
    return replace(left, rows=tuple(rows), parts=left.parts + right.parts)


def _side(
    base: RawRow,
    own: RawRow | None,
    other: RawRow | None,
    width_left: int,
    width_right: int,
    role: RowRole,
) -> RawRow:
    left_cells = _padded(own.cells if own else (), width_left)
    right_cells = _padded(other.cells if other else (), width_right)
    spans: tuple[int, ...] = ()
    if own and other and own.spans and other.spans:
        spans = (*own.spans, *other.spans)
    indents: tuple[float | None, ...] = ()
    if own and len(own.indents) == len(own.cells) == width_left:
        indents = (*own.indents, *([None] * width_right))
    return replace(
        base, cells=(*left_cells, *right_cells), role=role, spans=spans, edges=(), indents=indents
    )


def _padded(cells: Sequence[str], width: int) -> tuple[str, ...]:
    return (*cells, *([""] * (width - len(cells))))


__all__ = ["column_numbers", "continues_columns", "join_side_by_side", "joined_side_by_side"]
