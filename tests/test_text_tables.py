"""A table set in plain text by spaces alone (``pdftotext -layout`` saved as text, a text
export): no pipes, no dash lines. It was no table at all (nothing audited). A region whose
lines start with Permendagri codes and hold amounts is read on the gutters its data lines
leave (extract/text_tables.py): rows set apart by blank lines, a wrapped name joined, the
header's lines over the first code."""

from __future__ import annotations

from pathlib import Path

import renja
from renja.extract.markdown import markdown_to_tables

WIDTHS = (20, 38, 36, 14, 16, 10)


def _line(*cells: str) -> str:
    out = ""
    for k, (cell, width) in enumerate(zip(cells, WIDTHS, strict=True)):
        out += cell.rjust(width - 2) + "  " if k == 4 else cell.ljust(width)
    return "    " + out.rstrip()


ROWS = [  # kode, name lines, indicator, target, pagu, sumber: 3.27.03's pagu 3 600 000 too much
    ("3.27.01", ["PROGRAM PENUNJANG URUSAN", "PEMERINTAHAN DAERAH"], "Nilai SAKIP", "78,50 Nilai",
     "930.824.300", ""),
    ("3.27.01.2.01", ["Perencanaan, Penganggaran, dan", "Evaluasi Kinerja"], "Persentase",
     "100 %", "930.824.300", ""),
    ("3.27.01.2.01.0001", ["Penyusunan Dokumen Perencanaan"], "Jumlah Dokumen", "3 Dokumen",
     "50.004.300", "DAU"),
    ("3.27.01.2.01.0007", ["Evaluasi Kinerja Perangkat Daerah"], "Jumlah Laporan", "8 Laporan",
     "880.820.000", "DAK Fisik"),
    ("3.27.03", ["PROGRAM PENYEDIAAN DAN PENGEMBANGAN", "PRASARANA PERTANIAN"], "Persentase",
     "75 %", "1.884.073.000", ""),
    ("3.27.03.2.02", ["Pembangunan Prasarana Pertanian"], "Jumlah prasarana", "42 Unit",
     "1.880.473.000", ""),
    ("3.27.03.2.02.0002", ["Pembangunan Embung Pertanian"], "Jumlah Embung", "8 Unit",
     "1.880.473.000", "DAK Fisik"),
]  # fmt: skip


def _document() -> str:
    lines = ["                    RENCANA KERJA (RENJA) DINAS PERTANIAN TAHUN 2026", "",
             "    Tabel 3.1", "    Rencana Program, Kegiatan dan Sub Kegiatan Tahun 2026", "",
             _line("KODE", "PROGRAM/KEGIATAN/", "INDIKATOR KINERJA", "TARGET", "PAGU (Rp)",
                   "SUMBER"),
             _line("", "SUB KEGIATAN", "", "", "", "DANA"), ""]  # fmt: skip
    for kode, names, indicator, target, pagu, sumber in ROWS:
        lines.append(_line(kode, names[0], indicator, target, pagu, sumber))
        lines += [_line("", name, "", "", "", "") for name in names[1:]]
        lines.append("")
    lines += ["", "    Kepala Dinas Pertanian,", "", "    Ir. SUTRISNO",
              "    NIP. 19700101 199503 1 001"]  # fmt: skip
    return "\n".join(lines) + "\n"


def test_a_table_set_by_spaces_is_read_and_audited(tmp_path: Path) -> None:
    path = tmp_path / "renja.txt"
    path.write_text(_document(), encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.raw.caption == "Tabel 3.1 Rencana Program, Kegiatan dan Sub Kegiatan Tahun 2026"
    assert table.frame["kode"].tolist() == [row[0] for row in ROWS]
    assert table.frame["uraian"].iloc[0] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH"
    assert table.frame["pagu"].iloc[3] == 880_820_000
    errors = {(f.check, f.kode) for f in result.findings if f.severity == "error"}
    assert ("jumlah_rincian", "3.27.03") in errors
    assert errors <= {("jumlah_rincian", "3.27.03"), ("nilai_diduga_salah", "3.27.03")}


def test_prose_lists_and_row_numbers_are_no_table() -> None:
    text = "\n".join([
        "Pembangunan  Indonesia  sebagaimana  tercantum  dalam  RPJMN  2025  -  2029.",
        "",
        "1.   Belanja pegawai          1.250.000.000",
        "2.   Belanja barang           2.500.000.000",
        "3.   Belanja modal              750.000.000",
        "",
        "Anggaran tersebut bersumber dari APBD.",
    ])  # fmt: skip
    tables, _ = markdown_to_tables(text)
    assert tables == []


def test_the_pages_of_a_text_table_join_over_a_form_feed(tmp_path: Path) -> None:
    """pdftotext starts each page with a form feed: the short lines beside it (the page's
    foot, the next page's head) are no caption, and the parts are one table."""
    lines = _document().split("\n")
    cut = next(i for i, line in enumerate(lines) if line.lstrip().startswith("3.27.03 "))
    header = [line for line in lines[5:8]]
    page_two = ["\f    Renja Dinas Pertanian 2026", "", *header]
    text = "\n".join([*lines[:cut], "", "                         Renja Dinas Pertanian - Hal 1",
                      *page_two, *lines[cut:]])  # fmt: skip
    path = tmp_path / "renja.txt"
    path.write_text(text, encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.frame["kode"].tolist() == [row[0] for row in ROWS]
    errors = {(f.check, f.kode) for f in result.findings if f.severity == "error"}
    assert errors <= {("jumlah_rincian", "3.27.03"), ("nilai_diduga_salah", "3.27.03")}
