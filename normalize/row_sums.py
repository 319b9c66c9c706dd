"""Sums inside a row that a table's own figures show: a money column that is, row after row,
the sum of the money columns just before it (``Jumlah`` after ``Belanja Operasi | Modal | BTT |
Transfer``, ``Kondisi Akhir`` after five years' Rp).

A header names such a column in words renja may not know (``Col10``, a converter's name for a
lost label; a column left unnamed), so the header cannot promise the sum; the figures can. A run
of columns is taken as a column's parts only when the sum holds exactly on nearly every row, on
several rows where two parts or more carry money: such a pattern does not happen by chance in
Rupiah. The rows where it fails are then checked like any other formula, and the contract says
the check came from the figures (``dari_isi`` in ``hitungan_baris``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from renja.model.contract import CellType, Column, RowCheck
from renja.model.missing import is_missing

# Rows where the sum holds with two parts or more carrying money, at least; and the share of
# the rows with a total where it holds.
MIN_ROWS = 3
MIN_SHARE = 0.8


def _number(value: Any) -> Decimal:
    return Decimal(0) if is_missing(value) else Decimal(str(value))


def _holds(rows: Sequence[Mapping[str, Any]], total: str, parts: Sequence[str]) -> bool:
    with_total = [r for r in rows if not is_missing(r.get(total))]
    held = [r for r in with_total if _number(r[total]) == sum(_number(r.get(p)) for p in parts)]
    telling = [r for r in held if sum(not is_missing(r.get(p)) and _number(r[p]) != 0
                                      for p in parts) >= 2]  # fmt: skip
    return len(telling) >= MIN_ROWS and len(held) >= MIN_SHARE * len(with_total)


def row_sums(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    known: Sequence[RowCheck] = (),
) -> tuple[RowCheck, ...]:
    """The in-row sums the figures show, for money columns no known check totals: each the
    longest run of money columns right before it that it equals on nearly every row.

    >>> cols = [Column(n, CellType.RUPIAH) for n in ("operasi", "modal", "btt", "jumlah")]
    >>> rows = [{"operasi": 5, "modal": 2, "btt": 0, "jumlah": 7},
    ...         {"operasi": 1, "modal": 3, "btt": None, "jumlah": 4},
    ...         {"operasi": 10, "modal": 10, "btt": 5, "jumlah": 25},
    ...         {"operasi": 8, "modal": None, "btt": None, "jumlah": 8},
    ...         {"operasi": 4, "modal": 4, "btt": 0, "jumlah": 9}]  # one row does not add up
    >>> [(c.total, c.plus) for c in row_sums(rows, cols)]
    [('jumlah', ('operasi', 'modal', 'btt'))]

    Two columns equal row by row (a pagu and its next year's) are no sum:

    >>> cols = [Column(n, CellType.RUPIAH) for n in ("pagu", "btt", "maju")]
    >>> row_sums([{"pagu": v, "btt": 0, "maju": v} for v in (5, 6, 7)], cols)
    ()
    """
    money = [c.name for c in columns if c.ctype is CellType.RUPIAH]
    totals = {check.total for check in known}
    out: list[RowCheck] = []
    for index, total in enumerate(money):
        if total in totals or index < 2:
            continue
        for start in range(index - 1):  # the longest run first
            parts = tuple(money[start:index])
            if total in parts or any(p in totals for p in parts):
                continue
            if _holds(rows, total, parts):
                out.append(RowCheck(total, parts, (), " + ".join(parts), from_values=True))
                totals.add(total)
                break
    return tuple(out)
