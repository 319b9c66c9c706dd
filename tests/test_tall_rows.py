"""A table printed without borders whose rows are taller than their text (a spreadsheet's row
heights set by hand, a Word table's exact row height): the white between two rows is wider
than the gap that ends a table (``MAX_LINE_GAP`` line heights). Each row after such a gap was a
region of its own, too small for a table: its amounts went to the page's text, or it became a
table without a header. A stretch starting with a line whose runs start in the columns of the
stretch above joins it (extract/pdf_unruled.py, ``_rows_set_apart_joined``); a contents page's
chapters, set apart the same way, have too few runs to join.

The PDF is generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Table, TableStyle

import renja
from renja.model.tables import AuditStatus

from .pdfgen import landscape_page

ROWS = [  # code, name, indicator, target, unit, pagu, source (parents sum their children)
    ("2.11.11", "PROGRAM PENGELOLAAN PERSAMPAHAN", "Persentase sampah terkelola", "90", "%",
     3_446_512_000, ""),
    ("2.11.11.2.01", "Pengelolaan Sampah", "Persentase pelaksanaan", "90", "%", 2_517_718_500, ""),
    ("2.11.11.2.01.0004", "Peningkatan Peran Serta Masyarakat", "Jumlah Kelompok", "12",
     "Kelompok", 1_890_776_000, "APBD"),
    ("2.11.11.2.01.0005", "Koordinasi Penyediaan Prasarana Persampahan", "Jumlah Dokumen", "120",
     "Dokumen", 579_658_000, "APBD"),
    ("2.11.11.2.01.0007", "Penyediaan Sarana Pengelolaan Persampahan", "Jumlah Unit", "24",
     "Unit", 47_284_500, "DAK"),
    ("2.11.11.2.02", "Penerbitan Izin Pendaurulangan Sampah", "Persentase izin terbit", "85", "%",
     928_793_500, ""),
    ("2.11.11.2.02.0001", "Pelayanan Perizinan Berusaha", "Jumlah Rekomendasi", "120",
     "Rekomendasi", 928_793_500, "APBD"),
]  # fmt: skip


def draw(path: Path) -> Path:
    header = [["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target", "Satuan",
               "Pagu Indikatif (Rp)", "Sumber Dana"]]  # fmt: skip
    body = [[k, u, i, t, s, f"{p:,}".replace(",", "."), d] for k, u, i, t, s, p, d in ROWS]
    grid = Table(header + body, colWidths=[80, 190, 130, 40, 60, 90, 60],
                 rowHeights=[24] + [34] * len(body))  # fmt: skip
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (5, 1), (5, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),  # one line of text at the top of a tall row
    ]))  # fmt: skip
    return landscape_page(path, grid)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    return renja.process(draw(tmp_path_factory.mktemp("tinggi") / "baris-tinggi.pdf"))


def test_rows_set_far_apart_stay_in_one_table(result) -> None:
    [table] = [t for t in result.tables if not t.frame.empty]
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["kode"].tolist() == [r[0] for r in ROWS]
    assert data["pagu"].tolist() == [r[5] for r in ROWS]
    assert data["sumber_dana"].fillna("").tolist() == [r[6] for r in ROWS]
    # the sums hold, and were checked: no finding means checked and clean
    assert result.audits[table.table_id].status is AuditStatus.CHECKED
    assert not result.findings
