"""Stitch the page parts of one table into one logical table; find header rows and captions.

A page break in a converted document shows up as blank lines between two blocks of rows, often
with the header block printed again. Blocks separated only by blank lines or page furniture
(a page number), whose widths agree and whose headers (if any) repeat the table's header, are
parts of the same table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from renja.extract.cells import (
    is_data_cell,
    is_group_heading,
    is_header_row,
    is_number_row,
    labels_over_numbers,
)
from renja.extract.label_lines import ENGINE as LABEL_ENGINE
from renja.extract.label_lines import label_blocks
from renja.model.labels import printed_number
from renja.model.records import RawRow, RawTable, RowRole

if TYPE_CHECKING:
    from renja.extract.markdown import TextLine

# A table header is at most this many rows deep; deeper "headers" are data that looks like labels.
MAX_HEADER_ROWS = 6
# Page parts of one table may differ by this many cells per row, or this share of the width,
# whichever is larger (converters drop empty cells, more of them on sparse footer rows).
WIDTH_TOLERANCE = 3
WIDTH_TOLERANCE_SHARE = 0.2
# Two header rows are the same header when their texts are this similar (0-100); page repeats
# of a header differ in small ways ("PERUBAHAN 24" / "PERUBAHAN 2024").
REPEAT_SIMILARITY = 85
# Caption lines are short; a longer line is prose and ends the caption search.
MAX_CAPTION_LINE = 250
MAX_CAPTION_LINES = 8

_FURNITURE = re.compile(
    r"^\s*(?:\d{1,4}|[ivxlc]{1,6}|(?:halaman|hal\.?|page)\s*\d+(?:\s*(?:dari|of|/)\s*\d+)?|"
    r"-\s*\d+\s*-|[ivxlc]{1,6}\s*-\s*\d{1,4})\s*$",
    re.IGNORECASE,
)
# A running head or foot that counts the pages (``RKA-SKPD 2.2 - Dinas … Halaman 1 dari 2``),
# and a rule a converter sets between pages (``-----``, ``* * *``).
_COUNTED_PAGE = re.compile(
    r"^.{0,150}\b(?:halaman|hal\.?|page)\s*\d+\s*(?:dari|of|/)\s*\d+\s*$", re.IGNORECASE
)
_RULE = re.compile(r"^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_CAPTION_ANCHOR = re.compile(r"^\W*(?:tabel|table|formulir|form|lampiran)\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(slots=True)
class Block:
    """Consecutive table rows of one form, between blank lines or text."""

    engine: str
    rows: list[RawRow]
    start: int
    end: int
    # Blocks of one stream may be parts of one table: the engine by default; a PDF's pages are
    # one stream whichever engine read each page.
    stream: str = ""
    fresh: bool = False  # known to start a new table (a PDF table drawn on a new grid)

    @property
    def stream_key(self) -> str:
        return self.stream or self.engine

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


def is_page_furniture(text: str) -> bool:
    """A line a page break leaves behind: a page number, ``Halaman 3 dari 9``, a running head
    or foot counting the pages, a converter's rule between pages.

    >>> [is_page_furniture(t) for t in ["12", "Halaman 3 dari 9", "Tabel 5.2", "-----",
    ...     "RKA-SKPD 2.2 - Dinas Lingkungan Hidup Halaman 1 dari 2", "Jumlah halaman 3"]]
    [True, True, False, True, True, False]
    """
    return bool(_FURNITURE.match(text) or _COUNTED_PAGE.match(text) or _RULE.match(text))


def _row_key(row: RawRow) -> str:
    return _NON_WORD.sub(" ", " ".join(row.cells).lower()).strip()


def with_header_rows(rows: Sequence[RawRow]) -> list[RawRow]:
    """The rows of a block with its leading label rows marked HEADER.

    A leading row is a header row when it reads like labels, when it is the column-number row,
    or when it holds labels over columns that hold numbers below it. Under the column-number
    row, only a row of labels over several columns (``K | Rp | K | Rp``) is still the header's:
    a line across the table (a SIPD print's ``Urusan Pemerintahan : …`` over its first program)
    is the body's.
    """
    out = list(rows)
    marked = 0
    numbered = False
    for index, row in enumerate(rows):
        if row.role is RowRole.SEPARATOR:
            continue
        if marked >= MAX_HEADER_ROWS:
            break
        filled = [c.strip() for c in row.cells if c.strip()]
        if numbered and len(set(filled)) < 2:
            break
        if len(set(filled)) == 1 and is_group_heading(filled[0]):
            break  # ``Prioritas 1: …`` across the table (a converter may copy it to each cell)
        below = [r.cells for r in rows[index + 1 :] if r.role is not RowRole.SEPARATOR]
        if (
            row.role is RowRole.HEADER
            or is_header_row(row.cells)
            or labels_over_numbers(row.cells, below)
        ):
            out[index] = replace(row, role=RowRole.HEADER)
            marked += 1
            numbered = numbered or is_number_row(row.cells)
            continue
        break
    return _inner_repeats(out)


def _inner_repeats(rows: list[RawRow]) -> list[RawRow]:
    """The rows with those that print the header again further down marked REPEATED_HEADER:
    a conversion that joined a table's pages keeps each page's header (and column-number) rows
    between its data rows. Such a row repeats one of the header rows, and holds no value (an
    amount or a code) that a header row could not: it reads as labels or column numbers."""
    keys = [_row_key(r) for r in rows if r.role is RowRole.HEADER]

    def repeats(row: RawRow) -> bool:  # the cheap test first: most rows hold values
        filled = [c for c in row.cells if c.strip()]
        labels = is_header_row(row.cells) or not any(is_data_cell(c) for c in filled)
        return labels and any(fuzz.ratio(_row_key(row), k) >= REPEAT_SIMILARITY for k in keys)

    if not keys:
        return rows
    return [
        replace(row, role=RowRole.REPEATED_HEADER)
        if row.role is RowRole.BODY and repeats(row) else row
        for row in rows
    ]


def is_repeat_of(row: RawRow, header: Sequence[RawRow]) -> bool:
    """True when a row repeats one of the table's header rows."""
    key = _row_key(row)
    return any(fuzz.ratio(key, _row_key(h)) >= REPEAT_SIMILARITY for h in header)


def leading_header(block: Block) -> list[RawRow]:
    """The label rows a block starts with (before any data row)."""
    out: list[RawRow] = []
    for row in block.rows:
        if row.role is RowRole.SEPARATOR:
            continue
        if row.role is RowRole.HEADER or is_header_row(row.cells):
            out.append(row)
            if len(out) >= MAX_HEADER_ROWS:
                break
            continue
        break
    return out


def can_continue(
    table: RawTable,
    stream: str,
    block: Block,
    gap: Sequence[TextLine],
    head: frozenset[str] = frozenset(),
) -> bool:
    """May this block be the next page part of ``table``? ``head`` holds the lines printed
    above the table's first part: printed again above a later part, they are the page's head
    (a lampiran's title block), not a new table's caption."""
    if stream != block.stream_key or block.fresh:
        return False
    continued = [t.text for t in gap if is_continuation_line(t.text)]
    if any(_other_number(text, table.caption) for text in continued):
        return False  # ``Tabel 7.2 (lanjutan)`` goes on another table than 7.1
    if not all(is_page_furniture(t.text) or t.text in continued for t in gap):
        repeated = all(
            is_page_furniture(t.text) or head_key(t.text) in head or t.text in continued
            for t in gap
        )
        paged = continued or _next_page(table, block)
        # Without pages (a converter's Markdown), a page number and its running foot or head
        # between two parts are the page break itself.
        unpaged = all(r.source.page is None for r in (*table.rows[-1:], *block.rows[:1]))
        # Without pages, the lines over the first part printed again with a page's number
        # (``Halaman 1 dari 2``) are a page break too.
        marked = any(is_page_furniture(t.text) for t in gap)
        if (
            not (repeated and paged)
            and not (unpaged and running_foot([t.text for t in gap]))
            and not (unpaged and repeated and marked)
        ):
            return False  # text between: a caption, prose (the page head repeats on new pages)
    starting = leading_header(block)
    if not starting and _next_page(table, block):
        # Rows at the top of the next page with nothing between but page furniture go on the
        # table above, whatever their grid: a page may split or merge columns of the same table.
        return True
    tolerance = max(WIDTH_TOLERANCE, round(WIDTH_TOLERANCE_SHARE * table.width))
    if abs(block.width - table.width) > tolerance:
        return False
    header = table.header
    if not starting:
        return True
    if not header:
        return False  # a headed table right after a headless one is a new table
    # A fresh column-number row that is not the table's own starts a new table; other label-like
    # rows after a page break are either the repeated header or text continuing the last row.
    return not any(is_number_row(r.cells) and not is_repeat_of(r, header) for r in starting)


# A line saying that the table above goes on: ``Tabel 7.1 (lanjutan)``, ``Lanjutan Tabel II.3``,
# ``RKA - SKPD 2.2.1 … (sambungan)``.
_CONTINUED = re.compile(
    r"\(\s*(?:lanjutan|sambungan|continued)\s*\)|^\W*(?:lanjutan|sambungan)\b"
    r"|\b(?:lanjutan|sambungan)\W*$",
    re.IGNORECASE,
)


def is_continuation_line(text: str) -> bool:
    """A line a page sets over a table's later part, saying that it goes on.

    >>> [is_continuation_line(t) for t in ["Tabel 7.1 (lanjutan)", "Lanjutan Tabel II.3",
    ...     "Lampiran III Perda APBD - BKAD (Lanjutan)", "Program Lanjutan Pembangunan Jalan",
    ...     "Rencana tindak lanjut"]]
    [True, True, True, False, False]
    """
    return len(text) <= MAX_CAPTION_LINE and bool(_CONTINUED.search(text))


# Lines a page's running head or foot sets beside its page number, at most, and their length.
MAX_RUNNING_LINES = 2
MAX_RUNNING_LINE = 120


def running_foot(lines: Sequence[str]) -> bool:
    """Lines between two parts of a table that are a page break's running foot and head: a
    page number (``III - 14``) and at most two short lines beside it that name no table
    (``Renja Dinas Kesehatan Kabupaten Lombok Tengah Tahun 2026``). A converter of a PDF to
    Markdown keeps them as text, with no page to say where one page ended.

    >>> running_foot(["Renja Dinas Kesehatan Kabupaten Lombok Tengah Tahun 2026", "III - 14"])
    True
    >>> running_foot(["Tabel 3.2 Rencana Kegiatan", "III - 14"]), running_foot(["Catatan"])
    (False, False)
    """
    marks = [t for t in lines if is_page_furniture(t)]
    return bool(marks) and beside_page_mark([t for t in lines if t not in marks])


def beside_page_mark(lines: Sequence[str]) -> bool:
    """Lines that may stand beside a page's number in its running foot or head: at most two
    short lines that name no table."""
    return len(lines) <= MAX_RUNNING_LINES and all(
        len(t) <= MAX_RUNNING_LINE and not _CAPTION_ANCHOR.match(t) and not printed_number(t)
        for t in lines
    )


def _other_number(line: str, caption: str) -> bool:
    """A continuation line that prints another table number than the table's caption."""
    number, own = printed_number(line), printed_number(caption)
    return number is not None and own is not None and number != own


def is_running_block(block: Block) -> bool:
    """A converter's table of one row that is a page's running head or foot: two or three
    cells, the last a page number (``| Renja Dinas Sosial 2026 | III-9 |``).

    >>> from renja.model.records import Source
    >>> def block(*cells: str) -> Block:
    ...     return Block("markdown-pipe", [RawRow(cells, Source(line=1))], 1, 1)
    >>> is_running_block(block("Renja Dinas Sosial Kabupaten Garut 2026", "III-9"))
    True
    >>> is_running_block(block("1.06.04", "PROGRAM REHABILITASI SOSIAL", "12"))
    False
    >>> is_running_block(block("Jumlah Program", "12"))
    False
    """
    rows = [r for r in block.rows if r.role is not RowRole.SEPARATOR]
    if len(rows) != 1:
        return False
    cells = [c.strip() for c in rows[0].cells if c.strip()]
    return (
        2 <= len(cells) <= 3
        and is_page_mark(cells[-1])
        and not any(is_data_cell(c) or _CODE_START.match(c) for c in cells[:-1])
    )


_CODE_START = re.compile(r"^\d+(?:\.\d+)+\b")
# A page's number as a running head or foot prints it: ``III-9``, ``Halaman 3``, ``- 12 -``
# (a bare number could be a one-row table's value).
_PAGE_MARK = re.compile(
    r"^\s*(?:[ivxlc]{1,6}\s*-\s*\d{1,4}|(?:halaman|hal\.?|page)\s*\d+(?:\s*(?:dari|of|/)\s*"
    r"\d+)?|-\s*\d+\s*-)\s*$",
    re.IGNORECASE,
)


def is_page_mark(text: str) -> bool:
    """A page's number as a running head or foot prints it, never a bare number (a cell's
    value may be one).

    >>> [is_page_mark(t) for t in ["- 2 -", "III-9", "Halaman 3 dari 9", "12"]]
    [True, True, True, False]
    """
    return bool(_PAGE_MARK.match(text))


def head_key(text: str) -> str:
    """A line as compared with the lines above a table's first part: case, spacing and digits
    aside (a page number, a date).

    >>> head_key("RINGKASAN  Perubahan APBD 2024") == head_key("Ringkasan perubahan APBD 2025")
    True
    """
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _next_page(table: RawTable, block: Block) -> bool:
    """The block starts on a later page than the table's last row."""
    last = table.rows[-1].source.page if table.rows else None
    first = block.rows[0].source.page if block.rows else None
    return last is not None and first is not None and first > last


def repeats_header(rows: Sequence[RawRow], header: Sequence[RawRow]) -> bool:
    """True when label rows, taken together, repeat the table's header: a page can set the
    same header lines as rows of their own where the first page joined them into one.

    >>> from renja.model.records import Source
    >>> first = [RawRow(["No", "Program Rancangan Awal", "Lokasi"], Source(page=1))]
    >>> again = [RawRow(["", "Rancangan Awal", ""], Source(page=2)),
    ...          RawRow(["No", "Program", "Lokasi"], Source(page=2))]
    >>> repeats_header(again, first), repeats_header(again[1:], first)
    (True, False)
    """
    if not rows or not header:
        return False
    keys = " ".join(_row_key(r) for r in rows), " ".join(_row_key(h) for h in header)
    return fuzz.token_sort_ratio(*keys) >= REPEAT_SIMILARITY


def with_part(table: RawTable, block: Block) -> RawTable:
    """The table with a page part added; the part's repeated header rows are kept but marked."""
    header = table.header
    starting = leading_header(block)
    # The label rows up to the last that repeats a header row on its own (all of them when
    # none does) are the header set again, when together they repeat it: a label-like row
    # after them (the rest of a row the page break split) stays a row.
    repeating = [i for i, r in enumerate(starting) if is_repeat_of(r, header)]
    block_head = starting[: repeating[-1] + 1] if repeating else starting
    together = {id(r) for r in block_head} if repeats_header(block_head, header) else set()
    leading = True
    last_page = table.rows[-1].source.page if table.rows else None
    rows = list(table.rows)
    for row in block.rows:
        if leading and row.role is not RowRole.SEPARATOR:
            if is_repeat_of(row, header) or (
                (row.role is RowRole.HEADER or is_header_row(row.cells)) and id(row) in together
            ):  # a row that repeats a header row's words is the header set again, read or not
                # as labels (years over their columns cut otherwise: ``2025 2026``)
                row = replace(row, role=RowRole.REPEATED_HEADER)
            else:
                leading = False
                page = row.source.page
                top = page is not None and last_page is not None and page > last_page
                row = replace(row, page_top=top)
        rows.append(row)
    return replace(table, rows=tuple(rows), parts=table.parts + 1)


# A converter's heading that is a table's numbered caption (``## **Tabel 3.1 Rumusan …**``).
_TABLE_HEADING = re.compile(r"^\W*tabel\s*(?:\d|[IVX]+\b|[IVX]+\.)", re.IGNORECASE)


def caption_for(gap: Sequence[TextLine]) -> str:
    """The caption printed above a table: from its ``Tabel …`` line (or a title line) down.

    The search runs back over the short lines just above the table and stops at prose or a
    heading (a heading ``Tabel 3.1 …`` is the caption's first line); it then starts the caption
    at the first ``Tabel``/``Formulir`` line, else at the first all-capitals title line, else
    takes the last two lines.
    """
    run: list[str] = []
    for item in reversed(gap):
        if item.heading and is_numbered_caption(item.text) and len(item.text) <= MAX_CAPTION_LINE:
            run.append(item.text)  # a converter's heading that is the caption (``## Tabel 3.1``)
            break
        if item.heading or len(item.text) > MAX_CAPTION_LINE:
            break
        if is_page_furniture(item.text):
            continue
        run.append(item.text)
    run.reverse()
    if not run:
        return ""
    start = next((i for i, t in enumerate(run) if _CAPTION_ANCHOR.match(t)), None)
    if start is None:
        start = next((i for i, t in enumerate(run) if _is_title_line(t)), max(len(run) - 2, 0))
    return " ".join(run[start : start + MAX_CAPTION_LINES]).strip()


def is_numbered_caption(text: str) -> bool:
    """A table's numbered caption (``Tabel 2.4 …``, ``Tabel IV.1 …``), whatever its markup.

    >>> [is_numbered_caption(t) for t in ("Tabel 2.4 Rencana", "Tabel2.4", "TABEL IV.1 Rencana")]
    [True, True, True]
    >>> is_numbered_caption("Tabel berikut"), is_numbered_caption("Tabel Indikator Kinerja")
    (False, False)
    """
    return bool(_TABLE_HEADING.match(text))


def is_caption_line(text: str) -> bool:
    """A line that opens a table's caption (``Tabel 2.1 …``, ``Formulir``, ``Lampiran``)."""
    return bool(_CAPTION_ANCHOR.match(text))


def _is_title_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text) >= 15 and bool(letters) and all(c.isupper() for c in letters)


# A title across a grid: one filled cell of at least this many words, in a table at least this
# wide, over a header row.
TITLE_WORDS = 2
TITLE_MAX_WORDS = 12
TITLE_MIN_WIDTH = 3


def is_title_row(row: RawRow, width: int) -> bool:
    """A row holding only a title across the grid (``Rincian Belanja Sub Kegiatan``).

    >>> from renja.model.records import Source
    >>> is_title_row(RawRow(["Rincian Belanja Sub Kegiatan", "", "", ""], Source(1)), 4)
    True
    >>> is_title_row(RawRow(["", "URUSAN PENDIDIKAN", "", ""], Source(1)), 4)
    True
    >>> is_title_row(RawRow(["5.1.02", "Belanja", "", "1.000.000"], Source(1)), 4)
    False
    >>> is_title_row(RawRow(["Republik Indonesia Nomor 6323);", "", ""], Source(1)), 3)
    False

    A converter that copies a spanning cell into each column it spans prints the title in every
    cell (two names alike in two columns are no title):

    >>> is_title_row(RawRow(["Rincian Belanja Sub Kegiatan"] * 4, Source(1)), 4)
    True
    >>> is_title_row(RawRow(["", "Penganggaran, dan", "", "Penganggaran, dan"], Source(1)), 4)
    False
    """
    filled = [c.strip() for c in row.cells if c.strip()]
    copied = len(filled) == len(row.cells) and len(set(filled)) == 1  # a span copied to each cell
    if width < TITLE_MIN_WIDTH or not (len(filled) == 1 or copied) or is_data_cell(filled[0]):
        return False
    text = filled[0]
    words = len(text.split())
    # A title starts with a capital and ends on a word: ``… Nomor 6323);`` is a wrapped line.
    return (
        TITLE_WORDS <= words <= TITLE_MAX_WORDS and text[0].isupper() and text[-1] not in ";,()-/"
    )


def split_at_titles(table: RawTable) -> list[RawTable]:
    """A table whose grid holds a title row over a new header starts a new table there: a SIPD
    printout draws its header block, its indicator table and its account lines in one grid. The
    title row stays in the raw table that follows it (role TITLE) and becomes its caption. A
    title row ending a table goes to the table after it (``title_for_next``)."""
    width = table.width
    cuts = [
        i
        for i in range(1, len(table.rows) - 1)
        if table.rows[i].role is RowRole.BODY
        and is_title_row(table.rows[i], width)
        and _new_header(table.rows[i + 1], table)
        and any(not is_header_row(r.cells) for r in table.rows[i + 2 :])
    ]
    if not cuts:
        return [table]
    out: list[RawTable] = []
    starts = [0, *cuts]
    for n, (start, end) in enumerate(zip(starts, [*cuts, len(table.rows)], strict=True)):
        rows = list(table.rows[start:end])
        caption = table.caption
        if n:
            title = rows[0]
            rows[0] = replace(title, role=RowRole.TITLE)
            caption = next(c.strip() for c in title.cells if c.strip())
            rows[1:] = with_header_rows(rows[1:])
        out.append(replace(table, rows=tuple(rows), caption=caption, parts=1))
    return out


def leading_title(rows: Sequence[RawRow]) -> list[RawRow]:
    """The rows with their header marked (``with_header_rows``); a grid's first row that is a
    title over a header of its own (``Indikator & Tolok Ukur Kinerja Belanja`` over ``Indikator
    | Tolok Ukur Kinerja | Target``), as ``split_at_titles`` finds one inside a grid, is the
    table's title (role TITLE), no part of its header."""
    width = max((len(r.cells) for r in rows), default=0)
    if (
        len(rows) > 2
        and is_title_row(rows[0], width)
        and sum(bool(c.strip()) for c in rows[1].cells) >= MIN_HEADER_CELLS
        and is_header_row(rows[1].cells)
        and any(not is_header_row(r.cells) for r in rows[2:])
    ):
        return [replace(rows[0], role=RowRole.TITLE), *with_header_rows(rows[1:])]
    return with_header_rows(rows)


def _new_header(row: RawRow, table: RawTable) -> bool:
    """A header row of labels over several columns that is not the table's own, repeated."""
    filled = [c for c in row.cells if c.strip()]
    return (
        row.role is RowRole.BODY
        and len(filled) >= MIN_HEADER_CELLS
        and is_header_row(row.cells)
        and not is_repeat_of(row, table.header)
    )


# A new table's header names at least this many columns.
MIN_HEADER_CELLS = 2


def title_for_next(tables: list[RawTable]) -> list[RawTable]:
    """A title row that ends a table (the next grid's title, printed in this one's) moves to
    the next table, when that has no caption, as its first row and its caption."""
    out = list(tables)
    for i in range(len(out) - 1):
        rows = out[i].rows
        following = out[i + 1]
        if (
            len(rows) > 1
            and not following.caption
            and rows[-1].role is RowRole.BODY
            and is_title_row(rows[-1], out[i].width)
        ):
            title = replace(rows[-1], role=RowRole.TITLE)
            out[i] = replace(out[i], rows=rows[:-1])
            caption = next(c.strip() for c in title.cells if c.strip())
            out[i + 1] = replace(following, rows=(title, *following.rows), caption=caption)
    return out


def _renumber(tables: list[RawTable]) -> list[RawTable]:
    return [replace(t, table_id=f"t{n:02d}") for n, t in enumerate(tables, start=1)]


def blocks_to_tables(blocks: Sequence[Block], texts: Sequence[TextLine]) -> list[RawTable]:
    """Group blocks into logical tables: stitch page parts, mark headers, attach captions.
    Runs of ``Label : value`` lines holding codes or amounts are tables too
    (``label_lines``)."""
    blocks, texts = label_blocks(blocks, texts)
    tables: list[RawTable] = []
    streams: list[str] = []
    heads: list[frozenset[str]] = []
    text_index = 0
    previous_end = 0
    last_heading = ""
    gap: list[TextLine] = []
    for block in blocks:
        while text_index < len(texts) and texts[text_index].line < block.start:
            item = texts[text_index]
            if item.line > previous_end:
                gap.append(item)
            if item.heading:
                last_heading = item.text
            text_index += 1
        if is_running_block(block):
            continue  # its lines stay in the gap before the next block
        if tables and can_continue(tables[-1], streams[-1], block, gap, heads[-1]):
            tables[-1] = with_part(tables[-1], block)
        else:
            caption = caption_for(gap)
            if block.engine == LABEL_ENGINE:
                rows = list(block.rows)  # label lines: a label and its value each, no header
            else:  # a grid may print its title (or a caption's last line) as its first row
                rows = leading_title(block.rows)
                if rows and rows[0].role is RowRole.TITLE:
                    title = next(c.strip() for c in rows[0].cells if c.strip())
                    caption = f"{caption} {title}" if caption else title
            if not caption and not gap and tables and tables[-1].engine == LABEL_ENGINE:
                caption = tables[-1].caption  # the title over the header block is the table's
            table = RawTable(
                table_id=f"t{len(tables) + 1:02d}",
                caption=caption,
                rows=tuple(rows),
                engine=block.engine,
                context=last_heading,
            )
            tables.append(table)
            streams.append(block.stream_key)
            heads.append(frozenset(head_key(t.text) for t in gap))
        previous_end = block.end
        gap = []
    split = [part for table in tables for part in split_at_titles(table)]
    return _renumber(title_for_next(split)) if len(split) > len(tables) else title_for_next(tables)
