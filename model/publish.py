"""Publishing files and folders atomically: a reader sees the old one or the new one, whole.

Everything renja writes for others to read goes through here: a document's output folder, its
report and workbook, the corpus, the comparison, ``batch.json`` and the nomenclature cache::

    publish_file(path, data)         a temporary file beside ``path``, then ``os.replace``
    with publish_folder(target) as staging:
        ...                          fill ``staging`` (a new folder beside ``target``)
                                     on leaving the block, ``staging`` becomes ``target``

A folder is swapped in without a moment in which ``target`` is missing: on Linux the two are
exchanged in one step (``renameat2`` with ``RENAME_EXCHANGE``), and the old folder, now at the
staging path, is removed afterwards. Where the system or file system cannot exchange, the old
folder is renamed aside, the new one renamed in, and only then is the old one removed; should
the second rename fail, the old folder is put back. A block that raises leaves ``target`` as it
was and removes ``staging``.

Staging names start with a dot (``.<name>.<random>``), so listings of an output folder skip
them; a run that was killed leaves them behind, and ``remove_stale`` takes them away at the
start of the next one. Published files and folders get the modes a plain ``open`` or ``mkdir``
would give them under the process's umask (``mkdtemp`` and ``mkstemp`` make them private).

renja replaces only folders it made. Every published folder holds a marker file, ``.renja``
(``MARKER``); ``publish_folder`` refuses to replace a folder that is not empty and has none
(``ForeignFolderError``, one line), and ``claim_folder`` makes a folder renja's to write into
(an output folder: ``--out``) only when it is missing, empty or already marked. ``folder_lock``
lets one run at a time write into a folder; a second one is refused.

This is plain file-system code that knows nothing of renja's records; it sits in the model
package, the bottom layer, so that every layer that writes (the nomenclature cache in
normalize, the writers in present, the batch in app) shares one way of doing it.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from renja.model.errors import FolderBusyError, ForeignFolderError
from renja.model.i18n import N_, _

# The file that marks a folder as renja's: it may be replaced whole, and written into.
MARKER = ".renja"
MARKER_TEXT = N_(
    "This folder was made by renja, and renja may replace what it holds: keep no other files "
    "here.\n"
)
# The lock a run holds on the output folder it writes into (``folder_lock``).
LOCK = ".renja.lock"
# What a killed run leaves: a staging folder or temporary file (``.<name>.<8 random>``, from
# mkdtemp and mkstemp) or an old folder moved aside (``.<name>.old.<16 hex>``).
STALE = re.compile(r"\.(?P<name>.+)\.(?:[a-z0-9_]{8}|old\.[0-9a-f]{16})")

# renameat2(2): both paths relative to the working directory, exchanged atomically.
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# What renameat2 answers where it cannot exchange: no such call, or a file system without it.
_CANNOT_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}


def umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux).

    >>> 0 <= umask() <= 0o777
    True
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)  # elsewhere: read by setting it, and set it back at once
    os.umask(current)
    return current


def folder_mode() -> int:
    """The mode ``mkdir`` gives a new folder under the current umask (0o755 under 0o022)."""
    return 0o777 & ~umask()


def file_mode() -> int:
    """The mode ``open`` gives a new file under the current umask (0o644 under 0o022)."""
    return 0o666 & ~umask()


def publish_file(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``path`` whole or not at all (text as UTF-8) and return it.

    The data goes to a temporary file in the same folder, which then replaces ``path`` in one
    rename; on any failure the temporary file is removed and ``path`` is as it was.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.chmod(temporary, file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def is_marked(folder: str | os.PathLike[str]) -> bool:
    """Whether renja made ``folder``: it holds the marker file, or it is an output folder of a
    renja from before the marker (``made_by_earlier_renja``)."""
    return os.path.isfile(os.path.join(folder, MARKER)) or made_by_earlier_renja(folder)


# The files by which a renja from before the marker is known: the ``--out`` folder's
# ``batch.json`` and a document folder's ``manifest.json`` (both name the renja version that
# wrote them), and the corpus's database.
_EARLIER_RECORDS = ("batch.json", "manifest.json")
_EARLIER_CORPUS = "renja.duckdb"
_EARLIER_FILES = frozenset({"batch.json", ".renja.lock"})


def made_by_earlier_renja(folder: str | os.PathLike[str]) -> bool:
    """Whether ``folder`` is an output folder written before renja marked its folders, so that
    upgrading users can run into their old ``--out`` again: it holds a record that names the
    renja version that wrote it, or the corpus's database, or it holds only such folders.

    >>> import json, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     doc = Path(tmp, "renja-2024")
    ...     doc.mkdir()
    ...     before = made_by_earlier_renja(tmp)
    ...     _ = Path(doc, "manifest.json").write_text(json.dumps({"renja_version": "0.1.0"}))
    ...     after = made_by_earlier_renja(tmp), made_by_earlier_renja(doc)
    ...     _ = Path(tmp, "notes.txt").write_text("mine")
    ...     before, after, made_by_earlier_renja(tmp)
    (False, (True, True), False)
    """
    if _holds_renja_record(folder):
        return True
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    return bool(entries) and all(
        e.name in _EARLIER_FILES or (e.is_dir(follow_symlinks=False) and _holds_renja_record(e))
        for e in entries
    )


def _holds_renja_record(folder: str | os.PathLike[str]) -> bool:
    for name in _EARLIER_RECORDS:
        path = os.path.join(folder, name)
        if not os.path.isfile(path) or os.path.getsize(path) > 64 * 2**20:
            continue
        try:
            with open(path, encoding="utf-8") as handle:
                record = json.load(handle)
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and "renja_version" in record:
            return True
    return os.path.isfile(os.path.join(folder, _EARLIER_CORPUS))


def check_replaceable(target: str | os.PathLike[str]) -> None:
    """Refuse (``ForeignFolderError``) a ``target`` renja may not replace: a file, or a folder
    that holds anything and no marker. A missing or empty folder may be replaced."""
    target = Path(target)
    if not os.path.lexists(target):
        return
    if not target.is_dir():
        raise ForeignFolderError(
            _("{target}: exists and is no folder; choose another name for renja's output").format(
                target=target
            )
        )
    if is_marked(target) or not any(os.scandir(target)):
        return
    raise ForeignFolderError(
        _(
            "{target}: this folder holds files renja did not make (it has no {marker} file), so "
            "renja does not replace it; choose another folder, empty or new"
        ).format(target=target, marker=MARKER)
    )


def mark(folder: str | os.PathLike[str]) -> None:
    """Put the marker in ``folder`` (a folder renja made, or claimed while it was empty)."""
    path = Path(folder) / MARKER
    if not path.is_file():
        publish_file(path, _(MARKER_TEXT))


def claim_folder(folder: str | os.PathLike[str]) -> Path:
    """Make ``folder`` renja's to write into (an output folder): made when missing, marked when
    empty; a marked folder is renja's already. Anything else is refused
    (``ForeignFolderError``): renja never writes among a user's own files."""
    folder = Path(folder)
    check_replaceable(folder)
    folder.mkdir(parents=True, exist_ok=True)
    mark(folder)
    return folder


@contextmanager
def publish_folder(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A new folder beside ``target`` to fill; it replaces ``target`` when the block ends.

    The new folder holds the marker already. A ``target`` renja may not replace (a folder of
    someone else's files: ``check_replaceable``) is refused before anything is written. When
    the block raises, the staging folder is removed and ``target`` stays as it was.
    ``target``'s parent folders are made when missing.
    """
    target = Path(target)
    check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        os.chmod(staging, folder_mode())
        mark(staging)
        yield staging
        check_replaceable(target)  # still: another program may have made it meanwhile
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def is_stale(entry: os.DirEntry[str] | Path) -> bool:
    """Whether an entry of a folder renja owns is what a killed run left: a staging folder or
    temporary file, or an old folder moved aside (folders only when they are renja's own or
    empty).

    >>> is_stale(Path("/nowhere/.batch.json.k2j3h4g5")), is_stale(Path("/nowhere/.git"))
    (True, False)
    """
    if STALE.fullmatch(entry.name) is None:
        return False
    path = entry.path if isinstance(entry, os.DirEntry) else str(entry)
    if os.path.isdir(path) and not os.path.islink(path):
        return is_marked(path) or not any(os.scandir(path))
    return True


def remove_stale(folder: str | os.PathLike[str]) -> list[str]:
    """Remove what killed runs left in ``folder`` (``is_stale``); returns the names removed.
    Call it only while holding the folder's lock (``folder_lock``): a run in progress has
    its own staging folders there."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    for entry in entries:
        if not is_stale(entry):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            Path(entry.path).unlink(missing_ok=True)
        removed.append(entry.name)
    return sorted(removed)


# Locks this process holds: folder (resolved) -> (open lock file, depth), so that a command
# that locks a folder may call another that locks it too.
_HELD: dict[str, tuple[int, int]] = {}


@contextmanager
def folder_lock(folder: str | os.PathLike[str]) -> Iterator[None]:
    """Hold ``folder``'s lock (``.renja.lock``, an advisory ``flock``) for the block: runs into
    one output folder go one at a time, and a second one is refused (``FolderBusyError``)
    rather than mixing its files with the first's. Where the system has no such locks (or the
    file system refuses them), the block runs unlocked."""
    key = os.path.realpath(folder)
    if key in _HELD:
        handle, depth = _HELD[key]
        _HELD[key] = (handle, depth + 1)
        try:
            yield
        finally:
            handle, depth = _HELD[key]
            _HELD[key] = (handle, depth - 1)
        return
    try:
        import fcntl
    except ImportError:  # not a POSIX system
        yield
        return
    handle = os.open(os.path.join(folder, LOCK), os.O_RDWR | os.O_CREAT, file_mode())
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
            message = (
                _("{folder}: another renja (process {holder}) is writing into this folder")
                if holder.isdigit()
                else _("{folder}: another renja is writing into this folder")
            )
            raise FolderBusyError(
                message.format(folder=folder, holder=holder)
                + _("; wait until it is done, then run again")
            ) from None
        except OSError as exc:
            if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL):
                raise
            os.close(handle)
            handle = -1
        if handle >= 0:
            os.ftruncate(handle, 0)
            os.pwrite(handle, f"{os.getpid()}\n".encode("ascii"), 0)
            _HELD[key] = (handle, 1)
        try:
            yield
        finally:
            _HELD.pop(key, None)
    finally:
        if handle >= 0:
            os.close(handle)  # closing the file releases the lock


def _swap_in(staging: Path, target: Path) -> None:
    """Make ``staging`` the folder at ``target``, then remove the folder that was there.

    ``target`` is never missing on the way when it existed before (see the module docstring).
    """
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # the old folder, now at the staging path
        return
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    aside = target.with_name(f".{target.name}.old.{secrets.token_hex(8)}")
    os.rename(target, aside)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Exchange two paths in one step; False where that cannot be done (or ``second`` is
    missing), so the caller renames instead."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    error = ctypes.get_errno()
    if error in _CANNOT_EXCHANGE or error == errno.ENOENT:
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))


@functools.cache
def _renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    """The C library's ``renameat2`` (Linux, glibc 2.28 or newer); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    renameat2: Callable[[int, bytes, int, bytes, int], int] = function
    return renameat2


__all__ = [
    "LOCK",
    "MARKER",
    "check_replaceable",
    "claim_folder",
    "file_mode",
    "folder_lock",
    "folder_mode",
    "is_marked",
    "is_stale",
    "mark",
    "publish_file",
    "publish_folder",
    "remove_stale",
]
