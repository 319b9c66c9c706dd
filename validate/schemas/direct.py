"""The pipeline's schema run: a clean table checked against its plan without pandera.

pandera's strict, lazy validation of the pipeline's frames costs 10-20 ms a table in pandera's
own bookkeeping (a report of 10,000 small tables spent minutes there) and half a second to
import. ``strict_failures`` runs the same plan (``renja.validate.schemas.plan``: the rules'
checks, in the schema's order) on the frame directly and reports what pandera's lazy
validation reports, in its order: columns the table lacks or should not have, empty cells of a
required column, the cells each check fails, then the rows each check across columns fails.
``tests/test_schemas.py`` holds the two runners to the same findings. The coercing schemas for
users' copies stay pandera's (``renja.validate.schemas.build``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from renja.model.checks import SKEMA_KOLOM, SKEMA_TIPE, Check, check_named
from renja.model.contract import TableContract
from renja.validate.schemas.plan import PlannedCheck, column_checks, frame_checks
from renja.validate.schemas.rules import ColumnRule, column_rules

# ``expected`` of the failures pandera reports itself: a missing / unknown column, an empty cell.
COLUMN_PRESENT, COLUMN_ABSENT, FILLED = "ada", "tidak ada", "terisi"


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed check on one cell (``label``: the row's index label), or on a whole column
    (``label`` None), with what the check expected and the failing value."""

    check: Check
    column: str | None
    expected: str | None
    value: Any
    label: Any = None


def matched_columns(rule: ColumnRule, columns: list[str]) -> list[str]:
    """The table's columns a rule stands for: its own name, or those its pattern matches.

    >>> matched_columns(ColumnRule("target_(?:19|20)\\\\d\\\\d", "float", regex=True),
    ...                 ["target_2025", "target_2025_satuan", "uraian"])
    ['target_2025']
    """
    if rule.regex:
        pattern = re.compile(rule.name)
        return [c for c in columns if pattern.fullmatch(c)]
    return [rule.name] if rule.name in columns else []


def strict_failures(frame: pd.DataFrame, contract: TableContract) -> list[Failure]:
    """The failures of a pipeline frame (unique column names, unique index) under its contract's
    strict schema, as pandera's lazy validation reports them."""
    columns = [str(c) for c in frame.columns]
    rules = column_rules(contract, columns)
    matched = [matched_columns(rule, columns) for rule in rules]
    known = {name for names in matched for name in names}
    failures = [Failure(SKEMA_KOLOM, c, COLUMN_ABSENT, c) for c in columns if c not in known]
    failures += [
        Failure(SKEMA_KOLOM, rule.name, COLUMN_PRESENT, rule.name)
        for rule, names in zip(rules, matched, strict=True)
        if rule.required and not names
    ]
    for rule, names in zip(rules, matched, strict=True):
        for name in names:
            series = frame[name]
            if not rule.nullable:
                failures += [
                    Failure(SKEMA_TIPE, name, FILLED, None, label)
                    for label in series.index[series.isna().to_numpy()]
                ]
            for planned in column_checks(rule):
                failures += _failures(planned, name, series, series)
    for planned in frame_checks(contract):
        target = planned.name.partition(":")[2]
        failures += _failures(planned, target or None, frame, None)
    return failures


def _failures(
    planned: PlannedCheck, column: str | None, data: Any, series: pd.Series | None
) -> list[Failure]:
    """The failures of one check on a column (``series``: its cells are the failing values) or
    on the frame (one failure per failing row)."""
    check = check_named(planned.name.partition(":")[0])
    try:
        answer = planned.test(data)
    except Exception as exc:  # a check that breaks on a value fails, as pandera reports it
        return [Failure(check, column, planned.expected, f"{type(exc).__name__}: {exc}")]
    if isinstance(answer, bool):
        return [] if answer else [Failure(check, column, planned.expected, False)]
    failing = ~answer.to_numpy(dtype=bool)
    labels = answer.index[failing]
    values = series.to_numpy(dtype=object)[failing] if series is not None else [None] * len(labels)
    return [
        Failure(check, column, planned.expected, value, label)
        for label, value in zip(labels, values, strict=True)
    ]


__all__ = ["COLUMN_ABSENT", "COLUMN_PRESENT", "FILLED", "Failure", "strict_failures"]
