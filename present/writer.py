"""Write one document's outputs atomically: all files land together, or none do.

Layout (the output contract, documented in docs/referensi.md)::

    DIR/<doc_id>/manifest.json
    DIR/<doc_id>/raw/<table_id>.csv      cells as extracted, with source line/page and row role
    DIR/<doc_id>/tables/<table_id>.csv   clean typed table (and .parquet beside it)
    DIR/<doc_id>/repairs.csv             one row per changed cell: table,row,column,raw,clean,rule,
                                         asal (where a moved cell was printed)
    DIR/<doc_id>/findings.csv            one row per problem
    DIR/<doc_id>/keputusan.csv           the decisions applied, each with what became of it

Re-running on the same input writes byte-identical files. ``manifest.json`` is written last:
a folder that has one is complete. The Parquet files, the report and the workbook are each
written on their own: one that fails is a warning in the manifest, and the rest are written.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from renja.model.decisions import APPLIED, STALE, decisions_csv
from renja.model.decisions import FOLDER_FILE as DECISIONS_FILE
from renja.model.errors import RenjaError, environment_message
from renja.model.i18n import LANGUAGES, N_, _, use_language
from renja.model.keys import header_signature
from renja.model.labels import printed_number, table_name
from renja.model.missing import is_missing, is_na, is_numpy_scalar
from renja.model.publish import publish_folder
from renja.model.records import Document, Finding, RawRow, RawTable, Repair, RowRole, Source
from renja.model.refs import dump_lines, dump_related
from renja.model.result import Result
from renja.model.severity import SEVERITIES
from renja.model.tables import CleanTable
from renja.model.version import SCHEMA_VERSION, __version__
from renja.present.csv_excel import EXCEL_FOLDER, write_excel_csvs
from renja.present.outputs import (
    CSV_SAFE,
    FINDING_COLUMNS,
    REPAIR_COLUMNS,
    DocFolder,
    doc_folder,
    spreadsheet_safe,
)

if TYPE_CHECKING:  # pandas and numpy come with the tables: a document of none needs neither
    import pandas as pd


def format_value(value: Any) -> str:
    """A cell as CSV text: integers plain, decimals exact, nothing for missing, a list of lines
    (``baris_gabungan``) as a JSON array (``renja.model.refs``).

    >>> [format_value(v) for v in [28143400, 100.0, 68.81, Decimal("292438783064.47"), None]]
    ['28143400', '100', '68.81', '292438783064.47', '']
    >>> format_value([902, 903, 904])
    '[902,903,904]'
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
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
    return "" if is_na(value) else str(value)


def _turned_pages(document: Document) -> dict[str, Any]:
    """``turned_pages`` of the manifest's source: the pages read turned upright, each with the
    degrees a viewer turns it clockwise (the report renders its pictures so)."""
    if not document.turned_pages:
        return {}
    turned = [{"page": page, "rotation": rotation} for page, rotation in document.turned_pages]
    return {"turned_pages": turned}


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


def raw_csv(table: RawTable, clean: CleanTable | None = None, safe: bool = False) -> str:
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
    return _csv_text(header, rows, safe)


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


def repairs_csv(repairs: Sequence[Repair], safe: bool = False) -> str:
    rows = [
        [r.table, r.row, r.column, r.raw, r.clean, r.rule, r.origin, r.source.line, r.source.page,
         r.note, r.by]
        for r in repairs
    ]  # fmt: skip
    return _csv_text(REPAIR_COLUMNS, rows, safe)


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
        "tinjauan": finding.review,
        "catatan_tinjauan": finding.review_note,
        "ditinjau_oleh": finding.reviewed_by,
    }
    record = {name: _plain(values.get(name)) for name in FINDING_COLUMNS}
    record["related"] = [ref.to_json() for ref in finding.related]
    return record


def _plain(value: Any) -> Any:
    """A value as JSON takes it: NumPy's numbers (a clean table's) as Python's, a missing one
    (``pd.NA``, NaN) as None.

    >>> import numpy as np
    >>> import pandas as pd
    >>> _plain(np.int64(42)), _plain(pd.NA), _plain(float("nan")), _plain("5.03")
    (42, None, None, '5.03')
    """
    if is_missing(value):
        return None
    if is_numpy_scalar(value):
        return _plain(value.item())
    return value


def findings_csv(findings: Sequence[Finding], safe: bool = False) -> str:
    rows = []
    for finding in findings:
        record = finding_record(finding)
        record["related"] = dump_related(finding.related)
        rows.append([record[name] for name in FINDING_COLUMNS])
    return _csv_text(FINDING_COLUMNS, rows, safe)


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
            **({"path": source_link(document.path, folder)} if folder is not None else {}),
            "sha256": result.sha256,
            **({"pages": document.pages} if document.pages is not None else {}),
            **({"engine_choices": document.engine_choices} if document.engine_choices else {}),
            **_turned_pages(document),
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
    excel_csv: bool = False,
    debug: bool = False,
) -> Written:
    """``write_result``, telling which outputs could not be written. The CSVs and the manifest
    are the folder: when they cannot be written, nothing is. Each of the Parquet files, the
    report and the workbook is written on its own: one that fails (a bug in it, a value it
    cannot hold) becomes a warning, and the others are still written. With ``debug`` such a
    failure raises instead, with its traceback. An error of the machine (a full disk) always
    raises: every other file would fail the same way. With ``excel_csv`` (``--csv-excel``) the
    folder also gets ``csv_excel/``: the tables, findings and repairs for Excel with Indonesian
    settings (``renja.present.csv_excel``)."""
    final = Path(out_dir) / result.doc_id
    failed: list[str] = []
    with publish_folder(final) as staging:
        clean = {table.table_id: table for table in result.tables}
        for raw in result.raw_tables:
            text = raw_csv(raw, clean.get(raw.table_id), safe_csv)
            _write(staging / "raw" / f"{raw.table_id}.csv", text)
        (staging / "tables").mkdir()
        for table in result.tables:
            _write(staging / "tables" / f"{table.table_id}.csv", frame_csv(table.frame, safe_csv))
        _write(staging / "repairs.csv", repairs_csv(result.repairs, safe_csv))
        _write(staging / "findings.csv", findings_csv(result.findings, safe_csv))
        if result.decisions:
            _write(staging / DECISIONS_FILE, decisions_csv(result.decisions))
        data = manifest(result, final)
        if safe_csv:
            data[CSV_SAFE] = True
        if parquet:
            _isolated("Parquet", lambda: _write_parquets(result, staging), debug, failed,
                      undo=lambda: _remove_parquets(staging))  # fmt: skip
        if excel_csv:
            excel = doc_folder(staging, data)
            _isolated("CSV Excel", lambda: write_excel_csvs(excel), debug, failed,
                      undo=lambda: shutil.rmtree(staging / EXCEL_FOLDER, True))  # fmt: skip
        if reports:
            folder = doc_folder(staging, data)
            _isolated("report.html", lambda: write_report(folder), debug, failed)
            _isolated(_("the Excel workbook"), lambda: write_workbook(folder), debug, failed)
        data["warnings"] = [*data["warnings"], *failed]
        _write(  # last: a folder with a manifest is complete
            staging / "manifest.json",
            json.dumps(data, ensure_ascii=False, indent=2) + "\n",
        )
    return Written(final, tuple(failed))


def write_report(folder: DocFolder) -> Path:
    """The folder's report (``renja.present.report``; Jinja2 is imported with the first)."""
    from renja.present.report import write_report as write

    return write(folder)


def write_workbook(folder: DocFolder) -> Path:
    """The folder's workbook (``renja.present.workbook``, imported with the first)."""
    from renja.present.workbook import write_workbook as write

    return write(folder)


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
            failed.append(_(NOT_WRITTEN).format(what=what, reason=exc))
        else:
            failed.append(
                _(
                    "{what} not written: internal error ({reason}); report it, or run again "
                    "with --debug"
                ).format(what=what, reason=f"{type(exc).__name__}: {_one_line(exc)}")
            )


NOT_WRITTEN = N_("{what} not written: {reason}")


def is_unwritten(warning: str) -> bool:
    """Whether a warning says an output was not written (in any language renja speaks: a folder
    may have been written in another).

    >>> is_unwritten("workbook Excel tidak ditulis: disk penuh")
    True
    >>> is_unwritten("dibaca sebagai cp1252")
    False
    """
    for lang in LANGUAGES:
        with use_language(lang):
            mark = _(NOT_WRITTEN).split("{what}")[1].split("{reason}")[0]
        if mark in warning:
            return True
    return False


def _one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = [
    "FINDING_COLUMNS",
    "REPAIR_COLUMNS",
    "Written",
    "finding_record",
    "is_unwritten",
    "manifest",
    "write_outputs",
    "write_result",
]
