"""A document's type (``jenis``), title and year, from the phrase that names it.

Each type has its full name and its acronym (``RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH``,
``RPJMD``). The phrase that comes first in the text decides, the longer one where two start at
the same word (``RENCANA KERJA PEMERINTAH DAERAH`` is an RKPD, ``RENCANA KERJA`` alone a Renja),
and ``PERUBAHAN`` just before or after it makes the revision (``Renja Perubahan``).

The places are tried in order of trust (``read_title``): the title page, the running heads, then
a sentence in which the document calls itself "… ini" (this Renja). A bare ``RINCIAN BELANJA``
(an RKA or a DPA printout) counts only where nothing names the type. Mentions elsewhere are other
documents: an RPJMD quotes the RKPD on every page, a Renja lists the RKPD among its sources.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# Every type a document can be; each may also be its revision, 'X Perubahan'.
JENIS = ("Renja", "RKPD", "RPJMD", "RPJPD", "Renstra", "RKA", "DPA", "APBD", "KUA-PPAS")
PERUBAHAN = "Perubahan"
# Plan-wide documents: the pemda's, not one agency's, so they name no SKPD.
PEMDA_WIDE = frozenset({"RKPD", "RPJMD", "RPJPD", "APBD", "KUA-PPAS"})

_S = r"\s+"
# Aceh's plans say 'Aceh' where others say 'Daerah' (RKPA, RPJMA, APBA: UU 11/2006).
_DAERAH = r"(?:DAERAH|ACEH)"
_TYPE_PHRASES: tuple[tuple[str, str], ...] = (
    ("RPJPD", rf"RENCANA{_S}PEMBANGUNAN{_S}JANGKA{_S}PANJANG{_S}{_DAERAH}|RPJPD|RPJPA"),
    ("RPJMD", rf"RENCANA{_S}PEMBANGUNAN{_S}JANGKA{_S}MENENGAH{_S}{_DAERAH}|RPJMD|RPJMA"),
    ("Renstra", rf"RENCANA{_S}STRATEGIS|RENSTRA"),
    (
        "KUA-PPAS",
        rf"KEBIJAKAN{_S}UMUM{_S}(?:PERUBAHAN{_S})?(?:ANGGARAN|APBD)|KUPA|KUA|PPAS"
        rf"|PRIORITAS{_S}(?:DAN{_S})?PLAFON{_S}ANGGARAN",
    ),
    ("APBD", rf"ANGGARAN{_S}PENDAPATAN{_S}DAN{_S}BELANJA{_S}{_DAERAH}|APBD|APBA"),
    ("RKPD", rf"RENCANA{_S}KERJA{_S}PEMERINTAH(?:AN)?{_S}{_DAERAH}|RKPD|RKPA"),
    ("RKA", rf"RENCANA{_S}KERJA{_S}DAN{_S}(?:PERUBAHAN{_S})?ANGGARAN|RKA"),
    ("DPA", rf"DOKUMEN{_S}PELAKSANAAN{_S}(?:PERUBAHAN{_S})?ANGGARAN|DPPA|DPA"),
    # 'RENCANA KERJA DAN PENDANAAN' is a chapter of every Renja and RKPD, not a document
    ("Renja", rf"RENCANA{_S}KERJA(?!{_S}DAN{_S}PENDANAAN)|RENJA"),
)
TYPE_PHRASES = tuple(
    (jenis, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)) for jenis, pattern in _TYPE_PHRASES
)
# A SIPD printout headed only 'Rincian Belanja Sub Kegiatan': an RKA unless it says DPA.
WEAK_PHRASES = ((("RKA", re.compile(rf"\bRINCIAN{_S}BELANJA\b", re.IGNORECASE))),)
# Acronyms that are the revision themselves.
_REVISION_ACRONYMS = frozenset({"DPPA", "KUPA"})
_REVISION_BEFORE = re.compile(rf"PERUBAHAN{_S}(?:ATAS{_S})?$", re.IGNORECASE)
_REVISION_AFTER = re.compile(
    r"^\s*(?:\((?P<paren>[^()]{1,30})\)\s*)?(?P<tail>PERUBAHAN\b|[-–]\s*P\b)?", re.IGNORECASE
)
_REVISION_WORD = re.compile(r"PERUBAHAN\b|[-–]\s*P\b", re.IGNORECASE)

# Plan years: documents of the Permendagri 90 era and the decade before it.
_YEAR = r"20[1-4]\d"
# How far after its name a title gives its year: the name of the SKPD and the pemda may stand
# between ('RENCANA KERJA (RENJA) SATUAN POLISI … KABUPATEN KATINGAN TAHUN 2025').
YEAR_WINDOW = 160
# Longest title kept: a title page read as one text may run on into its address lines.
MAX_TITLE_CHARS = 200
# A regulation's own number and year ('NOMOR 5 TAHUN 2023') are not the plan year.
_REGULATION_NUMBER = re.compile(rf"\bNOMOR\s+[\w./-]+\s+TAHUN\s+{_YEAR}\b", re.IGNORECASE)
# (a period's second year is part of the title: 'TAHUN 2021-2026')
_PLAN_YEAR = re.compile(
    rf"(?:\bTAHUN\s+(?:ANGGARAN\s+)?(?:PERUBAHAN\s+)?({_YEAR})\b|(?<![\d.,/-])\b({_YEAR})\b)"
    rf"(?:\s*(?:[-–—]|s\.?d\.?|sampai(?:\s+dengan)?)\s*{_YEAR}\b)?",
    re.IGNORECASE,
)
_TAHUN_YEAR = re.compile(rf"\bTAHUN\s+(?:ANGGARAN\s+)?(?:PERUBAHAN\s+)?({_YEAR})\b", re.IGNORECASE)
# How many words may stand between a type and 'ini' when a sentence names its own document
# ('Rencana Kerja Tahun 2025 ini', 'Renja Dinas … Provinsi Sumatera Utara ini').
SELF_REFERENCE_WORDS = 12
_SELF_REFERENCE = re.compile(rf"^(?:\s+[^\s.;:]+){{0,{SELF_REFERENCE_WORDS}}}?\s+ini\b", re.I)


@dataclass(frozen=True, slots=True)
class TypeMention:
    """A phrase naming a document type, in a text made of lines joined by spaces."""

    jenis: str  # with ' Perubahan' for a revision
    start: int
    end: int
    strong: bool = True


@dataclass(frozen=True, slots=True)
class Title:
    """What the title names: type, title text, plan year (each None when unknown)."""

    jenis: str | None = None
    title: str | None = None
    tahun: int | None = None


def is_revision(text: str, start: int, end: int) -> bool:
    """Whether ``PERUBAHAN`` qualifies the type named at ``text[start:end]``.

    >>> t = "RENCANA KERJA (RENJA) PERUBAHAN TAHUN 2024"
    >>> is_revision(t, 0, 13), is_revision("PERUBAHAN APBD 2023", 10, 14)
    (True, True)
    >>> is_revision("RKPD-P 2023", 0, 4), is_revision("RENJA 2025 PERUBAHAN", 0, 5)
    (True, False)
    """
    named = text[start:end]
    if "PERUBAHAN" in named.upper() or named.upper() in _REVISION_ACRONYMS:
        return True
    if _REVISION_BEFORE.search(text[:start]):
        return True
    after = _REVISION_AFTER.match(text[end:])
    if after is None:
        return False
    paren = after.group("paren") or ""
    return bool(after.group("tail") or _REVISION_WORD.search(paren))


def type_mentions(text: str, weak: bool = False) -> list[TypeMention]:
    """Every phrase naming a type, first first; where two start together, the longer.

    >>> [m.jenis for m in type_mentions("RPJMD 2021-2026 dijabarkan dalam RKPD dan Renja")]
    ['RPJMD', 'RKPD', 'Renja']
    >>> [m.jenis for m in type_mentions("RENCANA KERJA PEMERINTAH DAERAH TAHUN 2025")]
    ['RKPD']
    >>> [m.jenis for m in type_mentions("TENTANG PERUBAHAN APBD TAHUN ANGGARAN 2023")]
    ['APBD Perubahan']
    """
    phrases = WEAK_PHRASES if weak else TYPE_PHRASES
    found = [(m.start(), -m.end(), jenis, m) for jenis, rx in phrases for m in rx.finditer(text)]
    out: list[TypeMention] = []
    covered = -1
    for start, _, jenis, match in sorted(found, key=lambda f: (f[0], f[1])):
        if start < covered:
            continue
        revision = is_revision(text, match.start(), match.end())
        name = f"{jenis} {PERUBAHAN}" if revision else jenis
        out.append(TypeMention(name, match.start(), match.end(), strong=not weak))
        covered = match.end()
    return out


def year_after(text: str, end: int) -> re.Match[str] | None:
    """The plan year a title gives after its name: ``TAHUN 2025``, ``TAHUN ANGGARAN 2023``, a
    bare ``2024``, the first of ``2021-2026``; a regulation's ``NOMOR 5 TAHUN 2023`` is skipped.

    >>> t = "PERATURAN DAERAH NOMOR 5 TAHUN 2023 TENTANG APBD TAHUN ANGGARAN 2024"
    >>> year_after(t, t.index("APBD") + 4).group(1)
    '2024'
    >>> year_after("RENJA PERUBAHAN 2024", 5).group(2)
    '2024'
    """
    window = _REGULATION_NUMBER.sub(lambda m: " " * len(m.group()), text[: end + YEAR_WINDOW])
    return _PLAN_YEAR.search(window, end)


def _year(match: re.Match[str] | None) -> int | None:
    """The year of a ``_PLAN_YEAR`` or ``_TAHUN_YEAR`` match."""
    return int(next(g for g in match.groups() if g)) if match else None


@dataclass(frozen=True, slots=True)
class Joined:
    """Lines joined by single spaces, with where each line starts."""

    text: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, lines: Sequence[str]) -> Joined:
        starts, at = [], 0
        for line in lines:
            starts.append(at)
            at += len(line) + 1
        return cls(" ".join(lines), tuple(starts))

    def line_start(self, offset: int) -> int:
        return max((s for s in self.starts if s <= offset), default=0)

    def line_end(self, offset: int) -> int:
        return min((s - 1 for s in self.starts if s > offset), default=len(self.text))


def title_at(joined: Joined, mention: TypeMention) -> Title:
    """The title a mention opens: from the start of its line to its year (when the year
    follows within ``YEAR_WINDOW``), else to the end of the line where the phrase ends. A
    year of the revision (``TAHUN ANGGARAN PERUBAHAN 2024``) makes the type the revision.

    >>> t = Joined.of(["RENCANA KERJA DINAS SOSIAL", "TAHUN ANGGARAN PERUBAHAN 2024", "JL. A"])
    >>> title_at(t, type_mentions(t.text)[0])
    Title(jenis='Renja Perubahan', title='RENCANA KERJA DINAS SOSIAL TAHUN ANGGARAN PERUBAHAN
    2024', tahun=2024)
    """
    year = year_after(joined.text, mention.end)
    end = year.end() if year else joined.line_end(mention.end - 1)
    title = " ".join(joined.text[joined.line_start(mention.start) : end].split())
    if len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0]
    jenis = mention.jenis
    if year and "PERUBAHAN" in year.group().upper() and not jenis.endswith(PERUBAHAN):
        jenis = f"{jenis} {PERUBAHAN}"
    return Title(jenis, title or None, _year(year))


def self_reference(text: str) -> TypeMention | None:
    """The type a text most often calls "… ini" (this document); the first on a tie.

    >>> self_reference("sesuai RKPD. Rencana Kerja Tahun 2025 ini disusun; Renja ini").jenis
    'Renja'
    >>> self_reference("RPJMD dijabarkan ke dalam RKPD.") is None
    True
    """
    own = [m for m in type_mentions(text) if _SELF_REFERENCE.match(text[m.end :])]
    if not own:
        return None
    counts = Counter(m.jenis for m in own)
    return max(own, key=lambda m: counts[m.jenis] - m.start / (len(text) + 1))


def read_title(cover: Sequence[str], running: Sequence[str], prose: Sequence[str]) -> Title:
    """The type, title and year of a document from its title page (``cover``), its running
    heads and its first sentences (``prose``), each given as lines.

    >>> read_title(["RENCANA KERJA", "PEMERINTAH DAERAH", "TAHUN 2025"], [], [])
    Title(jenis='RKPD', title='RENCANA KERJA PEMERINTAH DAERAH TAHUN 2025', tahun=2025)
    >>> read_title(["RINCIAN BELANJA SUB KEGIATAN", "Pemerintah Kota Bogor Tahun Anggaran 2022"],
    ...            ["Sistem Informasi Pemerintahan Daerah - Cetak RKA"], [])
    Title(jenis='RKA', title='RINCIAN BELANJA SUB KEGIATAN Pemerintah Kota Bogor Tahun Anggaran
    2022', tahun=2022)
    >>> read_title([], ["RENCANA KERJA", "PEMERINTAH DAERAH 2025", "Halaman"], []).jenis
    'RKPD'
    >>> read_title([], [], ["Renstra merupakan acuan.", "Renja 2025 ini disusun setiap tahun."])
    Title(jenis='Renja', title=None, tahun=2025)
    """
    page, heads = Joined.of(cover), Joined.of(running)
    # the title page's own wording is the title, even where it names no type ('RINCIAN BELANJA')
    on_page = _first([page]) or _first([page], weak=True)
    title = title_at(*on_page) if on_page else None
    strong = _first([page, heads])
    weak = _first([page, heads], weak=True)
    own = None if strong else _own_mention(prose)
    jenis, year = own or (None, None)
    chosen = strong or (None if own else weak)  # a bare 'RINCIAN BELANJA' counts last
    if chosen is not None:
        found = title_at(*chosen)
        jenis, year, title = found.jenis, found.tahun, title or found
    if title and title.tahun:
        year = title.tahun
    if year is None:
        year = _year(_TAHUN_YEAR.search(" ".join([*cover, *running])))
    return Title(jenis, title.title if title else None, year)


def _first(places: Sequence[Joined], weak: bool = False) -> tuple[Joined, TypeMention] | None:
    """The first place naming a type, with its first mention."""
    return next(((p, found[0]) for p in places if (found := type_mentions(p.text, weak))), None)


def _own_mention(prose: Sequence[str]) -> tuple[str, int | None] | None:
    """The type the first sentences call "… ini", with a year said between the two."""
    text = " ".join(prose)
    own = self_reference(text)
    if own is None:
        return None
    span = _SELF_REFERENCE.match(text[own.end :])
    year = _PLAN_YEAR.search(span.group()) if span else None
    return own.jenis, _year(year)
