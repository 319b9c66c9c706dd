"""Re-audit an output folder: every check again on its tables as they are now, hand edits too.

``renja check DOC_DIR`` (or a folder of them) reads each clean table back typed through its
contract (``renja.present.outputs``), runs the schemas and the audit on it, and writes the
folder's findings again, with its Parquet, manifest, report and workbook brought in line:

- the findings of the schemas and the audit (``renja.validate.findings.AUDIT_CHECKS``) are made
  again; those of reading and coding the document (an unreadable cell, an unsure code) are kept
  while their cell is as it was, and dropped once a person filled or changed it;
- an amount whose status is ``tercetak`` takes its printed value as its reviewed value again, so
  an edited printed amount is what the checks judge;
- the reviews of the folder's ``keputusan.csv`` (``dokumen_benar``, ``kesalahan_diterima``) mark
  the new findings; one whose finding is gone is a ``keputusan_usang`` finding, as in a run;
- ``tables/<id>.parquet`` is written again from its CSV wherever the two differ.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from renja.app.decide import Decider
from renja.model.checks import KEPUTUSAN_USANG, KODE_TIDAK_PASTI, check_named
from renja.model.contract import reviewed_name, status_name
from renja.model.decisions import (
    APPLIED,
    FOLDER_FILE,
    REVIEWS,
    STALE,
    ValueStatus,
    decisions_csv,
    parse_decisions,
)
from renja.model.errors import RenjaError
from renja.model.i18n import _
from renja.model.keys import TableFacts, cell_text, table_label
from renja.model.publish import publish_file
from renja.model.records import Finding, RawTable, Source
from renja.model.refs import load_related
from renja.model.severity import SEVERITIES
from renja.model.tables import AuditStatus, CleanTable
from renja.present.corpus import CORPUS
from renja.present.outputs import DocFolder, Record, read_doc_folder
from renja.present.writer import findings_csv, frame_csv, write_parquet
from renja.validate.audit import audit
from renja.validate.findings import AUDIT_CHECKS, finalize_findings

MANIFEST = "manifest.json"


def is_doc_folder(path: Path) -> bool:
    """An output folder of one document: it holds a manifest."""
    return (path / MANIFEST).is_file()


def doc_folders(path: Path) -> list[Path]:
    """The document folders a path names: itself, or the ones inside it (not the corpus)."""
    if is_doc_folder(path):
        return [path]
    if not path.is_dir():
        return []
    return sorted(
        p for p in path.iterdir()
        if p.is_dir() and not p.name.startswith(".") and p.name != CORPUS
        and is_doc_folder(p)
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reaudited:
    """What re-auditing one folder found and changed."""

    folder: Path
    doc_id: str
    findings: tuple[Finding, ...]
    rewritten: tuple[str, ...]  # the files written again (tables' CSV and Parquet)
    audits: dict[str, AuditStatus]


def folder_tables(folder: DocFolder) -> list[CleanTable]:
    """The folder's clean tables as they are now, typed through their contracts."""
    tables = []
    for entry in folder.tables:
        table_id = str(entry.get("table_id", ""))
        contract = folder.contract(table_id)
        if contract is None or not folder.clean_path(table_id).is_file():
            continue
        audit_entry = entry.get("audit") or {}
        gaps: tuple[str, ...] = ()
        if audit_entry.get("status") == AuditStatus.INCOMPLETE.value:
            gaps = tuple(str(audit_entry.get("alasan") or _("not read whole")).split("; "))
        raw = RawTable(
            table_id, str(entry.get("caption") or ""), (), str(entry.get("engine") or ""),
            context=str(entry.get("context") or ""),
        )  # fmt: skip
        frame = _printed_reviewed(folder.frame(table_id), contract.money_columns())
        tables.append(CleanTable(contract, raw, frame, gaps=gaps))
    return tables


def _printed_reviewed(frame: pd.DataFrame, money: Sequence[str]) -> pd.DataFrame:
    """Where an amount's status is ``tercetak``, its printed value is its reviewed value."""
    frame = frame.copy()
    for name in money:
        reviewed, status = reviewed_name(name), status_name(name)
        if name not in frame.columns:
            continue
        if reviewed not in frame.columns or status not in frame.columns:
            continue
        printed = frame[status].isna() | (frame[status] == ValueStatus.PRINTED.value)
        values = [p if keep else r for p, r, keep in
                  zip(frame[name].tolist(), frame[reviewed].tolist(), printed.tolist(),
                      strict=True)]  # fmt: skip
        present = [v for v in values if v is not None and v is not pd.NA]
        if all(isinstance(v, int) for v in present):
            frame[reviewed] = pd.array(
                [None if v is None or v is pd.NA else v for v in values], dtype="Int64"
            )
        else:
            frame[reviewed] = pd.Series(values, index=frame.index, dtype=object)
        frame[status] = [ValueStatus.PRINTED.value if keep else s
                         for s, keep in zip(frame[status].tolist(), printed.tolist(),
                                            strict=True)]  # fmt: skip
    return frame


def carried_findings(folder: DocFolder, tables: Sequence[CleanTable]) -> list[Finding]:
    """The findings of reading and coding the document whose cell is as it was."""
    frames = {t.table_id: t.frame for t in tables}
    out = []
    for record in folder.findings:
        try:
            check = check_named(record.get("check", ""))
        except ValueError:
            continue  # an edited file's unknown check: not renja's to keep
        if check in AUDIT_CHECKS or check is KEPUTUSAN_USANG:
            continue
        finding = _finding(record, check)
        if finding is not None and _still_so(finding, frames):
            out.append(finding)
    return out


def _finding(record: Record, check: Any) -> Finding | None:
    try:
        related = load_related(record.get("related") or "")
    except ValueError:
        related = ()
    return Finding(
        check,
        check.severity,
        record.get("message", ""),
        table=record.get("table") or None,
        row=int(record["row"]) if (record.get("row") or "").isdigit() else None,
        source=Source(
            line=int(record["sumber_baris"]) if (record.get("sumber_baris") or "").isdigit()
            else None,
            page=int(record["halaman"]) if (record.get("halaman") or "").isdigit() else None,
        ),
        kode=record.get("kode") or None,
        uraian=record.get("uraian") or None,
        column=record.get("column") or None,
        expected=record.get("expected") or None,
        found=record.get("found") or None,
        difference=record.get("difference") or None,
        related=related,
    )  # fmt: skip


def _still_so(finding: Finding, frames: dict[str, pd.DataFrame]) -> bool:
    """A reading or coding finding still holds: its table and row are there, and the cell it is
    about is still empty (an unreadable or unsure one) or still holds the code it questions."""
    if finding.table is None:
        return True
    frame = frames.get(finding.table)
    if frame is None:
        return False
    if finding.row is None:
        return True
    rows = frame.index[frame["baris"] == finding.row]
    if len(rows) == 0:
        return False
    if not finding.column or finding.column not in frame.columns:
        return True
    now = cell_text(frame.at[rows[0], finding.column])
    questioned = finding.found and finding.check is not KODE_TIDAK_PASTI
    if finding.column.startswith("kode") and questioned:
        return now == finding.found
    return now == ""


def folder_facts(folder: DocFolder) -> tuple[list[TableFacts], list[str]]:
    """Every table of the folder by what a decision's key names, and its id."""
    facts, ids = [], []
    for entry in folder.tables:
        pages = entry.get("source_pages") or [None]
        facts.append(
            TableFacts(
                table_label(str(entry.get("caption") or ""), str(entry.get("context") or "")),
                pages[0],
                str(entry.get("kepala") or ""),
            )
        )
        ids.append(str(entry.get("table_id", "")))
    return facts, ids


def reaudit(doc_dir: str | Path, write: bool = True) -> Reaudited:
    """Run every check again on an output folder's tables as they are now; with ``write``, the
    folder's findings, manifest, Parquet, report and workbook follow."""
    from renja.validate.schemas import validate_table  # pandera is slow to import: only here

    folder = read_doc_folder(doc_dir)
    tables = folder_tables(folder)
    findings = carried_findings(folder, tables)
    for table in tables:
        findings.extend(validate_table(table))
    audited = audit(tables, findings)
    decider = _decider(folder)
    decider.resolve(tables)
    reviewed, _stale = decider.apply_reviews(audited.findings, tables)
    final = [
        replace(f, table_name=folder.table_name(f.table)) if f.table else f
        for f in finalize_findings([*reviewed, *decider.stale_findings()])
    ]
    rewritten: list[str] = []
    if write:
        rewritten = _write_tables(folder, tables)
        _write_folder(folder, final, audited.tables, decider)
    return Reaudited(
        folder.path,
        folder.doc_id,
        tuple(final),
        tuple(rewritten),
        {t: a.status for t, a in audited.tables.items()},
    )


def _decider(folder: DocFolder) -> Decider:
    """The folder's decisions: reviews judged again; the others as the run left them."""
    path = folder.path / FOLDER_FILE
    if not path.is_file():
        return Decider(())
    text = path.read_text(encoding="utf-8-sig")
    decisions = parse_decisions(text, str(path))
    outcomes = list(csv.DictReader(io.StringIO(text)))
    reasons = {
        i: row.get("alasan") or _("no longer applies")
        for i, (row, decision) in enumerate(zip(outcomes, decisions, strict=False))
        if decision.action not in REVIEWS and row.get("status") == STALE
    }
    name = str((folder.manifest.get("keputusan") or {}).get("berkas") or FOLDER_FILE)
    decider = Decider(decisions, name, reasons=reasons)
    facts, ids = folder_facts(folder)
    decider.find_tables_by(facts, ids)
    # value, code and form decisions are in the tables already: only reviews are applied again
    for i, decision in enumerate(decisions):
        if decision.action not in REVIEWS and i not in decider.reasons:
            decider.positions.pop(i, None)
    return decider


def _write_tables(folder: DocFolder, tables: Sequence[CleanTable]) -> list[str]:
    """Each table's CSV where its reviewed amounts changed, and its Parquet where it no longer
    matches its CSV (a folder written without Parquet gets none)."""
    written = []
    for table in tables:
        csv_path = folder.clean_path(table.table_id)
        text = frame_csv(table.frame)
        if text != csv_path.read_text(encoding="utf-8"):
            publish_file(csv_path, text)
            written.append(csv_path.name)
        parquet = csv_path.with_suffix(".parquet")
        if parquet.is_file() and not _same_frame(parquet, table.frame):
            write_parquet(table.frame, parquet)
            written.append(parquet.name)
    return written


def _same_frame(parquet: Path, frame: pd.DataFrame) -> bool:
    """Whether a Parquet file holds the same cells as a frame (compared as the CSV writes them)."""
    try:
        stored = pd.read_parquet(parquet)
    except Exception:  # an unreadable file is not the same
        return False
    for name in stored.columns:  # list cells come back as arrays
        if stored[name].dtype == object:
            stored[name] = [v.tolist() if hasattr(v, "tolist") else v for v in stored[name]]
    return list(stored.columns) == list(frame.columns) and frame_csv(
        stored.reset_index(drop=True)
    ) == frame_csv(frame.reset_index(drop=True))


def _write_folder(
    folder: DocFolder, findings: Sequence[Finding], audits: dict[str, Any], decider: Decider
) -> None:
    """findings.csv, the manifest's counts and audits, keputusan.csv, report and workbook."""
    publish_file(folder.path / "findings.csv", findings_csv(findings))
    manifest = dict(folder.manifest)
    tables = []
    for entry in manifest.get("tables") or []:
        entry = dict(entry)
        if entry.get("table_id") in audits:
            entry["audit"] = audits[entry["table_id"]].to_dict()
        tables.append(entry)
    manifest["tables"] = tables
    counts = dict(manifest.get("counts") or {})
    severities = {s.value: 0 for s in SEVERITIES}
    for finding in findings:
        if finding.open:
            severities[finding.severity.value] += 1
    counts["findings"] = severities
    counts["ditinjau"] = sum(not f.open for f in findings)
    counts["audit"] = dict(Counter(str((t.get("audit") or {}).get("status")) for t in tables))
    manifest["counts"] = counts
    if decider.decisions:
        outcomes = decider.outcomes()
        publish_file(folder.path / FOLDER_FILE, decisions_csv(outcomes))
        if manifest.get("keputusan"):
            states = Counter(o.status for o in outcomes)
            manifest["keputusan"] = {**manifest["keputusan"], APPLIED: states[APPLIED],
                                     STALE: states[STALE]}  # fmt: skip
    publish_file(
        folder.path / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    )
    if (folder.path / "report.html").is_file():
        from renja.present.report import write_report

        write_report(folder.path)
    if (folder.path / f"{folder.doc_id}.xlsx").is_file():
        from renja.present.workbook import write_workbook

        write_workbook(folder.path)


def reaudit_all(paths: Sequence[Path]) -> list[Reaudited]:
    """Re-audit every document folder the paths name; a path that names none is an error."""
    out: list[Reaudited] = []
    for path in paths:
        folders = doc_folders(path)
        if not folders:
            raise RenjaError(
                _("{path}: no renja output folder (no manifest.json)").format(path=path)
            )
        out.extend(reaudit(folder) for folder in folders)
    return out


__all__ = ["Reaudited", "doc_folders", "is_doc_folder", "reaudit", "reaudit_all"]
