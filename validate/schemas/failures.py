"""Failure translation: pandera's failure cases as typed ``Finding`` records, in Indonesian.

pandera reports every failed check as a row of ``failure_cases``: the check (by its name, or
by its number among the column's or the frame's checks), the column, the row's index label and
the failing value. ``failures_to_findings`` turns each into one ``Finding``: the ``Check`` the
pandera check is named by (``renja.validate.schemas.build``), the row located in the table
(``baris``, its source line and page, its code and name), what was expected and what was
found, and a message that says so in Indonesian.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from renja.model.checks import (
    SKEMA_KODE_GANDA,
    SKEMA_KOLOM,
    SKEMA_LEVEL,
    SKEMA_TIPE,
    Check,
    check_named,
)
from renja.model.records import Finding, Source
from renja.model.refs import CellRef
from renja.validate.schemas.cells import cell_values, is_missing
from renja.validate.schemas.checks import first_rows_of_kode, level_of_kode
from renja.validate.schemas.direct import COLUMN_ABSENT as _COLUMN_ABSENT
from renja.validate.schemas.direct import COLUMN_PRESENT as _COLUMN_PRESENT
from renja.validate.schemas.direct import FILLED as _FILLED
from renja.validate.schemas.direct import Failure
from renja.validate.schemas.rules import UNIQUE

if TYPE_CHECKING:  # pandera only for the coercing schemas' failures: imported where they run
    import pandera.pandas as pa
# pandera's own cell checks (no ``check_number``), by the name it reports: (slug, expected).
_PANDERA_CHECKS = {"not_nullable": (SKEMA_TIPE, _FILLED)}


def repeated_column(name: str, table_id: str) -> Finding:
    """A column the table holds more than once (pandera validates one of the copies only)."""
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
    failures = []
    for case in cases[~melted].itertuples(index=False):
        slug, column, expected = _identify(case, schema)
        label = None if is_missing(case.index) else case.index
        failures.append(Failure(slug, column, expected, case.failure_case, label))
    return findings_of(failures, table_id, str(schema.name), frame)


def findings_of(
    failures: Iterable[Failure], table_id: str, form: str, frame: pd.DataFrame
) -> list[Finding]:
    """Failures as findings: one per failed check, cell and column (the first failure of each),
    in the findings' order."""
    table = _Table(frame, table_id, form)
    findings: dict[tuple[Any, ...], Finding] = {}
    for failure in failures:
        key = (failure.check, failure.label, failure.column)
        if key not in findings:
            findings[key] = table.finding(
                failure.check, failure.column, failure.expected, failure.value, failure.label
            )
    return sorted(findings.values(), key=Finding.sort_key)


def _identify(case: Any, schema: pa.DataFrameSchema) -> tuple[Check, str | None, str | None]:
    """(check, column, expected) of one failure case."""
    name = str(case.check)
    column = None if is_missing(case.column) else str(case.column)
    if not is_missing(case.check_number):
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
    """The schema's column of a failure: by its name, or by the pattern it matches."""
    columns: dict[Any, pa.Column] = schema.columns
    if column in columns:
        return columns[column]
    return next(c for k, c in columns.items() if re.fullmatch(k, str(column)))


def as_text(value: Any) -> str | None:
    """A cell as short text for ``found``: integers plain, decimals exact, missing as None.

    >>> [as_text(v) for v in [28143400, 7.0, 68.81, Decimal("1.50"), pd.NA, "5.03"]]
    ['28143400', '7', '68.81', '1.50', None, '5.03']
    """
    if is_missing(value):
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
    # cells, read once per column
    _columns: dict[str, np.ndarray[Any, np.dtype[Any]]] = field(default_factory=dict)

    def cell(self, position: int | None, column: str | None) -> Any:
        if position is None or column is None or column not in self.frame.columns:
            return None
        if column not in self._columns:
            self._columns[column] = cell_values(self.frame[column])
        value = self._columns[column][position]
        if is_missing(value):
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
        """The finding of one failure case: ``failure`` at row ``label`` (None: the column)."""
        position = None if label is None else int(self.frame.index.get_loc(label))
        found = as_text(failure)
        if position is not None and column is not None and column in self.frame.columns:
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

    >>> from renja.model.checks import SKEMA_NEGATIF
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
        case Check.SKEMA_TIPE if expected == UNIQUE:
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
