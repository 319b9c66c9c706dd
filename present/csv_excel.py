"""CSV files for Excel with Indonesian regional settings (``renja run --csv-excel``).

Excel set to Indonesian reads a CSV with ``;`` between fields and ``,`` as the decimal mark; a
plain CSV (``,`` between fields, UTF-8 without a mark) opens in one column, its accents garbled,
and a code like ``1.05`` becomes the number 105 or a date. The files in ``csv_excel/`` are the
document's clean tables, findings and repairs written for it:

- UTF-8 with a byte order mark (Excel then reads the accents right), ``;`` between fields, lines
  ending CRLF;
- numbers as Excel-ID reads them: ``16292704963``, ``292438783064,47``, ``12,5``;
- text that Excel would turn into a number or a date (codes, numbering, ``01``, ``1/2``) written
  as the text formula ``="1.05"``, so it stays as printed; other text that starts like a formula
  gets a ``'`` (as ``--csv-aman``);
- a table's columns in the workbook's order: kode and uraian first, provenance last.

These files are for people; renja and other programs read ``tables/`` (the machine-readable
CSV, unchanged).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

from renja.model.contract import row_value_kinds
from renja.model.publish import publish_file
from renja.present.outputs import (
    FINDING_COLUMNS,
    REPAIR_COLUMNS,
    DocFolder,
    Record,
    csv_header,
    read_doc_folder,
    spreadsheet_safe,
)
from renja.present.sheet_layout import column_order

EXCEL_FOLDER = "csv_excel"
SEPARATOR = ";"
BOM = "\ufeff"
FINDINGS_FILE, REPAIRS_FILE = "temuan.csv", "perbaikan.csv"
# Text Excel would read as a number, a date, a time or a percentage.
_LOOKS_NUMERIC = re.compile(r"[\d\s.,/:%+\-()]*\d[\d\s.,/:%+\-()]*")
NUMBER_KINDS = ("exact", "float", "int")
FINDING_KINDS = {"row": "int", "sumber_baris": "int", "halaman": "int"}
FINDING_VALUES = ("expected", "found", "difference")


def excel_number(text: str) -> str:
    """A number as Excel with Indonesian settings reads it: a decimal comma, no grouping.

    >>> excel_number("292438783064.47"), excel_number("16292704963"), excel_number("1E+2")
    ('292438783064,47', '16292704963', '100')
    """
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    return format(value, "f").replace(".", ",")


def excel_cell(text: str, kind: str = "text") -> str:
    """A cell for Excel-ID: numbers with a decimal comma; codes and other numeric-looking text
    kept as text (``="…"``); formula-like text with a ``'`` before it.

    >>> [excel_cell(t) for t in ("1.05", "01", "Belanja", "=SUM(A1)", "")]
    ['="1.05"', '="01"', 'Belanja', "'=SUM(A1)", '']
    >>> excel_cell("1250000.5", "exact"), excel_cell("7", "int")
    ('1250000,5', '7')
    """
    if text == "":
        return ""
    if kind in NUMBER_KINDS:
        return excel_number(text)
    if _LOOKS_NUMERIC.fullmatch(text):
        return '="' + text.replace('"', '""') + '"'
    return spreadsheet_safe(text)


def excel_csv(header: Sequence[str], records: Sequence[Record], kinds: Mapping[str, str]) -> str:
    """The text of one Excel-ID CSV file (with its byte order mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([excel_cell(record.get(n) or "", kinds.get(n, "text")) for n in header])
    return BOM + buffer.getvalue()


def finding_kinds(record: Record) -> dict[str, str]:
    """How a finding's cells are written: places as numbers, and its values when it compares
    numbers (a difference)."""
    kinds = dict(FINDING_KINDS)
    try:
        Decimal(record.get("difference") or "x")
    except InvalidOperation:
        return kinds
    return kinds | dict.fromkeys(FINDING_VALUES, "exact")


def write_excel_csvs(doc_dir: str | Path | DocFolder, target: Path | None = None) -> list[Path]:
    """Write ``csv_excel/`` into a document's folder (or ``target``): one file per clean table,
    ``temuan.csv`` and ``perbaikan.csv``. Returns the files written."""
    folder = doc_dir if isinstance(doc_dir, DocFolder) else read_doc_folder(doc_dir)
    out = target or folder.path / EXCEL_FOLDER
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in folder.tables:
        table_id = str(entry.get("table_id", ""))
        path = folder.clean_path(table_id)
        if not path.is_file():
            continue
        contract = folder.contract(table_id)
        kinds = contract.value_kinds() if contract is not None else row_value_kinds()
        kinds = {k: v for k, v in kinds.items() if v != "lines"}  # a JSON list stays text
        text = excel_csv(column_order(csv_header(path)), folder.clean_rows(table_id), kinds)
        written.append(_write(out / f"{table_id}.csv", text))
    findings = [excel_cell_row(r, FINDING_COLUMNS) for r in folder.findings]
    written.append(_write(out / FINDINGS_FILE, _joined(FINDING_COLUMNS, findings)))
    repairs = [[excel_cell(r.get(n) or "", FINDING_KINDS.get(n, "text")) for n in REPAIR_COLUMNS]
               for r in folder.repairs]  # fmt: skip
    written.append(_write(out / REPAIRS_FILE, _joined(REPAIR_COLUMNS, repairs)))
    return written


def excel_cell_row(record: Record, header: Sequence[str]) -> list[str]:
    kinds = finding_kinds(record)
    return [excel_cell(record.get(n) or "", kinds.get(n, "text")) for n in header]


def _joined(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return BOM + buffer.getvalue()


def _write(path: Path, text: str) -> Path:
    publish_file(path, text.encode("utf-8"))
    return path


__all__ = ["EXCEL_FOLDER", "excel_cell", "write_excel_csvs"]
