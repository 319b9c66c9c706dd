"""What a clean row is: its kind (``jenis_baris``) and, for a row without a code, its level.

``classify_row`` tells data rows from totals (``JUMLAH``), balances and footers
(``ringkasan``) and indicator lines; ``line_level`` and ``level_from_name`` give a row the
level its form or its own name states when no code does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from renja.model.contract import TableContract

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_TOTAL_LABEL = re.compile(
    r"^\W*(?:jumlah|total|grand\s+total|sub\s*(?:total|jumlah))\b", re.IGNORECASE
)
# A balance, not a sum: pendapatan minus belanja, penerimaan minus pengeluaran pembiayaan.
_BALANCE_LABEL = re.compile(
    r"surplus|defisit|\bnett?o\b|sisa\s+lebih\s+(?:pembiayaan|perhitungan)\s+anggaran\s+tahun\s+berkenaan|"
    r"\bsilpa\b(?!.*sebelumnya)",
    re.IGNORECASE,
)
_PROGRAM = re.compile(r"^program\b", re.IGNORECASE)
# Rows titled by their level ("Kegiatan Penegakan …", "Sub Kegiatan Penyusunan …"; "Kegitan"
# is a typo the documents make).
_KEGIATAN = re.compile(r"^keg[ia]{1,2}tan\b", re.IGNORECASE)
_SUB_KEGIATAN = re.compile(r"^sub\s*-?\s*keg[ia]{1,2}tan\b", re.IGNORECASE)
# A row naming an urusan (wajib or pilihan, or the supporting unsur), or a bidang: a division
# of the agency, or a bidang urusan, which documents also title "URUSAN …" (URUSAN
# PEMBERDAYAAN PEREMPUAN is bidang 2.08).
_URUSAN = re.compile(r"^(?:urusan\s+pemerintahan\s+(?:wajib|pilihan)|unsur)\b", re.IGNORECASE)
_BIDANG = re.compile(r"^(?:urusan|bidang)\b", re.IGNORECASE)
# A technical unit of the agency, whose programs the agency's total adds beside its bidang.
_UNIT = re.compile(r"^(?:uptd?|unit\s+pelaksana)\b", re.IGNORECASE)
# A row naming the agency itself (the SKPD's total line in many forms).
_SKPD_NAME = re.compile(
    r"^(?:badan|dinas|sekretariat|inspektorat|satuan|kantor|kecamatan|rsud|rumah sakit)\b",
    re.IGNORECASE,
)
INDICATOR_COLUMNS = ("indikator", "indikator_sebelum", "indikator_sesudah")
# The levels of a row naming a unit of the SKPD (UPTD …) or an SKPD: no program, kegiatan or
# bidang, though such a row may stand on a code line.
UNIT_LEVELS = ("unit", "skpd")


def is_total_label(text: str) -> bool:
    """A label of a sum or a balance (``JUMLAH PENDAPATAN``, ``SURPLUS/(DEFISIT)``, ``PEMBIAYAAN
    NETTO``): the row it names is no program's or account's.

    >>> is_total_label("SURPLUS/(DEFISIT)"), is_total_label("Jumlah Belanja")
    (True, True)
    >>> is_total_label("PEMBIAYAAN DAERAH")
    False
    """
    return bool(_BALANCE_LABEL.search(text) or _TOTAL_LABEL.match(text))


def _stray_total(text: str) -> bool:
    """A total's label outside the name columns; not a key of ``Jumlah 2022 : …`` (a value
    named, no sum of rows).

    >>> _stray_total("TOTAL KESELURUHAN"), _stray_total("Jumlah 2022 :")
    (True, False)
    """
    return is_total_label(text) and not text.rstrip().endswith(":")


def classify_row(
    values: dict[str, Any], amounts: list[str], labels: Sequence[str] = ("uraian", "sasaran")
) -> str:
    """What a clean row is: ``data``, ``total`` (a JUMLAH row) or ``ringkasan`` (a footer label).

    >>> classify_row({"uraian": "JUMLAH", "pagu": 1}, ["pagu"])
    'total'
    >>> classify_row({"uraian": None, "kode": None, "pagu": 714257900}, ["pagu"])
    'total'
    >>> classify_row({"uraian": "Penyediaan Gaji", "pagu": 1}, ["pagu"])
    'data'
    >>> classify_row({"uraian": "Total Surplus/(Defisit)", "pagu": 1}, ["pagu"])
    'ringkasan'
    >>> classify_row({"uraian": None, "indikator": "CAKUPAN PELAYANAN", "target": 100}, [])
    'indikator'
    >>> classify_row({"kecamatan": "Jumlah", "penduduk": 91535}, [], ("uraian", "kecamatan"))
    'total'
    >>> classify_row({"keterangan": "Keluaran :", "uraian": "Jumlah Lokus: 38 Lokus"}, [])
    'data'
    >>> [classify_row({"keterangan": k, "nilai": 5}, ["nilai"], ("keterangan",))
    ...  for k in ("Jumlah 2022 :", "JUMLAH :")]
    ['data', 'total']

    A row whose name columns are empty and whose only words are a total's label, wherever it
    stands (a report writer puts ``TOTAL KESELURUHAN`` in the column left of the amounts), is a
    total too.

    >>> classify_row({"uraian": None, "lokasi": "TOTAL KESELURUHAN", "pagu": 9}, ["pagu"])
    'total'
    >>> classify_row({"uraian": None, "indikator": "Jumlah orang", "target": 120}, ["pagu"])
    'indikator'

    ``labels`` are the columns that may carry the row's name, in order: a table of no known
    form names its rows in its first text column, whatever its header calls it.
    """
    texts = [v for k, v in values.items() if isinstance(v, str) and k not in ("jenis_baris",)]
    label = next((values[k] for k in labels if values.get(k)), "")
    key = values.get("keterangan")
    if isinstance(key, str) and key.rstrip().endswith(":"):  # a label line names its row
        if not is_total_label(key):
            label = key  # ``Keluaran : Jumlah Lokus …`` is no total
        elif _YEAR.search(key):
            return "data"  # ``Jumlah 2022 : Rp …``: a year's figure, no sum of the lines above
    if (
        not label
        and len(texts) == 1
        and _stray_total(texts[0])
        and not any(values.get(k) for k in ("kode", *INDICATOR_COLUMNS))
        and any(values.get(a) not in (None, 0) for a in amounts)
    ):
        label = texts[0]
    if _BALANCE_LABEL.search(str(label)):
        return "ringkasan"
    if _TOTAL_LABEL.match(str(label)):
        return "total"
    named = any(values.get(k) for k in ("kode", "kode_cetak", "no", "uraian", "sasaran", "tujuan"))
    if not named and any(values.get(k) for k in INDICATOR_COLUMNS):
        return "indikator"
    has_amount = any(values.get(a) not in (None, 0) for a in amounts)
    if has_amount and not texts:
        return "total"
    return "data"


def unlabelled_rows(kinds: Sequence[str], named: Sequence[bool]) -> list[str]:
    """Row kinds with the totals of a table that names none of its rows made ``data`` again:
    the right part of a table printed across pages side by side holds the amounts of every row
    but none of their names, codes or numbers, and a row of bare amounts there is no more a
    total than any other. ``named`` says which rows print a name (a code, a number, words).

    >>> unlabelled_rows(["total", "data", "total"], [False, False, False])
    ['data', 'data', 'data']
    >>> unlabelled_rows(["data", "data", "total"], [True, True, False])
    ['data', 'data', 'total']
    """
    if any(named):
        return list(kinds)
    return ["data" if kind == "total" else kind for kind in kinds]


def level_from_name(name: str) -> str | None:
    """The level a row without a code states in its own name.

    >>> level_from_name("PROGRAM KEPEGAWAIAN DAERAH"), level_from_name("BADAN KEPEGAWAIAN")
    ('program', 'skpd')
    >>> [level_from_name(n) for n in ("BIDANG BINA KONSTRUKSI", "URUSAN PEMBERDAYAAN PEREMPUAN",
    ...                                 "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN")]
    ['bidang', 'bidang', 'urusan']
    >>> level_from_name("UPTD PERLINDUNGAN PEREMPUAN DAN ANAK")
    'unit'
    >>> [level_from_name(n) for n in ("Kegitan Administrasi", "Sub Kegiatan Penyediaan")]
    ['kegiatan', 'sub_kegiatan']
    """
    if _PROGRAM.match(name):
        return "program"
    if _SUB_KEGIATAN.match(name):
        return "sub_kegiatan"
    if _KEGIATAN.match(name):
        return "kegiatan"
    if _URUSAN.match(name):
        return "urusan"
    if _UNIT.match(name):
        return "unit"
    if _BIDANG.match(name):
        return "bidang"
    if _SKPD_NAME.match(name):
        return "skpd"
    return None


def line_level(contract: TableContract, values: dict[str, Any], amounts: list[str]) -> str | None:
    """The level of a code-less line of a form that says (a budget's ``[#]`` package lines).

    >>> from renja.model.contract import TableStatus
    >>> lines = TableContract("rincian_belanja", "", TableStatus.FORM, (),
    ...     line_levels=((r"^\\s*\\[#\\]", "paket"),), default_level="rincian")
    >>> line_level(lines, {"uraian": "[#] Honorarium PPK", "jumlah": 1}, ["jumlah"])
    'paket'
    >>> line_level(lines, {"uraian": "Snack Rapat", "jumlah": 54600000}, ["jumlah"])
    'rincian'
    """
    name = str(values.get("uraian") or "")
    for pattern, level in contract.line_levels:
        if re.match(pattern, name):
            return level
    if contract.default_level and any(values.get(a) is not None for a in amounts):
        return contract.default_level
    return None
