"""A column with no header that names each row's funding source in words a converter or a pemda
writes out (``Dana Transfer Umum- Dana Alokasi Umum``, ``Retribusi Daerah``, ``Pajak Daerah``):
it was an unnamed ``teks_4`` because the inference knew only the short names (DAU, DAK, PAD …),
while the reading of an amount glued to its source (``206.927.000 Retribusi``) knew the words.
Both now read one vocabulary (normalize/funding.py), and the column is ``sumber_dana``."""

from __future__ import annotations

from pathlib import Path

import renja

DOCUMENT = """PEMERINTAH KABUPATEN CONTOH

RENCANA KERJA DINAS PERHUBUNGAN TAHUN 2026

Tabel 3.1 Rencana Kegiatan

| Kode | Program/Kegiatan/Sub Kegiatan | Pagu (Rp) | |
|---|---|---|---|
| 2.15.02 | PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN (LLAJ) | 900.000.000 | |
| 2.15.02.2.01 | Penetapan Rencana Induk Jaringan LLAJ Kabupaten/Kota | 900.000.000 | |
| 2.15.02.2.01.0001 | Penyusunan Rencana Induk Jaringan LLAJ Kabupaten/Kota | 300.000.000 | {0} |
| 2.15.02.2.01.0002 | Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota | 400.000.000 | {1} |
| 2.15.02.2.01.0003 | Pengelolaan Terminal Penumpang Tipe C | 200.000.000 | {2} |
"""
SOURCES = ["Dana Transfer Umum- Dana Alokasi Umum", "Retribusi Daerah", "Pajak Daerah"]


def test_a_column_of_funding_words_is_sumber_dana(tmp_path: Path) -> None:
    path = tmp_path / "renja-dishub.md"
    path.write_text(DOCUMENT.format(*SOURCES), encoding="utf-8")
    [table] = renja.process(path).tables
    assert table.frame["sumber_dana"].tolist()[2:] == SOURCES
    assert not [c for c in table.frame.columns if c.startswith("teks_")]


def test_words_of_the_same_first_letters_are_no_funding_source(tmp_path: Path) -> None:
    """``Dana`` alone, ``Pajak`` inside a name: the column stays text when its words are not a
    funding source's."""
    path = tmp_path / "renja-dishub.md"
    path.write_text(DOCUMENT.format("Dana", "Lembar", "Dokumen"), encoding="utf-8")
    [table] = renja.process(path).tables
    assert "sumber_dana" not in table.frame.columns
