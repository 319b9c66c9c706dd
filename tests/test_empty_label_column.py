"""A spreadsheet printed without borders with an empty column that has a label of its own
(``Catatan Penting``) right before the prakiraan maju's targets, set at their cells' left a
few points from that label: the label's column was joined to the targets' as a sliver of
header (``_header_slivers_joined``), every label after it shifted one column left, the
prakiraan-maju pagu was named ``target_maju`` and typed not to be summed, and its planted error
went unchecked with ``0 temuan``. A column whose label stands in it whole and names no period
stays a column beside a labelled one (extract/pdf_unruled.py, ``_own_label``).

The PDF is generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Table, TableStyle

import renja

from .pdfgen import landscape_page

ROWS = [  # code, name, indicator, target, pagu, source, target and pagu of the year after
    ("2.11.11", "PROGRAM PENGELOLAAN PERSAMPAHAN", "Persentase sampah terkelola", "90 %",
     3_446_512_000, "", "90 %", 3_406_512_000),  # the children sum to 3.446.512.000
    ("2.11.11.2.01", "Pengelolaan Sampah", "Persentase pelaksanaan", "90 %", 2_517_718_500, "",
     "90 %", 2_517_718_000),
    ("2.11.11.2.01.0004", "Peningkatan Peran Serta Masyarakat", "Jumlah Kelompok", "12 Kelompok",
     1_890_776_000, "APBD", "12 Kelompok", 1_890_776_000),
    ("2.11.11.2.01.0005", "Koordinasi Penyediaan Prasarana", "Jumlah Dokumen", "120 Dokumen",
     626_942_500, "APBD", "120 Dokumen", 626_942_000),
    ("2.11.11.2.02", "Penerbitan Izin Pendaurulangan Sampah", "Persentase izin", "85 %",
     928_793_500, "", "85 %", 928_794_000),
    ("2.11.11.2.02.0001", "Pelayanan Perizinan Berusaha", "Jumlah Rekomendasi",
     "120 Rekomendasi", 928_793_500, "APBD", "120 Rekomendasi", 928_794_000),
]  # fmt: skip


def rupiah(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def draw(path: Path) -> Path:
    header = [["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Rencana Tahun 2025",
               "", "", "Catatan Penting", "Prakiraan Maju Tahun 2026", ""],
              ["", "", "", "Target", "Pagu Indikatif (Rp)", "Sumber Dana", "", "Target",
               "Pagu Indikatif (Rp)"]]  # fmt: skip
    body = [[k, u, i, t, rupiah(p), d, "", tm, rupiah(pm)] for k, u, i, t, p, d, tm, pm in ROWS]
    grid = Table(header + body, colWidths=[68, 150, 100, 62, 72, 48, 54, 62, 72])
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("SPAN", (3, 0), (5, 0)), ("SPAN", (7, 0), (8, 0)),
        ("ALIGN", (0, 0), (-1, 1), "CENTER"),
        ("ALIGN", (4, 2), (4, -1), "RIGHT"), ("ALIGN", (8, 2), (8, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    return landscape_page(path, grid)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    return renja.process(draw(tmp_path_factory.mktemp("catatan") / "catatan.pdf"))


def test_the_empty_labelled_column_keeps_the_labels_after_it_in_place(result) -> None:
    [table] = [t for t in result.tables if not t.frame.empty]
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["pagu_maju"].tolist() == [r[7] for r in ROWS]
    assert data["target_maju"].tolist()[:2] == [90, 90]
    errors = [(f.check, f.kode, f.column) for f in result.findings if f.severity == "error"]
    assert ("jumlah_rincian", "2.11.11", "pagu_maju") in errors
