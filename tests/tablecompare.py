"""Compare the clean tables of two runs cell by cell (the PDF reader against the Markdown one)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from renja.normalize.clean import CleanTable

# Where a row came from differs between a Markdown line and a PDF page; the values may not.
PROVENANCE = frozenset({"baris", "sumber_baris", "halaman", "baris_gabungan"})


@dataclass
class Comparison:
    cells: int = 0
    same: int = 0
    missing: list[str] = field(default_factory=list)
    differences: list[tuple[str, int, str, Any, Any]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.same / self.cells if self.cells else 0.0


def _same(a: Any, b: Any) -> bool:
    a_missing, b_missing = bool(pd.isna(a)), bool(pd.isna(b))
    if a_missing or b_missing:
        return a_missing and b_missing
    return str(a) == str(b)


def compare(expected: Iterable[CleanTable], got: Iterable[CleanTable]) -> Comparison:
    """Every cell of every expected table against the table of the same form in ``got``."""
    result = Comparison()
    got = list(got)
    for table in expected:
        other = next((t for t in got if t.form == table.form), None)
        columns = [c for c in table.frame.columns if c not in PROVENANCE]
        if other is None:
            result.missing.append(table.form)
            result.cells += len(table.frame) * len(columns)
            continue
        a, b = table.frame, other.frame
        for i in range(max(len(a), len(b))):
            for column in columns:
                va = a[column].iloc[i] if i < len(a) else None
                vb = b[column].iloc[i] if i < len(b) and column in b.columns else None
                result.cells += 1
                if _same(va, vb):
                    result.same += 1
                else:
                    result.differences.append((table.form, i + 1, column, va, vb))
    return result
