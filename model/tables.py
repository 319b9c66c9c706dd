"""A clean table: the typed rows normalize made from one raw table, under their contract."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from renja.model.contract import TableContract, TableStatus
from renja.model.records import RawTable


@dataclass(frozen=True, slots=True, eq=False)
class CleanTable:
    """One clean table: typed rows, the raw table they were read from, and their contract.

    ``complete`` is False when the reader could not place everything (a cell that fits no
    column) or the table may go on in a part that was not joined to it: its sums are then not
    checked, and ``gaps`` says why.
    """

    table_id: str
    contract: TableContract
    raw: RawTable
    frame: pd.DataFrame
    gaps: tuple[str, ...] = field(default=())
    bold: tuple[bool, ...] = field(default=())  # per clean row: printed bold (a parent, a total)

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


__all__ = ["CleanTable"]
