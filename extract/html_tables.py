"""HTML ``<table>`` blocks inside Markdown: find them, then expand them into a rectangular grid.

Two pipelines, each a chain of small steps:

- ``find_html_tables``: document text → ``<table>``/``</table>`` tokens → matched pairs
  (nesting-aware) → ``(first line, last line, html)`` per top-level table.
- ``parse_html_table``: one table's html → raw rows of raw cells (``_html_to_raw_rows``, built on
  the standard library's tolerant ``HTMLParser``) → grid rows with ``rowspan``/``colspan``
  expanded (``_raw_rows_to_grid``).

Merged cells follow the tab-separated convention: the text sits in the top-left slot of the span
and every other slot the span covers is ``""``. Nothing here raises on bad markup; a table with
no rows gives ``[]``.

Judgement calls on malformed or unusual input:

- A nested table's text joins the text of the outer cell holding it (its cells are separated by
  spaces); only the outermost table's ``<tr>``/``<td>``/``<th>`` shape the grid.
- Text outside any cell (stray text between ``<tr>`` and ``<td>``, ``<caption>``) is dropped, as
  browsers move it out of the table. A ``<td>``/``<th>`` outside any ``<tr>`` opens a row.
- A ``<table>`` without ``</table>`` ends at the first blank line after it (CommonMark's rule for
  where an HTML block ends) or at the end of the document.
- Each ``<tr>`` gives one row, even an empty one (it may hold slots of spans from above).
- ``parse_html_table`` keeps reading after the outer ``</table>``: a string holding two tables
  gives both tables' rows in one grid. ``find_html_tables`` hands it one table at a time.
- ``<table>`` inside code fences or comments is not special-cased: the scan is over plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

# The HTML standard clamps spans to these values; capping also keeps a corrupt
# ``colspan="99999999"`` from allocating a huge grid.
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534

# Tags whose boundaries separate words: each start or end tag becomes one space in the cell text.
# Inline tags (``<b>``, ``<span>``, ``<sup>``) add nothing, so ``km<sup>2</sup>`` stays ``km2``.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul",
    }
)  # fmt: skip

_TABLE_TOKEN = re.compile(r"<(/?)table(?=[\s/>])", re.IGNORECASE)
_TAG_REST = re.compile(r"[^<>]*>")  # to the tag's ">", never past the next "<"
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_LEADING_INT = re.compile(r"\s*(\d+)")
# ``<![name`` sections the stdlib parser accepts; any other name makes it raise AssertionError.
_MARKED_SECTION_NAME = re.compile(
    r"(?:temp|cdata|ignore|include|rcdata|if|else|endif)(?![-_.a-zA-Z0-9])", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class HtmlRow:
    """One grid row of an HTML table."""

    line: int  # 1-based source line where the <tr> starts
    cells: list[str]  # one string per grid column, spans expanded
    header: bool  # True if the row is in <thead> or all its cells are <th>


@dataclass(slots=True)
class _RawCell:
    """A ``<td>``/``<th>`` as written: text pieces and declared spans."""

    is_th: bool
    rowspan: int
    colspan: int
    parts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _RawRow:
    """A ``<tr>`` as written, before spans from rows above are placed."""

    line: int
    in_thead: bool
    cells: list[_RawCell] = field(default_factory=list)


def find_html_tables(text: str) -> list[tuple[int, int, str]]:
    """Every <table>…</table> in a document: (first line, last line, html), 1-based lines, in order.

    Nested tables stay inside their outer table's html; only top-level tables are listed.

    >>> find_html_tables("intro\\n<table><tr><td>a</td></tr>\\n</table>\\nafter")
    [(2, 3, '<table><tr><td>a</td></tr>\\n</table>')]
    >>> find_html_tables("<table><tr><td>no end\\n\\nnext paragraph")
    [(1, 1, '<table><tr><td>no end')]
    """
    tokens = _table_tokens(text)
    closing = _match_table_tokens(tokens)
    found: list[tuple[int, int, str]] = []
    line, counted_to, resume_at = 1, 0, 0
    for index, (start, _end, is_close) in enumerate(tokens):
        if is_close or start < resume_at:
            continue
        stop = closing.get(index)
        if stop is None:
            blank = _BLANK_LINE.search(text, start)
            stop = blank.start() if blank else len(text)
            html = text[start:stop].rstrip()
        else:
            html = text[start:stop]
        line += text.count("\n", counted_to, start)
        counted_to = start
        found.append((line, line + html.count("\n"), html))
        resume_at = stop
    return found


def _table_tokens(text: str) -> list[tuple[int, int, bool]]:
    """Every ``<table …>`` and ``</table>`` as (start, end, is_close), in document order."""
    tokens: list[tuple[int, int, bool]] = []
    for match in _TABLE_TOKEN.finditer(text):
        rest = _TAG_REST.match(text, match.end())
        end = rest.end() if rest else match.end()
        tokens.append((match.start(), end, match.group(1) == "/"))
    return tokens


def _match_table_tokens(tokens: list[tuple[int, int, bool]]) -> dict[int, int]:
    """Map each opening token's index to the end offset of its ``</table>``; unclosed ones absent.

    A stack gives the same pairing as counting depth from each opener, in one linear pass.
    """
    closing: dict[int, int] = {}
    open_indices: list[int] = []
    for index, (_start, end, is_close) in enumerate(tokens):
        if not is_close:
            open_indices.append(index)
        elif open_indices:
            closing[open_indices.pop()] = end
    return closing


_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption\s*>", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(r"<[^<>]*>")


def table_caption(html: str) -> str:
    """The text of a table's ``<caption>`` (Azure Document Intelligence writes the table's
    title there), its tags dropped; ``""`` when it has none.

    >>> table_caption("<table><caption>Tabel 3.1 Rumusan <b>Rencana</b></caption><tr>")
    'Tabel 3.1 Rumusan Rencana'
    >>> table_caption("<table><tr><td>1</td></tr></table>")
    ''
    """
    match = _CAPTION.search(html)
    if match is None:
        return ""
    return " ".join(unescape(_ANY_TAG.sub(" ", match.group(1))).split())


def parse_html_table(html: str, first_line: int = 1) -> list[HtmlRow]:
    """Parse one <table>…</table> into grid rows (rowspan/colspan expanded).

    The text of a merged cell goes to the top-left slot of its span; the other slots get ``""``.

    >>> rows = parse_html_table('<table><tr><td colspan="2">Luas</td><td>RT</td></tr>'
    ...                         '<tr><td>km</td><td>%</td><td>127</td></tr></table>')
    >>> [row.cells for row in rows]
    [['Luas', '', 'RT'], ['km', '%', '127']]
    >>> parse_html_table("<table><thead><tr><th>No</th></tr></thead></table>", first_line=40)
    [HtmlRow(line=40, cells=['No'], header=True)]
    """
    return _raw_rows_to_grid(_html_to_raw_rows(html, first_line))


def _html_to_raw_rows(html: str, first_line: int) -> list[_RawRow]:
    """Run the tolerant tag scanner over ``html`` and collect its rows as written."""
    collector = _RowCollector(first_line)
    collector.feed(html)
    collector.close()
    return collector.rows


def _raw_rows_to_grid(rows: list[_RawRow]) -> list[HtmlRow]:
    """Place each cell in the first free slot, fill its span with ``""``, pad rows to one width.

    A ``rowspan`` reaching past the last row is cut at the last row (``0`` means "to the end").
    """
    n_rows = len(rows)
    grid: list[list[str | None]] = [[] for _ in rows]
    for r, row in enumerate(rows):
        slots = grid[r]
        col = 0
        for cell in row.cells:
            while col < len(slots) and slots[col] is not None:
                col += 1
            text = _cell_text(cell.parts)
            if cell.rowspan == cell.colspan == 1 and col == len(slots):
                slots.append(text)  # the common case: a plain cell at the row's end
            else:
                rowspan = n_rows - r if cell.rowspan == 0 else min(cell.rowspan, n_rows - r)
                _fill_span(grid, r, col, rowspan, cell.colspan, text)
            col += cell.colspan
    width = max((len(slots) for slots in grid), default=0)
    return [
        HtmlRow(
            line=row.line,
            cells=[text or "" for text in slots] + [""] * (width - len(slots)),
            header=row.in_thead or (bool(row.cells) and all(c.is_th for c in row.cells)),
        )
        for row, slots in zip(rows, grid, strict=True)
    ]


def _fill_span(
    grid: list[list[str | None]], top: int, left: int, rowspan: int, colspan: int, text: str
) -> None:
    """Write ``text`` at (top, left) and ``""`` in the span's other free slots."""
    for r in range(top, top + rowspan):
        slots = grid[r]
        if len(slots) < left + colspan:
            slots.extend([None] * (left + colspan - len(slots)))
        for c in range(left, left + colspan):
            if slots[c] is None:
                slots[c] = ""
    grid[top][left] = text


def _cell_text(parts: list[str]) -> str:
    """Join a cell's text pieces and collapse whitespace runs (``&nbsp;`` included).

    >>> _cell_text(["Jakarta", " ", "\\xa0Pusat\\n"])
    'Jakarta Pusat'
    """
    return " ".join("".join(parts).split())


def _span(value: str | None, limit: int, zero_allowed: bool) -> int:
    """Read a span attribute as HTML does: leading digits, else 1; clamp to ``limit``.

    >>> _span(' 2"', MAX_ROWSPAN, True), _span("x", MAX_COLSPAN, False), _span("0", 9, False)
    (2, 1, 1)
    """
    match = _LEADING_INT.match(value or "")
    if not match:
        return 1
    number = min(int(match.group(1)), limit)
    return number if number or zero_allowed else 1


class _RowCollector(HTMLParser):
    """Collects ``_RawRow``s from one table; tolerant of unclosed and stray tags."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[_RawRow] = []
        self._first_line = first_line
        self._depth = 0  # <table> nesting; structure tags count only at depth 0 or 1
        self._in_thead = False
        self._row: _RawRow | None = None
        self._cell: _RawCell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._end_row()
                self._in_thead = False
            else:
                self._add_text(" ")
        elif self._depth > 1:
            if tag in BLOCK_TAGS:
                self._add_text(" ")
        elif tag == "tr":
            self._start_row()
        elif tag in ("td", "th"):
            self._start_cell(tag == "th", attrs)
        elif tag in ("thead", "tbody", "tfoot"):
            self._end_row()
            self._in_thead = tag == "thead"
        elif tag == "br":  # a cell's line break, kept as in Markdown (stacked_cells reads it)
            self._add_text("<br>")
        elif tag in BLOCK_TAGS:
            self._add_text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            if self._depth > 1:
                self._add_text(" ")
            else:
                self._end_row()
                self._in_thead = False
            self._depth = max(self._depth - 1, 0)
        elif self._depth > 1:
            if tag in BLOCK_TAGS:
                self._add_text(" ")
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "thead", "tbody", "tfoot"):
            self._end_row()
            if tag == "thead":
                self._in_thead = False
        elif tag in BLOCK_TAGS:
            self._add_text(" ")

    def handle_data(self, data: str) -> None:
        self._add_text(data)

    def close(self) -> None:
        super().close()
        self._end_row()

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """Read an unknown ``<![…`` as a bogus comment; the base class raises AssertionError."""
        if _MARKED_SECTION_NAME.match(self.rawdata, i + 3):
            return super().parse_marked_section(i, report)
        return self.parse_bogus_comment(i)

    def _line(self) -> int:
        return self._first_line + self.getpos()[0] - 1

    def _add_text(self, text: str) -> None:
        if self._cell is not None:
            self._cell.parts.append(text)

    def _start_row(self) -> None:
        self._end_row()
        self._row = _RawRow(line=self._line(), in_thead=self._in_thead)

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def _start_cell(self, is_th: bool, attrs: list[tuple[str, str | None]]) -> None:
        self._end_cell()
        if self._row is None:
            self._start_row()
        rowspan = colspan = 1
        for name, value in attrs:  # most cells have no attributes at all
            if name == "rowspan":
                rowspan = _span(value, MAX_ROWSPAN, zero_allowed=True)
            elif name == "colspan":
                colspan = _span(value, MAX_COLSPAN, zero_allowed=False)
        self._cell = _RawCell(is_th, rowspan, colspan)

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.cells.append(self._cell)
        self._cell = None
