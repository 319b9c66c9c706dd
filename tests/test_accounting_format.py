"""A spreadsheet printed without borders whose amounts are in the Accounting format: ``Rp`` at
the cell's left edge, the amount at its right (``Rp -`` for nil). The ``Rp`` marks stood in a
column of their own, and where a group's label (``Prakiraan Maju Tahun 2027``, centred over
``Target`` and ``Pagu Indikatif``) started in the white left of them, it widened that column over
the targets' label: the prakiraan-maju targets were an unnamed column (``nilai_8``) and
``target_maju_teks`` read ``Rp``. A currency mark is now one cell with the amount after it
(extract/pdf_text.py, ``currency_joined``), and a group's label whose first label below starts
left of it widens no column (extract/pdf_unruled.py, ``_label_under_starts_before``).

The PDF is generated here with reportlab, as LibreOffice prints such a sheet.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

import renja

from .pdfgen import landscape_page

ROWS = [  # code, name, target, unit, pagu, source, target and pagu of the year after
    ("3.27.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "B", "Predikat",
     2_160_500_000, "", "BB", 2_300_000_000),
    ("3.27.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "6",
     "Dokumen", 85_500_000, "", "6", 90_000_000),
    ("3.27.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "2", "Dokumen",
     45_500_000, "APBD", "2", 48_000_000),
    ("3.27.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", "4", "Laporan", 40_000_000,
     "APBD", "4", 42_000_000),
    ("3.27.01.2.02", "Administrasi Keuangan Perangkat Daerah", "100", "%", 2_075_000_000, "",
     "100", 2_210_000_000),
    ("3.27.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "86", "Orang", 2_050_000_000,
     "APBD", "86", 2_185_000_000),
    ("3.27.01.2.02.0003", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
     "12", "Dokumen", 25_000_000, "DAU", "12", 25_000_000),
    ("3.27.01.2.02.0005", "Koordinasi dan Pelaksanaan Akuntansi SKPD", "0", "Laporan", 0, "APBD",
     "2", 0),
]  # fmt: skip

WIDTHS = [62, 170, 120, 34, 44, 90, 44, 34, 90]
NAME = ParagraphStyle("uraian", fontName="Helvetica", fontSize=7, leading=8.5)


def rupiah(amount: int) -> Table:
    """An Accounting-format cell: ``Rp`` at the left, the amount (or ``-``) at the right."""
    cell = Table([["Rp", f"{amount:,}".replace(",", ".") if amount else "-"]], colWidths=[18, 60])
    cell.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))  # fmt: skip
    return cell


def draw(path: Path) -> Path:
    header = [
        ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Rencana Tahun 2026", "",
         "", "", "Prakiraan Maju Tahun 2027", ""],
        ["", "", "", "Target", "Satuan", "Pagu Indikatif", "Sumber Dana", "Target",
         "Pagu Indikatif"],
        [str(n) for n in range(1, 10)],
    ]  # fmt: skip
    body = [
        [k, Paragraph(u, NAME), Paragraph(f"Jumlah {s} yang disusun", NAME), t, s, rupiah(p), d,
         tm, rupiah(pm)]
        for k, u, t, s, p, d, tm, pm in ROWS
    ]
    grid = Table(header + body, colWidths=WIDTHS)
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("SPAN", (3, 0), (6, 0)), ("SPAN", (7, 0), (8, 0)),
        ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)),
        ("ALIGN", (0, 0), (-1, 2), "CENTER"),  # labels, group labels and column numbers
        ("VALIGN", (0, 0), (-1, -1), "TOP"),  # values at the left of their cells
    ]))  # fmt: skip
    return landscape_page(path, grid)


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory):
    result = renja.process(draw(tmp_path_factory.mktemp("akuntansi") / "akuntansi.pdf"))
    [table] = [t for t in result.tables if not t.frame.empty]
    return table


def test_the_currency_mark_is_read_with_its_amount(table) -> None:
    names = [c.name for c in table.contract.columns]
    assert {"target", "pagu", "sumber_dana", "target_maju", "pagu_maju"} <= set(names)
    assert not [n for n in names if n.startswith(("nilai", "teks"))], names
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["pagu"].fillna(0).tolist() == [r[4] for r in ROWS]
    assert data["pagu_maju"].fillna(0).tolist() == [r[7] for r in ROWS]
    assert data["sumber_dana"].fillna("").tolist() == [r[5] for r in ROWS]
    texts = ["uraian", "indikator", "target_teks", "satuan", "sumber_dana", "target_maju_teks"]
    assert not data[texts].fillna("").map(lambda text: "Rp" in text).any().any()


def test_the_targets_under_a_centred_groups_label_keep_their_column(table) -> None:
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["target_maju"].tolist()[1:] == [6, 2, 4, 100, 86, 12, 2]
    assert data["target_maju_teks"].tolist()[0] == "BB"
    assert data["target"].tolist()[1:] == [6, 2, 4, 100, 86, 12, 0]
