"""Group band lines as a report writer prints them: ``Program : 3.27.01 PROGRAM …`` over a group,
``Sub Total Kegiatan 3.27.01.2.01`` under it.

Report writers (Crystal Reports, SIMDA and SIPD exports, spreadsheets grouped by code) print a
program or kegiatan as a band across the table, with no amounts, and its amounts on a footer line
after its rows. These are the lines' words; ``renja.normalize.groups`` puts the group's amounts on
its row. A band heading is a data row, never a header row (``renja.extract.cells``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LEVEL_WORDS = (
    r"(?P<label>urusan(?:\s+pemerintahan)?|bidang(?:\s+urusan)?|program|sub\s*-?\s*keg[ia]{1,2}tan"
    r"|keg[ia]{1,2}tan)"
)
# A code as printed: digits or X, dotted (``3.27.01.2.01``, ``X.XX.01``), or an urusan's digit.
_CODE = r"(?P<code>[0-9X]{1,4}(?:\s?\.\s?[0-9X]{1,4}){0,6})"
_HEADING = re.compile(rf"^\s*{_LEVEL_WORDS}\s*:\s*{_CODE}(?=\s|$)\s*(?P<name>.*)$", re.I | re.S)
# Another key of a ``Key : value`` block after the band's name.
_KEY = re.compile(r"\s:\s")
_LABEL = re.compile(rf"^\s*{_LEVEL_WORDS}\s*:\s*$", re.I)
_FOOTER = re.compile(
    rf"^\s*(?:sub\s*-?\s*total|jumlah|total)\s+{_LEVEL_WORDS}\b\s*:?\s*"
    rf"(?:{_CODE}(?=\s|$))?\s*$",
    re.I | re.S,
)
# The level each label word names.
_LEVELS = {"urusan": "urusan", "bidang": "bidang", "program": "program", "kegiatan": "kegiatan"}


def _level(label: str) -> str:
    words = label.lower().split()
    if words[0].startswith("sub"):
        return "sub_kegiatan"
    return "kegiatan" if words[0].startswith("keg") else _LEVELS[words[0]]


def printed_code(text: str | None) -> str | None:
    """A code as printed, without the spaces a wrap left in it."""
    return re.sub(r"\s+", "", text) if text else None


@dataclass(frozen=True, slots=True)
class Heading:
    """A band heading as printed: its level word, its code and the name after it."""

    level: str
    code: str
    name: str


def band_heading(text: str) -> Heading | None:
    """The level, code and name of a group heading band (``Label : code name``).

    >>> band_heading("Program : 3.27.01 PROGRAM PENUNJANG URUSAN")
    Heading(level='program', code='3.27.01', name='PROGRAM PENUNJANG URUSAN')
    >>> band_heading("Kegiatan : 3.27.01.2.01")
    Heading(level='kegiatan', code='3.27.01.2.01', name='')
    >>> band_heading("Sub Kegiatan: 1.02.02.2.01.0003 Pengelolaan Pelayanan Kesehatan").level
    'sub_kegiatan'
    >>> band_heading("Program Penunjang Urusan"), band_heading("Sasaran : Meningkatnya mutu")
    (None, None)

    Lines of a ``Key : value`` block joined into one cell are no band:

    >>> band_heading("Urusan Pemerintahan : 2 URUSAN WAJIB Organisasi : 2.12.0.00 Dinas")
    """
    match = _HEADING.match(text)
    if match is None or _KEY.search(match["name"]):
        return None
    name = " ".join(match["name"].split())
    return Heading(_level(match["label"]), printed_code(match["code"]) or "", name)


def band_label(text: str) -> str | None:
    """The level of a band's label printed alone (``Kegiatan :``: a reader cut the band at the
    column's edge, the code went on in the next column).

    >>> band_label("Kegiatan :"), band_label("Kegiatan : 3.27.01.2.01"), band_label("Program")
    ('kegiatan', None, None)
    """
    match = _LABEL.match(text)
    return _level(match["label"]) if match else None


def group_footer(text: str) -> tuple[str, str | None] | None:
    """The level (and code, when printed) a group's subtotal line closes.

    >>> group_footer("Sub Total Kegiatan 3.27.01.2.01")
    ('kegiatan', '3.27.01.2.01')
    >>> group_footer("Sub Total Program"), group_footer("JUMLAH SUB KEGIATAN :")
    (('program', None), ('sub_kegiatan', None))
    >>> group_footer("Jumlah Program Prioritas Daerah"), group_footer("TOTAL KESELURUHAN")
    (None, None)
    """
    match = _FOOTER.match(text)
    if match is None:
        return None
    return _level(match["label"]), printed_code(match["code"])


def is_band(text: str) -> bool:
    """A band heading, or its label alone (``band_heading``, ``band_label``): a data cell.

    >>> is_band("Program : 3.27.01"), is_band("Kegiatan :"), is_band("Program")
    (True, True, False)
    """
    return band_heading(text) is not None or band_label(text) is not None
