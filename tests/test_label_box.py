"""A SIPD RKA or DPA form prints its header block as ruled boxes, each holding ``Label : value``
lines (label, colon and value in one cell): ``Program : 2.23.02 PROGRAM …``, ``Kegiatan :
2.23.02.1.02 …``, ``Alokasi Tahun 2026 : Rp …``. Read as a table, a box was one row of one long
cell, and its codes reached no clean table. Such a box is text: its lines are label lines, a
wrapped value joined to its label's line (extract/label_box.py), read into a table of labels
and values (extract/label_lines.py) whose first line is no header (extract/stitch.py).

An urusan's one-digit code before its name (``2 URUSAN PEMERINTAHAN WAJIB …``) is a code
(model/kode.py, ``URUSAN_NAMED``), and a label line's value that starts with ``Jumlah`` (``Keluaran
: Jumlah Lokus …``) is no total (normalize/row_kind.py).

The PDFs are generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import renja
from renja.extract.label_box import split_label_block
from renja.extract.pdf_cells import Cell, PageTable
from renja.extract.pdf_text import Line

STYLE = ParagraphStyle("box", fontName="Helvetica", fontSize=8, leading=10)
LABELS = [
    ("Urusan Pemerintahan",
     "2 URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR"),
    ("Bidang Urusan", "2.23 URUSAN PEMERINTAHAN BIDANG PERPUSTAKAAN"),
    ("Program", "2.23.02 PROGRAM PEMBINAAN PERPUSTAKAAN"),
    ("Kegiatan", "2.23.02.1.02 Pembudayaan Gemar Membaca Tingkat Daerah Provinsi"),
    ("Alokasi Tahun 2026", "Rp 371.941.910,00"),
]
SUB = [
    ("Sub Kegiatan", "2.23.02.1.02.0001 Sosialisasi Budaya Baca dan Literasi pada Satuan "
                     "Pendidikan Tingkat Menengah dan Pendidikan Khusus serta Masyarakat"),
    ("Sumber Pendanaan", "PAD"),
    ("Keluaran Sub Kegiatan", "Jumlah Lokus Pembudayaan Kegemaran Membaca dan Literasi pada "
                              "Pendidikan Tingkat Menengah dan Pendidikan Khusus: 38 Lokus"),
    ("Waktu Pelaksanaan", "Februari s.d. November"),
]  # fmt: skip
INDICATORS = [
    ("Indikator & Tolok Ukur Kinerja Kegiatan", "", ""),
    ("Indikator", "Tolok Ukur Kinerja", "Target Kinerja"),
    ("Capaian Program", "Persentase perpustakaan yang dibina sesuai standar", "72,50 %"),
    ("Masukan", "Dana yang dibutuhkan", "Rp 371.941.910,00"),
    ("Keluaran", "Jumlah Lokus Pembudayaan Kegemaran Membaca", "38 Lokus"),
]
RINCIAN = [  # a SIPD rincian: seven columns
    ("Kode Rekening", "Uraian", "Koefisien", "Satuan", "Harga", "PPN", "Jumlah (Rp)"),
    ("5", "BELANJA DAERAH", "", "", "", "", "371.941.910,00"),
    ("5.1", "BELANJA OPERASI", "", "", "", "", "371.941.910,00"),
    ("5.1.02", "Belanja Barang dan Jasa", "", "", "", "", "371.941.910,00"),
    ("5.1.02.01", "Belanja Barang", "", "", "", "", "371.941.910,00"),
    ("5.1.02.01.01", "Belanja Barang Pakai Habis", "", "", "", "", "371.941.910,00"),
    ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", "", "",
     "", "", "271.941.910,00"),
    ("5.1.02.01.01.0025", "Belanja Alat/Bahan untuk Kegiatan Kantor-Kertas dan Cover", "", "",
     "", "", "100.000.000,00"),
]  # fmt: skip


def _labels_table(pairs: list[tuple[str, str]]) -> Table:
    """``Label : value`` lines, unruled, the value's wraps under the value."""
    inner = Table(
        [[Paragraph(label, STYLE), Paragraph(":", STYLE), Paragraph(value, STYLE)]
         for label, value in pairs],
        colWidths=[110, 10, 360],
    )  # fmt: skip
    inner.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))  # fmt: skip
    return inner


def _form(path: Path, framed: bool = True) -> Path:
    """The form: its title beside its number, the two boxes of label lines (in the title's
    grid when ``framed``, as SIPD prints them; else as text), then the rincian grid."""
    grid = Table([list(r) for r in RINCIAN], colWidths=[80, 190, 40, 35, 40, 25, 90])
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7.5), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("ALIGN", (6, 1), (6, -1), "RIGHT"),
    ]))  # fmt: skip
    title = Paragraph("RENCANA KERJA DAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH", STYLE)
    number = Paragraph("Formulir RKA - SKPD 2.2.1", STYLE)
    if framed:
        head = Table([[title, number], [_labels_table(LABELS), ""], [_labels_table(SUB), ""]],
                     colWidths=[400, 100])  # fmt: skip
        head.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                                  ("SPAN", (0, 1), (1, 1)), ("SPAN", (0, 2), (1, 2))]))  # fmt: skip
        story = [head]
    else:
        story = [title, number, Spacer(1, 6), _labels_table(LABELS), _labels_table(SUB)]
    indicators = Table([list(r) for r in INDICATORS], colWidths=[95, 285, 120])
    indicators.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7.5), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (0, 0), (-1, 0)), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
    ]))  # fmt: skip
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [*story, indicators, Spacer(1, 12), grid]
    )
    return path


@pytest.fixture(scope="module", params=["framed", "text"])
def form(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> renja.Result:
    """The form with its header block in ruled boxes, and printed as text lines."""
    path = tmp_path_factory.mktemp("box") / f"rka-{request.param}.pdf"
    return renja.process(_form(path, framed=request.param == "framed"))


def _labels(result: renja.Result):
    [table] = [t for t in result.tables if "keterangan" in t.frame.columns]
    return table.frame.set_index("keterangan")


def test_the_codes_of_a_ruled_header_block_reach_a_clean_table(form: renja.Result) -> None:
    labels = _labels(form)
    assert labels.loc["Kegiatan :", "kode"] == "2.23.02.1.02"
    assert labels.loc["Kegiatan :", "level"] == "kegiatan"
    assert labels.loc["Sub Kegiatan :", "kode"] == "2.23.02.1.02.0001"
    assert labels.loc["Program :", "kode"] == "2.23.02"
    assert labels.loc["Alokasi Tahun 2026 :", "nilai"] == 371941910


def test_a_wrapped_value_stays_with_its_label(form: renja.Result) -> None:
    labels = _labels(form)
    assert labels.loc["Sub Kegiatan :", "uraian"].endswith("Pendidikan Khusus serta Masyarakat")
    keluaran = labels.loc["Keluaran Sub Kegiatan :"]
    assert keluaran["uraian"].endswith("Pendidikan Khusus: 38 Lokus")  # its colon is no label
    assert keluaran["jenis_baris"] == "data"  # ``Jumlah Lokus …`` is no total
    assert "Pendidikan Khusus :" not in labels.index


def test_the_first_label_line_is_a_row_with_the_urusan_code(form: renja.Result) -> None:
    labels = _labels(form)
    assert labels.index[0] == "Urusan Pemerintahan :"  # no header: a row like the others
    assert labels.loc["Urusan Pemerintahan :", "kode"] == "2"
    assert labels.loc["Urusan Pemerintahan :", "level"] == "urusan"


def test_a_grid_under_the_block_has_its_first_row_as_its_title(form: renja.Result) -> None:
    """The indicator grid prints its title as its first row, no caption over it: the title is
    its caption, no part of its column names (extract/stitch.py, ``leading_title``)."""
    [table] = [t for t in form.tables if "Capaian Program" in t.raw.rows[-3].cells]
    assert table.raw.caption == "Indikator & Tolok Ukur Kinerja Kegiatan"
    assert [r.role.value for r in table.raw.rows[:2]] == ["title", "header"]
    assert not [c for c in table.frame.columns if "kegiatan" in c]


def test_the_table_under_the_boxes_is_read_as_before(form: renja.Result) -> None:
    [table] = [t for t in form.tables if "kode_rekening" in t.frame.columns]
    assert table.frame["kode_rekening"].iloc[0] == "5"
    assert len(table.frame) == len(RINCIAN) - 1
    assert not [f for f in form.findings if f.severity == "error"]


def _line(text: str, x0: float = 30.0) -> Line:
    return Line(text, x0, x0 + 4 * len(text), 0.0, 8.0, 8.0, False)


def test_a_grid_of_records_is_no_label_block() -> None:
    """A two-column table of records whose cells print a colon now and then stays a table; a
    block of label lines over a table's rows leaves them a table."""
    records = [
        [Cell((0, 0, 1, 1), [_line("Belanja Pegawai")]), Cell((0, 0, 1, 1), [_line("Catatan: x")])],
        [Cell((0, 0, 1, 1), [_line("Belanja Barang")]), Cell((0, 0, 1, 1), [_line("100.000")])],
        [Cell((0, 0, 1, 1), [_line("Belanja Modal")]), Cell((0, 0, 1, 1), [_line("200.000")])],
    ]  # fmt: skip
    boxes = [(0.0, 10.0 * i, 1.0, 10.0 * i + 10) for i in range(4)]
    table = PageTable((0, 0, 1, 40), records, boxes[:3], "x")
    assert split_label_block(table) == (table, [], None)
    block = [Cell((0, 0, 1, 1), [_line(f"{label} : {value}") for label, value in LABELS])]
    rest, lines, box = split_label_block(PageTable((0, 0, 1, 40), [block, *records], boxes, "x"))
    assert rest is not None and rest.rows == records and rest.bbox == (0, 10.0, 1, 40)
    assert [line.text.split(" :")[0] for line in lines] == [label for label, _ in LABELS]
    assert box == (0, 0, 1, 10.0)


def _read_markdown(tmp_path: Path, head: list[str]):
    """The label table of a converter's RKA: ``head`` (the header block), then its rincian."""
    lines = [*head, "", "| Kode Rekening | Uraian | Jumlah (Rp) |", "|---|---|---|",
             *[f"| {k} | {u} | {j} |" for k, u, *_, j in RINCIAN[1:]]]  # fmt: skip
    document = tmp_path / "rka.md"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return _labels(renja.process(document))


def test_a_converters_header_block_cell_is_label_lines(tmp_path: Path) -> None:
    """A converter writes the same box as a table cell, its lines joined by ``<br>`` (a value
    wrapped onto a line of its own too): the lines are label lines (extract/markdown.py,
    ``label_lines.label_cell_lines``), not one long cell of a table whose codes reached no
    clean table."""
    block = "<br>".join(f"{label} : {value}" for label, value in LABELS)
    sub = "Sub Kegiatan : 2.23.02.1.02.0001 Sosialisasi Budaya Baca dan Literasi<br>pada " \
          "Satuan Pendidikan<br>Sumber Pendanaan : PAD"  # fmt: skip
    labels = _read_markdown(tmp_path, [
        "| RENCANA KERJA DAN ANGGARAN SKPD | Formulir RKA - SKPD 2.2.1 |", "|---|---|",
        f"| {block} | |", f"| {sub} | |"])  # fmt: skip
    assert labels.loc["Kegiatan :", "kode"] == "2.23.02.1.02"
    assert labels.loc["Sub Kegiatan :", "kode"] == "2.23.02.1.02.0001"
    assert labels.loc["Sub Kegiatan :", "uraian"].endswith("pada Satuan Pendidikan")


def test_an_html_header_block_cell_is_label_lines(tmp_path: Path) -> None:
    """The same box in an HTML table a converter wrote (``<td colspan="2">`` with ``<br>``)."""
    block = "<br>".join(f"{label} : {value}" for label, value in LABELS)
    labels = _read_markdown(tmp_path, [
        "<table>", "<tr><td>RENCANA KERJA DAN ANGGARAN SKPD</td><td>Formulir</td></tr>",
        f'<tr><td colspan="2">{block}</td></tr>', "</table>"])  # fmt: skip
    assert labels.loc["Kegiatan :", "kode"] == "2.23.02.1.02"
    assert labels.loc["Program :", "kode"] == "2.23.02"


def test_a_one_row_tables_header_of_label_lines_is_label_lines(tmp_path: Path) -> None:
    """marker writes a box alone on its grid row as a table of one row: its header row, the
    separator printed twice. The box's lines, alike but for their years (``Alokasi Tahun 2025
    : …``, ``… 2026 : …``), are no page's running head either (extract/markdown.py,
    ``running_lines``)."""
    years = [f"Alokasi Tahun {year} : Rp. {pagu}" for year, pagu in
             ((2025, "498.750.000"), (2026, "440.389.400"), (2027, "462.409.000"))]  # fmt: skip
    block = "<br>".join([*(f"{label} : {value}" for label, value in LABELS[:4]), *years])
    labels = _read_markdown(tmp_path, [f"| {block} |", "|---|", "|---|"])
    assert labels.loc["Kegiatan :", "kode"] == "2.23.02.1.02"
    assert list(labels.loc[[f"Alokasi Tahun {y} :" for y in (2025, 2026, 2027)], "nilai"]) == [
        498_750_000, 440_389_400, 462_409_000]
