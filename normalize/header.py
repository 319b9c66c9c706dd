"""A table's header as a model: for each raw column, its labels top to bottom.

Documents print headers over several rows with spans: ``Rencana Tahun 2025`` over
``Pagu Indikatif (Rp)`` and ``Target``; ``Tahun 2026`` over ``K`` and ``Rp``. A span is printed
once (in its first column) and the cells under it are empty; ``header_paths`` carries a group label
right over the empty cells beside it, as long as a lower header row has labels there. The
column-number row (``(1) (2) … (14)=(7)+(10)``) is not a label: its numbers and formulas are kept
apart (``column_numbers``), since a formula is an arithmetic promise of the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from renja.extract.cells import is_number_row
from renja.model.records import RawRow


@dataclass(frozen=True, slots=True)
class HeaderModel:
    """The header of one table, per raw column."""

    paths: tuple[tuple[str, ...], ...]  # labels top to bottom, as printed
    numbers: tuple[str, ...] = ()  # the column-number row's cell per column ("14=(7)+(10)")

    @property
    def labels(self) -> list[str]:
        """One lower-case label per column, levels joined by `` / ``."""
        return [" / ".join(path).lower() for path in self.paths]

    @property
    def width(self) -> int:
        return len(self.paths)


def header_paths(header_rows: Sequence[RawRow], width: int) -> tuple[tuple[str, ...], ...]:
    """The labels over each column, top to bottom, group labels carried over their span.

    >>> from renja.model.records import Source
    >>> rows = [RawRow(["Kode", "Pagu", "", "Ket"], Source(1)),
    ...         RawRow(["", "Sebelum", "Sesudah", ""], Source(2))]
    >>> header_paths(rows, 4)
    (('Kode',), ('Pagu', 'Sebelum'), ('Pagu', 'Sesudah'), ('Ket',))
    """
    label_rows = [r for r in header_rows if not is_number_row(r.cells)]
    grid = [
        [(r.cells[p].strip() if p < len(r.cells) else "") for p in range(width)] for r in label_rows
    ]
    out: list[list[str]] = [[] for _ in range(width)]
    for depth, row in enumerate(grid):
        below = grid[depth + 1 :]
        carried = ""
        for p, cell in enumerate(row):
            if cell:
                carried = cell
                out[p].append(cell)
            elif carried and any(lower[p] for lower in below):
                out[p].append(carried)
            else:
                carried = ""
    return tuple(tuple(path) for path in out)


def compose_header(header_rows: Sequence[RawRow], width: int) -> list[str]:
    """One lower-case label per column, joining the header rows top to bottom.

    >>> from renja.model.records import Source
    >>> rows = [RawRow(["Kode", "Pagu", "", "Ket"], Source(1)),
    ...         RawRow(["", "Sebelum", "Sesudah", ""], Source(2))]
    >>> compose_header(rows, 4)
    ['kode', 'pagu / sebelum', 'pagu / sesudah', 'ket']
    """
    return HeaderModel(header_paths(header_rows, width)).labels


def column_numbers(header_rows: Sequence[RawRow], width: int) -> tuple[str, ...]:
    """The cells of the column-number row, one per column (empty when there is none).

    >>> from renja.model.records import Source
    >>> rows = [RawRow(["No", "Uraian", "Pagu"], Source(1)),
    ...         RawRow(["(1)", "(2)", "(3)"], Source(2))]
    >>> column_numbers(rows, 3)
    ('(1)', '(2)', '(3)')
    """
    for row in header_rows:
        if is_number_row(row.cells):
            cells = [c.strip() for c in row.cells[:width]]
            return tuple(cells + [""] * (width - len(cells)))
    return ()


def read_header(header_rows: Sequence[RawRow], width: int) -> HeaderModel:
    return HeaderModel(header_paths(header_rows, width), column_numbers(header_rows, width))


_FORMULA = re.compile(r"^\(?(\d{1,2})\)?\s*=\s*(.+)$")
_TERM = re.compile(r"([+\-−])?\s*\(?(\d{1,2})\)?")
_RATIO = re.compile(r"^\(?(\d{1,2})\)?\s*[:/]\s*\(?(\d{1,2})\)?\s*(?:[x×*]\s*100\s*%?)?$")


@dataclass(frozen=True, slots=True)
class Formula:
    """A column the header defines from others: ``14 = 7 + 10`` or ``15 = 14 / 6 × 100%``."""

    column: int  # the printed column number it defines
    plus: tuple[int, ...] = ()
    minus: tuple[int, ...] = ()
    ratio: tuple[int, int] | None = None  # (numerator, denominator) of a percentage


def read_formula(cell: str) -> Formula | None:
    """The arithmetic a column-number cell states, if any.

    >>> read_formula("(14)=(7)+(10)")
    Formula(column=14, plus=(7, 10), minus=(), ratio=None)
    >>> read_formula("10=(5+7+9)")
    Formula(column=10, plus=(5, 7, 9), minus=(), ratio=None)
    >>> read_formula("(15)=(14)/(6)×100%")
    Formula(column=15, plus=(), minus=(), ratio=(14, 6))
    >>> read_formula("8 = 7 - 6")
    Formula(column=8, plus=(7,), minus=(6,), ratio=None)
    >>> read_formula("(3)") is None
    True
    """
    match = _FORMULA.match(cell.strip())
    if not match:
        return None
    column, body = int(match.group(1)), match.group(2).strip()
    body = body.replace(" ", "")
    if body.startswith("(") and body.endswith(")") and body.count("(") == 1:
        body = body[1:-1]
    ratio = _RATIO.match(body)
    if ratio:
        return Formula(column, ratio=(int(ratio.group(1)), int(ratio.group(2))))
    if not re.fullmatch(r"[\d()+\-−]+", body):
        return None
    plus: list[int] = []
    minus: list[int] = []
    for sign, number in _TERM.findall(body):
        (minus if sign in ("-", "−") else plus).append(int(number))
    if len(plus) + len(minus) < 2:
        return None
    return Formula(column, tuple(plus), tuple(minus))


def printed_number(cell: str) -> int | None:
    """The column number a column-number cell prints: ``(14)=(7)+(10)`` is 14.

    >>> printed_number("(14)=(7)+(10)"), printed_number("3"), printed_number("")
    (14, 3, None)
    """
    match = re.match(r"^\(?(\d{1,2})\)?", cell.strip())
    return int(match.group(1)) if match else None


__all__ = [
    "Formula",
    "HeaderModel",
    "column_numbers",
    "compose_header",
    "header_paths",
    "printed_number",
    "read_formula",
    "read_header",
]
