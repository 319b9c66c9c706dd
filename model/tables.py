"""A clean table: the typed rows normalize made from one raw table, under their contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from renja.model.contract import TableContract, TableStatus
from renja.model.records import RawTable, Source

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True, eq=False)
class CleanTable:
    """One clean table: typed rows, the raw table they were read from, and their contract.

    Its id is its raw table's and its kind (``form``) its contract's: each is stored once.
    ``complete`` is False when the reader could not place everything (a cell that fits no
    column) or the table may go on in a part that was not joined to it: its sums are then not
    checked, and ``gaps`` says why.
    """

    contract: TableContract
    raw: RawTable
    frame: pd.DataFrame
    gaps: tuple[str, ...] = field(default=())
    bold: tuple[bool, ...] = field(default=())  # per clean row: printed bold (a parent, a total)
    # per clean row: how far its name is indented, in points (PDF; None when unknown)
    indents: tuple[float | None, ...] = field(default=())
    # per clean row: the printed rows it was read from, its own first (a wrapped line, the
    # after line of a pair, a record's first line follow): how ``raw/`` finds its rows
    sources: tuple[tuple[Source, ...], ...] = field(default=())

    @property
    def table_id(self) -> str:
        return self.raw.table_id

    @property
    def form(self) -> str:
        """The known form's slug, or the slug of an inferred table."""
        return self.contract.form

    @property
    def status(self) -> TableStatus:
        return self.contract.status

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def period(self) -> int | None:
        return self.contract.period


class AuditStatus(StrEnum):
    """How far a table was checked: what "0 temuan" means for it."""

    CHECKED = "diperiksa"  # types, and every sum and in-row relation the table promises
    SCHEMA_ONLY = "hanya_skema"  # types only: the table promises no sum (no amounts, no levels)
    INCOMPLETE = "tidak_lengkap"  # not taken in whole: its sums are not checked
    NOT_DATA = "tidak_diperiksa"  # not a data table


@dataclass(frozen=True, slots=True)
class TableAudit:
    """What the audit did with one table."""

    status: AuditStatus
    relations: int = 0  # sums and in-row relations evaluated
    reason: str = ""  # why it was not checked in full

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"status": self.status.value, "hitungan": self.relations}
        if self.reason:
            out["alasan"] = self.reason
        return out


__all__ = ["AuditStatus", "CleanTable", "TableAudit"]
