"""Rejoin the words of a title that a PDF split (``RENCANA KE RJA``, ``R E N J A``).

Title pages are set in wide, letter-spaced type, and text extraction often cuts their words.
A title line is repaired with evidence only: a join must make a word of a vocabulary (the
title words in ``data/kata_judul.txt``, plus the words of region names when the list of
regions is found), and a run of single letters is cut into words only when exactly one
shortest cut into known words exists. Otherwise the line is left as printed.

This is the small part of ``renja.normalize.words`` that titles need, kept here because
``extract`` sits below ``normalize`` and cannot import it.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

VOCABULARY_FILE = "data/kata_judul.txt"

# Most fragments one word is split into ('RENCA NA', 'P EMAD AM').
MAX_FRAGMENTS = 3
# Shortest word a join may make: 'k e' -> 'ke' would only ever be a false repair.
MIN_JOINED_LETTERS = 3
# Fewest single letters that make a letter-spaced run ('R E N J A'); two ('I I') are too often
# numerals or initials.
MIN_SPACED_LETTERS = 3
# Shortest word a letter-spaced run is cut into: one- and two-letter words would let almost any
# run be cut somehow.
MIN_CUT_WORD = 3

_SPACED = re.compile(rf"(?<!\S)[^\W\d_](?: [^\W\d_]){{{MIN_SPACED_LETTERS - 1},}}(?!\S)")
_TOKEN = re.compile(r"\S+")
_EDGE = "\"'()[]{}<>,.;:!?"


@cache
def title_vocabulary() -> frozenset[str]:
    """The words of ``data/kata_judul.txt``: one lower-case word a line, ``#`` comments.

    >>> {"rencana", "kerja", "ke"} <= title_vocabulary(), "rja" in title_vocabulary()
    (True, False)
    """
    raw = files("renja.extract").joinpath(VOCABULARY_FILE).read_text(encoding="utf-8")
    words = (line.split("#", 1)[0].strip().lower() for line in raw.splitlines())
    return frozenset(w for w in words if w)


def cut_into_words(letters: str, vocabulary: frozenset[str]) -> list[str] | None:
    """The one shortest cut of ``letters`` into known words, or None (no cut, or two).

    >>> cut_into_words("RENCANAKERJA", frozenset({"rencana", "kerja"}))
    ['RENCANA', 'KERJA']
    >>> cut_into_words("ABCD", frozenset({"ab", "abc"})) is None
    True
    >>> cut_into_words("ABCDEF", frozenset({"abc", "def", "abcdef"}))
    ['ABCDEF']
    """
    return _cut(letters, vocabulary)


def _cut(letters: str, vocabulary: frozenset[str]) -> list[str] | None:
    lower = letters.lower()
    longest = max((len(w) for w in vocabulary), default=0)

    @cache
    def best(start: int) -> tuple[int, int, int]:
        """(fewest words, number of such cuts, end of the first word) from ``start``."""
        if start == len(lower):
            return 0, 1, start
        found: tuple[int, int, int] = (1 << 30, 0, start)
        for end in range(start + MIN_CUT_WORD, min(len(lower), start + longest) + 1):
            if lower[start:end] not in vocabulary:
                continue
            words, ways, _ = best(end)
            if ways and words + 1 < found[0]:
                found = (words + 1, ways, end)
            elif ways and words + 1 == found[0]:
                found = (found[0], found[1] + ways, found[2])
        return found

    if best(0)[1] != 1:
        return None
    out, start = [], 0
    while start < len(lower):
        end = best(start)[2]
        out.append(letters[start:end])
        start = end
    return out


def rejoin_spaced_letters(text: str, vocabulary: frozenset[str]) -> str:
    """Letter-spaced runs read as words, when they cut into known words in one way.

    >>> vocab = frozenset({"rencana", "kerja", "renja"})
    >>> rejoin_spaced_letters("R E N C A N A K E R J A 2025", vocab)
    'RENCANA KERJA 2025'
    >>> rejoin_spaced_letters("R E N J A  X Y Z", vocab)
    'RENJA  X Y Z'
    """

    def joined(match: re.Match[str]) -> str:
        words = cut_into_words(match.group().replace(" ", ""), vocabulary)
        return " ".join(words) if words else match.group()

    return _SPACED.sub(joined, text)


def _join_at(tokens: list[str], start: int, vocabulary: frozenset[str]) -> tuple[int, str] | None:
    """The longest join of 2-3 fragments at ``start`` into a known word: (count, text)."""
    for count in range(MAX_FRAGMENTS, 1, -1):
        pieces = tokens[start : start + count]
        if len(pieces) < count:
            continue
        cores = [pieces[0].lstrip(_EDGE), *pieces[1:-1], pieces[-1].rstrip(_EDGE)]
        if not all(c.isalpha() for c in cores):
            continue
        word = "".join(cores).lower()
        if len(word) < MIN_JOINED_LETTERS or word not in vocabulary:
            continue
        if any(c.lower() not in vocabulary for c in cores):
            return count, "".join(pieces)
    return None


def rejoin_split_title_words(text: str, vocabulary: frozenset[str]) -> str:
    """Words cut into 2-3 fragments joined again, when the join is a known word and a fragment
    is not. Two known words stay apart. Spacing between the other words is kept.

    >>> vocab = frozenset({"rencana", "kerja", "ke", "dan", "pemadam", "kebakaran"})
    >>> rejoin_split_title_words("RENCANA KE RJA (RENJA)", vocab)
    'RENCANA KERJA (RENJA)'
    >>> rejoin_split_title_words("RENCA NA KERJA", vocab)
    'RENCANA KERJA'
    >>> rejoin_split_title_words("DAN P EMAD AM KEBAKARAN", vocab)
    'DAN PEMADAM KEBAKARAN'
    >>> rejoin_split_title_words("KE DAN", vocab)
    'KE DAN'
    """
    matches = list(_TOKEN.finditer(text))
    tokens = [m.group() for m in matches]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        joined = _join_at(tokens, i, vocabulary)
        count, word = joined if joined else (1, tokens[i])
        if out:
            out.append(text[matches[i - 1].end() : matches[i].start()])
        out.append(word)
        i += count
    if not matches:
        return text
    return text[: matches[0].start()] + "".join(out) + text[matches[-1].end() :]


def rejoin_title_words(text: str, vocabulary: frozenset[str]) -> str:
    """A title line with its letter-spaced runs and split words joined (see above).

    >>> rejoin_title_words("R E N C A N A  K E R J A  PERANGKAT DAE RAH", title_vocabulary())
    'RENCANA  KERJA  PERANGKAT DAERAH'
    """
    return rejoin_split_title_words(rejoin_spaced_letters(text, vocabulary), vocabulary)
