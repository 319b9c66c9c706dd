"""Which Renja form a table is: by its caption first, by the words of its header otherwise."""

from __future__ import annotations

import re

from renja.normalize.columns import compose_header
from renja.normalize.kinds import KINDS, UNKNOWN, TableKind
from renja.records import RawTable

# Without a caption, a header must show this many of a form's header words (and all of them).
MIN_HEADER_WORDS = 2


def _header_text(table: RawTable) -> str:
    return " | ".join(compose_header(table.header, table.width))


def _header_hits(kind: TableKind, header: str) -> int:
    return sum(1 for word in kind.header_words if re.search(word, header, re.IGNORECASE))


def classify(table: RawTable) -> TableKind:
    """The form of a table; ``UNKNOWN`` when neither caption nor header says.

    Several captions can match (a caption may quote another form's words); the header then
    decides between them.
    """
    header = _header_text(table)
    by_caption = [k for k in KINDS if k.caption_matches(table.caption)]
    if by_caption:
        return max(by_caption, key=lambda k: _header_hits(k, header))
    if not table.header:
        return UNKNOWN
    candidates = [
        k
        for k in KINDS
        if len(k.header_words) >= MIN_HEADER_WORDS
        and _header_hits(k, header) == len(k.header_words)
    ]
    if not candidates:
        return UNKNOWN
    return max(candidates, key=lambda k: (len(k.header_words), -abs(len(k.columns) - table.width)))
