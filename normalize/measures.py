"""What a column measures, for which period, in which unit: read from its header words.

``Rencana Tahun 2025 / Pagu Indikatif (Rp)`` is the measure ``pagu_indikatif`` for the period
``2025`` in Rupiah; ``Prakiraan Maju Tahun 2026 / Kebutuhan Dana`` is ``kebutuhan_dana`` for
``2026``; ``Sebelum Perubahan`` is the period ``sebelum``; ``(dalam juta rupiah)`` scales amounts by
a million. A document's own words decide: "murni" and "perubahan" are periods only where the
header says so (a T-C.31's pagu indikatif beside its kebutuhan dana is two measures, not murni and
perubahan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_MAJU = re.compile(r"\b(?:pra|per)kiraan\s+maju|\bmaju\b|\bn\s*\+\s*1\b", re.IGNORECASE)

# Measures by their words, most specific first. Each is (measure, pattern).
MEASURES: tuple[tuple[str, str], ...] = (
    ("selisih", r"bertambah|berkurang|selisih|\+\s*/\s*-|kenaikan|penurunan|jumlah\s+perubahan"),
    ("pagu_indikatif", r"pagu\s+indikatif"),
    ("kebutuhan_dana", r"kebutuhan\s+(?:dana|anggaran|biaya)"),
    ("pagu", r"\bpagu\b"),
    ("realisasi", r"realisasi|capaian\s+keuangan"),
    ("sisa", r"\bsisa\b"),
    ("anggaran", r"anggaran|apbd|belanja|alokasi|biaya|dana\b|pendanaan"),
    ("pendapatan", r"pendapatan"),
    ("harga", r"harga|tarif"),
    ("target", r"\btarget\b|sasaran\s+kinerja|volume"),
    ("capaian", r"capaian|tingkat\s+(?:realisasi|capaian)"),
    ("nilai", r"\bnilai\b|jumlah|\brp\b|rupiah"),
)
_MEASURES = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in MEASURES)

# What a "Jumlah" column may total besides its bare word: money and the measures of a plan. Any
# other word after it names what is counted (Jumlah Penduduk, Jumlah Desa): no total.
_TOTAL_OF = (
    r"k|rp|rupiah|anggaran|pagu|dana|biaya|belanja|nilai|target|realisasi|keseluruhan|seluruhnya"
)

# Periods by their words (besides years).
PERIODS: tuple[tuple[str, str], ...] = (
    ("sebelum", r"sebelum|semula|\bawal\s+perubahan"),
    ("sesudah", r"sesudah|setelah|menjadi"),
    ("murni", r"\bmurni\b|\bpenetapan\b"),
    ("perubahan", r"\bperubahan\b"),
    ("awal", r"kondisi\s+(?:kinerja\s+)?awal|\bawal\s+periode|\bbaseline\b"),
    ("akhir", r"kondisi\s+(?:kinerja\s+)?akhir|\bakhir\s+periode"),
    # (``Jumlah`` as the whole label or its innermost: ``Belanja / Jumlah Belanja``)
    ("total", r"\btotal\b|(?:^|/\s*)jumlah(?:\s*\([^)]*\))?(?:\s*/?\s*(?:" + _TOTAL_OF
     + r")\b.*)?$"),
)
_PERIODS = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in PERIODS)
_QUARTER = re.compile(r"\b(?:triwulan|tw)\s*[-.]?\s*(iv|iii|ii|i|[1-4])\b", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# Units of money: the words and the factor that turns a printed amount into Rupiah.
_SCALES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1_000_000_000_000, re.compile(r"\btriliun", re.IGNORECASE)),
    (1_000_000_000, re.compile(r"\bmil[iy]ar", re.IGNORECASE)),
    (1_000_000, re.compile(r"\bjuta", re.IGNORECASE)),
    (1_000, re.compile(r"\bribu|\brp\.?\s*000\b|\(\s*000\s*\)|x\s*1\.?000\b", re.IGNORECASE)),
)
_MONEY = re.compile(r"\brp\b|rupiah", re.IGNORECASE)
# A unit statement of a whole table: "(dalam juta rupiah)", "dalam ribuan rupiah".
_TABLE_UNIT = re.compile(
    r"dalam\s+(?:satuan\s+)?(ribu|ribuan|juta|jutaan|miliar|milyar|miliaran|triliun)\s*(?:rupiah|rp)?",
    re.IGNORECASE,
)
_UNIT_WORDS = {
    "ribu": 1_000,
    "ribuan": 1_000,
    "juta": 1_000_000,
    "jutaan": 1_000_000,
    "miliar": 1_000_000_000,
    "milyar": 1_000_000_000,
    "miliaran": 1_000_000_000,
    "triliun": 1_000_000_000_000,
}
UNIT_NAMES = {1: "Rp", 1_000: "ribu Rp", 1_000_000: "juta Rp", 1_000_000_000: "miliar Rp",
              1_000_000_000_000: "triliun Rp"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Meaning:
    """What one column's header says it holds."""

    measure: str | None = None
    period: str | None = None
    scale: int | None = None  # None: the header names no unit of money
    money: bool = False  # the header names Rupiah or a measure of money
    maju: bool = False  # a prakiraan maju (the year after the plan year)


def year_of(text: str) -> str | None:
    """The last year a label names.

    >>> year_of("rencana tahun 2025 / pagu"), year_of("prakiraan maju 2026"), year_of("pagu")
    ('2025', '2026', None)
    """
    years = _YEAR.findall(text)
    return years[-1] if years else None


def quarter_of(text: str) -> int | None:
    """The quarter a label names: ``Triwulan II`` is 2.

    >>> quarter_of("realisasi triwulan ii"), quarter_of("tw 3"), quarter_of("target")
    (2, 3, None)
    """
    match = _QUARTER.search(text)
    if not match:
        return None
    token = match.group(1).lower()
    return _ROMAN.get(token) or int(token)


def scale_of(text: str) -> int | None:
    """The factor from a header's unit of money to Rupiah; None when it names no such unit.

    >>> scale_of("pagu (juta rp)"), scale_of("anggaran (rp 000)"), scale_of("pagu (rp)")
    (1000000, 1000, 1)
    >>> scale_of("jumlah penduduk (ribu jiwa)") is None, scale_of("target") is None
    (True, True)
    """
    for factor, pattern in _SCALES:
        if pattern.search(text) and (_MONEY.search(text) or factor == 1_000_000):
            return factor
    return 1 if _MONEY.search(text) else None


def table_scale(text: str) -> int | None:
    """The unit of money a caption or a note states for a whole table.

    >>> table_scale("Tabel 3.1 Kerangka Pendanaan (dalam juta rupiah)")
    1000000
    >>> table_scale("dalam ribuan Rp"), table_scale("Tabel 5.1 Rencana Program") is None
    (1000, True)
    """
    match = _TABLE_UNIT.search(text)
    return _UNIT_WORDS[match.group(1).lower()] if match else None


def measure_of(text: str) -> str | None:
    """The measure a label names, most specific first.

    >>> [measure_of(t) for t in ("pagu indikatif (rp)", "kebutuhan dana", "bertambah/(berkurang)",
    ...                           "realisasi tw i / rp", "target / k", "uraian")]
    ['pagu_indikatif', 'kebutuhan_dana', 'selisih', 'realisasi', 'target', None]
    """
    for name, pattern in _MEASURES:
        if pattern.search(text):
            return name
    return None


def period_of(text: str) -> str | None:
    """The period a label names: a year, a quarter, before or after a change, start or end.

    The innermost label decides: ``Tahun 2025 / Sebelum`` is ``sebelum`` of 2025, written
    ``2025_sebelum``.

    >>> [period_of(t) for t in ("rencana tahun 2025 / pagu", "sebelum perubahan", "triwulan iii",
    ...                          "kondisi kinerja akhir periode rpjmd", "apbd murni 2024 / rp",
    ...                          "tahun 2025 / sesudah", "pagu", "belanja / jumlah belanja",
    ...                          "capaian / jumlah penduduk")]
    ['2025', 'sebelum', 'tw3', 'akhir', '2024_murni', '2025_sesudah', None, 'total', None]
    """
    named = next((name for name, pattern in _PERIODS if pattern.search(text)), None)
    quarter = quarter_of(text)
    year = year_of(text)
    word = f"tw{quarter}" if quarter else named
    if year and word and word not in ("total",):
        return f"{year}_{word}"
    return year or word


def meaning_of(path: tuple[str, ...] | list[str]) -> Meaning:
    """What a column's header path says: measure, period, unit of money.

    >>> meaning_of(("Rencana Tahun 2025", "Pagu Indikatif (Rp)"))
    Meaning(measure='pagu_indikatif', period='2025', scale=1, money=True, maju=False)
    >>> meaning_of(("Prakiraan Maju Tahun 2026", "Kebutuhan Dana (Juta Rp)"))
    Meaning(measure='kebutuhan_dana', period='2026', scale=1000000, money=True, maju=True)
    >>> meaning_of(("Target Renstra 2026", "K"))
    Meaning(measure='target', period='2026', scale=None, money=False, maju=False)
    """
    text = " / ".join(path).lower()
    scale = scale_of(text)
    measure = None
    for label in reversed([p.lower() for p in path]):  # the innermost label that names one
        measure = measure_of(label)
        if measure and not (measure == "nilai" and len(path) > 1 and _MONEY.search(label)):
            break
        if measure == "nilai":  # "Rp" under a group: the group names the measure
            outer = next((m for p in path[:-1] if (m := measure_of(p.lower()))), None)
            measure = outer or measure
            break
    money = scale is not None or measure in MONEY_MEASURES
    return Meaning(measure, period_of(text), scale, money, bool(_MAJU.search(text)))


# Measures that are amounts of money whatever unit the header names.
MONEY_MEASURES = frozenset(
    {"pagu", "pagu_indikatif", "kebutuhan_dana", "anggaran", "pendapatan", "harga"}
)

__all__ = [
    "MEASURES",
    "MONEY_MEASURES",
    "UNIT_NAMES",
    "Meaning",
    "meaning_of",
    "measure_of",
    "period_of",
    "quarter_of",
    "scale_of",
    "table_scale",
    "year_of",
]
