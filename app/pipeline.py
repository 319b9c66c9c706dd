"""``process(path) -> Result``: the whole pipeline for one document, as one call.

read (extract) → a contract for every table, known form or inferred, and clean it (normalize) →
code the rows (normalize) → findings (validate). Each stage returns new records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from renja import extract
from renja.app.sidecar import apply_corrections
from renja.extract.source import file_hash
from renja.model.contract import TableContract, TableStatus
from renja.model.decisions import Decision, default_path, read_decisions
from renja.model.errors import InputError, ReferenceMissingError
from renja.model.i18n import _
from renja.model.labels import name_findings
from renja.model.records import Document, DocumentMeta, Finding, RawTable
from renja.model.result import Result
from renja.model.tables import AuditStatus, CleanTable, TableAudit
from renja.normalize.contracts import contract_for
from renja.normalize.document import (
    JENIS_BY_PREFIX,
    document_bidang,
    kegiatan_prefix,
    printed_codes,
    program_bidang,
)
from renja.normalize.nomenclature import Nomenclature, load_nomenclature
from renja.normalize.pairs import pair_lines
from renja.normalize.values import ReadContext
from renja.normalize.words import load_base_vocabulary
from renja.validate.findings import finalize_findings

if TYPE_CHECKING:
    from renja.app.decide import Decider
    from renja.model.decisions import DecisionOutcome
    from renja.model.records import Repair


def _reference(
    nomenclature: Nomenclature | str | Path | None,
) -> tuple[Nomenclature | None, tuple[str, ...]]:
    """The nomenclature to code rows with, and the document's warning when there is none: a
    missing default is a warning, not an error."""
    if isinstance(nomenclature, Nomenclature):
        return nomenclature, ()
    if nomenclature is not None:
        return load_nomenclature(nomenclature), ()  # an explicit path must exist
    try:
        return load_nomenclature(), ()
    except ReferenceMissingError as exc:
        return None, (_("codes not verified or matched: {reason}").format(reason=exc),)


def _decisions(
    path: Path, decisions: str | Path | Sequence[Decision] | None
) -> tuple[Decider | None, dict[str, str] | None]:
    """The document's decisions and the file they come from (its name and SHA-256); no
    ``Decider`` when there is none (its stages need pandas, which a document with no data table
    and no decision runs without)."""
    if decisions is not None and not isinstance(decisions, str | Path):
        from renja.app.decide import Decider

        return Decider(tuple(decisions)), None
    source = Path(decisions) if decisions is not None else default_path(path)
    if decisions is not None and not source.is_file():
        raise InputError(_("{path}: no such decisions file").format(path=source))
    if not source.is_file():
        return None, None
    from renja.app.decide import Decider

    read = read_decisions(source)
    return Decider(read, source.name), {"berkas": source.name, "sha256": file_hash(source)}


def document_facts(document: Document, codes: list[str]) -> DocumentMeta:
    """The metadata with what the printed codes tell: the bidang, provinsi or kab/kota."""
    meta = document.meta
    bidang = meta.bidang or document_bidang(codes)
    prefix = kegiatan_prefix(codes, meta.jenis_pemda)
    jenis_pemda = meta.jenis_pemda
    if jenis_pemda is None and prefix is not None:
        jenis_pemda = JENIS_BY_PREFIX[prefix]
    return replace(meta, bidang=tuple(bidang), jenis_pemda=jenis_pemda)


def process(
    path: str | Path,
    nomenclature: Nomenclature | str | Path | None = None,
    code: bool = True,
    options: extract.ReadOptions | None = None,
    corrections: Mapping[str, str] | None = None,
    doc_id: str | None = None,
    decisions: str | Path | Sequence[Decision] | None = None,
    progress: extract.PageProgress | None = None,
) -> Result:
    """Read, clean, code and check one document.

    ``nomenclature`` is a loaded reference or the path of one; by default it comes from
    ``$RENJA_NOMENKLATUR`` or ``../shared/reference/permendagri90``. With ``code=False`` rows are
    neither verified nor matched against it. ``options`` say how to read PDFs (password, page
    limit, OCR first, table engines). ``corrections`` correct the document's metadata (a
    sidecar row: ``renja.app.sidecar``) before anything depends on it. ``doc_id`` names the
    document's outputs (by default, from its file name). ``decisions`` are a person's decisions
    about the document (``renja.model.decisions``): a decisions file, or the decisions
    themselves; by default the file beside the document (``<stem>.keputusan.csv``), if any.
    ``progress`` is told after each page of a PDF is read (pages read, pages in all).
    Raises ``renja.model.errors.InputError`` (one clear sentence) when the input cannot be read,
    and ``ReferenceMissingError`` when an explicit nomenclature path cannot be read.
    """
    path = Path(path)
    decider, decisions_file = _decisions(path, decisions)
    document = extract.read(path, options, progress)
    if corrections:
        document = replace(document, meta=apply_corrections(document.meta, corrections))
    codes = printed_codes(document.tables)
    meta = document_facts(document, codes)
    context = ReadContext(
        vocabulary=load_base_vocabulary(),
        bidang_for_program=program_bidang(codes),
        kegiatan_prefix=kegiatan_prefix(codes, meta.jenis_pemda),
    )
    raw_tables: list[RawTable] = []
    contracts: dict[str, TableContract] = {}
    data: list[tuple[RawTable, TableContract]] = []
    if decider is not None:
        decider.find_tables(document.tables)
    for found in document.tables:
        readable = pair_lines(found)
        if decider is not None:
            contract = decider.contract(found.table_id, readable)
        else:
            contract = contract_for(readable)
        table_id = f"{found.table_id}_{contract.form}"  # its position and its form, given once
        if decider is not None:
            decider.named(found.table_id, table_id)
        raw_tables.append(replace(found, table_id=table_id))
        contracts[table_id] = contract
        if contract.status is not TableStatus.NOT_DATA:
            data.append((replace(readable, table_id=table_id), contract))
    reference, missing = _reference(nomenclature) if code else (None, ())
    version = None
    if reference is not None:
        version = reference.version_for_year(meta.tahun, meta.jenis_pemda)
    checked = None
    if data or decider is not None:
        checked = _clean_and_check(data, context, reference, version, meta, codes, decider)
    tables, repairs, findings, audits_of, outcomes = checked or ((), (), [], {}, ())
    # A clean table's contract may add what its figures showed (``row_sums``): it is the one
    contracts.update({table.table_id: table.contract for table in tables})
    document = replace(
        document,
        doc_id=doc_id or document.doc_id,
        meta=meta,
        tables=tuple(raw_tables),
        warnings=(*document.warnings, *missing),
    )
    audits = {
        table_id: audits_of.get(table_id, TableAudit(AuditStatus.NOT_DATA))
        for table_id in contracts
    }
    return Result(
        document,
        tuple(tables),
        tuple(raw_tables),
        contracts,
        tuple(repairs),
        tuple(name_findings(finalize_findings(findings), raw_tables)),
        sha256=file_hash(path),
        audits=audits,
        decisions=outcomes,
        decisions_file=decisions_file,
        nomenclature=(
            {"version": version, "source": reference.source}
            if reference is not None and version is not None
            else None
        ),
    )


def _clean_and_check(
    data: Sequence[tuple[RawTable, TableContract]],
    context: ReadContext,
    reference: Nomenclature | None,
    version: str | None,
    meta: DocumentMeta,
    codes: list[str],
    decider: Decider | None,
) -> tuple[
    tuple[CleanTable, ...],
    tuple[Repair, ...],
    list[Finding],
    dict[str, TableAudit],
    tuple[DecisionOutcome, ...],
]:
    """The data tables cleaned, coded (with ``reference``, under ``version``), placed in their
    hierarchy, given a person's decisions, checked against their schemas and audited: the clean
    tables, their repairs, every finding, what the audit did with each table, and what became
    of each decision.

    The stages of tables (pandas, the matcher) are imported here, so that a document with no
    data table starts and ends without them.
    """
    from renja.app.decide import Decider
    from renja.normalize.clean import clean_table
    from renja.normalize.coding import Coder, amounts_by_code
    from renja.normalize.hierarchy import place_rows
    from renja.normalize.match import Matcher
    from renja.validate.audit import audit
    from renja.validate.schemas import validate_table

    decider = decider if decider is not None else Decider(())
    tables: list[CleanTable] = []
    repairs: list[Repair] = []
    findings: list[Finding] = []
    for readable, contract in data:
        cleaned = clean_table(readable, contract, context)
        tables.append(cleaned.table)
        repairs.extend(cleaned.repairs)
        findings.extend(cleaned.findings)
    decider.resolve(tables)
    if reference is not None and version is not None:
        matcher = Matcher(
            reference,
            version=version,
            jenis_pemda=meta.jenis_pemda,
            bidang=meta.bidang,
            bidang_for_program=context.bidang_for_program,
            printed=frozenset(codes),
            kode_pemda=meta.kode_pemda,
        )
        coder = Coder(reference, matcher, version, meta.jenis_pemda, amounts_by_code(tables))
        coder.decided = decider.decided_codes()
        tables = [coder.code_table(table) for table in tables]
        findings.extend(coder.findings)
    tables = decider.apply_codes(tables, reference, version, meta.jenis_pemda)
    tables = decider.apply_values([place_rows(table) for table in tables])
    findings = decider.settled(findings)
    for table in tables:
        findings.extend(validate_table(table))
    audited = audit(tables, findings)
    reviewed, tables = decider.apply_reviews(audited.findings, tables)
    return (
        tuple(tables),
        (*repairs, *decider.repairs),
        [*reviewed, *decider.stale_findings()],
        audited.tables,
        decider.outcomes(),
    )
