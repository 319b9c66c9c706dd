"""A spreadsheet printed without borders: its header's labels and column numbers are centred in
wide cells, while its targets, units and sources of funds stand at the cells' left. The label
``Target`` and the number ``4`` then stand right of the targets (``6``, ``B``), in the white
between them and the next column: before, they made a column of their own, so the targets were
an unnamed column (``nilai_4``), the target column empty, and the sources of funds split in two.
A column only the header uses, nearer the values before it than the next ones, whose label
starts over those values (or whose values have no label), heads them
(extract/pdf_unruled.py, ``_heads_values_before``).

The PDF is generated here with reportlab, as LibreOffice prints such a sheet.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from reportlab.platypus import Table, TableStyle

import renja

from .pdfgen import landscape_page

ROWS = [  # code, name, indicator, target, unit, pagu, source (the rows above sum those below)
    ("3.27.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "Nilai SAKIP Perangkat Daerah", "B", "Predikat", 2_160_500_000, ""),
    ("3.27.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     "Jumlah dokumen perencanaan", "6", "Dokumen", 85_500_000, ""),
    ("3.27.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah Dokumen Perencanaan", "2", "Dokumen", 45_500_000, "APBD"),
    ("3.27.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", "Jumlah Laporan Evaluasi",
     "4", "Laporan", 40_000_000, "APBD"),
    ("3.27.01.2.02", "Administrasi Keuangan Perangkat Daerah",
     "Persentase pemenuhan administrasi", "100", "%", 2_075_000_000, ""),
    ("3.27.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "Jumlah Orang yang Menerima Gaji",
     "86", "Orang", 2_050_000_000, "APBD"),
    ("3.27.01.2.02.0003", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
     "Jumlah Dokumen Penatausahaan", "12", "Dokumen", 25_000_000, "DAU"),
]  # fmt: skip


def draw(path: Path) -> Path:
    header = [["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target", "Satuan",
               "Pagu Indikatif (Rp)", "Sumber Dana"], [str(n) for n in range(1, 8)]]  # fmt: skip
    body = [[k, u, i, t, s, f"{p:,}".replace(",", "."), d] for k, u, i, t, s, p, d in ROWS]
    grid = Table(header + body, colWidths=[75, 230, 150, 60, 60, 90, 70])
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("ALIGN", (0, 0), (-1, 1), "CENTER"),  # the labels and the column numbers
        ("ALIGN", (5, 2), (5, -1), "RIGHT"),  # the amounts; everything else at the left
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    return landscape_page(path, grid)


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory):
    result = renja.process(draw(tmp_path_factory.mktemp("centred") / "tengah.pdf"))
    [table] = [t for t in result.tables if not t.frame.empty]
    return table


def test_the_values_at_the_left_of_their_cells_are_under_their_labels(table) -> None:
    names = [c.name for c in table.contract.columns]
    assert {"target", "satuan", "pagu", "sumber_dana"} <= set(names)
    assert not [n for n in names if n.startswith(("nilai", "teks"))], names
    data = table.frame[table.frame["jenis_baris"] == "data"]
    targets = data["target"].tolist()
    assert pd.isna(targets[0]) and targets[1:] == [6, 2, 4, 100, 86, 12]
    assert data["target_teks"].tolist()[0] == "B"
    assert data["satuan"].tolist() == [r[4] for r in ROWS]
    assert data["sumber_dana"].fillna("").tolist() == [r[6] for r in ROWS]
    assert data["pagu"].tolist() == [r[5] for r in ROWS]
