"""Abbreviations and variant spellings: a small curated list kept as data, and the acronyms the
nomenclature spells out itself.

Both feed ``renja.normalize.names.Normalizer``, which maps every form to one token on both sides
of a match, so ``Penderita DM`` and ``Penderita Diabetes Melitus`` compare equal.

- ``data/singkatan.csv``: ``jenis`` (``singkatan``, ``sinonim``, ``ejaan_lama``), ``bentuk`` (the
  form as written, lower case, punctuation as spaces), ``baku`` (the token it becomes) and a
  free ``keterangan``. DM, ODGJ, PUG, KLA, Perda, Perkada, ASN/PNS, OPD/SKPD/PD, old spellings.
- Learned: a name, kinerja or indikator that writes ``Unit Sekolah Baru (USB)``, ``Peraturan
  Daerah (Perda)`` or ``SPAM (Sistem Penyediaan Air Minum)`` teaches ``unit sekolah baru`` → usb.
  The acronym's letters must spell out the words next to it (``acronym_spells``), so ``(Satu)``
  after a name teaches nothing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

CURATED_FILE = "data/singkatan.csv"
CURATED_COLUMNS = ("jenis", "bentuk", "baku", "keterangan")
KINDS = ("singkatan", "sinonim", "ejaan_lama")

# Small words a phrase may hold without the acronym naming them (Orang *dengan* Gangguan Jiwa,
# ODGJ; Teknologi Informasi *dan* Komunikasi, TIK).
LINKING_WORDS = frozenset(
    ["dan", "atau", "yang", "pada", "di", "ke", "dari", "untuk", "bagi", "serta", "dengan",
     "dalam", "oleh", "terhadap", "sebagai", "tau"]
)  # fmt: skip
# Letters one word may give an acronym: PERda (peraturan), PERKAda, PUg (pengarusutamaan).
MAX_LETTERS_PER_WORD = 4
# Fewest words an acronym may stand for: one word shortened is a clipping, not learned.
MIN_ACRONYM_WORDS = 2

_PARENS = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[0-9a-z]+")
_ACRONYM = re.compile(r"^[A-Za-z][A-Za-z-]{1,11}$")


@dataclass(frozen=True, slots=True)
class Variant:
    """One row of the curated list: ``bentuk`` is read as ``baku``."""

    jenis: str
    bentuk: str
    baku: str


@lru_cache(maxsize=1)
def curated_variants() -> tuple[Variant, ...]:
    """The curated list in ``data/singkatan.csv``.

    >>> {v.bentuk: v.baku for v in curated_variants()}["orang dengan gangguan jiwa"]
    'odgj'
    """
    text = files("renja.normalize").joinpath(CURATED_FILE).read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    variants = []
    for row in rows:
        if row["jenis"] not in KINDS or not row["bentuk"] or not row["baku"]:
            raise ValueError(f"{CURATED_FILE}: bad row {row}")
        variants.append(Variant(row["jenis"], plain_words(row["bentuk"]), row["baku"].strip()))
    return tuple(variants)


def plain_words(text: str) -> str:
    """Lower case, words of letters and digits separated by one space.

    >>> plain_words("Kabupaten/Kota  Layak-Anak")
    'kabupaten kota layak anak'
    """
    return " ".join(_WORD.findall(text.lower()))


def acronym_spells(acronym: str, words: list[str]) -> bool:
    """Whether an acronym's letters spell out these words, in order: each word gives its first
    letter and up to ``MAX_LETTERS_PER_WORD`` of its later letters; a linking word may give
    none. The first and last word must give letters.

    >>> acronym_spells("perda", ["peraturan", "daerah"])
    True
    >>> acronym_spells("odgj", ["orang", "dengan", "gangguan", "jiwa"])
    True
    >>> acronym_spells("tik", ["teknologi", "informasi", "dan", "komunikasi"])
    True
    >>> acronym_spells("pug", ["pengarusutamaan", "gender"])
    True
    >>> acronym_spells("satu", ["pembinaan", "kali"])
    False
    """

    def spell(letters: str, index: int) -> bool:
        if index == len(words):
            return not letters
        word = words[index]
        last = index == len(words) - 1
        if word in LINKING_WORDS and not last and index > 0 and spell(letters, index + 1):
            return True
        if not letters or letters[0] != word[0]:
            return False
        # The word gives its initial, then any later letters in order (a subsequence).
        taken, position = 1, 1
        if spell(letters[1:], index + 1):
            return True
        for letter in letters[1:MAX_LETTERS_PER_WORD]:
            found = word.find(letter, position)
            if found < 0:
                return False
            taken, position = taken + 1, found + 1
            if spell(letters[taken:], index + 1):
                return True
        return False

    return bool(words) and spell(acronym, 0)


def _spelled_phrase(acronym: str, before: list[str]) -> list[str] | None:
    """The shortest run of words ending ``before`` that the acronym spells out."""
    for count in range(MIN_ACRONYM_WORDS, len(before) + 1):
        run = before[-count:]
        if run[0] in LINKING_WORDS:
            continue
        if count > len(acronym) + len(LINKING_WORDS & set(run)):
            return None
        if acronym_spells(acronym, run):
            return run
    return None


def learn_acronyms(texts: Iterable[str]) -> dict[str, str]:
    """Acronyms that texts spell out: ``phrase`` → acronym, both lower case.

    >>> learn_acronyms(["Pembangunan Unit Sekolah Baru (USB)", "Pembinaan (Satu) Kali"])
    {'unit sekolah baru': 'usb'}
    >>> learn_acronyms(["Pengelolaan SPAM (Sistem Penyediaan Air Minum) Regional"])
    {'sistem penyediaan air minum': 'spam'}
    >>> learn_acronyms(["Jumlah Peraturan Daerah (Perda)",
    ...                 "Pelembagaan Pengarusutamaan Gender (PUG)"])
    {'peraturan daerah': 'perda', 'pengarusutamaan gender': 'pug'}
    """
    found: dict[str, str] = {}
    for text in texts:
        if "(" not in text:
            continue
        for match in _PARENS.finditer(text):
            inside = match.group(1).strip()
            before_text = text[: match.start()].split()
            if _ACRONYM.match(inside) and any(c.isupper() for c in inside):
                acronym = inside.lower().replace("-", "")
                run = _spelled_phrase(acronym, _WORD.findall(" ".join(before_text).lower()))
            elif before_text and _ACRONYM.match(before_text[-1]):
                acronym = before_text[-1].lower().replace("-", "")
                words = _WORD.findall(inside.lower())
                spelled = len(words) >= MIN_ACRONYM_WORDS and acronym_spells(acronym, words)
                run = words if spelled and any(c.isupper() for c in before_text[-1]) else None
            else:
                continue
            if run:
                found.setdefault(" ".join(run), acronym)
    return found
