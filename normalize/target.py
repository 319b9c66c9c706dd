"""Split a target cell (``7 dok``, ``61 org/ bln``, ``68,8 1%``, ``BB``) into value and satuan.

Known unit abbreviations are written out (``dok`` -> ``dokumen``). A unit that is not in
``SATUAN_ALIASES`` is kept exactly as printed (only its spaces tidied), not lower-cased and not
corrected: ``3 Pekat`` stays ``Pekat`` so that a reviewer sees the odd unit as the author typed it.
A target with no leading number (``A``, ``BB``, ``WTP``) is a predicate, kept in ``text``; so is a
compound target that holds two numbers (``471 orang/ 5 Lap``), verbatim and with no problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from renja.normalize.parsed import EMPTY, Parsed
from renja.normalize.percent import parse_decimal
from renja.normalize.rupiah import EMPTY_MARKS, drop_footnote_mark, quote_cell

# Printed unit (lower case, no trailing dot) -> canonical satuan. Abbreviations seen in Renja
# tables are written out so that the same unit groups together; 'SK' and '%' keep their form.
SATUAN_ALIASES: dict[str, str] = {
    "dok": "dokumen",
    "dokumen": "dokumen",
    "org": "orang",
    "orn": "orang",
    "orang": "orang",
    "lap": "laporan",
    "laporan": "laporan",
    "bln": "bulan",
    "bulan": "bulan",
    "thn": "tahun",
    "tahun": "tahun",
    "hari": "hari",
    "keg": "kegiatan",
    "kegiatan": "kegiatan",
    "eks": "eksemplar",
    "eksemplar": "eksemplar",
    "lbr": "lembar",
    "lembar": "lembar",
    "bh": "buah",
    "buah": "buah",
    "pkt": "paket",
    "paket": "paket",
    "unit": "unit",
    "lembaga": "lembaga",
    "kali": "kali",
    "jenis": "jenis",
    "sk": "SK",
    "%": "%",
    "persen": "%",
}

_SPACES = re.compile(r"\s+")
# A leading number (digits, separators and the spaces a wrap leaves), then the unit.
_NUMBER_THEN_UNIT = re.compile(r"(?P<number>[-–−]?[0-9][0-9., ]*)(?P<unit>.*)")
_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True, slots=True)
class Target:
    """A target: a number and its satuan, or a predicate/compound kept verbatim in ``text``."""

    value: Decimal | None
    satuan: str | None
    text: str | None


def _known(unit: str) -> bool:
    return unit.lower().rstrip(".") in SATUAN_ALIASES


def canonical_satuan(unit: str) -> str:
    """The canonical name of a unit; each side of a compound ``a/b`` is named on its own.

    >>> canonical_satuan("dok")
    'dokumen'
    >>> canonical_satuan("org/ bln")
    'orang/bulan'
    >>> canonical_satuan("SK")
    'SK'
    >>> canonical_satuan("Pekat")  # not a known unit: kept as printed
    'Pekat'
    """
    if "/" in unit:
        return "/".join(canonical_satuan(side) for side in unit.split("/"))
    word = " ".join(unit.split())
    return SATUAN_ALIASES.get(word.lower().rstrip("."), word)


def join_split_unit(unit: str) -> str:
    """Rejoin the letters of a unit that conversion spaced out, only when it forms a known unit.

    >>> join_split_unit("Lap ora n")
    'Laporan'
    >>> join_split_unit("p a k e t")
    'paket'
    >>> join_split_unit("Pe kat")  # 'Pekat' is not a known unit: left alone
    'Pe kat'
    """
    joined = "".join(unit.split())
    return joined if _known(joined) else unit


def join_split_digits(number: str) -> str:
    """Rejoin a number whose digits conversion spaced out one by one.

    >>> join_split_digits("1 4 6")
    '146'
    """
    return "".join(number.split())


def _squash(text: str) -> str:
    return "".join(text.split()).lower()


def _read_unit(unit: str) -> tuple[str, list[str]]:
    """Name a unit with no digits in it; returns the satuan and the rules that fired."""
    rules: list[str] = []
    sides = []
    for side in unit.split("/"):
        joined = join_split_unit(side.strip()) if " " in side.strip() else side.strip()
        if joined != side.strip():
            rules.append(join_split_unit.__name__)
        sides.append(joined)
    printed = "/".join(sides)
    satuan = canonical_satuan(printed)
    if _squash(satuan) != _squash(printed):
        rules.append(canonical_satuan.__name__)
    return satuan, rules


# A bound printed before a target's number: ``≥ 80 %``, ``> 90``, ``Min. 3 Dokumen``.
_BOUND = re.compile(
    r"^(?:[≥≤]|>=?|<=?|=>|=<|min(?:imal|\.)?|maks(?:imal|\.)?|max\.?)\s*(?=[0-9])",
    re.IGNORECASE,
)


def read_bound(text: str) -> str:
    """A target printed as a bound, the bound left out: the number and its unit are the target
    (the cell as printed stays in ``target_teks``).

    >>> read_bound("≥ 80 %"), read_bound("Min. 3 Dokumen"), read_bound("> 90"), read_bound("BB")
    ('80 %', '3 Dokumen', '90', 'BB')
    """
    return _BOUND.sub("", text, count=1)


def split_target(text: str) -> Parsed[Target]:
    """Split a target cell into its value and satuan.

    >>> split_target("61 org/ bln")
    Parsed(value=Target(value=Decimal('61'), satuan='orang/bulan', text=None), rules=('canonical_satuan',), problem=None)
    >>> split_target("1 0 u nit").value
    Target(value=Decimal('10'), satuan='unit', text=None)
    >>> split_target("BB").value
    Target(value=None, satuan=None, text='BB')
    >>> split_target("5*)")
    Parsed(value=Target(value=Decimal('5'), satuan=None, text=None), rules=('drop_footnote_mark',), problem=None)

    A bound keeps the cell as printed beside the number:

    >>> split_target("≥ 80 %").value
    Target(value=Decimal('80'), satuan='%', text='≥ 80 %')
    """  # noqa: E501
    cell = _SPACES.sub(" ", text or "").strip()
    if cell in EMPTY_MARKS:
        return EMPTY
    bounded = read_bound(cell)
    if bounded != cell:
        inner = split_target(bounded)
        target = inner.value
        if target is None or target.value is None:
            return Parsed(Target(None, None, cell))
        bound_rules = (read_bound.__name__, *inner.rules)
        return Parsed(Target(target.value, target.satuan, cell), bound_rules, inner.problem)
    marked = drop_footnote_mark(cell)
    match = _NUMBER_THEN_UNIT.fullmatch(marked)
    if match is None:
        return Parsed(Target(None, None, cell))
    number, unit = match["number"].strip(), match["unit"].strip()
    if _DIGIT.search(unit):
        return Parsed(Target(None, None, cell))  # compound: two numbers in one target

    rules: list[str] = [drop_footnote_mark.__name__] if marked != cell else []
    if " " in number and "," not in number and "." not in number:
        if any(len(piece) > 1 for piece in number.split()):
            return Parsed(Target(None, None, cell))  # '12 5': two numbers, not spaced digits
        number = join_split_digits(number)
        rules.append(join_split_digits.__name__)
    read = parse_decimal(number)
    if read.value is None:
        return Parsed(None, problem=f"{read.problem} (target {quote_cell(cell)})")
    rules += read.rules

    satuan = None
    if unit:
        satuan, unit_rules = _read_unit(unit)
        rules += unit_rules
    return Parsed(Target(read.value, satuan, None), tuple(dict.fromkeys(rules)))
