"""A Renstra matrix printed from a spreadsheet: a header of three levels set in rows much taller
than their text (labels wrapped over four lines and centred, so six physical lines and more),
then the years, ``Target | Rp`` and a line of column numbers, each after more white than lines
of one cell leave. The header stopped after six lines, so the years, ``Target | Rp`` and the
column numbers were read as body lines: the columns were found from the body alone, and the
last amount of each row, flush right closer than a space before the next column's words, was
one column with them (``64.479.000.000 Dinas PUPR``, refused), the years' names shifted by one.
Header lines go on past six when a line of column numbers follows before any line of data
(extract/pdf_unruled.py, ``_numbers_ahead``).

The PDF is generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

import renja

from .pdfgen import landscape_page

# code, name, indicator, awal, (target, Rp) for 2025 and 2026, akhir (target, Rp), unit
ROWS = [
    ("1.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "Persentase capaian", "80",
     ("82", 1_200_000_000), ("84", 1_300_000_000), ("84", 2_500_000_000), "Dinas PUPR"),
    ("1.03.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja", "Persentase dokumen",
     "70", ("72", 700_000_000), ("74", 750_000_000), ("74", 1_450_000_000), "Sekretariat"),
    ("1.03.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "Jumlah dokumen",
     "4", ("5", 400_000_000), ("6", 420_000_000), ("6", 820_000_000), "Subbag Program"),
    ("1.03.01.2.01.0002", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "Jumlah dokumen",
     "4", ("5", 300_000_000), ("6", 330_000_000), ("6", 630_000_000), "Subbag Program"),
    ("1.03.01.2.02", "Administrasi Keuangan Perangkat Daerah", "Persentase administrasi",
     "70", ("72", 500_000_000), ("74", 550_000_000), ("74", 1_050_000_000), "Subbag Keuangan"),
    ("1.03.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "Jumlah orang", "10",
     ("11", 500_000_000), ("12", 550_000_000), ("12", 1_050_000_000), "Subbag Keuangan"),
]  # fmt: skip


def _rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def test_a_header_on_many_lines_over_years_and_column_numbers_is_one_header(
    tmp_path: Path,
) -> None:
    header = [
        ["Kode", "Program/Kegiatan/\nSub Kegiatan", "Indikator Kinerja\nProgram (Outcome) /\n"
         "Kegiatan (Output)", "Kondisi\nKinerja\nAwal\n(2024)",
         "Target Kinerja Program dan Kerangka Pendanaan", "", "", "",
         "Kondisi Kinerja pada\nAkhir Periode Renstra", "", "Perangkat\nDaerah\nPenanggung\nJawab"],
        ["", "", "", "", "Tahun 2025", "", "Tahun 2026", "", "", "", ""],
        ["", "", "", "", "Target", "Rp", "Target", "Rp", "Target", "Rp", ""],
        [str(n) for n in range(1, 12)],
    ]  # fmt: skip
    body = [[k, u, i, a, t1, _rupiah(p1), t2, _rupiah(p2), t3, _rupiah(p3), d]
            for k, u, i, a, (t1, p1), (t2, p2), (t3, p3), d in ROWS]  # fmt: skip
    grid = Table(
        header + body,
        colWidths=[62, 180, 90, 36, 28, 58, 28, 58, 28, 56, 50],
        rowHeights=[54, 16, 14, 10] + [18] * len(body),
    )
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 6), ("LEADING", (0, 0), (-1, -1), 7),
        ("ALIGN", (0, 0), (-1, 3), "CENTER"), ("VALIGN", (0, 0), (-1, 3), "MIDDLE"),
        ("VALIGN", (0, 4), (-1, -1), "TOP"),
        ("SPAN", (0, 0), (0, 2)), ("SPAN", (1, 0), (1, 2)), ("SPAN", (2, 0), (2, 2)),
        ("SPAN", (3, 0), (3, 2)), ("SPAN", (4, 0), (7, 0)), ("SPAN", (8, 0), (9, 1)),
        ("SPAN", (10, 0), (10, 2)), ("SPAN", (4, 1), (5, 1)), ("SPAN", (6, 1), (7, 1)),
        ("ALIGN", (5, 4), (5, -1), "RIGHT"), ("ALIGN", (7, 4), (7, -1), "RIGHT"),
        ("ALIGN", (9, 4), (9, -1), "RIGHT"),
        # the last amount flush right, the unit's name flush left: closer than a space
        ("RIGHTPADDING", (9, 4), (9, -1), 0.8), ("LEFTPADDING", (10, 4), (10, -1), 0.8),
        ("LINEBELOW", (0, 3), (-1, 3), 0.5, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.black),
    ]))  # fmt: skip
    result = renja.process(landscape_page(tmp_path / "matriks.pdf", grid))
    [table] = [t for t in result.tables if not t.frame.empty]
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["kode"].tolist() == [r[0] for r in ROWS]
    assert data["anggaran_2026"].tolist() == [r[5][1] for r in ROWS]
    # (the document's own year's amounts are its pagu: whatever their name, they are a column)
    amounts = [str(r[4][1]) for r in ROWS]
    assert any(data[c].astype(str).tolist() == amounts for c in data.columns)
    assert data["anggaran_akhir"].tolist() == [r[6][1] for r in ROWS]
    assert data["perangkat_daerah_penanggung_jawab"].tolist() == [r[7] for r in ROWS]
    assert not [f for f in result.findings if f.severity == "error"]
