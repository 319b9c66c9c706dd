"""Pandoc writes a Word document's tables as simple or multiline tables (columns set by spaces
under a line of dash runs; a multiline table's rows several lines each, separated by blank
lines), with the caption under the table as ``: Tabel …``. Such a table was left as text: no
clean table, and nothing said so. It is read as any converter's table
(extract/dash_tables.py), captioned by its ``:`` line.
"""

from __future__ import annotations

from pathlib import Path

import renja
from renja.extract.markdown import markdown_to_tables

WIDTHS = (19, 32, 32, 13, 17)


def _cells(*cells: str) -> str:
    return " ".join(c.ljust(w) for c, w in zip(cells, WIDTHS, strict=True)).rstrip()


# kode, uraian lines, indikator lines, target, pagu: 2.12.02's pagu is 10 000 000 too much
ROWS = [
    ("2.12.01", ["**PROGRAM PENUNJANG URUSAN", "PEMERINTAHAN DAERAH", "KABUPATEN/KOTA**"],
     ["Nilai SAKIP Perangkat Daerah"], "78,50 Nilai", "**7.330.328.000**"),
    ("2.12.01.2.02", ["Administrasi Keuangan Perangkat", "Daerah"],
     ["Persentase pelaksanaan kegiatan"], "100 %", "6.775.434.000"),
    ("2.12.01.2.02.0001", ["Penyediaan Gaji dan Tunjangan", "ASN"],
     ["Jumlah Orang yang Menerima Gaji", "dan Tunjangan ASN"], "588 Orang", "6.554.894.000"),
    ("2.12.01.2.02.0002", ["Penyediaan Administrasi", "Pelaksanaan Tugas ASN"],
     ["Jumlah Dokumen"], "4 Dokumen", "220.540.000"),
    ("2.12.01.2.06", ["Administrasi Umum Perangkat", "Daerah"],
     ["Persentase pelaksanaan kegiatan"], "100 %", "554.894.000"),
    ("2.12.01.2.06.0005", ["Penyediaan Barang Cetakan dan", "Penggandaan"],
     ["Jumlah Paket Barang Cetakan"], "8 Paket", "554.894.000"),
    ("2.12.02", ["**PROGRAM PENDAFTARAN PENDUDUK**"],
     ["Persentase kepemilikan KTP-el"], "98,50 %", "**674.393.000**"),
    ("2.12.02.2.01", ["Pelayanan Pendaftaran Penduduk"],
     ["Persentase pelaksanaan kegiatan"], "100 %", "664.393.000"),
    ("2.12.02.2.01.0003", ["Penyelesaian Masalah Pendaftaran", "Penduduk"],
     ["Jumlah Penduduk yang Dilayani"], "955 Orang", "664.393.000"),
]  # fmt: skip


def _multiline() -> str:
    rule = "-" * (sum(WIDTHS) + len(WIDTHS) - 1)
    lines = ["RENCANA KERJA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "",
             "Rencana program dan kegiatan tahun 2026 disajikan pada tabel di bawah ini.", "",
             rule, _cells("Kode", "Uraian", "Indikator", "Target", "Pagu (Rp)"),
             " ".join("-" * w for w in WIDTHS)]  # fmt: skip
    for kode, names, indicators, target, pagu in ROWS:
        for k in range(max(len(names), len(indicators))):
            first = k == 0
            name = names[k] if k < len(names) else ""
            indicator = indicators[k] if k < len(indicators) else ""
            lines.append(_cells(kode if first else "", name, indicator,
                                target if first else "", pagu if first else ""))  # fmt: skip
        lines.append("")
    lines += [rule, "", ": Tabel 2.3 Rencana Program, Kegiatan dan Sub Kegiatan Dinas",
              "Kependudukan dan Pencatatan Sipil Tahun 2026", "", "Kepala Dinas,"]  # fmt: skip
    return "\n".join(lines) + "\n"


def test_a_multiline_table_is_read_and_audited(tmp_path: Path) -> None:
    path = tmp_path / "renja.md"
    path.write_text(_multiline(), encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.raw.caption.startswith("Tabel 2.3 Rencana Program, Kegiatan dan Sub Kegiatan")
    assert table.raw.caption.endswith("Pencatatan Sipil Tahun 2026")
    assert list(table.frame["kode"]) == [row[0] for row in ROWS]
    first = table.frame.iloc[0]
    assert first["uraian"] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    assert table.frame["pagu"].iloc[0] == 7_330_328_000
    sums = {(f.check, f.kode) for f in result.findings if f.check == "jumlah_rincian"}
    assert sums == {("jumlah_rincian", "2.12.02")}  # 664 393 000, printed 674 393 000
    assert result.document.tables[0].engine == "markdown-dash"


SIMPLE = """\
RKPD KABUPATEN TIRTA RAYA TAHUN 2026

Table: Tabel 4.2 Rekapitulasi Pagu Indikatif per Program

  Kode    Program                                               Pagu Indikatif (Rp)
  ------- ----------------------------------------------------- -------------------
  1.02.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH                4.430.300.000
  1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN                7.779.330.000
  2.11.03 PROGRAM PENGENDALIAN PENCEMARAN DAN/ATAU KERUSAKAN         9.350.170.000
          TOTAL                                                      21.569.800.000

Sumber: Bappeda, 2025.
"""


def test_a_simple_table_is_read_with_its_caption_above(tmp_path: Path) -> None:
    path = tmp_path / "rkpd.md"
    path.write_text(SIMPLE, encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.raw.caption == "Tabel 4.2 Rekapitulasi Pagu Indikatif per Program"
    assert list(table.frame["kode"].iloc[:3]) == ["1.02.01", "1.02.02", "2.11.03"]
    # the amount one character wider than its dash run stays in its column
    assert table.frame["pagu_indikatif"].iloc[2] == 9_350_170_000
    assert table.frame["uraian"].iloc[2] == "PROGRAM PENGENDALIAN PENCEMARAN DAN/ATAU KERUSAKAN"
    totals = [(f.check, f.expected, f.found) for f in result.findings if f.check == "jumlah_total"]
    assert totals == [("jumlah_total", "21559800000", "21569800000")]


HEADERLESS = """\
-------- ---------------------------- -------------
5.1      BELANJA OPERASI              1.000.000
5.2      BELANJA MODAL                  500.000
-------- ---------------------------- -------------
"""


def test_a_table_without_header_opens_and_closes_with_its_dash_lines() -> None:
    tables, _ = markdown_to_tables("Rekapitulasi Belanja\n\n" + HEADERLESS + "\nTeks sesudahnya.\n")
    [table] = tables
    assert [list(row.cells) for row in table.rows] == [
        ["5.1", "BELANJA OPERASI", "1.000.000"],
        ["5.2", "BELANJA MODAL", "500.000"],
    ]


def test_rules_headings_and_lists_are_no_table() -> None:
    text = "\n".join([
        "Judul Bab", "---------", "", "Paragraf satu.", "", "- - -", "", "- butir satu",
        "- butir dua", "", "----------------------------", "", "Paragraf dua -- selesai.",
    ])  # fmt: skip
    tables, texts = markdown_to_tables(text)
    assert tables == []
    assert "Paragraf dua -- selesai." in [t.text for t in texts]
