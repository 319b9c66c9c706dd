"""Which Renja form a table is: by its caption first, by the words of its header otherwise."""

from __future__ import annotations

import re

from renja.model.records import RawTable
from renja.normalize.header import compose_header
from renja.normalize.kinds import KINDS, UNKNOWN, TableKind

# Without a caption, a header must show this many of a form's header words (and all of them),
# and name at least this share of the form's columns: other documents' tables (an RKPD's, say)
# share words such as "sasaran" with a Renja form without being one.
MIN_HEADER_WORDS = 2
MIN_HEADER_COVERAGE = 0.75


def _header_hits(kind: TableKind, header: str) -> int:
    return sum(1 for word in kind.header_words if re.search(word, header, re.IGNORECASE))


def header_coverage(kind: TableKind, header: list[str]) -> float:
    """The share of a form's columns whose header words appear somewhere in the header.

    >>> from renja.normalize.kinds import PERGESERAN_PAGU
    >>> header_coverage(PERGESERAN_PAGU, ["kode", "sub kegiatan", "sebelum", "sesudah", "jumlah"])
    0.8333333333333334
    """
    specs = [c for c in kind.columns if c.header and not c.optional]
    if not specs:
        return 0.0
    hits = sum(1 for c in specs if any(re.search(c.header, h) for h in header))
    return hits / len(specs)


def classify(table: RawTable) -> TableKind:
    """The form of a table; ``UNKNOWN`` when neither caption nor header says.

    Several captions can match (a caption may quote another form's words); the header then
    decides between them.
    """
    positions = compose_header(table.header, table.width)
    header = " | ".join(positions)
    by_caption = [k for k in KINDS if k.caption_matches(table.caption)]
    if by_caption:
        return max(
            by_caption, key=lambda k: (_header_hits(k, header), header_coverage(k, positions))
        )
    if not table.header:
        return UNKNOWN
    candidates = [
        k
        for k in KINDS
        if len(k.header_words) >= MIN_HEADER_WORDS
        and _header_hits(k, header) == len(k.header_words)
        and header_coverage(k, positions) >= MIN_HEADER_COVERAGE
    ]
    if not candidates:
        return UNKNOWN
    return max(candidates, key=lambda k: (len(k.header_words), -abs(len(k.columns) - table.width)))
