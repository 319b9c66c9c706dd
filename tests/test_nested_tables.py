"""A Word Renja that sets a program's or kegiatan's indicators as a small table nested in its
merged Indikator | Target | Satuan cell: the nested table's rules stand 3 pt in from the cell's
own. A page whose first row under the repeated header was such a row drew its rows on other
column edges than the header's, so the grid broke in two, its nested indicators read as a new
table's header, and the table's parts came apart with false sums. Rules a few points from the
ones most rows draw are those rules (extract/pdf_grid.py, ``inset_rules``); a double border
that every row draws stays two rules.

The PDF is drawn here with reportlab's canvas, rule by rule, as Word draws such a table.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

import renja

# Outer column edges: Kode | Uraian | Indikator | Target | Satuan | Pagu.
XS = [42.0, 112.0, 280.0, 480.0, 522.0, 578.0, 662.0]
INSET = 3.0
HEADER = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target", "Satuan",
          "Pagu Indikatif (Rp)"]  # fmt: skip
# (kode, name, pagu, indicators: nested when a program's or kegiatan's)
PAGES = [
    [("2.11.03", "PROGRAM PENGENDALIAN PENCEMARAN", "1.500.000.000",
      [("Indeks Kualitas Air", "52,4", "Indeks"), ("Indeks Kualitas Udara", "88,1", "Indeks")]),
     ("2.11.03.2.01", "Pencegahan Pencemaran Lingkungan Hidup", "750.000.000",
      [("Jumlah Sub Kegiatan yang Dilaksanakan", "2", "Sub Kegiatan"),
       ("Tingkat Realisasi Fisik Kegiatan", "97", "%")]),
     ("2.11.03.2.01.0006", "Pelaksanaan Pencegahan Pencemaran", "400.000.000",
      [("Jumlah laporan", "4", "Laporan")]),
     ("2.11.03.2.01.0007", "Pemantauan Kualitas Lingkungan Hidup", "350.000.000",
      [("Jumlah laporan", "4", "Laporan")])],
    [("2.11.03.2.02", "Penanggulangan Pencemaran Lingkungan Hidup", "750.000.000",
      [("Jumlah Sub Kegiatan yang Dilaksanakan", "2", "Sub Kegiatan"),
       ("Tingkat Realisasi Fisik Kegiatan", "97", "%")]),
     ("2.11.03.2.02.0001", "Pemberian Informasi Peringatan Pencemaran", "300.000.000",
      [("Jumlah laporan", "4", "Laporan")]),
     ("2.11.03.2.02.0003", "Penghentian Pencemaran Lingkungan Hidup", "450.000.000",
      [("Jumlah laporan", "4", "Laporan")])],
]  # fmt: skip


def _row(c: canvas.Canvas, top: float, record: tuple, height: float = 30.0) -> float:
    """One record under ``top``; returns its bottom."""
    kode, name, pagu, indicators = record
    bottom = top - height
    c.setFont("Helvetica", 7)
    c.drawString(XS[0] + 3, top - 12, kode)
    c.drawString(XS[1] + 3, top - 12, name)
    c.drawRightString(XS[6] - 3, top - 12, pagu)
    c.line(XS[0], bottom, XS[6], bottom)
    nested = len(indicators) > 1
    for j, x in enumerate(XS):
        if not (nested and j in (3, 4)):
            c.line(x, top, x, bottom)
    if not nested:
        for k, text in enumerate(indicators[0]):
            c.drawString(XS[2 + k] + 3, top - 12, text)
        return bottom
    inner = [XS[2] + INSET, XS[3] - INSET, XS[4] - INSET, XS[5] - INSET]
    step = (height - 2 * INSET) / len(indicators)
    c.setFont("Helvetica-Bold", 7)
    for i, indicator in enumerate(indicators):
        y = top - INSET - i * step
        c.rect(inner[0], y - step, inner[-1] - inner[0], step)
        for k, text in enumerate(indicator):
            c.drawString(inner[k] + 2, y - 9, text)
        for x in inner[1:-1]:
            c.line(x, y, x, y - step)
    return bottom


def _renja(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    for records in PAGES:
        top = 540.0
        c.setFont("Helvetica-Bold", 7)
        for x, label in zip(XS, HEADER, strict=False):
            c.drawString(x + 3, top - 12, label)
        c.line(XS[0], top, XS[6], top)
        c.line(XS[0], top - 20, XS[6], top - 20)
        for x in XS:
            c.line(x, top, x, top - 20)
        top -= 20
        for record in records:
            top = _row(c, top, record)
        c.showPage()
    c.save()
    return path


def test_a_table_nested_in_cells_stays_one_table_over_its_pages(tmp_path: Path) -> None:
    result = renja.process(_renja(tmp_path / "renja.pdf"))
    tables = [t for t in result.tables if not t.frame.empty]
    assert len(tables) == 1
    frame = tables[0].frame
    assert list(frame["kode"].dropna())[-1] == "2.11.03.2.02.0003"
    assert not [f for f in result.findings if f.severity == "error"]
