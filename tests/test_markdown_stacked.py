"""A converted table's row that stacks a program's indicators in its cells, ``<br>`` between
their lines (extract/stacked_cells.py): one row per indicator, each with its own target and
unit, as the PDF reader makes of the same stacked lines; the record's code, name and pagu on
the first. A name or indicator wrapped at ``<br>`` and an amount or a percentage whose digits a
converter wrapped (``Rp75.708.321.8<br>84``, ``31,7<br>3``) are no stack: such a row stays one.

Before, the target cell ``72,18<br>21,40`` was one unreadable number (a warning, the targets
lost) and ``12<br>85`` a text.
"""

from __future__ import annotations

import pytest

import renja
from renja.model.result import Result

HEADER = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target", "Satuan",
          "Pagu Indikatif (Rp)"]  # fmt: skip
ROWS = [
    ["1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN<br>PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
     "Usia Harapan Hidup<br>Prevalensi Stunting", "72,18<br>21,40", "Tahun<br>%",
     "1.250.000.000"],
    ["1.02.02.2.01", "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan"
     " Daerah Kabupaten/Kota", "Jumlah fasilitas kesehatan<br>Persentase puskesmas terakreditasi",
     "12<br>85", "Unit<br>%", "1.250.000.000"],
    ["1.02.02.2.01.0001", "Pembangunan Rumah Sakit beserta Sarana dan Prasarana Pendukungnya",
     "Jumlah rumah sakit yang<br>dibangun", "1", "Unit", "500.000.<br>000"],
    ["1.02.02.2.01.0002", "Pembangunan Puskesmas", "Persentase puskesmas<br>yang dibangun",
     "31,7<br>3", "%", "750.000.000"],
]  # fmt: skip


def _pipe(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])


def _html(rows: list[list[str]]) -> str:
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{head}{body}</table>"


@pytest.fixture(scope="module", params=["pipe", "html"])
def result(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Result:
    table = _pipe(ROWS) if request.param == "pipe" else _html(ROWS)
    text = f"## Tabel 3.1 Rencana Program dan Kegiatan Tahun 2025\n\n{table}\n"
    path = tmp_path_factory.mktemp("stacked") / "renja-dinkes-contoh-2025.md"
    path.write_text(text, encoding="utf-8")
    return renja.process(path, code=False)


def test_stacked_indicators_are_a_row_each_with_their_targets(result: Result) -> None:
    (table,) = result.tables
    frame = table.frame
    assert frame["jenis_baris"].tolist() == ["data", "indikator", "data", "indikator", "data",
                                             "data"]  # fmt: skip
    assert frame["indikator"].tolist()[:4] == [
        "Usia Harapan Hidup", "Prevalensi Stunting", "Jumlah fasilitas kesehatan",
        "Persentase puskesmas terakreditasi",
    ]  # fmt: skip
    assert frame["target"].tolist()[:4] == [72.18, 21.40, 12, 85]
    assert frame["satuan"].tolist()[:4] == ["Tahun", "%", "Unit", "%"]
    program = frame.iloc[0]
    assert program["kode"] == "1.02.02" and program["pagu"] == 1_250_000_000
    assert program["uraian"] == (
        "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"
    )
    assert frame.iloc[1][["kode", "uraian", "pagu"]].isna().all()
    # the indicator rows carry no pagu of their own: the program's sum is its subs'
    assert not [f for f in result.findings if f.check == "angka_tidak_terbaca"]


def test_wrapped_lines_and_wrapped_numbers_stay_one_row(result: Result) -> None:
    frame = result.tables[0].frame.set_index("kode")
    sub = frame.loc["1.02.02.2.01.0001"]
    assert sub["indikator"] == "Jumlah rumah sakit yang dibangun"
    assert sub["pagu"] == 500_000_000
    assert frame.loc["1.02.02.2.01.0002", "indikator"] == "Persentase puskesmas yang dibangun"
