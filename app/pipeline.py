"""``process(path) -> Result``: the whole pipeline for one document, as one call.

read (extract) → classify and clean each table (normalize) → findings (validate).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from renja import extract
from renja.app.sidecar import apply_corrections
from renja.extract.source import file_hash
from renja.model.errors import ReferenceMissingError
from renja.model.records import Document, DocumentMeta, Finding, RawTable, Repair
from renja.normalize.classify import classify
from renja.normalize.clean import CleanTable, clean_table
from renja.normalize.coding import Coder, amounts_by_code
from renja.normalize.document import (
    JENIS_BY_PREFIX,
    document_bidang,
    kegiatan_prefix,
    printed_codes,
    program_bidang,
)
from renja.normalize.kinds import UNKNOWN
from renja.normalize.match import Matcher
from renja.normalize.nomenclature import Nomenclature, load_nomenclature
from renja.normalize.values import ReadContext
from renja.normalize.words import load_base_vocabulary
from renja.validate.audit import audit
from renja.validate.findings import finalize_findings


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
    nomenclature: dict[str, str] | None = None  # the version and source the codes were checked in

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


def _reference(nomenclature: Nomenclature | str | Path | None, warnings: list[str]):
    """The nomenclature to code rows with; a missing default is a warning, not an error."""
    if isinstance(nomenclature, Nomenclature):
        return nomenclature
    if nomenclature is not None:
        return load_nomenclature(nomenclature)  # an explicit path must exist
    try:
        return load_nomenclature()
    except ReferenceMissingError as exc:
        warnings.append(f"codes not verified or matched: {exc}")
        return None


def process(
    path: str | Path,
    nomenclature: Nomenclature | str | Path | None = None,
    code: bool = True,
    options: extract.ReadOptions | None = None,
    corrections: Mapping[str, str] | None = None,
) -> Result:
    """Read, clean, code and check one Renja document.

    ``nomenclature`` is a loaded reference or the path of one; by default it comes from
    ``$RENJA_NOMENKLATUR`` or ``../shared/reference/permendagri90``. With ``code=False`` rows are
    neither verified nor matched against it. ``options`` say how to read PDFs (password, page
    limit, OCR first, table engines). ``corrections`` correct the document's metadata (a
    sidecar row: ``renja.app.sidecar``) before anything depends on it.
    Raises ``renja.model.errors.InputError`` (one clear sentence) when the input cannot be read, and
    ``renja.model.errors.ReferenceMissingError`` when an explicit nomenclature path cannot be read.
    """
    path = Path(path)
    document = extract.read(path, options or extract.ReadOptions())
    if corrections:
        apply_corrections(document.meta, corrections)
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
    result = Result(document, [], [], {}, sha256=file_hash(path))
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
    reference = _reference(nomenclature, document.warnings) if code else None
    if reference is not None:
        version = reference.version_for_year(meta.tahun, meta.jenis_pemda)
        result.nomenclature = {"version": version, "source": reference.source}
        matcher = Matcher(
            reference,
            version=version,
            jenis_pemda=meta.jenis_pemda,
            bidang=meta.bidang,
            bidang_for_program=context.bidang_for_program,
            printed=frozenset(codes),
        )
        coder = Coder(reference, matcher, version, meta.jenis_pemda, amounts_by_code(result.tables))
        for table in result.tables:
            coder.code_table(table)
        findings.extend(coder.findings)
    from renja.validate.schemas import validate_table  # pandera is slow to import: only here

    for table in result.tables:
        findings.extend(validate_table(table))
    result.findings = finalize_findings(audit(result.tables, findings))
    return result
