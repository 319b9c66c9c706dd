"""What shape a raw cell has: an amount, a code, a target, a percentage, text…

The shape is read from the cell's look alone, before any value is parsed. The reader uses it to
tell header rows from data; the cleaner compares it with the column types of a form.
"""

from __future__ import annotations

import re
from enum import IntEnum
from functools import lru_cache

from renja.model.kode import UNIT_PATTERN, URUSAN_NAMED
from renja.model.limits import CELL_CACHE
from renja.model.money import MONEY_ONLY_WORDS, SCALE_WORD_PATTERN


class Shape(IntEnum):
    EMPTY = 0
    DASH = 1  # '-' printed for nothing
    AMOUNT = 2  # Rupiah-shaped: 1.285.018.000, 189.1 53.75 0, 28143400
    CODE = 3  # a nomenclature code, alone or followed by a name
    PERCENT = 4  # a number with %
    NUMBER = 5  # a plain number: 24,22 or 265 or 1.
    TARGET = 6  # a number with a unit: 6 Dokumen, 2 Lap ora n
    PREDICATE = 7  # a short grade: A, BB, WTP
    INDICATOR = 8  # text that reads as an indicator: Jumlah …, Persentase …
    TEXT = 9
    DECIMAL = 10  # a number with a decimal comma: 24,22 (a rate, never a Rupiah amount)


_DASH = re.compile(r"^(?:rp\.?\s*)?[-–—]+$", re.IGNORECASE)
_NUMBERISH = re.compile(
    r"^[(]?-?\s*(?:rp\.?\s*)?[\d][\d .,]*\s*[)]?(?:[,.]\s*[-–—])?$", re.IGNORECASE
)
# Money with a scale word (``Rp 48,65 Miliar``, ``Rp 640 Jt``, ``1,25 miliar``): a word that
# only money takes, or any scale word after ``Rp`` (``M`` alone may be metres).
_WORDED_MONEY = re.compile(
    rf"^(?:rp\.?\s*\d[\d.,]*\s*(?:{SCALE_WORD_PATTERN})"
    rf"|\d[\d.,]*\s*(?:{'|'.join(MONEY_ONLY_WORDS)}))\.?$",
    re.IGNORECASE,
)
# A program code (up to six segments, perhaps damaged), or an organisational unit's SIPD code:
# 1.02.0.00.0.00.01.0000 (renja.model.kode); alone, or before a name (after a dash: "5.03.01 -").
_CODE = re.compile(
    r"^(?:(?:\d{1,2}|[xX]{1,2})(?:\s?[.,]\s?(?:\d[\d ]{0,3}|[xX]{1,2})){1,6}"
    rf"|{UNIT_PATTERN})(?=\s+(?:[-–—:]\s*)?[A-Za-z(]|$)"
)
# Plain decimals that a code pattern would also match: 24,22  1.5  10.25 (but 5.03 is a bidang).
_DECIMAL = re.compile(r"\d+,\d+|\d+\.\d|\d{2,}\.\d{1,2}")
_PERCENT = re.compile(r"^-?\d[\d ,.]*\s*%$")
_TARGET = re.compile(r"^\d[\d ,.]*\s*[A-Za-z][A-Za-z /.\-]{0,30}$")
_PREDICATE = re.compile(r"^(?:[A-E][A-E]?[+-]?|WTP|WDP|TMS|MS)$")
_INDICATOR = re.compile(
    r"^(?:jumlah|persentase|prosentase|%|indeks|cakupan|tingkat|predikat|rasio|angka|nilai|"
    r"rata-rata|capaian|banyaknya|luas|panjang|frekuensi|ketersediaan|dokumen|laporan)\b",
    re.IGNORECASE,
)


# An amount in US spelling: thousands grouped by commas, cents after a point, as a spreadsheet in
# an English locale prints it (3,264,180,000.00). Two groups or a cents part: "1,500" alone may
# be a decimal comma. No nomenclature code has a segment of three digits.
_US_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d{1,2})?|\d{1,3}(?:,\d{3})+\.\d{1,2}")


def _is_grouped_amount(compact: str) -> bool:
    groups = compact.split(".")
    if len(groups) < 2:
        return False
    return len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


@lru_cache(maxsize=CELL_CACHE)
def sniff(cell: str) -> Shape:
    """The shape of a raw cell.

    >>> [sniff(c).name for c in ["", "-", "189.1 53.75 0", "5.03.0 1.2.07. 05", "100 %", "24,22"]]
    ['EMPTY', 'DASH', 'AMOUNT', 'CODE', 'PERCENT', 'DECIMAL']
    >>> [sniff(c).name for c in ["2 Lap ora n", "BB", "Jumlah Dokumen", "Penyediaan Gaji", "5.03"]]
    ['TARGET', 'PREDICATE', 'INDICATOR', 'TEXT', 'CODE']
    >>> [sniff(c).name for c in ["28143400", "4.000.000", "(13.143.400 )", "x.xx.01.201.01"]]
    ['AMOUNT', 'AMOUNT', 'AMOUNT', 'CODE']
    >>> [sniff(c).name for c in ["Rp 7.871.828.900,-", "Rp. 82.690.900.-"]]  # whole rupiah
    ['AMOUNT', 'AMOUNT']
    >>> [sniff(c).name for c in ["Rp 48,65 Miliar", "Rp 640 Jt", "1,25 miliar", "150 M"]]
    ['AMOUNT', 'AMOUNT', 'AMOUNT', 'TARGET']
    >>> unit = "1.02.0.00.0.00.01.0000"  # an organisational unit's code
    >>> [sniff(c).name for c in [unit, f"{unit} Dinas Kesehatan", "5.03.01 - PROGRAM PENUNJANG"]]
    ['CODE', 'CODE', 'CODE']
    >>> sniff("2 URUSAN PEMERINTAHAN WAJIB").name  # an urusan's code: one digit, its name
    'CODE'
    >>> [sniff(c).name for c in ["3,264,180,000.00", "612,450,000.00", "1,500.50", "1,500", "1,02"]]
    ['AMOUNT', 'AMOUNT', 'AMOUNT', 'DECIMAL', 'DECIMAL']
    """
    text = cell.strip()
    if not text:
        return Shape.EMPTY
    if _DASH.match(text):
        return Shape.DASH
    if _PERCENT.match(text):
        return Shape.PERCENT
    if _NUMBERISH.match(text):
        compact = re.sub(r"(?i)[\s()]|rp\.?|[,.][-–—]$", "", text).lstrip("-")
        integer = compact.split(",")[0]
        if _is_grouped_amount(integer) or (integer.isdigit() and len(integer) >= 5):
            return Shape.AMOUNT
        if _US_AMOUNT.fullmatch(compact):
            return Shape.AMOUNT
        if _CODE.match(text) and "." in text and not _DECIMAL.fullmatch(compact):
            return Shape.CODE
        if "." in integer and len(integer.replace(".", "")) >= 6:
            return Shape.AMOUNT
        if re.fullmatch(r"\d+,\d+", compact):
            return Shape.DECIMAL
        return Shape.NUMBER
    if _WORDED_MONEY.match(text):
        return Shape.AMOUNT
    if _CODE.match(text) or URUSAN_NAMED.match(text):
        return Shape.CODE
    if _TARGET.match(text):
        return Shape.TARGET
    if _PREDICATE.match(text):
        return Shape.PREDICATE
    if _INDICATOR.match(text):
        return Shape.INDICATOR
    return Shape.TEXT
