"""Markdown reader: lines -> table blocks -> stitched logical tables with captions and row roles.

Four table forms are read: tab-separated blocks (what PDF converters often write), pipe tables,
grid tables (pandoc's ``+---+``) and HTML ``<table>`` blocks. Each is turned into the same
``Block`` of raw rows; everything after that (stitching page parts, finding header rows and
captions) does not know which form it was.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from renja.extract.cells import is_bold, is_header_row, is_separator_cells, strip_markup
from renja.extract.code_pieces import merge_code_pieces
from renja.extract.dash_tables import dash_table_at
from renja.extract.grid_tables import GridRow, grid_table_end, is_grid_border, parse_grid_table
from renja.extract.html_tables import find_html_tables, parse_html_table, table_caption
from renja.extract.label_lines import label_cell_lines
from renja.extract.latex_tables import find_latex_tables, parse_latex_table
from renja.extract.shapes import Shape, sniff
from renja.extract.stacked_cells import stacked_lines
from renja.extract.stitch import (
    Block,
    beside_page_mark,
    blocks_to_tables,
    head_key,
    is_caption_line,
)
from renja.extract.text_tables import text_table_at
from renja.model.records import RawRow, RawTable, RowRole, Source

_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
# HTML comments on lines of their own: a converter's page marks (Azure Document Intelligence's
# ``<!-- PageBreak -->``, ``<!-- PageNumber="III-12" -->``), which a Markdown viewer does not show.
_COMMENT_ONLY = re.compile(r"^\s*(?:<!--.*?-->\s*)+$")
_COMMENT_OPENS = re.compile(r"^\s*<!--(?!.*-->)")
# Pandoc's table caption: ``: Tabel 2.3 …`` or ``Table: Tabel 2.3 …``, above or below its table.
_PANDOC_CAPTION = re.compile(r"^\s*(?:Table)?:\s+(?=\S)")


@dataclass(slots=True)
class TextLine:
    """A line of prose or a heading between tables."""

    line: int
    text: str
    heading: bool = False
    page: int | None = None  # a PDF's page (``line`` is then the line's place in the document)


@dataclass(slots=True)
class Segments:
    """The document cut into table blocks and the text lines between them."""

    blocks: list[Block] = field(default_factory=list)
    texts: list[TextLine] = field(default_factory=list)
    # Lines that start a new page with a form feed (``pdftotext``'s text): 1-based numbers.
    page_starts: set[int] = field(default_factory=set)


def split_pipe_row(line: str) -> list[str]:
    r"""Cells of a pipe-table line; ``\|`` is a literal pipe.

    >>> split_pipe_row("| 5.03 | KEPEGAWAIAN | 1.000 |")
    ['5.03', 'KEPEGAWAIAN', '1.000']
    >>> split_pipe_row(r"| a \| b | c |")
    ['a | b', 'c']
    """
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [c.replace("\\|", "|").strip() for c in cells]


def is_pipe_line(line: str) -> bool:
    """A pipe-table row: starts with ``|`` and has at least one more ``|``.

    >>> is_pipe_line("| a | b |"), is_pipe_line("a | b")
    (True, False)
    """
    stripped = line.strip()
    return stripped.startswith("|") and stripped.count("|") >= 2


# The names converters give a header cell that has none: pymupdf4llm and Excel ``Col3`` /
# ``Column3`` (counted from 1), pandas ``Unnamed: 2`` (from 0, perhaps ``_level_1`` after).
_PLACEHOLDER = re.compile(
    r"^(?:col(?:umn)?\s?(\d+)|unnamed:\s?(\d+)(?:_level_\d+)?)$", re.IGNORECASE
)


def without_placeholders(cells: list[str]) -> list[str]:
    """A pipe table's header cells with the converter's names for an empty cell blanked: such a
    name stands where the page printed nothing (a page part's first row taken as its header).
    A name counts only at its own position.

    >>> without_placeholders(["Col1", "KUALITAS KELUARGA", "Col3", "Col9"])
    ['', 'KUALITAS KELUARGA', '', 'Col9']
    >>> without_placeholders(["Unnamed: 0", "Kode", "Unnamed: 2_level_1"])
    ['', 'Kode', '']
    """
    out = []
    for position, cell in enumerate(cells):
        found = _PLACEHOLDER.match(strip_markup(cell).strip())
        if found and (
            (found.group(1) and int(found.group(1)) == position + 1)
            or (found.group(2) and int(found.group(2)) == position)
        ):
            cell = ""
        out.append(cell)
    return out


def make_row(raw_cells: list[str], line: int) -> RawRow:
    """A RawRow from converter cells: markup stripped, bold noted, separators marked."""
    cells = [strip_markup(c) for c in raw_cells]
    filled = [c for c in raw_cells if c.strip()]
    # Bold rows are parents and totals; a plain row number beside bold cells does not count.
    bold = bool(filled) and sum(is_bold(c) for c in filled) > len(filled) / 2
    role = RowRole.SEPARATOR if is_separator_cells(cells) else RowRole.BODY
    return RawRow(cells=tuple(cells), source=Source(line=line), role=role, bold=bold)


def make_rows(raw_cells: list[str], line: int) -> list[RawRow]:
    """``make_row``, or a row per indicator where the cells stack a program's indicators line
    under line (``extract/stacked_cells.py``); those rows share the line and the boldness."""
    row = make_row(raw_cells, line)
    stacked = stacked_lines(raw_cells) if row.role is RowRole.BODY else None
    if stacked is None:
        return [row]
    return [replace(row, cells=tuple(cells)) for cells in stacked]


class _ParsedRow(Protocol):
    """A row an HTML or grid table reader gives: its cells, first line, and header or not."""

    @property
    def cells(self) -> list[str]: ...
    @property
    def line(self) -> int: ...
    @property
    def header(self) -> bool: ...


def _parsed_rows(parsed: Iterable[_ParsedRow], mark_header: bool = False) -> list[RawRow]:
    """Raw rows of a parsed table: header rows as they are (``mark_header``: with the header's
    role, an HTML ``<th>`` row), body rows a row per stacked indicator (``make_rows``)."""
    rows: list[RawRow] = []
    for parsed_row in parsed:
        if parsed_row.header:
            row = make_row(parsed_row.cells, parsed_row.line)
            if mark_header and row.role is RowRole.BODY:
                row = replace(row, role=RowRole.HEADER)
            rows.append(row)
        else:
            rows.extend(make_rows(parsed_row.cells, parsed_row.line))
    return rows


def _label_parts(parsed: Iterable[_ParsedRow], segments: Segments) -> list[list[_ParsedRow]]:
    """A parsed table's rows in parts, cut where a body row is a box of ``Label : value``
    lines (``label_lines.label_cell_lines``): those lines go to the text lines, as label
    lines, the other rows stay tables."""
    parts: list[list[_ParsedRow]] = [[]]
    for row in parsed:
        labels = label_cell_lines(row.cells)
        if labels is None:
            parts[-1].append(row)
            continue
        segments.texts += [TextLine(row.line, text) for text in labels]
        parts.append([])
    return [part for part in parts if part]


def _comment_end(lines: list[str], index: int) -> int | None:
    """The index of the last line of an HTML comment standing on lines of its own from
    ``lines[index]``; None when there is none, or when it never closes (its text is then read as
    text, not the rest of the document dropped).

    >>> _comment_end(['<!-- PageBreak -->'], 0), _comment_end(['<!--', 'x', '-->', 'y'], 0)
    (0, 2)
    >>> _comment_end(['<!-- never closed', 'Tabel 3.1'], 0), _comment_end(['Tabel'], 0)
    (None, None)
    """
    if _COMMENT_ONLY.match(lines[index]):
        return index
    if not _COMMENT_OPENS.match(lines[index]):
        return None
    return next((i for i in range(index + 1, len(lines)) if "-->" in lines[i]), None)


def _caption_below(lines: list[str], end: int) -> tuple[str, int]:
    """Pandoc's caption under the table that ends before ``lines[end]`` (``: Tabel 2.3 …``,
    its lines to a blank one), and the index past it; ``("", end)`` when there is none.

    >>> _caption_below(["+--+", "", ": Tabel 2.3 Rencana", "Program", "", "Teks"], 1)
    ('Tabel 2.3 Rencana Program', 4)
    >>> _caption_below(["+--+", "", "Teks"], 1)
    ('', 1)
    """
    start = end + 1 if end < len(lines) and not lines[end].strip() else end
    if start >= len(lines) or not _PANDOC_CAPTION.match(lines[start]):
        return "", end
    stop = start
    while stop < len(lines) and lines[stop].strip():
        stop += 1
    text = " ".join(line.strip() for line in lines[start:stop])
    return _PANDOC_CAPTION.sub("", text, count=1), stop


def lines_to_segments(lines: list[str]) -> Segments:
    """Cut the document into table blocks (tab, pipe, grid, HTML) and the text lines between."""
    segments = Segments()
    html_spans = {start: (end, html) for start, end, html in find_html_tables("\n".join(lines))}
    latex_spans = dict(find_latex_tables(lines))  # Mathpix's, Nougat's ``tabular``
    current: Block | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.rows:
            segments.blocks.append(current)
        current = None

    segments.page_starts = {i + 1 for i, text in enumerate(lines) if text.startswith("\f")}
    index = 0
    while index < len(lines):
        line_no = index + 1
        line = lines[index]
        if line_no in html_spans:
            close()
            end, html = html_spans[line_no]
            parsed = parse_html_table(html, first_line=line_no)
            caption = table_caption(html)
            if caption:  # the table's own title: the last line before it, where captions stand
                segments.texts.append(TextLine(line_no, caption))
            start = line_no + 1 if caption else line_no
            parts = _label_parts(parsed, segments)  # a form's header block is text
            for number, part in enumerate(parts):
                rows = _parsed_rows(part, mark_header=True)
                if rows:
                    first = max(start, min(r.line for r in part))
                    last = end if number == len(parts) - 1 else max(r.line for r in part)
                    segments.blocks.append(Block("markdown-html", rows, first, last))
            index = end
            continue
        if index in latex_spans:
            close()
            end = latex_spans[index]
            rows = _parsed_rows(parse_latex_table(lines[index : end + 1], first_line=line_no))
            if rows:
                segments.blocks.append(Block("markdown-latex", rows, line_no, end + 1))
            index = end + 1
            continue
        closing = _comment_end(lines, index)  # unseen when shown: not the document's text
        if closing is not None:
            index = closing + 1
            continue
        dashed = dash_table_at(lines, index)  # pandoc's simple and multiline tables
        if dashed is None and "\t" not in line and not is_pipe_line(line):
            spaced = text_table_at(lines, index)  # columns set by spaces alone
            if spaced is not None:
                close()
                end, text_rows = spaced
                rows = _parsed_rows(text_rows, mark_header=True)  # the lines over its data
                if rows:
                    segments.blocks.append(Block("markdown-text", rows, line_no, end))
                index = end
                continue
        grid = is_grid_border(line)
        if dashed is not None or grid:
            close()
            grid_rows: list[GridRow]
            if dashed is not None:
                reader, (end, grid_rows) = "markdown-dash", dashed
            else:
                reader, end = "markdown-grid", grid_table_end(lines, index)
                grid_rows = parse_grid_table(lines[index:end], first_line=line_no)
            rows = _parsed_rows(grid_rows)
            caption, index = _caption_below(lines, end)
            if rows:
                if caption:  # read where captions are read: just above the table
                    segments.texts.append(TextLine(line_no - 1, caption))
                segments.blocks.append(Block(reader, rows, line_no, end))
            continue
        engine, header = None, False
        if "\t" in line and line.strip():
            engine, cells = "markdown-tsv", line.split("\t")
        elif is_pipe_line(line):
            engine = "markdown-pipe"
            if _PIPE_SEPARATOR.match(line):
                index += 1
                continue
            cells = split_pipe_row(line)
            following = lines[index + 1] if index + 1 < len(lines) else ""
            header = bool(_PIPE_SEPARATOR.match(following))  # the table's header row
            if header:
                cells = without_placeholders(cells)
            labels = label_cell_lines(cells)  # (a one-row table's row is its header row)
            if labels is not None:  # a form's header block in a cell: its lines are text
                close()
                segments.texts += [TextLine(line_no, text) for text in labels]
                index += 1
                continue
        if engine is None:
            close()
            if line.strip():
                heading = _HEADING.match(line)
                text = strip_markup(heading.group(1) if heading else _PANDOC_CAPTION.sub("", line))
                segments.texts.append(TextLine(line_no, text, heading=bool(heading)))
        else:
            if current is None or current.engine != engine:
                close()
                current = Block(engine, [], line_no, line_no)
            rows = [make_row(cells, line_no)] if header else make_rows(cells, line_no)
            current.rows.extend(rows)
            current.end = line_no
        index += 1
    close()
    return segments


# A line printed again on this many pages (its digits aside) is a running head or footer.
RUNNING_MIN_REPEATS = 3
# Running heads are short: a longer line printed again is prose (a repeated note).
RUNNING_MAX_CHARS = 150
# A word and a section number: a figure's or table's caption (``Grafik 3.4``, ``Gambar II.1``).
_NUMBERED_LABEL = re.compile(r"^\W*[A-Za-z]+\.?\s+(?:[IVX]+|\d+)\.\d+")


# Lines alike but for their digits this close together are a list's lines, not a page's head
# printed again.
RUNNING_MIN_GAP = 2


def running_lines(texts: list[TextLine]) -> set[str]:
    """The keys (``stitch.head_key``: digits aside) of the lines a PDF converter kept from
    each page's head or foot: short lines, not headings or captions, printed at least
    ``RUNNING_MIN_REPEATS`` times. A converted document has no pages to tell its margins by;
    a page's running head is what repeats (with its page number: ``… 3/16``). A numbered
    caption (``Tabel 2.1 …``, ``Grafik 3.4``) is a caption however often its form repeats.

    >>> heads = [TextLine(n, f"Cetak RKA {n // 40 + 1}/16") for n in (1, 40, 80)]
    >>> captions = [TextLine(n, f"Grafik 3.{n}") for n in (4, 5, 6)]
    >>> sorted(running_lines(heads + captions + [TextLine(9, "Tabel 2.1 Rencana Kerja")] * 3))
    ['cetak rka #/#']
    >>> running_lines([TextLine(15, f"Alokasi Tahun {y} : Rp {y}.000") for y in (2025, 2026, 2027)])
    set()
    """
    counts: dict[str, int] = {}
    last: dict[str, int] = {}  # the line each key was last seen on
    for item in texts:
        text = item.text
        if item.heading or len(text) > RUNNING_MAX_CHARS or is_caption_line(text):
            continue
        if _NUMBERED_LABEL.match(text):
            continue
        key = head_key(text)
        if key in last and item.line - last[key] <= RUNNING_MIN_GAP:
            last[key] = item.line  # a list's lines alike but for their digits, one under
            continue  # another (``Alokasi Tahun 2025 : …``, ``… 2026 : …``): no running head
        last[key] = item.line
        counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if count >= RUNNING_MIN_REPEATS}


# Halves of one table printed side by side have this many rows at least.
MIN_HALF_ROWS = 3


def _has_code(row: RawRow) -> bool:
    return any(sniff(strip_markup(cell)) is Shape.CODE for cell in row.cells)


def _between(
    texts: Sequence[TextLine], lines: Sequence[int], above: Block, below: Block
) -> list[TextLine]:
    """The text lines between two blocks (``lines``: the texts' line numbers, in order)."""
    return list(texts[bisect_right(lines, above.end) : bisect_left(lines, below.start)])


def _right_half(left: Block, right: Block, between: Sequence[TextLine]) -> bool:
    """Whether ``right`` holds the right columns of ``left``'s rows: a converter that cut a
    wide table in two (pymupdf4llm at a wide gap between columns) writes the halves one under
    the other, nothing between, each with its header and as many rows; the left half's rows
    name themselves by code, the right half's hold no code at all."""
    if left.engine != right.engine or len(left.rows) != len(right.rows):
        return False
    if len(left.rows) < MIN_HALF_ROWS + 1 or between:
        return False
    if not (is_header_row(left.rows[0].cells) and is_header_row(right.rows[0].cells)):
        return False
    body = left.rows[1:]
    return sum(map(_has_code, body)) * 2 >= len(body) and not any(map(_has_code, right.rows))


def join_halves(segments: Segments) -> Segments:
    """The blocks with each right half (``_right_half``) joined to its left half, row by row.

    >>> def rows(first, *cells):
    ...     return [RawRow(tuple(c), Source(line=first + i)) for i, c in enumerate(cells)]
    >>> left = Block("markdown-pipe", rows(1, ("Kode", "Uraian"), ("1.02", "KESEHATAN"),
    ...              ("1.02.02", "PROGRAM A"), ("1.02.03", "PROGRAM B")), 1, 6)
    >>> right = Block("markdown-pipe", rows(8, ("Target", "Pagu"), ("", "3.000"),
    ...               ("80 %", "1.000"), ("75 %", "2.000")), 8, 13)
    >>> for row in join_halves(Segments([left, right], [])).blocks[0].rows:
    ...     print(row.cells)
    ('Kode', 'Uraian', 'Target', 'Pagu')
    ('1.02', 'KESEHATAN', '', '3.000')
    ('1.02.02', 'PROGRAM A', '80 %', '1.000')
    ('1.02.03', 'PROGRAM B', '75 %', '2.000')
    """
    blocks: list[Block] = []
    lines = [t.line for t in segments.texts]
    for block in segments.blocks:
        if blocks and _right_half(
            blocks[-1], block, _between(segments.texts, lines, blocks[-1], block)
        ):
            left = blocks[-1]
            width = max(len(row.cells) for row in left.rows)
            rows = [
                replace(own, cells=(*own.cells, *([""] * (width - len(own.cells))), *other.cells))
                for own, other in zip(left.rows, block.rows, strict=True)
            ]
            blocks[-1] = replace(left, rows=rows, end=block.end)
        else:
            blocks.append(block)
    return replace(segments, blocks=blocks)


def _without_running(segments: Segments, running: set[str]) -> list[TextLine]:
    """The text lines but the running heads and feet (keys in ``running``), and beside one
    between two tables the short lines printed again elsewhere (a head on fewer pages than a
    running one, ``Renja Dinas … 2026`` over the table's next part): a page break's furniture,
    no text between two parts of a table. A line printed once (``B. Bidang Urusan …``) stays."""
    furniture = {id(t) for t in segments.texts if not t.heading and head_key(t.text) in running}
    printed = Counter(head_key(t.text) for t in segments.texts)
    blocks = sorted(segments.blocks, key=lambda block: block.start)
    lines = [t.line for t in segments.texts]
    for above, below in itertools.pairwise(blocks):
        gap = _between(segments.texts, lines, above, below)
        rest = [t for t in gap if id(t) not in furniture]
        paged = any(above.end < n <= below.start for n in segments.page_starts)
        if (
            (len(rest) < len(gap) or paged)
            and all(not t.heading and (paged or printed[head_key(t.text)] > 1) for t in rest)
            and beside_page_mark([t.text for t in rest])
        ):  # (a form feed between them: the short lines beside it are the pages' head and foot)
            furniture |= {id(t) for t in rest}
    return [t for t in segments.texts if id(t) not in furniture]


def markdown_to_tables(text: str) -> tuple[list[RawTable], list[TextLine]]:
    """All logical tables of a Markdown document, plus its text lines (for metadata).

    The running heads and footers a converter kept between a table's page parts are left out
    of the text the tables are stitched and captioned by, as a PDF's are: a table cut by a page
    break is one table, and a running head names no table."""
    lines = text.split("\n")
    segments = join_halves(lines_to_segments(lines))
    body = _without_running(segments, running_lines(segments.texts))
    tables = [merge_code_pieces(t) for t in blocks_to_tables(segments.blocks, body)]
    return tables, segments.texts


__all__ = ["TextLine", "is_header_row", "lines_to_segments", "markdown_to_tables"]
