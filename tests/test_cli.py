"""The ``renja`` command: the output contract, progress, and one clear line for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from renja.app.cli import main
from renja.model.publish import LOCK, MARKER
from renja.model.version import SCHEMA_VERSION

from .conftest import SAMPLE_MD


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_run_writes_the_output_contract(tmp_path: Path) -> None:
    code, out, _ = run("run", str(SAMPLE_MD), "--out", str(tmp_path))
    assert code == 0
    folder = tmp_path / "renja-bkpsdm-banjarbaru-2024"
    assert "renja-bkpsdm-banjarbaru-2024: 9 tabel" in out
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {"manifest.json", "repairs.csv", "findings.csv"} <= names
    assert "tables/t11_rencana_perubahan.csv" in names
    assert "tables/t11_rencana_perubahan.parquet" in names
    assert "raw/t01_teks.csv" in names  # a table that holds no data is kept raw only
    assert "tables/t01_teks.csv" not in names
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["meta"]["tahun"] == 2024
    kinds = [t["kind"] for t in manifest["tables"]]
    assert kinds.count("teks") == 2 and "evaluasi_e81" in kinds
    lampiran = next(t for t in manifest["tables"] if t["kind"] == "rencana_perubahan")
    assert lampiran["rows"] == 61 and "pagu_sesudah" in lampiran["columns"]
    header = (folder / "repairs.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("table,row,column,raw,clean,rule")


def test_rerun_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("run", str(SAMPLE_MD), "--out", str(first), "--no-parquet")[0] == 0
    assert run("run", str(SAMPLE_MD), "--out", str(second), "--no-parquet")[0] == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_folder_input_shows_progress_and_processes_each_document(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, (a, b) in {"a": ("1.000", "2.000"), "b": ("5.500", "5.000")}.items():
        (docs / f"{name}.md").write_text(
            "Tabel 5.3 Pergeseran Pagu\n\nKode\tSub Kegiatan\tSebelum\t"
            f"Sesudah\n1.02.01.2.01.0001\tA\t{a}\t{b}\n",
            encoding="utf-8",
        )
    (docs / "notes.docx").write_bytes(b"ignored")
    code, _, err = run("run", str(docs), "--out", str(tmp_path / "out"))
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert names == ["a", "b", "batch.json", "corpus"]
    assert "2/2" in err  # the progress bar's count


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.md", "berkas atau folder tidak ada"),
        (lambda d: _write(d / "empty.md", b""), "berkasnya kosong"),
        (lambda d: _write(d / "blank.md", b"  \n\n"), "berkasnya kosong"),
        (lambda d: _write(d / "zip.md", b"PK\x03\x04\x14\x00\x00\x00\x08\x00binary"), "data biner"),
        (lambda d: _write(d / "bad.md", b"\x81\x8d\x8f\x90\x9d text"), "bukan UTF-8 dan bukan"),
        (lambda d: _write(d / "scan.pdf", b"%PDF-1.4"), "PDF rusak"),
        (lambda d: _write(d / "sheet.xlsx", b"x"), "tidak didukung"),
    ],
)
def test_bad_input_gets_one_line_and_exit_1(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    out_dir = tmp_path / "out"
    code, out, err = run("run", str(path), "--out", str(out_dir))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Galat: ") and message in lines[0]
    assert "Traceback" not in out + err
    leftovers = list(out_dir.iterdir()) if out_dir.exists() else []
    assert [p for p in leftovers if p.name not in (MARKER, LOCK)] == []  # nothing half-written


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_cp1252_file_is_read(tmp_path: Path) -> None:
    doc = tmp_path / "lama.md"
    doc.write_bytes(
        "Tabel 5.3 Pergeseran Pagu – Anggaran\n\nKode\tSub Kegiatan\tSebelum\tSesudah\n"
        "1.02.01.2.01.0001\tPenyusunan Dokumen\t1.000.000\t2.000.000\n".encode("cp1252")
    )
    code, _, err = run("run", str(doc), "--out", str(tmp_path / "out"))
    assert code == 0
    assert "dibaca sebagai cp1252" in err
    table = (tmp_path / "out" / "lama" / "tables").glob("*pergeseran_pagu.csv")
    text = next(table).read_text(encoding="utf-8")
    assert "1000000,1000000,tercetak,2000000,2000000,tercetak" in text


def test_markdown_without_tables_warns_and_writes_an_empty_manifest(tmp_path: Path) -> None:
    doc = tmp_path / "prosa.md"
    doc.write_text("# Kata Pengantar\n\nHanya teks, tanpa tabel.\n", encoding="utf-8")
    code, _, err = run("run", str(doc), "--out", str(tmp_path / "out"))
    assert code == 0
    assert "Peringatan: prosa: tidak ada tabel yang ditemukan di dokumen" in err
    manifest = json.loads((tmp_path / "out" / "prosa" / "manifest.json").read_text("utf-8"))
    assert manifest["tables"] == []
    assert manifest["warnings"] == ["tidak ada tabel yang ditemukan di dokumen"]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("run", str(tmp_path))
    assert code == 1 and "tidak ada dokumen untuk diproses" in err


def test_one_bad_document_does_not_stop_the_others(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(SAMPLE_MD.read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "b.md").write_bytes(b"")
    # the corpus after a failed document: tests/test_batch.py (here --no-corpus, not built)
    code, _, err = run("run", str(docs), "--out", str(tmp_path / "out"), "--no-corpus")
    assert code == 1
    assert "b.md: berkasnya kosong" in err and "1 dari 2 dokumen gagal" in err
    assert (tmp_path / "out" / "a" / "manifest.json").exists()
    assert not (tmp_path / "out" / "corpus").exists()


def test_rewriting_replaces_the_folder_atomically(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    assert run("run", str(SAMPLE_MD), "--out", str(out_dir))[0] == 0
    stale = out_dir / "renja-bkpsdm-banjarbaru-2024" / "tables" / "stale.csv"
    stale.write_text("old", encoding="utf-8")
    assert run("run", str(SAMPLE_MD), "--out", str(out_dir), "--force")[0] == 0
    assert not stale.exists()
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == [MARKER, LOCK, "renja-bkpsdm-banjarbaru-2024"]


def test_help_documents_every_command_and_option() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "run" in out
    code, out, _ = run("run", "--help")
    for option in ("--out", "--no-parquet", "--quiet", "--debug"):
        assert option in out


def test_console_script_runs(tmp_path: Path) -> None:
    renja_bin = Path(sys.executable).with_name("renja")
    done = subprocess.run(
        [str(renja_bin), "run", str(tmp_path / "nope.md")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"Galat: {tmp_path / 'nope.md'}: berkas atau folder tidak ada"


def test_match_prints_candidates_best_first() -> None:
    from .conftest import SHARED, need

    need(SHARED / "reference" / "permendagri90")
    code, out, err = run("match", "Pembinaan Disiplin Pegawai", "--within", "5.03", "--top", "3")
    assert code == 0 and err == ""
    lines = [line.split("\t") for line in out.strip().splitlines()]
    assert len(lines) == 3
    assert lines[0] == [
        "5.03.02.2.04.0007", "sub_kegiatan", "2027 kab/kota", "100", "Pembinaan Disiplin ASN"
    ]
    scores = [float(score) for _, _, _, score, _ in lines]
    assert scores == sorted(scores, reverse=True)
    code, out, _ = run("match", "Pembinaan Disiplin Pegawai", "--versi", "1317/2023", "--top", "1")
    assert out.split("\t")[:3] == ["5.03.02.2.04.0007", "sub_kegiatan", "1317/2023 kab/kota"]
    code, out, _ = run("match", "Pembinaan Disiplin Pegawai", "--pemda", "prov", "--top", "1")
    assert out.split("\t")[:3] == ["5.03.02.1.04.0007", "sub_kegiatan", "2027 provinsi"]


def test_match_prints_json() -> None:
    from .conftest import SHARED, need

    need(SHARED / "reference" / "permendagri90")
    code, out, err = run(
        "match", "Penyediaan Gaji dan Tunjangan ASN", "--within", "5.03", "--format", "json"
    )
    assert code == 0 and err == ""
    answer = json.loads(out)
    assert answer["pasti"] is True and answer["kode"] == "5.03.01.2.02.0001"
    assert answer["within"] == "5.03"
    best = answer["kandidat"][0]
    assert best["kode_generik"] == "X.XX.01.2.02.0001" and best["level"] == "sub_kegiatan"
    assert best["daftar"] in ("2027 kab/kota", "1317/2023 kab/kota") and best["skor"] == 100


def test_match_says_when_it_is_not_sure() -> None:
    from .conftest import SHARED, need

    need(SHARED / "reference" / "permendagri90")
    code, out, err = run("match", "Pembangunan Unit Sekolah Baru (USB)", "--level", "sub_kegiatan")
    assert code == 0
    assert len(out.strip().splitlines()) == 5
    assert err.startswith("Tidak pasti: skor kandidat terbaik 100 dan selisihnya dengan kode")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("",), "Galat: Uraian kosong"),
        (("  ",), "Galat: Uraian kosong"),
        (("Pengadaan Mebel", "--within", "9.99"), "Galat: Awalan kode 9.99 tidak ada"),
        (("Pengadaan Mebel", "--within", "1.1.05.05.01"), "Galat: '1.1.05.05.01' adalah kode lama"),
        (("Pengadaan Mebel", "--within", "Mebel"), "Galat: 'Mebel' bukan kode Permendagri 90"),
    ],
)
def test_match_refuses_what_it_cannot_answer(args: tuple[str, ...], message: str) -> None:
    from .conftest import SHARED, need

    need(SHARED / "reference" / "permendagri90")
    code, out, err = run("match", *args)
    assert code == 1 and out == ""
    assert err.startswith(message) and len(err.strip().splitlines()) == 1


def test_match_reads_a_printed_prefix_as_the_nomenclature_writes_it() -> None:
    from .conftest import SHARED, need

    need(SHARED / "reference" / "permendagri90")
    code, out, err = run("match", "Pengadaan Mebel", "--within", "5.03.01.2.07.05")
    assert code == 0
    assert out.split("\t")[0] == "5.03.01.2.07.0005"
    assert err.strip() == "Catatan: dibaca sebagai 5.03.01.2.07.0005."


def test_a_missing_reference_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run("match", "x", "--nomenklatur", str(tmp_path / "nope"))
    assert code == 1
    assert err.startswith("Galat: ") and "kepmendagri_900.1.15.5-1317_2023.csv" in err
    code, _, err = run(
        "run", str(SAMPLE_MD), "--out", str(tmp_path / "o"), "--nomenklatur", str(tmp_path / "nope")
    )
    assert code == 1 and len(err.strip().splitlines()) == 1
    monkeypatch.setenv("RENJA_NOMENKLATUR", str(tmp_path / "nope"))
    code, _, err = run("run", str(SAMPLE_MD), "--out", str(tmp_path / "o"))
    assert code == 0
    assert err.startswith("Peringatan: kode tidak diverifikasi atau dicocokkan:")
