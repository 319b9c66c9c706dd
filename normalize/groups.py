"""Group bands in a clean table: a heading row over a group, its subtotal row under it.

Report writers (Crystal Reports, SIMDA and SIPD exports, spreadsheets grouped by code) print a
program or kegiatan as a band across the table, ``Program : 3.27.01 PROGRAM PENUNJANG …``, with
no amounts, and its amounts on a footer line after its rows, ``Sub Total Kegiatan 3.27.01.2.01``
or ``Sub Total Program``, often in a column that is no name column (the one left of the
amounts). ``split_band_heading`` reads the heading's code and name into their columns;
``group_folds`` pairs each footer with the heading it closes, so that the clean table holds the
group's amounts on the group's own row, where the hierarchy audit and a comparison by code
expect them.
"""

from __future__ import annotations

from collections.abc import Sequence

from renja.extract.bands import Heading, band_heading, band_label, group_footer, printed_code
from renja.extract.shapes import Shape, sniff
from renja.model.contract import CellType, Column
from renja.normalize.kode import parse_kode


def _canonical(code: str) -> str:
    kode = parse_kode(code).value
    return kode.canonical if kode is not None else code


def _slots(slots: Sequence[Column]) -> tuple[int, int] | None:
    """The code column and the name column of a table that has both."""
    names = [s.name for s in slots]
    code = next((k for k, s in enumerate(slots) if s.ctype is CellType.KODE), None)
    if code is None or "uraian" not in names:
        return None
    return code, names.index("uraian")


def _band(cells: Sequence[str], code: int, name: int) -> tuple[Heading, bool] | None:
    """The band heading a row prints, and whether its name cell was part of the band's text:
    the heading whole in the code column; its label there and the code starting the name
    column (a PDF reader cut the band at the column's edge); or whole in the name column
    with the code column empty."""
    in_code, in_name = cells[code].strip(), cells[name].strip()
    if not in_code:
        heading = band_heading(in_name)
        return (heading, True) if heading is not None else None
    heading = band_heading(in_code)
    if heading is not None:
        return heading, False
    if band_label(in_code) and in_name:
        heading = band_heading(f"{in_code} {in_name}")
        return (heading, True) if heading is not None else None
    return None


def split_band_heading(cells: list[str], slots: Sequence[Column]) -> tuple[int, int] | None:
    """A band heading (``Program : 3.27.01 PROGRAM …``): its code goes to the code column, its
    name to the name column, followed by the rest of the name a PDF reader cut off into the
    next columns when the row holds nothing else (a band carries no indicator, target or
    amount).

    Returns (code slot, name slot) when it split the text; the cells are changed in place.

    >>> from renja.model.contract import CellType as T
    >>> slots = [Column("kode", T.KODE), Column("uraian", T.TEXT), Column("indikator", T.TEXT),
    ...          Column("pagu", T.RUPIAH)]
    >>> cells = ["Program : 3.27.01 PROGRAM PENUNJANG URUSAN", "", "", ""]
    >>> split_band_heading(cells, slots), cells
    ((0, 1), ['3.27.01', 'PROGRAM PENUNJANG URUSAN', '', ''])

    Cut at the columns' edges:

    >>> cells = ["Program : 3.27.01", "PROGRAM PENUNJANG", "URUSAN PEMERINTAHAN", ""]
    >>> split_band_heading(cells, slots), cells
    ((0, 1), ['3.27.01', 'PROGRAM PENUNJANG URUSAN PEMERINTAHAN', '', ''])
    >>> cells = ["Kegiatan :", "3.27.01.2.01 Perencanaan,", "Penganggaran", ""]
    >>> split_band_heading(cells, slots), cells
    ((0, 1), ['3.27.01.2.01', 'Perencanaan, Penganggaran', '', ''])

    Words that read as an indicator are no part of the name:

    >>> cells = ["Program : 3.27.01", "PROGRAM PENUNJANG", "Persentase capaian", ""]
    >>> split_band_heading(cells, slots), cells
    ((0, 1), ['3.27.01', 'PROGRAM PENUNJANG', 'Persentase capaian', ''])
    >>> split_band_heading(["3.27.01", "Program : tanpa kode", "", ""], slots)
    """
    found = _slots(slots)
    if found is None:
        return None
    code, name = found
    band = _band(cells, code, name)
    if band is None:
        return None
    heading, name_used = band
    parts = [heading.name] if name_used else [heading.name, cells[name].strip()]
    spill = _spill(cells, slots, name)
    for k in spill:
        parts.append(cells[k].strip())
        cells[k] = ""
    cells[code] = heading.code
    cells[name] = " ".join(t for t in parts if t)
    return code, name


def _spill(cells: Sequence[str], slots: Sequence[Column], name: int) -> list[int]:
    """The text cells right after the name column that a band's name ran into: filled one
    after another from there, words that read as no indicator, in a row where nothing but
    amounts (its subtotal's, ``fold_group_footers``) is filled besides."""
    filled = [
        k
        for k, cell in enumerate(cells)
        if cell.strip() and k > name and slots[k].ctype not in (CellType.RUPIAH, CellType.NUMBER)
    ]
    if any(k != name + i for i, k in enumerate(filled, start=1)):
        return []
    if any(sniff(cells[k]) is not Shape.TEXT for k in filled):
        return []
    return filled


def group_folds(
    headings: Sequence[tuple[str, str] | None],
    footers: Sequence[tuple[str, str | None] | None],
) -> dict[int, int]:
    """Which heading row each subtotal row closes: ``{footer index: heading index}``.

    ``headings`` gives each row that is a group heading (a code and no amounts: see
    ``heading_of``) its level and code; ``footers`` each subtotal row its level and printed
    code (``footer_of``). A footer closes the nearest heading above it of its level (and of its
    code, when it prints one) that no footer closed yet; a footer with no such heading closes
    nothing (it stays a total row of its own).

    >>> headings = [("program", "3.27.01"), ("kegiatan", "3.27.01.2.01"), None, None, None]
    >>> group_folds(headings, [None, None, None, ("kegiatan", "3.27.01.2.01"), ("program", None)])
    {3: 1, 4: 0}
    >>> group_folds(headings, [None, None, None, ("kegiatan", "3.27.01.2.02"), None])
    {}
    """
    folds: dict[int, int] = {}
    closed: set[int] = set()
    for index, footer in enumerate(footers):
        if footer is None:
            continue
        level, code = footer
        wanted = _canonical(code) if code is not None else None
        for above in range(index - 1, -1, -1):
            heading = headings[above]
            if heading is None or above in closed or heading[0] != level:
                continue
            if wanted is None or heading[1] == wanted:
                folds[index] = above
                closed.add(above)
                break
    return folds


def heading_of(cells: Sequence[str], slots: Sequence[Column]) -> tuple[str, str] | None:
    """The level and code of a row that may head a group: a code (plain in the code column, or
    a band ``Program : code``) and no amount.

    >>> from renja.model.contract import CellType as T
    >>> slots = [Column("kode", T.KODE), Column("uraian", T.TEXT), Column("pagu", T.RUPIAH)]
    >>> heading_of(["Program : 3.27.01", "PROGRAM PENUNJANG", ""], slots)
    ('program', '3.27.01')
    >>> heading_of(["Kegiatan :", "3.27.01.2.01 Perencanaan", ""], slots)
    ('kegiatan', '3.27.01.2.01')
    >>> heading_of(["3.27.01.2.01", "Perencanaan", "1.000.000"], slots)
    """
    found = _slots(slots)
    if found is None:
        return None
    if any(
        cell.strip() and slot.ctype in _AMOUNT_TYPES and slot.ctype is not CellType.TARGET
        for cell, slot in zip(cells, slots, strict=False)
    ):
        return None
    band = _band(cells, *found)
    code = band[0].code if band is not None else cells[found[0]].strip()
    kode = parse_kode(code).value if code else None
    if kode is None or kode.level is None or kode.scheme == "lain":
        return None
    return kode.level, kode.canonical


def footer_of(cells: Sequence[str], slots: Sequence[Column]) -> tuple[str, str | None] | None:
    """The level and code a row's subtotal label closes, when the row is one: its words (in
    whatever columns they were printed, joined in order) read ``Sub Total <level> [code]`` and
    its other cells are amounts.

    >>> from renja.model.contract import CellType as T
    >>> slots = [Column("kode", T.KODE), Column("uraian", T.TEXT), Column("lokasi", T.TEXT),
    ...          Column("pagu", T.RUPIAH)]
    >>> footer_of(["", "", "Sub Total Kegiatan 3.27.01.2.01", "1.809.000.000"], slots)
    ('kegiatan', '3.27.01.2.01')
    >>> footer_of(["3.27.01", "Jumlah Program", "", "5.000"], slots)
    ('program', '3.27.01')
    >>> footer_of(["", "Sub Total Program", "Kab. Banyumas", "5.000"], slots)

    A subtotal line with no amount has nothing to give its group: it is none.

    >>> footer_of(["", "", "Sub Total Program", ""], slots)
    """
    words: list[str] = []
    code: str | None = None
    amounts = False
    for cell, slot in zip(cells, slots, strict=False):
        text = cell.strip()
        if not text:
            continue
        if slot.ctype in _AMOUNT_TYPES:
            amounts = amounts or slot.ctype in FOLDED_TYPES
            continue
        if slot.ctype is CellType.KODE and code is None:
            code = text
            continue
        words.append(text)
    footer = group_footer(" ".join(words)) if words and amounts else None
    if footer is None:
        return None
    level, printed = footer
    if code is not None and printed is not None and printed_code(code) != printed:
        return None
    return level, printed if printed is not None else (printed_code(code) if code else None)


_AMOUNT_TYPES = frozenset({CellType.RUPIAH, CellType.NUMBER, CellType.PERCENT, CellType.TARGET})


def fold_group_footer(
    heading: list[str], footer: Sequence[str], slots: Sequence[Column]
) -> list[int]:
    """A group's subtotal line folded into its heading row (``group_folds`` pairs them): each
    amount of the footer goes to the heading's empty cell of its column; its label stays
    behind. Returns the slots that moved; ``heading`` is changed in place.

    >>> from renja.model.contract import CellType as T
    >>> slots = [Column("kode", T.KODE), Column("uraian", T.TEXT), Column("lokasi", T.TEXT),
    ...          Column("pagu", T.RUPIAH)]
    >>> heading = ["3.27.01.2.01", "Perencanaan", "", ""]
    >>> fold_group_footer(heading, ["", "", "Sub Total Kegiatan 3.27.01.2.01", "1.809.000.000"],
    ...                   slots), heading
    ([3], ['3.27.01.2.01', 'Perencanaan', '', '1.809.000.000'])
    """
    moved = []
    for k, cell in enumerate(footer):
        if cell.strip() and slots[k].ctype in FOLDED_TYPES and not heading[k].strip():
            heading[k] = cell
            moved.append(k)
    return moved


# The cells a subtotal line gives its group's heading: its amounts (not its label).
FOLDED_TYPES = frozenset({CellType.RUPIAH, CellType.NUMBER})
