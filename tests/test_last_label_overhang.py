"""A table printed without borders whose last column's text (``APBD``) is narrower than its
label, and whose amounts stand flush right a space before that column's words: every body line
reads ``1.000.873.000 APBD`` as one run. The header's two labels say where to cut, but a pair of
labels was only looked for inside the column's text, and the last label runs on past it: the
pagu and the sumber dana were one column, every pagu was refused (``angka_tidak_terbaca``) and
the planted error was seen only one level up. The last label of a header line may run on past
the body's text (extract/pdf_unruled.py, ``_label_pairs``).

The PDF is generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Table, TableStyle

import renja

from .pdfgen import landscape_page

ROWS = [  # code, name, target, pagu (parents sum their children), sumber dana
    ("1.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "95 %", 3_979_404_000, ""),
    ("1.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja", "100 %", 3_979_404_000,
     ""),
    ("1.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "6 Dokumen",
     1_000_873_000, "APBD"),
    ("1.01.01.2.01.0002", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "4 Dokumen",
     1_603_619_000, "DAU"),
    ("1.01.01.2.01.0003", "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD", "2 Dokumen",
     579_870_000, "APBD"),
    ("1.01.01.2.01.0006", "Koordinasi Penyusunan Laporan Capaian Kinerja", "4 Laporan",
     795_042_000, "DAU"),
]  # fmt: skip


def test_an_amount_flush_against_a_narrow_last_columns_words_is_cut_by_the_labels(
    tmp_path: Path,
) -> None:
    header = [["Kode", "Program/Kegiatan/Sub Kegiatan", "Target", "Pagu Indikatif (Rp)",
               "Sumber Dana"]]  # fmt: skip
    body = [[k, u, t, f"{p:,}".replace(",", "."), d] for k, u, t, p, d in ROWS]
    grid = Table(header + body, colWidths=[70, 240, 50, 96, 48])
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"), ("ALIGN", (3, 1), (3, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    result = renja.process(landscape_page(tmp_path / "sempit.pdf", grid))
    [table] = [t for t in result.tables if not t.frame.empty]
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["pagu_indikatif"].tolist() == [r[3] for r in ROWS]
    assert data["sumber_dana"].fillna("").tolist() == [r[4] for r in ROWS]
    assert not result.findings
