"""A budget's priced lines: ``jumlah = koefisien × harga + PPN``, checked line by line.

An RKA or DPA (and a Renja's own cost table) prices each line: a coefficient printed as factors
(``2 Orang x 12 Bulan``), a unit price, perhaps a tax in percent, and the amount. A line whose
amount is not the product is an author's arithmetic error, found as ``aritmetika_baris`` with
the computed amount in ``expected``; the clean value stays as printed. The tables come from
the SIPD form (``rincian_belanja``) and from forms renja does not know (a header with
``Volume``, ``Harga Satuan`` and ``Jumlah``), in Markdown and in generated PDFs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import renja
from renja.app.cli import main
from renja.model.contract import PriceCheck, TableContract
from renja.model.result import Result
from renja.present.outputs import read_csv

from .conftest import REAL, Processed
from .pdfgen import Layout, TableSpec, render

BOGOR = REAL / "rka-subkeg-rakor-disdagin-kotabogor-2022.pdf"
HEAD = "# RENJA DINAS PERHUBUNGAN KABUPATEN CONTOH TAHUN 2025\n\n"


def unknown_cost_table(rows: list[tuple[str, str, str, str, str]], total: int = 0) -> str:
    """A Renja's cost table in a form renja was never taught: no, name, volume, unit, price,
    amount, and a JUMLAH row (``total``, or else the sum of the amounts as printed)."""
    lines = ["Tabel 3.5 Rencana Anggaran Biaya Kegiatan", "",
             "| No | Uraian Kebutuhan | Volume | Satuan | Harga Satuan (Rp) | Jumlah (Rp) |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    for number, (name, volume, unit, price, amount) in enumerate(rows, 1):
        lines.append(f"| {number} | {name} | {volume} | {unit} | {price} | {amount} |")
    total = total or sum(int(row[4].replace(".", "")) for row in rows)
    lines.append(f"| | JUMLAH | | | | {total:,} |".replace(",", "."))
    return HEAD + "\n".join(lines) + "\n"


def findings_of(folder: Path, check: str) -> list[dict[str, str]]:
    return [f for f in read_csv(folder / "findings.csv") if f["check"] == check]


def test_a_line_whose_amount_is_not_volume_times_price_is_found(tmp_path: Path) -> None:
    source = tmp_path / "rab.md"
    source.write_text(unknown_cost_table([
        ("Alat tulis kantor", "120", "Rim", "55.000", "6.600.000"),
        ("Honorarium narasumber", "4 OJ", "Jam", "900.000", "3.600.000"),
        ("Sewa tenda", "2 Unit x 3 Hari", "Unit/Hari", "450.000", "2.750.000"),  # 2.700.000
        ("Konsumsi rapat", "25 Orang x 2 Kali", "Kotak", "35.000", "1.750.000"),
    ]), encoding="utf-8")  # fmt: skip
    done = CliRunner().invoke(main, ["run", str(source), "--out", str(tmp_path / "out"), "-q"])
    assert done.exit_code == 0, done.output
    folder = tmp_path / "out" / "rab"
    (finding,) = findings_of(folder, "aritmetika_baris")
    assert (finding["row"], finding["uraian"], finding["severity"]) == ("3", "Sewa tenda", "error")
    assert (finding["found"], finding["expected"], finding["difference"]) == (
        "2750000", "2700000", "50000"
    )  # fmt: skip
    assert "2 Unit x 3 Hari (6) × 450.000 = 2.700.000" in finding["message"]
    assert {r["kolom"] for r in json.loads(finding["related"])} == {"volume", "harga"}
    # the clean value stays as printed; the total row still adds up (no jumlah_total finding)
    table = read_csv(next((folder / "tables").glob("*.csv")))
    assert [r["jumlah_total"] for r in table][2] == "2750000"
    assert not findings_of(folder, "jumlah_total")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = manifest["tables"]
    assert entry["contract"]["hitungan_harga"] == [{
        "jumlah": "jumlah_total", "volume": "volume", "harga": "harga", "pajak": None,
        "rumus": "volume × harga",
    }]  # fmt: skip
    assert entry["audit"] == {"status": "diperiksa", "hitungan": 5}  # 4 lines and the total
    # "Harga Satuan (Rp)" is a unit price in rupiah (its "satuan" names no unit counted)
    types = {c["name"]: (c["tipe"], c.get("dijumlahkan", True)) for c in entry["contract"]["kolom"]}
    assert types["harga"] == ("rupiah", False) and types["volume"][0] != "rupiah"


def test_a_wrong_line_under_a_right_total_is_the_root_cause_of_the_total(tmp_path: Path) -> None:
    """The author priced the line right in the total (12.900.000) but printed its amount
    wrong: the total row fails, and the line is its root cause."""
    source = tmp_path / "rab.md"
    source.write_text(unknown_cost_table([
        ("Alat tulis kantor", "120", "Rim", "55.000", "6.600.000"),
        ("Honorarium narasumber", "4 OJ", "Jam", "900.000", "3.600.000"),
        ("Sewa tenda", "2 Unit x 3 Hari", "Unit/Hari", "450.000", "2.750.000"),  # 2.700.000
    ], total=12_900_000), encoding="utf-8")  # fmt: skip
    result = renja.process(source)
    (line,) = [f for f in result.findings if f.check == "aritmetika_baris"]
    (total,) = [f for f in result.findings if f.check == "jumlah_total"]
    assert total.root_cause == line.id and line.row == 3
    assert "Dengan 2.700.000, 1 jumlah yang kini gagal akan cocok." in line.message
    assert not [f for f in result.findings if f.check == "nilai_diduga_salah"]


def test_a_consistent_cost_table_gets_no_finding_and_a_volume_of_words_is_not_checked(
    tmp_path: Path,
) -> None:
    source = tmp_path / "rab.md"
    source.write_text(unknown_cost_table([
        ("Alat tulis kantor", "1.000", "Lembar", "1.500", "1.500.000"),  # thousands
        ("Sewa kendaraan", "0,5 Tahun", "Unit", "24.000.000", "12.000.000"),  # a fraction
        ("Dokumentasi", "Paket", "Ls", "2.500.000", "9.999.999"),  # no number: not checked
    ]), encoding="utf-8")  # fmt: skip
    result = renja.process(source)
    assert not [f for f in result.findings if f.check == "aritmetika_baris"]
    (table,) = result.tables
    assert table.contract.price_checks == (
        PriceCheck("jumlah_total", "volume", "harga", None, "volume × harga"),
    )


SIPD_HEADER = ["Kode Rekening", "Uraian", "Koefisien", "Satuan", "Harga", "PPN", "Jumlah"]


def sipd_rincian(tmp_path: Path, lines: list[list[str]]) -> Result:
    """``lines`` under the SIPD form's header, printed ruled in a generated PDF, processed."""
    caption = "RINCIAN BELANJA SUB KEGIATAN DINAS CONTOH TAHUN 2025"
    pdf = render(tmp_path / "rka.pdf", [TableSpec(caption, [SIPD_HEADER, *lines])],
                 Layout(size=7))  # fmt: skip
    return renja.process(pdf)


def test_the_sipd_form_checks_koefisien_times_harga_with_ppn(tmp_path: Path) -> None:
    """The RKA's own form, printed ruled in a generated PDF: coefficients of one and two
    factors, PPN 11% with a product in cents (printed rounded to the rupiah), and one line the
    author got wrong (25 months' pay for 24, its parent agreeing with it)."""
    result = sipd_rincian(tmp_path, [
        ["5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
         "", "", "", "", "8.043.116"],
        ["", "Kertas HVS A4 80 gram", "120 Rim", "Rim", "55.000", "11", "7.326.000"],
        ["", "Map plastik", "2 Lusin x 15 Bidang", "Lusin", "21.535", "11", "717.116"],
        ["5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", "", "", "", "", "31.250.000"],
        ["", "Honorarium tenaga administrasi", "2 Orang x 12 Bulan", "OB", "1.250.000", "0",
         "31.250.000"],
        ["", "Jumlah", "", "", "", "", "39.293.116"],
    ])  # fmt: skip
    (table,) = [t for t in result.tables if t.form == "rincian_belanja"]
    assert table.frame["jumlah"].tolist() == [
        8043116, 7326000, 717116, 31250000, 31250000, 39293116
    ]  # fmt: skip
    # 120 × 55.000 × 1,11 = 7.326.000; 30 × 21.535 × 1,11 = 717.115,5, printed 717.116
    (error,) = [f for f in result.findings if f.severity == "error"]
    assert (error.check, error.row, error.found, error.expected) == (
        "aritmetika_baris", 5, "31250000", "30000000"
    )  # fmt: skip
    assert "2 Orang x 12 Bulan (24) × 1.250.000 = 30.000.000" in error.message
    assert result.audits[table.table_id].relations >= 3 + 3  # the lines and the sums


def test_a_bare_coefficient_grouped_by_thousands_is_its_quantity(tmp_path: Path) -> None:
    """An RKA pendapatan prints its volume alone in the Koefisien column, its unit beside it:
    ``14.200`` visits is 14 200 (Indonesian thousands), not 14,2 (a float of the text): every
    such line had a false ``aritmetika_baris`` a thousand times off (validate/sheet.py,
    ``Row.number_at`` reads no text)."""
    result = sipd_rincian(tmp_path, [
        ["4.1.02.01.01.0001", "Retribusi Pelayanan Kesehatan di Puskesmas", "", "", "", "",
         "653.500.000"],
        ["", "Pemeriksaan umum rawat jalan", "52.400", "Kunjungan", "10.000", "0",
         "524.000.000"],
        ["", "Pemeriksaan laboratorium sederhana", "14.200", "Pemeriksaan", "12.500", "0",
         "129.500.000"],
    ])  # fmt: skip
    (error,) = [f for f in result.findings if f.check == "aritmetika_baris"]
    assert (error.row, error.expected, error.found) == (3, "177500000", "129500000")


def test_a_ppn_printed_in_rupiah_is_added_not_taken_for_a_rate(tmp_path: Path) -> None:
    """A budget sheet whose PPN column prints the tax itself (``412.500``), not its rate: the
    line is koefisien × harga + PPN (60 × 62.500 + 412.500 = 4.162.500). Read as a rate, every
    taxed line was a false ``aritmetika_baris`` (``412500%``); the one wrong line still is."""
    result = sipd_rincian(tmp_path, [
        ["5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
         "", "", "", "", "5.082.500"],
        ["", "Kertas HVS A4 80 gram", "60 Rim", "Rim", "62.500", "412.500", "4.162.500"],
        ["", "Map plastik", "12 Lusin", "Lusin", "70.000", "80.000", "920.000"],
        ["5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", "", "", "", "", "32.000.000"],
        ["", "Honorarium tenaga administrasi", "2 Orang x 12 Bulan", "OB", "1.250.000", "0",
         "32.000.000"],
        ["", "Jumlah", "", "", "", "", "37.082.500"],
    ])  # fmt: skip
    errors = [f for f in result.findings if f.check == "aritmetika_baris"]
    assert [(f.row, f.found, f.expected) for f in errors] == [(5, "32000000", "30000000")]


# A DPA-SKPD 2.2.1 of the Permendagri 13/2006 years, an older form than SIPD's: "Rincian
# Perhitungan" over Volume, Satuan and Harga Satuan, a column-number row with its formula, the
# old account codes (5.2.2.01.01), no PPN; the moderator's line is wrong (2 × 2 × 650.000 is
# 2.600.000), its parent right.
DPA_ROWS = [
    ["Kode Rekening", "Uraian", "Rincian Perhitungan", "", "", "Jumlah (Rp)"],
    ["", "", "Volume", "Satuan", "Harga Satuan", ""],
    ["1", "2", "3", "4", "5", "6 = (3 x 5)"],
    ["5.2", "BELANJA LANGSUNG", "", "", "", "14.725.000"],
    ["5.2.2", "Belanja Barang dan Jasa", "", "", "", "14.725.000"],
    ["5.2.2.01", "Belanja Bahan Pakai Habis", "", "", "", "4.125.000"],
    ["5.2.2.01.01", "Belanja Alat Tulis Kantor", "", "", "", "4.125.000"],
    ["", "Kertas HVS A4", "50", "rim", "55.000", "2.750.000"],
    ["", "Tinta printer", "10", "botol", "137.500", "1.375.000"],
    ["5.2.2.03", "Belanja Jasa Kantor", "", "", "", "10.600.000"],
    ["5.2.2.03.01", "Belanja Honorarium Narasumber", "", "", "", "10.600.000"],
    ["", "Narasumber", "2 org x 4 jam", "OJ", "1.000.000", "8.000.000"],
    ["", "Moderator", "2 org x 2 jam", "OJ", "650.000", "2.700.000"],
    ["", "JUMLAH", "", "", "", "14.725.000"],
]


@pytest.mark.parametrize("rules", ["all", "horizontal", "none"])
def test_an_older_dpa_form_is_priced_and_its_wrong_line_explains_its_parent(
    tmp_path: Path, rules: str
) -> None:
    caption = "RINCIAN DOKUMEN PELAKSANAAN ANGGARAN BELANJA LANGSUNG PROGRAM DAN PER KEGIATAN"
    pdf = render(tmp_path / "dpa.pdf", [TableSpec(caption, DPA_ROWS, header_rows=3)],
                 Layout(size=7, rules=rules))  # fmt: skip
    result = renja.process(pdf)
    (table,) = result.tables
    assert table.form == "rincian_belanja"
    assert result.audits[table.table_id].relations >= 4 + 6  # the 4 lines and the sums
    found = {(f.check, f.row, f.found, f.expected, f.root_cause) for f in result.findings}
    line = next(f for f in result.findings if f.check == "aritmetika_baris")
    assert found == {
        ("aritmetika_baris", 10, "2700000", "2600000", None),
        ("jumlah_rincian", 8, "10600000", "10700000", line.id),
    }
    assert "koefisien × harga = 2 org x 2 jam (4) × 650.000 = 2.600.000" in line.message


def test_the_contract_keeps_its_price_checks_through_the_manifest() -> None:
    contract = TableContract.from_dict({
        "bentuk": "rincian_belanja", "judul": "", "status": "bentuk_dikenal", "kolom": [],
        "hitungan_harga": [{"jumlah": "jumlah", "volume": "koefisien", "harga": "harga",
                            "pajak": "ppn", "rumus": "koefisien × harga + ppn"}],
    })  # fmt: skip
    assert contract.price_checks == (
        PriceCheck("jumlah", "koefisien", "harga", "ppn", "koefisien × harga + ppn"),
    )
    assert TableContract.from_dict(contract.to_dict()) == contract


@pytest.mark.documents(BOGOR)
def test_every_priced_line_of_the_real_rka_is_checked_and_none_is_wrong(
    processed: Processed,
) -> None:
    """The Kota Bogor RKA (2022) prints 189 priced lines, coefficients of one and two factors
    among them, and every one is right: all are checked, none is a false alarm."""
    result = processed(BOGOR)
    table = next(t for t in result.tables if t.form == "rincian_belanja")
    priced = table.frame[table.frame["harga"].notna()]
    assert len(priced) == 189 and priced["koefisien"].str.contains(" x ").any()
    assert not [f for f in result.findings if f.check == "aritmetika_baris"]
    audit = result.audits[table.table_id]
    assert audit.relations >= 189 + 52  # the priced lines besides the account sums


def test_a_misread_coefficient_too_large_for_any_amount_is_not_checked(tmp_path: Path) -> None:
    """A coefficient cell holding amounts (a conversion's slip): its product is past any
    amount, so the line is not checked, and the run ends normally."""
    source = tmp_path / "rab.md"
    huge = "9.300.000.000.000.000.000 Orang x 9.300.000.000.000.000.000 Kali"
    source.write_text(unknown_cost_table([
        ("Alat tulis kantor", "120", "Rim", "55.000", "6.600.000"),
        ("Sewa tenda", huge, "Unit/Hari", "450.000", "2.750.000"),
    ]), encoding="utf-8")  # fmt: skip
    done = CliRunner().invoke(main, ["run", str(source), "--out", str(tmp_path / "out"), "-q"])
    assert done.exit_code == 0 and "Traceback" not in done.output, done.output
    assert not findings_of(tmp_path / "out" / "rab", "aritmetika_baris")
    manifest = json.loads((tmp_path / "out" / "rab" / "manifest.json").read_text("utf-8"))
    assert manifest["tables"][0]["audit"]["hitungan"] == 2  # the first line and the total
