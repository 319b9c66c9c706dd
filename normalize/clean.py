"""A raw table in, a clean typed table out: aligned, merged, read, with every change logged.

``clean_table`` is the normalize stage for one table:
``map_columns`` → ``align_row`` → ``merge_continuations`` → ``read_cell`` → ``classify_row``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd

from renja.model.checks import ANGKA_TIDAK_TERBACA, KODE_TIDAK_TERBACA, SEL_TIDAK_TERPETAKAN
from renja.model.contract import (
    ROW_COLUMNS,
    SPARSE_COLUMNS,
    SPARSE_SUFFIXES,
    CellType,
    Column,
    TableContract,
    TableStatus,
)
from renja.model.records import Finding, RawTable, Repair, RowRole
from renja.model.tables import CleanTable
from renja.normalize.align import align_row, fill_rates
from renja.normalize.continuation import LogicalRow, merge_continuations
from renja.normalize.kode import looks_like_kode
from renja.normalize.values import ReadContext, read_cell

_TOTAL_LABEL = re.compile(r"^\W*(?:jumlah|total|grand\s+total|sub\s*total)\b", re.IGNORECASE)
# A balance, not a sum: pendapatan minus belanja, penerimaan minus pengeluaran pembiayaan.
_BALANCE_LABEL = re.compile(
    r"surplus|defisit|\bnett?o\b|sisa\s+lebih\s+(?:pembiayaan|perhitungan)\s+anggaran\s+tahun\s+berkenaan|"
    r"\bsilpa\b(?!.*sebelumnya)",
    re.IGNORECASE,
)
_ROW_NUMBER = re.compile(
    r"^\(?[0-9]{1,3}(?:\.[0-9]{1,3}){0,4}[a-z]?\)?\.?$|^[a-z]\.?$|^[IVXLC]{1,6}\.?$", re.IGNORECASE
)
_PROGRAM = re.compile(r"^program\b", re.IGNORECASE)
# Rows titled by their level ("Kegiatan Penegakan …", "Sub Kegiatan Penyusunan …"; "Kegitan"
# is a typo the documents make).
_KEGIATAN = re.compile(r"^keg[ia]{1,2}tan\b", re.IGNORECASE)
_SUB_KEGIATAN = re.compile(r"^sub\s*-?\s*keg[ia]{1,2}tan\b", re.IGNORECASE)
# A row naming an urusan (wajib or pilihan, or the supporting unsur), or a bidang: a division
# of the agency, or a bidang urusan, which documents also title "URUSAN …" (URUSAN
# PEMBERDAYAAN PEREMPUAN is bidang 2.08).
_URUSAN = re.compile(r"^(?:urusan\s+pemerintahan\s+(?:wajib|pilihan)|unsur)\b", re.IGNORECASE)
_BIDANG = re.compile(r"^(?:urusan|bidang)\b", re.IGNORECASE)
# A technical unit of the agency, whose programs the agency's total adds beside its bidang.
_UNIT = re.compile(r"^(?:uptd?|unit\s+pelaksana)\b", re.IGNORECASE)
# A row naming the agency itself (the SKPD's total line in many forms).
_SKPD_NAME = re.compile(
    r"^(?:badan|dinas|sekretariat|inspektorat|satuan|kantor|kecamatan|rsud|rumah sakit)\b",
    re.IGNORECASE,
)
INDICATOR_COLUMNS = ("indikator", "indikator_sebelum", "indikator_sesudah")
_NUMBER_PROBLEM_TYPES = {CellType.RUPIAH, CellType.PERCENT, CellType.TARGET, CellType.NUMBER}


@dataclass(slots=True)
class Cleaned:
    """What cleaning one table gives: the table, its repairs and its findings."""

    table: CleanTable
    repairs: list[Repair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _logical_rows(raw: RawTable, columns: tuple[Column, ...]) -> list[LogicalRow]:
    rows: list[LogicalRow] = []
    body = [r for r in raw.rows if r.role is RowRole.BODY and any(c.strip() for c in r.cells)]
    fill = fill_rates([r.cells for r in body], len(columns))
    for row in body:
        aligned = align_row(row.cells, columns, fill)
        rows.append(
            LogicalRow(
                aligned.cells,
                row.source,
                row.bold,
                page_top=row.page_top,
                merged=list(row.joined),
                moved=aligned.moved,
                overflow=aligned.overflow,
            )
        )
    return rows


def classify_row(values: dict[str, Any], amounts: list[str]) -> str:
    """What a clean row is: ``data``, ``total`` (a JUMLAH row) or ``ringkasan`` (a footer label).

    >>> classify_row({"uraian": "JUMLAH", "pagu": 1}, ["pagu"])
    'total'
    >>> classify_row({"uraian": None, "kode": None, "pagu": 714257900}, ["pagu"])
    'total'
    >>> classify_row({"uraian": "Penyediaan Gaji", "pagu": 1}, ["pagu"])
    'data'
    >>> classify_row({"uraian": "Total Surplus/(Defisit)", "pagu": 1}, ["pagu"])
    'ringkasan'
    >>> classify_row({"uraian": None, "indikator": "CAKUPAN PELAYANAN", "target": 100}, [])
    'indikator'
    """
    label = values.get("uraian") or values.get("sasaran") or ""
    if _BALANCE_LABEL.search(str(label)):
        return "ringkasan"
    if _TOTAL_LABEL.match(str(label)):
        return "total"
    named = any(values.get(k) for k in ("kode", "kode_cetak", "no", "uraian", "sasaran", "tujuan"))
    if not named and any(values.get(k) for k in INDICATOR_COLUMNS):
        return "indikator"
    texts = [v for k, v in values.items() if isinstance(v, str) and k not in ("jenis_baris",)]
    has_amount = any(values.get(a) not in (None, 0) for a in amounts)
    if has_amount and not texts:
        return "total"
    return "data"


def _level_from_name(name: str) -> str | None:
    """The level a row without a code states in its own name.

    >>> _level_from_name("PROGRAM KEPEGAWAIAN DAERAH"), _level_from_name("BADAN KEPEGAWAIAN")
    ('program', 'skpd')
    >>> [_level_from_name(n) for n in ("BIDANG BINA KONSTRUKSI", "URUSAN PEMBERDAYAAN PEREMPUAN",
    ...                                  "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN")]
    ['bidang', 'bidang', 'urusan']
    >>> _level_from_name("UPTD PERLINDUNGAN PEREMPUAN DAN ANAK")
    'unit'
    >>> [_level_from_name(n) for n in ("Kegitan Administrasi", "Sub Kegiatan Penyediaan")]
    ['kegiatan', 'sub_kegiatan']


    """
    if _PROGRAM.match(name):
        return "program"
    if _SUB_KEGIATAN.match(name):
        return "sub_kegiatan"
    if _KEGIATAN.match(name):
        return "kegiatan"
    if _URUSAN.match(name):
        return "urusan"
    if _UNIT.match(name):
        return "unit"
    if _BIDANG.match(name):
        return "bidang"
    if _SKPD_NAME.match(name):
        return "skpd"
    return None


def line_level(contract: TableContract, values: dict[str, Any], amounts: list[str]) -> str | None:
    """The level of a code-less line of a form that says (a budget's ``[#]`` package lines).

    >>> from renja.model.contract import TableStatus
    >>> lines = TableContract("rincian_belanja", "", TableStatus.FORM, (),
    ...     line_levels=((r"^\\s*\\[#\\]", "paket"),), default_level="rincian")
    >>> line_level(lines, {"uraian": "[#] Honorarium PPK", "jumlah": 1}, ["jumlah"])
    'paket'
    >>> line_level(lines, {"uraian": "Snack Rapat", "jumlah": 54600000}, ["jumlah"])
    'rincian'
    """
    name = str(values.get("uraian") or "")
    for pattern, level in contract.line_levels:
        if re.match(pattern, name):
            return level
    if contract.default_level and any(values.get(a) is not None for a in amounts):
        return contract.default_level
    return None


_CODE_TYPES = (CellType.KODE, CellType.REKENING)
_WORD = re.compile(r"[A-Za-z]{3,}")


def move_code_label(cells: list[str], slots: Sequence[Column]) -> tuple[int, int] | None:
    """A label printed across the code column (``Grand Total :``) goes to the empty name column.

    Returns (from, to) slot indexes when it moved the text.

    >>> slots = [Column("kode_rekening", CellType.REKENING), Column("uraian", CellType.TEXT)]
    >>> cells = ["Grand Total :", ""]
    >>> move_code_label(cells, slots), cells
    ((0, 1), ['', 'Grand Total :'])
    >>> move_code_label(["5.1.02", ""], slots)
    """
    names = [s.name for s in slots]
    if "uraian" not in names:
        return None
    to = names.index("uraian")
    if cells[to].strip():
        return None
    for k, slot in enumerate(slots):
        text = cells[k].strip()
        if slot.ctype in _CODE_TYPES and text and _WORD.search(text):
            if looks_like_kode(text):
                return None
            cells[to], cells[k] = text, ""
            return k, to
    return None


def move_label_to_uraian(values: dict[str, Any]) -> bool:
    """A footer label printed in the number column goes to the name column.

    >>> row = {"no": "Predikat kinerja", "uraian": None}
    >>> move_label_to_uraian(row), row
    (True, {'no': None, 'uraian': 'Predikat kinerja'})
    >>> move_label_to_uraian({"no": "12.", "uraian": "Program"})
    False
    >>> move_label_to_uraian({"no": "1.2.3", "uraian": None}), move_label_to_uraian({"no": "IV"})
    (False, False)
    """
    label = values.get("no")
    if not label or _ROW_NUMBER.match(str(label)):
        return False
    target = "uraian" if "uraian" in values else "sasaran" if "sasaran" in values else None
    if target is None or values.get(target):
        return False
    values[target], values["no"] = label, None
    return True


def clean_table(raw: RawTable, contract: TableContract, ctx: ReadContext) -> Cleaned:
    """Clean one raw table under its contract; the clean table has the raw table's id."""
    table_id = raw.table_id
    slots = contract.columns
    rows, merge_log = merge_continuations(_logical_rows(raw, slots), slots)
    repairs: list[Repair] = []
    findings: list[Finding] = []
    amounts = [s.name for s in slots if s.ctype is CellType.RUPIAH]
    records: list[dict[str, Any]] = []
    for index, row in enumerate(rows, start=1):
        values: dict[str, Any] = {
            "baris": index,
            "sumber_baris": row.source.line,
            "halaman": row.source.page,
        }
        problems: list[tuple[str, str, str, bool]] = []
        label_move = move_code_label(row.cells, slots)
        if label_move is not None:
            text = row.cells[label_move[1]].strip()
            repairs.append(
                Repair(
                    table_id,
                    index,
                    slots[label_move[1]].name,
                    text,
                    text,
                    move_code_label.__name__,
                    row.source,
                    origin=slots[label_move[0]].name,
                )
            )
        for k, slot in enumerate(slots):
            cell = row.cells[k]
            reading = read_cell(cell, slot, ctx)
            values.update(reading.values)
            if reading.rules:
                repairs.append(
                    Repair(
                        table_id,
                        index,
                        slot.name,
                        cell.strip(),
                        reading.display,
                        "+".join(reading.rules),
                        row.source,
                    )
                )
            if reading.problem:
                numeric = slot.ctype in _NUMBER_PROBLEM_TYPES
                problems.append(
                    (reading.problem_column or slot.name, cell.strip(), reading.problem, numeric)
                )
        for printed, slot_index in row.moved:
            slot = slots[slot_index]
            text = row.cells[slot_index].strip()
            repairs.append(
                Repair(
                    table_id,
                    index,
                    slot.name,
                    text,
                    text,
                    align_row.__name__,
                    row.source,
                    origin=f"kolom_{printed + 1}",
                )
            )
        moved_label = move_label_to_uraian(values)
        if moved_label:
            target = "uraian" if "uraian" in values else "sasaran"
            repairs.append(
                Repair(
                    table_id,
                    index,
                    target,
                    str(values[target]),
                    str(values[target]),
                    move_label_to_uraian.__name__,
                    row.source,
                    origin="no",
                )
            )
        values["jenis_baris"] = classify_row(values, amounts)
        if moved_label and values["jenis_baris"] == "data":
            values["jenis_baris"] = "ringkasan"
        if values.get("level") is None:
            values["level"] = line_level(contract, values, amounts) or _level_from_name(
                str(values.get("uraian") or "")
            )
        values["baris_gabungan"] = row.merged_lines() or None
        values["sisa"] = " | ".join(text for _, text in row.overflow) or None
        for position, text in row.overflow:
            findings.append(
                Finding(
                    SEL_TIDAK_TERPETAKAN,
                    SEL_TIDAK_TERPETAKAN.severity,
                    f"Sel '{text}' (kolom {position + 1}) tidak cocok dengan kolom mana pun; "
                    "disimpan di kolom 'sisa'.",
                    table=table_id,
                    row=index,
                    source=row.source,
                    kode=values.get("kode"),
                    uraian=values.get("uraian"),
                    found=text,
                )
            )
        for column, cell, problem, numeric in problems:
            check = ANGKA_TIDAK_TERBACA if numeric else KODE_TIDAK_TERBACA
            what = "angka" if numeric else "kode"
            findings.append(
                Finding(
                    check,
                    check.severity,
                    f"Sel '{cell}' di kolom {column} tidak dapat dibaca sebagai {what} "
                    f"({problem}); nilainya dikosongkan, "
                    "tabel lain mungkin memuat nilai yang benar.",
                    table=table_id,
                    row=index,
                    source=row.source,
                    kode=values.get("kode"),
                    uraian=values.get("uraian"),
                    column=column,
                    found=cell,
                )
            )
        records.append(values)
    for target_row, slot_index, tail, merged, rule in merge_log:
        row = rows[target_row]
        repairs.append(
            Repair(
                table_id,
                target_row + 1,
                slots[slot_index].name,
                tail,
                merged,
                rule,
                row.source,
            )
        )
    frame = _frame(records, contract)
    bold = tuple(row.bold for row in rows)
    gaps = table_gaps(raw, contract, sum(bool(row.overflow) for row in rows))
    table = CleanTable(contract, raw, frame, gaps=gaps, bold=bold)
    return Cleaned(table, repairs, findings)


def table_gaps(raw: RawTable, contract: TableContract, unplaced: int) -> tuple[str, ...]:
    """Why a clean table may not hold its whole table: rows with cells that fit no column, or
    no header of its own (an inferred table that may be the rest of another).

    >>> from renja.model.contract import TableStatus
    >>> from renja.model.records import RawRow, Source
    >>> headless = RawTable("t01", "", [RawRow(["1", "2.000.000"], Source(1))], "test")
    >>> table_gaps(headless, TableContract("tabel", "", TableStatus.INFERRED, ()), 2)
    ('2 baris memuat sel yang tidak cocok dengan kolom mana pun', 'tabel tanpa judul kolom')
    """
    gaps = []
    if unplaced:
        gaps.append(f"{unplaced} baris memuat sel yang tidak cocok dengan kolom mana pun")
    if contract.status is TableStatus.INFERRED and not raw.header:
        gaps.append("tabel tanpa judul kolom")
    return tuple(gaps)


def _frame(records: list[dict[str, Any]], contract: TableContract) -> pd.DataFrame:
    """Records to a typed DataFrame with the contract's column order."""
    amounts = {name for name, kind in contract.value_kinds().items() if kind == "exact"}
    columns = list(ROW_COLUMNS)
    for name in contract.outputs():
        if name not in columns:
            columns.append(name)
    if "level" not in columns:
        columns.insert(len(ROW_COLUMNS), "level")
    columns.extend(SPARSE_COLUMNS)
    # Built as objects so that integers never pass through float (amounts reach 10**15).
    frame = pd.DataFrame(
        {c: pd.Series([r.get(c) for r in records], dtype=object) for c in columns},
        columns=columns,
    )
    keep = [
        c
        for c in columns
        if not ((c.endswith(SPARSE_SUFFIXES) or c in SPARSE_COLUMNS) and frame[c].isna().all())
    ]
    frame = frame[keep]
    for name in frame.columns:
        values = frame[name].tolist()
        present = [v for v in values if v is not None]
        if name in amounts and all(isinstance(v, int) for v in present):
            frame[name] = pd.array(values, dtype="Int64")
        elif name in amounts:
            frame[name] = [None if v is None else Decimal(v) for v in values]
        elif present and all(isinstance(v, float) for v in present):
            frame[name] = pd.array(values, dtype="Float64")
    for name in ("baris", "sumber_baris", "halaman"):
        frame[name] = pd.array(frame[name].tolist(), dtype="Int64")
    return frame
