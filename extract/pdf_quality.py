"""How well a page's tables were read: the measure that chooses between two engines.

The signals are computed the same way for any engine, because every engine's cells are filled
by the same code:

- **coverage**: the share of the page's characters that landed in a table cell. An engine that
  missed a table (or half of one) leaves its text outside.
- **mixed cells**: cells where an amount shares the cell with another amount or with words
  (``1.000.000 2.500.000``, ``51.120.500 naik``). Such a cell does not parse as one value:
  the engine merged columns (a gutter too narrow for the text strategy, a rule it did not
  see). **Crowded** cells, two amounts or more, are the worst of them.
- **overfull rows** (column-count consistency with the header): in a table whose first row
  reads as a header, body rows with more filled cells than the header has labels: the engine
  split a column.

The score is coverage minus the share of mixed cells and the share of overfull rows, so 1.0 is
every character in a table, every amount cell a clean amount and every row within its header.
camelot's own parsing report (accuracy, whitespace) is recorded next to it, and a camelot table
reporting low accuracy is not used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from renja.extract.cells import is_header_row
from renja.extract.pdf_cells import PageTable

_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?:,\d{2})?(?![\d])")
_AMOUNT_DRESS = re.compile(r"\brp\.?|[\s().,:-]", re.IGNORECASE)
# The first engine's reading is kept unless the other scores at least this much better.
CHOICE_MARGIN = 0.02
# A page whose tables have more crowded cells than this share is read again by camelot.
CROWDED_LIMIT = 0.02
# camelot's parsing-report accuracy (0-100) below which its tables are not used.
MIN_ACCURACY = 80.0


def is_crowded(text: str) -> bool:
    """Two or more amounts in one cell: columns merged.

    >>> is_crowded("1.000.000 2.500.000"), is_crowded("Rp 1.000.000,00"), is_crowded("3 Dok 3 Dok")
    (True, False, False)
    """
    return len(_AMOUNT.findall(text)) >= 2


def is_mixed(text: str) -> bool:
    """An amount sharing its cell with another amount or with words: the cell does not parse
    as one value.

    >>> [is_mixed(t) for t in ("51.120.500 naik", "Rp. 1.954.327.000", "(45.870.000)", "naik")]
    [True, False, False, False]
    """
    amounts = _AMOUNT.findall(text)
    if not amounts:
        return False
    if len(amounts) > 1:
        return True
    return bool(_AMOUNT_DRESS.sub("", _AMOUNT.sub("", text, count=1)))


@dataclass(frozen=True, slots=True)
class Quality:
    """One engine's reading of one page."""

    coverage: float  # share of the page's characters inside table cells
    cells: int  # filled cells
    crowded: int  # filled cells holding two or more amounts
    mixed: int = 0  # filled cells where an amount shares the cell (crowded ones included)
    rows: int = 0  # body rows of tables that have a header row
    overfull: int = 0  # of those, rows with more filled cells than the header has labels

    @property
    def score(self) -> float:
        """Coverage minus the share of mixed cells and the share of overfull rows (1.0: all text
        in tables, amounts clean, rows consistent with their header).

        >>> Quality(0.9, 100, 2, 5).score, Quality(0.9, 100, 0, 0, rows=10, overfull=1).score
        (0.85, 0.8)
        """
        mixed = self.mixed / self.cells if self.cells else 0.0
        overfull = self.overfull / self.rows if self.rows else 0.0
        return round(self.coverage - mixed - overfull, 4)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "score": self.score,
            "coverage": round(self.coverage, 4),
            "cells": self.cells,
            "crowded": self.crowded,
            "mixed": self.mixed,
            "rows": self.rows,
            "overfull": self.overfull,
        }


def header_consistency(rows: Sequence[Sequence[str]]) -> tuple[int, int]:
    """Column-count consistency with the header: (body rows, rows with more filled cells than
    the header labels columns) for a table that opens with header rows; (0, 0) otherwise. The
    header's columns are those any of its rows labels (a group label spans several). A row can
    leave cells empty; more values than columns means the engine split a column.

    >>> header_consistency([["Kode", "Uraian", "Pagu"], ["1.01", "A", "5"], ["1", "02", "B C"]])
    (2, 0)
    >>> header_consistency([["Kode", "Uraian", ""], ["1.01", "A", "5"]])
    (1, 1)
    >>> header_consistency([["Kode", "Rencana", ""], ["", "Target", "Pagu"], ["1.01", "5", "9"]])
    (1, 0)
    >>> header_consistency([["1.01", "A", "5"]])
    (0, 0)
    """
    depth = 0
    while depth < len(rows) and is_header_row(list(rows[depth])):
        depth += 1
    if not depth:
        return 0, 0
    labelled = {j for row in rows[:depth] for j, text in enumerate(row) if text.strip()}
    body = [sum(1 for text in row if text.strip()) for row in rows[depth:]]
    return len(body), sum(1 for n in body if n > len(labelled))


def page_quality(tables: Sequence[PageTable], outside: int, total: int) -> Quality:
    """The quality of a page's tables, given how many of its ``total`` characters stayed
    ``outside`` them."""
    texts = [c.text for t in tables for row in t.rows for c in row if c is not None and c.text]
    coverage = (total - outside) / total if total else 0.0
    rows = overfull = 0
    for table in tables:
        grid = [[c.text if c is not None else "" for c in row] for row in table.rows]
        counted, over = header_consistency(grid)
        rows, overfull = rows + counted, overfull + over
    return Quality(
        coverage,
        len(texts),
        sum(map(is_crowded, texts)),
        sum(map(is_mixed, texts)),
        rows,
        overfull,
    )


def needs_second_look(quality: Quality, ruled: bool, image_share: float) -> bool:
    """Whether a page is worth a second engine in ``auto`` mode: its tables have merged
    columns, or it found no ruled table where a picture covers much of the page (a grid that
    exists only as an image, such as a scan with an OCR text layer).

    >>> needs_second_look(Quality(1.0, 100, 0), ruled=True, image_share=0.0)
    False
    >>> needs_second_look(Quality(1.0, 100, 9), ruled=True, image_share=0.0)
    True
    >>> needs_second_look(Quality(0.8, 50, 0), ruled=False, image_share=0.6)
    True
    """
    if quality.cells and quality.crowded / quality.cells > CROWDED_LIMIT:
        return True
    return not ruled and image_share >= IMAGE_SHARE


# A picture covering at least this share of a page may hold the table's rules.
IMAGE_SHARE = 0.25


def prefer_second(first: Quality, second: Quality) -> bool:
    """Whether the second engine's reading wins.

    >>> prefer_second(Quality(0.95, 80, 10, 10), Quality(0.96, 90, 0, 0))
    True
    >>> prefer_second(Quality(0.95, 80, 0), Quality(0.96, 90, 0))
    False
    """
    return second.cells > 0 and second.score >= first.score + CHOICE_MARGIN


__all__ = [
    "CHOICE_MARGIN",
    "MIN_ACCURACY",
    "Quality",
    "header_consistency",
    "is_crowded",
    "is_mixed",
    "needs_second_look",
    "page_quality",
    "prefer_second",
]
