"""The Excel workbook of a document: its clean tables, findings and repairs, from its folder.

Like the HTML report, the workbook is rebuilt from the output contract alone::

    Ringkasan        the document's metadata, the counts, and a link to each table's sheet
    <one per table>  every clean table (known form or inferred), the sheet named by the number
                     the document prints for it (``Tabel IV.1``), its printed name above, the
                     headers as printed with the column names of tables/<id>.csv in a second
                     header row, kode and uraian first and frozen, provenance last
                     (``renja.present.sheet_layout``); numbers as numbers, amounts with
                     thousands separators; cells with a finding coloured
    Temuan           findings.csv, headed in Indonesian, each linked to its cell
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
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.child import INVALID_TITLE_REGEX
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from renja.model.contract import CellType
from renja.model.i18n import N_, _
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
from renja.present.sheet_layout import (
    column_order,
    frozen_columns,
    printed_headers,
    table_sheet_name,
)

SUMMARY_SHEET, FINDINGS_SHEET, REPAIRS_SHEET = N_("Summary"), N_("Findings"), N_("Repairs")
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
MACHINE_FONT = Font(italic=True, size=9, color="5F6B7A")  # the second header row: column names
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
# The Temuan and Perbaikan sheets' headers; the CSV's column names go in the second header row.
RECORD_LABELS = {  # marked for the catalogue; ``record_sheet`` translates them
    "id": N_("Id"), "check": N_("Check"), "severity": N_("Severity"), "table": N_("Table"),
    "nama_tabel": N_("Table name"), "row": N_("Row"), "sumber_baris": N_("Source line"),
    "halaman": N_("Page"), "kode": N_("Code"), "uraian": N_("Uraian"), "column": N_("Column"),
    "expected": N_("Expected"), "found": N_("Found"), "difference": N_("Difference"),
    "message": N_("Message"), "root_cause": N_("Root cause"), "related": N_("Related"),
    "raw": N_("Printed cell"), "clean": N_("Clean value"), "rule": N_("Rule"),
    "asal": N_("Origin column"),
}  # fmt: skip
MESSAGE_WIDTH = 80  # the Temuan sheet's message column, wrapped
FINDING_VALUES = ("expected", "found", "difference")  # numbers when the difference is one
ROW_COLUMN = "baris"  # the clean row number; a finding about a whole row marks this cell
LIST_SEPARATOR = ";"  # between the entries of a list cell, as the workbook shows it


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


@dataclass(frozen=True, slots=True)
class Mark:
    """A finding on a clean cell: its colour and the note shown on the cell."""

    severity: str
    note: str


def write_rows(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str = "",
    printed: Sequence[str] = (),
    frozen: int = 0,
) -> int:
    """A header row (bold, shaded, frozen, filtered) and the rows under it; with a ``title``,
    a title row above the header; with ``printed`` headers, those in the header row and the
    column names (``header``) in a second one under it. The first ``frozen`` columns stay in
    view too. Returns the sheet row of the (last) header."""
    if title:
        sheet.append([sheet_text(title)])
        sheet.cell(1, 1).font = TITLE_FONT
    if printed:
        sheet.append([sheet_text(name) for name in printed])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill = BOLD, HEADER_FILL
    sheet.append([sheet_text(name) for name in header])
    top = sheet.max_row
    for cell in sheet[top]:
        cell.font, cell.fill = (MACHINE_FONT if printed else BOLD), HEADER_FILL
    last = top
    for last, row in enumerate(rows, start=top + 1):
        values = [sheet_text(value) for value in row]
        sheet.append(values)
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                sheet.cell(last, column).data_type = "s"  # document text, never a formula
    sheet.freeze_panes = f"{get_column_letter(frozen + 1)}{top + 1}"
    sheet.auto_filter.ref = f"A{top}:{get_column_letter(max(len(header), 1))}{last}"
    fit_widths(sheet, below=top - 1 if printed else top)
    return top


def fit_widths(sheet: Worksheet, below: int = 1) -> None:
    """Each column as wide as its longest value from row ``below`` on (a title above the
    header spills over), within bounds."""
    for index, column in enumerate(sheet.iter_cols(min_row=below, values_only=True), start=1):
        longest = max((len(_shown(value)) for value in column), default=0)
        width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width


def _shown(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "" if value is None else str(value)


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


def table_sheet(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Sequence[Record],
    marks: dict[int, list[tuple[str, Mark]]],
    title: str = "",
    printed: Sequence[str] = (),
    amounts: Iterable[str] | None = None,
) -> dict[int, int]:
    """One clean table under its ``title`` (the name the document prints for it), headed as
    printed (``printed``, the column names under), code and name frozen, its marked cells
    coloured; returns the sheet row of each ``baris``. ``amounts`` are the Rupiah columns (by
    the contract; None: by name).

    A finding whose column the table lacks marks the row's ``baris``.
    """
    numeric = numeric_columns(header, rows)
    money = None if amounts is None else set(amounts)
    values = [[_value(row, name, name in numeric) for name in header] for row in rows]
    top = write_rows(sheet, header, values, title, printed, frozen_columns(header))
    positions: dict[int, int] = {}
    for offset, row in enumerate(rows, start=top + 1):
        for index, name in enumerate(header, start=1):
            cell = sheet.cell(offset, index)
            by = name if money is None else ("pagu" if name in money else "")
            fmt = number_format(by, cell.value)
            if fmt:
                cell.number_format = fmt
        baris = as_int(row.get(ROW_COLUMN))
        if baris is None:
            continue
        positions[baris] = offset
        by_column: dict[str, list[Mark]] = defaultdict(list)
        for column, mark in marks.get(baris, []):
            by_column[column if column in header else ROW_COLUMN].append(mark)
        for column, found in by_column.items():
            if column in header:
                mark_cell(sheet.cell(offset, header.index(column) + 1), merge_marks(found))
    return positions


def mark_cell(cell: Any, mark: Mark) -> None:
    """Colour a cell by its finding's severity and note the finding on it."""
    cell.fill = SEVERITY_FILLS.get(mark.severity, SEVERITY_FILLS[Severity.INFO])
    cell.comment = Comment(sheet_text(mark.note), "renja")


def record_sheet(
    sheet: Worksheet,
    header: Sequence[str],
    records: Sequence[Record],
    links: dict[str, tuple[str, dict[int, int], list[str]]],
) -> None:
    """findings.csv or repairs.csv, headed in Indonesian (the CSV's names in a second header
    row), each row linked to the cell of the clean table it is about; numbers with thousands
    separators, messages wrapped."""
    printed = [_(RECORD_LABELS[name]) if name in RECORD_LABELS else name for name in header]
    top = write_rows(sheet, header, [record_values(header, record) for record in records],
                     printed=printed, frozen=1)  # fmt: skip
    table_at = header.index("table") + 1 if "table" in header else 0
    for name in ("message", "raw", "clean"):
        if name in header:
            column = get_column_letter(header.index(name) + 1)
            sheet.column_dimensions[column].width = min(
                sheet.column_dimensions[column].width or MESSAGE_WIDTH, MESSAGE_WIDTH
            )
    for offset, record in enumerate(records, start=top + 1):
        for name in FINDING_VALUES:
            if name in header:
                cell = sheet.cell(offset, header.index(name) + 1)
                fmt = number_format("pagu", cell.value)
                if fmt:
                    cell.number_format = fmt
        severity = record.get("severity")
        if severity in SEVERITY_FILLS and "severity" in header:
            sheet.cell(offset, header.index("severity") + 1).fill = SEVERITY_FILLS[severity]
        target = links.get(record.get("table", ""))
        if not table_at or target is None:
            continue
        name, positions, columns = target
        row = positions.get(as_int(record.get("row")) or 0, 1)
        cells = own_cells(record)
        column = cells[0].column if cells else None
        col = columns.index(column) + 1 if column is not None and column in columns else 1
        cell = sheet.cell(offset, table_at)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=sheet_link(name, row, col))
        cell.font = LINK


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
    document, count = _("document"), _("count")
    rows: list[list[Any]] = [[document, "doc_id", folder.doc_id, None]]
    for key in ("title", "pemda", "skpd", "tahun", "jenis", "jenis_pemda", "bidang"):
        value = meta.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        rows.append([document, key, value, None])
    nomenclature = folder.manifest.get("nomenklatur") or {}
    if isinstance(nomenclature, dict):
        rows.append([document, "nomenklatur", nomenclature.get("version"), None])
    source = folder.manifest.get("source") or {}
    rows.append([document, "sumber", source.get("file"), source.get("sha256")])
    rows.append([document, "renja_version", folder.manifest.get("renja_version"), None])
    rows.append([count, "tabel", len(folder.tables), None])
    rows.append([count, "perbaikan", len(folder.repairs), None])
    rows.append([count, "temuan", len(folder.findings), None])
    for severity in SEVERITIES:
        n = sum(1 for f in folder.findings if f.get("severity") == severity)
        rows.append([_("findings"), severity.value, n, None])
    checks = sorted({f.get("check", "") for f in folder.findings})
    for check in checks:
        n = sum(1 for f in folder.findings if f.get("check") == check)
        rows.append([_("check"), check, n, None])
    return rows


# --- the workbook ----------------------------------------------------------------------------


def build_workbook(folder: DocFolder) -> Workbook:
    """The workbook of a document folder, in memory."""
    book = Workbook()
    summary = book.active
    assert summary is not None  # a new workbook always has its first sheet
    summary.title = _(SUMMARY_SHEET)
    taken = [_(SUMMARY_SHEET), _(FINDINGS_SHEET), _(REPAIRS_SHEET)]
    marks = finding_marks(folder.findings)
    links: dict[str, tuple[str, dict[int, int], list[str]]] = {}
    table_rows: list[list[Any]] = []
    for table in folder.tables:
        table_id = str(table.get("table_id", ""))
        rows = folder.clean_rows(table_id)
        if not folder.clean_path(table_id).is_file():
            continue
        name = sheet_name(table_sheet_name(folder, table_id), taken)
        taken.append(name)
        header = column_order(csv_header(folder.clean_path(table_id)))
        sheet = book.create_sheet(name)
        printed = folder.table_name(table_id)
        contract = folder.contract(table_id)
        money = (
            [c.name for c in contract.columns if c.ctype is CellType.RUPIAH] if contract else None
        )
        headers = printed_headers(folder, table_id, header)
        positions = table_sheet(sheet, header, rows, marks.get(table_id, {}), printed,
                                [headers[n] for n in header], money)  # fmt: skip
        sheet.cell(1, 1).comment = Comment(
            _("table {table}: tables/{table}.csv").format(table=table_id), "renja"
        )
        links[table_id] = (name, positions, header)
        described = printed if printed != table_id else table.get("title") or table.get("kind")
        table_rows.append([_("table"), table_id, len(rows), described])
    write_rows(
        summary, [_("part"), _("item"), _("value"), _("note")], summary_rows(folder) + table_rows
    )
    for offset, row in enumerate(summary.iter_rows(min_row=2, values_only=True), start=2):
        if row[0] == _("table") and row[1] in links:
            cell = summary.cell(offset, 2)
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=sheet_link(links[row[1]][0]))
            cell.font = LINK
    for title, name, records in (
        (_(FINDINGS_SHEET), "findings.csv", folder.findings),
        (_(REPAIRS_SHEET), "repairs.csv", folder.repairs),
    ):
        header = csv_header(folder.path / name)
        record_sheet(book.create_sheet(title), header, records, links)
    book.properties.creator = f"renja {folder.manifest.get('renja_version', '')}".strip()
    book.properties.title = sheet_text(str(folder.meta.get("title") or folder.doc_id))
    book.properties.created = book.properties.modified = FIXED_TIMESTAMP
    return book


def workbook_bytes(book: Workbook) -> bytes:
    """The .xlsx file: openpyxl's parts, in a zip whose entries carry one fixed time."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # unlike Workbook.save, keeps our 'modified' date
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()


def write_workbook(doc_dir: str | Path | DocFolder) -> Path:
    """Write ``<doc_id>.xlsx`` into a document's folder (its path, or the folder read)
    atomically and return its path."""
    folder = doc_dir if isinstance(doc_dir, DocFolder) else read_doc_folder(doc_dir)
    stem = folder.doc_id if SAFE_NAME.fullmatch(folder.doc_id) else folder.path.resolve().name
    path = folder.path / f"{stem}.xlsx"
    publish_file(path, workbook_bytes(build_workbook(folder)))
    return path


__all__ = ["build_workbook", "write_workbook"]
