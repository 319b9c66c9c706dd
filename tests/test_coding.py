"""Every clean row with a name gets its code: printed codes verified, the rest matched."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import renja
from renja.model.refs import CodeRef
from renja.model.result import Result
from renja.normalize.nomenclature import VERSION_2027, Nomenclature, load_nomenclature

from .conftest import SHARED, need

REFERENCE = SHARED / "reference" / "permendagri90"


@pytest.fixture(scope="module")
def nomenclature() -> Nomenclature:
    return load_nomenclature(need(REFERENCE))


def _row(result: Result, kind: str, line: int) -> pd.Series:
    frame = result.table(kind)
    return frame[frame["sumber_baris"] == line].iloc[0]


def _findings(result: Result, check: str) -> dict[int | None, object]:
    return {f.source.line: f for f in result.findings if f.check == check}


def test_the_version_follows_the_document_year(sample: Result) -> None:
    need(REFERENCE)
    assert sample.nomenclature is not None
    assert sample.nomenclature["version"] == "1317/2023"


def test_e81_rows_without_codes_are_matched_in_context(sample: Result) -> None:
    need(REFERENCE)
    expected = {
        252: ("5.03.01", "program"),
        253: ("5.03.01.2.01", "kegiatan"),
        254: ("5.03.01.2.01.0001", "sub_kegiatan"),
        258: ("5.03.01.2.02.0001", "sub_kegiatan"),  # "Penyediaan Gaji dan Tunjangan"
        275: ("5.03.01.2.06.0009", "sub_kegiatan"),
        296: ("5.03.01.2.09.0008", "sub_kegiatan"),  # "Lainnya Pemeliharaan Aset Tak Berwujud"
        299: ("5.03.01.2.09.0011", "sub_kegiatan"),  # "Saranan"
        324: ("5.03.02.2.04.0007", "sub_kegiatan"),  # "Pembinaan Disiplin Pegawai"
        328: ("5.04.02", "program"),  # "PROGRAM PENGEMBANGAN SDM"
        336: ("5.04.02.2.02", "kegiatan"),  # "Sertifikasi, Keseimbangan, …"
    }
    for line, (code, level) in expected.items():
        row = _row(sample, "evaluasi_e81", line)
        assert (row["kode"], row["level"], row["kode_sumber"]) == (code, level, "cocok"), line
        assert row["skor_kode"] >= 84
    footer = _row(sample, "evaluasi_e81", 341)
    assert pd.isna(footer["kode"]) and pd.isna(footer["kode_sumber"])


def test_table_5_2_rows_are_matched_or_left_unsure(sample: Result) -> None:
    need(REFERENCE)
    assert _row(sample, "penambahan_pagu", 897)["kode"] == "5.03.01.2.02.0001"
    assert _row(sample, "penambahan_pagu", 911)["kode"] == "5.03.01.2.07.0002"
    # The name is exactly one sub kegiatan's (…0010), but its pagu murni 68.936.480 is printed
    # in Tabel 2.4 under its sibling …0011 and under no other code: the amount decides.
    row = _row(sample, "penambahan_pagu", 901)
    assert (row["kode"], row["kode_sumber"]) == ("5.03.01.2.07.0011", "cocok")
    assert 901 not in _findings(sample, "kode_tidak_pasti")


def test_without_amount_evidence_the_same_name_is_not_sure(tmp_path, nomenclature) -> None:
    doc = tmp_path / "tambah.md"
    doc.write_text(
        "Tabel 5.2 Penambahan Pagu Anggaran\n\n"
        "No\tSub Kegiatan\tUraian Penambahan\tPagu Murni\tPagu Penambahan\tTotal\n"
        "1\tPengadaan Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya\tx\t"
        "1.000.000\t1.000.000\t2.000.000\n"
        "\nTabel 5.3 Pergeseran Pagu Anggaran\n\n"
        "Kode\tSub Kegiatan\tSebelum Perubahan\tSesudah Perubahan\n"
        "5.03.01.2.07.0011\tPengadaan Sarana dan Prasarana Pendukung Gedung Kantor atau "
        "Bangunan Lainnya\t5.000.000\t6.000.000\n",
        encoding="utf-8",
    )
    result = renja.process(doc, nomenclature=nomenclature)
    assert pd.isna(result.table("penambahan_pagu").loc[0, "kode"])
    finding = next(f for f in result.findings if f.check == "kode_tidak_pasti")
    assert {CodeRef("5.03.01.2.07.0010"), CodeRef("5.03.01.2.07.0011")} <= set(finding.related)


def test_printed_codes_are_verified(sample: Result) -> None:
    need(REFERENCE)
    row = _row(sample, "rencana_perubahan", 981)
    assert (row["kode"], row["kode_sumber"]) == ("5.03.01.2.01.0001", "cetak+verifikasi")
    assert row["uraian_nomenklatur"] == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    coded = sample.table("rencana_perubahan")
    named = coded[coded["uraian"].notna() & coded["jenis_baris"].eq("data")]
    assert named["kode_sumber"].notna().all()


def test_the_lampiran_s_misfiled_rows_are_reported_with_the_right_suggestion(
    sample: Result,
) -> None:
    need(REFERENCE)
    mismatches = _findings(sample, "kode_uraian_tidak_cocok")
    kendaraan = mismatches[1000]
    assert (kendaraan.found, kendaraan.expected) == ("5.03.01.2.07.0005", "5.03.01.2.07.0002")
    assert "Pengadaan Mebel" in kendaraan.message
    jasa = mismatches[1005]
    assert (jasa.found, jasa.expected) == ("5.03.01.2.08.0002", "5.03.01.2.08.0002")
    assert "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik" in jasa.message
    # The printed code stays: a disagreement is a finding, never a silent rewrite.
    assert _row(sample, "rencana_perubahan", 1000)["kode"] == "5.03.01.2.07.0005"


def _document(tmp_path: Path, year: int, rows: list[tuple[str, str]]) -> Path:
    lines = [
        f"# RENJA DINAS CONTOH KABUPATEN CONTOH TAHUN {year}",
        "",
        f"Tabel 5.3 Pergeseran Pagu Anggaran Tahun {year}",
        "",
        "Kode\tSub Kegiatan\tSebelum Perubahan\tSesudah Perubahan\tJumlah\tKeterangan",
    ]
    lines += [f"{code}\t{name}\t1.000.000\t1.000.000\t-\t-" for code, name in rows]
    path = tmp_path / f"renja-{year}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_renumbered_code_is_reported_not_rewritten(
    tmp_path: Path, nomenclature: Nomenclature
) -> None:
    current = {e.code for e in nomenclature.select(version=VERSION_2027, jenis_pemda="kabkota")}
    renamed = next(
        e
        for e in nomenclature.select(version=VERSION_2027, jenis_pemda="kabkota")
        if e.previous_code and e.previous_code not in current
    )
    doc = _document(tmp_path, 2027, [(renamed.previous_code, renamed.previous_name)])
    result = renja.process(doc, nomenclature=nomenclature)
    assert result.nomenclature["version"] == VERSION_2027
    finding = next(f for f in result.findings if f.check == "kode_berubah_nomor")
    assert (finding.found, finding.expected) == (renamed.previous_code, renamed.code)
    assert result.table("pergeseran_pagu").loc[0, "kode"] == renamed.previous_code


def test_a_code_in_no_version_is_reported(tmp_path: Path, nomenclature: Nomenclature) -> None:
    doc = _document(tmp_path, 2024, [("5.03.02.2.09.0099", "Pengelolaan Kenaikan Pangkat ASN")])
    result = renja.process(doc, nomenclature=nomenclature)
    finding = next(f for f in result.findings if f.check == "kode_tidak_dikenal")
    assert finding.found == "5.03.02.2.09.0099"
    assert finding.expected == "5.03.02.2.02.0002"


def test_without_a_reference_the_tables_still_come_out(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RENJA_NOMENKLATUR", str(tmp_path / "missing"))
    doc = _document(tmp_path, 2024, [("5.03.02.2.02.0002", "Pengelolaan Kenaikan Pangkat ASN")])
    result = renja.process(doc)
    assert result.nomenclature is None
    assert any("kode tidak diverifikasi atau dicocokkan" in w for w in result.document.warnings)
    assert result.table("pergeseran_pagu").loc[0, "kode"] == "5.03.02.2.02.0002"
