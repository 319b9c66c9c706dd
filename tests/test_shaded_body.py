"""An SIPD-style print: the header drawn as a ruled grid of filled cells (white text on dark
blue), the body set without column rules, every other row shaded grey. The header was found
as a ruled table of its own, and with a ruled table on the page the rest was read as text: the
body, all its codes and amounts, reached no table (0% of the money). A ruled table of header
rows alone now has the body under it read by its text's alignment (extract/pdf.py).

The PDF is generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

import renja

HEADER = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target",
          "Pagu Indikatif (Rp)", "Sumber Dana"]  # fmt: skip
ROWS = [
    ("1.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "Nilai SAKIP", "BB",
     "356.214.000", ""),
    ("1.03.01.1.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     "Persentase dokumen", "100%", "356.214.000", ""),
    ("1.03.01.1.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah dokumen", "4 Dokumen", "41.245.000", "PAD"),
    ("1.03.01.1.01.0006", "Koordinasi dan Penyusunan Laporan Capaian Kinerja",
     "Jumlah laporan", "10 Laporan", "314.969.000", "PAD"),
    ("", "JUMLAH", "", "", "356.214.000", ""),
]  # fmt: skip


def _print(path: Path) -> Path:
    grid = Table([HEADER, *[list(r) for r in ROWS]], colWidths=[75, 275, 95, 50, 85, 50])
    style = [
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f4e79")),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("GRID", (0, 0), (-1, 0), 0.5, colors.white),  # the header's cells only
        ("ALIGN", (4, 1), (4, -1), "RIGHT"),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.black),
    ]
    style += [("BACKGROUND", (0, r), (-1, r), colors.HexColor("#ededed"))
              for r in range(2, len(ROWS) + 1, 2)]  # fmt: skip
    grid.setStyle(TableStyle(style))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([grid])
    return path


def test_a_body_without_rules_under_a_ruled_header_is_read(tmp_path: Path) -> None:
    result = renja.process(_print(tmp_path / "sipd.pdf"))
    [table] = [t for t in result.tables if not t.frame.empty]
    frame = table.frame
    assert list(frame["kode"].dropna()) == [r[0] for r in ROWS if r[0]]
    money = next(c.name for c in table.contract.columns if c.name.startswith("pagu"))
    assert list(frame[money]) == [356_214_000, 356_214_000, 41_245_000, 314_969_000, 356_214_000]
    assert result.audits[table.table_id].status.value == "diperiksa"
    assert not [f for f in result.findings if f.severity == "error"]
