"""Reading the nomenclature files: the Kepmendagri 1317/2023 CSV, the SIPD 2027 CSV and the SIPD
"nomenklatur sub kegiatan" ``.xlsx`` export."""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from xml.etree import ElementTree

from renja.model.errors import ReferenceMissingError
from renja.model.i18n import N_, _
from renja.model.kode import LEVELS
from renja.normalize.nomenclature.model import (
    KABKOTA,
    VERSION_1317,
    VERSION_2027,
    Entry,
    canonical_code,
    normalize_jenis_pemda,
)

# The CSV columns each reader needs; extra columns are ignored.
COLUMNS_1317 = ("level", "code", "name", "kinerja", "indicator", "satuan")
COLUMNS_2027 = (*COLUMNS_1317, "jenis_pemda", "subkegiatan_sebelumnya")
# The SIPD export's columns that are read; TAG, DEFINISI OPERASIONAL, PELAKSANA, SPM and JENIS
# are not. SUBKEGIATAN SEBELUMNYA is optional.
XLSX_LEVEL_COLUMNS = (("BIDANG", "bidang"), ("PROGRAM", "program"), ("KEGIATAN", "kegiatan"))
XLSX_COLUMNS = ("JENIS PEMDA", "BIDANG", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "KINERJA",
                "INDIKATOR", "SATUAN")  # fmt: skip
XLSX_PREVIOUS = "SUBKEGIATAN SEBELUMNYA"
XLSX_HEADER_SEARCH_ROWS = 10  # the header is the first row; allow a title block above it

NOT_UTF8 = N_("it is not UTF-8 text")

_CODE_NAME = re.compile(r"([0-9Xx]+(?:\.[0-9Xx]+)*)\s+(.*)", re.S)


class ReferenceUnreadableError(ReferenceMissingError):
    """A nomenclature file exists but cannot be read: wrong columns, bad encoding, broken rows."""


def unreadable(path: Path, why: str) -> ReferenceUnreadableError:
    return ReferenceUnreadableError(
        _("Cannot read the nomenclature file {path}: {why}.").format(path=path, why=why)
    )


def missing_columns(missing: Sequence[str]) -> str:
    """Why a file with too few columns cannot be read."""
    return _("the columns {columns} are missing").format(columns=", ".join(missing))


# --- cells -----------------------------------------------------------------------------------


def split_code_name(cell: str) -> tuple[str, str] | None:
    """A SIPD "CODE NAME" cell split at the first space, code canonical, name tidied.

    >>> split_code_name("5.03.02.2.01.0010 Pengelolaan  Sistem\\nInformasi Kepegawaian")
    ('5.03.02.2.01.0010', 'Pengelolaan Sistem Informasi Kepegawaian')
    >>> split_code_name("Pengadaan Mebel") is None
    True
    """
    match = _CODE_NAME.fullmatch(cell.strip())
    if not match:
        return None
    return canonical_code(match.group(1)), tidy(match.group(2))


def strip_previous_code(name: str, previous_code: str | None) -> str:
    """Drop the old code that four 2027 KABKOT names begin with (a SIPD data-entry artefact).

    >>> strip_previous_code("1.03.07.2.01.0018 Optimalisasi SPALD", "1.03.07.2.01.0018")
    'Optimalisasi SPALD'
    """
    if previous_code and name.startswith(previous_code + " "):
        return name[len(previous_code) + 1 :]
    return name


def tidy(text: object) -> str:
    """Whitespace runs, newlines included, collapsed to one space; None to ''.

    >>> tidy("Pengadaan\\n  Mebel "), tidy(None)
    ('Pengadaan Mebel', '')
    """
    return " ".join(str(text).split()) if text is not None else ""


# --- the CSV files -----------------------------------------------------------------------------


def _csv_rows(path: Path, needed: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, the needed columns) of each non-blank row of a nomenclature CSV."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, [])
            missing = [c for c in needed if c not in header]
            if missing:
                raise unreadable(path, missing_columns(missing))
            index = [(c, header.index(c)) for c in needed]
            for row in reader:
                if not any(row):
                    continue
                if len(row) < len(header):
                    line = reader.line_num
                    raise unreadable(
                        path,
                        _("line {line} has {n} of {total} fields").format(
                            line=line, n=len(row), total=len(header)
                        ),
                    )
                yield reader.line_num, {c: row[i] for c, i in index}
    except UnicodeDecodeError as exc:
        raise unreadable(path, _(NOT_UTF8)) from exc
    except (csv.Error, OSError) as exc:
        raise unreadable(path, str(exc)) from exc


def _level(path: Path, line: int, level: str) -> str:
    if level not in LEVELS:
        raise unreadable(
            path, _("line {line} has the unknown level {level!r}").format(line=line, level=level)
        )
    return level


def read_1317_csv(path: Path) -> list[Entry]:
    """The entries of the 1317/2023 CSV (kab/kota only)."""
    return [
        Entry(
            canonical_code(row["code"]),
            _level(path, line, row["level"]),
            row["name"],
            row["kinerja"] or None,
            row["indicator"] or None,
            row["satuan"] or None,
            KABKOTA,
            VERSION_1317,
        )
        for line, row in _csv_rows(path, COLUMNS_1317)
    ]


def read_2027_csv(path: Path) -> list[Entry]:
    """The entries of the SIPD 2027 CSV; "OLDCODE OLD NAME" becomes previous_code and _name."""
    entries = []
    for line, row in _csv_rows(path, COLUMNS_2027):
        previous = split_code_name(row["subkegiatan_sebelumnya"])
        previous_code, previous_name = previous or (None, None)
        try:
            jenis = normalize_jenis_pemda(row["jenis_pemda"])
        except ValueError as exc:
            reason = _("line {line}: {reason}").format(line=line, reason=exc)
            raise unreadable(path, reason) from exc
        entries.append(
            Entry(
                canonical_code(row["code"]),
                _level(path, line, row["level"]),
                strip_previous_code(row["name"], previous_code),
                row["kinerja"] or None,
                row["indicator"] or None,
                row["satuan"] or None,
                jenis,
                VERSION_2027,
                previous_code,
                previous_name,
            )
        )
    return entries


# --- the SIPD export ---------------------------------------------------------------------------

# What openpyxl raises for a file that is no workbook, or whose parts are broken.
XLSX_READ_ERRORS = (zipfile.BadZipFile, OSError, KeyError, ValueError, ElementTree.ParseError)


def read_sipd_xlsx(path: Path) -> list[Entry]:
    """The entries of a SIPD "nomenklatur sub kegiatan" export, as ``convert.py`` reads it.

    Bidang, program and kegiatan rows come from the "CODE NAME" cells of each sub kegiatan row,
    first occurrence per pemda type; a repeated sub kegiatan keeps its first row.
    """
    rows = _xlsx_cells(path)
    header_at = next(
        (
            i
            for i, row in enumerate(rows[:XLSX_HEADER_SEARCH_ROWS])
            if "JENIS PEMDA" in map(str.upper, row)
        ),
        None,
    )
    if header_at is None:
        raise unreadable(
            path,
            _("no header row with the columns {columns}").format(columns=", ".join(XLSX_COLUMNS)),
        )
    header = [c.upper() for c in rows[header_at]]
    missing = [c for c in XLSX_COLUMNS if c not in header]
    if missing:
        raise unreadable(path, missing_columns(missing))
    col = {name: header.index(name) for name in (*XLSX_COLUMNS, XLSX_PREVIOUS) if name in header}
    entries: list[Entry] = []
    seen: set[tuple[str, str, str]] = set()
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        row += [""] * (len(header) - len(row))
        if not any(row):
            continue
        entries.extend(_xlsx_row_entries(path, number, row, col, seen))
    return entries


def _xlsx_cells(path: Path) -> list[list[str]]:
    """The tidied cells of the first worksheet, row by row (openpyxl, read-only)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (*XLSX_READ_ERRORS, InvalidFileException) as exc:
        raise unreadable(
            path, _("it is not an .xlsx workbook ({reason})").format(reason=exc)
        ) from exc
    try:
        return [
            [tidy(v) for v in row] for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
    except XLSX_READ_ERRORS as exc:
        raise unreadable(
            path, _("its first sheet cannot be read ({reason})").format(reason=exc)
        ) from exc
    finally:
        workbook.close()


def _xlsx_row_entries(
    path: Path, number: int, row: list[str], col: dict[str, int], seen: set[tuple[str, str, str]]
) -> Iterator[Entry]:
    """The new hierarchy entries and the sub kegiatan of one export row."""
    try:
        jenis = normalize_jenis_pemda(row[col["JENIS PEMDA"]])
    except ValueError as exc:
        raise unreadable(
            path, _("row {number}: {reason}").format(number=number, reason=exc)
        ) from exc
    parts = [*XLSX_LEVEL_COLUMNS, ("SUBKEGIATAN", "sub_kegiatan")]
    for column, level in parts:
        split = split_code_name(row[col[column]])
        if split is None:
            raise unreadable(
                path,
                _("row {number}, column {column} holds no 'CODE NAME'").format(
                    number=number, column=column
                ),
            )
        if (jenis, level, split[0]) in seen:
            continue
        seen.add((jenis, level, split[0]))
        if level != "sub_kegiatan":
            yield Entry(split[0], level, split[1], None, None, None, jenis, VERSION_2027)
            continue
        previous = split_code_name(row[col[XLSX_PREVIOUS]]) if XLSX_PREVIOUS in col else None
        previous_code, previous_name = previous or (None, None)
        yield Entry(
            split[0],
            level,
            strip_previous_code(split[1], previous_code),
            row[col["KINERJA"]] or None,
            row[col["INDIKATOR"]] or None,
            row[col["SATUAN"]] or None,
            jenis,
            VERSION_2027,
            previous_code,
            previous_name,
        )


# The reader of each kind of file ('1317', '2027', 'xlsx'; see ``paths.reference_files``).
READERS: dict[str, Callable[[Path], list[Entry]]] = {
    "1317": read_1317_csv,
    "2027": read_2027_csv,
    "xlsx": read_sipd_xlsx,
}
