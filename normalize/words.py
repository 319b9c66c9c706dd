"""Rejoin words that PDF conversion split (``Penyelenggaraa n Rapat`` -> ``Penyelenggaraan Rapat``).

A join needs evidence: the joined word must be in the vocabulary, and at least one fragment must
not be a word on its own, so ``di rehabilitasi`` (two real words) is left alone. The vocabulary is
the base list (``model/data/kata.txt``, ``load_base_vocabulary``) plus, later, the words of the
nomenclature names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from renja.model.limits import CELL_CACHE
from renja.model.vocabulary import load_base_vocabulary
from renja.normalize.parsed import Parsed

# Most fragments one word is split into; longer runs are tried first so 'Lap ora n' -> 'Laporan'.
MAX_FRAGMENTS = 3

# Shortest word taken from names into a vocabulary: shorter tokens are mostly fragments or
# abbreviations, and the few real ones (di, ke, dan) are in the base list.
MIN_NAME_WORD = 3

# Shortest word a join may produce: conversion splits long words at a line end; joining 'k e'
# into the word 'ke' would only ever be a false repair.
MIN_JOINED_LETTERS = 3

_TOKEN = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\W\d_]+")  # a fragment is letters only: no digits, no punctuation
_NAME_WORD = re.compile(rf"[^\W\d_]{{{MIN_NAME_WORD},}}")
_EDGE_PUNCTUATION = "\"'()[]{}<>,.;:!?"
_COMPOUND = re.compile(r"[/-]")  # the parts of 'Kabupaten/Kota', 'Perundang-undangan'


def _fragment(token: str) -> str | None:
    """The letters of a token that may be part of a split word, or None."""
    return token if _LETTERS.fullmatch(token) else None


def _single_letter(tokens: list[str], index: int) -> bool:
    return 0 <= index < len(tokens) and len(tokens[index]) == 1 and tokens[index].isalpha()


def _join_at(tokens: list[str], start: int, vocabulary: frozenset[str]) -> tuple[int, str] | None:
    """The longest join of fragments starting at ``start``: (fragments used, joined text)."""
    for count in range(MAX_FRAGMENTS, 1, -1):
        pieces = tokens[start : start + count]
        if len(pieces) < count:
            continue
        # A word spaced out letter by letter ('p a k e t') is longer than any window: leave it.
        if _single_letter(tokens, start - 1) or _single_letter(tokens, start + count):
            continue
        # The outer edges may carry punctuation ('(Kot', 'a)') or belong to a compound
        # ('bulanan/t' + 'riwulanan/semesteran'); the joints may not.
        first = _COMPOUND.split(pieces[0].lstrip(_EDGE_PUNCTUATION))[-1]
        last = _COMPOUND.split(pieces[-1].rstrip(_EDGE_PUNCTUATION))[0]
        cores = [first, *pieces[1:-1], last]
        if not all(_fragment(c) for c in cores):
            continue
        word = "".join(cores).lower()
        known = len(word) >= MIN_JOINED_LETTERS and word in vocabulary
        if known and any(c.lower() not in vocabulary for c in cores):
            return count, "".join(pieces)
    return None


@lru_cache(maxsize=CELL_CACHE)
def rejoin_split_words(text: str, vocabulary: frozenset[str]) -> Parsed[str]:
    """Rejoin words split into 2 or 3 fragments, keeping the fragments' casing and other spacing.

    >>> vocab = frozenset({"penyelenggaraan", "rapat", "kota", "laporan", "di", "rehabilitasi",
    ...                    "direhabilitasi"})
    >>> rejoin_split_words("Penyelenggaraa n Rapat", vocab)
    Parsed(value='Penyelenggaraan Rapat', rules=('rejoin_split_words',), problem=None)
    >>> rejoin_split_words("Kot a Bjb", vocab).value
    'Kota Bjb'
    >>> rejoin_split_words("Lap ora n", vocab).value
    'Laporan'
    >>> rejoin_split_words("DAERAH KO TA/KABUPATEN", vocab).value
    'DAERAH KOTA/KABUPATEN'
    >>> rejoin_split_words("di rehabilitasi", vocab)  # both are words: left alone
    Parsed(value='di rehabilitasi', rules=(), problem=None)
    """
    text = text or ""
    matches = list(_TOKEN.finditer(text))
    if len(matches) < 2:
        return Parsed(text or None)
    tokens = [m.group() for m in matches]
    # A join needs a fragment that is no word; text made of known words only is left as it is.
    unknown = [t.strip(_EDGE_PUNCTUATION).lower() not in vocabulary for t in tokens]
    if not any(unknown):
        return Parsed(text)
    out: list[str] = []
    changed = False
    i = 0
    while i < len(tokens):
        window = any(unknown[i : i + MAX_FRAGMENTS])
        joined = _join_at(tokens, i, vocabulary) if window else None
        if joined is None:
            count, word = 1, tokens[i]
        else:
            (count, word), changed = joined, True
        if out:
            out.append(text[matches[i - 1].end() : matches[i].start()])
        out.append(word)
        i += count
    result = text[: matches[0].start()] + "".join(out) + text[matches[-1].end() :]
    return Parsed(result, (rejoin_split_words.__name__,) if changed else ())


def vocabulary_from_texts(texts: Iterable[str]) -> frozenset[str]:
    """Lower-case words of 3+ letters from names, such as the nomenclature's.

    >>> sorted(vocabulary_from_texts(["Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik"]))
    ['air', 'dan', 'daya', 'jasa', 'komunikasi', 'listrik', 'penyediaan', 'sumber']
    """
    return frozenset(w.lower() for text in texts if text for w in _NAME_WORD.findall(text))


__all__ = ["load_base_vocabulary", "rejoin_split_words", "vocabulary_from_texts"]
