"""Schema construction: a table's column rules as a ``pandera.DataFrameSchema``.

``schema_for`` gives each ``ColumnRule`` (``renja.validate.schemas.rules``) a pandera column
with the checks of its family from the check library (``renja.validate.schemas.checks``), and
adds the checks across columns the contract asks for. Each pandera check is named by the
``Check`` whose findings it makes (``slug:column`` across columns) and carries what it expects
as its error, which is all ``renja.validate.schemas.failures`` needs to make a finding of it.

Two modes, one set of rules:

- **strict** (the pipeline's): the frame must already hold the types renja writes; nothing is
  coerced, so a pipeline bug (an amount passed through float, a string in a number column) is
  a finding.
- **coercing** (``export_schemas``, for users' copies): values read back from our CSV files are
  parsed into those types first (``renja.validate.schemas.coercion``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import pandera.pandas as pa

from renja.model.checks import (
    SKEMA_KATEGORI,
    SKEMA_KODE,
    SKEMA_KODE_GANDA,
    SKEMA_LEVEL,
    SKEMA_NEGATIF,
    SKEMA_RENTANG,
    SKEMA_TIPE,
)
from renja.model.contract import CellType, TableContract, kode_columns, kode_prefix
from renja.normalize.columns import form_contract
from renja.normalize.kinds import KINDS
from renja.validate.schemas.checks import (
    ColumnCheck,
    amount_mask,
    at_least_zero,
    canonical_kode,
    in_choices,
    integer_mask,
    kode_not_repeated,
    level_fits_kode,
    lines_mask,
    number_mask,
    rekening_kode,
    text_mask,
    unique_integers,
    within,
)
from renja.validate.schemas.coercion import COERCED_DTYPES, parser_for
from renja.validate.schemas.rules import (
    FLOAT,
    INT,
    KODE,
    LINES,
    NUMBER,
    REKENING,
    RUPIAH,
    TEXT,
    UNIQUE,
    ColumnRule,
    column_rules,
)

# The type check of each family, and what it expects (the finding's ``expected``).
_MASKS: dict[str, ColumnCheck] = {
    INT: integer_mask, FLOAT: number_mask, RUPIAH: amount_mask, NUMBER: amount_mask,
    TEXT: text_mask, KODE: text_mask, REKENING: text_mask, LINES: lines_mask,
}  # fmt: skip
_EXPECTED = {INT: "bilangan bulat", FLOAT: "bilangan", RUPIAH: "bilangan bulat atau Decimal"}
_EXPECTED[NUMBER] = _EXPECTED[RUPIAH]
_EXPECTED.update({TEXT: "teks", KODE: "teks", REKENING: "teks", LINES: "daftar bilangan bulat"})


def _check(fn: Callable[[Any], Any], name: str, expected: str) -> pa.Check:
    """A pandera check named by its check's slug (``slug:column`` across columns), ``expected``
    as error.

    The functions handle missing cells themselves, which spares pandera a ``dropna`` per check.
    """
    return pa.Check(fn, name=str(name), error=expected, ignore_na=False)


def _checks(rule: ColumnRule) -> list[pa.Check]:
    """The checks of one column: its type, then its values."""
    checks = []
    mask = _MASKS.get(rule.family)
    if mask is not None:
        checks.append(_check(mask, SKEMA_TIPE, _EXPECTED[rule.family]))
    if rule.unique:
        checks.append(_check(unique_integers, SKEMA_TIPE, UNIQUE))
    if rule.family is RUPIAH and not rule.signed:
        checks.append(_check(at_least_zero(amount_mask), SKEMA_NEGATIF, ">= 0"))
    if rule.bounds is not None:
        low, high = rule.bounds
        checks.append(_check(within(low, high, number_mask), SKEMA_RENTANG, f"{low:g} .. {high:g}"))
    if rule.family is KODE:
        checks.append(_check(canonical_kode, SKEMA_KODE, "kode Permendagri 90"))
    if rule.family is REKENING:
        checks.append(_check(rekening_kode, SKEMA_KODE, "kode rekening"))
    if rule.choices:
        checks.append(_check(in_choices(rule.choices), SKEMA_KATEGORI, ", ".join(rule.choices)))
    return checks


def _column(rule: ColumnRule, coerce: bool) -> pa.Column:
    """The pandera column of one rule; ``coerce``: parse and coerce values read from CSV."""
    dtype = COERCED_DTYPES.get(rule.family) if coerce else None
    parser = parser_for(rule.family) if coerce else None
    return pa.Column(
        dtype,
        checks=_checks(rule),
        parsers=[pa.Parser(parser)] if parser is not None else None,
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
        _check(level_fits_kode(kode, level), f"{SKEMA_LEVEL}:{level}", "level sesuai kode")
        for kode, level in _kode_levels(contract)
    ]
    if contract.unique_kode:
        checks.append(_check(kode_not_repeated, f"{SKEMA_KODE_GANDA}:kode", "kode unik"))
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
def cached_schema(
    contract: TableContract, columns: tuple[str, ...], coerce: bool = False
) -> pa.DataFrameSchema:
    """``schema_for``, built once per contract and column set (a document repeats its forms)."""
    return schema_for(contract, columns, coerce=coerce)


def export_schemas() -> dict[str, pa.DataFrameSchema]:
    """One coercing schema per form, for its full column set: validate your own copies.

    Read a table back with ``pd.read_csv(path, **CSV_READ_OPTIONS)`` and pass it to
    ``schema.validate``; the result holds renja's types (Int64, Float64, Decimal cents, text).
    A table of no known form has its own contract in the manifest: ``schema_for`` it.
    """
    return {kind.slug: schema_for(form_contract(kind), None, coerce=True) for kind in KINDS}
