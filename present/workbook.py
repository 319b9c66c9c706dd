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

Amounts are integers and decimals are numbers with the digits the CSV prints (up to the 16
significant digits a spreadsheet number keeps), so no cent is rounded on the way. The list cells
(a finding's ``related``, a row's ``baris_gabungan``: JSON arrays in the CSV files) are written
as short text: ``t06_reviu_rkpd:4:pagu_murni;5.03.01``, ``902;903``. The cells a finding is
about are found as the report finds them (``renja.present.locate``). Excel's own limits hold: a
text longer than a cell can take is cut (with ``…``; the CSV keeps it whole), and past the
links a sheet can take the rest of its rows are not linked.

The file is written with XlsxWriter, row by row (its ``constant_memory`` mode): a table of
200,000 rows never becomes millions of cell objects, and nothing heavier than the writer is
imported for a document's first workbook. It is deterministic: a fixed document date and zip
entry times, so the same folder gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

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
from renja.present.sheet_layout import (
    column_order,
    frozen_columns,
    printed_headers,
    table_sheet_name,
)
from renja.present.values import as_int

SUMMARY_SHEET, FINDINGS_SHEET, REPAIRS_SHEET = N_("Summary"), N_("Findings"), N_("Repairs")
MAX_SHEET_NAME = 31  # Excel's limit
RESERVED_SHEET_NAMES = {"history"}  # Excel keeps this name for itself

# A fixed date, so that the same folder gives the same bytes; no run time goes into the file
# (XlsxWriter gives every zip entry one fixed time itself).
FIXED_TIMESTAMP = datetime(2000, 1, 1)

# Cell styles, as XlsxWriter's format properties (a solid fill of ``bg_color``).
Style = dict[str, Any]
SEVERITY_FILLS: dict[str, Style] = {  # by severity, as findings.csv writes it
    Severity.ERROR: {"bg_color": "#FFC7CE", "pattern": 1},  # light red
    Severity.WARNING: {"bg_color": "#FFEB9C", "pattern": 1},  # yellow
    Severity.INFO: {"bg_color": "#DDEBF7", "pattern": 1},  # light blue
}
HEADER: Style = {"bold": True, "bg_color": "#E7E9ED", "pattern": 1}
# the second header row: the column names
MACHINE: Style = {"italic": True, "font_size": 9, "font_color": "#5F6B7A", "bg_color": "#E7E9ED",
                  "pattern": 1}  # fmt: skip
TITLE: Style = {"bold": True, "font_size": 12}
LINK: Style = {"font_color": "#1F5F99", "underline": 1}
# Excel's limits: characters in a cell, links in a sheet.
MAX_CELL_TEXT = 32_767
MAX_LINKS = 65_530
CUT_MARK = "…"  # ends a text cut to MAX_CELL_TEXT
# Characters a workbook cannot hold (XML 1.0 forbids them): the control characters but tab and
# line breaks.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
INVALID_SHEET_CHARACTERS = re.compile(r"[\\*?:/\[\]]")  # not allowed in a sheet name

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
MESSAGE_WIDTH = 80  # the Temuan sheet's message column, at most
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
        return ILLEGAL_CHARACTERS.sub(" ", value)
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
    base = INVALID_SHEET_CHARACTERS.sub("_", wanted).strip("'") or "tabel"
    name, counter = base[:MAX_SHEET_NAME], 1
    while name.lower() in used:
        counter += 1
        suffix = f" ({counter})"
        name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
    return name


def sheet_link(sheet: str, row: int = 1, column: int = 1) -> str:
    """An in-workbook link target: ``'t04_evaluasi_e81'!C5``."""
    return f"'{sheet.replace(chr(39), chr(39) * 2)}'!{xl_col_to_name(column - 1)}{row}"


# --- writing sheets --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """A finding on a clean cell: its colour and the note shown on the cell."""

    severity: str
    note: str


@dataclass(frozen=True, slots=True)
class Special:
    """A cell written with more than its value: a style, a note, or a link (a location in the
    workbook: ``sheet_link``)."""

    style: Style | None = None
    note: str | None = None
    link: str | None = None


# What a sheet writer says about a row's cells beyond their values, by column (0-based).
Specials = Callable[[int, list[Any]], dict[int, Special]]


class Sheet:
    """One sheet being written, row by row, with the workbook's formats made once per style."""

    def __init__(self, book: Workbook, name: str, formats: dict[tuple[Any, ...], Format]) -> None:
        self.book = book
        self.sheet: Worksheet = book.add_worksheet(name)
        self.formats = formats
        self.links = 0

    def format(self, *styles: Style | None) -> Format | None:
        """The format of these styles merged (later ones win); None for no style."""
        merged: Style = {}
        for style in styles:
            if style:
                merged.update(style)
        if not merged:
            return None
        key = tuple(sorted(merged.items()))
        if key not in self.formats:
            self.formats[key] = self.book.add_format(merged)
        return self.formats[key]

    def put(self, row: int, column: int, value: Any, form: Format | None = None) -> None:
        """A value into a cell (0-based): text as text (never a formula), numbers as numbers;
        an empty cell (None or no text) only when it has a format."""
        if value is None or value == "":
            if form is not None:
                self.sheet.write_blank(row, column, None, form)
        elif isinstance(value, str):
            self.sheet.write_string(row, column, cell_text(value), form)
        else:
            self.sheet.write_number(row, column, value, form)

    def special(self, row: int, column: int, value: Any, special: Special) -> None:
        """A cell with its style, note and link; past ``MAX_LINKS`` a link is left out."""
        form = self.format(special.style)
        if special.link is not None and self.links < MAX_LINKS:
            self.links += 1
            text = "" if value is None else cell_text(str(value))
            self.sheet.write_url(row, column, f"internal:{special.link}", form, text)
        else:
            self.put(row, column, value, form)
        if special.note is not None:
            self.sheet.write_comment(row, column, cell_text(special.note), {"author": "renja"})


def cell_text(text: str) -> str:
    """Text as a cell can hold it: at most ``MAX_CELL_TEXT`` characters, a longer one cut and
    marked.

    >>> len(cell_text("x" * 40_000)), cell_text("x" * 40_000)[-1], cell_text("Pagu")
    (32767, '…', 'Pagu')
    """
    if len(text) <= MAX_CELL_TEXT:
        return text
    return text[: MAX_CELL_TEXT - len(CUT_MARK)] + CUT_MARK


def write_rows(
    sheet: Sheet,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    title: str = "",
    printed: Sequence[str] = (),
    frozen: int = 0,
    specials: Specials | None = None,
    title_note: str | None = None,
    widest: Mapping[str, int] | None = None,
) -> int:
    """A header row (bold, shaded, frozen, filtered) and the rows under it (already
    ``sheet_text``); with a ``title``, a title row above the header (``title_note`` noted on
    it); with ``printed`` headers, those in the header row and the column names (``header``) in
    a second one under it. The first ``frozen`` columns stay in view too. ``specials`` says
    which cells of a row (by its index in ``rows``) have a style, a note or a link; ``widest``
    bounds some columns' widths, by name. Returns the sheet row of the (last) header
    (1-based)."""
    names = [sheet_text(name) for name in header]
    shown = [sheet_text(name) for name in printed]
    line = 0
    if title:
        sheet.put(0, 0, sheet_text(title), sheet.format(TITLE))
        if title_note is not None:
            sheet.sheet.write_comment(0, 0, cell_text(title_note), {"author": "renja"})
        line = 1
    if printed:
        heading = sheet.format(HEADER)
        for column, name in enumerate(shown):
            sheet.put(line, column, name, heading)
        line += 1
    form = sheet.format(MACHINE if printed else HEADER)
    for column, name in enumerate(names):
        sheet.put(line, column, name, form)
    top = line + 1
    last = top + len(rows)
    widths = fit_widths(sheet, [shown, names, *rows] if printed else [names, *rows])
    for name, bound in (widest or {}).items():
        if name in header:
            at = list(header).index(name)
            sheet.sheet.set_column(at, at, min(widths[at], bound))
    sheet.sheet.freeze_panes(top, frozen)
    sheet.sheet.autofilter(top - 1, 0, last - 1, max(len(header), 1) - 1)
    for index, row in enumerate(rows):
        at = top + index  # 0-based: the row under the header and those before it
        extra = specials(index, list(row)) if specials else {}
        for column, value in enumerate(row):
            if column in extra:
                sheet.special(at, column, value, extra[column])
            else:
                sheet.put(at, column, value)
    return top


def fit_widths(sheet: Sheet, rows: Sequence[Sequence[Any]]) -> list[int]:
    """Each column as wide as its longest value (the headers' and the rows'; a title above the
    headers spills over), within bounds; returns the widths."""
    count = max((len(row) for row in rows), default=0) or 1
    longest = [0] * count
    for row in rows:
        for index, value in enumerate(row):
            if value is not None:
                longest[index] = max(longest[index], len(_shown(value)))
    widths = [min(max(length + 2, MIN_WIDTH), MAX_WIDTH) for length in longest]
    for index, width in enumerate(widths):
        sheet.sheet.set_column(index, index, width)
    return widths


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


def marked(mark: Mark) -> Special:
    """A cell coloured by its finding's severity, the finding noted on it."""
    fill = SEVERITY_FILLS.get(mark.severity, SEVERITY_FILLS[Severity.INFO])
    return Special(style=fill, note=sheet_text(mark.note))


@dataclass(frozen=True, slots=True)
class TableSheet:
    """A clean table as its sheet shows it: its rows' values, and where each ``baris`` is."""

    table_id: str
    name: str  # the sheet's
    title: str  # the name the document prints for the table
    header: list[str]
    printed: list[str]  # the headers as printed, over the column names
    money: set[str] | None  # the Rupiah columns (by the contract; None: by name)
    rows: list[Record]
    values: list[list[Any]]
    positions: dict[int, int]  # baris -> sheet row (1-based)

    # the title, the printed headers and the column names above the rows
    HEADER_ROWS = 3

    @classmethod
    def of(
        cls,
        table_id: str,
        name: str,
        title: str,
        header: list[str],
        printed: list[str],
        money: set[str] | None,
        rows: list[Record],
    ) -> TableSheet:
        numeric = numeric_columns(header, rows)
        values = [
            [sheet_text(_value(row, column, column in numeric)) for column in header]
            for row in rows
        ]
        positions: dict[int, int] = {}
        for offset, row in enumerate(rows, start=cls.HEADER_ROWS + 1):
            baris = as_int(row.get(ROW_COLUMN))
            if baris is not None:
                positions[baris] = offset
        return cls(table_id, name, title, header, printed, money, rows, values, positions)


def table_sheet(sheet: Sheet, table: TableSheet, marks: dict[int, list[tuple[str, Mark]]]) -> None:
    """One clean table under its title (the name the document prints for it), headed as printed
    (the column names under), code and name frozen, amounts formatted (``number_format``), its
    marked cells coloured. A finding whose column the table lacks marks the row's ``baris``."""
    header = table.header
    column_of = {name: index for index, name in enumerate(header)}
    money = table.money
    amounts = [
        (i, name if money is None else "pagu")
        for i, name in enumerate(header)
        if (AMOUNT_COLUMN.search(name) if money is None else name in money)
    ]
    formats = {fmt: {"num_format": fmt} for fmt in (AMOUNT_FORMAT, CENTS_FORMAT)}

    def specials(index: int, values: list[Any]) -> dict[int, Special]:
        out = {}
        for i, by in amounts:
            fmt = number_format(by, values[i])
            if fmt is not None:
                out[i] = Special(style=formats[fmt])
        baris = as_int(table.rows[index].get(ROW_COLUMN))
        found = marks.get(baris) if baris is not None else None
        if not found:
            return out
        by_column: dict[str, list[Mark]] = defaultdict(list)
        for column, mark in found:
            by_column[column if column in column_of else ROW_COLUMN].append(mark)
        for column, listed in by_column.items():
            if column in column_of:
                at = column_of[column]
                note = marked(merge_marks(listed))
                number = out[at].style if at in out else None
                out[at] = Special({**(note.style or {}), **(number or {})}, note.note)
        return out

    note = _("table {table}: tables/{table}.csv").format(table=table.table_id)
    write_rows(sheet, header, table.values, table.title, table.printed, frozen_columns(header),
               specials, title_note=note)  # fmt: skip


def record_sheet(
    sheet: Sheet,
    header: Sequence[str],
    records: Sequence[Record],
    links: dict[str, TableSheet],
) -> None:
    """findings.csv or repairs.csv, headed in Indonesian (the CSV's names in a second header
    row), each row linked to the cell of the clean table it is about; numbers with thousands
    separators."""
    printed = [_(RECORD_LABELS[name]) if name in RECORD_LABELS else name for name in header]
    table_at = header.index("table") if "table" in header else -1
    severity_at = header.index("severity") if "severity" in header else -1
    values_at = [header.index(name) for name in FINDING_VALUES if name in header]
    values = [[sheet_text(v) for v in record_values(header, record)] for record in records]
    formats = {fmt: {"num_format": fmt} for fmt in (AMOUNT_FORMAT, CENTS_FORMAT)}

    def specials(index: int, row: list[Any]) -> dict[int, Special]:
        record = records[index]
        out: dict[int, Special] = {}
        for at in values_at:
            fmt = number_format("pagu", row[at])
            if fmt is not None:
                out[at] = Special(style=formats[fmt])
        severity = record.get("severity")
        if severity in SEVERITY_FILLS and severity_at >= 0:
            out[severity_at] = Special(style=SEVERITY_FILLS[severity])
        target = links.get(record.get("table", ""))
        if table_at < 0 or target is None:
            return out
        line = target.positions.get(as_int(record.get("row")) or 0, 1)
        own = own_cells(record)
        column = own[0].column if own else None
        col = target.header.index(column) + 1 if column in target.header else 1
        out[table_at] = Special(style=LINK, link=sheet_link(target.name, line, col))
        return out

    widest = dict.fromkeys(("message", "raw", "clean"), MESSAGE_WIDTH)
    write_rows(sheet, header, values, printed=printed, frozen=1, specials=specials,
               widest=widest)  # fmt: skip


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


def build_workbook(folder: DocFolder, target: Any) -> None:
    """Write the workbook of a document folder into ``target`` (a path or a binary file)."""
    book = Workbook(
        target,
        {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
         "strings_to_urls": False},
    )  # fmt: skip
    formats: dict[tuple[Any, ...], Format] = {}
    taken = [_(SUMMARY_SHEET), _(FINDINGS_SHEET), _(REPAIRS_SHEET)]
    tables: list[TableSheet] = []
    table_rows: list[list[Any]] = []
    for entry in folder.tables:
        table_id = str(entry.get("table_id", ""))
        rows = folder.clean_rows(table_id)
        if not folder.clean_path(table_id).is_file():
            continue
        name = sheet_name(table_sheet_name(folder, table_id), taken)
        taken.append(name)
        header = column_order(csv_header(folder.clean_path(table_id)))
        printed = folder.table_name(table_id)
        contract = folder.contract(table_id)
        money = (
            {c.name for c in contract.columns if c.ctype is CellType.RUPIAH} if contract else None
        )
        headers = printed_headers(folder, table_id, header)
        tables.append(TableSheet.of(table_id, name, printed, header,
                                    [headers[n] for n in header], money, rows))  # fmt: skip
        described = printed if printed != table_id else entry.get("title") or entry.get("kind")
        table_rows.append([_("table"), table_id, len(rows), described])
    links = {table.table_id: table for table in tables}
    summary = [[sheet_text(v) for v in row] for row in summary_rows(folder) + table_rows]

    def summary_links(index: int, row: list[Any]) -> dict[int, Special]:
        if row[0] == _("table") and row[1] in links:
            return {1: Special(style=LINK, link=sheet_link(links[row[1]].name))}
        return {}

    write_rows(
        Sheet(book, _(SUMMARY_SHEET), formats),
        [_("part"), _("item"), _("value"), _("note")],
        summary,
        specials=summary_links,
    )
    marks = finding_marks(folder.findings)
    for table_id, table in links.items():
        table_sheet(Sheet(book, table.name, formats), table, marks.get(table_id, {}))
    for title, name, records in (
        (_(FINDINGS_SHEET), "findings.csv", folder.findings),
        (_(REPAIRS_SHEET), "repairs.csv", folder.repairs),
    ):
        header = csv_header(folder.path / name)
        record_sheet(Sheet(book, title, formats), header, records, links)
    creator = f"renja {folder.manifest.get('renja_version', '')}".strip()
    book.set_properties(
        {
            "title": sheet_text(str(folder.meta.get("title") or folder.doc_id)),
            "author": creator,
            "created": FIXED_TIMESTAMP,
        }
    )
    book.close()


def workbook_bytes(folder: DocFolder) -> bytes:
    """The .xlsx file of a document folder."""
    raw = io.BytesIO()
    build_workbook(folder, raw)
    return raw.getvalue()


def write_workbook(doc_dir: str | Path | DocFolder) -> Path:
    """Write ``<doc_id>.xlsx`` into a document's folder (its path, or the folder read)
    atomically and return its path."""
    folder = doc_dir if isinstance(doc_dir, DocFolder) else read_doc_folder(doc_dir)
    stem = folder.doc_id if SAFE_NAME.fullmatch(folder.doc_id) else folder.path.resolve().name
    path = folder.path / f"{stem}.xlsx"
    publish_file(path, workbook_bytes(folder))
    return path


__all__ = ["build_workbook", "write_workbook"]
