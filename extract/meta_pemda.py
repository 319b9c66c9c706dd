"""The pemda a document belongs to: ``Provinsi``, ``Kabupaten`` or ``Kota`` and a proper name.

A pemda is named by its head or government (``PEMERINTAH KOTA BOGOR``, ``GUBERNUR JAWA TENGAH``,
``BUPATI KATINGAN``) or by its kind and name alone (``… PROVINSI KALIMANTAN TIMUR``). The name is
one to four capitalised words; a lower-case word or a common word ends it, so the prose
``… provinsi dimana …`` names no pemda.

When the list of regions is found (``renja.extract.wilayah``) a name must be in it: the longest
run of the mention's words that is one region gives the pemda its listed name and its code. The
title page and running heads are read first, with mentions by a head before bare ones; the first
pages' other lines count only for a name the list confirms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from renja.extract.wilayah import KABUPATEN, KOTA, PROVINSI, Region, Regions

# Longest name after the kind, in words: four in the list ('Daerah Khusus Ibukota Jakarta',
# 'Kepulauan Siau Tagulandang Biaro'), one more for a word a document adds ('Kota Adm. …').
MAX_NAME_WORDS = 5

_HEADS = {"GUBERNUR": PROVINSI, "BUPATI": KABUPATEN, "WALIKOTA": KOTA, "PEMERINTAH": None}
_KINDS = {"PROVINSI": PROVINSI, "PROPINSI": PROVINSI, "PROV.": PROVINSI, "KABUPATEN": KABUPATEN,
          "KAB.": KABUPATEN, "KAB": KABUPATEN, "KOTA": KOTA}  # fmt: skip
# Joins two parts of one name ('Pangkajene dan Kepulauan'); confirmed by the list only.
_CONNECTORS = frozenset({"DAN"})
# Words that end a name: what follows a pemda in titles and sentences, never part of its name.
_STOP = frozenset({
    "YANG", "DI", "KE", "DARI", "DIMANA", "MANA", "UNTUK", "DALAM", "PADA", "DENGAN", "OLEH",
    "ATAU", "SERTA", "SEBAGAI", "SE", "INI", "ITU", "TERSEBUT", "ADALAH", "MERUPAKAN", "TELAH",
    "AKAN", "AGAR", "BAHWA", "KARENA", "SESUAI", "MELALUI", "SELAKU", "YAITU", "TAHUN",
    "ANGGARAN", "NOMOR", "TENTANG", "RENCANA", "KERJA", "PROGRAM", "KEGIATAN", "SUB", "URUSAN",
    "DINAS", "BADAN", "SEKRETARIAT", "SEKRETARIS", "INSPEKTORAT", "KANTOR", "SATUAN", "KECAMATAN",
    "KELURAHAN", "BIDANG", "BAGIAN", "UNIT", "ORGANISASI", "PERANGKAT", "DAERAH", "PEMERINTAH",
    "PEMERINTAHAN", "PROVINSI", "PROPINSI", "KABUPATEN", "KOTA", "GUBERNUR", "BUPATI", "WALIKOTA",
    "WALI", "PERATURAN", "LAMPIRAN", "TAHAP", "SETDA", "DPRD",
})  # fmt: skip
# Province names beginning with 'Daerah': the one place the word starts a name.
_DAERAH_NAME = frozenset({"KHUSUS", "ISTIMEWA"})
_TOKEN = re.compile(r"[^\W\d_][^\s,;:()\[\]/]*|\S")


@dataclass(frozen=True, slots=True)
class PemdaMention:
    """A kind (None when only 'Pemerintah' says it) and the words that may be its name."""

    kind: str | None
    words: tuple[str, ...]  # as printed, up to MAX_NAME_WORDS, connectors included
    headed: bool  # named by its head or government, not by its kind alone

    def name(self) -> tuple[str, ...]:
        """The name without the list's help: the words before a connector.

        >>> PemdaMention(KABUPATEN, ("PANGKAJENE", "DAN", "KEPULAUAN"), False).name()
        ('PANGKAJENE',)
        """
        words: list[str] = []
        for word in self.words:
            if word.upper() in _CONNECTORS:
                break
            words.append(word)
        return tuple(words)


def _name_words(tokens: Sequence[str], mixed_case: bool) -> tuple[str, ...]:
    """The words after a kind that may be a name: capitalised (in a mixed-case line), not a
    common word, connectors only between two name words."""
    words: list[str] = []
    for index, token in enumerate(tokens[:MAX_NAME_WORDS]):
        upper = token.upper().rstrip(".")
        if not token[0].isalpha():
            break
        if upper in _CONNECTORS and words:
            words.append(token)
            continue
        token = token.rstrip(".") or token  # 'KATINGAN.' ends a sentence; 'Kep.' is still read
        daerah = upper == "DAERAH" and not words and index + 1 < len(tokens)
        if daerah and tokens[index + 1].upper() in _DAERAH_NAME:
            words.append(token)
            continue
        if upper in _STOP or (mixed_case and not token[0].isupper()):
            break
        words.append(token)
    while words and words[-1].upper() in _CONNECTORS:
        words.pop()
    return tuple(words)


def pemda_mentions(text: str) -> list[PemdaMention]:
    """Every pemda a line names, in order: after a head (``PEMERINTAH``, ``GUBERNUR``,
    ``BUPATI``, ``WALI KOTA``) and after a kind (``PROVINSI``, ``KABUPATEN``, ``KAB.``, ``KOTA``).

    >>> pemda_mentions("PEMERINTAH KOTA BOGOR TAHUN ANGGARAN 2022")
    [PemdaMention(kind='kota', words=('BOGOR',), headed=True)]
    >>> pemda_mentions("GUBERNUR DAERAH KHUSUS IBUKOTA JAKARTA,")[0].words
    ('DAERAH', 'KHUSUS', 'IBUKOTA', 'JAKARTA')
    >>> pemda_mentions("kewenangan pemerintah provinsi dimana kabupaten/kota")
    []
    >>> [m.words for m in pemda_mentions("Dinas Tata Kota dan Pertamanan Kota Banjar Baru")]
    [('Banjar', 'Baru')]
    """
    tokens = _TOKEN.findall(text)
    mixed_case = not text.isupper()
    out: list[PemdaMention] = []
    index = 0
    while index < len(tokens):
        upper = tokens[index].upper()
        kind, headed, start = None, False, index + 1
        if upper == "WALI" and start < len(tokens) and tokens[start].upper() == "KOTA":
            kind, headed, start = KOTA, True, start + 1
        elif upper in _HEADS:
            kind, headed = _HEADS[upper], True
            if start + 1 < len(tokens) and tokens[start].upper() == "DAERAH":
                start += tokens[start + 1].upper() in _KINDS  # 'PEMERINTAH DAERAH KOTA …'
            if start < len(tokens) and tokens[start].upper() in _KINDS:
                kind, start = _KINDS[tokens[start].upper()], start + 1
        elif upper in _KINDS:
            kind = _KINDS[upper]
        else:
            index += 1
            continue
        words = _name_words(tokens[start:], mixed_case)
        if words:
            if kind is None and words[0].upper() == "DAERAH":
                kind = PROVINSI  # 'Pemerintah Daerah Istimewa Yogyakarta'
            out.append(PemdaMention(kind, words, headed))
        index = start + max(len(words), 0)
    return out


@dataclass(frozen=True, slots=True)
class Pemda:
    """The pemda read, and the region of the list it is (None when not looked up or not
    found)."""

    name: str
    jenis_pemda: str  # 'prov' | 'kabkota'
    region: Region | None = None


def confirmed(mention: PemdaMention, regions: Regions) -> Region | None:
    """The one region the longest run of the mention's words names, or None.

    A run that names two regions (``Pemerintah Bogor``: the kabupaten or the kota?) names none.
    """
    for size in range(len(mention.words), 0, -1):
        words = mention.words[:size]
        if words[-1].upper() in _CONNECTORS:
            continue
        lookup = regions.find(mention.kind, " ".join(words))
        if lookup.ambiguous:
            return None
        if lookup.region is not None:
            return lookup.region
    return None


def unconfirmed(mention: PemdaMention) -> Pemda | None:
    """The pemda a mention names as printed, when its kind is known."""
    if mention.kind is None or not mention.name():
        return None
    name = f"{mention.kind.title()} {' '.join(mention.name()).title()}"
    return Pemda(name, "prov" if mention.kind == PROVINSI else "kabkota")


def read_pemda(
    strong: Sequence[str], weak: Sequence[str], regions: Regions | None = None
) -> Pemda | None:
    """The pemda of a document from its title page and running heads (``strong``) and its
    first pages' other lines (``weak``).

    With the list, the first confirmed mention wins (title page and running heads first, a
    head's mention before a bare one); a title page naming no listed pemda gives its first
    mention, unconfirmed (no region). Without the list, the first mention with a kind.
    """
    ordered = [
        *(m for t in strong for m in pemda_mentions(t) if m.headed),
        *(m for t in strong for m in pemda_mentions(t) if not m.headed),
    ]
    later = [m for t in weak for m in pemda_mentions(t)]
    if regions is None:
        return next(filter(None, map(unconfirmed, (*ordered, *later))), None)
    for mention in (*ordered, *later):
        region = confirmed(mention, regions)
        if region is not None:
            return Pemda(region.pemda, region.jenis_pemda, region)
    return next(filter(None, map(unconfirmed, ordered)), None)
