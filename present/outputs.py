"""Reading a document's output folder (the output contract) back: the report, the workbook and
the corpus are all built from these files alone, never from a run's memory."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pandas as pd

from renja.model.contract import TableContract, row_value_kinds
from renja.model.errors import OutputSchemaError, RenjaError
from renja.model.refs import Related, load_lines, load_related
from renja.model.version import SCHEMA_VERSION

SAFE_NAME = re.compile(r"[\w-][\w.-]*")  # a table id that is a file name, not a path
RAW_HEADER_ROLE = "header"  # ``peran`` of raw header rows
# The columns of repairs.csv and findings.csv, in order (the corpus keeps the findings' too).
REPAIR_COLUMNS = [
    "table", "row", "column", "raw", "clean", "rule", "asal", "sumber_baris", "halaman",
    "catatan", "oleh",
]  # fmt: skip
FINDING_COLUMNS = [
    "id", "check", "severity", "table", "row", "sumber_baris", "halaman", "kode", "uraian",
    "column", "expected", "found", "difference", "message", "root_cause", "related",
    "tinjauan", "catatan_tinjauan", "ditinjau_oleh",
]  # fmt: skip
REVIEW_COLUMN = "tinjauan"  # a finding a person checked: dokumen_benar or kesalahan_diterima

Record = dict[str, str]


@dataclass(slots=True)
class DocFolder:
    """One document's output folder, read as plain records (every CSV cell is text)."""

    path: Path
    manifest: dict[str, Any]
    findings: list[Record]
    repairs: list[Record]
    _raw: dict[str, list[Record]] = field(default_factory=dict, repr=False)
    _raw_lines: dict[str, dict[str, list[int]]] = field(default_factory=dict, repr=False)
    _clean: dict[str, list[Record]] = field(default_factory=dict, repr=False)
    _clean_index: dict[str, dict[str, Record]] = field(default_factory=dict, repr=False)
    _repairs: dict[tuple[str, str], list[Record]] | None = field(default=None, repr=False)

    @property
    def doc_id(self) -> str:
        return str(self.manifest.get("doc_id") or self.path.name)

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.manifest.get("meta") or {})

    @property
    def tables(self) -> list[dict[str, Any]]:
        return list(self.manifest.get("tables") or [])

    def table(self, table_id: str) -> dict[str, Any]:
        """The manifest entry of a table; empty when the manifest does not list it."""
        return next((t for t in self.tables if t.get("table_id") == table_id), {})

    def raw_columns(self, table_id: str) -> dict[str, int]:
        """The manifest's ``raw_columns``: the raw column ``N`` each clean column is read from."""
        columns = self.table(table_id).get("raw_columns") or {}
        return {str(k): v for k, v in columns.items() if isinstance(v, int)}

    def contract(self, table_id: str) -> TableContract | None:
        """A clean table's contract, from the manifest; None when it lists none."""
        data = self.table(table_id).get("contract")
        return TableContract.from_dict(data) if isinstance(data, dict) else None

    def frame(self, table_id: str) -> pd.DataFrame:
        """A clean table read back typed through its contract: amounts exact (Int64, or Decimal
        with cents), rates Float64, row numbers Int64, merged lines (``baris_gabungan``) lists of
        integers, the rest text (missing as None)."""
        path = self.clean_path(table_id)
        if SAFE_NAME.fullmatch(table_id) is None or not path.is_file():
            return pd.DataFrame()
        text = pd.read_csv(path, dtype=str, keep_default_na=False)
        contract = self.contract(table_id)
        kinds = contract.value_kinds() if contract else row_value_kinds()
        try:
            return typed_frame(text, kinds)
        except ValueError as exc:
            raise RenjaError(f"{path}: {exc}") from None

    def clean_path(self, table_id: str) -> Path:
        return self.path / "tables" / f"{table_id}.csv"

    def raw_path(self, table_id: str) -> Path:
        return self.path / "raw" / f"{table_id}.csv"

    def raw_rows(self, table_id: str) -> list[Record]:
        """The rows of ``raw/<table_id>.csv``; none when there is no such file."""
        if table_id not in self._raw:
            plain = SAFE_NAME.fullmatch(table_id) is not None  # a name, never a path
            self._raw[table_id] = read_csv(self.raw_path(table_id), False) if plain else []
        return self._raw[table_id]

    def raw_at_line(self, table_id: str, line: str) -> list[int]:
        """The positions of the body rows of a raw table printed on a source line."""
        if table_id not in self._raw_lines:
            index: dict[str, list[int]] = defaultdict(list)
            for i, row in enumerate(self.raw_rows(table_id)):
                if row.get("peran") != RAW_HEADER_ROLE:
                    index[row.get("sumber_baris", "")].append(i)
            self._raw_lines[table_id] = index
        return self._raw_lines[table_id].get(line, []) if line else []

    def clean_rows(self, table_id: str) -> list[Record]:
        """The rows of ``tables/<table_id>.csv``; none for a table of no known form."""
        if table_id not in self._clean:
            plain = SAFE_NAME.fullmatch(table_id) is not None  # a name, never a path
            self._clean[table_id] = read_csv(self.clean_path(table_id), False) if plain else []
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

    >>> text = pd.DataFrame({"baris": ["1", "2"], "baris_gabungan": ["[902,903]", ""]})
    >>> typed_frame(text, {"baris": "int", "baris_gabungan": "lines"})["baris_gabungan"].tolist()
    [[902, 903], None]
    """
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


def read_csv(path: Path, required: bool = True) -> list[Record]:
    """The rows of a CSV file as dicts of text."""
    if not path.is_file():
        if required:
            raise RenjaError(f"{path}: no such file; is this a renja output folder?")
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def csv_header(path: Path) -> list[str]:
    """The column names of a CSV file, even one without rows; none for a missing file."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def read_doc_folder(doc_dir: str | Path) -> DocFolder:
    """Read a document's output folder; a folder without the contract's files, or written in
    another layout (``schema_version``), is an error."""
    path = Path(doc_dir)
    manifest_path = path / "manifest.json"
    if not manifest_path.is_file():
        raise RenjaError(f"{path}: no manifest.json; not a renja output folder")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RenjaError(
            f"{manifest_path}: not valid JSON ({exc.msg}, line {exc.lineno})"
        ) from None
    version = manifest.get("schema_version") if isinstance(manifest, dict) else None
    if version is not None and version != SCHEMA_VERSION:
        raise OutputSchemaError(
            f"{path}: written in output layout {version}, and this renja reads layout "
            f"{SCHEMA_VERSION}; process the document again (renja run --force)"
        )
    return DocFolder(
        path=path,
        manifest=manifest,
        findings=read_csv(path / "findings.csv"),
        repairs=read_csv(path / "repairs.csv"),
    )


def is_open(finding: Record) -> bool:
    """A finding no person has checked yet (``tinjauan`` empty): what counts and fails.

    >>> is_open({"tinjauan": ""}), is_open({"tinjauan": "dokumen_benar"})
    (True, False)
    """
    return not finding.get(REVIEW_COLUMN)


__all__ = [
    "RAW_HEADER_ROLE",
    "REVIEW_COLUMN",
    "SAFE_NAME",
    "DocFolder",
    "Record",
    "csv_header",
    "exact_value",
    "is_open",
    "merged_lines",
    "read_csv",
    "read_doc_folder",
    "related_refs",
    "typed_frame",
]
