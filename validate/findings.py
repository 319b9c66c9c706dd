"""Findings as one list: each failed check once, the important ones first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from renja.model.checks import (
    ARITMETIKA_BARIS,
    BEDA_ANTAR_TABEL,
    CAPAIAN_PERSEN,
    JUMLAH_RINCIAN,
    JUMLAH_TOTAL,
    NILAI_DIDUGA_SALAH,
    POLA_HITUNGAN_GAGAL,
    SELISIH_PEMBULATAN,
    SKEMA_KATEGORI,
    SKEMA_KODE,
    SKEMA_KODE_GANDA,
    SKEMA_KOLOM,
    SKEMA_LEVEL,
    SKEMA_NEGATIF,
    SKEMA_RENTANG,
    SKEMA_TIPE,
    TABEL_TIDAK_LENGKAP,
)
from renja.model.records import Finding

# The checks validate raises on clean tables (the schemas and the audit): ``renja check`` on an
# output folder runs them again on the tables as they are now. The others come from reading
# and coding the document, and are kept while their cell is as it was.
AUDIT_CHECKS = frozenset({
    SKEMA_KOLOM, SKEMA_TIPE, SKEMA_KATEGORI, SKEMA_NEGATIF, SKEMA_KODE, SKEMA_LEVEL,
    SKEMA_KODE_GANDA, SKEMA_RENTANG, ARITMETIKA_BARIS, JUMLAH_RINCIAN, JUMLAH_TOTAL,
    SELISIH_PEMBULATAN, CAPAIAN_PERSEN, BEDA_ANTAR_TABEL, NILAI_DIDUGA_SALAH,
    POLA_HITUNGAN_GAGAL, TABEL_TIDAK_LENGKAP,
})  # fmt: skip


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
