"""Exceptions for misuse and unreadable input. The CLI turns each into one line and exit code 1."""

from __future__ import annotations

import errno


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
    return where + what if what else None


_ENVIRONMENT = {
    errno.ENOSPC: "disk penuh; kosongkan ruang di disk itu atau pilih --out di disk lain",
    errno.EDQUOT: "kuota disk habis; kosongkan ruang atau pilih --out di disk lain",
    errno.EROFS: "disk ini hanya-baca; pilih --out di tempat yang bisa ditulis",
    errno.EACCES: "tidak ada izin untuk berkas atau folder ini; ubah izinnya atau pilih --out "
    "di tempat lain",
    errno.EPERM: "tidak ada izin untuk berkas atau folder ini; ubah izinnya atau pilih --out "
    "di tempat lain",
    errno.ENOTDIR: "sebagian jalur ini adalah berkas, bukan folder; pilih --out yang berupa "
    "folder",
    errno.EISDIR: "ini folder, bukan berkas; sebutkan berkasnya",
    errno.ENAMETOOLONG: "nama terlalu panjang untuk sistem berkas; pendekkan nama berkas "
    "masukan (paling banyak 200 karakter) atau pilih --out yang lebih pendek",
    errno.EMFILE: "terlalu banyak berkas terbuka; kurangi --workers",
    errno.ENFILE: "terlalu banyak berkas terbuka; kurangi --workers",
    errno.EIO: "kesalahan baca/tulis pada disk; periksa disknya",
}
