"""The corpus built incrementally: the rows of the documents that did not change since the last
build are taken from the corpus files it wrote, and only the documents that changed are read.

Each corpus file holds its documents' rows in ``doc_id`` order. Beside the files, the corpus
folder keeps ``SOURCES`` (``.sumber.json``): for every document folder it was built from, the
document's id, its partition (the year its rows are filed under) and a fingerprint of its
``manifest.json`` (size, modification time and inode: a folder renja writes again is a new
folder, with a new manifest), and what identifies the nomenclature the hierarchy's names came
from. A new build

- fingerprints every document folder (one ``stat`` each: nothing is read of a folder that did
  not change);
- reads the folders that are new or changed, and makes their rows (``renja.present.corpus``);
- writes every corpus file at once, document by document in ``doc_id`` order: an unchanged
  document's rows from the old files (``OldRows``: read in batches, never whole), a changed
  one's new rows, in row groups of ``ROW_GROUP`` rows (``RowGroups``). Memory holds one
  document and one row group a file, however many documents there are.

The row groups are cut by count, never where a document or a batch ends, so a corpus built in
steps and one built at once are the same files, byte for byte. A corpus of another format, of
another renja version or nomenclature, or that cannot be read is not used: every document is
read again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from renja.model.version import __version__

SOURCES = ".sumber.json"
FORMAT = 1  # bump when what a corpus file holds, or how it is written, changes
# Rows per Parquet row group of a corpus file. Each file being written holds one group pending, a
# year's baris among them (wide rows: the hierarchy's names): 16,384 keep a 2,000-document build
# at 0.3 GB before the database (65,536: 0.56 GB).
ROW_GROUP = 16_384
# Pieces a file's pending rows are kept in before they are joined: each small table of a
# document's few rows holds buffers of its own, which would add up over thousands of documents.
MAX_PIECES = 64
DOC_ID = "doc_id"


@dataclass(frozen=True, slots=True)
class Source:
    """A document folder as a corpus build saw it."""

    folder: str  # its name in the output folder
    doc_id: str
    partition: str  # the year its rows are filed under (``baris/<year>.parquet``)
    fingerprint: str  # of its manifest.json: size, modification time, inode


def fingerprint(manifest: Path) -> str:
    """What changes when a document folder is written again: its manifest's size, modification
    time (ns) and inode."""
    stat = manifest.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def read_sources(corpus: Path, nomenclature: str | None = None) -> dict[str, Source]:
    """The documents the corpus in ``corpus`` was built from, by folder name; none when there is
    no corpus, or one this build cannot take rows from (another format, renja version or
    ``nomenclature``, a damaged record)."""
    try:
        data = json.loads((corpus / SOURCES).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("renja_version") != __version__:
            return {}
        if data.get("nomenklatur") != nomenclature:
            return {}
        sources = [Source(**entry) for entry in data["documents"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    return {source.folder: source for source in sources}


def sources_text(sources: Iterable[Source], nomenclature: str | None = None) -> str:
    """``SOURCES``: the documents a corpus was built from, and with which nomenclature."""
    documents = [asdict(s) for s in sorted(sources, key=lambda s: s.folder)]
    record = {"format": FORMAT, "renja_version": __version__, "nomenklatur": nomenclature,
              "documents": documents}  # fmt: skip
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """A table with exactly ``schema``: its types and its metadata (pandas' types to read back,
    the columns' descriptions)."""
    if not table.schema.equals(schema, check_metadata=True):
        table = table.cast(schema)
    return table


class RowGroups:
    """A Parquet file written in row groups of exactly ``ROW_GROUP`` rows (the last one fewer),
    whatever the pieces its rows are added in."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path, self.schema = path, schema
        self.writer: pq.ParquetWriter | None = None
        self.pending: list[pa.Table] = []
        self.count = 0  # rows pending
        self.rows = 0  # rows written

    def add(self, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        self.pending.append(conform(table, self.schema))
        self.count += table.num_rows
        if len(self.pending) >= MAX_PIECES:  # many documents' few rows: one contiguous table
            self.pending = [pa.concat_tables(self.pending).combine_chunks()]
        while self.count >= ROW_GROUP:
            self._write(ROW_GROUP)

    def _write(self, rows: int) -> None:
        combined = pa.concat_tables(self.pending)
        head, rest = combined.slice(0, rows), combined.slice(rows)
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.path, self.schema)
        # one contiguous array a column: the pages are cut the same way whatever the pieces
        self.writer.write_table(head.combine_chunks(), row_group_size=rows)
        self.pending = [rest] if rest.num_rows else []
        self.count = rest.num_rows
        self.rows += rows

    def close(self, empty_file: bool = True) -> int:
        """Write what is pending; with no row at all, an empty file with the schema (or none,
        without ``empty_file``). Returns the rows written."""
        if self.count:
            self._write(self.count)
        if self.writer is not None:
            self.writer.close()
        elif empty_file:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(self.schema.empty_table(), self.path)
        return self.rows


class OldRows:
    """The rows of an old corpus file, document by document, in its ``doc_id`` order: read in
    batches, never whole."""

    def __init__(self, path: Path | None) -> None:
        self.runs: Iterator[tuple[str, pa.Table]] = iter(_file_runs(path) if path else ())
        self.head = next(self.runs, None)

    def take(self, doc_id: str) -> list[pa.Table]:
        """The rows of ``doc_id`` (the documents before it are passed over)."""
        while self.head is not None and self.head[0] < doc_id:
            self.head = next(self.runs, None)
        rows = []
        while self.head is not None and self.head[0] == doc_id:
            rows.append(self.head[1])
            self.head = next(self.runs, None)
        return rows


def _file_runs(path: Path) -> Iterator[tuple[str, pa.Table]]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=ROW_GROUP):
        ids = batch.column(batch.schema.get_field_index(DOC_ID)).to_pylist()
        for doc_id, start, end in _runs(ids):
            yield doc_id, pa.Table.from_batches([batch.slice(start, end - start)])


def _runs(ids: list[Any]) -> Iterable[tuple[Any, int, int]]:
    """The runs of equal values of a list: (value, start, end).

    >>> list(_runs(["a", "a", "b", "c", "c"]))
    [('a', 0, 2), ('b', 2, 3), ('c', 3, 5)]
    """
    start = 0
    for end in range(1, len(ids) + 1):
        if end == len(ids) or ids[end] != ids[start]:
            yield ids[start], start, end
            start = end


def readable(path: Path) -> bool:
    """Whether an old corpus file can be read (its footer): a damaged one is not used."""
    try:
        pq.ParquetFile(path).close()
    except (OSError, pa.ArrowException):
        return False
    return True


__all__ = [
    "FORMAT",
    "ROW_GROUP",
    "SOURCES",
    "OldRows",
    "RowGroups",
    "Source",
    "conform",
    "fingerprint",
    "read_sources",
    "readable",
    "sources_text",
]
