"""Numbers as an Indonesian reader writes them: ``1.234.567`` (a dot groups thousands),
``27,5`` (a comma before the decimals), and short amounts for charts (``9,17 M``).

Only for what people read (pages and charts); the CSVs keep plain numbers.
"""

from __future__ import annotations

import math

from renja.model.i18n import N_

# Short amounts: the largest unit a value reaches, Indonesian abbreviations.
UNITS = ((1e12, "T"), (1e9, "M"), (1e6, "jt"), (1e3, "rb"))
UNIT_NOTE = N_("rb = thousand, jt = million, M = billion, T = trillion")


def _swap(text: str) -> str:
    """Python's ``1,234.5`` as ``1.234,5``."""
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def grouped(value: int | float) -> str:
    """A whole number with its thousands grouped by dots.

    >>> grouped(1234567), grouped(-59999800), grouped(950), grouped(2.6)
    ('1.234.567', '-59.999.800', '950', '3')
    """
    return _swap(f"{round(value):,}")


def decimal(value: float, places: int = 2) -> str:
    """A number with ``places`` decimals after a comma, thousands grouped.

    >>> decimal(27.2222), decimal(1234.5, 1), decimal(-0.004)
    ('27,22', '1.234,5', '0,00')
    """
    text = _swap(f"{value:,.{places}f}")
    return text.lstrip("-") if float(f"{value:.{places}f}") == 0 else text


def compact(value: float) -> str:
    """An amount in at most three significant digits and its unit (``UNITS``).

    >>> [compact(v) for v in (9169505125, 8017000, -512300, 950, 0, 2.9e12)]
    ['9,17 M', '8,02 jt', '-512 rb', '950', '0', '2,9 T']
    """
    size = abs(value)
    for base, unit in UNITS:
        if size >= base * 0.9995:  # what rounds up to 1 of this unit is shown in it
            scaled = value / base
            places = max(0, 2 - math.floor(math.log10(abs(scaled))))
            text = _swap(f"{scaled:.{places}f}")
            if "," in text:
                text = text.rstrip("0").rstrip(",")
            return f"{text} {unit}"
    return grouped(value)


def signed(text: str, value: float) -> str:
    """A number's text with its sign: ``+`` for a rise (a fall has its ``-`` already).

    >>> signed("8,02 jt", 8017000), signed("-5 jt", -5e6), signed("0", 0)
    ('+8,02 jt', '-5 jt', '0')
    """
    return f"+{text}" if value > 0 else text


__all__ = ["UNIT_NOTE", "compact", "decimal", "grouped", "signed"]
