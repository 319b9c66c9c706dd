"""A Renja as LlamaParse writes it: the code in five columns named ``Urusan | Bidang | Program
| Kegiatan | Sub Kegiatan`` with no ``Kode`` over them (the spanning cell dropped), and each
page's running foot as a table of one row (``| Renja Dinas Sosial … 2026 | III-9 |``) between
the table's parts. The kegiatan segment alone was read as the code (``2.01`` a bidang, every
sum wrong), and the foot's table cut the table in two. Segment columns named from an urusan's
on are one code (extract/code_pieces.py, ``_named_run``); a one-row table ending in a page's
number is a running head or foot (extract/stitch.py, ``is_running_block``)."""

from __future__ import annotations

from pathlib import Path

import renja

HEADER = ("| Urusan | Bidang | Program | Kegiatan | Sub Kegiatan | Uraian | Target | Satuan "
          "| Pagu Indikatif |\n" + "| --- " * 9 + "|\n")
FIRST = [  # the program's pagu is printed 200 juta over its kegiatan's sum
    ("1", "06", "04", "", "", "**PROGRAM REHABILITASI SOSIAL**", "100", "%",
     "**Rp 4.531.620.500**"),
    ("1", "06", "04", "2.01", "", "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar",
     "100", "%", "Rp 3.000.000.000"),
    ("1", "06", "04", "2.01", "0001", "Penyediaan Permakanan", "500", "Orang",
     "Rp 3.000.000.000"),
]  # fmt: skip
SECOND = [
    ("1", "06", "04", "2.02", "", "Rehabilitasi Sosial Penyandang Masalah Kesejahteraan Sosial",
     "100", "%", "Rp 1.331.620.500"),
    ("1", "06", "04", "2.02", "0001", "Penyediaan Permakanan", "120", "Orang",
     "Rp 1.331.620.500"),
]  # fmt: skip


def _table(rows: list[tuple[str, ...]]) -> str:
    return HEADER + "".join("| " + " | ".join(row) + " |\n" for row in rows)


def test_named_code_columns_and_a_running_foot_table(tmp_path: Path) -> None:
    document = tmp_path / "renja-dinsos-garut-2026.md"
    document.write_text(
        "# RENJA DINAS SOSIAL KABUPATEN GARUT TAHUN 2026\n\n"
        "Tabel 3.1 Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2026\n\n"
        + _table(FIRST) + "\n---\n\n| Renja Dinas Sosial Kabupaten Garut Tahun 2026 | III-9 |\n"
        "| --- | --- |\n\n" + _table(SECOND),
        encoding="utf-8",
    )  # fmt: skip
    result = renja.process(document)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.frame["kode"].tolist() == [
        "1.06.04", "1.06.04.2.01", "1.06.04.2.01.0001", "1.06.04.2.02", "1.06.04.2.02.0001"
    ]  # fmt: skip
    errors = [(f.check, f.kode, f.found) for f in result.findings if f.severity == "error"]
    assert ("jumlah_rincian", "1.06.04", "4531620500") in errors
    assert {kode for _, kode, _ in errors} == {"1.06.04"}  # nothing else is off
