"""A raw table in, a clean typed table out: aligned, merged, read, with every change logged.

``clean_table`` is the normalize stage for one table: ``map_columns`` → ``align_row`` →
``merge_continuations`` → ``fold_group_footers`` → ``clean_row`` for each row (``read_cell``,
the label repairs, ``classify_row``, the row's findings: ``renja.normalize.clean_row``) → a typed
frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import pandas as pd

from renja.model.contract import (
    ROW_COLUMNS,
    SPARSE_COLUMNS,
    CellType,
    Column,
    TableContract,
    TableStatus,
    is_sparse,
)
from renja.model.i18n import _, ngettext
from renja.model.missing import is_missing
from renja.model.records import Finding, RawRow, RawTable, Repair, RowRole
from renja.model.tables import CleanTable
from renja.normalize.align import align_row, fill_rates
from renja.normalize.clean_row import RowLog, clean_row
from renja.normalize.continuation import (
    CODE_TYPES,
    TEXT_TYPES,
    LogicalRow,
    merge_continuations,
)
from renja.normalize.groups import fold_group_footer, footer_of, group_folds, heading_of
from renja.normalize.infer import label_value_columns
from renja.normalize.labels import name_slot
from renja.normalize.record_amounts import lift_record_amount, record_amount_lines
from renja.normalize.row_kind import unlabelled_rows
from renja.normalize.row_sums import row_sums
from renja.normalize.spanned import drop_repeated_record, drop_spanned_repeats
from renja.normalize.values import CellReader, ReadContext


@dataclass(slots=True)
class Cleaned:
    """What cleaning one table gives: the table, its repairs and its findings."""

    table: CleanTable
    repairs: list[Repair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _logical_rows(raw: RawTable, columns: tuple[Column, ...]) -> list[LogicalRow]:
    """The table's body rows with text, each aligned to the columns (``align_row``)."""
    rows: list[LogicalRow] = []
    body = [r for r in raw.rows if r.role is RowRole.BODY and any(c.strip() for c in r.cells)]
    fill = fill_rates([r.cells for r in body], len(columns))
    name = name_slot(columns)
    for row in body:
        aligned = align_row(row.cells, columns, fill)
        # A spanned cell's copies go before rows are merged: a name written across the grid
        # would otherwise keep its detail line (indicators, targets, pagu) from joining it.
        spanned = [(first, copy, aligned.cells[first].strip())
                   for first, copy in drop_spanned_repeats(aligned.cells, columns)]  # fmt: skip
        rows.append(
            LogicalRow(
                aligned.cells,
                row.source,
                row.bold,
                page_top=row.page_top,
                merged=list(row.joined),
                moved=aligned.moved,
                overflow=aligned.overflow,
                indent=printed_indent(row, name, aligned.moved),
                spanned=spanned,
            )
        )
    return rows


def printed_indent(row: RawRow, slot: int | None, moved: Sequence[tuple[int, int]]) -> float | None:
    """The indentation of the cell that landed in ``slot``, when the reader measured it."""
    if slot is None or len(row.indents) != len(row.cells):
        return None
    printed = next((p for p, s in moved if s == slot), slot)
    return row.indents[printed] if printed < len(row.indents) else None


# Column types that name a row: its code, number or name.
LABEL_TYPES = TEXT_TYPES | CODE_TYPES | {CellType.NO, CellType.MIXED}


def clean_table(raw: RawTable, contract: TableContract, ctx: ReadContext) -> Cleaned:
    """Clean one raw table under its contract: align and merge its rows, then clean each row
    (``clean_row``) and type the records (``_frame``). The clean table has the raw table's id."""
    table_id = raw.table_id
    slots = contract.columns
    rows, merge_log = merge_continuations(_logical_rows(raw, slots), slots)
    rows, merge_log = fold_group_footers(rows, merge_log, slots)
    merge_log = lift_record_amounts(rows, merge_log, slots)
    logs = [RowLog(table_id, index, row.source) for index, row in enumerate(rows, start=1)]
    _drop_repeated_records(rows, logs, slots)
    reader = CellReader(slots, ctx)
    records = [clean_row(row, log, contract, reader) for row, log in zip(rows, logs, strict=True)]
    names = [s.name for s in slots if s.ctype in LABEL_TYPES]
    kinds = unlabelled_rows(
        [str(r.get("jenis_baris")) for r in records],
        [any(r.get(name) not in (None, "") for name in names) for r in records],
    )
    for record, kind in zip(records, kinds, strict=True):
        record["jenis_baris"] = kind
    repairs = [repair for log in logs for repair in log.repairs]
    repairs += _merge_repairs(merge_log, logs, slots)
    findings = [finding for log in logs for finding in log.findings]
    summed = row_sums([r for r in records if r.get("jenis_baris") in ("data", "total")],
                      slots, contract.row_checks)  # fmt: skip
    if summed:
        contract = replace(contract, row_checks=(*contract.row_checks, *summed))
    frame = _frame(records, contract)
    bold = tuple(row.bold for row in rows)
    indents = tuple(row.indent for row in rows)
    sources = tuple((row.source, *row.merged) for row in rows)
    gaps = table_gaps(raw, contract, sum(bool(row.overflow) for row in rows))
    table = CleanTable(contract, raw, frame, gaps=gaps, bold=bold, indents=indents,
                       sources=sources)  # fmt: skip
    return Cleaned(table, repairs, findings)


MergeLog = list[tuple[int, int, str, str, str]]  # (row, slot, tail, merged text, rule)


def fold_group_footers(
    rows: list[LogicalRow], merge_log: MergeLog, slots: Sequence[Column]
) -> tuple[list[LogicalRow], MergeLog]:
    """Each group's subtotal line (``Sub Total Kegiatan 3.27.01.2.01``) folded into the group's
    heading row (``group_folds``): its amounts go to the heading's empty amount cells, its line
    joins the heading's ``baris_gabungan``, and it is no row of its own. Each moved cell is
    logged (rule ``fold_group_footer``, on the heading's row)."""
    folds = group_folds([heading_of(r.cells, slots) for r in rows],
                        [footer_of(r.cells, slots) for r in rows])  # fmt: skip
    if not folds:
        return rows, merge_log
    moves: MergeLog = []
    rule = fold_group_footer.__name__
    for footer, heading in folds.items():
        target = rows[heading]
        for k in fold_group_footer(target.cells, rows[footer].cells, slots):
            text = target.cells[k].strip()
            moves.append((heading, k, text, text, rule))
        target.merged.extend([rows[footer].source, *rows[footer].merged])
    kept = [i for i in range(len(rows)) if i not in folds]
    new_index = {old: new for new, old in enumerate(kept)}
    new_index.update({footer: new_index[heading] for footer, heading in folds.items()})
    log = [(new_index[e[0]], e[1], e[2], e[3], e[4]) for e in [*merge_log, *moves]]
    return [rows[i] for i in kept], log


def lift_record_amounts(
    rows: Sequence[LogicalRow], merge_log: MergeLog, slots: Sequence[Column]
) -> MergeLog:
    """Each record's amounts printed on one of its indicator lines moved to the record's row
    (``record_amounts``), logged on it (rule ``lift_record_amount``). Rows change in place."""
    moves: MergeLog = []
    for line, record in record_amount_lines([r.cells for r in rows], slots).items():
        for k in lift_record_amount(rows[record].cells, rows[line].cells, slots):
            text = rows[record].cells[k].strip()
            moves.append((record, k, text, text, lift_record_amount.__name__))
    return [*merge_log, *moves]


def _drop_repeated_records(
    rows: Sequence[LogicalRow], logs: Sequence[RowLog], slots: Sequence[Column]
) -> None:
    """A record printed again on each line of its indicators (``drop_repeated_record``): the
    copies emptied, each logged. Every line is compared with the last record printed whole."""
    record: list[str] | None = None
    for row, log in zip(rows, logs, strict=True):
        printed = list(row.cells)
        emptied = drop_repeated_record(record, row.cells, slots) if record is not None else []
        for k in emptied:
            log.log_repair(slots[k].name, printed[k].strip(), "", drop_repeated_record.__name__)
        if not emptied:
            record = printed


def _merge_repairs(
    merge_log: Sequence[tuple[int, int, str, str, str]],
    logs: Sequence[RowLog],
    slots: Sequence[Column],
) -> list[Repair]:
    """The repairs of ``merge_continuations``: each cell a wrapped line was joined into."""
    return [
        logs[target_row].repair(slots[slot_index].name, tail, merged, rule)
        for target_row, slot_index, tail, merged, rule in merge_log
    ]


def table_gaps(raw: RawTable, contract: TableContract, unplaced: int) -> tuple[str, ...]:
    """Why a clean table may not hold its whole table: rows with cells that fit no column, or
    no header of its own (an inferred table that may be the rest of another; not lines of
    ``Label : value``, which have none).

    >>> from renja.model.contract import TableStatus
    >>> from renja.model.records import RawRow, Source
    >>> headless = RawTable("t01", "", [RawRow(["1", "2.000.000"], Source(1))], "test")
    >>> table_gaps(headless, TableContract("tabel", "", TableStatus.INFERRED, ()), 2)
    ('2 baris memuat sel yang tidak cocok dengan kolom mana pun', 'tabel tanpa judul kolom')
    """
    gaps = []
    if unplaced:
        gaps.append(
            ngettext(
                "{n} row holds cells that fit no column",
                "{n} rows hold cells that fit no column",
                unplaced,
            ).format(n=unplaced)
        )
    if contract.status is TableStatus.INFERRED and not raw.header and not _label_list(raw):
        gaps.append(_("a table without column headers"))
    return tuple(gaps)


def _label_list(raw: RawTable) -> bool:
    """Rows of ``Label : value`` (the header block of an RKA, ruled or printed as lines:
    ``infer.label_value_columns``): such a list has no column headers to miss."""
    body = [r for r in raw.rows if r.role is RowRole.BODY]
    return label_value_columns(body) is not None


_INT64 = 2**63 - 1  # larger whole numbers (never read: ``bounded``) would stay exact decimals


def _frame(records: list[dict[str, Any]], contract: TableContract) -> pd.DataFrame:
    """Records to a typed DataFrame with the contract's column order.

    Each column is typed from its list of values and the frame made once: a frame changed
    column by column costs milliseconds a table in pandas' bookkeeping (a document of 10,000
    small tables spent most of its cleaning there).
    """
    amounts = {name for name, kind in contract.value_kinds().items() if kind == "exact"}
    columns = list(ROW_COLUMNS)
    for name in contract.outputs():
        if name not in columns:
            columns.append(name)
    if "level" not in columns:
        columns.insert(len(ROW_COLUMNS), "level")
    columns.extend(SPARSE_COLUMNS)
    data: dict[str, Any] = {}
    for name in columns:
        values = [r.get(name) for r in records]
        if is_sparse(name) and all(is_missing(v) for v in values):
            continue
        data[name] = _typed(name, values, name in amounts)
    return pd.DataFrame(data, columns=list(data), index=pd.RangeIndex(len(records)))


def _typed(name: str, values: list[Any], amount: bool) -> Any:
    """One column of a clean table: amounts exact (Int64, else Decimal objects: integers never
    pass through float), rates Float64, row places Int64, the rest objects."""
    if name in ("baris", "sumber_baris", "halaman"):
        return pd.array(values, dtype="Int64")
    present = [v for v in values if v is not None]
    if amount and all(isinstance(v, int) and _INT64 >= v >= -_INT64 for v in present):
        return pd.array(values, dtype="Int64")
    if amount:
        return pd.Series([None if v is None else Decimal(v) for v in values], dtype=object)
    if present and all(isinstance(v, float) for v in present):
        return pd.array(values, dtype="Float64")
    return pd.Series(values, dtype=object)
