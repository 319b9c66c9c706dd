"""SKPD names made comparable: one canonical name for every way a document prints an agency.

Documents name the same SKPD in many ways: ``BKPSDM Kota Banjarbaru``, ``BADAN KEPEGAWAIAN DAN
PENGEMBANGAN SUMBER DAYA MANUSIA``, ``Badan Kepegawaian dan Pengembangan SDM Kota Banjarbaru``.
``canonical_skpd`` gives each one name (``nama``), its usual abbreviation (``singkatan``) when the
list knows it, and a key to match on (``kunci``), in these steps:

1. the pemda's name at the end is dropped (``… Kota Banjarbaru``, ``… Provinsi Sumatera Utara``):
   the document's own pemda, or any ``Kota``/``Kabupaten``/``Provinsi`` and a name after it;
2. abbreviations are written out (``BKPSDM``, ``Satpol PP``, ``Damkar``, ``DP3AKB``), from the list
   in ``data/skpd_singkatan.csv`` (data, not code: add a line for another abbreviation);
3. case and punctuation: a name the list holds in full takes the list's spelling, any other is
   written in title case with the small words (``dan``, ``serta``) in lower case.

The SIPD unit code (``kode_skpd``) is the other identity of an SKPD; it is read from the document's
header block when printed (``renja.extract.meta``), not here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from renja.extract.wilayah import name_key, split_kind

ABBREVIATIONS_FILE = "data/skpd_singkatan.csv"
# Words written in lower case inside a title-case name.
SMALL_WORDS = frozenset({"dan", "serta", "atau", "di", "ke", "dari", "untuk", "pada", "yang"})
# The kinds a pemda is named with at the end of an SKPD's name, and how many words its name
# may have (the longest in the Kemendagri list has four).
_PEMDA_KINDS = frozenset({"kota", "kabupaten", "kab", "provinsi", "propinsi", "prov"})
MAX_PEMDA_WORDS = 4
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Skpd:
    """An SKPD's canonical name, its abbreviation when known, and the key names match on."""

    nama: str  # 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'
    singkatan: str | None  # 'BKPSDM'
    kunci: str  # 'badan kepegawaian dan pengembangan sumber daya manusia'


@dataclass(frozen=True, slots=True)
class Abbreviations:
    """The list: each abbreviation's words and what it stands for; each full name's
    abbreviation."""

    expansions: tuple[tuple[tuple[str, ...], str], ...]  # longest first
    short: dict[str, str]  # key of a full name -> its first abbreviation
    spelled: dict[str, str]  # key of a full name -> the list's spelling


@lru_cache(maxsize=1)
def load_abbreviations() -> Abbreviations:
    """The list in ``data/skpd_singkatan.csv`` (``singkatan,kepanjangan``; ``#`` comments).

    >>> load_abbreviations().short[key_of("Badan Penanggulangan Bencana Daerah")]
    'BPBD'
    """
    text = files("renja.normalize").joinpath(ABBREVIATIONS_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    rows = csv.DictReader(io.StringIO("\n".join(lines)))
    return abbreviations_from_rows((row["singkatan"], row["kepanjangan"]) for row in rows)


def abbreviations_from_rows(rows: Iterable[tuple[str, str]]) -> Abbreviations:
    """The index of (singkatan, kepanjangan) rows."""
    expansions: dict[tuple[str, ...], str] = {}
    short: dict[str, str] = {}
    spelled: dict[str, str] = {}
    for singkatan, kepanjangan in rows:
        words = tuple(w.lower() for w in _TOKEN.findall(singkatan))
        if not words:
            continue
        expansions.setdefault(words, kepanjangan.strip())
        key = key_of(kepanjangan)
        short.setdefault(key, singkatan.strip())
        spelled.setdefault(key, " ".join(kepanjangan.split()))
    ordered = tuple(sorted(expansions.items(), key=lambda kv: -len(kv[0])))
    return Abbreviations(ordered, short, spelled)


def key_of(name: str) -> str:
    """The form names are matched on: lower-case words, punctuation dropped.

    >>> key_of("Dinas Pemberdayaan Perempuan, Perlindungan Anak & KB")
    'dinas pemberdayaan perempuan perlindungan anak dan kb'
    """
    return " ".join(_TOKEN.findall(name.lower().replace("&", " dan ")))


def without_pemda(words: list[str], pemda: str | None) -> list[str]:
    """The words of a name without the pemda named at its end: the document's own pemda, or
    (when it is not known) a kind word and at most four words after it.

    >>> without_pemda("badan kepegawaian kota banjarbaru".split(), "Kota Banjarbaru")
    ['badan', 'kepegawaian']
    >>> without_pemda("dinas pu provinsi kalimantan timur".split(), None)
    ['dinas', 'pu']
    >>> without_pemda("dinas tata kota".split(), None)
    ['dinas', 'tata', 'kota']
    """
    own = name_key(split_kind(pemda)[1]) if pemda else None
    for start in range(max(1, len(words) - MAX_PEMDA_WORDS - 1), len(words) - 1):
        if words[start] not in _PEMDA_KINDS:
            continue
        rest = words[start + 1 :]
        if own is None or name_key(" ".join(rest)) == own:
            return words[:start]
    return words


def expanded(words: list[str], abbreviations: Abbreviations) -> list[str]:
    """The words with every listed abbreviation written out (longest first).

    >>> expanded("satpol pp dan damkar".split(), load_abbreviations())
    ['satuan', 'polisi', 'pamong', 'praja', 'dan', 'pemadam', 'kebakaran']
    """
    out: list[str] = []
    position = 0
    while position < len(words):
        for short, full in abbreviations.expansions:
            if tuple(words[position : position + len(short)]) == short:
                out.extend(key_of(full).split())
                position += len(short)
                break
        else:
            out.append(words[position])
            position += 1
    return out


def title_case(words: list[str]) -> str:
    """Words as a name: capitalised, the small words in lower case (never the first).

    >>> title_case("dinas perdagangan dan perindustrian".split())
    'Dinas Perdagangan dan Perindustrian'
    """
    return " ".join(
        w if i and w in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


@lru_cache(maxsize=4096)  # documents of one SKPD repeat its name on every corpus row
def canonical_skpd(name: str | None, pemda: str | None = None) -> Skpd | None:
    """An SKPD's canonical name, abbreviation and key; None for no name.

    >>> canonical_skpd("BKPSDM Kota Banjarbaru", "Kota Banjarbaru")
    Skpd(nama='Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', singkatan='BKPSDM', \
kunci='badan kepegawaian dan pengembangan sumber daya manusia')
    >>> canonical_skpd("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM KOTA BANJARBARU").nama
    'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'
    >>> canonical_skpd("Satpol-PP dan Damkar").nama
    'Satuan Polisi Pamong Praja dan Pemadam Kebakaran'
    >>> canonical_skpd("Dinas Pemberdayaan Perempuan Perlindungan Anak dan Keluarga Berencana "
    ...                "Provinsi Sumatera Utara", "Provinsi Sumatera Utara").singkatan
    'DP3AKB'
    """
    if name is None or not key_of(name):
        return None
    abbreviations = load_abbreviations()
    words = expanded(without_pemda(key_of(name).split(), pemda), abbreviations)
    if not words:  # the name was the pemda's only
        words = key_of(name).split()
    key = " ".join(words)
    spelled = abbreviations.spelled.get(key)
    return Skpd(spelled or title_case(words), abbreviations.short.get(key), key)


def entity_key(kode_pemda: str | None, pemda: str | None, skpd: str | None) -> str | None:
    """What documents of one body share, to match them across years: the pemda (its code, else
    its name) and the SKPD's canonical name (none for a plan of the whole pemda); None when the
    document names neither.

    >>> entity_key("63.72", "Kota Banjarbaru", "BKPSDM Kota Banjarbaru")
    '63.72|badan kepegawaian dan pengembangan sumber daya manusia'
    >>> entity_key(None, "Kota Bogor", None), entity_key(None, None, None)
    ('kota bogor|', None)
    """
    region = (kode_pemda or "").strip() or key_of(pemda or "")
    agency = canonical_skpd(skpd, pemda)
    if not region and agency is None:
        return None
    return f"{region}|{agency.kunci if agency else ''}"


__all__ = ["Skpd", "canonical_skpd", "entity_key", "key_of", "load_abbreviations"]
