"""A budget's balance rows (APBD lampiran I): surplus/defisit = pendapatan − belanja, pembiayaan
netto = penerimaan − pengeluaran pembiayaan, SILPA = surplus/defisit + pembiayaan netto.

The rows balanced are the account rows 4, 5, 6.1 and 6.2, or else the total rows that name them;
each failing balance is a ``hitungan_ringkasan`` error, and a wrong balance that breaks the next
one too is their common root cause. The tables are written as a pemda's Markdown conversion
would, in a form renja was never taught, and one is the DKI RKPD's own APBD summary.
"""

from __future__ import annotations

from pathlib import Path

import renja
from renja.model.records import Document
from renja.model.refs import CellRef
from renja.normalize.clean import clean_table
from renja.normalize.contracts import contract_for
from renja.normalize.pairs import pair_lines
from renja.normalize.values import ReadContext
from renja.normalize.words import load_base_vocabulary
from renja.validate.arithmetic import balance_relations, evaluate
from renja.validate.sheet import Number, Sheet

HEAD = (
    "# PERATURAN DAERAH KABUPATEN CONTOH NOMOR 5 TAHUN 2024 TENTANG APBD TAHUN ANGGARAN 2025\n\n"
    "LAMPIRAN I RINGKASAN APBD MENURUT KELOMPOK DAN JENIS PENDAPATAN, BELANJA DAN PEMBIAYAAN\n\n"
)
CODED = [
    ("4", "PENDAPATAN DAERAH", "1.500.000.000"),
    ("4.1", "PENDAPATAN ASLI DAERAH (PAD)", "300.000.000"),
    ("4.2", "PENDAPATAN TRANSFER", "1.200.000.000"),
    ("", "JUMLAH PENDAPATAN", "1.500.000.000"),
    ("5", "BELANJA DAERAH", "1.600.000.000"),
    ("5.1", "BELANJA OPERASI", "1.100.000.000"),
    ("5.2", "BELANJA MODAL", "500.000.000"),
    ("", "JUMLAH BELANJA", "1.600.000.000"),
    ("", "SURPLUS / (DEFISIT)", "(100.000.000)"),
    ("6", "PEMBIAYAAN DAERAH", ""),
    ("6.1", "PENERIMAAN PEMBIAYAAN", "150.000.000"),
    ("6.1.01", "Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya", "150.000.000"),
    ("6.2", "PENGELUARAN PEMBIAYAAN", "50.000.000"),
    ("6.2.02", "Penyertaan Modal Daerah", "50.000.000"),
    ("", "PEMBIAYAAN NETTO", "100.000.000"),
    ("", "SISA LEBIH PEMBIAYAAN ANGGARAN TAHUN BERKENAAN", "0"),
]


def write(folder: Path, rows: list[tuple[str, str, str]], changes: dict[str, str]) -> Path:
    """The summary as a pipe table, with some rows' amounts printed otherwise."""
    lines = ["| Kode Rekening | Uraian | Jumlah (Rp) |", "|---|---|---|"]
    lines += [f"| {kode} | {name} | {changes.get(name, amount)} |" for kode, name, amount in rows]
    path = folder / "apbd.md"
    path.write_text(HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def checks(path: Path) -> list[tuple[str, str, str, str]]:
    result = renja.process(path)
    return [(f.check, f.uraian or "", f.found or "", f.expected or "") for f in result.findings
            if f.severity == "error"]  # fmt: skip


def test_a_balanced_summary_is_checked_and_clean(tmp_path: Path) -> None:
    result = renja.process(write(tmp_path, CODED, {}))
    (table,) = result.tables
    assert len(balance_relations(Sheet.of(table))) == 3
    assert not [f for f in result.findings if f.severity == "error"]


def test_a_wrong_surplus_is_found_and_explains_the_silpa_it_breaks(tmp_path: Path) -> None:
    result = renja.process(write(tmp_path, CODED, {"SURPLUS / (DEFISIT)": "(120.000.000)"}))
    errors = {f.id: f for f in result.findings if f.severity == "error"}
    (root,) = [f for f in errors.values() if f.check == "nilai_diduga_salah"]
    assert (root.uraian, root.found, root.expected) == (
        "SURPLUS / (DEFISIT)", "-120000000", "-100000000"
    )  # fmt: skip
    balances = [f for f in errors.values() if f.check == "hitungan_ringkasan"]
    assert sorted((f.uraian, f.root_cause) for f in balances) == [
        ("SISA LEBIH PEMBIAYAAN ANGGARAN TAHUN BERKENAAN", root.id),
        ("SURPLUS / (DEFISIT)", root.id),
    ]
    assert "pendapatan − belanja = -100.000.000" in next(
        f.message for f in balances if f.uraian == "SURPLUS / (DEFISIT)"
    )


UNCODED = [
    ("", "Pendapatan Asli Daerah", "300.000.000"),
    ("", "Pendapatan Transfer", "1.200.000.000"),
    ("", "JUMLAH PENDAPATAN", "1.500.000.000"),
    ("", "Belanja Operasi", "1.100.000.000"),
    ("", "Belanja Modal", "500.000.000"),
    ("", "JUMLAH BELANJA", "1.600.000.000"),
    ("", "SURPLUS / (DEFISIT)", "(100.000.000)"),
    ("", "Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya", "150.000.000"),
    ("", "JUMLAH PENERIMAAN PEMBIAYAAN", "150.000.000"),
    ("", "Penyertaan Modal Daerah", "50.000.000"),
    ("", "JUMLAH PENGELUARAN PEMBIAYAAN", "50.000.000"),
    ("", "PEMBIAYAAN NETTO", "100.000.000"),
    ("", "SISA LEBIH PEMBIAYAAN ANGGARAN TAHUN BERKENAAN", "0"),
]


def test_without_codes_the_total_rows_are_balanced(tmp_path: Path) -> None:
    """A summary that prints no account codes: the JUMLAH rows are what the balances use."""
    assert checks(write(tmp_path, UNCODED, {})) == []
    found = checks(write(tmp_path, UNCODED, {"PEMBIAYAAN NETTO": "110.000.000"}))
    assert ("nilai_diduga_salah", "PEMBIAYAAN NETTO", "110000000", "100000000") in found
    assert ("hitungan_ringkasan", "PEMBIAYAAN NETTO", "110000000", "100000000") in found


def test_a_balance_whose_rows_are_not_printed_is_not_checked(tmp_path: Path) -> None:
    """No pembiayaan rows: the netto cannot be computed, so it is not checked; the SILPA still
    adds the printed surplus and netto."""
    rows = [r for r in CODED if not r[0].startswith("6")]
    result = renja.process(write(tmp_path, rows, {"PEMBIAYAAN NETTO": "999"}))
    (table,) = result.tables
    names = [table.frame["uraian"][r.target.row - 1] for r in balance_relations(Sheet.of(table))]
    assert names == ["SURPLUS / (DEFISIT)", "SISA LEBIH PEMBIAYAAN ANGGARAN TAHUN BERKENAAN"]


def test_the_dki_apbd_summary_balances_every_year(dki_document: Document) -> None:
    """The DKI RKPD 2025 prints the APBD of 2021-2025 (realisation, plan, target): its surplus
    and its pembiayaan netto balance in each of the five years, and are checked. (Only that
    table is cleaned here, from the document every test shares, not the 163 others.)"""
    (raw,) = [t for t in dki_document.tables
              if any("Surplus/(Defisit)" in c for r in t.rows for c in r.cells)]  # fmt: skip
    readable = pair_lines(raw)
    context = ReadContext(vocabulary=load_base_vocabulary(), bidang_for_program={})
    table = clean_table(readable, contract_for(readable), context).table
    sheet = Sheet.of(table)
    relations = balance_relations(sheet)
    assert len(relations) == 10  # surplus and netto, five years each
    assert {sheet.row(r.target.row).uraian for r in relations} == {
        "Total Surplus/(Defisit)", "Pembayaan Netto"
    }  # fmt: skip

    def value(cell: CellRef) -> Number | None:
        return sheet.row(cell.row).number_at(cell.column or "")

    outcomes = [evaluate(r, value) for r in relations]
    assert all(o is not None and o.difference == 0 for o in outcomes)


def test_a_ruled_pdf_keeps_the_balance_row_apart_from_the_account_row_under_it(
    tmp_path: Path,
) -> None:
    """In a ruled PDF, ``SURPLUS / (DEFISIT)`` (an amount, no code) over ``6 PEMBIAYAAN
    DAERAH`` (a code, no amount) read as one record whose name the page had wrapped round its
    code (``_join_split_records``): the balance lost its row and 6 took its amount. A total or
    balance starts no such record."""
    from .pdfgen import Layout, TableSpec, render

    header = ["Kode Rekening", "Uraian", "Jumlah (Rp)"]
    path = render(tmp_path / "apbd.pdf", [TableSpec(HEAD.split("\n")[2], [header, *CODED])],
                  Layout(rules="all"))  # fmt: skip
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    rows = {r["uraian"]: r for r in table.frame.to_dict("records")}
    assert rows["SURPLUS / (DEFISIT)"]["jenis_baris"] == "ringkasan"
    assert rows["PEMBIAYAAN DAERAH"]["kode_rekening"] == "6"
    assert [f.check for f in result.findings if f.severity.value == "error"] == []
