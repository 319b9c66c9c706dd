"""Permendagri 90 codes as values: segments, level, parent, prefixes and the generic ``X.XX``.

A ``Kode`` is a code that has already been read: dot-separated segments of digits, where the
first two may be the wildcards ``X`` and ``XX`` that stand for any urusan and bidang (the generic
form, such as ``X.XX.01``, the support program every SKPD has). Reading printed, damaged cells
(commas, wrapped lines, a lost kegiatan digit) is ``renja.normalize.kode``'s job; this type only
holds and compares what was read.

The level comes from the number of segments (Permendagri 90): urusan ``1``, bidang ``1.05``,
program ``1.05.01``, kegiatan ``1.05.01.2.01`` (the 4th segment, the kegiatan class, is ``1`` in a
provinsi's document and ``2`` in a kab/kota's), sub kegiatan ``1.05.01.2.01.0001``. Segment
widths are not checked: older (Permendagri 13/2006) codes such as ``1.1.05.05.01`` are values
too, though their level by segment count means nothing.

The code SIPD gives an organisational unit is a code too (``is_unit``): its bidang, the two more
bidang it may serve (``0.00`` when none), the unit's number and its sub unit's, ``0000`` for the
SKPD itself: ``1.02.0.00.0.00.01.0000`` (Dinas Kesehatan, level ``skpd``) lies under bidang
``1.02``; ``1.02.0.00.0.00.01.0001`` (a sub unit, level ``unit``) under that SKPD.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

LEVELS: Final = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")
# Segments of a code at each level; four segments ('u.bb.pp.k') is no level.
SEGMENTS: Final[dict[str, int]] = {
    "urusan": 1,
    "bidang": 2,
    "program": 3,
    "kegiatan": 5,
    "sub_kegiatan": 6,
}
LEVEL_BY_SEGMENTS: Final[dict[int, str]] = {count: level for level, count in SEGMENTS.items()}
# Digits of each segment in the nomenclature's canonical form: urusan, bidang, program, kegiatan
# class, kegiatan number, sub kegiatan.
SEGMENT_WIDTHS: Final = (1, 2, 2, 1, 2, 4)

# An organisational unit's code (SIPD): u.bb.u.bb.u.bb, the unit, the sub unit (0000: none).
UNIT_SEGMENTS: Final = 8
UNIT_PATTERN: Final = r"[1-9]\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}"
_UNIT_SHAPE = re.compile(UNIT_PATTERN)
# An urusan's code of one digit before a name that says it is an urusan's (``2 URUSAN
# PEMERINTAHAN WAJIB …``, ``5 - UNSUR PENUNJANG …``, ``4 UNSUR PENDUKUNG …``): no other code
# is a lone digit.
URUSAN_NAMED: Final = re.compile(
    r"^\s*([1-9])\s*(?:[-–—:]\s*)?((?:urusan\s+pemerintahan|unsur\s+[a-z]{4,})\b.*)$", re.IGNORECASE
)
SKPD_SUB_UNIT: Final = "0000"

URUSAN_WILDCARD: Final = "X"
BIDANG_WILDCARD: Final = "XX"
GENERIC_BIDANG: Final = f"{URUSAN_WILDCARD}.{BIDANG_WILDCARD}"
# The kegiatan class (4th segment) by type of pemda.
PROVINSI_CLASS: Final = "1"
KABKOTA_CLASS: Final = "2"
# Kegiatan classes that only some regions use, by the Kemendagri code of their provinces (the
# first segment of a region code): Papua's special autonomy (3) and Papua Barat's (4), which the
# provinces split from them in 2022 keep; the keistimewaan of DI Yogyakarta (5); the kekhususan
# of Jakarta (6, its administrative cities and regency); Aceh's (7, Qanun, dayah, baitul mal);
# Bali's desa adat (8). The nomenclature lists them beside the ordinary 1 and 2.
REGIONAL_CLASSES: Final[dict[str, tuple[str, ...]]] = {
    "3": ("91", "93", "94", "95"),
    "4": ("92", "96"),
    "5": ("34",),
    "6": ("31",),
    "7": ("11",),
    "8": ("51",),
}

# The segments a form prints in columns of their own, in order: urusan, bidang, program,
# kegiatan (with its pemda digit), sub kegiatan.
_COLUMN_PIECES = tuple(
    re.compile(p) for p in (r"\d|x", r"\d{2}|xx", r"\d{2}", r"\d\.\d{2}", r"\d{2,4}")
)


def is_code_in_columns(pieces: Sequence[str]) -> bool:
    """Whether pieces, left to right, are the first segments of one code as a form prints them
    in columns of their own (``1 | 05 | 01 | 2.01 | 0001``): two to five, each its segment's
    shape.

    >>> is_code_in_columns(["1", "05", "01", "2.01"]), is_code_in_columns(["1.0", "0"])
    (True, False)
    """
    return 1 < len(pieces) <= len(_COLUMN_PIECES) and all(
        shape.fullmatch(piece) for shape, piece in zip(_COLUMN_PIECES, pieces, strict=False)
    )


_DIGITS = re.compile(r"[0-9]+")
_PARSE_CACHE = 1 << 16


@dataclass(frozen=True, slots=True)
class Kode:
    """A code's segments; ``str(kode)`` and ``kode.text`` give its text.

    >>> kode = Kode.parse("5.03.02.2.01.0010")
    >>> kode.level, kode.parent(), kode.at("program"), kode.kegiatan_class
    ('sub_kegiatan', Kode('5.03.02.2.01'), Kode('5.03.02'), '2')
    >>> Kode.parse("X.XX.01").is_generic, Kode.parse("X.XX.01").resolved(Kode.parse("5.03"))
    (True, Kode('5.03.01'))
    """

    segments: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.segments:
            raise ValueError("a code has at least one segment")
        for position, segment in enumerate(self.segments):
            if _DIGITS.fullmatch(segment):
                continue
            if position == 0 and segment == URUSAN_WILDCARD:
                continue
            if position == 1 and segment == BIDANG_WILDCARD:
                continue
            raise ValueError(f"{'.'.join(self.segments)!r} is not a code: bad segment {segment!r}")
        if len(self.segments) >= 2 and (self.segments[0] == URUSAN_WILDCARD) != (
            self.segments[1] == BIDANG_WILDCARD
        ):
            raise ValueError(f"{'.'.join(self.segments)!r} is not a code: X goes with XX")

    @classmethod
    def parse(cls, text: str) -> Kode:
        """The code written ``text``; ``ValueError`` when it is not digits and dots (and the
        leading ``X.XX``). Parsed codes are cached: the same text gives the same value.

        >>> Kode.parse("5.03.01").segments
        ('5', '03', '01')
        >>> Kode.parse("5.03.")
        Traceback (most recent call last):
        ...
        ValueError: '5.03.' is not a code: bad segment ''
        """
        return _parse(text)

    @classmethod
    def from_cell(cls, value: object) -> Kode | None:
        """The code in a cell, or None when the cell holds no code (empty, text, not a string).

        >>> Kode.from_cell("5.03"), Kode.from_cell("Penyusunan"), Kode.from_cell(None)
        (Kode('5.03'), None, None)
        """
        if not isinstance(value, str) or not value:
            return None
        try:
            return _parse(value)
        except ValueError:
            return None

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Kode({self.text!r})"

    @property
    def text(self) -> str:
        """The canonical text: the segments joined by dots."""
        return ".".join(self.segments)

    @property
    def level(self) -> str | None:
        """``urusan`` … ``sub_kegiatan`` by the number of segments, ``skpd`` or ``unit`` for an
        organisational unit's code; None for four segments or seven.

        >>> [Kode.parse(c).level for c in ("5", "5.03", "5.03.01", "5.03.01.2", "5.03.01.2.01")]
        ['urusan', 'bidang', 'program', None, 'kegiatan']
        >>> Kode.parse("1.02.0.00.0.00.01.0000").level, Kode.parse("1.02.0.00.0.00.01.0003").level
        ('skpd', 'unit')
        """
        if self.is_unit:
            return "skpd" if self.segments[-1] == SKPD_SUB_UNIT else "unit"
        return LEVEL_BY_SEGMENTS.get(len(self.segments))

    @property
    def is_unit(self) -> bool:
        """Whether the code is an organisational unit's (SIPD), not a program's.

        >>> Kode.parse("3.30.3.31.2.17.22.0000").is_unit, Kode.parse("5.03.01.2.01.0001").is_unit
        (True, False)
        """
        return len(self.segments) == UNIT_SEGMENTS and bool(_UNIT_SHAPE.fullmatch(self.text))

    @property
    def is_generic(self) -> bool:
        """Whether the code is written for any bidang: ``X``, ``X.XX``, ``X.XX.01`` …"""
        return self.segments[0] == URUSAN_WILDCARD

    @property
    def bidang(self) -> Kode | None:
        """The bidang the code lies under (``X.XX`` for a generic code); None for an urusan."""
        return self.at("bidang")

    @property
    def kegiatan_class(self) -> str | None:
        """The 4th segment of a kegiatan or sub kegiatan: ``1`` provinsi, ``2`` kab/kota.

        >>> Kode.parse("1.02.03.1.05").kegiatan_class, Kode.parse("1.02.03").kegiatan_class
        ('1', None)
        """
        return self.segments[3] if len(self.segments) >= SEGMENTS["kegiatan"] else None

    def served_bidang(self) -> tuple[Kode, ...]:
        """The bidang an organisational unit's code names: its own, and up to two more it also
        serves (``0.00``: none). Empty for a program's code.

        >>> Kode.parse("2.17.3.31.0.00.01.0000").served_bidang()
        (Kode('2.17'), Kode('3.31'))
        """
        if not self.is_unit:
            return ()
        pairs = (self.segments[i : i + 2] for i in (0, 2, 4))
        return tuple(Kode(pair) for pair in pairs if pair[0] != "0")

    def at(self, level: str) -> Kode | None:
        """The code's first segments up to a level; None when the code is shorter.

        >>> Kode.parse("5.03.01.2.01").at("program"), Kode.parse("5.03").at("program")
        (Kode('5.03.01'), None)
        """
        count = SEGMENTS[level]
        if len(self.segments) < count:
            return None
        return self if len(self.segments) == count else Kode(self.segments[:count])

    def parent(self) -> Kode | None:
        """The code one level up (a sub kegiatan's kegiatan, a kegiatan's program …); None for
        an urusan.

        >>> Kode.parse("5.03.01.2.01").parent(), Kode.parse("5.03").parent()
        (Kode('5.03.01'), Kode('5'))
        >>> Kode.parse("5").parent() is None
        True

        An SKPD's code lies under its bidang, a sub unit's under its SKPD.

        >>> skpd = Kode.parse("1.02.0.00.0.00.01.0000")
        >>> skpd.parent(), Kode.parse("1.02.0.00.0.00.01.0002").parent()
        (Kode('1.02'), Kode('1.02.0.00.0.00.01.0000'))
        """
        if self.is_unit:
            if self.segments[-1] == SKPD_SUB_UNIT:
                return self.at("bidang")
            return Kode((*self.segments[:-1], SKPD_SUB_UNIT))
        above = [n for n in SEGMENTS.values() if n < len(self.segments)]
        return Kode(self.segments[: max(above)]) if above else None

    def within(self, prefix: Kode) -> bool:
        """Whether the code lies under ``prefix`` (or is it), segment by segment.

        ``X`` and ``XX`` on either side stand for any urusan and bidang; the bare placeholders
        ``X`` and ``X.XX`` name no real bidang and lie only under generic prefixes.

        >>> k = Kode.parse
        >>> k("X.XX.01.2.07.0005").within(k("5.03.01.2.07"))
        True
        >>> k("5.03.02.2.01.0010").within(k("X.XX")), k("5.03.02.2.01.0010").within(k("5.03.01"))
        (True, False)
        >>> k("X.XX").within(k("5.03")), k("X.XX").within(k("X.XX"))
        (False, True)
        """
        mine, theirs = self.segments, prefix.segments
        if len(mine) < len(theirs):
            return False
        if len(mine) <= 2 and self.is_generic and not prefix.is_generic:
            return False
        wild = (URUSAN_WILDCARD, BIDANG_WILDCARD)
        for position, (a, b) in enumerate(zip(mine, theirs, strict=False)):
            if a != b and not (position < 2 and (a in wild or b in wild)):
                return False
        return True

    def generic(self) -> Kode | None:
        """The generic ``X.XX`` form of a concrete program-or-lower code, else None.

        >>> Kode.parse("5.03.01.2.01.0001").generic()
        Kode('X.XX.01.2.01.0001')
        >>> Kode.parse("5.03").generic() is None, Kode.parse("X.XX.01").generic() is None
        (True, True)
        """
        if len(self.segments) < SEGMENTS["program"] or self.is_generic:
            return None
        return Kode((URUSAN_WILDCARD, BIDANG_WILDCARD, *self.segments[2:]))

    def resolved(self, bidang: Kode) -> Kode:
        """The code with a bidang in place of the generic ``X.XX``; a concrete code (or a bare
        ``X``) is returned as it is.

        >>> Kode.parse("X.XX.01.2.01.0001").resolved(Kode.parse("5.03"))
        Kode('5.03.01.2.01.0001')
        >>> Kode.parse("5.03.02").resolved(Kode.parse("5.04"))
        Kode('5.03.02')
        """
        if len(bidang.segments) != SEGMENTS["bidang"]:
            raise ValueError(f"{bidang.text!r} is not a bidang code such as '5.03'")
        if len(self.segments) < SEGMENTS["bidang"] or not self.is_generic:
            return self
        return Kode((*bidang.segments, *self.segments[2:]))


def regional_class(kode_pemda: str | None) -> str | None:
    """The regional kegiatan class a pemda may use, from its Kemendagri region code.

    >>> regional_class("11.01"), regional_class("94"), regional_class("63.72"), regional_class(None)
    ('7', '3', None, None)
    """
    province = (kode_pemda or "").strip().split(".")[0]
    return next((c for c, provinces in REGIONAL_CLASSES.items() if province in provinces), None)


@lru_cache(maxsize=_PARSE_CACHE)
def _parse(text: str) -> Kode:
    return Kode(tuple(text.split(".")))


__all__ = [
    "BIDANG_WILDCARD",
    "GENERIC_BIDANG",
    "KABKOTA_CLASS",
    "LEVELS",
    "LEVEL_BY_SEGMENTS",
    "PROVINSI_CLASS",
    "REGIONAL_CLASSES",
    "SEGMENTS",
    "SEGMENT_WIDTHS",
    "UNIT_PATTERN",
    "UNIT_SEGMENTS",
    "URUSAN_WILDCARD",
    "Kode",
    "is_code_in_columns",
    "regional_class",
]
