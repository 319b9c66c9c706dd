"""The checks a finding can come from: stable slugs, their severity and what they mean.

A finding's ``check`` is always one of these keys, so that auditors can filter on it across
documents and versions.
"""

from __future__ import annotations

from renja.model.records import Severity

CHECKS: dict[str, tuple[Severity, str]] = {
    "angka_tidak_terbaca": (
        Severity.WARNING,
        "a number cell that cannot be read with certainty (a digit lost or added)",
    ),
    "kode_tidak_terbaca": (Severity.WARNING, "a code cell that cannot be read"),
    "sel_tidak_terpetakan": (Severity.WARNING, "a cell that fits no column of its row"),
    "kode_uraian_tidak_cocok": (
        Severity.WARNING,
        "a printed code whose nomenclature name is not the row's name (the suggested code is in "
        "`expected`)",
    ),
    "kode_tidak_dikenal": (Severity.WARNING, "a printed code found in no nomenclature version"),
    "kode_tidak_pasti": (
        Severity.WARNING,
        "a row whose name matches no code surely enough; the candidates are listed",
    ),
    "kode_berubah_nomor": (
        Severity.INFO,
        "a printed code that the newer nomenclature renumbered (the new code is in `expected`)",
    ),
    "aritmetika_baris": (
        Severity.ERROR,
        "a row's own arithmetic fails (sesudah − sebelum = jumlah perubahan; murni + penambahan = "
        "total; TW I..IV = realisasi)",
    ),
    "jumlah_rincian": (
        Severity.ERROR,
        "a parent's amount is not the sum of its children (sub kegiatan → kegiatan → program …)",
    ),
    "jumlah_total": (Severity.ERROR, "a total row (JUMLAH) is not the sum of the rows it closes"),
    "selisih_pembulatan": (
        Severity.INFO,
        "a sum is off by no more than rounding each of its terms can explain (a prakiraan maju "
        "computed as pagu × 1.01 and rounded row by row)",
    ),
    "capaian_persen": (
        Severity.WARNING,
        "a percentage is not realisasi / target × 100 within the tolerance",
    ),
    "beda_antar_tabel": (
        Severity.WARNING,
        "the same quantity of the same code differs between tables (targets: info); raised to "
        "error when it explains an arithmetic error",
    ),
    "nilai_diduga_salah": (
        Severity.ERROR,
        "a cell whose one corrected value would mend two or more failing sums: a likely typo",
    ),
    "kode_versi_lain": (
        Severity.INFO,
        "a printed code missing from the document year's nomenclature but present in another",
    ),
    "skema_kolom": (
        Severity.ERROR,
        "a column the form requires is missing from a clean table, or a column no form knows "
        "is in it",
    ),
    "skema_tipe": (
        Severity.ERROR,
        "a value of the wrong type for its column (text in an amount column, an amount held as "
        "float), an empty required cell or a repeated row number: a pipeline bug or a broken "
        "table",
    ),
    "skema_kategori": (
        Severity.ERROR,
        "a value outside its column's fixed set (`jenis_baris`, `level`, `kode_sumber`)",
    ),
    "skema_negatif": (Severity.WARNING, "a negative amount in a column that cannot be negative"),
    "skema_kode": (Severity.WARNING, "a code not in canonical Permendagri 90 form"),
    "skema_level": (
        Severity.WARNING,
        "a row's level that does not fit its code's number of segments",
    ),
    "skema_kode_ganda": (
        Severity.WARNING,
        "a code on more than one data row of a form that lists each code once (`related` names "
        "the row that has it first)",
    ),
    "skema_rentang": (Severity.WARNING, "a percentage or score outside its possible range"),
    "pola_hitungan_gagal": (
        Severity.WARNING,
        "a sum or in-row formula that fails in most rows of a column: the column is not the sum "
        "the table seems to promise, or the document does not follow the formula it prints",
    ),
    "tabel_tidak_lengkap": (
        Severity.WARNING,
        "a table the reader could not take in whole (cells that fit no column, no header of its "
        "own): its sums are not checked",
    ),
}
