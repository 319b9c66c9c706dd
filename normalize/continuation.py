"""Merge continuation rows: text wrapped onto a row of its own, with no code and no numbers.

A converter writes a long name or indicator that wrapped in the PDF as a second row holding only
the rest of the text (``Listrik yang Disediakan``, ``Umum``). Such a row is merged into the row
above. A row that also carries a target or an amount is a row of its own (a second indicator,
say) and is never merged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from renja.extract.shapes import Shape, sniff
from renja.normalize.columns import Slot
from renja.normalize.kinds import CellType
from renja.records import Source

TEXT_TYPES = frozenset({CellType.TEXT, CellType.INDIKATOR, CellType.KODE_URAIAN})
# Columns that name the row itself: text there must read as the rest of the name above.
NAME_COLUMNS = frozenset({"uraian", "uraian_perubahan", "sasaran", "tujuan"})
# Shapes that only data has; a row holding one of them is never a continuation.
DATA_SHAPES = frozenset({Shape.AMOUNT, Shape.CODE, Shape.PERCENT, Shape.NUMBER, Shape.TARGET})
# A name continues when the line above stops on a word that needs more after it.
_OPEN_END = re.compile(
    r"(?:\b(?:dan|atau|serta|yang|pada|untuk|bagi|di|ke|dari|dengan|dalam|terhadap|oleh|"
    r"sebagai|antar|dan/atau)|[,/(&-])\s*$",
    re.IGNORECASE,
)
# A line opening with a list marker is an item of its own, never the tail of the one above.
_ITEM_MARKER = re.compile(r"^\s*(?:\[[#*+-]\]|[•▪●◦])")
# A short fragment (a word or two) below a name is its wrapped tail.
SHORT_TAIL_WORDS = 2


@dataclass(slots=True)
class LogicalRow:
    """One row of a clean table: aligned cells, where it came from, what was merged into it."""

    cells: list[str]
    source: Source
    bold: bool = False
    page_top: bool = False  # the first row after a PDF page break
    merged: list[Source] = field(default_factory=list)
    moved: list[tuple[int, int]] = field(default_factory=list)
    overflow: list[tuple[int, str]] = field(default_factory=list)


def continues_name(above: str, text: str) -> bool:
    """True when ``text`` reads as the wrapped rest of the name ``above``.

    >>> continues_name("Penyusunan Laporan Capaian Kinerja dan", "Ikhtisar Realisasi Kinerja SKPD")
    True
    >>> continues_name("Penyelenggaraan Pengembangan … dan Urusan Pemerintahan", "Umum")
    True
    >>> continues_name("Penyediaan Jasa Pelayanan Umum Kantor", "Penyediaan Bahan Logistik Kantor")
    False
    >>> continues_name("[#] Honorarium PPK", "[-]")
    False
    """
    text = text.strip()
    if not text or not above.strip() or _ITEM_MARKER.match(text):
        return False
    return bool(
        _OPEN_END.search(above) or text[0].islower() or len(text.split()) <= SHORT_TAIL_WORDS
    )


def is_continuation(
    cells: Sequence[str], above: Sequence[str], slots: Sequence[Slot], page_top: bool = False
) -> bool:
    """Is this aligned row the wrapped tail of the row above?

    Text alone at the top of a PDF page, under a row the page break ended, is that row's rest
    whatever its words: the page break, not the text, cut the row.
    """
    filled = [k for k, cell in enumerate(cells) if cell.strip()]
    if not filled:
        return False
    for k in filled:
        spec = slots[k].spec
        if spec is None or spec.ctype not in TEXT_TYPES or sniff(cells[k]) in DATA_SHAPES:
            return False
    if not any(above[k].strip() for k in filled):
        return False
    if page_top:
        return True
    return all(continues_name(above[k], cells[k]) for k in filled if slots[k].name in NAME_COLUMNS)


def join_text(above: str, text: str) -> str:
    """Join wrapped text: a space between words, none after a hyphenated break.

    >>> join_text("Peraturan Perundang-", "undangan")
    'Peraturan Perundang-undangan'
    >>> join_text("Sumber Air dan", "Listrik yang Disediakan")
    'Sumber Air dan Listrik yang Disediakan'
    """
    above, text = above.rstrip(), text.strip()
    if not above:
        return text
    if above.endswith("-") and text[:1].islower():
        return above + text
    return f"{above} {text}"


def merge_continuations(
    rows: list[LogicalRow], slots: Sequence[Slot]
) -> tuple[list[LogicalRow], list[tuple[int, int, str, str]]]:
    """Merge wrapped-text rows into the row above.

    Returns the merged rows and, for the log, one (row index, slot, tail text, merged text)
    per merged cell.

    >>> from renja.normalize.kinds import ColumnSpec, CellType
    >>> slots = [Slot("kode", ColumnSpec("kode", CellType.KODE)),
    ...          Slot("uraian", ColumnSpec("uraian", CellType.TEXT))]
    >>> rows = [LogicalRow(["5.03.01.2.01.06", "Penyusunan Laporan Capaian dan"], Source(982)),
    ...         LogicalRow(["", "Ikhtisar Realisasi Kinerja SKPD"], Source(984))]
    >>> merged, log = merge_continuations(rows, slots)
    >>> merged[0].cells[1], [s.line for s in merged[0].merged]
    ('Penyusunan Laporan Capaian dan Ikhtisar Realisasi Kinerja SKPD', [984])
    """
    out: list[LogicalRow] = []
    log: list[tuple[int, int, str, str]] = []
    for row in rows:
        if out and is_continuation(row.cells, out[-1].cells, slots, row.page_top):
            target = out[-1]
            for k, cell in enumerate(row.cells):
                if cell.strip():
                    target.cells[k] = join_text(target.cells[k], cell)
                    log.append((len(out) - 1, k, cell.strip(), target.cells[k]))
            target.merged.append(row.source)
            continue
        out.append(row)
    return out, log
