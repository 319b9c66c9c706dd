"""An amount and the words of the column after it read as one cell (``611.557.000 PAD``: the
pagu and its sumber dana) are split: the amount to its amount column, the words to theirs, each
split logged as ``split_amount_from_words``. A spreadsheet printed without borders sets the
amount flush right and the word flush left, a space apart or less, and the reader (or a
converter) takes them for one cell; the aligner then put the whole cell in the column of words,
the pagu column stayed empty and no finding said so. (Seen on an Excel sheet printed by
LibreOffice without borders: 18 of 90 amounts lost, none after this.)

The table is given as a converter writes it, in Markdown, the glued cell in either column of a
Renja's rencana kerja form.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import renja
from renja.model.severity import Severity
from renja.present.writer import write_result

# kode, uraian, target, pagu, sumber dana (the pagu of the rows above sums the rows below)
ROWS = [
    ("3.27.02", "PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN", "100 %", 1_780_863_000, ""),
    ("3.27.02.2.01", "Pengawasan Penggunaan Sarana Pertanian", "100 %", 1_780_863_000, ""),
    ("3.27.02.2.01.0001", "Pemeliharaan Sarana Pertanian", "31 Laporan", 611_557_000, "PAD"),
    ("3.27.02.2.01.0002", "Penyediaan Benih Ternak", "31 Kelompok", 600_067_000, "DAU"),
    ("3.27.02.2.01.0003", "Pengendalian Bencana Pertanian", "54 Ton", 569_239_000, "DAK Fisik"),
]  # fmt: skip


def rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


HEADER = ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
          "Indikator Kinerja", "Target", "Pagu Indikatif (Rp)", "Sumber Dana"]  # fmt: skip


def markdown(path: Path) -> Path:
    lines = ["## Tabel 5.1 Rencana Program dan Kegiatan Tahun 2026", "",
             "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]  # fmt: skip
    for number, (kode, uraian, target, pagu, dana) in enumerate(ROWS):
        if dana:  # glued, in the amount column or in the words column
            glued = f"{rupiah(pagu)} {dana}"
            cells = [glued, ""] if number % 2 else ["", glued]
        else:
            cells = [rupiah(pagu), ""]
        lines.append(f"| {kode} | {uraian} | Persentase capaian | {target} | {' | '.join(cells)} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    return renja.process(markdown(tmp_path_factory.mktemp("glued") / "rapat.md"))


def test_amounts_and_words_go_to_their_columns(result) -> None:
    [table] = [t for t in result.tables if not t.frame.empty]
    frame = table.frame
    assert [int(v) for v in frame["pagu"]] == [row[3] for row in ROWS]
    assert [v or "" for v in frame["sumber_dana"]] == [row[4] for row in ROWS]
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []


def test_each_split_is_logged(result, tmp_path: Path) -> None:
    folder = write_result(result, tmp_path, parquet=False, reports=False)
    with (folder / "repairs.csv").open(encoding="utf-8") as handle:
        splits = [r for r in csv.DictReader(handle) if r["rule"] == "split_amount_from_words"]
    glued = [row for row in ROWS if row[4]]
    assert sorted((r["column"], r["clean"]) for r in splits) == sorted(
        [("pagu", rupiah(row[3])) for row in glued] + [("sumber_dana", row[4]) for row in glued]
    )
    assert {r["raw"] for r in splits} == {f"{rupiah(row[3])} {row[4]}" for row in glued}
