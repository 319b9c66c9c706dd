"""An APBD summary (Lampiran I, ``Ringkasan APBD``) rules a line under each jenis only, so one
ruled row stacks an akun, its kelompok and its first jenis: ``4`` over ``4.1`` over ``4.1.01``
in the code column, their names and amounts beside them. The row was split by its names and
amounts but its codes stayed together on the first record (``4 4.1 4.1.01``): the account tree
broke and gave false ``jumlah_rincian`` errors. In a column of codes alone each code starts a
record, with all of its line (extract/pdf_rows.py, ``split_indicator_lines``); a code a wrap
broke (``2.08.01.1.0`` over ``1``) is no such column.

The PDF is generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

import renja

# Each group is one ruled row: (code, name, amount) per line. 5.1 is printed 270.000.000 short
# of its jenis.
GROUPS = [
    [("4", "PENDAPATAN DAERAH", "2.034.991.300.000,00"),
     ("4.1", "PENDAPATAN ASLI DAERAH (PAD)", "387.190.500.000,00"),
     ("4.1.01", "Pajak Daerah", "132.450.000.000,00")],
    [("4.1.02", "Retribusi Daerah", "254.740.500.000,00")],
    [("4.2", "PENDAPATAN TRANSFER", "1.647.800.800.000,00"),
     ("4.2.01", "Pendapatan Transfer Pemerintah Pusat", "1.647.800.800.000,00")],
    [("5", "BELANJA DAERAH", "2.099.991.300.000,00"),
     ("5.1", "BELANJA OPERASI", "1.513.472.895.000,00"),
     ("5.1.01", "Belanja Pegawai", "846.512.370.000,00")],
    [("5.1.02", "Belanja Barang dan Jasa", "667.230.525.000,00")],
    [("5.2", "BELANJA MODAL", "586.518.405.000,00"),
     ("5.2.01", "Belanja Modal Tanah", "586.518.405.000,00")],
]  # fmt: skip


def _summary(path: Path) -> Path:
    rows = [["KODE REKENING", "URAIAN", "JUMLAH (Rp)"]]
    rows += [["\n".join(line[k] for line in group) for k in range(3)] for group in GROUPS]
    grid = Table(rows, colWidths=[80, 280, 130])
    grid.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), 8), ("LEADING", (0, 0), (-1, -1), 12),
        ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
        ("LINEAFTER", (0, 0), (-2, -1), 0.4, colors.black),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.black),
        ("ALIGN", (2, 1), (2, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    SimpleDocTemplate(str(path), pagesize=A4).build([grid])
    return path


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> renja.Result:
    return renja.process(_summary(tmp_path_factory.mktemp("ringkasan") / "ringkasan.pdf"))


def test_each_stacked_code_is_a_record_with_its_name_and_amount(summary: renja.Result) -> None:
    [table] = [t for t in summary.tables if not t.frame.empty]
    code = next(c for c in table.frame.columns if c.startswith("kode"))
    amount = next(c for c in table.frame.columns if c.startswith("jumlah"))
    printed = [line for group in GROUPS for line in group]
    assert list(table.frame[code]) == [c for c, _, _ in printed]
    assert list(table.frame["uraian"]) == [n for _, n, _ in printed]
    assert table.frame[amount].iloc[2] == 132_450_000_000


def test_the_account_tree_finds_the_short_kelompok_alone(summary: renja.Result) -> None:
    errors = [(f.check, f.kode) for f in summary.findings if f.severity == "error"]
    assert ("jumlah_rincian", "5.1") in errors
    assert {kode for _, kode in errors} <= {"5", "5.1"}  # 5 is short by 5.1's gap, no other


def test_a_converters_stacked_codes_are_records_too(tmp_path: Path) -> None:
    """The same rows as a converter writes them: each ruled row's lines joined by ``<br>``
    in every cell (extract/stacked_cells.py)."""
    lines = ["| KODE REKENING | URAIAN | JUMLAH (Rp) |", "|---|---|---|"]
    lines += ["| " + " | ".join("<br>".join(line[k] for line in group) for k in range(3)) + " |"
              for group in GROUPS]  # fmt: skip
    document = tmp_path / "ringkasan.md"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = renja.process(document)
    [table] = [t for t in result.tables if not t.frame.empty]
    code = next(c for c in table.frame.columns if c.startswith("kode"))
    assert list(table.frame[code]) == [c for group in GROUPS for c, _, _ in group]
    assert [(f.check, f.kode) for f in result.findings if f.severity == "error"] == [
        ("jumlah_rincian", "5.1")
    ]
