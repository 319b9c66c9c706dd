"""The checks a finding can come from: each a stable slug, its severity and what it means.

A finding's ``check`` is always one of these, so that auditors can filter on it across documents
and versions. Code that raises a check names it (``from renja.model.checks import
JUMLAH_RINCIAN``), never its slug as text, so a misspelled check fails at import instead of
writing a slug no one knows; ``Finding`` turns a slug given as text into its check, and rejects
one the registry does not hold. A check is a ``str`` (its slug): ``findings.csv`` writes the
slug, and ``finding.check == "jumlah_rincian"`` holds.

The severity here is the check's own; a finding may be raised or lowered from it (a root cause
is an error, a difference of targets between tables is info), and says so in its ``severity``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum, unique
from types import MappingProxyType
from typing import Final

from renja.model.i18n import N_, _
from renja.model.severity import Severity


@unique
class Check(StrEnum):
    """One check: its slug (the string itself), its severity, and what a finding of it means."""

    severity: Severity
    meaning_message: str  # in English, marked for the catalogue (``meaning`` translates it)

    def __new__(cls, slug: str, severity: Severity, meaning: str) -> Check:
        check = str.__new__(cls, slug)
        check._value_ = slug
        check.severity = severity
        check.meaning_message = meaning
        return check

    @property
    def meaning(self) -> str:
        """What a finding of this check means, in the reader's language.

        >>> from renja.model.i18n import use_language
        >>> with use_language("en"):
        ...     JUMLAH_TOTAL.meaning
        'a total row (JUMLAH) is not the sum of the rows it closes'
        """
        return _(self.meaning_message)

    @property
    def slug(self) -> str:
        """The slug as plain text: what ``findings.csv`` writes.

        >>> JUMLAH_RINCIAN.slug, JUMLAH_RINCIAN.severity.value
        ('jumlah_rincian', 'error')
        """
        return str.__str__(self)

    ANGKA_TIDAK_TERBACA = (
        "angka_tidak_terbaca",
        Severity.WARNING,
        N_("a number cell that cannot be read with certainty (a digit lost or added)"),
    )
    KODE_TIDAK_TERBACA = (
        "kode_tidak_terbaca",
        Severity.WARNING,
        N_("a code cell that cannot be read"),
    )
    SEL_TIDAK_TERPETAKAN = (
        "sel_tidak_terpetakan",
        Severity.WARNING,
        N_("a cell that fits no column of its row"),
    )
    KODE_URAIAN_TIDAK_COCOK = (
        "kode_uraian_tidak_cocok",
        Severity.WARNING,
        N_(
            "a printed code whose nomenclature name is not the row's name (the suggested code is "
            "in `expected`)"
        ),
    )
    KODE_TIDAK_DIKENAL = (
        "kode_tidak_dikenal",
        Severity.WARNING,
        N_("a printed code found in no nomenclature version"),
    )
    KODE_TIDAK_PASTI = (
        "kode_tidak_pasti",
        Severity.WARNING,
        N_("a row whose name matches no code surely enough; the candidates are listed"),
    )
    KODE_BERUBAH_NOMOR = (
        "kode_berubah_nomor",
        Severity.INFO,
        N_("a printed code that the newer nomenclature renumbered (the new code is in `expected`)"),
    )
    ARITMETIKA_BARIS = (
        "aritmetika_baris",
        Severity.ERROR,
        N_(
            "a row's own arithmetic fails (sesudah − sebelum = jumlah perubahan; murni + "
            "penambahan = total; TW I..IV = realisasi; koefisien × harga + PPN = jumlah)"
        ),
    )
    JUMLAH_RINCIAN = (
        "jumlah_rincian",
        Severity.ERROR,
        N_(
            "a parent's amount is not the sum of its children (sub kegiatan → kegiatan → program …)"
        ),
    )
    JUMLAH_TOTAL = (
        "jumlah_total",
        Severity.ERROR,
        N_("a total row (JUMLAH) is not the sum of the rows it closes"),
    )
    HITUNGAN_RINGKASAN = (
        "hitungan_ringkasan",
        Severity.ERROR,
        N_(
            "a budget's balance row is not its balance (surplus/defisit = pendapatan − belanja; "
            "pembiayaan netto = penerimaan − pengeluaran pembiayaan; SILPA = surplus/defisit + "
            "pembiayaan netto)"
        ),
    )
    SELISIH_PEMBULATAN = (
        "selisih_pembulatan",
        Severity.INFO,
        N_(
            "a sum is off by no more than rounding each of its terms can explain (a prakiraan maju "
            "computed as pagu × 1.01 and rounded row by row)"
        ),
    )
    CAPAIAN_PERSEN = (
        "capaian_persen",
        Severity.WARNING,
        N_("a percentage is not its ratio × 100 (realisasi / target, selisih / sebelum …) within "
           "the tolerance"),
    )
    BEDA_ANTAR_TABEL = (
        "beda_antar_tabel",
        Severity.WARNING,
        N_(
            "the same quantity of the same code differs between tables (targets: info); raised to "
            "error when it explains an arithmetic error"
        ),
    )
    NILAI_DIDUGA_SALAH = (
        "nilai_diduga_salah",
        Severity.ERROR,
        N_("a cell whose one corrected value would mend two or more failing sums: a likely typo"),
    )
    KODE_VERSI_LAIN = (
        "kode_versi_lain",
        Severity.INFO,
        N_("a printed code missing from the document year's nomenclature but present in another"),
    )
    SKEMA_KOLOM = (
        "skema_kolom",
        Severity.ERROR,
        N_(
            "a column the form requires is missing from a clean table, or a column no form knows "
            "is in it"
        ),
    )
    SKEMA_TIPE = (
        "skema_tipe",
        Severity.ERROR,
        N_(
            "a value of the wrong type for its column (text in an amount column, an amount held as "
            "float), an empty required cell or a repeated row number: a pipeline bug or a broken "
            "table"
        ),
    )
    SKEMA_KATEGORI = (
        "skema_kategori",
        Severity.ERROR,
        N_("a value outside its column's fixed set (`jenis_baris`, `level`, `kode_sumber`)"),
    )
    SKEMA_NEGATIF = (
        "skema_negatif",
        Severity.WARNING,
        N_("a negative amount in a column that cannot be negative"),
    )
    SKEMA_KODE = ("skema_kode", Severity.WARNING, N_("a code not in canonical Permendagri 90 form"))
    SKEMA_LEVEL = (
        "skema_level",
        Severity.WARNING,
        N_("a row's level that does not fit its code's number of segments"),
    )
    SKEMA_KODE_GANDA = (
        "skema_kode_ganda",
        Severity.WARNING,
        N_(
            "a code on more than one data row of a form that lists each code once (`related` names "
            "the row that has it first)"
        ),
    )
    SKEMA_RENTANG = (
        "skema_rentang",
        Severity.WARNING,
        N_("a percentage or score outside its possible range"),
    )
    POLA_HITUNGAN_GAGAL = (
        "pola_hitungan_gagal",
        Severity.WARNING,
        N_(
            "a sum or in-row formula that fails in nearly every row of a column: the column is not "
            "the sum the table seems to promise, or the document does not follow the formula it "
            "prints"
        ),
    )
    TABEL_TIDAK_LENGKAP = (
        "tabel_tidak_lengkap",
        Severity.WARNING,
        N_(
            "a table the reader could not take in whole (cells that fit no column, no header of "
            "its own): its sums are not checked"
        ),
    )
    KEPUTUSAN_USANG = (
        "keputusan_usang",
        Severity.WARNING,
        N_(
            "a decision of the decisions file (keputusan.csv) that no longer applies: its table, "
            "row or finding is gone, its printed value changed, or its value cannot be taken"
        ),
    )


# Each check under its own name, for ``from renja.model.checks import ...``.
ANGKA_TIDAK_TERBACA: Final = Check.ANGKA_TIDAK_TERBACA
KODE_TIDAK_TERBACA: Final = Check.KODE_TIDAK_TERBACA
SEL_TIDAK_TERPETAKAN: Final = Check.SEL_TIDAK_TERPETAKAN
KODE_URAIAN_TIDAK_COCOK: Final = Check.KODE_URAIAN_TIDAK_COCOK
KODE_TIDAK_DIKENAL: Final = Check.KODE_TIDAK_DIKENAL
KODE_TIDAK_PASTI: Final = Check.KODE_TIDAK_PASTI
KODE_BERUBAH_NOMOR: Final = Check.KODE_BERUBAH_NOMOR
ARITMETIKA_BARIS: Final = Check.ARITMETIKA_BARIS
JUMLAH_RINCIAN: Final = Check.JUMLAH_RINCIAN
JUMLAH_TOTAL: Final = Check.JUMLAH_TOTAL
HITUNGAN_RINGKASAN: Final = Check.HITUNGAN_RINGKASAN
SELISIH_PEMBULATAN: Final = Check.SELISIH_PEMBULATAN
CAPAIAN_PERSEN: Final = Check.CAPAIAN_PERSEN
BEDA_ANTAR_TABEL: Final = Check.BEDA_ANTAR_TABEL
NILAI_DIDUGA_SALAH: Final = Check.NILAI_DIDUGA_SALAH
KODE_VERSI_LAIN: Final = Check.KODE_VERSI_LAIN
SKEMA_KOLOM: Final = Check.SKEMA_KOLOM
SKEMA_TIPE: Final = Check.SKEMA_TIPE
SKEMA_KATEGORI: Final = Check.SKEMA_KATEGORI
SKEMA_NEGATIF: Final = Check.SKEMA_NEGATIF
SKEMA_KODE: Final = Check.SKEMA_KODE
SKEMA_LEVEL: Final = Check.SKEMA_LEVEL
SKEMA_KODE_GANDA: Final = Check.SKEMA_KODE_GANDA
SKEMA_RENTANG: Final = Check.SKEMA_RENTANG
POLA_HITUNGAN_GAGAL: Final = Check.POLA_HITUNGAN_GAGAL
TABEL_TIDAK_LENGKAP: Final = Check.TABEL_TIDAK_LENGKAP
KEPUTUSAN_USANG: Final = Check.KEPUTUSAN_USANG

# The checks about a row's code: what a person's choice of code (keputusan.csv) settles.
CODE_CHECKS: Final = frozenset({
    KODE_TIDAK_TERBACA, KODE_URAIAN_TIDAK_COCOK, KODE_TIDAK_DIKENAL, KODE_TIDAK_PASTI,
    KODE_BERUBAH_NOMOR, KODE_VERSI_LAIN,
})  # fmt: skip

# Every check by its slug, in the order above (read-only).
CHECKS: Final[Mapping[str, Check]] = MappingProxyType({check.slug: check for check in Check})


def check_named(slug: str) -> Check:
    """The check of a slug given as text; a slug the registry does not hold is a ``ValueError``.

    >>> check_named("jumlah_rincian") is JUMLAH_RINCIAN
    True
    >>> check_named("jumlah_rincan")
    Traceback (most recent call last):
    ValueError: 'jumlah_rincan' is no check of renja.model.checks
    """
    check = CHECKS.get(slug)
    if check is None:
        raise ValueError(f"{slug!r} is no check of renja.model.checks")
    return check


__all__ = [
    "ANGKA_TIDAK_TERBACA",
    "ARITMETIKA_BARIS",
    "BEDA_ANTAR_TABEL",
    "CAPAIAN_PERSEN",
    "CHECKS",
    "CODE_CHECKS",
    "HITUNGAN_RINGKASAN",
    "JUMLAH_RINCIAN",
    "JUMLAH_TOTAL",
    "KEPUTUSAN_USANG",
    "KODE_BERUBAH_NOMOR",
    "KODE_TIDAK_DIKENAL",
    "KODE_TIDAK_PASTI",
    "KODE_TIDAK_TERBACA",
    "KODE_URAIAN_TIDAK_COCOK",
    "KODE_VERSI_LAIN",
    "NILAI_DIDUGA_SALAH",
    "POLA_HITUNGAN_GAGAL",
    "SELISIH_PEMBULATAN",
    "SEL_TIDAK_TERPETAKAN",
    "SKEMA_KATEGORI",
    "SKEMA_KODE",
    "SKEMA_KODE_GANDA",
    "SKEMA_KOLOM",
    "SKEMA_LEVEL",
    "SKEMA_NEGATIF",
    "SKEMA_RENTANG",
    "SKEMA_TIPE",
    "TABEL_TIDAK_LENGKAP",
    "Check",
    "check_named",
]
