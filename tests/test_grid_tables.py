"""Grid tables in Markdown (pandoc's ``+---+`` tables, what a Word document becomes through
pandoc): before extract/grid_tables.py every line of one was a table of its own (``+-----+``
captions, ``tidak_lengkap``) and no amount reached a clean table."""

from __future__ import annotations

import textwrap
from pathlib import Path

import renja
from renja.extract.grid_tables import parse_grid_table

WIDTHS = [19, 30, 22, 8, 15]
HEADER = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target",
          "Pagu Indikatif (Rp)"]  # fmt: skip
ROWS = [  # the kegiatan's pagu is printed 50 juta over its sub kegiatan's sum
    ("3.27.02", "PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN",
     "Persentase ketersediaan sarana pertanian", "78 %", "1.592.374.000"),
    ("3.27.02.2.01", "Pengawasan Penggunaan Sarana Pertanian", "Jumlah sarana diawasi",
     "12 unit", "1.592.374.000"),
    ("3.27.02.2.01.0001", "Pengawasan Penggunaan Sarana Pendukung Pertanian Sesuai dengan "
     "Komoditas, Teknologi dan Spesifik Lokasi", "Jumlah laporan", "4 laporan", "842.374.000"),
    ("3.27.02.2.01.0002", "Pendampingan Penggunaan Sarana Pendukung Pertanian",
     "Jumlah kelompok tani", "40 kelompok", "700.000.000"),
]  # fmt: skip


def _border(char: str = "-") -> str:
    return "+" + "+".join(char * (w + 2) for w in WIDTHS) + "+"


def _row(cells: list[str]) -> list[str]:
    """A row's text lines, each cell wrapped to its column's width."""
    wrapped = [textwrap.wrap(c, w) or [""] for c, w in zip(cells, WIDTHS, strict=True)]
    height = max(len(lines) for lines in wrapped)
    return ["| " + " | ".join((lines[i] if i < len(lines) else "").ljust(w)
                              for lines, w in zip(wrapped, WIDTHS, strict=True)) + " |"
            for i in range(height)]  # fmt: skip


def _grid() -> list[str]:
    lines = [_border(), *_row(HEADER), _border("=")]
    for row in ROWS:
        lines += [*_row(list(row)), _border()]
    return lines


def test_cells_wrapped_over_lines_and_a_span_are_read_as_rows() -> None:
    lines = _grid()
    total = "| Jumlah".ljust(len(lines[0]) - WIDTHS[-1] - 4) + "| " + "1.542.374.000".ljust(
        WIDTHS[-1]) + " |"
    rows = parse_grid_table([*lines, total, _border()], first_line=1)
    assert rows[0].header and rows[0].cells == [*HEADER[:4], "Pagu Indikatif<br>(Rp)"]
    assert [r.cells[0] for r in rows[1:-1]] == [r[0] for r in ROWS]
    assert rows[-1].cells == ["Jumlah", "", "", "", "1.542.374.000"]  # spans four columns


def test_a_grid_table_reaches_the_clean_table_and_its_error_is_found(tmp_path: Path) -> None:
    document = tmp_path / "rkpd-gunungkidul-2026.md"
    document.write_text(
        "# RENCANA KERJA PEMERINTAH DAERAH KABUPATEN GUNUNGKIDUL TAHUN 2026\n\n"
        "Tabel 5.3 Rencana Program, Kegiatan dan Sub Kegiatan Prioritas Daerah Tahun 2026\n\n"
        + "\n".join(_grid()) + "\n\nSumber: Bappeda\n",
        encoding="utf-8",
    )  # fmt: skip
    result = renja.process(document)
    [table] = [t for t in result.tables if not t.frame.empty]
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["kode"].tolist() == [r[0] for r in ROWS]
    assert data["uraian"].tolist() == [r[1] for r in ROWS]  # wrapped lines joined
    assert data["pagu"].tolist() == [int(r[4].replace(".", "")) for r in ROWS]
    errors = [(f.check, f.kode, f.found) for f in result.findings if f.severity == "error"]
    assert errors == [("jumlah_rincian", "3.27.02.2.01", "1592374000")]
