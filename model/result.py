"""What one document gives: its raw tables, its clean tables under their contracts, the repairs
and the findings. ``renja.process`` returns it; the writers take it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from renja.model.contract import TableContract
from renja.model.decisions import DecisionOutcome
from renja.model.records import Document, DocumentMeta, Finding, RawTable, Repair
from renja.model.tables import CleanTable, TableAudit

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class Result:
    """Everything renja learned from one document."""

    document: Document
    tables: tuple[CleanTable, ...]  # the clean tables: of a known form or inferred
    raw_tables: tuple[RawTable, ...]  # every table found, with its final id
    contracts: dict[str, TableContract]  # table id -> contract, for every raw table
    repairs: tuple[Repair, ...] = ()
    findings: tuple[Finding, ...] = ()
    sha256: str = ""
    nomenclature: dict[str, str] | None = field(default=None)  # version and source of the codes
    audits: dict[str, TableAudit] = field(default_factory=dict)  # table id -> what was checked
    # The decisions file read (keputusan.csv), each decision with what became of it, and the
    # file itself: its name and SHA-256 (None when there was none).
    decisions: tuple[DecisionOutcome, ...] = ()
    decisions_file: dict[str, str] | None = None

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    @property
    def meta(self) -> DocumentMeta:
        return self.document.meta

    @property
    def kinds(self) -> dict[str, str]:
        """Table id -> form slug, for every raw table."""
        return {table_id: contract.form for table_id, contract in self.contracts.items()}

    @property
    def frames(self) -> dict[str, pd.DataFrame]:
        """The clean tables by id."""
        return {t.table_id: t.frame for t in self.tables}

    def table(self, key: str) -> pd.DataFrame:
        """A clean table by its id or by its form (the first table of that form).

        Raises KeyError naming the ids that exist.
        """
        for t in self.tables:
            if key in (t.table_id, t.form):
                return t.frame
        raise KeyError(f"no table '{key}'; tables: {', '.join(t.table_id for t in self.tables)}")


__all__ = ["Result"]
