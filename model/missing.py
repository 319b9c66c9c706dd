"""Missing values of a typed table, told apart without importing pandas or NumPy.

A clean table's cells are pandas' and NumPy's values, but a document with no data table runs
without either library (issue 14: start-up). When a library is not loaded, no value can be one
of its values, so the checks below ask ``sys.modules`` and never import.
"""

from __future__ import annotations

import sys
from typing import Any


def is_na(value: Any) -> bool:
    """pandas' missing value (``pd.NA``); with pandas not loaded, no value is.

    >>> import pandas as pd
    >>> is_na(pd.NA), is_na(None), is_na(float("nan"))
    (True, False, False)
    """
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def is_numpy_scalar(value: Any) -> bool:
    """A NumPy scalar (a clean table's number); with NumPy not loaded, no value is.

    >>> import numpy as np
    >>> is_numpy_scalar(np.int64(3)), is_numpy_scalar(3)
    (True, False)
    """
    numpy = sys.modules.get("numpy")
    return numpy is not None and isinstance(value, numpy.generic)


__all__ = ["is_na", "is_numpy_scalar"]
