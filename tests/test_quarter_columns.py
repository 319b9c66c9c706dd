"""An evaluation table of a form renja does not know, with each quarter's realisation as a
``K | Rp`` pair under its label (``Realisasi Triwulan I`` … ``IV``) and the year's realisation
after them (``Realisasi Capaian``): the columns are named by the pair's own labels
(``realisasi_tw1_k``, ``realisasi_tw1_rp`` … ``realisasi_rp``; before: ``realisasi_tw1_realisasi
_triwulan`` and ``…_2``), and the year's Rp is checked in each row as the sum of the four
quarters, so a typo is found in its own row with the value it should have (before: only as a
failing sum in its parent). Seen on a Word table printed by LibreOffice.

Read from Markdown and from a ruled PDF generated here with reportlab.
"""

from __future__ import annotations

import pytest

import renja
from renja.model.severity import Severity

from .pdfgen import Layout, TableSpec, render_as

TITLE = "Tabel 2.1 Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah Triwulan IV Tahun 2024"
LABELS = ["Target Renja", "Realisasi Triwulan I", "Realisasi Triwulan II",
          "Realisasi Triwulan III", "Realisasi Triwulan IV", "Realisasi Capaian"]  # fmt: skip
TOP = ["No", "Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator"]
HEADER = [TOP + [label for label in LABELS for _ in (0, 1)],
          [""] * len(TOP) + ["K", "Rp"] * len(LABELS)]  # fmt: skip
# kode, uraian, target and four quarters (millions); parents sum their children
LINES = [
    ("3.27.02", "PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN", 700, 100, 150, 200, 150),
    ("3.27.02.2.01", "Pengawasan Penggunaan Sarana Pertanian", 700, 100, 150, 200, 150),
    ("3.27.02.2.01.0002", "Pendampingan Penggunaan Sarana Pendukung Pertanian",
     300, 40, 60, 80, 70),
    ("3.27.02.2.01.0003", "Perbanyakan Benih Bersertifikat Tanaman Pangan Berbentuk Biji/Benih",
     400, 60, 90, 120, 80),
]  # fmt: skip
TYPO_ROW = 3  # Pendampingan: Realisasi Capaian printed 257.000.000 for 250.000.000


def rupiah(millions: int) -> str:
    return f"{millions * 1_000_000:,}".replace(",", ".")


def rows(typo: bool) -> list[list[str]]:
    out = []
    for number, (kode, uraian, target, *quarters) in enumerate(LINES, start=1):
        year = sum(quarters) * 1_000_000 + (7_000_000 if typo and number == TYPO_ROW else 0)
        amounts = [rupiah(target), *(rupiah(q) for q in quarters), f"{year:,}".replace(",", ".")]
        counts = ["100", "25", "25", "25", "25", "100"]
        cells = [v for pair in zip(counts, amounts, strict=True) for v in pair]
        out.append([str(number), kode, uraian, "Persentase capaian", *cells])
    return out


@pytest.fixture(scope="module", params=["md", "pdf"])
def read(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp(request.param)
    out = {}
    for typo in (False, True):
        spec = TableSpec(TITLE, [*HEADER, *rows(typo)], header_rows=2)
        path = folder / f"evaluasi-{typo}.{request.param}"
        out[typo] = renja.process(render_as(path, [spec], Layout(rules="all")))
    return out


def test_each_pair_is_named_by_its_labels(read) -> None:
    [table] = [t for t in read[False].tables if not t.frame.empty]
    names = [c.name for c in table.contract.columns][4:]
    assert names == ["target_k", "target_rp"] + [
        f"realisasi_{q}_{unit}" for q in ("tw1", "tw2", "tw3", "tw4") for unit in ("k", "rp")
    ] + ["realisasi_k", "realisasi_rp"]


def test_the_year_is_checked_as_the_sum_of_its_quarters(read) -> None:
    assert [f for f in read[False].findings if f.severity is not Severity.INFO] == []
    typo = [f for f in read[True].findings if f.check == "aritmetika_baris"]
    assert [(f.row, f.kode, f.column, f.expected, f.found) for f in typo] == [
        (TYPO_ROW, "3.27.02.2.01.0002", "realisasi_rp", "250000000", "257000000")
    ]
    assert typo[0].message.startswith(
        "realisasi_tw1_rp + realisasi_tw2_rp + realisasi_tw3_rp + realisasi_tw4_rp = "
    )
