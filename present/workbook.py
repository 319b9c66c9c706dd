"""The Excel workbook of a document: its clean tables, findings and repairs, from its folder.

Like the HTML report, the workbook is rebuilt from the output contract alone::

    Ringkasan        the document's metadata, the counts, and a link to each table's sheet
    <one per table>  every clean table under the name the document prints for it (the sheet
                     is named by its id), numbers as numbers; cells with a finding coloured
    Temuan           findings.csv, each linked to its cell
    Perbaikan        repairs.csv, each linked to its cell

Amounts are integers and decimals are written exactly as the CSV prints them (openpyxl writes a
``Decimal`` as its text), so no cent is rounded on the way. The list cells (a finding's
``related``, a row's ``baris_gabungan``: JSON arrays in the CSV files) are written as short
text: ``t06_reviu_rkpd:4:pagu_murni;5.03.01``, ``902;903``. The cells a finding is about are
found as the report finds them (``renja.present.locate``). The file is deterministic: fixed
document dates and zip entry times, so the same folder gives the same bytes.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.child import INVALID_TITLE_REGEX
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.writer.excel import ExcelWriter

from renja.model.publish import publish_file
from renja.model.severity import SEVERITIES, Severity, severity_rank
from renja.present.locate import own_cells
from renja.present.outputs import (
    DocFolder,
    Record,
    csv_header,
    merged_lines,
    read_doc_folder,
    related_refs,
)
from renja.present.report import as_int

SUMMARY_SHEET, FINDINGS_SHEET, REPAIRS_SHEET = "Ringkasan", "Temuan", "Perbaikan"
MAX_SHEET_NAME = 31  # Excel's limit
RESERVED_SHEET_NAMES = {"history"}  # Excel keeps this name for itself

# Fixed dates, so that the same folder gives the same bytes; no run time goes into the file.
FIXED_TIMESTAMP = datetime(2000, 1, 1)
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry

SEVERITY_FILLS: dict[str, PatternFill] = {  # by severity, as findings.csv writes it
    Severity.ERROR: PatternFill("solid", fgColor="FFC7CE"),  # light red
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),  # yellow
    Severity.INFO: PatternFill("solid", fgColor="DDEBF7"),  # light blue
}
HEADER_FILL = PatternFill("solid", fgColor="E7E9ED")
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=12)
LINK = Font(color="1F5F99", underline="single")

INTEGER = re.compile(r"-?(?:0|[1-9]\d*)")  # no leading zeros: '01' stays a text code
DECIMAL = re.compile(r"-?(?:0|[1-9]\d*)\.\d+")
# Columns that hold codes, numbering or row references: text even when they look like numbers
# (a code '5.03' is no decimal, a 'no' of '1.1' is no number).
TEXT_COLUMN = re.compile(r"^(kode|baris_gabungan$|sisa$|level$|jenis_baris$)")
INTEGER_COLUMN = re.compile(r"^no$")  # numbering: a number only when every entry is an integer
# Rupiah columns (``normalize/kinds.py``): shown with thousands separators.
AMOUNT_COLUMN = re.compile(r"^(pagu|jumlah)|_rp$")
AMOUNT_FORMAT, CENTS_FORMAT = "#,##0", "#,##0.00"
SAFE_NAME = re.compile(r"[\w-][\w.-]*")  # a doc_id that is a plain file name, not a path
MIN_WIDTH, MAX_WIDTH = 6, 60  # column widths, in characters
FINDING_NUMBERS = ("row", "sumber_baris", "halaman")
FINDING_VALUES = ("expected", "found", "difference")  # numbers when the difference is one
ROW_COLUMN = "baris"  # the clean row number; a finding about a whole row marks this cell
LIST_SEPARATOR = ";"  # between the entries of a list cell, as the workbook shows it
COPY_CHUNK = 1 << 20  # bytes: a sheet's file is copied into the zip in pieces this size


# --- values ----------------------------------------------------------------------------------


def number(text: str) -> int | Decimal | None:
    """A CSV cell as a number: an integer, or an exact decimal; None for anything else.

    >>> number("28143400"), number("292438783064.47"), number("01"), number("5.03.01")
    (28143400, Decimal('292438783064.47'), None, None)
    """
    if INTEGER.fullmatch(text):
        return int(text)
    if DECIMAL.fullmatch(text):
        return Decimal(text)
    return None


def numeric_columns(header: Sequence[str], rows: Sequence[Record]) -> set[str]:
    """The columns whose every filled cell is a number, codes and labels excepted."""
    return {
        name
        for name in header
        if not TEXT_COLUMN.match(name)
        and any(row.get(name) for row in rows)
        and all(_fits(name, row.get(name) or "0") for row in rows)
    }


def _fits(column: str, text: str) -> bool:
    if INTEGER_COLUMN.match(column):
        return INTEGER.fullmatch(text) is not None
    return number(text) is not None


def sheet_text(value: Any) -> Any:
    """Text as a workbook can hold it: the control characters Excel refuses (a form feed from a
    converter, a PDF glyph read as U+0007) become spaces; the CSV files keep them.

    >>> sheet_text("Belanja\x0cPegawai\x07"), sheet_text(12)
    ('Belanja Pegawai ', 12)
    """
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub(" ", value)
    return value


def list_text(name: str, record: Record) -> str | None:
    """A list cell (``related``, ``baris_gabungan``) as short text; None for other columns, and
    the cell as it is when it holds no list (an edited file).

    >>> related = '[{"tabel":"t06","baris":4,"kolom":"pagu"},{"kode":"5.03"}]'
    >>> list_text("related", {"related": related})
    't06:4:pagu;5.03'
    >>> list_text("baris_gabungan", {"baris_gabungan": "[902,903]"}), list_text("uraian", {})
    ('902;903', None)
    """
    text = record.get(name) or ""
    if name == "related":
        refs = related_refs(record)
        return text if refs is None else LIST_SEPARATOR.join(r.label() for r in refs)
    if name == "baris_gabungan":
        return LIST_SEPARATOR.join(str(n) for n in merged_lines(record)) or text
    return None


def cell_value(text: str, numeric: bool) -> int | Decimal | str | None:
    """What goes into a cell: a number in a numeric column, else the text; None when empty."""
    if text == "":
        return None
    if numeric:
        value = number(text)
        if value is not None:
            return value
    return text


def number_format(column: str, value: object) -> str | None:
    """Thousands separators for Rupiah amounts; two decimals when an amount carries cents."""
    if not AMOUNT_COLUMN.search(column):
        return None
    if isinstance(value, Decimal):
        return CENTS_FORMAT
    return AMOUNT_FORMAT if isinstance(value, int) else None


# --- sheet names -----------------------------------------------------------------------------


def sheet_name(wanted: str, taken: Iterable[str]) -> str:
    """A valid, unused sheet name: no ``[]:*?/\\``, at most 31 characters, unique in any case.

    >>> sheet_name("t04_evaluasi_e81", [])
    't04_evaluasi_e81'
    >>> sheet_name("a/b:c*" + "x" * 40, [])
    'a_b_c_xxxxxxxxxxxxxxxxxxxxxxxxx'
    >>> sheet_name("Temuan", ["Temuan"])
    'Temuan (2)'
    """
    used = {name.lower() for name in taken} | RESERVED_SHEET_NAMES
    base = INVALID_TITLE_REGEX.sub("_", wanted).strip("'") or "tabel"
    name, counter = base[:MAX_SHEET_NAME], 1
    while name.lower() in used:
        counter += 1
        suffix = f" ({counter})"
        name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
    return name


def sheet_link(sheet: str, row: int = 1, column: int = 1) -> str:
    """An in-workbook link target: ``'t04_evaluasi_e81'!C5``."""
    return f"'{sheet.replace(chr(39), chr(39) * 2)}'!{get_column_letter(column)}{row}"


# --- writing sheets --------------------------------------------------------------------------
#
# The workbook is written in openpyxl's write-only mode: rows stream to the sheet's file as they
# are added, so a table of 200,000 rows never becomes millions of cell objects in memory. A cell
# that needs a style, a note or a link is a ``WriteOnlyCell``; the rest are plain values. Widths,
# panes and the filter are set before the first row, as the mode requires.


@dataclass(frozen=True, slots=True)
class Mark:
    """A finding on a clean cell: its colour and the note shown on the cell."""

    severity: str
    note: str


def styled(sheet: WriteOnlyWorksheet, value: Any, **style: Any) -> Cell:
    """A cell with its value and style (``font``, ``fill``, ``number_format``, ``comment``,
    ``hyperlink``; a ``WriteOnlyCell``); text that starts with ``=`` stays text, never a formula."""
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # document text, never a formula
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def plain(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A cell's value as it goes into a row: itself, or a text cell when it starts with ``=``
    (openpyxl would read it as a formula)."""
    if isinstance(value, str) and value.startswith("="):
        return styled(sheet, value)
    return value


def write_rows(
    sheet: WriteOnlyWorksheet,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    title: str = "",
    cells: Callable[[int, list[Any]], list[Any]] | None = None,
) -> int:
    """A header row (bold, shaded, frozen, filtered) and the rows under it (already
    ``sheet_text``); with a ``title``, a title row above the header. ``cells`` turns a row (by
    its index in ``rows``) into what is written, styled cells included. Returns the sheet row of
    the header."""
    header = [sheet_text(name) for name in header]
    top = 2 if title else 1
    last = top + len(rows)
    fit_widths(sheet, [header, *rows])
    sheet.freeze_panes = f"A{top + 1}"
    sheet.auto_filter.ref = f"A{top}:{get_column_letter(max(len(header), 1))}{last}"
    if title:
        sheet.append([styled(sheet, sheet_text(title), font=TITLE_FONT)])
    sheet.append([styled(sheet, name, font=BOLD, fill=HEADER_FILL) for name in header])
    for index, row in enumerate(rows):
        sheet.append(cells(index, list(row)) if cells else [plain(sheet, v) for v in row])
    return top


def fit_widths(sheet: WriteOnlyWorksheet, rows: Sequence[Sequence[Any]]) -> None:
    """Each column as wide as its longest value (the header's and the rows'; a title above the
    header spills over), within bounds."""
    count = max((len(row) for row in rows), default=0) or 1
    longest = [0] * count
    for row in rows:
        for index, value in enumerate(row):
            if value is not None:
                longest[index] = max(longest[index], len(_shown(value)))
    for index, length in enumerate(longest, start=1):
        width = min(max(length + 2, MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width


def _shown(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def finding_marks(findings: Iterable[Record]) -> dict[str, dict[int, list[tuple[str, Mark]]]]:
    """Each table's findings by clean row (``baris``): the column each is about, and its mark.

    A finding about a whole row (no column) is about the row's ``baris``.
    """
    marks: dict[str, dict[int, list[tuple[str, Mark]]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        note = f"{finding.get('id', '')} {finding.get('check', '')}: {finding.get('message', '')}"
        mark = Mark(finding.get("severity", ""), note)
        for cell in own_cells(finding):
            marks[cell.table][cell.row].append((cell.column or ROW_COLUMN, mark))
    return marks


def merge_marks(marks: Iterable[Mark]) -> Mark:
    """Several findings on one cell: the most severe colour, every note."""
    found = list(marks)
    severity = min((m.severity for m in found), key=severity_rank)
    return Mark(severity, "\n".join(m.note for m in found))


@dataclass(frozen=True, slots=True)
class TableSheet:
    """A clean table as its sheet shows it: its rows' values, and where each ``baris`` is."""

    name: str
    title: str
    header: list[str]
    rows: list[Record]
    values: list[list[Any]]
    positions: dict[int, int]  # baris -> sheet row

    @classmethod
    def of(cls, name: str, title: str, header: list[str], rows: list[Record]) -> TableSheet:
        numeric = numeric_columns(header, rows)
        values = [
            [sheet_text(_value(row, column, column in numeric)) for column in header]
            for row in rows
        ]
        top = 2 if title else 1
        positions: dict[int, int] = {}
        for offset, row in enumerate(rows, start=top + 1):
            baris = as_int(row.get(ROW_COLUMN))
            if baris is not None:
                positions[baris] = offset
        return cls(name, title, header, rows, values, positions)


def table_sheet(
    sheet: WriteOnlyWorksheet, table: TableSheet, marks: dict[int, list[tuple[str, Mark]]]
) -> None:
    """One clean table under its title (the name the document prints for it), amounts
    formatted, its marked cells coloured. A finding whose column the table lacks marks the
    row's ``baris``."""
    header = table.header
    amounts = [AMOUNT_COLUMN.search(name) is not None for name in header]
    column_of = {name: index for index, name in enumerate(header)}

    def cells(index: int, values: list[Any]) -> list[Any]:
        row = [
            _amount_cell(sheet, v) if amounts[i] else plain(sheet, v) for i, v in enumerate(values)
        ]
        baris = as_int(table.rows[index].get(ROW_COLUMN))
        found = marks.get(baris) if baris is not None else None
        if not found:
            return row
        by_column: dict[str, list[Mark]] = defaultdict(list)
        for column, mark in found:
            by_column[column if column in column_of else ROW_COLUMN].append(mark)
        for column, listed in by_column.items():
            if column in column_of:
                at = column_of[column]
                cell = row[at] if isinstance(row[at], Cell) else styled(sheet, row[at])
                row[at] = mark_cell(cell, merge_marks(listed))
        return row

    write_rows(sheet, header, table.values, table.title, cells)


def _amount_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """An amount with its thousands separators (and cents, when it has some)."""
    fmt = number_format("pagu", value)
    return styled(sheet, value, number_format=fmt) if fmt else plain(sheet, value)


def mark_cell(cell: Cell, mark: Mark) -> Cell:
    """Colour a cell by its finding's severity and note the finding on it."""
    cell.fill = SEVERITY_FILLS.get(mark.severity, SEVERITY_FILLS[Severity.INFO])
    cell.comment = Comment(sheet_text(mark.note), "renja")
    return cell


def record_sheet(
    sheet: WriteOnlyWorksheet,
    header: Sequence[str],
    records: Sequence[Record],
    links: dict[str, TableSheet],
) -> None:
    """findings.csv or repairs.csv, each row linked to the cell of the clean table it is about."""
    table_at = header.index("table") if "table" in header else -1
    severity_at = header.index("severity") if "severity" in header else -1
    values = [[sheet_text(v) for v in record_values(header, record)] for record in records]

    def cells(index: int, row: list[Any]) -> list[Any]:
        record = records[index]
        out = [plain(sheet, v) for v in row]
        severity = record.get("severity")
        if severity in SEVERITY_FILLS and severity_at >= 0:
            out[severity_at] = styled(sheet, row[severity_at], fill=SEVERITY_FILLS[severity])
        target = links.get(record.get("table", ""))
        if table_at < 0 or target is None:
            return out
        line = target.positions.get(as_int(record.get("row")) or 0, 1)
        own = own_cells(record)
        column = own[0].column if own else None
        col = (
            target.header.index(column) + 1 if column is not None and column in target.header else 1
        )
        link = Hyperlink(ref="", location=sheet_link(target.name, line, col))
        out[table_at] = styled(sheet, row[table_at], hyperlink=link, font=LINK)
        return out

    write_rows(sheet, header, values, cells=cells)


def record_values(header: Sequence[str], record: Record) -> list[Any]:
    """A findings or repairs row: places as integers; a numeric finding's values as numbers."""
    numeric = number(record.get("difference") or "") is not None
    out: list[Any] = []
    for name in header:
        if name in FINDING_NUMBERS:
            out.append(as_int(record.get(name)))
        else:
            out.append(_value(record, name, numeric and name in FINDING_VALUES))
    return out


def _value(record: Record, name: str, numeric: bool) -> int | Decimal | str | None:
    """A CSV cell as the workbook writes it: a list as short text, else ``cell_value``."""
    shown = list_text(name, record)
    return cell_value(shown if shown is not None else record.get(name) or "", numeric)


def summary_rows(folder: DocFolder) -> list[list[Any]]:
    """The Ringkasan sheet: (bagian, butir, nilai, keterangan) rows."""
    meta = folder.meta
    rows: list[list[Any]] = [["dokumen", "doc_id", folder.doc_id, None]]
    for key in ("title", "pemda", "skpd", "tahun", "jenis", "jenis_pemda", "bidang"):
        value = meta.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        rows.append(["dokumen", key, value, None])
    nomenclature = folder.manifest.get("nomenklatur") or {}
    if isinstance(nomenclature, dict):
        rows.append(["dokumen", "nomenklatur", nomenclature.get("version"), None])
    source = folder.manifest.get("source") or {}
    rows.append(["dokumen", "sumber", source.get("file"), source.get("sha256")])
    rows.append(["dokumen", "renja_version", folder.manifest.get("renja_version"), None])
    rows.append(["jumlah", "tabel", len(folder.tables), None])
    rows.append(["jumlah", "perbaikan", len(folder.repairs), None])
    rows.append(["jumlah", "temuan", len(folder.findings), None])
    for severity in SEVERITIES:
        count = sum(1 for f in folder.findings if f.get("severity") == severity)
        rows.append(["temuan", severity.value, count, None])
    checks = sorted({f.get("check", "") for f in folder.findings})
    for check in checks:
        count = sum(1 for f in folder.findings if f.get("check") == check)
        rows.append(["pemeriksaan", check, count, None])
    return rows


# --- the workbook ----------------------------------------------------------------------------


def build_workbook(folder: DocFolder) -> Workbook:
    """The workbook of a document folder (write-only: save it once, ``workbook_bytes``)."""
    book = Workbook(write_only=True)
    taken = [SUMMARY_SHEET, FINDINGS_SHEET, REPAIRS_SHEET]
    tables: list[TableSheet] = []
    table_rows: list[list[Any]] = []
    for entry in folder.tables:
        table_id = str(entry.get("table_id", ""))
        rows = folder.clean_rows(table_id)
        if not folder.clean_path(table_id).is_file():
            continue
        name = sheet_name(table_id, taken)
        taken.append(name)
        printed = folder.table_name(table_id)
        title = f"{printed} ({table_id})" if printed != table_id else table_id
        header = csv_header(folder.clean_path(table_id))
        tables.append(TableSheet.of(name, title, header, rows))
        described = printed if printed != table_id else entry.get("title") or entry.get("kind")
        table_rows.append(["tabel", table_id, len(rows), described])
    links = {table_id: table for table_id, table in zip(
        (row[1] for row in table_rows), tables, strict=True
    )}  # fmt: skip
    summary = book.create_sheet(SUMMARY_SHEET)
    summary_values = [[sheet_text(v) for v in row] for row in summary_rows(folder) + table_rows]

    def summary_cells(index: int, row: list[Any]) -> list[Any]:
        out = [plain(summary, v) for v in row]
        if row[0] == "tabel" and row[1] in links:
            link = Hyperlink(ref="", location=sheet_link(links[row[1]].name))
            out[1] = styled(summary, row[1], hyperlink=link, font=LINK)
        return out

    write_rows(summary, ["bagian", "butir", "nilai", "keterangan"], summary_values,
               cells=summary_cells)  # fmt: skip
    marks = finding_marks(folder.findings)
    for table_id, table in links.items():
        table_sheet(book.create_sheet(table.name), table, marks.get(table_id, {}))
    for title, name, records in (
        (FINDINGS_SHEET, "findings.csv", folder.findings),
        (REPAIRS_SHEET, "repairs.csv", folder.repairs),
    ):
        header = csv_header(folder.path / name)
        record_sheet(book.create_sheet(title), header, records, links)
    book.properties.creator = f"renja {folder.manifest.get('renja_version', '')}".strip()
    book.properties.title = sheet_text(str(folder.meta.get("title") or folder.doc_id))
    book.properties.created = book.properties.modified = FIXED_TIMESTAMP
    return book


class FixedTimeZip(zipfile.ZipFile):
    """A zip whose every entry carries one fixed time (and mode), so that the same workbook
    gives the same bytes; openpyxl's parts are streamed into it as it writes them."""

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = (
            zinfo_or_arcname.filename
            if isinstance(zinfo_or_arcname, zipfile.ZipInfo)
            else zinfo_or_arcname
        )
        super().writestr(_entry(name), data)

    def write(
        self,
        filename: Any,
        arcname: Any = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        entry = _entry(str(arcname if arcname is not None else filename))
        with open(filename, "rb") as source, self.open(entry, "w") as target:
            shutil.copyfileobj(source, target, COPY_CHUNK)


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def workbook_bytes(book: Workbook) -> bytes:
    """The .xlsx file: openpyxl's parts, in a zip whose entries carry one fixed time."""
    raw = io.BytesIO()
    with FixedTimeZip(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # unlike Workbook.save, keeps our 'modified' date
    return raw.getvalue()


def write_workbook(doc_dir: str | Path | DocFolder) -> Path:
    """Write ``<doc_id>.xlsx`` into a document's folder (its path, or the folder read)
    atomically and return its path."""
    folder = doc_dir if isinstance(doc_dir, DocFolder) else read_doc_folder(doc_dir)
    stem = folder.doc_id if SAFE_NAME.fullmatch(folder.doc_id) else folder.path.resolve().name
    path = folder.path / f"{stem}.xlsx"
    publish_file(path, workbook_bytes(build_workbook(folder)))
    return path


__all__ = ["build_workbook", "write_workbook"]
