"""A budget table whose ``Jumlah`` column totals the columns of one measure right before it
(a DPA or RKA rekap: ``T-1 | Belanja Operasi | Belanja Modal | Belanja Tidak Terduga | Belanja
Transfer | Jumlah | T+1``) gets that sum checked in every row, so a typo in a sub kegiatan's
total is found in its own row, not only as a failing sum in its kegiatan. The year before and
after (``T-1``, ``T+1``) are not among the parts, and every column has a name of its own words:
``t_min_1``, ``belanja_operasi`` … ``t_plus_1`` (before: ``anggaran``, ``anggaran_2`` … and two
columns named ``t_1``).

Read from Markdown and from a ruled PDF generated here with reportlab.
"""

from __future__ import annotations

import pytest

import renja
from renja.model.result import Result
from renja.model.severity import Severity
from renja.model.tables import CleanTable

from .pdfgen import Layout, TableSpec, render_as

TITLE = "REKAPITULASI DOKUMEN PELAKSANAAN ANGGARAN BELANJA BERDASARKAN PROGRAM DAN KEGIATAN"
HEADER = ["Kode", "Uraian", "Sumber Dana", "T-1", "Belanja Operasi", "Belanja Modal",
          "Belanja Tidak Terduga", "Belanja Transfer", "Jumlah", "T+1"]  # fmt: skip
# kode, uraian, sumber dana, T-1, operasi, modal, tidak terduga, transfer, T+1 (thousands)
LINES = [
    ("1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "",
     41_250_000, 43_180_500, 1_250_000, 0, 0, 45_000_000),
    ("1.02.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "",
     150_000, 180_500, 0, 0, 0, 190_000),
    ("1.02.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "PAD",
     100_000, 120_500, 0, 0, 0, 125_000),
    ("1.02.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", "PAD",
     50_000, 60_000, 0, 0, 0, 65_000),
    ("1.02.01.2.02", "Administrasi Keuangan Perangkat Daerah", "",
     41_100_000, 43_000_000, 1_250_000, 0, 0, 44_810_000),
    ("1.02.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "DAU",
     41_100_000, 43_000_000, 1_250_000, 0, 0, 44_810_000),
]  # fmt: skip
TYPO_ROW = 3  # Penyusunan Dokumen: Jumlah printed 130.500.000 for 120.500.000
THOUSAND = 1_000


def rupiah(thousands: int) -> str:
    return f"{thousands * THOUSAND:,}".replace(",", ".")


def rows(typo: bool) -> list[list[str]]:
    out = []
    for number, (kode, uraian, dana, before, *belanja, after) in enumerate(LINES, start=1):
        jumlah = sum(belanja) + (10_000 if typo and number == TYPO_ROW else 0)
        amounts = (before, *belanja, jumlah, after)
        out.append([kode, uraian, dana, *(rupiah(v) for v in amounts)])
    return out


@pytest.fixture(scope="module", params=["md", "pdf"])
def read(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp(request.param)
    out = {}
    for typo in (False, True):
        spec = TableSpec(TITLE, [HEADER, *rows(typo)])
        path = folder / f"rekap-{typo}.{request.param}"
        out[typo] = renja.process(render_as(path, [spec], Layout(rules="all")))
    return out


def only_table(result: Result) -> CleanTable:
    [table] = [t for t in result.tables if not t.frame.empty]
    return table


def test_each_column_is_named_by_its_own_words(read) -> None:
    table = only_table(read[False])
    amounts = [c.name for c in table.contract.columns if c.ctype.value == "rupiah"]
    assert amounts == ["t_min_1", "belanja_operasi", "belanja_modal", "belanja_tidak_terduga",
                       "belanja_transfer", "jumlah_total", "t_plus_1"]  # fmt: skip


def test_a_correct_table_has_no_finding(read) -> None:
    result = read[False]
    audit = result.audits[only_table(result).table_id]
    assert audit.status.value == "diperiksa" and audit.relations > 20
    assert [f for f in result.findings if f.severity in (Severity.ERROR, Severity.WARNING)] == []


def test_the_jumlah_is_checked_in_its_own_row(read) -> None:
    findings = [f for f in read[True].findings if f.severity is Severity.ERROR]
    own = [(f.row, f.kode, f.expected, f.found) for f in findings if f.check == "aritmetika_baris"]
    assert own == [(TYPO_ROW, "1.02.01.2.01.0001", "120500000", "130500000")]
    # T-1 and T+1 are no parts of the sum
    message = next(f.message for f in findings if f.check == "aritmetika_baris")
    assert message.startswith("belanja_operasi + belanja_modal + belanja_tidak_terduga + "
                              "belanja_transfer = ")  # fmt: skip


def test_a_jumlah_under_a_groups_label_is_the_groups_total(tmp_path) -> None:
    """An APBD lampiran groups its spending under ``Belanja`` (``Belanja Operasi … Belanja
    Transfer | Jumlah Belanja``): the total's label is the innermost of its header path
    (``belanja / jumlah belanja``), and its row sum is checked as a flat ``Jumlah``'s is."""
    header = ("| Kode | Urusan Pemerintahan Daerah / Perangkat Daerah | Pendapatan | Belanja | "
              "Belanja | Belanja | Belanja | Belanja |\n|---|---|---|---|---|---|---|---|\n"
              "| | | | Belanja Operasi | Belanja Modal | Belanja Tidak Terduga | Belanja Transfer "
              "| Jumlah Belanja |\n")  # fmt: skip
    lines = [("1.02", "URUSAN PEMERINTAHAN BIDANG KESEHATAN", 4_520_000, 122_773_681,
              106_816_074, 0, 0, 229_589_755),
             ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan", 4_520_000, 122_773_681,
              106_816_074, 0, 0, 229_599_755)]  # fmt: skip (the Dinas's Jumlah: 10.000 too many)
    body = "".join("| " + " | ".join([k, u, *(rupiah(v) for v in amounts)]) + " |\n"
                   for k, u, *amounts in lines)  # fmt: skip
    path = tmp_path / "apbd.md"
    path.write_text("# LAMPIRAN II PERATURAN DAERAH KABUPATEN CONTOH TENTANG APBD TAHUN 2025\n\n"
                    "Rekapitulasi Pendapatan dan Belanja Menurut Urusan Pemerintahan Daerah dan "
                    "Perangkat Daerah\n\n" + header + body, encoding="utf-8")  # fmt: skip
    result = renja.process(path)
    own = [(f.kode, f.expected, f.found) for f in result.findings if f.check == "aritmetika_baris"]
    assert own == [("1.02.0.00.0.00.01.0000", "229589755000", "229599755000")]
