"""A Renja Perubahan whose header groups its columns under ``Sebelum Perubahan`` and ``Sesudah
Perubahan`` (``Target | Pagu (Rp)`` under each), with ``Satuan``, ``Bertambah/(Berkurang)`` and
``Keterangan``. The form named its columns ``Target Sebelum`` (label first) only: the sesudah
target became ``pagu_sesudah``, the sesudah pagu ``pagu_sesudah_2``, the change ``pagu_maju``
(16 false ``skema_negatif``: a prakiraan maju is never negative), the units
``kelompok_sasaran_sebelum``, and the change was never checked against sesudah − sebelum. A
label and its group's word now match in either order (normalize/kinds.py, ``either``).
"""

from __future__ import annotations

from pathlib import Path

import renja

HEADER = (
    "| Kode | Program/Kegiatan/Sub Kegiatan | Indikator Kinerja | Satuan | Sebelum Perubahan | "
    "Sebelum Perubahan | Sesudah Perubahan | Sesudah Perubahan | Bertambah/ (Berkurang) (Rp) | "
    "Keterangan |\n"
    "|---|---|---|---|---|---|---|---|---|---|\n"
    "| | | | | Target | Pagu (Rp) | Target | Pagu (Rp) | | |\n"
)
ROWS = [  # code, name, indicator, unit, target and pagu before, after, change
    ("2.09.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "Persentase pelayanan administrasi", "%", "90", 3_863_340_000, "90", 3_465_840_000),
    ("2.09.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     "Persentase dokumen tepat waktu", "%", "100", 863_340_000, "100", 765_840_000),
    ("2.09.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah Dokumen Perencanaan", "Dokumen", "3", 863_340_000, "3", 765_840_000),
    ("2.09.01.2.02", "Administrasi Keuangan Perangkat Daerah", "Persentase laporan keuangan",
     "%", "100", 3_000_000_000, "100", 2_700_000_000),
    ("2.09.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "Jumlah Orang yang Menerima Gaji",
     "Orang", "41", 3_000_000_000, "41", 2_700_000_000),
]  # fmt: skip


def rupiah(amount: int) -> str:
    text = f"{abs(amount):,}".replace(",", ".")
    return f"({text})" if amount < 0 else text


def test_columns_under_sebelum_and_sesudah_are_named_and_the_change_is_checked(
    tmp_path: Path,
) -> None:
    body = "".join(
        f"| {k} | {u} | {i} | {s} | {t0} | {rupiah(p0)} | {t1} | {rupiah(p1)} | "
        f"{rupiah(p1 - p0)} | |\n"
        for k, u, i, s, t0, p0, t1, p1 in ROWS
    )
    path = tmp_path / "renja-perubahan.md"
    path.write_text(
        "# PERUBAHAN RENJA DINAS KOPERASI KABUPATEN CONTOH TAHUN 2025\n\nTabel 3.1 Rencana "
        "Program dan Kegiatan pada Perubahan Renja Tahun 2025\n\n" + HEADER + body,
        encoding="utf-8",
    )
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.form == "rencana_perubahan"
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["satuan"].tolist() == [r[3] for r in ROWS]
    assert data["target_sesudah"].tolist() == [int(r[6]) for r in ROWS]
    assert data["pagu_sebelum"].tolist() == [r[5] for r in ROWS]
    assert data["pagu_sesudah"].tolist() == [r[7] for r in ROWS]
    assert data["jumlah_perubahan"].tolist() == [r[7] - r[5] for r in ROWS]
    assert "pagu_maju" not in data
    assert not result.findings  # sums and sesudah − sebelum hold, and were checked
    assert result.audits[table.table_id].relations >= len(ROWS)
