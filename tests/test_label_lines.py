"""The header block of an RKA or DPA printed as lines of ``Label : value`` (a word processor's
RKA, a converter that lost the grid): the program, kegiatan and sub kegiatan codes and the
amounts of three years it names reached no clean table; the Markdown conversion of the Bogor
RKA lost both its codes that way. Now a run of such lines holding a code or an amount is a
table of two columns: the label, and the value read as any cell is (a code and its name, an
amount). It is no form's table, whatever caption stands above it, and having no header is
no gap. Lines of ``Label : value`` holding no code or amount (a decree's ``Menimbang :``)
stay text.

Read from Markdown and from a PDF generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import renja
from renja.model.severity import Severity

TITLE = "RINCIAN BELANJA SUB KEGIATAN SATUAN KERJA PERANGKAT DAERAH"
BLOCK = [
    ("Urusan", "3.31 URUSAN PEMERINTAHAN BIDANG PERINDUSTRIAN"),
    ("Program", "3.31.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"),
    ("Kegiatan", "3.31.01.2.06 Administrasi Umum Perangkat Daerah"),
    ("Sub Kegiatan", "3.31.01.2.06.09 Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD"),
    ("Sumber Pendanaan", "PENDAPATAN ASLI DAERAH (PAD)"),
    ("Jumlah 2022", "Rp. 60.000.000"),
    ("Jumlah 2023", "Rp. 75.000.000"),
]
PREAMBLE = [
    ("Menimbang", "bahwa untuk melaksanakan ketentuan pasal tersebut perlu menetapkan"),
    ("Mengingat", "Undang-Undang tentang Pemerintahan Daerah"),
    ("Menetapkan", "Peraturan Kepala Daerah tentang Rencana Kerja"),
]
LINES = [
    ["Kode Rekening", "Uraian", "Koefisien", "Harga", "Jumlah"],
    ["5.1.02", "Belanja Barang dan Jasa", "", "", "60.000.000"],
    ["5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat", "", "", "45.000.000"],
    ["", "Nasi Kotak", "1500 Orang", "30.000", "45.000.000"],
    ["5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", "", "", "15.000.000"],
    ["", "Honor Notulis", "12 Bulan", "1.250.000", "15.000.000"],
]


def markdown(path: Path) -> Path:
    lines = [f"{label} : {value}" for label, value in PREAMBLE] + ["", f"**{TITLE}**", ""]
    for label, value in BLOCK:
        lines += [f"{label} : {value}", ""]
    lines += ["| " + " | ".join(LINES[0]) + " |", "|" + "---|" * 5]
    lines += ["| " + " | ".join(row) + " |" for row in LINES[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pdf(path: Path) -> Path:
    text = ParagraphStyle("t", fontName="Helvetica", fontSize=8, leading=11)
    title = ParagraphStyle("h", parent=text, fontName="Helvetica-Bold", fontSize=10)
    story = [Paragraph(f"{label} : {value}", text) for label, value in PREAMBLE]
    story += [Spacer(1, 12), Paragraph(TITLE, title), Spacer(1, 8)]
    story += [Paragraph(f"{label} : {value}", text) for label, value in BLOCK]
    table = Table(LINES, colWidths=[90, 220, 80, 80, 90])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("FONT", (0, 0), (-1, -1), "Helvetica", 8)]))  # fmt: skip
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([*story, Spacer(1, 12), table])
    return path


@pytest.fixture(scope="module", params=["md", "pdf"])
def result(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp(request.param)
    make = markdown if request.param == "md" else pdf
    return renja.process(make(folder / f"rka-rapat.{request.param}"))


def test_the_header_block_is_a_table_of_labels_and_values(result) -> None:
    block = next(t for t in result.tables if "keterangan" in t.frame.columns)
    frame = block.frame
    assert list(frame["keterangan"]) == [f"{label} :" for label, _ in BLOCK]
    assert [k for k in frame["kode"] if isinstance(k, str)] == [
        "3.31", "3.31.01", "3.31.01.2.06", "3.31.01.2.06.0009"
    ]  # fmt: skip
    assert [int(v) for v in frame["nilai"].dropna()] == [60_000_000, 75_000_000]
    assert block.form == "tabel" and block.complete  # no form's table, and no header missing


def test_the_preamble_stays_text_and_the_account_lines_are_checked(result) -> None:
    block, lines = [t for t in result.tables if not t.frame.empty]  # no table of the preamble
    assert "keterangan" in block.frame.columns
    audit = result.audits[lines.table_id]
    assert audit.status.value == "diperiksa" and audit.relations >= 4  # its priced lines
    assert [f for f in result.findings if f.severity is not Severity.INFO] == []


def test_a_markdown_header_block_keeps_its_title_for_the_table_under_it(tmp_path: Path) -> None:
    result = renja.process(markdown(tmp_path / "rka-rapat.md"))
    forms = [(t.form, t.raw.caption) for t in result.tables if not t.frame.empty]
    assert forms == [("tabel", TITLE), ("rincian_belanja", TITLE)]


def test_one_line_naming_a_level_with_its_code_is_a_block(tmp_path: Path) -> None:
    """A form that prints only ``Sub Kegiatan : <code> <name>`` over its table (a spreadsheet's
    RKA) still gives that code to a clean table; one line of another label does not."""
    path = tmp_path / "rka-satu.md"
    lines = ["Catatan : 2 halaman", "", f"**{TITLE}**", "", f"Sub Kegiatan : {BLOCK[3][1]}", ""]
    lines += ["| " + " | ".join(LINES[0]) + " |", "|" + "---|" * 5]
    lines += ["| " + " | ".join(row) + " |" for row in LINES[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = renja.process(path)
    block = next(t for t in result.tables if "kode" in t.frame.columns)
    assert list(block.frame["kode"]) == ["3.31.01.2.06.0009"]
    assert list(block.frame["keterangan"]) == ["Sub Kegiatan :"]  # named as a longer list is
    assert len([t for t in result.tables if not t.frame.empty]) == 2  # the note stays text


LEADERS = """Pagu indikatif dialokasikan pada 3 (tiga) program dengan rekapitulasi sebagai berikut:

Tabel 3.3 Rekapitulasi Pagu Indikatif per Program Tahun 2026

1. 2.11.01 PROGRAM PENUNJANG URUSAN
PEMERINTAHAN DAERAH KABUPATEN/KOTA .................... 16.334.001.000

2. 2.11.02 PROGRAM PERENCANAAN LINGKUNGAN HIDUP ........... 257.683.000

3. 2.11.11 PROGRAM PENGELOLAAN PERSAMPAHAN .............. 19.384.854.000

+

JUMLAH ................................................ 35.976.538.000

Daftar isi lampiran ........................................ 12
"""


def test_lines_leading_dots_to_amounts_are_a_table(tmp_path: Path) -> None:
    # A typeset list: each program's name (wrapped from the line with its number) leads dots
    # to its pagu; the ``+`` above the total is no line of its own; a contents line is text.
    document = tmp_path / "rekap.md"
    document.write_text(LEADERS, encoding="utf-8")
    [table] = [t for t in renja.process(document).raw_tables if t.engine == "teks-label"]
    assert [r.cells[1] for r in table.rows] == ["16.334.001.000", "257.683.000",
                                                "19.384.854.000", "35.976.538.000"]  # fmt: skip
    assert table.rows[0].cells[0].startswith("1. 2.11.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN")
    assert table.caption.startswith("Tabel 3.3")


def test_a_list_of_amounts_is_checked_against_its_total(tmp_path: Path) -> None:
    good, bad = tmp_path / "rekap.md", tmp_path / "salah.md"
    good.write_text(LEADERS, encoding="utf-8")
    bad.write_text(LEADERS.replace("35.976.538.000", "36.076.538.000"), encoding="utf-8")
    result = renja.process(good)
    [table] = [t for t in result.tables if t.raw.engine == "teks-label"]
    assert result.audits[table.table_id].status.value == "diperiksa"
    assert not [f for f in result.findings if f.severity is Severity.ERROR]
    wrong = renja.process(bad)
    assert [(f.check.slug, f.found) for f in wrong.findings if f.severity is Severity.ERROR] == [
        ("jumlah_total", "36076538000")
    ]
