"""The arithmetic a Renja table promises: inside a row, down the code hierarchy, in its totals.

Each promise is a ``Relation``: one cell that must equal a signed sum of others. Relations are
built from the forms' data (``TableKind.row_checks``), from the rows' levels (a parent equals the
sum of its children) and from total rows (``JUMLAH``). Evaluating them is separate, so that the
root-cause analysis can ask "what if this cell held another value?".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from renja.model.checks import (
    ARITMETIKA_BARIS,
    CAPAIAN_PERSEN,
    HITUNGAN_RINGKASAN,
    JUMLAH_RINCIAN,
    JUMLAH_TOTAL,
    SELISIH_PEMBULATAN,
    Check,
)
from renja.model.contract import CellType, PriceCheck, RatioCheck
from renja.model.i18n import _, ngettext
from renja.model.refs import CellRef
from renja.normalize.koefisien import volume_of
from renja.validate.sheet import LEVEL_AT_DEPTH, Number, Row, Sheet, subtract

ROW = ARITMETIKA_BARIS
CHILDREN = JUMLAH_RINCIAN
TOTAL = JUMLAH_TOTAL
BALANCE = HITUNGAN_RINGKASAN
ROUNDING = SELISIH_PEMBULATAN

Lookup = Callable[[CellRef], "Number | Unreadable | None"]


@dataclass(frozen=True, slots=True)
class Relation:
    """``target = Σ sign × term``, about one row of one table."""

    check: Check
    target: CellRef
    terms: tuple[tuple[int, CellRef], ...]
    formula: str  # for the message: "pagu sesudah − sebelum", "jumlah 3 sub kegiatan"
    money: bool = True  # rupiah; False for counts (people, units, areas) a total row sums

    @property
    def cells(self) -> tuple[CellRef, ...]:
        return (self.target, *(cell for _, cell in self.terms))


@dataclass(frozen=True, slots=True)
class Outcome:
    relation: Relation
    found: Number
    expected: Number

    @property
    def difference(self) -> Number:
        return subtract(self.found, self.expected)


def evaluate(relation: Relation, value: Lookup) -> Outcome | None:
    """The relation's printed and computed values; None when a cell cannot be read.

    Empty cells count as zero (a ``-`` is no money); ``value`` returns ``UNREADABLE`` for a cell
    that held something unreadable, which makes the relation unknowable.
    """
    found = value(relation.target)
    if isinstance(found, Unreadable):
        return None
    expected: int | Decimal = 0
    for sign, cell in relation.terms:
        part = value(cell)
        if isinstance(part, Unreadable):
            return None
        expected += sign * exact(part or 0)
    return Outcome(relation, exact(found or 0), expected)


def exact(value: Number) -> int | Decimal:
    """A float cell (an area, a count with decimals) as the decimal it was printed as, so that
    sums are exact: ``47.56 + 147.46`` is 195.02, not 195.01999999999998.

    >>> exact(47.56) + exact(147.46), exact(7)
    (Decimal('195.02'), 7)
    """
    return Decimal(repr(value)) if isinstance(value, float) else value


class Unreadable:
    """Marks a cell whose text could not be read (it is not the same as an empty cell)."""

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = Unreadable()


def amount_columns(sheet: Sheet) -> list[str]:
    """The Rupiah columns of a table that add up (not unit prices), in order."""
    return [name for name in sheet.table.contract.amount_columns() if name in sheet.columns]


def _used(sheet: Sheet, column: str) -> bool:
    """A column the document fills somewhere (a form's unused column is not checked)."""
    return any(r.number_at(column) is not None for r in sheet.rows)


def row_relations(sheet: Sheet) -> list[Relation]:
    """The form's arithmetic inside each row (``sesudah − sebelum = jumlah perubahan``)."""
    out: list[Relation] = []
    columns = set(sheet.columns)
    for check in sheet.table.contract.row_checks:
        needed = {check.total, *check.plus, *check.minus}
        if not needed <= columns or not _used(sheet, check.total):
            continue
        for row in sheet.rows:
            if row.kind not in ("data", "total"):
                continue
            terms = tuple(
                [(1, CellRef(sheet.id, row.number, c)) for c in check.plus]
                + [(-1, CellRef(sheet.id, row.number, c)) for c in check.minus]
            )
            if all(row.number_at(c) is None for c in needed):
                continue
            out.append(Relation(ROW, CellRef(sheet.id, row.number, check.total), terms,
                                check.formula))  # fmt: skip
    return out


def subtree_ends(rows: list[Row]) -> list[int]:
    """For each row, the index where the rows under it end: the next total row, or the next row
    at its level or above (a row without a level is closed by a total row only). One pass with
    a stack of open rows, so a table of any length costs time in proportion to it.

    >>> from types import SimpleNamespace as R
    >>> rows = [R(depth=1, kind="data"), R(depth=2, kind="data"), R(depth=3, kind="data"),
    ...         R(depth=2, kind="data"), R(depth=None, kind="data"), R(depth=1, kind="data"),
    ...         R(depth=None, kind="total")]
    >>> subtree_ends(rows)
    [5, 3, 3, 5, 6, 6, 7]
    """
    ends = [len(rows)] * len(rows)
    levelled: list[tuple[int, int]] = []  # (index, level) of open rows, levels rising
    unlevelled: list[int] = []  # rows without a level: only a total closes them
    for index, row in enumerate(rows):
        if row.kind == "total":
            for opened in (*(i for i, _ in levelled), *unlevelled):
                ends[opened] = index
            levelled, unlevelled = [], []
        elif row.depth is None:
            unlevelled.append(index)
        else:
            while levelled and levelled[-1][1] >= row.depth:
                ends[levelled.pop()[0]] = index
            levelled.append((index, row.depth))
    return ends


def hierarchy_relations(sheet: Sheet) -> list[Relation]:
    """A parent's amount equals the sum of its children's, for every amount column.

    The children are the rows under the parent at the nearest lower level that carries amounts
    in that column (a Lampiran kegiatan sums its sub kegiatan; an SKPD line whose programs and
    kegiatan print no pagu sums the sub kegiatan).
    """
    out: list[Relation] = []
    rows = [r for r in sheet.rows if r.kind in ("data", "total")]
    lowest = max((r.depth for r in rows if r.depth is not None), default=None)
    ends = subtree_ends(rows)
    for column in amount_columns(sheet):
        for index, row in enumerate(rows):
            if row.kind != "data" or row.depth is None or row.number_at(column) is None:
                continue
            descendants = rows[index + 1 : ends[index]]
            under = [r for r in descendants if r.depth is not None]
            nearest = _summing_depth(under, column)
            if nearest is None:
                continue
            children = [r for r in under if r.depth == nearest]
            if nearest == lowest:
                children += _unlevelled_children(descendants, nearest, column)
            children.sort(key=lambda r: r.number)
            netto = _netto_relation(sheet, row, children, column)
            if netto is not None:
                out.append(netto)
                continue
            level = LEVEL_AT_DEPTH[nearest].replace("_", " ")
            formula = _("sum of {n} {level}").format(n=len(children), level=level)
            out.append(_sum_of(CHILDREN, sheet, row, children, column, formula))
    return out


# Akun 6, pembiayaan daerah: its kelompok are the operands of its netto (``_OPERANDS``).
PEMBIAYAAN = "6"


def _netto_relation(sheet: Sheet, row: Row, children: list[Row], column: str) -> Relation | None:
    """Akun 6 (pembiayaan daerah) with an amount is its netto: penerimaan (6.1) less
    pengeluaran pembiayaan (6.2), not their sum. None for any other row."""
    received, spent = _OPERANDS["penerimaan"][0], _OPERANDS["pengeluaran"][0]
    if row.values.get("kode_rekening") != PEMBIAYAAN:
        return None
    codes = {r.values.get("kode_rekening"): r for r in children}
    if set(codes) - {received, spent} or received not in codes:
        return None
    # 6.2 may follow 6.1's own total line, past akun 6's rows
    later = (r for r in sheet.rows if r.kind == "data" and r.values.get("kode_rekening") == spent)
    out = codes.get(spent) or next(later, None)
    terms = [(1, CellRef(sheet.id, codes[received].number, column))]
    if out is not None and out.number_at(column) is not None:
        terms.append((-1, CellRef(sheet.id, out.number, column)))
    return Relation(CHILDREN, CellRef(sheet.id, row.number, column), tuple(terms),
                    _("penerimaan − pengeluaran pembiayaan"))  # fmt: skip


def _sum_of(
    check: Check, sheet: Sheet, row: Row, members: list[Row], column: str, formula: str
) -> Relation:
    """``row``'s amount in ``column`` is the sum of the ``members``' amounts in it."""
    return Relation(
        check,
        CellRef(sheet.id, row.number, column),
        tuple((1, CellRef(sheet.id, m.number, column)) for m in members),
        formula,
    )


def _unlevelled_children(descendants: list[Row], nearest: int, column: str) -> list[Row]:
    """Rows with an amount but no level are rows of the table's lowest level (a sub kegiatan
    whose code is neither printed nor matched): they count among the children of a parent whose
    children are of that level."""
    return [
        row
        for row in descendants
        if row.depth is None and row.kind == "data" and row.number_at(column) is not None
    ]


# A level sums its parent only when at least this share of its rows print an amount: a level
# where one stray cell holds a number (a total typed into the wrong row) is not the summed one.
MIN_FILLED_SHARE = 0.5


def _summing_depth(rows: list[Row], column: str) -> int | None:
    """The nearest level below a parent whose rows carry the amounts of ``column``."""
    for depth in sorted({r.depth for r in rows if r.depth is not None}):
        level = [r for r in rows if r.depth == depth]
        filled = sum(r.number_at(column) is not None for r in level)
        if filled and filled >= MIN_FILLED_SHARE * len(level):
            return depth
    return None


def total_relations(sheet: Sheet) -> list[Relation]:
    """A total row (``JUMLAH``, or an unlabelled row of amounts) sums the rows it closes.

    Its money columns always; its columns of counts (people, units, areas) when the row shows
    itself a sum (see ``summed_counts``).
    """
    out: list[Relation] = []
    start = 0
    amounts, counts = amount_columns(sheet), count_columns(sheet)
    for index, row in enumerate(sheet.rows):
        if row.kind != "total":
            continue
        block = [r for r in sheet.rows[start:index] if r.kind == "data"]
        start = index + 1
        hierarchical = len({r.depth for r in block if r.depth is not None}) > 1
        named = _named_operand(row, block)  # ``JUMLAH PENERIMAAN PEMBIAYAAN``: 6.1's total
        members = {
            column: [named] if named is not None and named.number_at(column) is not None
            else _total_members(block, column, hierarchical)
            for column in (*amounts, *counts)
        }  # fmt: skip
        checked = [*amounts, *summed_counts(row, members, amounts, counts)]
        for column in checked:
            if row.number_at(column) is None or not members[column]:
                continue
            rows = ngettext("sum of {n} row", "sum of {n} rows", len(members[column]))
            relation = _sum_of(
                TOTAL, sheet, row, members[column], column, rows.format(n=len(members[column]))
            )
            out.append(replace(relation, money=column in amounts))
    return out


# A budget's balance rows by their label, and the rows they balance: an account row by its
# code (Permendagri 90's 4 pendapatan, 5 belanja, 6.1 penerimaan and 6.2 pengeluaran
# pembiayaan), or else the total row that names it.
_SURPLUS = re.compile(r"surplus|defisit", re.IGNORECASE)
_NETTO = re.compile(r"\bnett?o\b", re.IGNORECASE)
_SILPA = re.compile(r"sisa\s+lebih|\bsilpa\b", re.IGNORECASE)
_OPERANDS = {
    "pendapatan": ("4", re.compile(r"pendapatan", re.IGNORECASE)),
    "belanja": ("5", re.compile(r"belanja", re.IGNORECASE)),
    "penerimaan": ("6.1", re.compile(r"penerimaan\s+pembiayaan", re.IGNORECASE)),
    "pengeluaran": ("6.2", re.compile(r"pengeluaran\s+pembiayaan", re.IGNORECASE)),
}


def _named_operand(total: Row, block: list[Row]) -> Row | None:
    """The account row a total names among the rows it closes: ``JUMLAH PENERIMAAN
    PEMBIAYAAN`` is 6.1's, ``JUMLAH PENGELUARAN PEMBIAYAAN`` 6.2's (under akun 6, which prints
    their netto, not a sum)."""
    for name in ("penerimaan", "pengeluaran"):
        code, label = _OPERANDS[name]
        if label.search(total.uraian or ""):
            return next((r for r in block if r.values.get("kode_rekening") == code), None)
    return None


def _operand(rows: list[Row], name: str) -> Row | None:
    code, label = _OPERANDS[name]
    return next(
        (r for r in rows if r.kind == "data" and r.values.get("kode_rekening") == code),
        next((r for r in rows if r.kind == "total" and label.search(r.uraian or "")), None),
    )


def balance_relations(sheet: Sheet) -> list[Relation]:
    """A budget's balance rows (APBD lampiran I): surplus/defisit = pendapatan − belanja,
    pembiayaan netto = penerimaan − pengeluaran pembiayaan, and the SILPA of the year =
    surplus/defisit + pembiayaan netto, in every amount column where all its rows print one.
    A balance whose rows the table does not hold is not checked."""
    rows = list(sheet.rows)
    balances = [r for r in rows if r.kind == "ringkasan" and r.uraian]
    surplus = next((r for r in balances if _SURPLUS.search(r.uraian or "")), None)
    netto = next((r for r in balances if _NETTO.search(r.uraian or "")), None)
    out: list[Relation] = []
    for row in balances:
        label = row.uraian or ""
        if row is surplus:
            terms = (_operand(rows, "pendapatan"), _operand(rows, "belanja"))
            formula = _("pendapatan − belanja")
        elif row is netto:
            terms = (_operand(rows, "penerimaan"), _operand(rows, "pengeluaran"))
            formula = _("penerimaan − pengeluaran pembiayaan")
        elif _SILPA.search(label) and surplus is not None and netto is not None:
            terms = (surplus, netto)
            formula = _("surplus/defisit + pembiayaan netto")
        else:
            continue
        plus, other = terms
        if plus is None or other is None:
            continue
        sign = 1 if row is not surplus and row is not netto else -1
        for column in amount_columns(sheet):
            cells = (row, plus, other)
            if any(r.number_at(column) is None for r in cells):
                continue
            out.append(Relation(
                BALANCE, CellRef(sheet.id, row.number, column),
                ((1, CellRef(sheet.id, plus.number, column)),
                 (sign, CellRef(sheet.id, other.number, column))),
                formula,
            ))  # fmt: skip
    return out


def count_columns(sheet: Sheet) -> list[str]:
    """The columns of plain quantities (not money, not percentages) of a table, in order."""
    contract = sheet.table.contract
    return [
        c.name for c in contract.columns if c.ctype is CellType.NUMBER and c.name in sheet.columns
    ]


def summed_counts(
    total: Row, members: dict[str, list[Row]], amounts: list[str], counts: list[str]
) -> list[str]:
    """The count columns a total row sums, when the row shows itself a sum.

    The row is a sum when, in some column, it holds exactly the sum of two or more printed
    values. Then each count column whose total is larger than every value it closes is checked;
    a total within the range of its values (a density, an average, a rate of the whole) is no
    sum and is left alone, as is every column when no column adds up.
    """

    def values(column: str) -> list[Number]:
        return [v for m in members[column] if (v := m.number_at(column)) is not None]

    def adds_up(column: str) -> bool:
        found, parts = total.number_at(column), values(column)
        return found is not None and len(parts) >= 2 and exact(found) == sum(map(exact, parts))

    if not any(adds_up(c) for c in (*amounts, *counts)):
        return []
    out = []
    for column in counts:
        found, parts = total.number_at(column), values(column)
        if found is None or len(parts) < 2 or min(parts) < 0:
            continue
        if found > max(parts):
            out.append(column)
    return out


def _total_members(block: Iterable[Row], column: str, hierarchical: bool) -> list[Row]:
    rows = list(block)
    if not hierarchical:
        return [r for r in rows if r.number_at(column) is not None or r.depth is not None]
    top = _summing_depth(rows, column)
    return [r for r in rows if r.depth == top] if top is not None else []


RATIO = CAPAIAN_PERSEN


@dataclass(frozen=True, slots=True)
class RatioOutcome:
    """A percentage that is not ``numerator / denominator × 100`` within the tolerance."""

    cell: CellRef
    found: float
    expected: float
    tolerance: float
    formula: str = "realisasi / target × 100"  # what the percentage should be


def printed_tolerance(percent: Number, tolerance: float) -> float:
    """How far a printed percentage may stand from the computed one: one unit of its last
    printed decimal (rounding or truncation), never more than the check's own tolerance.

    >>> printed_tolerance(2.16, 0.5), printed_tolerance(205.5, 0.5), printed_tolerance(100, 0.5)
    (0.01, 0.1, 0.5)
    """
    text = repr(float(percent)) if not isinstance(percent, int) else str(percent)
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return min(tolerance, 10.0**-decimals) if decimals else tolerance


def ratio_relations(sheet: Sheet) -> list[tuple[RatioCheck, Row]]:
    """The percentages the table promises, row by row: those whose three cells are filled."""
    out: list[tuple[RatioCheck, Row]] = []
    columns = set(sheet.columns)
    for check in sheet.table.contract.ratio_checks:
        if not {check.percent, check.numerator, check.denominator} <= columns:
            continue
        for row in sheet.data_rows():
            percent = row.number_at(check.percent)
            top, bottom = row.number_at(check.numerator), row.number_at(check.denominator)
            if percent is not None and top is not None and bottom:
                out.append((check, row))
    return out


def ratio_outcomes(sheet: Sheet) -> list[RatioOutcome]:
    """The percentages (``capaian = realisasi / target × 100``) that do not hold."""
    out: list[RatioOutcome] = []
    for check, row in ratio_relations(sheet):
        percent = row.number_at(check.percent)
        top, bottom = row.number_at(check.numerator), row.number_at(check.denominator)
        if percent is not None and top is not None and bottom:
            expected = round(float(top) / float(bottom) * 100, 2)
            if abs(float(percent) - expected) > printed_tolerance(percent, check.tolerance):
                out.append(
                    RatioOutcome(
                        CellRef(sheet.id, row.number, check.percent),
                        float(percent),
                        expected,
                        check.tolerance,
                        check.formula or f"{check.numerator} / {check.denominator} × 100",
                    )
                )
    return out


# The most a line's computed amount may be: an amount cell holds less than 2^63, so a larger
# product comes of a misread coefficient (and is past exact decimal arithmetic): not checked.
MAX_PRICED = Decimal(2**63)


@dataclass(frozen=True, slots=True)
class PricedLine:
    """A budget line whose amount, quantity and price can all be read: its printed amount and
    ``quantity × price (+ tax)``."""

    check: PriceCheck
    cell: CellRef  # the amount
    found: Number
    expected: Decimal
    quantity: Decimal
    printed: str | None  # the coefficient as printed, when it is text (2 Orang x 12 Bulan)
    price: Number
    tax: Number

    @property
    def holds(self) -> bool:
        """Within a rupiah: the amount of a fractional product is printed rounded."""
        return abs(Decimal(exact(self.found)) - self.expected) < 1

    @property
    def tax_in_rupiah(self) -> bool:
        return tax_in_rupiah(self.tax)


# A tax column's value above this is no rate in percent but the tax in rupiah (``412.500``).
MAX_TAX_RATE = 100


def tax_in_rupiah(tax: Number) -> bool:
    """Whether a PPN column's value is the tax itself, in rupiah, not its rate in percent.

    >>> [tax_in_rupiah(t) for t in (11, 0, Decimal("12.5"), 412_500)]
    [False, False, False, True]
    """
    return abs(Decimal(exact(tax))) > MAX_TAX_RATE


def priced(check: PriceCheck, row: Row, table: str) -> PricedLine | None:
    """The line ``row`` under ``check``, or None when a value is not there to read (a heading,
    a paket, an unreadable coefficient) or the product is past any amount.

    A coefficient is read as printed (``2 Orang x 12 Bulan`` is 24); an empty tax is none; a
    tax above 100 is the PPN in rupiah, added (``tax_in_rupiah``).
    """
    amount, price = row.number_at(check.amount), row.number_at(check.price)
    if amount is None or price is None:
        return None
    number = row.number_at(check.quantity)
    texts = (row.values.get(check.quantity), row.values.get(f"{check.quantity}_teks"))
    printed = next((t.strip() for t in texts if isinstance(t, str)), None)
    quantity = Decimal(exact(number)) if number is not None else (
        volume_of(printed) if printed else None
    )  # fmt: skip
    if quantity is None:
        return None
    tax = (row.number_at(check.tax) if check.tax else None) or 0
    base = quantity * Decimal(exact(price))
    if tax_in_rupiah(tax):  # the PPN printed as its amount (412.500), not its rate (11)
        expected = base + Decimal(exact(tax))
    else:
        expected = base * (1 + Decimal(exact(tax)) / 100)
    if abs(expected) >= MAX_PRICED:
        return None
    cell = CellRef(table, row.number, check.amount)
    return PricedLine(check, cell, amount, expected, quantity, printed, price, tax)


def priced_lines(sheet: Sheet) -> list[PricedLine]:
    """The lines of a table that its price checks can evaluate."""
    columns = set(sheet.columns)
    out: list[PricedLine] = []
    for check in sheet.table.contract.price_checks:
        if {check.amount, check.quantity, check.price} <= columns:
            lines = (priced(check, row, sheet.id) for row in sheet.data_rows())
            out.extend(line for line in lines if line is not None)
    return out
