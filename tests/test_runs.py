"""Runs as their users live them: a resumed run keeps the record of what was found, a long PDF
shows its pages, `renja corpus` rebuilds everything it replaces, and a --meta row that corrects
nothing says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from renja.app.cli import main
from renja.app.progress import Display

from .pdfgen import TableSpec, render


def _run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(main, list(args))
    return done.exit_code, done.stdout, done.stderr


def _batch(out: Path) -> dict:
    return json.loads((out / "batch.json").read_text(encoding="utf-8"))


@pytest.fixture
def out(batch_out: Path) -> Path:
    """Three documents (the sample and two small ones) run once, with their corpus; the tests
    copy it (into their own folder) before they change it."""
    return batch_out


def test_a_resumed_run_keeps_each_documents_counts(out: Path, tmp_path: Path) -> None:
    again = Path(shutil.copytree(out, tmp_path / "out"))
    first = _batch(again)
    code, stdout, _ = _run("run", str(out.parent / "docs"), "--out", str(again), "--no-report",
                           "--no-corpus")  # fmt: skip
    assert code == 0
    second = _batch(again)
    assert {d["status"] for d in second["documents"]} == {"skipped"}
    assert "3 dokumen: 0 berhasil, 3 dilewati, 0 gagal" in stdout
    for before, after in zip(first["documents"], second["documents"], strict=True):
        assert before["findings"]["error"] == after["findings"]["error"]
        kept = ("tables", "rows", "repairs", "findings", "kinds", "audit", "pages", "warnings")
        assert {k: before[k] for k in kept} == {k: after[k] for k in kept}, before["doc_id"]
    sample = next(d for d in second["documents"] if d["doc_id"] == "renja-a")
    assert sample["findings"]["error"] > 0 and sample["tables"] > 0 and sample["rows"] > 0
    # the summary adds up what was found, not zeros
    errors = sum(d["findings"]["error"] for d in first["documents"])
    assert f"temuan: {errors} kesalahan" in second["summary"]


def test_renja_corpus_rebuilds_the_comparisons_too(out: Path, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(out, tmp_path / "out"))
    page = folder / "corpus" / "compare" / "compare.html"
    assert page.exists()
    before = page.stat().st_mtime_ns
    code, stdout, stderr = _run("corpus", str(folder))
    assert code == 0, stderr
    assert "korpus: 3 dokumen" in stdout and "compare: porsi_program" in stdout
    assert page.exists() and page.stat().st_mtime_ns > before  # written again, not left out
    names = {p.name for p in page.parent.iterdir()}
    assert {"porsi_program.csv", "perubahan.csv", "porsi_program.png"} <= names


def test_a_meta_row_that_matches_no_document_is_a_warning(out: Path, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(out, tmp_path / "out"))
    meta = tmp_path / "meta.csv"
    meta.write_text("file,tahun\nrenja-z.pdf,2025\n", encoding="utf-8")
    code, _, stderr = _run("run", str(out.parent / "docs"), "--out", str(folder), "--no-report",
                           "--no-corpus", "-q", "--meta", str(meta))  # fmt: skip
    assert code == 0  # a warning: the documents are processed as they are
    (line,) = [line for line in stderr.splitlines() if "--meta" in line]
    assert line.startswith("Peringatan: ") and "'renja-z.pdf'" in line
    assert "tidak cocok dengan dokumen masukan mana pun" in line
    recorded = _batch(folder)["warnings"]
    assert len(recorded) == 1 and "'renja-z.pdf'" in recorded[0]
    # a row naming a document (by its id) is used, and no warning is given
    meta.write_text("file,tahun\nrenja-b,2025\n", encoding="utf-8")
    code, _, stderr = _run("run", str(out.parent / "docs"), "--out", str(folder), "--no-report",
                           "--no-corpus", "--meta", str(meta))  # fmt: skip
    assert code == 0 and "--meta" not in stderr
    assert _batch(folder)["warnings"] == []


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PDF of four pages, one table each."""
    rows = [["Kode", "Sub Kegiatan", "Pagu"], ["5.03.01.2.01.0001", "Penyusunan Dokumen", "1.000"]]
    tables = [TableSpec(f"Tabel {n}.1 Rencana Kerja", rows) for n in range(1, 5)]
    return render(tmp_path_factory.mktemp("pdf") / "renja-empat.pdf", tables)


def _page_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": halaman " in line]


def test_a_pdf_shows_its_pages_when_asked(pdf: Path, tmp_path: Path) -> None:
    code, stdout, stderr = _run("run", str(pdf), "--out", str(tmp_path / "a"), "--no-report",
                                "--progress")  # fmt: skip
    assert code == 0, stderr
    assert _page_lines(stderr) == [f"renja-empat: halaman {n} dari 4" for n in range(1, 5)]
    assert not _page_lines(stdout)  # stderr only: stdout stays for the results
    code, _, stderr = _run("check", str(pdf), "--progress", "--fail-on", "never")
    assert code == 0 and len(_page_lines(stderr)) == 4


@pytest.mark.parametrize("flags", [(), ("--progress", "-q"), ("--no-progress",)])
def test_no_pages_without_a_terminal_or_with_quiet(pdf: Path, tmp_path: Path, flags) -> None:
    code, stdout, stderr = _run("run", str(pdf), "--out", str(tmp_path / "a"), "--no-report",
                                *flags)  # fmt: skip
    assert code == 0, stderr
    assert not _page_lines(stdout + stderr)  # CliRunner's streams are no terminal


def test_on_a_terminal_pages_are_a_bar_gone_when_the_document_is_read() -> None:
    from rich.progress import Progress

    progress = Progress()
    screen = Display(progress, pages=True, terminal=True)
    screen.page("renja-a", 1, 3)
    (task,) = progress.tasks
    assert (task.description, task.completed, task.total) == ("renja-a: halaman", 1, 3)
    screen.page("renja-a", 3, 3)
    assert progress.tasks == []
