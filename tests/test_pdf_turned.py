"""Header labels printed turned a quarter in their cells (Excel's text orientation, for narrow
columns) are read, up the page or down it: the table is read as the same Renja table as when
they are printed upright. Turned text outside a ruled cell (a stamp along the margin) stays out.

The PDFs are generated here with reportlab: a ruled Renja table whose Target, Satuan, Pagu
Indikatif (Rp) and Sumber Dana labels are set upright, turned anticlockwise (read from the
bottom of the cell up) or clockwise (read down), the pagu label on two turned lines.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

import renja
from renja.model.result import Result

COLUMNS = [  # label, width, turned when the variant turns labels
    ("Kode", 90, False),
    ("Uraian Program/Kegiatan/Sub Kegiatan", 260, False),
    ("Indikator Kinerja", 160, False),
    ("Target", 40, True),
    ("Satuan", 40, True),
    ("Pagu Indikatif (Rp)", 60, True),
    ("Sumber Dana", 40, True),
]
ROWS = [
    ("1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "Persentase dokumen", "100",
     "%", "1.250.000.000", "DAU"),
    ("1.02.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja", "Jumlah dokumen", "5",
     "Dokumen", "250.000.000", "DAU"),
    ("1.02.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "Jumlah dokumen",
     "3", "Dokumen", "150.000.000", "DAU"),
    ("1.02.01.2.01.0002", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "Jumlah dokumen", "2",
     "Dokumen", "100.000.000", "DAU"),
    ("1.02.01.2.02", "Administrasi Keuangan Perangkat Daerah", "Jumlah laporan", "12",
     "Laporan", "1.000.000.000", "DAU"),
    ("1.02.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "Jumlah orang", "120", "Orang",
     "1.000.000.000", "DAU"),
]  # fmt: skip
STAMP = "Dokumen ini ditandatangani secara elektronik"
HEADER_HEIGHT, ROW_HEIGHT = 90, 30


def _label(pdf: canvas.Canvas, label: str, x: float, width: float, top: float, turn: int) -> None:
    """A header label: upright at mid-height, or turned ``turn`` degrees (90: read up the page,
    -90: read down it), centred across its narrow cell; a long one on two lines."""
    if not turn:
        pdf.drawString(x + 3, top - HEADER_HEIGHT / 2, label)
        return
    words = label.split()
    lines = [" ".join(words[:2]), " ".join(words[2:])] if len(words) > 2 else [label]
    pdf.saveState()
    if turn == 90:
        pdf.translate(x + width / 2 + 3, top - HEADER_HEIGHT + 5)
    else:
        pdf.translate(x + width / 2 - 3, top - 5)
    pdf.rotate(turn)
    for i, line in enumerate(lines):
        pdf.drawString(0, -10 * i, line)  # the next line below the first, as the text stands
    pdf.restoreState()


def renja_pdf(path: Path, turn: int, whole: int = 0, rotate: int = 0) -> Path:
    """The Renja table, its narrow columns' labels turned ``turn`` degrees; with ``whole`` the
    whole landscape page drawn turned a quarter on a portrait sheet (90: anticlockwise, its
    text reads up the page; -90: clockwise, down the page), and ``rotate`` the page's /Rotate
    (how a viewer turns it to show)."""
    width, height = landscape(A4)
    pdf = canvas.Canvas(str(path), pagesize=(height, width) if whole else (width, height))
    if rotate:
        pdf.setPageRotation(rotate)
    if whole == 90:
        pdf.translate(height, 0)
        pdf.rotate(90)
    elif whole == -90:
        pdf.translate(0, width)
        pdf.rotate(-90)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(40, height - 40, "RENCANA KERJA DINAS KESEHATAN KOTA CONTOH TAHUN 2025")
    if not whole:
        pdf.saveState()  # a signature stamp along the left margin, turned
        pdf.translate(20, 60)
        pdf.rotate(90)
        pdf.setFont("Helvetica", 7)
        pdf.drawString(0, 0, STAMP)
        pdf.restoreState()
    x0, top = 40.0, height - 70
    xs = [x0]
    for _, column_width, _turned in COLUMNS:
        xs.append(xs[-1] + column_width)
    ys = [top, top - HEADER_HEIGHT, *(top - HEADER_HEIGHT - ROW_HEIGHT * (i + 1)
                                      for i in range(len(ROWS)))]  # fmt: skip
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    pdf.setFont("Helvetica-Bold", 8)
    for (label, column_width, turned), x in zip(COLUMNS, xs, strict=False):
        _label(pdf, label, x, column_width, top, turn if turned else 0)
    pdf.setFont("Helvetica", 7)
    for i, row in enumerate(ROWS):
        y = top - HEADER_HEIGHT - ROW_HEIGHT * i - 18
        for j, value in enumerate(row):
            if j == 5:
                pdf.drawRightString(xs[j + 1] - 3, y, value)
            else:
                pdf.drawString(xs[j] + 3, y, value)
    pdf.save()
    return path


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Result]:
    folder = tmp_path_factory.mktemp("turned")
    return {turn: renja.process(renja_pdf(folder / f"renja-{turn}.pdf", turn), code=False)
            for turn in (0, 90, -90)}  # fmt: skip


@pytest.mark.parametrize("turn", [90, -90], ids=["up-the-page", "down-the-page"])
def test_turned_labels_read_as_the_upright_ones(read: dict[int, Result], turn: int) -> None:
    upright, turned = read[0], read[turn]
    (header,) = [r.cells for r in turned.raw_tables[0].rows if r.role == "header"]
    assert header[3:] == ("Target", "Satuan", "Pagu Indikatif (Rp)", "Sumber Dana")
    assert [t.table_id for t in turned.tables] == ["t01_rencana_kerja"]
    assert turned.tables[0].frame.equals(upright.tables[0].frame)
    assert turned.tables[0].frame["pagu"].sum() == 3_750_000_000


def test_turned_text_outside_a_ruled_cell_is_not_read(read: dict[int, Result]) -> None:
    for result in read.values():
        cells = [c for t in result.raw_tables for r in t.rows for c in r.cells]
        assert not any("elektronik" in c for c in cells)
        assert "elektronik" not in repr(result.document.meta)


@pytest.mark.parametrize(("whole", "rotation"), [(90, 90), (-90, 270)],
                         ids=["up-the-page", "down-the-page"])  # fmt: skip
def test_a_page_printed_turned_is_read_turned_upright(
    tmp_path: Path, whole: int, rotation: int
) -> None:
    """A landscape table drawn turned a quarter on a portrait sheet (not a scan) is read as the
    same page turned upright by its /Rotate is: the same table, row for row. The document says
    which pages it read so, the manifest lists them with the degrees a viewer turns them, and
    the report's pictures of them are rendered turned: a picture of the table's page region is
    wider than tall, as the table stands (extract/pdf_turn_page.py)."""
    from renja.present.pictures import Region, render_regions
    from renja.present.writer import write_result

    pdf = renja_pdf(tmp_path / "diputar.pdf", 0, whole=whole)
    turned = renja.process(pdf, code=False)
    upright = renja.process(
        renja_pdf(tmp_path / "tegak.pdf", 0, whole=whole, rotate=rotation), code=False
    )
    assert [t.table_id for t in turned.tables] == ["t01_rencana_kerja"]
    assert turned.tables[0].frame.equals(upright.tables[0].frame)
    assert turned.tables[0].frame["pagu"].sum() == 3_750_000_000
    assert turned.document.turned_pages == ((1, rotation),)
    assert any("dibaca setelah diputar tegak" in w for w in turned.document.warnings)
    manifest = json.loads(
        (write_result(turned, tmp_path / "out", parquet=False, reports=False) / "manifest.json")
        .read_text(encoding="utf-8")
    )
    assert manifest["source"]["turned_pages"] == [{"page": 1, "rotation": rotation}]
    boxes = [r.source.bbox for r in turned.raw_tables[0].rows if r.source.bbox]
    region = Region(1, (min(b[0] for b in boxes), min(b[1] for b in boxes),
                        max(b[2] for b in boxes), max(b[3] for b in boxes)))  # fmt: skip
    picture = render_regions(pdf, [region], {1: rotation})[region]
    assert picture.width > 1.5 * picture.height  # the table's region, as it stands: landscape
    assert _dark(picture) > 1000  # the table's text and rules, not the empty margin beside them


def _dark(picture: Any) -> int:
    """How many of the picture's pixels are dark."""
    import io

    from PIL import Image

    return sum(Image.open(io.BytesIO(picture.png)).convert("L").histogram()[:128])
