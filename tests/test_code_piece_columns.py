"""A code printed in five columns named as its segments (``Urusan | Bidang | Program | Kegiatan
| Sub Kegiatan`` under a ``Kode`` spanning them, or abbreviated ``U | B | P | K | SK``), as
Excel sheets of RKA, DPA and Renja print it, is one code: ``3 | 27 | 02 | 2.01 | 0001`` is
``3.27.02.2.01.0001``, and an urusan's row prints its digit alone. Before, the first columns
were row numbers and ``2.01`` a bidang code of its own: 40 false unknown-code and 38 false
duplicate-code warnings on such a sheet (printed by LibreOffice), and no hierarchy to check
sums by.

The PDF is generated here with reportlab, ruled, its header cells spanning as a spreadsheet's
merged cells do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

import renja
from renja.model.severity import Severity

from .pdfgen import landscape_page

SDG_SUB, SDG_SUB_NAME = "3.27.02.2.02.0002", "Peningkatan Kualitas SDG Hewan/Tanaman"
ROWS = [  # code, uraian, indikator, target, pagu (the rows above sum the rows below)
    ("3", "URUSAN PEMERINTAHAN PILIHAN", "", "", 1_950_000_000),
    ("3.27", "URUSAN PEMERINTAHAN BIDANG PERTANIAN", "", "", 1_950_000_000),
    ("3.27.02", "PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN",
     "Persentase sarana pertanian yang tersedia", "100 %", 1_950_000_000),
    ("3.27.02.2.01", "Pengawasan Penggunaan Sarana Pertanian",
     "Persentase kegiatan yang terlaksana", "100 %", 1_200_000_000),
    ("3.27.02.2.01.0001", "Pengawasan Penggunaan Sarana Pendukung Pertanian Sesuai dengan "
     "Komoditas, Teknologi dan Spesifik Lokasi", "Jumlah laporan", "4 Laporan", 700_000_000),
    ("3.27.02.2.01.0002", "Pendampingan Penggunaan Sarana Pendukung Pertanian", "Jumlah laporan",
     "20 Laporan", 500_000_000),
    ("3.27.02.2.02", "Pengelolaan Sumber Daya Genetik (SDG) Hewan, Tumbuhan, dan Mikro "
     "Organisme Kewenangan Kabupaten/Kota", "Persentase kegiatan yang terlaksana", "100 %",
     750_000_000),
    (SDG_SUB, SDG_SUB_NAME, "Jumlah dokumen", "3 Dokumen", 750_000_000),
]  # fmt: skip


def pieces(code: str) -> list[str]:
    segments = code.split(".")
    out = segments[:3] + ([".".join(segments[3:5])] if len(segments) >= 5 else []) + segments[5:]
    return out + [""] * (5 - len(out))


# The segments' labels as printed: in full, or abbreviated (``U | B | P | K | SK``).
LABELS = {"whole": ["Urusan", "Bidang", "Program", "Kegiatan", "Sub Kegiatan"],
          "abbreviated": ["U", "B", "P", "K", "SK"]}  # fmt: skip


def draw(path: Path, labels: list[str]) -> Path:
    header = [["Kode", "", "", "", "", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja",
               "Target", "Pagu Indikatif (Rp)"],
              [*labels, "", "", "", ""],
              [str(n) for n in range(1, 10)]]  # fmt: skip
    body = [[*pieces(k), u, i, t, f"{p:,}".replace(",", ".")] for k, u, i, t, p in ROWS]
    grid = Table(header + body, colWidths=[34, 34, 38, 42, 46, 190, 150, 55, 80], repeatRows=3)
    grid.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (0, 0), (4, 0)),  # Kode over its five columns
        *[("SPAN", (c, 0), (c, 1)) for c in range(5, 9)],  # the other labels over two rows
        ("FONTSIZE", (0, 0), (-1, -1), 6.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    return landscape_page(path, grid)


@pytest.fixture(scope="module", params=sorted(LABELS))
def result(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("pieces") / "kode-kolom.pdf"
    return renja.process(draw(path, LABELS[request.param]))


def test_the_pieces_are_one_code_with_its_level(result) -> None:
    [table] = [t for t in result.tables if not t.frame.empty]
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["kode"].tolist() == [row[0] for row in ROWS]
    assert data["level"].tolist() == ["urusan", "bidang", "program", "kegiatan", "sub_kegiatan",
                                      "sub_kegiatan", "kegiatan", "sub_kegiatan"]  # fmt: skip


def test_no_false_code_warning_and_the_sums_are_checked(result) -> None:
    [table] = [t for t in result.tables if not t.frame.empty]
    assert result.audits[table.table_id].relations >= 5
    assert [f for f in result.findings if f.severity in (Severity.ERROR, Severity.WARNING)] == []


def test_a_programs_code_and_the_codes_under_it_in_two_columns_are_one_code(tmp_path: Path) -> None:
    # ``Kode Program | Kode Kegiatan/Sub Kegiatan``: the second holds a kegiatan's and a sub
    # kegiatan's code without the program's (a spreadsheet's layout), and was read as a bidang.
    lines = ["| Kode Program | Kode Kegiatan/Sub Kegiatan | Program/Kegiatan/Sub Kegiatan | "
             "Pagu Indikatif (Rp) |", "|---|---|---|---|"]  # fmt: skip
    for above, under, name, pagu in [
        ("2.16.01", "", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
         "82.850.000"),
        ("2.16.01", "2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
         "82.850.000"),
        ("2.16.01", "2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "51.541.000"),
        ("2.16.01", "2.01.0007", "Evaluasi Kinerja Perangkat Daerah", "31.309.000"),
    ]:  # fmt: skip
        lines.append(f"| {above} | {under} | {name} | {pagu} |")
    document = tmp_path / "kode-dua-kolom.md"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = renja.process(document)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert list(table.frame["kode"]) == ["2.16.01", "2.16.01.2.01", "2.16.01.2.01.0001",
                                         "2.16.01.2.01.0007"]  # fmt: skip
    assert not [f for f in result.findings if f.severity is Severity.ERROR]
