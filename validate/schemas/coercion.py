"""Coercion of the schemas' coercing mode: values read back from renja's CSV files, as its types.

``export_schemas`` gives users schemas that parse a table read back from CSV before they check
it. Read a table with ``pd.read_csv(path, **CSV_READ_OPTIONS)``: every column as text and only
an empty cell as missing, so codes such as ``5.10`` and amounts with cents stay exact. Each
family of types has its dtype (``COERCED_DTYPES``) and, where pandera's own coercion would lose
information, a parser run first (``parser_for``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_float_dtype, is_integer_dtype

from renja.model.refs import load_lines
from renja.validate.schemas import rules
from renja.validate.schemas.cells import cell_values

# How to read our CSV files back for ``export_schemas``: every cell as text, only an empty cell
# as missing (``NA`` and ``-`` are text), so the schema parses numbers and keeps codes exact.
CSV_READ_OPTIONS: dict[str, Any] = {"dtype": str, "keep_default_na": False, "na_values": [""]}

# The dtype pandera coerces each family to; amounts have none (Int64, or Decimal with cents).
COERCED_DTYPES: dict[str, Any] = {
    rules.INT: "Int64",
    rules.FLOAT: "Float64",
    rules.TEXT: str,
    rules.KODE: str,
    rules.REKENING: str,
    rules.CHOICE: str,
}

_AMOUNT_TEXT = re.compile(r"-?\d+(?:\.\d+)?")


def parse_text(series: pd.Series) -> pd.Series:
    """Numbers pandas guessed in a text column back as their CSV text (``1.0`` as ``1``).

    >>> parse_text(pd.Series([1.0, 2.5, None])).tolist()
    ['1', '2.5', nan]
    """
    if not (is_integer_dtype(series.dtype) or is_float_dtype(series.dtype)):
        return series
    return series.astype(object).map(
        lambda v: str(int(v)) if float(v).is_integer() else repr(float(v)), na_action="ignore"
    )


def parse_amount(value: Any) -> Any:
    """A Rupiah value read back from CSV: an integer, or an exact Decimal when it has cents.

    >>> [parse_amount(v) for v in ["28143400", "-13143400", "292438783064.47", 7.0, "abc"]]
    [28143400, -13143400, Decimal('292438783064.47'), 7, 'abc']
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # exact for the 15 significant digits a float keeps
    if isinstance(value, str) and _AMOUNT_TEXT.fullmatch(value.strip()):
        text = value.strip()
        try:
            number = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return value
        return int(number) if "." not in text or number == number.to_integral_value() else number
    return value


def parse_amounts(series: pd.Series) -> pd.Series:
    """A Rupiah column read back from CSV: Int64, or objects (int and Decimal) with cents.

    >>> parse_amounts(pd.Series(["5", None], dtype=object)).dtype
    Int64Dtype()
    >>> parse_amounts(pd.Series(["5", "1.50", None], dtype=object)).tolist()
    [5, Decimal('1.50'), None]
    """
    if is_integer_dtype(series.dtype) and not is_bool_dtype(series.dtype):
        return series.astype("Int64")
    values = [None if v is None else parse_amount(v) for v in cell_values(series)]
    if all(v is None or isinstance(v, int) for v in values):
        return pd.Series(pd.array(values, dtype="Int64"), index=series.index)
    return pd.Series(values, index=series.index, dtype=object)


def parse_lines(series: pd.Series) -> pd.Series:
    """A list column read back from CSV (each a JSON array, ``[902,903]``) or Parquet: lists of
    integers; a cell that is none is kept for the type check to report.

    >>> parse_lines(pd.Series(["[902,903]", None, "902;903"], dtype=object)).tolist()
    [[902, 903], None, '902;903']
    """

    def parse(value: Any) -> Any:
        if isinstance(value, np.ndarray | tuple):  # a Parquet list, read back by pandas
            return [i.item() if isinstance(i, np.generic) else i for i in value]
        try:
            return load_lines(value) if isinstance(value, str) else value
        except ValueError:
            return value

    return pd.Series([parse(v) for v in cell_values(series)], index=series.index, dtype=object)


def parser_for(family: str) -> Callable[[pd.Series], pd.Series] | None:
    """The parser a family's column read back from CSV goes through first, if any.

    >>> parser_for(rules.RUPIAH) is parse_amounts, parser_for(rules.KODE) is parse_text
    (True, True)
    >>> parser_for(rules.INT) is None
    True
    """
    if family in (rules.RUPIAH, rules.NUMBER):
        return parse_amounts
    if family in (rules.TEXT, rules.KODE, rules.REKENING, rules.CHOICE):
        return parse_text
    if family == rules.LINES:
        return parse_lines
    return None
