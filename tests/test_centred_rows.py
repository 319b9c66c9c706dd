"""An unruled Renja table whose cells are centred up and down (a word processor's or a
spreadsheet's "middle"): a name of four or five lines stands round its code and amount, two
lines above them and two below, and its top line can stand alone between two rows. Read as a
wrapped name's last line it went on the row above, and three names of twenty were cut between
two rows (``… Pendekatan Keluarga Pengembangan Pendekatan``). Where the table's rows are
balanced round their values, such a line goes to the row it balances
(extract/centred_rows.py); set at the top of their cells, the same rows read the same, their
rows told apart by the point or two more between them than between a cell's lines.

The PDF is generated here with reportlab: real sub kegiatan names, some long.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import renja
from renja.model.result import Result

NAMES = {
    "1.02.02": "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
    "1.02.02.2.01": "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan "
    "Daerah Kabupaten/Kota",
    "1.02.02.2.01.0001": "Pembangunan Rumah Sakit beserta Sarana dan Prasarana Pendukungnya",
    "1.02.02.2.01.0002": "Pembangunan Puskesmas",
    "1.02.02.2.01.0014": "Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan "
    "Kesehatan",
    "1.02.02.2.01.0020": "Pemeliharaan Rutin dan Berkala Alat Kesehatan/Alat Penunjang Medik "
    "Fasilitas Pelayanan Kesehatan",
    "1.02.02.2.01.0022": "Pengembangan Rumah Sakit",
    "1.02.02.2.01.0023": "Pengadaan Obat, Bahan Habis Pakai, Bahan Medis Habis Pakai, Vaksin, "
    "Makanan dan Minuman di Fasilitas Kesehatan",
    "1.02.02.2.01.0024": "Pengelolaan Pelayanan Kesehatan Dasar Melalui Pendekatan Keluarga",
    "1.02.02.2.01.0025": "Pengembangan Pendekatan Pelayanan Kesehatan di DTPK (Pelayanan "
    "Kesehatan Bergerak, Gugus Pulau, Pelayanan Kesehatan Berbasis Telemedicine)",
    "1.02.02.2.01.0026": "Distribusi Alat Kesehatan, Obat, Bahan Habis Pakai, Bahan Medis Habis "
    "Pakai, Vaksin, Makanan dan Minuman ke Fasilitas Kesehatan",
}
SUBS = [code for code in NAMES if code.count(".") == 5]
PAGU = {code: 100_000_000 * (k + 1) for k, code in enumerate(SUBS)}
INDICATOR = "Jumlah dokumen perencanaan dan laporan yang disusun tepat waktu sesuai ketentuan"


def _rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def centred_pdf(
    path: Path,
    valign: str,
    padding: float,
    after: float = 0.0,
    space_above: float = 12.0,
    repeat_header: bool = True,
) -> Path:
    """The table with ``padding`` above and below each cell's text, and ``after`` more below it
    (a word processor's space after a paragraph, inside the cell), ``space_above`` points under
    its caption, its header set again on each page or not; a row that does not fit its page
    goes on on the next (as a word processor lets rows break)."""
    cell = ParagraphStyle("c", fontName="Helvetica", fontSize=7, leading=8.5)
    header = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target",
              "Pagu Indikatif (Rp)"]  # fmt: skip
    total = sum(PAGU.values())
    data = [[Paragraph(h, cell) for h in header]]
    for code, name in NAMES.items():
        pagu = PAGU.get(code, total)
        data.append([Paragraph(text, cell) for text in (code, name, INDICATOR, "12 Dokumen",
                                                        _rupiah(pagu))])  # fmt: skip
    table = Table(data, colWidths=[80, 120, 120, 50, 80], repeatRows=int(repeat_header),
                  splitInRow=1)  # fmt: skip
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), valign), ("ALIGN", (4, 1), (4, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding + after),
    ]))  # fmt: skip
    title = ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=10)
    caption = Paragraph("Tabel 5.1 Rencana Program dan Kegiatan Tahun 2025", title)
    SimpleDocTemplate(str(path), pagesize=A4).build([caption, Spacer(1, space_above), table])
    return path


# 1 pt above and below each cell's text: the rows stand only 2 pt further apart than the lines
# of a cell, which the gaps alone do not tell (a top-aligned print read its lines as rows, and
# the names ran into the indicators: extract/pdf_unruled.py, _record_limit).
# 3 pt after each cell's text (a word processor's space after a paragraph) sets a centred
# row's text higher than its values' middle would.
# With no room at all, a top-aligned print's lines are evenly spaced, each a row of its own: the
# wrapped lines tell that they go on the row above (extract/aligned_rows.py).
@pytest.fixture(scope="module",
                ids=["middle", "middle-space-after", "top", "top-roomier", "top-no-room"],
                params=[("MIDDLE", 1.0), ("MIDDLE", 0.0, 3.0), ("TOP", 1.0), ("TOP", 2.0),
                        ("TOP", 0.0)])  # fmt: skip
def result(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Result:
    folder = tmp_path_factory.mktemp("centred")
    return renja.process(centred_pdf(folder / "renja.pdf", *request.param), code=False)


def test_every_name_stays_whole_on_its_row(result: Result) -> None:
    (table,) = result.tables
    frame = table.frame[table.frame["kode"].notna()]
    assert dict(zip(frame["kode"], frame["uraian"], strict=True)) == NAMES
    assert dict(zip(frame["kode"], frame["pagu"], strict=True)) == {
        **{code: sum(PAGU.values()) for code in NAMES if code not in PAGU}, **PAGU,
    }  # fmt: skip


def test_rows_with_no_room_between_them_are_judged_together(tmp_path: Path) -> None:
    """Centred with no room at all in the cells: a row's first and last lines both stand alone,
    and which row a lone line balances depends on the lines on the row's other side too, so
    the cuts between rows are chosen together (four names were cut before, by cuts chosen one
    run at a time). The program's row, the first, still runs into the header above it: its
    top line stands over its code as closely as the header's lines stand over it."""
    result = renja.process(centred_pdf(tmp_path / "renja.pdf", "MIDDLE", 0.0), code=False)
    frame = result.tables[0].frame
    frame = frame[frame["kode"].notna()]
    assert dict(zip(frame["kode"], frame["uraian"], strict=True)) == {
        code: name for code, name in NAMES.items() if code != "1.02.02"
    }


def test_an_unruled_row_cut_by_a_page_break_is_one_row(tmp_path: Path) -> None:
    """Set lower on the page, a row runs over the page break: the rest of its indicator stands
    alone at the top of page 2 (``waktu sesuai ketentuan``), a row's gap above the next code.
    It was text between two tables, so page 2 was a table of its own with that text for its
    caption, and the program's and the kegiatan's sums were wrong (false errors). The rest of
    a cut row over an unruled table joins it (extract/pdf.py: ``attach_loose_rows`` above the
    first unruled table of a page), and the table reads whole and adds up."""
    pdf = centred_pdf(tmp_path / "renja.pdf", "TOP", 3.0, space_above=520.0, repeat_header=False)
    result = renja.process(pdf, code=False)
    (table,) = result.tables
    frame = table.frame[table.frame["kode"].notna()]
    assert {r.source.page for r in table.raw.rows} == {1, 2}
    assert dict(zip(frame["kode"], frame["uraian"], strict=True)) == NAMES
    assert set(frame["indikator"]) == {INDICATOR}
    assert [f.check for f in result.findings if f.severity.value != "info"] == []


@pytest.mark.parametrize("padding", [0.0, 1.0], ids=["no-room", "one-point"])
def test_rows_set_at_the_bottom_of_their_cells_read_whole(tmp_path: Path, padding: float) -> None:
    """Set at the bottom of their cells (a spreadsheet's default) with little room: a row's
    values stand on its last line and its name rises above them, the lines evenly spaced, so
    each line was a row and every name was cut between two rows (11 of 11), the first row's
    upper lines taken for the header. The wrapped lines tell the alignment (the line over a
    values line is full, the values line is not: extract/aligned_rows.py): the lines without
    values join the values line below them, and the header gives the first row its lines back
    (not a line of labels)."""
    result = renja.process(centred_pdf(tmp_path / "renja.pdf", "BOTTOM", padding), code=False)
    (table,) = result.tables
    frame = table.frame[table.frame["kode"].notna()]
    assert dict(zip(frame["kode"], frame["uraian"], strict=True)) == NAMES
    assert set(frame["indikator"]) == {INDICATOR}
    header = [r.cells for r in table.raw.rows if r.role == "header"]
    assert header == [("Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target",
                       "Pagu Indikatif (Rp)")]  # fmt: skip
