"""A Markdown pipe table has no column or row spans, so converters (docling, Marker) print a
spanning cell once in each cell it covers.

- Across columns: a bidang's name across its indicator, target and unit columns, ``JUMLAH``
  across a whole total row. The copies are emptied, logged as ``drop_spanned_repeats``; equal
  values right of the name (a target printed the same for every year) stay, and so do two
  equal texts side by side.
- Down rows: a program's code, name and pagu printed again on the line of each further
  indicator. The copies are emptied (``drop_repeated_record``): the line is the program's
  indicator, and neither a duplicate code nor a failing sum is reported.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import renja
from renja.model.result import Result

HEAD = "| Kode | Uraian | Indikator Kinerja | Target | Satuan | Target 2026 | Pagu Indikatif (Rp) |"
BIDANG = "URUSAN PEMERINTAHAN BIDANG KESEHATAN"
ROWS = [
    f"| 1.02 | {BIDANG} | {BIDANG} | {BIDANG} | {BIDANG} | {BIDANG} | 1.250.000.000 |",
    "| 1.02.01 | PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA | Opini BPK | WTP "
    "| Opini | WTP | 1.250.000.000 |",
    "| 1.02.01.2.01 | Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah "
    "| Dokumen perencanaan | 5 | Dokumen | 5 | 250.000.000 |",
    "| 1.02.01.2.02 | Administrasi Keuangan Perangkat Daerah | Administrasi Keuangan Perangkat "
    "Daerah | 12 | Laporan | 12 | 1.000.000.000 |",
    "| JUMLAH | JUMLAH | JUMLAH | JUMLAH | JUMLAH | JUMLAH | 1.250.000.000 |",
]


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Result:
    path = tmp_path_factory.mktemp("docling") / "renja-dinkes-kota-contoh-2025.md"
    lines = ["# RENJA DINAS KESEHATAN KOTA CONTOH TAHUN 2025", "", "Tabel 4.1 Rencana Program",
             "", HEAD, "|---|---|---|---|---|---|---|", *ROWS]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return renja.process(path, code=False)


def test_a_spanned_label_printed_in_each_column_is_read_once(result: Result) -> None:
    (table,) = result.tables
    rows = table.frame.set_index("baris")
    bidang = rows.loc[1]
    assert bidang["uraian"] == BIDANG
    assert all(pd.isna(bidang[c]) for c in ("indikator", "target", "target_teks", "satuan"))
    total = rows.loc[5]
    assert (total["jenis_baris"], total["uraian"]) == ("total", "JUMLAH")
    assert pd.isna(total["indikator"])
    assert total["pagu"] == 1_250_000_000
    logged = {(r.row, r.column, r.raw, r.clean, r.origin) for r in result.repairs
              if r.rule == "drop_spanned_repeats"}  # fmt: skip
    assert (1, "indikator", BIDANG, "", "uraian") in logged
    assert {(row, origin) for row, _column, _raw, _clean, origin in logged} == {
        (1, "uraian"), (5, "kode")
    }


def test_equal_values_beside_the_name_are_kept(result: Result) -> None:
    rows = result.tables[0].frame.set_index("baris")
    program, kegiatan = rows.loc[2], rows.loc[4]
    assert (program["indikator"], program["target_teks"]) == ("Opini BPK", "WTP")
    assert kegiatan["indikator"] == "Administrasi Keuangan Perangkat Daerah"  # two, side by side


PROGRAM = "| 1.02.01 | PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA |"
KEGIATAN = "| 1.02.01.2.02 | Administrasi Keuangan Perangkat Daerah |"
ROW_SPANS = [
    f"{PROGRAM} Persentase dokumen tepat waktu | 100 | % | 1.250.000.000 |",
    f"{PROGRAM} Nilai SAKIP | 80 | Nilai | 1.250.000.000 |",
    f"{PROGRAM} Nilai SAKIP | 80 | Nilai | 1.250.000.000 |",  # the same again: compared with
    # the record printed whole (the first line), it is another of its indicator lines
    "| 1.02.01.2.01 | Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah "
    "| Jumlah dokumen | 5 | Dokumen | 250.000.000 |",
    f"{KEGIATAN} Jumlah laporan | 12 | Laporan | 1.000.000.000 |",
    f"{KEGIATAN} Jumlah orang | 120 | Orang | 1.000.000.000 |",
    f"{KEGIATAN} Persentase tepat waktu | 100 | % | 1.000.000.000 |",
    "| 1.02.01.2.02.0001 | Penyediaan Gaji dan Tunjangan ASN | Jumlah orang | 120 | Orang "
    "| 1.000.000.000 |",
]


def test_a_record_printed_again_for_each_indicator_is_one_record(tmp_path: Path) -> None:
    path = tmp_path / "renja-dinkes-kota-contoh-2025.md"
    lines = ["# RENJA DINAS KESEHATAN KOTA CONTOH TAHUN 2025", "", "Tabel 4.1 Rencana Program", "",
             "| Kode | Uraian | Indikator Kinerja | Target | Satuan | Pagu Indikatif (Rp) |",
             "|---|---|---|---|---|---|", *ROW_SPANS]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = renja.process(path, code=False)
    frame = result.tables[0].frame.set_index("baris")
    kinds = frame["jenis_baris"].tolist()
    assert kinds == ["data", "indikator", "indikator", "data", "data", "indikator", "indikator",
                     "data"]  # fmt: skip
    copies = [2, 3, 6, 7]
    assert frame.loc[copies, "kode"].isna().all() and frame.loc[copies, "pagu"].isna().all()
    assert frame.loc[7, "indikator"] == "Persentase tepat waktu"
    assert frame["pagu"].sum() == 1_250_000_000 + 250_000_000 + 2 * 1_000_000_000  # once each
    emptied = {(r.row, r.column) for r in result.repairs if r.rule == "drop_repeated_record"}
    assert emptied == {(row, column) for row in copies for column in ("kode", "uraian", "pagu")}
    assert not [f for f in result.findings if f.check in ("jumlah_rincian", "skema_kode_ganda")]
