"""The audit of one document: arithmetic, cross-table agreement, and the root cause of each error.

``audit(tables, findings)`` takes the clean tables and the findings of the earlier stages and
returns every finding, with each consequence pointing at the finding that explains it:

1. the tables are reconciled by code (``crosstable.reconcile``); an unreadable cell gets the
   value the other tables suggest, which is also what the arithmetic uses for it;
2. every arithmetic relation (``arithmetic``) is evaluated; a failing one is a finding with the
   expected value, the printed value and the difference;
3. a failing relation that holds once one of its cells takes the value another table prints for
   it has that disagreement (``beda_antar_tabel``) as its root cause; a cell whose one corrected
   value mends two or more failing relations becomes a ``nilai_diduga_salah`` root cause. Other
   failures name, in their message, the child whose amount equals the difference, and a child
   that another table prints under this parent while this table lacks it or leaves it empty.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations

from renja.model.checks import (
    ANGKA_TIDAK_TERBACA,
    NILAI_DIDUGA_SALAH,
    POLA_HITUNGAN_GAGAL,
    TABEL_TIDAK_LENGKAP,
    Check,
)
from renja.model.i18n import N_, _, ngettext
from renja.model.records import Finding, Source
from renja.model.refs import CellRef, Related
from renja.model.severity import Severity
from renja.model.tables import AuditStatus, CleanTable, TableAudit
from renja.validate.arithmetic import (
    BALANCE,
    CHILDREN,
    RATIO,
    ROUNDING,
    ROW,
    TOTAL,
    UNREADABLE,
    Lookup,
    Outcome,
    PricedLine,
    RatioOutcome,
    Relation,
    Unreadable,
    balance_relations,
    evaluate,
    exact,
    hierarchy_relations,
    priced_lines,
    ratio_outcomes,
    ratio_relations,
    row_relations,
    total_relations,
)
from renja.validate.crosstable import (
    Reconciliation,
    group_findings,
    printed_values,
    reconcile,
    root_id,
)
from renja.validate.sheet import (
    Number,
    Sheet,
    add,
    magnitude,
    rupiah,
    show,
    subtract,
)

SUSPECT = NILAI_DIDUGA_SALAH
UNREADABLE_CHECK = ANGKA_TIDAK_TERBACA
# A corrected value must mend at least this many failing relations to be named a likely typo.
MIN_MENDED = 2

LEVEL_WORDS = {
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub kegiatan",
    "bidang": "Bidang",
    "urusan": "Urusan",
    "skpd": N_("SKPD row"),
    "unit": "Unit (UPTD)",
    "akun": "Akun",
    "kelompok": "Kelompok",
    "jenis": "Jenis",
    "objek": "Objek",
    "rincian_objek": "Rincian objek",
    "sub_rincian_objek": "Sub rincian objek",
    "paket": "Paket",
    "keterangan": "Keterangan",
    "rincian": "Rincian",
}


@dataclass(slots=True)
class Book:
    """Every table's cells; unreadable cells read as their suggested value, if any."""

    sheets: dict[str, Sheet]
    unreadable: set[CellRef]
    suggested: dict[CellRef, Number] = field(default_factory=dict)

    def value(self, cell: CellRef) -> Number | Unreadable | None:
        if cell in self.unreadable:
            return self.suggested.get(cell, UNREADABLE)
        if cell.column is None:  # a whole row holds no one value
            return None
        return self.sheets[cell.table].row(cell.row).number_at(cell.column)

    def with_values(self, values: dict[CellRef, Number]) -> Lookup:
        """The same cells, but some hold other values."""
        return lambda c: values[c] if c in values else self.value(c)

    def cell_finding(
        self,
        check: Check,
        message: str,
        cell: CellRef,
        *,
        expected: Number,
        found: Number,
        difference: Number,
        related: tuple[Related, ...],
        root_cause: str | None = None,
        id: str = "",
    ) -> Finding:
        """A finding about one amount cell, located at its row (source line, code, name)."""
        row = self.sheets[cell.table].row(cell.row)
        return Finding(
            check,
            check.severity,
            message,
            table=cell.table,
            row=cell.row,
            source=row.source,
            kode=row.kode,
            uraian=row.uraian,
            column=cell.column,
            expected=show(expected),
            found=show(found),
            difference=show(difference),
            root_cause=root_cause,
            related=related,
            id=id,
        )


@dataclass(slots=True)
class Diagnosis:
    """What explains each failing relation."""

    roots: dict[Relation, str] = field(default_factory=dict)  # relation -> root finding id
    mended_by: dict[Relation, list[tuple[CellRef, Number]]] = field(default_factory=dict)
    implicated: dict[CellRef, Number] = field(default_factory=dict)  # cell -> mending value
    suspects: list[Finding] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Audited:
    """The findings of a document and what the audit did with each table."""

    findings: list[Finding]
    tables: dict[str, TableAudit]


def sums_of(sheet: Sheet) -> list[Relation]:
    """The sums a table promises: down its hierarchy and in its total rows. None from a table
    the reader could not take in whole: a sum over part of a table is no finding."""
    if not sheet.table.complete:
        return []
    return [*hierarchy_relations(sheet), *total_relations(sheet), *balance_relations(sheet)]


# A relation that fails in this share of the rows it applies to (and in at least MIN_PATTERN of
# them) is no set of typos: the column is not what the relation takes it for (a cumulative
# target, a formula the document prints but does not follow). One finding says so.
PATTERN_SHARE = 0.8
MIN_PATTERN = 5

PatternKey = tuple[str, str, str | None]  # (check, table, column)


def systematic(
    evaluated: list[Outcome], failing: list[Outcome]
) -> tuple[list[Outcome], dict[PatternKey, tuple[list[Outcome], int]]]:
    """Failing relations that fail row after row, apart from the rest."""

    def key(outcome: Outcome) -> PatternKey:
        target = outcome.relation.target
        return (outcome.relation.check, target.table, target.column)

    totals: dict[PatternKey, int] = defaultdict(int)
    for outcome in evaluated:
        totals[key(outcome)] += 1
    bad: dict[PatternKey, list[Outcome]] = defaultdict(list)
    for outcome in failing:
        bad[key(outcome)].append(outcome)
    patterns = {
        k: (v, totals[k])
        for k, v in bad.items()
        if len(v) >= MIN_PATTERN and len(v) >= PATTERN_SHARE * totals[k]
    }
    return [o for o in failing if key(o) not in patterns], patterns


def _pattern_finding(key: PatternKey, bad: list[Outcome], total: int, book: Book) -> Finding:
    check, table, column = key
    first = bad[0].relation
    row = book.sheets[table].row(first.target.row)
    message = (
        _(
            "Column {column} fails the formula '{formula}' in {n} of {total} rows. So many are "
            "no typos one by one: this column is likely not the sum it seems to be, or the "
            "document does not follow the formula it prints. Check this column against the "
            "document; its rows are not reported one by one."
        )
        if check == ROW
        else _(
            "Column {column} fails the sum '{formula}' in {n} of {total} rows. So many are no "
            "typos one by one: this column is likely not the sum it seems to be, or the document "
            "does not follow the formula it prints. Check this column against the document; its "
            "rows are not reported one by one."
        )
    )
    return Finding(
        POLA_HITUNGAN_GAGAL,
        POLA_HITUNGAN_GAGAL.severity,
        message.format(column=column, formula=first.formula, n=len(bad), total=total),
        table=table,
        row=first.target.row,
        source=row.source,
        column=column,
        expected=_("{n} of {total} match").format(n=total - len(bad), total=total),
        found=_("{n} of {total} do not match").format(n=len(bad), total=total),
        related=tuple(o.relation.target for o in bad),
    )


def table_audit(sheet: Sheet, relations: int, ratios: int) -> TableAudit:
    """What the audit did with one table, for the manifest, the report and the summary."""
    table = sheet.table
    if not table.complete:
        return TableAudit(AuditStatus.INCOMPLETE, relations + ratios, "; ".join(table.gaps))
    if relations + ratios:
        return TableAudit(AuditStatus.CHECKED, relations + ratios)
    return TableAudit(AuditStatus.SCHEMA_ONLY, 0, _("this table holds no sums to check"))


def _incomplete_finding(sheet: Sheet) -> Finding:
    table = sheet.table
    return Finding(
        TABEL_TIDAK_LENGKAP,
        TABEL_TIDAK_LENGKAP.severity,
        _(
            "Table {table} was not read whole ({gaps}); its sums are not checked. Check this "
            "table against the document."
        ).format(table=table.table_id, gaps="; ".join(table.gaps)),
        table=table.table_id,
        source=sheet.rows[0].source if sheet.rows else Source(),
    )


def audit(tables: Sequence[CleanTable], earlier: list[Finding]) -> Audited:
    """All findings of a document: the earlier ones (completed) and the audit's own, and what
    the audit did with each table."""
    sheets = [Sheet.of(t) for t in tables]
    unreadable = {
        CellRef(f.table, f.row, f.column): f.found or ""
        for f in earlier
        if f.check == UNREADABLE_CHECK and f.table and f.row and f.column
    }
    recon = reconcile(sheets, unreadable)
    book = Book({s.id: s for s in sheets}, set(unreadable))
    book.suggested = {cell: value for cell, (value, _sources) in recon.candidates.items()}
    by_sheet = {sheet.id: [*row_relations(sheet), *sums_of(sheet)] for sheet in sheets}
    relations = [rel for rels in by_sheet.values() for rel in rels]
    evaluated = [o for r in relations if (o := evaluate(r, book.value))]
    failing = [o for o in evaluated if o.difference != 0]
    rounding = [o for o in failing if is_rounding(o)]
    failing = [o for o in failing if not is_rounding(o)]
    failing, patterns = systematic(evaluated, failing)
    diagnosis = _diagnose(failing, book, recon)
    lines = {sheet.id: priced_lines(sheet) for sheet in sheets}
    priced = {table: [line for line in found if not line.holds] for table, found in lines.items()}
    price_roots = _priced_roots(failing, diagnosis, book, priced)
    known = _known_codes(sheets)
    findings = [_with_candidate(f, recon) for f in earlier]
    for group in recon.groups:
        findings.extend(group_findings(group, diagnosis.implicated))
    findings.extend(diagnosis.suspects)
    for outcome in failing:
        findings.append(_relation_finding(outcome, book, recon, diagnosis, known))
    findings.extend(_rounding_finding(o, book) for o in rounding)
    findings.extend(
        _pattern_finding(key, bad, total, book) for key, (bad, total) in patterns.items()
    )
    coverage: dict[str, TableAudit] = {}
    for sheet in sheets:
        findings.extend(_ratio_findings(sheet))
        findings.extend(_price_finding(book, p, price_roots) for p in priced[sheet.id])
        if not sheet.table.complete:
            findings.append(_incomplete_finding(sheet))
        ratios = len(ratio_relations(sheet)) + len(lines[sheet.id])
        coverage[sheet.id] = table_audit(sheet, len(by_sheet[sheet.id]), ratios)
    return Audited(_elevate_roots(findings), coverage)


# Sums of rounded terms may be off by half a rupiah per term; totals this small are not rounded.
MIN_ROUNDED_TOTAL = 1000


def is_rounding(outcome: Outcome) -> bool:
    """A difference that rounding each term to whole rupiah explains (at most half a rupiah per
    term), on amounts large enough to have been computed (pagu × 1.01).

    >>> from renja.validate.arithmetic import Relation
    >>> from renja.model.refs import CellRef
    >>> cell = CellRef("t01", 1, "pagu_maju")
    >>> relation = Relation(CHILDREN, cell, ((1, cell), (1, cell), (1, cell)), "")
    >>> is_rounding(Outcome(relation, 481106773, 481106774)), is_rounding(Outcome(relation, 9, 7))
    (True, False)
    """
    allowed = max(1, (len(outcome.relation.terms) + 1) // 2)
    if not outcome.relation.money:
        return _rounded_decimals(outcome, allowed)
    difference = magnitude(outcome.difference)
    return 0 < difference <= allowed and magnitude(outcome.found) >= MIN_ROUNDED_TOTAL


def _rounded_decimals(outcome: Outcome, allowed: int) -> bool:
    """A sum of counts is exact, unless its values are printed rounded to some decimals (an area
    in km²): then half a unit of the last decimal per term is rounding.

    >>> from renja.validate.arithmetic import Relation
    >>> from renja.model.refs import CellRef
    >>> cell = CellRef("t01", 1, "luas")
    >>> relation = Relation(TOTAL, cell, ((1, cell), (1, cell)), "", money=False)
    >>> _rounded_decimals(Outcome(relation, Decimal("661.23"), Decimal("661.22")), 1)
    True
    >>> _rounded_decimals(Outcome(relation, 30470, 30469), 1)
    False
    """
    places = [
        -exponent
        for value in (outcome.found, outcome.expected)
        if isinstance(value, Decimal) and isinstance(exponent := value.as_tuple().exponent, int)
    ]
    if not places or max(places) <= 0:
        return False
    unit = Decimal(1).scaleb(-max(places))
    return 0 < magnitude(outcome.difference) <= allowed * unit


def _rounding_finding(outcome: Outcome, book: Book) -> Finding:
    relation = outcome.relation
    cell = relation.target
    return book.cell_finding(
        ROUNDING,
        (
            _(
                "{column} prints {found}, {formula} = {expected}: a difference of {difference} "
                "rupiah, as large as the rounding of its figures."
            )
            if relation.money
            else _(
                "{column} prints {found}, {formula} = {expected}: a difference of {difference}, "
                "as large as the rounding of its figures."
            )
        ).format(
            column=cell.column,
            found=rupiah(outcome.found),
            formula=relation.formula,
            expected=rupiah(outcome.expected),
            difference=rupiah(outcome.difference),
        ),
        cell,
        expected=outcome.expected,
        found=outcome.found,
        difference=outcome.difference,
        related=tuple(c for _sign, c in relation.terms),
    )


def _ratio_findings(sheet: Sheet) -> list[Finding]:
    """A finding per percentage that does not hold; a column whose percentages fail row after
    row (``PATTERN_SHARE``) is one ``pola_hitungan_gagal`` finding: it is not the ratio it was
    taken for."""
    checked: Counter[str] = Counter(check.percent for check, _row in ratio_relations(sheet))
    failing: dict[str | None, list[RatioOutcome]] = defaultdict(list)
    for outcome in ratio_outcomes(sheet):
        failing[outcome.cell.column].append(outcome)
    out: list[Finding] = []
    for column, bad in failing.items():
        total = checked[column or ""]
        if len(bad) >= MIN_PATTERN and len(bad) >= PATTERN_SHARE * total:
            out.append(_ratio_pattern_finding(sheet, bad, total))
        else:
            out.extend(_ratio_finding(sheet, outcome) for outcome in bad)
    return out


def _ratio_pattern_finding(sheet: Sheet, bad: list[RatioOutcome], total: int) -> Finding:
    first = bad[0]
    row = sheet.row(first.cell.row)
    return Finding(
        POLA_HITUNGAN_GAGAL,
        POLA_HITUNGAN_GAGAL.severity,
        _(
            "Column {column} fails the formula '{formula}' in {n} of {total} rows. So many are "
            "no typos one by one: this column is likely not the percentage it seems to be, or "
            "the document does not follow the formula it prints. Check this column against the "
            "document; its rows are not reported one by one."
        ).format(column=first.cell.column, formula=first.formula, n=len(bad), total=total),
        table=sheet.id,
        row=first.cell.row,
        source=row.source,
        column=first.cell.column,
        expected=_("{n} of {total} match").format(n=total - len(bad), total=total),
        found=_("{n} of {total} do not match").format(n=len(bad), total=total),
        related=tuple(o.cell for o in bad),
    )


def _ratio_finding(sheet: Sheet, outcome: RatioOutcome) -> Finding:
    row = sheet.row(outcome.cell.row)
    column = outcome.cell.column
    return Finding(
        RATIO,
        RATIO.severity,
        _(
            "{column} prints {found}%, but {formula} = {expected}% (tolerance {tolerance} points)."
        ).format(
            column=column,
            formula=outcome.formula,
            found=show(outcome.found),
            expected=show(outcome.expected),
            tolerance=show(outcome.tolerance),
        ),
        table=sheet.id,
        row=row.number,
        source=row.source,
        kode=row.kode,
        uraian=row.uraian or row.values.get("sasaran") or row.values.get("indikator"),
        column=column,
        expected=show(outcome.expected),
        found=show(outcome.found),
        difference=show(round(outcome.found - outcome.expected, 2)),
    )


def _rounded(value: Decimal) -> int:
    """A computed amount to the whole rupiah, as documents print amounts.

    >>> _rounded(Decimal("717115.5")), _rounded(Decimal("2700000.00"))
    (717116, 2700000)
    """
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _priced_roots(
    failing: list[Outcome], diagnosis: Diagnosis, book: Book, priced: dict[str, list[PricedLine]]
) -> dict[CellRef, list[Outcome]]:
    """The priced lines whose computed amount mends failing sums nothing else explains: a
    wrong line amount that its parent does not repeat. Each such line is their root cause."""
    fixes = {p.cell: _rounded(p.expected) for outcomes in priced.values() for p in outcomes}
    roots: dict[CellRef, list[Outcome]] = defaultdict(list)
    for outcome in failing:
        if outcome.relation in diagnosis.roots:
            continue
        cell = next((c for c in outcome.relation.cells if c in fixes), None)
        if cell is not None and _holds(outcome, book, {cell: fixes[cell]}):
            roots[cell].append(outcome)
            diagnosis.roots[outcome.relation] = _price_root_id(cell)
    return roots


def _price_root_id(cell: CellRef) -> str:
    return f"harga:{cell.label()}"  # a root cause's id until the findings are numbered


def _price_finding(
    book: Book, outcome: PricedLine, roots: dict[CellRef, list[Outcome]]
) -> Finding:
    """A priced line whose amount is not its coefficient × price (+ PPN)."""
    check, cell = outcome.check, outcome.cell
    quantity = rupiah(_whole(outcome.quantity))
    if outcome.printed and outcome.printed != quantity:
        quantity = f"{outcome.printed} ({quantity})"
    columns = book.sheets[cell.table].columns
    taxed = check.tax is not None and check.tax in columns
    formula = f"{check.quantity} × {check.price}" + (f" + {check.tax}" if taxed else "")
    computation = f"{quantity} × {rupiah(outcome.price)}"
    if taxed and outcome.tax:
        computation += (f" + {rupiah(outcome.tax)}" if outcome.tax_in_rupiah
                        else f" + {show(outcome.tax)}%")  # fmt: skip
    expected = _whole(outcome.expected.quantize(Decimal("0.01")))
    difference = Decimal(exact(outcome.found)) - expected
    message = _(
        "{column} prints {found}, but {formula} = {computation} = {expected} (difference "
        "{difference})."
    ).format(
        column=cell.column,
        found=rupiah(outcome.found),
        formula=formula,
        computation=computation,
        expected=rupiah(expected),
        difference=rupiah(_whole(difference)),
    )
    related: list[Related] = [
        CellRef(cell.table, cell.row, c) for c in (check.quantity, check.price, check.tax)
        if c is not None and c in columns
    ]  # fmt: skip
    mended = roots.get(cell, [])
    if mended:
        message += " " + ngettext(
            "With {fix}, {n} sum that fails now would match.",
            "With {fix}, {n} sums that fail now would match.",
            len(mended),
        ).format(fix=rupiah(_rounded(outcome.expected)), n=len(mended))
        related += [o.relation.target for o in mended]
    return book.cell_finding(
        ROW, message, cell, expected=expected, found=outcome.found, difference=difference,
        related=tuple(related), id=_price_root_id(cell) if mended else "",
    )  # fmt: skip


def _whole(value: Decimal) -> int | Decimal:
    """A computed amount as an integer when it has no fraction.

    >>> _whole(Decimal("2700000.00")), _whole(Decimal("0.50"))
    (2700000, Decimal('0.50'))
    """
    return int(value) if value == value.to_integral_value() else value


def _with_candidate(finding: Finding, recon: Reconciliation) -> Finding:
    """An unreadable cell gets the value the other tables suggest."""
    if finding.check != UNREADABLE_CHECK or not (finding.table and finding.row and finding.column):
        return finding
    if finding.related:  # completed before: a finding read back from an output folder
        return finding
    candidate = recon.candidates.get(CellRef(finding.table, finding.row, finding.column))
    if candidate is None:
        return finding
    value, sources = candidate
    tables = ", ".join(sorted({c.table for c in sources}))
    return replace(
        finding,
        expected=show(value),
        message=finding.message
        + " "
        + _(
            "Other tables ({tables}) record {value} for the same code; that is the value "
            "suggested."
        ).format(tables=tables, value=rupiah(value)),
        related=tuple(sources),
    )


def _holds(outcome: Outcome, book: Book, values: dict[CellRef, Number]) -> bool:
    again = evaluate(outcome.relation, book.with_values(values))
    return again is not None and again.difference == 0


def _diagnose(failing: list[Outcome], book: Book, recon: Reconciliation) -> Diagnosis:
    diagnosis = Diagnosis()
    # One cell at a time first: each mended relation implicates one cell of a disagreement,
    # which clears the other cells of that disagreement for the second pass.
    for outcome in failing:
        cause = _single_mend(outcome, book, recon)
        if cause:
            _blame(diagnosis, outcome, [cause])
    cleared = _cleared(diagnosis, recon)
    for outcome in failing:
        if outcome.relation not in diagnosis.roots:
            joint = _joint_mend(outcome, book, recon, cleared)
            if joint:
                _blame(diagnosis, outcome, joint)
    rest = [o for o in failing if o.relation not in diagnosis.roots]
    for finding, mended in _suspects(rest, book):
        diagnosis.suspects.append(finding)
        for outcome in mended:
            diagnosis.roots[outcome.relation] = finding.id
    return diagnosis


def _blame(diagnosis: Diagnosis, outcome: Outcome, cause: list[tuple[CellRef, Number]]) -> None:
    diagnosis.roots[outcome.relation] = root_id(cause[0][0])
    diagnosis.mended_by[outcome.relation] = cause
    for cell, value in cause:
        diagnosis.implicated.setdefault(cell, value)


def _cleared(diagnosis: Diagnosis, recon: Reconciliation) -> set[CellRef]:
    """Cells of a disagreement without majority whose other cell is already to blame."""
    cleared: set[CellRef] = set()
    for cell in diagnosis.implicated:
        group = recon.group_of.get(cell)
        if group is not None and group.agreed is None:
            cleared.update(p.cell for p in group.known if p.cell != cell)
    return cleared


def _single_mend(
    outcome: Outcome, book: Book, recon: Reconciliation
) -> tuple[CellRef, Number] | None:
    """A cell of a failing relation whose value from another table mends it."""
    for cell in outcome.relation.cells:
        if recon.alternatives.get(cell) and _implicable(cell, recon):
            for value in recon.alternatives[cell]:
                if _holds(outcome, book, {cell: value}):
                    return cell, value
    return None


# At most this many cells are corrected together when looking for the mending combination.
MAX_JOINT = 4


def _joint_mend(
    outcome: Outcome, book: Book, recon: Reconciliation, cleared: set[CellRef]
) -> list[tuple[CellRef, Number]]:
    """Several cells of a failing relation that, corrected together, mend it (fewest first)."""
    corrections = {
        c: v for c, v in _corrections(outcome.relation, recon).items() if c not in cleared
    }
    cells = sorted(corrections)
    for size in range(2, min(MAX_JOINT, len(cells)) + 1):
        for chosen in combinations(cells, size):
            values = {c: corrections[c] for c in chosen}
            if _holds(outcome, book, values):
                return sorted(values.items())
    if len(cells) > MAX_JOINT and _holds(outcome, book, corrections):
        return sorted(corrections.items())
    return []


def _corrections(relation: Relation, recon: Reconciliation) -> dict[CellRef, Number]:
    """For each cell of a relation that departs from the other tables, the value they print:
    the majority's, or without a majority the other table's."""
    out: dict[CellRef, Number] = {}
    for cell in relation.cells:
        group = recon.group_of.get(cell)
        if group is None or not _implicable(cell, recon):
            continue
        out[cell] = group.agreed if group.agreed is not None else recon.alternatives[cell][0]
    return out


def _implicable(cell: CellRef, recon: Reconciliation) -> bool:
    """A cell can be blamed when it departs from the majority, or when there is none."""
    group = recon.group_of[cell]
    return group.agreed is None or any(
        p.cell == cell and p.value != group.agreed for p in group.known
    )


def _suspects(outcomes: list[Outcome], book: Book) -> list[tuple[Finding, list[Outcome]]]:
    """Cells whose one corrected value mends several failing relations: likely typos."""
    mends: dict[tuple[CellRef, Number], list[Outcome]] = defaultdict(list)
    printed: dict[CellRef, Number] = {}  # the readable cells' values (empty reads as 0)
    for outcome in outcomes:
        relation = outcome.relation
        for sign, cell in ((1, relation.target), *relation.terms):
            value = book.value(cell)
            if isinstance(value, Unreadable):
                continue
            current = printed[cell] = value or 0
            target = cell == relation.target
            fix = (
                subtract(current, outcome.difference)
                if target
                else add(current, sign * outcome.difference)
            )
            if (fix >= 0 or current < 0) and _holds(outcome, book, {cell: fix}):  # a signed cell
                mends[(cell, fix)].append(outcome)
    out: list[tuple[Finding, list[Outcome]]] = []
    taken: set[Relation] = set()
    for (cell, fix), mended in sorted(mends.items(), key=lambda kv: (-len(kv[1]), kv[0][0])):
        fresh = [o for o in mended if o.relation not in taken]
        if len(fresh) < MIN_MENDED:
            continue
        taken.update(o.relation for o in fresh)
        current = printed[cell]
        finding = book.cell_finding(
            SUSPECT,
            _(
                "The value of {column} prints {current}; with {fix}, {n} sums that fail now would "
                "match. Likely a typo."
            ).format(column=cell.column, current=rupiah(current), fix=rupiah(fix), n=len(fresh)),
            cell,
            expected=fix,
            found=current,
            difference=subtract(current, fix),
            related=tuple(o.relation.target for o in fresh),
            id=f"duga:{cell.label()}",  # a root cause's id until the findings are numbered
        )
        out.append((finding, fresh))
    return out


def _known_codes(sheets: list[Sheet]) -> dict[str, dict[str, tuple[str, Number]]]:
    """measure -> code -> (table, value): what every table prints, to find missing children."""
    out: dict[str, dict[str, tuple[str, Number]]] = defaultdict(dict)
    for (measure, code), printed in printed_values(sheets, {}).items():
        for p in printed:
            if p.value is not None:
                out[measure].setdefault(code, (p.cell.table, p.value))
    return out


def _relation_finding(
    outcome: Outcome,
    book: Book,
    recon: Reconciliation,
    diagnosis: Diagnosis,
    known: dict[str, dict[str, tuple[str, Number]]],
) -> Finding:
    relation = outcome.relation
    root = diagnosis.roots.get(relation)
    cell = relation.target
    row = book.sheets[cell.table].row(cell.row)
    found, expected, difference = outcome.found, outcome.expected, outcome.difference
    if relation.check == ROW:
        template = _(
            "{formula} = {expected}, but {column} prints {found} (difference {difference})."
        )
    elif relation.check == CHILDREN:
        template = _(
            "{who} prints {found} in column {column}, but {formula} below it = {expected} "
            "(difference {difference})."
        )
    elif relation.check == BALANCE:
        template = _(
            "The balance row {label} prints {found} in column {column}, but {formula} = "
            "{expected} (difference {difference})."
        )
    else:
        template = _(
            "The total row prints {found} in column {column}, but {formula} = {expected} "
            "(difference {difference})."
        )
    level = LEVEL_WORDS.get(str(row.values.get("level")))
    message = template.format(
        formula=relation.formula,
        expected=rupiah(expected),
        column=cell.column,
        found=rupiah(found),
        difference=rupiah(difference),
        who=" ".join(filter(None, [_(level) if level else _("Row"), row.kode])),
        label=f"'{row.uraian}'",
    )
    guessed = [c for c in relation.cells if c in book.unreadable and c in book.suggested]
    if guessed:
        message += " " + _("(The cells that cannot be read count with their suggested value.)")
    mended = diagnosis.mended_by.get(relation, [])
    if mended:
        cells = ", ".join(
            _("row {row} {column} = {value}").format(row=c.row, column=c.column, value=rupiah(v))
            for c, v in mended
        )
        message += " " + _("With the values of other tables ({cells}) this sum matches.").format(
            cells=cells
        )
    elif root is not None:
        message += " " + _("One cell that is likely a typo explains it (see the root cause).")
    else:
        message += _hints(outcome, book, recon, known)
    return book.cell_finding(
        relation.check,
        message,
        cell,
        expected=expected,
        found=found,
        difference=difference,
        root_cause=root,
        related=tuple(c for _sign, c in relation.terms),
    )


def _hints(
    outcome: Outcome,
    book: Book,
    recon: Reconciliation,
    known: dict[str, dict[str, tuple[str, Number]]],
) -> str:
    """What else explains a sum: a child equal to the difference, or a child missing here.

    The difference is taken after every disagreeing cell takes the value most tables print.
    """
    relation = outcome.relation
    agreed = _corrections(relation, recon)
    again = evaluate(relation, book.with_values(agreed)) if agreed else outcome
    gap = magnitude(again.difference if again else outcome.difference)
    gaps = {gap, magnitude(outcome.difference)} - {0}
    hints = []
    for _sign, cell in relation.terms:
        if book.value(cell) in gaps:
            row = book.sheets[cell.table].row(cell.row)
            hints.append(
                _(
                    "the difference equals row {row} ({name}), which may be counted twice or "
                    "left out"
                ).format(row=cell.row, name=row.kode or row.uraian)
            )
    if relation.check in (CHILDREN, TOTAL):
        for value in sorted(gaps):
            hints.extend(_missing_children(relation, book, known, value))
    return (" " + "; ".join(hints)[:1].upper() + "; ".join(hints)[1:] + ".") if hints else ""


def _missing_children(
    relation: Relation, book: Book, known: dict[str, dict[str, tuple[str, Number]]], gap: Number
) -> list[str]:
    """Codes another table prints under this parent, with the gap as their value, that this
    table lacks or leaves empty."""
    sheet = book.sheets[relation.target.table]
    parent = sheet.row(relation.target.row).kode if relation.check == CHILDREN else None
    target = relation.target.column
    column = sheet.table.contract.column(target) if target is not None else None
    measure = column.quantity if column else None
    present = {
        sheet.row(c.row).kode: book.value(c) for _sign, c in relation.terms if sheet.row(c.row).kode
    }
    hints = []
    for code, (table, value) in sorted(known.get(measure or "", {}).items()):
        if value != gap or table == sheet.id:
            continue
        if parent and not code.startswith(parent + "."):
            continue
        if code not in present:
            hint = _("{code} is recorded in {table} with the value {value} but has no row in this "
                     "table")  # fmt: skip
        elif not present[code]:
            hint = _("{code} is recorded in {table} with the value {value} but is empty in this "
                     "table")  # fmt: skip
        else:
            continue
        hints.append(hint.format(code=code, table=table, value=rupiah(value)))
    return hints


def _elevate_roots(findings: list[Finding]) -> list[Finding]:
    """A root cause is as serious as the worst of its consequences."""
    roots = {f.root_cause for f in findings if f.root_cause and f.severity is Severity.ERROR}
    return [
        replace(f, severity=Severity.ERROR) if f.id in roots and f.severity is not Severity.ERROR
        else f
        for f in findings
    ]  # fmt: skip


__all__ = ["CHILDREN", "ROW", "TOTAL", "audit"]
