"""An RKA's rincian printed from a spreadsheet with no borders, its account rows shaded: under
each account its item lines (name, koefisien, satuan, harga, jumlah: a record a line), and a
``JUMLAH`` line under the last.

The band under the last shaded account was read as stacked indicators of one row: the second
item's name went on the first item's (the first filled its line, so the second looked like its
wrap), and the ``JUMLAH`` line's amount with the second item's (``2.000.00012.550.000``): a
false ``jumlah_rincian`` and an unreadable amount. A line that prints a value in every column
its row's first line does is a record of its own, its text too; a line whose own text starts an
item and prints a whole amount under the row's amount starts a row (extract/indicator_lines.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import renja
from renja.extract.indicator_lines import indicator_parts
from renja.extract.pdf_text import PhysicalLine, Run, _c, physical_lines

ROWS = [  # kind, code, name, koefisien, satuan, harga, jumlah
    ("akun", "5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
     "", "", "", "3.150.000"),
    ("item", "", "Kertas HVS A4 80 gram", "30", "rim", "55.000", "1.650.000"),
    ("item", "", "Tinta printer", "10", "botol", "100.000", "1.000.000"),
    ("item", "", "Map plastik", "100", "buah", "5.000", "500.000"),
    ("akun", "5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat", "", "", "",
     "4.400.000"),
    ("item", "", "Nasi kotak rapat koordinasi", "80", "kotak", "35.000", "2.800.000"),
    ("item", "", "Snack rapat koordinasi", "80", "kotak", "20.000", "1.600.000"),
    ("akun", "5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa", "", "", "", "5.000.000"),
    ("item", "", "Uang harian perjalanan dinas dalam daerah", "20", "OH", "150.000",
     "3.000.000"),
    ("item", "", "Transport lokal", "20", "OK", "100.000", "2.000.000"),
    ("total", "", "JUMLAH", "", "", "", "12.550.000"),
]  # fmt: skip


def _render(path: Path) -> Path:
    height = A4[1]
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica-Bold", 10)
    page.drawString(30, height - 40, "RINCIAN ANGGARAN BELANJA SUB KEGIATAN")
    y = height - 70
    page.setFont("Helvetica-Bold", 7.5)
    for x, label in [(30, "Kode Rekening"), (130, "Uraian"), (330, "Koefisien"),
                     (390, "Satuan"), (440, "Harga"), (510, "Jumlah")]:  # fmt: skip
        page.drawString(x, y, label)
    page.line(28, y - 4, 570, y - 4)
    y -= 18
    for kind, code, name, koefisien, satuan, harga, jumlah in ROWS:
        if kind == "akun":
            page.setFillColorRGB(0.9, 0.9, 0.9)
            page.rect(28, y - 4, 542, 13, stroke=0, fill=1)
            page.setFillColorRGB(0, 0, 0)
        page.setFont("Helvetica" if kind == "item" else "Helvetica-Bold", 7.5)
        if code:
            page.drawString(30, y, code)
        page.drawString(140 if kind == "item" else 130, y, name)
        if koefisien:
            page.drawRightString(370, y, koefisien)
            page.drawString(390, y, satuan)
            page.drawRightString(490, y, harga)
        page.drawRightString(565, y, jumlah)
        y -= 14
    page.save()
    return path


def test_each_item_line_and_the_total_are_rows(tmp_path: Path) -> None:
    result = renja.process(_render(tmp_path / "rka-rincian.pdf"))
    [table] = result.tables
    frame = table.frame
    assert frame["uraian"].tolist() == [name for _, _, name, *_ in ROWS]
    assert frame["jumlah"].tolist() == [int(row[-1].replace(".", "")) for row in ROWS]
    assert frame["jenis_baris"].tolist()[-1] == "total"
    assert [f.check for f in result.findings] == []  # every sum holds, every amount read


# --- the rule on lines made by hand: columns name | koefisien | jumlah ------------------------

COLUMNS = [(0.0, 95.0), (100.0, 130.0), (140.0, 200.0)]


def _column_of(x: float, columns: Sequence[tuple[float, float]]) -> int:
    return max(k for k, (x0, _) in enumerate(columns) if x0 <= x + 0.5)


def _line(top: float, *cells: tuple[str, float]) -> PhysicalLine:
    chars = [_c(ch, x + 3.6 * i, top) for text, x in cells for i, ch in enumerate(text)]
    return physical_lines(chars)[0]


def _texts(parts: list[list[tuple[int, list[Run]]]]) -> list[str]:
    """Each part's text: its lines in order, each line's runs a space apart."""
    return [" ".join("".join(c["text"] for c in run.chars) for _, runs in part for run in runs)
            for part in parts]  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # two items, the first filling its name's line: two records
        ([("Uang harian perjalanan", "20", "3.000.000"), ("Transport", "20", "2.000.000")],
         ["Uang harian perjalanan 20 3.000.000", "Transport 20 2.000.000"]),
        # a total under an item: its own row
        ([("Transport lokal", "20", "2.000.000"), ("JUMLAH", "", "12.550.000")],
         ["Transport lokal 20 2.000.000", "JUMLAH 12.550.000"]),
        # an amount wrapped onto the next line, beside the name's wrap: one row
        ([("Penyediaan jasa kantor", "12", "6.511.438."), ("operasional", "", "535")],
         ["Penyediaan jasa kantor 12 6.511.438. operasional 535"]),
    ],
    ids=["items", "total", "wrapped-amount"],
)  # fmt: skip
def test_a_record_of_its_own_is_a_row(
    rows: list[tuple[str, str, str]], expected: list[str]
) -> None:
    lines = [
        _line(8.0 * n, *[(text, x0) for text, (x0, _) in zip(row, COLUMNS, strict=True) if text])
        for n, row in enumerate(rows)
    ]
    assert _texts(indicator_parts(range(len(lines)), lines, COLUMNS, _column_of)) == expected
