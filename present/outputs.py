"""Reading a document's output folder (the output contract) back: the report, the workbook and
the corpus are all built from these files alone, never from a run's memory."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from renja.extract.source import file_hash
from renja.model.contract import TableContract, row_value_kinds
from renja.model.errors import OutputSchemaError, RenjaError
from renja.model.i18n import _
from renja.model.labels import table_name
from renja.model.publish import STALE
from renja.model.refs import Related, load_lines, load_related
from renja.model.version import SCHEMA_VERSION

if TYPE_CHECKING:  # pandas only where a table is read back typed: the report needs none
    import pandas as pd

SAFE_NAME = re.compile(r"[\w-][\w.-]*")  # a table id that is a file name, not a path
CORPUS = "corpus"  # OUT/corpus/: the corpus of an output folder (renja.present.corpus)
RAW_HEADER_ROLE = "header"  # ``peran`` of raw header rows
CLEAN_ROW_KEY = "baris_bersih"  # of a raw row: the clean row (``baris``) it was read into
# The columns of repairs.csv and findings.csv, in order (the corpus keeps the findings' too).
REPAIR_COLUMNS = [
    "table", "row", "column", "raw", "clean", "rule", "asal", "sumber_baris", "halaman",
    "catatan", "oleh",
]  # fmt: skip
FINDING_COLUMNS = [
    "id", "check", "severity", "table", "nama_tabel", "row", "sumber_baris", "halaman", "kode",
    "uraian",
    "column", "expected", "found", "difference", "message", "root_cause", "related",
    "tinjauan", "catatan_tinjauan", "ditinjau_oleh",
]  # fmt: skip
REVIEW_COLUMN = "tinjauan"  # a finding a person checked: dokumen_benar or kesalahan_diterima

Record = dict[str, str]

# A CSV cell may hold any amount of text (a page glued into one cell): the csv module's limit
# of 131,072 characters would refuse to read back what renja wrote.
FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)

# ``--csv-aman``: text that a spreadsheet program would run as a formula (it starts with one of
# these) is written with a ``'`` before it; the manifest says so (``CSV_SAFE``), and reading
# takes the ``'`` off again, so the values stay exact. Numbers (``-5``, ``+62``) are no formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_SAFE = "csv_aman"
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_NUMBER = re.compile(r"[+\-]?[0-9][0-9.,]*%?|[+\-]?[.,][0-9]+|-+")


def spreadsheet_safe(text: str) -> str:
    """A cell as ``--csv-aman`` writes it: a ``'`` before text a spreadsheet program would run
    as a formula (and before text that already starts with ``'`` and one, so that
    ``spreadsheet_exact`` gives back exactly what was there). Numbers and dashes stay as they
    are.

    >>> [spreadsheet_safe(t) for t in ["=SUM(A1)", "@cmd", "-5.000", "-", "+62 811", "'=x", "a=b"]]
    ["'=SUM(A1)", "'@cmd", '-5.000', '-', "'+62 811", "''=x", 'a=b']
    """
    if not text or _NUMBER.fullmatch(text):
        return text
    if text.startswith(FORMULA_START) or _ESCAPED.match(text):
        return "'" + text
    return text


def spreadsheet_exact(text: str) -> str:
    """A cell ``--csv-aman`` wrote, as it was.

    >>> [spreadsheet_exact(t) for t in ["'=SUM(A1)", "''=x", "'quoted", "-5"]]
    ['=SUM(A1)', "'=x", "'quoted", '-5']
    """
    return text[1:] if _ESCAPED.match(text) else text


def exact_records(records: list[Record]) -> list[Record]:
    """Records read from a ``--csv-aman`` file, their cells as they were."""
    return [{k: spreadsheet_exact(v) if v else v for k, v in r.items()} for r in records]


def exact_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame of CSV text read from a ``--csv-aman`` file, its cells as they were."""
    for name in frame.columns:
        cells = frame[name]
        escaped = cells.str.match(_ESCAPED.pattern)
        if escaped.any():
            frame[name] = cells.where(~escaped, cells.str[1:])
    return frame


@dataclass(slots=True)
class DocFolder:
    """One document's output folder, read as plain records (every CSV cell is text)."""

    path: Path
    manifest: dict[str, Any]
    findings: list[Record]
    repairs: list[Record]
    _raw: dict[str, list[Record]] = field(default_factory=dict, repr=False)
    _raw_lines: dict[str, dict[str, list[int]]] = field(default_factory=dict, repr=False)
    _raw_clean: dict[str, dict[str, list[int]] | None] = field(default_factory=dict, repr=False)
    _clean: dict[str, list[Record]] = field(default_factory=dict, repr=False)
    _clean_index: dict[str, dict[str, Record]] = field(default_factory=dict, repr=False)
    _repairs: dict[tuple[str, str], list[Record]] | None = field(default=None, repr=False)
    _entries: dict[str, dict[str, Any]] | None = field(default=None, repr=False)
    _raw_header: dict[str, list[Record]] = field(default_factory=dict, repr=False)
    _raw_pages: dict[str, dict[str, list[int]]] = field(default_factory=dict, repr=False)
    _frames: dict[tuple[str, bool], pd.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def safe_csv(self) -> bool:
        """Whether the CSVs were written with ``--csv-aman`` (``spreadsheet_safe``)."""
        return self.manifest.get(CSV_SAFE) is True

    def _read(self, path: Path) -> list[Record]:
        records = read_csv(path, False)
        return exact_records(records) if self.safe_csv else records

    @property
    def doc_id(self) -> str:
        return str(self.manifest.get("doc_id") or self.path.name)

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.manifest.get("meta") or {})

    @property
    def tables(self) -> list[dict[str, Any]]:
        return list(self.manifest.get("tables") or [])

    @property
    def source_link(self) -> str:
        """Where the input document is, relative to this folder (``source.path`` of the
        manifest, POSIX); empty when the manifest does not say."""
        source = self.manifest.get("source") or {}
        path = source.get("path") if isinstance(source, dict) else None
        return path if isinstance(path, str) else ""

    def source_document(self) -> Path | None:
        """The input document this folder was made from, when it is still where the manifest
        says and unchanged (its SHA-256 is the manifest's); None otherwise."""
        link = self.source_link
        if not link:
            return None
        path = self.path / link
        expected = (self.manifest.get("source") or {}).get("sha256")
        if not path.is_file() or not expected or file_hash(path) != expected:
            return None
        return path

    def table(self, table_id: str) -> dict[str, Any]:
        """The manifest entry of a table; empty when the manifest does not list it (the first,
        should it list one twice)."""
        if self._entries is None:
            self._entries = {}
            for entry in self.tables:
                self._entries.setdefault(str(entry.get("table_id")), entry)
        return self._entries.get(table_id, {})

    def table_name(self, table_id: str) -> str:
        """What a person is shown for a table: the name the manifest gives it (``nama``: its
        printed number and title), else one made from its caption, else its id."""
        entry = self.table(table_id)
        name = entry.get("nama")
        if isinstance(name, str) and name:
            return name
        return table_name(table_id, str(entry.get("caption") or "")) if entry else table_id

    def raw_columns(self, table_id: str) -> dict[str, int]:
        """The manifest's ``raw_columns``: the raw column ``N`` each clean column is read from."""
        columns = self.table(table_id).get("raw_columns") or {}
        return {str(k): v for k, v in columns.items() if isinstance(v, int)}

    def contract(self, table_id: str) -> TableContract | None:
        """A clean table's contract, from the manifest; None when it lists none."""
        data = self.table(table_id).get("contract")
        return TableContract.from_dict(data) if isinstance(data, dict) else None

    def frame(self, table_id: str, stored: bool = False) -> pd.DataFrame:
        """A clean table read back typed: amounts exact (Int64, or Decimal with cents), rates
        Float64, row numbers Int64, merged lines (``baris_gabungan``) lists of integers, the rest
        text (missing as None). From its CSV file, typed through its contract: the file a person
        may correct (``renja check`` re-audits it). With ``stored``, from the Parquet file the
        run wrote beside it, which holds those types and is read faster, when the folder has one
        (the corpus: a re-audit writes it again wherever the CSV changed). Read once; the frame
        is shared, so callers copy before they change it."""
        key = (table_id, stored)
        if key not in self._frames:
            self._frames[key] = self._read_frame(table_id, stored)
        return self._frames[key]

    def _read_frame(self, table_id: str, stored: bool) -> pd.DataFrame:
        import pandas as pd

        path = self.clean_path(table_id)
        if SAFE_NAME.fullmatch(table_id) is None or not path.is_file():
            return pd.DataFrame()
        parquet = self.parquet_path(table_id)
        if stored and parquet.is_file():
            return parquet_frame(parquet)
        text = pd.read_csv(path, dtype=str, keep_default_na=False)
        if self.safe_csv:
            text = exact_text(text)
        contract = self.contract(table_id)
        kinds = contract.value_kinds() if contract else row_value_kinds()
        try:
            return typed_frame(text, kinds)
        except ValueError as exc:
            raise RenjaError(_("{path}: {reason}").format(path=path, reason=exc)) from None

    def clean_path(self, table_id: str) -> Path:
        return self.path / "tables" / f"{table_id}.csv"

    def parquet_path(self, table_id: str) -> Path:
        return self.path / "tables" / f"{table_id}.parquet"

    def raw_path(self, table_id: str) -> Path:
        return self.path / "raw" / f"{table_id}.csv"

    def raw_rows(self, table_id: str) -> list[Record]:
        """The rows of ``raw/<table_id>.csv``; none when there is no such file."""
        if table_id not in self._raw:
            plain = SAFE_NAME.fullmatch(table_id) is not None  # a name, never a path
            self._raw[table_id] = self._read(self.raw_path(table_id)) if plain else []
        return self._raw[table_id]

    def raw_header(self, table_id: str) -> list[Record]:
        """The header rows of a raw table, in order."""
        if table_id not in self._raw_header:
            rows = self.raw_rows(table_id)
            self._raw_header[table_id] = [r for r in rows if r.get("peran") == RAW_HEADER_ROLE]
        return self._raw_header[table_id]

    def raw_on_page(self, table_id: str, page: str, role: str) -> list[int]:
        """The positions of the rows of a raw table with ``role`` (``peran``) on a page."""
        key = f"{table_id}\x00{role}"
        if key not in self._raw_pages:
            index: dict[str, list[int]] = defaultdict(list)
            for i, row in enumerate(self.raw_rows(table_id)):
                if row.get("peran") == role:
                    index[row.get("halaman", "")].append(i)
            self._raw_pages[key] = index
        return self._raw_pages[key].get(page, [])

    def raw_at_line(self, table_id: str, line: str) -> list[int]:
        """The positions of the body rows of a raw table printed on a source line."""
        if table_id not in self._raw_lines:
            index: dict[str, list[int]] = defaultdict(list)
            for i, row in enumerate(self.raw_rows(table_id)):
                if row.get("peran") != RAW_HEADER_ROLE:
                    index[row.get("sumber_baris", "")].append(i)
            self._raw_lines[table_id] = index
        return self._raw_lines[table_id].get(line, []) if line else []

    def raw_of_clean(self, table_id: str, baris: str) -> list[int] | None:
        """The positions of the raw rows a clean row was read from (``baris_bersih``), in
        order; None when ``raw/<table_id>.csv`` does not say (a folder written before it did)."""
        if table_id not in self._raw_clean:
            rows = self.raw_rows(table_id)
            if not rows or CLEAN_ROW_KEY not in rows[0]:
                self._raw_clean[table_id] = None
            else:
                index: dict[str, list[int]] = defaultdict(list)
                for i, row in enumerate(rows):
                    if row.get(CLEAN_ROW_KEY):
                        index[row[CLEAN_ROW_KEY]].append(i)
                self._raw_clean[table_id] = index
        index_of = self._raw_clean[table_id]
        return None if index_of is None else index_of.get(baris, [])

    def clean_rows(self, table_id: str) -> list[Record]:
        """The rows of ``tables/<table_id>.csv``; none for a table of no known form."""
        if table_id not in self._clean:
            plain = SAFE_NAME.fullmatch(table_id) is not None  # a name, never a path
            self._clean[table_id] = self._read(self.clean_path(table_id)) if plain else []
        return self._clean[table_id]

    def clean_row(self, table_id: str, baris: str) -> Record | None:
        """One clean row by its number (``baris``)."""
        if table_id not in self._clean_index:
            self._clean_index[table_id] = {r.get("baris", ""): r for r in self.clean_rows(table_id)}
        return self._clean_index[table_id].get(baris)

    def repairs_of(self, table_id: str, row: str) -> list[Record]:
        """The repairs of one clean row."""
        if self._repairs is None:
            self._repairs = defaultdict(list)
            for repair in self.repairs:
                self._repairs[(repair.get("table", ""), repair.get("row", ""))].append(repair)
        return self._repairs.get((table_id, row), [])


def related_refs(finding: Record) -> tuple[Related, ...] | None:
    """The cells, rows and codes a finding names in its ``related`` cell (a JSON array,
    ``renja.model.refs``); None when the cell holds no such array (an edited file).

    >>> related_refs({"related": '[{"tabel":"t06","baris":4,"kolom":"pagu"},{"kode":"5.03"}]'})
    (CellRef(table='t06', row=4, column='pagu'), CodeRef(kode='5.03'))
    >>> related_refs({"related": ""}), related_refs({"related": "t06:4:pagu"})
    ((), None)
    """
    try:
        return load_related(finding.get("related") or "")
    except ValueError:
        return None


def merged_lines(row: Record) -> list[int]:
    """The source lines (or pages) merged into a clean row, from its ``baris_gabungan`` cell (a
    JSON array); none when the cell holds no such array.

    >>> merged_lines({"baris_gabungan": "[902,903]"}), merged_lines({"baris_gabungan": "902;903"})
    ([902, 903], [])
    """
    try:
        return load_lines(row.get("baris_gabungan") or "")
    except ValueError:
        return []


def exact_value(text: str) -> int | Decimal | None:
    """An amount as the CSV writes it, exactly: ``28143400``, ``292438783064.47``.

    >>> exact_value("28143400"), exact_value("-1.50"), exact_value("")
    (28143400, Decimal('-1.50'), None)
    """
    text = text.strip()
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return int(number) if number == number.to_integral_value() and "." not in text else number


def typed_frame(text: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """A clean table's cells (as CSV text) typed by kind: ``exact``, ``float``, ``int``,
    ``lines`` (a JSON array of integers, ``renja.model.refs``), text.

    Raises ``ValueError`` for a ``lines`` cell that is no such array.

    >>> import pandas as pd
    >>> text = pd.DataFrame({"baris": ["1", "2"], "baris_gabungan": ["[902,903]", ""]})
    >>> typed_frame(text, {"baris": "int", "baris_gabungan": "lines"})["baris_gabungan"].tolist()
    [[902, 903], None]
    """
    import pandas as pd

    columns: dict[str, Any] = {}
    for name in text.columns:
        cells = text[name]
        kind = kinds.get(name, "text")
        if kind == "int":
            columns[name] = pd.to_numeric(cells.replace("", None), errors="coerce").astype("Int64")
        elif kind == "float":
            columns[name] = pd.to_numeric(cells.replace("", None), errors="coerce").astype(
                "Float64"
            )
        elif kind == "lines":
            columns[name] = pd.Series(
                [load_lines(c) if c else None for c in cells], index=text.index, dtype=object
            )
        elif kind == "exact":
            values = [exact_value(c) for c in cells]
            whole = all(v is None or isinstance(v, int) for v in values)
            columns[name] = (
                pd.Series(pd.array(values, dtype="Int64"), index=text.index)
                if whole
                else pd.Series(values, index=text.index, dtype=object)
            )
        else:
            columns[name] = pd.Series(
                [c if c != "" else None for c in cells], index=text.index, dtype=object
            )
    return pd.DataFrame(columns, index=text.index)


def parquet_frame(path: Path) -> pd.DataFrame:
    """A clean table from the Parquet file the writer wrote beside its CSV: the frame as it was
    (Int64, Float64, Decimal amounts, text), merged lines as lists again (Parquet gives arrays).
    A file that cannot be read is a one-line ``RenjaError``."""
    import pandas as pd
    import pyarrow as pa

    try:
        frame = pd.read_parquet(path)
    except (OSError, pa.ArrowException) as exc:
        message = " ".join(str(exc).split())
        raise RenjaError(
            _("{path}: cannot be read ({reason}); write it again with renja run --force").format(
                path=path, reason=message
            )
        ) from None
    for name in frame.columns:
        if frame[name].dtype == object:
            values = frame[name].tolist()
            if any(hasattr(v, "tolist") for v in values):  # list cells: arrays back to lists
                frame[name] = pd.Series(
                    [v.tolist() if hasattr(v, "tolist") else v for v in values],
                    index=frame.index,
                    dtype=object,
                )
    return frame


def read_csv(path: Path, required: bool = True) -> list[Record]:
    """The rows of a CSV file as dicts of text."""
    if not path.is_file():
        if required:
            raise RenjaError(
                _("{path}: no such file; is this a renja output folder?").format(path=path)
            )
        return []
    csv.field_size_limit(FIELD_LIMIT)
    with path.open(encoding="utf-8", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def csv_header(path: Path) -> list[str]:
    """The column names of a CSV file, even one without rows; none for a missing file."""
    if not path.is_file():
        return []
    csv.field_size_limit(FIELD_LIMIT)
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def read_doc_folder(doc_dir: str | Path) -> DocFolder:
    """Read a document's output folder; a folder without the contract's files, with a damaged
    manifest, or written in another layout (``schema_version``), is an error (one line)."""
    path = Path(doc_dir)
    return doc_folder(path, read_manifest(path))


def read_manifest(doc_dir: Path, data: bytes | None = None) -> Any:
    """A document folder's ``manifest.json`` (its bytes ``data``, when already read), parsed;
    a staging folder, a missing or damaged manifest, or one of another layout
    (``schema_version``), is an error (one line)."""
    path = Path(doc_dir)
    if STALE.fullmatch(path.name):  # a folder a run was writing or replacing
        raise RenjaError(
            _(
                "{path}: a temporary folder a stopped renja left behind, no output; the next "
                "renja run into that folder removes it"
            ).format(path=path)
        )
    manifest_path = path / "manifest.json"
    if data is None:
        if not manifest_path.is_file():
            raise RenjaError(
                _("{path}: no manifest.json; not a renja output folder").format(path=path)
            )
        data = manifest_path.read_bytes()
    try:
        manifest = json.loads(data.decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise RenjaError(
            _("{path}: not valid JSON ({reason}, line {line})").format(
                path=manifest_path, reason=exc.msg, line=exc.lineno
            )
        ) from None
    except UnicodeDecodeError:
        raise RenjaError(
            _("{path}: not UTF-8 text; write it again with renja run --force").format(
                path=manifest_path
            )
        ) from None
    version = manifest.get("schema_version") if isinstance(manifest, dict) else None
    if version is not None and version != SCHEMA_VERSION:
        raise OutputSchemaError(
            _(
                "{path}: written in output layout {version}, and this renja reads layout "
                "{current}; process the document again (renja run --force)"
            ).format(path=path, version=version, current=SCHEMA_VERSION)
        )
    return manifest


def check_manifest(manifest: object, where: Path) -> dict[str, Any]:
    """The manifest when it has the shape renja writes (an object; ``tables`` a list of
    objects; ``meta``, ``counts`` and ``source`` objects), else a one-line ``RenjaError``.

    >>> check_manifest({"tables": [{"table_id": "t01"}]}, Path("m.json"))["tables"]
    [{'table_id': 't01'}]
    >>> check_manifest({"tables": 5}, Path("m.json"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    renja.model.errors.RenjaError: m.json: manifest rusak (tables bukan daftar objek); tulis ...
    """
    problem = None
    if not isinstance(manifest, dict):
        problem = _("no JSON object")
    else:
        tables = manifest.get("tables", [])
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            problem = _("tables is no list of objects")
        for key in ("meta", "counts", "source"):
            if manifest.get(key) is not None and not isinstance(manifest[key], dict):
                problem = _("{key} is no object").format(key=key)
    if problem is not None:
        raise RenjaError(
            _(
                "{where}: damaged manifest ({problem}); write this folder again with renja run "
                "--force"
            ).format(where=where, problem=problem)
        )
    assert isinstance(manifest, dict)
    return manifest


def doc_folder(path: Path, manifest: object) -> DocFolder:
    """A document folder from its manifest (read from the folder, or the one being written)
    and its findings and repairs files."""
    checked = check_manifest(manifest, path / "manifest.json")
    folder = DocFolder(path=path, manifest=checked, findings=[], repairs=[])
    folder.findings = read_csv(path / "findings.csv")
    folder.repairs = read_csv(path / "repairs.csv")
    if folder.safe_csv:
        folder.findings, folder.repairs = map(exact_records, (folder.findings, folder.repairs))
    return folder


def is_open(finding: Record) -> bool:
    """A finding no person has checked yet (``tinjauan`` empty): what counts and fails.

    >>> is_open({"tinjauan": ""}), is_open({"tinjauan": "dokumen_benar"})
    (True, False)
    """
    return not finding.get(REVIEW_COLUMN)


__all__ = [
    "CLEAN_ROW_KEY",
    "CORPUS",
    "CSV_SAFE",
    "RAW_HEADER_ROLE",
    "REVIEW_COLUMN",
    "SAFE_NAME",
    "DocFolder",
    "Record",
    "check_manifest",
    "csv_header",
    "doc_folder",
    "exact_value",
    "is_open",
    "merged_lines",
    "parquet_frame",
    "read_csv",
    "read_doc_folder",
    "read_manifest",
    "related_refs",
    "spreadsheet_exact",
    "spreadsheet_safe",
    "typed_frame",
]
