"""Read account codes (kode rekening, Permendagri 90 Lampiran II): ``5.1.02.01.01.0052``.

An SIPD budget printout lists spending by account: akun ``5``, kelompok ``5.1``, jenis ``5.1.02``,
objek ``5.1.02.01``, rincian objek ``5.1.02.01.01``, sub rincian objek ``5.1.02.01.01.0052``.
These are not program codes and are never matched against the program nomenclature; the level
comes from the number of segments.
"""

from __future__ import annotations

import re

from renja.model.i18n import _
from renja.normalize.kode import drop_trailing_dot, join_split_kode, replace_comma_in_kode
from renja.normalize.parsed import EMPTY, Parsed

REKENING_LEVELS: dict[int, str] = {
    1: "akun",
    2: "kelompok",
    3: "jenis",
    4: "objek",
    5: "rincian_objek",
    6: "sub_rincian_objek",
}
# Under a sub rincian objek an SIPD printout groups its lines: ``[#]`` a package, ``[-]`` a
# remark heading; the priced lines themselves are ``rincian``.
LINE_LEVELS = ("paket", "keterangan", "rincian")

_REKENING = re.compile(r"\d(?:\.\d{1,2}){0,4}(?:\.\d{1,4})?")


def parse_rekening(cell: str) -> Parsed[tuple[str, str]]:
    """An account code and its level; spaces and commas from damage repaired (and named).

    >>> parse_rekening("5.1.02.01.01.0052")
    Parsed(value=('5.1.02.01.01.0052', 'sub_rincian_objek'), rules=(), problem=None)
    >>> parse_rekening("5.1.0 2,04").value, parse_rekening("5.1.0 2,04").rules
    (('5.1.02.04', 'objek'), ('replace_comma_in_kode', 'join_split_kode'))
    >>> parse_rekening("4.1.01.").value, parse_rekening("4,3.").value
    (('4.1.01', 'jenis'), ('4.3', 'kelompok'))
    >>> parse_rekening("Belanja").problem
    'bukan kode rekening'
    """
    text = cell.strip()
    if not text or text in {"-", "–"}:
        return EMPTY
    rules: list[str] = []
    for rule in (replace_comma_in_kode, join_split_kode, drop_trailing_dot):
        fixed = rule(text)
        if fixed != text:
            rules.append(rule.__name__)
            text = fixed
    if not _REKENING.fullmatch(text):
        return Parsed(None, (), _("not an account code"))
    return Parsed((text, REKENING_LEVELS[text.count(".") + 1]), tuple(rules))


__all__ = ["LINE_LEVELS", "REKENING_LEVELS", "parse_rekening"]
