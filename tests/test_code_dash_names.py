"""A code and its name in one cell with a dash between (``5.03.01 - PROGRAM PENUNJANG …``, as
SIPD prints them) are a code and a name: the code is read and verified, the row gets its level
from it, and the name keeps no dash. Before, such a column was read as names only: the printed
codes were lost, the bidang row was a program, and a program was matched by its name alone.
"""

from __future__ import annotations

from pathlib import Path

import renja

TABLE = """## Tabel 5.1 Rencana Program dan Kegiatan Tahun 2026

| Urusan/Bidang/Program/Kegiatan/Sub Kegiatan | Indikator Kinerja | Target | Pagu Indikatif (Rp) |
|---|---|---|---|
| 5.03 - KEPEGAWAIAN | | | 1.250.000.000 |
| 5.03.01 - PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA | Persentase layanan administrasi | 100 % | 1.250.000.000 |
| 5.03.01.2.01 - Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah | Persentase dokumen | 100 % | 250.000.000 |
| 5.03.01.2.01.0001 – Penyusunan Dokumen Perencanaan Perangkat Daerah | Jumlah dokumen | 5 Dokumen | 250.000.000 |
| 5.03.01.2.02 - Administrasi Keuangan Perangkat Daerah | Persentase laporan | 100 % | 1.000.000.000 |
| 5.03.01.2.02.0001 - Penyediaan Gaji dan Tunjangan ASN | Jumlah orang | 120 Orang | 1.000.000.000 |
"""  # noqa: E501


def test_a_dash_between_code_and_name_splits_them(tmp_path: Path) -> None:
    path = tmp_path / "renja.md"
    path.write_text(TABLE, encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    frame = table.frame
    assert frame["kode"].tolist() == ["5.03", "5.03.01", "5.03.01.2.01", "5.03.01.2.01.0001",
                                      "5.03.01.2.02", "5.03.01.2.02.0001"]  # fmt: skip
    assert frame["level"].tolist() == ["bidang", "program", "kegiatan", "sub_kegiatan",
                                       "kegiatan", "sub_kegiatan"]  # fmt: skip
    assert set(frame["kode_sumber"]) == {"cetak+verifikasi"}
    assert not any(name.startswith(("-", "–")) for name in frame["uraian"])
    assert result.findings == ()
