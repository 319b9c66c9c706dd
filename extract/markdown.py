"""Markdown reader: lines -> table blocks -> stitched logical tables with captions and row roles.

Three table forms are read: tab-separated blocks (what PDF converters often write), pipe tables,
and HTML ``<table>`` blocks. Each is turned into the same ``Block`` of raw rows; everything after
that (stitching page parts, finding header rows and captions) does not know which form it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from renja.extract.cells import is_bold, is_header_row, is_separator_cells, strip_markup
from renja.extract.html_tables import find_html_tables, parse_html_table
from renja.extract.stitch import Block, blocks_to_tables
from renja.model.records import RawRow, RawTable, RowRole, Source

_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


@dataclass(slots=True)
class TextLine:
    """A line of prose or a heading between tables."""

    line: int
    text: str
    heading: bool = False


@dataclass(slots=True)
class Segments:
    """The document cut into table blocks and the text lines between them."""

    blocks: list[Block] = field(default_factory=list)
    texts: list[TextLine] = field(default_factory=list)


def split_pipe_row(line: str) -> list[str]:
    r"""Cells of a pipe-table line; ``\|`` is a literal pipe.

    >>> split_pipe_row("| 5.03 | KEPEGAWAIAN | 1.000 |")
    ['5.03', 'KEPEGAWAIAN', '1.000']
    >>> split_pipe_row(r"| a \| b | c |")
    ['a | b', 'c']
    """
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [c.replace("\\|", "|").strip() for c in cells]


def is_pipe_line(line: str) -> bool:
    """A pipe-table row: starts with ``|`` and has at least one more ``|``.

    >>> is_pipe_line("| a | b |"), is_pipe_line("a | b")
    (True, False)
    """
    stripped = line.strip()
    return stripped.startswith("|") and stripped.count("|") >= 2


def make_row(raw_cells: list[str], line: int) -> RawRow:
    """A RawRow from converter cells: markup stripped, bold noted, separators marked."""
    cells = [strip_markup(c) for c in raw_cells]
    filled = [c for c in raw_cells if c.strip()]
    # Bold rows are parents and totals; a plain row number beside bold cells does not count.
    bold = bool(filled) and sum(is_bold(c) for c in filled) > len(filled) / 2
    role = RowRole.SEPARATOR if is_separator_cells(cells) else RowRole.BODY
    return RawRow(cells=tuple(cells), source=Source(line=line), role=role, bold=bold)


def lines_to_segments(lines: list[str]) -> Segments:
    """Cut the document into table blocks (tab, pipe, HTML) and the text lines between them."""
    segments = Segments()
    html_spans = {start: (end, html) for start, end, html in find_html_tables("\n".join(lines))}
    current: Block | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.rows:
            segments.blocks.append(current)
        current = None

    index = 0
    while index < len(lines):
        line_no = index + 1
        line = lines[index]
        if line_no in html_spans:
            close()
            end, html = html_spans[line_no]
            rows = []
            for html_row in parse_html_table(html, first_line=line_no):
                row = make_row(html_row.cells, html_row.line)
                if html_row.header and row.role is RowRole.BODY:
                    row = replace(row, role=RowRole.HEADER)
                rows.append(row)
            if rows:
                segments.blocks.append(Block("markdown-html", rows, line_no, end))
            index = end
            continue
        engine = None
        if "\t" in line and line.strip():
            engine, cells = "markdown-tsv", line.split("\t")
        elif is_pipe_line(line):
            engine = "markdown-pipe"
            if _PIPE_SEPARATOR.match(line):
                index += 1
                continue
            cells = split_pipe_row(line)
        if engine is None:
            close()
            if line.strip():
                heading = _HEADING.match(line)
                text = strip_markup(heading.group(1) if heading else line)
                segments.texts.append(TextLine(line_no, text, heading=bool(heading)))
        else:
            if current is None or current.engine != engine:
                close()
                current = Block(engine, [], line_no, line_no)
            current.rows.append(make_row(cells, line_no))
            current.end = line_no
        index += 1
    close()
    return segments


def markdown_to_tables(text: str) -> tuple[list[RawTable], list[TextLine]]:
    """All logical tables of a Markdown document, plus its text lines (for metadata)."""
    lines = text.split("\n")
    segments = lines_to_segments(lines)
    tables = blocks_to_tables(segments.blocks, segments.texts)
    return tables, segments.texts


__all__ = ["TextLine", "is_header_row", "lines_to_segments", "markdown_to_tables"]
