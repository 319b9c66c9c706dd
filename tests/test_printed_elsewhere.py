"""Values printed where renja did not look for them, or read as what they are not:

- a code printed after its name in parentheses, in a table with no code column (a Renstra
  numbered ``I | 1 | a``): ``Program Pengendalian Penduduk (2.14.02)``. The names were matched
  instead, and a penunjang program came out as the generic ``X.XX.01``;
- a signature table's ``NIP`` (``19680710 199403 1 009``), read as an amount with its spaces
  from wrapping: the four officials' NIPs were summed into a false ``jumlah_rincian`` error.

The documents are Markdown written here.
"""

from __future__ import annotations

from pathlib import Path

import renja

RENSTRA = """Tabel 6.1 Rencana Program dan Kegiatan

| No | Program/Kegiatan/Sub Kegiatan | Indikator | Pagu 2026 (Rp) |
|---|---|---|---|
| I | Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota (2.14.01) | Nilai SAKIP | 900.000.000 |
| 1 | Administrasi Keuangan Perangkat Daerah (2.14.01.2.02) | Persentase laporan | 900.000.000 |
| a | Penyediaan Gaji dan Tunjangan ASN (2.14.01.2.02.0001) | Jumlah orang | 900.000.000 |
| II | Program Pengendalian Penduduk (2.14.02) | Angka kelahiran | 250.000.000 |
| 1 | Pemetaan Perkiraan Pengendalian Penduduk Cakupan Daerah Kabupaten/Kota (2.14.02.2.02) | Jumlah dokumen | 250.000.000 |
| a | Penyediaan Data dan Informasi Keluarga (2.14.02.2.02.0011) | Jumlah dokumen | 250.000.000 |
"""  # noqa: E501

SIGNATURES = """Tim Anggaran Pemerintah Daerah

| No | Nama | NIP | Jabatan |
|---|---|---|---|
| 1 | Dr. Ir. BAMBANG SUTOPO, M.T. | 19680710 199403 1 009 | Sekretaris Daerah |
| 2 | NUR HIDAYATI, S.E. | 19730218 199903 2 003 | Kepala Bappeda |
| 3 | AGUS PRIYANTO, S.IP. | 19750904 200003 1 004 | Kepala BKAD |
"""


def test_a_code_printed_after_its_name_is_the_rows_code(tmp_path: Path) -> None:
    path = tmp_path / "renstra.md"
    path.write_text(RENSTRA, encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    frame = table.frame
    assert list(frame["kode"]) == ["2.14.01", "2.14.01.2.02", "2.14.01.2.02.0001", "2.14.02",
                                   "2.14.02.2.02", "2.14.02.2.02.0011"]  # fmt: skip
    assert set(frame["kode_sumber"]) == {"cetak+verifikasi"}
    assert list(frame["level"][:3]) == ["program", "kegiatan", "sub_kegiatan"]
    assert not [f for f in result.findings if f.check.slug.startswith("kode_")]


def test_identity_numbers_are_text_not_amounts(tmp_path: Path) -> None:
    """A signature table of names, NIPs and offices holds no amount, no code: it is read as a
    list (no clean data table), its NIPs kept as printed in its raw table."""
    path = tmp_path / "tapd.md"
    path.write_text(SIGNATURES, encoding="utf-8")
    result = renja.process(path)
    assert not [t for t in result.tables if not t.frame.empty]
    [raw] = result.document.tables
    assert [r.cells[2] for r in raw.rows[1:]] == ["19680710 199403 1 009",
                                                  "19730218 199903 2 003",
                                                  "19750904 200003 1 004"]  # fmt: skip
    assert not [f for f in result.findings if f.severity == "error"]


def test_identity_numbers_under_a_money_header_are_no_stray_amounts(tmp_path: Path) -> None:
    """The same table with its title as the header's top row (``Tim Anggaran …`` over the
    labels, a converter's two header rows) and a signature column: the title's "anggaran"
    makes it a table about money, where a text column's budget-sized numbers are kept as
    amounts beside it (``nip_nilai``): never a NIP."""
    lines = SIGNATURES.splitlines()
    table = ["| Tim Anggaran Pemerintah Daerah | | | | |", "|---|---|---|---|---|",
             "| No | Nama | NIP | Jabatan | Tanda Tangan |",
             *[line + " |" for line in lines[4:]]]  # fmt: skip
    path = tmp_path / "tapd.md"
    path.write_text("\n".join(table) + "\n", encoding="utf-8")
    [clean] = [t for t in renja.process(path).tables if not t.frame.empty]
    assert "nip" in clean.frame.columns
    assert not [c for c in clean.frame.columns if c.startswith("nip_")]
