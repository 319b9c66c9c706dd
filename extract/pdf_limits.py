"""A bound on what one PDF stream may unpack to: a decompression bomb (a few kilobytes that
inflate to gigabytes) is one clear line, not all the memory of the machine.

pdfminer (under pdfplumber, and camelot's text) inflates each Flate stream whole, with
``zlib.decompress``. ``stream_limit`` puts a bounded inflate in its place for the time a PDF is
read: a stream that unpacks to more than the limit stops the document with ``StreamTooLarge``.
A real document's streams are a few megabytes at most (a page's drawing, a font, a scanned page
of about 25 MB); the default limit (``DEFAULT_MAX_STREAM_MB``) is five times that.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from renja.model.errors import InputError
from renja.model.i18n import _

DEFAULT_MAX_STREAM_MB = 128
MIB = 1 << 20


class StreamTooLarge(InputError):
    """A PDF stream unpacks to more than the limit (the message names the limit and the
    option that raises it; the reader adds the file's name)."""


_limit: int | None = None  # bytes; None: no PDF is being read here


def _too_large() -> StreamTooLarge:
    limit_mb = (_limit or 0) // MIB
    return StreamTooLarge(
        _(
            "a data stream inside the PDF unpacks to more than the limit of {limit} MiB (a "
            "decompression bomb, or a very unusual file); if the file is sound, raise the limit "
            "with --max-stream"
        ).format(limit=limit_mb)
    )


def bounded_inflate(data: bytes) -> bytes:
    """``zlib.decompress(data)``, stopping with ``StreamTooLarge`` past the limit.

    >>> import zlib
    >>> with stream_limit(1):
    ...     bounded_inflate(zlib.compress(b"ok" * 10))
    b'okokokokokokokokokok'
    >>> with stream_limit(1):  # doctest: +ELLIPSIS
    ...     bounded_inflate(zlib.compress(b" " * (2 * MIB)))
    Traceback (most recent call last):
    renja.extract.pdf_limits.StreamTooLarge: sebuah aliran data ... melebihi batas 1 MiB ...
    """
    if _limit is None:
        return zlib.decompress(data)
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, _limit + 1)
    if len(out) > _limit:
        raise _too_large()
    if not inflater.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def bounded_corrupted(data: bytes) -> bytes:
    """pdfminer's ``decompress_corrupted`` (inflate what can be, skipping a bad checksum), within
    the limit."""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    step = 4096
    for start in range(0, len(data), step):
        try:
            part = inflater.decompress(data[start : start + step], (_limit or 0) + 1 - size)
        except zlib.error:
            if start + step < len(data) - 3:
                raise
            break
        size += len(part)
        if _limit is not None and (size > _limit or inflater.unconsumed_tail):
            raise _too_large()
        parts.append(part)
    return b"".join(parts)


class _BoundedZlib:
    """What pdfminer's ``pdftypes`` module calls ``zlib``: the module, with a bounded
    ``decompress``."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        if args or kwargs:
            return zlib.decompress(data, *args, **kwargs)
        return bounded_inflate(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _install() -> None:
    """Put the bounded inflate into pdfminer (once; unbounded while no limit is set)."""
    try:
        from pdfminer import pdftypes
    except ImportError:  # pragma: no cover - pdfminer comes with pdfplumber
        return
    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
        pdftypes.decompress_corrupted = bounded_corrupted


@contextmanager
def stream_limit(max_mb: int) -> Iterator[None]:
    """Bound every PDF stream inflated in this block to ``max_mb`` MiB."""
    global _limit
    _install()
    before = _limit
    _limit = max_mb * MIB
    try:
        yield
    finally:
        _limit = before


__all__ = ["DEFAULT_MAX_STREAM_MB", "StreamTooLarge", "bounded_inflate", "stream_limit"]
