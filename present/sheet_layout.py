"""How a clean table is laid out for a person: the sheet named as the document prints the table,
the columns headed as the document prints them, kode and uraian first, renja's provenance last.

- ``table_sheet_name``: the table's printed number (``Tabel IV.1``), else its printed name, else
  its id; Excel's rules (31 characters, no ``[]:*?/\\``, unique) are the workbook's job.
- ``printed_headers``: each clean column's header as printed, its header rows joined top to bottom
  (``Rencana Tahun 2025 / Pagu Indikatif (Rp)``), read from ``raw/<table_id>.csv`` and the
  manifest's ``raw_columns``; the columns a cell is split into (``target_satuan``) and the columns
  renja adds (``baris``, ``kode_sumber``) get Indonesian labels (``LABELS``).
- ``column_order``: ``kode`` and the row's name (``uraian`` …) first (``FRONT``), the table's
  columns as the CSV has them, the provenance (``PROVENANCE``: where the row was read, how its
  code was decided) last.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from renja.model.i18n import N_, _
from renja.model.records import RawRow, RowRole, Source
from renja.normalize.header import header_paths
from renja.present.outputs import RAW_HEADER_ROLE, DocFolder

# The code, then the row's name: the first of these a table has.
CODE_COLUMNS = ("kode", "kode_rekening")
NAME_COLUMNS = ("uraian", "uraian_sesudah", "uraian_perubahan", "sasaran", "tujuan", "indikator")
# Where a row was read and how renja decided its code: last, in this order.
PROVENANCE = (
    "baris", "sumber_baris", "halaman", "jenis_baris", "induk", "baris_gabungan", "kode_cetak",
    "kode_sumber", "skor_kode", "kode_nomenklatur", "uraian_nomenklatur", "sisa",
)  # fmt: skip

# Headers of the columns renja adds, or splits a printed cell into (marked for the catalogue;
# ``label`` translates them).
LABELS = {
    "baris": N_("Row"),
    "sumber_baris": N_("Source line"),
    "halaman": N_("Page"),
    "jenis_baris": N_("Kind of row"),
    "induk": N_("Parent row"),
    "baris_gabungan": N_("Source lines merged"),
    "level": N_("Level"),
    "kode": N_("Code"),
    "kode_cetak": N_("Printed code"),
    "kode_sumber": N_("Origin of the code"),
    "skor_kode": N_("Code match score"),
    "kode_nomenklatur": N_("Nomenclature code"),
    "uraian_nomenklatur": N_("Nomenclature uraian"),
    "sisa": N_("Cells left over"),
    "uraian": N_("Uraian"),
}
# Columns split from a printed one (``target`` -> ``target_satuan``), by suffix.
SUFFIXES = {"_satuan": N_("{header} (satuan)"), "_teks": N_("{header} (text)"),
            "_nilai": N_("{header} (value)"), "_cetak": N_("{header} (printed)")}  # fmt: skip
# Columns another part of renja adds beside a clean column.
_REVIEW = ((re.compile(r"(.+)_ditinjau$"), N_("{header} (reviewed)")),
           (re.compile(r"status_(.+)$"), N_("Status of {header}")))  # fmt: skip


def table_sheet_name(folder: DocFolder, table_id: str) -> str:
    """What a table's sheet is called: its printed number, else its printed name, else its id.

    >>> folder = DocFolder(path=None, manifest={"tables": [{"table_id": "t08", "nomor":
    ...     "Tabel IV.1", "nama": "Tabel IV.1 — Rencana"}, {"table_id": "t09", "nama": "Rencana"}]},
    ...     findings=[], repairs=[])
    >>> table_sheet_name(folder, "t08"), table_sheet_name(folder, "t09")
    ('Tabel IV.1', 'Rencana')
    """
    number = folder.table(table_id).get("nomor")
    if isinstance(number, str) and number.strip():
        return " ".join(number.split())
    return " ".join(folder.table_name(table_id).split()) or table_id


def raw_header_paths(folder: DocFolder, table_id: str) -> tuple[tuple[str, ...], ...]:
    """The labels over each raw column as printed, top to bottom (``header_paths``)."""
    rows = [r for r in folder.raw_rows(table_id) if r.get("peran") == RAW_HEADER_ROLE]
    if not rows:
        return ()
    width = sum(1 for key in rows[0] if key.startswith("kolom_"))
    raw = [
        RawRow(tuple(r.get(f"kolom_{i + 1}", "") for i in range(width)), Source(0), RowRole.HEADER)
        for r in rows
    ]
    return header_paths(raw, width)


def printed_headers(folder: DocFolder, table_id: str, columns: Sequence[str]) -> dict[str, str]:
    """Each clean column's header as a person reads it: as printed, or a label.

    A column's printed header is taken from the raw header rows over it when it is the header
    its contract was read from (``Column.header``, the same labels in lower case), or, for a
    form's template (no header per column), when the table has one raw column per contract
    column; otherwise the contract's header, else a label."""
    paths = raw_header_paths(folder, table_id)
    positions = folder.raw_columns(table_id)
    contract = folder.contract(table_id)
    aligned = contract is not None and len(contract.columns) == len(paths)
    printed: dict[str, str] = {}
    for name in columns:
        spec = contract.column(name) if contract is not None else None
        if spec is None or spec.name != name:
            continue
        position = positions.get(name)
        path = paths[position - 1] if position and 0 < position <= len(paths) else ()
        text = " / ".join(" ".join(label.split()) for label in path)
        expected = " ".join(spec.header.split())
        if text and (text.lower() == expected or (not expected and aligned)):
            printed[name] = text
        elif expected:
            printed[name] = expected[:1].upper() + expected[1:]
    return {name: printed.get(name) or label(name, printed) for name in columns}


def label(name: str, printed: Mapping[str, str] | None = None) -> str:
    """A column's header when the document prints none over it: renja's own columns by
    ``LABELS``, a split column by the printed header of its column, review columns by theirs,
    else the name in words.

    >>> label("target_satuan", {"target": "Target"}), label("kode_sumber")
    ('Target (satuan)', 'Asal kode')
    >>> label("pagu_ditinjau", {"pagu": "Pagu (Rp)"}), label("pagu_maju")
    ('Pagu (Rp) (ditinjau)', 'Pagu maju')
    """
    printed = printed or {}
    if name in LABELS:
        return _(LABELS[name])
    for pattern, text in _REVIEW:
        match = pattern.fullmatch(name)
        if match:
            header = printed.get(match.group(1)) or label(match.group(1), printed)
            return _(text).format(header=header)
    for suffix, text in SUFFIXES.items():
        base = name.removesuffix(suffix)
        if base != name and base in printed:
            return _(text).format(header=printed[base])
    words = name.replace("_", " ")
    return words[:1].upper() + words[1:]


def column_order(columns: Sequence[str]) -> list[str]:
    """The columns as the sheet shows them: code and name first, provenance last.

    >>> column_order(["baris", "sumber_baris", "halaman", "jenis_baris", "kode", "kode_cetak",
    ...               "level", "uraian", "pagu"])
    ['kode', 'uraian', 'level', 'pagu', 'baris', 'sumber_baris', 'halaman', 'jenis_baris', \
'kode_cetak']
    """
    front = [
        *[c for c in CODE_COLUMNS if c in columns][:1],
        *[c for c in NAME_COLUMNS if c in columns][:1],
    ]
    back = [c for c in PROVENANCE if c in columns and c not in front]
    middle = [c for c in columns if c not in front and c not in back]
    return [*front, *middle, *back]


def frozen_columns(columns: Sequence[str]) -> int:
    """How many columns stay in view when the sheet scrolls right: the code and the name.

    >>> frozen_columns(["kode", "uraian", "pagu"]), frozen_columns(["no", "sasaran"])
    (2, 1)
    """
    ordered = column_order(columns)
    count = 0
    for name in ordered:
        if name in CODE_COLUMNS or name in NAME_COLUMNS:
            count += 1
        else:
            break
    return count


__all__ = [
    "PROVENANCE",
    "column_order",
    "frozen_columns",
    "label",
    "printed_headers",
    "table_sheet_name",
]
