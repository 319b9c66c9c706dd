"""A converted table's row that stacks a program's indicators in its cells, line under line.

A PDF-to-Markdown converter writes each line of a cell with ``<br>`` between: a program with
two indicators has ``Usia Harapan Hidup<br>Prevalensi Stunting`` beside ``72,18<br>21,40`` and
``Tahun<br>%``. Read as one row, the target holds two numbers that no reading can split. As a
PDF's stacked lines do (``extract/indicator_lines.py``, ``extract/pdf_rows.py``), the row
becomes one row per indicator: the record's code, name and amounts on the first, each further
indicator with its own target on a row of its own.

A converter breaks a wrapped name at ``<br>`` too, so the lines must be told apart without the
page: the row is split only where every column of values with several lines has one whole value
per line and the same count of lines, and the text column just before the first of them (the
indicators) has that count of lines too. The columns from that text column on with that count
are split line by line; every other cell stays whole on the first row (a wrapped name, a single
amount). Any other row is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from renja.extract.cells import cell_lines, is_code_stack, is_value_line, strip_markup

# Lines that join into one number with its separators (``Rp75.708.321.8`` over ``84``,
# ``31,7`` over ``3``): its digits wrapped, not two values.
_ONE_NUMBER = re.compile(r"^(?:Rp\.?\s*)?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s*%?$", re.IGNORECASE)


def _one_number(lines: Sequence[str]) -> bool:
    joined = "".join(line.strip() for line in lines)
    return bool(_ONE_NUMBER.match(joined)) and any(mark in joined for mark in ".,")


def _text_lines(lines: Sequence[str]) -> bool:
    """Every line a text of words (an indicator's name), none a value."""
    return all(any(ch.isalpha() for ch in line) and not is_value_line(line) for line in lines)


def stacked_lines(raw_cells: Sequence[str]) -> list[list[str]] | None:
    """The row's cells as one list of cells per indicator line, or None when it stacks no
    indicators (see the module's docstring).

    >>> for row in stacked_lines(["1.02.02", "PROGRAM<br>KESEHATAN", "Usia Harapan Hidup<br>"
    ...                           "Prevalensi", "72,18<br>21,40", "Tahun<br>%", "1.250.000.000"]):
    ...     print(row)
    ['1.02.02', 'PROGRAM KESEHATAN', 'Usia Harapan Hidup', '72,18', 'Tahun', '1.250.000.000']
    ['', '', 'Prevalensi', '21,40', '%', '']
    >>> stacked_lines(["1.02", "Nama<br>panjang", "Indikator", "1.250.<br>000.000"]) is None
    True
    >>> stacked_lines(["2.08.01", "Persentase dukungan<br>kinerja", "Rp75.708.321.8<br>84"]) is None
    True
    >>> stacked_lines(["Pengembangan", "Persentase", "125.055.0<br>00", "31,7<br>3"]) is None
    True

    A column of codes stacked as the names and amounts are (an APBD summary's ``4<br>4.1``
    beside ``PENDAPATAN DAERAH<br>PENDAPATAN ASLI DAERAH``) is split with them:

    >>> stacked_lines(["4<br>4.1", "PENDAPATAN DAERAH<br>PAD", "2.034.991<br>387.190"])
    [['4', 'PENDAPATAN DAERAH', '2.034.991'], ['4.1', 'PAD', '387.190']]
    """
    parts = [cell_lines(cell) for cell in raw_cells]
    valued = [
        k for k, lines in enumerate(parts)
        if len(lines) >= 2 and all(is_value_line(line) for line in lines if line)
        and sum(1 for line in lines if line) >= 2 and not _one_number(lines)
    ]  # fmt: skip
    if not valued or len({len(parts[k]) for k in valued}) != 1:
        return None
    count = len(parts[valued[0]])
    before = [k for k in range(valued[0]) if any(parts[k])]
    if not before or len(parts[before[-1]]) != count or not _text_lines(parts[before[-1]]):
        return None
    first = before[-1]
    split = {k for k in range(first, len(parts))
             if len(parts[k]) == count and not _one_number(parts[k])}  # fmt: skip
    # a column of codes of as many lines, each a record's (``4<br>4.1<br>4.1.01``)
    split |= {k for k in before if len(parts[k]) == count and is_code_stack(parts[k])}
    rows = [[strip_markup(cell) if k not in split else parts[k][0]
             for k, cell in enumerate(raw_cells)]]  # fmt: skip
    for line in range(1, count):
        rows.append([parts[k][line] if k in split else "" for k in range(len(raw_cells))])
    return rows


__all__ = ["stacked_lines"]
