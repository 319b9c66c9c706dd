"""Pandera schemas of the clean tables, built from their contracts (``renja.model.contract``).

What a clean table promises is declared once, in its contract. ``validate_table`` checks a
clean table against it lazily and turns every failure into a ``Finding``, so bad data never
raises. The package, one concept a module:

- ``rules``: the contract's columns read as one ``ColumnRule`` per clean column (type,
  required, bounds, allowed values);
- ``checks``: the check library, the individual tests of a column's cells and of a frame;
- ``coercion``: how values read back from our CSV files are parsed into renja's types;
- ``plan``: the checks of each rule and across columns, as plain data;
- ``direct``: the plan run on the pipeline's frames (strict), reporting what pandera would;
- ``build``: the plan as a ``pandera.DataFrameSchema`` (``schema_for``), strict, or coercing
  for users' copies (``export_schemas``); pandera is imported only when these are used;
- ``failures``: pandera's failure cases as findings with Indonesian messages;
- ``cells``: a column's cells as Python values, read one way by all of them.

Users validate their own copies with the coercing schemas. Read a table with
``pd.read_csv(path, **CSV_READ_OPTIONS)``: every column as text and only an empty cell as
missing, so codes such as ``5.10`` and amounts with cents stay exact. A plain
``pd.read_csv(path)`` also validates, except where pandas' own guessing already lost
information (a code column read as floats, text ``NA`` read as missing).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

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
)
from renja.model.contract import TableContract
from renja.model.records import Finding
from renja.model.tables import CleanTable
from renja.validate.schemas.coercion import CSV_READ_OPTIONS
from renja.validate.schemas.direct import strict_failures
from renja.validate.schemas.failures import failures_to_findings, findings_of, repeated_column

if TYPE_CHECKING:
    import pandera.pandas as pa

# The schema checks, registered with every other check in renja.model.checks.
SCHEMA_CHECKS: tuple[Check, ...] = (
    SKEMA_KOLOM, SKEMA_TIPE, SKEMA_KATEGORI, SKEMA_NEGATIF, SKEMA_KODE, SKEMA_LEVEL,
    SKEMA_KODE_GANDA, SKEMA_RENTANG,
)  # fmt: skip


def validate_table(table: CleanTable) -> list[Finding]:
    """Check a clean table against its schema; every failure becomes a finding. Never raises."""
    return validate_frame(table.frame, table.contract, table.table_id)


def validate_frame(
    frame: pd.DataFrame, contract: TableContract, table_id: str = "", *, coerce: bool = False
) -> list[Finding]:
    """Findings of one clean table under ``contract``, held in ``frame``.

    The pipeline's frames are checked by the plan directly (``strict_failures``);
    ``coerce=True`` validates a table read back from CSV (see ``CSV_READ_OPTIONS``) with the
    coercing pandera schema.
    """
    repeated = [str(c) for c in frame.columns[frame.columns.duplicated()]]
    if repeated:  # pandera validates one of the copies only: report the others, then drop them
        frame = frame.loc[:, ~frame.columns.duplicated()]
    if not frame.index.is_unique:
        frame = frame.reset_index(drop=True)  # findings locate rows by index label
    findings = [repeated_column(name, table_id) for name in dict.fromkeys(repeated)]
    if not coerce:
        return findings + findings_of(strict_failures(frame, contract), table_id, contract.form,
                                      frame)  # fmt: skip
    import pandera.pandas as pa

    from renja.validate.schemas.build import cached_schema

    schema = cached_schema(contract, tuple(str(c) for c in frame.columns), coerce)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        findings += failures_to_findings(exc.failure_cases, schema, table_id, frame)
    return findings


def schema_for(
    contract: TableContract, columns: Sequence[str] | None = None, *, coerce: bool = False
) -> pa.DataFrameSchema:
    """The pandera schema of one clean table (``renja.validate.schemas.build.schema_for``)."""
    from renja.validate.schemas import build

    return build.schema_for(contract, columns, coerce=coerce)


def export_schemas() -> dict[str, pa.DataFrameSchema]:
    """One coercing pandera schema per form (``renja.validate.schemas.build.export_schemas``):
    validate your own copies."""
    from renja.validate.schemas import build

    return build.export_schemas()


__all__ = [
    "CSV_READ_OPTIONS",
    "SCHEMA_CHECKS",
    "export_schemas",
    "schema_for",
    "validate_frame",
    "validate_table",
]
