"""``process(path) -> Result``: the whole pipeline for one document, as one call.

read (extract) → classify and clean each table (normalize) → findings (validate).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from renja import extract
from renja.normalize.classify import classify
from renja.normalize.clean import CleanTable, clean_table
from renja.normalize.document import (
    JENIS_BY_PREFIX,
    document_bidang,
    kegiatan_prefix,
    printed_codes,
    program_bidang,
)
from renja.normalize.kinds import UNKNOWN
from renja.normalize.values import ReadContext
from renja.normalize.words import load_base_vocabulary
from renja.records import Document, DocumentMeta, Finding, RawTable, Repair
from renja.validate import finalize_findings


@dataclass(slots=True)
class Result:
    """Everything renja learned from one document."""

    document: Document
    tables: list[CleanTable]  # the tables of a known form, cleaned
    raw_tables: list[RawTable]  # every table found, with its final id (unknown forms included)
    kinds: dict[str, str]  # table id -> form slug, for every raw table
    repairs: list[Repair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sha256: str = ""

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    @property
    def meta(self) -> DocumentMeta:
        return self.document.meta

    @property
    def frames(self) -> dict[str, pd.DataFrame]:
        """The clean tables by id."""
        return {t.table_id: t.frame for t in self.tables}

    def table(self, key: str) -> pd.DataFrame:
        """A clean table by its id or by its form (the first table of that form).

        Raises KeyError naming the ids that exist.
        """
        for t in self.tables:
            if key in (t.table_id, t.kind.slug):
                return t.frame
        raise KeyError(f"no table '{key}'; tables: {', '.join(t.table_id for t in self.tables)}")


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def process(path: str | Path) -> Result:
    """Read, clean and check one Renja document.

    Raises ``renja.errors.InputError`` (one clear sentence) when the input cannot be read.
    """
    path = Path(path)
    document = extract.read(path)
    codes = printed_codes(document.tables)
    meta = document.meta
    if not meta.bidang:
        meta.bidang = document_bidang(codes)
    prefix = kegiatan_prefix(codes, meta.jenis_pemda)
    if meta.jenis_pemda is None and prefix is not None:
        meta.jenis_pemda = JENIS_BY_PREFIX[prefix]
    context = ReadContext(
        vocabulary=load_base_vocabulary(),
        bidang_for_program=program_bidang(codes),
        kegiatan_prefix=prefix,
    )
    result = Result(document, [], [], {}, sha256=_file_hash(path))
    findings: list[Finding] = []
    for raw in document.tables:
        kind = classify(raw)
        raw.table_id = f"{raw.table_id}_{kind.slug}"
        result.raw_tables.append(raw)
        result.kinds[raw.table_id] = kind.slug
        if kind is UNKNOWN:
            continue
        cleaned = clean_table(raw, kind, raw.table_id, context)
        result.tables.append(cleaned.table)
        result.repairs.extend(cleaned.repairs)
        findings.extend(cleaned.findings)
    result.findings = finalize_findings(findings)
    return result
