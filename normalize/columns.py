"""Which raw column is which canonical column: header text and data shapes, matched in order.

Converters misplace header cells as often as data cells, so the header is one signal among
three: the form's own column order, the words in the header, and what the data looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renja.extract.cells import is_number_row
from renja.extract.shapes import sniff
from renja.model.records import RawRow, RawTable
from renja.normalize.fit import fit_cost
from renja.normalize.kinds import ColumnSpec, TableKind

# Score weights for matching a canonical column to a raw position.
HEADER_WEIGHT = 2.0  # the header words name the column
SHAPE_WEIGHT = 1.5  # the data in that position has the column's shape
# A canonical column is only placed on a position scoring at least this much.
MIN_MATCH_SCORE = 1.2
# Data rows sampled per position to judge its shape (enough to be stable, cheap on big tables).
SHAPE_SAMPLE = 60

_TRIWULAN = re.compile(r"triwulan\s+(iv|iii|ii|i|[1-4])\b", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True, slots=True)
class Slot:
    """One output column and the raw position it is read from."""

    name: str
    spec: ColumnSpec | None  # None: a position no canonical column claimed (kept as kolom_N)
    disabled: bool = False  # the cell must be empty here (an E.81 quarter after the period)


@dataclass(slots=True)
class ColumnMap:
    """The slots a table's rows are read into, and how they were decided."""

    slots: list[Slot]
    method: str  # 'template' (the form's fixed layout), 'identity', or 'header'
    header: list[str] = field(default_factory=list)  # composed header text per raw position


def report_period(caption: str) -> int | None:
    """The quarter an evaluation reports on, from its caption.

    >>> report_period("Periode Pelaksanaan Triwulan II Tahun 2024")
    2
    >>> report_period("Tabel 5.1") is None
    True
    """
    match = _TRIWULAN.search(caption)
    if not match:
        return None
    token = match.group(1).lower()
    return _ROMAN.get(token) or int(token)


def compose_header(header_rows: list[RawRow], width: int) -> list[str]:
    """One label per position, joining the header rows top to bottom.

    A group label (``Rencana Tahun 2024`` over ``Sebelum`` / ``Sesudah``) is carried right over
    the empty cells beside it, as long as a lower header row has labels there.

    >>> from renja.model.records import Source
    >>> rows = [RawRow(["Kode", "Pagu", "", "Ket"], Source(1)),
    ...         RawRow(["", "Sebelum", "Sesudah", ""], Source(2))]
    >>> compose_header(rows, 4)
    ['kode', 'pagu / sebelum', 'pagu / sesudah', 'ket']
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
    return [" / ".join(parts).lower() for parts in out]


def _expand_repeats(kind: TableKind, header: list[str]) -> list[ColumnSpec]:
    """Turn a repeating spec (``target_{tahun}``) into one spec per year found in the header."""
    specs: list[ColumnSpec] = []
    for spec in kind.columns:
        if not spec.repeat:
            specs.append(spec)
            continue
        seen: set[str] = set()
        for text in header:
            match = re.search(spec.header, text)
            if match and match.group(1) not in seen:
                seen.add(match.group(1))
                specs.append(
                    ColumnSpec(
                        spec.name.format(tahun=match.group(1)),
                        spec.ctype,
                        re.escape(match.group(1)),
                    )
                )
    return specs


def _shape_fit(spec: ColumnSpec, cells: list[str]) -> float:
    """How well the data in one position fits a column type: 1 perfect, 0 not at all."""
    filled = [c for c in cells if c.strip()]
    if not filled:
        return 0.5
    costs = [min(fit_cost(sniff(c), spec.ctype), 4.0) for c in filled[:SHAPE_SAMPLE]]
    return 1.0 - sum(costs) / (4.0 * len(costs))


def _scores(specs: list[ColumnSpec], header: list[str], body: list[RawRow]) -> list[list[float]]:
    """How well each canonical column fits each raw position: header words and data shapes."""
    width = len(header)
    columns = [[r.cells[p] if p < len(r.cells) else "" for r in body] for p in range(width)]
    return [
        [
            HEADER_WEIGHT * bool(spec.header and re.search(spec.header, header[p]))
            + SHAPE_WEIGHT * _shape_fit(spec, columns[p])
            for p in range(width)
        ]
        for spec in specs
    ]


def _match_in_order(score: list[list[float]], width: int) -> dict[int, int]:
    """Order-preserving best match of canonical columns to positions (dynamic programming):
    position -> spec index."""
    m = len(score)
    best = [[0.0] * (width + 1) for _ in range(m + 1)]
    for c in range(m - 1, -1, -1):
        for p in range(width - 1, -1, -1):
            options = [best[c + 1][p], best[c][p + 1]]
            if score[c][p] >= MIN_MATCH_SCORE:
                options.append(score[c][p] + best[c + 1][p + 1])
            best[c][p] = max(options)
    chosen: dict[int, int] = {}
    c = p = 0
    while c < m and p < width:
        if score[c][p] >= MIN_MATCH_SCORE and best[c][p] == score[c][p] + best[c + 1][p + 1]:
            chosen[p] = c
            c, p = c + 1, p + 1
        elif best[c][p] == best[c + 1][p]:
            c += 1
        else:
            p += 1
    return chosen


def _match_any_order(score: list[list[float]], width: int) -> dict[int, int]:
    """Best pairs first, in any order (a variant of a form that moved a column):
    position -> spec index."""
    pairs = sorted(
        ((score[c][p], -abs(c - p), c, p) for c in range(len(score)) for p in range(width)),
        reverse=True,
    )
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    for value, _, c, p in pairs:
        if value < MIN_MATCH_SCORE:
            break
        if p not in chosen and c not in taken:
            chosen[p] = c
            taken.add(c)
    return chosen


# A match that ignores the form's column order is used only when it fits this much better.
REORDER_GAIN = 1.0


def _match_by_header(specs: list[ColumnSpec], header: list[str], body: list[RawRow]) -> list[Slot]:
    """Canonical columns onto positions: in the form's order, or, when the table clearly moved
    columns (its header names them elsewhere), in the table's own order."""
    width = len(header)
    score = _scores(specs, header, body)
    in_order, any_order = _match_in_order(score, width), _match_any_order(score, width)

    def total(chosen: dict[int, int]) -> float:
        return sum(score[c][p] for p, c in chosen.items())

    chosen = any_order if total(any_order) > total(in_order) + REORDER_GAIN else in_order
    return [
        Slot(specs[chosen[p]].name, specs[chosen[p]])
        if p in chosen
        else Slot(f"kolom_{p + 1}", None)
        for p in range(width)
    ]


def map_columns(table: RawTable, kind: TableKind) -> ColumnMap:
    """Decide the slots a table's rows are read into."""
    width = table.width
    header = compose_header(table.header, width)
    if not kind.columns:
        return ColumnMap([Slot(f"kolom_{p + 1}", None) for p in range(width)], "raw", header)
    if kind.fixed_layout:
        period = report_period(table.caption)
        slots = [
            Slot(spec.name, spec, disabled=bool(period and spec.quarter and spec.quarter > period))
            for spec in kind.columns
        ]
        return ColumnMap(slots, "template", header)
    specs = _expand_repeats(kind, header)
    if len(specs) == width:
        return ColumnMap([Slot(s.name, s) for s in specs], "identity", header)
    return ColumnMap(_match_by_header(specs, header, table.body), "header", header)
