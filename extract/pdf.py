"""PDF reader: pages -> ruled or unruled tables and text lines -> the logical tables Markdown gives.

Each page is parsed once (pdfplumber's characters and rules). Tables found on it become blocks of
raw rows with their page and box; the text around them becomes lines for captions, headings and
the document's metadata. From there the Markdown reader's stitching takes over: page parts of one
table are joined, repeated headers marked, captions attached.
"""

from __future__ import annotations

import os
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from renja.extract.cells import is_header_row, is_separator_cells
from renja.extract.code_pieces import merge_code_pieces
from renja.extract.label_box import join_wrapped, split_label_block
from renja.extract.markdown import TextLine
from renja.extract.meta import document_meta
from renja.extract.pdf_camelot import LATTICE_ENGINE, Grid, camelot_available, lattice_grids
from renja.extract.pdf_cells import BBox, Cell, PageTable
from renja.extract.pdf_grid import OFF_PAGE_SLACK, bounds, fill_table, keep_tables, on_page
from renja.extract.pdf_limits import StreamTooLarge, stream_limit
from renja.extract.pdf_objects import find_ruled_tables, page_objects
from renja.extract.pdf_open import (
    PageProgress,
    ReadOptions,
    cause_of,
    ocr_available,
    open_pdf,
    page_ranges,
    scanned_message,
)
from renja.extract.pdf_parts import column_bounds, onto_first_part
from renja.extract.pdf_quality import (
    MIN_ACCURACY,
    needs_second_look,
    page_quality,
    prefer_second,
)
from renja.extract.pdf_spans import merge_spanned_columns
from renja.extract.pdf_text import Line, group_lines
from renja.extract.pdf_turn_page import ROTATION, turn_upright
from renja.extract.pdf_turned import DOWN, UP, direction
from renja.extract.pdf_unruled import attach_loose_rows, unruled_tables
from renja.extract.side_by_side import joined_side_by_side
from renja.extract.source import make_document
from renja.extract.stitch import Block, blocks_to_tables
from renja.extract.wilayah import RegionsFound, find_regions
from renja.model.errors import InputError
from renja.model.i18n import _, ngettext
from renja.model.processes import die_with_parent
from renja.model.records import Document, RawRow, RowRole, Source

# A page with this many times more characters turned a quarter than upright ones is printed
# turned (a landscape table on a portrait sheet; its running head may stand upright): it is read
# turned upright.
TURNED_SHARE = 2
# A page with fewer visible characters than this has no text layer worth reading.
MIN_TEXT_CHARS = 10
# A page without characters but with this many curves has its text drawn as outlines: a scan.
MIN_OUTLINE_CURVES = 50
# Lines in this share of the page height at its top or bottom may be running heads and footers.
MARGIN_SHARE = 0.12
# A margin line printed (digits aside) on at least this many pages is page furniture.
FURNITURE_MIN_PAGES = 2
# Horizontal rules shorter than this (underlines, dashes) do not separate table rows.
MIN_RULE_WIDTH = 20.0
# A line at least this much larger than the body text is a heading.
HEADING_SIZE = 1.15

_DIGITS = re.compile(r"\d+")
_NUMBERED_HEADING = re.compile(r"^(?:BAB\s+[IVXL]+\b|\d+(?:\.\d+){0,3}\.?\s+\S)")

LINES_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    # Rows drawn with their own column widths have vertical rules a point or two apart; snapping
    # them together (pdfplumber snaps within 3 pt) would move cell borders into the text.
    "snap_x_tolerance": 1,
}


@dataclass(slots=True)
class PageItem:
    """A table or a text line of one page, in reading order."""

    top: float
    line: Line | None = None
    table: PageTable | None = None


@dataclass(slots=True)
class EngineChoice:
    """Which engine read a page's tables, and the measure that chose it (``pdf_quality``)."""

    page: int
    chosen: str
    # per engine: its page_quality measures; camelot's also its tables and their reports
    scores: dict[str, Mapping[str, float | int | list[dict[str, float]]]]

    def as_dict(self) -> dict[str, Any]:
        return {"page": self.page, "chosen": self.chosen, "scores": self.scores}


@dataclass(slots=True)
class PageContent:
    number: int
    height: float
    items: list[PageItem] = field(default_factory=list)
    scanned: bool = False
    blank: bool = False  # no text, picture or outlined text: an empty page
    # Its text all printed turned a quarter (``pdf_turned.UP`` or ``DOWN``, most of its
    # characters), or 0: such a page is read turned upright, its boxes the turned page's.
    turned: int = 0
    choice: EngineChoice | None = None
    cut: bool = False  # a table runs past the page's side edge


@dataclass(frozen=True, slots=True)
class _TurnedPage:
    """What pdfplumber's table finder needs of a page turned upright: its box."""

    bbox: BBox


# The second engine: the grids of one page (number, height).
SecondEngine = Callable[[int, float], list[Grid]]


def _tables_from(
    found: Sequence[Any], chars: list[Any], page_box: BBox, engine: str, turned: list[Any]
) -> tuple[list[PageTable], list[Any]]:
    """Ruled tables filled with the page's characters (``turned``: those printed turned a
    quarter, read inside the cells only), and the characters left outside them."""
    cells = [on_page([tuple(c) for c in t.cells], page_box) for t in found]
    kept = keep_tables(
        [bounds(c) if c else page_box for c in cells],
        [(len(t.rows), max((len(r.cells) for r in t.rows), default=0)) if c else (0, 0)
         for t, c in zip(found, cells, strict=True)],
    )  # fmt: skip
    used: set[int] = set()
    tables: list[PageTable] = []
    for index in kept:
        parts, ids = fill_table(found[index], chars, page_box, engine, turned)
        for table in parts:
            if any(any(c is not None and c.text for c in row) for row in table.rows):
                tables.append(table)
        used |= ids
    return tables, [c for c in chars if id(c) not in used]


def _labels_only(table: PageTable) -> bool:
    """A ruled table of header rows alone: each of its rows reads as labels (``is_header_row``)."""
    texts = [[c.text if c is not None else "" for c in row] for row in table.rows]
    return bool(texts) and all(is_header_row(row) for row in texts if any(t.strip() for t in row))


# The font of an OCR engine's invisible text layer (tesseract, ocrmypdf).
_OCR_FONT = "GlyphLess"


def _ocr_rule(char: Any) -> bool:
    """A scanned table's column rule that OCR read as a ``|``: no text (it made a column of
    its own between two, and glued itself to amounts: ``367.428.000|``).

    >>> _ocr_rule({"text": "|", "fontname": "GlyphLessFont"})
    True
    >>> _ocr_rule({"text": "|", "fontname": "ABCDEF+LiberationSans"})  # a printed bar
    False
    """
    return char["text"] == "|" and _OCR_FONT in char.get("fontname", "")


def _inside(char: Any, box: BBox) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _visible(chars: Sequence[Any]) -> int:
    return sum(1 for c in chars if c["text"].strip())


def read_page(
    page: Any, number: int, engine: str = "pdfplumber", second: SecondEngine | None = None
) -> PageContent:
    """Tables and text lines of one page, top to bottom.

    ``engine``: ``pdfplumber`` reads with pdfplumber alone; ``auto`` asks ``second`` (camelot)
    for the page's grids where pdfplumber's reading looks wrong (``needs_second_look``);
    ``camelot`` asks on every page. Both readings are measured (``pdf_quality``) and the
    better one kept; the choice is recorded on the page.
    """
    objects = page_objects(page)
    width, height = float(page.width), float(page.height)
    chars = [c for c in objects.chars
             if c["upright"] and c["text"].strip() != "" and not _ocr_rule(c)]  # fmt: skip
    turned = [c for c in objects.chars if not c["upright"] and c["text"].strip() and direction(c)]
    way = 0
    if len(turned) >= MIN_TEXT_CHARS and len(turned) > TURNED_SHARE * len(chars):
        # A page printed turned (a landscape table on a portrait sheet), not a scan: read as it
        # stands turned upright (``pdf_turn_page``), without the second engine (it reads the
        # page as printed).
        ups = sum(direction(c) == UP for c in turned)
        way = UP if ups * 2 >= len(turned) else DOWN
        objects = turn_upright(objects, way, width, height)
        width, height, second = height, width, None
        page = _TurnedPage((0.0, 0.0, width, height))
        chars = [c for c in objects.chars if c["upright"] and c["text"].strip() != ""]
        turned = [c for c in objects.chars
                  if not c["upright"] and c["text"].strip() and direction(c)]  # fmt: skip
    spaces = [c for c in objects.chars if c["text"].strip() == ""]
    content = PageContent(number, height, turned=way)
    if len(chars) < MIN_TEXT_CHARS:
        # A scan is a picture, or text drawn as outlines (many curves); a page with neither is
        # blank (a word processor's empty page), which is no reason to advise OCR.
        outlined = not chars and sum(s["object_type"] == "curve" for s in objects.shapes)
        content.scanned = bool(objects.images) or outlined >= MIN_OUTLINE_CURVES
        if not chars:
            content.blank = not content.scanned
            return content
    page_box = (0.0, 0.0, width, height)
    all_chars = chars + spaces
    tables, rest = _tables_from(
        find_ruled_tables(page, objects, LINES_SETTINGS), all_chars, page_box, "pdfplumber-lines",
        turned,
    )
    labels, boxes, kept = [], [], []  # a form's header block of label lines is text
    for table in tables:
        rest_table, lines, box = split_label_block(table)
        kept += [rest_table] if rest_table is not None else []
        labels += lines
        boxes += [box] if box is not None else []
    if boxes:
        tables = kept
        all_chars = [c for c in all_chars if not any(_inside(c, box) for box in boxes)]
    rules = objects.horizontal_rules(MIN_RULE_WIDTH)
    shades = objects.shade_edges(MIN_RULE_WIDTH)
    if tables and all(t.rows_unruled for t in tables):
        # column rules and a frame, but no rule between the rows: read by the text's alignment
        tables, rest = [], all_chars
    elif tables and all(_labels_only(t) for t in tables):
        # A ruled header over a body set without rules (shaded stripes, no column rules): the
        # body is read by its text's alignment, a part under the header.
        body, rest = unruled_tables(rest, page_box, rules, shades)
        tables = sorted([*tables, *body], key=lambda t: t.bbox[1])
    ruled = bool(tables)
    if tables:
        for table in (tables[0], tables[-1]):  # rows a page break left without rules
            rest = attach_loose_rows(table, rest, rules)
    else:
        tables, rest = unruled_tables(rest, page_box, rules, shades)
        if tables:  # the rest of a row a page break cut, over the first table
            rest = attach_loose_rows(tables[0], rest, rules, below=False)
    if second is not None and engine != "pdfplumber":
        first = page_quality(tables, _visible(rest), len(chars))
        image_share = objects.image_area / ((page_box[2] * page_box[3]) or 1.0)
        if engine == "camelot" or needs_second_look(first, ruled, image_share):
            grids = second(number, height)
            usable = [g for g in grids if g.report.get("accuracy", 100.0) >= MIN_ACCURACY]
            other_tables, other_rest = _tables_from(
                usable, all_chars, page_box, LATTICE_ENGINE, turned
            )
            other = page_quality(other_tables, _visible(other_rest), len(chars))
            name = "pdfplumber-lines" if ruled else "pdfplumber-text"
            wins = prefer_second(first, other)
            reports = [g.report for g in grids]
            content.choice = EngineChoice(
                number,
                LATTICE_ENGINE if wins else name,
                {name: first.as_dict(), LATTICE_ENGINE: {**other.as_dict(), "tables": len(grids),
                                                         "reports": reports}},
            )  # fmt: skip
            if wins:
                tables, rest = other_tables, other_rest
    content.cut = any(t.bbox[0] < -OFF_PAGE_SLACK or t.bbox[2] > page_box[2] + OFF_PAGE_SLACK
                      for t in tables)  # fmt: skip
    for table in tables:
        content.items.append(PageItem(table.bbox[1], table=table))
    for line in [*join_wrapped(group_lines(rest)), *labels]:
        content.items.append(PageItem(line.top, line=line))
    two_up = is_two_up(chars, tables, width, height)
    content.items.sort(key=lambda item: (_half(item, width) if two_up else 0, item.top))
    return content


# Two pages printed side by side on a landscape sheet leave this share of its width, on either
# side of its middle, to no character.
TWO_UP_GUTTER = 0.02


def _extent(item: PageItem) -> tuple[float, float]:
    if item.table is not None:
        return item.table.bbox[0], item.table.bbox[2]
    assert item.line is not None
    return item.line.x0, item.line.x1


def is_two_up(chars: Sequence[Any], tables: Sequence[PageTable], width: float,
              height: float) -> bool:
    """A landscape sheet printing two pages side by side ("2 pages per sheet"): no character
    about its middle, no table across it, a table on each half. Its left page is read before
    its right one, not line by line across both (their tables' rows would interleave)."""
    if width <= height or not tables:
        return False
    middle, slack = width / 2, TWO_UP_GUTTER * width
    if any(abs((c["x0"] + c["x1"]) / 2 - middle) <= slack for c in chars):
        return False
    left = [t.bbox[2] <= middle + slack for t in tables]
    right = [t.bbox[0] >= middle - slack for t in tables]
    return all(a or b for a, b in zip(left, right, strict=True)) and any(left) and any(right)


def _half(item: PageItem, width: float) -> int:
    """0 for an item of a two-page sheet's left page (a line joined across both starts
    there), 1 for one of its right page."""
    return 0 if _extent(item)[0] < width / 2 else 1


def furniture_keys(pages: Sequence[PageContent]) -> set[str]:
    """Running heads and footers: margin lines that repeat, digits aside, on several pages."""
    seen: Counter[str] = Counter()
    for page in pages:
        keys = set()
        for item in page.items:
            if item.line is None:
                continue
            if MARGIN_SHARE * page.height < item.top < (1 - MARGIN_SHARE) * page.height:
                continue
            keys.add(_furniture_key(item.line.text))
        seen.update(keys)
    return {key for key, count in seen.items() if count >= FURNITURE_MIN_PAGES}


def running_heads(pages: Sequence[PageContent], furniture: set[str]) -> list[str]:
    """The running heads and footers as printed (first seen), top of the page first: they name
    the document on every page, even when its title page is a scan."""
    seen: dict[str, str] = {}
    for page in pages:
        for item in page.items:
            if item.line is not None:
                key = _furniture_key(item.line.text)
                if key in furniture and key not in seen:
                    seen[key] = item.line.text
    return list(seen.values())


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def body_size(pages: Sequence[PageContent]) -> float:
    sizes = [i.line.size for p in pages for i in p.items if i.line is not None]
    return statistics.median(sizes) if sizes else 10.0


def is_heading(line: Line, body: float) -> bool:
    """A heading: larger than the body text, or a bold numbered line (``BAB II``, ``2.1 …``)."""
    if len(line.text) > 150:
        return False
    if line.size >= HEADING_SIZE * body:
        return True
    return line.bold and bool(_NUMBERED_HEADING.match(line.text))


def table_rows(table: PageTable, page: int) -> list[RawRow]:
    """A page table's rows as raw rows with their page and box."""
    texts = [[cell.text if cell is not None else "" for cell in row] for row in table.rows]
    out: list[RawRow] = []
    for cells, row, box in zip(texts, table.rows, table.row_boxes, strict=True):
        filled = [c for c in row if c is not None and c.text]
        bold = bool(filled) and sum(c.bold for c in filled) * 2 > len(filled)
        role = RowRole.SEPARATOR if is_separator_cells(cells) else RowRole.BODY
        spans = table.spans(row)
        edges = tuple(table.edges) if len(table.edges) == len(cells) + 1 else ()
        if not table.edges and len(table.columns) == len(cells):
            edges = column_bounds(table.columns)  # until the parts are lined up (pdf_parts)
        source = Source(page=page, bbox=box)
        indents = tuple(_indent(cell) for cell in row)
        out.append(
            RawRow(
                tuple(cells),
                source,
                role=role,
                bold=bold,
                spans=spans,
                edges=edges,
                indents=indents,
            )
        )
    return out


def _indent(cell: Cell | None) -> float | None:
    """How far a cell's text starts right of the cell's left edge, in points; None when the
    text is centred in the cell (its start then says nothing of its depth)."""
    if cell is None or not cell.lines:
        return None
    x0, x1 = min(line.x0 for line in cell.lines), max(line.x1 for line in cell.lines)
    left, right = cell.bbox[0], cell.bbox[2]
    narrow = x1 - x0 < CENTRED_WIDTH * (right - left)
    if narrow and abs((x0 + x1) / 2 - (left + right) / 2) <= CENTRED_SLACK:
        return None
    return round(max(0.0, x0 - left), 1)


# A cell's text narrower than this share of the cell, with its middle within this many points of
# the cell's middle, is centred.
CENTRED_WIDTH = 0.8
CENTRED_SLACK = 1.5


def _sequence(
    pages: Sequence[PageContent], furniture: set[str], body: float
) -> Iterator[tuple[int, int, PageItem, bool]]:
    """Every page item but furniture: a document-wide sequence number (what stitching calls a
    line), its page, the item, and whether it is a heading."""
    number = 0
    for page in pages:
        for item in page.items:
            number += 1
            if item.line is not None and _furniture_key(item.line.text) in furniture:
                continue
            yield number, page.number, item, bool(item.line and is_heading(item.line, body))


def pages_to_document(
    path: Path, pages: Sequence[PageContent], total: int, wilayah: RegionsFound | None = None
) -> Document:
    """Stitch the pages' tables into logical tables; read the metadata from their text
    (``wilayah``: the list of regions found, by default looked up at the default places)."""
    furniture = furniture_keys(pages)
    running = running_heads(pages, furniture)
    body = body_size(pages)
    blocks: list[Block] = []
    texts: list[TextLine] = []
    for number, page, item, heading in _sequence(pages, furniture, body):
        if item.line is not None:
            texts.append(TextLine(number, item.line.text, heading=heading, page=page))
            continue
        assert item.table is not None
        rows = table_rows(item.table, page)
        blocks.append(
            Block(item.table.engine, rows, number, number, stream="pdf", fresh=item.table.new_grid)
        )
    stitched = blocks_to_tables(blocks, texts)
    tables = [merge_code_pieces(merge_spanned_columns(onto_first_part(t))) for t in stitched]
    tables, joined = joined_side_by_side(tables)
    meta, warnings = document_meta([t.text for t in texts], tables, running, wilayah)
    warnings += joined
    warnings += unread_pages(pages, total)
    turned = [p.number for p in pages if p.turned]
    if turned:
        warnings.append(
            ngettext(
                "page {pages} is printed turned a quarter (a landscape table on an upright "
                "sheet): it was read turned upright, and its pictures in the report are turned "
                "so too",
                "pages {pages} are printed turned a quarter (a landscape table on an upright "
                "sheet): they were read turned upright, and their pictures in the report are "
                "turned so too",
                len(turned),
            ).format(pages=page_ranges(turned))
        )
    cut = [p.number for p in pages if p.cut]
    if cut:
        warnings.append(
            ngettext(
                "page {pages}: a table runs past the page's edge; the text beyond it was read "
                "from the file (check it against the printout)",
                "pages {pages}: a table runs past the page's edge; the text beyond it was read "
                "from the file (check it against the printout)",
                len(cut),
            ).format(pages=page_ranges(cut))
        )
    return make_document(
        path,
        meta,
        tables,
        warnings,
        text_lines=len(texts),
        pages=total,
        engine_choices=[p.choice.as_dict() for p in pages if p.choice is not None],
        turned_pages=[(p.number, ROTATION[p.turned]) for p in pages if p.turned],
    )


def second_engine(source: Path, options: ReadOptions) -> SecondEngine | None:
    """camelot's lattice grids of the file being read, when the options ask for a second
    engine and camelot is installed (``--engine camelot`` without it is an error)."""
    if options.engine == "pdfplumber":
        return None
    if not camelot_available():
        if options.engine == "camelot":
            raise InputError(
                _(
                    "--engine camelot needs camelot-py (pip install camelot-py); "
                    "or read with --engine pdfplumber"
                )
            )
        return None
    return lambda number, height: lattice_grids(source, number, height, options.password)


def read_pdf(path: Path, options: ReadOptions, progress: PageProgress | None = None) -> Document:
    """Read a PDF into raw tables, telling ``progress`` after each page (pages read, pages in
    all). Raises InputError (one line) for unusable files.

    A long document is read by ``options.page_workers`` processes at once, each a share of its
    pages (``read_shares``); its pages come back in order, the same as one process reads them.
    """
    with open_pdf(path, options) as pdf:
        total = len(pdf.pages)
        source = Path(getattr(pdf, "path", None) or path)
        workers = min(options.page_workers, total // MIN_PAGES_PER_WORKER)
        if workers > 1:
            pages = read_shares(source, path, options, total, workers, progress)
        else:
            told = (lambda number: progress(number, total)) if progress is not None else None
            pages = read_pages(pdf, path, options, range(1, total + 1), told)
    if all(p.scanned or p.blank for p in pages):
        unread = unread_pages(pages, total) or [_("no page holds any text: the pages are empty")]
        raise InputError(f"{path}: " + "; ".join(unread))
    return pages_to_document(path, pages, total, find_regions(options.wilayah))


def unread_pages(pages: Sequence[PageContent], total: int) -> list[str]:
    """What to say about the pages that were not read: the scanned ones."""
    scanned = [p.number for p in pages if p.scanned]
    return [scanned_message(scanned, total, ocr_available())] if scanned else []


# A process is worth starting for this many pages or more (forking it and sending its pages back
# cost about as much as reading a page or two).
MIN_PAGES_PER_WORKER = 8


def read_pages(
    pdf: Any,
    path: Path,
    options: ReadOptions,
    numbers: Iterable[int],
    done: Callable[[int], None] | None = None,
) -> list[PageContent]:
    """The pages ``numbers`` (1-based) of an open document, read one after the other (``path``
    names it in messages); ``done`` is told the count read after each."""
    source = Path(getattr(pdf, "path", None) or path)
    second = second_engine(source, options)
    pages: list[PageContent] = []
    for number in numbers:
        page = pdf.pages[number - 1]
        try:
            pages.append(read_page(page, number, options.engine, second))
        except InputError:
            raise
        except Exception as exc:  # pdfminer on a broken content stream
            if isinstance(cause_of(exc), InputError):  # a bound hit (pdfplumber wraps it)
                raise cause_of(exc) from None
            raise InputError(
                _("{path}: page {number} cannot be read ({reason})").format(
                    path=path, number=number, reason=f"{type(exc).__name__}: {exc}"
                )
            ) from None
        finally:
            page.close()
        if done is not None:
            done(len(pages))
    return pages


def shares(total: int, workers: int) -> list[range]:
    """Pages 1 to ``total`` in ``workers`` runs of consecutive pages, as even as can be.

    >>> shares(10, 3)
    [range(1, 5), range(5, 8), range(8, 11)]
    """
    size, extra = divmod(total, workers)
    out, start = [], 1
    for index in range(workers):
        end = start + size + (index < extra)
        out.append(range(start, end))
        start = end
    return out


def read_shares(
    source: Path,
    path: Path,
    options: ReadOptions,
    total: int,
    workers: int,
    progress: PageProgress | None = None,
) -> list[PageContent]:
    """Every page of a document, ``workers`` processes each reading a share (``read_share``).
    The first error (in page order) is raised, as one process reading them would. ``progress``
    is told the pages read by all of them, a page at a time (the workers send word of each)."""
    import multiprocessing
    from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait

    context = multiprocessing.get_context()
    pages_read = context.SimpleQueue() if progress is not None else None
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_share_worker,
        initargs=(os.getpid(), pages_read),
    ) as pool:
        futures = [pool.submit(read_share, source, path, options, pages)
                   for pages in shares(total, workers)]  # fmt: skip
        if progress is not None and pages_read is not None:
            read = 0
            while read < total and not any(f.done() and f.exception() for f in futures):
                if pages_read.empty():  # wait a little, unless a worker failed
                    wait(futures, timeout=0.05, return_when=FIRST_EXCEPTION)
                    continue
                pages_read.get()
                read += 1
                progress(read, total)
        return [page for future in futures for page in future.result()]


# In a worker of ``read_shares``: where it sends word of each page read (or None).
_PAGES_READ: Any = None


def _share_worker(parent: int, pages_read: Any) -> None:
    """A worker of ``read_shares``: it dies with ``parent`` and tells ``pages_read`` of pages."""
    global _PAGES_READ
    die_with_parent(parent)
    _PAGES_READ = pages_read


def read_share(source: Path, path: Path, options: ReadOptions, numbers: range) -> list[PageContent]:
    """Pages ``numbers`` of the document at ``source`` (already checked by ``open_pdf``; read
    under the same bounds), in a worker process of ``read_shares``."""
    import pdfplumber

    told = _PAGES_READ
    done = (lambda _count: told.put(1)) if told is not None else None
    try:
        with (
            stream_limit(options.max_stream_mb),
            pdfplumber.open(source, password=options.password or "") as pdf,
        ):
            return read_pages(pdf, path, options, numbers, done)
    except StreamTooLarge as exc:
        raise InputError(f"{path}: {exc}") from None


__all__ = ["read_page", "read_pdf"]
