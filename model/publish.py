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

Staging names start with a dot (``.<name>.<random>``), so listings of an output folder can skip
them. Published folders are ``0o755`` and files ``0o644`` whatever the umask (``mkdtemp`` and
``mkstemp`` make them private): outputs are for everyone who can read the folder.

This is plain file-system code that knows nothing of renja's records; it sits in the model
package, the bottom layer, so that every layer that writes (the nomenclature cache in
normalize, the writers in present, the batch in app) shares one way of doing it.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

FOLDER_MODE = 0o755
FILE_MODE = 0o644

# renameat2(2): both paths relative to the working directory, exchanged atomically.
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# What renameat2 answers where it cannot exchange: no such call, or a file system without it.
_CANNOT_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}


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
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


@contextmanager
def publish_folder(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A new, empty folder beside ``target`` to fill; it replaces ``target`` when the block ends.

    When the block raises, the staging folder is removed and ``target`` stays as it was.
    ``target``'s parent folders are made when missing.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        os.chmod(staging, FOLDER_MODE)
        yield staging
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


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


__all__ = ["FILE_MODE", "FOLDER_MODE", "publish_file", "publish_folder"]
