"""A sub kegiatan with its indicators stacked in its row prints its pagu once, centred up and
down: on its second indicator's line. Read line by line the pagu stood on an indicator line,
the record had none, and its kegiatan's sum missed it (false ``jumlah_rincian``). The amount
(and funding source) of the one indicator line that prints one is the record's
(normalize/record_amounts.py), the move logged as a repair."""

from __future__ import annotations

from pathlib import Path

import renja

HEADER = (
    "| Kode | Uraian | Indikator | Target | Pagu (Rp) | Sumber Dana |\n|---|---|---|---|---|---|\n"
)


def _document(second: str = "") -> str:
    rows = [
        ("3.27.02.2.01", "Pengawasan Penggunaan Sarana Pertanian", "Persentase", "85 %",
         "2.651.670.000", ""),
        ("3.27.02.2.01.0001", "Pengawasan Penggunaan Sarana Pendukung", "Jumlah Laporan",
         "12 Laporan", "1.395.670.000", "DAU"),
        ("", "", "Jumlah kelompok tani yang dibina", "25 Kelompok", "", ""),
        ("3.27.02.2.01.0002", "Pendampingan Penggunaan Sarana Pendukung", "Jumlah Pendampingan",
         "12 Laporan", "", ""),
        ("", "", "Jumlah peternak yang didampingi", "150 Orang", "1.256.000.000",
         "DAK Non Fisik"),
        ("", "", "Jumlah kecamatan sasaran", "12 Kecamatan", second, ""),
    ]  # fmt: skip
    body = "".join("| " + " | ".join(row) + " |\n" for row in rows)
    return "Tabel 3.1 Rencana Program dan Kegiatan Tahun 2026\n\n" + HEADER + body


def test_the_amount_on_an_indicator_line_is_its_records(tmp_path: Path) -> None:
    path = tmp_path / "renja.md"
    path.write_text(_document(), encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    frame = table.frame.set_index("baris")
    record = frame[frame["kode"] == "3.27.02.2.01.0002"].iloc[0]
    assert record["pagu"] == 1_256_000_000 and record["sumber_dana"] == "DAK Non Fisik"
    lines = frame[frame["jenis_baris"] == "indikator"]
    assert lines["pagu"].isna().all()
    assert not [f for f in result.findings if f.severity == "error"]
    moves = [r for r in result.repairs if r.rule == "lift_record_amount"]
    assert [(r.column, r.raw) for r in moves] == [
        ("pagu", "1.256.000.000"), ("sumber_dana", "DAK Non Fisik")
    ]


def test_two_indicator_lines_with_amounts_stay_as_printed(tmp_path: Path) -> None:
    path = tmp_path / "renja.md"
    path.write_text(_document(second="100.000.000"), encoding="utf-8")
    result = renja.process(path)
    assert not [r for r in result.repairs if r.rule == "lift_record_amount"]
    assert any(f.check == "jumlah_rincian" for f in result.findings)
