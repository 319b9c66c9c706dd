"""A spreadsheet printed in column bands (the left columns of every row on the first pages,
the right columns on the pages after), converted to Markdown by pymupdf4llm: each band a
pipe table with its column-number row in italics (``_(4)_``). The italics hid the numbers,
so the right band was stacked under the left as more rows of one table (never audited). The
numbers are read through the markup (``cells.strip_markup``) and the right band's rows
continue the left band's, as in a PDF (``side_by_side``), with the same warning."""

from __future__ import annotations

from pathlib import Path

import renja

LEFT = [("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", "Persentase fasilitas"),
        ("1.02.02.2.01", "Penyediaan Fasilitas", "Jumlah fasilitas"),
        ("1.02.02.2.01.0014", "Pengadaan Alat Kesehatan", "Jumlah alat"),
        ("1.02.02.2.01.0020", "Pemeliharaan Rutin Fasilitas", "Jumlah fasilitas")]  # fmt: skip
RIGHT = [("90 %", "900.000.000", "DAU"), ("12 Unit", "900.000.000", "DAU"),
         ("4 Unit", "600.000.000", "DAK"),
         ("8 Unit", "200.000.000", "DAU")]  # 1.02.02.2.01 is 800 000 000  # fmt: skip


def _band(header: tuple[str, ...], numbers: tuple[int, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["|" + "|".join(f"**{h}**" for h in header) + "|", "|" + "---|" * len(header),
             "|" + "|".join(f"_({n})_" for n in numbers) + "|"]  # fmt: skip
    lines += ["|" + "|".join(row) + "|" for row in rows]
    return "\n".join(lines) + "\n"


def test_a_right_band_in_italic_numbers_continues_the_left_bands_rows(tmp_path: Path) -> None:
    text = ("**Tabel 3.1 Rencana Program dan Kegiatan Tahun 2026**\n\n"
            + _band(("Kode", "Program/Kegiatan", "Indikator Kinerja"), (1, 2, 3), LEFT)
            + "\nRenja Dinas Kesehatan 2026\n\n"
            + _band(("Target", "Pagu Indikatif (Rp)", "Sumber Dana"), (4, 5, 6), RIGHT)
            + "\nRenja Dinas Kesehatan 2026\n")  # fmt: skip
    path = tmp_path / "renja.md"
    path.write_text(text, encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.frame["kode"].tolist() == [row[0] for row in LEFT]
    assert table.frame["pagu"].tolist() == [900_000_000, 900_000_000, 600_000_000, 200_000_000]
    errors = {(f.check, f.kode) for f in result.findings if f.severity == "error"}
    assert ("jumlah_rincian", "1.02.02.2.01") in errors
    assert any(w.startswith("tabel t01: kolom-kolomnya") for w in result.document.warnings)


def test_a_heading_that_is_a_tables_number_is_its_caption(tmp_path: Path) -> None:
    """pymupdf4llm makes a caption set large and bold a heading (``## **Tabel 3.1 …**``): it
    is the table's caption, not a section title the caption search stops at; a heading of
    another kind (``## LAMPIRAN``) still is no caption."""
    table = _band(("Kode", "Program/Kegiatan", "Indikator Kinerja"), (1, 2, 3), LEFT)
    for heading, caption in [("## **Tabel 3.1 Rencana Program Tahun 2026**",
                              "Tabel 3.1 Rencana Program Tahun 2026"), ("## **LAMPIRAN**", "")]:
        path = tmp_path / "renja.md"
        path.write_text(f"{heading}\n\n{table}", encoding="utf-8")
        [raw] = renja.process(path).document.tables
        assert raw.caption == caption
