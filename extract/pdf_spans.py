"""Columns a PDF header declares one: a header cell spanning several grid columns that no lower
header row divides. Excel prints a long name or a code over merged cells; the grid under it is
drawing, not structure (``1 | 05 | 01 | 2.01 | 0001`` under one ``Kode``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from renja.records import RawRow, RawTable, RowRole

_CODE_PIECE = re.compile(r"\d+(?:\.\d+)*")


def join_pieces(pieces: Sequence[str]) -> str:
    """The text of cells one header spans: code pieces with dots, other text with spaces.

    >>> join_pieces(["1", "05", "01", "2.01", "0001"])
    '1.05.01.2.01.0001'
    >>> join_pieces(["", "PROGRAM PENUNJANG", ""])
    'PROGRAM PENUNJANG'
    """
    filled = [p.strip() for p in pieces if p.strip()]
    if len(filled) > 1 and all(_CODE_PIECE.fullmatch(p) for p in filled):
        return ".".join(filled)
    return " ".join(filled)


def merged_groups(header: Sequence[RawRow], width: int) -> list[tuple[int, int]]:
    """(first, last) column of each span no lower header row labels inside.

    >>> from renja.records import Source
    >>> top = RawRow(["Kode", "", "Uraian", "Rencana", ""], Source(page=1), spans=(2, 0, 1, 2, 0))
    >>> low = RawRow(["", "", "", "Target", "Pagu"], Source(page=1), spans=(1, 1, 1, 1, 1))
    >>> merged_groups([top, low], 5)
    [(0, 1)]
    """
    groups: list[tuple[int, int]] = []
    for depth, row in enumerate(header):
        for j, span in enumerate(row.spans):
            if span < 2:
                continue
            first, last = j, min(j + span - 1, width - 1)
            if any(first <= a <= last or first <= b <= last for a, b in groups):
                continue
            below = header[depth + 1 :]
            if any(r.cells[k].strip() for r in below for k in range(first + 1, last + 1)
                   if k < len(r.cells)):  # fmt: skip
                continue
            groups.append((first, last))
    return sorted(groups)


def merge_spanned_columns(table: RawTable) -> None:
    """Join the cells of each undivided header span into one column, in every row of the table
    that has the header's width."""
    header = [r for r in table.rows if r.role is RowRole.HEADER]
    width = max((len(r.cells) for r in header), default=0)
    groups = merged_groups(header, width)
    if not groups:
        return
    starts = {a: b for a, b in groups}
    for row in table.rows:
        if len(row.cells) != width:
            continue
        cells: list[str] = []
        j = 0
        while j < width:
            last = starts.get(j, j)
            cells.append(join_pieces(row.cells[j : last + 1]) if last > j else row.cells[j])
            j = last + 1
        row.cells = cells
        row.spans = ()


__all__ = ["join_pieces", "merge_spanned_columns", "merged_groups"]
