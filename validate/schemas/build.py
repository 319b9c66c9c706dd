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

from collections.abc import Sequence
from functools import lru_cache

import pandera.pandas as pa

from renja.model.contract import TableContract
from renja.normalize.columns import form_contract
from renja.normalize.kinds import KINDS
from renja.validate.schemas.coercion import COERCED_DTYPES, parser_for
from renja.validate.schemas.plan import PlannedCheck, column_checks, frame_checks
from renja.validate.schemas.rules import ColumnRule, column_rules


def _check(planned: PlannedCheck) -> pa.Check:
    """A pandera check of the plan: named by its check's slug (``slug:column`` across columns),
    what it expects as error.

    The functions handle missing cells themselves, which spares pandera a ``dropna`` per check.
    """
    return pa.Check(planned.test, name=str(planned.name), error=planned.expected, ignore_na=False)


def _column(rule: ColumnRule, coerce: bool) -> pa.Column:
    """The pandera column of one rule; ``coerce``: parse and coerce values read from CSV."""
    dtype = COERCED_DTYPES.get(rule.family) if coerce else None
    parser = parser_for(rule.family) if coerce else None
    return pa.Column(
        dtype,
        checks=[_check(c) for c in column_checks(rule)],
        parsers=[pa.Parser(parser)] if parser is not None else None,
        nullable=rule.nullable,
        required=rule.required,
        regex=rule.regex,
        coerce=coerce and dtype is not None,
        name=f"^{rule.name}$" if rule.regex else rule.name,
        description=rule.description,
    )


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
        checks=[_check(c) for c in frame_checks(contract)],
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
