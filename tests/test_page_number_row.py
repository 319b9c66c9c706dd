"""A page's number printed just under an unruled table (``III - 14``, which OCR may read as
``Ill - 14``) was read as the table's last row: its words opened columns of their own, so the
page's part was wider than the next page's and the two were not joined. A page mark at the end
of a table's region is no row (extract/pdf_unruled.py, ``_regions``).

The PDF is generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import renja

ROWS = [
    ("1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "Nilai SAKIP", "BB", "964.600.000"),
    ("1.02.01.2.08", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "Persentase jasa",
     "100 %", "964.600.000"),
    ("1.02.01.2.08.0002", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
     "Jumlah laporan", "12 Laporan", "612.300.000"),
    ("1.02.01.2.08.0004", "Penyediaan Jasa Pelayanan Umum Kantor", "Jumlah laporan",
     "12 Laporan", "352.300.000"),
]  # fmt: skip


@pytest.mark.parametrize("mark", ["III - 14", "Ill - 14"])
def test_a_page_number_under_an_unruled_table_is_no_row(tmp_path: Path, mark: str) -> None:
    header = ("Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target",
              "Pagu Indikatif (Rp)")  # fmt: skip
    grid = Table([header, *ROWS], colWidths=[90, 270, 150, 70, 110])
    grid.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 8),
                              ("ALIGN", (4, 1), (4, -1), "RIGHT")]))  # fmt: skip
    spaced = "&nbsp;" * 5  # an OCR layer's word boxes stand apart
    number = Paragraph(spaced.join(mark.split()), ParagraphStyle("n", fontSize=8,
                                                                 alignment=TA_RIGHT))
    path = tmp_path / "renja.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([grid, Spacer(1, 2), number])
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert not [r for r in table.raw.rows if "- 14" in " ".join(r.cells)]
    assert table.raw.width == len(header)
