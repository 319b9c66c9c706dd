"""A table printed from a spreadsheet with no borders, its program rows shaded (a filled band
behind each program's row) and nothing else drawn.

The tops and bottoms of the shading were read as row rules, so every record between two
program rows was one row: the sub kegiatan's indicators stacked in the kegiatan's row, two sub
kegiatan in one row with their codes and amounts run together (``350.000.000250.000.000``),
and false findings on both. Rules that only edge a shading part no rows of their own; between
them a record starts at each code of the stack (extract/pdf_unruled.py, ``records_apart``;
extract/pdf_objects.py, ``shade_edges``)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

import renja
from renja.extract.pdf_objects import PageObjects

ROWS = [  # kind, code, name, indicator, pagu
    ("program", "1.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "Nilai SAKIP", "1.250.000.000"),
    ("kegiatan", "1.03.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat "
     "Daerah", "Persentase dokumen tepat waktu", "450.000.000"),
    ("sub", "1.03.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah dokumen perencanaan", "200.000.000"),
    ("sub", "1.03.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", "Jumlah laporan evaluasi",
     "250.000.000"),
    ("kegiatan", "1.03.01.2.02", "Administrasi Keuangan Perangkat Daerah",
     "Persentase laporan keuangan", "800.000.000"),
    ("sub", "1.03.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "Jumlah orang",
     "700.000.000"),
    ("sub", "1.03.01.2.02.0003", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan "
     "SKPD", "Jumlah dokumen penatausahaan", "100.000.000"),
    ("program", "1.03.02", "PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)", "Persentase irigasi baik",
     "900.000.000"),
    ("kegiatan", "1.03.02.2.01", "Pengelolaan SDA dan Bangunan Pengaman Pantai pada Wilayah "
     "Sungai (WS) dalam 1 (Satu) Daerah Kabupaten/Kota", "Persentase sungai terpelihara",
     "900.000.000"),
    ("sub", "1.03.02.2.01.0073", "Operasi dan Pemeliharaan Sungai", "Panjang sungai",
     "300.000.000"),
    ("sub", "1.03.02.2.01.0080", "Operasi dan Pemeliharaan Tanggul dan Tebing Sungai",
     "Panjang tanggul", "350.000.000"),
    ("sub", "1.03.02.2.01.0093", "Normalisasi/Restorasi Sungai", "Panjang sungai dinormalisasi",
     "290.000.000"),  # planted: 250.000.000 makes the kegiatan's 900.000.000
]  # fmt: skip
PLANTED = "1.03.02.2.01"  # its sub kegiatan sum to 940.000.000


def _wrapped(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


class Variant(NamedTuple):
    numbered: bool = False  # a row-number column first
    column_rules: bool = False  # column rules and a frame, no row rules
    indented: bool = False  # a kegiatan's code 10 pt right of its program's, a sub's 20


PLAIN = Variant()
INDENT = {"program": 0, "kegiatan": 10, "sub": 20}


def _header(page: canvas.Canvas, y: float, numbered: bool) -> float:
    page.setFont("Helvetica-Bold", 8.5)
    labels = [(65 if numbered else 40, "Kode"), (160 if numbered else 150,
              "Program/Kegiatan/Sub Kegiatan"), (530, "Indikator Kinerja"), (700, "Pagu (Rp)")]
    for x, label in [(40, "No")] * numbered + labels:
        page.drawString(x, y, label)
    page.line(38, y - 4, 802, y - 4)
    return y - 20


def _render(path: Path, variant: Variant = PLAIN) -> Path:
    """Calibri-like rows of a spreadsheet: top-aligned, a name wrapped in its cell, a program's
    row on a light blue band, no rule anywhere but under the header, which page 2 repeats (its
    first records lie between that rule and a shading); with a ``No`` column first, column
    rules (no row rules) and a frame, or codes indented by their level."""
    numbered, column_rules, indented = variant
    width, height = landscape(A4)
    page = canvas.Canvas(str(path), pagesize=(width, height))
    page.setFont("Helvetica-Bold", 11)
    page.drawString(40, height - 40, "Tabel 2.3 Rencana Program dan Kegiatan Tahun 2026")
    top = height - 68
    y = _header(page, height - 80, numbered)

    def frame(bottom: float) -> None:
        if column_rules:
            for x in (38, 145, 525, 695, 802):
                page.line(x, top, x, bottom)
            page.line(38, top, 802, top)
            page.line(38, bottom, 802, bottom)

    for number, (kind, code, name, indicator, pagu) in enumerate(ROWS):
        if number == 4:
            frame(y + 9)
            page.showPage()
            top = height - 38
            y = _header(page, height - 50, numbered)
        lines = _wrapped(name, 56)
        tall = 11 * len(lines) + 5
        if kind == "program":
            page.setFillColorRGB(0.87, 0.92, 0.97)
            page.rect(38, y - tall + 9, 764, tall, stroke=0, fill=1)
            page.setFillColorRGB(0, 0, 0)
        page.setFont("Helvetica-Bold" if kind == "program" else "Helvetica", 8.5)
        if numbered:
            page.drawString(40, y, str(number + 1))
        page.drawString((65 if numbered else 40) + INDENT[kind] * indented, y, code)
        for i, line in enumerate(lines):
            page.drawString(160 if numbered else 150, y - 11 * i, line)
        page.drawString(530, y, indicator)
        page.drawRightString(790, y, pagu)
        y -= tall
    frame(y + 9)
    page.save()
    return path


@pytest.mark.parametrize(
    "variant",
    [PLAIN, Variant(numbered=True), Variant(column_rules=True), Variant(indented=True)],
    ids=["no-rules", "row-numbers", "column-rules", "indented-codes"],
)
def test_the_rows_between_shaded_rows_are_a_row_each(tmp_path: Path, variant: Variant) -> None:
    result = renja.process(_render(tmp_path / "renja-shaded.pdf", variant))
    [table] = [t for t in result.tables if "kode_cetak" in t.frame.columns]
    frame = table.frame
    assert frame["kode_cetak"].tolist() == [code for _, code, *_ in ROWS]
    assert frame["indikator"].tolist() == [indicator for *_, indicator, _ in ROWS]
    assert frame["pagu"].tolist() == [int(p.replace(".", "")) for *_, p in ROWS]
    assert frame["uraian"].tolist()[8] == ROWS[8][2]  # a wrapped name stays whole
    errors = [(f.check, f.kode) for f in result.findings if f.severity == "error"]
    assert errors == [("jumlah_rincian", PLANTED)]
    unread = [f.check for f in result.findings if f.check.startswith("kode_tidak")]
    assert unread == []


def _rect(top: float, height: float, **kinds: bool) -> dict[str, object]:
    return {"object_type": "rect", "x0": 38.0, "x1": 802.0, "width": 764.0, "top": top,
            "bottom": top + height, "height": height, **kinds}  # fmt: skip


def test_only_a_shadings_own_edges_are_shade_edges() -> None:
    line = {"object_type": "line", "x0": 38.0, "x1": 802.0, "width": 764.0, "top": 300.0,
            "bottom": 300.0, "height": 0.0}  # fmt: skip
    objects = PageObjects(shapes=[
        _rect(100.0, 20.0, shade=True),  # a shaded row: both edges
        _rect(200.0, 20.0, shade=False),  # a stroked box: its edges are rules
        _rect(250.0, 0.8, shade=True),  # a border drawn as a thin filled rectangle
        _rect(280.0, 20.0, shade=True),  # shaded, with a rule drawn under it
        line,
    ])  # fmt: skip
    assert objects.shade_edges(20.0) == [100.0, 120.0, 280.0]
    assert len(objects.horizontal_rules(20.0)) == 9  # the rules themselves are all still there
