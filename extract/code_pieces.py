"""A code printed in columns of its own, under one ``Kode`` label, on a page without rules.

A Renstra or RPJMD often prints a code's segments in five narrow columns (``1 | 05 | 01 | 2.01 |
0001``) under one ``Kode`` header. With rules, the header cell spans them and
``merge_spanned_columns`` joins them. Without rules, nothing says they belong together: the
label sits over the middle one and the others have no header. They are joined here when the
cells themselves say so: next to the column labelled ``Kode``, columns with no label whose
cells, read left to right on every row, are the segments of one code (urusan, bidang, program,
kegiatan, sub kegiatan). The pieces are joined with spaces, as for a spanned header
(``join_pieces``); making the code of them is a logged repair of the clean table
(``join_code_columns``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from renja.extract.pdf_spans import join_pieces
from renja.model.kode import is_code_in_columns
from renja.model.records import RawRow, RawTable

_KODE = re.compile(r"\bkode\b", re.IGNORECASE)
_URUSAN = re.compile(r"[1-9]|[xX]")
# The label of a code's segment column, as a form names it under a spanning ``Kode``.
_PIECE = re.compile(
    r"^(?:kode\s+)?(?:urusan|bidang(?:\s+urusan)?|program|kegiatan|sub\s*-?\s*kegiatan|sub"
    r"|u|b|p|k|sk|prog|keg|sub\s*-?\s*keg)\.?$",  # abbreviated: U | B | P | K | SK
    re.IGNORECASE,
)
# A code's columns: urusan, bidang, program, kegiatan, sub kegiatan.
MAX_PIECES = 5
# Rows whose pieces must read as a code before the columns are joined (a run of one or two
# rows may be anything).
MIN_CODE_ROWS = 3


def _label(header: Sequence[RawRow], column: int) -> str:
    """The column's header text, column numbers (``1``, ``2`` … of a numbering row) aside."""
    text = " ".join(r.cells[column] for r in header if column < len(r.cells))
    return re.sub(r"\b\d+\b", " ", text).strip()


def _is_code(pieces: Sequence[str]) -> bool:
    """Whether cells read left to right hold the first segments of one code, in order (a
    program's three, a sub kegiatan's five), whichever of the cells each landed in.

    >>> _is_code(["1", "05", "01", "2.01", ""]), _is_code(["1", "05", "03 2.04", "", "0004"])
    (True, True)
    >>> _is_code(["1", "05", "Penataan", "", ""]), _is_code(["", "", "", "", "JUMLAH"])
    (False, False)

    An urusan's row prints its digit alone, in the first column.

    >>> _is_code(["3", "", "", "", ""]), _is_code(["", "", "3", "", ""])
    (True, False)
    """
    segments = join_pieces(pieces).split()
    if len(segments) == 1 and pieces and pieces[0].strip() == segments[0]:
        return bool(_URUSAN.fullmatch(segments[0]))
    return is_code_in_columns(segments)


def code_run(table: RawTable) -> tuple[int, int] | None:
    """(first, last) of the columns that print one code's segments, or None.

    The run holds the one column labelled ``Kode`` and columns with no label (on a page without
    rules), or columns labelled as a code's segments (``Urusan | Bidang | Program | Kegiatan |
    Sub Kegiatan`` under a spanning ``Kode``, ruled or not), five at most; on every body row
    its cells hold one code's first segments, or nothing, or words without digits; and at least
    ``MIN_CODE_ROWS`` rows hold a code.
    """
    header = table.header
    width = table.width
    if not header:
        return None
    ruled = any(r.spans for r in header)
    labels = [_label(header, j) for j in range(width)]
    labelled = [j for j, label in enumerate(labels) if _KODE.search(label)]
    copies = _copies_of_span(header, labelled)
    for j in copies:
        labels[j] = ""  # a spanning Kode copied into each of its columns (a converter's grid)
    labelled = [j for j in labelled if j not in copies]
    if not labelled:
        return _named_run(table, labels)
    if len(labelled) != 1:
        return None
    (kode,) = labelled
    for first in range(max(kode - MAX_PIECES + 1, 0), kode + 1):
        for last in range(min(first + MAX_PIECES, width) - 1, max(kode, first + 1) - 1, -1):
            others = [" ".join(labels[j].split()) for j in range(first, last + 1) if j != kode]
            named = all(_PIECE.match(label) for label in others)
            if (ruled or any(others)) and not named:
                continue  # a ruled header's spans say which columns belong, unless named pieces
            if _reads_as_codes(table.body, first, last):
                return first, last
    return None


# The first of a code's segment columns printed without a ``Kode`` over them.
_URUSAN_LABEL = re.compile(r"^(?:kode\s+)?(?:urusan|u)\.?$", re.IGNORECASE)
# A run of segment columns without a ``Kode`` over them has this many columns at least.
MIN_NAMED_PIECES = 3


def _named_run(table: RawTable, labels: Sequence[str]) -> tuple[int, int] | None:
    """(first, last) of columns named as a code's segments with no ``Kode`` over them
    (``Urusan | Bidang | Program | Kegiatan | Sub Kegiatan``, a converter dropping the spanning
    cell), from an urusan's column on, that read as codes; None when there are none."""
    names = [" ".join(label.split()) for label in labels]
    for first, name in enumerate(names):
        if not _URUSAN_LABEL.match(name):
            continue
        last = first
        while last + 1 < len(names) and last + 1 - first < MAX_PIECES and _PIECE.match(
            names[last + 1]
        ):
            last += 1
        if last - first + 1 >= MIN_NAMED_PIECES and _reads_as_codes(table.body, first, last):
            return first, last
    return None


def _copies_of_span(header: Sequence[RawRow], labelled: Sequence[int]) -> set[int]:
    """The columns after the first of ``labelled`` that repeat its header cells (or leave them
    empty) in every header row, next to it: one ``Kode`` cell spanning them, written by a
    converter (Markdown has no spans) as a copy in each.

    >>> from renja.model.records import Source
    >>> rows = [["Kode", "", "", "Uraian"], ["Kode", "Kode", "Kode", "Uraian"]]
    >>> sorted(_copies_of_span([RawRow(r, Source(line=1)) for r in rows], [0, 1, 2]))
    [1, 2]
    """
    if len(labelled) < 2 or list(labelled) != list(range(labelled[0], labelled[-1] + 1)):
        return set()
    first = labelled[0]
    for row in header:
        cells = row.cells
        if len(cells) <= labelled[-1]:
            return set()
        if any(cells[j].strip() not in (cells[first].strip(), "") for j in labelled[1:]):
            return set()
    return set(labelled[1:])


def _reads_as_codes(body: Sequence[RawRow], first: int, last: int) -> bool:
    """Every body row holds a code in the columns, or nothing, or a word without digits (a
    ``JUMLAH`` row's label printed under the codes); and enough rows hold a code."""
    codes = 0
    for row in body:
        pieces = [row.cells[j] if j < len(row.cells) else "" for j in range(first, last + 1)]
        text = join_pieces(pieces)
        if _is_code(pieces):
            codes += 1
        elif any(c.isdigit() for c in text):
            return False
    return codes >= MIN_CODE_ROWS


def _one_text(pieces: Sequence[str]) -> str:
    """The pieces of a code joined (``join_pieces``); a word a converter copied into each of
    the columns (a ``TOTAL`` row's label across the code columns) once.

    >>> _one_text(["1", "05", "01"]), _one_text(["TOTAL", "TOTAL", "TOTAL"])
    ('1 05 01', 'TOTAL')
    """
    filled = {p.strip() for p in pieces if p.strip()}
    if len(filled) == 1 and sum(1 for p in pieces if p.strip()) > 1:
        (text,) = filled
        if not any(c.isdigit() for c in text):
            return text
    return join_pieces(pieces)


def merge_code_pieces(table: RawTable) -> RawTable:
    """The table with a code's segment columns joined into one (``code_run``), in every row;
    or a program's code column and a column of codes under it (``relative_pair``); unchanged
    when no columns read so."""
    run = code_run(table)
    if run is not None:
        first, last = run
        return replace(table, rows=tuple(_joined(r, first, last) for r in table.rows))
    pair = relative_pair(table)
    if pair is not None:
        return replace(table, rows=tuple(_relative_joined(r, pair) for r in table.rows))
    return table


# A code under a program's, as a spreadsheet prints it in a column of its own beside the
# program's code: a kegiatan's class and number (``2.01``), perhaps a sub kegiatan's
# (``2.01.0003``).
_UNDER_PROGRAM = re.compile(r"[1-9X]\.[0-9X]{2}(?:\.[0-9]{4})?")
_ABOVE_KEGIATAN = re.compile(r"[1-9X](?:\.[0-9X]{2}){0,2}")
_PROGRAM = re.compile(r"[1-9X]\.[0-9X]{2}\.[0-9]{2}")


def relative_pair(table: RawTable) -> int | None:
    """The first of two code columns side by side (``Kode Program | Kode Kegiatan/Sub
    Kegiatan``): the first holds urusan, bidang and program codes, the second, on a program's
    rows, its kegiatan and sub kegiatan codes without the program's (``2.16.01 | 2.01.0001``).
    None when no two such columns read so on ``MIN_CODE_ROWS`` rows or more."""
    header = table.header
    if not header:
        return None
    labelled = [j for j in range(table.width) if _KODE.search(_label(header, j))]
    if len(labelled) != 2 or labelled[1] != labelled[0] + 1:
        return None
    first = labelled[0]
    pairs = 0
    for row in table.body:
        cells = [row.cells[j].strip() if j < len(row.cells) else "" for j in (first, first + 1)]
        above, under = cells
        if under:
            if not (_PROGRAM.fullmatch(above) and _UNDER_PROGRAM.fullmatch(under)):
                return None
            pairs += 1
        elif above and not _ABOVE_KEGIATAN.fullmatch(above) and any(c.isdigit() for c in above):
            return None
    return first if pairs >= MIN_CODE_ROWS else None


def _relative_joined(row: RawRow, first: int) -> RawRow:
    """The two code cells as one code's pieces (``2 16 01 2.01 0001``, read as
    ``2.16.01.2.01.0001`` by ``join_code_columns``), or the first alone."""
    cells = list(row.cells)
    if len(cells) <= first + 1:
        return row
    above, under = cells[first].strip(), cells[first + 1].strip()
    if under and _PROGRAM.fullmatch(above) and _UNDER_PROGRAM.fullmatch(under):
        kegiatan, _dot, sub = under.partition(".")[2].partition(".")
        pieces = [*above.split("."), f"{under.split('.')[0]}.{kegiatan}", sub]
        text = " ".join(p for p in pieces if p)
    else:
        text = _one_text([above, under])
    cells[first : first + 2] = [text]
    indents = row.indents
    if len(indents) == len(row.cells):
        indents = (*indents[: first + 1], *indents[first + 2 :])
    return replace(row, cells=tuple(cells), indents=indents)


def _joined(row: RawRow, first: int, last: int) -> RawRow:
    cells = list(row.cells)
    if len(cells) <= first:
        return row
    cells[first : last + 1] = [_one_text(cells[first : last + 1])]
    indents = row.indents
    if len(indents) == len(row.cells):
        indents = (*indents[:first], indents[first], *indents[last + 1 :])
    return replace(row, cells=tuple(cells), indents=indents)


__all__ = ["code_run", "merge_code_pieces", "relative_pair"]
