"""Read one aligned cell into typed output values, by its column's type.

Each column type has one reader; a reader returns the output columns it fills, the repair rules
that fired, and the problem if the cell could not be read. The raw cell itself stays in the raw
table, so a clean value is always a function of the raw cell plus the logged rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from renja.extract.shapes import Shape, sniff
from renja.model.contract import CellType, Column, kode_columns, kode_prefix
from renja.model.i18n import _
from renja.model.limits import CELL_CACHE
from renja.normalize.kode import parse_kode, split_kode_uraian
from renja.normalize.parsed import Parsed
from renja.normalize.percent import (
    parse_decimal,
    parse_percent,
    several_numbers,
    wrap_is_certain,
)
from renja.normalize.rekening import parse_rekening
from renja.normalize.rupiah import MAX_EXACT, parse_rupiah, quote_cell, read_unit_word
from renja.normalize.target import read_bound, split_target
from renja.normalize.words import rejoin_split_words


@dataclass(frozen=True, slots=True)
class CellReading:
    """What one cell put into the clean row."""

    values: dict[str, Any]
    rules: tuple[str, ...] = ()
    problem: str | None = None
    problem_column: str | None = None  # the output column the problem is about

    @property
    def display(self) -> str:
        """The clean value as one short text, for the repair log: ``2 laporan``, ``189153750``."""
        parts = []
        for name, value in self.values.items():
            if (
                value is None
                or name.endswith(("_cetak", "_nomenklatur"))
                or name.startswith("level")
            ):
                continue
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            parts.append(str(value))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a reader may know beyond the cell: the vocabulary, the document's bidang."""

    vocabulary: frozenset[str]
    bidang_for_program: dict[str, str]  # '01' -> '5.03': how X.XX.01 codes resolve here
    kegiatan_prefix: str | None = None  # '2' in a kabupaten/kota document, '1' in a province's


def _bidang_hint(printed: str, ctx: ReadContext) -> str | None:
    segments = [s.strip() for s in printed.replace(",", ".").split(".")]
    if len(segments) >= 3 and segments[0].lower() == "x":
        return ctx.bidang_for_program.get(segments[2].zfill(2))
    return None


def read_kode(printed: str, prefix: str, ctx: ReadContext) -> CellReading:
    """A nomenclature code: canonical form, printed form, level and generic form."""
    canonical_col, printed_col, level_col, generic_col = kode_columns(prefix)
    empty = {canonical_col: None, printed_col: None, level_col: None, generic_col: None}
    text = printed.strip()
    if not text or text in {"-", "–"}:
        return CellReading(empty)
    parsed = parse_kode(text, bidang=_bidang_hint(text, ctx), kegiatan_prefix=ctx.kegiatan_prefix)
    if parsed.value is None:
        values = {**empty, printed_col: text}
        problem = parsed.problem or _("unreadable code")
        return CellReading(values, parsed.rules, problem, canonical_col)
    kode = parsed.value
    if kode.scheme == "lain":
        # Digits and dots that are no nomenclature code (an org-unit number such as 01.00):
        # kept as printed, with no canonical code.
        return CellReading({**empty, printed_col: text}, parsed.rules)
    values = {
        canonical_col: kode.canonical,
        printed_col: text,
        level_col: kode.level,
        generic_col: kode.generic,
    }
    return CellReading(values, parsed.rules)


def read_rekening(text: str, name: str) -> CellReading:
    """An account code and the level it stands at; or, in a column of accounts, a program's,
    kegiatan's or sub kegiatan's code (``5.03.01.2.06.0004``: its second segment of two
    digits, where an account's kelompok has one), at its level above the accounts under it (a
    Perkada's penjabaran lists each sub kegiatan, then its accounts).

    >>> read_rekening("5.1.02.01", "kode_rekening").values
    {'kode_rekening': '5.1.02.01', 'level': 'objek'}
    >>> read_rekening("5.03.01.2.06.0004", "kode_rekening").values
    {'kode_rekening': '5.03.01.2.06.0004', 'level': 'sub_kegiatan'}
    """
    printed = text.strip()
    kode = parse_kode(printed).value if _NOMENCLATURE_IN_ACCOUNTS.fullmatch(printed) else None
    if kode is not None and kode.scheme == "p90" and kode.level in _PROGRAM_LEVELS:
        return CellReading({name: printed, "level": kode.level})  # as printed: no repair
    parsed = parse_rekening(text)
    code, level = parsed.value if parsed.value else (None, None)
    values = {name: code, "level": level}
    if parsed.problem:
        values[name] = text.strip()  # kept as printed, so nothing is lost
    return CellReading(values, parsed.rules, parsed.problem, name)


# A nomenclature code among accounts: an urusan digit, then a bidang of two digits.
_NOMENCLATURE_IN_ACCOUNTS = re.compile(r"[1-9X]\.[0-9X]{2}\.\d{2}(?:\.\d\.\d{2}(?:\.\d{4})?)?")
_PROGRAM_LEVELS = ("program", "kegiatan", "sub_kegiatan")


def read_text(text: str, name: str, ctx: ReadContext) -> CellReading:
    if not text.strip():
        return CellReading({name: None})
    parsed = rejoin_split_words(text.strip(), ctx.vocabulary)
    return CellReading({name: parsed.value}, parsed.rules)


def read_kode_uraian(text: str, name: str, ctx: ReadContext) -> CellReading:
    """A cell holding a code and a name: both are read, into the code columns and ``name``."""
    prefix = kode_prefix(name)
    code_text, rest = split_kode_uraian(text.strip())
    code = read_kode(code_text or "", prefix, ctx)
    words = read_text(rest, name, ctx)
    return CellReading(
        {**code.values, **words.values},
        code.rules + words.rules,
        code.problem,
        code.problem_column,
    )


def read_rupiah(text: str, name: str) -> CellReading:
    parsed = parse_rupiah(text)
    return CellReading({name: parsed.value}, parsed.rules, parsed.problem, name)


def read_percent(text: str, name: str) -> CellReading:
    """A percentage; one printed as a bound (``≥ 80 %``) is its number (``read_bound``, logged
    with the cell as printed)."""
    bounded = read_bound(text.strip())
    parsed = parse_percent(bounded)
    value = float(parsed.value) if isinstance(parsed.value, Decimal) else parsed.value
    rules = parsed.rules if bounded == text.strip() else (read_bound.__name__, *parsed.rules)
    return CellReading({name: value}, rules, parsed.problem, name)


def is_rupiah_text(text: str) -> bool:
    """An amount printed with its currency: ``Rp. 1.954.327.000``, ``Rp 0``.

    >>> is_rupiah_text("Rp. 1.954.327.000"), is_rupiah_text("Rp 0"), is_rupiah_text("100 %")
    (True, True, False)
    """
    stripped = text.strip()
    return stripped[:2].lower() == "rp" and sniff(stripped) in (Shape.AMOUNT, Shape.NUMBER)


def read_target(text: str, name: str) -> CellReading:
    """A target: value, satuan, and the text of a predicate or compound target. A target that
    is an amount of money (``Rp. 1.954.327.000``, the input of a budget line) is that amount,
    in the satuan ``Rp``."""
    if is_rupiah_text(text):
        amount = parse_rupiah(text)
        if amount.value is not None:
            return CellReading(
                {name: float(amount.value), f"{name}_satuan": "Rp", f"{name}_teks": None},
                amount.rules,
            )
    parsed = split_target(text)
    target = parsed.value
    values: dict[str, Any] = {name: None, f"{name}_satuan": None, f"{name}_teks": None}
    if target is not None:
        values[name] = float(target.value) if target.value is not None else None
        values[f"{name}_satuan"] = target.satuan
        values[f"{name}_teks"] = target.text
    return CellReading(values, parsed.rules, parsed.problem, name)


# Cells of a quantity column read as numbers; the rest (words, a number with its unit, a dash)
# are kept as printed in the column's ``_teks`` companion.
_NUMBER_SHAPES = frozenset({Shape.AMOUNT, Shape.NUMBER, Shape.DECIMAL, Shape.PERCENT})


def read_number(text: str, name: str) -> CellReading:
    """A quantity that is not money: a count, an area, an index (``28.232``, ``70,1``). Words
    (``N/A``, ``TLK``) and numbers with their unit (``193 jam``) are what the document printed
    there: kept as text, with no finding.

    >>> read_number("193 jam", "waktu").values, read_number("-", "waktu").values
    ({'waktu': None, 'waktu_teks': '193 jam'}, {'waktu': None, 'waktu_teks': None})
    """
    shape = sniff(text)
    if shape in (Shape.EMPTY, Shape.DASH):
        return CellReading({name: None, f"{name}_teks": None})
    if shape not in _NUMBER_SHAPES:
        return CellReading({name: None, f"{name}_teks": text.strip() or None})
    parsed = parse_number(text)
    return CellReading({name: parsed.value, f"{name}_teks": None}, parsed.rules, parsed.problem,
                       name)  # fmt: skip


def parse_number(text: str) -> Parsed[int | Decimal]:
    """A plain quantity, exactly: whole numbers as ``int``, others as ``Decimal``.

    Dots group thousands and a comma marks decimals, as in amounts; a single dot before one or
    two digits is a decimal point; a percent sign is allowed.

    >>> [parse_number(t).value for t in ["28.232", "20.836,56", "70,1", "1.5", "55,09%", "-"]]
    [28232, Decimal('20836.56'), Decimal('70.1'), Decimal('1.5'), Decimal('55.09'), None]
    >>> parse_number("Lima").problem
    "bukan angka: 'Lima'"
    >>> parse_number("49 4").problem  # two counts a reader put in one cell, or one wrapped?
    "dua angka atau lebih dalam satu sel: '49 4'"
    """
    body = " ".join(text.split()).removesuffix("%").rstrip()
    if " " in body and not wrap_is_certain(body):
        return Parsed(None, problem=several_numbers(text.strip()))
    amount = parse_rupiah(text)
    if amount.value is not None or amount.problem is None:
        return amount
    number = parse_decimal(text)
    if number.value is None and text.strip().endswith("%"):
        number = parse_percent(text)
    if number.value is None:
        return Parsed(None, problem=number.problem or amount.problem)
    value = number.value
    whole = value == value.to_integral_value() and "," not in text and "." not in text
    return Parsed(int(value) if whole else value, number.rules)


def scale_amount(value: int | Decimal, scale: int) -> int | Decimal:
    """An amount printed in thousands or millions of Rupiah, in Rupiah.

    >>> scale_amount(Decimal("1234.5"), 1_000_000), scale_amount(12, 1_000)
    (1234500000, 12000)
    """
    scaled = value * scale
    if isinstance(scaled, Decimal) and scaled == scaled.to_integral_value():
        return int(scaled)
    return scaled


def read_scaled_rupiah(text: str, name: str, scale: int) -> CellReading:
    """An amount in a column printed in thousands or millions: read, then scaled to Rupiah.
    One that prints its own unit word (``Rp 48,65 Miliar``) is in Rupiah already.

    >>> [read_scaled_rupiah(t, "pagu", 1_000_000).values for t in ("12.500", "Rp 4,125 M")]
    [{'pagu': 12500000000}, {'pagu': 4125000000}]
    """
    reading = read_rupiah(text, name)
    value = reading.values.get(name)
    if value is None or scale == 1 or read_unit_word.__name__ in reading.rules:
        return reading
    return CellReading(
        {name: scale_amount(value, scale)},
        (*reading.rules, scale_amount.__name__),
        reading.problem,
        reading.problem_column,
    )


def read_mixed(text: str, ctx: ReadContext) -> CellReading:
    """The value of a ``label : value`` line, by what it holds: a code and its name (``kode``,
    ``uraian``), an amount (``nilai``), or text (``uraian``).

    >>> ctx = ReadContext(frozenset(), {})
    >>> read_mixed("Rp. 1.954.327.000", ctx).values["nilai"]
    1954327000
    >>> reading = read_mixed("3.31.01.2.06 Administrasi Umum Perangkat Daerah", ctx)
    >>> reading.values["kode"], reading.values["uraian"]
    ('3.31.01.2.06', 'Administrasi Umum Perangkat Daerah')
    """
    empty = {**dict.fromkeys(kode_columns("kode")), "uraian": None, "nilai": None}
    shape = sniff(text)
    if shape in (Shape.EMPTY, Shape.DASH):
        return CellReading(empty)
    if shape is Shape.AMOUNT or is_rupiah_text(text):
        amount = read_rupiah(text, "nilai")
        return CellReading({**empty, **amount.values}, amount.rules, amount.problem, "nilai")
    if shape is Shape.CODE:
        named = read_kode_uraian(text, "uraian", ctx)
        return CellReading({**empty, **named.values}, named.rules, named.problem,
                           named.problem_column)  # fmt: skip
    words = read_text(text, "uraian", ctx)
    return CellReading({**empty, **words.values}, words.rules)


def read_cell(text: str, column: Column, ctx: ReadContext) -> CellReading:
    """Read one cell by its column's type; an exact value out of range is unreadable
    (``bounded``)."""
    if column.stray_amounts:
        return bounded(read_with_strays(text, column, ctx), text)
    return bounded(read_typed(text, column, ctx), text)


def bounded(reading: CellReading, text: str) -> CellReading:
    """A reading whose exact values (amounts, quantities) are all below ``MAX_EXACT`` in size;
    one that is not (a misread, or an amount scaled from thousands) becomes a problem and is
    left empty, so that one cell never stops its table.

    >>> bounded(CellReading({"pagu": 12 * 10**18}), "12.000.000.000.000.000.000").problem
    "di luar batas jumlah yang dapat dibaca (10^18): '12.000.000.000.000.000.000'"
    >>> bounded(CellReading({"pagu": 12}), "12").values
    {'pagu': 12}
    """
    over = [name for name, value in reading.values.items() if _too_large(value)]
    if not over:
        return reading
    values = {**reading.values, **dict.fromkeys(over)}
    problem = reading.problem or _(
        "beyond the largest amount that can be read (10^{power}): {cell}"
    ).format(power=len(str(MAX_EXACT)) - 1, cell=quote_cell(text.strip()))
    return CellReading(values, reading.rules, problem, reading.problem_column or over[0])


def read_with_strays(text: str, column: Column, ctx: ReadContext) -> CellReading:
    """A cell of a column of words or rates that also holds amounts a conversion shifted into
    it: an amount goes to ``<name>_nilai``, the text stays as printed; anything else is read by
    the column's type.

    >>> column = Column("uraian", CellType.TEXT, stray_amounts=True)
    >>> read_with_strays("12.078.133.565.695", column, ReadContext(frozenset(), {})).values
    {'uraian': '12.078.133.565.695', 'uraian_nilai': 12078133565695}
    """
    aside = f"{column.name}_nilai"
    if sniff(text) is Shape.AMOUNT:
        amount = parse_rupiah(text)
        if amount.value is not None:
            printed = text.strip() if column.ctype in (CellType.TEXT, CellType.INDIKATOR) else None
            return CellReading({column.name: printed, aside: amount.value}, amount.rules)
    reading = read_typed(text, column, ctx)
    return CellReading({**reading.values, aside: None}, reading.rules, reading.problem,
                       reading.problem_column)  # fmt: skip


def _too_large(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return False
    if isinstance(value, Decimal) and not value.is_finite():
        return True
    return abs(value) >= MAX_EXACT


def read_typed(text: str, column: Column, ctx: ReadContext) -> CellReading:
    """Read one cell by its column's type."""
    name = column.name
    match column.ctype:
        case CellType.NO:
            return CellReading({name: text.strip().rstrip(".") or None})
        case CellType.KODE:
            return read_kode(text, column.outputs()[0], ctx)
        case CellType.KODE_URAIAN:
            return read_kode_uraian(text, name, ctx)
        case CellType.RUPIAH:
            return read_scaled_rupiah(text, name, column.scale)
        case CellType.TARGET:
            return read_target(text, name)
        case CellType.PERCENT:
            return read_percent(text, name)
        case CellType.REKENING:
            return read_rekening(text, name)
        case CellType.NUMBER:
            return read_number(text, name)
        case CellType.MIXED:
            return read_mixed(text, ctx)
        case _:
            return read_text(text, name, ctx)


class CellReader:
    """``read_cell`` for the columns of one table, remembering the readings of the texts it has
    read: a reading is a function of the text, the column and the context, and a table prints
    its satuan, targets, indicators and names again and again. A reading is shared by the cells
    that print the same text, so it is never changed (its values are copied into a row)."""

    def __init__(self, columns: Sequence[Column], ctx: ReadContext) -> None:
        self.columns = tuple(columns)
        self.ctx = ctx
        self.read = lru_cache(maxsize=CELL_CACHE)(self._read)

    def _read(self, position: int, text: str) -> CellReading:
        return read_cell(text, self.columns[position], self.ctx)
