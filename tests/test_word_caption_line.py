"""Word's caption style sets ``Tabel 2.4<tab>Rencana …`` on one line over a table without
borders: two runs, like a row. It was read as the table's first row, merged into its header,
so page 2's repeated header was no repeat of it: the grid was cut there into tables captioned
by the last Lokasi line of page 1 (false sums on every part). A numbered caption over the
header is no row (extract/pdf_unruled.py); a list of tables (every line ``Tabel …``) stays
as it is."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

import renja

XS = [40, 70, 160, 330, 500, 570, 680]  # No, Kode, Program, Indikator, Target, Lokasi, Pagu
HEADER = ["No", "Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target",
          "Lokasi", "Pagu Indikatif (Rp)"]  # fmt: skip


def _rows() -> list[list[str]]:
    rows = [["1", "3.27.02", "PROGRAM PENYEDIAAN SARANA", "Persentase", "87 %", "Kabupaten",
             "Rp 1.800.000.000"],
            ["2", "3.27.02.2.01", "Pengawasan Penggunaan Sarana", "Persentase", "100 %",
             "Kabupaten", "Rp 1.800.000.000"]]  # fmt: skip
    for k in range(1, 10):
        rows.append([str(k + 2), f"3.27.02.2.01.{k:04d}", f"Sub Kegiatan {k}", "Jumlah Laporan",
                     "4 Laporan", "Kec. Sakra", "Rp 200.000.000"])  # fmt: skip
    rows[6][6] = "Rp 250.000.000"  # 3.27.02.2.01.0005: 50 000 000 too much
    return rows


def _render(path: Path) -> Path:
    width, height = landscape(A4)
    page = canvas.Canvas(str(path), pagesize=(width, height))
    rows = _rows()
    for number, part in enumerate((rows[:6], rows[6:])):
        y = height - 60
        if number == 0:
            page.setFont("Times-Roman", 10)
            page.drawString(40, y, "Rencana program dan kegiatan Dinas Pertanian sebagai berikut:")
            y -= 18
            page.setFont("Times-Bold", 9)
            page.drawString(40, y, "Tabel 2.4")  # the caption: number, a tab, its title
            page.drawString(120, y, "Rencana Program, Kegiatan dan Sub Kegiatan Tahun 2026")
            y -= 21  # Word's caption spacing: a blank of about a line under it
        page.setFont("Times-Bold", 8)
        for x, label in zip(XS, HEADER, strict=True):
            page.drawString(x, y, label)
        page.setFont("Times-Roman", 8)
        for row in part:
            y -= 14
            for j, (x, text) in enumerate(zip(XS, row, strict=True)):
                if j == 5:  # a long Lokasi list: its cell goes on under the row
                    for k, place in enumerate([text, "Kec. Suela", "Kec. Selong"]):
                        page.drawString(x, y - 10 * k, place)
                else:
                    page.drawString(x, y, text)
            y -= 20
        page.showPage()
    page.save()
    return path


def test_a_word_caption_line_over_the_header_is_no_row(tmp_path: Path) -> None:
    result = renja.process(_render(tmp_path / "renja-word.pdf"))
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.raw.caption.startswith("Tabel 2.4 Rencana Program")
    assert table.frame["kode"].tolist() == [row[1] for row in _rows()]
    errors = {(f.check, f.kode) for f in result.findings if f.severity == "error"}
    planted = {("jumlah_rincian", "3.27.02.2.01"), ("nilai_diduga_salah", "3.27.02.2.01.0005")}
    assert errors <= planted
    assert ("jumlah_rincian", "3.27.02.2.01") in errors
