"""Document-wide facts the cell readers need: which bidang a generic ``X.XX`` code stands for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from renja.normalize.kode import parse_kode, split_kode_uraian
from renja.normalize.sniff import Shape, sniff
from renja.records import RawTable, RowRole

# Codes sit in the first cells of a row; looking further only finds amounts.
CODE_CELLS = 2


def printed_codes(tables: Iterable[RawTable]) -> list[str]:
    """Canonical Permendagri 90 codes printed in the code cells of the document's tables."""
    codes: list[str] = []
    for table in tables:
        for row in table.rows:
            if row.role is not RowRole.BODY:
                continue
            for cell in row.cells[:CODE_CELLS]:
                if sniff(cell) is not Shape.CODE:
                    continue
                code_text, _ = split_kode_uraian(cell.strip())
                parsed = parse_kode(code_text) if code_text else None
                if parsed and parsed.value is not None and parsed.value.scheme == "p90":
                    codes.append(parsed.value.canonical)
    return codes


def program_bidang(codes: Iterable[str]) -> dict[str, str]:
    """For each program number, the one bidang it sits under in this document.

    ``X.XX.01`` (the support program every SKPD has) is printed generically; it means the
    document's own bidang. A program number found under two bidang is ambiguous and left out.

    >>> program_bidang(["5.03.01.2.01", "5.03.02", "5.04.02.2.01.0003"])
    {'01': '5.03'}
    """
    seen: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        segments = code.split(".")
        if len(segments) >= 3 and not segments[0].upper().startswith("X"):
            seen[segments[2]].add(".".join(segments[:2]))
    return {program: next(iter(b)) for program, b in sorted(seen.items()) if len(b) == 1}


def document_bidang(codes: Iterable[str]) -> list[str]:
    """The bidang codes a document's printed codes fall under, in order of first appearance.

    >>> document_bidang(["5.03", "5.03.01.2.01", "5.04.02", "X.XX.01"])
    ['5.03', '5.04']
    """
    out: list[str] = []
    for code in codes:
        segments = code.split(".")
        if len(segments) >= 2 and not segments[0].upper().startswith("X"):
            bidang = ".".join(segments[:2])
            if bidang not in out:
                out.append(bidang)
    return out
