"""The corpus: every processed document of an output folder as one dataset to query and compare.

``build_corpus(OUT)`` reads each ``OUT/<doc_id>/`` (manifest, clean tables, findings) and writes
``OUT/corpus/``, replacing it whole (written aside, then swapped in: ``renja.model.publish``):

- ``dokumen.parquet``: one row per document: its metadata and counts.
- ``tabel.parquet``: one row per table of every document: its id (the key ``baris``,
  ``sub_kegiatan`` and ``temuan`` name it by), form, and the number and name it is printed with
  (``nomor_tabel``, ``nama_tabel``).
- ``baris/YYYY.parquet`` (one file per year, ``tanpa_tahun.parquet`` for documents of no known
  year; each holds its ``tahun``): every clean row of every table with the document's metadata,
  in long form: one record per amount (``ukuran`` the column, ``besaran`` the quantity it reports,
  ``jenis_nilai`` a total, a unit price or a change, ``periode`` the year it is for, ``nilai`` the
  Rupiah); a row without amounts is one record with no ``ukuran``.
- ``pagu.parquet``: each document's budget once per budget year and lowest coded row, so that a
  plain ``sum(pagu)`` counts nothing twice (``renja.present.corpus_pagu``).
- ``sub_kegiatan.parquet``: one row per document and sub kegiatan, from the document's main
  table: pagu and target of the plan year and of the prakiraan maju.
- ``temuan.parquet``: every finding of every document, with the document's metadata; its
  ``related`` is a list of references (``list<struct<tabel, baris, kolom, kode>>``). Its columns
  are findings.csv's, but for the SQL keywords: ``pemeriksaan`` (``check``), ``table_id``
  (``table``), ``baris`` (``row``) and ``kolom`` (``column``).
- ``renja.duckdb``: the same tables, stored in the database itself (it opens from any folder),
  every table and column commented (``renja query``);
- ``datapackage.json`` and ``README.md``: the data dictionary (``renja.present.corpus_schema``).

Every row carries its document's metadata, the SKPD's canonical name (``skpd_baku``,
``renja.normalize.skpd``), and the baris, pagu and sub_kegiatan rows their place in the
hierarchy (``kode_urusan`` … ``nama_sub_kegiatan``, ``renja.present.corpus_hierarchy``).

The corpus is built incrementally (``renja.present.corpus_merge``): only the document folders
written since the last build are read (a document's clean tables from its Parquet files), the
others' rows are taken from the files that build wrote, and every table is written document by
document in ``doc_id`` order in row groups of a fixed size. ``pagu``'s ``terkini`` depends on
every document of a body: its rows are written aside first, then again with ``terkini``
decided from every document's budget years. Rows are sorted, so the same outputs give the same
corpus byte for byte, built at once or in steps.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from renja.model.contract import (
    CellType,
    TableContract,
    TableStatus,
    reviewed_name,
    status_name,
)
from renja.model.errors import OutputSchemaError, RenjaError
from renja.model.i18n import _, group_digits
from renja.model.missing import is_missing
from renja.model.publish import publish_folder
from renja.model.refs import CODE_KEY, COLUMN_KEY, ROW_KEY, TABLE_KEY, load_related
from renja.normalize.skpd import canonical_skpd
from renja.present.corpus_hierarchy import HIERARCHY, document_names, hierarchy_frame
from renja.present.corpus_merge import (
    ROW_GROUP,
    SOURCES,
    OldRows,
    RowGroups,
    Source,
    fingerprint,
    read_sources,
    readable,
    sources_text,
)
from renja.present.corpus_pagu import current_documents, pagu_records
from renja.present.corpus_schema import comment_statements, described, readme, write_datapackage
from renja.present.outputs import (
    CORPUS,
    FINDING_COLUMNS,
    DocFolder,
    check_manifest,
    read_doc_folder,
    read_manifest,
)

if TYPE_CHECKING:
    from renja.normalize.nomenclature import Nomenclature

DATABASE = "renja.duckdb"
META = (
    "pemda", "kode_pemda", "skpd", "kode_skpd", "skpd_baku", "singkatan_skpd", "tahun", "jenis",
    "jenis_pemda",
)  # fmt: skip
# findings.csv's columns whose names are SQL keywords, as the corpus names them.
FINDING_RENAMES = {"check": "pemeriksaan", "table": "table_id", "row": "baris", "column": "kolom"}
# The table a document's sub kegiatan are taken from, best first.
MAIN_KINDS = (
    "rencana_kerja",
    "rencana_program",
    "rencana_perubahan",
    "reviu_rkpd",
    "pergeseran_pagu",
)
_QUARTER = re.compile(r"_tw([1-4])_")


def document_meta(folder: DocFolder) -> dict[str, Any]:
    """The id and metadata every corpus record of a document carries, with the SKPD's
    canonical name and abbreviation."""
    meta = folder.meta
    skpd = canonical_skpd(meta.get("skpd"), meta.get("pemda"))
    meta["skpd_baku"] = skpd.nama if skpd else None
    meta["singkatan_skpd"] = skpd.singkatan if skpd else None
    return {"doc_id": folder.doc_id, **{k: meta.get(k) for k in META}}


# A clean table as the corpus reads it: manifest entry, contract, typed frame, and the hierarchy
# columns of each row.
Table = tuple[dict[str, Any], TableContract, pd.DataFrame, pd.DataFrame]


def document_tables(folder: DocFolder, reference: Nomenclature | None = None) -> list[Table]:
    """A document's clean tables with each row's place in the hierarchy (names from the
    document's own rows, else from the ``reference``)."""
    tables = list(clean_tables(folder))
    names = document_names(frame for _, _, frame in tables)
    jenis = folder.meta.get("jenis_pemda")
    return [
        (entry, contract, frame, hierarchy_frame(frame, names, reference, jenis))
        for entry, contract, frame in tables
    ]


def clean_tables(
    folder: DocFolder,
) -> Iterator[tuple[dict[str, Any], TableContract, pd.DataFrame]]:
    """A document's clean tables, known forms and inferred: manifest entry, contract, the
    table read back typed through its contract."""
    for entry in folder.tables:
        table_id = str(entry.get("table_id"))
        contract = folder.contract(table_id)
        if contract is None or not folder.clean_path(table_id).exists():
            continue
        yield entry, contract, folder.frame(table_id, stored=True)


def document_paths(out_dir: Path) -> list[Path]:
    """The folders of an output folder that may be documents' (they hold a ``manifest.json``),
    by name; hidden ones (a folder being written or replaced, ``renja.model.publish``) and the
    corpus are not."""
    listed = (p for p in out_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    return sorted(
        (p for p in listed if p.name != CORPUS and (p / "manifest.json").is_file()),
        key=lambda p: p.name,
    )


def amount_columns(contract: TableContract, columns: list[str]) -> list[str]:
    """The Rupiah columns of a clean table, in order."""
    rupiah = {c.name for c in contract.columns if c.ctype is CellType.RUPIAH}
    return [c for c in columns if c in rupiah]


def column_period(contract: TableContract, column: str, tahun: int | None) -> str | None:
    """The period an amount column is for: the year its header names, else by its name
    (``period``).

    >>> from renja.model.contract import Column
    >>> contract = TableContract("tabel", "", TableStatus.INFERRED,
    ...     (Column("pagu_indikatif_2026", CellType.RUPIAH, period="2026"),))
    >>> column_period(contract, "pagu_indikatif_2026", 2025), column_period(contract, "x", 2025)
    ('2026', '2025')
    """
    spec = contract.column(column)
    if spec is not None and spec.period and re.match(r"(?:19|20)\d\d", spec.period):
        return spec.period[:4]
    return period(column, tahun)


def period(column: str, tahun: int | None) -> str | None:
    """The period an amount column is for: the plan year, the next (prakiraan maju), the
    previous (``lalu``), or a quarter of the plan year.

    >>> period("pagu_maju", 2025), period("pagu", 2025), period("realisasi_tw2_rp", 2024)
    ('2026', '2025', '2024-TW2')
    >>> period("realisasi_renja_lalu_rp", 2024), period("pagu", None)
    ('2023', None)
    """
    if tahun is None:
        return None
    if "maju" in column:
        return str(tahun + 1)
    if "lalu" in column:
        return str(tahun - 1)
    quarter = _QUARTER.search(column + "_")
    return f"{tahun}-TW{quarter.group(1)}" if quarter else str(tahun)


def _value(row: dict[str, Any], column: str | None) -> Any:
    """A typed cell of a row (a record of its frame), None when missing."""
    if column is None or column not in row:
        return None
    value = row[column]
    return None if is_missing(value) else value


def _reviewed(row: dict[str, Any], column: str | None) -> Any:
    """An amount's reviewed value: a person's decision, else the printed value."""
    if column is None:
        return None
    reviewed = reviewed_name(column)
    return _value(row, reviewed) if reviewed in row else _value(row, column)


def first_filled(frame: pd.DataFrame, names: list[str]) -> pd.Series:
    """Per row, the first non-empty cell among ``names`` (missing columns skipped) as text,
    else NA.

    >>> frame = pd.DataFrame({"kode": ["", "5.03"], "kode_rekening": ["5.1", ""]})
    >>> first_filled(frame, ["kode", "kode_rekening", "nope"]).tolist()
    ['5.1', '5.03']
    """
    columns = [frame[name].tolist() for name in names if name in frame.columns]
    rows = zip(*columns, strict=True) if columns else ((),) * len(frame)
    cells = [next((t for v in row if (t := _text(v)) is not None), None) for row in rows]
    return pd.Series(pd.array(cells, dtype="string"), index=frame.index)


def _text(value: Any) -> str | None:
    """A cell as text (as pandas' ``string`` type writes it), None when missing or blank."""
    if is_missing(value):
        return None
    text = str(value)
    return text if text.strip() else None


def value_kind(contract: TableContract, column: str) -> str:
    """What an amount column holds: ``jumlah`` (amounts that add up the hierarchy),
    ``harga_satuan`` (a unit price: never summed) or ``selisih`` (a change, may be negative).

    >>> from renja.model.contract import Column
    >>> contract = TableContract("x", "", TableStatus.INFERRED, (
    ...     Column("harga", CellType.RUPIAH, summed=False), Column("jumlah", CellType.RUPIAH),
    ...     Column("jumlah_perubahan", CellType.RUPIAH, signed=True)))
    >>> [value_kind(contract, c) for c in ("harga", "jumlah", "jumlah_perubahan")]
    ['harga_satuan', 'jumlah', 'selisih']
    """
    spec = contract.column(column)
    if spec is None:
        return "jumlah"
    if spec.signed or spec.measure == "selisih":
        return "selisih"
    return "jumlah" if spec.summed else "harga_satuan"


def quantity_of(contract: TableContract, column: str) -> str | None:
    """The quantity an amount column reports, the same across tables (``pagu_sesudah``), else
    the measure its header names."""
    spec = contract.column(column)
    return (spec.quantity or spec.measure) if spec is not None else None


def long_rows(
    folder: DocFolder, tables: list[Table] | None = None, reference: Nomenclature | None = None
) -> pd.DataFrame:
    """Every clean row of one document, one record per amount (a row without amounts: one
    record with no ``ukuran``), with its place in the hierarchy."""
    meta = document_meta(folder)
    parts: list[pd.DataFrame] = []
    for entry, contract, frame, hierarchy in (
        document_tables(folder, reference) if tables is None else tables
    ):
        if frame.empty:
            continue
        indicators = [c.name for c in contract.columns if c.ctype is CellType.INDIKATOR]
        targets = [c.name for c in contract.columns if c.ctype is CellType.TARGET]
        target = next((t for t in targets if t in frame.columns), None)
        base = pd.DataFrame(
            {
                "table_id": entry["table_id"],
                "kind": contract.form,
                "baris": frame["baris"],
                "halaman": first_filled(frame, ["halaman"]),
                "jenis_baris": first_filled(frame, ["jenis_baris"]),
                "level": first_filled(frame, ["level"]),
                "kode": first_filled(frame, ["kode", "kode_rekening"]),
                "uraian": first_filled(frame, ["uraian", "uraian_sesudah", "sasaran", "tujuan"]),
                "indikator": first_filled(frame, indicators),
                "target": frame[target] if target else None,
                "satuan": first_filled(frame, [f"{target}_satuan", "satuan"]),
            },
            index=frame.index,
        ).join(hierarchy)  # fmt: skip
        amounts = amount_columns(contract, list(frame.columns))
        bare = base.assign(ukuran=None, besaran=None, jenis_nilai=None, nilai=None,
                           nilai_ditinjau=None, status_nilai=None, periode=None)  # fmt: skip
        values = amount_values(frame, amounts)
        if not values.empty:
            measured = values["ukuran"].tolist()
            facts = {  # per amount column, not per cell
                u: (column_period(contract, u, meta.get("tahun")), quantity_of(contract, u),
                    value_kind(contract, u))
                for u in set(measured)
            }  # fmt: skip
            values["periode"] = [facts[u][0] for u in measured]
            values["besaran"] = [facts[u][1] for u in measured]
            values["jenis_nilai"] = [facts[u][2] for u in measured]
            parts.append(base.join(values, how="inner"))
            bare = bare.loc[~bare.index.isin(values.index)]
        parts.append(bare)
    if not parts:
        return pd.DataFrame(columns=BARIS)
    rows = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    for key, value in meta.items():
        rows[key] = value
    return rows


def amount_values(frame: pd.DataFrame, amounts: list[str]) -> pd.DataFrame:
    """Each row's amounts in long form: the column (``ukuran``), the printed value (``nilai``),
    the reviewed one (``nilai_ditinjau``: a person's decision, else the printed) and where it
    comes from (``status_nilai``); a cell with neither value is left out. Indexed by row.

    >>> frame = pd.DataFrame({"pagu": pd.array([5, None], dtype="Int64"), "pagu_ditinjau": [5, 7],
    ...                       "status_pagu": ["tercetak", "saran_diterima"]})
    >>> amount_values(frame, ["pagu"])[["nilai", "nilai_ditinjau", "status_nilai"]].values.tolist()
    [[5, 5, 'tercetak'], [None, 7, 'saran_diterima']]
    """
    parts = []
    for name in amounts:
        reviewed, status = reviewed_name(name), status_name(name)
        part = pd.DataFrame(
            {
                "ukuran": name,
                "nilai": frame[name].astype(object),
                "nilai_ditinjau": (frame[reviewed] if reviewed in frame else frame[name])
                .astype(object),
                "status_nilai": frame[status].astype(object) if status in frame else None,
            },
            index=frame.index,
        )
        part = part.where(part.notna(), None)
        parts.append(part[part["nilai"].notna() | part["nilai_ditinjau"].notna()])
    if not parts:
        return pd.DataFrame(columns=["ukuran", "nilai", "nilai_ditinjau", "status_nilai"])
    return pd.concat(parts).rename_axis("row")


def pagu_rows(
    folder: DocFolder, tables: list[Table] | None = None, reference: Nomenclature | None = None
) -> list[dict[str, Any]]:
    """Each document's budget once: per budget year and lowest coded row of its main table
    (``renja.present.corpus_pagu``)."""
    meta = document_meta(folder)
    tables = document_tables(folder, reference) if tables is None else tables
    hierarchies = {id(frame): hierarchy for _, _, frame, hierarchy in tables}
    out: list[dict[str, Any]] = []
    for entry, contract, frame in _main_table([t[:3] for t in tables]):
        years = {c: column_period(contract, c, meta.get("tahun")) for c in frame.columns}
        out += pagu_records(meta, str(entry["table_id"]), contract, frame, years,
                            hierarchies[id(frame)])  # fmt: skip
    return out


def _measure(contract: TableContract, quantity: str, fallback: str) -> str | None:
    """The column of a quantity (``pagu_sesudah``): by the contract, else by its name."""
    named = [c.name for c in contract.columns if c.quantity == quantity]
    if named:
        return named[0]
    return fallback if any(c.name == fallback for c in contract.columns) else None


def _plan_year_amount(contract: TableContract, tahun: int | None) -> str | None:
    """In a table of no known form, the summed money column of the plan year (or the first)."""
    money = [c for c in contract.columns if c.is_amount]
    year = str(tahun) if tahun else None
    return next((c.name for c in money if year and c.period == year), None) or (
        money[0].name if money else None
    )


def _main_table(
    tables: list[tuple[dict[str, Any], TableContract, pd.DataFrame]],
) -> list[tuple[dict[str, Any], TableContract, pd.DataFrame]]:
    """The tables a document's sub kegiatan are taken from: its main form (``MAIN_KINDS``),
    else the inferred table listing the most sub kegiatan."""
    for slug in MAIN_KINDS:
        chosen = [t for t in tables if t[1].form == slug and "level" in t[2].columns]
        if any((f["level"] == "sub_kegiatan").any() for _, _, f in chosen):
            return chosen
    inferred = [
        t for t in tables
        if t[1].status is TableStatus.INFERRED and "level" in t[2].columns
        and (t[2]["level"] == "sub_kegiatan").any() and any(c.is_amount for c in t[1].columns)
    ]  # fmt: skip
    inferred.sort(key=lambda t: -int((t[2]["level"] == "sub_kegiatan").sum()))
    return inferred[:1]


def sub_kegiatan_rows(
    folder: DocFolder, tables: list[Table] | None = None, reference: Nomenclature | None = None
) -> list[dict[str, Any]]:
    """One record per sub kegiatan of the document's main table, with its place in the
    hierarchy."""
    tahun = document_meta(folder).get("tahun")
    tables = document_tables(folder, reference) if tables is None else tables
    hierarchies = {id(frame): hierarchy for _, _, frame, hierarchy in tables}
    out = []
    for entry, contract, frame in _main_table([t[:3] for t in tables]):
        hierarchy = hierarchies[id(frame)]
        known = contract.status is TableStatus.FORM
        pagu = (
            _measure(contract, "pagu_sesudah", "pagu")
            if known
            else _plan_year_amount(contract, tahun)
        )
        maju = _measure(contract, "pagu_maju", "pagu_maju")
        target = _measure(contract, "target_sesudah", "target")
        target_maju = _measure(contract, "target_maju", "target_maju")
        chosen = frame[frame["level"] == "sub_kegiatan"]
        for index, row in zip(chosen.index, chosen.to_dict("records"), strict=True):
            out.append(
                {
                    **document_meta(folder),
                    **hierarchy.loc[index].to_dict(),
                    "kode": _value(row, "kode"),
                    "uraian": _value(row, "uraian") or _value(row, "uraian_sesudah"),
                    "uraian_nomenklatur": _value(row, "uraian_nomenklatur"),
                    "pagu": _value(row, pagu),
                    "pagu_ditinjau": _reviewed(row, pagu),
                    "status_pagu": _value(row, status_name(pagu)) if pagu else None,
                    "target": _value(row, target),
                    "satuan": (_value(row, f"{target}_satuan") or _value(row, "satuan"))
                    if target else None,
                    "pagu_maju": _value(row, maju),
                    "pagu_maju_ditinjau": _reviewed(row, maju),
                    "status_pagu_maju": _value(row, status_name(maju)) if maju else None,
                    "target_maju": _value(row, target_maju),
                    "table_id": entry["table_id"],
                    "kind": contract.form,
                    "baris": int(row["baris"]),
                }
            )  # fmt: skip
    return out


def finding_rows(folder: DocFolder) -> list[dict[str, Any]]:
    """Every finding of a document with its metadata; ``related`` as a list of references."""
    meta = document_meta(folder)
    return [
        {
            **meta,
            **{FINDING_RENAMES.get(k, k): (v or None) for k, v in r.items()},
            "related": related_records(folder, r),
        }
        for r in folder.findings
    ]


def related_records(folder: DocFolder, finding: dict[str, str]) -> list[dict[str, Any]] | None:
    """A finding's references as records of ``RELATED_FIELDS`` (None for a field a reference
    does not have); None when it names none."""
    try:
        refs = load_related(finding.get("related") or "")
    except ValueError as exc:
        raise RenjaError(
            _("{path}: finding {id}: related: {reason}").format(
                path=folder.path / "findings.csv", id=finding.get("id", "?"), reason=exc
            )
        ) from None
    empty = dict.fromkeys(RELATED_FIELDS)
    return [empty | ref.to_json() for ref in refs] or None


def table_rows(folder: DocFolder) -> list[dict[str, Any]]:
    """One record per table of a document, clean or kept raw: its id (the key the other
    corpus tables use), form and status, and the number and name the document prints for it."""
    meta = document_meta(folder)
    out = []
    for entry in folder.tables:
        table_id = str(entry.get("table_id"))
        pages = entry.get("source_pages") or [None, None]
        audit = entry.get("audit") or {}
        out.append(
            {
                **meta,
                "table_id": table_id,
                "kind": entry.get("kind"),
                "status": entry.get("status"),
                "nomor_tabel": entry.get("nomor"),
                "nama_tabel": folder.table_name(table_id),
                "judul": entry.get("caption") or None,
                "halaman_awal": pages[0],
                "halaman_akhir": pages[-1],
                "jumlah_baris": entry.get("rows"),
                "audit": audit.get("status") if isinstance(audit, dict) else None,
            }
        )
    return out


def document_row(folder: DocFolder) -> dict[str, Any]:
    manifest = folder.manifest
    counts = manifest.get("counts") or {}
    findings = counts.get("findings") or {}
    source = manifest.get("source") or {}
    return {
        **document_meta(folder),
        "title": (manifest.get("meta") or {}).get("title"),
        "file": source.get("file"),
        "sha256": source.get("sha256"),
        "halaman": source.get("pages"),
        "renja_version": manifest.get("renja_version"),
        "tables": counts.get("clean_tables"),
        "errors": findings.get("error"),
        "warnings": findings.get("warning"),
        "infos": findings.get("info"),
        "ditinjau": counts.get("ditinjau", 0),
    }


# Column types of the corpus files: the same whatever the documents hold.
INTS = (
    "tahun", "baris", "halaman", "tables", "errors", "warnings", "infos", "ditinjau",
    "sumber_baris", "halaman_awal", "halaman_akhir", "jumlah_baris", "tahun_anggaran",
)  # fmt: skip
RELATED = "related"  # temuan: a list of references, list<struct<RELATED_FIELDS>>
RELATED_FIELDS = (TABLE_KEY, ROW_KEY, COLUMN_KEY, CODE_KEY)
RUPIAH = (
    "nilai", "nilai_ditinjau", "pagu", "pagu_ditinjau", "pagu_maju", "pagu_maju_ditinjau",
    "difference",
)  # fmt: skip
BOOLS = ("prakiraan_maju", "terkini")
FLOATS = ("target", "target_maju")


# Rupiah in the corpus: exact decimals with cents (never through float).
AMOUNT_PRECISION, AMOUNT_SCALE = 24, 2


def exact_amounts(values: pd.Series) -> pd.Series:
    """Amounts as exact decimals with two places (cents kept, never rounded through float).

    >>> exact_amounts(pd.Series([200000, Decimal("200000.50"), None, "12"])).tolist()
    [Decimal('200000.00'), Decimal('200000.50'), <NA>, Decimal('12.00')]
    """
    import pyarrow as pa

    cents = Decimal(1).scaleb(-AMOUNT_SCALE)
    exact = [None if is_missing(v) else _decimal(v).quantize(cents) for v in values]
    dtype = pd.ArrowDtype(pa.decimal128(AMOUNT_PRECISION, AMOUNT_SCALE))
    return pd.Series(pd.array(exact, dtype=dtype), index=values.index)


def arrow_table(frame: pd.DataFrame) -> Any:
    """A corpus frame as an Arrow table; findings' references (``related``) as a list of
    structs, the same type whatever they hold.

    The column stays plain objects in pandas (an Arrow list type in pandas' own metadata could
    not be read back by pandas), and is typed here.

    >>> frame = pd.DataFrame({"related": [[{"tabel": "t06", "baris": 4, "kolom": None,
    ...                                     "kode": None}], None]})
    >>> str(arrow_table(frame).schema.field("related").type)
    'list<item: struct<tabel: string, baris: int64, kolom: string, kode: string>>'
    """
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if RELATED not in frame.columns:
        return table
    fields = [(TABLE_KEY, pa.string()), (ROW_KEY, pa.int64()), (COLUMN_KEY, pa.string()),
              (CODE_KEY, pa.string())]  # fmt: skip
    cells = [None if is_missing(v) else v for v in frame[RELATED]]
    column = pa.array(cells, type=pa.list_(pa.struct(fields)))
    return table.set_column(table.schema.get_field_index(RELATED), RELATED, column)


def _decimal(value: Any) -> Decimal:
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


def _frame(
    records: list[dict[str, Any]] | pd.DataFrame, columns: list[str], order: list[str]
) -> pd.DataFrame:
    """Records (or a frame) as a corpus table: ``columns`` in order, each of its corpus type
    (``_typed``), rows sorted by ``order``. The frame is made once from its typed columns:
    assigning them one by one cost more than typing them, a document's tables at a time."""
    if isinstance(records, pd.DataFrame):
        frame = records.reindex(columns=columns)
    else:
        frame = pd.DataFrame(records, columns=columns)
    typed = {column: _typed(column, frame[column]) for column in columns}
    frame = pd.DataFrame(typed, index=frame.index)
    return frame.sort_values(order, kind="stable", na_position="first").reset_index(drop=True)


def _typed(column: str, cells: pd.Series) -> pd.Series:
    """A corpus column's cells of its type: whole numbers (``INTS``), exact Rupiah (``RUPIAH``),
    booleans, floats, or text; a column of its type already is left as it is."""
    if column == RELATED:
        return cells  # lists of references: typed by ``arrow_table``
    if column in INTS:
        wanted = "Int64"
    elif column in BOOLS:
        wanted = "boolean"
    elif column in FLOATS:
        wanted = "Float64"
    elif column in RUPIAH:
        return exact_amounts(cells)
    else:
        return cells if cells.dtype == "string" else cells.astype("string")
    if cells.dtype == wanted:
        return cells
    if wanted == "boolean":
        return cells.astype(wanted)
    return pd.to_numeric(cells, errors="coerce").astype(wanted)


BARIS = [
    "doc_id", *META, "table_id", "kind", "baris", "halaman",
    "jenis_baris", "level", "kode", "uraian", "indikator", "target", "satuan", "ukuran",
    "besaran", "jenis_nilai", "periode", "nilai", "nilai_ditinjau", "status_nilai", *HIERARCHY,
]  # fmt: skip
SUB_KEGIATAN = [
    "doc_id", *META, "kode", "uraian", "uraian_nomenklatur", "pagu", "pagu_ditinjau",
    "status_pagu", "target", "satuan", "pagu_maju", "pagu_maju_ditinjau", "status_pagu_maju",
    "target_maju", "table_id", "kind", "baris", *HIERARCHY,
]  # fmt: skip
PAGU = [
    "doc_id", *META, "tahun_anggaran", "prakiraan_maju", "terkini", *HIERARCHY, "level", "kode",
    "uraian", "pagu", "pagu_ditinjau", "status_pagu", "ukuran", "table_id", "baris",
]  # fmt: skip
DOKUMEN = [
    "doc_id", *META, "title", "file", "sha256", "halaman", "renja_version", "tables", "errors",
    "warnings", "infos", "ditinjau",
]  # fmt: skip
TEMUAN = ["doc_id", *META, *(FINDING_RENAMES.get(c, c) for c in FINDING_COLUMNS)]
TABEL = [
    "doc_id", *META, "table_id", "kind", "status", "nomor_tabel", "nama_tabel", "judul",
    "halaman_awal", "halaman_akhir", "jumlah_baris", "audit",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    folder: Path
    documents: int
    rows: int
    sub_kegiatan: int
    findings: int

    def line(self) -> str:
        return _(
            "corpus: {documents} documents, {rows} rows, {sub_kegiatan} sub kegiatan, {findings} "
            "findings -> {folder}"
        ).format(
            documents=group_digits(self.documents),
            rows=group_digits(self.rows),
            sub_kegiatan=group_digits(self.sub_kegiatan),
            findings=group_digits(self.findings),
            folder=self.folder,
        )


# The corpus's tables, in order: the frame's columns and sort keys (``doc_id`` first: a
# document's rows are together, documents in the order of their ids).
LAYOUT: dict[str, tuple[list[str], list[str]]] = {
    "dokumen": (DOKUMEN, ["doc_id"]),
    "tabel": (TABEL, ["doc_id", "table_id"]),
    "baris": (BARIS, ["doc_id", "table_id", "baris", "ukuran"]),
    "pagu": (PAGU, ["doc_id", "tahun_anggaran", "table_id", "baris"]),
    "sub_kegiatan": (SUB_KEGIATAN, ["doc_id", "table_id", "baris"]),
    "temuan": (TEMUAN, ["doc_id", "id"]),
}
BARIS_FOLDER = "baris"
NO_YEAR = "tanpa_tahun"  # baris/<year>.parquet of documents of no known year
SINGLE = tuple(name for name in LAYOUT if name != BARIS_FOLDER)  # the tables of one file
PAGU_PENDING = ".pagu.parquet"  # pagu's rows before ``terkini`` is decided (then removed)
# What decides ``terkini`` (``current_documents``): a document's body, year and kind, and the
# budget years its pagu rows are for.
BUDGET_KEYS = ("doc_id", "kode_pemda", "pemda", "skpd", "tahun", "jenis", "tahun_anggaran")


def schemas() -> dict[str, Any]:
    """The Arrow schema of each corpus table (``baris``: of each year's file), its columns
    described and pandas' types included: the same whatever the documents hold (made once per
    process; the schemas themselves are immutable)."""
    return dict(_schemas())


@functools.cache
def _schemas() -> dict[str, Any]:
    out = {name: described(arrow_table(_frame([], columns, order))).schema
           for name, (columns, order) in LAYOUT.items()}  # fmt: skip
    # pandas records the type of the column it was given: "empty" for no finding; it is a list
    pandas = json.loads(out["temuan"].metadata[b"pandas"])
    for column in pandas["columns"]:
        if column["name"] == RELATED:
            column["pandas_type"] = "list[object]"
    metadata = {**out["temuan"].metadata, b"pandas": json.dumps(pandas).encode()}
    out["temuan"] = out["temuan"].with_metadata(metadata)
    return out


def partition_of(meta: Any) -> str:
    """The year a document's rows of ``baris`` are filed under (its manifest's ``meta.tahun``):
    ``baris/2024.parquet``, or ``NO_YEAR``.

    >>> partition_of({"tahun": 2024}), partition_of({"tahun": "2024"}), partition_of({})
    ('2024', '2024', 'tanpa_tahun')
    """
    tahun = meta.get("tahun") if isinstance(meta, dict) else None
    number = pd.to_numeric(pd.Series([tahun], dtype=object), errors="coerce").iloc[0]
    return NO_YEAR if pd.isna(number) else str(int(number))


def reference_key(reference: Nomenclature | None) -> str | None:
    """What identifies the nomenclature the hierarchy's names were taken from (a digest of its
    entries): a corpus built with another one is built again whole."""
    if reference is None:
        return None
    digest = hashlib.sha256()
    for entry in reference.entries:
        line = f"{entry.version}\t{entry.jenis_pemda}\t{entry.code}\t{entry.name}\n"
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()[:32]


def document_parts(folder: DocFolder, reference: Nomenclature | None = None) -> dict[str, Any]:
    """One document's rows of every corpus table, as Arrow tables in the corpus's order
    (``pagu`` without ``terkini``, which depends on the other documents)."""
    tables = document_tables(folder, reference)
    records: dict[str, Any] = {
        "dokumen": [document_row(folder)],
        "tabel": table_rows(folder),
        "baris": long_rows(folder, tables),
        "pagu": pagu_rows(folder, tables),
        "sub_kegiatan": sub_kegiatan_rows(folder, tables),
        "temuan": finding_rows(folder),
    }
    return {name: arrow_table(_frame(data, *LAYOUT[name])) for name, data in records.items()}


def build_corpus(out_dir: Path, reference: Nomenclature | None = None) -> CorpusSummary:
    """Write ``OUT/corpus/`` from the document folders of ``OUT``; returns what it holds. With
    the nomenclature (``reference``), hierarchy levels a document never prints are named.

    Only the folders that changed since the last build are read: the rows of the others come
    from the corpus that build wrote (``renja.present.corpus_merge``). The files are the same
    either way. A build with another nomenclature reads every folder again.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise RenjaError(_("{path}: no such output folder").format(path=out_dir))
    target = out_dir / CORPUS
    names = reference_key(reference)
    previous = read_sources(target, names) if _old_files_readable(target) else {}
    sources: list[Source] = []
    changed: set[str] = set()  # folders to read: new, or written again since the last build
    for path in document_paths(out_dir):
        mark = fingerprint(path / "manifest.json")
        old = previous.get(path.name)
        if old is not None and old.fingerprint == mark:
            sources.append(old)
            continue
        try:
            manifest = check_manifest(read_manifest(path), path / "manifest.json")
        except OutputSchemaError:
            raise  # a document folder, but one this renja cannot read: never left out silently
        except RenjaError:
            continue
        doc_id = str(manifest.get("doc_id") or path.name)
        sources.append(Source(path.name, doc_id, partition_of(manifest.get("meta")), mark))
        changed.add(path.name)
    ids = [s.doc_id for s in sources]
    if len(set(ids)) < len(ids) or len({s.doc_id for s in previous.values()}) < len(previous):
        # two folders of one id: their old rows cannot be told apart, so every folder is read
        previous, changed = {}, {s.folder for s in sources}
    if not sources:
        raise RenjaError(
            _("{path}: holds no document outputs (run `renja run` first)").format(path=out_dir)
        )
    with publish_folder(target) as scratch:
        counts, unread = _write_files(out_dir, scratch, sources, changed, bool(previous),
                                      reference)  # fmt: skip
        sources = [s for s in sources if s.folder not in unread]
        if not sources:
            raise RenjaError(
                _("{path}: holds no document outputs (run `renja run` first)").format(
                    path=out_dir
                )
            )
        (scratch / SOURCES).write_text(sources_text(sources, names), encoding="utf-8")
        write_described(scratch)
    return CorpusSummary(target, counts["dokumen"], counts["baris"], counts["sub_kegiatan"],
                         counts["temuan"])  # fmt: skip


def _old_files_readable(corpus: Path) -> bool:
    """Whether the files of an old corpus can be read (a damaged one is built again whole)."""
    single = [corpus / f"{name}.parquet" for name in SINGLE]
    years = sorted((corpus / BARIS_FOLDER).glob("*.parquet"))
    return all(p.is_file() and readable(p) for p in single) and all(readable(p) for p in years)


def _write_files(
    out_dir: Path,
    scratch: Path,
    sources: list[Source],
    changed: set[str],
    reuse: bool,
    reference: Nomenclature | None,
) -> tuple[dict[str, int], set[str]]:
    """Write every corpus table into ``scratch``, document by document in ``doc_id`` order: the
    rows of an unchanged document from the old corpus (when ``reuse``), those of a ``changed``
    one read from its folder now (one folder at a time). Returns the rows of each table
    (``baris``: of all its years), and the changed folders that could not be read (left out,
    as folders that are no document's)."""
    old = out_dir / CORPUS
    types = schemas()
    files = {name: scratch / (PAGU_PENDING if name == "pagu" else f"{name}.parquet")
             for name in SINGLE}  # fmt: skip
    writers = {name: RowGroups(files[name], types[name]) for name in SINGLE}
    olds = {name: OldRows(old / f"{name}.parquet" if reuse else None) for name in SINGLE}
    years: dict[str, RowGroups] = {}
    old_years: dict[str, OldRows] = {}
    budgets: dict[tuple[Any, Any], dict[str, Any]] = {}
    unread: set[str] = set()
    (scratch / BARIS_FOLDER).mkdir()
    for source in sorted(sources, key=lambda s: (s.doc_id, s.folder)):
        year = source.partition
        if year not in years:
            years[year] = RowGroups(scratch / BARIS_FOLDER / f"{year}.parquet", types["baris"])
            path = old / BARIS_FOLDER / f"{year}.parquet"
            old_years[year] = OldRows(path if reuse and path.is_file() else None)
        parts: dict[str, list[Any]]
        if source.folder not in changed:  # its rows as the last build wrote them
            parts = {name: olds[name].take(source.doc_id) for name in SINGLE}
            parts["baris"] = old_years[year].take(source.doc_id)
        else:
            try:
                document = document_parts(read_doc_folder(out_dir / source.folder), reference)
            except OutputSchemaError:
                raise
            except RenjaError:  # its findings or repairs missing: no document folder after all
                unread.add(source.folder)
                continue
            parts = {name: [table] for name, table in document.items()}
        for name, tables in parts.items():
            writer = years[year] if name == BARIS_FOLDER else writers[name]
            for table in tables:
                writer.add(table)
                if name == "pagu":
                    _budget_years(table, budgets)
    counts = {name: writer.close() for name, writer in writers.items()}
    counts["baris"] = sum(writer.close(empty_file=False) for writer in years.values())
    if not any((scratch / BARIS_FOLDER).iterdir()):  # no row at all: one empty file to read
        RowGroups(scratch / BARIS_FOLDER / f"{NO_YEAR}.parquet", types["baris"]).close()
    counts["pagu"] = _write_pagu(scratch, types["pagu"], budgets)
    return counts, unread


def _budget_years(table: Any, budgets: dict[tuple[Any, Any], dict[str, Any]]) -> None:
    """Note each document and budget year of pagu rows, with what ``terkini`` is decided by."""
    columns = table.select(list(BUDGET_KEYS)).to_pydict()
    for i, key in enumerate(zip(columns["doc_id"], columns["tahun_anggaran"], strict=True)):
        if key not in budgets:
            budgets[key] = {name: columns[name][i] for name in BUDGET_KEYS}


def _write_pagu(scratch: Path, schema: Any, budgets: dict[tuple[Any, Any], dict[str, Any]]) -> int:
    """``pagu.parquet`` from the pending rows, each with its ``terkini``: whether its document
    is the one that counts for its body and budget year among all the corpus's documents
    (``current_documents``). Returns its rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    keys = list(budgets)
    current = current_documents(pd.DataFrame(list(budgets.values()), columns=list(BUDGET_KEYS)))
    picked = {key for key, chosen in zip(keys, current.tolist(), strict=True) if chosen}
    pending = scratch / PAGU_PENDING
    writer = RowGroups(scratch / "pagu.parquet", schema)
    position = schema.get_field_index("terkini")
    for batch in pq.ParquetFile(pending).iter_batches(batch_size=ROW_GROUP):
        rows = pa.Table.from_batches([batch])
        ids, years = rows.column("doc_id").to_pylist(), rows.column("tahun_anggaran").to_pylist()
        flags = pa.array([key in picked for key in zip(ids, years, strict=True)], pa.bool_())
        writer.add(rows.set_column(position, schema.field(position), flags))
    pending.unlink()
    return writer.close()


def write_described(folder: Path) -> None:
    """Beside the corpus's Parquet files: the database, the data dictionary and the README."""
    columns = {name: list(columns) for name, (columns, _) in LAYOUT.items()}
    files = {name: [folder / f"{name}.parquet"] for name in SINGLE}
    files[BARIS_FOLDER] = sorted((folder / BARIS_FOLDER).glob("*.parquet"), key=_year_order)
    _write_database(folder, columns)
    write_datapackage(folder, {name: files[name] for name in LAYOUT})
    (folder / "README.md").write_text(readme(columns), encoding="utf-8")


def _year_order(path: Path) -> tuple[bool, str]:
    """Year files by year, ``NO_YEAR`` last."""
    return (path.stem == NO_YEAR, path.stem)


# Where the database's tables are read from when it is built, relative to the corpus folder.
TABLE_FILES = {name: f"{name}.parquet" for name in LAYOUT} | {
    BARIS_FOLDER: f"{BARIS_FOLDER}/*.parquet"
}


# What DuckDB may hold in memory while it stores the corpus's tables; past it, it spills to a
# folder beside the database (a year's corpus is millions of rows: by default DuckDB would take
# up to 80% of the machine's memory, 1.6 GB for 2 million rows here, where this keeps the build
# under 0.5 GB). One thread: the other core is no faster at this, and holds its own buffers.
DATABASE_MEMORY = "256MB"
DATABASE_SPILL = ".duckdb_tmp"


def _write_database(folder: Path, columns: dict[str, list[str]]) -> None:
    """``renja.duckdb``: the corpus's tables stored in the database itself, so that it opens
    from any folder and in any tool (DuckDB keeps no relative path of a view: a view over the
    Parquet files would find them only when opened from the corpus folder), each table and
    column commented. DuckDB's memory is bounded (``DATABASE_MEMORY``)."""
    import shutil

    import duckdb

    spill = folder / DATABASE_SPILL
    try:
        with duckdb.connect(str(folder / DATABASE)) as db:
            db.execute(f"SET memory_limit = '{DATABASE_MEMORY}'")
            db.execute(f"SET temp_directory = '{spill.as_posix().replace(chr(39), chr(39) * 2)}'")
            db.execute("SET threads = 1")
            db.execute("BEGIN TRANSACTION")  # one commit: not one write to disk a statement
            for name in LAYOUT:
                files = (folder / TABLE_FILES[name]).as_posix().replace("'", "''")
                source = f"read_parquet('{files}', union_by_name = true)"
                db.execute(f"CREATE TABLE {name} AS SELECT * FROM {source}")
                for statement in comment_statements(name, columns[name]):
                    db.execute(statement)
            db.execute("COMMIT")
    finally:
        shutil.rmtree(spill, ignore_errors=True)


# What ``renja query`` runs: statements that only read (SELECT also covers DESCRIBE, SHOW,
# SUMMARIZE, FROM …, VALUES; EXPLAIN shows a plan).
READING_STATEMENTS = ("SELECT", "EXPLAIN")


def connect(corpus: Path) -> Any:
    """A DuckDB connection to a corpus that can only read it (the sandbox of ``renja query``).

    The database (which holds the corpus's tables) is opened read-only; external access is
    turned off, but for the corpus folder, and the configuration is locked, so that no query can
    read another file, install or load an extension, reach the network, or turn any of this back
    on. A database of an older renja (views over the files, no ``pagu``) is refused with a line
    saying how to rebuild it.
    """
    import duckdb

    database = corpus / DATABASE
    if not database.exists():
        raise RenjaError(
            _(
                "{corpus}: no corpus here (no {database}); build it with `renja corpus OUT` or a "
                "`renja run` over several documents"
            ).format(corpus=corpus, database=DATABASE)
        )
    try:
        db = duckdb.connect(str(database), read_only=True)
    except duckdb.Error as exc:
        message = " ".join(str(exc).split())
        raise RenjaError(
            _("{database}: cannot be opened ({reason}); rebuild it with `renja corpus OUT`").format(
                database=database, reason=message
            )
        ) from None
    stored = {row[0] for row in db.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if not set(LAYOUT) <= stored:
        db.close()
        raise RenjaError(
            _(
                "{database}: made by an older renja (its tables are incomplete); rebuild it with "
                "`renja corpus OUT`"
            ).format(database=database)
        )
    folder = str(corpus.resolve())
    allowed = (folder.rstrip("/") + "/").replace("'", "''")
    db.execute(f"SET allowed_directories = ['{allowed}']")
    db.execute("SET enable_external_access = false")
    db.execute("SET lock_configuration = true")
    return db


def check_reading(db: Any, sql: str) -> None:
    """Refuse a query with a statement that does more than read (``READING_STATEMENTS``): the
    corpus folder may be read, but nothing in it written (``COPY … TO``, ``EXPORT``)."""
    for statement in db.extract_statements(sql):
        kind = statement.type.name
        if kind not in READING_STATEMENTS:
            raise RenjaError(
                _(
                    "renja query only reads the corpus; a {kind} statement is not allowed. For "
                    "other analyses, open corpus/renja.duckdb with DuckDB itself"
                ).format(kind=kind)
            )


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns holding whole numbers only (a ``sum`` of Rupiah comes back from DuckDB as a
    128-bit integer, which pandas turns into float) as integers again.

    >>> frame = pd.DataFrame({"pagu": [36503627850.0, None], "persen": [1.5, 2.0]})
    >>> whole_numbers(frame).dtypes.tolist()
    [Int64Dtype(), dtype('float64')]
    """
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values):
            present = values.dropna()
            if len(present) and (present % 1 == 0).all() and present.abs().max() < 2**63:
                frame[column] = values.round().astype("Int64")
    return frame


def json_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and structs (``temuan.related``, or what a query builds) as compact JSON text, as
    findings.csv writes them: for printing, and for CSV.

    >>> import numpy as np
    >>> refs = np.array([{"tabel": "t06", "baris": 4, "kolom": None, "kode": None}])
    >>> json_cells(pd.DataFrame({"related": [refs, None], "n": [1, 2]}))["related"].tolist()
    ['[{"tabel":"t06","baris":4}]', None]
    """
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype != object:
            continue
        values = out[column].tolist()
        if any(isinstance(v, list | tuple | dict | np.ndarray) for v in values):
            cells = [_json(v) if v is not None else None for v in values]
            out[column] = pd.Series(cells, index=out.index, dtype=object)
    return out


def _json(value: Any) -> Any:
    def plain(v: Any) -> Any:
        if isinstance(v, np.ndarray | list | tuple):
            return [plain(i) for i in v]
        if isinstance(v, dict):  # a struct: its empty fields left out
            return {k: plain(i) for k, i in v.items() if i is not None}
        return v.item() if isinstance(v, np.generic) else v

    return json.dumps(plain(value), ensure_ascii=False, separators=(",", ":"), default=str)


def query(corpus: Path, sql: str) -> pd.DataFrame:
    """Run SQL against a corpus; a bad query is one-line ``RenjaError``. Lists and structs come
    back as JSON text (``json_cells``)."""
    import duckdb

    db = connect(corpus)
    try:
        check_reading(db, sql)
        return json_cells(whole_numbers(db.execute(sql).fetchdf()))
    except duckdb.Error as exc:
        message = " ".join(str(exc).split())
        raise RenjaError(_("the query failed: {reason}").format(reason=message)) from None
    finally:
        db.close()


__all__ = ["CORPUS", "CorpusSummary", "build_corpus", "connect", "json_cells", "period", "query"]
