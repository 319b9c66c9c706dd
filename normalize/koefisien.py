"""The quantity a budget line's coefficient stands for: ``2 Orang x 12 Bulan`` is 24.

An RKA or DPA prices each line as ``koefisien × harga (+ PPN) = jumlah``, and prints the
coefficient as factors, each a number and its unit, joined by ``x``. The clean table keeps the
coefficient as printed; the audit reads its quantity here to check the line's amount.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Factors are joined by an x (or ×, *) standing alone between them.
_TIMES = re.compile(r"\s+[x×*]\s+|\s*[×*]\s*|(?<=\d)\s*[xX]\s*(?=\d)", re.IGNORECASE)
# One factor: a number, then (optionally) its unit in words ("Orang", "OK", "m2", "Orang / Bulan").
_FACTOR = re.compile(r"(?P<number>\d[\d.,]*)(?:\s*(?P<unit>[^\d\s].*))?")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_FRACTION = re.compile(r"/\s*\d")  # 1/2: the number is a numerator


def _number(text: str) -> Decimal | None:
    """A number as a budget prints it: ``1.000`` thousands, ``0,5`` or ``2.5`` a fraction.

    >>> _number("1.000"), _number("0,5"), _number("2.5"), _number("1.250,75")
    (Decimal('1000'), Decimal('0.5'), Decimal('2.5'), Decimal('1250.75'))
    """
    if "," in text:  # Indonesian: dots group thousands, a comma starts the fraction
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def volume_of(text: str) -> Decimal | None:
    """The quantity of a printed coefficient: the product of its factors' numbers. None when a
    factor has no number (the coefficient cannot be read) or the text is empty.

    >>> volume_of("2 Orang x 12 Bulan"), volume_of("12 Bulan"), volume_of("2155 Orang")
    (Decimal('24'), Decimal('12'), Decimal('2155'))
    >>> volume_of("2 Kendaraan x 3 Hari x 4 Kali"), volume_of("1.000 Lembar")
    (Decimal('24'), Decimal('1000'))
    >>> volume_of("0,5 Tahun"), volume_of("3x4 OH"), volume_of("2 Orang × 12")
    (Decimal('0.5'), Decimal('12'), Decimal('24'))
    >>> volume_of("Paket") is None, volume_of("") is None, volume_of("2 Orang x Bulan") is None
    (True, True, True)
    >>> volume_of("100 m2"), volume_of("1/2 Hari") is None  # a fraction is not guessed at
    (Decimal('100'), True)
    """
    text = " ".join(text.split())
    if not text:
        return None
    volume = Decimal(1)
    for factor in _TIMES.split(text):
        match = _FACTOR.fullmatch(factor.strip())
        number = _number(match["number"].rstrip(".,")) if match else None
        if number is None or (match and _FRACTION.match(match["unit"] or "")):
            return None
        volume *= number
    return volume


__all__ = ["volume_of"]
