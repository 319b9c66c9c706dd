"""Missing values of a typed table, told apart without importing pandas or NumPy.

A clean table's cells are pandas' and NumPy's values, but a document with no data table runs
without either library (issue 14: start-up). When a library is not loaded, no value can be one
of its values, so the checks below ask ``sys.modules`` and never import.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from typing import Any


def is_na(value: Any) -> bool:
    """pandas' missing value (``pd.NA``); with pandas not loaded, no value is.

    >>> import pandas as pd
    >>> is_na(pd.NA), is_na(None), is_na(float("nan"))
    (True, False, False)
    """
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def is_missing(value: Any) -> bool:
    """An empty cell of a typed table: None, pandas' NA, or a NaN (float, NumPy or Decimal).

    >>> import pandas as pd
    >>> [is_missing(v) for v in (None, pd.NA, float("nan"), Decimal("NaN"), 0, "", "x")]
    [True, True, True, True, False, False, False]
    """
    return value is None or is_na(value) or (isinstance(value, float | Decimal) and value != value)


def is_numpy_scalar(value: Any) -> bool:
    """A NumPy scalar (a clean table's number); with NumPy not loaded, no value is.

    >>> import numpy as np
    >>> is_numpy_scalar(np.int64(3)), is_numpy_scalar(3)
    (True, False)
    """
    numpy = sys.modules.get("numpy")
    return numpy is not None and isinstance(value, numpy.generic)


__all__ = ["is_missing", "is_na", "is_numpy_scalar"]
