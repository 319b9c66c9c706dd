"""Pictures of a finding's rows as the PDF prints them, for the report.

The raw rows of a PDF table keep their box on the page (``kotak``: ``x0 top x1 bottom`` in
points from the page's top left) and, in a ruled table, the x of their column rules (``tepi``).
From those, with no guessing::

    row_regions(rows)           per page, the region the rows cover and the cells to outline
    render_regions(pdf, [...])  each region cut from its page (rendered once, with pypdfium2),
                                its cells outlined, as a small PNG

A picture is grey (a few levels of ink are enough for print), with the finding's own cells
outlined in red and its operands in dashed blue; the report embeds it as a ``data:`` URI.
"""

from __future__ import annotations

import base64
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from renja.present.locate import HIT

if TYPE_CHECKING:
    from PIL import Image
    from pypdfium2 import PdfPage

Box = tuple[float, float, float, float]  # x0, top, x1, bottom, in points

# 1.5 × 72 = 108 dpi: the digits of 6-point table text stay legible, a region of a landscape
# page stays under ~1,400 pixels wide.
RENDER_SCALE = 1.5
# A wider region is scaled down to this many pixels: the width of the report's column.
MAX_WIDTH = 1200
# Points of page kept around the rows, so that the rules around them show.
MARGIN = 3.0
# Grey levels kept (a power of two up to 256): eight keep anti-aliased text smooth at a third
# of the bytes of full grey.
GREY_LEVELS = 8
HIT_COLOUR = (198, 40, 40)  # the finding's own cell: red, solid
RELATED_COLOUR = (31, 95, 153)  # an operand: blue, dashed
HIT_WIDTH, RELATED_WIDTH = 3, 2  # outline widths, in pixels
DASH = 6  # pixels of line, then of gap, in a dashed outline


@dataclass(frozen=True, slots=True)
class Region:
    """A part of one page to show: its box, and the cells in it to outline."""

    page: int
    box: Box
    marks: tuple[tuple[Box, str], ...] = ()  # a cell's box and HIT or RELATED


@dataclass(frozen=True, slots=True)
class Picture:
    """A region as an image: a PNG and its size in pixels."""

    png: bytes
    width: int
    height: int

    @property
    def uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def parse_points(text: str, count: int | None = None) -> tuple[float, ...] | None:
    """Numbers written as ``kotak`` or ``tepi`` write them; None when the cell holds something
    else (or not ``count`` numbers).

    >>> parse_points("65.5 358.3 855.9 496.4", 4), parse_points(""), parse_points("a b", 2)
    ((65.5, 358.3, 855.9, 496.4), None, None)
    """
    try:
        values = tuple(float(v) for v in text.split())
    except ValueError:
        return None
    if not values or (count is not None and len(values) != count):
        return None
    return values


def cell_box(row: Mapping[str, str], column: int) -> Box | None:
    """The box of raw column ``column`` (from 1) of a row: between its column rules, or the
    whole row when the rules are unknown (an unruled table); None for a row of no box.

    >>> row = {"kotak": "10 100 90 120", "tepi": "10 40 60 90"}
    >>> cell_box(row, 2), cell_box({"kotak": "10 100 90 120", "tepi": ""}, 2)
    ((40.0, 100.0, 60.0, 120.0), (10.0, 100.0, 90.0, 120.0))
    """
    box = parse_points(row.get("kotak", ""), 4)
    if box is None:
        return None
    edges = parse_points(row.get("tepi", ""))
    if edges is None or not 1 <= column < len(edges):
        return (box[0], box[1], box[2], box[3])
    return (edges[column - 1], box[1], edges[column], box[3])


def row_regions(rows: Iterable[tuple[Mapping[str, str], Mapping[int, str]]]) -> list[Region]:
    """The regions that show ``rows`` (raw rows with their marks: raw column -> HIT or
    RELATED), one per page in the order the pages come: the rows' boxes joined, a margin
    around them, every marked cell outlined. Rows of no page or box are left out.

    >>> rows = [({"halaman": "42", "kotak": "65 496 855 510", "tepi": ""}, {3: "hit"}),
    ...         ({"halaman": "43", "kotak": "65 114 855 199", "tepi": ""}, {3: "rel"}),
    ...         ({"halaman": "43", "kotak": "65 199 855 316", "tepi": ""}, {})]
    >>> [(r.page, r.box) for r in row_regions(rows)]
    [(42, (62.0, 493.0, 858.0, 513.0)), (43, (62.0, 111.0, 858.0, 319.0))]
    """
    boxes: dict[int, list[Box]] = defaultdict(list)
    marks: dict[int, list[tuple[Box, str]]] = defaultdict(list)
    for row, marked in rows:
        printed, box = row.get("halaman", ""), parse_points(row.get("kotak", ""), 4)
        if not printed.isdigit() or box is None:
            continue
        boxes[int(printed)].append((box[0], box[1], box[2], box[3]))
        for column, kind in sorted(marked.items()):
            cell = cell_box(row, column)
            if cell is not None:
                marks[int(printed)].append((cell, kind))
    regions = []
    for page, page_boxes in boxes.items():
        x0, top = min(b[0] for b in page_boxes), min(b[1] for b in page_boxes)
        x1, bottom = max(b[2] for b in page_boxes), max(b[3] for b in page_boxes)
        box = (x0 - MARGIN, top - MARGIN, x1 + MARGIN, bottom + MARGIN)
        hits_last = sorted(marks[page], key=lambda mark: mark[1] == HIT)  # drawn on top
        regions.append(Region(page, box, tuple(dict.fromkeys(hits_last))))
    return regions


def render_regions(
    pdf: Path, regions: Sequence[Region], rotations: Mapping[int, int] | None = None
) -> dict[Region, Picture]:
    """Each region cut from its page of ``pdf`` as a picture; each page is rendered once,
    turned clockwise by its degrees in ``rotations`` (a page printed turned a quarter and read
    turned upright: its regions are boxes on the turned page).

    A region on a page the PDF does not have gets none. Raises ``pypdfium2.PdfiumError`` when
    the PDF cannot be opened (a password, a damaged file).
    """
    import pypdfium2 as pdfium

    by_page: dict[int, list[Region]] = defaultdict(list)
    for region in dict.fromkeys(regions):
        by_page[region.page].append(region)
    pictures: dict[Region, Picture] = {}
    document = pdfium.PdfDocument(pdf)
    try:
        for number in sorted(by_page):
            if not 1 <= number <= len(document):
                continue
            page = document[number - 1]
            rotation = (rotations or {}).get(number, 0)
            try:
                origin = (0.0, 0.0) if rotation else _origin(page)
                bitmap = page.render(scale=RENDER_SCALE, rotation=rotation, grayscale=True)
                image = bitmap.to_pil().convert("L")
            finally:
                page.close()
            for region in by_page[number]:
                picture = cut(image, region, origin)
                if picture is not None:
                    pictures[region] = picture
    finally:
        document.close()
    return pictures


def _origin(page: PdfPage) -> tuple[float, float]:
    """Where the rendered image starts in the page's coordinates (``kotak``'s, counted from
    the media box's top left): the crop box's top left, which is what pdfium renders. An
    unrotated page only; a rotated one is taken as drawn from its corner."""
    if page.get_rotation():
        return (0.0, 0.0)
    media, crop = page.get_mediabox(), page.get_cropbox()
    return (crop[0] - media[0], media[3] - crop[3])


def cut(image: Image.Image, region: Region, origin: tuple[float, float]) -> Picture | None:
    """A region of a rendered page (grey, ``RENDER_SCALE``) with its cells outlined, as a
    picture; None when the region lies off the page."""
    from PIL import Image as PILImage

    def pixels(box: Box) -> tuple[int, int, int, int]:
        x0, top, x1, bottom = (
            round((v - o) * RENDER_SCALE) for v, o in zip(box, origin * 2, strict=True)
        )
        return x0, top, x1, bottom

    x0, top, x1, bottom = pixels(region.box)
    x0, top = max(x0, 0), max(top, 0)
    x1, bottom = min(x1, image.width), min(bottom, image.height)
    if x1 - x0 < 2 or bottom - top < 2:
        return None
    part = image.crop((x0, top, x1, bottom))
    shrink = min(1.0, MAX_WIDTH / part.width)
    if shrink < 1.0:
        size = (MAX_WIDTH, max(1, round(part.height * shrink)))
        part = part.resize(size, PILImage.Resampling.LANCZOS)
    picture = _palette(part)
    for box, kind in region.marks:
        a, b, c, d = pixels(box)
        outline = (
            round((a - x0) * shrink), round((b - top) * shrink),
            round((c - x0) * shrink) - 1, round((d - top) * shrink) - 1,
        )  # fmt: skip
        _outline(picture, outline, kind)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")  # zlib level 6: within 3% of the smallest, 8 times faster
    return Picture(buffer.getvalue(), picture.width, picture.height)


def _palette(grey: Image.Image) -> Image.Image:
    """A grey image as a palette image of ``GREY_LEVELS`` greys (white stays white), with the
    two mark colours after them."""
    step = 256 // GREY_LEVELS
    levels = grey.point(lambda v: v // step)
    palette: list[int] = []
    for level in range(GREY_LEVELS):
        value = 255 if level == GREY_LEVELS - 1 else level * step + step // 2
        palette += [value] * 3
    levels.putpalette([*palette, *HIT_COLOUR, *RELATED_COLOUR])
    return levels


def _outline(picture: Image.Image, box: tuple[int, int, int, int], kind: str) -> None:
    """Outline a cell: solid red for the finding's own cell, dashed blue for an operand."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(picture)
    x0, top, x1, bottom = box
    if kind == HIT:
        draw.rectangle(box, outline=GREY_LEVELS, width=HIT_WIDTH)
        return
    colour = GREY_LEVELS + 1
    for inset in range(RELATED_WIDTH):
        a, b, c, d = x0 + inset, top + inset, x1 - inset, bottom - inset
        for start in range(a, c + 1, 2 * DASH):
            end = min(start + DASH - 1, c)
            draw.line([(start, b), (end, b)], fill=colour)
            draw.line([(start, d), (end, d)], fill=colour)
        for start in range(b, d + 1, 2 * DASH):
            end = min(start + DASH - 1, d)
            draw.line([(a, start), (a, end)], fill=colour)
            draw.line([(c, start), (c, end)], fill=colour)


__all__ = ["Picture", "Region", "cell_box", "parse_points", "render_regions", "row_regions"]
