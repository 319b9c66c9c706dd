"""A table that goes on over a page under a line saying so (``Tabel 7.1 (lanjutan)``, a
lampiran's ``… (Lanjutan)``) was two tables: the line between the parts was read as a new
table's caption. A bidang's programs on the next page were then missing from its sum (false
``jumlah_rincian``) and each part's total checked against its own rows (false ``jumlah_total``).
A continuation line between two parts lets them be one table, unless it prints another table's
number (extract/stitch.py, ``is_continuation_line``).

The PDFs are generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

import renja

HEADER = [["Kode", "Urusan / Program", "Indikator", "Target", "Pagu (Rp)"]]
FIRST = [  # the bidang's second program is printed on the next page
    ["2.12", "URUSAN PEMERINTAHAN BIDANG ADMINISTRASI KEPENDUDUKAN", "", "", "3.000.000.000"],
    ["2.12.02", "PROGRAM PENDAFTARAN PENDUDUK", "Persentase penduduk terdaftar", "98 %",
     "1.800.000.000"],
]  # fmt: skip
SECOND = [
    ["2.12.03", "PROGRAM PENCATATAN SIPIL", "Persentase akta kelahiran", "95 %",
     "1.200.000.000"],
    ["", "JUMLAH", "", "", "3.000.000.000"],
]  # fmt: skip


def _print(path: Path, second_caption: str) -> Path:
    style = ParagraphStyle("caption", fontName="Helvetica-Bold", fontSize=9)
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("FONTSIZE", (0, 0), (-1, -1), 7)])  # fmt: skip
    widths = [60, 260, 170, 50, 90]
    document = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    document.build([
        Paragraph("Tabel 7.1 Rencana Program dan Pagu Indikatif Tahun 2026", style),
        Table(HEADER + FIRST, colWidths=widths, style=grid),
        PageBreak(),
        Paragraph(second_caption, style),
        Table(HEADER + SECOND, colWidths=widths, style=grid),
    ])  # fmt: skip
    return path


@pytest.mark.parametrize("caption", ["Tabel 7.1 (lanjutan)", "Lanjutan Tabel 7.1"])
def test_a_part_under_a_continuation_line_goes_on_the_table(tmp_path: Path, caption: str) -> None:
    result = renja.process(_print(tmp_path / "lanjutan.pdf", caption))
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.frame["kode"].fillna("").tolist() == ["2.12", "2.12.02", "2.12.03", ""]
    assert not [f for f in result.findings if f.severity == "error"]


def test_a_line_naming_another_table_starts_a_table(tmp_path: Path) -> None:
    result = renja.process(_print(tmp_path / "lain.pdf", "Tabel 7.2 (lanjutan)"))
    assert len([t for t in result.tables if not t.frame.empty]) == 2
