"""Merge continuation rows: text wrapped onto a row of its own, with no code and no numbers.

A converter writes a long name or indicator that wrapped in the PDF as a second row holding only
the rest of the text (``Listrik yang Disediakan``, ``Umum``). Such a row is merged into the row
above. A row that also carries a target or an amount is a row of its own (a second indicator,
say) and is never merged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from renja.extract.shapes import Shape, sniff
from renja.model.contract import CellType, Column
from renja.model.records import Source
from renja.normalize.row_kind import is_total_label

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
    # Cells taken from the line above a code row that sat mid-cell: (slot, text)
    split_record: list[tuple[int, str]] = field(default_factory=list)
    merged: list[Source] = field(default_factory=list)
    moved: list[tuple[int, int]] = field(default_factory=list)
    overflow: list[tuple[int, str]] = field(default_factory=list)
    indent: float | None = None  # how far its name starts right of its column's edge (PDF)
    # Copies of a spanned cell emptied before rows were merged (``drop_spanned_repeats``):
    # (first slot, emptied slot, text), for the log.
    spanned: list[tuple[int, int, str]] = field(default_factory=list)

    def merged_lines(self) -> list[int]:
        """The source lines (pages, for a PDF) of the rows merged into this one, in order: the
        clean row's ``baris_gabungan``.

        >>> row = LogicalRow(["a"], Source(line=901), merged=[Source(line=902), Source(page=27)])
        >>> row.merged_lines()
        [902, 27]
        """
        return [n for s in self.merged if (n := s.line or s.page) is not None]


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
    cells: Sequence[str], above: Sequence[str], slots: Sequence[Column], relaxed: bool = False
) -> bool:
    """Is this aligned row the wrapped tail of the row above?

    ``relaxed``: text alone at the top of a PDF page, under a row the page break ended, or on a
    ruled line of its own in a PDF table whose rows carry codes, is that row's rest whatever its
    words: the page or the line, not the text, cut the row.
    """
    filled = [k for k, cell in enumerate(cells) if cell.strip()]
    if not filled:
        return False
    for k in filled:
        if slots[k].ctype not in TEXT_TYPES or sniff(cells[k]) in DATA_SHAPES:
            return False
    if not any(above[k].strip() for k in filled):
        return False
    if any(_ITEM_MARKER.match(cells[k]) for k in filled):
        return False
    if relaxed:
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


CODE_TYPES = frozenset({CellType.KODE, CellType.KODE_URAIAN, CellType.REKENING})
NAME_OR_CODE = frozenset({*CODE_TYPES, CellType.TEXT})
AMOUNT_TYPES = frozenset({CellType.RUPIAH, CellType.TARGET, CellType.PERCENT, CellType.NUMBER})


def _has(cells: Sequence[str], slots: Sequence[Column], types: frozenset[CellType]) -> bool:
    return any(c.strip() and s.ctype in types for c, s in zip(cells, slots, strict=True))


def merge_detail_line(cells: Sequence[str], above: Sequence[str], slots: Sequence[Column]) -> bool:
    """Is this row the detail line of the row above? Some forms print a record on two ruled
    lines: the code and name across the grid, then indicators, targets and pagu on the line
    under it, with no code or name of its own. The two are one record.

    >>> slots = [Column("kode", CellType.KODE), Column("uraian", CellType.TEXT),
    ...          Column("indikator", CellType.INDIKATOR), Column("pagu", CellType.RUPIAH)]
    >>> name = ["1.05.01.2.01.0001", "Penyusunan Dokumen Perencanaan", "", ""]
    >>> merge_detail_line(["", "", "Jumlah Dokumen", "45.870.000,00"], name, slots)
    True
    >>> merge_detail_line(["", "", "", "45.870.000,00"], name, slots)  # amounts alone: a total
    False
    >>> merge_detail_line(["", "", "Jumlah Laporan", "9"], name[:2] + ["Jumlah Dokumen", ""], slots)
    False
    """
    if not _has(above, slots, CODE_TYPES) or _has(cells, slots, CODE_TYPES):
        return False
    named = frozenset(k for k, s in enumerate(slots) if s.name in NAME_COLUMNS)
    coded = frozenset(k for k, s in enumerate(slots) if s.ctype in CODE_TYPES)
    if any(above[k].strip() for k in range(len(above)) if k not in named | coded):
        return False
    if any(cells[k].strip() for k in named | coded):
        return False
    return _has(cells, slots, TEXT_TYPES)


def completes_cut_record(
    cells: Sequence[str], above: Sequence[str], slots: Sequence[Column]
) -> bool:
    """Is this row, at the top of a page, the rest of the record the page break cut? It holds
    only numbers, in exactly the columns the last row of the previous page left empty, and that
    row has a name: its amounts were printed under it, on the next page.

    >>> slots = [Column("uraian", CellType.TEXT), Column("target", CellType.TARGET),
    ...          Column("pagu", CellType.RUPIAH)]
    >>> completes_cut_record(["", "", "96.750.000"], ["Peningkatan Mutu Benih", "6 Lap", ""],
    ...                      slots)
    True
    >>> completes_cut_record(["", "", "96.750.000"], ["Program", "6 Lap", "100.000"], slots)
    False
    """
    filled = [k for k, cell in enumerate(cells) if cell.strip()]
    if not filled or not _has(above, slots, NAME_OR_CODE):
        return False
    return all(slots[k].ctype in AMOUNT_TYPES and not above[k].strip() for k in filled)


# A whole Permendagri 90 code (urusan, bidang, program, kegiatan, sub kegiatan) or account code,
# and a whole amount with its thousands grouped: what a cell cut by a page break is not yet.
_WHOLE_CODE = re.compile(
    r"[1-9X]\.(?:\d{2}|XX)(?:\.\d{2}(?:\.\d\.\d{2}(?:\.\d{4})?)?)?"
    r"|\d(?:\.\d(?:\.\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)?)?"
)
_WHOLE_AMOUNT = re.compile(r"(?:Rp\.?\s?)?\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?")


def _completes(above: str, piece: str, whole: re.Pattern[str]) -> bool:
    """The cell above is not whole and becomes whole with the piece after it.

    >>> _completes("3.27.03.2.02.0", "004", _WHOLE_CODE), _completes("3.27.03", "04", _WHOLE_CODE)
    (True, False)
    >>> _completes("663.000.0", "00", _WHOLE_AMOUNT), _completes("663.000", "00", _WHOLE_AMOUNT)
    (True, False)
    """
    above, piece = above.strip(), piece.strip()
    return not whole.fullmatch(above) and bool(whole.fullmatch(above + piece))


def completes_cut_row(cells: Sequence[str], above: Sequence[str], slots: Sequence[Column]) -> bool:
    """Is this row, at the top of a page, the rest of the row the page break cut, cell by cell?
    A word processor lets a table row run over a page break: the lines of each cell that did
    not fit go on the next page, the last digits of a wrapped code or amount among them. Each
    filled cell goes on the cell above it: text (a name, an indicator) with a space, a code or
    an amount that is not whole without its piece (``3.27.03.2.02.0`` + ``004``, ``663.000.0``
    + ``00``) without; and one such piece at least, for text alone is ``is_continuation``'s.

    >>> slots = [Column("kode", CellType.KODE), Column("uraian", CellType.TEXT),
    ...          Column("pagu", CellType.RUPIAH)]
    >>> above = ["3.27.03.2.02.0", "Pembangunan,", "189.000.0"]
    >>> completes_cut_row(["004", "Rehabilitasi Embung", "00"], above, slots)
    True
    >>> completes_cut_row(["3.27.03.2.02.0005", "Pembangunan Embung", "00"], above, slots)
    False
    """
    filled = [k for k, cell in enumerate(cells) if cell.strip()]
    pieces = 0
    for k in filled:
        ctype = slots[k].ctype
        if not above[k].strip():
            return False
        if ctype in TEXT_TYPES:
            continue
        if ctype in CODE_TYPES:
            whole = _WHOLE_CODE
        elif ctype in AMOUNT_TYPES:
            whole = _WHOLE_AMOUNT
        else:
            return False
        if not _completes(above[k], cells[k], whole):
            return False
        pieces += 1
    return pieces > 0


def _join_split_records(rows: list[LogicalRow], slots: Sequence[Column]) -> list[LogicalRow]:
    """A PDF row with amounts but no code, followed by lines of text alone and then a row with
    the code but no amounts, is one record: a name wrapped over several ruled lines set the
    code mid-cell while the amounts sit on the first line. The lines become one row (texts
    joined in order) at the code row's place.
    """
    out: list[LogicalRow] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        end = _record_end(rows, i, slots) if row.source.page is not None else None
        if end is None:
            out.append(row)
            i += 1
            continue
        cells = list(row.cells)
        for part in rows[i + 1 : end + 1]:
            pairs = zip(cells, part.cells, strict=True)
            cells = [join_text(a, b) if b.strip() else a for a, b in pairs]
        code_row = rows[end]
        merged = LogicalRow(cells, code_row.source, code_row.bold or row.bold, row.page_top,
                            indent=code_row.indent)  # fmt: skip
        merged.merged = [s for r in rows[i:end] for s in (r.source, *r.merged)]
        merged.merged += code_row.merged
        merged.spanned = [copy for r in rows[i : end + 1] for copy in r.spanned]
        merged.split_record = [
            (k, part.cells[k].strip())
            for part in rows[i:end]
            for k in range(len(part.cells))
            if part.cells[k].strip()
        ]
        out.append(merged)
        i = end + 1
    return out


def _record_end(rows: list[LogicalRow], i: int, slots: Sequence[Column]) -> int | None:
    """Where the record starting at ``rows[i]`` (amounts and the start of a name, no code) ends:
    at the code row. A row with amounts but no name is the detail line of the record above
    (indicators, targets and pagu printed under a coded name line), not the start of one."""
    first = rows[i].cells
    if _has(first, slots, CODE_TYPES) or not _has(first, slots, AMOUNT_TYPES):
        return None
    names = [c for c, s in zip(first, slots, strict=True) if c.strip() and s.name in NAME_COLUMNS]
    if not names or any(is_total_label(c.strip()) for c in names):
        return None  # a total or a balance (``SURPLUS/(DEFISIT)``) starts no record
    for j in range(i + 1, len(rows)):
        cells = rows[j].cells
        if _has(cells, slots, AMOUNT_TYPES):
            return None
        if _has(cells, slots, CODE_TYPES):
            return j
    return None


# Points of slack when telling whether a line lies within the row above on the page.
BOX_SLACK = 1.0


def within_row(line: Source, row: Source) -> bool:
    """A PDF line that lies within the height of the row above: a wrapped line of one of its
    cells, whatever its words.

    >>> within_row(Source(page=40, bbox=(74.0, 289.6, 171.3, 300.2)),
    ...            Source(page=40, bbox=(42.5, 278.8, 573.6, 321.5)))
    True
    >>> within_row(Source(page=40, bbox=(42.5, 321.5, 573.6, 369.8)),
    ...            Source(page=40, bbox=(42.5, 278.8, 573.6, 321.5)))
    False
    """
    if line.bbox is None or row.bbox is None or line.page != row.page:
        return False
    return line.bbox[1] >= row.bbox[1] - BOX_SLACK and line.bbox[3] <= row.bbox[3] + BOX_SLACK


def merge_continuations(
    rows: list[LogicalRow], slots: Sequence[Column]
) -> tuple[list[LogicalRow], list[tuple[int, int, str, str, str]]]:
    """Merge wrapped-text rows into the row above (and, in PDF tables with codes, the first
    line of a record into the code row below it: see ``_join_split_records``).

    Returns the merged rows and, for the log, one (row index, slot, tail text, merged text,
    rule) per merged cell. A record's detail line (``merge_detail_line``) joins its name line.

    >>> slots = [Column("kode", CellType.KODE), Column("uraian", CellType.TEXT)]
    >>> rows = [LogicalRow(["5.03.01.2.01.06", "Penyusunan Laporan Capaian dan"], Source(982)),
    ...         LogicalRow(["", "Ikhtisar Realisasi Kinerja SKPD"], Source(984))]
    >>> merged, log = merge_continuations(rows, slots)
    >>> merged[0].cells[1], [s.line for s in merged[0].merged]
    ('Penyusunan Laporan Capaian dan Ikhtisar Realisasi Kinerja SKPD', [984])
    """
    out: list[LogicalRow] = []
    log: list[tuple[int, int, str, str, str]] = []
    coded = any(s.ctype in CODE_TYPES for s in slots)
    rows = _join_split_records(rows, slots) if coded else rows
    for row in rows:
        relaxed = (
            row.page_top
            or (coded and row.source.page is not None)
            or bool(out and within_row(row.source, out[-1].source))
        )
        if out and coded and merge_detail_line(row.cells, out[-1].cells, slots):
            _absorb(out, row, log, merge_detail_line.__name__, lambda k, above, cell: cell)
            continue
        if out and row.page_top and completes_cut_record(row.cells, out[-1].cells, slots):
            _absorb(out, row, log, completes_cut_record.__name__, lambda k, above, cell: cell)
            continue
        if out and row.page_top and completes_cut_row(row.cells, out[-1].cells, slots):

            def rest(k: int, above: str, cell: str) -> str:  # text goes on; digits complete
                text = slots[k].ctype in TEXT_TYPES
                return join_text(above, cell) if text else above.strip() + cell.strip()

            _absorb(out, row, log, completes_cut_row.__name__, rest)
            continue
        if (
            out
            and not outdented(row, out[-1])
            and is_continuation(row.cells, out[-1].cells, slots, relaxed)
        ):
            _absorb(out, row, log, RULE, lambda k, above, cell: join_text(above, cell))
            continue
        out.append(row)
        log.extend((len(out) - 1, k, text, row.cells[k], RULE) for k, text in row.split_record)
    return out, log


RULE = merge_continuations.__name__


def _absorb(
    out: list[LogicalRow],
    row: LogicalRow,
    log: list[tuple[int, int, str, str, str]],
    rule: str,
    join: Callable[[int, str, str], str],
) -> None:
    """Put the row's filled cells into the last row of ``out`` (``join``: slot, the cell there,
    the row's cell → the new cell), each logged under ``rule``; the row's sources and emptied
    copies go with it."""
    target = out[-1]
    for k, cell in enumerate(row.cells):
        if cell.strip():
            target.cells[k] = join(k, target.cells[k], cell)
            log.append((len(out) - 1, k, cell.strip(), target.cells[k], rule))
    target.merged.extend((row.source, *row.merged))
    target.spanned.extend(row.spanned)


# Names starting this many points further left than the name above are set at another depth.
OUTDENT = 2.0


def outdented(row: LogicalRow, above: LogicalRow) -> bool:
    """A name set further left than the one above it starts a new row: a wrapped name goes on
    where its first line started, never to the left of it.

    >>> from renja.model.records import Source
    >>> above = LogicalRow(["Pelatihan perawat puskesmas"], Source(1), indent=28.0)
    >>> outdented(LogicalRow(["Layanan Pendidikan"], Source(2), indent=0.0), above)
    True
    >>> outdented(LogicalRow(["kabupaten"], Source(2), indent=28.0), above)
    False
    """
    if row.indent is None or above.indent is None:
        return False
    return row.indent < above.indent - OUTDENT
