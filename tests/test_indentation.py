"""Rows nested by indentation alone: no codes, no numbering, no bold, no capitals.

Reportlab renders a table whose names are set in by their depth (as APBD lampiran and many Renja
print them); the headings carry no amount, so no sum can place their rows either. A table whose
names are centred must not be read as nested.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import renja

# (depth, name, amount or None)
ROWS = [
    (0, "Layanan Kesehatan", None),
    (1, "Penyediaan obat dan bahan habis pakai", "1.250.000.000"),
    (1, "Pelayanan kesehatan penduduk miskin", "875.500.000"),
    (1, "Pembinaan tenaga kesehatan", None),
    (2, "Pelatihan bidan desa", "120.000.000"),
    (2, "Pelatihan perawat puskesmas", "95.000.000"),
    (0, "Layanan Pendidikan", None),
    (1, "Penyediaan buku pelajaran", "640.000.000"),
    (1, "Rehabilitasi ruang kelas", "2.310.000.000"),
    (0, "Infrastruktur Wilayah", None),
    (1, "Pemeliharaan jalan kabupaten", "4.150.000.000"),
]


def _render(path: Path, *, centred: bool, ruled: bool) -> Path:
    def name(depth: int, text: str) -> Paragraph:
        style = ParagraphStyle(
            "n",
            fontName="Helvetica",
            fontSize=9,
            leading=11,
            alignment=TA_CENTER if centred else TA_LEFT,
            leftIndent=0 if centred else 14 * depth,
        )
        return Paragraph(text, style)

    body = [["Uraian", "Jumlah (Rp)", "Keterangan"]]
    body += [[name(d, t), amount or "", "APBD"] for d, t, amount in ROWS]
    table = Table(body, colWidths=[260, 110, 90], repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("ALIGN", (1, 1), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(style))
    title = ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=11)
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build(
        [
            Paragraph("RENCANA KERJA DINAS CONTOH KABUPATEN CONTOH TAHUN 2025", title),
            Spacer(1, 12),
            Paragraph("Tabel 3.4 Belanja Menurut Urusan", title),
            Spacer(1, 8),
            table,
        ]
    )
    return path


def _table(path: Path) -> pd.DataFrame:
    result = renja.process(path, code=False)
    (table,) = [
        t for t in result.tables if "Pemeliharaan jalan kabupaten" in set(t.frame["uraian"])
    ]
    return table.frame.set_index("uraian")


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_indented_names_nest(tmp_path: Path, ruled: bool) -> None:
    frame = _table(_render(tmp_path / "indented.pdf", centred=False, ruled=ruled))
    baris = frame["baris"]

    def parent(name: str) -> object:
        value = frame.loc[name, "induk"]
        return None if pd.isna(value) else int(value)

    assert parent("Layanan Kesehatan") is None
    assert parent("Penyediaan obat dan bahan habis pakai") == baris["Layanan Kesehatan"]
    assert parent("Pembinaan tenaga kesehatan") == baris["Layanan Kesehatan"]
    assert parent("Pelatihan bidan desa") == baris["Pembinaan tenaga kesehatan"]
    assert parent("Penyediaan buku pelajaran") == baris["Layanan Pendidikan"]
    assert parent("Infrastruktur Wilayah") is None
    assert frame.loc["Pelatihan perawat puskesmas", "level"] == "tingkat_3"
    assert frame.loc["Layanan Pendidikan", "level"] == "tingkat_1"


def test_centred_names_do_not_nest(tmp_path: Path) -> None:
    frame = _table(_render(tmp_path / "centred.pdf", centred=True, ruled=True))
    assert frame["induk"].isna().all()
    assert set(frame["level"]) == {"tingkat_1"}
