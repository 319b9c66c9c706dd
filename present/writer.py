"""Write one document's outputs atomically: all files land together, or none do.

Layout (the output contract, documented in the README)::

    DIR/<doc_id>/manifest.json
    DIR/<doc_id>/raw/<table_id>.csv      cells as extracted, with source line/page and row role
    DIR/<doc_id>/tables/<table_id>.csv   clean typed table (and .parquet beside it)
    DIR/<doc_id>/repairs.csv             one row per changed cell: table,row,column,raw,clean,rule,
                                         asal (where a moved cell was printed)
    DIR/<doc_id>/findings.csv            one row per problem

Re-running on the same input writes byte-identical files. ``manifest.json`` is written last:
a folder that has one is complete. The Parquet files, the report and the workbook are each
written on their own: one that fails is a warning in the manifest, and the rest are written.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from renja.model.errors import RenjaError, environment_message
from renja.model.labels import printed_number, table_name
from renja.model.publish import publish_folder
from renja.model.records import Finding, RawTable, Repair
from renja.model.refs import dump_lines, dump_related
from renja.model.result import Result
from renja.model.severity import SEVERITIES
from renja.model.tables import CleanTable
from renja.model.version import SCHEMA_VERSION, __version__
from renja.present.outputs import (
    CSV_SAFE,
    FINDING_COLUMNS,
    REPAIR_COLUMNS,
    doc_folder,
    spreadsheet_safe,
)
from renja.present.report import write_report
from renja.present.workbook import write_workbook


def format_value(value: Any) -> str:
    """A cell as CSV text: integers plain, decimals exact, nothing for missing, a list of lines
    (``baris_gabungan``) as a JSON array (``renja.model.refs``).

    >>> [format_value(v) for v in [28143400, 100.0, 68.81, Decimal("292438783064.47"), None]]
    ['28143400', '100', '68.81', '292438783064.47', '']
    >>> format_value([902, 903, 904])
    '[902,903,904]'
    """
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, list | tuple):
        return dump_lines(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _csv_text(header: list[str], rows: list[list[Any]], safe: bool = False) -> str:
    """CSV text; with ``safe`` (``--csv-aman``), text cells a spreadsheet program would run as
    a formula get a ``'`` before them (``spreadsheet_safe``); numbers are never changed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # A lone carriage return in a cell (an HTML cell's &#13;) is no line end to the writer, so it
    # would go out unquoted and end the row when read: such rows are written fully quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        cells = [format_value(v) for v in row]
        if safe:
            cells = [
                spreadsheet_safe(c) if isinstance(v, str) else c
                for v, c in zip(row, cells, strict=True)
            ]
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
    return buffer.getvalue()


def frame_csv(frame: pd.DataFrame, safe: bool = False) -> str:
    rows = [list(r) for r in frame.astype(object).itertuples(index=False, name=None)]
    return _csv_text(list(frame.columns), rows, safe)


def raw_csv(table: RawTable, safe: bool = False) -> str:
    width = table.width
    header = [
        "sumber_baris",
        "halaman",
        "peran",
        "tebal",
        "kotak",
        *[f"kolom_{i + 1}" for i in range(width)],
    ]
    rows = [
        [
            r.source.line,
            r.source.page,
            r.role.value,
            r.bold,
            " ".join(f"{v:.1f}" for v in r.source.bbox) if r.source.bbox else "",
            *r.cells,
            *[""] * (width - len(r.cells)),
        ]
        for r in table.rows
    ]
    return _csv_text(header, rows, safe)


def repairs_csv(repairs: Sequence[Repair], safe: bool = False) -> str:
    rows = [
        [r.table, r.row, r.column, r.raw, r.clean, r.rule, r.origin, r.source.line, r.source.page]
        for r in repairs
    ]
    return _csv_text(REPAIR_COLUMNS, rows, safe)


def findings_csv(findings: Sequence[Finding], safe: bool = False) -> str:
    rows = [
        [
            f.id,
            f.check,
            f.severity.value,
            f.table,
            f.row,
            f.source.line,
            f.source.page,
            f.kode,
            f.uraian,
            f.column,
            f.expected,
            f.found,
            f.difference,
            f.message,
            f.root_cause,
            dump_related(f.related),
        ]
        for f in findings
    ]
    return _csv_text(FINDING_COLUMNS, rows, safe)


def raw_columns(table: CleanTable) -> dict[str, int]:
    """For each clean column read from a raw cell, the raw column (``kolom_N``) it is read from.

    Cells the alignment moved are logged in repairs.csv (rule ``align_row``) with the raw column
    they were printed in (``asal``).
    """
    out: dict[str, int] = {}
    for position, column in enumerate(table.contract.columns, start=1):
        for name in column.outputs():
            if name in table.frame.columns:
                out[name] = position
    return out


def manifest(result: Result) -> dict[str, Any]:
    """What the document folder holds, for people and for later stages."""
    document = result.document
    clean = {t.table_id: t for t in result.tables}
    tables = []
    for raw in result.raw_tables:
        contract = result.contracts[raw.table_id]
        entry: dict[str, Any] = {
            "table_id": raw.table_id,
            "kind": contract.form,
            "status": contract.status.value,
            "audit": result.audits[raw.table_id].to_dict()
            if raw.table_id in result.audits
            else None,
            "caption": raw.caption,
            "nomor": printed_number(raw.caption),
            "nama": table_name(raw.table_id, raw.caption),
            "context": raw.context,
            "engine": raw.engine,
            "parts": raw.parts,
            "raw_rows": len(raw.rows),
            "source_lines": [raw.rows[0].source.line, raw.rows[-1].source.line] if raw.rows else [],
        }
        if raw.rows and raw.rows[0].source.page is not None:
            entry["source_pages"] = [raw.rows[0].source.page, raw.rows[-1].source.page]
        table = clean.get(raw.table_id)
        if table is not None:
            entry.update(
                title=contract.title,
                rows=len(table.frame),
                columns=list(table.frame.columns),
                column_map=contract.method,
                raw_columns=raw_columns(table),
                period=table.period,
                contract=contract.to_dict(),
            )
        tables.append(entry)
    severities = {severity.value: 0 for severity in SEVERITIES}
    for finding in result.findings:
        severities[finding.severity.value] += 1
    return {
        "schema_version": SCHEMA_VERSION,
        "renja_version": __version__,
        "doc_id": document.doc_id,
        "source": {
            "file": Path(document.path).name,
            "sha256": result.sha256,
            **({"pages": document.pages} if document.pages is not None else {}),
            **({"engine_choices": document.engine_choices} if document.engine_choices else {}),
        },
        "meta": document.meta.as_dict(),
        "nomenklatur": result.nomenclature,
        "tables": tables,
        "counts": {
            "tables": len(result.raw_tables),
            "clean_tables": len(result.tables),
            "status": dict(Counter(c.status.value for c in result.contracts.values())),
            "audit": dict(Counter(a.status.value for a in result.audits.values())),
            "repairs": len(result.repairs),
            "findings": severities,
        },
        "warnings": list(document.warnings),
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


@dataclass(frozen=True, slots=True)
class Written:
    """A document's folder, and the outputs that could not be written in it (one line each,
    also among the manifest's warnings)."""

    folder: Path
    warnings: tuple[str, ...] = ()


def write_result(
    result: Result,
    out_dir: str | Path,
    parquet: bool = True,
    reports: bool = True,
    safe_csv: bool = False,
) -> Path:
    """Write a document's folder under ``out_dir`` atomically and return its path: readers see
    the old folder or the new one whole, never a half-written one or none
    (``renja.model.publish``).

    With ``reports`` (the default) the folder also gets the audit report (``report.html``) and
    the Excel workbook (``<doc_id>.xlsx``), both built from the folder's own files. With
    ``safe_csv`` (``--csv-aman``) text cells that a spreadsheet program would run as formulas
    are written with a ``'`` before them.
    """
    return write_outputs(result, out_dir, parquet=parquet, reports=reports,
                         safe_csv=safe_csv).folder  # fmt: skip


def write_outputs(
    result: Result,
    out_dir: str | Path,
    *,
    parquet: bool = True,
    reports: bool = True,
    safe_csv: bool = False,
    debug: bool = False,
) -> Written:
    """``write_result``, telling which outputs could not be written. The CSVs and the manifest
    are the folder: when they cannot be written, nothing is. Each of the Parquet files, the
    report and the workbook is written on its own: one that fails (a bug in it, a value it
    cannot hold) becomes a warning, and the others are still written. With ``debug`` such a
    failure raises instead, with its traceback. An error of the machine (a full disk) always
    raises: every other file would fail the same way."""
    final = Path(out_dir) / result.doc_id
    failed: list[str] = []
    with publish_folder(final) as staging:
        for raw in result.raw_tables:
            _write(staging / "raw" / f"{raw.table_id}.csv", raw_csv(raw, safe_csv))
        (staging / "tables").mkdir()
        for table in result.tables:
            _write(staging / "tables" / f"{table.table_id}.csv", frame_csv(table.frame, safe_csv))
        _write(staging / "repairs.csv", repairs_csv(result.repairs, safe_csv))
        _write(staging / "findings.csv", findings_csv(result.findings, safe_csv))
        data = manifest(result)
        if safe_csv:
            data[CSV_SAFE] = True
        if parquet:
            _isolated("Parquet", lambda: _write_parquets(result, staging), debug, failed,
                      undo=lambda: _remove_parquets(staging))  # fmt: skip
        if reports:
            folder = doc_folder(staging, data)
            _isolated("report.html", lambda: write_report(folder), debug, failed)
            _isolated("workbook Excel", lambda: write_workbook(folder), debug, failed)
        data["warnings"] = [*data["warnings"], *failed]
        _write(  # last: a folder with a manifest is complete
            staging / "manifest.json",
            json.dumps(data, ensure_ascii=False, indent=2) + "\n",
        )
    return Written(final, tuple(failed))


def _write_parquets(result: Result, staging: Path) -> None:
    for table in result.tables:
        write_parquet(table.frame, staging / "tables" / f"{table.table_id}.parquet")


def _remove_parquets(staging: Path) -> None:
    for path in (staging / "tables").glob("*.parquet"):
        path.unlink(missing_ok=True)


def _isolated(
    what: str,
    write: Callable[[], object],
    debug: bool,
    failed: list[str],
    undo: Callable[[], None] | None = None,
) -> None:
    """Write one output; a failure becomes a line in ``failed`` (and ``undo`` takes away what it
    half wrote), but an error of the machine raises, and so does any with ``debug``."""
    try:
        write()
    except Exception as exc:
        if debug or (isinstance(exc, OSError) and environment_message(exc)):
            raise
        if undo is not None:
            undo()
        if isinstance(exc, RenjaError):
            failed.append(f"{what} tidak ditulis: {exc}")
        else:
            failed.append(
                f"{what} tidak ditulis: kesalahan internal ({type(exc).__name__}: "
                f"{_one_line(exc)}); laporkan, atau jalankan lagi dengan --debug"
            )


def _one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = [
    "FINDING_COLUMNS",
    "REPAIR_COLUMNS",
    "Written",
    "manifest",
    "write_outputs",
    "write_result",
]
