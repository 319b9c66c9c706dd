"""Pandera schemas of the clean tables, built from their contracts (``renja.model.contract``).

What a clean table promises is declared once, in its contract: ``column_rules`` reads the
contract's columns into one ``ColumnRule`` per clean column (type, required, bounds, allowed
values), and
``schema_for`` turns the rules into a ``pandera.DataFrameSchema``. ``validate_table`` runs that
schema lazily and turns every failure case into a ``Finding``, so bad data never raises.

Two modes, one set of rules:

- **strict** (``schema_for``, used by the pipeline): the frame must already hold the types renja
  writes; nothing is coerced, so a pipeline bug (an amount passed through float, a string in a
  number column) is a finding.
- **coercing** (``export_schemas``, for users' copies): values read back from our CSV files are
  parsed into those types first. Read a table with ``pd.read_csv(path, **CSV_READ_OPTIONS)``:
  every column as text and only an empty cell as missing, so codes such as ``5.10`` and amounts
  with cents stay exact. A plain ``pd.read_csv(path)`` also validates, except where pandas'
  own guessing already lost information (a code column read as floats, text ``NA`` read as
  missing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandas.api.types import infer_dtype, is_bool_dtype, is_float_dtype, is_integer_dtype

from renja.model.checks import (
    SKEMA_KATEGORI,
    SKEMA_KODE,
    SKEMA_KODE_GANDA,
    SKEMA_KOLOM,
    SKEMA_LEVEL,
    SKEMA_NEGATIF,
    SKEMA_RENTANG,
    SKEMA_TIPE,
    Check,
    check_named,
)
from renja.model.contract import (
    LIST_COLUMNS,
    SPARSE_COLUMNS,
    SPARSE_SUFFIXES,
    CellType,
    Column,
    TableContract,
    kode_columns,
    kode_prefix,
)
from renja.model.kode import LEVELS as KODE_LEVELS
from renja.model.kode import Kode
from renja.model.records import Finding, Source
from renja.model.refs import CellRef, load_lines
from renja.model.tables import CleanTable
from renja.normalize.coding import CODE_COLUMNS
from renja.normalize.columns import form_contract
from renja.normalize.hierarchy import GENERIC_LEVELS
from renja.normalize.kinds import KINDS
from renja.normalize.rekening import LINE_LEVELS, REKENING_LEVELS, parse_rekening

# The schema checks, registered with every other check in renja.model.checks.
SCHEMA_CHECKS: tuple[Check, ...] = (
    SKEMA_KOLOM, SKEMA_TIPE, SKEMA_KATEGORI, SKEMA_NEGATIF, SKEMA_KODE, SKEMA_LEVEL,
    SKEMA_KODE_GANDA, SKEMA_RENTANG,
)  # fmt: skip

# Canonical Permendagri 90 code: urusan, bidang, program, kegiatan (class and number), sub
# kegiatan; `X`/`XX` stand for any urusan/bidang in the nomenclature's generic form.
KODE_PATTERN = r"^(?:\d|X)(?:\.(?:\d\d|XX)(?:\.\d\d(?:\.\d\.\d\d(?:\.\d{4})?)?)?)?$"
JENIS_BARIS = ("data", "total", "ringkasan", "indikator")
LEVELS = (
    *KODE_LEVELS, "skpd", "unit", *REKENING_LEVELS.values(), *LINE_LEVELS,
    *GENERIC_LEVELS,
)  # fmt: skip
KODE_SUMBER = ("cetak", "cetak+verifikasi", "cocok")
SKOR_RANGE = (0.0, 100.0)
# A capaian is realisasi / target x 100: it passes 100 whenever realisation beats the target
# (the sample prints 205.5 %), so 100 is no bound. Ten times the target is: beyond it the
# number is almost surely misread (a lost decimal separator turns 205,5 into 2055).
PERCENT_RANGE = (0.0, 1000.0)
UNMAPPED_COLUMN = r"kolom_\d+"  # a raw position that fits no column of the form
YEAR = r"(?:19|20)\d\d"
# How to read our CSV files back for ``export_schemas``: every cell as text, only an empty cell
# as missing (``NA`` and ``-`` are text), so the schema parses numbers and keeps codes exact.
CSV_READ_OPTIONS: dict[str, Any] = {"dtype": str, "keep_default_na": False, "na_values": [""]}

INT, FLOAT, RUPIAH, TEXT, KODE, CHOICE = "int", "float", "rupiah", "text", "kode", "choice"
NUMBER = "number"
REKENING = "rekening"
LINES = "lines"  # a list of source lines (``baris_gabungan``)
# ``expected`` of pandera's own failures: a missing / unknown column, an empty / repeated cell.
_COLUMN_PRESENT, _COLUMN_ABSENT, _FILLED, _UNIQUE = "ada", "tidak ada", "terisi", "unik"
_INTEGER_TYPES = (int, np.integer)
_NUMBER_TYPES = (int, float, np.integer, np.floating)


@dataclass(frozen=True, slots=True)
class ColumnRule:
    """What one clean column holds: its family of types and the bounds of its values."""

    name: str  # a column name, or a regular expression when ``regex``
    family: str  # INT, FLOAT, RUPIAH, TEXT, KODE or CHOICE
    required: bool = False
    nullable: bool = True
    unique: bool = False
    regex: bool = False
    signed: bool = True  # RUPIAH: may be negative
    bounds: tuple[float, float] | None = None
    choices: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self.family]


_DESCRIPTIONS = {
    INT: "bilangan bulat (Int64)",
    FLOAT: "bilangan (Float64)",
    RUPIAH: "Rupiah: bilangan bulat (Int64), atau Decimal tepat bila ada sen",
    NUMBER: "bilangan tepat: bulat (Int64), atau Decimal bila ada pecahan",
    TEXT: "teks",
    KODE: "kode Permendagri 90 baku, sebagai teks",
    REKENING: "kode rekening (akun 5 s.d. sub rincian objek 5.1.02.01.01.0052), sebagai teks",
    CHOICE: "salah satu nilai tetap",
    LINES: "daftar bilangan bulat (baris sumber)",
}


# --- the rules: a form's specs as clean columns -------------------------------------------------


def _row_rules() -> list[ColumnRule]:
    """The columns every clean table starts with, and the codes the coding stage adds."""
    return [
        ColumnRule("baris", INT, required=True, nullable=False, unique=True),
        ColumnRule("sumber_baris", INT, required=True),
        ColumnRule("halaman", INT, required=True),
        ColumnRule("jenis_baris", CHOICE, required=True, nullable=False, choices=JENIS_BARIS),
        ColumnRule("level", CHOICE, required=True, choices=LEVELS),
        ColumnRule("induk", INT),
        ColumnRule(CODE_COLUMNS[0], KODE),
        ColumnRule(CODE_COLUMNS[1], CHOICE, choices=KODE_SUMBER),
        ColumnRule(CODE_COLUMNS[2], FLOAT, bounds=SKOR_RANGE),
        ColumnRule(CODE_COLUMNS[3], TEXT),
    ]


def is_sparse(name: str) -> bool:
    """Columns that exist only when some row has a value in them.

    >>> [is_sparse(c) for c in ("target_teks", "kode_nomenklatur", "sisa", "target_satuan")]
    [True, True, True, False]
    """
    return name.endswith(SPARSE_SUFFIXES) or name in SPARSE_COLUMNS


def year_pattern(name: str) -> str:
    """The regular expression of the columns a repeated spec stands for.

    >>> year_pattern("target_{tahun}")
    'target_(?:19|20)\\\\d\\\\d'
    """
    return re.escape(name.format(tahun="TAHUN")).replace("TAHUN", YEAR)


def _spec_rules(spec: Column, required: bool, regex: bool) -> list[ColumnRule]:
    """The rules of the clean columns one contract column fills (``Column.outputs``)."""
    rules = []
    for name in spec.outputs():
        optional = is_sparse(name) or not required
        if spec.ctype is CellType.RUPIAH:
            family = RUPIAH
        elif (
            (spec.ctype is CellType.NUMBER and name == spec.name)
            or (spec.ctype is CellType.MIXED and name == "nilai")
            or (spec.stray_amounts and name == f"{spec.name}_nilai")
        ):
            family = NUMBER
        elif spec.ctype is CellType.PERCENT or (
            spec.ctype is CellType.TARGET and name == spec.name
        ):
            family = FLOAT
        elif name.startswith("level"):
            family = CHOICE
        elif spec.ctype is CellType.REKENING:
            family = REKENING
        elif name.startswith("kode") and not name.endswith("_cetak"):
            family = KODE
        else:
            family = TEXT
        rules.append(
            ColumnRule(
                name,
                family,
                required=not optional,
                regex=regex,
                signed=spec.signed or spec.ctype is not CellType.RUPIAH,
                bounds=PERCENT_RANGE
                if spec.ctype is CellType.PERCENT and name == spec.name
                else None,
                choices=LEVELS if family is CHOICE else (),
            )
        )
    return rules


def column_rules(contract: TableContract, columns: Sequence[str] | None = None) -> list[ColumnRule]:
    """One rule per clean column of a contract.

    With ``columns`` (a table's own), a column's companions (``target_satuan`` beside
    ``target``) are required when the column is there. Without, the rules cover the contract's
    full column set and only the row columns are required, since a document may print a
    variant of a form without some columns. A form's repeated column (``target_{tahun}``) is a
    pattern then.

    >>> from renja.normalize.kinds import KIND_BY_SLUG
    >>> rules = column_rules(form_contract(KIND_BY_SLUG["tujuan_sasaran"]))
    >>> [(r.family, r.regex) for r in rules if r.name.startswith("target")]
    [('float', True), ('text', True), ('text', True)]
    """
    present = set(columns) if columns is not None else set()
    by_name = {r.name: r for r in _row_rules()}
    for spec in contract.columns:
        regex = "{tahun}" in spec.name
        if regex:
            spec = replace(spec, name=year_pattern(spec.name))
        required = columns is not None and spec.printed in present
        for rule in _spec_rules(spec, required, regex):
            known = by_name.get(rule.name)
            by_name[rule.name] = (
                rule if known is None else replace(known, required=known.required or rule.required)
            )
    for name in SPARSE_COLUMNS:
        by_name[name] = ColumnRule(name, LINES if name in LIST_COLUMNS else TEXT)
    unmapped = [c for c in columns if re.fullmatch(UNMAPPED_COLUMN, c)] if columns else []
    for name in unmapped or ([UNMAPPED_COLUMN] if columns is None else []):
        by_name[name] = ColumnRule(name, TEXT, regex=columns is None)
    return list(by_name.values())


# --- checks: each returns True, False (the whole column) or one boolean per row ------------------
#
# Types are decided per column from the dtype (and pandas' C type inference for object columns);
# cells are looked at one by one only in a column that mixes types. Numbers are compared as
# numpy arrays. Codes are matched with a compiled pattern over the column's values: pandas runs
# a regular expression cell by cell too, with more overhead than the match itself at Renja sizes.

_KODE_RE = re.compile(KODE_PATTERN)


def _values(series: pd.Series) -> np.ndarray:
    """The cells as a numpy object array, every missing cell None."""
    return series.to_numpy(dtype=object, na_value=None)


def _passed(results: Sequence[bool] | np.ndarray, index: pd.Index) -> pd.Series | bool:
    """A check's answer: True when every row passes (cheaper for pandera), else one per row."""
    return True if all(results) else pd.Series(results, index=index, dtype=bool)


def _per_cell(series: pd.Series, test: Callable[[Any], bool]) -> pd.Series | bool:
    """``test`` of each present cell; missing cells pass."""
    return _passed([v is None or test(v) for v in _values(series)], series.index)


def _text_mask(series: pd.Series) -> pd.Series | bool:
    """Which cells are text (or empty).

    >>> _text_mask(pd.Series(["a", None, 3], dtype=object)).tolist()
    [True, True, False]
    """
    if isinstance(series.dtype, pd.StringDtype):
        return True
    if series.dtype != object:
        return bool(series.isna().all())
    if infer_dtype(series, skipna=True) in ("string", "empty"):
        return True
    return _per_cell(series, lambda v: isinstance(v, str))


def _lines_mask(series: pd.Series) -> pd.Series | bool:
    """Which cells are lists of integers (or empty).

    >>> _lines_mask(pd.Series([[902, 903], None, "902;903"], dtype=object)).tolist()
    [True, True, False]
    """
    return _per_cell(
        series,
        lambda v: isinstance(v, list) and all(type(i) is int for i in v),
    )


def _integer_mask(series: pd.Series) -> pd.Series | bool:
    """Which cells are integers (row numbers)."""
    if is_integer_dtype(series.dtype) and not is_bool_dtype(series.dtype):
        return True
    if series.dtype != object:
        return bool(series.isna().all())
    if infer_dtype(series, skipna=True) in ("integer", "empty"):
        return True
    return _per_cell(series, lambda v: isinstance(v, _INTEGER_TYPES) and not isinstance(v, bool))


def _unique_integers(series: pd.Series) -> pd.Series | bool:
    """No integer twice (the first one passes); cells of another type are a type failure."""
    mask = _integer_mask(series)
    if mask is False:
        return True
    kept = series if mask is True else series.astype(object).where(mask, None)
    repeated = kept.duplicated(keep="first").to_numpy() & kept.notna().to_numpy()
    return _passed(~repeated, series.index)


def _number_mask(series: pd.Series) -> pd.Series | bool:
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


def _amount_mask(series: pd.Series) -> pd.Series | bool:
    """Which cells are Rupiah amounts: integers, or exact decimals (never floats).

    >>> _amount_mask(pd.Series([1, Decimal("2.50"), 2.5, "3", None], dtype=object)).tolist()
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


def _numbers(series: pd.Series, mask: pd.Series | bool) -> np.ndarray:
    """The cells that passed their type check as floats (for signs and ranges), others NaN."""
    if mask is False:
        return np.full(len(series), np.nan)
    if mask is True and (is_integer_dtype(series.dtype) or is_float_dtype(series.dtype)):
        return series.to_numpy(dtype=float, na_value=np.nan)
    kept = series.astype(object).where(mask, None) if mask is not True else series.astype(object)
    return pd.to_numeric(kept, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _in_choices(choices: tuple[str, ...]) -> Callable[[pd.Series], pd.Series]:
    """Cells in a fixed set; a cell of another type is outside it too (one failure, not two)."""
    allowed = frozenset(choices)
    return lambda series: _per_cell(series, lambda v: isinstance(v, str) and v in allowed)


def _at_least_zero(mask: Callable[[pd.Series], pd.Series | bool]) -> Callable:
    def check(series: pd.Series) -> pd.Series:
        return _passed(~(_numbers(series, mask(series)) < 0), series.index)

    return check


def _within(low: float, high: float, mask: Callable) -> Callable[[pd.Series], pd.Series]:
    def check(series: pd.Series) -> pd.Series:
        numbers = _numbers(series, mask(series))
        return _passed(~((numbers < low) | (numbers > high)), series.index)

    return check


def _canonical_kode(series: pd.Series) -> pd.Series:
    return _per_cell(series, lambda v: not isinstance(v, str) or bool(_KODE_RE.fullmatch(v)))


def _rekening(series: pd.Series) -> pd.Series:
    return _per_cell(series, lambda v: not isinstance(v, str) or (parse_rekening(v).rules == ()
                     and parse_rekening(v).value is not None))  # fmt: skip


def level_of_kode(kode: Any) -> str | None:
    """The level a canonical code stands for, by its number of segments; None for other cells.

    >>> [level_of_kode(k) for k in ["5", "5.03.01", "5.03.01.2.07.0005", "01.00", None]]
    ['urusan', 'program', 'sub_kegiatan', None, None]
    """
    if not isinstance(kode, str) or not _KODE_RE.fullmatch(kode):
        return None
    code = Kode.from_cell(kode)
    return code.level if code else None


def _level_fits_kode(kode_column: str, level_column: str) -> Callable[[pd.DataFrame], Any]:
    def check(frame: pd.DataFrame) -> pd.Series | bool:
        if kode_column not in frame or level_column not in frame:
            return True
        expected = [level_of_kode(k) for k in _values(frame[kode_column])]
        levels = _values(frame[level_column])
        fits = [e is None or e == level for e, level in zip(expected, levels, strict=True)]
        return _passed(fits, frame.index)

    return check


def first_rows_of_kode(frame: pd.DataFrame) -> list[int | None]:
    """For each data row with a code, the position of the first data row with that code.

    A row whose code an earlier row already has is a repeat; rows of other kinds
    (``total``, ``indikator``) and rows without a code are None.

    >>> frame = pd.DataFrame({"jenis_baris": ["data", "data", "total", "data"],
    ...                       "kode": ["5.03", "5.03.01", "5.03", "5.03"]})
    >>> first_rows_of_kode(frame)
    [0, 1, None, 0]
    """
    if "kode" not in frame or "jenis_baris" not in frame:
        return [None] * len(frame)
    first: dict[str, int] = {}
    out: list[int | None] = []
    rows = zip(_values(frame["jenis_baris"]), _values(frame["kode"]), strict=True)
    for position, (jenis, kode) in enumerate(rows):
        counted = jenis == "data" and isinstance(kode, str)
        out.append(first.setdefault(kode, position) if counted else None)
    return out


def _kode_not_repeated(frame: pd.DataFrame) -> pd.Series | bool:
    firsts = first_rows_of_kode(frame)
    return _passed([f is None or f == i for i, f in enumerate(firsts)], frame.index)


# --- parsers of the coercing mode: values read back from CSV ------------------------------------


def _parse_text(series: pd.Series) -> pd.Series:
    """Numbers pandas guessed in a text column back as their CSV text (``1.0`` as ``1``)."""
    if not (is_integer_dtype(series.dtype) or is_float_dtype(series.dtype)):
        return series
    return series.astype(object).map(
        lambda v: str(int(v)) if float(v).is_integer() else repr(float(v)), na_action="ignore"
    )


_AMOUNT_TEXT = re.compile(r"-?\d+(?:\.\d+)?")


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


def _parse_lines(series: pd.Series) -> pd.Series:
    """A list column read back from CSV (each JSON array, ``[902,903]``) or Parquet: lists of
    integers; a cell that is none is kept for the type check to report."""

    def parse(value: Any) -> Any:
        if isinstance(value, np.ndarray | tuple):  # a Parquet list, read back by pandas
            return [i.item() if isinstance(i, np.generic) else i for i in value]
        try:
            return load_lines(value) if isinstance(value, str) else value
        except ValueError:
            return value

    return pd.Series([parse(v) for v in _values(series)], index=series.index, dtype=object)


def _parse_amounts(series: pd.Series) -> pd.Series:
    """A Rupiah column read back from CSV: Int64, or objects (int and Decimal) with cents."""
    if is_integer_dtype(series.dtype) and not is_bool_dtype(series.dtype):
        return series.astype("Int64")
    values = [None if v is None else parse_amount(v) for v in _values(series)]
    if all(v is None or isinstance(v, int) for v in values):
        return pd.Series(pd.array(values, dtype="Int64"), index=series.index)
    return pd.Series(values, index=series.index, dtype=object)


# --- rules to pandera --------------------------------------------------------------------------


def _check(fn: Callable[[Any], Any], name: str, expected: str) -> pa.Check:
    """A pandera check named by its check's slug (``slug:column`` across columns), ``expected``
    as error.

    The functions handle missing cells themselves, which spares pandera a ``dropna`` per check.
    """
    return pa.Check(fn, name=str(name), error=expected, ignore_na=False)


_MASKS = {INT: _integer_mask, FLOAT: _number_mask, RUPIAH: _amount_mask, NUMBER: _amount_mask}
_MASKS.update({TEXT: _text_mask, KODE: _text_mask, REKENING: _text_mask, LINES: _lines_mask})
_EXPECTED = {INT: "bilangan bulat", FLOAT: "bilangan", RUPIAH: "bilangan bulat atau Decimal"}
_EXPECTED[NUMBER] = _EXPECTED[RUPIAH]
_EXPECTED.update({TEXT: "teks", KODE: "teks", REKENING: "teks", LINES: "daftar bilangan bulat"})
_COERCED = {INT: "Int64", FLOAT: "Float64", TEXT: str, KODE: str, REKENING: str, CHOICE: str}


def _checks(rule: ColumnRule) -> list[pa.Check]:
    checks = []
    mask = _MASKS.get(rule.family)
    if mask is not None:
        checks.append(_check(mask, SKEMA_TIPE, _EXPECTED[rule.family]))
    if rule.unique:
        checks.append(_check(_unique_integers, SKEMA_TIPE, _UNIQUE))
    if rule.family is RUPIAH and not rule.signed:
        checks.append(_check(_at_least_zero(_amount_mask), SKEMA_NEGATIF, ">= 0"))
    if rule.bounds is not None:
        low, high = rule.bounds
        checks.append(
            _check(_within(low, high, _number_mask), SKEMA_RENTANG, f"{low:g} .. {high:g}")
        )
    if rule.family is KODE:
        checks.append(_check(_canonical_kode, SKEMA_KODE, "kode Permendagri 90"))
    if rule.family is REKENING:
        checks.append(_check(_rekening, SKEMA_KODE, "kode rekening"))
    if rule.choices:
        checks.append(_check(_in_choices(rule.choices), SKEMA_KATEGORI, ", ".join(rule.choices)))
    return checks


def _column(rule: ColumnRule, coerce: bool) -> pa.Column:
    dtype = _COERCED.get(rule.family) if coerce else None
    parsers = []
    if coerce and rule.family in (RUPIAH, NUMBER):
        parsers.append(pa.Parser(_parse_amounts))
    elif coerce and rule.family in (TEXT, KODE, REKENING, CHOICE):
        parsers.append(pa.Parser(_parse_text))
    elif coerce and rule.family is LINES:
        parsers.append(pa.Parser(_parse_lines))
    return pa.Column(
        dtype,
        checks=_checks(rule),
        parsers=parsers or None,
        nullable=rule.nullable,
        required=rule.required,
        regex=rule.regex,
        coerce=coerce and dtype is not None,
        name=f"^{rule.name}$" if rule.regex else rule.name,
        description=rule.description,
    )


def _kode_levels(contract: TableContract) -> list[tuple[str, str]]:
    """The (code, level) column pairs of a table: ``kode``/``level``, and one per coded name."""
    pairs = [("kode", "level")]
    for spec in contract.columns:
        if spec.ctype is CellType.KODE_URAIAN and spec.name != "uraian":
            kode, _, level, _ = kode_columns(kode_prefix(spec.name))
            pairs.append((kode, level))
    return pairs


def _frame_checks(contract: TableContract) -> list[pa.Check]:
    """The checks across columns: levels fit codes, and codes are unique where the form says.

    A check's name is ``slug:column``, the column its findings are about.
    """
    checks = [
        _check(_level_fits_kode(kode, level), f"{SKEMA_LEVEL}:{level}", "level sesuai kode")
        for kode, level in _kode_levels(contract)
    ]
    if contract.unique_kode:
        checks.append(_check(_kode_not_repeated, f"{SKEMA_KODE_GANDA}:kode", "kode unik"))
    return checks


def schema_for(
    contract: TableContract, columns: Sequence[str] | None = None, *, coerce: bool = False
) -> pa.DataFrameSchema:
    """The schema of one clean table under ``contract``, holding ``columns``.

    Without ``columns`` it is the contract's full column set (a form's repeated columns as
    patterns). Strict by default: unknown columns fail, and nothing is coerced; ``coerce=True``
    parses values read back from CSV first (see the module docstring).
    """
    rules = column_rules(contract, columns)
    return pa.DataFrameSchema(
        {(f"^{r.name}$" if r.regex else r.name): _column(r, coerce) for r in rules},
        checks=_frame_checks(contract),
        strict=columns is not None,
        name=contract.form,
        title=contract.title,
    )


@lru_cache(maxsize=256)
def _cached_schema(
    contract: TableContract, columns: tuple[str, ...], coerce: bool = False
) -> pa.DataFrameSchema:
    return schema_for(contract, columns, coerce=coerce)


def export_schemas() -> dict[str, pa.DataFrameSchema]:
    """One coercing schema per form, for its full column set: validate your own copies.

    Read a table back with ``pd.read_csv(path, **CSV_READ_OPTIONS)`` and pass it to
    ``schema.validate``; the result holds renja's types (Int64, Float64, Decimal cents, text).
    A table of no known form has its own contract in the manifest: ``schema_for`` it.
    """
    return {kind.slug: schema_for(form_contract(kind), None, coerce=True) for kind in KINDS}


# --- failures to findings -------------------------------------------------------------------------

# pandera's own cell checks (no ``check_number``), by the name it reports: (slug, expected).
_PANDERA_CHECKS = {"not_nullable": (SKEMA_TIPE, _FILLED)}


def validate_table(table: CleanTable) -> list[Finding]:
    """Run a clean table's schema lazily; every failure case becomes a finding. Never raises."""
    return validate_frame(table.frame, table.contract, table.table_id)


def validate_frame(
    frame: pd.DataFrame, contract: TableContract, table_id: str = "", *, coerce: bool = False
) -> list[Finding]:
    """Findings of one clean table under ``contract``, held in ``frame``.

    ``coerce=True`` validates a table read back from CSV (see ``CSV_READ_OPTIONS``).
    """
    repeated = [str(c) for c in frame.columns[frame.columns.duplicated()]]
    if repeated:  # pandera validates one of the copies only: report the others, then drop them
        frame = frame.loc[:, ~frame.columns.duplicated()]
    if not frame.index.is_unique:
        frame = frame.reset_index(drop=True)  # findings locate rows by index label
    findings = [_repeated_column(name, table_id) for name in dict.fromkeys(repeated)]
    schema = _cached_schema(contract, tuple(str(c) for c in frame.columns), coerce)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        findings += failures_to_findings(exc.failure_cases, schema, table_id, frame)
    return findings


def _repeated_column(name: str, table_id: str) -> Finding:
    return Finding(
        SKEMA_KOLOM,
        SKEMA_KOLOM.severity,
        f"Kolom '{name}' muncul lebih dari sekali di tabel {table_id}.",
        table=table_id,
        column=name,
        expected="sekali",
        found="lebih dari sekali",
    )


def failures_to_findings(
    cases: pd.DataFrame, schema: pa.DataFrameSchema, table_id: str, frame: pd.DataFrame
) -> list[Finding]:
    """pandera's ``failure_cases`` as findings: one per failed check, cell and column."""
    # pandera repeats a failing row of a frame-wide check once per column: keep one.
    melted = (cases["schema_context"] == "DataFrameSchema") & cases["check_number"].notna()
    melted &= cases.duplicated(["schema_context", "check_number", "index"])
    table = _Table(frame, table_id, str(schema.name))
    findings: dict[tuple[Any, ...], Finding] = {}
    for case in cases[~melted].itertuples(index=False):
        slug, column, expected = _identify(case, schema)
        label = None if _missing(case.index) else case.index
        key = (slug, label, column)
        if key not in findings:
            findings[key] = table.finding(slug, column, expected, case.failure_case, label)
    return sorted(findings.values(), key=Finding.sort_key)


def _identify(case: Any, schema: pa.DataFrameSchema) -> tuple[Check, str | None, str | None]:
    """(check, column, expected) of one failure case."""
    name = str(case.check)
    column = None if _missing(case.column) else str(case.column)
    if not _missing(case.check_number):
        if case.schema_context == "DataFrameSchema":
            check = schema.checks[int(case.check_number)]
        else:
            check = _column_schema(schema, column).checks[int(case.check_number)]
        slug, _, target = str(check.name).partition(":")
        return check_named(slug), target or column, check.error
    if name == "column_in_dataframe":
        return SKEMA_KOLOM, str(case.failure_case), _COLUMN_PRESENT
    if name == "column_in_schema":
        return SKEMA_KOLOM, str(case.failure_case), _COLUMN_ABSENT
    if name.startswith(("dtype(", "coerce_dtype(")):
        return SKEMA_TIPE, column, name[name.index("(") + 1 : -1].strip("'")
    slug, expected = _PANDERA_CHECKS.get(name, (SKEMA_TIPE, None))
    return slug, column, expected


def _column_schema(schema: pa.DataFrameSchema, column: str | None) -> pa.Column:
    if column in schema.columns:
        return schema.columns[column]
    return next(c for k, c in schema.columns.items() if re.fullmatch(k, str(column)))


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def as_text(value: Any) -> str | None:
    """A cell as short text for ``found``: integers plain, decimals exact, missing as None.

    >>> [as_text(v) for v in [28143400, 7.0, 68.81, Decimal("1.50"), pd.NA, "5.03"]]
    ['28143400', '7', '68.81', '1.50', None, '5.03']
    """
    if _missing(value):
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


@dataclass
class _Table:
    """The failing table, to read the rows a finding is about."""

    frame: pd.DataFrame
    table_id: str
    form: str
    _first_rows: list[int | None] | None = None
    _columns: dict[str, np.ndarray] = field(default_factory=dict)  # cells, read once per column

    def cell(self, position: int | None, column: str) -> Any:
        if position is None or column not in self.frame.columns:
            return None
        if column not in self._columns:
            self._columns[column] = _values(self.frame[column])
        value = self._columns[column][position]
        if _missing(value):
            return None
        return int(value) if isinstance(value, np.integer) else value

    def number(self, position: int | None, column: str) -> int | None:
        """``baris``, ``sumber_baris`` or ``halaman`` of a row, also when read back as text."""
        value = self.cell(position, column)
        try:
            return None if value is None else int(float(value))
        except (TypeError, ValueError):
            return None

    def first_row(self, position: int) -> int | None:
        """``baris`` of the first data row with this row's code (computed once per table)."""
        if self._first_rows is None:
            self._first_rows = first_rows_of_kode(self.frame)
        return self.number(self._first_rows[position], "baris")

    def finding(
        self, slug: Check, column: str | None, expected: str | None, failure: Any, label: Any
    ) -> Finding:
        position = None if label is None else int(self.frame.index.get_loc(label))
        found = as_text(failure)
        if position is not None and column in self.frame.columns:
            found = as_text(self.cell(position, column))  # the row's value, not a melted copy
        row_kode = self.cell(position, "kode")
        kode = row_kode  # the code the finding is about
        related: tuple[CellRef, ...] = ()
        if slug is SKEMA_KOLOM:
            found = _COLUMN_ABSENT if expected == _COLUMN_PRESENT else _COLUMN_PRESENT
        elif slug is SKEMA_TIPE and label is None and column in self.frame.columns:
            found = str(self.frame[column].dtype)  # the whole column is of the wrong type
        elif slug is SKEMA_LEVEL and position is not None:
            kode = self.cell(position, "kode" + str(column).removeprefix("level"))  # kode_columns
            expected, found = level_of_kode(kode), found or "kosong"
        elif slug is SKEMA_KODE_GANDA and position is not None:
            first = self.first_row(position)
            related = (CellRef(self.table_id, first),) if first is not None else ()
            expected = f"hanya di baris {first}"
        uraian = self.cell(position, "uraian")
        place = {"column": column, "found": found, "expected": expected, "kode": kode}
        return Finding(
            slug,
            slug.severity,
            _message(slug, whole_column=label is None, form=self.form, **place),
            table=self.table_id,
            row=self.number(position, "baris"),
            source=Source(self.number(position, "sumber_baris"), self.number(position, "halaman")),
            kode=row_kode if isinstance(row_kode, str) else None,
            uraian=uraian if isinstance(uraian, str) else None,
            column=column,
            expected=expected,
            found=found,
            related=related,
        )


def _message(slug: Check, whole_column: bool, **place: Any) -> str:
    """The finding's message, in Indonesian.

    >>> _message(SKEMA_NEGATIF, False, column="pagu", found="-5", expected=">= 0", form="x",
    ...          kode=None)
    'Jumlah -5 di kolom pagu negatif, padahal kolom ini tidak boleh negatif.'
    """
    column, found, expected = place["column"], place["found"], place["expected"]
    match slug:
        case Check.SKEMA_KOLOM if expected == _COLUMN_ABSENT:
            return f"Kolom '{column}' tidak dikenal dalam bentuk {place['form']}."
        case Check.SKEMA_KOLOM:
            return f"Kolom '{column}', yang diwajibkan bentuk {place['form']}, tidak ada."
        case Check.SKEMA_TIPE if expected == _FILLED:
            return f"Sel di kolom {column} kosong, padahal wajib diisi."
        case Check.SKEMA_TIPE if expected == _UNIQUE:
            return f"Nilai {found} di kolom {column} muncul lebih dari sekali; harus unik."
        case Check.SKEMA_TIPE if whole_column:
            return f"Kolom {column} bertipe {found}, seharusnya {expected}."
        case Check.SKEMA_TIPE:
            return f"Nilai '{found}' di kolom {column} bukan {expected}."
        case Check.SKEMA_KATEGORI:
            return f"Nilai '{found}' di kolom {column} bukan salah satu dari: {expected}."
        case Check.SKEMA_NEGATIF:
            return (
                f"Jumlah {found} di kolom {column} negatif, padahal kolom ini tidak boleh negatif."
            )
        case Check.SKEMA_KODE:
            return f"Kode '{found}' di kolom {column} bukan kode Permendagri 90 yang baku."
        case Check.SKEMA_LEVEL:
            return (
                f"Level '{found}' di kolom {column} tidak sesuai dengan kode {place['kode']}: "
                f"menurut jumlah segmennya, kode itu {expected}."
            )
        case Check.SKEMA_KODE_GANDA:
            return (
                f"Kode {found} sudah dipakai baris lain di tabel ini ({expected}); "
                "bentuk ini memuat setiap kode satu kali."
            )
        case _:
            return f"Nilai {found} di kolom {column} di luar rentang {expected}."
