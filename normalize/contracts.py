"""A table's contract: inferred from the table, refined by its known form when it has one.

``contract_for(raw)`` is where normalize decides what a table is. The inferred contract comes
first (``normalize/infer.py``): every column typed from its header and cells. When the caption or
the header words name a known form (``normalize/classify.py``), the form renames the columns it
knows and adds its checks (``normalize/columns.py``); every other column stays as inferred.
"""

from __future__ import annotations

import re
from dataclasses import replace

from renja.extract.label_lines import ENGINE as LABEL_ENGINE
from renja.model.contract import (
    INFERRED_FORM,
    NOT_DATA_FORM,
    CellType,
    TableContract,
    TableStatus,
)
from renja.model.i18n import _
from renja.model.records import RawTable, RowRole
from renja.normalize.classify import classify
from renja.normalize.columns import map_columns
from renja.normalize.header import read_header
from renja.normalize.infer import infer_contract
from renja.normalize.kinds import KIND_BY_SLUG, UNKNOWN, TableKind
from renja.normalize.measures import table_scale

# A table with money for this many years is a plan over a period (RPJMD, Renstra, a kerangka
# pendanaan): no form of a single year's table fits it, whatever words its header shares.
MULTI_YEAR = 3
# Forms that are tables over several years themselves.
MULTI_YEAR_FORMS = frozenset({"tujuan_sasaran"})


def money_years(contract: TableContract) -> set[str]:
    """The years a table's money columns are for.

    >>> from renja.model.contract import Column, TableStatus
    >>> contract = TableContract("tabel", "", TableStatus.INFERRED, (
    ...     Column("anggaran_2026", CellType.RUPIAH, period="2026"),
    ...     Column("anggaran_2027", CellType.RUPIAH, period="2027_sesudah")))
    >>> sorted(money_years(contract))
    ['2026', '2027']
    """
    return {
        c.period[:4]
        for c in contract.columns
        if c.ctype is CellType.RUPIAH and c.period and re.match(r"(?:19|20)\d\d", c.period)
    }


def fits(kind: TableKind, inferred: TableContract) -> bool:
    """Whether a form of one year's table can be this table."""
    return kind.slug in MULTI_YEAR_FORMS or len(money_years(inferred)) < MULTI_YEAR


def contract_for(raw: RawTable, form: str | None = None) -> TableContract:
    """A table's contract. ``raw`` is the table as normalize reads it (before/after lines
    paired). ``form`` is the form a person decided (keputusan.csv): a known form's slug,
    ``tabel`` (inferred, whatever the caption says) or ``teks`` (no data table); a slug no
    form has is a ``ValueError``."""
    if form is not None and form not in (*FORMS, INFERRED_FORM, NOT_DATA_FORM):
        choices = ", ".join((*FORMS, INFERRED_FORM, NOT_DATA_FORM))
        raise ValueError(
            _("form '{form}' is unknown; choices: {choices}").format(form=form, choices=choices)
        )
    header = read_header(raw.header, raw.width)
    body = [r for r in raw.rows if r.role is RowRole.BODY]
    scale = table_scale(" ".join([raw.caption, raw.context, *header.labels]))
    inferred = infer_contract(header, body, raw.caption, raw.context, scale)
    if form == NOT_DATA_FORM:
        return replace(
            inferred, form=NOT_DATA_FORM, status=TableStatus.NOT_DATA, coded=False,
            title="Bukan tabel data (keputusan)", row_checks=(), ratio_checks=(), price_checks=(),
        )  # fmt: skip
    if form == INFERRED_FORM:
        if inferred.status is TableStatus.NOT_DATA:
            inferred = replace(inferred, form=INFERRED_FORM, status=TableStatus.INFERRED)
        return inferred
    if form is None and raw.engine == LABEL_ENGINE:
        return inferred  # lines of ``Label : value`` are no form's table, whatever is above them
    kind = KIND_BY_SLUG[form] if form is not None else classify(raw)
    if form is None and (kind is UNKNOWN or not fits(kind, inferred)):
        return inferred
    return map_columns(raw, kind, header, list(inferred.columns), scale)


# The known forms a decision may give a table.
FORMS = tuple(slug for slug in KIND_BY_SLUG if KIND_BY_SLUG[slug] is not UNKNOWN)


__all__ = ["FORMS", "contract_for", "fits", "money_years"]
