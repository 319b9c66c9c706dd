"""Clean tables seen as cells: what the checks read, addressed by table, row and column."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from renja.model.contract import reviewed_name, status_name
from renja.model.decisions import ValueStatus
from renja.model.records import Source
from renja.model.tables import CleanTable
from renja.normalize.hierarchy import GENERIC_LEVELS, RowFacts, under_bidang, under_named_group
from renja.normalize.rekening import LINE_LEVELS, REKENING_LEVELS

Number = int | Decimal | float

# Depth of each level in the code hierarchy; an SKPD row sits above its programs. A budget's
# account lines have a hierarchy of their own, down to its priced lines.
DEPTH = {
    "skpd": 0,
    "urusan": 1,
    "bidang": 2,
    "unit": 2,  # an UPTD: summed by the agency beside its bidang
    "program": 5,
    "kegiatan": 6,
    "sub_kegiatan": 7,
    **{level: 10 + i for i, level in enumerate((*REKENING_LEVELS.values(), *LINE_LEVELS))},
    **{level: 20 + i for i, level in enumerate(GENERIC_LEVELS)},
}
# An SKPD listed under the bidang its unit code names (APBD lampiran II, an RKPD by perangkat
# daerah; renja.normalize.hierarchy.under_bidang), and its sub units: below the bidang.
UNDER_BIDANG_DEPTH = {"skpd": 3, "unit": 4}
# The level a depth names, in a formula ("sum of 2 bidang").
LEVEL_AT_DEPTH = {
    **{depth: level for level, depth in reversed(DEPTH.items())},
    **{depth: level for level, depth in UNDER_BIDANG_DEPTH.items()},
}


def _facts(record: dict[str, object]) -> RowFacts:
    """What ``under_named_group`` needs of a clean row: its level and its row number."""
    level, number = record.get("level"), record.get("no")
    return RowFacts(
        level if isinstance(level, str) else None,
        number if isinstance(number, str) else None,
        False,
        False,
    )


@dataclass(slots=True)
class Row:
    """One clean row with what the checks need from it."""

    number: int  # baris
    values: dict[str, Any]
    source: Source
    under_bidang: bool = False  # an SKPD (or sub unit) under the bidang of its unit code
    # A sub unit listed beside its SKPD, not under it (``hierarchy.units_beside``: its parent
    # is the SKPD's): summed as an SKPD.
    beside: bool = False

    @property
    def kind(self) -> str:
        return str(self.values.get("jenis_baris") or "data")

    @property
    def kode(self) -> str | None:
        """The row's code: its program code, or its account code in a budget's lines."""
        kode = self.values.get("kode") or self.values.get("kode_rekening")
        return kode if isinstance(kode, str) else None

    @property
    def uraian(self) -> str | None:
        uraian = self.values.get("uraian")
        return uraian if isinstance(uraian, str) else None

    @property
    def depth(self) -> int | None:
        level = str(self.values.get("level"))
        if level == "unit" and self.beside:
            level = "skpd"
        return UNDER_BIDANG_DEPTH.get(level) if self.under_bidang else DEPTH.get(level)

    def number_at(self, column: str) -> Number | None:
        """The cell's number, or None when it is empty or not a number."""
        value = self.values.get(column)
        if value is None or value is pd.NA:
            return None
        if isinstance(value, bool):
            return None
        if isinstance(value, float):
            return None if value != value else value
        if isinstance(value, int | Decimal):
            return value
        if isinstance(value, str):
            return None  # printed text (``52.400``, a quantity of 52 400) is read where it stands
        try:  # numpy scalars
            return int(value) if float(value).is_integer() else float(value)
        except (TypeError, ValueError):
            return None


@dataclass(slots=True)
class Sheet:
    """A clean table as rows, in document order."""

    table: CleanTable
    rows: list[Row]

    @classmethod
    def of(cls, table: CleanTable) -> Sheet:
        """The table's rows; an amount a person decided (keputusan.csv) reads as its reviewed
        value (``<column>_ditinjau``), which is what the checks judge."""
        frame = table.frame
        columns = list(frame.columns)
        lists = [[None if _missing(v) else v for v in frame[c].tolist()] for c in columns]
        records = [dict(zip(columns, values, strict=True)) for values in zip(*lists, strict=True)]
        for name in table.contract.money_columns():
            reviewed, status = reviewed_name(name), status_name(name)
            if reviewed in frame.columns and status in frame.columns:
                for record in records:
                    if record.get(status) not in (None, ValueStatus.PRINTED):
                        record[name] = record.get(reviewed)
        rows = [
            Row(
                int(r["baris"]),
                r,
                Source(
                    line=None if r.get("sumber_baris") is None else int(r["sumber_baris"]),
                    page=None if r.get("halaman") is None else int(r["halaman"]),
                ),
            )
            for r in records
        ]
        codes = [r.get("kode") for r in records]
        grouped = under_named_group([_facts(r) for r in records], codes)
        for row, by_code, by_name in zip(rows, under_bidang(codes), grouped, strict=True):
            row.under_bidang = by_code or by_name
        levels = {int(r["baris"]): r.get("level") for r in records}
        for row in rows:  # a sub unit whose parent is no SKPD stands beside its SKPD
            parent = row.values.get("induk")
            if row.values.get("level") == "unit" and isinstance(parent, int | float):
                row.beside = parent == parent and levels.get(int(parent)) != "skpd"  # (NaN)
        return cls(table, rows)

    @property
    def id(self) -> str:
        return self.table.table_id

    @property
    def columns(self) -> list[str]:
        return list(self.table.frame.columns)

    def data_rows(self) -> Iterator[Row]:
        return (r for r in self.rows if r.kind == "data")

    def row(self, number: int) -> Row:
        return self.rows[number - 1]


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def add(a: Number, b: Number) -> Number:
    """``a + b`` for any two cell numbers. Python refuses to add a Decimal and a float; they meet
    as floats, as an int and a float do.

    >>> add(1, Decimal("0.5")), add(Decimal("1.5"), 0.25), add(2, 3)
    (Decimal('1.5'), 1.75, 5)
    """
    if isinstance(a, float) or isinstance(b, float):
        return float(a) + float(b)
    return a + b


def subtract(a: Number, b: Number) -> Number:
    """``a - b`` for any two cell numbers (a Decimal and a float meet as floats).

    >>> subtract(Decimal("1.5"), 1), subtract(Decimal("1.5"), 0.5), subtract(5, 7)
    (Decimal('0.5'), 1.0, -2)
    """
    if isinstance(a, float) or isinstance(b, float):
        return float(a) - float(b)
    return a - b


def magnitude(value: Number) -> Number:
    """``abs(value)``, of the value's own type.

    >>> magnitude(-3), magnitude(Decimal("-1.50")), magnitude(-0.5)
    (3, Decimal('1.50'), 0.5)
    """
    if isinstance(value, Decimal):
        return abs(value)
    if isinstance(value, float):
        return abs(value)
    return abs(value)


def show(value: Number | None) -> str:
    """A number as findings print it: integers plain, decimals exact.

    >>> show(8016900), show(Decimal("1.50")), show(101.92), show(None)
    ('8016900', '1.50', '101.92', '')
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def rupiah(value: Number | None) -> str:
    """A number as the documents print it, for messages: ``8.016.900``.

    >>> rupiah(8016900), rupiah(-13143400), rupiah(Decimal("1234.5"))
    ('8.016.900', '-13.143.400', '1.234,5')
    """
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    text = f"{value:,}".replace(",", "_").replace(".", ",").replace("_", ".")
    return text
