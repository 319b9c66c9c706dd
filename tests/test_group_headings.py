"""An RKPD's table of priority programs: justified prose over it, row rules only, groups under
numbered headings across the table (``Prioritas 1: Peningkatan …``), amounts written with scale
words (``Rp 48,65 Miliar``, ``Rp 4,125 M``, ``Rp 640 Jt``). It read as two columns of run-on
text, its amounts were no money, and its TOTAL was not checked.

- Justified prose over a table (its stretched spaces cut a line into runs of one word each,
  evenly apart) is no row (extract/pdf_unruled.py, ``justified``).
- A heading in one run from the table's left edge across half of it or more opens no column and
  stays whole in one cell (``_across``); a numbered group heading is no header row and starts the
  body (extract/cells.py, ``is_group_heading``); one under a page's last row goes with the table,
  so the next page's part continues it.
- Money with a scale word is an amount (extract/shapes.py), and the number before the word reads
  its comma as a decimal comma (``Rp 4,125 M`` is 4.125.000.000; normalize/rupiah.py).

The PDF is generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import renja

PROSE = ParagraphStyle("prose", fontName="Helvetica", fontSize=10, leading=15,
                       alignment=TA_JUSTIFY)  # fmt: skip
WORDS = ["Rp {} M", "Rp {} Miliar", "Rp {} Jt"]
GROUPS = {
    "Prioritas 1: Peningkatan Kualitas Sumber Daya Manusia yang Sehat dan Cerdas": [
        ("1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN", "Dinas Pendidikan", "Rp 48,65 Miliar"),
        ("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", "Dinas Kesehatan", "Rp 4,125 M"),
        ("1.02.03", "PROGRAM PENINGKATAN KAPASITAS SDM", "Dinas Kesehatan", "Rp 875 juta"),
    ],
    "Prioritas 2: Penanggulangan Kemiskinan dan Perlindungan Sosial": [
        ("1.06.05", "PROGRAM PERLINDUNGAN SOSIAL", "Dinas Sosial", "Rp 3,25 miliar"),
        ("1.06.04", "PROGRAM REHABILITASI SOSIAL", "Dinas Sosial", "Rp 640 Jt"),
    ],
}  # fmt: skip
# The groups printed three times add up to Rp 172,62 miliar; the TOTAL prints 172,26.
TRUE_TOTAL = 3 * (48_650_000_000 + 4_125_000_000 + 875_000_000 + 3_250_000_000 + 640_000_000)
PRINTED_TOTAL = "Rp 172,26 Miliar"


def _document(path: Path, repeat: int) -> Path:
    """The table, its groups printed ``repeat`` times (a second page when it is long)."""
    rows: list[list[str]] = [["No", "Kode", "Program Prioritas", "Perangkat Daerah",
                              "Pagu Indikatif"]]  # fmt: skip
    number = 0
    for _ in range(repeat):
        for heading, programs in GROUPS.items():
            rows.append([heading, "", "", "", ""])
            for kode, name, skpd, pagu in programs:
                number += 1
                rows.append([str(number), kode, name, skpd, pagu])
    rows.append(["", "", "TOTAL", "", PRINTED_TOTAL if repeat == 3 else ""])
    grid = Table(rows, colWidths=[30, 60, 190, 90, 90], repeatRows=1)
    style = [("FONTSIZE", (0, 0), (-1, -1), 7), ("ALIGN", (4, 1), (4, -1), "RIGHT"),
             ("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.black),
             ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.black)]  # fmt: skip
    style += [("SPAN", (0, i), (-1, i)) for i, r in enumerate(rows) if r[0] in GROUPS]
    grid.setStyle(TableStyle(style))
    prose = ("Program prioritas daerah Tahun 2026 merupakan penjabaran dari lima prioritas "
             "pembangunan daerah yang ditetapkan dalam RPJMD dan diselaraskan dengan prioritas "
             "pembangunan provinsi serta prioritas nasional dalam RKP Tahun 2026. Pagu indikatif "
             "dinyatakan dalam juta (Jt) dan miliar (M) rupiah untuk memudahkan pembacaan.")
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(prose, PROSE), Spacer(1, 8), grid]
    )
    return path


@pytest.fixture(scope="module")
def priorities(tmp_path_factory: pytest.TempPathFactory) -> renja.Result:
    return renja.process(_document(tmp_path_factory.mktemp("prioritas") / "rkpd.pdf", 3))


def _table(result: renja.Result):
    [table] = [t for t in result.tables if not t.frame.empty]
    return table


def test_justified_prose_over_the_table_is_no_row(priorities: renja.Result) -> None:
    raw = _table(priorities).raw
    assert raw.rows[0].role.value == "header" and "Pagu Indikatif" in raw.rows[0].cells
    assert not [r for r in raw.rows if "RPJMD" in " ".join(r.cells)]


def test_a_group_heading_is_a_body_row_in_one_cell(priorities: renja.Result) -> None:
    raw = _table(priorities).raw
    headings = [r for r in raw.rows if r.cells[0] in GROUPS]
    assert len(headings) == 3 * len(GROUPS)
    assert all(r.role.value == "body" and not any(r.cells[1:]) for r in headings)


def test_scale_words_are_money_and_the_total_is_checked(priorities: renja.Result) -> None:
    frame = _table(priorities).frame
    amount = next(c for c in frame.columns if c.startswith("pagu"))
    assert frame[amount].iloc[2] == 4_125_000_000  # ``Rp 4,125 M``: a decimal comma
    totals = [f for f in priorities.findings if f.check == "jumlah_total"]
    assert [(f.expected, f.found) for f in totals] == [(str(TRUE_TOTAL), "172260000000")]


def test_a_heading_under_a_pages_last_row_goes_on_with_the_table(tmp_path: Path) -> None:
    result = renja.process(_document(tmp_path / "panjang.pdf", 9))
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.raw.parts >= 2
    assert sum(r.cells[0] in GROUPS for r in table.raw.rows) == 2 * 9
    assert not [f for f in result.findings if f.severity == "error"]


def test_a_heading_a_converter_copied_to_every_cell_is_a_body_row(tmp_path: Path) -> None:
    """docling writes a spanning cell into each column it spans: the group heading comes back
    five times on its row, and is still the body's first row, not the header's last."""
    lines = ["| No | Kode | Program Prioritas | Perangkat Daerah | Pagu Indikatif |",
             "|---|---|---|---|---|"]  # fmt: skip
    for heading, programs in GROUPS.items():
        lines.append("| " + " | ".join([heading] * 5) + " |")
        lines += [f"| {n} | {k} | {name} | {skpd} | {pagu} |"
                  for n, (k, name, skpd, pagu) in enumerate(programs, start=1)]  # fmt: skip
    document = tmp_path / "rkpd.md"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [table] = [t for t in renja.process(document).tables if not t.frame.empty]
    assert [r.role.value for r in table.raw.rows].count("header") == 1
    assert sum(r.cells[0] in GROUPS for r in table.raw.rows) == len(GROUPS)
