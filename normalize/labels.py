"""Repair rules for a label printed in the wrong column of its row.

A footer label or a total's title may stand in the code column (``Grand Total :``) or the
number column (``Predikat kinerja``); these rules move it to the row's name column. A label
spanning several columns may be printed once in each (``drop_spanned_repeats``). Each rule
changes the cells as printed and says whether (and where), so the clean stage logs it in
``repairs.csv``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from renja.model.contract import NUMERIC_TYPES, CellType, Column
from renja.normalize.kode import looks_like_kode

_ROW_NUMBER = re.compile(
    r"^\(?[0-9]{1,3}(?:\.[0-9]{1,3}){0,4}[a-z]?\)?\.?$|^[a-z]\.?$|^[IVXLC]{1,6}\.?$", re.IGNORECASE
)
_CODE_TYPES = (CellType.KODE, CellType.REKENING)
_WORD = re.compile(r"[A-Za-z]{3,}")


def move_code_label(cells: list[str], slots: Sequence[Column]) -> tuple[int, int] | None:
    """A label printed across the code column (``Grand Total :``) goes to the empty name column.

    Returns (from, to) slot indexes when it moved the text.

    >>> slots = [Column("kode_rekening", CellType.REKENING), Column("uraian", CellType.TEXT)]
    >>> cells = ["Grand Total :", ""]
    >>> move_code_label(cells, slots), cells
    ((0, 1), ['', 'Grand Total :'])
    >>> move_code_label(["5.1.02", ""], slots)
    """
    names = [s.name for s in slots]
    if "uraian" not in names:
        return None
    to = names.index("uraian")
    if cells[to].strip():
        return None
    for k, slot in enumerate(slots):
        text = cells[k].strip()
        if slot.ctype in _CODE_TYPES and text and _WORD.search(text):
            if looks_like_kode(text):
                return None
            cells[to], cells[k] = text, ""
            return k, to
    return None


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
    names = [slot.name for slot in slots]
    texts = [k for k, slot in enumerate(slots) if slot.ctype is CellType.TEXT]
    name = names.index("uraian") if "uraian" in names else (texts[0] if texts else -1)
    emptied: list[tuple[int, int]] = []
    k = 0
    while k <= name and k < len(cells):
        text = cells[k].strip()
        end = k + 1
        while end < len(cells) and cells[end].strip() == text:
            end += 1
        spanned = end - k >= MIN_SPAN_REPEATS and _WORD.search(text) is not None
        if spanned and slots[k].ctype not in NUMERIC_TYPES:
            for copy in range(k + 1, end):
                cells[copy] = ""
                emptied.append((k, copy))
        k = end
    return emptied


def move_label_to_uraian(values: dict[str, Any]) -> bool:
    """A footer label printed in the number column goes to the name column.

    >>> row = {"no": "Predikat kinerja", "uraian": None}
    >>> move_label_to_uraian(row), row
    (True, {'no': None, 'uraian': 'Predikat kinerja'})
    >>> move_label_to_uraian({"no": "12.", "uraian": "Program"})
    False
    >>> move_label_to_uraian({"no": "1.2.3", "uraian": None}), move_label_to_uraian({"no": "IV"})
    (False, False)
    """
    label = values.get("no")
    if not label or _ROW_NUMBER.match(str(label)):
        return False
    target = "uraian" if "uraian" in values else "sasaran" if "sasaran" in values else None
    if target is None or values.get(target):
        return False
    values[target], values["no"] = label, None
    return True
