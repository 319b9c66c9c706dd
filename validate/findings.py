"""Findings as one list: each failed check once, the important ones first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from renja.model.checks import (
    ANGKA_TIDAK_TERBACA,
    CODE_CHECKS,
    KEPUTUSAN_USANG,
    SEL_TIDAK_TERPETAKAN,
    Check,
)
from renja.model.records import Finding

# The checks of reading and coding the document, and of its decisions file: ``renja check`` on
# an output folder keeps their findings while their cell is as it was. Every other check is
# raised by validate on clean tables (the schemas and the audit), and runs again there.
READING_CHECKS = CODE_CHECKS | {ANGKA_TIDAK_TERBACA, SEL_TIDAK_TERPETAKAN, KEPUTUSAN_USANG}
AUDIT_CHECKS = frozenset(Check) - READING_CHECKS


def finding_key(finding: Finding) -> tuple[object, ...]:
    """Two findings with this key are the same failed check reported twice."""
    return (finding.check, finding.table, finding.row, finding.column, finding.kode)


def finalize_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Drop repeats of the same failed check and sort: errors first, then by check and place.

    >>> from renja.model.checks import ANGKA_TIDAK_TERBACA, KODE_TIDAK_DIKENAL
    >>> from renja.model.severity import Severity
    >>> a = Finding(ANGKA_TIDAK_TERBACA, Severity.WARNING, "x", table="t1", row=2, column="pagu")
    >>> b = Finding(KODE_TIDAK_DIKENAL, Severity.ERROR, "y", table="t1", row=9)
    >>> [(f.id, f.check.slug) for f in finalize_findings([a, b, a])]
    [('F001', 'kode_tidak_dikenal'), ('F002', 'angka_tidak_terbaca')]
    """
    unique: dict[tuple[object, ...], Finding] = {}
    for finding in findings:
        unique.setdefault(finding_key(finding), finding)
    ordered = _grouped(sorted(unique.values(), key=Finding.sort_key))
    numbers = {f.id: f"F{i:03d}" for i, f in enumerate(ordered, start=1) if f.id}
    return [
        replace(f, id=f"F{i:03d}", root_cause=numbers.get(f.root_cause or ""))
        for i, f in enumerate(ordered, start=1)
    ]


def _grouped(findings: list[Finding]) -> list[Finding]:
    """Each root cause directly followed by the findings it explains."""
    ids = {f.id for f in findings if f.id}
    consequences: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.root_cause in ids:
            consequences.setdefault(finding.root_cause or "", []).append(finding)
    out: list[Finding] = []
    for finding in findings:
        if finding.root_cause in ids:
            continue
        out.append(finding)
        out.extend(consequences.get(finding.id, []) if finding.id else [])
    return out
