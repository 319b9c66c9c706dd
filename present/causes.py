"""Findings grouped under their root cause: the finding that explains them (``root_cause``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from renja.present.outputs import Record


def cause_groups(findings: Sequence[Record]) -> list[list[tuple[Record, int]]]:
    """Findings grouped under their root cause: each group is a root then its consequences.

    Each item is ``(finding, depth)``; depth 0 is the root. A ``root_cause`` naming no finding
    of the list leaves the finding a root of its own; a cycle is broken at its first finding.

    >>> rows = [{"id": "F1", "root_cause": ""}, {"id": "F2", "root_cause": "F1"},
    ...         {"id": "F3", "root_cause": "F9"}]
    >>> [[(f["id"], d) for f, d in g] for g in cause_groups(rows)]
    [[('F1', 0), ('F2', 1)], [('F3', 0)]]
    """
    ids = {f.get("id", "") for f in findings if f.get("id")}
    children: dict[str, list[Record]] = defaultdict(list)
    roots: list[Record] = []
    for finding in findings:
        cause = finding.get("root_cause", "")
        if cause and cause in ids and cause != finding.get("id"):
            children[cause].append(finding)
        else:
            roots.append(finding)
    seen: set[int] = set()
    groups: list[list[tuple[Record, int]]] = []

    def visit(finding: Record, depth: int, group: list[tuple[Record, int]]) -> None:
        if id(finding) in seen:
            return
        seen.add(id(finding))
        group.append((finding, depth))
        for child in children.get(finding.get("id", ""), []):
            visit(child, depth + 1, group)

    for finding in [*roots, *findings]:  # findings left over after the roots sit in a cycle
        if id(finding) not in seen:
            group: list[tuple[Record, int]] = []
            visit(finding, 0, group)
            groups.append(group)
    return groups


def consequence_counts(findings: Iterable[Record]) -> Counter[str]:
    """How many findings name each finding as their direct root cause.

    >>> consequence_counts([{"root_cause": "F1"}, {"root_cause": "F1"}, {"root_cause": ""}])
    Counter({'F1': 2})
    """
    return Counter(f["root_cause"] for f in findings if f.get("root_cause"))


__all__ = ["cause_groups", "consequence_counts"]
