"""A record's amount printed on one of its indicator lines.

A sub kegiatan with three indicators stacked in its row prints its code and name once, each
indicator with its target on a line of its own, and its pagu once, centred up and down in the
row: on the second indicator's line. Read line by line, the pagu lands on an indicator line
and the record has none: its kegiatan's sum misses it (a false ``jumlah_rincian``).

When a record's own line has no amount and exactly one of its indicator lines (no code, no
name, an indicator) prints amounts, those amounts are the record's: they move to its empty
cells, with the line's funding source where the record has none (``lift_record_amount``,
logged on the record's row). Two lines with amounts are left as printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from renja.model.contract import CellType, Column

# What a record prints once for all its indicators.
LIFTED_TYPES = frozenset({CellType.RUPIAH})
LIFTED_NAMES = frozenset({"sumber_dana"})


def _kind(cells: Sequence[str], slots: Sequence[Column]) -> str:
    """``record`` (a code or name), ``indicator`` (an indicator, with its target, unit and
    perhaps amounts only), else ``other``."""
    filled = [slot for slot, cell in zip(slots, cells, strict=False) if cell.strip()]
    if any(s.ctype is CellType.KODE or s.name in ("uraian", "kode_cetak") for s in filled):
        return "record"
    indicator = [
        s for s in filled if s.ctype is CellType.INDIKATOR or s.name.startswith("indikator")
    ]
    if indicator and all(
        s in indicator or _lifted(s) or s.name.startswith(("target", "satuan")) for s in filled
    ):
        return "indicator"
    return "other"


def _lifted(slot: Column) -> bool:
    return slot.ctype in LIFTED_TYPES or slot.name in LIFTED_NAMES


def _amounts(cells: Sequence[str], slots: Sequence[Column]) -> bool:
    return any(
        cell.strip() and slot.ctype in LIFTED_TYPES
        for slot, cell in zip(slots, cells, strict=False)
    )


def record_amount_lines(rows: Sequence[Sequence[str]], slots: Sequence[Column]) -> dict[int, int]:
    """``{indicator line: record line}`` for each record whose amount stands on one of its
    indicator lines.

    >>> from renja.model.contract import CellType as T
    >>> slots = [Column("kode", T.KODE), Column("uraian", T.TEXT),
    ...          Column("indikator", T.INDIKATOR), Column("target", T.TEXT),
    ...          Column("pagu", T.RUPIAH), Column("sumber_dana", T.TEXT)]
    >>> rows = [["3.27.02.2.01.0002", "Pendampingan", "Jumlah Pendampingan", "12", "", ""],
    ...         ["", "", "Jumlah peternak", "150", "1.256.000.000", "DAK Non Fisik"],
    ...         ["", "", "Jumlah kecamatan", "12", "", ""],
    ...         ["3.27.02.2.01.0003", "Benih", "Jumlah benih", "250", "1.495.338.000", "DAU"],
    ...         ["", "", "Jumlah laporan", "4", "", ""]]
    >>> record_amount_lines(rows, slots)
    {1: 0}
    """
    out: dict[int, int] = {}
    record: int | None = None
    lines: list[int] = []

    def close() -> None:
        if record is None or _amounts(rows[record], slots):
            return
        valued = [i for i in lines if _amounts(rows[i], slots)]
        if len(valued) == 1:
            out[valued[0]] = record

    for index, cells in enumerate(rows):
        kind = _kind(cells, slots)
        if kind == "indicator" and record is not None:
            lines.append(index)
            continue
        close()
        record, lines = (index, []) if kind == "record" else (None, [])
    close()
    return out


def lift_record_amount(
    record: list[str], line: list[str], slots: Sequence[Column]
) -> list[int]:
    """The amounts (and funding source) of an indicator line moved to its record's empty
    cells; returns the slots that moved. Both lists are changed in place.

    >>> from renja.model.contract import CellType as T
    >>> slots = [Column("kode", T.KODE), Column("indikator", T.INDIKATOR),
    ...          Column("pagu", T.RUPIAH), Column("sumber_dana", T.TEXT)]
    >>> record, line = ["3.27.02.2.01.0002", "Jumlah", "", ""], ["", "Jumlah peternak",
    ...                 "1.256.000.000", "DAK Non Fisik"]
    >>> lift_record_amount(record, line, slots)
    [2, 3]
    >>> record
    ['3.27.02.2.01.0002', 'Jumlah', '1.256.000.000', 'DAK Non Fisik']
    >>> line
    ['', 'Jumlah peternak', '', '']
    """
    moved = []
    for k, slot in enumerate(slots):
        if _lifted(slot) and line[k].strip() and not record[k].strip():
            record[k], line[k] = line[k], ""
            moved.append(k)
    return moved


__all__ = ["lift_record_amount", "record_amount_lines"]
