"""The result every cell rule returns: a value, the repair rules that fired, or why it failed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    """One cell read by one parser.

    ``value`` is None when the cell is empty or could not be read. ``rules`` names the repair
    rules (function names, each with a doctest) that changed the reading; an empty tuple means
    the cell was clean. ``problem`` says, in plain words, why a non-empty cell has no value.
    """

    value: T | None
    rules: tuple[str, ...] = ()
    problem: str | None = None

    @property
    def unreadable(self) -> bool:
        """True when the cell held something but no value could be read from it."""
        return self.problem is not None


EMPTY: Parsed = Parsed(None)
