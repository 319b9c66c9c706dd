"""Publishing atomically (renja.model.publish): a reader sees the old file or folder or the new
one, whole; never a half-written one, never none."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from renja.model import publish
from renja.model.publish import FILE_MODE, FOLDER_MODE, publish_file, publish_folder

SWAPS = 200  # folder swaps watched by the reader thread


@contextmanager
def private_umask() -> Iterator[None]:
    """A umask that makes new files private: published ones must be readable all the same."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def old_folder(parent: Path) -> Path:
    target = parent / "doc"
    target.mkdir()
    (target / "findings.csv").write_text("old\n", encoding="utf-8")
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


def test_file_is_written_whole_and_readable_by_all(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text("old", encoding="utf-8")
    with private_umask():
        assert publish_file(path, "{}\n") == path
    assert path.read_text(encoding="utf-8") == "{}\n"
    assert mode(path) == FILE_MODE == 0o644
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


def test_folder_is_published_readable_by_all(tmp_path: Path) -> None:
    target = tmp_path / "out" / "doc"  # the parent is made
    with private_umask(), publish_folder(target) as staging:
        assert staging.parent == target.parent and staging.name.startswith(".doc.")
        (staging / "findings.csv").write_text("new\n", encoding="utf-8")
    assert (target / "findings.csv").read_text(encoding="utf-8") == "new\n"
    assert mode(target) == FOLDER_MODE == 0o755
    assert os.listdir(target.parent) == ["doc"]


def test_folder_replaces_the_old_one_whole(tmp_path: Path) -> None:
    target = old_folder(tmp_path)
    (target / "tables").mkdir()
    with publish_folder(target) as staging:
        (staging / "findings.csv").write_text("new\n", encoding="utf-8")
    assert sorted(os.listdir(target)) == ["findings.csv"]  # nothing of the old folder stays
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
    assert os.listdir(target) == ["dokumen.parquet"]


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
