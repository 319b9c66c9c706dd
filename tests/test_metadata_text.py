"""Document metadata from short synthetic texts: one test per way an unseen document misled it.

Title pages, contents lines, list items, prose that says "provinsi dimana", words a PDF split,
an RPJMD that quotes the RKPD, APBD lampiran titles, Renstra titles, SIPD RKA/DPA header blocks,
and the Kemendagri list of regions (found, named, missing).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from renja.app.cli import main
from renja.extract import ReadOptions, read
from renja.extract.meta import read_meta
from renja.extract.meta_title import JENIS, PERUBAHAN
from renja.extract.wilayah import (
    ENV_VAR,
    FILE,
    find_regions,
    regions_from_rows,
    wilayah_path,
)

from .conftest import SHARED, need

REGIONS = regions_from_rows(
    [
        ("12", "Sumatera Utara", "provinsi"),
        ("31", "Daerah Khusus Ibukota Jakarta", "provinsi"),
        ("31.71", "Kota Administrasi Jakarta Pusat", "kota"),
        ("32.01", "Kabupaten Bogor", "kabupaten"),
        ("32.71", "Kota Bogor", "kota"),
        ("62", "Kalimantan Tengah", "provinsi"),
        ("62.06", "Kabupaten Katingan", "kabupaten"),
        ("63.72", "Kota Banjarbaru", "kota"),
        ("73.10", "Kabupaten Pangkajene dan Kepulauan", "kabupaten"),
    ]
)
WILAYAH = SHARED / "reference" / "wilayah"


def _meta(*lines: str, running: tuple[str, ...] = (), regions=REGIONS):
    return read_meta(list(lines), list(running), regions)


# --- jenis: the title decides -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "jenis", "tahun"),
    [
        (("RENCANA KERJA", "PERANGKAT DAERAH", "TAHUN 2025"), "Renja", 2025),
        (("RENJA PERUBAHAN 2024",), "Renja Perubahan", 2024),
        (("RENCANA KERJA (RENJA) PERUBAHAN", "TAHUN 2024"), "Renja Perubahan", 2024),
        (("RENCANA KERJA PEMERINTAH DAERAH", "TAHUN 2025"), "RKPD", 2025),
        (("PERUBAHAN RENCANA KERJA PEMERINTAH DAERAH", "TAHUN 2023"), "RKPD Perubahan", 2023),
        (("RKPD-P KABUPATEN KATINGAN TAHUN 2023",), "RKPD Perubahan", 2023),
        (("RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH", "TAHUN 2021-2026"), "RPJMD", 2021),
        (("RENCANA PEMBANGUNAN JANGKA PANJANG DAERAH", "TAHUN 2025-2045"), "RPJPD", 2025),
        (("RENCANA STRATEGIS", "DINAS PENDIDIKAN", "TAHUN 2021 - 2026"), "Renstra", 2021),
        (("RENSTRA PERANGKAT DAERAH 2025-2029",), "Renstra", 2025),
        (("RENCANA KERJA DAN ANGGARAN", "SATUAN KERJA PERANGKAT DAERAH"), "RKA", None),
        (("DOKUMEN PELAKSANAAN ANGGARAN", "TAHUN ANGGARAN 2024"), "DPA", 2024),
        (("DOKUMEN PELAKSANAAN PERUBAHAN ANGGARAN", "TAHUN ANGGARAN 2024"), "DPA Perubahan", 2024),
        (("KEBIJAKAN UMUM ANGGARAN", "TAHUN ANGGARAN 2025"), "KUA-PPAS", 2025),
        (("PRIORITAS DAN PLAFON ANGGARAN SEMENTARA", "TAHUN ANGGARAN 2025"), "KUA-PPAS", 2025),
        (("ANGGARAN PENDAPATAN DAN BELANJA DAERAH", "TAHUN ANGGARAN 2024"), "APBD", 2024),
        (("RENCANA KERJA DINAS SOSIAL", "TAHUN ANGGARAN PERUBAHAN 2024"), "Renja Perubahan", 2024),
    ],
)
def test_every_document_type_is_recognised_by_its_title(
    lines: tuple[str, ...], jenis: str, tahun: int | None
) -> None:
    meta = _meta(*lines)
    assert (meta.jenis, meta.tahun) == (jenis, tahun)
    assert meta.jenis.removesuffix(f" {PERUBAHAN}") in JENIS


def test_an_rpjmd_that_quotes_the_rkpd_is_an_rpjmd() -> None:
    meta = _meta(
        "PEMERINTAH KABUPATEN KATINGAN",
        "RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH",
        "TAHUN 2023-2026",
        "KATA PENGANTAR",
        "RPJMD ini menjadi pedoman penyusunan RKPD setiap tahun. RKPD memuat rancangan",
        "kerangka ekonomi daerah; RKPD juga menjadi acuan Renja.",
        "a. RKPD; dan",
    )
    assert (meta.jenis, meta.tahun, meta.pemda) == ("RPJMD", 2023, "Kabupaten Katingan")
    assert meta.skpd is None  # a plan of the whole pemda names no SKPD
    assert meta.title == "RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH TAHUN 2023-2026"


def test_without_a_title_page_the_document_that_calls_itself_ini_decides() -> None:
    meta = _meta(
        "KATA PENGANTAR",
        "Sesuai ketentuan, RKPD disusun dengan berpedoman pada RPJMD. RKPD setiap tahun",
        "menjabarkan RPJMD. Dokumen RPJMD ini disusun untuk periode lima tahun.",
    )
    assert meta.jenis == "RPJMD" and meta.title is None


@pytest.mark.parametrize(
    "lines",
    [
        ("Dokumen ini disusun dengan memperhatikan:", "a. RKPD; dan", "b. Renstra."),
        ("2. Renja Perangkat Daerah;", "3. Rencana Kerja Pemerintah Daerah;"),
        ("(1) Rencana Kerja Pemerintah Daerah Tahun 2025 menjadi pedoman bagi:",),
        ("- RKPD Tahun 2025",),
    ],
)
def test_a_list_item_is_not_a_title(lines: tuple[str, ...]) -> None:
    meta = _meta(*lines)
    assert (meta.jenis, meta.title) == (None, None)


@pytest.mark.parametrize(
    "lines",
    [
        ("DAFTAR ISI", "BAB I PENDAHULUAN 1", "RENCANA KERJA PEMERINTAH DAERAH 12"),
        ("DAFTAR ISI", "2.4 Review terhadap RKPD II-44", "BAB IV RENCANA KERJA DAN PENDANAAN"),
        ("KATA PENGANTAR ........ i", "Evaluasi Pelaksanaan Renja Tahun Lalu .......... 9"),
    ],
)
def test_a_contents_line_is_not_a_title(lines: tuple[str, ...]) -> None:
    assert _meta(*lines).jenis is None


def test_running_heads_name_a_document_whose_contents_come_first() -> None:
    meta = _meta(
        "DAFTAR ISI",
        "2.4 Review terhadap RKPD ........ 44",
        running=("Rencana Kerja Tahun 2026", "Dinas Sosial Provinsi Sumatera Utara"),
    )
    assert (meta.jenis, meta.tahun, meta.title) == ("Renja", 2026, "Rencana Kerja Tahun 2026")
    assert (meta.pemda, meta.kode_pemda) == ("Provinsi Sumatera Utara", "12")


# --- APBD lampiran, Renstra, SIPD headers -------------------------------------------------


def test_an_apbd_lampiran_title_gives_the_budget_year_not_the_regulation_year() -> None:
    meta = _meta(
        "LAMPIRAN I PERATURAN DAERAH KOTA BANJARBARU NOMOR 5 TAHUN 2023 TENTANG PERUBAHAN APBD "
        "TAHUN ANGGARAN 2023",
        "RINGKASAN PERUBAHAN APBD",
    )
    assert (meta.jenis, meta.tahun, meta.pemda) == ("APBD Perubahan", 2023, "Kota Banjarbaru")
    assert meta.kode_pemda == "63.72" and meta.skpd is None
    meta = _meta(
        "LAMPIRAN II",
        "PERATURAN BUPATI KATINGAN",
        "NOMOR 30 TAHUN 2023",
        "TENTANG",
        "PENJABARAN ANGGARAN PENDAPATAN DAN BELANJA DAERAH",
        "TAHUN ANGGARAN 2024",
    )
    assert (meta.jenis, meta.tahun, meta.pemda) == ("APBD", 2024, "Kabupaten Katingan")


def test_a_renstra_title_page() -> None:
    meta = _meta("RENCANA STRATEGIS", "DINAS PENDIDIKAN", "KABUPATEN BOGOR", "TAHUN 2021-2026")
    assert (meta.jenis, meta.tahun, meta.pemda, meta.kode_pemda) == (
        "Renstra",
        2021,
        "Kabupaten Bogor",
        "32.01",
    )
    assert meta.skpd == "Dinas Pendidikan Kabupaten Bogor"  # the year line ends the SKPD


def test_a_sipd_dpa_header_block() -> None:
    meta = _meta(
        "DOKUMEN PELAKSANAAN ANGGARAN",
        "SATUAN KERJA PERANGKAT DAERAH",
        "PEMERINTAH KABUPATEN KATINGAN TAHUN ANGGARAN 2024",
        "Nomor DPA : DPA/A.1/1.01.0.00.0.00.01.0000/001/2024",
        "Urusan Pemerintahan : 1 - URUSAN PEMERINTAHAN WAJIB",
        "Organisasi : 1.01.0.00.0.00.01.0000 - DINAS PENDIDIKAN",
    )
    assert (meta.jenis, meta.tahun, meta.pemda, meta.kode_pemda) == (
        "DPA",
        2024,
        "Kabupaten Katingan",
        "62.06",
    )
    assert (meta.skpd, meta.kode_skpd) == ("DINAS PENDIDIKAN", "1.01.0.00.0.00.01.0000")


def test_a_sipd_rka_printout_named_by_its_running_head() -> None:
    meta = _meta(
        "RINCIAN BELANJA SUB KEGIATAN",
        "SATUAN KERJA PERANGKAT DAERAH",
        "Pemerintah Kota Bogor Tahun Anggaran 2022",
        "Unit Organisasi : 3.30.3.31.2.17.22.0000 DINAS PERDAGANGAN DAN PERINDUSTRIAN",
        running=("9/20/21, 1:59 PM Sistem Informasi Pemerintahan Daerah - Cetak RKA",),
    )
    assert (meta.jenis, meta.tahun, meta.pemda) == ("RKA", 2022, "Kota Bogor")
    assert meta.title.startswith("RINCIAN BELANJA SUB KEGIATAN")
    assert meta.kode_skpd == "3.30.3.31.2.17.22.0000"
    assert _meta("RINCIAN BELANJA SUB KEGIATAN", "DPA-RINCIAN BELANJA SKPD").jenis == "DPA"


# --- words a PDF split ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "first",
    ["RENCANA KE RJA", "RENCA NA KERJA", "R E N C A N A  K E R J A", "R E N C A N A K E R J A"],
)
def test_split_title_words_are_joined_again(first: str) -> None:
    meta = _meta(first, "DINAS KESEHATAN", "KOTA BANJAR BARU", "TAHUN 2025")
    assert meta.jenis == "Renja"
    assert meta.title == "RENCANA KERJA DINAS KESEHATAN KOTA BANJARBARU TAHUN 2025"
    assert (meta.pemda, meta.kode_pemda) == ("Kota Banjarbaru", "63.72")


def test_a_split_is_joined_only_into_a_known_word() -> None:
    # 'BINA' and 'KONSTRUKSI' are words: never one; 'RENCANA KE' makes no word either
    meta = _meta("RENJA BIDANG BINA KONSTRUKSI", "RENCANA KE DEPAN", regions=None)
    assert meta.title == "RENJA BIDANG BINA KONSTRUKSI"


# --- pemda: a kind and a proper name, checked against the list ----------------------------


@pytest.mark.parametrize("regions", [REGIONS, None], ids=["list", "no-list"])
def test_prose_about_provinsi_dimana_names_no_pemda(regions) -> None:
    meta = _meta(
        "RENJA DINAS KESEHATAN TAHUN 2025",
        "urusan yang menjadi kewenangan pemerintah provinsi dimana",
        "KEWENANGAN PEMERINTAH PROVINSI DIMANA KABUPATEN/KOTA",
        regions=regions,
    )
    assert (meta.pemda, meta.jenis_pemda) == (None, None)


def test_prose_names_a_pemda_only_when_the_list_confirms_it() -> None:
    lines = ("KATA PENGANTAR", "Dinas Kesehatan Provinsi Antah Berantah menyusun Renja ini", "di",
             "wilayah Kabupaten Bogor.")  # fmt: skip
    assert _meta(*lines).pemda == "Kabupaten Bogor"


@pytest.mark.parametrize(
    ("line", "pemda", "kode"),
    [
        ("PEMERINTAH KAB. KATINGAN", "Kabupaten Katingan", "62.06"),
        ("pemerintah kabupaten  Katingan", "Kabupaten Katingan", "62.06"),  # case, spaces
        ("BUPATI KATINGAN", "Kabupaten Katingan", "62.06"),
        ("WALI KOTA BANJARBARU", "Kota Banjarbaru", "63.72"),
        ("KOTA ADM. JAKARTA PUSAT", "Kota Administrasi Jakarta Pusat", "31.71"),
        ("PEMERINTAH PROVINSI DKI JAKARTA", "Provinsi Daerah Khusus Ibukota Jakarta", "31"),
        ("GUBERNUR DAERAH KHUSUS IBUKOTA JAKARTA,", "Provinsi Daerah Khusus Ibukota Jakarta", "31"),
        ("KABUPATEN PANGKAJENE DAN KEPULAUAN", "Kabupaten Pangkajene dan Kepulauan", "73.10"),
    ],
)
def test_a_pemda_is_matched_in_the_list_tolerantly(line: str, pemda: str, kode: str) -> None:
    meta = _meta("RENJA DINAS SOSIAL", line, "TAHUN 2025")
    assert (meta.pemda, meta.kode_pemda, meta.sources["kode_pemda"]) == (
        pemda,
        kode,
        "daftar_wilayah",
    )


def test_a_name_that_fits_two_regions_matches_none() -> None:
    # 'Pemerintah Bogor': the kabupaten or the kota? Never a guess.
    meta = _meta("RENJA DINAS SOSIAL", "PEMERINTAH BOGOR", "TAHUN 2025")
    assert (meta.pemda, meta.kode_pemda) == (None, None)


def test_a_title_page_pemda_missing_from_the_list_is_kept_without_a_code() -> None:
    meta = _meta("RENJA DINAS SOSIAL", "KABUPATEN ANTAH BERANTAH", "TAHUN 2025")
    assert (meta.pemda, meta.kode_pemda) == ("Kabupaten Antah Berantah", None)


def test_without_the_list_only_provinces_get_a_code() -> None:
    assert _meta("RENJA DINAS SOSIAL PROVINSI KALIMANTAN TENGAH", regions=None).kode_pemda == "62"
    meta = _meta("RENJA DINAS SOSIAL KABUPATEN KATINGAN", regions=None)
    assert (meta.pemda, meta.kode_pemda) == ("Kabupaten Katingan", None)


# --- finding the list ---------------------------------------------------------------------


def _write_list(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE).write_text(
        "kode,nama,tingkat\n62,Kalimantan Tengah,provinsi\n62.06,Kabupaten Katingan,kabupaten\n",
        encoding="utf-8",
    )
    return folder


def test_the_list_is_found_by_explicit_path_then_environment(tmp_path: Path, monkeypatch) -> None:
    folder = _write_list(tmp_path / "wilayah")
    assert wilayah_path(folder) == (folder / FILE).resolve()
    assert wilayah_path(folder / FILE) == (folder / FILE).resolve()
    monkeypatch.setenv(ENV_VAR, str(folder))
    assert wilayah_path() == (folder / FILE).resolve()
    assert find_regions().regions.find("kabupaten", "Katingan").region.kode == "62.06"


def test_the_shared_list_is_the_fallback(monkeypatch) -> None:
    need(WILAYAH)
    monkeypatch.delenv(ENV_VAR, raising=False)
    found = find_regions()
    assert found.problem is None
    assert found.regions.find("kota", "Banjarbaru").region.kode == "63.72"
    provinces = [r for rs in found.regions.by_key.values() for r in rs if r.tingkat == "provinsi"]
    assert len(provinces) == 38


@pytest.mark.parametrize(
    ("setup", "says"),
    [
        ("missing", "RENJA_WILAYAH"),
        ("empty-folder", f"tidak berisi {FILE}"),
        ("bad-columns", "tidak memuat kolom kode, tingkat"),
    ],
)
def test_a_missing_list_is_a_warning_that_says_what_is_missing(
    tmp_path: Path, monkeypatch, setup: str, says: str
) -> None:
    target = tmp_path / "wilayah"
    if setup == "empty-folder":
        target.mkdir()
    elif setup == "bad-columns":
        target.mkdir()
        (target / FILE).write_text("id,nama\n1,Aceh\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(target))
    doc = tmp_path / "renja.md"
    doc.write_text(
        "RENCANA KERJA\n\nDINAS SOSIAL KABUPATEN KATINGAN\n\nTAHUN 2025\n", encoding="utf-8"
    )
    document = read(doc)
    assert (document.meta.pemda, document.meta.kode_pemda) == ("Kabupaten Katingan", None)
    warning = next(w for w in document.warnings if "kode_pemda" in w)
    assert says in warning and "--wilayah" in warning
    assert warning.startswith("kode_pemda Kabupaten Katingan tidak diisi")


def test_an_explicit_list_in_the_read_options_is_used(tmp_path: Path) -> None:
    folder = _write_list(tmp_path / "daftar")
    doc = tmp_path / "renja.md"
    doc.write_text("RENCANA KERJA\n\nDINAS SOSIAL KAB. KATINGAN\n\nTAHUN 2025\n", encoding="utf-8")
    document = read(doc, ReadOptions(wilayah=folder))
    assert document.meta.kode_pemda == "62.06"
    assert document.meta.sources["kode_pemda"] == "daftar_wilayah"
    assert not document.warnings[1:]  # only 'no table found'


def test_a_pemda_the_list_does_not_hold_is_a_warning(tmp_path: Path) -> None:
    folder = _write_list(tmp_path / "daftar")
    doc = tmp_path / "renja.md"
    doc.write_text("RENCANA KERJA\n\nDINAS SOSIAL KOTA BOGOR\n\nTAHUN 2025\n", encoding="utf-8")
    document = read(doc, ReadOptions(wilayah=folder))
    assert document.meta.pemda == "Kota Bogor" and document.meta.kode_pemda is None
    assert any(w.startswith("pemda Kota Bogor tidak ada dalam daftar") for w in document.warnings)


def test_the_cli_takes_the_list_from_wilayah(tmp_path: Path) -> None:
    folder = _write_list(tmp_path / "daftar")
    doc = tmp_path / "renja.md"
    doc.write_text("RENCANA KERJA\n\nDINAS SOSIAL KAB. KATINGAN\n\nTAHUN 2025\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(doc), "--out", str(out), "--no-report", "--wilayah", str(folder)]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    manifest = json.loads((out / "renja" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["meta"]["kode_pemda"] == "62.06"
    assert manifest["meta"]["sumber"]["kode_pemda"] == "daftar_wilayah"
    missing = CliRunner().invoke(main, [*args[:-1], str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "--wilayah" in missing.output  # a typo stops the run
