"""A table printed wider than its paper: the page's edge cuts its last column. The text past
the edge is still in the file; renja reads it and says that it did."""

from __future__ import annotations

from pathlib import Path

import pytest

import renja
from renja.extract import ReadOptions

from .pdfgen import canvas_table

pytest.importorskip("reportlab")

HEADER = ("Kode", "Kegiatan", "Pagu Sebelum", "Pagu Sesudah")
ROWS = [
    ("5.03.01.2.01", "Perencanaan, Penganggaran dan Evaluasi", "45.870.000", "51.120.500"),
    ("5.03.01.2.02", "Administrasi Keuangan", "6.000.535.963", "5.980.000.000"),
    ("5.03.02.2.01", "Pengadaan ASN", "189.153.750", "200.000.000"),
]
# A4 is 595 points wide: the last column (510-640) runs past the edge, its amounts beyond it.
XS = (40, 130, 400, 510, 640)


def test_a_column_cut_at_the_page_edge_is_read_and_named(tmp_path: Path) -> None:
    pdf = canvas_table(tmp_path / "wide.pdf", "Tabel 5.3 Pergeseran Pagu", [HEADER, *ROWS], XS)
    result = renja.process(pdf, options=ReadOptions(engine="pdfplumber"))
    frame = result.table("pergeseran_pagu")
    assert frame["pagu_sesudah"].tolist() == [51120500, 5980000000, 200000000]
    assert frame["pagu_sebelum"].tolist() == [45870000, 6000535963, 189153750]
    warnings = result.document.warnings
    assert any("halaman 1: sebuah tabel melewati tepi halaman" in w for w in warnings)


def test_a_table_inside_the_page_gets_no_edge_warning(tmp_path: Path) -> None:
    xs = (40, 130, 400, 480, 560)
    pdf = canvas_table(tmp_path / "fits.pdf", "Tabel 5.3 Pergeseran Pagu", [HEADER, *ROWS], xs)
    result = renja.process(pdf, options=ReadOptions(engine="pdfplumber"))
    assert result.table("pergeseran_pagu")["pagu_sesudah"].tolist()[0] == 51120500
    assert not any("edge" in w for w in result.document.warnings)
