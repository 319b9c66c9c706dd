"""An RKPD's (or APBD's) rekap by perangkat daerah: SKPD rows under group headings numbered
in roman numerals without a code (``I URUSAN PEMERINTAHAN WAJIB …``, ``IV UNSUR PENDUKUNG
…``), a sub unit (``….0001 RSUD``) listed as an entry of its own beside its Dinas, and a total.
The groups were read as children of the SKPD above them and the RSUD as the Dinas' child, so
the total and the Dinas were checked against the wrong rows (5 to 8 false errors). SKPD rows
after an uncoded group heading are its children (``hierarchy.under_named_group``); a sub unit
whose SKPD does not print its sum stands beside it (``hierarchy.units_beside``)."""

from __future__ import annotations

from pathlib import Path

import renja

ROWS = [("I", "", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR", "600.000"),
        ("1", "1.01.0.00.0.00.01.0000", "Dinas Pendidikan", "300.000"),
        ("2", "1.02.0.00.0.00.01.0000", "Dinas Kesehatan", "200.000"),
        ("3", "1.02.0.00.0.00.01.0001", "RSUD Bagas Waras", "100.000"),
        ("II", "", "UNSUR PENDUKUNG URUSAN PEMERINTAHAN", "250.000"),
        ("4", "4.01.0.00.0.00.01.0000", "Sekretariat Daerah", "150.000"),
        ("5", "4.02.0.00.0.00.01.0000", "Sekretariat DPRD", "90.000"),  # 100.000 in II's sum
        ("", "", "JUMLAH", "850.000")]  # fmt: skip


def test_skpd_under_roman_groups_and_a_unit_beside_its_dinas(tmp_path: Path) -> None:
    lines = ["Tabel 2.12 Rekapitulasi Pagu Indikatif per Perangkat Daerah Tahun 2026", "",
             "| No | Kode | Urusan / Perangkat Daerah | Pagu Indikatif (Rp) |",
             "|---|---|---|---|"]  # fmt: skip
    lines += ["| " + " | ".join(row) + " |" for row in ROWS]
    path = tmp_path / "rkpd.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    induk = dict(zip(table.frame["baris"], table.frame["induk"], strict=True))
    assert [induk[b] for b in (2, 3, 4, 6, 7)] == [1, 1, 1, 5, 5]  # under I; the RSUD beside
    errors = sorted((f.check, f.row) for f in result.findings if f.severity == "error")
    assert errors == [("jumlah_rincian", 5)]  # II (250.000) against its SKPD (240.000) alone
