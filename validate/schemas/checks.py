"""The check library of the schemas: the individual tests of a column's cells and of a frame.

Each check takes a column (or, across columns, the frame) and answers True or False for the
whole of it, or one boolean per row. Missing cells pass every check but ``not_nullable``,
which pandera runs itself. ``renja.validate.schemas.build`` names each check by the ``Check``
whose findings it makes.

Types are decided per column from the dtype (and pandas' C type inference for object columns);
cells are looked at one by one only in a column that mixes types. Numbers are compared as numpy
arrays. Codes are matched with a compiled pattern over the column's values: pandas runs a
regular expression cell by cell too, with more overhead than the match itself at Renja sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype, is_bool_dtype, is_float_dtype, is_integer_dtype

from renja.model.kode import UNIT_PATTERN, Kode
from renja.normalize.rekening import parse_rekening
from renja.normalize.row_kind import UNIT_LEVELS, level_from_name
from renja.validate.schemas.cells import cell_values

# What a check answers: True or False for the whole column (or frame), else one bool per row.
Answer: TypeAlias = pd.Series | bool
ColumnCheck: TypeAlias = Callable[[pd.Series], Answer]
FrameCheck: TypeAlias = Callable[[pd.DataFrame], Answer]

# Canonical Permendagri 90 code: urusan, bidang, program, kegiatan (class and number), sub
# kegiatan; `X`/`XX` stand for any urusan/bidang in the nomenclature's generic form.
# A Permendagri 90 code (urusan to sub kegiatan), or an organisational unit's SIPD code
# (renja.model.kode: 1.02.0.00.0.00.01.0000).
KODE_PATTERN = (
    rf"^(?:(?:\d|X)(?:\.(?:\d\d|XX)(?:\.\d\d(?:\.\d\.\d\d(?:\.\d{{4}})?)?)?)?|{UNIT_PATTERN})$"
)
_KODE_RE = re.compile(KODE_PATTERN)
_INTEGER_TYPES = (int, np.integer)
_NUMBER_TYPES = (int, float, np.integer, np.floating)


def _passed(results: Sequence[bool] | np.ndarray[Any, np.dtype[Any]], index: pd.Index) -> Answer:
    """A check's answer: True when every row passes (cheaper for pandera), else one per row."""
    return True if all(results) else pd.Series(results, index=index, dtype=bool)


def _per_cell(series: pd.Series, test: Callable[[Any], bool]) -> Answer:
    """``test`` of each present cell; missing cells pass."""
    return _passed([v is None or test(v) for v in cell_values(series)], series.index)


# --- types: which cells hold the column's family of types ---------------------------------------


def lines_mask(series: pd.Series) -> Answer:
    """Which cells are lists of integers (or empty).

    >>> lines_mask(pd.Series([[902, 903], None, "902;903"], dtype=object)).tolist()
    [True, True, False]
    """
    return _per_cell(series, lambda v: isinstance(v, list) and all(type(i) is int for i in v))


def text_mask(series: pd.Series) -> Answer:
    """Which cells are text (or empty).

    >>> text_mask(pd.Series(["a", None, 3], dtype=object)).tolist()
    [True, True, False]
    """
    if isinstance(series.dtype, pd.StringDtype):
        return True
    if series.dtype != object:
        return bool(series.isna().all())
    if infer_dtype(series, skipna=True) in ("string", "empty"):
        return True
    return _per_cell(series, lambda v: isinstance(v, str))


def integer_mask(series: pd.Series) -> Answer:
    """Which cells are integers (row numbers)."""
    if is_integer_dtype(series.dtype) and not is_bool_dtype(series.dtype):
        return True
    if series.dtype != object:
        return bool(series.isna().all())
    if infer_dtype(series, skipna=True) in ("integer", "empty"):
        return True
    return _per_cell(series, lambda v: isinstance(v, _INTEGER_TYPES) and not isinstance(v, bool))


def number_mask(series: pd.Series) -> Answer:
    """Which cells are numbers (integers or floats, never bool or Decimal)."""
    if is_bool_dtype(series.dtype):
        return False
    if is_integer_dtype(series.dtype) or is_float_dtype(series.dtype):
        return True
    if series.dtype != object:
        return bool(series.isna().all())
    if infer_dtype(series, skipna=True) in ("integer", "floating", "mixed-integer-float", "empty"):
        return True
    return _per_cell(series, lambda v: isinstance(v, _NUMBER_TYPES) and not isinstance(v, bool))


def amount_mask(series: pd.Series) -> Answer:
    """Which cells are Rupiah amounts: integers, or exact decimals (never floats).

    >>> amount_mask(pd.Series([1, Decimal("2.50"), 2.5, "3", None], dtype=object)).tolist()
    [True, True, False, False, True]
    """
    if is_integer_dtype(series.dtype) and not is_bool_dtype(series.dtype):
        return True
    if series.dtype != object:
        return bool(series.isna().all())
    if infer_dtype(series, skipna=True) in ("integer", "decimal", "empty"):
        return True
    return _per_cell(
        series, lambda v: isinstance(v, (*_INTEGER_TYPES, Decimal)) and not isinstance(v, bool)
    )


# --- values: uniqueness, signs, ranges, fixed sets, codes ---------------------------------------


def unique_integers(series: pd.Series) -> Answer:
    """No integer twice (the first one passes); cells of another type are a type failure."""
    mask = integer_mask(series)
    if mask is False:
        return True
    kept = series if mask is True else series.astype(object).where(mask, None)
    repeated = kept.duplicated(keep="first").to_numpy() & kept.notna().to_numpy()
    return _passed(~repeated, series.index)


def _numbers(series: pd.Series, mask: Answer) -> np.ndarray[Any, np.dtype[np.float64]]:
    """The cells that passed their type check as floats (for signs and ranges), others NaN."""
    if mask is False:
        return np.full(len(series), np.nan)
    if mask is True and (is_integer_dtype(series.dtype) or is_float_dtype(series.dtype)):
        numbers: np.ndarray[Any, np.dtype[np.float64]] = series.to_numpy(
            dtype=float, na_value=np.nan
        )
        return numbers
    kept = series.astype(object).where(mask, None) if mask is not True else series.astype(object)
    coerced: np.ndarray[Any, np.dtype[np.float64]] = pd.to_numeric(kept, errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
    return coerced


def in_choices(choices: tuple[str, ...]) -> ColumnCheck:
    """Cells in a fixed set; a cell of another type is outside it too (one failure, not two)."""
    allowed = frozenset(choices)
    return lambda series: _per_cell(series, lambda v: isinstance(v, str) and v in allowed)


def at_least_zero(mask: ColumnCheck) -> ColumnCheck:
    """Cells of the type ``mask`` accepts are not negative (the others fail their type check)."""

    def check(series: pd.Series) -> Answer:
        return _passed(~(_numbers(series, mask(series)) < 0), series.index)

    return check


def within(low: float, high: float, mask: ColumnCheck) -> ColumnCheck:
    """Cells of the type ``mask`` accepts lie between ``low`` and ``high``."""

    def check(series: pd.Series) -> Answer:
        numbers = _numbers(series, mask(series))
        return _passed(~((numbers < low) | (numbers > high)), series.index)

    return check


def canonical_kode(series: pd.Series) -> Answer:
    """Codes in the canonical Permendagri 90 form (``KODE_PATTERN``)."""
    return _per_cell(series, lambda v: not isinstance(v, str) or bool(_KODE_RE.fullmatch(v)))


def rekening_kode(series: pd.Series) -> Answer:
    """Account codes that read as one clean ``kode rekening``."""
    return _per_cell(series, lambda v: not isinstance(v, str) or (parse_rekening(v).rules == ()
                     and parse_rekening(v).value is not None))  # fmt: skip


# --- across columns: a row's level fits its code, a code on one data row ------------------------


def level_of_kode(kode: Any) -> str | None:
    """The level a canonical code stands for, by its number of segments; None for other cells.

    >>> [level_of_kode(k) for k in ["5", "5.03.01", "5.03.01.2.07.0005", "01.00", None]]
    ['urusan', 'program', 'sub_kegiatan', None, None]
    >>> level_of_kode("1.02.0.00.0.00.01.0000")
    'skpd'
    """
    if not isinstance(kode, str) or not _KODE_RE.fullmatch(kode):
        return None
    code = Kode.from_cell(kode)
    return code.level if code else None


def level_fits_kode(kode_column: str, level_column: str) -> FrameCheck:
    """Each row's level (``level_column``) is the level of its canonical code (``kode_column``)."""

    def check(frame: pd.DataFrame) -> Answer:
        if kode_column not in frame or level_column not in frame:
            return True
        expected = [level_of_kode(k) for k in cell_values(frame[kode_column])]
        levels = cell_values(frame[level_column])
        fits = [e is None or e == level for e, level in zip(expected, levels, strict=True)]
        return _passed(fits, frame.index)

    return check


def first_rows_of_kode(frame: pd.DataFrame) -> list[int | None]:
    """For each data row with a code, the position of the first data row with that code in its
    block.

    A row whose code an earlier row of its block already has is a repeat; rows of other kinds
    (``total``, ``indikator``) and rows without a code are None. A row naming a unit of the SKPD
    or an SKPD (``UPTD …``, level ``unit`` or ``skpd``) starts a new block: a UPTD lists the
    programs and kegiatan of its parent again.

    >>> frame = pd.DataFrame({"jenis_baris": ["data", "data", "total", "data"],
    ...                       "kode": ["5.03", "5.03.01", "5.03", "5.03"]})
    >>> first_rows_of_kode(frame)
    [0, 1, None, 0]
    >>> frame = pd.DataFrame({"jenis_baris": ["data"] * 4,
    ...                       "kode": ["2.08.03", "2.08.03.1.02", "2.08.03", "2.08.03.1.02"],
    ...                       "uraian": ["PROGRAM X", "Kegiatan", "UPTD PPA", "Kegiatan"]})
    >>> first_rows_of_kode(frame)
    [0, 1, 2, 3]
    """
    if "kode" not in frame or "jenis_baris" not in frame:
        return [None] * len(frame)
    first: dict[str, int] = {}
    out: list[int | None] = []
    names = cell_values(frame["uraian"]) if "uraian" in frame else [None] * len(frame)
    levels = cell_values(frame["level"]) if "level" in frame else [None] * len(frame)
    rows = zip(cell_values(frame["jenis_baris"]), cell_values(frame["kode"]), strict=True)
    for position, (jenis, kode) in enumerate(rows):
        name, level = names[position], levels[position]
        unit = (isinstance(level, str) and level in UNIT_LEVELS) or (
            isinstance(name, str) and level_from_name(name) in UNIT_LEVELS
        )
        if jenis == "data" and unit:
            first = {}
        counted = jenis == "data" and isinstance(kode, str)
        out.append(first.setdefault(kode, position) if counted else None)
    return out


def kode_not_repeated(frame: pd.DataFrame) -> Answer:
    """No data row repeats the code of an earlier data row."""
    firsts = first_rows_of_kode(frame)
    return _passed([f is None or f == i for i, f in enumerate(firsts)], frame.index)
