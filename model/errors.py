"""Exceptions for misuse and unreadable input. The CLI turns each into one line and exit code 1."""

from __future__ import annotations

import errno

from renja.model.i18n import N_, _


class RenjaError(Exception):
    """Base class: the message is one complete sentence a user can act on."""


class InputError(RenjaError):
    """The input path is missing, empty, binary, or in an encoding we cannot read."""


class ReferenceMissingError(RenjaError):
    """The nomenclature reference files are not where they should be."""


class OptionError(RenjaError, ValueError):
    """A setting was given a value it cannot take (an unknown engine, a page limit below 1, a
    value of the wrong type). Raised when the settings object is made, before any work; the
    message names the setting, the value given and the values allowed."""


class OutputSchemaError(RenjaError):
    """An output folder was written in another layout (``schema_version``) than this renja
    reads: it must be written again."""


class ForeignFolderError(RenjaError):
    """A folder renja was asked to write into, or to replace, holds files it did not make: it
    is left alone."""


class FolderBusyError(RenjaError):
    """Another run writes into the output folder now (``renja.model.publish.folder_lock``)."""


def environment_message(exc: OSError) -> str | None:
    """One line saying what to do about an error of the machine (a full or read-only disk, a
    path through a file, a name too long), or None for one that is not of that kind.

    >>> import errno
    >>> environment_message(OSError(errno.ENOSPC, "No space left on device", "out/x"))
    'out/x: disk penuh; kosongkan ruang di disk itu atau pilih --out di disk lain'
    >>> environment_message(OSError(errno.EBADF, "Bad file descriptor")) is None
    True
    """
    where = f"{exc.filename}: " if exc.filename else ""
    what = _ENVIRONMENT.get(exc.errno or 0)
    return where + _(what) if what else None


_NO_PERMISSION = N_(
    "no permission for this file or folder; change its permissions or choose --out elsewhere"
)
_TOO_MANY_OPEN = N_("too many open files; lower --workers")
_ENVIRONMENT = {
    errno.ENOSPC: N_("disk full; free space on that disk or choose --out on another disk"),
    errno.EDQUOT: N_("disk quota used up; free space or choose --out on another disk"),
    errno.EROFS: N_("this disk is read-only; choose --out where it can be written"),
    errno.EACCES: _NO_PERMISSION,
    errno.EPERM: _NO_PERMISSION,
    errno.ENOTDIR: N_(
        "part of this path is a file, not a folder; choose an --out that is a folder"
    ),
    errno.EISDIR: N_("this is a folder, not a file; name the file"),
    errno.ENAMETOOLONG: N_(
        "name too long for the file system; shorten the input file's name (200 characters at "
        "most) or choose a shorter --out"
    ),
    errno.EMFILE: _TOO_MANY_OPEN,
    errno.ENFILE: _TOO_MANY_OPEN,
    errno.EIO: N_("read/write error on the disk; check the disk"),
}
