"""Batch runs: parallel workers give the same outputs as one, a finished document is skipped on
the next run, a bad document is listed and never stops the others, and a Dask cluster gives the
same outputs as the local run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from renja.app.batch import Summary, plan_jobs, run_dask, run_job, run_local
from renja.app.cli import main

from .conftest import SAMPLE_MD

SMALL = (
    "Tabel 5.3 Pergeseran Pagu\n\nKode\tSub Kegiatan\tSebelum\tSesudah\n"
    "5.03.01.2.01.0001\tPenyusunan Dokumen Perencanaan Perangkat Daerah\t{a}\t{b}\n"
)


def _corpus(folder: Path, bad: bool = False) -> Path:
    folder.mkdir()
    (folder / "renja-a.md").write_text(SAMPLE_MD.read_text(encoding="utf-8"), encoding="utf-8")
    for name, (a, b) in {"renja-b": ("1.000", "2.000"), "renja-c": ("5.500", "5.000")}.items():
        (folder / f"{name}.md").write_text(SMALL.format(a=a, b=b), encoding="utf-8")
    if bad:
        (folder / "broken.pdf").write_text("not a pdf at all", encoding="utf-8")
        (folder / "empty.md").write_bytes(b"")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in (".csv", ".json")
    }


def _run(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, list(args))
    return done.exit_code, done.output


def _documents_only(docs: Path, out: Path, *args: str) -> tuple[int, str]:
    """``renja run DOCS --out OUT --no-report --no-corpus ARGS``. The corpus is built after the
    documents, in the calling process, whatever the workers and the resume: the tests that use
    this skip it; test_a_bad_document_is_listed_and_the_batch_goes_on and tests/test_corpus.py
    build it."""
    return _run("run", str(docs), "--out", str(out), "--no-report", "--no-corpus", *args)


def test_two_workers_write_what_one_writes(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    one, two = tmp_path / "one", tmp_path / "two"
    assert _documents_only(docs, one, "--workers", "1")[0] == 0
    assert _documents_only(docs, two, "--workers", "2")[0] == 0
    first, second = _files(one), _files(two)
    assert len(first) > 20 and first == second
    assert not (one / "corpus").exists() and not (two / "corpus").exists()  # --no-corpus
    batch = json.loads((one / "batch.json").read_text(encoding="utf-8"))
    assert [d["doc_id"] for d in batch["documents"]] == ["renja-a", "renja-b", "renja-c"]
    assert {d["status"] for d in batch["documents"]} == {"ok"}


def test_a_second_run_skips_current_outputs_and_redoes_changed_ones(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    out = tmp_path / "out"
    assert _documents_only(docs, out, "--workers", "1")[0] == 0
    before = (out / "renja-a" / "manifest.json").stat().st_mtime_ns
    (docs / "renja-b.md").write_text(SMALL.format(a="1.000", b="3.000"), encoding="utf-8")
    code, output = _documents_only(docs, out, "--workers", "1")
    assert code == 0
    assert "3 dokumen: 1 berhasil, 2 dilewati, 0 gagal" in output
    assert (out / "renja-a" / "manifest.json").stat().st_mtime_ns == before
    sesudah = (out / "renja-b" / "tables" / "t01_pergeseran_pagu.csv").read_text(encoding="utf-8")
    assert sesudah.rstrip().endswith(",1000,1000,tercetak,3000,3000,tercetak")
    code, output = _documents_only(docs, out, "--force")
    assert code == 0 and "3 berhasil, 0 dilewati" in output


def test_a_bad_document_is_listed_and_the_batch_goes_on(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs", bad=True)
    out = tmp_path / "out"
    code, output = _run("run", str(docs), "--out", str(out), "--no-report", "--workers", "2")
    assert code == 1
    assert "5 dokumen: 3 berhasil, 0 dilewati, 2 gagal" in output
    assert "2 dari 5 dokumen gagal" in output
    assert "Traceback" not in output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "batch.json",
        "corpus",
        "renja-a",
        "renja-b",
        "renja-c",
    ]
    batch = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    failed = {d["doc_id"]: d["error"] for d in batch["documents"] if d["status"] == "failed"}
    assert set(failed) == {"broken", "empty"}
    assert "bukan PDF" in failed["broken"] and "berkasnya kosong" in failed["empty"]


def test_run_job_never_raises(tmp_path: Path) -> None:
    (job,) = plan_jobs([tmp_path / "missing.md"], tmp_path / "out")
    outcome = run_job(job)
    assert outcome.status == "failed" and "berkas atau folder tidak ada" in outcome.error


def test_the_summary_counts_findings_by_severity(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    jobs = plan_jobs(sorted(docs.iterdir()), tmp_path / "out", reports=False, parquet=False)
    summary = Summary(list(run_local(jobs, workers=1)))
    expected = {s: sum(o.findings[s] for o in summary.outcomes) for s in ("error", "warning")}
    assert expected["error"] > 0  # the sample has real errors
    counts = f"temuan: {expected['error']} kesalahan, {expected['warning']} peringatan"
    assert counts in summary.line()


def test_a_dask_cluster_writes_what_the_local_run_writes(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    docs = _corpus(tmp_path / "docs")
    local, remote = tmp_path / "local", tmp_path / "dask"
    settings = {"reports": False, "parquet": False}
    jobs = plan_jobs(sorted(docs.iterdir()), local, **settings)
    assert {o.status for o in run_local(jobs, workers=1)} == {"ok"}
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        jobs = plan_jobs(sorted(docs.iterdir()), remote, **settings)
        outcomes = list(run_dask(jobs, cluster.scheduler_address))
    assert sorted(o.doc_id for o in outcomes) == ["renja-a", "renja-b", "renja-c"]
    assert {o.status for o in outcomes} == {"ok"}
    assert _files(local) == _files(remote) and _files(local)


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr("renja.app.batch.DASK_CONNECT_TIMEOUT", "0.5s")  # refused at once
    docs = _corpus(tmp_path / "docs")
    code, output = _run(
        "run", str(docs), "--out", str(tmp_path / "out"), "--dask", "tcp://127.0.0.1:9"
    )
    assert code == 1
    assert "penjadwal Dask di tcp://127.0.0.1:9 tidak dapat dihubungi" in output
    assert "Traceback" not in output
