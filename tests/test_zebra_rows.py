"""An Excel table style printed to PDF: no rules at all, the rows told apart by alternating
fills, the header white on a dark fill, the caption's lines centred over the table.

In such a document (a probe of the open world) the caption's last line (``Dinas Kesehatan
…``), over one column only just above the header, was read as the table's first row: the
header on page 1 was then a body row, page 2's part (with its header) a table of its own, and
the program's sum was checked against page 1's rows only (false ``jumlah_rincian`` and
``jumlah_total``). A one-cell title row over a header row is the caption's last line
(extract/stitch.py, ``leading_title``, also when a caption stands above)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

import renja
from renja.extract.markdown import TextLine
from renja.extract.stitch import Block, blocks_to_tables
from renja.model.records import RawRow, RowRole, Source

COLUMNS = [36, 130, 330, 530, 590, 650, 766]  # column edges: Kode … Pagu (right-aligned)
HEADER = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target", "Satuan",
          "Pagu Indikatif (Rp)"]  # fmt: skip
CAPTION = ["Tabel 2.3", "Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2026",
           "Dinas Kesehatan Kabupaten Contoh"]  # fmt: skip


def _rows() -> list[list[str]]:
    rows = [["1.02.01", "PROGRAM PENUNJANG URUSAN", "Nilai SAKIP", "80",
             "Nilai", "1.400.000.000"],
            ["1.02.01.2.02", "Administrasi Keuangan Perangkat Daerah", "Persentase", "100", "%",
             "1.400.000.000"]]  # fmt: skip
    for k in range(1, 15):  # 14 sub kegiatan of 100 000 000 each, over both pages
        rows.append([f"1.02.01.2.02.{k:04d}", f"Sub Kegiatan Administrasi {k}",
                     "Jumlah Dokumen", "1", "Dokumen", "100.000.000"])  # fmt: skip
    rows.append(["", "JUMLAH", "", "", "", "1.400.000.000"])
    rows[9][5] = "110.000.000"  # 1.02.01.2.02.0008, printed 10 000 000 too much
    return rows


def _render(path: Path) -> Path:
    width, height = landscape(A4)
    page = canvas.Canvas(str(path), pagesize=(width, height))
    rows = _rows()
    parts = [rows[:9], rows[9:]]
    for number, part in enumerate(parts):
        y = height - 60
        if number == 0:
            page.setFont("Helvetica-Bold", 9.5)
            for line in CAPTION:
                page.drawCentredString(width / 2, y, line)
                y -= 11.9
        y -= 7.7
        page.setFillColorRGB(0.12, 0.31, 0.47)
        page.rect(COLUMNS[0], y - 5, COLUMNS[-1] - COLUMNS[0], 16, stroke=0, fill=1)
        page.setFillColorRGB(1, 1, 1)
        page.setFont("Helvetica-Bold", 7.5)
        for j, label in enumerate(HEADER):
            page.drawString(COLUMNS[j] + 3, y, label)
        for i, row in enumerate(part):
            y -= 20
            page.setFillColorRGB(*((0.85,) * 3 if i % 2 == 0 else (1, 1, 1)))
            page.rect(COLUMNS[0], y - 6, COLUMNS[-1] - COLUMNS[0], 20, stroke=0, fill=1)
            page.setFillColorRGB(0, 0, 0)
            page.setFont("Helvetica", 7.5)
            for j, text in enumerate(row):
                if j == 5:
                    page.drawRightString(COLUMNS[j + 1] - 3, y, text)
                else:
                    page.drawString(COLUMNS[j] + 3, y, text)
        page.showPage()
    page.save()
    return path


def test_a_zebra_striped_table_is_one_table_under_its_whole_caption(tmp_path: Path) -> None:
    result = renja.process(_render(tmp_path / "renja-zebra.pdf"))
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.raw.caption.endswith("Dinas Kesehatan Kabupaten Contoh")
    assert table.frame["kode"].dropna().tolist() == [r[0] for r in _rows() if r[0]]
    errors = {(f.check, f.kode) for f in result.findings if f.severity == "error"}
    assert ("jumlah_rincian", "1.02.01.2.02") in errors
    assert errors <= {("jumlah_rincian", "1.02.01.2.02"), ("nilai_diduga_salah",
                      "1.02.01.2.02.0008"), ("jumlah_total", None), ("jumlah_total", "")}


def test_a_title_row_over_the_header_ends_the_caption_above() -> None:
    def row(line: int, *cells: str) -> RawRow:
        return RawRow(cells=cells, source=Source(page=1, line=line))

    rows = [row(3, "", "", "Dinas Kesehatan Kabupaten Contoh", "", ""),
            row(4, "Kode", "Program/Kegiatan", "Indikator Kinerja", "Target", "Pagu (Rp)"),
            row(5, "1.02.01", "PROGRAM PENUNJANG", "Nilai SAKIP", "80", "1.400.000.000")]
    texts = [TextLine(1, "Tabel 2.3", page=1),
             TextLine(2, "Rumusan Rencana Program dan Kegiatan Tahun 2026", page=1)]
    [table] = blocks_to_tables([Block("pdfplumber-text", rows, 3, 5)], texts)  # fmt: skip
    assert table.caption == (
        "Tabel 2.3 Rumusan Rencana Program dan Kegiatan Tahun 2026 Dinas Kesehatan Kabupaten Contoh"
    )
    assert [r.role for r in table.rows] == [RowRole.TITLE, RowRole.HEADER, RowRole.BODY]
