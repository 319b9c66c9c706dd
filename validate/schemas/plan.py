"""The checks of a clean table's schema, as plain data: which check of the library runs on which
column, under which ``Check`` and with what it expects.

``column_checks`` gives a column rule (``renja.validate.schemas.rules``) its checks, and
``frame_checks`` the checks across columns a contract asks for. Two runners read this plan:
``renja.validate.schemas.build`` makes a pandera schema of it (the coercing schemas users
validate their copies with), and ``renja.validate.schemas.direct`` applies it to the pipeline's
frames without pandera. Neither adds a check of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
)

# The type check of each family, and what it expects (the finding's ``expected``).
_MASKS: dict[str, ColumnCheck] = {
    INT: integer_mask, FLOAT: number_mask, RUPIAH: amount_mask, NUMBER: amount_mask,
    TEXT: text_mask, KODE: text_mask, REKENING: text_mask, LINES: lines_mask,
}  # fmt: skip
_EXPECTED = {INT: "bilangan bulat", FLOAT: "bilangan", RUPIAH: "bilangan bulat atau Decimal"}
_EXPECTED[NUMBER] = _EXPECTED[RUPIAH]
_EXPECTED.update({TEXT: "teks", KODE: "teks", REKENING: "teks", LINES: "daftar bilangan bulat"})


@dataclass(frozen=True, slots=True)
class PlannedCheck:
    """One check of a schema: the library's test, named by its ``Check`` (``slug:column`` across
    columns: the column its findings are about), and what it expects.

    The tests handle missing cells themselves (a missing cell passes), so a runner hands them
    the whole column or frame.
    """

    test: Callable[[Any], Any]
    name: str
    expected: str


def column_checks(rule: ColumnRule) -> list[PlannedCheck]:
    """The checks of one column: its type, then its values."""
    checks = []
    mask = _MASKS.get(rule.family)
    if mask is not None:
        checks.append(PlannedCheck(mask, SKEMA_TIPE, _EXPECTED[rule.family]))
    if rule.unique:
        checks.append(PlannedCheck(unique_integers, SKEMA_TIPE, UNIQUE))
    if rule.family is RUPIAH and not rule.signed:
        checks.append(PlannedCheck(at_least_zero(amount_mask), SKEMA_NEGATIF, ">= 0"))
    if rule.bounds is not None:
        low, high = rule.bounds
        checks.append(
            PlannedCheck(within(low, high, number_mask), SKEMA_RENTANG, f"{low:g} .. {high:g}")
        )
    if rule.family is KODE:
        checks.append(PlannedCheck(canonical_kode, SKEMA_KODE, "kode Permendagri 90"))
    if rule.family is REKENING:
        checks.append(PlannedCheck(rekening_kode, SKEMA_KODE, "kode rekening"))
    if rule.choices:
        checks.append(
            PlannedCheck(in_choices(rule.choices), SKEMA_KATEGORI, ", ".join(rule.choices))
        )
    return checks


def kode_levels(contract: TableContract) -> list[tuple[str, str]]:
    """The (code, level) column pairs of a table: ``kode``/``level``, and one per coded name."""
    pairs = [("kode", "level")]
    for spec in contract.columns:
        if spec.ctype is CellType.KODE_URAIAN and spec.name != "uraian":
            kode, _, level, _ = kode_columns(kode_prefix(spec.name))
            pairs.append((kode, level))
    return pairs


def frame_checks(contract: TableContract) -> list[PlannedCheck]:
    """The checks across columns: levels fit codes, and codes are unique where the form says.

    A check's name is ``slug:column``, the column its findings are about.
    """
    checks = [
        PlannedCheck(level_fits_kode(kode, level), f"{SKEMA_LEVEL}:{level}", "level sesuai kode")
        for kode, level in kode_levels(contract)
    ]
    if contract.unique_kode:
        checks.append(PlannedCheck(kode_not_repeated, f"{SKEMA_KODE_GANDA}:kode", "kode unik"))
    return checks


__all__ = ["PlannedCheck", "column_checks", "frame_checks", "kode_levels"]
