"""One row of a clean table: its cells read, the repairs that moved them, its findings.

``clean_row`` cleans one aligned, merged row (``LogicalRow``) in steps, each a function here:

1. ``repair_band_heading``: a group band's ``Program : code name`` splits into code and name;
   ``repair_code_label``: a label printed across the code column moves to the name column;
2. ``read_cells``: every cell read under its column (``read_cell``), with the rules that
   repaired it and the cells that could not be read;
3. ``log_alignment``: the cells the aligner moved from where they were printed;
4. ``repair_number_label``: a label printed in the number column moves to the name column;
5. ``set_kind_and_level`` and ``set_origin``: the row's kind and level, and where it came
   from (``baris_gabungan``, ``sisa``);
6. ``overflow_findings`` and ``unreadable_findings``: the cells that fit no column and the
   cells that could not be read.

Every repair and finding is located at the row by its ``RowLog``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from renja.model.checks import (
    ANGKA_TIDAK_TERBACA,
    KODE_TIDAK_TERBACA,
    SEL_TIDAK_TERPETAKAN,
    Check,
)
from renja.model.contract import NUMERIC_TYPES, CellType, Column, TableContract
from renja.model.i18n import _
from renja.model.records import Finding, Repair, Source
from renja.normalize.align import align_row
from renja.normalize.continuation import LogicalRow
from renja.normalize.glued import glued_cells, split_amount_from_words
from renja.normalize.groups import split_band_heading
from renja.normalize.labels import move_code_label, move_code_piece, move_label_to_uraian
from renja.normalize.row_kind import classify_row, level_from_name, line_level
from renja.normalize.spanned import drop_spanned_repeats
from renja.normalize.values import CellReader


@dataclass(slots=True)
class RowLog:
    """The repairs and findings of one row, each located at it: table, row number, source."""

    table_id: str
    row: int  # the row's number in the clean table (``baris``)
    source: Source
    repairs: list[Repair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def repair(
        self, column: str, raw: str, clean: str, rule: str, origin: str | None = None
    ) -> Repair:
        """A repair of this row's cell in ``column``, not yet logged."""
        return Repair(self.table_id, self.row, column, raw, clean, rule, self.source, origin=origin)

    def log_repair(
        self, column: str, raw: str, clean: str, rule: str, origin: str | None = None
    ) -> None:
        """Log a repair of this row's cell in ``column``."""
        self.repairs.append(self.repair(column, raw, clean, rule, origin))

    def log_finding(
        self,
        check: Check,
        message: str,
        values: Mapping[str, Any],
        found: str,
        column: str | None = None,
    ) -> None:
        """Log a finding about this row (``values``: its clean values, for its code and name)."""
        self.findings.append(
            Finding(
                check,
                check.severity,
                message,
                table=self.table_id,
                row=self.row,
                source=self.source,
                kode=values.get("kode"),
                uraian=values.get("uraian"),
                column=column,
                found=found,
            )
        )


class Unreadable(NamedTuple):
    """A cell that could not be read: its value is left empty and becomes a finding."""

    column: str  # the clean column the problem is about
    cell: str  # the cell as printed
    problem: str  # why, from its reader
    numeric: bool  # an amount or a number (else a code)


def clean_row(
    row: LogicalRow, log: RowLog, contract: TableContract, reader: CellReader
) -> dict[str, Any]:
    """The clean values of one row (its cells read by ``reader``, for the contract's columns),
    its repairs and findings logged in ``log``."""
    slots = contract.columns
    repair_spanned_repeats(row, slots, log)
    repair_band_heading(row, slots, log)
    repair_code_label(row, slots, log)
    repair_code_piece(row, slots, log)
    repair_glued_amount(row, slots, log)
    values: dict[str, Any] = {
        "baris": log.row,
        "sumber_baris": row.source.line,
        "halaman": row.source.page,
    }
    unreadable = read_cells(row.cells, slots, reader, log, values)
    log_alignment(row, slots, log)
    moved_label = repair_number_label(values, log)
    set_kind_and_level(values, contract, moved_label)
    set_origin(values, row)
    overflow_findings(row, values, log)
    unreadable_findings(unreadable, values, log)
    return values


def repair_spanned_repeats(row: LogicalRow, slots: Sequence[Column], log: RowLog) -> None:
    """Log the copies of a cell printed once per column it spans, emptied when the rows were
    read (before any was merged: ``clean._logical_rows``)."""
    for first, copy, text in row.spanned:
        log.log_repair(slots[copy].name, text, "", drop_spanned_repeats.__name__, slots[first].name)


def repair_glued_amount(row: LogicalRow, slots: Sequence[Column], log: RowLog) -> None:
    """Split an amount from the words of the next column printed against it (before
    reading): the amount to its amount column, the words to theirs."""
    rule = split_amount_from_words.__name__
    for glued in glued_cells(row.cells, slots):
        text, origin = row.cells[glued.printed].strip(), slots[glued.printed].name
        row.cells[glued.amount_slot] = glued.amount
        log.log_repair(slots[glued.amount_slot].name, text, glued.amount, rule, origin)
        if glued.words_slot is not None:
            row.cells[glued.words_slot] = glued.words
            log.log_repair(slots[glued.words_slot].name, text, glued.words, rule, origin)


def repair_band_heading(row: LogicalRow, slots: Sequence[Column], log: RowLog) -> None:
    """Split a group band's heading (``Program : 3.27.01 PROGRAM …``) into its code and its
    name (before reading): each cell as printed, with what it became."""
    printed = list(row.cells)
    split = split_band_heading(row.cells, slots)
    if split is None:
        return
    rule = split_band_heading.__name__
    code, name = split
    source = code if printed[code].strip() else name
    for k in (code, name):
        if printed[k].strip() != row.cells[k]:
            origin = slots[source].name if k != source else None
            log.log_repair(slots[k].name, printed[source].strip(), row.cells[k], rule, origin)


def repair_code_label(row: LogicalRow, slots: Sequence[Column], log: RowLog) -> None:
    """Move a label printed across the code column to the empty name column (before reading)."""
    label_move = move_code_label(row.cells, slots)
    if label_move is not None:
        moved_from, moved_to = label_move
        text = row.cells[moved_to].strip()
        origin = slots[moved_from].name
        log.log_repair(slots[moved_to].name, text, text, move_code_label.__name__, origin)


def repair_code_piece(row: LogicalRow, slots: Sequence[Column], log: RowLog) -> None:
    """Give a kegiatan code the sub kegiatan segment printed against its name (before
    reading): the code's and the name's cells as printed, each with what it became."""
    printed = list(row.cells)
    moved = move_code_piece(row.cells, slots)
    if moved is not None:
        name, code = moved
        rule = move_code_piece.__name__
        log.log_repair(slots[code].name, printed[code].strip(), row.cells[code], rule,
                       slots[name].name)  # fmt: skip
        log.log_repair(slots[name].name, printed[name].strip(), row.cells[name], rule)


def read_cells(
    cells: Sequence[str],
    slots: Sequence[Column],
    reader: CellReader,
    log: RowLog,
    values: dict[str, Any],
) -> list[Unreadable]:
    """Read each cell under its column (``read_cell``, through ``reader``) into ``values``; log
    the rules that repaired a cell and return the cells that could not be read."""
    unreadable: list[Unreadable] = []
    for k, slot in enumerate(slots):
        cell = cells[k]
        reading = reader.read(k, cell)
        values.update(reading.values)
        if reading.rules:
            log.log_repair(slot.name, cell.strip(), reading.display, "+".join(reading.rules))
        if reading.problem:
            numeric = slot.ctype in NUMERIC_TYPES
            column = reading.problem_column or slot.name
            unreadable.append(Unreadable(column, cell.strip(), reading.problem, numeric))
    return unreadable


def log_alignment(row: LogicalRow, slots: Sequence[Column], log: RowLog) -> None:
    """Log each cell the aligner (``align_row``) moved, with the raw column it was printed in."""
    for printed, slot_index in row.moved:
        text = row.cells[slot_index].strip()
        log.log_repair(
            slots[slot_index].name, text, text, align_row.__name__, origin=f"kolom_{printed + 1}"
        )


def repair_number_label(values: dict[str, Any], log: RowLog) -> bool:
    """Move a footer label read in the number column to the name column (after reading)."""
    if not move_label_to_uraian(values):
        return False
    target = "uraian" if "uraian" in values else "sasaran"
    text = str(values[target])
    log.log_repair(target, text, text, move_label_to_uraian.__name__, origin="no")
    return True


def set_kind_and_level(values: dict[str, Any], contract: TableContract, moved_label: bool) -> None:
    """Set the row's kind (``jenis_baris``) and, when no code gave one, its level.

    A row whose label moved out of the number column is a footer (``ringkasan``) unless it is a
    total; a row without a level takes the one its form's lines or its own name state.
    """
    amounts = [s.name for s in contract.columns if s.ctype is CellType.RUPIAH]
    texts = [s.name for s in contract.columns if s.ctype is CellType.TEXT][:1]
    values["jenis_baris"] = classify_row(values, amounts, ("uraian", "sasaran", *texts))
    if moved_label and values["jenis_baris"] == "data":
        values["jenis_baris"] = "ringkasan"
    if values.get("level") is None:
        values["level"] = line_level(contract, values, amounts) or level_from_name(
            str(values.get("uraian") or "")
        )


def set_origin(values: dict[str, Any], row: LogicalRow) -> None:
    """Set where the row came from beyond its own line: the lines merged into it
    (``baris_gabungan``) and the cells that fit no column (``sisa``)."""
    values["baris_gabungan"] = row.merged_lines() or None
    values["sisa"] = " | ".join(text for _position, text in row.overflow) or None


def overflow_findings(row: LogicalRow, values: Mapping[str, Any], log: RowLog) -> None:
    """A finding for each cell that fits no column (kept in ``sisa``)."""
    for position, text in row.overflow:
        log.log_finding(
            SEL_TIDAK_TERPETAKAN,
            _("Cell '{text}' (column {position}) fits no column; it is kept in the column 'sisa'.")
            .format(text=text, position=position + 1),
            values,
            found=text,
        )


def unreadable_findings(
    unreadable: Sequence[Unreadable], values: Mapping[str, Any], log: RowLog
) -> None:
    """A finding for each cell that could not be read as a number or a code (left empty)."""
    for column, cell, problem, numeric in unreadable:
        check = ANGKA_TIDAK_TERBACA if numeric else KODE_TIDAK_TERBACA
        message = (
            _(
                "Cell '{cell}' in column {column} cannot be read as a number ({problem}); its "
                "value is left empty, another table may hold the right value."
            )
            if numeric
            else _(
                "Cell '{cell}' in column {column} cannot be read as a code ({problem}); its value "
                "is left empty, another table may hold the right value."
            )
        )
        log.log_finding(
            check,
            message.format(cell=cell, column=column, problem=problem),
            values,
            found=cell,
            column=column,
        )
