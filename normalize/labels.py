"""Repair rules for a label printed in the wrong column of its row.

A footer label or a total's title may stand in the code column (``Grand Total :``) or the
number column (``Predikat kinerja``); these rules move it to the row's name column. A sub
kegiatan's last segment printed against its name (``0004 Pengelolaan …`` beside the kegiatan
code ``1 05 03 2.04``) goes back to the code. Each moves the text as printed and says whether
(and where) it moved, so the clean stage logs it in ``repairs.csv``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from renja.model.contract import CellType, Column
from renja.normalize.kode import looks_like_kode, parse_kode

_ROW_NUMBER = re.compile(
    r"^\(?[0-9]{1,3}(?:\.[0-9]{1,3}){0,4}[a-z]?\)?\.?$|^[a-z]\.?$|^[IVXLC]{1,6}\.?$", re.IGNORECASE
)
CODE_TYPES = (CellType.KODE, CellType.REKENING)
WORD = re.compile(r"[A-Za-z]{3,}")  # a word: three letters or more
# A sub kegiatan's segment as SIPD prints it (four digits, the first a zero: never a year or a
# count), then the name.
_SUB_KEGIATAN_PIECE = re.compile(r"^(?P<piece>0\d{3})\s+(?P<name>[A-Za-z(].*)$", re.DOTALL)


def name_slot(columns: Sequence[Column]) -> int | None:
    """The column that names the rows: ``uraian``, else the first column of text."""
    names = [c.name for c in columns]
    if "uraian" in names:
        return names.index("uraian")
    return next((i for i, c in enumerate(columns) if c.ctype is CellType.TEXT), None)


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
        if slot.ctype in CODE_TYPES and text and WORD.search(text):
            if looks_like_kode(text):
                return None
            cells[to], cells[k] = text, ""
            return k, to
    return None


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


def move_code_piece(cells: list[str], slots: Sequence[Column]) -> tuple[int, int] | None:
    """A kegiatan code whose name, in the next column, starts with a sub kegiatan segment
    (the segment's own column, set against the name, read as one with it): the segment goes
    to the end of the code, which becomes the sub kegiatan's.

    Returns (from, to) slot indexes when it moved the segment.

    >>> slots = [Column("kode", CellType.KODE), Column("uraian", CellType.TEXT)]
    >>> cells = ["1 05 03 2.04", "0004 Pengelolaan dan Pemanfaatan Sistem Informasi"]
    >>> move_code_piece(cells, slots), cells
    ((1, 0), ['1 05 03 2.04 0004', 'Pengelolaan dan Pemanfaatan Sistem Informasi'])
    >>> [move_code_piece(c, slots) for c in (["1.05.03.2.04", "2024 Kegiatan"],
    ...     ["1.05.03", "0004 Program"], ["1.05.03.2.04.0004", "0001 Nama"])]
    [None, None, None]
    """
    for k in range(len(slots) - 1):
        if slots[k].ctype is not CellType.KODE or slots[k + 1].ctype is not CellType.TEXT:
            continue
        piece = _SUB_KEGIATAN_PIECE.match(cells[k + 1].strip())
        code = parse_kode(cells[k]).value if cells[k].strip() else None
        if piece is None or code is None or code.level != "kegiatan" or code.scheme != "p90":
            continue
        cells[k] = f"{cells[k].strip()} {piece['piece']}"
        cells[k + 1] = piece["name"]
        return k + 1, k
    return None
