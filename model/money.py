"""The words that scale an amount printed in a cell (``Rp 1,25 M``, ``3,5 juta``, ``750 rb``):
one vocabulary for the shape a raw cell is sniffed as (``renja.extract.shapes``) and the
amount it is read as (``renja.normalize.rupiah``)."""

from __future__ import annotations

from typing import Final

# Each word and what it multiplies the number before it by (``M`` is miliar, as Indonesian
# budgets abbreviate it).
SCALE_WORDS: Final[dict[str, int]] = {
    "triliun": 10**12, "t": 10**12, "miliar": 10**9, "milyar": 10**9, "m": 10**9,
    "juta": 10**6, "jt": 10**6, "ribu": 10**3, "rb": 10**3,
}  # fmt: skip
# The words as a regular expression's alternation, longest first (match case-insensitively).
SCALE_WORD_PATTERN: Final = "|".join(sorted(SCALE_WORDS, key=len, reverse=True))
# The words only money takes (``M`` or ``T`` alone may be metres or tonnes).
MONEY_ONLY_WORDS: Final = ("triliun", "miliar", "milyar")

__all__ = ["MONEY_ONLY_WORDS", "SCALE_WORDS", "SCALE_WORD_PATTERN"]
