"""Pandoc's simple and multiline tables: columns set by spaces under a line of dash runs, one
per column, as pandoc writes a Word document's tables when they hold no block content.

A simple table is a header line, its dash line, then one row per line to a blank line::

      Kode    Program                     Pagu (Rp)
      ------- --------------------------- -------------
      1.02.01 PROGRAM PENUNJANG ...       4.430.300.000

A multiline table opens with a dash line across the table, its header on as many lines as it
needs, the column dash line, rows of several lines each separated by blank lines, and closes
with a dash line across. Without a header, a table opens and closes with column dash lines.

The dash runs give the columns: a line is cut where each run starts, and a word across a cut
goes to the column whose run covers more of it (an amount right-aligned a character wider than
its run). A cell's lines are joined with ``<br>``, as a grid table's (``grid_tables.py``).
"""

from __future__ import annotations

import itertools
import re

from renja.extract.grid_tables import GridRow, joined_lines

_RUN = re.compile(r"-{2,}")
# A line across the table (a multiline table's first and last) is at least this long.
MIN_RULE = 10
# A multiline table's header takes at most this many lines.
MAX_HEADER_LINES = 6


def _runs(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _RUN.finditer(line)]


def is_column_rule(line: str) -> bool:
    """A line of dash runs, one per column (two at least).

    >>> is_column_rule("  ------- ------------ ------"), is_column_rule("- - -")
    (True, False)
    >>> is_column_rule("---------"), is_column_rule("| --- | --- |")
    (False, False)
    """
    text = line.strip()
    if not text or not set(text) <= {"-", " "}:
        return False
    runs = _runs(line)
    return len(runs) >= 2 and sum(end - start for start, end in runs) == text.count("-")


def _is_full_rule(line: str) -> bool:
    text = line.strip()
    return len(text) >= MIN_RULE and set(text) == {"-"}


def cut_line(line: str, runs: list[tuple[int, int]]) -> list[str]:
    """A row's line cut into the columns of ``runs``.

    >>> runs = _runs("------- ------------ ----------")
    >>> cut_line("1.02.01 PROGRAM JALAN  1.250.000.000", runs)
    ['1.02.01', 'PROGRAM JALAN', '1.250.000.000']
    >>> cut_line("        Jumlah                  25.000", runs)
    ['', 'Jumlah', '25.000']
    """
    cuts: list[int] = []
    for k in range(1, len(runs)):
        cut = runs[k][0]
        if 0 < cut < len(line) and not line[cut - 1].isspace() and not line[cut].isspace():
            start, end = cut, cut  # a word across the cut
            while start > 0 and not line[start - 1].isspace():
                start -= 1
            while end < len(line) and not line[end].isspace():
                end += 1
            left = min(end, runs[k - 1][1]) - max(start, runs[k - 1][0])
            right = min(end, runs[k][1]) - max(start, runs[k][0])
            cut = start if right >= left else end
        cuts.append(max(cut, cuts[-1] if cuts else 0))
    bounds = [0, *cuts, max(len(line), cuts[-1] if cuts else 0)]
    return [line[a:b].strip() for a, b in itertools.pairwise(bounds)]


def _joined(lines: list[str], runs: list[tuple[int, int]]) -> list[str]:
    return joined_lines([cut_line(line, runs) for line in lines])


def _blocks(lines: list[str], start: int, end: int) -> list[tuple[int, list[str]]]:
    """The runs of non-blank lines of ``lines[start:end]``, each with its first index."""
    out: list[tuple[int, list[str]]] = []
    for index in range(start, end):
        if not lines[index].strip():
            continue
        if out and out[-1][0] + len(out[-1][1]) == index:
            out[-1][1].append(lines[index])
        else:
            out.append((index, [lines[index]]))
    return out


def dash_table_at(lines: list[str], index: int) -> tuple[int, list[GridRow]] | None:
    """The table that starts at ``lines[index]``: the index past its last line, and its rows
    (1-based lines); None when no simple or multiline table starts there.

    >>> doc = ["  Kode  Uraian        Pagu", "  ----  ----------- ------",
    ...        "  1.02  Kesehatan     25.000", "        Jumlah      25.000", "", "Teks"]
    >>> end, rows = dash_table_at(doc, 0)
    >>> end, [(r.line, r.header, r.cells) for r in rows]
    (4, [(1, True, ['Kode', 'Uraian', 'Pagu']), (3, False, ['1.02', 'Kesehatan', '25.000']), \
(4, False, ['', 'Jumlah', '25.000'])])
    """
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if line.strip() and not is_column_rule(line) and is_column_rule(following):
        return _simple(lines, index)
    if _is_full_rule(line):
        return _multiline(lines, index)
    if is_column_rule(line) and (index == 0 or not lines[index - 1].strip()):
        return _headerless(lines, index)
    return None


def _simple(lines: list[str], index: int) -> tuple[int, list[GridRow]] | None:
    runs = _runs(lines[index + 1])
    rows = [GridRow(cut_line(lines[index], runs), index + 1, True)]
    end = index + 2
    while end < len(lines) and lines[end].strip() and not is_column_rule(lines[end]):
        rows.append(GridRow(cut_line(lines[end], runs), end + 1, False))
        end += 1
    if end < len(lines) and is_column_rule(lines[end]):
        end += 1  # pandoc may close a simple table with its dash line
    return (end, rows) if len(rows) > 1 else None


def _multiline(lines: list[str], index: int) -> tuple[int, list[GridRow]] | None:
    rule = next(
        (j for j in range(index + 1, min(len(lines), index + 2 + MAX_HEADER_LINES))
         if is_column_rule(lines[j]) or not lines[j].strip()),
        None,
    )  # fmt: skip
    if rule is None or not is_column_rule(lines[rule]) or rule == index + 1:
        return None
    close = next(
        (j for j in range(rule + 1, len(lines))
         if _is_full_rule(lines[j]) and (j + 1 == len(lines) or not lines[j + 1].strip())),
        None,
    )  # fmt: skip
    if close is None:
        return None
    runs = _runs(lines[rule])
    rows = [GridRow(_joined(lines[index + 1 : rule], runs), index + 2, True)]
    rows += [GridRow(_joined(block, runs), first + 1, False)
             for first, block in _blocks(lines, rule + 1, close)]  # fmt: skip
    return close + 1, rows


def _headerless(lines: list[str], index: int) -> tuple[int, list[GridRow]] | None:
    close = next((j for j in range(index + 1, len(lines)) if is_column_rule(lines[j])), None)
    if close is None:
        return None
    runs = _runs(lines[index])
    body = lines[index + 1 : close]
    if any(not text.strip() for text in body):  # rows of several lines: a multiline table
        blocks = _blocks(lines, index + 1, close)
        rows = [GridRow(_joined(block, runs), first + 1, False) for first, block in blocks]
    else:
        rows = [GridRow(cut_line(text, runs), index + 2 + k, False) for k, text in enumerate(body)]
    return (close + 1, rows) if rows else None


__all__ = ["cut_line", "dash_table_at", "is_column_rule"]
