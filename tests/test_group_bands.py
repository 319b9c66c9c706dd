"""A report writer's grouped table (Crystal Reports, SIMDA and SIPD exports): each program and
kegiatan is a band across the table, ``Program : 3.27.01 PROGRAM …`` with no amounts, and its
amounts come on a footer line after its rows, ``Sub Total Kegiatan 3.27.01.2.01`` or ``Sub Total
Program``, written in the column left of the amounts. Such a table was only schema-checked: the
band's code stood in the code column with its label (unread), the first bands went into the
header, the footers were rows of their own in the ``lokasi`` column, and a program's sum was
nowhere to check (normalize/groups.py, extract/bands.py).

The documents are generated here: a Markdown table and a PDF drawn field by field with
reportlab's canvas, each with one planted error.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

import renja
from renja.model.records import RowRole
from renja.model.tables import CleanTable

# (program, name, [(kegiatan, name, [(sub kegiatan, name, indicator, target, pagu, maju)])])
GROUPS = [
    ("3.27.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", [
        ("3.27.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", [
            ("3.27.01.2.01.0002", "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
             "Jumlah Dokumen RKA-SKPD", "5 Dokumen", 877_000_000, 920_850_000),
            ("3.27.01.2.01.0005", "Koordinasi dan Penyusunan Perubahan DPA-SKPD",
             "Jumlah Dokumen Perubahan DPA-SKPD", "3 Dokumen", 932_000_000, 1_025_200_000),
        ]),
        ("3.27.01.2.02", "Administrasi Keuangan Perangkat Daerah", [
            ("3.27.01.2.02.0006", "Pengelolaan dan Penyiapan Bahan Tanggapan Pemeriksaan",
             "Jumlah Dokumen Bahan Tanggapan", "1 Dokumen", 262_362_000, 262_362_000),
        ]),
    ]),
    ("3.27.02", "PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN", [
        ("3.27.02.2.01", "Pengawasan Penggunaan Sarana Pertanian", [
            ("3.27.02.2.01.0007", "Pengawasan Penggunaan Sarana Pengolahan Hasil Hortikultura",
             "Jumlah pengawasan", "1 Laporan", 43_670_000, 48_037_000),
            ("3.27.02.2.01.0008", "Perbanyakan Benih Bersertifikat Perkebunan Berbentuk Batang",
             "Jumlah benih bersertifikat", "52 Batang", 1_152_000_000, 1_209_600_000),
        ]),
    ]),
]  # fmt: skip
WRONG_PROGRAM, WRONG_BY = "3.27.02", 10_000_000  # the planted error: its Sub Total Program


def _rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _lines() -> list[tuple[str, list[str]]]:
    """The table's lines as a report writer prints them: ("band", [text]), ("row", cells),
    ("footer", [label, pagu, maju]), ("total", [label, pagu, maju])."""
    out: list[tuple[str, list[str]]] = []
    total = [0, 0]
    for program, program_name, kegiatan in GROUPS:
        out.append(("band", [f"Program : {program} {program_name}"]))
        program_sum = [0, 0]
        for code, name, subs in kegiatan:
            out.append(("band", [f"Kegiatan : {code} {name}"]))
            for sub, sub_name, indicator, target, pagu, maju in subs:
                value, unit = target.split()
                out.append(("row", [sub, sub_name, indicator, value, unit, "Kab. Banyumas",
                                    _rupiah(pagu), "DAU", _rupiah(maju)]))  # fmt: skip
            sums = [sum(s[4] for s in subs), sum(s[5] for s in subs)]
            out.append(("footer", [f"Sub Total Kegiatan {code}", *map(_rupiah, sums)]))
            program_sum = [a + b for a, b in zip(program_sum, sums, strict=True)]
        printed = [program_sum[0] + (WRONG_BY if program == WRONG_PROGRAM else 0), program_sum[1]]
        out.append(("footer", ["Sub Total Program", *map(_rupiah, printed)]))
        total = [a + b for a, b in zip(total, program_sum, strict=True)]
    out.append(("total", ["TOTAL KESELURUHAN", *map(_rupiah, total)]))
    return out


HEADER = ["Kode", "Sub Kegiatan", "Indikator Keluaran", "Target", "Satuan", "Lokasi",
          "Pagu Indikatif Tahun 2026 (Rp)", "Sumber Dana",
          "Prakiraan Maju Tahun 2027 (Rp)"]  # fmt: skip


def _markdown(path: Path) -> Path:
    width = len(HEADER)
    rows = []
    for kind, cells in _lines():
        if kind == "band":
            row = [cells[0], *[""] * (width - 1)]
        elif kind == "row":
            row = cells
        else:  # the label in the Lokasi column, the amounts under theirs
            row = ["", "", "", "", "", cells[0], cells[1], "", cells[2]]
        rows.append("| " + " | ".join(row) + " |")
    text = "\n".join([
        "# RENCANA KERJA PERANGKAT DAERAH (RENJA) TAHUN 2026", "",
        "DINAS PERTANIAN DAN PERIKANAN KABUPATEN BANYUMAS", "",
        "| " + " | ".join(HEADER) + " |", "|" + "---|" * width, *rows, "",
    ])  # fmt: skip
    path.write_text(text, encoding="utf-8")
    return path


# Left edges of the PDF's columns (landscape A4), and the right edges of the amount columns.
X = [24, 104, 228, 395, 422, 476, 596, 656, 762]
RIGHT = {6: 650, 8: 816}


def _pdf(path: Path) -> Path:
    """The table drawn as a report writer's export: every field a string at its place, no
    rules; a page header (title, caption, two lines of column labels) on every page; bands
    across the width; group footers under the amounts, their label in the Lokasi column."""
    canvas = Canvas(str(path), pagesize=landscape(A4))
    height = landscape(A4)[1]
    lines = _lines()
    pages = [lines[:9], lines[9:]]  # the second page starts inside the first program's bands
    for number, page in enumerate(pages, start=1):
        canvas.setFont("Helvetica-Bold", 11)
        canvas.drawCentredString(421, height - 30, "PEMERINTAH KABUPATEN BANYUMAS")
        canvas.setFont("Helvetica", 7)
        canvas.drawRightString(816, height - 30, f"Halaman {number} dari {len(pages)}")
        canvas.setFont("Helvetica-Bold", 10)
        canvas.drawCentredString(421, height - 44, "RENCANA KERJA PERANGKAT DAERAH TAHUN 2026")
        canvas.setFont("Helvetica-Bold", 8)
        canvas.drawString(24, height - 74, "Rumusan Rencana Program, Kegiatan dan Sub Kegiatan "
                          "Perangkat Daerah Tahun 2026 dan Prakiraan Maju Tahun 2027")  # fmt: skip
        canvas.setFont("Helvetica-Bold", 7)
        for k, label in enumerate(["Kode", "Sub Kegiatan", "Indikator Keluaran", "Target",
                                   "Satuan", "Lokasi", "Pagu Indikatif", "Sumber",
                                   "Prakiraan Maju"]):  # fmt: skip
            canvas.drawString(X[k], height - 96, label)
        for k, label in ((6, "Tahun 2026 (Rp)"), (7, "Dana"), (8, "Tahun 2027 (Rp)")):
            canvas.drawString(X[k], height - 104, label)
        y = height - 126
        for kind, cells in page:
            if kind == "band":
                canvas.setFont("Helvetica-Bold", 7.5)
                canvas.drawString(24 if cells[0].startswith("Program") else 34, y, cells[0])
                y -= 13
                continue
            canvas.setFont("Helvetica-Bold" if kind != "row" else "Helvetica", 7)
            if kind == "row":
                for k, cell in enumerate(cells):
                    if k in RIGHT:
                        canvas.drawRightString(RIGHT[k], y, cell)
                    else:
                        canvas.drawString(X[k], y, cell[:30])
                y -= 13
            else:
                canvas.drawString(X[5], y, cells[0])
                canvas.drawRightString(RIGHT[6], y, cells[1])
                canvas.drawRightString(RIGHT[8], y, cells[2])
                y -= 16
        canvas.showPage()
    canvas.save()
    return path


def _the_table(result: renja.Result) -> CleanTable:
    [table] = [t for t in result.tables if not t.frame.empty]
    return table


def _check_grouped(result: renja.Result) -> None:
    table = _the_table(result)
    frame = table.frame
    assert result.audits[table.table_id].status.value == "diperiksa"
    rows = frame.set_index("kode")
    # Every band is a row with its code, its name without the label, and its footer's amounts.
    for program, program_name, kegiatan in GROUPS:
        assert rows.loc[program, "level"] == "program"
        assert str(rows.loc[program, "uraian"]).startswith(program_name[:30])
        for code, name, subs in kegiatan:
            assert rows.loc[code, "uraian"] == name
            assert rows.loc[code, "pagu"] == sum(s[4] for s in subs)
            assert rows.loc[code, "pagu_maju"] == sum(s[5] for s in subs)
    # The footers are no rows of their own; the grand total is the one total row.
    assert list(frame["jenis_baris"]).count("total") == 1
    assert not frame["kode"].isna().any() or frame["jenis_baris"][frame["kode"].isna()].eq(
        "total").all()  # fmt: skip
    # The planted error is found at its program, in the pagu it printed.
    errors = [f for f in result.findings if f.severity == "error"]
    assert {(f.kode, f.column) for f in errors if f.check.slug == "jumlah_rincian"} == {
        (WRONG_PROGRAM, "pagu")
    }
    # Every moved value is in repairs.csv with its rule.
    rules = {r.rule for r in result.repairs}
    assert {"fold_group_footer", "split_band_heading"} <= rules


def test_a_grouped_markdown_table_puts_each_footer_on_its_band(tmp_path: Path) -> None:
    result = renja.process(_markdown(tmp_path / "renja-crystal.md"))
    _check_grouped(result)
    table = _the_table(result)
    folded = table.frame.set_index("kode").loc["3.27.01.2.01", "baris_gabungan"]
    assert folded  # the footer's line is named among the row's lines
    # The raw table keeps every footer as printed.
    raw_text = [" ".join(r.cells) for r in table.raw.rows if r.role is RowRole.BODY]
    assert sum("Sub Total" in text for text in raw_text) == 5


def test_a_grouped_pdf_export_is_read_and_audited(tmp_path: Path) -> None:
    result = renja.process(_pdf(tmp_path / "renja-crystal.pdf"))
    _check_grouped(result)
    # The caption under the larger title is no header row, the bands are no header rows.
    header = [" ".join(r.cells) for r in _the_table(result).raw.rows if r.role is RowRole.HEADER]
    assert not [h for h in header if "Rumusan" in h or "Program :" in h]


def test_a_footer_without_its_band_stays_a_total(tmp_path: Path) -> None:
    text = "\n".join([
        "| Kode | Uraian | Lokasi | Pagu (Rp) |", "|---|---|---|---|",
        "| 3.27.01.2.01.0002 | Koordinasi dan Penyusunan Dokumen RKA-SKPD | Kab. Banyumas | "
        "877.000.000 |",
        "| 3.27.01.2.01.0005 | Koordinasi dan Penyusunan Perubahan DPA-SKPD | Kab. Banyumas | "
        "932.000.000 |",
        "| | | Sub Total Kegiatan 3.27.01.2.01 | 1.809.000.000 |", "",
    ])  # fmt: skip
    path = tmp_path / "tanpa-pita.md"
    path.write_text(text, encoding="utf-8")
    frame = _the_table(renja.process(path)).frame
    assert list(frame["jenis_baris"]) == ["data", "data", "total"]
    assert list(frame["pagu"]) == [877_000_000, 932_000_000, 1_809_000_000]
