"""Write one document's outputs atomically: all files land together, or none do.

Layout (the output contract, documented in the README)::

    DIR/<doc_id>/manifest.json
    DIR/<doc_id>/raw/<table_id>.csv      cells as extracted, with source line/page and row role
    DIR/<doc_id>/tables/<table_id>.csv   clean typed table (and .parquet beside it)
    DIR/<doc_id>/repairs.csv             one row per changed cell: table,row,column,raw,clean,rule,
                                         asal (where a moved cell was printed)
    DIR/<doc_id>/findings.csv            one row per problem
    DIR/<doc_id>/keputusan.csv           the decisions applied, each with what became of it

Re-running on the same input writes byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from renja.model.decisions import APPLIED, STALE, decisions_csv
from renja.model.decisions import FOLDER_FILE as DECISIONS_FILE
from renja.model.keys import header_signature
from renja.model.labels import printed_number, table_name
from renja.model.publish import publish_folder
from renja.model.records import Finding, RawTable, Repair
from renja.model.refs import dump_lines, dump_related
from renja.model.result import Result
from renja.model.severity import SEVERITIES
from renja.model.tables import CleanTable
from renja.model.version import SCHEMA_VERSION, __version__
from renja.present.outputs import FINDING_COLUMNS, REPAIR_COLUMNS
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


def _csv_text(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([format_value(v) for v in row])
    return buffer.getvalue()


def frame_csv(frame: pd.DataFrame) -> str:
    rows = [list(r) for r in frame.astype(object).itertuples(index=False, name=None)]
    return _csv_text(list(frame.columns), rows)


def raw_csv(table: RawTable) -> str:
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
    return _csv_text(header, rows)


def repairs_csv(repairs: Sequence[Repair]) -> str:
    rows = [
        [r.table, r.row, r.column, r.raw, r.clean, r.rule, r.origin, r.source.line, r.source.page,
         r.note, r.by]
        for r in repairs
    ]  # fmt: skip
    return _csv_text(REPAIR_COLUMNS, rows)


def findings_csv(findings: Sequence[Finding]) -> str:
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
            f.review,
            f.review_note,
            f.reviewed_by,
        ]
        for f in findings
    ]
    return _csv_text(FINDING_COLUMNS, rows)


def raw_columns(table: CleanTable) -> dict[str, int]:
    """For each clean column read from a raw cell, the raw column (``kolom_N``) it is read from.

    Cells the alignment moved are logged in repairs.csv (rule ``align_row``) with the raw column
    they were printed in (``asal``).
    """
    out: dict[str, int] = {}
    for position, column in enumerate(table.contract.columns, start=1):
        for name in column.outputs():
            if name in table.frame.columns and name not in column.reviewed:
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
            "kepala": header_signature(r.cells for r in raw.header),
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
        if finding.open:
            severities[finding.severity.value] += 1
    decisions = Counter(outcome.status for outcome in result.decisions)
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
            "ditinjau": sum(not finding.open for finding in result.findings),
        },
        "keputusan": (
            {**result.decisions_file, APPLIED: decisions[APPLIED], STALE: decisions[STALE]}
            if result.decisions_file is not None
            else None
        ),
        "warnings": list(document.warnings),
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def write_result(
    result: Result, out_dir: str | Path, parquet: bool = True, reports: bool = True
) -> Path:
    """Write a document's folder under ``out_dir`` atomically and return its path: readers see
    the old folder or the new one whole, never a half-written one or none
    (``renja.model.publish``).

    With ``reports`` (the default) the folder also gets the audit report (``report.html``) and
    the Excel workbook (``<doc_id>.xlsx``), both built from the folder's own files.
    """
    final = Path(out_dir) / result.doc_id
    with publish_folder(final) as staging:
        for raw in result.raw_tables:
            _write(staging / "raw" / f"{raw.table_id}.csv", raw_csv(raw))
        (staging / "tables").mkdir()
        for table in result.tables:
            _write(staging / "tables" / f"{table.table_id}.csv", frame_csv(table.frame))
            if parquet:
                write_parquet(table.frame, staging / "tables" / f"{table.table_id}.parquet")
        _write(staging / "repairs.csv", repairs_csv(result.repairs))
        _write(staging / "findings.csv", findings_csv(result.findings))
        if result.decisions:
            _write(staging / DECISIONS_FILE, decisions_csv(result.decisions))
        _write(
            staging / "manifest.json",
            json.dumps(manifest(result), ensure_ascii=False, indent=2) + "\n",
        )
        if reports:
            write_report(staging)
            write_workbook(staging)
    return final


__all__ = ["FINDING_COLUMNS", "REPAIR_COLUMNS", "manifest", "write_result"]
