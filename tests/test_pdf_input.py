"""Bad PDFs: each gets one clear line, exit 1, no traceback and nothing half-written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from renja.extract import ReadOptions, read
from renja.extract.pdf_open import page_ranges, scanned_message
from renja.model.errors import InputError
from renja.model.publish import LOCK, MARKER

from .test_cli import run


def _pdf(path: Path, pages: int = 1, encrypt: str | None = None, text: bool = True) -> Path:
    """A small PDF: ``pages`` pages with a line of text (or a picture only, ``text=False``)."""
    sheet = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for number in range(pages):
        if text:
            sheet.drawString(72, 760, f"Rencana Kerja halaman {number + 1}")
        else:
            from PIL import Image, ImageDraw
            from reportlab.lib.utils import ImageReader

            image = Image.new("RGB", (400, 120), "white")
            ImageDraw.Draw(image).text((10, 50), "Tabel hasil pindai", fill="black")
            sheet.drawImage(ImageReader(image), 72, 600, width=400, height=120)
        sheet.showPage()
    sheet.save()
    return path


def _zero_pages(path: Path) -> Path:
    """A well-formed PDF whose page tree is empty."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (3, xref))
    path.write_bytes(out.getvalue())
    return path


def _truncated(path: Path) -> Path:
    whole = _pdf(path, pages=3).read_bytes()
    path.write_bytes(whole[: len(whole) // 3])
    return path


CASES = [
    (lambda d: _write(d / "notes.pdf", b"Rencana Kerja 2024\njust text\n"), [], "bukan PDF"),
    (_truncated_case := lambda d: _truncated(d / "cut.pdf"), [], "PDF rusak"),
    (lambda d: _write(d / "garbage.pdf", b"%PDF-1.7\n\x00\x01garbage" * 40), [], "PDF rusak"),
    (lambda d: _pdf(d / "locked.pdf", encrypt="rahasia"), [], "sandinya dengan --password"),
    (
        lambda d: _pdf(d / "locked.pdf", encrypt="rahasia"),
        ["--password", "salah"],
        "kata sandinya salah",
    ),
    (lambda d: _zero_pages(d / "empty.pdf"), [], "PDF ini tidak memiliki halaman"),
    (lambda d: _pdf(d / "long.pdf", pages=3), ["--max-pages", "2"], "memiliki 3 halaman, melebihi"),
    (lambda d: _pdf(d / "scan.pdf", pages=2, text=False), [], "halaman 1-2 dari 2 tidak memiliki"),
]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("make", "args", "message"), CASES)
def test_bad_pdf_gets_one_line_and_exit_1(tmp_path: Path, make, args, message: str) -> None:
    path = make(tmp_path)
    out_dir = tmp_path / "out"
    code, out, err = run("run", str(path), "--out", str(out_dir), *args)
    assert code == 1, out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Galat: "), err
    assert message in lines[0]
    assert "Traceback" not in out + err
    written = list(out_dir.iterdir()) if out_dir.exists() else []
    assert [p for p in written if p.name not in (MARKER, LOCK)] == []  # renja's marks only


def test_the_right_password_opens_an_encrypted_pdf(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "locked.pdf", encrypt="rahasia")
    document = read(path, ReadOptions(password="rahasia"))
    assert document.pages == 1 and document.meta.tahun is None


def test_scanned_pages_among_text_pages_are_named(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    path = tmp_path / "mixed.pdf"
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.drawImage(ImageReader(Image.new("RGB", (50, 50), "gray")), 72, 600, 100, 100)
    sheet.showPage()
    sheet.drawString(72, 760, "RENCANA KERJA PERANGKAT DAERAH TAHUN 2025")
    sheet.showPage()
    sheet.save()
    document = read(path)
    assert document.pages == 2
    assert any("halaman 1 dari 2 tidak memiliki lapisan teks" in w for w in document.warnings)
    assert document.meta.tahun == 2025


def test_a_blank_page_is_no_scan(tmp_path: Path) -> None:
    """A word processor's empty page (no text, no picture) gets no advice to run OCR; a PDF of
    empty pages only is one clear error."""
    path = tmp_path / "kosong-dulu.pdf"
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.showPage()  # page 1: empty
    sheet.drawString(72, 760, "RENCANA KERJA PERANGKAT DAERAH TAHUN 2025")
    sheet.showPage()
    sheet.save()
    document = read(path)
    assert not any("lapisan teks" in w or "--ocr" in w for w in document.warnings)
    assert document.meta.tahun == 2025
    empty = tmp_path / "kosong.pdf"
    sheet = canvas.Canvas(str(empty), pagesize=A4)
    sheet.showPage()
    sheet.showPage()
    sheet.save()
    with pytest.raises(InputError, match="tidak ada halaman yang memuat teks"):
        read(empty)


def test_ocr_without_ocrmypdf_says_how_to_install(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    path = _pdf(tmp_path / "scan.pdf", text=False)
    with pytest.raises(InputError, match="apt install ocrmypdf"):
        read(path, ReadOptions(ocr=True))


def test_scanned_message_names_pages_and_the_way_out() -> None:
    assert page_ranges([1, 2, 98]) == "1-2, 98"
    text = scanned_message([1, 2, 98], 98, ocr_available=False)
    assert text.startswith("halaman 1-2, 98 dari 98 tidak memiliki lapisan teks")
    assert "pasang OCR" in text
    assert "--ocr" in scanned_message([3], 9, ocr_available=True)


def _scanned_table(path: Path) -> Path:
    """A page that is only a picture of a ruled table (no text layer)."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 34)
    except OSError:
        font = ImageFont.load_default(size=34)
    rows = [
        ["Kode", "Uraian", "Sebelum", "Sesudah"],
        ["5.03.01.2.02.0001", "Penyediaan Gaji", "1.000.000", "1.200.000"],
        ["5.03.01.2.02.0002", "Penyediaan Administrasi", "2.500.000", "2.300.000"],
    ]
    xs, top = [150, 520, 1100, 1350, 1600], 260
    draw.text((150, 150), "Tabel 5.3 Pergeseran Pagu Anggaran Tahun 2024", fill="black", font=font)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            draw.text((xs[j] + 10, top + i * 90 + 25), text, fill="black", font=font)
    for i in range(len(rows) + 1):
        draw.line([(xs[0], top + i * 90), (xs[-1], top + i * 90)], fill="black", width=3)
    for x in xs:
        draw.line([(x, top), (x, top + len(rows) * 90)], fill="black", width=3)
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    sheet.showPage()
    sheet.save()
    return path


def test_ocr_reads_a_scanned_table(tmp_path: Path) -> None:
    import shutil

    if shutil.which("ocrmypdf") is None:
        pytest.skip("ocrmypdf is not installed (sudo apt install ocrmypdf tesseract-ocr-ind)")
    path = _scanned_table(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match="tidak memiliki lapisan teks"):
        read(path)
    document = read(path, ReadOptions(ocr=True))
    cells = {c for t in document.tables for r in t.rows for c in r.cells}
    assert "5.03.01.2.02.0002" in cells and "2.300.000" in cells
