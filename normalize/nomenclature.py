"""The Permendagri 90 nomenclature: every official code with its name, kinerja, indikator, satuan.

Two versions are read from files kept outside the repository (see ``reference_path``):

- ``VERSION_1317`` (``1317/2023``): Kepmendagri 900.1.15.5-1317/2023, kab/kota appendix only
  (``kepmendagri_900.1.15.5-1317_2023.csv``); urusan to sub kegiatan; generic codes ``X``,
  ``X.XX``, ``X.XX.01…``.
- ``VERSION_2027`` (``2027``): the SIPD "nomenklatur sub kegiatan, versi pemutakhiran 2027", for
  provinsi and kab/kota (``sipd_nomenklatur_pemutakhiran_2027.csv``, or the SIPD ``.xlsx`` export
  itself); bidang to sub kegiatan; 346 renumbered sub kegiatan carry their previous code and name.

Which version a document uses (``Nomenclature.version_for_year``): documents for years up to
2025 use 1317/2023 when they are kab/kota (or the pemda type is unknown); provinsi documents always
use 2027, because 1317/2023 holds no provinsi kegiatan; 2026 and later, or an unknown year, use
2027. Only a version that was loaded is ever returned.

Loading takes one call, ``load_nomenclature(path)``. Parsed entries are cached in-process (keyed
by path, file sizes and modification times) and as a pickle of plain tuples in ``$RENJA_CACHE``,
else ``$XDG_CACHE_HOME/renja``, else ``~/.cache/renja``. A cache that cannot be written is
skipped; a cache that cannot be read is parsed again. The pickle is read with an unpickler that
refuses every class, so a tampered cache file cannot run code.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import pickle
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from pathlib import Path
from xml.etree import ElementTree

import renja.model
from renja.model.errors import ReferenceMissingError
from renja.model.publish import publish_file
from renja.model.version import __version__
from renja.normalize.words import vocabulary_from_texts

VERSION_1317 = "1317/2023"  # Kepmendagri 900.1.15.5-1317/2023, kab/kota
VERSION_2027 = "2027"  # SIPD pemutakhiran 2027, prov + kab/kota
VERSIONS = (VERSION_1317, VERSION_2027)  # oldest first
ENV_VAR = "RENJA_NOMENKLATUR"
CACHE_ENV_VAR = "RENJA_CACHE"

FILE_1317 = "kepmendagri_900.1.15.5-1317_2023.csv"
FILE_2027 = "sipd_nomenklatur_pemutakhiran_2027.csv"
# Last planning year under 1317/2023 for kab/kota: SIPD switched to the pemutakhiran lists for
# the 2026 plans (drafted in 2025), and the 2027 list is the newest of those we have.
LAST_YEAR_1317 = 2025

LEVELS = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")
KABKOTA = "kabkota"
PROV = "prov"
_JENIS_ALIASES = {
    "kabkota": KABKOTA, "kabkot": KABKOTA, "kab/kota": KABKOTA, "kabupaten/kota": KABKOTA,
    "kabupaten": KABKOTA, "kota": KABKOTA, "kab": KABKOTA,
    "prov": PROV, "provinsi": PROV, "propinsi": PROV,
}  # fmt: skip
_PROVINSI_KEGIATAN_CLASS = "1"  # 4th segment of a provinsi kegiatan; 2 is kab/kota

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

CACHE_FORMAT = 1  # bump when the pickled layout changes

SEGMENT_WIDTHS = (1, 2, 2, 1, 2, 4)  # urusan, bidang, program, kegiatan class+no, sub kegiatan
_WILDCARDS = frozenset({"X", "XX"})
_CANONICAL = re.compile(r"(?:[1-9]|X)(?:\.(?:\d\d|XX)(?:\.\d\d(?:\.[1-9]\.\d\d(?:\.\d{4})?)?)?)?")
_CODE_NAME = re.compile(r"([0-9Xx]+(?:\.[0-9Xx]+)*)\s+(.*)", re.S)

WHAT_TO_PROVIDE = (
    f"give a folder holding {FILE_1317} and/or {FILE_2027} (or a SIPD 'nomenklatur sub "
    f"kegiatan' .xlsx export), or one such file, with --nomenklatur PATH or {ENV_VAR}"
)
NOT_UTF8 = "it is not UTF-8 text"


class ReferenceUnreadableError(ReferenceMissingError):
    """A nomenclature file exists but cannot be read: wrong columns, bad encoding, broken rows."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of one nomenclature version, for one pemda type."""

    code: str  # canonical, as in the files ('X.XX.01.2.01.0001')
    level: str  # 'urusan' | 'bidang' | 'program' | 'kegiatan' | 'sub_kegiatan'
    name: str
    kinerja: str | None
    indikator: str | None
    satuan: str | None
    jenis_pemda: str  # 'kabkota' or 'prov'
    version: str  # VERSION_1317 or VERSION_2027
    previous_code: str | None = None  # 2027 only: the code before renumbering
    previous_name: str | None = None


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


# --- codes -----------------------------------------------------------------------------------


def canonical_code(code: str) -> str:
    """The code as the nomenclature writes it: segments padded, ``x.xx`` upper case.

    >>> canonical_code("5.03.02.2.01.10")
    '5.03.02.2.01.0010'
    >>> canonical_code(" x.xx.1.2.7. ")
    'X.XX.01.2.07'
    """
    text = code.strip().upper().replace(" ", "").strip(".")
    if _CANONICAL.fullmatch(text):
        return text
    segments = text.split(".")
    for i, segment in enumerate(segments[: len(SEGMENT_WIDTHS)]):
        if segment.isascii() and segment.isdecimal():
            segments[i] = str(int(segment)).zfill(SEGMENT_WIDTHS[i])
        elif i == 1 and segment == "X":
            segments[i] = "XX"
    return ".".join(segments)


def generic_code(code: str) -> str | None:
    """The generic ``X.XX`` form of a concrete program-or-lower code, else None.

    >>> generic_code("5.03.01.2.01.0001")
    'X.XX.01.2.01.0001'
    >>> generic_code("5.03") is None, generic_code("X.XX.01") is None
    (True, True)
    """
    segments = code.split(".")
    if len(segments) < 3 or segments[0] in _WILDCARDS:
        return None
    return ".".join(("X", "XX", *segments[2:]))


def code_within(code: str, prefix: str) -> bool:
    """Whether a canonical code lies under a canonical prefix, segment by segment.

    ``X`` and ``XX`` on either side stand for any urusan and bidang; the bare placeholders ``X``
    and ``X.XX`` name no real bidang and lie only under generic prefixes.

    >>> code_within("X.XX.01.2.07.0005", "5.03.01.2.07")
    True
    >>> code_within("5.03.02.2.01.0010", "X.XX"), code_within("5.03.02.2.01.0010", "5.03.01")
    (True, False)
    >>> code_within("X.XX", "5.03"), code_within("X.XX", "X.XX")
    (False, True)
    """
    c, p = code.split("."), prefix.split(".")
    if len(c) < len(p):
        return False
    if len(c) <= 2 and c[0] in _WILDCARDS and p[0] not in _WILDCARDS:
        return False
    for i, (a, b) in enumerate(zip(c, p, strict=False)):
        if a != b and not (i < 2 and (a in _WILDCARDS or b in _WILDCARDS)):
            return False
    return True


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


def normalize_jenis_pemda(value: str) -> str:
    """``'kabkota'`` or ``'prov'`` from the ways files and users write the pemda type.

    >>> normalize_jenis_pemda("KABKOT"), normalize_jenis_pemda("Provinsi")
    ('kabkota', 'prov')
    """
    jenis = _JENIS_ALIASES.get(value.strip().lower())
    if jenis is None:
        raise ValueError(f"unknown jenis_pemda {value!r}; expected 'kabkota' or 'prov'")
    return jenis


def tidy(text: object) -> str:
    """Whitespace runs, newlines included, collapsed to one space; None to ''.

    >>> tidy("Pengadaan\\n  Mebel "), tidy(None)
    ('Pengadaan Mebel', '')
    """
    return " ".join(str(text).split()) if text is not None else ""


def _check_version(version: str | None) -> None:
    if version is not None and version not in VERSIONS:
        raise ValueError(f"unknown nomenclature version {version!r}; expected one of {VERSIONS}")


def _check_level(level: str | None) -> None:
    if level is not None and level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}")


# --- the loaded nomenclature -------------------------------------------------------------------


@dataclass
class Nomenclature:
    """Every entry of every loaded version, indexed by code, by level and by previous code."""

    entries: tuple[Entry, ...]  # every entry of every version loaded
    source: str  # the folder or file read (for messages)
    _by_code: dict[tuple[str, str, str], Entry] = field(init=False, repr=False, compare=False)
    _by_previous: dict[tuple[str, str], Entry] = field(init=False, repr=False, compare=False)
    # (version, jenis_pemda, level) and its entries in file order, slices sorted by those keys.
    _slices: list[tuple[tuple[str, str, str], list[Entry]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self._by_code, self._by_previous = {}, {}
        by_slice: dict[tuple[str, str, str], list[Entry]] = {}
        for e in self.entries:
            self._by_code.setdefault((e.version, e.jenis_pemda, e.code), e)
            by_slice.setdefault((e.version, e.jenis_pemda, e.level), []).append(e)
            if e.previous_code:
                self._by_previous.setdefault((e.jenis_pemda, e.previous_code), e)
        rank = {name: i for i, name in enumerate((*VERSIONS, KABKOTA, PROV, *LEVELS))}
        self._slices = sorted(by_slice.items(), key=lambda kv: [rank[k] for k in kv[0]])

    def versions(self) -> list[str]:
        """The loaded versions, oldest first."""
        loaded = {version for (version, _, _), _ in self._slices}
        return [v for v in VERSIONS if v in loaded]

    def select(
        self,
        version: str | None = None,
        jenis_pemda: str | None = None,
        level: str | None = None,
        within: str | None = None,
    ) -> list[Entry]:
        """Entries of a version, pemda type and level under a code prefix (None: any).

        ``within`` is compared segment by segment after padding (``01`` == ``0001``): a prefix
        ``X.XX…`` takes every bidang's entries and the generic ones; a concrete prefix such as
        ``5.03.01`` also takes the generic ``X.XX.01…`` entries, whose support program applies to
        every bidang. Entries come by version (oldest first), pemda type, level, then file order.
        """
        _check_version(version)
        _check_level(level)
        jenis = normalize_jenis_pemda(jenis_pemda) if jenis_pemda else None
        found: list[Entry] = []
        for (v, j, lv), entries in self._slices:
            if (version or v) == v and (jenis or j) == j and (level or lv) == lv:
                found.extend(entries)
        if within:
            prefix = canonical_code(within)
            found = [e for e in found if code_within(e.code, prefix)]
        return found

    def get(
        self, code: str, version: str | None = None, jenis_pemda: str | None = None
    ) -> Entry | None:
        """The entry of a code (``.01`` or ``.0001``), else of its generic ``X.XX`` form.

        Unless given, the pemda type follows the kegiatan class (``.1.`` provinsi, else kab/kota,
        then the other), and the newest loaded version is tried first.
        """
        _check_version(version)
        canonical = canonical_code(code)
        order = [
            (v, j)
            for j in self._jenis_order(canonical, jenis_pemda)
            for v in ([version] if version else reversed(self.versions()))
        ]
        generic = generic_code(canonical)
        for candidate in (canonical, generic) if generic else (canonical,):
            for v, j in order:
                entry = self._by_code.get((v, j, candidate))
                if entry is not None:
                    return entry
        return None

    def renumbered_from(self, old_code: str, jenis_pemda: str | None = None) -> Entry | None:
        """The 2027 entry whose previous code (before renumbering) is ``old_code``."""
        canonical = canonical_code(old_code)
        for jenis in self._jenis_order(canonical, jenis_pemda):
            entry = self._by_previous.get((jenis, canonical))
            if entry is not None:
                return entry
        return None

    def version_for_year(self, year: int | None, jenis_pemda: str | None) -> str:
        """The version a document uses: 1317/2023 up to 2025 for kab/kota, else 2027.

        Provinsi documents always use 2027, because 1317/2023 holds no provinsi kegiatan; an
        unknown pemda type counts as kab/kota; 2026 and later, or an unknown year, use 2027.
        When the preferred version was not loaded, the other (loaded) one is returned.
        """
        jenis = normalize_jenis_pemda(jenis_pemda) if jenis_pemda else KABKOTA
        loaded = self.versions()
        if not loaded:
            raise ReferenceMissingError(f"The nomenclature from {self.source} holds no entries.")
        old = year is not None and year <= LAST_YEAR_1317 and jenis == KABKOTA
        preferred = VERSION_1317 if old else VERSION_2027
        return preferred if preferred in loaded else loaded[0]

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Lower-case words (3+ letters) of all names, kinerja and indikator."""
        # Distinct texts, then distinct tokens, before the word pattern: 3x faster than
        # running the pattern over every text (the texts repeat a few thousand words).
        texts = {text for e in self.entries for text in (e.name, e.kinerja, e.indikator) if text}
        return vocabulary_from_texts(set(" ".join(texts).lower().split()))

    @staticmethod
    def _jenis_order(code: str, jenis_pemda: str | None) -> tuple[str, ...]:
        if jenis_pemda:
            return (normalize_jenis_pemda(jenis_pemda),)
        segments = code.split(".")
        provinsi = len(segments) > 3 and segments[3] == _PROVINSI_KEGIATAN_CLASS
        return (PROV, KABKOTA) if provinsi else (KABKOTA, PROV)


# --- reading files ---------------------------------------------------------------------------


def _unreadable(path: Path, why: str) -> ReferenceUnreadableError:
    return ReferenceUnreadableError(f"Cannot read the nomenclature file {path}: {why}.")


def _csv_rows(path: Path, needed: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, the needed columns) of each non-blank row of a nomenclature CSV."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, [])
            missing = [c for c in needed if c not in header]
            if missing:
                raise _unreadable(path, f"the columns {', '.join(missing)} are missing")
            index = [(c, header.index(c)) for c in needed]
            for row in reader:
                if not any(row):
                    continue
                if len(row) < len(header):
                    line = reader.line_num
                    raise _unreadable(path, f"line {line} has {len(row)} of {len(header)} fields")
                yield reader.line_num, {c: row[i] for c, i in index}
    except UnicodeDecodeError as exc:
        raise _unreadable(path, NOT_UTF8) from exc
    except (csv.Error, OSError) as exc:
        raise _unreadable(path, str(exc)) from exc


def _level(path: Path, line: int, level: str) -> str:
    if level not in LEVELS:
        raise _unreadable(path, f"line {line} has the unknown level {level!r}")
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
            raise _unreadable(path, f"line {line}: {exc}") from exc
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
        raise _unreadable(path, f"no header row with the columns {', '.join(XLSX_COLUMNS)}")
    header = [c.upper() for c in rows[header_at]]
    missing = [c for c in XLSX_COLUMNS if c not in header]
    if missing:
        raise _unreadable(path, f"the columns {', '.join(missing)} are missing")
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
        raise _unreadable(path, f"it is not an .xlsx workbook ({exc})") from exc
    try:
        return [
            [tidy(v) for v in row] for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
    except XLSX_READ_ERRORS as exc:
        raise _unreadable(path, f"its first sheet cannot be read ({exc})") from exc
    finally:
        workbook.close()


def _xlsx_row_entries(
    path: Path, number: int, row: list[str], col: dict[str, int], seen: set[tuple[str, str, str]]
) -> Iterator[Entry]:
    """The new hierarchy entries and the sub kegiatan of one export row."""
    try:
        jenis = normalize_jenis_pemda(row[col["JENIS PEMDA"]])
    except ValueError as exc:
        raise _unreadable(path, f"row {number}: {exc}") from exc
    parts = [*XLSX_LEVEL_COLUMNS, ("SUBKEGIATAN", "sub_kegiatan")]
    for column, level in parts:
        split = split_code_name(row[col[column]])
        if split is None:
            raise _unreadable(path, f"row {number}, column {column} holds no 'CODE NAME'")
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


def _csv_kind(path: Path) -> str:
    """The kind of a single CSV from its header: '1317' or '2027'."""
    try:
        with path.open("rb") as f:
            first_line = f.readline().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _unreadable(path, NOT_UTF8) from exc
    except OSError as exc:
        raise _unreadable(path, str(exc)) from exc
    header = next(csv.reader([first_line]), [])
    if "jenis_pemda" in header:
        return "2027"
    if set(COLUMNS_1317) <= set(header):
        return "1317"
    raise _unreadable(path, f"its columns are not those of {FILE_1317} or {FILE_2027}")


def reference_files(path: Path) -> list[tuple[Path, str]]:
    """The files to read and their kind ('1317', '2027', 'xlsx') in a folder, or a single file.

    A folder without the 2027 CSV may hold the SIPD export instead: the last by name of its
    ``*nomenklatur*.xlsx`` files (SIPD names end in a timestamp), else of all its ``.xlsx``.
    """
    if path.is_file():
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            return [(path, "xlsx")]
        if suffix == ".csv":
            return [(path, _csv_kind(path))]
        raise ReferenceMissingError(
            f"{path} is neither a .csv nor an .xlsx file; {WHAT_TO_PROVIDE}."
        )
    found = [(path / FILE_1317, "1317")] if (path / FILE_1317).is_file() else []
    if (path / FILE_2027).is_file():
        found.append((path / FILE_2027, "2027"))
    else:
        workbooks = sorted(p for p in path.glob("*.xlsx") if not p.name.startswith("~$"))
        named = [p for p in workbooks if "nomenklatur" in p.name.lower()] or workbooks
        if named:
            found.append((named[-1], "xlsx"))
    if not found:
        raise ReferenceMissingError(f"{path} holds no nomenclature file; {WHAT_TO_PROVIDE}.")
    return found


READERS = {"1317": read_1317_csv, "2027": read_2027_csv, "xlsx": read_sipd_xlsx}


# --- finding and caching -----------------------------------------------------------------------


def reference_path(explicit: str | Path | None = None) -> Path:
    """The nomenclature folder or file: ``explicit``, else ``$RENJA_NOMENKLATUR``, else the first
    existing of ``./../shared/reference/permendagri90`` and ``<repo>/../shared/reference/…``.

    A path that was named but does not exist is an error, not a reason to look elsewhere.
    """
    for named, origin in ((explicit, "The nomenclature path"), (os.environ.get(ENV_VAR), ENV_VAR)):
        if named is not None and str(named) != "":
            path = Path(named).expanduser()
            if not path.exists():
                raise ReferenceMissingError(f"{origin} {path} does not exist; {WHAT_TO_PROVIDE}.")
            return path.resolve()
    repo_root = Path(renja.model.__file__).resolve().parents[1]
    for candidate in (Path.cwd(), repo_root):
        folder = candidate / ".." / "shared" / "reference" / "permendagri90"
        if folder.is_dir():
            return folder.resolve()
    raise ReferenceMissingError(f"No nomenclature reference was found: {WHAT_TO_PROVIDE}.")


def cache_dir() -> Path:
    """Where parsed references are pickled: $RENJA_CACHE, $XDG_CACHE_HOME/renja, ~/.cache/renja."""
    if os.environ.get(CACHE_ENV_VAR):
        return Path(os.environ[CACHE_ENV_VAR]).expanduser()
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]).expanduser() / "renja"
    return Path.home() / ".cache" / "renja"


Stamp = tuple[tuple[str, str, int, int], ...]  # (file, kind, size, mtime_ns) per file


def _stamp(files: Iterable[tuple[Path, str]]) -> Stamp:
    stamps = []
    for path, kind in files:
        stat = path.stat()
        stamps.append((str(path), kind, stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


class _PlainUnpickler(pickle.Unpickler):
    """Loads tuples, strings, numbers and None only: a tampered cache cannot run code."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"the cache names {module}.{name}")


# What reading a truncated, corrupt or foreign cache file can raise (see pickle's documentation).
_CACHE_READ_ERRORS = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                      IndexError, KeyError, TypeError, ValueError, OverflowError)  # fmt: skip


def _cache_file(stamp: Stamp) -> tuple[Path, tuple[object, ...]]:
    key = (CACHE_FORMAT, __version__, stamp)
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:20]
    return cache_dir() / f"nomenklatur-{digest}.pickle", key


def _read_cache(stamp: Stamp) -> list[Entry] | None:
    """The cached entries for these files, or None when absent, stale or unreadable."""
    path, key = _cache_file(stamp)
    try:
        with path.open("rb") as f:
            stored_key, rows = _PlainUnpickler(f).load()
        if stored_key != key:
            return None
        return [Entry(*row) for row in rows]
    except _CACHE_READ_ERRORS:
        return None


def _write_cache(stamp: Stamp, entries: Sequence[Entry]) -> None:
    """Pickle the entries as plain tuples; an unwritable cache folder is skipped."""
    path, key = _cache_file(stamp)
    data = pickle.dumps(
        (key, [tuple(getattr(e, f) for f in _ENTRY_FIELDS) for e in entries]),
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    # A read-only or full cache folder only costs speed: the next load parses again.
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        publish_file(path, data)  # atomic: a concurrent reader sees the old file or the new


@lru_cache(maxsize=4)
def _load_cached(source: str, stamp: Stamp) -> Nomenclature:
    entries = _read_cache(stamp)
    if entries is None:
        entries = [e for file, kind, _, _ in stamp for e in READERS[kind](Path(file))]
        _write_cache(stamp, entries)
    return Nomenclature(tuple(entries), source)


def load_nomenclature(path: str | Path | None = None) -> Nomenclature:
    """Every nomenclature entry from a folder or file (see ``reference_path``), cached."""
    reference = reference_path(path)
    return _load_cached(str(reference), _stamp(reference_files(reference)))
