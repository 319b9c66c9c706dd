"""Pages tokenized by qpdf read exactly as pdfminer alone reads them (extract/content_stream.py):
the same characters, rules, curves and images, with the same attributes; and what qpdf might
read otherwise (an inline image, a name that is not UTF-8, a stream qpdf warns about) is left to
pdfminer, stream by stream."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTItem
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from renja.extract import content_stream
from renja.extract.content_stream import QpdfInterpreter
from renja.extract.pdf_objects import layout

from .conftest import REAL, need


def _describe(item: LTItem) -> Any:
    """Everything renja or pdfplumber could read from a layout object."""
    if isinstance(item, LTContainer):
        return (type(item).__name__, item.bbox, [_describe(child) for child in item])
    out: dict[str, Any] = {"type": type(item).__name__, "bbox": item.bbox}
    if isinstance(item, LTChar):
        out.update(text=item.get_text(), font=item.fontname, size=item.size, upright=item.upright,
                   matrix=item.matrix, colour=item.graphicstate.ncolor, mcid=item.mcid,
                   tag=item.tag)  # fmt: skip
    if isinstance(item, LTCurve):
        out.update(pts=item.pts, stroke=item.stroke, fill=item.fill, width=item.linewidth,
                   colours=(item.stroking_color, item.non_stroking_color))  # fmt: skip
    if isinstance(item, LTImage):
        out.update(srcsize=item.srcsize)  # (an inline image's name is its object's id())
    return out


def _pages(path: Path, interpreter: type[PDFPageInterpreter], pages: int = 0) -> list[Any]:
    with pdfplumber.open(path) as pdf:
        out = []
        for page in pdf.pages[: pages or None]:
            device = PDFPageAggregatorWithMarkedContent(
                pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams
            )
            interpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
            out.append(_describe(device.get_result()))
        return out


def _same(path: Path, pages: int = 0) -> list[Any]:
    """The page descriptions through qpdf, once they are the same as pdfminer's alone, to the
    type of every number (1 is not 1.0)."""
    fast = _pages(path, QpdfInterpreter, pages)
    assert repr(fast) == repr(_pages(path, PDFPageInterpreter, pages))
    return fast


class Counting:
    """How often the interpreter read a stream through qpdf, and how often it left it to
    pdfminer."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.qpdf = self.pdfminer = 0
        operations = QpdfInterpreter._operations

        def counted(interpreter: QpdfInterpreter, streams: Any) -> Any:
            out = operations(interpreter, streams)
            if out is None:
                self.pdfminer += 1
            else:
                self.qpdf += 1
            return out

        monkeypatch.setattr(QpdfInterpreter, "_operations", counted)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Counting:
    return Counting(monkeypatch)


def _reportlab(path: Path) -> Path:
    """A page of what report writers draw: fonts, sizes, colours, rotated and kerned text,
    rules, rectangles, curves, a form reused twice, and a picture."""
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 9)
    c.drawString(50, 800, "Program Penunjang Urusan Pemerintahan Daerah (Rp) 1.250.000,00")
    c.setFont("Times-Bold", 7.5)
    c.setFillColorRGB(0.2, 0.3, 0.6)
    c.drawRightString(540, 780, "Jumlah 28143400 — é ü")
    c.saveState()
    c.translate(30, 600)
    c.rotate(90)
    c.drawString(0, 0, "Kode Rekening")
    c.restoreState()
    text = c.beginText(60, 740)
    text.setFont("Courier", 8)
    text.setCharSpace(0.4)
    text.setWordSpace(2)
    text.textLine("5.1.02.01.01.0024 Belanja Alat/Bahan")
    text.setHorizScale(80)
    text.textLine("189.1 53.75 0")
    c.drawText(text)
    c.setLineWidth(0.5)
    c.rect(40, 500, 500, 200, stroke=1, fill=0)
    c.line(40, 600, 540, 600)
    c.setDash(2, 1)
    c.bezier(40, 400, 100, 450, 200, 350, 300, 400)
    c.beginForm("logo")
    c.setFont("Helvetica", 6)
    c.drawString(0, 0, "PEMERINTAH DAERAH")
    c.circle(10, 10, 5)
    c.endForm()
    c.doForm("logo")
    c.translate(200, 100)
    c.doForm("logo")
    c.drawImage(ImageReader(Image.new("RGB", (4, 3), "red")), 300, 50, 40, 30)
    c.showPage()
    c.save()
    return path


def _hand_made(path: Path, contents: list[bytes], xobject: bytes | None = None) -> Path:
    """A one-page PDF with exactly ``contents`` as its content streams."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    if xobject is not None:
        form = pikepdf.Stream(pdf, xobject)
        form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        form.BBox = [0, 0, 595, 842]
        form.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        resources.XObject = pikepdf.Dictionary(Fm1=pdf.make_indirect(form))
    page.Resources = resources
    page.Contents = pikepdf.Array([pdf.make_indirect(pikepdf.Stream(pdf, c)) for c in contents])
    pdf.save(path)
    return path


def test_a_report_writers_page_reads_the_same_through_qpdf(
    tmp_path: Path, counting: Counting
) -> None:
    path = _reportlab(tmp_path / "page.pdf")
    fast = _same(path)
    assert counting.qpdf >= 2 and counting.pdfminer == 0  # the page, and the form each time
    assert "LTImage" in repr(fast)
    chars = "".join(c["text"] for c in _chars(fast))
    assert "1.250.000,00" in chars and "PEMERINTAH DAERAH" in chars


SYNTAX = [
    # strings: escapes, octal, a line continuation, balanced parentheses, hex, an array of runs
    b"BT /F1 9 Tf 50 800 Td (a\\(b\\) \\351 (x) y\\\nz) Tj <52656E6A61> Tj"
    b" [(Pro) -20 (gram) 120.5 (x)] TJ ET",
    # reals written every way, the quote operators, leading and text rise
    b"BT /F1 8 Tf .5 0 0 1 -0 700 Tm 12 TL 3. Ts 1.25 Tc (satu) ' 2 -.5 (dua) \" T* (tiga) Tj ET",
    # marked content with a property dictionary, an operator pdfminer does not know (its
    # operands stay on the stack), a stray operand before a path
    b"/Span <</MCID 3 /ActualText (x) /Lang (id)>> BDC BT /F1 9 Tf 50 600 Td (isi) Tj ET EMC"
    b" 1 2 3 zz 7 10 10 100 100 re S 0.5 g 20 20 m 30 40 l 50 20 60 80 70 90 c h f",
]


@pytest.mark.parametrize("content", SYNTAX)
def test_content_stream_syntax_reads_the_same_through_qpdf(
    tmp_path: Path, counting: Counting, content: bytes
) -> None:
    path = _hand_made(tmp_path / "page.pdf", [content])
    _same(path)
    assert counting.qpdf == 1 and counting.pdfminer == 0


def test_streams_of_one_page_and_a_form_read_the_same_through_qpdf(
    tmp_path: Path, counting: Counting
) -> None:
    form = b"BT /F1 7 Tf 10 10 Td (dalam form) Tj ET"
    contents = [b"q 1 0 0 1 100 100 cm", b"BT /F1 9 Tf (satu) Tj ET Q", b"/Fm1 Do"]
    path = _hand_made(tmp_path / "page.pdf", contents, xobject=form)
    fast = _same(path)
    assert counting.qpdf == 2 and counting.pdfminer == 0  # the page's three streams; the form
    assert "satudalam form" in "".join(c["text"] for c in _chars(fast))


LEFT_TO_PDFMINER = {
    "inline image": b"q 10 0 0 10 50 50 cm BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\xff EI Q"
    b" BT /F1 9 Tf 50 700 Td (teks) Tj ET",
    "name not UTF-8": b"/F#e9 <</MCID 1>> BDC BT /F1 9 Tf 50 700 Td (teks) Tj ET EMC",
    "null operand": b"null BT /F1 9 Tf 50 700 Td (teks) Tj ET",
    "truncated": b"BT /F1 9 Tf 50 700 Td (teks) Tj ET [1 2",
}


@pytest.mark.parametrize("content", LEFT_TO_PDFMINER.values(), ids=LEFT_TO_PDFMINER.keys())
def test_what_qpdf_might_read_otherwise_is_left_to_pdfminer(
    tmp_path: Path, counting: Counting, content: bytes
) -> None:
    path = _hand_made(tmp_path / "page.pdf", [content])
    fast = _same(path)
    assert (counting.qpdf, counting.pdfminer) == (0, 1)
    assert "teks" in "".join(c["text"] for c in _chars(fast))


def _chars(pages: list[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "text" in node:
                out.append(node)
        elif isinstance(node, tuple):
            for child in node[2]:
                walk(child)

    for page in pages:
        walk(page)
    return out


def test_without_pikepdf_pdfminer_reads_every_stream(
    tmp_path: Path, counting: Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _reportlab(tmp_path / "page.pdf")
    monkeypatch.setattr(content_stream, "pikepdf", None)
    _same(path)
    assert counting.qpdf == 0


@pytest.mark.parametrize(
    ("name", "pages"),
    [
        ("renja-binakonstruksi-pupr-provkaltim-2025.pdf", 0),  # Word, every page
        ("rka-subkeg-rakor-disdagin-kotabogor-2022.pdf", 2),  # SIPD
        ("renja-satpolppdamkar-katingan-2025.pdf", 2),  # scanned pages and text
    ],
)
def test_real_documents_read_the_same_through_qpdf(name: str, pages: int) -> None:
    path = need(REAL / name)
    _same(path, pages)


def test_the_page_reader_uses_qpdf(tmp_path: Path, counting: Counting) -> None:
    with pdfplumber.open(_reportlab(tmp_path / "page.pdf")) as pdf:
        assert repr(_describe(layout(pdf.pages[0]))) == repr(_same(pdf.path)[0])
    assert counting.qpdf >= 1
