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

from rapidfuzz import fuzz

from renja.normalize.abbreviations import LINKING_WORDS, curated_variants, learn_acronyms
from renja.normalize.words import rejoin_split_words

# Phrases that mean the same thing in Renja names, each mapped to one token: the curated list
# (``data/singkatan.csv``). Longer phrases are replaced first, so "aparatur sipil negara" wins
# over a lone "negara".
SYNONYMS: dict[str, str] = {v.bentuk: v.baku for v in curated_variants()}

# Words that carry no meaning for telling names apart; dropped from the compared form.
STOPWORDS = LINKING_WORDS

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# A label that starts a cell's tail after the name: "Program X Outcome: Meningkatnya …",
# "Kegiatan Y Indikator: Persentase …" (RPJMD and Renstra cells carry them).
_TAIL_LABEL = re.compile(
    r"\s*[-–(]?\s*\b(?:outcome|output|keluaran|hasil|sasaran|tujuan|indikator(?:\s+(?:kinerja|"
    r"program|kegiatan|sub\s*kegiatan|outcome|output|keluaran|hasil))?|iku|ikk|kinerja)\s*:.*$",
    re.IGNORECASE | re.DOTALL,
)


# A misspelt phrase is still the phrase when each of its words is at least this close to the
# phrase's word (rapidfuzz ratio: "sumber daya mansuia" is sdm, "sistem informatika" is not
# "sistem informasi"), and at least one of them is no known word.
PHRASE_WORD_SCORE = 85
# Words shorter than this must be written exactly to count as the phrase's word.
MIN_FUZZY_LETTERS = 5


@dataclass(frozen=True, slots=True)
class Normalizer:
    """Turns a name into its compared form. Build one per vocabulary and acronym set."""

    vocabulary: frozenset[str]
    phrases: dict[str, str]
    _pattern: re.Pattern[str]
    # Phrases of two words or more by their first letter, as word lists: the misspelt ones.
    _by_letter: dict[str, list[tuple[tuple[str, ...], str]]]

    @classmethod
    def build(
        cls, vocabulary: frozenset[str] = frozenset(), acronyms: dict[str, str] | None = None
    ) -> Normalizer:
        phrases = dict(SYNONYMS)
        for phrase, token in (acronyms or {}).items():
            phrases.setdefault(phrase, token)
        ordered = sorted(phrases, key=lambda p: (-len(p.split()), -len(p)))
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")
        by_letter: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase in ordered:
            words = tuple(phrase.split())
            if len(words) >= 2:
                by_letter.setdefault(phrase[0], []).append((words, phrases[phrase]))
        return cls(vocabulary, phrases, pattern, by_letter)

    def _same_word(self, written: str, word: str) -> bool:
        if written == word:
            return True
        return (
            len(word) >= MIN_FUZZY_LETTERS
            and abs(len(written) - len(word)) <= 2
            and written[:1] == word[:1]
            and fuzz.ratio(written, word) >= PHRASE_WORD_SCORE
        )

    def misspelt_phrases(self, lowered: str) -> str:
        """Phrases written with a typo read as the phrase: ``sumber daya mansuia`` → sdm.

        >>> Normalizer.build(frozenset({"sumber", "daya"})).misspelt_phrases("sumber daya mansuia")
        'sdm'
        >>> Normalizer.build(frozenset({"sistem", "informatika"})).misspelt_phrases(
        ...     "sistem informatika")
        'sistem informatika'
        """
        words = lowered.split()
        unknown = [w not in self.vocabulary for w in words]
        if not self.vocabulary or not any(unknown):
            return lowered
        out: list[str] = []
        i = 0
        while i < len(words):
            for phrase, token in self._by_letter.get(words[i][:1], ()):
                end = i + len(phrase)
                if (
                    end <= len(words)
                    and self._same_word(words[i], phrase[0])
                    and any(unknown[i:end])
                    and all(
                        self._same_word(w, p)
                        for w, p in zip(words[i + 1 : end], phrase[1:], strict=True)
                    )
                ):
                    out.append(token)
                    i = end
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out)

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
        return self.plain(self.misspelt_phrases(_NON_ALNUM.sub(" ", text.lower()).strip()))


# A code printed after the name it codes, in parentheses: ``Program Pengendalian Penduduk
# (2.14.02)``.
_CODE_AFTER = re.compile(
    r"^(?P<name>.*\S)\s*\(\s*(?P<code>\d{1,2}(?:\.[0-9X]{1,4}){1,5})\s*\)\s*$", re.S
)


def code_in_name(cell: str) -> tuple[str, str] | None:
    """The code a name prints after itself in parentheses, and the name without it.

    >>> code_in_name("Program Pengendalian Penduduk (2.14.02)")
    ('2.14.02', 'Program Pengendalian Penduduk')
    >>> code_in_name("Penyediaan Gaji dan Tunjangan ASN (2.14.01.2.02.0001)")
    ('2.14.01.2.02.0001', 'Penyediaan Gaji dan Tunjangan ASN')
    >>> code_in_name("Program Pembinaan Keluarga Berencana (KB)"), code_in_name("Target (2,5)")
    (None, None)
    """
    match = _CODE_AFTER.match(cell)
    return (match["code"], match["name"]) if match else None


def name_part(cell: str) -> str:
    """The name in an ``uraian`` cell without the tail a label starts (``Outcome:``,
    ``Indikator:``, ``Sasaran:`` …): what is compared with the nomenclature's name.

    >>> name_part("Program Pemenuhan Upaya Kesehatan Outcome: Meningkatnya derajat kesehatan")
    'Program Pemenuhan Upaya Kesehatan'
    >>> name_part("Penyediaan Gaji dan Tunjangan ASN\\nIndikator Kinerja: Jumlah orang")
    'Penyediaan Gaji dan Tunjangan ASN'
    >>> name_part("Pengelolaan Hasil Hutan Bukan Kayu")  # 'hasil' without a colon is a word
    'Pengelolaan Hasil Hutan Bukan Kayu'
    >>> name_part("Program Pengendalian Penduduk (2.14.02)")  # its code printed after it
    'Program Pengendalian Penduduk'
    """
    stripped = _TAIL_LABEL.sub("", cell).strip()
    coded = code_in_name(stripped)
    if coded is not None:
        stripped = coded[1]
    return stripped or cell.strip()


def acronyms_from_names(names: Iterable[str]) -> dict[str, str]:
    """Acronyms the lists spell out (``Unit Sekolah Baru (USB)`` → usb), each acronym read
    through the curated list (a learned ``(PD)`` is the curated skpd).

    >>> acronyms_from_names(["Pembangunan Unit Sekolah Baru (USB)", "Layanan Teknologi "
    ...                      "Informasi dan Komunikasi (TIK)"])
    {'unit sekolah baru': 'usb', 'teknologi informasi dan komunikasi': 'tik'}
    """
    return {phrase: SYNONYMS.get(token, token) for phrase, token in learn_acronyms(names).items()}
