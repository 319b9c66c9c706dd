"""What ``renja check`` prints: one line per finding, or one JSON document for every input.

Each finding is placed the way the document prints it: its table's printed name (the id beside
it, as the key), its row in the clean table, and its page (or, in a text document, its line)::

    finding_place(finding)             Tabel IV.1 — Rumusan … (t20_…), baris 19, hal. 59
    finding_line(doc_id, finding)      the tab-separated line of the text output
    document_json(result, threshold)   a document's part of ``--format json``
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from renja.model.i18n import _, group_digits, ngettext
from renja.model.labels import printed_number, shorten, table_name
from renja.model.records import Finding
from renja.model.result import Result
from renja.model.severity import SEVERITIES
from renja.model.tables import AuditStatus
from renja.model.version import __version__

if TYPE_CHECKING:
    from renja.app.reaudit import Reaudited

# A table's printed name is cut to this many characters in a line of the text output.
NAME_WIDTH = 48
JSON_FORMAT, TEXT_FORMAT = "json", "text"


def finding_place(finding: Finding) -> str:
    """Where a finding is: its table's printed name and id, its clean row, its page or line.

    >>> from renja.model.checks import JUMLAH_RINCIAN
    >>> from renja.model.records import Source
    >>> found = Finding(JUMLAH_RINCIAN, JUMLAH_RINCIAN.severity, "…", table="t20_rencana_program",
    ...                 table_name="Tabel IV.1 — Rumusan Rencana Program", row=19,
    ...                 source=Source(page=59))
    >>> finding_place(found)
    'Tabel IV.1 — Rumusan Rencana Program (t20_rencana_program), baris 19, hal. 59'
    >>> from dataclasses import replace
    >>> finding_place(replace(found, table_name=None, source=Source(line=664)))
    't20_rencana_program, baris 19, baris dokumen 664'
    """
    parts = []
    if finding.table:
        name = shorten(finding.table_name or finding.table, NAME_WIDTH)
        parts.append(name if name == finding.table else f"{name} ({finding.table})")
    if finding.row is not None:
        parts.append(_("row {row}").format(row=finding.row))
    if finding.source.page is not None:
        parts.append(_("p. {page}").format(page=finding.source.page))
    elif finding.source.line is not None:
        parts.append(_("document line {line}").format(line=finding.source.line))
    return ", ".join(parts) or "-"


def finding_line(doc_id: str, finding: Finding) -> str:
    """A finding as a line of the text output: document, id, severity, check, place, message."""
    fields = (finding.id, finding.severity.value, str(finding.check), finding_place(finding))
    return "\t".join((doc_id, *fields, finding.message))


def audit_coverage(result: Result) -> str:
    """How many of a document's data tables were audited in full, and which were not: a
    document with no finding is only clean where its tables were checked."""
    data = [t for t, a in result.audits.items() if a.status is not AuditStatus.NOT_DATA]
    checked = [t for t in data if result.audits[t].status is AuditStatus.CHECKED]
    text = audited_text(len(checked), len(data))
    partial = [t for t in data if result.audits[t].status is AuditStatus.INCOMPLETE]
    if partial:
        text += " " + _("({n} not read whole: {tables})").format(
            n=len(partial), tables=", ".join(partial)
        )
    if data and not checked:
        text += _("; NO TABLE AUDITED: no finding does not mean clean")
    return text


def audited_text(checked: int, data: int) -> str:
    """How many of the data tables were audited in full, in words."""
    return ngettext(
        "{checked} of {n} data table audited", "{checked} of {n} data tables audited", data
    ).format(checked=group_digits(checked), n=group_digits(data))


def document_json(result: Result, threshold: int) -> dict[str, Any]:
    """A document's part of ``--format json``: its tables with their printed names, its
    counts, and every finding as a typed record; ``fails`` says whether it has a finding at or
    above the ``--fail-on`` severity (``threshold``, a severity rank)."""
    from renja.present.writer import finding_record

    counts = open_counts(result.findings)
    tables = [
        {
            "table_id": raw.table_id,
            "nomor": printed_number(raw.caption),
            "nama": table_name(raw.table_id, raw.caption),
            "kind": result.contracts[raw.table_id].form,
            "audit": result.audits[raw.table_id].status.value
            if raw.table_id in result.audits
            else None,
        }
        for raw in result.raw_tables
    ]
    return {
        "doc_id": result.doc_id,
        "file": result.document.path,
        "sha256": result.sha256,
        "counts": counts,
        "audited": audit_coverage(result),
        "fails": any(f.open and f.severity.rank <= threshold for f in result.findings),
        "tables": tables,
        "findings": [finding_record(f) for f in result.findings],
    }


def open_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Open findings by severity (a reviewed finding is listed, not counted), and ``ditinjau``,
    how many a person reviewed."""
    counts = {s.value: 0 for s in SEVERITIES}
    for finding in findings:
        if finding.open:
            counts[finding.severity.value] += 1
    counts["ditinjau"] = sum(not f.open for f in findings)
    return counts


def folder_json(done: Reaudited, threshold: int) -> dict[str, Any]:
    """An output folder's part of ``--format json`` after ``renja check`` audited it again."""
    from renja.present.writer import finding_record

    checked = sum(status is AuditStatus.CHECKED for status in done.audits.values())
    return {
        "doc_id": done.doc_id,
        "folder": str(done.folder),
        "counts": open_counts(done.findings),
        "audited": audited_text(checked, len(done.audits)),
        "fails": any(f.open and f.severity.rank <= threshold for f in done.findings),
        "rewritten": list(done.rewritten),
        "findings": [finding_record(f) for f in done.findings],
    }


def check_json(
    documents: list[dict[str, Any]], errors: list[dict[str, str]], fail_on: str
) -> dict[str, Any]:
    """The whole ``--format json`` document: every input's part, and the inputs that failed."""
    return {
        "renja_version": __version__,
        "fail_on": fail_on,
        "documents": documents,
        "errors": errors,
    }


__all__ = [
    "JSON_FORMAT",
    "TEXT_FORMAT",
    "audit_coverage",
    "check_json",
    "document_json",
    "finding_line",
    "finding_place",
    "folder_json",
    "open_counts",
]
