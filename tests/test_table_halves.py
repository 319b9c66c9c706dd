"""pymupdf4llm cuts a wide table at a wide gap between its columns and writes the two halves
one under the other: ``Kode | Uraian | Indikator`` for every row, then ``Target | Satuan |
Pagu | Sumber Dana`` for the same rows. Stacked as page parts they were one table of twice the
rows with no form (not audited). The right half (as many rows, nothing between, no code in
any row) is the left half's columns continued (extract/markdown.py, ``join_halves``)."""

from __future__ import annotations

from pathlib import Path

import renja

LEFT = [("2.11.03", "PROGRAM PENGENDALIAN PENCEMARAN", "Indeks Kualitas Lingkungan Hidup"),
        ("2.11.03.2.01", "Pencegahan Pencemaran", "Persentase pelaksanaan kegiatan"),
        ("2.11.03.2.01.0007", "Pemantauan kualitas<br>Lingkungan Hidup", "Data indeks"),
        ("2.11.03.2.01.0011", "Penyusunan dokumen status", "Jumlah dokumen")]  # fmt: skip
RIGHT = [("68,20", "Indeks", "418.829.300", ""), ("100", "%", "418.829.300", ""),
         ("4", "Lokasi", "49.120.000", "DAU"), ("8", "Dokumen", "369.709.300", "DAK")]  # fmt: skip


def _pipe(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["|" + "|".join(header) + "|", "|" + "---|" * len(header)]
    lines += ["|" + "|".join(row) + "|" for row in rows]
    return "\n".join(lines) + "\n"


def test_the_right_half_of_a_cut_table_continues_its_rows(tmp_path: Path) -> None:
    text = ("**Tabel 3.2 Rencana Program dan Kegiatan Tahun 2026**\n\n\n"
            + _pipe(("Kode", "Program/Kegiatan/<br>Sub Kegiatan", "Indikator Kinerja"), LEFT)
            + "\n\n" + _pipe(("Target", "Satuan", "Pagu Indikatif<br>(Rp)", "Sumber<br>Dana"),
                             RIGHT) + "\n\nRenja DLH 2026 III-8\n")  # fmt: skip
    path = tmp_path / "renja.md"
    path.write_text(text, encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.frame["kode"].tolist() == [row[0] for row in LEFT]
    assert table.frame["pagu"].tolist() == [418_829_300, 418_829_300, 49_120_000, 369_709_300]
    assert table.frame["sumber_dana"].tolist()[2:] == ["DAU", "DAK"]
    assert not [f for f in result.findings if f.severity == "error"]


def test_tables_with_text_between_or_codes_on_both_sides_stay_apart(tmp_path: Path) -> None:
    codes = [(kode, "1", "Unit", "1.000") for kode, *_ in LEFT]
    for between, right in [("Tabel 3.3 Sasaran\n\n", RIGHT), ("", codes)]:
        text = (_pipe(("Kode", "Uraian", "Indikator"), LEFT) + "\n" + between
                + _pipe(("Target", "Satuan", "Pagu", "Sumber Dana"), right))  # fmt: skip
        path = tmp_path / "renja.md"
        path.write_text(text, encoding="utf-8")
        tables = renja.process(path).document.tables
        assert all(len(t.rows[0].cells) < 7 for t in tables)
