"""Read program and activity codes (Permendagri 90/2019) and split them from the names beside them.

The canonical form is the nomenclature's: ``5.03.01.2.01.0001`` (urusan ``5``, bidang ``03``,
program ``01``, kegiatan ``2.01``, sub kegiatan ``0001``). Writing a sub kegiatan printed ``.01``
with four digits is canonicalisation, not a repair, and is not logged.

Three schemes:

- ``p90``: the Permendagri 90 hierarchy; ``X.XX`` stands for any bidang (``generic``).
- ``lama``: Permendagri 13/2006 codes from before 2021, kept as printed; the level comes from
  the position of the last segment: ``u.bb.oo.pp.kk`` (urusan 1 or 2, bidang, organisasi,
  program, kegiatan) as in ``1.1.05.05.01``, or the glued form ``307.01.001`` (bidang ``307``,
  program, kegiatan).
- ``unit``: the code SIPD gives an organisational unit, ``1.02.0.00.0.00.01.0000`` (bidang, two
  more bidang, unit, sub unit), at level ``skpd`` (sub unit ``0000``) or ``unit``; APBD lampiran
  and RKPD list their SKPD under each bidang with it.
- ``lain``: digits and dots that fit neither, such as the org-unit code ``01.00`` or a P90 code
  that lost a segment (``5.03.02.04.03``); kept as printed (spaces and commas tidied), level None.

Text that is not made of digits and dots (``Penyusunan``, ``12 dok``), or a bare number with no
dot other than an urusan digit, is not a code: value None and a problem.

What a code is once read (its level, parent, generic form) is ``renja.model.kode.Kode``; this
module reads it from the printed cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from renja.model.i18n import _, language
from renja.model.kode import (
    GENERIC_BIDANG,
    LEVEL_BY_SEGMENTS,
    SEGMENT_WIDTHS,
    URUSAN_NAMED,
    Kode,
    is_code_in_columns,
)
from renja.model.limits import CELL_CACHE
from renja.normalize.parsed import EMPTY, Parsed
from renja.normalize.rupiah import EMPTY_MARKS, quote_cell

# Width (digits) each P90 segment may have, by position; the sub kegiatan may be printed with
# 2 or 3 digits ('.01') and is padded to the nomenclature's 4.
P90_WIDTHS: tuple[tuple[int, int], ...] = ((1, 1), (2, 2), (2, 2), (1, 1), (2, 2), (2, 4))
SUB_KEGIATAN_WIDTH = SEGMENT_WIDTHS[-1]

# Permendagri 13/2006 levels by position of the last segment: u.bb.oo.pp.kk. The organisasi
# (third) segment is not a level of the program hierarchy.
LAMA_LEVELS: tuple[str | None, ...] = ("urusan", "bidang", None, "program", "kegiatan")
# The glued form '307.01.001': urusan+bidang in one 3-digit segment, then program, kegiatan.
LAMA_GLUED_LEVELS: tuple[str, ...] = ("bidang", "program", "kegiatan")

# Repairs trusted only when the result fits a scheme: a comma or a space inside digits that fit
# no scheme ('24,22', '1 000') says the cell holds a number, not a damaged code.
LAIN_UNTRUSTED_RULES: frozenset[str] = frozenset({"replace_comma_in_kode", "join_split_kode"})

# Widest segment of a 'lain' code: SIPD org-unit codes end in 4-digit segments ('01.0000').
MAX_LAIN_SEGMENT = 4

_SPACES = re.compile(r"\s+")
_KODE_CHARS = re.compile(r"[0-9xX., ]+")
# Each P90 segment by position: urusan and the kegiatan class (1 provinsi, 2 kab/kota, ...) are
# one non-zero digit; the sub kegiatan has 2 to 4 digits as printed.
_P90_SEGMENT = tuple(
    re.compile(pattern)
    for pattern in (r"[1-9]", r"[0-9]{2}", r"[0-9]{2}", r"[1-9]", r"[0-9]{2}", r"[0-9]{2,4}")
)
_OLD_KEGIATAN = re.compile(r"[1-9][0-9]{2}")  # '201': kab/kota flag and kegiatan in one segment
_BIDANG = re.compile(r"[1-9]\.[0-9]{2}")
_DIGITS = re.compile(r"[0-9]+")
_TOKEN = re.compile(r"\S+")
_CODE_TOKEN = re.compile(r"[0-9xX.,]+")
# What may stand between a code and its name: a dash or a colon.
_SEPARATOR = re.compile(r"^[-–—:]\s*")


@dataclass(frozen=True, slots=True)
class KodeReading:
    """A code read from a cell: its canonical form, level, generic form and scheme."""

    canonical: str
    level: str | None  # 'urusan', 'bidang', 'program', 'kegiatan', 'sub_kegiatan' or None
    generic: str | None  # the X.XX form when the printed code was generic
    scheme: str  # 'p90', 'lama', 'unit' or 'lain'


# --- repair rules --------------------------------------------------------------------------


def replace_comma_in_kode(code: str) -> str:
    """Read a comma typed inside a code as the dot it stands for.

    >>> replace_comma_in_kode("5,03.01.2.03.05")
    '5.03.01.2.03.05'
    """
    return code.replace(",", ".")


def join_code_columns(code: str) -> str:
    """Join a code whose segments a form prints in columns of their own (SIPD's
    ``1 | 05 | 01 | 2.01 | 0001``), read as one cell with a space between the pieces.

    >>> join_code_columns("1 05 01 2.01 0001")
    '1.05.01.2.01.0001'
    >>> join_code_columns("5.03.0 1.2.07. 05")  # a wrapped code: join_split_kode's
    '5.03.0 1.2.07. 05'
    >>> join_code_columns("1.0 0")
    '1.0 0'
    """
    pieces = code.split()
    return ".".join(pieces) if is_code_in_columns(pieces) else code


def join_split_kode(code: str) -> str:
    """Remove the spaces a line wrap left inside a code.

    >>> join_split_kode("5.03.0 1.2.07. 05")
    '5.03.01.2.07.05'
    >>> join_split_kode("5.03.02 .2.01.0 2")
    '5.03.02.2.01.02'
    """
    return "".join(code.split())


def drop_trailing_dot(code: str) -> str:
    """Drop a dot left at the end of a code.

    >>> drop_trailing_dot("5.03.01.")
    '5.03.01'
    """
    return code.rstrip(".")


def split_kegiatan_segment(code: str) -> str:
    """Split an old-style kegiatan segment such as ``201`` into ``2.01``.

    >>> split_kegiatan_segment("5.03.02.201.01")
    '5.03.02.2.01.01'
    >>> split_kegiatan_segment("x.xx.01.206")
    'x.xx.01.2.06'
    """
    segments = code.split(".")
    if len(segments) < 4 or not _OLD_KEGIATAN.fullmatch(segments[3]):
        return code
    kegiatan = segments[3]
    return ".".join([*segments[:3], kegiatan[0], kegiatan[1:], *segments[4:]])


def insert_kegiatan_prefix(code: str, prefix: str) -> str:
    """Put back the pemda-type digit a kegiatan code lost: ``5.03.02.04`` -> ``5.03.02.2.04``.

    The digit is the document's (``2`` in a kabupaten/kota document, ``1`` in a province's).

    >>> insert_kegiatan_prefix("5.03.02.04.03", "2")
    '5.03.02.2.04.03'
    """
    segments = code.split(".")
    return ".".join([*segments[:3], prefix, *segments[3:]])


def resolve_generic_bidang(code: str, bidang: str) -> str:
    """Put the document's bidang in place of the generic ``X.XX``.

    >>> resolve_generic_bidang("X.XX.01.2.01.0001", "5.03")
    '5.03.01.2.01.0001'
    """
    return Kode.parse(code).resolved(Kode.parse(bidang)).text


# --- reading -------------------------------------------------------------------------------


def _is_generic(segments: list[str]) -> bool:
    return len(segments) >= 2 and segments[0] == "x" and segments[1] == "xx"


def _fits_p90(segments: list[str]) -> bool:
    if len(segments) not in LEVEL_BY_SEGMENTS:
        return False
    start = 2 if _is_generic(segments) else 0
    return all(_P90_SEGMENT[i].fullmatch(s) for i, s in enumerate(segments) if i >= start)


def _lama_level(segments: list[str]) -> tuple[bool, str | None]:
    """(fits, level) for a Permendagri 13/2006 code; only digits reach here."""
    first = segments[0]
    glued = len(first) == 3 and first[1:] != "00" and 2 <= len(segments) <= 3
    if glued and len(segments[1]) == 2 and all(len(s) in (2, 3) for s in segments[2:]):
        return True, LAMA_GLUED_LEVELS[len(segments) - 1]
    if first in ("1", "2") and 4 <= len(segments) <= len(LAMA_LEVELS):
        bidang, rest = segments[1], segments[2:]
        if len(bidang) in (1, 2) and bidang.strip("0") and all(len(s) in (2, 3) for s in rest):
            return True, LAMA_LEVELS[len(segments) - 1]
    return False, None


def _not_a_code(cell: str, why: str) -> Parsed[KodeReading]:
    problem = _("not a code ({why}): {cell}").format(why=why, cell=quote_cell(cell))
    return Parsed(None, problem=problem)


def parse_kode(
    text: str, bidang: str | None = None, kegiatan_prefix: str | None = None
) -> Parsed[KodeReading]:
    """Read a code cell; ``bidang`` (such as ``'5.03'``) resolves a generic ``X.XX`` code.

    ``kegiatan_prefix`` (``'2'`` for kabupaten/kota, ``'1'`` for provinsi) puts back the digit
    a kegiatan code sometimes loses (``5.03.02.04``), when the document says which it is.

    Raises ``ValueError`` only for a malformed ``bidang`` argument (misuse), never for ``text``.

    >>> parse_kode("5.03.01.2.01.01").value
    KodeReading(canonical='5.03.01.2.01.0001', level='sub_kegiatan', generic=None, scheme='p90')
    >>> parse_kode("5.03.0 1.2.07. 05").rules
    ('join_split_kode',)
    >>> parse_kode("x.xx.01.201.01", bidang="5.03").value.canonical
    '5.03.01.2.01.0001'
    >>> parse_kode("5.03.02.04.03", kegiatan_prefix="2").value.canonical
    '5.03.02.2.04.0003'
    >>> parse_kode("Penyusunan").problem
    "bukan kode (huruf atau simbol): 'Penyusunan'"
    >>> parse_kode("1.02.0.00.0.00.01.0000").value
    KodeReading(canonical='1.02.0.00.0.00.01.0000', level='skpd', generic=None, scheme='unit')
    """
    return _parse_kode(text, bidang, kegiatan_prefix, language())


@lru_cache(maxsize=CELL_CACHE)
def _parse_kode(
    text: str, bidang: str | None, kegiatan_prefix: str | None, lang: str
) -> Parsed[KodeReading]:
    """``parse_kode`` once per cell and language (its problem is in the language)."""
    del lang
    if bidang is not None and not _BIDANG.fullmatch(bidang):
        raise ValueError(f"bidang must be a bidang code such as '5.03', not {bidang!r}")
    cell = _SPACES.sub(" ", text or "").strip()
    if cell in EMPTY_MARKS:
        return EMPTY
    if not _KODE_CHARS.fullmatch(cell):
        return _not_a_code(cell, _("letters or symbols"))

    rules: list[str] = []
    code = cell.lower()
    for rule in (replace_comma_in_kode, join_code_columns, join_split_kode, drop_trailing_dot):
        repaired = rule(code)
        if repaired != code:
            code = repaired
            rules.append(rule.__name__)
    segments = code.split(".")
    if not all(segments):
        return _not_a_code(cell, _("an empty segment"))

    if not _fits_p90(segments) and _fits_p90(split_kegiatan_segment(code).split(".")):
        code = split_kegiatan_segment(code)
        segments = code.split(".")
        rules.append(split_kegiatan_segment.__name__)

    if (
        kegiatan_prefix
        and len(segments) in (4, 5)
        and not _fits_p90(segments)
        and _fits_p90(insert_kegiatan_prefix(code, kegiatan_prefix).split("."))
    ):
        code = insert_kegiatan_prefix(code, kegiatan_prefix)
        segments = code.split(".")
        rules.append(insert_kegiatan_prefix.__name__)

    if _fits_p90(segments):
        if len(segments) == len(P90_WIDTHS):
            segments[-1] = segments[-1].zfill(SUB_KEGIATAN_WIDTH)
        canonical = ".".join(segments)
        generic = None
        if _is_generic(segments):
            generic = canonical = GENERIC_BIDANG + canonical[len(GENERIC_BIDANG) :]
            if bidang is not None:
                canonical = resolve_generic_bidang(generic, bidang)
                rules.append(resolve_generic_bidang.__name__)
        level = LEVEL_BY_SEGMENTS[len(segments)]
        return Parsed(KodeReading(canonical, level, generic, "p90"), tuple(rules))

    if not all(_DIGITS.fullmatch(s) for s in segments):
        return _not_a_code(cell, _("an x outside a generic X.XX"))
    unit = Kode(tuple(segments))
    if unit.is_unit:
        return Parsed(KodeReading(code, unit.level, None, "unit"), tuple(rules))
    fits_lama, lama_level = _lama_level(segments)
    if fits_lama:
        return Parsed(KodeReading(code, lama_level, None, "lama"), tuple(rules))
    return _read_lain(code, cell, rules)


def _read_lain(code: str, cell: str, rules: list[str]) -> Parsed[KodeReading]:
    """Keep digits and dots that fit no scheme as a 'lain' code, unless they are something else."""
    segments = code.split(".")
    if len(segments) < 2:
        return _not_a_code(cell, _("digits without a dot"))
    if any(len(s) > MAX_LAIN_SEGMENT for s in segments):
        return _not_a_code(
            cell, _("a segment of more than {n} digits").format(n=MAX_LAIN_SEGMENT)
        )
    if all(len(s) == 3 for s in segments[1:]):
        return _not_a_code(cell, _("grouped like an amount of money"))
    if any(r in rules for r in LAIN_UNTRUSTED_RULES):
        return _not_a_code(cell, _("fits no code scheme, even after repair"))
    return Parsed(KodeReading(code, None, None, "lain"), tuple(rules))


def looks_like_kode(text: str) -> bool:
    """True when a cell reads as a P90 or older code with at least one separator.

    A bare urusan digit (``5``) is not enough: row numbers look the same.

    >>> looks_like_kode("5.03.0 1.2.07. 05")
    True
    >>> looks_like_kode("1.000.000")
    False
    >>> looks_like_kode("5")
    False
    """
    if not text or ("." not in text and "," not in text) or len(text) > 200:
        return False
    kode = parse_kode(text).value
    return kode is not None and kode.scheme != "lain"


def _continues(code: str, piece: str) -> bool:
    """Whether ``piece`` continues the code prefix ``code`` that a wrap split, or starts the name.

    It does when a dot joins them, when the last segment is shorter than its position allows, or
    when digits keep the sub kegiatan within its 4 digits (``.00 01``); so a name that starts with
    a digit right after a 2- or 3-digit sub kegiatan would be read into the code.
    """
    if code.endswith(".") or piece.startswith("."):
        return True
    segments = code.split(".")
    position = len(segments) - 1
    if position >= len(P90_WIDTHS):
        return False
    low, high = P90_WIDTHS[position]
    last = segments[-1]
    if len(last) < low:
        return True
    return low < high and piece.isdigit() and len(last) + len(piece) <= high


def _accepted(code_text: str) -> bool:
    """Whether a leading run of code tokens is a code worth splitting from a name."""
    read = parse_kode(code_text).value
    if read is None or "." not in join_split_kode(code_text).replace(",", ".").strip("."):
        return False
    if read.scheme != "lain":
        return True
    # A 'lain' code must not look like an amount ('1.000.000') or a decimal ('24,64').
    return "," not in code_text and all(len(s) != 3 for s in Kode.parse(read.canonical).segments)


def split_kode_uraian(text: str) -> tuple[str | None, str]:
    """Split a cell holding a code and a name; the code is returned as printed.

    Leading tokens of digits, dots and x are taken while they continue the code (see
    ``_continues``); the run must hold a dot between digits and read as a code. A 'lain' code is
    split off only if it holds no comma and no 3-digit segment, so amounts and decimals are not.

    >>> split_kode_uraian("5.03.0 1.2.08. 02 Penyediaan Jasa")
    ('5.03.0 1.2.08. 02', 'Penyediaan Jasa')
    >>> split_kode_uraian("Penyusunan Dokumen")
    (None, 'Penyusunan Dokumen')

    A dash (or a colon) set apart between the code and the name separates them (SIPD prints
    ``5.03.01 - PROGRAM …``); it is no part of the name.

    >>> split_kode_uraian("5.03.01 - PROGRAM PENUNJANG"), split_kode_uraian("5.03 : KEPEGAWAIAN")
    (('5.03.01', 'PROGRAM PENUNJANG'), ('5.03', 'KEPEGAWAIAN'))

    An urusan's code is one digit, split off before a name that says it is an urusan's.

    >>> split_kode_uraian("2 - URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN")
    ('2', 'URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN')
    >>> split_kode_uraian("3 Urusan yang diampu")
    (None, '3 Urusan yang diampu')
    """
    text = text or ""
    urusan = URUSAN_NAMED.match(text)
    if urusan:
        return urusan.group(1), urusan.group(2).strip()
    tokens: list[re.Match[str]] = []
    joined = ""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if not _CODE_TOKEN.fullmatch(token):
            break
        piece = token.lower().replace(",", ".")
        if tokens and not _continues(joined, piece):
            break
        tokens.append(match)
        joined += piece
    while tokens:
        code_text = text[tokens[0].start() : tokens[-1].end()]
        if _accepted(code_text):
            return code_text, _SEPARATOR.sub("", text[tokens[-1].end() :].strip())
        tokens.pop()
    return None, text.strip()
