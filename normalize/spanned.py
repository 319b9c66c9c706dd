"""Cells a conversion printed once per column or row they span.

Markdown has no column or row spans, so converters (docling, Marker) print a spanning cell's
text in each cell it covers: a bidang's name across its indicator, target and unit columns;
a program's code, name and pagu again on the line of its second indicator. Read as printed,
the first is noise in the indicator columns and the second a second program with the same
pagu, a duplicate code and a sum that fails. These rules empty the copies; the raw table keeps
them and ``repairs.csv`` logs each one.
"""

from __future__ import annotations

from collections.abc import Sequence

from renja.model.contract import NUMERIC_TYPES, CellType, Column
from renja.normalize.labels import CODE_TYPES, WORD, name_slot

# A cell's text repeated in this many cells or more (itself included) is a spanned cell printed
# once per column; two equal texts side by side may both be meant (a tujuan that is its sasaran).
MIN_SPAN_REPEATS = 3


def drop_spanned_repeats(cells: list[str], slots: Sequence[Column]) -> list[tuple[int, int]]:
    """A cell that spans several columns, printed once in each of them by a conversion that
    has no spans (a Markdown pipe table): the copies right of the first are emptied.

    Only the row's label is taken for copies: words (a word of three letters) starting in the
    name column or left of it (the code or number column: ``JUMLAH``), repeated in
    ``MIN_SPAN_REPEATS`` cells or more. Right of the name, equal cells are values of their own
    (``WTP`` the target of every year), and so are equal numbers anywhere. Returns (first,
    emptied) slot indexes.

    >>> slots = [Column("kode", CellType.KODE), Column("uraian", CellType.TEXT),
    ...          Column("indikator", CellType.TEXT), Column("satuan", CellType.TEXT),
    ...          Column("pagu", CellType.RUPIAH)]
    >>> cells = ["1.02", "URUSAN KESEHATAN", "URUSAN KESEHATAN", "URUSAN KESEHATAN", "1.000"]
    >>> drop_spanned_repeats(cells, slots), cells
    ([(1, 2), (1, 3)], ['1.02', 'URUSAN KESEHATAN', '', '', '1.000'])
    >>> drop_spanned_repeats(["5.03", "Tujuan A", "Tujuan A", "Dokumen", "5"], slots)
    []
    >>> drop_spanned_repeats(["5.03", "Opini BPK", "WTP", "WTP", "WTP"], [*slots[:4], slots[2]])
    []
    """
    name = name_slot(slots)
    if name is None:
        return []
    emptied: list[tuple[int, int]] = []
    k = 0
    while k <= name and k < len(cells):
        text = cells[k].strip()
        end = k + 1
        while end < len(cells) and cells[end].strip() == text:
            end += 1
        spanned = end - k >= MIN_SPAN_REPEATS and WORD.search(text) is not None
        if spanned and slots[k].ctype not in NUMERIC_TYPES:
            for copy in range(k + 1, end):
                cells[copy] = ""
                emptied.append((k, copy))
        k = end
    return emptied


def record_cells(slots: Sequence[Column]) -> list[int]:
    """The cells that make a row one record: its codes, its number, its name and its amounts
    (not its indicators, targets and units, of which a record may print several)."""
    names = [slot.name for slot in slots]
    name = names.index("uraian") if "uraian" in names else None
    return [k for k, slot in enumerate(slots)
            if slot.ctype in CODE_TYPES or slot.ctype is CellType.RUPIAH or slot.name == "no"
            or k == name]  # fmt: skip


def drop_repeated_record(
    above: Sequence[str], cells: list[str], slots: Sequence[Column]
) -> list[int]:
    """A record printed again on the line of its next indicator (its code, name and amounts
    spanning both lines): the copies of the record's cells are emptied, so the line reads as
    the record's further indicator. Only when the code and the name are printed and equal,
    every amount equals the one above, and another cell differs (an identical line is a
    duplicate the checks report). Returns the emptied slot indexes.

    >>> slots = [Column("kode", CellType.KODE), Column("uraian", CellType.TEXT),
    ...          Column("indikator", CellType.TEXT), Column("pagu", CellType.RUPIAH)]
    >>> above = ["1.02.01", "PROGRAM PENUNJANG", "Persentase dokumen", "1.250.000"]
    >>> cells = ["1.02.01", "PROGRAM PENUNJANG", "Nilai SAKIP", "1.250.000"]
    >>> drop_repeated_record(above, cells, slots), cells
    ([0, 1, 3], ['', '', 'Nilai SAKIP', ''])
    >>> drop_repeated_record(above, ["1.02.01", "PROGRAM PENUNJANG", "Nilai", "900"], slots)
    []
    """
    record = record_cells(slots)
    codes = [k for k in record if slots[k].ctype in CODE_TYPES]
    names = [k for k in record if slots[k].ctype is CellType.TEXT]
    if not codes or not names or len(above) != len(cells):
        return []
    if not all(cells[k].strip() and cells[k].strip() == above[k].strip() for k in codes + names):
        return []
    if any(cells[k].strip() != above[k].strip() for k in record):
        return []
    others = [k for k in range(len(cells)) if k not in record]
    if not any(cells[k].strip() != above[k].strip() for k in others):
        return []
    emptied = [k for k in record if cells[k].strip()]
    for k in emptied:
        cells[k] = ""
    return emptied
