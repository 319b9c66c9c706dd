"""A ruled box of ``Label : value`` lines (a SIPD RKA or DPA form's header block: ``Program :
2.23.02 PROGRAM …``, ``Kegiatan : 2.23.02.1.02 …``, ``Alokasi Tahun 2026 : Rp …``, label,
colon and value in one cell) is no table of data: read as a table it was one row of one long
cell, whose codes and amounts reached no clean table. Its lines are text, each wrapped value
joined to its label's line, so they are read as any label lines are
(``renja.extract.label_lines``): a table of labels and values. The grid the block is drawn in
(with the form's title over it, the indicator table under it) keeps its other rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from renja.extract.label_lines import MIN_LABEL_LINES, label_value
from renja.extract.pdf_cells import BBox, Cell, PageTable, snap
from renja.extract.pdf_text import Line

# A block's row has text in this many of its cells at most (a label list, a form's title
# beside its number), and the block is among a table's first rows: a form's header, not a grid
# of records. A row of the block prints this many label lines at least.
MAX_BOX_COLUMNS = 2
MAX_BOX_ROWS = 6
MIN_ROW_LABELS = 2
# A line starting this many of its characters' heights right of a label line's start, under
# it, no more than this many heights below it, is the label's value wrapped.
WRAP_INDENT = 2.0
WRAP_GAP = 1.0


def split_label_block(table: PageTable) -> tuple[PageTable | None, list[Line], BBox | None]:
    """The table without the block of label lines its first rows print (rows of one or two
    filled cells, most of whose lines are ``Label : value``, ``MIN_LABEL_LINES`` at least; a
    title row may stand over them), the block's lines (each cell's, ``join_wrapped``) and the
    box they took; the table as it is, no lines and no box, when it starts with no such
    block. The rest is None when the block was the whole table.

    A SIPD form draws its title, its header block and its indicator table in one grid: the
    block's rows go, the rows under it stay a table.
    """
    end = labelled = 0
    for index, row in enumerate(table.rows[:MAX_BOX_ROWS]):
        if sum(c is not None and bool(c.text) for c in row) > MAX_BOX_COLUMNS:
            break
        lines = _lines([row])
        own = sum(label_value(line.text) is not None for line in lines)
        if own * 2 > len(lines) and own >= MIN_ROW_LABELS:
            end, labelled = index + 1, labelled + own
        elif end:  # the first row under the block
            break
    if labelled < MIN_LABEL_LINES:
        return table, [], None
    rows = table.rows[:end]
    box = (table.bbox[0], table.bbox[1], table.bbox[2], table.row_boxes[end - 1][3])
    if end == len(table.rows):
        return None, _lines(rows), box
    rest = replace(
        table,
        rows=table.rows[end:],
        row_boxes=table.row_boxes[end:],
        bbox=(table.bbox[0], table.row_boxes[end][1], table.bbox[2], table.bbox[3]),
    )
    return _own_edges(rest), _lines(rows), box


def _own_edges(table: PageTable) -> PageTable:
    """The table on the column edges its own cells start or end on: an edge only the rows
    taken away used (the form's number beside its title) splits no column of the rest."""
    edges = table.edges
    if len(edges) < 3:
        return table
    used = {snap(x) for row in table.rows for c in row if c is not None
            for x in (c.bbox[0], c.bbox[2])}  # fmt: skip
    kept = [j for j, x in enumerate(edges) if j in (0, len(edges) - 1) or snap(x) in used]
    if len(kept) == len(edges):
        return table
    slot_of = {j: k for k, j in enumerate(kept[:-1])}
    rows: list[list[Cell | None]] = []
    for row in table.rows:
        slots: list[Cell | None] = [None] * (len(kept) - 1)
        for j, cell in enumerate(row):
            if cell is not None and j in slot_of:
                slots[slot_of[j]] = cell
        rows.append(slots)
    return replace(table, rows=rows, edges=[edges[j] for j in kept])


def _lines(rows: Sequence[Sequence[Cell | None]]) -> list[Line]:
    """The lines of the rows' cells, top to bottom, each cell's wrapped values joined to their
    label lines (``join_wrapped``)."""
    out = [line for row in rows for cell in row if cell is not None
           for line in join_wrapped(cell.lines)]  # fmt: skip
    return sorted(out, key=lambda line: (line.top, line.x0))


def join_wrapped(lines: Sequence[Line]) -> list[Line]:
    """Lines top to bottom, a value's wrapped lines (just under a label line and indented from
    its start, even where they print a colon: ``… Pendidikan Khusus: 38 Lokus``) joined to it.

    >>> def line(text, x0, top):
    ...     return Line(text, x0, x0 + 5 * len(text), top, top + 8, 8.0, False)
    >>> [l.text for l in join_wrapped([
    ...     line("Sub Kegiatan : 2.23.02.1.02.0001 Sosialisasi Budaya Baca", 10, 0),
    ...     line("serta Masyarakat", 120, 10), line("Sumber Pendanaan : PAD", 10, 20)])]
    ['Sub Kegiatan : 2.23.02.1.02.0001 Sosialisasi Budaya Baca serta Masyarakat', \
'Sumber Pendanaan : PAD']
    """
    out: list[Line] = []
    labelled: Line | None = None  # the last line, when a label line (with its wraps)
    for line in lines:
        if (
            labelled is not None
            and line.x0 - labelled.x0 >= WRAP_INDENT * line.size
            and line.top - labelled.bottom <= WRAP_GAP * line.size
        ):
            labelled = replace(
                labelled,
                text=f"{labelled.text} {line.text}",
                x1=max(labelled.x1, line.x1),
                bottom=line.bottom,
            )
            out[-1] = labelled
            continue
        out.append(line)
        labelled = line if label_value(line.text) is not None else None
    return out


__all__ = ["join_wrapped", "split_label_block"]
