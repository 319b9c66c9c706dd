"""Hardening (issue 14): what a hostile or careless user did to renja, each as a test.

Nothing a user owns is deleted; a killed run leaves nothing a later one counts; no single value
loses a document; resources are bounded; ``renja query`` only reads; errors of the machine say
what to do; CSVs can be written safe for spreadsheet programs.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
import zlib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from renja.app.cli import main
from renja.model.publish import LOCK, MARKER, is_marked
from renja.present.corpus import build_corpus, query
from renja.present.outputs import read_doc_folder

HEAD = "PEMERINTAH KOTA BANJARBARU\n\nDINAS KESEHATAN\n\n{title}\n\nTabel 5.3 Pergeseran Pagu\n\n"
TABLE = "Kode\tSub Kegiatan\tSebelum\tSesudah\n"
CODE = "1.02.03.2.02.0001"


def document(path: Path, rows: list[tuple[str, str, str]], title: str = "RENJA 2025") -> Path:
    """A small Renja: one pergeseran pagu table of (uraian, sebelum, sesudah) rows."""
    body = "".join(f"{CODE}\t{name}\t{a}\t{b}\n" for name, a, b in rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD.format(title=title) + TABLE + body, encoding="utf-8")
    return path


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def one_error_line(done: Result, *words: str) -> str:
    """The one ``Error:`` line a failed command printed (exit 1, no traceback)."""
    assert done.exit_code == 1, done.output
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Galat: "), done.stderr
    assert "Traceback" not in done.output + done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def user_folder(folder: Path) -> Path:
    """A folder of a user's own files (renja did not make it)."""
    (folder / "arsip").mkdir(parents=True)
    (folder / "laporan.docx").write_bytes(b"PK\x03\x04 a user's report")
    (folder / "arsip" / "2023.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """Two documents run into one output folder, with the corpus."""
    root = tmp_path_factory.mktemp("batch")
    docs = root / "docs"
    document(docs / "a.md", [("Perencanaan SDM", "200.000,50", "300.000")])
    document(docs / "b.md", [("Distribusi SDM", "1.000.000", "1.500.000,25")], "RENJA 2026")
    done = invoke("run", docs, "--out", root / "out", "--no-report")
    assert done.exit_code == 0, done.output
    return root / "out"


# --- 1. never delete what renja did not make ---------------------------------------------------


def test_compare_into_a_folder_of_user_files_is_refused(batch: Path, tmp_path: Path) -> None:
    folder = user_folder(tmp_path / "mine")
    before = tree(folder)
    done = invoke("compare", "--corpus", batch / "corpus", "--out", folder)
    one_error_line(done, "bukan buatan renja", str(folder))
    assert tree(folder) == before
    assert sorted(os.listdir(tmp_path)) == ["mine"]  # and no staging folder beside it


def test_a_comparison_that_fails_is_the_commands_error_after_the_corpus(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing to compare is a warning; a bug in the comparisons is not: one error line and
    exit 1, the corpus written and no comparisons folder, half written or old."""
    from renja.present import compare

    def broken(*args: object) -> None:
        raise ZeroDivisionError("division by zero")

    out = Path(shutil.copytree(batch, tmp_path / "out"))
    monkeypatch.setattr(compare, "compare", broken)
    done = invoke("corpus", out)
    line = one_error_line(done, "kesalahan internal", "ZeroDivisionError")
    assert "korpus: 2 dokumen" in done.stdout, line
    assert (out / "corpus" / "pagu.parquet").is_file()
    assert not (out / "corpus" / "compare").exists()


def test_compare_replaces_its_own_folder(batch: Path, tmp_path: Path) -> None:
    target = tmp_path / "cmp"
    assert invoke("compare", "--corpus", batch / "corpus", "--out", target).exit_code == 0
    assert is_marked(target) and (target / "compare.html").is_file()
    assert invoke("compare", "--corpus", batch / "corpus", "--out", target).exit_code == 0


@pytest.mark.parametrize("here", [True, False], ids=["out-is-cwd", "out-elsewhere"])
def test_run_into_a_folder_of_user_files_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, here: bool
) -> None:
    folder = user_folder(tmp_path / "work")
    source = document(tmp_path / "a.md", [("Perencanaan SDM", "1.000", "2.000")])
    before = tree(folder)
    if here:  # `renja run a.md --out .` in a folder of one's own files
        monkeypatch.chdir(folder)
    done = invoke("run", source, "--out", "." if here else folder)
    one_error_line(done, "bukan buatan renja")
    assert tree(folder) == before


def test_an_output_folder_of_a_renja_before_the_marker_is_run_into_again(tmp_path: Path) -> None:
    source = document(tmp_path / "a.md", [("Perencanaan SDM", "1.000", "2.000")])
    out = tmp_path / "out"
    assert invoke("run", source, "--out", out, "--no-report").exit_code == 0
    for marker in out.rglob(".renja"):  # as an earlier renja left it: no marker anywhere
        marker.unlink()
    again = invoke("run", source, "--out", out, "--no-report", "--force")
    assert again.exit_code == 0, again.output
    assert is_marked(out) and (out / "a" / "manifest.json").is_file()


def test_corpus_never_replaces_a_corpus_folder_the_user_made(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(batch, out)
    shutil.rmtree(out / "corpus")
    user_folder(out / "corpus")
    before = tree(out / "corpus")
    one_error_line(invoke("corpus", out), "bukan buatan renja")
    assert tree(out / "corpus") == before


def test_an_input_named_corpus_gets_its_own_folder(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    document(docs / "corpus.md", [("Perencanaan SDM", "1.000", "2.000")])
    document(docs / "b.md", [("Distribusi SDM", "3.000", "4.000")])
    done = invoke("run", docs, "--out", tmp_path / "out", "--no-report", "--no-parquet")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "out" / "corpus-md" / "manifest.json").is_file()
    assert query(tmp_path / "out" / "corpus", "SELECT count(*) AS n FROM dokumen")["n"][0] == 2


def test_another_file_with_the_same_id_is_not_replaced_silently(tmp_path: Path) -> None:
    first = document(tmp_path / "one" / "renja.md", [("Perencanaan SDM", "1.000", "2.000")])
    second = document(tmp_path / "two" / "Renja.txt", [("Distribusi SDM", "3.000", "4.000")])
    assert invoke("run", first, "--out", tmp_path / "out", "--no-report").exit_code == 0
    done = invoke("run", second, "--out", tmp_path / "out", "--no-report")
    assert done.exit_code == 0
    assert "menggantikan keluaran berkas lain" in done.stderr and "renja.md" in done.stderr


# --- 2. crash-safe outputs ---------------------------------------------------------------------


def test_a_killed_batch_leaves_nothing_a_later_run_counts(batch: Path, tmp_path: Path) -> None:
    """What a kill -9 (or a power cut) leaves in OUT: a staging folder written whole (with its
    manifest), one half written, an old folder moved aside, a corpus staging folder and a
    temporary file. The corpus, resume and report ignore them; the next run removes them."""
    out = tmp_path / "out"
    shutil.copytree(batch, out)
    expected = query(out / "corpus", "SELECT count(*) AS n, sum(nilai) AS total FROM baris")
    stale = {
        ".a.k2j3h4g5": out / "a",  # whole: it even has a manifest
        ".b.old.0123456789abcdef": out / "b",
        ".b.x_7q2m9z": None,  # half written: no manifest yet
        ".corpus.abc12def": out / "corpus",
    }
    for name, source in stale.items():
        if source is None:
            (out / name / "tables").mkdir(parents=True)
            (out / name / MARKER).write_text("renja\n", encoding="utf-8")
        else:
            shutil.copytree(source, out / name)
    (out / ".batch.json.r4nd0m12").write_text('{"half', encoding="utf-8")

    built = build_corpus(out)
    assert built.documents == 2
    found = query(out / "corpus", "SELECT count(*) AS n, sum(nilai) AS total FROM baris")
    assert found.to_dict() == expected.to_dict()  # the corpus exact: nothing counted twice
    assert query(out / "corpus", "SELECT sum(nilai) AS t FROM baris")["t"][0] == 3000000.75

    one_error_line(invoke("report", out / ".a.k2j3h4g5"), "folder sementara")

    done = invoke("run", batch.parent / "docs", "--out", out, "--no-report")
    assert done.exit_code == 0, done.output
    assert "a: dilewati" in done.output and "b: dilewati" in done.output  # resumed
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [MARKER, LOCK]
    assert "2 dokumen" in done.output and "korpus: 2 dokumen" in done.output


def test_the_manifest_is_written_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from renja.present import writer

    written: list[str] = []
    write = writer._write

    def recorded(path: Path, text: str) -> None:
        written.append(path.name)
        write(path, text)

    monkeypatch.setattr(writer, "_write", recorded)
    source = document(tmp_path / "a.md", [("Perencanaan SDM", "1.000", "2.000")])
    assert invoke("run", source, "--out", tmp_path / "out").exit_code == 0
    assert written[-1] == "manifest.json" and written.count("manifest.json") == 1
    folder = tmp_path / "out" / "a"
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()}
    assert stamps["manifest.json"] == max(stamps.values())
    assert {"report.html", "a.xlsx"} <= set(stamps)


def test_a_second_run_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    source = document(tmp_path / "a.md", [("Perencanaan SDM", "1.000", "2.000")])
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom renja.model.publish import claim_folder,"
         " folder_lock\nclaim_folder(sys.argv[1])\nwith folder_lock(sys.argv[1]):\n"
         "    print('locked', flush=True)\n    time.sleep(30)\n", str(out)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        one_error_line(invoke("run", source, "--out", out), "sedang menulis", str(holder.pid))
    finally:
        holder.kill()
        holder.wait()
    assert not (out / "a").exists()
    assert invoke("run", source, "--out", out).exit_code == 0  # once the first is done


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting to be reaped has ended)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return False
    state = next(line for line in text.splitlines() if line.startswith("State:"))
    return "Z" not in state.split()[1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    script = (
        "import os, time\n"
        "from renja.app.batch import worker_pool\n"
        "pool = worker_pool(2)\n"
        "futures = [pool.submit(time.sleep, 120) for _ in range(2)]\n"
        "while len(pool._processes) < 2:\n"  # both workers started
        "    time.sleep(0.05)\n"
        "print(' '.join(str(p) for p in pool._processes), flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        workers = [int(p) for p in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(p) for p in workers)
    finally:
        parent.kill()


def test_folders_honour_the_umask(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(batch, out)
    old = os.umask(0o027)
    try:
        build_corpus(out)
    finally:
        os.umask(old)
    corpus = out / "corpus"
    assert stat.S_IMODE(corpus.stat().st_mode) == 0o750
    assert stat.S_IMODE((corpus / "baris").stat().st_mode) == 0o750
    assert stat.S_IMODE((corpus / "dokumen.parquet").stat().st_mode) == 0o640


# --- 3. no single value loses a document -------------------------------------------------------


def test_a_control_character_is_cleaned_for_the_workbook_and_kept_in_the_csv(
    tmp_path: Path,
) -> None:
    name = "Perencanaan\x0c SDM \x07Kesehatan"
    source = document(tmp_path / "a.md", [(name, "1.000", "2.000")])
    done = invoke("run", source, "--out", tmp_path / "out")
    assert done.exit_code == 0, done.output
    folder = tmp_path / "out" / "a"
    table = next((folder / "tables").glob("*.csv"))
    assert name in table.read_text(encoding="utf-8")  # the CSV keeps what the document holds
    book = openpyxl.load_workbook(folder / "a.xlsx")
    cells = [c.value for s in book.worksheets for r in s.iter_rows() for c in r]
    assert "Perencanaan  SDM  Kesehatan" in cells  # each control character a space
    assert (folder / "report.html").is_file()


@pytest.mark.parametrize("amount", ["9.300.000.000.000.000.000", "9.300.000.000.000.000.000,50"])
def test_an_amount_of_2_63_or_more_is_a_finding(tmp_path: Path, amount: str) -> None:
    source = document(tmp_path / "a.md", [("Perencanaan SDM", amount, "120.000.000,25")])
    done = invoke("check", source, "--fail-on", "warning")
    assert done.exit_code == 1 and "Traceback" not in done.output + done.stderr
    assert "angka_tidak_terbaca" in done.stdout and amount in done.stdout
    other = document(tmp_path / "b.md", [("Distribusi SDM", "1.000,50", "2.000")])
    done = invoke("run", source, other, "--out", tmp_path / "out")
    assert done.exit_code == 0, done.output
    with (tmp_path / "out" / "a" / "findings.csv").open(encoding="utf-8") as handle:
        findings = list(csv.DictReader(handle))
    unread = [f for f in findings if f["check"] == "angka_tidak_terbaca"]
    assert [(f["column"], f["found"]) for f in unread] == [("pagu_sebelum", amount)]
    total = query(tmp_path / "out" / "corpus", "SELECT sum(nilai) AS t FROM baris")["t"][0]
    assert total == 120000000.25 + 1000.50 + 2000  # the batch's corpus stands, exact


def test_a_cell_of_200_kb_is_read_back(tmp_path: Path) -> None:
    name = "Perencanaan " + "sumber daya manusia " * 10_000  # 200 KB: past csv's 131,072
    source = document(tmp_path / "a.md", [(name.strip(), "1.000", "2.000")])
    other = document(tmp_path / "b.md", [("Distribusi SDM", "3.000", "4.000")])
    done = invoke("run", source, other, "--out", tmp_path / "out")
    assert done.exit_code == 0, done.output
    folder = read_doc_folder(tmp_path / "out" / "a")
    table_id = folder.tables[0]["table_id"]
    assert folder.clean_rows(table_id)[0]["uraian"] == name.strip()
    assert folder.frame(table_id)["uraian"][0] == name.strip()
    assert len(folder.raw_rows(table_id)[-1]["kolom_2"]) > 200_000
    assert "Warning" not in done.stderr  # the report and the workbook too


def test_cents_are_kept_in_the_corpus(batch: Path) -> None:
    baris = pq.read_table(batch / "corpus" / "baris").to_pandas()
    assert str(pq.read_schema(next((batch / "corpus" / "baris").rglob("*.parquet")))
               .field("nilai").type) == "decimal128(24, 2)"  # fmt: skip
    values = set(baris["nilai"])
    assert {Decimal("200000.50"), Decimal("1500000.25")} <= values
    subs = pq.read_table(batch / "corpus" / "sub_kegiatan.parquet").to_pandas()
    assert set(subs["pagu"]) == {Decimal("300000.00"), Decimal("1500000.25")}


def test_one_output_that_fails_is_a_warning_and_the_others_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from renja.present import writer

    def broken(folder: object) -> None:
        raise ValueError("a value the workbook cannot hold")

    monkeypatch.setattr(writer, "write_workbook", broken)
    source = document(tmp_path / "a.md", [("Perencanaan SDM", "1.000", "2.000")])
    done = invoke("run", source, "--out", tmp_path / "out")
    assert done.exit_code == 0, done.output
    assert "Peringatan: a: workbook Excel tidak ditulis" in done.stderr
    folder = tmp_path / "out" / "a"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert any("workbook Excel tidak ditulis" in w for w in manifest["warnings"])
    assert (folder / "report.html").is_file() and not (folder / "a.xlsx").exists()
    assert list((folder / "tables").glob("*.parquet"))
    debug = invoke("run", source, "--out", tmp_path / "out", "--force", "--debug")
    assert isinstance(debug.exception, ValueError)  # --debug: the traceback, in the writer too

    def half_then_broken(frame: object, path: Path) -> None:
        path.write_bytes(b"PAR1 half")
        raise OSError(errno.EBADF, "a writer's own bug")  # no error of the machine: isolated

    monkeypatch.setattr(writer, "write_parquet", half_then_broken)
    done = invoke("run", source, "--out", tmp_path / "out2")
    assert done.exit_code == 0 and "Parquet tidak ditulis" in done.stderr
    assert not list((tmp_path / "out2" / "a" / "tables").glob("*.parquet"))  # none half there


# --- 4. bounded resources ----------------------------------------------------------------------


def inflating_to(size: int, chunk: int = 1 << 22) -> bytes:
    """zlib data that inflates to ``size`` spaces, made in well under a second: one block,
    flushed so that the compressor starts afresh, repeated, with the checksum of the whole."""
    data = b" " * chunk
    compressor = zlib.compressobj(9)
    head = compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH) == block
    end = compressor.flush(zlib.Z_FINISH)[:-4]
    checksum = 1
    for _ in range(size // chunk):
        checksum = zlib.adler32(data, checksum)
    return head + block * (size // chunk - 1) + end + checksum.to_bytes(4, "big")


def pdf_with_content(path: Path, stream: bytes, filters: str) -> Path:
    """A one-page PDF whose page content is ``stream`` under ``filters``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters.encode())
        + stream + b"\nendstream",
    ]  # fmt: skip
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)  # fmt: skip
    path.write_bytes(bytes(out))
    return path


def test_a_decompression_bomb_is_one_line_within_bounded_memory(tmp_path: Path) -> None:
    size = 4 << 30  # 4 GiB of spaces, in a PDF of a few kilobytes
    bomb = pdf_with_content(tmp_path / "bom.pdf", zlib.compress(inflating_to(size), 9),
                            "[/FlateDecode /FlateDecode]")  # fmt: skip
    assert bomb.stat().st_size < 10_000
    script = (
        "import sys\n"
        "from renja.app.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "finally:\n"
        # VmHWM, the high-water mark of this process image: ru_maxrss would also count the
        # size of the test process this one was forked from
        "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "    print(f'peak {int(hwm.split()[1]) // 1024}', file=sys.stderr)\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script, "run", str(bomb), "--out", str(tmp_path / "out"),
         "--engine", "pdfplumber"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith("Galat: ") and "--max-stream" in lines[0] and "128 MiB" in lines[0]
    assert int(lines[-1].split()[1]) < 1024  # MiB: bounded, not the 4 GiB inside
    assert time.monotonic() - started < 60


def test_the_stream_limit_is_an_option(tmp_path: Path) -> None:
    text = b"BT /F1 12 Tf 72 720 Td (Renja) Tj ET\n" + b" " * (3 << 20)
    pdf = pdf_with_content(tmp_path / "wide.pdf", zlib.compress(text), "/FlateDecode")
    one_error_line(invoke("check", pdf, "--max-stream", "2"), "batas 2 MiB", "--max-stream")
    done = invoke("check", pdf, "--max-stream", "4")
    assert "--max-stream" not in done.output + done.stderr


def _run_in_time(args: list[str | Path], seconds: float = 60) -> Result:
    """Run a command in a thread that must end in time (reading a FIFO would block)."""
    box: list[Result] = []
    thread = threading.Thread(target=lambda: box.append(invoke(*args)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert box, f"renja {args[0]} still reading after {seconds} s"
    return box[0]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_with_one_line(tmp_path: Path) -> None:
    link = tmp_path / "x.md"
    link.symlink_to("/dev/zero")
    done = _run_in_time(["run", link, "--out", tmp_path / "out"])
    one_error_line(done, "perangkat", "hanya membaca berkas biasa")
    done = _run_in_time(["check", link])
    one_error_line(done, "perangkat")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_with_one_line_and_skipped_in_a_folder(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipa.md")
    one_error_line(_run_in_time(["check", tmp_path / "pipa.md"]), "FIFO")
    document(tmp_path / "a.md", [("Perencanaan SDM", "1.000", "2.000")])
    done = _run_in_time(["check", tmp_path])
    assert done.exit_code == 0 and "pipa.md dilewati: bukan berkas biasa" in done.stderr


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    from renja.extract.source import check_file

    big = document(tmp_path / "a.md", [("Perencanaan SDM " * 80_000, "1.000", "2.000")])
    one_error_line(invoke("check", big, "--max-size", "1"), "melebihi batas 1 MiB", "--max-size")
    assert check_file(big, 2) == big.stat().st_size > 1 << 20  # under a higher limit: read


def test_workers_past_the_memory_limit_fail_their_documents_with_a_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for name in ("a", "b", "c"):
        document(docs / f"{name}.md", [("Perencanaan SDM", "1.000", "2.000")])
    done = invoke("run", docs, "--out", tmp_path / "out", "--workers", "2", "--max-memory",
                  "64", "--no-report")  # fmt: skip
    assert done.exit_code == 1 and "Traceback" not in done.output + done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Galat: ")]
    assert len(errors) == 3 and all("kehabisan memori" in e and "--max-memory" in e for e in errors)
    assert "3 dari 3 dokumen gagal" in done.stderr
    # the corpus is built in this process, past the workers and their bound: not under test
    done = invoke("run", docs, "--out", tmp_path / "out", "--workers", "2", "--no-report",
                  "--no-corpus")  # fmt: skip
    assert done.exit_code == 0  # the default bound leaves room


# --- 6. the query sandbox ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ("SELECT * FROM read_csv('/etc/passwd')", ["Permission Error"]),
        ("SELECT * FROM read_text('/etc/passwd')", ["Permission Error"]),
        ("COPY (SELECT 1 AS x) TO '{corpus}/dokumen.parquet'", ["COPY tidak diizinkan"]),
        ("EXPORT DATABASE '{corpus}/ekspor'", ["EXPORT tidak diizinkan"]),
        ("INSTALL httpfs", ["tidak diizinkan"]),
        ("LOAD httpfs", ["tidak diizinkan"]),
        ("SET enable_external_access = true", ["SET tidak diizinkan"]),
        ("SELECT * FROM read_csv('{corpus}/../../a.md')", ["Permission Error"]),
    ],
)
def test_renja_query_only_reads_the_corpus(batch: Path, sql: str, words: list[str]) -> None:
    corpus = batch / "corpus"
    before = tree(corpus)
    done = invoke("query", sql.format(corpus=corpus.resolve()), "--corpus", corpus)
    one_error_line(done, *words)
    assert tree(corpus) == before


def test_renja_query_still_reads_the_corpus(batch: Path) -> None:
    sql = "SELECT doc_id, count(*) AS n FROM baris GROUP BY ALL ORDER BY doc_id"
    done = invoke("query", sql, "--corpus", batch / "corpus", "--csv")
    assert done.exit_code == 0 and done.stdout.splitlines() == ["doc_id,n", "a,2", "b,2"]
    done = invoke("query", "DESCRIBE temuan", "--corpus", batch / "corpus", "--csv")
    assert done.exit_code == 0 and "related" in done.stdout


# --- 7. errors a user can act on ---------------------------------------------------------------


def _refuse(error: int):
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(error, os.strerror(error), "out/.a.k2j3h4g5")

    return refuse


@pytest.mark.parametrize(
    ("error", "words"),
    [(errno.ENOSPC, "disk penuh"), (errno.EROFS, "hanya-baca"), (errno.EACCES, "izin")],
)
def test_a_full_or_read_only_disk_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int, words: str
) -> None:
    from renja.present import writer

    monkeypatch.setattr(writer, "_write", _refuse(error))
    source = document(tmp_path / "a.md", [("Perencanaan SDM", "1.000", "2.000")])
    line = one_error_line(invoke("run", source, "--out", tmp_path / "out"), words, "--out")
    assert "kesalahan internal" not in line
    assert not (tmp_path / "out" / "a").exists()


def test_an_out_folder_through_a_file_is_one_line(tmp_path: Path) -> None:
    source = document(tmp_path / "a.md", [("Perencanaan SDM", "1.000", "2.000")])
    (tmp_path / "berkas").write_text("x", encoding="utf-8")
    one_error_line(invoke("run", source, "--out", tmp_path / "berkas" / "sub"), "bukan folder")
    one_error_line(invoke("run", source, "--out", tmp_path / "berkas"), "bukan folder")


def test_a_name_too_long_is_one_line(tmp_path: Path) -> None:
    source = document(tmp_path / f"{'r' * 248}.md", [("Perencanaan SDM", "1.000", "2.000")])
    assert len(source.name) == 251
    one_error_line(invoke("run", source, "--out", tmp_path / "out"), "terlalu panjang")


def test_a_bug_is_an_internal_error_and_debug_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from renja.present import writer

    def bug(*args: object, **kwargs: object) -> str:
        raise ZeroDivisionError("a bug in the writer")

    monkeypatch.setattr(writer, "raw_csv", bug)
    source = document(tmp_path / "a.md", [("Perencanaan SDM", "1.000", "2.000")])
    one_error_line(invoke("run", source, "--out", tmp_path / "out"), "kesalahan internal",
                   "ZeroDivisionError", "--debug")  # fmt: skip
    debug = invoke("run", source, "--out", tmp_path / "out", "--debug")
    assert isinstance(debug.exception, ZeroDivisionError)


@pytest.mark.parametrize(
    "manifest", ['{"tables": 5}', '{"tables": [5], "meta": 3}', "[1, 2]", "\xff"]
)
def test_report_on_a_damaged_folder_is_one_line(tmp_path: Path, manifest: str) -> None:
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "manifest.json").write_bytes(manifest.encode("latin-1"))
    for name in ("findings.csv", "repairs.csv"):
        (tmp_path / "doc" / name).write_text("id\n", encoding="utf-8")
    one_error_line(invoke("report", tmp_path / "doc"))


def test_names_are_printed_with_control_characters_escaped(tmp_path: Path) -> None:
    name = "renja\n2024\x1b[31m.md"
    (tmp_path / name).write_bytes(b"")
    done = invoke("run", tmp_path / name, "--out", tmp_path / "out")
    line = one_error_line(done, "renja\\n2024\\x1b[31m.md", "berkasnya kosong")
    assert "\x1b" not in done.stderr and "\x1b" not in line


# --- 8. CSVs safe for spreadsheet programs -------------------------------------------------------


def test_csv_aman_prefixes_formulas_in_text_only_and_reads_back_exact(tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://contoh.invalid","klik")'
    source = document(tmp_path / "a.md", [(formula, "-5.000", "2.000"), ("@SUM(1+1)", "1", "2")])
    other = document(tmp_path / "b.md", [("Distribusi SDM", "3.000", "4.000")])
    # the default run is the reference of its documents' CSVs; the safe run's corpus is read
    runs = ((("--no-corpus",), tmp_path / "exact"), (("--csv-aman",), tmp_path / "aman"))
    for flags, out in runs:
        assert invoke("run", source, other, "--out", out, *flags).exit_code == 0
    exact = next((tmp_path / "exact" / "a" / "tables").glob("*.csv")).read_text(encoding="utf-8")
    safe = next((tmp_path / "aman" / "a" / "tables").glob("*.csv")).read_text(encoding="utf-8")
    assert formula.replace('"', '""') in exact and "'=HYPERLINK" not in exact  # default: exact
    assert "'=HYPERLINK" in safe and "'@SUM(1+1)" in safe
    assert ",-5000," in safe  # an amount is a number: never prefixed
    raw = next((tmp_path / "aman" / "a" / "raw").glob("*.csv")).read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and ",-5.000," in raw
    folder = read_doc_folder(tmp_path / "aman" / "a")  # renja reads its own files back exact
    table_id = folder.tables[0]["table_id"]
    assert folder.clean_rows(table_id)[0]["uraian"] == formula
    assert list(folder.frame(table_id)["uraian"]) == [formula, "@SUM(1+1)"]
    names = query(tmp_path / "aman" / "corpus", "SELECT uraian FROM sub_kegiatan ORDER BY 1")
    assert formula in list(names["uraian"])
