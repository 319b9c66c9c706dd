"""A Perkada's penjabaran (Lampiran II): each sub kegiatan, then its accounts, in one column of
codes: ``5.03.01.2.06.0004`` above ``5``, ``5.1``, ``5.1.02`` … The column reads as accounts,
and the sub kegiatan's code was read as one (``jenis``, ``rincian objek``): the hierarchy broke
and gave false ``jumlah_rincian`` errors. A code whose second segment has two digits is the
nomenclature's, at its level above the accounts (normalize/values.py, ``read_rekening``).

A page number printed just over a ruled table's later part (``- 2 -``) was taken for the rest
of a row the page break cut: it joined the table as a row, so the part's repeated header read
as data. A page mark is no row's rest (extract/pdf_unruled.py, ``attach_loose_rows``).

Read from Markdown, and from a PDF generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

import renja

ROWS = [
    ("5.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "42.530.000"),
    ("5.03.01.2.06", "Administrasi Umum Perangkat Daerah", "42.530.000"),
    ("5.03.01.2.06.0004", "Penyediaan Bahan Logistik Kantor", "42.530.000"),
    ("5", "BELANJA DAERAH", "42.530.000"),
    ("5.1", "BELANJA OPERASI", "42.530.000"),
    ("5.1.02", "Belanja Barang dan Jasa", "42.530.000"),
    ("5.1.02.01", "Belanja Barang", "42.530.000"),
    ("5.1.02.01.01", "Belanja Barang Pakai Habis", "42.530.000"),
    ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
     "7.545.000"),
    ("5.1.02.01.01.0025", "Belanja Alat/Bahan untuk Kegiatan Kantor-Kertas dan Cover",
     "13.160.000"),
    ("5.1.02.01.01.0026", "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak",
     "10.525.000"),
    ("5.1.02.01.01.0029", "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Komputer",
     "11.300.000"),
]  # fmt: skip


def test_a_sub_kegiatan_above_its_accounts_keeps_its_level(tmp_path: Path) -> None:
    lines = ["| Kode Rekening | Uraian | Jumlah (Rp) |", "|---|---|---|"]
    lines += [f"| {k} | {u} | {j} |" for k, u, j in ROWS]
    document = tmp_path / "penjabaran.md"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = renja.process(document)
    [table] = [t for t in result.tables if not t.frame.empty]
    levels = dict(zip(table.frame["kode_rekening"], table.frame["level"], strict=True))
    assert [levels[k] for k in ("5.03.01", "5.03.01.2.06", "5.03.01.2.06.0004", "5", "5.1.02")] \
        == ["program", "kegiatan", "sub_kegiatan", "akun", "jenis"]
    assert not [f for f in result.findings if f.severity == "error"]


def test_a_page_number_over_a_later_part_is_no_row(tmp_path: Path) -> None:
    rows = [("Kode Rekening", "Uraian", "Jumlah (Rp)")] + ROWS * 4
    grid = Table([list(r) for r in rows], colWidths=[95, 300, 90], repeatRows=1)
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("ALIGN", (2, 1), (2, -1), "RIGHT"),
    ]))  # fmt: skip
    path = tmp_path / "penjabaran.pdf"

    def number(canvas: object, doc: object) -> None:  # just over the table, as a header
        canvas.setFont("Helvetica", 7)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, A4[1] - 66, f"- {doc.page} -")  # type: ignore[attr-defined]

    SimpleDocTemplate(str(path), pagesize=A4, topMargin=72).build(
        [grid], onFirstPage=number, onLaterPages=number
    )
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert not [r for r in table.raw.rows if "- 2 -" in " ".join(r.cells)]
    assert "Kode Rekening" not in set(table.frame["kode_rekening"].dropna())
