"""Readers: a document path in, a ``Document`` of raw tables (with provenance) out.

One reader per source kind behind one call, ``read(path)``; nothing downstream knows which
reader produced a table.
"""

from __future__ import annotations

from pathlib import Path

from renja.extract.markdown import markdown_to_tables
from renja.extract.meta import document_meta
from renja.extract.pdf_open import DEFAULT_MAX_PAGES, PageProgress, ReadOptions
from renja.extract.side_by_side import joined_side_by_side
from renja.extract.source import DEFAULT_MAX_SIZE_MB, check_file, make_document, read_text
from renja.extract.wilayah import RegionsFound, find_regions
from renja.model.errors import InputError
from renja.model.i18n import _
from renja.model.options import check_type
from renja.model.records import Document

MARKDOWN_SUFFIXES = {".md", ".markdown", ".txt"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES | PDF_SUFFIXES


def read_markdown(
    path: Path, wilayah: RegionsFound | None = None, max_size_mb: int = DEFAULT_MAX_SIZE_MB
) -> Document:
    """Read a Markdown document into raw tables (``wilayah``: the list of regions found, by
    default looked up at the default places; larger files than ``max_size_mb`` are refused)."""
    text, encoding = read_text(path, max_size_mb)
    tables, texts = markdown_to_tables(text)
    tables, joined = joined_side_by_side(tables)  # a sheet's columns printed pages later
    meta, warnings = document_meta([t.text for t in texts], tables, wilayah=wilayah)
    warnings += joined
    if encoding != "utf-8-sig":
        warnings.append(_("read as {encoding}, not UTF-8").format(encoding=encoding))
    return make_document(path, meta, tables, warnings, text_lines=text.count("\n") + 1)


def read(
    path: str | Path, options: ReadOptions | None = None, progress: PageProgress | None = None
) -> Document:
    """Read any supported document. Raises InputError with one clear line for unusable input.

    ``options`` apply to PDFs (the password, the page limit, OCR of scanned pages first) and
    say where the list of regions is (``wilayah``). ``progress`` is told after each page of a
    PDF is read (pages read, pages in all).
    """
    if options is None:
        options = ReadOptions()
    check_type("options", options, ReadOptions, _("ReadOptions or None"))
    path = Path(path)
    check_file(path, options.max_size_mb)  # a regular file, not too large: before any reading
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(path, find_regions(options.wilayah), options.max_size_mb)
    if suffix in PDF_SUFFIXES:
        from renja.extract.pdf import read_pdf  # pdfplumber is imported only for PDFs

        return read_pdf(path, options, progress)
    raise InputError(
        _("{path}: unsupported file type '{suffix}'; expected one of {suffixes}").format(
            path=path, suffix=suffix or _("(none)"), suffixes=", ".join(sorted(SUPPORTED_SUFFIXES))
        )
    )


__all__ = [
    "DEFAULT_MAX_PAGES",
    "SUPPORTED_SUFFIXES",
    "PageProgress",
    "ReadOptions",
    "read",
    "read_markdown",
]
