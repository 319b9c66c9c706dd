"""Pandera schemas of the clean tables, built from the forms in ``normalize/kinds.py``.

What a clean table promises is declared once, as data: ``column_rules`` reads a form's column
specs into one ``ColumnRule`` per clean column (type, required, bounds, allowed values), and
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
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandas.api.types import infer_dtype, is_bool_dtype, is_float_dtype, is_integer_dtype

from renja.normalize.clean import SPARSE_COLUMNS, SPARSE_SUFFIXES, CleanTable
from renja.normalize.coding import CODE_COLUMNS
from renja.normalize.kinds import KINDS, CellType, ColumnSpec, TableKind
from renja.normalize.kode import P90_LEVELS
from renja.normalize.values import kode_columns, output_columns
from renja.records import Finding, Severity, Source

SCHEMA_CHECKS: dict[str, tuple[Severity, str]] = {
    "skema_kolom": (
        Severity.ERROR,
        "a column the form requires is missing from a clean table, or a column no form knows "
        "is in it",
    ),
    "skema_tipe": (
        Severity.ERROR,
        "a value of the wrong type for its column (text in an amount column, an amount held as "
        "float), an empty required cell or a repeated row number: a pipeline bug or a broken "
        "table",
    ),
    "skema_kategori": (
        Severity.ERROR,
        "a value outside its column's fixed set (`jenis_baris`, `level`, `kode_sumber`)",
    ),
    "skema_negatif": (Severity.WARNING, "a negative amount in a column that cannot be negative"),
    "skema_kode": (Severity.WARNING, "a code not in canonical Permendagri 90 form"),
    "skema_level": (
        Severity.WARNING,
        "a row's level that does not fit its code's number of segments",
    ),
    "skema_kode_ganda": (
        Severity.WARNING,
        "a code on more than one data row of a form that lists each code once (`related` names "
        "the row that has it first)",
    ),
    "skema_rentang": (Severity.WARNING, "a percentage or score outside its possible range"),
}

# Canonical Permendagri 90 code: urusan, bidang, program, kegiatan (class and number), sub
# kegiatan; `X`/`XX` stand for any urusan/bidang in the nomenclature's generic form.
KODE_PATTERN = r"^(?:\d|X)(?:\.(?:\d\d|XX)(?:\.\d\d(?:\.\d\.\d\d(?:\.\d{4})?)?)?)?$"
JENIS_BARIS = ("data", "total", "ringkasan", "indikator")
LEVELS = (*P90_LEVELS.values(), "skpd")
KODE_SUMBER = ("cetak", "cetak+verifikasi", "cocok")
SKOR_RANGE = (0.0, 100.0)
# A capaian is realisasi / target x 100: it passes 100 whenever realisation beats the target
# (the sample prints 205.5 %), so 100 is no bound. Ten times the target is: beyond it the
# number is almost surely misread (a lost decimal separator turns 205,5 into 2055).
PERCENT_RANGE = (0.0, 1000.0)
# Forms that list each code on one row; elsewhere a code may repeat (E.81 repeats the program
# above each group, the RKPD review prints a kegiatan once per sub kegiatan block).
UNIQUE_KODE: dict[str, bool] = {
    "rencana_perubahan": True,
    "rencana_program": True,
    "rekap_evaluasi": True,
    "pergeseran_pagu": True,
}
UNMAPPED_COLUMN = r"kolom_\d+"  # a raw position that fits no column of the form
YEAR = r"(?:19|20)\d\d"
# How to read our CSV files back for ``export_schemas``: every cell as text, only an empty cell
# as missing (``NA`` and ``-`` are text), so the schema parses numbers and keeps codes exact.
CSV_READ_OPTIONS: dict[str, Any] = {"dtype": str, "keep_default_na": False, "na_values": [""]}

INT, FLOAT, RUPIAH, TEXT, KODE, CHOICE = "int", "float", "rupiah", "text", "kode", "choice"
_ROW_NUMBERS = ("baris", "sumber_baris", "halaman")
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
    TEXT: "teks",
    KODE: "kode Permendagri 90 baku, sebagai teks",
    CHOICE: "salah satu nilai tetap",
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


def _printed_column(spec: ColumnSpec) -> str:
    """The clean column a slot's raw cell is read into; its companions exist when it does."""
    return kode_columns("kode")[1] if spec.ctype is CellType.KODE else spec.name


def year_pattern(name: str) -> str:
    """The regular expression of the columns a repeated spec stands for.

    >>> year_pattern("target_{tahun}")
    'target_(?:19|20)\\\\d\\\\d'
    """
    return re.escape(name.format(tahun="TAHUN")).replace("TAHUN", YEAR)


def _expand(kind: TableKind, columns: Sequence[str] | None) -> list[tuple[ColumnSpec, bool]]:
    """The form's specs, a repeated one once per matching column (or as one pattern)."""
    specs: list[tuple[ColumnSpec, bool]] = []
    for spec in kind.columns:
        if not spec.repeat:
            specs.append((spec, False))
            continue
        pattern = year_pattern(spec.name)
        if columns is None:
            specs.append((replace(spec, name=pattern), True))
            continue
        specs.extend(
            (replace(spec, name=c, repeat=False), False)
            for c in columns
            if re.fullmatch(pattern, c)
        )
    return specs


def _spec_rules(spec: ColumnSpec, required: bool, regex: bool) -> list[ColumnRule]:
    """The rules of the clean columns one spec produces (``output_columns``)."""
    rules = []
    for name in output_columns(spec, spec.name):
        optional = is_sparse(name) or not required
        if spec.ctype is CellType.RUPIAH:
            family = RUPIAH
        elif spec.ctype is CellType.PERCENT or (
            spec.ctype is CellType.TARGET and name == spec.name
        ):
            family = FLOAT
        elif name.startswith("level"):
            family = CHOICE
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
                bounds=PERCENT_RANGE if spec.ctype is CellType.PERCENT else None,
                choices=LEVELS if family is CHOICE else (),
            )
        )
    return rules


def column_rules(kind: TableKind, columns: Sequence[str] | None = None) -> list[ColumnRule]:
    """One rule per clean column of a form.

    With ``columns`` (a table's own), repeated specs expand to the years present and a slot's
    companion columns (``target_satuan`` beside ``target``) are required when the slot is
    there. Without, the rules cover the form's full column set and only the row columns are
    required, since a document may print a variant of the form without some columns.

    >>> from renja.normalize.kinds import KIND_BY_SLUG
    >>> rules = column_rules(KIND_BY_SLUG["tujuan_sasaran"], ["target_2025", "target_2025_satuan"])
    >>> [(r.name, r.family, r.required) for r in rules if r.name.startswith("target")]
    [('target_2025', 'float', True), ('target_2025_satuan', 'text', True),
     ('target_2025_teks', 'text', False)]
    """
    present = set(columns) if columns is not None else set()
    by_name = {r.name: r for r in _row_rules()}
    for spec, regex in _expand(kind, columns):
        required = columns is not None and _printed_column(spec) in present
        for rule in _spec_rules(spec, required, regex):
            known = by_name.get(rule.name)
            by_name[rule.name] = (
                rule if known is None else replace(known, required=known.required or rule.required)
            )
    for name in SPARSE_COLUMNS:
        by_name[name] = ColumnRule(name, TEXT)
    unmapped = [c for c in columns if re.fullmatch(UNMAPPED_COLUMN, c)] if columns else []
    for name in unmapped or ([UNMAPPED_COLUMN] if columns is None else []):
        by_name[name] = ColumnRule(name, TEXT, regex=columns is None)
    return list(by_name.values())


# --- vectorised checks: each returns True, False (the whole column) or one boolean per row -----


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
    return series.map(lambda v: isinstance(v, str)) | series.isna()


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
    return series.map(lambda v: isinstance(v, _NUMBER_TYPES) and not isinstance(v, bool)) | (
        series.isna()
    )


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
    return series.map(
        lambda v: isinstance(v, (*_INTEGER_TYPES, Decimal)) and not isinstance(v, bool)
    ) | (series.isna())


def _strings(series: pd.Series) -> pd.Series:
    """The text cells as a ``string`` Series, every other cell missing."""
    mask = _text_mask(series)
    text = series if mask is True else series.where(mask) if mask is not False else None
    if text is None:
        return pd.Series(pd.NA, index=series.index, dtype="string")
    return text.astype("string")


def _numbers(series: pd.Series, mask: pd.Series | bool) -> pd.Series:
    """The cells that passed their type check as floats (for signs and ranges), others NaN."""
    if mask is False:
        return pd.Series(np.nan, index=series.index)
    kept = series if mask is True else series.where(mask)
    return pd.to_numeric(kept.astype(object), errors="coerce")


def _check(fn: Callable[[Any], Any], name: str, expected: str) -> pa.Check:
    """A pandera check named by its slug (``slug:column`` across columns), ``expected`` as error.

    The functions handle missing cells themselves, which spares pandera a ``dropna`` per check.
    """
    return pa.Check(fn, name=name, error=expected, ignore_na=False)


def _in_choices(choices: tuple[str, ...]) -> Callable[[pd.Series], pd.Series]:
    def check(series: pd.Series) -> pd.Series:
        text = _strings(series)
        return (text.isin(choices) | text.isna()).astype(bool)

    return check


def _at_least_zero(mask: Callable[[pd.Series], pd.Series | bool]) -> Callable:
    def check(series: pd.Series) -> pd.Series:
        return ~(_numbers(series, mask(series)) < 0)

    return check


def _within(low: float, high: float, mask: Callable) -> Callable[[pd.Series], pd.Series]:
    def check(series: pd.Series) -> pd.Series:
        numbers = _numbers(series, mask(series))
        return ~((numbers < low) | (numbers > high))

    return check


def _canonical_kode(series: pd.Series) -> pd.Series:
    return _strings(series).str.fullmatch(KODE_PATTERN).fillna(True).astype(bool)


def expected_level(kode: pd.Series) -> pd.Series:
    """The level each canonical code stands for (missing for other cells).

    >>> expected_level(pd.Series(["5", "5.03.01", "5.03.01.2.07.0005", "01.00", None])).tolist()
    ['urusan', 'program', 'sub_kegiatan', None, None]
    """
    text = _strings(kode)
    canonical = text.str.fullmatch(KODE_PATTERN).fillna(False).astype(bool)
    segments = (text.str.count(r"\.") + 1).where(canonical)
    return segments.map(P90_LEVELS).astype(object).where(canonical, None)


def _level_fits_kode(kode_column: str, level_column: str) -> Callable[[pd.DataFrame], Any]:
    def check(frame: pd.DataFrame) -> pd.Series | bool:
        if kode_column not in frame or level_column not in frame:
            return True
        expected = expected_level(frame[kode_column])
        level = _strings(frame[level_column]).astype(object).where(lambda s: s.notna(), None)
        return pd.Series(
            expected.isna().to_numpy() | (expected.to_numpy() == level.to_numpy()),
            index=frame.index,
        )

    return check


def repeated_kode(frame: pd.DataFrame) -> pd.Series:
    """Data rows whose code an earlier data row of the table already has.

    >>> frame = pd.DataFrame({"jenis_baris": ["data", "data", "total", "data"],
    ...                       "kode": ["5.03", "5.03.01", "5.03", "5.03"]})
    >>> repeated_kode(frame).tolist()
    [False, False, False, True]
    """
    if "kode" not in frame or "jenis_baris" not in frame:
        return pd.Series(False, index=frame.index)
    kode = _strings(frame["kode"])
    counted = (frame["jenis_baris"] == "data").fillna(False).astype(bool) & kode.notna()
    return kode.where(counted).duplicated(keep="first") & counted


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


def _parse_amounts(series: pd.Series) -> pd.Series:
    if is_integer_dtype(series.dtype) and not is_bool_dtype(series.dtype):
        return series.astype("Int64")
    values = series.astype(object).map(parse_amount, na_action="ignore")
    values = values.where(series.notna(), None)
    if all(isinstance(v, int) for v in values.dropna()):
        return pd.Series(pd.array(values.tolist(), dtype="Int64"), index=series.index)
    return values


# --- rules to pandera --------------------------------------------------------------------------

_MASKS = {FLOAT: _number_mask, RUPIAH: _amount_mask, TEXT: _text_mask, KODE: _text_mask}
_MASKS[CHOICE] = _text_mask
_EXPECTED = {FLOAT: "bilangan", RUPIAH: "bilangan bulat atau Decimal", TEXT: "teks"}
_EXPECTED.update({KODE: "teks", CHOICE: "teks"})
_COERCED = {INT: "Int64", FLOAT: "Float64", TEXT: str, KODE: str, CHOICE: str}


def _checks(rule: ColumnRule) -> list[pa.Check]:
    checks = []
    mask = _MASKS.get(rule.family)
    if mask is not None:
        checks.append(_check(mask, "skema_tipe", _EXPECTED[rule.family]))
    if rule.family is RUPIAH and not rule.signed:
        checks.append(_check(_at_least_zero(_amount_mask), "skema_negatif", ">= 0"))
    if rule.bounds is not None:
        low, high = rule.bounds
        checks.append(
            pa.Check(
                _within(low, high, _number_mask),
                name="skema_rentang",
                error=f"{low:g} .. {high:g}",
            )
        )
    if rule.family is KODE:
        checks.append(_check(_canonical_kode, "skema_kode", "kode Permendagri 90"))
    if rule.choices:
        checks.append(_check(_in_choices(rule.choices), "skema_kategori", ", ".join(rule.choices)))
    return checks


def _column(rule: ColumnRule, coerce: bool) -> pa.Column:
    dtype = _COERCED.get(rule.family) if coerce else "Int64" if rule.family is INT else None
    parsers = []
    if coerce and rule.family is RUPIAH:
        parsers.append(pa.Parser(_parse_amounts))
    elif coerce and rule.family in (TEXT, KODE, CHOICE):
        parsers.append(pa.Parser(_parse_text))
    return pa.Column(
        dtype,
        checks=_checks(rule),
        parsers=parsers or None,
        nullable=rule.nullable,
        unique=rule.unique,
        required=rule.required,
        regex=rule.regex,
        coerce=coerce and dtype is not None,
        name=f"^{rule.name}$" if rule.regex else rule.name,
        description=rule.description,
    )


def _kode_levels(kind: TableKind) -> list[tuple[str, str]]:
    """The (code, level) column pairs of a form: ``kode``/``level``, and one per coded name."""
    pairs = [("kode", "level")]
    for spec in kind.columns:
        if spec.ctype is CellType.KODE_URAIAN and spec.name != "uraian":
            kode, _, level, _ = kode_columns(spec.name.replace("uraian", "kode"))
            pairs.append((kode, level))
    return pairs


def _frame_checks(kind: TableKind) -> list[pa.Check]:
    """The checks across columns: levels fit codes, and codes are unique where the form says.

    A check's name is ``slug:column``, the column its findings are about.
    """
    checks = [
        _check(_level_fits_kode(kode, level), f"skema_level:{level}", kode)
        for kode, level in _kode_levels(kind)
    ]
    if UNIQUE_KODE.get(kind.slug, False):
        checks.append(_check(lambda f: ~repeated_kode(f), "skema_kode_ganda:kode", "kode unik"))
    return checks


def schema_for(
    kind: TableKind, columns: Sequence[str] | None = None, *, coerce: bool = False
) -> pa.DataFrameSchema:
    """The schema of one clean table of ``kind`` holding ``columns``.

    Without ``columns`` it is the form's full column set (repeated columns as patterns). Strict
    by default: unknown columns fail, and nothing is coerced; ``coerce=True`` parses values read
    back from CSV first (see the module docstring).
    """
    rules = column_rules(kind, columns)
    return pa.DataFrameSchema(
        {(f"^{r.name}$" if r.regex else r.name): _column(r, coerce) for r in rules},
        checks=_frame_checks(kind),
        strict=columns is not None,
        name=kind.slug,
        title=kind.title,
    )


@lru_cache(maxsize=256)
def _cached_schema(kind: TableKind, columns: tuple[str, ...]) -> pa.DataFrameSchema:
    return schema_for(kind, columns)


def export_schemas() -> dict[str, pa.DataFrameSchema]:
    """One coercing schema per form, for its full column set: validate your own copies.

    Read a table back with ``pd.read_csv(path, **CSV_READ_OPTIONS)`` and pass it to
    ``schema.validate``; the result holds renja's types (Int64, Float64, Decimal cents, text).
    """
    return {kind.slug: schema_for(kind, None, coerce=True) for kind in KINDS}


# --- failures to findings -------------------------------------------------------------------------

# pandera's own checks (no ``check_number``), by the name it reports.
_PANDERA_CHECKS = {
    "column_in_dataframe": "skema_kolom",
    "column_in_schema": "skema_kolom",
    "not_nullable": "skema_tipe",
    "field_uniqueness": "skema_tipe",
}


def validate_table(table: CleanTable) -> list[Finding]:
    """Run the table's schema lazily; every failure case becomes a finding. Never raises."""
    frame = table.frame
    schema = _cached_schema(table.kind, tuple(str(c) for c in frame.columns))
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return failures_to_findings(exc.failure_cases, schema, table.table_id, frame)
    return []


def failures_to_findings(
    cases: pd.DataFrame, schema: pa.DataFrameSchema, table_id: str, frame: pd.DataFrame
) -> list[Finding]:
    """pandera's ``failure_cases`` as findings: one per failed check, cell and column."""
    findings: dict[tuple[Any, ...], Finding] = {}
    for case in cases.itertuples(index=False):
        slug, column, expected = _identify(case, schema)
        label = None if _missing(case.index) else case.index
        key = (slug, label, column)
        if key in findings:
            continue
        findings[key] = _finding(slug, column, expected, case.failure_case, label, table_id, frame)
    return sorted(findings.values(), key=Finding.sort_key)


def _identify(case: Any, schema: pa.DataFrameSchema) -> tuple[str, str | None, str | None]:
    """(check slug, column, expected) of one failure case."""
    name = str(case.check)
    column = None if _missing(case.column) else str(case.column)
    if not _missing(case.check_number):
        if case.schema_context == "DataFrameSchema":
            check = schema.checks[int(case.check_number)]
        else:
            check = _column_schema(schema, column).checks[int(case.check_number)]
        slug, _, target = str(check.name).partition(":")
        return slug, target or column, check.error
    if name in ("column_in_dataframe", "column_in_schema"):
        return "skema_kolom", str(case.failure_case), None
    if name.startswith(("dtype(", "coerce_dtype(")):
        return "skema_tipe", column, name[name.index("(") + 1 : -1].strip("'")
    return _PANDERA_CHECKS.get(name, "skema_tipe"), column, None


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


def _cell(frame: pd.DataFrame, position: int | None, column: str) -> Any:
    if position is None or column not in frame.columns:
        return None
    value = frame[column].iloc[position]
    if _missing(value):
        return None
    return int(value) if isinstance(value, np.integer) else value


def _finding(
    slug: str,
    column: str | None,
    expected: str | None,
    failure: Any,
    label: Any,
    table_id: str,
    frame: pd.DataFrame,
) -> Finding:
    position = None if label is None else int(frame.index.get_loc(label))
    found = as_text(failure)
    related: tuple[str, ...] = ()
    if position is not None and column in frame.columns:
        found = as_text(_cell(frame, position, column))  # the row's value, not a melted copy
    if slug == "skema_tipe" and label is None and column in frame.columns:
        found = str(frame[column].dtype)  # the whole column is of the wrong type
    if slug == "skema_level" and position is not None:
        kode = _cell(frame, position, str(expected))
        level = expected_level(pd.Series([kode], dtype=object)).iloc[0]
        expected, found = level, found or "kosong"
    if slug == "skema_kode_ganda" and position is not None:
        first = _first_row_with_kode(frame, found)
        related = (f"{table_id}:{first}",) if first is not None else ()
        expected = f"hanya di baris {first}" if first is not None else expected
    severity = SCHEMA_CHECKS[slug][0]
    kode = _cell(frame, position, "kode")
    uraian = _cell(frame, position, "uraian")
    return Finding(
        slug,
        severity,
        _message(slug, column, found, expected, table_id),
        table=table_id,
        row=_cell(frame, position, "baris"),
        source=Source(_cell(frame, position, "sumber_baris"), _cell(frame, position, "halaman")),
        kode=kode if isinstance(kode, str) else None,
        uraian=uraian if isinstance(uraian, str) else None,
        column=column,
        expected=expected,
        found=found,
        related=related,
    )


def _first_row_with_kode(frame: pd.DataFrame, kode: str | None) -> int | None:
    repeated = repeated_kode(frame)
    same = (_strings(frame["kode"]) == kode).fillna(False).astype(bool)
    earlier = frame.loc[same & ~repeated & (frame["jenis_baris"] == "data"), "baris"]
    return int(earlier.iloc[0]) if len(earlier) else None


def _message(
    slug: str, column: str | None, found: str | None, expected: str | None, table_id: str
) -> str:
    """The finding's message, in Indonesian."""
    match slug:
        case "skema_kolom" if expected is None and found is None:
            return f"Kolom '{column}' tidak dikenal untuk bentuk tabel {table_id}."
        case "skema_kolom":
            return f"Kolom '{column}' yang diwajibkan bentuk tabel tidak ada di tabel {table_id}."
        case "skema_tipe" if found is None:
            return f"Sel di kolom {column} kosong, padahal wajib diisi."
        case "skema_tipe" if expected is None:
            return f"Nilai '{found}' di kolom {column} muncul lebih dari sekali; harus unik."
        case "skema_tipe":
            return f"Nilai '{found}' di kolom {column} bukan {expected}."
        case "skema_kategori":
            return f"Nilai '{found}' di kolom {column} bukan salah satu dari: {expected}."
        case "skema_negatif":
            return (
                f"Jumlah {found} di kolom {column} negatif, padahal kolom ini tidak boleh negatif."
            )
        case "skema_kode":
            return f"Kode '{found}' di kolom {column} bukan kode Permendagri 90 yang baku."
        case "skema_level":
            return (
                f"Level '{found}' di kolom {column} tidak sesuai dengan kodenya; "
                f"menurut jumlah segmen kode, levelnya {expected}."
            )
        case "skema_kode_ganda":
            return (
                f"Kode {found} sudah dipakai baris lain tabel ini ({expected}); "
                "setiap kode seharusnya hanya satu baris."
            )
        case _:
            return f"Nilai {found} di kolom {column} di luar rentang {expected}."
