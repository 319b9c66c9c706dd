"""Markdown as PDF converters write it (pymupdf4llm, and others like it): a table's page parts
are separate pipe tables with the page's running head and number between them; a part that
starts on a new page takes its first row of data (or of a name cut by the page break) as its
header row, and a header cell with nothing printed is named ``Col3``; a spanning cell is copied
into every column it spans, a title across the grid included.

Seen on the development PDFs converted with pymupdf4llm: each page part of the Sumatera Utara
Renja's tables was a table of its own, named after the running head, its sums checked against
one page's rows only (48 false errors, 42 'tabel tidak lengkap'); the ``Col1`` of a header read
as a code; the Bogor RKA's indicator table and its account lines stayed one table under the
indicator header (31 false errors). The documents here are generated: the same forms, other
names and amounts.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import renja
from renja.model.severity import Severity

HEAD = ["_Rencana Kerja Tahun 2027_", "_Dinas Tanaman Pangan dan Hortikultura Provinsi Contoh_"]

# kode, uraian, indikator, target, pagu: parents are the sums of their children, except the
# one planted error (kegiatan 3.27.02.1.02 prints 410.000.000; its subs sum to 400.000.000).
ROWS = [
    ("3.27.02", "PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN",
     "Persentase sarana", "100 %", 1_450_000_000),
    ("3.27.02.1.01", "Pengawasan Peredaran Sarana Pertanian",
     "Jumlah laporan", "12 Laporan", 1_050_000_000),
    ("3.27.02.1.01.0001",
     "Pengawasan Sebaran Pupuk, Pestisida, Alsintan, dan Sarana Pendukung Pertanian",
     "Jumlah laporan", "4 Laporan", 300_000_000),
    ("3.27.02.1.01.0002", "Koordinasi dan Sinkronisasi Pengawasan Peredaran Sarana Pertanian",
     "Jumlah laporan", "4 Laporan", 350_000_000),
    ("3.27.02.1.01.0011", "Pelaksanaan Pengawasan Perizinan Penyedia Sarana Pertanian",
     "Jumlah izin", "20 Izin", 400_000_000),
    ("3.27.02.1.02", "Pengawasan Mutu, Penyediaan dan Peredaran Benih Tanaman",
     "Jumlah benih", "8 Ton", 410_000_000),
    ("3.27.02.1.02.0001", "Pengelolaan Penerbitan Sertifikat Benih",
     "Jumlah sertifikat", "40 Sertifikat", 150_000_000),
    ("3.27.02.1.02.0018", "Pengawasan Mutu dan Peredaran Benih Tanaman Pangan",
     "Jumlah benih", "8 Ton", 250_000_000),
    ("3.27.03", "PROGRAM PENYEDIAAN DAN PENGEMBANGAN PRASARANA PERTANIAN",
     "Persentase prasarana", "100 %", 900_000_000),
    ("3.27.03.1.01", "Penataan Prasarana Pertanian", "Jumlah unit", "10 Unit", 900_000_000),
    ("3.27.03.1.01.0003",
     "Koordinasi, Sinkronisasi dan Pelaksanaan Pengelolaan Jalan Usaha Tani",
     "Panjang jalan", "5 Km", 600_000_000),
    ("3.27.03.1.01.0007", "Pembangunan dan Pemeliharaan Laboratorium Pertanian",
     "Jumlah laboratorium", "2 Unit", 300_000_000),
]  # fmt: skip
PLANTED = "3.27.02.1.02"
HEADER = ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
          "Indikator Kinerja", "Target", "Pagu Indikatif (Rp)"]  # fmt: skip


def rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def pipe(cells: list[str]) -> str:
    return "|" + "|".join(cells) + "|"


def data_row(kode: str, uraian: str, indikator: str, target: str, pagu: int) -> list[str]:
    # the converter's markup: a parent bold, a code wrapped inside its cell
    bold = kode.count(".") < 5
    name = f"**{uraian}**" if bold else uraian
    code = kode[:11] + "<br>" + kode[11:] if len(kode) > 11 else kode
    return [code, name, indikator, target, f"**{rupiah(pagu)}**" if bold else rupiah(pagu)]


def page_foot(number: int) -> list[str]:
    return ["", "", str(number), "", "", *HEAD, "", ""]


def renja_markdown(path: Path) -> Path:
    """Three page parts: the first under its header, the second and third headed by their first
    row (the third's a name cut by the page break: 'Col1', 'Col3' … where nothing was printed)."""
    rows = [data_row(*row) for row in ROWS]
    separator = pipe(["---"] * len(HEADER))
    lines = [*HEAD, "", "**Tabel 2.5 Rencana Kerja dan Pendanaan Perangkat Daerah Tahun 2027**", ""]
    lines += [pipe(HEADER), separator, pipe([str(n) for n in range(1, 6)]), *map(pipe, rows[:4])]
    lines += page_foot(18)
    lines += [pipe(rows[4]), separator, *map(pipe, rows[5:8])]
    # the program's name wraps onto the next page
    cut = list(rows[8])
    name = cut[1]
    cut[1] = "**PROGRAM PENYEDIAAN DAN PENGEMBANGAN**"
    lines.append(pipe(cut))
    lines += page_foot(19)
    rest = ["Col1", "**PRASARANA PERTANIAN**", "Col3", "Col4", "Col5"]
    assert name.endswith("PRASARANA PERTANIAN**")
    lines += [pipe(rest), separator, *map(pipe, rows[9:])]
    lines += page_foot(20)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    return renja.process(renja_markdown(tmp_path_factory.mktemp("converted") / "renja.md"))


def test_the_page_parts_are_one_table_named_by_its_caption(result) -> None:
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.raw.parts == 3
    assert table.raw.caption.startswith("Tabel 2.5 Rencana Kerja")  # not the running head
    assert [k for k in table.frame["kode"] if k] == [row[0] for row in ROWS]
    assert [int(v) for v in table.frame["pagu"]] == [row[4] for row in ROWS]


def test_a_name_cut_by_the_page_break_stays_one_name_and_no_placeholder_is_read(result) -> None:
    [table] = [t for t in result.tables if not t.frame.empty]
    names = list(table.frame["uraian"])
    assert "PROGRAM PENYEDIAAN DAN PENGEMBANGAN PRASARANA PERTANIAN" in names
    assert not any(str(v).startswith("Col") for column in table.frame for v in table.frame[column])
    assert {f.check for f in result.findings} == {"jumlah_rincian", "nilai_diduga_salah"}


def test_the_sums_are_checked_across_the_parts_and_the_planted_error_alone_is_found(result) -> None:
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.complete
    errors = {(f.check, f.kode, f.expected, f.found) for f in result.findings}
    assert errors == {
        ("jumlah_rincian", PLANTED, "400000000", "410000000"),  # the kegiatan over its subs
        ("jumlah_rincian", "3.27.02", "1460000000", "1450000000"),  # the program over it
        ("nilai_diduga_salah", PLANTED, "400000000", "410000000"),  # the value to check
    }


# An RKA as such a converter writes it: the indicator table, the title of the account lines
# copied into every cell of its row, then the account lines under their own header, in one grid
# (a parent's name copied into the columns its cell spans).
def spanned(text: str, width: int, last: str = "") -> list[str]:
    return [text] * (width - 1) + [last or text]


RKA_ROWS = [
    ["Indikator & Tolok Ukur Kinerja Belanja", "Col2", "Col3", "Col4", "Col5"],
    ["Indikator", "Indikator", "Tolak Ukur Kinerja", "Target Kinerja", "Target Kinerja"],
    ["Capaian Program", "Capaian Program", "Persentase layanan administrasi", "100 %", "100 %"],
    ["Masukan", "Masukan", "Dana yang dibutuhkan", "Rp. 60.000.000", "Rp. 60.000.000"],
    ["Keluaran", "Keluaran", "Terlaksananya rapat koordinasi", "12 Kegiatan", "12 Kegiatan"],
    spanned("Rincian Belanja Sub Kegiatan", 5),
    ["**Kode Rekening**", "**Uraian**", "**Koefisien**", "**Harga**", "**Jumlah**"],
    ["**5.1.02**", *spanned("**Belanja Barang dan Jasa**", 4, "**Rp. 60.000.000**")],
    ["**5.1.02.01.01.0052**", *spanned("**Belanja Makanan dan Minuman Rapat**", 4,
                                       "**Rp. 45.000.000**")],
    ["", "Nasi Kotak", "1500 Orang", "30.000", "Rp. 45.000.000"],
    ["**5.1.02.02.01.0026**", *spanned("**Belanja Jasa Tenaga Administrasi**", 4,
                                       "**Rp. 15.000.000**")],
    ["", "Honor Notulis", "12 Bulan", "1.250.000", "Rp. 15.000.000"],
]  # fmt: skip
RKA = "\n".join([pipe(RKA_ROWS[0]), pipe(["---"] * 5), *map(pipe, RKA_ROWS[1:])]) + "\n"


def test_a_title_copied_into_every_cell_starts_the_account_lines_table(tmp_path: Path) -> None:
    path = tmp_path / "rka.md"
    path.write_text(RKA, encoding="utf-8")
    result = renja.process(path)
    kinds = [(t.raw.caption, t.form) for t in result.tables if not t.frame.empty]
    assert [caption for caption, _ in kinds][-1] == "Rincian Belanja Sub Kegiatan"
    lines = next(t for t in result.tables if t.raw.caption == "Rincian Belanja Sub Kegiatan")
    assert lines.form == "rincian_belanja"
    assert lines.complete
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []
    assert {"5.1.02.01.01.0052", "5.1.02.02.01.0026"} <= set(lines.frame["kode_rekening"])


# A Renja's T-C.33 as such a converter writes it: the code in five columns under a ``Kode``
# copied into each, every name copied across the grid, each record's indicators, targets and
# pagu on the line under its code line, the urusan's row printing its digit alone.
CODES = [
    ("1", "", "", "", "", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR", 0),
    ("1", "05", "", "", "", "URUSAN PEMERINTAHAN BIDANG KETENTERAMAN DAN KETERTIBAN UMUM SERTA "
     "PERLINDUNGAN MASYARAKAT", 0),
    ("1", "05", "01", "", "", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     820_000_000),
    ("1", "05", "01", "2.01", "", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat "
     "Daerah", 300_000_000),
    ("1", "05", "01", "2.01", "0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     100_000_000),
    ("1", "05", "01", "2.01", "0006", "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan "
     "Ikhtisar Realisasi Kinerja SKPD", 200_000_000),
    ("1", "05", "01", "2.02", "", "Administrasi Keuangan Perangkat Daerah", 520_000_000),
    ("1", "05", "01", "2.02", "0001", "Penyediaan Gaji dan Tunjangan ASN", 500_000_000),
]  # fmt: skip
# kegiatan 2.02 prints 520.000.000 over one sub of 500.000.000 (planted); the program prints
# the sum of what its kegiatan print, and the TOTAL row the program's.
T_C33 = ["Kode"] * 5 + [
    "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
    "Indikator Kinerja",
    "Target",
    "Pagu Indikatif (Rp)",
    "Sumber Dana",
]


def t_c33(path: Path) -> Path:
    width = len(T_C33)
    lines = ["**Tabel 4.1 Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2025**", ""]
    lines += [pipe(["Kode", "", "", "", "", *T_C33[5:]]), pipe(["---"] * width), pipe(T_C33)]
    for *pieces, name, pagu in CODES:
        copies = [name] * (width - 5)
        lines.append(pipe([*pieces, *copies]))
        if pagu:
            detail = ["Jumlah dokumen", "3 Dok", rupiah(pagu), "DAU"]
            lines.append(pipe([""] * 6 + detail))
    lines.append(pipe(["TOTAL"] * 8 + [rupiah(820_000_000), ""]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_code_in_copied_kode_columns_and_names_across_the_grid_are_read(
    tmp_path: Path,
) -> None:
    result = renja.process(t_c33(tmp_path / "renja-tc33.md"))
    [table] = [t for t in result.tables if not t.frame.empty]
    frame = table.frame[table.frame["jenis_baris"] != "total"]
    assert list(frame["kode"]) == [
        "1", "1.05", "1.05.01", "1.05.01.2.01", "1.05.01.2.01.0001", "1.05.01.2.01.0006",
        "1.05.01.2.02", "1.05.01.2.02.0001",
    ]  # fmt: skip
    # each record's detail line joined it: its pagu and indicator on the code's row
    assert [int(v) for v in frame["pagu"] if not pd.isna(v)] == [c[6] for c in CODES if c[6]]
    assert set(frame["indikator"].dropna()) == {"Jumlah dokumen"}
    assert [(f.check, f.kode, f.expected, f.found) for f in result.findings] == [
        ("jumlah_rincian", "1.05.01.2.02", "500000000", "520000000")  # the planted error alone
    ]
    total = table.frame[table.frame["jenis_baris"] == "total"]  # its label once, no code
    assert list(total["uraian"]) == ["TOTAL"] and total["kode"].isna().all()
    assert int(total["pagu"].iloc[0]) == 820_000_000
