"""Tables set in plain text by spaces alone (``pdftotext -layout``, a text export, an OCR tool's
text): no pipes, no dash lines, a column wherever the data lines leave a gutter.

A region of lines is a table when at least ``MIN_DATA_LINES`` of its lines start with a code
and hold an amount; its columns are the stretches between the gutters that those data lines all
leave blank (header labels over two columns, such as a right-aligned ``PAGU INDIKATIF``, may
cross a gutter: the data lines decide). The lines before the first data line are the header;
rows are the groups of lines between blank lines when the table sets its rows apart so, else
one line each, a line with nothing in the first column and no amount going on the row above.
Cells of several lines are joined with ``<br>``, as a grid table's (``grid_tables.py``).
"""

from __future__ import annotations

import re

from renja.extract.grid_tables import GridRow, joined_lines
from renja.extract.shapes import Shape, sniff
from renja.model.kode import Kode

_CODE = re.compile(r"^(?:\d{1,2}|X)(?:\.(?:\d{1,4}|XX)){1,5}$")
# Words one space apart are one run; two spaces or more part runs.
_RUN = re.compile(r"\S+(?: \S+)*")
# A table's data lines: at least this many, each starting with a code and holding an amount.
MIN_DATA_LINES = 3
# Lines a table's region may hold before its first data line (its header and column numbers).
MAX_HEAD_LINES = 6


def _runs(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _RUN.finditer(line)]


def _is_code(word: str) -> bool:
    """A Permendagri code of two segments or more (``1.02.01``), not a row number (``1``)."""
    return _CODE.match(word) is not None and Kode.from_cell(word) is not None


def _is_data_line(line: str) -> bool:
    """A line that starts with a Permendagri code of two segments or more (``1.02.01``, not a
    row number ``1`` or ``2.``) and holds an amount."""
    runs = _runs(line)
    if len(runs) < 2:
        return False
    return (
        _is_code(runs[0][2].split(" ")[0])
        and any(sniff(word) is Shape.AMOUNT for _, _, text in runs[1:] for word in text.split())
    )


def _region(lines: list[str], start: int) -> tuple[int, int] | None:
    """The lines of a table whose header may start at ``lines[start]``: (first data line, end)
    with its data lines; None when no table starts there."""
    first = next((i for i in range(start, min(len(lines), start + MAX_HEAD_LINES + 1))
                  if _is_data_line(lines[i])), None)  # fmt: skip
    if first is None:
        return None
    indent = len(lines[first]) - len(lines[first].lstrip())
    end, blanks = first, 0
    while end < len(lines):
        line = lines[end]
        if not line.strip():
            blanks += 1
            if blanks > 1:
                break
        elif len(line) - len(line.lstrip()) < indent or line.lstrip().startswith(("|", "#")):
            break  # prose set at the margin, a Markdown table or heading: past the table
        else:
            blanks = 0
        end += 1
    while end > first and not lines[end - 1].strip():
        end -= 1
    data = [i for i in range(first, end) if _is_data_line(lines[i])]
    return (first, end) if len(data) >= MIN_DATA_LINES else None


def _columns(lines: list[str]) -> list[tuple[int, int]]:
    """The columns the data lines leave between their gutters: (start, end) positions."""
    width = max(len(line) for line in lines)
    used = [False] * width
    for line in lines:
        for start, end, _ in _runs(line):
            for p in range(start, end):
                used[p] = True
    out: list[tuple[int, int]] = []
    p = 0
    while p < width:
        if used[p]:
            q = p
            while q < width and used[q]:
                q += 1
            out.append((p, q))
            p = q
        else:
            p += 1
    return out


def _cells(line: str, columns: list[tuple[int, int]]) -> list[str]:
    """A line's runs placed in the columns they overlap most (a header label across a gutter
    goes to the column it covers more of)."""
    out = [""] * len(columns)
    for start, end, text in _runs(line):
        overlaps = [min(end, b) - max(start, a) for a, b in columns]
        k = max(range(len(columns)), key=lambda i: overlaps[i])
        if overlaps[k] <= 0:  # in a gutter: the nearest column
            k = min(range(len(columns)), key=lambda i: abs(columns[i][0] - start))
        out[k] = f"{out[k]} {text}".strip()
    return out


def text_table_at(lines: list[str], index: int) -> tuple[int, list[GridRow]] | None:
    """The table set by spaces whose first line is ``lines[index]``: the index past it and its
    rows (1-based lines); None when none starts there.

    >>> doc = ["KODE       URAIAN             PAGU (Rp)", "",
    ...        "1.02.01    PROGRAM PENUNJANG    500.000", "           URUSAN", "",
    ...        "1.02.01.2  Perencanaan          200.000", "",
    ...        "1.02.01.3  Keuangan             300.000", "", "", "Teks."]
    >>> end, rows = text_table_at(doc, 0)
    >>> end, [(r.line, r.header, r.cells) for r in rows][:2]
    (8, [(1, True, ['KODE', 'URAIAN', 'PAGU (Rp)']), (3, False, ['1.02.01', \
'PROGRAM PENUNJANG<br>URUSAN', '500.000'])])
    """
    if len(_runs(lines[index])) < 2 or lines[index].lstrip().startswith(("|", "#", "+")):
        return None
    region = _region(lines, index)
    if region is None:
        return None
    first, end = region
    data = [lines[i] for i in range(first, end) if _is_data_line(lines[i])]
    columns = _columns(data)
    if len(columns) < 2:
        return None
    rows: list[GridRow] = []
    head: list[int] = []
    for i in range(index, first + 1):  # the header's rows: its lines between blank lines
        if i < first and lines[i].strip():
            head.append(i)
        elif head:
            header = joined_lines([_cells(lines[k], columns) for k in head])
            rows.append(GridRow(header, head[0] + 1, True))
            head = []
    spaced = any(not lines[i].strip() for i in range(first, end))
    group: list[list[str]] = []
    group_line = first
    for i in range(first, end + 1):
        line = lines[i] if i < end else ""
        cells: list[str] | None = _cells(line, columns) if line.strip() else None
        coded = cells is not None and _is_code(cells[0].split(" ")[0])
        starts = cells is not None and (
            bool(cells[0]) or any(sniff(c) is Shape.AMOUNT for c in cells)
        )
        if group and (
            (cells is None and spaced) or (starts and not spaced) or coded or i == end
        ):  # a row ends at a blank line (rows set apart) or where the next starts; a code
            # in the first column always starts one
            rows.append(GridRow(joined_lines(group), group_line + 1, False))
            group = []
        if cells is not None:
            if not group:
                group_line = i
            group.append(cells)
    return end, rows


__all__ = ["text_table_at"]
