"""The same quantity in several tables: join by code, compare, say which tables agree.

A Renja prints one sub kegiatan's pagu in Tabel 2.4, 5.1, 5.2, 5.3 and the Lampiran. Columns
that report the same quantity carry the same ``measure`` in ``normalize/kinds.py``
(``pagu_sebelum``, ``pagu_sesudah``, ``pagu_maju``, ``target_…``). For each measure and code, the
values of all tables are compared; the value most tables agree on is the suggestion for the
others. Every other value a table printed is kept as an alternative for the root-cause analysis.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from renja.model.checks import BEDA_ANTAR_TABEL
from renja.model.i18n import N_, _
from renja.model.records import Finding
from renja.model.refs import CellRef
from renja.model.severity import Severity
from renja.validate.sheet import Number, Row, Sheet, rupiah, show, subtract

CHECK = BEDA_ANTAR_TABEL
# Targets disagree far more often than money and carry units; their differences are notes.
TARGET_PREFIX = "target"
MEASURE_LABELS = {
    "pagu_sebelum": N_("pagu before the perubahan (murni)"),
    "pagu_sesudah": N_("pagu after the perubahan"),
    "pagu_maju": N_("pagu of the prakiraan maju"),
    "target_sebelum": N_("target before the perubahan"),
    "target_sesudah": N_("target after the perubahan"),
    "target_maju": N_("target of the prakiraan maju"),
}


@dataclass(frozen=True, slots=True)
class Printed:
    """One table's value for a measure and a code."""

    cell: CellRef
    value: Number | None  # None: the cell was unreadable
    satuan: str | None
    row: Row


@dataclass(slots=True)
class Group:
    """The values several tables print for one measure and one code."""

    measure: str
    kode: str
    known: list[Printed]  # readable values, in table order
    agreed: Number | None  # the value most tables print, if there is a majority

    @property
    def disagrees(self) -> bool:
        return len({p.value for p in self.known}) > 1


@dataclass(slots=True)
class Reconciliation:
    """What the tables say about each other."""

    groups: list[Group] = field(default_factory=list)
    # For each cell that disagrees: the values other tables print (the most common first).
    alternatives: dict[CellRef, list[Number]] = field(default_factory=dict)
    # For each cell of a disagreeing group, the group.
    group_of: dict[CellRef, Group] = field(default_factory=dict)
    # Unreadable cells: the value the other tables suggest, and where it is printed.
    candidates: dict[CellRef, tuple[Number, list[CellRef]]] = field(default_factory=dict)


def _measures(sheet: Sheet) -> list[tuple[str, str]]:
    return [
        (c.quantity, c.name)
        for c in sheet.table.contract.columns
        if c.quantity and c.name in sheet.columns
    ]


def printed_values(
    sheets: Iterable[Sheet], unreadable: Mapping[CellRef, str]
) -> dict[tuple[str, str], list[Printed]]:
    """Every (measure, code) with the value each table prints for it.

    A code printed twice in one table is ambiguous there and left out for that table.
    """
    out: dict[tuple[str, str], list[Printed]] = defaultdict(list)
    for sheet in sheets:
        counts = Counter(r.kode for r in sheet.data_rows() if r.kode)
        for measure, column in _measures(sheet):
            for row in sheet.data_rows():
                if not row.kode or counts[row.kode] > 1:
                    continue
                cell = CellRef(sheet.id, row.number, column)
                value = row.number_at(column)
                if value is None and cell not in unreadable:
                    continue  # nothing printed: nothing to compare
                satuan = row.values.get(f"{column}_satuan")
                out[(measure, row.kode)].append(
                    Printed(cell, value, satuan if isinstance(satuan, str) else None, row)
                )
    return out


def _comparable(values: list[Printed]) -> list[Printed]:
    """Targets compare only within one unit (a missing unit matches any)."""
    units = {p.satuan for p in values if p.satuan}
    if len(units) > 1:
        return []
    return values


def one_digit_apart(printed: str, value: Number) -> bool:
    """Whether ``value`` is the printed digits with one digit put back or taken out.

    >>> one_digit_apart("59.99.800", 59999800), one_digit_apart("59.99.800", 59999900)
    (True, False)
    """
    have = "".join(ch for ch in printed if ch.isdigit())
    want = str(value)
    if abs(len(have) - len(want)) != 1:
        return False
    short, long = sorted((have, want), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def reconcile(sheets: list[Sheet], unreadable: Mapping[CellRef, str]) -> Reconciliation:
    """Compare every measure of every code across tables.

    ``unreadable`` maps each unreadable cell to its text as printed; its suggestion is the value
    the others agree on, or, when they do not agree, the one value that differs from the printed
    digits by one lost or added digit.
    """
    result = Reconciliation()
    for (measure, kode), printed in sorted(printed_values(sheets, unreadable).items()):
        if measure.startswith(TARGET_PREFIX):
            printed = _comparable(printed)
        known = [p for p in printed if p.value is not None]
        if len({p.cell.table for p in printed}) < 2 or not known:
            continue
        ranked = Counter(p.value for p in known if p.value is not None).most_common()
        agreed = ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None
        for p in printed:
            if p.value is None:
                _suggest(result, p.cell, unreadable[p.cell], agreed, known)
        group = Group(measure, kode, known, agreed)
        if not group.disagrees:
            continue
        result.groups.append(group)
        for p in known:
            result.group_of[p.cell] = group
            result.alternatives[p.cell] = [v for v, _score in ranked if v != p.value]
    return result


def _suggest(
    result: Reconciliation,
    cell: CellRef,
    printed: str,
    agreed: Number | None,
    known: list[Printed],
) -> None:
    values = {p.value for p in known if p.value is not None}
    fitting = [v for v in values if one_digit_apart(printed, v)]
    value = agreed if agreed is not None else (fitting[0] if len(fitting) == 1 else None)
    if value is not None:
        result.candidates[cell] = (value, [p.cell for p in known if p.value == value])


def root_id(cell: CellRef) -> str:
    """The id of the finding reporting a disagreeing cell, until findings are numbered."""
    return f"beda:{cell.label()}"


def group_findings(group: Group, implicated: Mapping[CellRef, Number]) -> list[Finding]:
    """The findings of a disagreeing group.

    With a majority, each cell that departs from it is reported, the agreed value suggested.
    Without one, the group is reported once: on the cell that the document's own arithmetic
    implicates (the suggestion is the other table's value that mends it), else on the first.
    """
    label = _(MEASURE_LABELS[group.measure]) if group.measure in MEASURE_LABELS else group.measure
    target = group.measure.startswith(TARGET_PREFIX)
    severity = Severity.INFO if target else CHECK.severity
    fmt = show if target else rupiah
    if group.agreed is None:
        where = next((p for p in group.known if p.cell in implicated), group.known[0])
        suggestion = implicated.get(where.cell)
        listed = "; ".join(f"{p.cell.table}: {fmt(p.value)}" for p in group.known)
        advice = (
            _("the sums of this table match {value}").format(value=fmt(suggestion))
            if suggestion is not None
            else _("check the source document")
        )
        message = _(
            "The value of {label} for code {kode} differs between tables with no majority "
            "({listed}); {advice}."
        ).format(label=label, kode=group.kode, listed=listed, advice=advice)
        others = tuple(p.cell for p in group.known if p is not where)
        return [_finding(where, group.kode, severity, suggestion, message, others)]
    agreeing = [p for p in group.known if p.value == group.agreed]
    findings = []
    for p in group.known:
        if p.value == group.agreed:
            continue
        message = _(
            "The value of {label} for code {kode} prints {value} in {table}, while {others} "
            "record {agreed}; the value suggested: {agreed}."
        ).format(
            label=label,
            kode=group.kode,
            value=fmt(p.value),
            table=p.cell.table,
            others=_table_list(agreeing),
            agreed=fmt(group.agreed),
        )
        related = tuple(q.cell for q in agreeing)
        findings.append(_finding(p, group.kode, severity, group.agreed, message, related))
    return findings


def _table_list(cells: Iterable[Printed]) -> str:
    return ", ".join(sorted({p.cell.table for p in cells}))


def _finding(
    printed: Printed,
    kode: str,
    severity: Severity,
    agreed: Number | None,
    message: str,
    related: tuple[CellRef, ...],
) -> Finding:
    return Finding(
        CHECK,
        severity,
        message,
        table=printed.cell.table,
        row=printed.cell.row,
        source=printed.row.source,
        kode=kode,
        uraian=printed.row.uraian,
        column=printed.cell.column,
        expected=show(agreed) if agreed is not None else None,
        found=show(printed.value),
        difference=(
            show(subtract(printed.value, agreed))
            if agreed is not None and printed.value is not None
            else None
        ),
        related=related,
        id=root_id(printed.cell),
    )
