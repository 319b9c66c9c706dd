"""Arithmetic, cross-table and root-cause checks, on small hand-made documents.

Each check is exercised with a table that breaks it and a table that keeps it: a consistent
document must produce no arithmetic finding at all.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import renja
from renja.model.refs import CellRef
from renja.model.result import Result

HEADER_53 = "Kode\tSub Kegiatan\tSebelum Perubahan\tSesudah Perubahan\tJumlah perubahan\tKeterangan"
HEADER_52 = "No\tSub Kegiatan\tUraian Penambahan\tPagu Murni\tPagu Penambahan\tTotal\tKeterangan"
ARITHMETIC = {"aritmetika_baris", "jumlah_rincian", "jumlah_total", "nilai_diduga_salah"}


def _doc(tmp_path: Path, *blocks: tuple[str, str, list[str]]) -> Result:
    lines = ["# RENJA PERUBAHAN BADAN CONTOH KOTA CONTOH TAHUN 2024", ""]
    for caption, header, rows in blocks:
        lines += [caption, "", header, *rows, "", "Keterangan tabel di atas.", ""]
    path = tmp_path / "doc.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return renja.process(path, code=False)


def _pergeseran(rows: list[str]) -> tuple[str, str, list[str]]:
    return ("Tabel 5.3 Pergeseran Pagu Anggaran", HEADER_53, rows)


def _penambahan(rows: list[str]) -> tuple[str, str, list[str]]:
    return ("Tabel 5.2 Penambahan Pagu Anggaran", HEADER_52, rows)


CONSISTENT = [
    "5.03.01.2.01\tPerencanaan\t300.000\t350.000\t50.000\t-",
    "5.03.01.2.01.0001\tPenyusunan Dokumen\t100.000\t150.000\t50.000\t-",
    "5.03.01.2.01.0006\tKoordinasi Laporan\t200.000\t200.000\t-\t-",
    "\t\t300.000\t350.000\t50.000\t",
]


def _checks(result: Result, checks: set[str] | None = None) -> list:
    return [f for f in result.findings if checks is None or f.check in checks]


def test_a_consistent_document_has_no_arithmetic_finding(tmp_path: Path) -> None:
    result = _doc(
        tmp_path,
        _pergeseran(CONSISTENT),
        _penambahan(
            [
                "1\tPenyusunan Dokumen\tx\t100.000\t50.000\t150.000\t-",
                "2\tKoordinasi Laporan\ty\t200.000\t-\t200.000\t-",
                "\t\t\t300.000\t50.000\t350.000\t",
            ]
        ),
    )
    assert _checks(result) == []


def test_row_arithmetic(tmp_path: Path) -> None:
    rows = list(CONSISTENT)
    rows[1] = "5.03.01.2.01.0001\tPenyusunan Dokumen\t100.000\t150.000\t60.000\t-"
    result = _doc(tmp_path, _pergeseran(rows))
    (finding,) = _checks(result, {"aritmetika_baris"})
    assert (finding.kode, finding.column) == ("5.03.01.2.01.0001", "jumlah_perubahan")
    assert (finding.expected, finding.found, finding.difference) == ("50000", "60000", "10000")
    assert finding.source.line is not None and finding.severity.value == "error"


def test_children_must_sum_to_their_parent(tmp_path: Path) -> None:
    rows = list(CONSISTENT)
    rows[0] = "5.03.01.2.01\tPerencanaan\t310.000\t350.000\t40.000\t-"
    rows[3] = "\t\t310.000\t350.000\t40.000\t"
    result = _doc(tmp_path, _pergeseran(rows))
    sums = {(f.check, f.column): f for f in _checks(result, ARITHMETIC)}
    child = sums[("jumlah_rincian", "pagu_sebelum")]
    assert (child.kode, child.expected, child.found) == ("5.03.01.2.01", "300000", "310000")
    assert child.related == (
        CellRef("t01_pergeseran_pagu", 2, "pagu_sebelum"),
        CellRef("t01_pergeseran_pagu", 3, "pagu_sebelum"),
    )
    # The parent's own row still adds up, and so does the total row of the parents.
    assert ("aritmetika_baris", "jumlah_perubahan") not in sums
    assert ("jumlah_total", "pagu_sebelum") not in sums


def test_a_total_row_must_sum_its_rows(tmp_path: Path) -> None:
    rows = list(CONSISTENT)
    rows[3] = "\t\t300.000\t360.000\t60.000\t"
    result = _doc(tmp_path, _pergeseran(rows))
    totals = {f.column: f for f in _checks(result, {"jumlah_total"})}
    assert set(totals) == {"pagu_sesudah", "jumlah_perubahan"}
    assert (totals["pagu_sesudah"].expected, totals["pagu_sesudah"].found) == ("350000", "360000")
    # The total row's own arithmetic (360.000 − 300.000 = 60.000) holds.
    assert not _checks(result, {"aritmetika_baris"})


def test_a_cell_that_disagrees_with_other_tables_is_the_root_cause(tmp_path: Path) -> None:
    # Tabel 5.3 prints 110.000 for the sub kegiatan's pagu before the change; Tabel 5.2 and
    # Tabel 2.4-like rows print 100.000. The row arithmetic and the kegiatan's sum break.
    rows = list(CONSISTENT)
    rows[1] = "5.03.01.2.01.0001\tPenyusunan Dokumen\t110.000\t150.000\t50.000\t-"
    rows[3] = "\t\t300.000\t350.000\t50.000\t"
    tambah = _penambahan(
        [
            "1\tPenyusunan Dokumen\tx\t100.000\t50.000\t150.000\t-",
            "2\tKoordinasi Laporan\ty\t200.000\t-\t200.000\t-",
        ]
    )
    reviu = (
        "Tabel 2.4 Reviu terhadap Rancangan RKPD",
        "URAIAN\tKINERJA\tTARGET\tMURNI 2024\tURAIAN\tKINERJA\tTARGET\tPERUBAHAN 2024",
        [
            "5.03.01.2.01.0001 Penyusunan Dokumen\tx\t1 dok\t100.000\t"
            "5.03.01.2.01.0001 Penyusunan Dokumen\tx\t1 dok\t150.000",
        ],
    )
    result = _doc(tmp_path, _pergeseran(rows), tambah, reviu)
    # Tabel 5.2 has no codes (matching is off here), so only 5.3 and 2.4 meet: no majority,
    # and the arithmetic of 5.3 says which of the two is wrong.
    (root,) = _checks(result, {"beda_antar_tabel"})
    assert (root.table, root.column, root.found, root.expected) == (
        "t01_pergeseran_pagu", "pagu_sebelum", "110000", "100000"
    )  # fmt: skip
    assert root.severity.value == "error"  # it explains errors
    consequences = [f for f in result.findings if f.root_cause == root.id]
    assert {(f.check, f.column) for f in consequences} == {
        ("aritmetika_baris", "jumlah_perubahan"),
        ("jumlah_rincian", "pagu_sebelum"),
    }
    ids = [f.id for f in result.findings]
    assert ids.index(root.id) < min(ids.index(f.id) for f in consequences)


def test_a_typo_that_breaks_two_sums_is_one_root_cause(tmp_path: Path) -> None:
    rows = list(CONSISTENT)
    rows[2] = "5.03.01.2.01.0006\tKoordinasi Laporan\t200.000\t210.000\t-\t-"
    result = _doc(tmp_path, _pergeseran(rows))
    (suspect,) = _checks(result, {"nilai_diduga_salah"})
    assert (suspect.kode, suspect.column, suspect.found, suspect.expected) == (
        "5.03.01.2.01.0006", "pagu_sesudah", "210000", "200000"
    )  # fmt: skip
    consequences = [f for f in result.findings if f.root_cause == suspect.id]
    assert len(consequences) >= 2
    assert all(f.check in ARITHMETIC for f in consequences)


def test_an_unreadable_cell_gets_its_value_from_the_tables_that_agree(tmp_path: Path) -> None:
    rows = list(CONSISTENT)
    rows[1] = "5.03.01.2.01.0001\tPenyusunan Dokumen\t10.0000\t150.000\t50.000\t-"
    reviu = (
        "Tabel 2.4 Reviu terhadap Rancangan RKPD",
        "URAIAN\tKINERJA\tTARGET\tMURNI 2024\tURAIAN\tKINERJA\tTARGET\tPERUBAHAN 2024",
        [
            "5.03.01.2.01.0001 Penyusunan Dokumen\tx\t1 dok\t100.000\t"
            "5.03.01.2.01.0001 Penyusunan Dokumen\tx\t1 dok\t150.000",
        ],
    )
    result = _doc(tmp_path, _pergeseran(rows), reviu)
    (unreadable,) = _checks(result, {"angka_tidak_terbaca"})
    assert (unreadable.found, unreadable.expected) == ("10.0000", "100000")
    assert "t02_reviu_rkpd" in unreadable.message
    # The clean table keeps the cell empty: the suggestion lives in the finding only.
    assert result.table("pergeseran_pagu").loc[1, "pagu_sebelum"] is pd.NA
    # With the suggested value, the sums hold: nothing else is reported.
    assert not _checks(result, ARITHMETIC)


def test_a_child_printed_elsewhere_but_missing_here_is_named(tmp_path: Path) -> None:
    rows = [
        "5.03.01.2.01\tPerencanaan\t350.000\t350.000\t-\t-",
        "5.03.01.2.01.0001\tPenyusunan Dokumen\t100.000\t100.000\t-\t-",
        "5.03.01.2.01.0006\tKoordinasi Laporan\t200.000\t200.000\t-\t-",
    ]
    reviu = (
        "Tabel 2.4 Reviu terhadap Rancangan RKPD",
        "URAIAN\tKINERJA\tTARGET\tMURNI 2024\tURAIAN\tKINERJA\tTARGET\tPERUBAHAN 2024",
        [
            "5.03.01.2.01.0007 Evaluasi Kinerja\tx\t1 lap\t50.000\t"
            "5.03.01.2.01.0007 Evaluasi Kinerja\tx\t1 lap\t50.000",
        ],
    )
    result = _doc(tmp_path, _pergeseran(rows), reviu)
    sebelum = next(f for f in _checks(result, {"jumlah_rincian"}) if f.column == "pagu_sebelum")
    assert sebelum.difference == "50000"
    assert "5.03.01.2.01.0007" in sebelum.message and "tidak punya baris" in sebelum.message


@pytest.mark.parametrize(("capaian", "expected_findings"), [("101,92 %", 0), ("101,2 %", 1)])
def test_capaian_is_realisasi_over_target(
    tmp_path: Path, capaian: str, expected_findings: int
) -> None:
    result = _doc(
        tmp_path,
        (
            "Tabel 2.1 Laporan Capaian Indikator Kinerja Utama",
            "NO.\tSASARAN STRATEGIS\tINDIKATOR KINERJA\tTARGET\tREALISASI\t%",
            [f"1.\tMeningkatkan Kualitas\tIndeks Sistem Merit\t260\t265\t{capaian}"],
        ),
    )
    findings = _checks(result, {"capaian_persen"})
    assert len(findings) == expected_findings
    if findings:
        assert (findings[0].expected, findings[0].found) == ("101.92", "101.2")


def test_the_sample_s_known_errors_are_reported_with_their_root_causes(sample: Result) -> None:
    by_key = {(f.check, f.source.line, f.column): f for f in sample.findings}
    # The Lampiran's typo 29.453.350 (other tables: 29.453.250) breaks two sums.
    root = by_key[("beda_antar_tabel", 981, "pagu_sebelum")]
    assert (root.expected, root.found) == ("29453250", "29453350")
    row = by_key[("aritmetika_baris", 981, "jumlah_perubahan")]
    assert (row.expected, row.found, row.root_cause) == ("8016900", "8017000", root.id)
    kegiatan = by_key[("jumlah_rincian", 980, "pagu_sebelum")]
    assert (kegiatan.kode, kegiatan.expected, kegiatan.found) == (
        "5.03.01.2.01", "218607100", "218607000"
    )  # fmt: skip
    assert kegiatan.root_cause == root.id
    # Tabel 5.1's JUMLAH is not the sum of its sub kegiatan.
    total = by_key[("jumlah_total", 886, "pagu")]
    assert (total.expected, total.found) == ("18251813925", "18247414125")
    # Tabel 5.2's row 8 prints a pagu murni 1.000.000 short of every other table.
    murni = by_key[("beda_antar_tabel", 905, "pagu_murni")]
    assert (murni.expected, murni.found) == ("153262800", "152262800")
    assert by_key[("aritmetika_baris", 905, "pagu_total")].root_cause == murni.id
    # A kegiatan total that counts a sub kegiatan this table lacks (Tabel 5.1 prints it).
    maju = by_key[("jumlah_rincian", 992, "pagu_maju")]
    assert "5.03.01.2.06.0008" in maju.message and maju.difference == "123590000"
    # The unreadable 59.99.800 gets 59.999.800, the value with one digit put back.
    unreadable = by_key[("angka_tidak_terbaca", 664, "pagu_murni")]
    assert unreadable.expected == "59999800"
