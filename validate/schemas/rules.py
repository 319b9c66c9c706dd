"""What each clean column promises, read from its table's contract: one ``ColumnRule`` a column.

``column_rules`` reads the contract's columns, and the row columns every clean table starts
with, into rules: a family of types, whether the column is required, the bounds and the fixed
set of its values. The rules are plain data; ``renja.validate.schemas.build`` makes a pandera
schema of them and ``renja.validate.schemas.checks`` holds the checks they stand for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from renja.model.contract import (
    LIST_COLUMNS,
    SPARSE_COLUMNS,
    CellType,
    Column,
    TableContract,
    is_sparse,
    status_name,
)
from renja.model.decisions import ValueStatus
from renja.model.kode import LEVELS as KODE_LEVELS
from renja.normalize.coding import CODE_COLUMNS
from renja.normalize.hierarchy import GENERIC_LEVELS
from renja.normalize.rekening import LINE_LEVELS, REKENING_LEVELS

JENIS_BARIS = ("data", "total", "ringkasan", "indikator")
LEVELS = (
    *KODE_LEVELS, "skpd", "unit", *REKENING_LEVELS.values(), *LINE_LEVELS,
    *GENERIC_LEVELS,
)  # fmt: skip
KODE_SUMBER = ("cetak", "cetak+verifikasi", "cocok", "keputusan")
VALUE_STATUSES = tuple(s.value for s in ValueStatus)  # ``status_<amount>``
SKOR_RANGE = (0.0, 100.0)
# A capaian is realisasi / target x 100: it passes 100 whenever realisation beats the target
# (the sample prints 205.5 %), so 100 is no bound. Ten times the target is: beyond it the
# number is almost surely misread (a lost decimal separator turns 205,5 into 2055).
PERCENT_RANGE = (0.0, 1000.0)
UNMAPPED_COLUMN = r"kolom_\d+"  # a raw position that fits no column of the form
YEAR = r"(?:19|20)\d\d"

# The families of types a clean column holds.
INT, FLOAT, RUPIAH, TEXT, KODE, CHOICE = "int", "float", "rupiah", "text", "kode", "choice"
NUMBER = "number"
REKENING = "rekening"
LINES = "lines"  # a list of source lines (``baris_gabungan``)
# ``expected`` of a column whose values must not repeat (``baris``).
UNIQUE = "unik"


@dataclass(frozen=True, slots=True)
class ColumnRule:
    """What one clean column holds: its family of types and the bounds of its values."""

    name: str  # a column name, or a regular expression when ``regex``
    family: str  # INT, FLOAT, RUPIAH, NUMBER, TEXT, KODE, REKENING or CHOICE
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


def year_pattern(name: str) -> str:
    """The regular expression of the columns a repeated spec stands for.

    >>> year_pattern("target_{tahun}")
    'target_(?:19|20)\\\\d\\\\d'
    """
    return re.escape(name.format(tahun="TAHUN")).replace("TAHUN", YEAR)


def _family(spec: Column, name: str) -> str:
    """The family of types of ``name``, one of the clean columns ``spec`` fills."""
    if spec.ctype is CellType.RUPIAH:
        return CHOICE if name == status_name(spec.name) else RUPIAH
    if (
        (spec.ctype is CellType.NUMBER and name == spec.name)
        or (spec.ctype is CellType.MIXED and name == "nilai")
        or (spec.stray_amounts and name == f"{spec.name}_nilai")
    ):
        return NUMBER
    if spec.ctype is CellType.PERCENT or (spec.ctype is CellType.TARGET and name == spec.name):
        return FLOAT
    if name.startswith("level"):
        return CHOICE
    if spec.ctype is CellType.REKENING:
        return REKENING
    if name.startswith("kode") and not name.endswith("_cetak"):
        return KODE
    return TEXT


def _spec_rules(spec: Column, required: bool, regex: bool) -> list[ColumnRule]:
    """The rules of the clean columns one contract column fills (``Column.outputs``)."""
    rules = []
    for name in spec.outputs():
        # an amount's reviewed value and status (keputusan.csv) may be left out of a copy
        optional = is_sparse(name) or not required or name in spec.reviewed
        family = _family(spec, name)
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
                choices=_choices(spec, name) if family is CHOICE else (),
            )
        )
    return rules


def _choices(spec: Column, name: str) -> tuple[str, ...]:
    """The values a column of fixed values may hold: an amount's status, else a level."""
    return VALUE_STATUSES if name == status_name(spec.name) else LEVELS


def column_rules(contract: TableContract, columns: Sequence[str] | None = None) -> list[ColumnRule]:
    """One rule per clean column of a contract.

    With ``columns`` (a table's own), a column's companions (``target_satuan`` beside
    ``target``) are required when the column is there. Without, the rules cover the contract's
    full column set and only the row columns are required, since a document may print a
    variant of a form without some columns. A form's repeated column (``target_{tahun}``) is a
    pattern then.

    >>> from renja.normalize.columns import form_contract
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
