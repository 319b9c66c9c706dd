"""A converter's Markdown of a table over two pages (docling writes one pipe table per page): the
page's running foot and its number stay as text between the parts (``Renja Dinas Kesehatan …
Tahun 2026``, ``III - 14``), and the second part's first data row is its header row. The second
part was a table of its own, so its kegiatan's sub kegiatan were missing from the first: false
``jumlah_rincian`` errors. A page number with at most two short lines beside it that name no
table, between two parts with no page to tell, is the page break (extract/stitch.py,
``running_foot``).
"""

from __future__ import annotations

from pathlib import Path

import renja

HEADER = "| Kode | Program/Kegiatan/Sub Kegiatan | Indikator | Target | Pagu Indikatif (Rp) |"
RULE = "|---|---|---|---|---|"
FIRST = [
    "| 1.02.01 | PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA | Persentase "
    "pemenuhan | 100 % | 1.500.000.000 |",
    "| 1.02.01.2.01 | Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah | "
    "Persentase dokumen | 100 % | 1.500.000.000 |",
    "| 1.02.01.2.01.0001 | Penyusunan Dokumen Perencanaan Perangkat Daerah | Jumlah dokumen | "
    "5 Dokumen | 400.000.000 |",
    "| 1.02.01.2.01.0006 | Koordinasi dan Penyusunan Laporan Capaian Kinerja | Jumlah laporan | "
    "4 Laporan | 500.000.000 |",
]
SECOND = [
    "| 1.02.01.2.01.0007 | Evaluasi Kinerja Perangkat Daerah | Jumlah laporan | 2 Laporan | "
    "600.000.000 |",
    RULE,
    "| Jumlah | | | | 1.500.000.000 |",
]


def _document(path: Path, between: list[str]) -> Path:
    lines = ["Tabel 3.1 Rumusan Rencana Program dan Kegiatan", "", HEADER, RULE, *FIRST, "",
             *[part for line in between for part in (line, "")], *SECOND, ""]  # fmt: skip
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_running_foot_and_page_number_between_parts_is_a_page_break(tmp_path: Path) -> None:
    foot = ["Renja Dinas Kesehatan Kabupaten Lombok Tengah Tahun 2026", "III - 14"]
    result = renja.process(_document(tmp_path / "docling.md", foot))
    tables = [t for t in result.tables if not t.frame.empty]
    assert len(tables) == 1
    frame = tables[0].frame
    assert "1.02.01.2.01.0007" in set(frame["kode"])
    assert not [f for f in result.findings if f.severity == "error"]  # every sum holds whole


def test_a_caption_beside_the_page_number_starts_another_table(tmp_path: Path) -> None:
    between = ["Tabel 3.2 Rencana Kegiatan Lanjutan Tahun 2027", "III - 14"]
    result = renja.process(_document(tmp_path / "docling.md", between))
    assert len([t for t in result.tables if not t.frame.empty]) == 2
