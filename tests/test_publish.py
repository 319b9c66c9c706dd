"""Publishing atomically (renja.model.publish): a reader sees the old file or folder or the new
one, whole; never a half-written one, never none."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from renja.model import publish
from renja.model.errors import FolderBusyError, ForeignFolderError
from renja.model.publish import (
    MARKER,
    check_replaceable,
    claim_folder,
    folder_lock,
    is_marked,
    publish_file,
    publish_folder,
    remove_stale,
)

SWAPS = 200  # folder swaps watched by the reader thread


@contextmanager
def umask(value: int) -> Iterator[None]:
    """Run the block under ``value`` as the umask: published files must honour it, as files
    made with ``open`` and ``mkdir`` do (``mkstemp`` and ``mkdtemp`` would make them private
    whatever it is)."""
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def old_folder(parent: Path) -> Path:
    """A folder renja published before (it holds the marker)."""
    target = parent / "doc"
    target.mkdir()
    (target / "findings.csv").write_text("old\n", encoding="utf-8")
    (target / MARKER).write_text("renja\n", encoding="utf-8")
    return target


def exchange_works(folder: Path) -> bool:
    """Whether this system and file system swap two folders in one step."""
    first, second = folder / "x", folder / "y"
    first.mkdir()
    second.mkdir()
    try:
        return publish._exchange(first, second)
    finally:
        shutil.rmtree(first)
        shutil.rmtree(second)


# --- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_file_is_written_whole_with_the_umask_mode(tmp_path: Path, mask: int, expected: int):
    path = tmp_path / "batch.json"
    path.write_text("old", encoding="utf-8")
    with umask(mask):
        assert publish_file(path, "{}\n") == path
    assert path.read_text(encoding="utf-8") == "{}\n"
    assert mode(path) == expected
    publish_file(path, b"\x00\x01")
    assert path.read_bytes() == b"\x00\x01"
    assert os.listdir(tmp_path) == ["batch.json"]  # no temporary file left


def test_a_failed_file_write_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "report.html"
    path.write_text("old", encoding="utf-8")

    def refuse(source: Path, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(publish.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        publish_file(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["report.html"]


def test_a_file_is_never_missing_while_replaced(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    publish_file(path, "0")
    misses = watch(path, lambda i: publish_file(path, str(i)))
    assert misses == 0


# --- folders ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o755), (0o077, 0o700), (0o002, 0o775)])
def test_folder_is_published_with_the_umask_mode(tmp_path: Path, mask: int, expected: int) -> None:
    target = tmp_path / "out" / "doc"  # the parent is made
    with umask(mask), publish_folder(target) as staging:
        assert staging.parent == target.parent and staging.name.startswith(".doc.")
        (staging / "findings.csv").write_text("new\n", encoding="utf-8")
    assert (target / "findings.csv").read_text(encoding="utf-8") == "new\n"
    assert mode(target) == expected
    assert mode(target / MARKER) == expected & 0o666  # renja's own: it may replace it later
    assert os.listdir(target.parent) == ["doc"]


def test_folder_replaces_the_old_one_whole(tmp_path: Path) -> None:
    target = old_folder(tmp_path)
    (target / "tables").mkdir()
    with publish_folder(target) as staging:
        (staging / "findings.csv").write_text("new\n", encoding="utf-8")
    assert sorted(os.listdir(target)) == [MARKER, "findings.csv"]  # nothing old stays
    assert (target / "findings.csv").read_text(encoding="utf-8") == "new\n"
    assert os.listdir(tmp_path) == ["doc"]  # the old folder is gone, and so is the staging one


def test_a_failure_mid_write_leaves_the_old_folder_and_no_staging(tmp_path: Path) -> None:
    target = old_folder(tmp_path)
    with pytest.raises(RuntimeError, match="half way"), publish_folder(target) as staging:
        (staging / "findings.csv").write_text("new, half\n", encoding="utf-8")
        raise RuntimeError("half way")
    assert (target / "findings.csv").read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["doc"]


def test_a_folder_is_never_missing_while_swapped(tmp_path: Path) -> None:
    """A reader polling the folder while it is replaced many times never finds it missing."""
    if not exchange_works(tmp_path):
        pytest.skip("this system cannot exchange two folders in one step (renameat2)")
    target = old_folder(tmp_path)

    def swap(i: int) -> None:
        with publish_folder(target) as staging:
            (staging / "findings.csv").write_text(f"{i}\n", encoding="utf-8")

    assert watch(target, swap) == 0
    assert (target / "findings.csv").read_text(encoding="utf-8") == f"{SWAPS - 1}\n"
    assert os.listdir(tmp_path) == ["doc"]


def test_the_old_folder_goes_only_once_the_new_one_is_in(tmp_path: Path, monkeypatch) -> None:
    """Whichever way the swap goes, the old folder is removed last, by then at another path."""
    target = old_folder(tmp_path)
    removed = []
    remove = shutil.rmtree

    def rmtree(path: Path, *args: Any, **kwargs: Any) -> None:
        removed.append(((Path(path) / "findings.csv").read_text(encoding="utf-8"), current()))
        remove(path, *args, **kwargs)

    def current() -> str:
        return (target / "findings.csv").read_text(encoding="utf-8")

    monkeypatch.setattr(publish.shutil, "rmtree", rmtree)
    with publish_folder(target) as staging:
        (staging / "findings.csv").write_text("new\n", encoding="utf-8")
    assert removed == [("old\n", "new\n")]  # the old one, removed with the new one in place


def test_without_exchange_the_old_folder_is_moved_aside_first(tmp_path: Path, monkeypatch) -> None:
    """Where folders cannot be exchanged: rename the old one aside, rename the new one in, and
    only then remove the old one; it is never deleted while it is the folder."""
    target = old_folder(tmp_path)
    steps: list[tuple[str, str, str]] = []
    rename, remove = os.rename, shutil.rmtree

    def recorded_rename(source: Path, destination: Path) -> None:
        steps.append(("rename", Path(source).name, Path(destination).name))
        rename(source, destination)

    def recorded_rmtree(path: Path, *args: Any, **kwargs: Any) -> None:
        steps.append(("rmtree", Path(path).name, ""))
        remove(path, *args, **kwargs)

    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    monkeypatch.setattr(publish.os, "rename", recorded_rename)
    monkeypatch.setattr(publish.shutil, "rmtree", recorded_rmtree)
    with publish_folder(target) as staging:
        (staging / "findings.csv").write_text("new\n", encoding="utf-8")
    (aside_old, aside), (in_new, in_target), (removed, _) = [s[1:] for s in steps]
    assert [s[0] for s in steps] == ["rename", "rename", "rmtree"]
    assert aside_old == "doc" and aside.startswith(".doc.old.")
    assert in_new == staging.name and in_target == "doc"
    assert removed == aside
    assert (target / "findings.csv").read_text(encoding="utf-8") == "new\n"
    assert os.listdir(tmp_path) == ["doc"]


def test_without_exchange_a_failed_rename_puts_the_old_folder_back(
    tmp_path: Path, monkeypatch
) -> None:
    target = old_folder(tmp_path)
    rename = os.rename

    def refuse_the_new_one(source: Path, destination: Path) -> None:
        if Path(destination) == target and Path(source).name.startswith(".doc.old."):
            rename(source, destination)  # putting the old folder back
        elif Path(destination) == target:
            raise OSError("no space for the new folder")
        else:
            rename(source, destination)

    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    monkeypatch.setattr(publish.os, "rename", refuse_the_new_one)
    with pytest.raises(OSError, match="no space"), publish_folder(target) as staging:
        (staging / "findings.csv").write_text("new\n", encoding="utf-8")
    assert (target / "findings.csv").read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["doc"]


def test_a_first_folder_is_renamed_into_place(tmp_path: Path) -> None:
    target = tmp_path / "corpus"
    with publish_folder(target) as staging:
        (staging / "dokumen.parquet").write_bytes(b"PAR1")
    assert sorted(os.listdir(target)) == [MARKER, "dokumen.parquet"]


# --- only renja's own folders ------------------------------------------------------------------


def user_folder(parent: Path) -> Path:
    """A folder of someone's own files, with no marker."""
    folder = parent / "laporan"
    (folder / "sub").mkdir(parents=True)
    (folder / "catatan.txt").write_text("milik pengguna\n", encoding="utf-8")
    (folder / "sub" / "data.csv").write_text("a,b\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_folder_of_other_files_is_never_replaced(tmp_path: Path) -> None:
    folder = user_folder(tmp_path)
    before = snapshot(folder)
    with (
        pytest.raises(ForeignFolderError, match="bukan buatan renja") as caught,
        publish_folder(folder) as staging,
    ):
        (staging / "x.csv").write_text("x\n", encoding="utf-8")
    assert "\n" not in str(caught.value)  # one line
    assert snapshot(folder) == before
    assert sorted(os.listdir(tmp_path)) == ["laporan"]  # no staging folder left either


def test_an_empty_or_missing_folder_may_be_replaced_and_a_file_may_not(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for name in ("empty", "missing"):
        with publish_folder(tmp_path / name) as staging:
            (staging / "x.csv").write_text("x\n", encoding="utf-8")
        assert is_marked(tmp_path / name)
    (tmp_path / "a-file").write_text("data\n", encoding="utf-8")
    with pytest.raises(ForeignFolderError, match="bukan folder"):
        check_replaceable(tmp_path / "a-file")
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "data\n"


def test_an_output_folder_is_claimed_only_when_missing_empty_or_renjas(tmp_path: Path) -> None:
    claimed = claim_folder(tmp_path / "outputs" / "2025")  # made, parents too
    assert is_marked(claimed)
    (claimed / "doc").mkdir()
    assert claim_folder(claimed) == claimed  # renja's: claimed again, as it is
    folder = user_folder(tmp_path)
    with pytest.raises(ForeignFolderError):
        claim_folder(folder)
    assert not is_marked(folder)


def test_what_a_killed_run_left_is_recognised_and_removed(tmp_path: Path) -> None:
    out = claim_folder(tmp_path / "out")
    stale_staging = out / ".renja-2024.k2j3h4g5"  # mkdtemp's name, with the marker in it
    stale_staging.mkdir()
    (stale_staging / MARKER).write_text("renja\n", encoding="utf-8")
    stale_old = out / ".renja-2024.old.0123456789abcdef"
    stale_old.mkdir()
    (stale_old / MARKER).write_text("renja\n", encoding="utf-8")
    empty_staging = out / ".corpus.abcd_123"
    empty_staging.mkdir()
    (out / ".batch.json.x1y2z3w4").write_text("{", encoding="utf-8")
    kept = [out / ".git", out / ".renja.lock", out / ".notes.k2j3h4g5", out / "doc"]
    for path in kept:
        path.mkdir()
    (out / ".notes.k2j3h4g5" / "mine.txt").write_text("a user's\n", encoding="utf-8")
    assert remove_stale(out) == sorted(
        [stale_staging.name, stale_old.name, empty_staging.name, ".batch.json.x1y2z3w4"]
    )
    assert sorted(os.listdir(out)) == sorted([MARKER, *(p.name for p in kept)])


def test_a_second_run_into_a_locked_folder_is_refused(tmp_path: Path) -> None:
    out = claim_folder(tmp_path / "out")
    script = (
        "import sys, time\n"
        "from renja.model.publish import folder_lock\n"
        "with folder_lock(sys.argv[1]):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(30)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script, str(out)], stdout=subprocess.PIPE,
                              text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(FolderBusyError, match=f"proses {holder.pid}"), folder_lock(out):
            pass
    finally:
        holder.kill()
        holder.wait()
    with folder_lock(out), folder_lock(out):  # free again; and this process may nest
        pass


# --- the reader -------------------------------------------------------------------------------


def watch(path: Path, replace: Callable[[int], object]) -> int:
    """How often a reader thread found ``path`` missing while ``replace(i)`` ran ``SWAPS``
    times; the reader checks between every two steps of the writer (a tiny switch interval)."""
    stop = threading.Event()
    misses = checks = 0

    def reader() -> None:
        nonlocal misses, checks
        while not stop.is_set():
            checks += 1
            if not os.path.lexists(path):
                misses += 1

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(SWAPS):
            replace(i)
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)
    assert checks > SWAPS  # the reader did look while the writer worked
    return misses
