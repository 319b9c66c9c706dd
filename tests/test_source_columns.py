"""A Renja whose pagu is printed per funding source (``Pagu Indikatif Menurut Sumber Dana (Rp)``
over ``PAD | DAU | DAK Fisik | DAK Non Fisik | Jumlah``). The form's ``sumber_dana`` column (the
funding source's name) was set on ``DAK Non Fisik`` because the group label above it says
"Sumber Dana": its amounts were read as words, so they reached no clean amount and the row's
Jumlah was never checked as the sum of its sources. A form's column of words is never set on a
column of money (normalize/columns.py, ``_scores``).

The PDF is generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

import renja

# kode, name, indikator, target, PAD, DAU, DAK Fisik, DAK Non Fisik, Jumlah (a row's Jumlah is
# the sum of its sources; 1.01.02.2.01.0051 prints its Jumlah without its PAD share).
ROWS = [
    ("1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN", "APM SD", "98 %",
     "3.775.000.000", "5.410.000.000", "12.300.000.000", "9.850.000.000", "31.335.000.000"),
    ("1.01.02.2.01", "Pengelolaan Pendidikan Sekolah Dasar", "Jumlah SD", "412 Unit",
     "3.775.000.000", "5.410.000.000", "12.300.000.000", "9.850.000.000", "31.335.000.000"),
    ("1.01.02.2.01.0051", "Penyediaan Pendidik dan Tenaga Kependidikan", "Jumlah guru",
     "1.250 Orang", "1.275.000.000", "3.410.000.000", "-", "6.857.500.000", "10.267.500.000"),
    ("1.01.02.2.01.0009", "Rehabilitasi Sedang/Berat Ruang Kelas Sekolah", "Jumlah ruang kelas",
     "64 Unit", "2.500.000.000", "2.000.000.000", "12.300.000.000", "2.992.500.000",
     "19.792.500.000"),
]  # fmt: skip


def _renja(path: Path) -> Path:
    header = [
        ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target",
         "Pagu Indikatif Menurut Sumber Dana (Rp)", "", "", "", ""],
        ["", "", "", "", "PAD", "DAU", "DAK Fisik", "DAK Non Fisik", "Jumlah"],
    ]  # fmt: skip
    grid = Table(header + [list(r) for r in ROWS], colWidths=[70, 150, 90, 50] + [75] * 5)
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (4, 0), (8, 0)), *[("SPAN", (j, 0), (j, 1)) for j in range(4)],
        ("ALIGN", (4, 2), (-1, -1), "RIGHT"),
    ]))  # fmt: skip
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([grid])
    return path


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> renja.Result:
    return renja.process(_renja(tmp_path_factory.mktemp("sumber") / "renja.pdf"))


def test_every_source_column_is_money(sources: renja.Result) -> None:
    [table] = [t for t in sources.tables if not t.frame.empty]
    assert "sumber_dana" not in table.frame.columns
    non_fisik = "pagu_indikatif_dak_non_fisik"
    assert table.frame[non_fisik].iloc[2] == 6_857_500_000


def test_the_rows_jumlah_is_checked_against_its_sources(sources: renja.Result) -> None:
    rows = [(f.check, f.kode) for f in sources.findings if f.check == "aritmetika_baris"]
    assert rows == [("aritmetika_baris", "1.01.02.2.01.0051")]
