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

SAMPLE_MD = Path(__file__).resolve().parents[1] / "samples" / "renja-bkpsdm-banjarbaru-2024.md"


@pytest.fixture
def without_posix(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
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
    folder.mkdir()
    (folder / "a.md").write_text(SAMPLE_MD.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.md").write_text(
        SAMPLE_MD.read_text(encoding="utf-8").replace("2024", "2025"), encoding="utf-8"
    )
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
    _run(docs, tmp_path / "posix")
    request.getfixturevalue("without_posix")
    _run(docs, tmp_path / "windows")
    assert (tmp_path / "posix" / publish.LOCK).is_file()
    assert not (tmp_path / "windows" / publish.LOCK).exists()  # no lock without flock
    for name in ("a", "b"):
        posix, windows = _files(tmp_path / "posix" / name), _files(tmp_path / "windows" / name)
        assert posix and windows == posix
    assert (tmp_path / "windows" / "corpus" / "renja.duckdb").is_file()
    # a second run replaces every folder by renaming (no exchange in one step): each is whole
    _run(docs, tmp_path / "windows", "--force")
    for name in ("a", "b"):
        assert _files(tmp_path / "windows" / name) == _files(tmp_path / "posix" / name)
    hidden = sorted(p.name for p in (tmp_path / "windows").iterdir() if p.name.startswith("."))
    assert hidden == [publish.MARKER]  # no staging or old folder left behind


def test_a_worker_starts_without_prctl_or_a_memory_limit(without_posix: None) -> None:
    worker_start(os.getppid(), 512)  # no PR_SET_PDEATHSIG, no RLIMIT_AS: the watch thread only
