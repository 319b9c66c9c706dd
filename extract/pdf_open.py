"""Open a PDF safely: every way a file can fail to be a readable PDF becomes one clear line.

The checks run before any page is parsed: the file must start like a PDF, open without a password
(or with the one given), have pages, and stay under the page limit. Scanned pages are found while
reading; ``scanned_message`` words what the user can do about them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from types import NoneType
from typing import TYPE_CHECKING

from renja.extract.pdf_limits import DEFAULT_MAX_STREAM_MB, StreamTooLarge, stream_limit
from renja.extract.source import DEFAULT_MAX_SIZE_MB, check_file, unreadable
from renja.model.errors import InputError
from renja.model.i18n import _, ngettext
from renja.model.options import check_choice, check_count, check_flag, check_type

if TYPE_CHECKING:
    import pdfplumber

# A PDF header may follow a little junk (some generators write a BOM or a line first).
HEADER_WINDOW = 1024
# Documents larger than this are refused unless --max-pages says otherwise: a Renja is tens of
# pages, an RKPD a few hundred; thousands of pages is a scanned archive or the wrong file.
DEFAULT_MAX_PAGES = 1000
OCR_INSTALL = "sudo apt install ocrmypdf tesseract-ocr-ind"
# The recognised copy is only read, never kept: a plain PDF (ocrmypdf's PDF/A conversion runs
# Ghostscript over every page) without its size optimisation. Each tesseract runs on one thread
# (OMP_THREAD_LIMIT, unless the user set it): ocrmypdf already runs a tesseract per core, and
# OpenMP threads on a busy machine spin without doing work (a page took twice the CPU).
OCR_OUTPUT = ("--output-type", "pdf", "--optimize", "0")
# The table engines a PDF can be read with (``ReadOptions.engine``, ``--engine``).
ENGINES = ("auto", "pdfplumber", "camelot")
# Told after each page of a PDF is read: (pages read, pages in the document). What a long PDF
# shows while it is read (``renja run`` and ``renja check`` on a terminal, or with --progress).
PageProgress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read a document: for PDFs, the password, the page limit, whether to OCR first and
    which table engines to use; for every document, where the list of regions is
    (``wilayah``: its folder or CSV; by default ``$RENJA_WILAYAH`` or
    ``../shared/reference/wilayah``, see ``renja.extract.wilayah``)."""

    password: str | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    ocr: bool = False
    # 'auto': camelot reads again the pages pdfplumber seems to misread; 'camelot': every
    # page is read by both and the better kept; 'pdfplumber': pdfplumber alone.
    engine: str = "auto"
    wilayah: str | Path | None = None
    max_size_mb: int = DEFAULT_MAX_SIZE_MB  # any document: larger files are refused
    max_stream_mb: int = DEFAULT_MAX_STREAM_MB  # PDFs: what one stream may unpack to
    # PDFs: processes that read a long document's pages at once (``renja.extract.pdf``); the
    # CLI gives a document it reads alone the cores, a batch one each
    page_workers: int = 1

    def __post_init__(self) -> None:
        """Refuse a value the reader would not honour, with ``OptionError`` (one line).

        >>> ReadOptions(max_pages=0)
        Traceback (most recent call last):
        renja.model.errors.OptionError: max_pages harus bilangan bulat 1 atau lebih, bukan 0
        """
        check_type("password", self.password, (str, NoneType), _("text or None"))
        check_count("max_pages", self.max_pages)
        check_flag("ocr", self.ocr)
        check_choice("engine", self.engine, ENGINES)
        check_type("wilayah", self.wilayah, (str, PathLike, NoneType),
                   _("a path (a folder or a CSV file) or None"))  # fmt: skip
        check_count("max_size_mb", self.max_size_mb)
        check_count("max_stream_mb", self.max_stream_mb)
        check_count("page_workers", self.page_workers)


def check_pdf_bytes(path: Path, max_mb: int = DEFAULT_MAX_SIZE_MB) -> None:
    """Refuse a file that is not a PDF whatever its name (``%PDF-`` must open the file), and
    one that is no regular file or too large (``check_file``)."""
    empty = _("{path}: the file is empty").format(path=path)
    if check_file(path, max_mb) == 0:
        raise InputError(empty)
    try:
        with path.open("rb") as handle:
            data = handle.read(HEADER_WINDOW)
    except OSError as exc:
        raise InputError(unreadable(path, exc)) from exc
    if not data.strip():
        raise InputError(empty)
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise InputError(
            _("{path}: is not a PDF (no %PDF- header); is it another kind of file?").format(
                path=path
            )
        )


def page_ranges(pages: Sequence[int]) -> str:
    """Page numbers as a short list of ranges.

    >>> page_ranges([1, 2, 3, 7, 9, 10])
    '1-3, 7, 9-10'
    """
    runs: list[tuple[int, int]] = []  # (first, last)
    for page in sorted(pages):
        if runs and page == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return ", ".join(f"{first}" if first == last else f"{first}-{last}" for first, last in runs)


def scanned_message(pages: Sequence[int], total: int, ocr_available: bool) -> str:
    """What to say about pages without a text layer."""
    what = ngettext(
        "page {pages} of {total} has no text layer (a scanned image); its tables are not read",
        "pages {pages} of {total} have no text layer (scanned images); their tables are not read",
        len(pages),
    ).format(pages=page_ranges(pages), total=total)
    if ocr_available:
        return what + _("; rerun with --ocr to recognise their text with ocrmypdf")
    return what + _("; to read them, install OCR ({install}) and rerun with --ocr").format(
        install=OCR_INSTALL
    )


def ocr_available() -> bool:
    return shutil.which("ocrmypdf") is not None


def run_ocr(path: Path, target: Path) -> None:
    """Add a text layer to the scanned pages of ``path`` with ocrmypdf (text pages are kept)."""
    if not ocr_available():
        raise InputError(
            _("{path}: --ocr needs ocrmypdf and tesseract; install them: {install}").format(
                path=path, install=OCR_INSTALL
            )
        )
    command = ["ocrmypdf", "--skip-text", "--language", "ind+eng", *OCR_OUTPUT, "--quiet"]
    command += [str(path), str(target)]
    env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
        if "ind" in reason and "language" in reason.lower():
            command[command.index("ind+eng")] = "eng"
            done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise InputError(_("{path}: OCR failed: {reason}").format(path=path, reason=reason))


@contextmanager
def open_pdf(path: Path, options: ReadOptions) -> Iterator[pdfplumber.PDF]:
    """An open pdfplumber document, or InputError with one line: not a PDF, encrypted, corrupt,
    no pages, too many pages, a stream that unpacks past ``--max-stream`` (while it is open,
    every stream is bounded: ``renja.extract.pdf_limits``)."""
    check_pdf_bytes(path, options.max_size_mb)
    try:
        with stream_limit(options.max_stream_mb), _opened(path, options) as pdf:
            yield pdf
    except StreamTooLarge as exc:
        raise InputError(f"{path}: {exc}") from None


@contextmanager
def _opened(path: Path, options: ReadOptions) -> Iterator[pdfplumber.PDF]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    with tempfile.TemporaryDirectory(prefix="renja-ocr-") as scratch:
        source = path
        if options.ocr:
            source = Path(scratch) / path.name
            run_ocr(path, source)
        try:
            pdf = pdfplumber.open(source, password=options.password or "")
        except Exception as wrapped:  # pdfplumber wraps pdfminer's errors; broken files raise many
            exc = cause_of(wrapped)
            if isinstance(exc, StreamTooLarge):
                raise exc from None
            if isinstance(exc, PDFPasswordIncorrect):
                message = (
                    _("{path}: the PDF is encrypted; the password is wrong")
                    if options.password
                    else _("{path}: the PDF is encrypted; give its password with --password")
                )
            elif isinstance(exc, PDFEncryptionError):
                message = _("{path}: the PDF's encryption is not supported ({reason})")
            else:
                message = _("{path}: is a damaged PDF and cannot be read ({reason})")
            raise InputError(message.format(path=path, reason=_short(exc))) from None
        try:
            try:
                count = len(pdf.pages)
            except StreamTooLarge:
                raise
            except Exception as exc:
                raise InputError(
                    _("{path}: is a damaged PDF: its pages cannot be listed ({reason})").format(
                        path=path, reason=_short(exc)
                    )
                ) from None
            if count == 0:
                raise InputError(_("{path}: the PDF has no pages").format(path=path))
            if count > options.max_pages:
                raise InputError(
                    _(
                        "{path}: has {count} pages, more than the limit of {limit}; raise it "
                        "with --max-pages"
                    ).format(path=path, count=count, limit=options.max_pages)
                )
            yield pdf
        finally:
            pdf.close()


def cause_of(exc: BaseException) -> BaseException:
    """The pdfminer error inside pdfplumber's wrapper."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
    return inner or exc.__cause__ or exc.__context__ or exc


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


__all__ = [
    "DEFAULT_MAX_PAGES",
    "ENGINES",
    "ReadOptions",
    "cause_of",
    "check_pdf_bytes",
    "ocr_available",
    "open_pdf",
    "page_ranges",
    "scanned_message",
]
