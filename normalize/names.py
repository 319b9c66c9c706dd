"""Names made comparable: the normal form the matcher scores, for printed names and reference names.

Both sides go through the same steps, so a synonym maps to the same token whichever way it was
written: case and punctuation, ``/`` and ``-`` spacing, split words, and the abbreviations and
synonyms of regional government (ASN / Aparatur Sipil Negara / Pegawai, SKPD / OPD / PD /
Perangkat Daerah, Kab/Kota, Rehab, Peny., Diklat, Bimtek …), plus the acronyms that the
nomenclature lists spell out themselves (``Unit Sekolah Baru (USB)``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from renja.normalize.words import rejoin_split_words

# Phrases that mean the same thing in Renja names, each mapped to one token. Longer phrases are
# replaced first, so "aparatur sipil negara" wins over a lone "negara".
SYNONYMS: dict[str, str] = {
    "aparatur sipil negara": "asn",
    "pegawai": "asn",
    "satuan kerja perangkat daerah": "skpd",
    "organisasi perangkat daerah": "skpd",
    "perangkat daerah": "skpd",
    "opd": "skpd",
    "pd": "skpd",
    "kabupaten kota": "kabkota",
    "kab kota": "kabkota",
    "kab": "kabupaten",
    "prov": "provinsi",
    "pemerintah daerah": "pemda",
    "pemerintahan daerah": "pemda",
    "pendidikan dan pelatihan": "diklat",
    "bimbingan teknis": "bimtek",
    "sumber daya manusia": "sdm",
    "rehab": "rehabilitasi",
    "peny": "penyediaan",
    "penyedia": "penyediaan",
    "barang milik daerah": "bmd",
    "teknologi informasi dan komunikasi": "tik",
    "sistem informasi": "sisinfo",
    "dan atau": "dan",
}

# Words that carry no meaning for telling names apart; dropped from the compared form.
STOPWORDS = frozenset(
    [
        "dan",
        "atau",
        "yang",
        "pada",
        "di",
        "ke",
        "dari",
        "untuk",
        "bagi",
        "serta",
        "dengan",
        "dalam",
        "oleh",
        "terhadap",
        "sebagai",
        "tau",
    ]
)

_PARENS = re.compile(r"\(([^()]*)\)")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{1,9}$")


@dataclass(frozen=True, slots=True)
class Normalizer:
    """Turns a name into its compared form. Build one per vocabulary and acronym set."""

    vocabulary: frozenset[str]
    phrases: dict[str, str]
    _pattern: re.Pattern[str]

    @classmethod
    def build(
        cls, vocabulary: frozenset[str] = frozenset(), acronyms: dict[str, str] | None = None
    ) -> Normalizer:
        phrases = dict(SYNONYMS)
        for phrase, token in (acronyms or {}).items():
            phrases.setdefault(phrase, token)
        ordered = sorted(phrases, key=lambda p: (-len(p.split()), -len(p)))
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")
        return cls(vocabulary, phrases, pattern)

    def plain(self, text: str) -> str:
        """The compared form of a name known to be clean (a reference name): no word rejoining.

        >>> Normalizer.build(frozenset({"penyelenggaraan"})).plain("Penyelenggaraa n Rapat")
        'penyelenggaraa n rapat'
        """
        lowered = _NON_ALNUM.sub(" ", text.lower()).strip()
        replaced = self._pattern.sub(lambda m: self.phrases[m.group(0)], lowered)
        tokens: list[str] = []
        for token in replaced.split():
            if token in STOPWORDS or (tokens and tokens[-1] == token):
                continue
            tokens.append(token)
        return " ".join(tokens)

    def __call__(self, text: str) -> str:
        """The compared form of a name.

        >>> norm = Normalizer.build()
        >>> norm("Pembinaan Disiplin Pegawai") == norm("Pembinaan Disiplin Aparatur Sipil Negara")
        True
        >>> norm("Penyediaan Jasa Pelayanan Umum Kantor (OPD)")
        'penyediaan jasa pelayanan umum kantor skpd'
        >>> norm("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA")
        'program penunjang urusan pemda kabkota'
        """
        if self.vocabulary:
            text = rejoin_split_words(text, self.vocabulary).value or text
        return self.plain(text)


def acronyms_from_names(names: Iterable[str]) -> dict[str, str]:
    """Acronyms the lists spell out: ``Unit Sekolah Baru (USB)`` gives ``unit sekolah baru`` → usb.

    Only an acronym whose letters are the initials of the words next to it counts, so
    ``(Satu)`` or ``(Lima)`` in a name are not taken for acronyms.

    >>> acronyms_from_names(["Pembangunan Unit Sekolah Baru (USB)", "Pembinaan (Satu) Kali"])
    {'unit sekolah baru': 'usb'}
    >>> acronyms_from_names(["Pengelolaan SPAM (Sistem Penyediaan Air Minum) Regional"])
    {'sistem penyediaan air minum': 'spam'}
    >>> acronyms_from_names(["Layanan Teknologi Informasi dan Komunikasi (TIK)"])
    {'teknologi informasi dan komunikasi': 'tik'}
    """
    found: dict[str, str] = {}
    for name in names:
        for match in _PARENS.finditer(name):
            inside = match.group(1).strip()
            before = name[: match.start()].split()
            if _ACRONYM.match(inside):
                letters = inside.lower()
                content = [i for i, w in enumerate(before) if w.lower() not in STOPWORDS]
                picked = content[-len(letters) :]
                initials = "".join(before[i][0] for i in picked).lower()
                if len(picked) == len(letters) and initials == letters:
                    phrase = _NON_ALNUM.sub(" ", " ".join(before[picked[0] :]).lower()).strip()
                    found.setdefault(phrase, letters)
            elif before and _ACRONYM.match(before[-1]):
                letters = before[-1].lower()
                words = [w for w in inside.split() if w.lower() not in STOPWORDS]
                if len(words) == len(letters) and "".join(w[0] for w in words).lower() == letters:
                    phrase = _NON_ALNUM.sub(" ", inside.lower()).strip()
                    found.setdefault(phrase, letters)
    return found
