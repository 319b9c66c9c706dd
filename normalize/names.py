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

from renja.normalize.abbreviations import LINKING_WORDS, curated_variants, learn_acronyms
from renja.normalize.words import rejoin_split_words

# Phrases that mean the same thing in Renja names, each mapped to one token: the curated list
# (``data/singkatan.csv``). Longer phrases are replaced first, so "aparatur sipil negara" wins
# over a lone "negara".
SYNONYMS: dict[str, str] = {v.bentuk: v.baku for v in curated_variants()}

# Words that carry no meaning for telling names apart; dropped from the compared form.
STOPWORDS = LINKING_WORDS

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


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
    """Acronyms the lists spell out (``Unit Sekolah Baru (USB)`` → usb), each acronym read
    through the curated list (a learned ``(PD)`` is the curated skpd).

    >>> acronyms_from_names(["Pembangunan Unit Sekolah Baru (USB)", "Layanan Teknologi "
    ...                      "Informasi dan Komunikasi (TIK)"])
    {'unit sekolah baru': 'usb', 'teknologi informasi dan komunikasi': 'tik'}
    """
    return {phrase: SYNONYMS.get(token, token) for phrase, token in learn_acronyms(names).items()}
