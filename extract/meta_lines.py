"""Which lines of a document's first pages can name it: the title page, not the contents list,
list items, section headings or prose.

A document names itself on its title page (the lines before ``KATA PENGANTAR``, ``DAFTAR ISI``,
``BAB I`` or a regulation's ``Menimbang``) and in its running heads. Everything else quotes
other documents: a contents line (``2.4 Review terhadap RKPD ...... 44``), a list item
(``a. RKPD; dan``), a chapter heading (``BAB V RENCANA KERJA DAN PENDANAAN``) or a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A title page holds a few dozen lines at most; past these, a document without a contents
# list or a foreword has no title page to read (its first table or chapter has begun).
COVER_LINES = 40
# A title line is short: a longer one is a paragraph (Markdown keeps a paragraph on one line).
MAX_TITLE_LINE = 120
# Share of a title line's words that start with a capital: titles are in capitals or Title
# Case, sentences mostly in lower case ('penyusunan Rencana Kerja (RENJA) Satuan Polisi').
MIN_CAPITALISED_SHARE = 0.5
# Lines in a row without a page number that end a contents list: a chapter heading such as
# 'BAB II GAMBAR UMUM' may stand between numbered entries, three such lines are the text again.
TOC_END_RUN = 3

# Dot leaders to a page number: '2.4 Review terhadap RKPD ........ 44', 'Penulisan.. I-15'.
_LEADERS = re.compile(r"\.{4,}|…{2,}|\.{2,}\s*[\divxlIVXL]+(?:-\d+)?\s*$")
# A page number ending a contents entry: '44', 'iii', 'II-92', '1-9'.
_PAGE = re.compile(r"\s(?:\d{1,3}|[ivxl]{1,6}|[IVXL]{1,6}-\d{1,3}|\d{1,2}-\d{1,3})\s*$")
_TOC_HEAD = re.compile(
    r"^\s*DAFTAR\s+(?:ISI|TABEL|GAMBAR|GRAFIK|LAMPIRAN|SINGKATAN|BAGAN)\b", re.IGNORECASE
)
# 'a. RKPD; dan', '2. Renja Perangkat Daerah;', '(1) Rencana Kerja …', '- …', '• …'
_LIST_MARK = re.compile(r"^\s*(?:[a-z][.)]|\(?\d{1,2}[.)]|\([a-zA-Z0-9]{1,3}\)|[-–•*·▪►✓])(?:\s|$)")
_LIST_END = re.compile(r"(?:;|[;,]\s*(?:dan|atau))\s*$", re.IGNORECASE)
# A numbered heading ('2.1 Evaluasi …', 'BAB II', 'Tabel 2.1', 'Gambar 3') names a part.
_SECTION = re.compile(
    r"^\s*(?:\d{1,2}(?:\.\d+)*\.?\s|BAB\s*[IVXL\d]+\b|tabel\b|gambar\b|grafik\b)", re.IGNORECASE
)
# Where the title page ends: the foreword, the contents, the first chapter, a preamble.
_FRONT_MATTER = re.compile(
    r"^\s*(?:KATA\s+PENGANTAR|DAFTAR\s+(?:ISI|TABEL|GAMBAR|GRAFIK|LAMPIRAN|SINGKATAN)|"
    r"BAB\s+(?:[IVX]+|\d+)\b|PENDAHULUAN\b|MENIMBANG\b|MENGINGAT\b|SAMBUTAN\b|"
    r"RINGKASAN\s+EKSEKUTIF)",
    re.IGNORECASE,
)
# Words a title writes in lower case even in Title Case.
_SMALL_WORDS = frozenset({"dan", "di", "ke", "yang", "atau", "untuk", "dari", "pada", "serta",
                          "tentang", "atas", "dalam", "dengan", "the", "of", "and"})  # fmt: skip
_WORD = re.compile(r"[^\W\d_]{3,}")
_YEAR_ONLY = re.compile(r"\b20\d\d\b")


def is_leader_line(text: str) -> bool:
    """A contents entry by its dot leaders.

    >>> is_leader_line("2.4 Review terhadap RKPD ........ 44"), is_leader_line("RKPD 2025")
    (True, False)
    >>> is_leader_line("1.5 Sistematika Penulisan.. I-15")
    True
    """
    return bool(_LEADERS.search(text))


def toc_flags(lines: Sequence[str]) -> list[bool]:
    """Which lines belong to a contents list: dot leaders anywhere, and in a ``DAFTAR ISI``
    (``TABEL``, ``GAMBAR`` …) block every line up to the last one ending in a page number.

    >>> toc_flags(["DAFTAR ISI", "BAB I PENDAHULUAN 1", "BAB II GAMBARAN UMUM",
    ...            "2.1 Kondisi II-2", "BAB I", "PENDAHULUAN", "Pembangunan daerah …"])
    [True, True, True, True, False, False, False]
    """
    flags = [is_leader_line(t) for t in lines]
    in_block = False
    pending: list[int] = []  # lines without a page number since the last entry
    for index, text in enumerate(lines):
        if _TOC_HEAD.match(text):
            in_block, pending = True, []
            flags[index] = True
        elif in_block and (flags[index] or _PAGE.search(text)):
            for waiting in (*pending, index):
                flags[waiting] = True
            pending = []
        elif in_block:
            pending.append(index)
            in_block = len(pending) < TOC_END_RUN
    return flags


def is_list_item(text: str) -> bool:
    """A list item: a marker (``a.``, ``2.``, ``(1)``, ``-``) or a list's ``;``/``; dan`` end.

    >>> is_list_item("a. RKPD; dan"), is_list_item("2. Renja Perangkat Daerah;")
    (True, True)
    >>> is_list_item("RENJA PERUBAHAN 2024"), is_list_item("Rencana Kerja Pemerintah Daerah;")
    (False, True)
    """
    return bool(_LIST_MARK.match(text) or _LIST_END.search(text))


def is_section_heading(text: str) -> bool:
    """A numbered heading or caption: ``2.1 Evaluasi …``, ``BAB II``, ``Tabel 2.1``.

    >>> is_section_heading("BAB V RENCANA KERJA DAN PENDANAAN"), is_section_heading("TAHUN 2025")
    (True, False)
    >>> is_section_heading("2021 - 2026")
    False
    """
    return bool(_SECTION.match(text))


def is_prose(text: str) -> bool:
    """A sentence, not a title: long, or with most words in lower case.

    >>> is_prose("penyusunan Rencana Kerja (RENJA) dan pemadam kebakaran yang disusun")
    True
    >>> is_prose("Rencana Kerja Tahun 2026"), is_prose("RENCANA KERJA PEMERINTAH DAERAH")
    (False, False)
    >>> is_prose("Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana")
    False
    >>> is_prose("2021 - 2026"), is_prose("ii")
    (False, True)
    """
    if len(text.strip()) > MAX_TITLE_LINE:
        return True
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS]
    if not words:  # a year on a line of its own ('2021 - 2026') belongs to the title
        return not _YEAR_ONLY.search(text)
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised < MIN_CAPITALISED_SHARE * len(words)


def is_front_matter(text: str) -> bool:
    """A heading that ends the title page.

    >>> is_front_matter("KATA PENGANTAR"), is_front_matter("Menimbang"), is_front_matter("RKPD")
    (True, True, False)
    """
    return bool(_FRONT_MATTER.match(text))


def quoting(text: str, toc: bool) -> bool:
    """A line that cannot be the document's own title: contents, list item, section heading."""
    return toc or is_list_item(text) or is_section_heading(text)


def cover_lines(lines: Sequence[str], toc: Sequence[bool]) -> list[str]:
    """The title page: the title-like lines before the first front-matter heading.

    >>> cover_lines(["RENCANA KERJA", "PEMERINTAH DAERAH", "TAHUN 2025", "DAFTAR ISI",
    ...              "RKPD 2025 1"], [False, False, False, True, True])
    ['RENCANA KERJA', 'PEMERINTAH DAERAH', 'TAHUN 2025']
    >>> cover_lines(["a. RKPD; dan", "Renja ini disusun oleh dinas yang membidangi"], [False] * 2)
    []
    """
    out: list[str] = []
    for text, is_toc in zip(lines[:COVER_LINES], toc, strict=False):
        if is_front_matter(text) or is_toc:
            break
        if text.strip() and not quoting(text, is_toc) and not is_prose(text):
            out.append(text.strip())
    return out
