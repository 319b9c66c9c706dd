"""Document metadata: what every real sample says about itself, and the sidecar that corrects it.

The PDFs' metadata is read from the documents ``renja.process`` read (``processed``, shared with
the other modules; the default engine, which reads every page with pdfplumber first). Processing
adds only the bidang and a jenis_pemda the text did not give, and every pemda is asserted (it
gives the jenis_pemda), so the fields compared are the reader's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from renja.app.cli import main
from renja.model.records import Document
from renja.model.result import Result

from .conftest import DKI_MD, REAL, SAMPLE_MD, SHARED, Processed, need

WILAYAH = SHARED / "reference" / "wilayah"

# (pemda, kode_pemda, skpd, kode_skpd, tahun, jenis, jenis_pemda), read from each document
EXPECTED = {
    "renja-binakonstruksi-pupr-provkaltim-2025.pdf": (
        "Provinsi Kalimantan Timur",
        "64",
        "Dinas Pekerjaan Umum Penataan Ruang dan Perumahan Rakyat Provinsi Kalimantan Timur",
        None,
        2025,  # from its table header ("Rencana Tahun 2025"): the text names no year
        "Renja",
        "prov",
    ),
    "renja-dp3akb-provsumut-2026.pdf": (  # title page scanned: from the running heads
        "Provinsi Sumatera Utara",
        "12",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana "
        "Provinsi Sumatera Utara",
        None,
        2026,
        "Renja",
        "prov",
    ),
    "renja-satpolppdamkar-katingan-2025.pdf": (
        "Kabupaten Katingan",
        "62.06",  # from the list of regions (../shared/reference/wilayah)
        "Satuan Polisi Pamong Praja dan Pemadam Kebakaran",
        "1.05.0.00.0.00.03.0000",
        2025,
        "Renja",
        "kabkota",
    ),
    "rka-subkeg-rakor-disdagin-kotabogor-2022.pdf": (
        "Kota Bogor",
        "32.71",
        "DINAS PERDAGANGAN DAN PERINDUSTRIAN",
        "3.30.3.31.2.17.22.0000",
        2022,
        "RKA",
        "kabkota",
    ),
    "rkpd-dki-jakarta-2025.md": (
        "Provinsi Daerah Khusus Ibukota Jakarta",
        "31",
        None,
        None,
        2025,
        "RKPD",
        "prov",
    ),
}
KALTIM = REAL / "renja-binakonstruksi-pupr-provkaltim-2025.pdf"
FIELDS = ("pemda", "kode_pemda", "skpd", "kode_skpd", "tahun", "jenis", "jenis_pemda")
# The title each document gives itself: its title page, else its running heads.
TITLES = {
    "renja-binakonstruksi-pupr-provkaltim-2025.pdf": "RENJA BIDANG BINA KONSTRUKSI",
    "renja-dp3akb-provsumut-2026.pdf": "Rencana Kerja Tahun 2026",  # a running head
    "renja-satpolppdamkar-katingan-2025.pdf": (  # printed 'RENCANA KE RJA', rejoined
        "RENCANA KERJA (RENJA) SATUAN POLISI PAMONG PRAJA DAN PEMADAM KEBAKARAN KABUPATEN "
        "KATINGAN TAHUN 2025"
    ),
    "rka-subkeg-rakor-disdagin-kotabogor-2022.pdf": (
        "RINCIAN BELANJA SUB KEGIATAN SATUAN KERJA PERANGKAT DAERAH Pemerintah Kota Bogor "
        "Tahun Anggaran 2022"
    ),
    "rkpd-dki-jakarta-2025.md": "RENCANA KERJA PEMERINTAH DAERAH TAHUN 2025",
}


@pytest.mark.parametrize(
    "name",
    [  # a PDF is processed ahead (conftest.py), once a session
        pytest.param(name, marks=pytest.mark.documents(REAL / name))
        if name.endswith(".pdf")
        else name
        for name in sorted(EXPECTED)
    ],
)
def test_every_real_sample_names_itself(
    name: str, processed: Processed, request: pytest.FixtureRequest
) -> None:
    need(WILAYAH)
    path = REAL / name
    document: Document = (
        request.getfixturevalue("dki_document") if path == DKI_MD else processed(path).document
    )
    meta = document.meta
    assert tuple(getattr(meta, f) for f in FIELDS) == EXPECTED[name]
    assert meta.title == TITLES[name]
    assert meta.sources["kode_pemda"] == "daftar_wilayah"
    assert not any("wilayah" in w for w in document.warnings)


def test_the_sample_names_itself_the_same_in_markdown_and_pdf(
    sample: Result, sample_pdf: Result
) -> None:
    md, pdf = sample.document.meta, sample_pdf.document.meta
    assert md.as_dict() == pdf.as_dict()
    assert (md.pemda, md.tahun, md.jenis) == ("Kota Banjarbaru", 2024, "Renja Perubahan")
    if WILAYAH.exists():
        assert md.kode_pemda == "63.72"


@pytest.mark.documents(KALTIM)
def test_a_year_from_the_tables_is_marked_so(processed: Processed) -> None:
    need(WILAYAH)
    meta = processed(KALTIM).document.meta
    assert meta.as_dict()["sumber"]["tahun"] == "tabel"
    assert meta.as_dict()["sumber"]["kode_pemda"] == "daftar_wilayah"


def _run(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, list(args))
    return done.exit_code, done.output


def test_the_sidecar_corrects_metadata_and_the_manifest_says_so(tmp_path: Path) -> None:
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text(
        "file,kode_pemda,tahun\nrenja-bkpsdm-banjarbaru-2024.md,63.72,\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert (
        _run("run", str(SAMPLE_MD), "--out", str(out), "--meta", str(sidecar), "--no-report")[0]
        == 0
    )
    manifest = json.loads((out / SAMPLE_MD.stem / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["meta"]["kode_pemda"] == "63.72" and manifest["meta"]["tahun"] == 2024
    assert manifest["meta"]["sumber"]["kode_pemda"] == "sidecar"
    assert manifest["meta"]["sumber"]["tahun"] == "dokumen"  # an empty cell keeps the document's
    # a changed sidecar row makes the outputs stale: the document is processed again
    sidecar.write_text(
        "file,kode_pemda,tahun\nrenja-bkpsdm-banjarbaru-2024,63.72,2025\n", encoding="utf-8"
    )
    assert (
        _run("run", str(SAMPLE_MD), "--out", str(out), "--meta", str(sidecar), "--no-report")[0]
        == 0
    )
    manifest = json.loads((out / SAMPLE_MD.stem / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["meta"]["tahun"] == 2025 and manifest["meta"]["sumber"]["tahun"] == "sidecar"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("pemda,tahun\nx,2024\n", "memerlukan kolom 'file'"),
        ("file,kota\nx.md,Bogor\n", "pendamping tidak dikenal kota"),
        ("file,tahun\nx.md,dua ribu\n", "baris 2: tahun harus tahun"),
        ("file,jenis_pemda\nx.md,kota\n", "jenis_pemda harus prov atau kabkota"),
    ],
)
def test_a_bad_sidecar_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    code, output = _run("run", str(SAMPLE_MD), "--out", str(out), "--meta", str(sidecar))
    assert code == 1 and message in output and "Traceback" not in output
    assert not out.exists()


def test_a_missing_sidecar_is_one_line(tmp_path: Path) -> None:
    code, output = _run("run", str(SAMPLE_MD), "--meta", str(tmp_path / "nope.csv"))
    assert code == 1 and "pendamping tidak dapat dibaca" in output
