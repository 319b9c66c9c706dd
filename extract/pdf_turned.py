"""Text printed turned a quarter inside a ruled cell.

A narrow column's header is often set up the page (Excel's text orientation of 90°: ``Target``,
``Satuan``, ``Pagu Indikatif (Rp)`` read from the bottom of the cell to its top) or down it. Such
characters are not upright, so the page's lines leave them out; a ruled cell reads them here, in
their own direction: turned upright (``upright``), grouped into lines and joined as any cell's
lines are. Outside a ruled cell a turned text (a signature stamp along the margin, a watermark)
is not read at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from renja.extract.pdf_text import Char, group_lines, join_lines

UP, DOWN = 1, -1  # reading up the page (bottom to top), or down it


def direction(char: Char) -> int:
    """``UP`` for a character turned a quarter anticlockwise, ``DOWN`` for one turned clockwise,
    0 for any other (upright, upside down, slanted).

    >>> direction({"matrix": (0, 8, -8, 0, 100, 50)}), direction({"matrix": (0, -8, 8, 0, 1, 2)})
    (1, -1)
    >>> direction({"matrix": (8, 0, 0, 8, 100, 50)}), direction({})
    (0, 0)
    """
    a, b, c, d = (char.get("matrix") or (1, 0, 0, 1))[:4]
    if abs(a) > 1e-3 * abs(b) or abs(d) > 1e-3 * abs(c):
        return 0
    if b > 0 > c:
        return UP
    if b < 0 < c:
        return DOWN
    return 0


def upright(char: Char, way: int) -> Char:
    """The character as it would stand were its text turned back upright: its reading
    direction along x, its lines' order along ``top`` (the first line of a text read up the
    page is its leftmost; of one read down the page, its rightmost).

    >>> up = upright({"text": "A", "x0": 10, "x1": 18, "top": 94, "bottom": 100, "size": 6}, UP)
    >>> (up["x0"], up["x1"], up["top"], up["bottom"], up["size"])
    (-100, -94, 10, 18, 8)
    """
    x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
    if way == UP:
        box = {"x0": -bottom, "x1": -top, "top": x0, "bottom": x1}
    else:
        box = {"x0": top, "x1": bottom, "top": -x1, "bottom": -x0}
    return {**char, **box, "size": x1 - x0}  # the font's size lies across the turned line


def turned_text(chars: Sequence[Char]) -> str:
    """The text of a cell's turned characters: those of each direction turned upright, read as
    lines and joined (up the page first, the usual way).

    >>> def up(text, x0, top):  # 8 pt characters 5 pt apart, read from the bottom up
    ...     return {"text": text, "x0": x0, "x1": x0 + 8, "top": top, "bottom": top + 5,
    ...             "size": 5, "fontname": "Arial", "matrix": (0, 8, -8, 0, 0, 0)}
    >>> line = [up(t, 10, 100 - 5 * i) for i, t in enumerate("Pagu")]
    >>> turned_text([*line, up("R", 20, 100), up("p", 20, 95)])
    'Pagu Rp'
    """
    out = []
    for way in (UP, DOWN):
        turned = [upright(c, way) for c in chars if direction(c) == way]
        if turned:
            out.append(join_lines(group_lines(turned)))
    return " ".join(t for t in out if t)


__all__ = ["DOWN", "UP", "direction", "turned_text", "upright"]
