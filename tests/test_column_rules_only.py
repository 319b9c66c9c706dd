"""A table printed with rules between its columns and a frame, but none between its rows (a
Word table with vertical borders only). The ruled reader saw one ruled row for the whole body:
every code, name and amount of the page in one cell each, two amounts per cell run together
(``376.502.000 158.300.000``: one 18-digit pagu, until the rupiah reader refused it) and
nothing checked. A ruled table one of whose rows stacks three amounts or more in two columns
is read by its text's alignment instead (extract/pdf.py, ``rows_without_rules``).

The PDF is generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

import renja
from renja.model.tables import AuditStatus

from .pdfgen import landscape_page

ROWS = [  # code, name, target, pagu, pagu of the year after (parents sum their children)
    ("1.06.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "98,90 %", 2_258_002_000,
     2_441_764_000),
    ("1.06.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja", "84,30 %", 376_502_000,
     1_510_729_000),
    ("1.06.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "10 Dokumen",
     158_300_000, 918_262_000),
    ("1.06.01.2.01.0005", "Koordinasi dan Penyusunan Perubahan DPA-SKPD", "6 Dokumen",
     218_202_000, 592_467_000),
    ("1.06.01.2.05", "Administrasi Kepegawaian Perangkat Daerah", "68,70 %", 1_881_500_000,
     931_035_000),
    ("1.06.01.2.05.0006", "Pemulangan Pegawai yang Pensiun", "386 Orang", 935_000_000,
     76_428_000),
    ("1.06.01.2.05.0011", "Bimbingan Teknis Implementasi Peraturan Perundang-Undangan",
     "231 Orang", 946_500_000, 854_607_000),
]  # fmt: skip


def rupiah(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def draw(path: Path) -> Path:
    header = [["Kode", "Program/Kegiatan/Sub Kegiatan", "Target", "Pagu Indikatif 2025 (Rp)",
               "Pagu 2026 (Rp)"]]  # fmt: skip
    body = [[k, u, t, rupiah(p), rupiah(m)] for k, u, t, p, m in ROWS]
    grid = Table(header + body, colWidths=[80, 260, 70, 110, 110])
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("ALIGN", (3, 1), (-1, -1), "RIGHT"),
        ("BOX", (0, 0), (-1, -1), 0.6, colors.black),  # the frame,
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),  # a rule under the header,
        ("LINEAFTER", (0, 0), (-2, -1), 0.6, colors.black),  # rules between the columns only
    ]))  # fmt: skip
    return landscape_page(path, grid)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    return renja.process(draw(tmp_path_factory.mktemp("kolom") / "garis-kolom.pdf"))


def test_each_row_is_read_with_its_own_amounts(result) -> None:
    [table] = [t for t in result.tables if not t.frame.empty]
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["kode"].tolist() == [r[0] for r in ROWS]
    assert data["pagu_indikatif_2025"].tolist() == [r[3] for r in ROWS]
    assert data["pagu_2026"].tolist() == [r[4] for r in ROWS]
    assert result.audits[table.table_id].status is AuditStatus.CHECKED
    assert not result.findings  # the sums hold, and were checked
