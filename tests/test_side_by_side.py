"""A table too wide for its page, printed as a spreadsheet prints it: the left columns of every
row first (kode, uraian, the plan year), then, pages later, the right columns of the same rows
(the prakiraan maju), with no code or name beside them.

When the right part's column numbers go on where the left part's end (``1 … 5``, then ``6 7
8``) and it has as many rows, its rows are joined to the left part's (``side_by_side.py``), with
a warning to check them against the printout: one table whose prakiraan maju is checked too.

When they do not (numbers that skip, or none), the right part is a table of its own: its column
numbers are its header, not a row of amounts, and its rows are data, not totals, since none of
them is named. Before, every unnamed row there was a ``JUMLAH`` row and the part got false
``jumlah_total`` errors. Every amount reaches a clean table either way.
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


def draw(folder: Path, first_right: int) -> Path:
    left = [LEFT, [str(n) for n in range(1, 6)]]
    left += [[k, u, i, t, rupiah(p)] for k, u, i, t, p, _t, _p in LINES]
    left.append(["", "JUMLAH", "", "", rupiah(LINES[0][4])])
    right = [RIGHT, [str(n) for n in range(first_right, first_right + 3)]]
    right += [[t, rupiah(p), ""] for *_left, t, p in LINES]
    right.append(["", rupiah(LINES[0][6]), ""])
    title = "TABEL 5.1 RENCANA PROGRAM DAN KEGIATAN DINAS PERTANIAN TAHUN 2026"
    return render(folder / f"lebar-{first_right}.pdf",
                  [TableSpec(title, left, header_rows=2), TableSpec("", right, header_rows=2)],
                  Layout())  # fmt: skip


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    return renja.process(draw(tmp_path_factory.mktemp("sisi"), 8))  # the numbers skip 6, 7


@pytest.fixture(scope="module")
def joined(tmp_path_factory: pytest.TempPathFactory):
    return renja.process(draw(tmp_path_factory.mktemp("sambung"), 6))


def test_a_right_part_whose_numbers_go_on_is_joined_to_its_rows(joined) -> None:
    [table] = [t for t in joined.tables if not t.frame.empty]
    data = table.frame[table.frame["jenis_baris"] == "data"]
    assert data["kode"].tolist() == [line[0] for line in LINES]
    pagu = [c.name for c in table.contract.columns if c.ctype.value == "rupiah"]
    assert len(pagu) == 2  # the plan year's and the prakiraan maju's, side by side
    assert [int(v) for v in data[pagu[0]]] == [line[4] for line in LINES]
    assert [int(v) for v in data[pagu[1]]] == [line[6] for line in LINES]
    assert [f for f in joined.findings if f.severity is Severity.ERROR] == []
    assert any("disambung ke baris-barisnya" in w for w in joined.document.warnings)


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
