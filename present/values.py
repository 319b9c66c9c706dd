"""CSV cells of an output folder read back as values: numbers, digits, lists.

Every cell of the output contract is text; these read the few kinds the report and the workbook
need back out of it, and never raise for text that is not of the kind asked for.
"""

from __future__ import annotations

import re

PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
GROUPED_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # Indonesian 1.234.567,89
INTEGER = re.compile(r"-?\d+")
COLUMN_SEPARATOR = ";"  # a finding about several columns names them so in ``column``


def number_key(text: str) -> str | None:
    """The value of a cell as a plain number for sorting, or None when it is no number.

    >>> [number_key(t) for t in ["28143400", "-1.5", "1.234.567,5", "59.99.800", "5.03.01", ""]]
    ['28143400', '-1.5', '1234567.5', None, None, None]
    """
    text = text.strip()
    if PLAIN_NUMBER.fullmatch(text):
        return text
    if GROUPED_NUMBER.fullmatch(text):
        return text.replace(".", "").replace(",", ".")
    return None


def digits(text: str) -> str:
    """The digits of a cell, for finding a printed number whatever its punctuation.

    >>> digits("59.99.800"), digits("Rp 1.500,-")
    ('5999800', '1500')
    """
    return re.sub(r"\D", "", text)


def as_int(text: str | None) -> int | None:
    """A CSV cell as an integer, or None.

    >>> as_int(" 42 "), as_int("4.2"), as_int(None)
    (42, None, None)
    """
    text = (text or "").strip()
    return int(text) if INTEGER.fullmatch(text) else None


def split_columns(text: str) -> list[str]:
    """The columns of a finding's ``column`` cell, which may name several.

    >>> split_columns("pagu_murni; pagu_perubahan ;;")
    ['pagu_murni', 'pagu_perubahan']
    """
    return [item.strip() for item in text.split(COLUMN_SEPARATOR) if item.strip()]


__all__ = ["as_int", "digits", "number_key", "split_columns"]
