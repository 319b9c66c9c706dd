"""Values a person decided (``keputusan.csv``), read for the column they go into.

A decision's ``nilai`` is text, written by the report (``75090599``, ``1500000.50``) or by hand
as the documents print (``75.090.599``, ``1.500.000,50``); it is read here for its column's type.
Every amount column also gets its reviewed value (``<column>_ditinjau``, the printed one until a
decision says otherwise) and its status (``status_<column>``): ``with_reviewed`` fills them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pandas as pd

from renja.model.contract import CellType, Column, reviewed_name, status_name
from renja.model.decisions import ValueStatus
from renja.model.i18n import _
from renja.model.kode import Kode
from renja.model.tables import CleanTable
from renja.normalize.percent import parse_decimal
from renja.normalize.rupiah import parse_rupiah

# A number as the files write it: digits, an optional sign and one decimal point.
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
# The columns a value may be decided for: the numbers renja checks.
DECIDABLE = (CellType.RUPIAH, CellType.NUMBER, CellType.PERCENT, CellType.TARGET)


def keputusan(printed: str, decided: str) -> str:
    """A value a person decided in ``keputusan.csv``, in place of what the document prints (the
    printed value is kept: in ``raw/``, in the repair, and beside an amount's reviewed value).

    >>> keputusan("116.718.093", "166178093")
    '166178093'
    """
    return decided


def decided_amount(text: str) -> int | Decimal:
    """An exact amount from a decision: as the files write it, or as the documents print it.

    >>> decided_amount("75090599"), decided_amount("75.090.599"), decided_amount("1500,50")
    (75090599, 75090599, Decimal('1500.50'))
    >>> decided_amount("12.5")
    Decimal('12.5')
    >>> decided_amount("lima")
    Traceback (most recent call last):
    ValueError: 'lima' bukan jumlah
    """
    text = text.strip()
    if _PLAIN.fullmatch(text):
        number = Decimal(text)
        return int(number) if "." not in text else number
    parsed = parse_rupiah(text)
    if parsed.value is None:
        raise ValueError(_("'{text}' is no amount").format(text=text))
    return parsed.value


def decided_number(text: str) -> float:
    """A rate, percentage or target from a decision.

    >>> decided_number("68.81"), decided_number("68,81"), decided_number("100%")
    (68.81, 68.81, 100.0)
    """
    text = text.strip().removesuffix("%").strip()
    if _PLAIN.fullmatch(text):
        return float(text)
    parsed = parse_decimal(text)
    if parsed.value is None:
        raise ValueError(_("'{text}' is no number").format(text=text))
    return float(parsed.value)


def decided_value(text: str, column: Column) -> int | Decimal | float:
    """A decision's value for a column: exact for amounts and counts, a float for rates and
    targets; ``ValueError`` (Indonesian) when the column takes no decided value or the text is
    no such value.

    >>> decided_value("1.954.327.000", Column("pagu", CellType.RUPIAH))
    1954327000
    >>> decided_value("x", Column("uraian", CellType.TEXT))
    Traceback (most recent call last):
    ValueError: kolom uraian bukan kolom nilai (jumlah, angka, persen atau target)
    """
    if column.ctype not in DECIDABLE:
        raise ValueError(
            _("column {column} is no column of values (amount, number, percentage or target)")
            .format(column=column.name)
        )  # fmt: skip
    if column.ctype in (CellType.RUPIAH, CellType.NUMBER):
        return decided_amount(text)
    return decided_number(text)


def decided_code(text: str) -> str:
    """A code from a decision, in its canonical form; ``ValueError`` for text that is none.

    >>> decided_code(" 1.05.01.2.07.0009 "), decided_code("1.05.01")
    ('1.05.01.2.07.0009', '1.05.01')
    >>> decided_code("satu")
    Traceback (most recent call last):
    ValueError: 'satu' bukan kode Permendagri 90
    """
    text = "".join(text.split())
    try:
        kode = Kode.parse(text)
    except ValueError:
        raise ValueError(_("'{text}' is no Permendagri 90 code").format(text=text)) from None
    if kode.level is None:
        raise ValueError(_("'{text}' is no Permendagri 90 code").format(text=text))
    return kode.text


def amount_array(values: list[Any]) -> Any:
    """Amounts as a column: ``Int64`` when all are whole, else exact Decimals (objects)."""
    present = [v for v in values if v is not None and v is not pd.NA]
    if all(isinstance(v, int) for v in present):
        return pd.array([None if v is pd.NA else v for v in values], dtype="Int64")
    return pd.Series(
        [None if v is None or v is pd.NA else Decimal(v) for v in values], dtype=object
    ).to_numpy()


def with_reviewed(table: CleanTable) -> CleanTable:
    """The table with each amount's reviewed value (the printed one) and status (``tercetak``)
    beside it, where no decision has set them yet."""
    frame = table.frame.copy()
    for name in table.contract.money_columns():
        if name not in frame.columns:
            continue
        reviewed, status = reviewed_name(name), status_name(name)
        position = list(frame.columns).index(name) + 1
        for column in (reviewed, status):
            if column not in frame.columns:
                frame.insert(position, column, pd.Series([None] * len(frame), dtype=object))
            position += 1
        printed = frame[name].tolist()
        frame[reviewed] = amount_array(printed)
        frame[status] = pd.Series([ValueStatus.PRINTED.value] * len(frame), dtype=object).values
    return replace(table, frame=frame)


__all__ = [
    "DECIDABLE",
    "amount_array",
    "decided_amount",
    "decided_code",
    "decided_number",
    "decided_value",
    "keputusan",
    "with_reviewed",
]
