"""A Rumusan Rencana Program dan Kegiatan whose target has a ``Satuan`` column beside it: the
form had no unit column, so its ``lokasi`` (which the form always has) took the units' place by
the shape of their cells (``lokasi = "Dokumen"`` on every row). A label ``Satuan`` now names
the unit column ``satuan``; a header row that only starts with the word (``Satuan Polisi Pamong
Praja …``, an SKPD's name) names nothing (normalize/kinds.py, ``rencana_program``).
"""

from __future__ import annotations

from pathlib import Path

import renja

HEADER = (
    "| Kode | Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan | Indikator Kinerja "
    "Program/Kegiatan | Rencana Tahun 2025 | Rencana Tahun 2025 | Rencana Tahun 2025 | Rencana "
    "Tahun 2025 | Prakiraan Maju Rencana Tahun 2026 | Prakiraan Maju Rencana Tahun 2026 |\n"
    "|---|---|---|---|---|---|---|---|---|\n"
    "| | | | Target | Satuan | Pagu Indikatif (Rp) | Sumber Dana | Target | Kebutuhan Dana (Rp) |\n"
)
ROWS = [  # code, name, indicator, target, unit, pagu, source, target and pagu of the next year
    ("1.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "Persentase pelayanan administrasi", "100", "%", 3_450_000_000, "", "100", 3_600_000_000),
    ("1.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     "Persentase dokumen tepat waktu", "100", "%", 450_000_000, "", "100", 500_000_000),
    ("1.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah Dokumen Perencanaan", "11", "Dokumen", 450_000_000, "DAU", "12", 500_000_000),
    ("1.01.01.2.02", "Administrasi Keuangan Perangkat Daerah", "Persentase laporan keuangan",
     "100", "%", 3_000_000_000, "", "100", 3_100_000_000),
    ("1.01.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "Jumlah Orang yang Menerima Gaji",
     "86", "Orang", 3_000_000_000, "DAU", "86", 3_100_000_000),
]  # fmt: skip


def rupiah(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def test_the_units_beside_the_target_are_satuan_not_lokasi(tmp_path: Path) -> None:
    body = "".join(
        f"| {k} | {u} | {i} | {t} | {s} | {rupiah(p)} | {d} | {tm} | {rupiah(pm)} |\n"
        for k, u, i, t, s, p, d, tm, pm in ROWS
    )
    path = tmp_path / "renja.md"
    path.write_text(
        "# RENJA DINAS PENDIDIKAN KABUPATEN CONTOH TAHUN 2025\n\nTabel 4.1 Rumusan Rencana "
        "Program dan Kegiatan Perangkat Daerah Tahun 2025 dan Prakiraan Maju Tahun 2026\n\n"
        + HEADER + body, encoding="utf-8",
    )  # fmt: skip
    [table] = [t for t in renja.process(path).tables if not t.frame.empty]
    assert table.form == "rencana_program"
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["satuan"].tolist() == [r[4] for r in ROWS]
    assert "lokasi" not in data or data["lokasi"].isna().all()
    assert data["target"].tolist() == [int(r[3]) for r in ROWS]
    assert data["pagu"].tolist() == [r[5] for r in ROWS]
