"""A name wrapped in a narrow column, as a word processor wraps it: at spaces, and inside a word
only when the word is wider than the column. A word that happens to fill the line nearly to the
edge (``PENYEDIAAN``, then ``DAN`` on the next line) looks like the start of a broken word; it
was read glued to the next line's word (``PENYEDIAANDAN``, ``Meningkatnyatata``,
``pendudukperempuan`` in the Sumatera Utara Renja). A known word followed by a line that does
not make a known word of it keeps its space; a word broken for want of room is still joined
(``PENGEMBAN`` / ``GAN``), and so is a code (``3.27.02.2.01.00`` / ``01``).

The PDF is generated: a ruled table whose name column is as wide as its longest word, each
name wrapped greedily as a word processor does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

import renja

FONT, SIZE, PAD = "Helvetica", 7.0, 4.0
ROWS = [
    ("3.27.02", "PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN", "1.000.000.000"),
    ("3.27.02.2.01", "Pengawasan Penggunaan Sarana Pertanian", "1.000.000.000"),
    ("3.27.02.2.01.0001", "Pengawasan Penggunaan Sarana Pendukung Pertanian Sesuai dengan "
     "Komoditas, Teknologi dan Spesifik Lokasi", "1.000.000.000"),
]  # fmt: skip
# The name column holds PENYEDIAAN with a point to spare: the next word never fits beside it,
# and PENGEMBANGAN, wider, is broken where the line runs out.
TEXT_WIDTH = stringWidth("PENYEDIAAN", FONT, SIZE) + 1.0


def wrap(text: str, width: float) -> list[str]:
    """Greedy wrapping at spaces; a word wider than the line is broken where the line ends."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if stringWidth(candidate, FONT, SIZE) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while stringWidth(word, FONT, SIZE) > width:
            cut = max(k for k in range(1, len(word)) if stringWidth(word[:k], FONT, SIZE) <= width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    return [*lines, line]


def render(path: Path) -> Path:
    code_width = stringWidth("3.27.02.2.01.00", FONT, SIZE) + 1.0
    data = [["Kode", "Program/Kegiatan/Sub Kegiatan", "Pagu Indikatif (Rp)"]]
    data += [["\n".join(wrap(k, code_width)), "\n".join(wrap(n, TEXT_WIDTH)), p]
             for k, n, p in ROWS]  # fmt: skip
    table = Table(data, colWidths=[code_width + 2 * PAD, TEXT_WIDTH + 2 * PAD, 90])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, SIZE), ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([table])
    return path


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    return renja.process(render(tmp_path_factory.mktemp("breaks") / "renja-sempit.pdf"))


def test_the_wrapping_is_the_hard_case(result) -> None:
    lines = wrap(ROWS[0][1], TEXT_WIDTH)
    assert "PENYEDIAAN" in lines and "DAN" in lines  # a known word alone, filling its line
    assert any(line.endswith("PENGEMBAN") for line in lines)  # a word broken for want of room


def test_names_keep_their_spaces_and_broken_words_and_codes_are_joined(result) -> None:
    [table] = [t for t in result.tables if not t.frame.empty]
    assert list(table.frame["uraian"]) == [name for _, name, _ in ROWS]
    assert list(table.frame["kode"]) == [kode for kode, _, _ in ROWS]
    assert all(table.frame["skor_kode"] == 100)  # each name verifies its code


# A word processor lets a table row run over a page break: the lines of each cell that do not
# fit go on the next page, under the header printed again, and a wrapped code or amount may be
# cut between its lines (``3.27.03.2.02.0`` / ``004``). The two parts are one row.
CUT = ("3.27.02.2.01.0003", "Perbanyakan Benih Bersertifikat Tanaman Pangan Berbentuk Biji/Benih",
       "125.000.000")  # fmt: skip
FILLER = [(ROWS[2][0], ROWS[2][1], "10.000.000"),
          ("3.27.02.2.01.0002", "Pendampingan Penggunaan Sarana Pendukung Pertanian", "10.000.000")]


def render_cut(path: Path) -> Path:
    """Page 1: the header, the filler rows and the first line of each of the cut row's cells;
    page 2: the header again and the rest of the cut row's lines, as a word processor prints
    a row it lets break across pages."""
    from reportlab.platypus import PageBreak

    code_width = stringWidth("3.27.02.2.01.0", FONT, SIZE) + 1.0
    pagu_width = stringWidth("125.000.0", FONT, SIZE) + 1.0
    widths = [code_width, TEXT_WIDTH, pagu_width]
    header = ["Kode", "\n".join(wrap("Program/ Kegiatan/ Sub Kegiatan", TEXT_WIDTH)), "Pagu"]
    wrapped = [[wrap(text, width) for text, width in zip(row, widths, strict=True)]
               for row in (*FILLER, CUT)]  # fmt: skip
    whole = [["\n".join(lines) for lines in row] for row in wrapped[:-1]]
    first = ["\n".join(lines[:1]) for lines in wrapped[-1]]
    rest = ["\n".join(lines[1:]) for lines in wrapped[-1]]
    style = TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, SIZE), ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ])  # fmt: skip
    columns = [w + 2 * PAD for w in widths]
    parts = [Table([header, *whole, first], colWidths=columns), PageBreak(),
             Table([header, rest], colWidths=columns)]  # fmt: skip
    for part in parts[::2]:
        part.setStyle(style)
    SimpleDocTemplate(str(path), pagesize=A4).build(parts)
    return path


def test_a_row_run_over_a_page_break_is_one_row(tmp_path: Path) -> None:
    assert wrap(CUT[0], stringWidth("3.27.02.2.01.0", FONT, SIZE) + 1.0)[1] == "003"
    result = renja.process(render_cut(tmp_path / "renja-terpotong.pdf"))
    [table] = [t for t in result.tables if not t.frame.empty]
    assert list(table.frame["kode"]) == [r[0] for r in (*FILLER, CUT)]
    assert list(table.frame["uraian"]) == [r[1] for r in (*FILLER, CUT)]
    assert [int(v) for v in table.frame["pagu"]] == [10_000_000, 10_000_000, 125_000_000]
    assert [f.check for f in result.findings if f.severity.value != "info"] == []
