"""Tables without rules (or with row rules only): columns from the gaps the text leaves, rows from
the rules or from the extra space printers put between rows.

A page's characters become physical lines of *runs*: text whose characters sit closer than a
column gap. A table is a stretch of lines where runs line up in columns: the columns are the
x-intervals that the runs of the stretch cover, the gutters are the ones nearly no run crosses
(a header label spanning a group of columns is allowed to). Rows are the bands between
horizontal rules when the table has them; otherwise lines close together (a wrapped cell) form a
row and a wider gap starts the next.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Callable, Sequence

from renja.extract.aligned_rows import BOTTOM, aligned_bands, alignment, first_row_lines
from renja.extract.bands import is_band
from renja.extract.cells import (
    is_code_stack,
    is_data_cell,
    is_group_heading,
    is_header_row,
    is_number_row,
)
from renja.extract.centred_rows import centred_bands
from renja.extract.header_levels import Heading, header_levels
from renja.extract.indicator_lines import indicator_parts
from renja.extract.label_lines import label_value
from renja.extract.pdf_cells import BBox, Cell, PageTable
from renja.extract.pdf_rows import split_key_values
from renja.extract.pdf_text import (
    Char,
    PhysicalLine,
    Run,
    column_at,
    currency_joined,
    group_lines,
    join_lines,
    physical_lines,
    split_words,
    words_joined,
)
from renja.extract.stitch import is_numbered_caption, is_page_mark

# A gutter may be crossed by this share of a table's lines (group labels of the header).
GUTTER_CROSSING = 0.12
# A table needs this many lines with runs in two or more columns, and two columns at least.
MIN_TABLE_LINES = 3
# Lines further apart than this many line heights end a table, unless the line after the gap
# starts a row in the table's columns and stands no more than MAX_ROW_GAP line heights below.
MAX_LINE_GAP = 2.5
MAX_ROW_GAP = 6
ROW_RUNS = 4
# How far above a table (in line heights of MAX_LINE_GAP) the rest of a cut row may stand.
CUT_ROW_REACH = 3
# A line whose font is this many points off the table's is a title over it, not a row.
TITLE_SIZE_SLACK = 1.5
# A gap between lines this much larger (in font sizes) than the closest ones starts a new row.
ROW_GAP = 0.35


def _texts(line: PhysicalLine) -> list[str]:
    return ["".join(c["text"] for c in r.chars) for r in line.runs]


def _header_and_a_row(lines: Sequence[PhysicalLine], multi: Sequence[int]) -> bool:
    """Two lines of several runs: a row of labels, then a row of two values or more (the last
    row of a table, a total, alone on its page under the header set again)."""
    if len(multi) != 2:
        return False
    header, row = (_texts(lines[i]) for i in multi)
    return is_header_row(header) and sum(is_data_cell(t) for t in row) >= 2


# A line of prose set justified: this many words at least, each a run of its own, the gaps
# between them alike within this share of the widest (a row's gaps differ with its cells).
JUSTIFIED_WORDS = 6
JUSTIFIED_SLACK = 0.25


def justified(line: PhysicalLine) -> bool:
    """A line of justified prose whose stretched spaces split it into runs of one word each,
    evenly apart: no row of a table."""
    runs = line.runs
    if len(runs) < JUSTIFIED_WORDS:
        return False
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(runs)]
    return max(gaps) - min(gaps) <= JUSTIFIED_SLACK * max(gaps)


def _regions(lines: list[PhysicalLine]) -> list[tuple[int, int]]:
    """Stretches of lines (start, end exclusive) that may hold a table: several lines with two
    runs or more, close together; single-run lines at the edges are left out (captions, prose)."""
    out: list[tuple[int, int]] = []
    start = None
    for i, line in enumerate(lines):
        close = i > 0 and line.top - lines[i - 1].bottom <= MAX_LINE_GAP * line.size
        if start is None or not close:
            if start is not None:
                out.append((start, i))
            start = i
    if start is not None:
        out.append((start, len(lines)))
    out = _rows_set_apart_joined(lines, out)
    trimmed = []
    for a, b in out:  # (a monospaced line's words one space apart are one run here)
        multi = [i for i in range(a, b) if len(words_joined(lines[i]).runs) >= 2]
        prose = [i for i in multi if justified(lines[i])]
        if prose and multi[: len(prose)] == prose:  # prose set justified over the table alone
            multi = multi[len(prose) :]
        if len(multi) < MIN_TABLE_LINES and not _header_and_a_row(lines, multi):
            continue
        first, last = multi[0], multi[-1]
        # Titles in a larger font above or below the table are captions, not its rows.
        usual = statistics.median(lines[i].size for i in range(first, last + 1))
        while first < last and abs(lines[first].size - usual) > TITLE_SIZE_SLACK:
            first += 1
        while last > first and abs(lines[last].size - usual) > TITLE_SIZE_SLACK:
            last -= 1
        # Past a title, the table starts at a line of several runs still (a caption of one run
        # in a size near the table's under a larger title is no row).
        while first < last and first not in multi:
            first += 1
        # A numbered caption on the line over the header (Word's caption style, set close over
        # its table: ``Tabel 2.4 <tab> Rencana …``, two runs) is no row of it.
        while (
            first < last
            and is_numbered_caption(_words_text(lines[first]))
            and not is_numbered_caption(_words_text(lines[first + 1]))  # (a list of tables)
        ):
            first += 1
        while last > first and (last not in multi or is_page_mark(_words_text(lines[last]))):
            last -= 1  # (the page's number under the table, ``III - 14``, is no row)
        # Lines set as tightly as the lines of one cell belong to the table: the rest of a row
        # that a page break cut, at the top of the page or at the bottom.
        while first > a and _attached(lines[first - 1], lines[first]):
            first -= 1
        while last + 1 < b and _attached(lines[last], lines[last + 1]):
            last += 1
        # A group's heading (``Prioritas 4: …``) under the last row starts the next page's rows.
        while last + 1 < b and is_group_heading(_words_text(lines[last + 1])):
            last += 1
        trimmed.append((first, last + 1))
    return trimmed


def _rows_set_apart_joined(
    lines: Sequence[PhysicalLine], stretches: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Stretches apart by less than ``MAX_ROW_GAP`` line heights, the second starting with a
    line of ``ROW_RUNS`` runs or more that start where the first's do, are one table: rows set
    in tall cells (a spreadsheet's rows higher than their text) leave more white between them
    than lines do. (A contents page's chapters, set apart, have no more than three runs.)"""
    out: list[tuple[int, int]] = []
    for start, end in stretches:
        if out:
            first, last = lines[start], lines[out[-1][1] - 1]
            starts = {round(r.x0) for line in lines[out[-1][0] : out[-1][1]] for r in line.runs}
            aligned = [r for r in first.runs if any(abs(r.x0 - x) <= 1 for x in starts)]
            if (
                first.top - last.bottom <= MAX_ROW_GAP * first.size
                and len(aligned) >= ROW_RUNS
                and 2 * len(aligned) >= len(first.runs)
            ):
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def _attached(above: PhysicalLine, below: PhysicalLine) -> bool:
    """Two lines set like the lines of one cell: same size, no more than the leading apart."""
    same_size = abs(above.size - below.size) <= 0.5
    return same_size and below.top - above.bottom <= ROW_GAP * below.size


def columns_of(lines: Sequence[PhysicalLine]) -> list[tuple[float, float]]:
    """The x-intervals of a table's columns: covered by runs, between gutters that at most a few
    lines (header group labels) cross; a run starting inside a gutter opens a column there."""
    runs = [r for line in lines for r in line.runs]
    if not runs:
        return []
    # Under a header of labels, the body's lines make the columns, and the labels are placed
    # on them below (prose, a list, keeps every line).
    header = _labels_header(lines)
    enough = len(lines) - len(header) >= MIN_TABLE_LINES
    body = lines[len(header) :] if enough else lines
    # A group band across the table (``Program : 3.27.02 …``, ``Prioritas 1: Peningkatan …``
    # in one run across most of its width) crosses gutters as a title does.
    left, right = min(r.x0 for r in runs), max(r.x1 for r in runs)
    across = {id(line) for line in body if _across(line, left, right)}
    body = [line for line in body
            if not _is_band_line(line) and id(line) not in across] or body  # fmt: skip
    if len(across) < len(lines):  # nor does such a heading open a column where it starts
        runs = [r for line in lines if id(line) not in across for r in line.runs]
    allowed = int(GUTTER_CROSSING * len(body))
    edges = sorted({r.x0 for r in runs} | {r.x1 for r in runs})
    # Coverage of each elementary interval between consecutive edges, in lines.
    spans: list[tuple[float, float, int]] = []
    for a, b in itertools.pairwise(edges):
        middle = (a + b) / 2
        count = sum(1 for line in body if any(r.x0 <= middle <= r.x1 for r in line.runs))
        spans.append((a, b, count))
    columns: list[list[float]] = []
    for a, b, count in spans:
        if count > allowed:
            if columns and columns[-1][1] >= a - 1e-6:
                columns[-1][1] = b
            else:
                columns.append([a, b])
    # Runs that start in a gutter and reach into a column widen it leftwards: an amount longer
    # than most set at the right, a label set at the left of its cell, a group's label over
    # several columns (any other line across columns, prose, joins them: below).
    groups = _group_labels(header)
    # A group's label centred over labels the first of which starts left of it belongs to that
    # label's column: it neither widens nor opens one where its text starts.
    centred = {id(r) for line in header for r in line.runs
               if id(r) in groups and _label_under_starts_before(r, header)}  # fmt: skip
    for run in sorted(runs, key=lambda r: -r.x0):
        if id(run) in centred or any(c[0] - 0.5 <= run.x0 <= c[1] + 0.5 for c in columns):
            continue
        reached = next((c for c in columns if c[0] > run.x0), None)
        if (
            reached is not None
            and reached[0] < run.x1
            and (run.x1 <= reached[1] + 0.5 or id(run) in groups)
        ):
            reached[0] = run.x0
    # Other runs that start in a gutter (a sparse column, a column empty but for its header).
    for run in sorted(runs, key=lambda r: r.x0):
        if id(run) in centred or any(c[0] - 0.5 <= run.x0 < c[1] for c in columns):
            continue
        columns.append([run.x0, run.x1])
        columns.sort()
        merged: list[list[float]] = []
        for column in columns:
            if merged and column[0] <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], column[1])
            else:
                merged.append(column)
        columns = merged
    return _header_slivers_joined(columns, lines)


def _labels_header(lines: Sequence[PhysicalLine]) -> list[PhysicalLine]:
    """The header lines when they hold a row of labels (not prose, not a list); else none."""
    header = _header_lines(lines)
    return header if any(is_header_row(_texts(line)) for line in header) else []


def _group_labels(header: Sequence[PhysicalLine]) -> set[int]:
    """The ids of the header's runs that head a group: two labels or more on the header's
    lines below them (not a line of column numbers) stand under them.

    >>> from renja.extract.pdf_text import _c
    >>> def line(top: float, *words: tuple[str, float]) -> PhysicalLine:
    ...     chars = [_c(ch, x + 3.6 * i, top) for text, x in words for i, ch in enumerate(text)]
    ...     return physical_lines(chars)[0]
    >>> label = line(0, ("Target Kinerja dan Kerangka Pendanaan", 8))
    >>> [len(_group_labels([label, *below])) for below in (
    ...     [line(9, ("Target", 12), ("Rp", 52))],  # two labels under it: a group
    ...     [line(9, ("Target", 12))],  # one only
    ...     [line(9, ("1", 20), ("2", 60), ("3", 100))],  # column numbers
    ... )]
    [1, 0, 0]
    """
    out: set[int] = set()
    for i, line in enumerate(header):
        for run in line.runs:
            under = [
                r for below in header[i + 1 :] if not _is_number_line(below)
                for r in below.runs if r.x0 < run.x1 and r.x1 > run.x0
            ]  # fmt: skip
            if len(under) >= 2:
                out.add(id(run))
    return out



def _label_under_starts_before(group: Run, header: Sequence[PhysicalLine]) -> bool:
    """A label on a header line below a group's label, under it, starts left of the group's
    text: the group's label is centred over columns that begin before it (``Prakiraan Maju
    Tahun 2027`` over ``Target`` and ``Pagu Indikatif``)."""
    return any(
        r.x0 < group.x0 - 0.5 < r.x1
        for line in header
        if line.top > group.bottom - 0.5 and not _is_number_line(line)
        for r in line.runs
    )

# A column only this many lines use (its header) that stands less than this many font sizes
# left of a column of the body, or less than a font size and nearer it than the column before,
# or just left of a column of the body that no header label starts in (and nearer it than an
# unlabelled column before), is that column's header.
SLIVER_LINES = 3
SLIVER_GAP = 0.25


def _header_slivers_joined(
    columns: list[list[float]], lines: Sequence[PhysicalLine]
) -> list[tuple[float, float]]:
    """A label set at the left of its cell over amounts set at the right leaves a sliver of
    white between them: the label's column, used by the header lines alone, joins the body's
    column beside it."""

    def used(column: list[float]) -> int:
        return sum(any(column[0] - 0.5 <= r.x0 < column[1] - 0.5 for r in line.runs)
                   for line in lines)  # fmt: skip

    size = statistics.median(line.size for line in lines)
    header = _labels_header(lines)

    def unlabelled(column: list[float]) -> bool:
        return not any(column[0] - 0.5 <= r.x0 <= column[1] + 0.5 for h in header for r in h.runs)

    groups = _group_labels(header)
    out: list[list[float]] = []
    join = False
    for k, column in enumerate(columns):
        if join:  # the sliver before this column joins it
            out[-1] = [out[-1][0], column[1]]
        elif k and header and _heads_values_before(k, columns, out[-1], used, unlabelled,
                                                     header, groups):
            out[-1] = [out[-1][0], column[1]]  # the label of the values left of it
            continue
        else:
            out.append(list(column))
        join = k + 1 < len(columns) and used(column) <= SLIVER_LINES < used(columns[k + 1])
        if join:  # near the next column: closer than a gutter can be, or nearer it than the last
            gap, before = columns[k + 1][0] - column[1], column[0] - columns[k - 1][1] if k else 0
            own = header and not unlabelled(columns[k + 1]) and _own_label(column, header)
            join = gap < SLIVER_GAP * size or (gap < min(size, before) and not own)
            if not join and header and unlabelled(columns[k + 1]):  # that column's label
                join = not (out[:-1] and unlabelled(out[-2]) and before < gap)
    return [(a, b) for a, b in out]


# A period's label (a year, before or after a change, a quarter) heads the columns of its period.
_PERIOD_LABEL = re.compile(
    r"(?:19|20)\d\d|\b(?:tahun|sebelum|sesudah|setelah|perubahan|murni|triwulan|semester)\b",
    re.IGNORECASE,
)


def _own_label(column: list[float], header: Sequence[PhysicalLine]) -> bool:
    """A column of the header alone whose label stands in it whole and names a thing of its
    own, not a period: an empty ``Catatan Penting`` is a column even beside targets set at
    their cells' left, where ``2026`` over ``Target | Rp`` heads the columns beside it and
    ``Capaian`` (the second line of ``Target Capaian``, running on over the targets) is theirs.

    >>> from renja.extract.pdf_text import _c
    >>> def line(text: str, x: float) -> PhysicalLine:
    ...     return physical_lines([_c(ch, x + 3.6 * i, 0) for i, ch in enumerate(text)])[0]
    >>> _own_label([10, 60], [line("Catatan", 12)]), _own_label([10, 30], [line("2026", 12)])
    (True, False)
    """
    runs = [r for line in header for r in line.runs if column[0] - 0.5 <= r.x0 <= column[1] + 0.5]
    texts = ["".join(c["text"] for c in r.chars) for r in runs]
    return (
        bool(runs)
        and all(r.x1 <= column[1] + 0.5 for r in runs)  # (not a label running on past it)
        and not any(_PERIOD_LABEL.search(t) for t in texts)
    )


def _heads_values_before(
    k: int,
    columns: Sequence[list[float]],
    before: list[float],
    used: Callable[[list[float]], int],
    unlabelled: Callable[[list[float]], bool],
    header: Sequence[PhysicalLine],
    groups: set[int],
) -> bool:
    """Column ``k``, used by the header lines alone, heads the body's column before it, and
    stands nearer it than the next one: that column has no label of its own, or its label runs
    over column ``k`` (labels and column numbers centred in a spreadsheet's wide cell, its
    values set at the cell's left: ``4`` under ``Target``, right of ``6``). ``groups``: the
    header's group labels (``_group_labels``), which head no one column."""
    column = columns[k]
    if not used(column) <= SLIVER_LINES < used(before) or column[0] - before[1] < 0.5:
        return False  # (columns that touch: cut where two cells' texts met, each its own)
    over = any(before[0] - 0.5 <= r.x0 <= before[1] + 0.5 and r.x1 >= column[0]
               for line in header for r in line.runs if id(r) not in groups)  # fmt: skip
    if not (over or unlabelled(before)):
        return False
    if k + 1 < len(columns) and used(columns[k + 1]) <= SLIVER_LINES:
        return False  # a run of header columns: a group's labels, not one sliver
    gap = columns[k + 1][0] - column[1] if k + 1 < len(columns) else float("inf")
    return column[0] - before[1] < gap


# Header lines are the lines above a table's first line that holds a number: this many at most,
# and after them only lines set as tightly as the lines of one cell (a header of three levels
# whose labels are centred in their cells sets its text on more physical lines than it has
# levels).
MAX_HEADER_LINES = 6
# Two labels side by side on a header line, this far apart (in font sizes), head two columns.
HEADER_GAP = 0.8


def _header_lines(lines: Sequence[PhysicalLine]) -> list[PhysicalLine]:
    """The lines a table starts with before its first line that holds a number. Under a line
    of column numbers (``1 2 3 … 15``) only a line of labels over several columns (``K  Rp  K
    Rp``) is still the header's: a line across the table is the body's (a SIPD print's
    ``Urusan Pemerintahan : 2 …`` and ``Organisasi : …`` over its first program). A report
    writer's group band (``Program : 3.27.03 …``, ``renja.extract.bands``) starts the body."""
    out: list[PhysicalLine] = []
    left = min((line.runs[0].x0 for line in lines if line.runs), default=0.0)
    for i, line in enumerate(lines):
        if any(_is_number_line(h) for h in out) and len(line.runs) < 2:
            break
        if _holds_data(line) or _is_band_line(line) or is_group_heading(_words_text(line)):
            break
        if out and _starts_a_row(line, left):
            break
        if (
            len(out) >= MAX_HEADER_LINES
            and not _attached(out[-1], line)
            and not _numbers_ahead(lines[i:])
        ):
            break
        out.append(line)
    return out


# A line of one run from a table's left edge (this many of its heights from it at most)
# across this share of its width at least is a heading across it.
LEFT_SLACK = 1.5
ACROSS_SHARE = 0.5


def _across(line: PhysicalLine, left: float, right: float) -> bool:
    """One run from the table's left edge across half of it or more: a group's heading
    (``Prioritas 1: Peningkatan …``), no cell."""
    if len(line.runs) != 1:
        return False
    run = line.runs[0]
    at_edge = run.x0 - left <= LEFT_SLACK * run.size
    return at_edge and run.x1 - run.x0 >= ACROSS_SHARE * (right - left)


def _is_band_line(line: PhysicalLine) -> bool:
    """A line opening with a group band (``Program : 3.27.03 …``; its label alone when the
    code stands apart): its words, as spaced on the line."""
    return is_band(_words_text(line, 3))


def _words_text(line: PhysicalLine, count: int | None = None) -> str:
    """The line's first ``count`` words (all by default), one space apart."""
    words = split_words(line.chars)[:count]
    return " ".join("".join(c["text"] for c in word) for word in words)


def _holds_data(line: PhysicalLine) -> bool:
    return any(is_data_cell("".join(c["text"] for c in r.chars)) for r in line.runs)


def _numbers_ahead(lines: Sequence[PhysicalLine]) -> bool:
    """Whether a line of column numbers comes within the next ``MAX_HEADER_LINES`` lines, before
    any line holding data: the lines before it are the header's (a spreadsheet's header of
    three levels, set in rows taller than their text, its labels on many lines)."""
    for line in lines[:MAX_HEADER_LINES]:
        if _is_number_line(line):
            return True
        if _holds_data(line):
            return False
    return False


# A row's number or code at the start of a line: 1, 1.01, 1.01.02, IV, a.
_ROW_MARK = re.compile(r"^(?:\d{1,2}(?:\.\d{1,4})*|[IVXL]{1,5}|[a-z])[.)]?$")


def _starts_a_row(line: PhysicalLine, left: float) -> bool:
    """A body line without numbers: a row's number or code in the first column, then words
    (``1  URUSAN PEMERINTAHAN WAJIB …``), where the header's first column holds a label.

    >>> from renja.extract.pdf_text import _c
    >>> def line(*words: tuple[str, float]) -> PhysicalLine:
    ...     chars = [_c(ch, x + 3.6 * i, 0) for text, x in words for i, ch in enumerate(text)]
    ...     return physical_lines(chars)[0]
    >>> _starts_a_row(line(("1", 25), ("URUSAN", 60)), 25)
    True
    >>> _starts_a_row(line(("Kode", 25), ("Program", 60)), 25), _starts_a_row(line(("1", 25),
    ...     ("2", 60), ("3", 90)), 25)
    (False, False)
    """
    if len(line.runs) < 2 or line.runs[0].x0 > left + line.size:
        return False
    first = "".join(c["text"] for c in line.runs[0].chars)
    words = "".join(c["text"] for r in line.runs[1:] for c in r.chars)
    return bool(_ROW_MARK.match(first)) and sum(ch.isalpha() for ch in words) >= 3


def _is_number_line(line: PhysicalLine) -> bool:
    return is_number_row(_texts(line))


def _apart(band: list[int], numbered: set[int]) -> list[list[int]]:
    """A row band with its column-number lines (``1 2 3 … 6``) as rows of their own."""
    out: list[list[int]] = []
    for i in band:
        if i in numbered or (out and out[-1][-1] in numbered) or not out:
            out.append([i])
        else:
            out[-1].append(i)
    return out


# A line's text as x-intervals: its runs, or its characters.
Spans = list[tuple[float, float]]


def _run_spans(line: PhysicalLine) -> Spans:
    return [(r.x0, r.x1) for r in line.runs]


def _char_spans(line: PhysicalLine) -> Spans:
    return [(c["x0"], c["x1"]) for c in line.chars]


def _parts(body: Sequence[Spans], a: float, cut: float, b: float) -> bool:
    """Whether the body has text starting on both sides of a cut in a column, on enough lines:
    the cut parts two columns of data, not the words of a paragraph."""
    left = sum(any(a - 0.5 <= x0 < cut for x0, _ in line) for line in body)
    right = sum(any(cut <= x0 <= b + 0.5 for x0, _ in line) for line in body)
    return left >= MIN_TABLE_LINES and right >= MIN_TABLE_LINES


def _widest_white(body: Sequence[Spans], start: float, end: float) -> tuple[float, float]:
    """Where to cut between two header labels (one ending at ``start``, the next starting at
    ``end``): the middle of the widest stretch there that no body text covers, since labels
    set at the left of their cells stand over amounts set at the right; the middle between the
    labels when the body covers it all. Returns the cut and the stretch's width.

    >>> from renja.extract.pdf_text import _c
    >>> amounts = physical_lines([_c(ch, 52 + 3.6 * i, 0) for i, ch in enumerate("4.668.100")])
    >>> _widest_white([_run_spans(line) for line in amounts], 50, 100), _widest_white([], 50, 100)
    ((92.2, 15.6), (75.0, 50.0))
    """
    covered = sorted((max(x0, start), min(x1, end)) for line in body for x0, x1 in line
                     if x1 > start and x0 < end)  # fmt: skip
    best, edge = (0.0, (start + end) / 2), start
    for x0, x1 in [*covered, (end, end)]:
        if x0 - edge > best[0]:
            best = (x0 - edge, (edge + x0) / 2)
        edge = max(edge, x1)
    return round(best[1], 1), round(float(best[0]), 1)


# A border between two cells whose texts touch is white on every line of the body, this wide at
# least (in font sizes): more than the chance gap between words of different lines.
BORDER_WHITE = 0.15


def _label_pairs(
    header: Sequence[PhysicalLine], a: float, b: float
) -> list[tuple[Run, Run, bool]]:
    """Neighbouring header labels inside a column, this far apart, and whether they stand on
    one line: side by side on one line, or on different lines with no label over both (labels
    centred in cells of different heights; a group's label, over labels of its own, is none).
    """
    pairs: list[tuple[Run, Run, bool]] = []
    for line in header:
        # (the last label may run on past the body's text: centred over a narrow last column)
        inside = sorted((r for r in line.runs if a - 0.5 <= r.x0 < b
                         and (r.x1 <= b + 0.5 or r is line.runs[-1])),
                        key=lambda r: r.x0)  # fmt: skip
        pairs += [(left, right, True) for left, right in itertools.pairwise(inside)
                  if right.x0 - left.x1 >= HEADER_GAP * line.size]  # fmt: skip
    # Across lines (not a line of column numbers), a label centred over its cell may stand out
    # past the body's text.
    groups = _group_labels(header)
    runs = sorted((r for line in header if not _is_number_line(line) for r in line.runs
                   if a - 0.5 <= r.x0 and (r.x0 + r.x1) / 2 <= b and id(r) not in groups),
                  key=lambda r: r.x0)  # fmt: skip
    spans: list[tuple[float, Run, Run]] = []  # labels that overlap, as one: right end, ends
    for run in runs:
        if spans and run.x0 < spans[-1][0]:
            x1, first, last = spans[-1]
            spans[-1] = (max(x1, run.x1), first, run if run.x1 > x1 else last)
        else:
            spans.append((run.x1, run, run))
    for (_, _, left), (_, right, _) in itertools.pairwise(spans):
        gap = right.x0 - left.x1
        if gap >= HEADER_GAP * max(left.size, right.size) and not any(
            p[0] is left and p[1] is right for p in pairs
        ):
            pairs.append((left, right, False))
    return pairs


def cut_at_borders(
    word: Sequence[Char], columns: Sequence[tuple[float, float]]
) -> list[list[Char]]:
    """A word's characters cut where a column starts in the white between two of them, that
    white at least ``BORDER_WHITE`` of their size wide: two cells' texts printed closer than a
    space (``1.025.000.000`` and ``83`` of two cells); letters of one word stay together.

    >>> from renja.extract.pdf_text import _c
    >>> glued = [_c(ch, 10 + 3.6 * i, 0) for i, ch in enumerate("100")] + [
    ...     _c(ch, 22 + 3.6 * i, 0) for i, ch in enumerate("83")]
    >>> ["".join(c["text"] for c in piece) for piece in cut_at_borders(glued, [(0, 21), (21, 40)])]
    ['100', '83']
    >>> ["".join(c["text"] for c in piece) for piece in cut_at_borders(glued, [(0, 14), (14, 40)])]
    ['10083']
    """
    starts = [a for a, _ in columns[1:]]
    pieces: list[list[Char]] = []
    for char in word:
        if pieces:
            before = pieces[-1][-1]
            white = char["x0"] - before["x1"]
            size = float(char.get("size", 0.0) or (char["bottom"] - char["top"]))
            if white < BORDER_WHITE * size or not any(
                before["x1"] <= x <= char["x0"] for x in starts
            ):
                pieces[-1].append(char)
                continue
        pieces.append([char])
    return pieces


def split_by_header(
    columns: list[tuple[float, float]], lines: Sequence[PhysicalLine]
) -> list[tuple[float, float]]:
    """Columns the body's text runs into each other (a left-aligned target and a wide,
    right-aligned amount overlap) but whose header prints two labels side by side: split at the
    middle of the gap between the labels. Cells are placed by where their text starts.

    Where a cell's text comes closer to the next cell's than a column gap (an amount set at
    the right of a narrow cell, the next cell's target at its left), the runs cross the border
    on every line; the characters show it: a stretch between the labels white on every line,
    with text on both sides of it."""
    header = _labels_header(lines)
    if len(columns) < 2 or not header:
        return columns  # no header of labels over a table: prose, a list

    body = lines[len(header) :]
    runs = [_run_spans(line) for line in body]
    chars: list[Spans] | None = None
    size = statistics.median(line.size for line in lines)
    out: list[tuple[float, float]] = []
    for a, b in columns:
        cuts: set[float] = set()
        for left, right, one_line in _label_pairs(header, a, b):
            cut, white = _widest_white(runs, left.x1, right.x0)
            if white == 0.0:  # the body's runs cover the gap: the white between characters
                chars = chars if chars is not None else [_char_spans(line) for line in body]
                border, between = _widest_white(chars, left.x1, right.x0)
                if between >= BORDER_WHITE * size and _parts(chars, a, border, b):
                    cuts.add(border)
                    continue
            # Two labels of one line cut where the body allows; of two lines, only at white.
            if (one_line or white > 0.0) and _parts(runs, a, cut, b):
                cuts.add(cut)
        edges = [a, *sorted(cuts), b]
        out.extend(itertools.pairwise(edges))
    return _header_slivers_joined([list(c) for c in out], lines)


def _column_of(x: float, columns: Sequence[tuple[float, float]]) -> int:
    """The column a run starting at ``x`` belongs to: the last one starting at or before it."""
    index = 0
    for k, (a, _) in enumerate(columns):
        if x >= a - 0.5:
            index = k
    return index


# Lines are evenly spaced when this share of the gaps between them is within EVEN_SLACK font
# sizes of the usual gap (a report set one line per row, with a few wider gaps between blocks).
EVEN_SHARE = 0.7
EVEN_SLACK = 0.15


def _evenly_spaced(gaps: Sequence[float], size: float) -> bool:
    """Most gaps are the same: rows of one line each, not wrapped cells.

    >>> _evenly_spaced([5.4, 5.4, 5.5, 5.4, 12.0], 7.0), _evenly_spaced([1.0, 6.0, 1.0, 6.0], 7.0)
    (True, False)
    >>> _evenly_spaced([1.0, 1.0, 1.0, 6.0], 7.0)  # wrapped lines, then a row gap
    False
    """
    usual = statistics.median(gaps)
    if usual <= ROW_GAP * size:  # lines as tight as a wrapped cell's: rows of several lines
        return False
    even = sum(1 for gap in gaps if abs(gap - usual) <= EVEN_SLACK * size)
    return even >= EVEN_SHARE * len(gaps)


def row_bands(
    lines: Sequence[PhysicalLine],
    rules: Sequence[float],
    heading: int = 0,
    shades: Sequence[float] = (),
) -> list[list[int]]:
    """Physical lines grouped into rows: between horizontal rules when there are any inside the
    table, else split where the gap between lines is clearly wider than inside a cell. The
    first ``heading`` lines are the header: wrapped labels stay together there even when the
    body below is set one line per row. A band that a rule which only edges a shading bounds
    (``shades``: a shaded program row, no rule drawn) holds as many rows as records start in
    it (``records_apart``)."""
    if not lines:
        return []
    top, bottom = lines[0].top, lines[-1].bottom
    inner = sorted(y for y in rules if top - 1 < y < bottom + 1)
    # Rules only over and under the header (and under the table) part no rows of the body:
    # row rules are two at least among the body's lines (below its column numbers) or right
    # under them.
    first = min(heading, len(lines) - 1)
    while first + 1 < len(lines) and _is_number_line(lines[first]):
        first += 1
    body_top, reach = lines[first].top, bottom + lines[-1].size
    if sum(1 for y in rules if body_top - 1 < y < reach) >= 2:
        bands: dict[int, list[int]] = {}
        for i, line in enumerate(lines):
            middle = (line.top + line.bottom) / 2
            band = sum(1 for y in inner if y < middle)
            bands.setdefault(band, []).append(i)
        if not shades:
            return [bands[k] for k in sorted(bands)]
        parted: list[list[int]] = []
        shaded_at = set(shades)  # the same numbers as the rules they are among
        for k in sorted(bands):
            edges = [inner[k - 1]] if k > 0 else []
            edges += [inner[k]] if k < len(inner) else []
            shaded = any(y in shaded_at for y in edges)
            lines_k = bands[k]
            apart = shaded and lines_k[0] >= first
            parted += records_apart(lines_k, lines) if apart else [lines_k]
        return parted
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines)]
    if not gaps:
        return [[0]]
    closest = sorted(gaps)[len(gaps) // 10]
    size = statistics.median(line.size for line in lines)
    limit = closest + ROW_GAP * size
    body_gaps = gaps[heading:]
    single = max(gaps) <= limit or (
        len(body_gaps) >= MIN_TABLE_LINES and _evenly_spaced(body_gaps, size)
    )
    # In the header, the lines of a wrapped label stay together even where the body's lines
    # overlap (a name wrapped beside a record's second line) and so set a negative closest gap.
    header_limit = max(limit, ROW_GAP * size)
    record_limit = _record_limit(lines, gaps, heading, size) if single else None
    if record_limit is not None:  # rows set only a little further apart than a cell's lines
        single, limit = False, record_limit
    out: list[list[int]] = [[0]]
    for i, gap in enumerate(gaps, start=1):
        in_body = i > heading
        # the first record's line, or the first line of a body set one line per row (rows
        # further apart than the header is from them: tall rows)
        body_starts = (record_limit is not None or single) and i == heading
        if (single and (in_body or max(gaps) <= limit)) or body_starts or gap > (
            limit if in_body else header_limit
        ):
            out.append([i])
        else:
            out[-1].append(i)
    return out


def records_apart(band: list[int], lines: Sequence[PhysicalLine]) -> list[list[int]]:
    """A band of lines between two shaded rows parted into records: at each line whose first
    word is a code of the stack the band's first line opens (``is_code_stack``:
    ``1.03.01.2.01`` then ``1.03.01.2.01.0001``, not a code a wrap broke), or the row's number
    with such a code beside it, set left of where the first line's text goes on (a code
    indented by its level is still in its column; a wrapped name's line starts in the name's).
    A band that opens with no code, or holds one, stays whole.

    >>> from renja.extract.pdf_text import _c
    >>> def line(top: float, *words: tuple[str, float]) -> PhysicalLine:
    ...     chars = [_c(ch, x + 3.6 * i, top) for text, x in words for i, ch in enumerate(text)]
    ...     return physical_lines(chars)[0]
    >>> lines = [line(0, ("1.03.01.2.01", 10), ("Perencanaan", 80)), line(8, ("Daerah", 80)),
    ...          line(16, ("1.03.01.2.01.0001", 10), ("Penyusunan", 80)),
    ...          line(24, ("1.03.01.2.01.0007", 10), ("Evaluasi", 80))]
    >>> records_apart([0, 1, 2, 3], lines)
    [[0, 1], [2], [3]]
    """
    opening = lines[band[0]].runs
    limit = opening[1].x0 if len(opening) > 1 else float("inf")

    def code(i: int) -> str | None:
        runs = lines[i].runs
        if not runs or runs[0].x0 >= limit:
            return None
        first, *rest = ("".join(c["text"] for c in run.chars) for run in runs[:2])
        if _CODE_START.fullmatch(first):
            return first
        if rest and _ROW_NUMBER.fullmatch(first) and _CODE_START.fullmatch(rest[0]):
            return rest[0]  # the code beside the row's number (a ``No`` column first)
        return None

    codes = {i: found for i in band if (found := code(i)) is not None}
    starts = list(codes)
    if len(starts) < 2 or starts[0] != band[0] or not is_code_stack(list(codes.values())):
        return [band]
    out: list[list[int]] = []
    for i in band:
        if i in codes or not out:
            out.append([i])
        else:
            out[-1].append(i)
    return out


# A record's code at the start of its line (``1.03.01.2.01.0001``): two segments at least; or
# after the row's number (``12``, ``12.``).
_CODE_START = re.compile(r"\d{1,2}(?:\.\d{1,4})+")
_ROW_NUMBER = re.compile(r"\d{1,4}\.?")


# Rows set a little further apart than the lines of a cell: the gaps fall in two sizes this
# many font sizes apart at least.
RECORD_JUMP = 0.2
# Share of the lines after a wider gap that start at the table's left edge (a record's code or
# number), and the most of those after a narrower gap that may (a wrapped cell's lines do not).
RECORD_STARTS = 2 / 3
CONTINUATION_STARTS = 0.2


def _record_limit(
    lines: Sequence[PhysicalLine], gaps: Sequence[float], heading: int, size: float
) -> float | None:
    """Where the body's lines look evenly spaced, the gap that parts two records all the same:
    the gaps fall in two sizes (a record's wrapped lines, and a point or two more between
    records: a top-aligned table set with little room in its cells), and the lines after the
    wider ones start at the table's left edge, a record's code or number, while those after the
    narrower ones (a wrapped name, indicator or unit) do not. None when not so.

    >>> from renja.extract.pdf_text import _c
    >>> def line(top: float, *words: tuple[str, float]) -> PhysicalLine:
    ...     chars = [_c(ch, x + 3.6 * i, top) for text, x in words for i, ch in enumerate(text)]
    ...     return physical_lines(chars)[0]
    >>> rows = [line(0, ("1.02", 10), ("Nama", 60)), line(8, ("panjang", 60)),
    ...         line(18, ("1.03", 10), ("Nama", 60)), line(26, ("lagi", 60)),
    ...         line(36, ("1.04", 10), ("Nama", 60)), line(44, ("lain", 60))]
    >>> gaps = [b.top - a.bottom for a, b in itertools.pairwise(rows)]
    >>> gaps, _record_limit(rows, gaps, 0, 5.0)
    ([2.0, 4.0, 2.0, 4.0, 2.0], 3.0)
    """
    body = range(max(heading, 0) + 1, len(lines))  # lines after a gap in the body
    values = sorted(gaps[i - 1] for i in body)
    if len(values) < 2 * MIN_TABLE_LINES - 1:
        return None
    jump, at = max((b - a, k) for k, (a, b) in enumerate(itertools.pairwise(values)))
    if jump < RECORD_JUMP * size:
        return None
    threshold = round((values[at] + values[at + 1]) / 2, 2)
    wide = [i for i in body if gaps[i - 1] > threshold]
    narrow = [i for i in body if gaps[i - 1] <= threshold]
    if len(wide) < MIN_TABLE_LINES - 1 or not narrow:
        return None
    left = min(line.runs[0].x0 for line in lines[heading:] if line.runs)

    def at_left(i: int) -> bool:
        return bool(lines[i].runs) and lines[i].runs[0].x0 <= left + size

    starts = sum(at_left(i) for i in wide)
    inside = sum(at_left(i) for i in narrow)
    if starts < RECORD_STARTS * len(wide) or inside > CONTINUATION_STARTS * len(narrow):
        return None
    return threshold


def _by_alignment(
    bands: list[list[int]],
    block: Sequence[PhysicalLine],
    rules: Sequence[float],
    columns: Sequence[tuple[float, float]],
) -> list[list[int]]:
    """The body's row bands, lines of a centred row's text joined to it (``centred_rows``), or
    of a row set at the bottom or the top of its cells (``aligned_rows``); rows between rules
    are left as they are."""
    if not bands:
        return bands
    top, bottom = block[bands[0][0]].top, block[bands[-1][-1]].bottom
    if sum(1 for y in rules if top - 1 < y < bottom + 1) >= 2:
        return bands
    return aligned_bands(centred_bands(bands, block), block, columns, _column_of)


def unruled_tables(
    chars: Sequence[Char], page: BBox, rules: Sequence[float] = (), shades: Sequence[float] = ()
) -> tuple[list[PageTable], list[Char]]:
    """Tables found from text alignment, and the characters left for the page's text.
    ``shades`` are the ``rules`` that only edge a shading (``PageObjects.shade_edges``)."""
    lines = [currency_joined(line) for line in physical_lines(chars)]
    tables: list[PageTable] = []
    used: set[int] = set()
    for start, end in _regions(lines):
        block = lines[start:end]
        heading = len(_header_lines(block))  # a monospaced header's labels as whole runs
        block = [words_joined(line) for line in block[:heading]] + block[heading:]
        columns = split_by_header(columns_of(block), block)
        if len(columns) < 2:
            continue
        spread = sum(1 for line in block if len({_column_of(r.x0, columns) for r in line.runs}) > 1)
        multi = [i for i, line in enumerate(block) if len(line.runs) >= 2]
        if spread < MIN_TABLE_LINES and not _header_and_a_row(block, multi):
            continue
        rows: list[list[Cell | None]] = []
        boxes: list[BBox] = []
        numbered = {i for i in range(heading) if _is_number_line(block[i])}
        labels = [i for i in range(heading) if i not in numbered]
        last_label = labels[-1] if labels else None
        levels = header_levels([block[i] for i in labels], columns)
        level_rows = [_level_cells(level, columns) for level in levels.rows] if levels else []
        if level_rows and all(
            is_header_row([c.text for c in row]) for row in level_rows
        ):  # the header's levels as rows; the body's rows by its lines
            for row in level_rows:  # a level's cells share its top and bottom
                rows.append(list[Cell | None](row))
                top, bottom = row[0].bbox[1], row[0].bbox[3]
                boxes.append((columns[0][0], top, columns[-1][1], bottom))
            body = [[heading + i for i in band]
                    for band in row_bands(block[heading:], rules, shades=shades)]  # fmt: skip
            bands = [[i] for i in sorted(numbered)] + _by_alignment(body, block, rules, columns)
        else:
            bands = [
                part
                for band in row_bands(block, rules, heading, shades)
                for part in _apart(band, numbered)
            ]
            heads = [band for band in bands if min(band) < heading]
            body = bands[len(heads) :]
            if body and alignment(body, block, columns, _column_of) == BOTTOM:
                # the first line of values may have joined the header's last band
                opening = [i for band in heads for i in band if i >= heading]
                heads = [kept for band in heads if (kept := [i for i in band if i < heading])]
                body = [opening, *body] if opening else body
                heads, first = first_row_lines(heads, body[0], block, columns, _column_of)
                body = [first, *body[1:]]
            bands = heads + _by_alignment(body, block, rules, columns)
        parts = [
            part
            for band in bands
            for part in (
                [[(i, block[i].runs) for i in band]]
                if last_label in band or any(i in numbered for i in band)
                else indicator_parts(band, block, columns, _column_of)
            )
        ]
        for part in parts:
            per_column: dict[int, list[Char]] = {}
            for i, runs in part:
                if _across(block[i], columns[0][0], columns[-1][1]):  # a heading, whole
                    k = _column_of(runs[0].x0, columns)
                    per_column.setdefault(k, []).extend(c for run in runs for c in run.chars)
                    continue
                if i == last_label:  # a lowest header label over two columns is two labels
                    for word in split_words(block[i].chars):
                        middle = (word[0]["x0"] + word[-1]["x1"]) / 2
                        per_column.setdefault(column_at(middle, columns), []).extend(word)
                    continue
                for run in runs:
                    k = _column_of(run.x0, columns)
                    if k + 1 < len(columns) and run.x1 > columns[k + 1][0] + 0.5:
                        # A run reaching into the next column: its words go where they start,
                        # cut where a column starts in the white between two characters.
                        for word in split_words(run.chars):
                            for piece in cut_at_borders(word, columns):
                                per_column.setdefault(_column_of(piece[0]["x0"], columns),
                                                      []).extend(piece)  # fmt: skip
                        continue
                    per_column.setdefault(k, []).extend(run.chars)
            row_top = min(block[i].top for i, _ in part)
            row_bottom = max(block[i].bottom for i, _ in part)
            cells: list[Cell | None] = []
            for k, (a, b) in enumerate(columns):
                lines_k = group_lines(per_column.get(k, ()))
                cell = Cell((a, row_top, b, row_bottom), lines_k)
                cell.text = join_lines(lines_k, right=b, width=b - a)
                cells.append(cell)
            rows.append(cells)
            boxes.append((columns[0][0], row_top, columns[-1][1], row_bottom))
        for line in block:
            used.update(id(c) for c in line.chars)
        bbox = (columns[0][0], block[0].top, columns[-1][1], block[-1].bottom)
        tables.append(PageTable(bbox, rows, boxes, "pdfplumber-text", columns=list(columns)))
    rest = [c for c in chars if id(c) not in used]
    return tables, rest


def _level_cells(
    level: Sequence[Heading | None], columns: Sequence[tuple[float, float]]
) -> list[Cell]:
    """One level of a header as cells: each label (its lines) in the first column it heads."""
    chars = [c for heading in level if heading for label in heading.labels for c in label.chars]
    top, bottom = min(c["top"] for c in chars), max(c["bottom"] for c in chars)
    cells: list[Cell] = []
    for (a, b), heading in zip(columns, level, strict=True):
        if heading is None:
            cells.append(Cell((a, top, b, bottom)))
            continue
        lines = group_lines([c for label in heading.labels for c in label.chars])
        right = columns[heading.last][1]
        cell = Cell((a, top, right, bottom), lines)
        cell.text = join_lines(lines, right=right, width=right - a)
        cells.append(cell)
    return cells


__all__ = ["attach_loose_rows", "columns_of", "row_bands", "unruled_tables"]


def _grid_columns(table: PageTable) -> list[tuple[float, float]]:
    """A ruled table's column intervals, from its row with the most cells."""
    widest = max(table.rows, key=lambda row: sum(c is not None for c in row))
    return [(c.bbox[0], c.bbox[2]) if c is not None else (0.0, 0.0) for c in widest]


def _slot(run: Run, columns: Sequence[tuple[float, float]]) -> int | None:
    """The column holding a run whole, or None when it crosses a column border."""
    for k, (a, b) in enumerate(columns):
        if a - 1.0 <= run.x0 and run.x1 <= b + 1.0:
            return k
    return None


def _loose_band(
    lines: Sequence[PhysicalLine], columns: Sequence[tuple[float, float]], above: bool
) -> bool:
    """Lines that read as a table row: every run inside one column, and two columns or more;
    above a table, also text in one column that is not the first (the rest of a name a page
    break cut; a heading or a caption starts at the table's left edge, a page number is
    digits)."""
    slots = [_slot(r, columns) for line in lines for r in line.runs]
    if not slots or None in slots:
        return False
    if len(set(slots)) >= 2:
        return True
    text = "".join(c["text"] for line in lines for c in line.chars)
    return above and slots[0] != 0 and not text.strip().isdigit()


def attach_loose_rows(
    table: PageTable, chars: Sequence[Char], rules: Sequence[float] = (), below: bool = True
) -> list[Char]:
    """Rows printed just above or below a ruled table without their rules (a row a page break
    cut: Excel draws its top border on the page before) join the table, read in its columns;
    without ``below``, only those above it (an unruled table: the rest of a row a page break
    cut, at the top of the page, set apart from the table's first row by a row's gap).
    Returns the characters left over."""
    columns = _grid_columns(table)
    lines = physical_lines(chars)
    top, bottom = table.bbox[1], table.bbox[3]
    above = [line for line in lines if line.bottom <= top + 1.0]
    below_lines = [line for line in lines if line.top >= bottom - 1.0]
    used: set[int] = set()
    sides = (("above", above[::-1]), ("below", below_lines))
    for side, candidates in sides if below else sides[:1]:
        band: list[PhysicalLine] = []
        edge = top if side == "above" else bottom
        for line in candidates:
            gap = (edge - line.bottom) if side == "above" else (line.top - edge)
            # Above a table, the rest of a cut row may stand well clear of the first rule: the
            # row's cell reaches up to the page's top margin.
            reach = MAX_LINE_GAP * (CUT_ROW_REACH if side == "above" and not band else 1)
            if gap > reach * line.size or any(_slot(r, columns) is None for r in line.runs):
                break
            text = " ".join(_texts(line))
            if is_page_mark(text):
                break  # the page's number over or under the table (``- 2 -``): no row's rest
            if label_value(text) is not None:
                break  # a label line (``Waktu Pelaksanaan : …``): a form's header, no row
            band.append(line)
            edge = line.top if side == "above" else line.bottom
        band.sort(key=lambda line: line.top)
        if not band or not _loose_band(band, columns, side == "above"):
            continue
        new_rows: list[list[Cell | None]] = []
        boxes: list[BBox] = []
        # One row: the part of a row cut by the page break, or a row whose rule is missing. A
        # wrapped name sets the code line mid-cell, so line spacing cannot tell rows apart here.
        for rows in [list(range(len(band)))]:
            per_column: dict[int, list[Char]] = {}
            for i in rows:
                for run in band[i].runs:
                    per_column.setdefault(_slot(run, columns) or 0, []).extend(run.chars)
            row_top, row_bottom = band[rows[0]].top, band[rows[-1]].bottom
            cells: list[Cell | None] = []
            for k, (a, b) in enumerate(columns):
                cell = Cell((a, row_top, b, row_bottom), group_lines(per_column.get(k, ())))
                cell.text = join_lines(cell.lines, right=b, width=b - a)
                cells.append(cell)
            box = (columns[0][0], row_top, columns[-1][1], row_bottom)
            for part, part_box in split_key_values(cells, box):
                for piece in part:
                    if piece is not None and not piece.text:
                        a, b = piece.bbox[0], piece.bbox[2]
                        piece.text = join_lines(piece.lines, right=b, width=b - a)
                new_rows.append(part)
                boxes.append(part_box)
        for line in band:
            used.update(id(c) for c in line.chars)
        if side == "above":
            table.rows[:0], table.row_boxes[:0] = new_rows, boxes
            table.bbox = (table.bbox[0], boxes[0][1], table.bbox[2], table.bbox[3])
        else:
            table.rows.extend(new_rows)
            table.row_boxes.extend(boxes)
            table.bbox = (table.bbox[0], table.bbox[1], table.bbox[2], boxes[-1][3])
    return [c for c in chars if id(c) not in used]
