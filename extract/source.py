"""Read a document's text safely: refuse what is not text, decode what is, name what we cannot.

Every reader names its document (``doc_id_for``) and hands it on the same way (``make_document``).
"""

from __future__ import annotations

import hashlib
import re
import stat
from pathlib import Path
from typing import Any

from renja.model.errors import InputError
from renja.model.i18n import _
from renja.model.records import Document, DocumentMeta, RawTable

# How much of the file to inspect when deciding whether it is binary. NUL bytes or many control
# characters in the first 64 KiB mean a binary file, whatever its name says.
SNIFF_BYTES = 65536
# Share of control characters (other than tab, CR, LF, FF) above which text is treated as binary.
MAX_CONTROL_SHARE = 0.05

# Encodings tried in order. Renja Markdown comes from converters writing UTF-8; older Windows
# tools write cp1252, which still covers every Indonesian letter.
ENCODINGS = ("utf-8-sig", "cp1252")

_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")

# Documents larger than this are refused unless --max-size says otherwise: a Renja PDF is a few
# megabytes, a long RKPD with scanned pages a few hundred.
DEFAULT_MAX_SIZE_MB = 512
MIB = 1 << 20


def doc_id_for(path: Path) -> str:
    """A stable, file-system-safe id for a document: its file name without the suffix.

    >>> doc_id_for(Path("samples/Renja BKPSDM 2024 (final).md"))
    'renja-bkpsdm-2024-final'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or "dokumen"


def make_document(
    path: Path,
    meta: DocumentMeta,
    tables: list[RawTable],
    warnings: list[str],
    text_lines: int,
    pages: int | None = None,
    engine_choices: list[dict[str, Any]] | None = None,
    turned_pages: list[tuple[int, int]] | None = None,
) -> Document:
    """What a reader returns for ``path``; a document without tables says so in its warnings."""
    if not tables:
        warnings.append(_("no table found in the document"))
    return Document(
        path=str(path),
        doc_id=doc_id_for(path),
        meta=meta,
        tables=tuple(tables),
        text_lines=text_lines,
        pages=pages,
        warnings=tuple(warnings),
        engine_choices=tuple(engine_choices or ()),
        turned_pages=tuple(turned_pages or ()),
    )


def _kind(mode: int) -> str:
    """What a path that is no regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("no regular file")


def check_file(path: Path, max_mb: int = DEFAULT_MAX_SIZE_MB) -> int:
    """The size of a document file, or InputError with one line: missing, a folder, no regular
    file (a device such as ``/dev/zero``, a FIFO: either could be read forever), or larger than
    ``max_mb`` MiB. The file is not opened."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(_("{path}: no such file or folder").format(path=path)) from None
    except OSError as exc:
        raise InputError(unreadable(path, exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(_("{path}: is a folder, expected a document").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            _(
                "{path}: {kind}, no regular file; renja reads regular files only (save its "
                "content to a file first)"
            ).format(path=path, kind=_kind(info.st_mode))
        )
    if info.st_size > max_mb * MIB:
        raise InputError(
            _(
                "{path}: {size} MiB, over the limit of {limit} MiB; if the document really is "
                "that large, raise the limit with --max-size"
            ).format(path=path, size=f"{info.st_size / MIB:.0f}", limit=max_mb)
        )
    return info.st_size


def check_readable(path: Path, max_mb: int = DEFAULT_MAX_SIZE_MB) -> bytes:
    """Return the file's bytes, or raise InputError with one line saying what is wrong
    (``check_file``, or the file is empty)."""
    check_file(path, max_mb)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_mb * MIB + 1)  # a file that grew since: still bounded
    except OSError as exc:
        raise InputError(unreadable(path, exc)) from exc
    if len(data) > max_mb * MIB:
        raise InputError(
            _("{path}: over the limit of {limit} MiB; raise it with --max-size").format(
                path=path, limit=max_mb
            )
        )
    if not data.strip():
        raise InputError(_("{path}: the file is empty").format(path=path))
    return data


def unreadable(path: Path, exc: OSError) -> str:
    """The line for a file the system would not let us read."""
    return _("{path}: cannot be read ({reason})").format(path=path, reason=exc.strerror or exc)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters.

    >>> looks_binary(b"PK\\x03\\x04\\x00\\x00 zip")
    True
    >>> looks_binary("Tabel 2.1\\tCapaian".encode())
    False
    """
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > MAX_CONTROL_SHARE * max(len(head), 1)


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes as UTF-8 or cp1252; return (text, encoding) or raise naming the problem.

    >>> decode_text("Rp 1.000".encode("cp1252") + b"\\x96 ok", Path("x.md"))
    ('Rp 1.000– ok', 'cp1252')
    """
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError(
        _(
            "{path}: cannot decode the text: it is neither UTF-8 nor cp1252 (Windows-1252); "
            "save it as UTF-8 and try again"
        ).format(path=path)
    )


def read_text(path: Path, max_mb: int = DEFAULT_MAX_SIZE_MB) -> tuple[str, str]:
    """Read a text document: (text, encoding). Raises InputError for unusable input."""
    data = check_readable(path, max_mb)
    if looks_binary(data):
        raise InputError(
            _("{path}: is binary data, not a Markdown text document").format(path=path)
        )
    text, encoding = decode_text(data, path)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's content, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
