"""How well a cell of a given shape fits a column of a given type.

Alignment and column mapping compare raw cell shapes with the column types of a form; the cost
table below is the whole of that knowledge, kept as data.
"""

from __future__ import annotations

from renja.extract.shapes import Shape
from renja.model.contract import CellType

# How badly a cell of a given shape fits a column of a given type (0 = a perfect fit). A cost of
# CONFLICT or more means the cell cannot be in that column: the row is then re-aligned.
CONFLICT = 1.5
# The number column also holds the labels of footer rows (``Jumlah …``, ``Predikat kinerja``).
# fmt: off
_COST: dict[CellType, tuple[float, ...]] = {
    #                    EMPTY DASH AMOUNT CODE PERCENT NUMBER TARGET PRED INDIC TEXT DECIMAL
    CellType.NO:          (0, 0.2, 3.0, 1.0, 3.0, 0.0, 3.0, 1.0, 0.2, 0.2, 3.0),
    CellType.KODE:        (0, 0.5, 3.0, 0.0, 3.0, 1.0, 3.0, 3.0, 3.0, 3.0, 3.0),
    CellType.REKENING:    (0, 0.5, 3.0, 0.0, 3.0, 0.5, 3.0, 3.0, 3.0, 3.0, 3.0),
    CellType.KODE_URAIAN: (0, 0.5, 3.0, 0.0, 3.0, 2.0, 2.0, 1.0, 0.5, 0.0, 3.0),
    CellType.TEXT:        (0, 0.0, 3.0, 2.0, 2.0, 1.5, 1.5, 0.5, 0.3, 0.0, 2.0),
    CellType.INDIKATOR:   (0, 0.0, 3.0, 2.0, 2.0, 1.5, 1.5, 0.5, 0.0, 0.3, 2.0),
    CellType.RUPIAH:      (0, 0.0, 0.0, 3.0, 3.0, 0.5, 3.0, 3.0, 4.0, 4.0, 4.0),
    CellType.TARGET:      (0, 0.0, 2.0, 3.0, 0.0, 0.0, 0.0, 0.0, 2.0, 1.5, 0.0),
    CellType.PERCENT:     (0, 0.0, 3.0, 3.0, 0.0, 0.0, 1.5, 2.0, 4.0, 4.0, 0.0),
    CellType.NUMBER:      (0, 0.0, 0.3, 3.0, 1.0, 0.0, 1.5, 3.0, 4.0, 4.0, 0.0),
}
# fmt: on
# A column of unknown type (a position no canonical column claimed) takes anything.
_ANY = (0.0,) * len(Shape)


def fit_cost(shape: Shape, ctype: CellType | None) -> float:
    """Cost of putting a cell of this shape in a column of this type.

    >>> fit_cost(Shape.AMOUNT, CellType.RUPIAH), fit_cost(Shape.AMOUNT, CellType.TARGET)
    (0.0, 2.0)
    """
    return (_COST.get(ctype, _ANY) if ctype is not None else _ANY)[shape]
