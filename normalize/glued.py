"""An amount and the words of the column after it, printed as one cell.

In a table without rules, an amount set flush right in its column and a word set flush left in
the next (``611.557.000 PAD``: the pagu and its sumber dana) may stand a space apart or less,
and the reader takes them for one cell. The amount belongs to the empty amount column, the
words to the column of words after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from renja.extract.shapes import Shape, sniff
from renja.model.contract import CellType, Column
from renja.normalize.funding import is_funding_source
from renja.normalize.rupiah import read_unit_word

# An amount (grouped thousands, perhaps cents or in parentheses), then words.
_GLUED = re.compile(
    r"^(?P<amount>\(?-?(?:Rp\.?\s*)?\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?\)?)\s*"
    r"(?P<words>[A-Za-z][A-Za-z0-9 .,/&()'-]{0,60})$"
)


class Glued(NamedTuple):
    """A cell holding an amount and the next column's words: where they go, where it was."""

    amount_slot: int
    words_slot: int | None  # None: the table has no column for them (they stay in the log)
    printed: int  # the slot the cell was read in
    amount: str
    words: str


def split_amount_from_words(text: str) -> tuple[str, str] | None:
    """The amount and the words of a cell that holds both, or None.

    >>> split_amount_from_words("611.557.000 PAD")
    ('611.557.000', 'PAD')
    >>> split_amount_from_words("1.250.000.000 DAK Fisik")
    ('1.250.000.000', 'DAK Fisik')
    >>> split_amount_from_words("599.067.000DAU")
    ('599.067.000', 'DAU')
    >>> [split_amount_from_words(t) for t in ("3,5 juta", "1.250.000", "12 Dokumen", "Rp 750.000")]
    [None, None, None, None]
    """
    match = _GLUED.match(text.strip())
    if match is None or read_unit_word(text) is not None:
        return None
    amount = match["amount"]
    if sniff(amount) is not Shape.AMOUNT:
        return None
    return amount, match["words"].strip()


def glued_cells(cells: Sequence[str], slots: Sequence[Column]) -> list[Glued]:
    """Where an empty amount column is followed by a column of words holding an amount and
    words (or an amount column holding both is followed by an empty column of words): the
    cells to split, each with the slot it was read in and its two parts.

    >>> slots = [Column("pagu", CellType.RUPIAH), Column("sumber_dana", CellType.TEXT)]
    >>> glued_cells(["", "611.557.000 PAD"], slots)
    [Glued(amount_slot=0, words_slot=1, printed=1, amount='611.557.000', words='PAD')]
    >>> [g.printed for g in glued_cells(["611.557.000 PAD", ""], slots)]
    [0]
    >>> glued_cells(["611.557.000", "PAD"], slots), glued_cells(["1.000", "2.000 PAD"], slots)
    ([], [])

    A converter that wrote two columns as one (``Pagu Indikatif / Sumber Dana``) leaves the
    table no column of words after the amounts': the amount is read, its funding source stays
    in the repair's log (and the raw cell). Other words (``10.000 Lembar``) are no amount's.

    >>> glued_cells(["206.927.000 Retribusi", "2027"], [slots[0], Column("tahun", CellType.NUMBER)])
    [Glued(amount_slot=0, words_slot=None, printed=0, amount='206.927.000', words='Retribusi')]
    """
    out = []
    for k in range(len(slots)):
        if slots[k].ctype is CellType.RUPIAH and (
            k + 1 == len(slots) or slots[k + 1].ctype is not CellType.TEXT
        ):
            split = split_amount_from_words(cells[k]) if k < len(cells) else None
            if split is not None and is_funding_source(split[1]):
                out.append(Glued(k, None, k, *split))
            continue
        if k + 1 == len(slots):
            continue
        if slots[k].ctype is not CellType.RUPIAH or slots[k + 1].ctype is not CellType.TEXT:
            continue
        amount, words = cells[k].strip(), cells[k + 1].strip()
        if bool(amount) == bool(words):
            continue  # both filled, or neither
        split = split_amount_from_words(amount or words)
        if split is not None:
            out.append(Glued(k, k + 1, k if amount else k + 1, *split))
    return out


__all__ = ["Glued", "glued_cells", "split_amount_from_words"]
