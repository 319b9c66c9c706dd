"""Write one document's outputs atomically: all files land together, or none do.

Layout (the output contract, documented in the README)::

    DIR/<doc_id>/manifest.json
    DIR/<doc_id>/raw/<table_id>.csv      cells as extracted, with source line/page and row role
    DIR/<doc_id>/tables/<table_id>.csv   clean typed table (and .parquet beside it)
    DIR/<doc_id>/repairs.csv             one row per changed cell: table,row,column,raw,clean,rule,
                                         asal (where a moved cell was printed)
    DIR/<doc_id>/findings.csv            one row per problem

Re-running on the same input writes byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from renja.model.labels import printed_number, table_name
from renja.model.publish import publish_folder
from renja.model.records import Finding, RawRow, RawTable, Repair, RowRole, Source
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


def raw_csv(table: RawTable, clean: CleanTable | None = None) -> str:
    """A raw table as ``raw/<table_id>.csv``: each row's place (line or page, box, column
    rules), role, the clean row it was read into (``baris_bersih``) and its cells."""
    width = table.width
    header = [
        "sumber_baris",
        "halaman",
        "peran",
        "tebal",
        "kotak",
        "tepi",
        "baris_bersih",
        *[f"kolom_{i + 1}" for i in range(width)],
    ]
    sources = clean.sources if clean is not None and len(clean.sources) == len(clean.frame) else ()
    numbers = clean_row_numbers(table.rows, sources)
    rows = [
        [
            r.source.line,
            r.source.page,
            r.role.value,
            r.bold,
            _points(r.source.bbox or ()),
            _points(r.edges) if len(r.edges) == len(r.cells) + 1 else "",
            number,
            *r.cells,
            *[""] * (width - len(r.cells)),
        ]
        for r, number in zip(table.rows, numbers, strict=True)
    ]
    return _csv_text(header, rows)


def _points(values: Sequence[float]) -> str:
    return " ".join(f"{v:.1f}" for v in values)


def clean_row_numbers(
    rows: Sequence[RawRow], sources: Sequence[Sequence[Source]]
) -> list[int | None]:
    """For each raw row, the clean row (``baris``, from 1) it was read into; None for a header
    or a row no clean row holds.

    Each clean row names the printed rows it was read from (``CleanTable.sources``); a raw body
    row is found by its source (its line, or its page and box), the first unclaimed one.

    >>> from renja.model.records import RowRole
    >>> rows = [RawRow(["Uraian"], Source(1), RowRole.HEADER), RawRow(["A dan"], Source(2)),
    ...         RawRow(["B"], Source(3)), RawRow(["C"], Source(4))]
    >>> clean_row_numbers(rows, [(Source(2), Source(3)), (Source(4),)])
    [None, 1, 1, 2]
    """
    numbers: list[int | None] = [None] * len(rows)
    unclaimed: dict[Source, list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        if row.role is RowRole.BODY:
            unclaimed[row.source].append(position)
    for number, printed in enumerate(sources, start=1):
        for source in printed:
            if unclaimed.get(source):
                numbers[unclaimed[source].pop(0)] = number
    return numbers


def repairs_csv(repairs: Sequence[Repair]) -> str:
    rows = [
        [r.table, r.row, r.column, r.raw, r.clean, r.rule, r.origin, r.source.line, r.source.page]
        for r in repairs
    ]
    return _csv_text(REPAIR_COLUMNS, rows)


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as a record of ``FINDING_COLUMNS``, its values typed: numbers as numbers, no
    value as None, ``related`` as a list of references (``renja.model.refs``). findings.csv
    writes these records; ``renja check --format json`` prints them.

    >>> from renja.model.checks import JUMLAH_TOTAL
    >>> from renja.model.refs import CellRef
    >>> found = Finding(JUMLAH_TOTAL, JUMLAH_TOTAL.severity, "…", table="t06", row=4,
    ...                 related=(CellRef("t06", 5, "pagu"),), id="F001")
    >>> record = finding_record(found)
    >>> record["check"], record["row"], record["halaman"], record["related"]
    ('jumlah_total', 4, None, [{'tabel': 't06', 'baris': 5, 'kolom': 'pagu'}])
    """
    values = {
        "id": finding.id,
        "check": str(finding.check),
        "severity": finding.severity.value,
        "table": finding.table,
        "nama_tabel": finding.table_name,
        "row": finding.row,
        "sumber_baris": finding.source.line,
        "halaman": finding.source.page,
        "kode": finding.kode,
        "uraian": finding.uraian,
        "column": finding.column,
        "expected": finding.expected,
        "found": finding.found,
        "difference": finding.difference,
        "message": finding.message,
        "root_cause": finding.root_cause,
    }
    record = {name: _plain(values.get(name)) for name in FINDING_COLUMNS}
    record["related"] = [ref.to_json() for ref in finding.related]
    return record


def _plain(value: Any) -> Any:
    """A value as JSON takes it: NumPy's numbers (a clean table's) as Python's, a missing one
    (``pd.NA``, NaN) as None.

    >>> import numpy as np
    >>> _plain(np.int64(42)), _plain(pd.NA), _plain(float("nan")), _plain("5.03")
    (42, None, None, '5.03')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return _plain(value.item())
    return value


def findings_csv(findings: Sequence[Finding]) -> str:
    rows = []
    for finding in findings:
        record = finding_record(finding)
        record["related"] = dump_related(finding.related)
        rows.append([record[name] for name in FINDING_COLUMNS])
    return _csv_text(FINDING_COLUMNS, rows)


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


def source_link(document: str | Path, folder: str | Path) -> str:
    """Where the input document is, seen from its output folder: a relative POSIX path (the
    report links to it), absolute when there is none (another drive).

    >>> source_link("/data/in/renja.pdf", "/data/out/renja")
    '../../in/renja.pdf'
    """
    document, folder = Path(os.path.abspath(document)), Path(os.path.abspath(folder))
    try:
        return Path(os.path.relpath(document, folder)).as_posix()
    except ValueError:
        return document.as_posix()


def manifest(result: Result, folder: str | Path | None = None) -> dict[str, Any]:
    """What the document folder holds, for people and for later stages; with the ``folder``
    it is written to, where the input is from there (``source.path``)."""
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
            **({"path": source_link(document.path, folder)} if folder is not None else {}),
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
        clean = {table.table_id: table for table in result.tables}
        for raw in result.raw_tables:
            _write(staging / "raw" / f"{raw.table_id}.csv", raw_csv(raw, clean.get(raw.table_id)))
        (staging / "tables").mkdir()
        for table in result.tables:
            _write(staging / "tables" / f"{table.table_id}.csv", frame_csv(table.frame))
            if parquet:
                write_parquet(table.frame, staging / "tables" / f"{table.table_id}.parquet")
        _write(staging / "repairs.csv", repairs_csv(result.repairs))
        _write(staging / "findings.csv", findings_csv(result.findings))
        _write(
            staging / "manifest.json",
            json.dumps(manifest(result, final), ensure_ascii=False, indent=2) + "\n",
        )
        if reports:
            write_report(staging)
            write_workbook(staging)
    return final


__all__ = ["FINDING_COLUMNS", "REPAIR_COLUMNS", "finding_record", "manifest", "write_result"]
