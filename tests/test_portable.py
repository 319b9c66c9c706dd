"""Where the POSIX-only calls are missing (Windows: no ``fcntl``, no ``resource``, no
``renameat2`` or ``prctl``), renja takes its fallbacks and writes the same outputs.

This machine is Linux, so the test takes those calls away in-process: ``fcntl`` and ``resource``
cannot be imported, and ``sys.platform`` says ``win32`` (which is how ``renameat2`` and ``prctl``
are reached). It is a simulation, not a Windows run: what it shows is that no path of a run
needs the calls that Windows lacks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from renja.app.batch import worker_start
from renja.app.cli import main
from renja.model import publish

SMALL = (
    "PEMERINTAH KOTA BANJARBARU\n\nDINAS KESEHATAN\n\nRENJA {year}\n\n"
    "Tabel 5.3 Pergeseran Pagu\n\nKode\tSub Kegiatan\tSebelum\tSesudah\n"
    "1.02.03.2.02.0001\tPenyusunan Dokumen Perencanaan Perangkat Daerah\t{a}\t{b}\n"
)


@pytest.fixture
def without_posix(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The libraries a run uses ship their own Windows builds: they are imported as this
    # platform's first (pandas reads sysconfig, matplotlib winreg, as they import), so what
    # runs as "win32" below is renja's own code.
    import duckdb  # noqa: F401
    import matplotlib.font_manager  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow.parquet  # noqa: F401

    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl raises ImportError
    monkeypatch.setitem(sys.modules, "resource", None)
    monkeypatch.setattr(sys, "platform", "win32")
    publish._renameat2.cache_clear()
    assert publish._renameat2() is None
    with pytest.raises(ImportError):
        import fcntl  # noqa: F401
    yield
    publish._renameat2.cache_clear()


def _documents(folder: Path) -> Path:
    """Two small Renja (a pergeseran pagu table each): what is under test is the file system
    and process calls of a run, which do not depend on how much a document holds."""
    folder.mkdir()
    for name, year, a, b in (("a", "2024", "1.000", "2.000"), ("b", "2025", "5.500", "5.000")):
        (folder / f"{name}.md").write_text(SMALL.format(year=year, a=a, b=b), encoding="utf-8")
    return folder


def _run(docs: Path, out: Path, *flags: str) -> None:
    done = CliRunner().invoke(main, ["run", str(docs), "--out", str(out), "--workers", "1",
                                     "--no-report", *flags])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "Traceback" not in done.output


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in {".csv", ".parquet"}
    }


def test_a_run_without_the_posix_calls_writes_what_a_posix_run_writes(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    docs = _documents(tmp_path / "docs")
    _run(docs, tmp_path / "posix", "--no-corpus")  # the reference: its documents' files
    request.getfixturevalue("without_posix")
    _run(docs, tmp_path / "windows")
    assert (tmp_path / "posix" / publish.LOCK).is_file()
    assert not (tmp_path / "windows" / publish.LOCK).exists()  # no lock without flock
    for name in ("a", "b"):
        posix, windows = _files(tmp_path / "posix" / name), _files(tmp_path / "windows" / name)
        assert posix and windows == posix
    assert (tmp_path / "windows" / "corpus" / "renja.duckdb").is_file()
    assert (tmp_path / "windows" / "corpus" / "compare" / "compare.html").is_file()
    # a second run replaces every folder by renaming (no exchange in one step): each is whole
    _run(docs, tmp_path / "windows", "--force")
    for name in ("a", "b"):
        assert _files(tmp_path / "windows" / name) == _files(tmp_path / "posix" / name)
    hidden = sorted(p.name for p in (tmp_path / "windows").iterdir() if p.name.startswith("."))
    assert hidden == [publish.MARKER]  # no staging or old folder left behind


def test_a_worker_starts_without_prctl_or_a_memory_limit(without_posix: None) -> None:
    worker_start(os.getppid(), 512)  # no PR_SET_PDEATHSIG, no RLIMIT_AS: the watch thread only
