"""An RKA-SKPD 2.2 rekap as SIMDA prints it: each amount has an ``Rp`` cell of its own on its
left, under one header cell spanning both (``Belanja Operasi | Belanja Modal | Jumlah``). The
header row read as no header (``Belanja Operasi`` and ``Jumlah`` were no column labels), so the
table had no column names, its amounts were plain numbers and nothing was checked
(``tidak_lengkap``). A budget's kind of spending and a lone ``Jumlah`` are labels now
(extract/cells.py, ``is_header_cell``).

The PDF is generated here with reportlab, ruled.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

import renja

from .pdfgen import landscape_page

ROWS = [  # kode, uraian, operasi, modal (the jumlah follows; parents sum their children)
    ("2.15.02", "PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN", 900_000_000,
     1_500_000_000),
    ("2.15.02.2.02", "Pembangunan Prasarana Lalu Lintas dan Angkutan Jalan", 900_000_000,
     1_500_000_000),
    ("2.15.02.2.02.0003", "Penyediaan Perlengkapan Jalan", 600_000_000, 1_000_000_000),
    ("2.15.02.2.02.0005", "Rehabilitasi Terminal Penumpang Tipe C", 300_000_000, 500_000_000),
]  # fmt: skip
WRONG = "2.15.02.2.02.0005"  # its Jumlah printed 10 juta over Operasi + Modal


def _rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def test_amounts_with_an_rp_cell_of_their_own_are_read_and_checked(tmp_path: Path) -> None:
    header = [["Kode", "Uraian", "Belanja Operasi", "", "Belanja Modal", "", "Jumlah", ""],
              ["1", "2", "3", "", "4", "", "5 = 3 + 4", ""]]  # fmt: skip
    body = [
        [k, u, "Rp", _rupiah(o), "Rp", _rupiah(m), "Rp",
         _rupiah(o + m + (10_000_000 if k == WRONG else 0))]
        for k, u, o, m in ROWS
    ]  # fmt: skip
    grid = Table(header + body, colWidths=[90, 250, 18, 80, 18, 80, 18, 80])
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 7), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (2, 0), (3, 0)), ("SPAN", (4, 0), (5, 0)), ("SPAN", (6, 0), (7, 0)),
        ("SPAN", (2, 1), (3, 1)), ("SPAN", (4, 1), (5, 1)), ("SPAN", (6, 1), (7, 1)),
        ("ALIGN", (3, 2), (-1, -1), "RIGHT"),
    ]))  # fmt: skip
    result = renja.process(landscape_page(tmp_path / "rka-simda.pdf", grid))
    [table] = [t for t in result.tables if not t.frame.empty]
    money = [c.name for c in table.contract.columns if c.ctype.value == "rupiah"]
    assert len(money) == 3
    assert list(table.frame[money[0]]) == [r[2] for r in ROWS]
    assert result.audits[table.table_id].status.value == "diperiksa"
    errors = {(f.check.slug, f.kode) for f in result.findings if f.severity == "error"}
    assert ("aritmetika_baris", WRONG) in errors
