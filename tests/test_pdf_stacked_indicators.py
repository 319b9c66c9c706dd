"""A ruled Renja row that stacks a program's indicators in its cells, one per line, each with
its target and unit on its line, reads as one row per indicator: the program's code, name and
pagu on the first, each further indicator an ``indikator`` row, as the same program reads when
each indicator has a ruled row of its own. A wrapped name or indicator, a unit set under its
number (``55`` over ``ORANG``) and an amount's digits wrapped onto the next line stay one row.

The PDF is generated here with reportlab; names and indicators wrap where the column's width
ends, as a word processor wraps them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

import renja
from renja.model.result import Result

COLUMNS = [("Kode", 90), ("Uraian Program/Kegiatan/Sub Kegiatan", 230), ("Indikator Kinerja", 190),
           ("Target", 50), ("Satuan", 60), ("Pagu Indikatif (Rp)", 62)]  # fmt: skip
LINE = 11
# code, name, indicators, targets (one per indicator line), units, pagu (lines as printed)
ROWS = [
    ("1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     ["Persentase dokumen perencanaan yang tepat waktu", "Nilai SAKIP",
      "Persentase laporan keuangan"], ["100", "", "80", "100"], ["%", "", "Nilai", "%"],
     ["1.250.000.000"]),
    ("1.02.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     ["Jumlah dokumen perencanaan yang disusun tepat waktu dan lengkap"], ["5"], ["Dokumen"],
     ["250.000.000"]),
    ("1.02.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     ["Jumlah dokumen"], ["55", "ORANG"], [""], ["6.511.438.", "535"]),
    ("1.02.01.2.02", "Administrasi Keuangan Perangkat Daerah", ["Jumlah laporan",
     "Jumlah orang"], ["12", "120"], ["Laporan", "Orang"], ["1.000.000.000"]),
]  # fmt: skip


def _wrap(texts: list[str], width: float) -> list[str]:
    return [line for text in texts for line in simpleSplit(text, "Helvetica", 8, width - 6)]


def stacked_pdf(path: Path) -> Path:
    width, height = landscape(A4)
    pdf = canvas.Canvas(str(path), pagesize=(width, height))
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(40, height - 40, "RENCANA KERJA DINAS KESEHATAN KOTA CONTOH TAHUN 2025")
    xs = [40.0]
    for _label, column_width in COLUMNS:
        xs.append(xs[-1] + column_width)
    cells = [
        (code, _wrap([name], COLUMNS[1][1]), _wrap(indicators, COLUMNS[2][1]), targets, units,
         pagu)
        for code, name, indicators, targets, units, pagu in ROWS
    ]  # fmt: skip
    top = height - 70
    ys = [top, top - 30]
    for row in cells:
        ys.append(ys[-1] - max(len(part) for part in row[1:]) * LINE - 8)
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    pdf.setFont("Helvetica-Bold", 8)
    for (label, _w), x in zip(COLUMNS, xs, strict=False):
        pdf.drawString(x + 3, top - 18, label)
    pdf.setFont("Helvetica", 8)
    for i, (code, names, indicators, targets, units, pagu) in enumerate(cells):
        first = ys[i + 1] - LINE
        pdf.drawString(xs[0] + 3, first, code)
        for column, lines, right in ((1, names, False), (2, indicators, False),
                                     (3, targets, True), (4, units, False), (5, pagu, True)):
            for j, text in enumerate(lines):
                if right:
                    pdf.drawRightString(xs[column + 1] - 3, first - LINE * j, text)
                else:
                    pdf.drawString(xs[column] + 3, first - LINE * j, text)
    pdf.save()
    return path


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Result:
    return renja.process(stacked_pdf(tmp_path_factory.mktemp("stacked") / "renja.pdf"), code=False)


def test_stacked_indicators_are_a_row_each(result: Result) -> None:
    (table,) = result.tables
    frame = table.frame
    assert frame["jenis_baris"].tolist() == ["data", "indikator", "indikator", "data", "data",
                                             "data", "indikator"]  # fmt: skip
    program = frame.iloc[:3]
    assert program["indikator"].tolist() == [
        "Persentase dokumen perencanaan yang tepat waktu", "Nilai SAKIP",
        "Persentase laporan keuangan",
    ]  # fmt: skip
    assert program["target"].tolist() == [100, 80, 100]
    assert program["satuan"].tolist() == ["%", "Nilai", "%"]
    assert program["pagu"].iloc[0] == 1_250_000_000 and program["pagu"].iloc[1:].isna().all()
    assert frame.iloc[5:]["indikator"].tolist() == ["Jumlah laporan", "Jumlah orang"]


def test_wraps_and_stacked_units_stay_one_row(result: Result) -> None:
    frame = result.tables[0].frame.set_index("kode", drop=False)
    kegiatan = frame.loc["1.02.01.2.01"]
    assert kegiatan["uraian"] == "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
    indicator = "Jumlah dokumen perencanaan yang disusun tepat waktu dan lengkap"
    assert kegiatan["indikator"] == indicator
    sub = frame.loc["1.02.01.2.01.0001"]
    assert sub["pagu"] == 6_511_438_535  # "6.511.438." over "535"
    assert pd.isna(sub["target"]) or sub["target"] == 55
