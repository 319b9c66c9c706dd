"""The base vocabulary: common words of planning documents, one lower-case word a line in
``data/kata.txt``. Reading uses it to tell a word a printer broke at a line's end from two words
(``extract.pdf_text.broke_inside_word``), cleaning to rejoin a word a conversion split
(``normalize.words``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

VOCABULARY_FILE = "data/kata.txt"


@lru_cache(maxsize=1)
def load_base_vocabulary() -> frozenset[str]:
    """The base vocabulary in ``data/kata.txt``: one lower-case word per line, ``#`` comments.

    >>> vocab = load_base_vocabulary()
    >>> "penyelenggaraan" in vocab, "kot" in vocab
    (True, False)
    """
    raw = files("renja.model").joinpath(VOCABULARY_FILE).read_text(encoding="utf-8")
    words = (line.split("#", 1)[0].strip().lower() for line in raw.splitlines())
    return frozenset(w for w in words if w)


__all__ = ["VOCABULARY_FILE", "load_base_vocabulary"]
