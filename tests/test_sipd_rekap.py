"""A SIPD ``Rekapitulasi Belanja`` print: the code in five columns (urusan | bidang | program |
kegiatan | sub kegiatan), rules only over and under the header and under the table, and under
the column numbers the lines ``Urusan Pemerintahan : …`` and ``Organisasi : …`` before the
first program. Two things went wrong:

- the header took those two lines as labels (they hold no number), so the body's first rows
  were read as the header's;
- the rules over and under the header were taken for row rules: every body line fell between
  the same two rules, and the page was one row (its codes ``2 2 2 …``, amounts run together).

A line of column numbers is a header's last (``_header_lines``), and only rules among the
body's lines part its rows (``row_bands``), both in extract/pdf_unruled.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

import renja

from .pdfgen import landscape_page

TEXT = ParagraphStyle("uraian", fontName="Helvetica", fontSize=6.5, leading=8)
ROWS = [  # code segments, name, sumber dana, belanja operasi, belanja modal
    (("2", "12", "01", "", ""), "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "", 2_596_133_000, 0),
    (("2", "12", "01", "2.02", ""), "Administrasi Keuangan Perangkat Daerah", "",
     1_618_523_000, 0),
    (("2", "12", "01", "2.02", "0003"), "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi "
     "Keuangan SKPD", "PAD", 977_610_000, 0),
    (("2", "12", "01", "2.02", "0008"), "Penyusunan Pelaporan dan Analisis Prognosis Realisasi "
     "Anggaran", "DAU", 640_913_000, 0),
    (("2", "12", "01", "2.06", ""), "Administrasi Umum Perangkat Daerah", "", 977_610_000, 0),
    (("2", "12", "01", "2.06", "0005"), "Penyediaan Barang Cetakan dan Penggandaan", "DAU",
     275_907_000, 0),
    (("2", "12", "01", "2.06", "0006"), "Penyediaan Bahan Bacaan dan Peraturan "
     "Perundang-undangan", "DAU", 701_703_000, 0),
    (("2", "12", "02", "", ""), "PROGRAM PENDAFTARAN PENDUDUK", "", 2_707_941_000, 689_248_000),
    (("2", "12", "02", "2.01", ""), "Pelayanan Pendaftaran Penduduk", "", 2_707_941_000,
     689_248_000),
    (("2", "12", "02", "2.01", "0001"), "Pendataan Penduduk Non Permanen dan Rentan "
     "Administrasi Kependudukan", "DAU", 1_498_067_000, 0),
    (("2", "12", "02", "2.01", "0002"), "Peningkatan Pelayanan Pendaftaran Penduduk Secara "
     "Daring", "DAU", 1_209_874_000, 689_248_000),
]  # fmt: skip


def rupiah(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def draw(path: Path) -> Path:
    header = [
        ["Kode", "", "", "", "", "Uraian", "Sumber Dana", "Belanja Operasi", "Belanja Modal",
         "Jumlah"],
        ["Urusan", "Bidang", "Program", "Kegiatan", "Sub Kegiatan", "", "", "", "", ""],
        [str(n) for n in range(1, 11)],
    ]  # fmt: skip
    heads = [
        ["", "", "", "", "", Paragraph("Urusan Pemerintahan : 2 URUSAN PEMERINTAHAN WAJIB YANG "
                                       "TIDAK BERKAITAN DENGAN PELAYANAN DASAR", TEXT)],
        ["", "", "", "", "", Paragraph("Organisasi : 2.12.0.00.0.00.01.0000 Dinas Kependudukan "
                                       "dan Pencatatan Sipil", TEXT)],
    ]  # fmt: skip
    body = [
        [*code, Paragraph(name, TEXT), fund, rupiah(op), rupiah(modal), rupiah(op + modal)]
        for code, name, fund, op, modal in ROWS
    ]
    grid = Table(header + heads + body, colWidths=[28, 28, 32, 34, 40, 190, 50, 70, 70, 70])
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 6.5),
        ("SPAN", (0, 0), (4, 0)),
        ("ALIGN", (0, 0), (-1, 2), "CENTER"),
        ("ALIGN", (0, 3), (4, -1), "CENTER"),
        ("ALIGN", (7, 3), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, "black"),  # rules in the header only,
        ("LINEBELOW", (0, 1), (-1, 2), 0.8, "black"),  # over and under its column numbers,
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, "black"),  # and under the table
        ("BOTTOMPADDING", (0, -1), (-1, -1), 0.5),
    ]))  # fmt: skip
    return landscape_page(path, grid)


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory):
    result = renja.process(draw(tmp_path_factory.mktemp("sipd") / "rekap.pdf"))
    [table] = [t for t in result.tables if not t.frame.empty]
    return table


def test_every_row_keeps_its_code_its_name_and_its_amounts(table) -> None:
    data = table.frame[table.frame["kode"].notna()]
    assert data["kode"].tolist() == [".".join(p for p in code if p) for code, *_ in ROWS]
    assert data["uraian"].tolist() == [name for _, name, *_ in ROWS]
    operasi = next(c for c in data.columns if c.endswith("belanja_operasi"))
    assert data[operasi].tolist() == [op for *_, op, _ in ROWS]


def test_the_lines_over_the_first_program_are_not_the_header(table) -> None:
    header = " ".join(" ".join(row.cells) for row in table.raw.header)
    assert "Urusan Pemerintahan :" not in header
    assert "Organisasi :" not in header


def draw_rkpd(path: Path) -> Path:
    """An RKPD print whose labels wrap over more lines than a header may have
    (``MAX_HEADER_LINES``): its column numbers, between two rules, stand below the header's
    lines; an urusan's row without an amount over its bidang's."""
    label = ParagraphStyle("label", fontName="Helvetica", fontSize=6.5, leading=7.5,
                           alignment=1)  # fmt: skip
    header = [[Paragraph(t, label) for t in (
        "Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja Program/ Kegiatan/ Sub Kegiatan yang Direncanakan Tahun Ini",
        "Target Capaian Kinerja", "Pagu Indikatif (Rp)", "Sumber Dana")],
        [str(n) for n in range(1, 7)]]  # fmt: skip
    body = [["1", Paragraph("URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN "
                            "DASAR", TEXT), "", "", "", ""],
            ["1.03", Paragraph("URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG",
                               TEXT), "", "", rupiah(900_000_000), ""],
            ["1.03.02", Paragraph("PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)", TEXT),
             Paragraph("Indeks Kepuasan Layanan Program Pengelolaan SDA", TEXT), "80,00 %",
             rupiah(900_000_000), ""],
            ["1.03.02.1.01", Paragraph("Pengelolaan SDA dan Bangunan Pengaman Pantai pada "
                                       "Wilayah Sungai Lintas Daerah Kabupaten/Kota", TEXT),
             Paragraph("Persentase Pengelolaan SDA", TEXT), "50,70 %", rupiah(900_000_000), ""],
            ["1.03.02.1.01.0091", Paragraph("Rehabilitasi Sumur Air Tanah untuk Air Baku",
                                            TEXT),
             Paragraph("Jumlah Sumur Air Tanah yang Direhabilitasi", TEXT), "37 Unit",
             rupiah(500_000_000), "DAK Fisik"],
            ["1.03.02.1.01.0099", Paragraph("Rehabilitasi Kanal Banjir", TEXT),
             Paragraph("Panjang Kanal Banjir yang Direhabilitasi", TEXT), "30 KM",
             rupiah(400_000_000), "DAK Fisik"]]  # fmt: skip
    grid = Table(header + body, colWidths=[60, 130, 52, 60, 80, 60])
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 6.5),
        ("ALIGN", (0, 1), (-1, 1), "CENTER"),
        ("ALIGN", (4, 2), (4, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, "black"),
        ("LINEBELOW", (0, 0), (-1, 1), 0.8, "black"),  # over and under the column numbers
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, "black"),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 0.5),
    ]))  # fmt: skip
    return landscape_page(path, grid)


def test_the_rule_under_the_column_numbers_parts_no_rows(tmp_path: Path) -> None:
    result = renja.process(draw_rkpd(tmp_path / "rkpd.pdf"))
    [table] = [t for t in result.tables if not t.frame.empty]
    data = table.frame[table.frame["kode"].notna()]
    assert data["kode"].tolist() == ["1", "1.03", "1.03.02", "1.03.02.1.01",
                                     "1.03.02.1.01.0091", "1.03.02.1.01.0099"]  # fmt: skip
    assert data["level"].tolist()[:2] == ["urusan", "bidang"]
    assert not [f for f in result.findings if f.check == "jumlah_rincian"]
