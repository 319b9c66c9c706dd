"""A page printed turned a quarter, turned upright to be read.

A landscape table printed on a portrait sheet has its text running along the page's height:
up the page (``pdf_turned.UP``: the sheet must be turned clockwise to read it) or down it
(``DOWN``: anticlockwise). Turning the page's characters and rules a quarter the other way
gives the page as it reads, wider than tall, and the reader then reads it as any page. The
boxes it records are the turned page's (``kotak`` in ``raw/``); the report renders such a page
turned the same way (``Document.turned_pages``), so its pictures show what was read.

A point ``(x, top)`` of a page ``width`` wide and ``height`` tall goes to ``(height - top, x)``
when its text reads up the page, ``(top, width - x)`` when it reads down; the turned page is
``height`` wide and ``width`` tall.
"""

from __future__ import annotations

from typing import Any

from renja.extract.pdf_objects import Obj, PageObjects
from renja.extract.pdf_turned import DOWN, UP, direction

# Degrees a viewer turns the page clockwise to show it upright, for each way its text reads.
ROTATION = {UP: 90, DOWN: 270}


def turned_box(obj: Obj, way: int, width: float, height: float) -> dict[str, float]:
    """An object's box on the turned page (see the module's docstring).

    >>> box = {"x0": 100, "x1": 110, "top": 700, "bottom": 760}  # a word reading up the page
    >>> turned = turned_box(box, UP, 595, 842)
    >>> [turned[k] for k in ("x0", "x1", "top", "bottom", "width", "height")]
    [82, 142, 100, 110, 60, 10]
    """
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    if way == UP:
        new = {"x0": height - bottom, "x1": height - top, "top": x0, "bottom": x1}
    else:
        new = {"x0": top, "x1": bottom, "top": width - x1, "bottom": width - x0}
    return {
        **new,
        "y0": width - new["bottom"],  # the turned page is ``width`` tall
        "y1": width - new["top"],
        "width": new["x1"] - new["x0"],
        "height": new["bottom"] - new["top"],
    }


def _turned_char(char: Obj, way: int, width: float, height: float) -> Obj:
    """A character on the turned page: upright when it read the page's way, turned a quarter
    the other way when it stood upright (a running head), upside down otherwise."""
    box = turned_box(char, way, width, height)
    own = direction(char)
    size = char["x1"] - char["x0"] if own else box["width"]
    if own == way:
        matrix: tuple[float, ...] = (size, 0.0, 0.0, size, 0.0, 0.0)
    elif own == 0:  # upright before: its text now runs down (up) the turned page
        matrix = (0.0, -size, size, 0.0, 0.0, 0.0) if way == UP else (0.0, size, -size, 0, 0, 0)
    else:
        matrix = (-size, 0.0, 0.0, -size, 0.0, 0.0)
    doctop = char.get("doctop", char["top"]) - char["top"] + box["top"]
    return {**char, **box, "doctop": doctop, "size": size, "upright": own == way,
            "matrix": matrix}  # fmt: skip


def turn_upright(objects: PageObjects, way: int, width: float, height: float) -> PageObjects:
    """The page's characters and rules as they stand on the page turned upright."""
    shapes = []
    for shape in objects.shapes:
        turned: dict[str, Any] = {**shape, **turned_box(shape, way, width, height)}
        turned["doctop"] = shape.get("doctop", shape["top"]) - shape["top"] + turned["top"]
        if "pts" in shape:
            turned["pts"] = [
                (height - top, x) if way == UP else (top, width - x) for x, top in shape["pts"]
            ]
        shapes.append(turned)
    return PageObjects(
        chars=[_turned_char(c, way, width, height) for c in objects.chars],
        shapes=shapes,
        images=objects.images,
        image_area=objects.image_area,
    )


__all__ = ["ROTATION", "turn_upright", "turned_box"]
