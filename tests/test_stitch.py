"""Stitching a table's page parts: a later page that sets the same header differently (as two
rows where the first page had one) is a repeated header, not data; a label-like row after a
repeated header (the rest of a row the page break split) stays a row."""

from __future__ import annotations

from renja.extract.stitch import Block, blocks_to_tables
from renja.model.records import RawRow, RowRole, Source

LABELS = ["No", "Program/Kegiatan", "Rancangan Awal RKPD Lokasi", "Pagu Indikatif (Rp)",
          "Hasil Analisis Kebutuhan Dana (Rp)"]  # fmt: skip
NUMBERS = ["1", "2", "3", "4", "5"]


def _row(cells: list[str], page: int) -> RawRow:
    return RawRow(tuple(cells), Source(page=page))


def _data(no: str, page: int) -> RawRow:
    return _row([no, f"1.02.02.2.01.000{no} Kegiatan", "Kota", "1.000.000", "900.000"], page)


def test_a_header_set_as_two_rows_on_the_next_page_is_a_repeated_header() -> None:
    first = [_row(LABELS, 1), _row(NUMBERS, 1), _data("1", 1), _data("2", 1)]
    again = [
        _row(["", "", "Rancangan Awal RKPD", "", "Hasil Analisis"], 2),
        _row(["No", "Program/Kegiatan", "Lokasi", "Pagu Indikatif (Rp)", "Kebutuhan Dana (Rp)"], 2),
        _row(NUMBERS, 2),
        _data("3", 2),
    ]
    (table,) = blocks_to_tables(
        [Block("pdfplumber-text", first, 1, 1, stream="pdf"),
         Block("pdfplumber-text", again, 2, 2, stream="pdf")],
        [],
    )  # fmt: skip
    assert table.parts == 2
    roles = [r.role for r in table.rows]
    assert roles == [RowRole.HEADER] * 2 + [RowRole.BODY] * 2 + [RowRole.REPEATED_HEADER] * 3 + [
        RowRole.BODY
    ]
    assert [r.cells[0] for r in table.body] == ["1", "2", "3"]  # no header row read as data


def test_a_row_of_years_cut_otherwise_on_the_next_page_is_a_repeated_header() -> None:
    """Years over their columns, set again on the next page but cut into other columns
    (``2025 2026`` in one cell): not read as labels there, but the same words as the first
    page's header row, so a repeated header and not a row of data (a total of 20252026)."""
    years = ["", "2025", "2026", "2027", "Total"]
    first = [_row(["Kode", "Pendanaan Indikatif (Rp)", "", "", ""], 1), _row(years, 1),
             _data("1", 1), _data("2", 1)]  # fmt: skip
    again = [_row(["Kode", "Pendanaan Indikatif (Rp)", "", "", ""], 2),
             _row(["", "2025 2026", "", "2027", "Total"], 2), _data("3", 2)]  # fmt: skip
    (table,) = blocks_to_tables(
        [Block("pdfplumber-text", first, 1, 1, stream="pdf"),
         Block("pdfplumber-text", again, 2, 2, stream="pdf")],
        [],
    )  # fmt: skip
    assert [r.role for r in table.rows[4:]] == [RowRole.REPEATED_HEADER] * 2 + [RowRole.BODY]
    assert [r.cells[0] for r in table.body] == ["1", "2", "3"]
