"""A document printed "2 pages per sheet": two A4 pages side by side on a landscape sheet. The
sheet was read line by line across both pages, so the right page's table (at the top of its
page) came before the left page's (under its chapter's title): the rows of one table came out
of order, as two tables with false sums. A sheet with no character about its middle and a
table on each half is read left page first (extract/pdf.py, ``is_two_up``).

The PDF is drawn here with reportlab's canvas.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

import renja

HEADER = ("Kode", "Program/Kegiatan/Sub Kegiatan", "Pagu Indikatif (Rp)")
LEFT = [
    ("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", "900.000.000"),
    ("1.02.02.2.01", "Penyediaan Fasilitas Pelayanan Kesehatan", "500.000.000"),
    ("1.02.02.2.01.0002", "Pembangunan Puskesmas", "300.000.000"),
    ("1.02.02.2.01.0006", "Pengembangan Puskesmas", "200.000.000"),
]
RIGHT = [
    ("1.02.02.2.02", "Penyediaan Layanan Kesehatan Rujukan", "400.000.000"),
    ("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "150.000.000"),
    ("1.02.02.2.02.0004", "Pengelolaan Pelayanan Kesehatan Balita", "250.000.000"),
    ("", "JUMLAH", "900.000.000"),
]


def _half(rows: list[tuple[str, str, str]]) -> Table:
    grid = Table([HEADER, *rows], colWidths=[80, 180, 90])
    grid.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 7),
                              ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                              ("ALIGN", (2, 1), (2, -1), "RIGHT")]))  # fmt: skip
    return grid


def test_a_sheet_of_two_pages_is_read_left_page_first(tmp_path: Path) -> None:
    path = tmp_path / "renja-2up.pdf"
    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setFont("Helvetica-Bold", 9)
    c.drawString(40, height - 50, "Tabel 3.2 Rencana Program dan Kegiatan Dinas Kesehatan")
    for grid, x, top in ((_half(LEFT), 30, height - 160), (_half(RIGHT), width / 2 + 30,
                                                            height - 40)):  # fmt: skip
        _, h = grid.wrapOn(c, width / 2, height)
        grid.drawOn(c, x, top - h)
    c.save()
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert list(table.frame["kode"].dropna()) == [k for k, _, _ in LEFT + RIGHT if k]
    assert not [f for f in result.findings if f.severity == "error"]
