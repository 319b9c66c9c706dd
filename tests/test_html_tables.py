"""HTML tables in Markdown: span expansion, headers, bad markup, line numbers, the DKI sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import renja
from renja.extract.html_tables import (
    MAX_COLSPAN,
    HtmlRow,
    find_html_tables,
    parse_html_table,
)

DKI_SAMPLE = (
    Path(__file__).resolve().parents[1].parent / "shared/samples/real/rkpd-dki-jakarta-2025.md"
)
DKI_TABLE_COUNT = 196
DKI_WILAYAH_START = '<table><tr><td rowspan="2">No</td><td rowspan="2">Kota/Kabupaten</td>'


def _cells(html: str) -> list[list[str]]:
    return [row.cells for row in parse_html_table(html)]


# --- spans -------------------------------------------------------------------------------------


def test_rowspan_and_colspan_expand_into_an_exact_grid() -> None:
    html = (
        "<table>"
        '<tr><td rowspan="2">No</td><td rowspan="2">Uraian</td><td colspan="2">Target</td>'
        '<td rowspan="3">Pagu</td></tr>'
        "<tr><td>2024</td><td>2025</td></tr>"
        '<tr><td colspan="2">Program A</td><td>10</td><td>12</td></tr>'
        '<tr><td>1</td><td colspan="2" rowspan="2">Kegiatan B</td><td>5</td><td>9.000</td></tr>'
        "<tr><td>2</td><td>7</td><td>8.000</td></tr>"
        "</table>"
    )
    assert _cells(html) == [
        ["No", "Uraian", "Target", "", "Pagu"],
        ["", "", "2024", "2025", ""],
        ["Program A", "", "10", "12", ""],
        ["1", "Kegiatan B", "", "5", "9.000"],
        ["2", "", "", "7", "8.000"],
    ]


def test_short_rows_are_padded_to_the_widest_row() -> None:
    html = '<table><tr><td>a</td></tr><tr><td colspan="3">b</td></tr><tr></tr></table>'
    assert _cells(html) == [["a", "", ""], ["b", "", ""], ["", "", ""]]


def test_rowspan_past_the_last_row_is_cut_and_zero_means_to_the_end() -> None:
    html = (
        '<table><tr><td rowspan="9">a</td><td rowspan="0">b</td><td>c</td></tr>'
        "<tr><td>d</td></tr><tr><td>e</td></tr></table>"
    )
    assert _cells(html) == [["a", "b", "c"], ["", "", "d"], ["", "", "e"]]


def test_span_attributes_are_read_like_a_browser() -> None:
    html = (
        '<table><tr><td colspan=" 2px">a</td><td colspan="zero">b</td><td colspan="0">c</td>'
        "<td rowspan>d</td></tr></table>"
    )
    assert _cells(html) == [["a", "", "b", "c", "d"]]


def test_absurd_colspan_is_capped() -> None:
    rows = parse_html_table('<table><tr><td colspan="999999999">x</td></tr></table>')
    assert len(rows[0].cells) == MAX_COLSPAN
    assert rows[0].cells[0] == "x"


# --- cell text ---------------------------------------------------------------------------------


def test_cell_text_strips_tags_unescapes_and_collapses_whitespace() -> None:
    html = (
        "<table><tr>"
        "<td> Jakarta<br>Pusat </td>"
        "<td><p>Luas</p><p>Wilayah</p></td>"
        "<td>km<sup>2</sup> &amp; &lt;5&gt;&nbsp;ha</td>"
        "<td>\\( km^2 \\)</td>"
        "<td>\n  Dinas\t\tSosial  \n</td>"
        "<td>尔 Rp 1.234,00</td>"
        "</tr></table>"
    )
    assert _cells(html) == [
        [
            "Jakarta<br>Pusat",  # a line break kept as Markdown writes it (stacked_cells reads it)
            "Luas Wilayah",
            "km2 & <5> ha",
            "\\( km^2 \\)",
            "Dinas Sosial",
            "尔 Rp 1.234,00",
        ]
    ]


def test_nested_table_text_joins_the_outer_cell() -> None:
    html = (
        "<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table>d</td><td>e</td></tr>"
        "<tr><td>f</td><td>g</td></tr></table>"
    )
    assert _cells(html) == [["a b c d", "e"], ["f", "g"]]


# --- headers -----------------------------------------------------------------------------------


def test_thead_rows_and_all_th_rows_are_headers() -> None:
    html = (
        "<table>"
        "<thead><tr><td>Kode</td><td>Uraian</td></tr><tr><th>(1)</th><td>(2)</td></tr></thead>"
        "<tbody><tr><th>Kode</th><th>Uraian</th></tr>"
        "<tr><th>1.01</th><td>Pendidikan</td></tr>"
        "<tr><td>1.02</td><td>Kesehatan</td></tr></tbody>"
        "</table>"
    )
    rows = parse_html_table(html)
    assert [row.header for row in rows] == [True, True, True, False, False]
    assert rows[0].cells == ["Kode", "Uraian"]


def test_header_flag_ends_with_thead_even_without_a_closing_tag() -> None:
    html = "<table><thead><tr><th>a</th></tr><tbody><tr><td>b</td></tr></table>"
    assert [row.header for row in parse_html_table(html)] == [True, False]


# --- malformed markup --------------------------------------------------------------------------


def test_unclosed_cells_and_rows_close_at_the_next_cell_or_row() -> None:
    html = "<table><tr><td>a<td>b<tr><td>c<th>d</table>"
    assert _cells(html) == [["a", "b"], ["c", "d"]]


def test_missing_table_end_and_stray_text_are_tolerated() -> None:
    html = "stray <table>lost<td>a</td>between<td>b</td></tr>x</td><tr><td>c"
    assert parse_html_table(html, first_line=5) == [
        HtmlRow(line=5, cells=["a", "b"], header=False),
        HtmlRow(line=5, cells=["c", ""], header=False),
    ]


@pytest.mark.parametrize(
    "html",
    ["", "<table></table>", "<table>", "no table here", "<table><caption>Tabel</caption></table>"],
)
def test_a_table_without_rows_gives_an_empty_list(html: str) -> None:
    assert parse_html_table(html) == []


@pytest.mark.parametrize(
    "html",
    ["<table><tr><td><![ x", "<![if !supportLists]>", "<table><td><![foo[a]]>", "<!x", "</", "<"],
)
def test_markup_that_trips_the_stdlib_parser_does_not_raise(html: str) -> None:
    parse_html_table(html)


# --- line numbers ------------------------------------------------------------------------------


def test_rows_of_a_multi_line_table_carry_their_source_line() -> None:
    html = "<table>\n<tr><td>a</td></tr>\n\n<tr>\n<td>b\nc</td>\n</tr><tr><td>d</td></tr>\n</table>"
    rows = parse_html_table(html, first_line=10)
    assert [(row.line, row.cells) for row in rows] == [(11, ["a"]), (13, ["b c"]), (16, ["d"])]


def test_find_html_tables_reports_first_and_last_lines() -> None:
    text = (
        "# Bab I\n"
        "<table><tr><td>a</td></tr></table>\n"
        "teks\n"
        "<TABLE border=1><tr><td>x<table><tr><td>in</td></tr></table>\n"
        "</td></tr>\n"
        "</TABLE> tail\n"
        "<tables> is not a table\n"
    )
    assert find_html_tables(text) == [
        (2, 2, "<table><tr><td>a</td></tr></table>"),
        (
            4,
            6,
            "<TABLE border=1><tr><td>x<table><tr><td>in</td></tr></table>\n</td></tr>\n</TABLE>",
        ),
    ]


def test_an_unclosed_table_ends_at_the_next_blank_line() -> None:
    text = "<table><tr><td>a\n<tr><td>b\n  \nparagraf\n<table><tr><td>c</td></tr></table>"
    assert find_html_tables(text) == [
        (1, 2, "<table><tr><td>a\n<tr><td>b"),
        (5, 5, "<table><tr><td>c</td></tr></table>"),
    ]


def test_found_tables_parse_with_document_line_numbers() -> None:
    text = "a\nb\n<table>\n<tr><td>x</td></tr>\n<tr><td>y</td></tr>\n</table>\n"
    [(first, last, html)] = find_html_tables(text)
    assert (first, last) == (3, 6)
    assert [row.line for row in parse_html_table(html, first)] == [4, 5]


# --- the real DKI Jakarta RKPD -----------------------------------------------------------------


@pytest.fixture(scope="module")
def dki_text() -> str:
    if not DKI_SAMPLE.is_file():
        pytest.skip(f"real sample not available: {DKI_SAMPLE}")
    return DKI_SAMPLE.read_text(encoding="utf-8")


def test_dki_has_196_tables_and_every_row_is_kept(dki_text: str) -> None:
    tables = find_html_tables(dki_text)
    assert len(tables) == DKI_TABLE_COUNT
    total_rows = 0
    for first, last, html in tables:
        assert html.startswith("<table>") and html.endswith("</table>")
        rows = parse_html_table(html, first)
        assert rows, f"table at line {first} has no rows"
        assert len({len(row.cells) for row in rows}) == 1, f"table at line {first} is ragged"
        assert all(first <= row.line <= last for row in rows)
        total_rows += len(rows)
    assert total_rows == dki_text.count("<tr>")


def test_dki_wilayah_table_grid(dki_text: str) -> None:
    [(first, last, html)] = [
        t for t in find_html_tables(dki_text) if t[2].startswith(DKI_WILAYAH_START)
    ]
    assert (first, last) == (932, 932)
    rows = parse_html_table(html, first)
    assert [row.cells for row in rows[:3]] == [
        ["No", "Kota/Kabupaten", "Luas Wilayah", "", "Jumlah", "", "", ""],
        ["", "", "\\( km^2 \\)", "%", "Kecamatan", "Kelurahan", "RW", "RT"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
    ]
    assert rows[-1] == HtmlRow(
        line=932,
        cells=["Jumlah", "", "661,23", "100", "44", "267", "2.741", "30.470"],
        header=False,
    )
    assert len(rows) == 10


def test_dki_multi_line_table_rows_keep_their_lines(dki_text: str) -> None:
    first, last, html = find_html_tables(dki_text)[0]
    assert (first, last) == (457, 536)
    rows = parse_html_table(html, first)
    by_line = {row.line: row.cells for row in rows}
    assert by_line[459] == [
        "HLS",
        ": Harapan Lama Sekolah",
        "JICA",
        ": Japan International Cooperation Agency",
    ]
    assert rows[0].line == 457
    assert rows[-1].line == 536
    assert [row.line for row in rows] == sorted(row.line for row in rows)


# --- never raises ------------------------------------------------------------------------------

_MARKUP = st.sampled_from(
    [
        "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "</th>", "<thead>",
        "</thead>", "<tbody>", '<td rowspan="3">', '<td colspan="2">', "<td rowspan=0>",
        '<td colspan="99999">', "<![", "<![if ", "<![CDATA[", "]]>", "<!--", "-->", "<!", "<?",
        "</", "<", "&", "&#", "&#x110000;", "&amp;", "\n", "\n\n", "<br/>", "<script>",
        "<TABLE>", "<td/>", ">", '"', "=",
    ]
)  # fmt: skip


def _assert_well_formed(rows: list[HtmlRow]) -> None:
    assert len({len(row.cells) for row in rows}) <= 1
    assert all(isinstance(cell, str) for row in rows for cell in row.cells)


@settings(deadline=None)
@given(st.text(), st.integers(min_value=-5, max_value=10_000))
def test_random_text_never_raises(text: str, first_line: int) -> None:
    _assert_well_formed(parse_html_table(text, first_line))
    for first, last, html in find_html_tables(text):
        assert first <= last
        _assert_well_formed(parse_html_table(html, first))


@settings(deadline=None)
@given(st.lists(st.one_of(_MARKUP, st.text(max_size=5)), max_size=40).map("".join))
def test_random_markup_never_raises(text: str) -> None:
    _assert_well_formed(parse_html_table(text))
    for first, last, html in find_html_tables(text):
        assert first <= last and html in text
        _assert_well_formed(parse_html_table(html, first))


def test_a_table_caption_is_the_tables_caption_not_the_line_above(tmp_path: Path) -> None:
    # Azure Document Intelligence: checkboxes as ':selected:' text above, the title inside.
    document = tmp_path / "azure.md"
    document.write_text(
        ":unselected: Rancangan Awal :selected: Rancangan :unselected: Rancangan Akhir\n\n"
        "<table>\n<caption>Tabel 3.1 Rumusan Rencana Program dan Kegiatan</caption>\n"
        "<tr><th>Kode</th><th>Program/Kegiatan</th><th>Pagu Indikatif (Rp)</th></tr>\n"
        "<tr><td>2.12.02</td><td>PROGRAM PENDAFTARAN PENDUDUK</td><td>300.000.000</td></tr>\n"
        "<tr><td>2.12.02.2.01</td><td>Pelayanan Pendaftaran Penduduk</td>"
        "<td>300.000.000</td></tr>\n</table>\n",
        encoding="utf-8",
    )
    [table] = renja.process(document).raw_tables
    assert table.caption == "Tabel 3.1 Rumusan Rencana Program dan Kegiatan"
