"""A column's cells as plain Python values, the way every part of the schemas reads them.

The checks, the CSV parsers and the failure translation look at cells one by one only where a
column mixes types; they all read them through ``cell_values`` and ``is_missing`` so that
``None``, ``NaN``, ``pd.NA`` and ``NaT`` are one thing: an empty cell.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_scalar


def cell_values(series: pd.Series) -> np.ndarray[Any, np.dtype[Any]]:
    """The cells as a numpy object array, every missing cell None.

    >>> cell_values(pd.Series([1, None, "a"], dtype=object)).tolist()
    [1, None, 'a']
    """
    values: np.ndarray[Any, np.dtype[Any]] = series.to_numpy(dtype=object, na_value=None)
    return values


def is_missing(value: Any) -> bool:
    """An empty cell: None, NaN, ``pd.NA`` or ``NaT`` (text is never missing).

    >>> [is_missing(v) for v in (None, float("nan"), pd.NA, "NA", 0, [1, 2])]
    [True, True, True, False, False, False]
    """
    if value is None:
        return True
    return not isinstance(value, str) and is_scalar(value) and bool(pd.isna(value))
