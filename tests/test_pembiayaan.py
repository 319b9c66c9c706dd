"""An APBD summary (Lampiran I) may print akun 6 PEMBIAYAAN DAERAH with an amount: its netto,
penerimaan (6.1) less pengeluaran pembiayaan (6.2), not their sum; and closes each kelompok
with its total line (``JUMLAH PENERIMAAN PEMBIAYAAN``), which restates 6.1, not akun 6. Both
were checked as sums: two false errors on a correct summary (validate/arithmetic.py,
``_netto_relation``, ``_named_operand``).

A converter's summary broken over two pages, the lampiran's heading lines printed again with
the page's number between its parts (``Halaman 1 dari 2``), is one table (extract/stitch.py).
"""

from __future__ import annotations

from pathlib import Path

import renja

HEAD = ["LAMPIRAN I PERATURAN DAERAH KABUPATEN KLATEN", "NOMOR 14 TAHUN 2025"]
PART_1 = [
    ("4", "PENDAPATAN DAERAH", "2.000.000.000,00"),
    ("4.1", "PENDAPATAN ASLI DAERAH (PAD)", "2.000.000.000,00"),
    ("4.1.01", "Pajak Daerah", "2.000.000.000,00"),
    ("", "**JUMLAH PENDAPATAN**", "**2.000.000.000,00**"),
    ("5", "BELANJA DAERAH", "2.150.000.000,00"),
    ("5.1", "BELANJA OPERASI", "2.150.000.000,00"),
    ("5.1.01", "Belanja Pegawai", "2.150.000.000,00"),
]
PART_2 = [
    ("", "**JUMLAH BELANJA**", "**2.150.000.000,00**"),
    ("", "**SURPLUS/(DEFISIT)**", "**(150.000.000,00)**"),
    ("6", "PEMBIAYAAN DAERAH", "150.000.000,00"),
    ("6.1", "PENERIMAAN PEMBIAYAAN", "190.000.000,00"),
    ("6.1.01", "Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya", "190.000.000,00"),
    ("", "**JUMLAH PENERIMAAN PEMBIAYAAN**", "**190.000.000,00**"),
    ("6.2", "PENGELUARAN PEMBIAYAAN", "40.000.000,00"),
    ("6.2.02", "Penyertaan Modal Daerah", "40.000.000,00"),
    ("", "**JUMLAH PENGELUARAN PEMBIAYAAN**", "**40.000.000,00**"),
    ("", "**PEMBIAYAAN NETTO**", "**150.000.000,00**"),
    ("", "**SISA LEBIH PEMBIAYAAN ANGGARAN TAHUN BERKENAAN**", "**0,00**"),
]


def _table(rows: list[tuple[str, str, str]]) -> list[str]:
    return ["|Kode Rekening|Uraian|Jumlah (Rp)|", "|---|---|---|",
            *[f"|{k}|{u}|{j}|" for k, u, j in rows]]  # fmt: skip


def test_a_correct_summary_with_its_netto_on_akun_6_has_no_error(tmp_path: Path) -> None:
    lines = [*HEAD, "", "# RINGKASAN APBD TAHUN ANGGARAN 2026", "", *_table(PART_1), "",
             "Halaman 1 dari 2", "", "---", "", *HEAD, "", *_table(PART_2)]  # fmt: skip
    document = tmp_path / "ringkasan.md"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = renja.process(document)
    assert len([t for t in result.tables if not t.frame.empty]) == 1  # the parts join
    assert not [(f.check, f.kode) for f in result.findings if f.severity == "error"]


def test_a_wrong_netto_on_akun_6_is_found(tmp_path: Path) -> None:
    wrong = [(k, u, "170.000.000,00" if k == "6" else j) for k, u, j in PART_2]
    document = tmp_path / "ringkasan.md"
    document.write_text("\n".join([*_table(PART_1 + wrong)]) + "\n", encoding="utf-8")
    errors = [(f.check, f.kode, f.expected) for f in renja.process(document).findings
              if f.severity == "error"]  # fmt: skip
    assert ("jumlah_rincian", "6", "150000000") in errors
