"""Readers: a document path in, a ``Document`` of raw tables (with provenance) out.

One reader per source kind behind one call, ``read(path)``; nothing downstream knows which
reader produced a table.
"""

from __future__ import annotations

from pathlib import Path

from renja.errors import InputError
from renja.extract.markdown import markdown_to_tables
from renja.extract.meta import read_meta
from renja.extract.source import doc_id_for, read_text
from renja.records import Document

MARKDOWN_SUFFIXES = {".md", ".markdown", ".txt"}
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES


def read_markdown(path: Path) -> Document:
    """Read a Markdown document into raw tables."""
    text, encoding = read_text(path)
    tables, texts = markdown_to_tables(text)
    meta = read_meta([t.text for t in texts])
    warnings: list[str] = []
    if encoding != "utf-8-sig":
        warnings.append(f"read as {encoding}, not UTF-8")
    if not tables:
        warnings.append("no table found in the document")
    return Document(
        path=str(path),
        doc_id=doc_id_for(path),
        meta=meta,
        tables=tables,
        text_lines=text.count("\n") + 1,
        warnings=warnings,
    )


def read(path: str | Path) -> Document:
    """Read any supported document. Raises InputError with one clear line for unusable input."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(path)
    if suffix == ".pdf":
        raise InputError(f"{path}: PDF input is not supported yet; convert it to Markdown first")
    raise InputError(
        f"{path}: unsupported file type '{suffix or '(none)'}'; expected one of "
        + ", ".join(sorted(SUPPORTED_SUFFIXES | {".pdf"}))
    )


__all__ = ["SUPPORTED_SUFFIXES", "read", "read_markdown"]
