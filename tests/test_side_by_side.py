"""A table too wide for its page, printed as a spreadsheet prints it: the left columns of every
row first (kode, uraian, the plan year), then, pages later, the right columns of the same rows
(the prakiraan maju), with no code or name beside them and their column numbers going on (8, 9,
10). The right part is read as a table of its own: its column numbers are its header, not a row
of amounts, and its rows are data, not totals, since none of them is named. Before, every
unnamed row there was a ``JUMLAH`` row and the part got false ``jumlah_total`` errors.

Every amount reaches a clean table either way. Stitching the two parts back into one table is
not done (see docs/referensi.md, What is not done yet).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import renja
from renja.model.severity import Severity

from .pdfgen import Layout, TableSpec, render

LEFT = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator", "Target 2026", "Pagu 2026 (Rp)"]
RIGHT = ["Target 2027", "Pagu 2027 (Rp)", "Keterangan"]
LINES = [  # kode, uraian, indikator, target, pagu 2026, target 2027, pagu 2027
    ("3.27", "URUSAN PEMERINTAHAN BIDANG PERTANIAN", "", "", 1_950_000_000, "", 2_070_000_000),
    ("3.27.02", "PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN",
     "Persentase sarana tersedia", "100 %", 1_950_000_000, "100 %", 2_070_000_000),
    ("3.27.02.2.01", "Pengawasan Penggunaan Sarana Pendukung Pertanian",
     "Persentase kegiatan terlaksana", "100 %", 1_200_000_000, "100 %", 1_270_000_000),
    ("3.27.02.2.01.0001", "Pengawasan Penggunaan Sarana Pendukung Pertanian sesuai Komoditas",
     "Jumlah laporan", "4 Laporan", 700_000_000, "4 Laporan", 740_000_000),
    ("3.27.02.2.01.0002", "Pengawasan Mutu Pupuk dan Pestisida", "Jumlah sampel", "20 Sampel",
     500_000_000, "20 Sampel", 530_000_000),
    ("3.27.02.2.02", "Pengelolaan Sumber Daya Genetik Hewan dan Tumbuhan",
     "Persentase kegiatan terlaksana", "100 %", 750_000_000, "100 %", 800_000_000),
    ("3.27.02.2.02.0001", "Pelestarian Sumber Daya Genetik Tanaman", "Jumlah varietas",
     "3 Varietas", 750_000_000, "3 Varietas", 800_000_000),
]  # fmt: skip


def rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    left = [LEFT, [str(n) for n in range(1, 6)]]
    left += [[k, u, i, t, rupiah(p)] for k, u, i, t, p, _t, _p in LINES]
    left.append(["", "JUMLAH", "", "", rupiah(LINES[0][4])])
    right = [RIGHT, ["8", "9", "10"]]
    right += [[t, rupiah(p), ""] for *_left, t, p in LINES]
    right.append(["", rupiah(LINES[0][6]), ""])
    title = "TABEL 5.1 RENCANA PROGRAM DAN KEGIATAN DINAS PERTANIAN TAHUN 2026"
    path = render(Path(tmp_path_factory.mktemp("sisi")) / "lebar.pdf",
                  [TableSpec(title, left, header_rows=2), TableSpec("", right, header_rows=2)],
                  Layout())  # fmt: skip
    return renja.process(path)


def test_the_right_part_gets_no_false_total(result) -> None:
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []
    [_left, right] = [t for t in result.tables if not t.frame.empty]
    assert set(right.frame["jenis_baris"]) == {"data"}
    # the column numbers 8 9 10 are the header, not a row
    assert len(right.frame) == len(LINES) + 1


def test_every_amount_reaches_a_clean_table(result) -> None:
    values = {int(v) for t in result.tables for c in t.frame.columns if c.startswith("pagu")
              and not c.endswith("_ditinjau") for v in t.frame[c].dropna()}  # fmt: skip
    assert {p for *_rest, p, _t, _p in LINES} | {p for *_rest, p in LINES} <= values
