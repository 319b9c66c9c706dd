"""pymupdf4llm writes a SIPD Renja's ``Pagu Indikatif`` and ``Sumber Dana`` columns as one
(``Pagu Indikatif<br>Sumber<br>Dana``: ``206.927.000 Retribusi``). The column was taken for
the funding source, no pagu was read, and the table's sums went unchecked. A cell of an
amount and a funding source is an amount in shape (``columns._shape``): the column is the
pagu's, each amount is read and its funding source stays in the repair's log and the raw
cell (``glued``: rule ``split_amount_from_words``). Other words after a number in an amount
column (``10.000 Lembar``) are not split off: that cell stays unreadable, said so."""

from __future__ import annotations

from pathlib import Path

import renja

ROWS = [("2.15.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi", "100 %", "**1.767.227.000**"),
        ("2.15.01.2.01.0001", "Penyusunan Dokumen Perencanaan", "4 Dokumen",
         "206.927.000 Retribusi"),
        ("2.15.01.2.01.0006", "Koordinasi dan Penyusunan Laporan", "4 Laporan",
         "89.900.000 DAU"),
        ("2.15.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", "4 Laporan",
         "1.570.400.000 DAK Fisik")]  # 1.470.400.000 in the kegiatan's sum  # fmt: skip


def test_an_amount_glued_to_its_funding_source_is_the_pagu(tmp_path: Path) -> None:
    lines = ["**Tabel 3.1 Rencana Program dan Kegiatan Tahun 2026**", "",
             "|**Kode**|**Program/Kegiatan**|**Indikator Kinerja**|**Target**<br>**Satuan**|"
             "**Pagu Indikatif**<br>**Sumber**<br>**Dana**|", "|---|---|---|---|---|"]  # fmt: skip
    lines += ["|" + "|".join((*row[:2], "Jumlah Dokumen", *row[2:])) + "|" for row in ROWS]
    path = tmp_path / "renja.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.frame["pagu"].tolist() == [1_767_227_000, 206_927_000, 89_900_000, 1_570_400_000]
    sums = {(f.check, f.kode) for f in result.findings if f.severity == "error"}
    assert ("jumlah_rincian", "2.15.01.2.01") in sums
    assert not [f for f in result.findings if f.check == "angka_tidak_terbaca"]
    split = [(r.raw, r.clean) for r in result.repairs if r.rule == "split_amount_from_words"]
    assert ("206.927.000 Retribusi", "206.927.000") in split
