"""How much a finding matters, and the one order of severities: the most severe first.

Every list, sort and threshold of severities (the findings' order, the report's filters and
counts, the workbook's colours, ``renja check --fail-on``, the batch summary) takes its order
from here. Severities read back from a CSV file are text: ``severity_rank`` sorts them too.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from renja.model.i18n import N_, _


class Severity(StrEnum):
    """A finding's severity. Declared most severe first: that is the order everywhere."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most severe, then 1, 2: the sort key of severities.

        >>> [s.rank for s in Severity]
        [0, 1, 2]

        (Compare ranks, not severities: a severity is text, and as text ``"error"`` sorts
        before ``"info"`` before ``"warning"``.)
        """
        return _RANKS[self]

    @property
    def label(self) -> str:
        """Its name for a person, in the reader's language (``Kesalahan``, ``Error``).

        >>> from renja.model.i18n import use_language
        >>> with use_language("en"):
        ...     Severity.ERROR.label
        'Error'
        """
        return _(SEVERITY_LABELS[self])


SEVERITIES: Final[tuple[Severity, ...]] = tuple(Severity)  # most severe first
# Each severity's name for a person, marked for the catalogue (``Severity.label`` translates).
SEVERITY_LABELS: Final[dict[str, str]] = {
    Severity.ERROR: N_("Error"),
    Severity.WARNING: N_("Warning"),
    Severity.INFO: N_("Info"),
}
# By text, so that a severity read back from a CSV file finds its rank too.
_RANKS: Final[dict[str, int]] = {severity.value: rank for rank, severity in enumerate(SEVERITIES)}


def severity_rank(text: str) -> int:
    """The rank of a severity written as text; anything that is no severity sorts after all.

    >>> severity_rank("error"), severity_rank("info"), severity_rank("catatan")
    (0, 2, 3)
    """
    return _RANKS.get(text, len(SEVERITIES))


__all__ = ["SEVERITIES", "SEVERITY_LABELS", "Severity", "severity_rank"]
