"""Where a finding sits in a document's tables: its rows as printed and the cells it names.

A finding names a clean row (``table``, ``row``) and its source (``sumber_baris`` or
``halaman``), the column or columns it is about, and in ``related`` the cells it was computed
from (the operands of a sum, say: a JSON array, ``renja.model.refs``). These functions find
those cells, the rows in ``raw/<table>.csv`` and the raw column each clean cell was printed in,
for the report and the workbook::

    own_cells(finding)               the cells a finding (or a repair) is about
    finding_refs(finding)            those, and the cells it relates
    own_rows(folder, finding)        its raw body rows: those its clean row was read from
    printed_rows(folder, ref)        the raw rows a related clean row was read from
    raw_column(folder, table, column, row)   the raw column a clean cell was printed in
    source_snippets(folder, finding) its rows and related rows, offending cells marked

Nothing here writes: each function reads the folder (``renja.present.outputs.DocFolder``) and
returns new values.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from renja.model.refs import CellRef
from renja.present.outputs import (
    CLEAN_ROW_KEY,
    DocFolder,
    Record,
    merged_lines,
    related_refs,
)
from renja.present.values import as_int, digits, split_columns

RAW_BODY_ROLE = "body"  # ``peran`` of raw body rows
# A PDF finding names only its page; a page of a long table can hold many rows, and showing more
# than this many as the "source row" would bury the offending cell.
MAX_PAGE_ROWS = 40
# A sum names every row it adds up; past this many related rows the detail stops being readable
# (the rest stay listed in the "Terkait" column).
MAX_RELATED_ROWS = 12

RAW_COLUMN = re.compile(r"kolom_(\d+)")  # the name of raw column N: ``kolom_N``

HIT, RELATED = "hit", "rel"  # how a snippet marks a cell: the finding's own, or one it relates


def own_cells(record: Record) -> list[CellRef]:
    """The cells a finding or a repair is about: one per column it names, or its whole row
    (``column`` None) when it names none; none when it names no table row.

    >>> [c.label() for c in own_cells({"table": "t06", "row": "5", "column": "pagu;jumlah"})]
    ['t06:5:pagu', 't06:5:jumlah']
    >>> own_cells({"table": "t06", "row": "5", "column": ""}), own_cells({"table": "t06"})
    ([CellRef(table='t06', row=5, column=None)], [])
    """
    table_id, row = record.get("table") or "", as_int(record.get("row"))
    if not table_id or row is None:
        return []
    columns = split_columns(record.get("column") or "")
    return [CellRef(table_id, row, c) for c in columns] or [CellRef(table_id, row)]


def finding_refs(finding: Record) -> tuple[list[CellRef], list[CellRef]]:
    """The cells a finding is about (its own column or columns) and the cells and rows it
    relates (``related``; its codes are no cells).

    >>> own, related = finding_refs({"table": "t06", "row": "5", "column": "pagu_murni",
    ...     "related": '[{"tabel":"t06","baris":4,"kolom":"pagu_murni"},{"kode":"5.03"}]'})
    >>> [c.label() for c in own], [c.label() for c in related]
    (['t06:5:pagu_murni'], ['t06:4:pagu_murni'])
    """
    related = [ref for ref in related_refs(finding) or () if isinstance(ref, CellRef)]
    return own_cells(finding), related


def moved_from(
    repairs: Iterable[Record], column: str, raw_columns: Mapping[str, int]
) -> int | None:
    """The raw column a moved cell was printed in, from its repair's ``asal``, else None.

    ``asal`` names a raw column (``kolom_18``, moved by ``align_row``) or the clean column the
    cell was read in (``no``), whose raw column ``raw_columns`` gives.

    >>> repairs = [{"column": "k", "rule": "align_row", "raw": "4 Dokumen", "asal": "kolom_18"},
    ...            {"column": "uraian", "rule": "move_label_to_uraian", "asal": "no"}]
    >>> moved_from(repairs, "k", {}), moved_from(repairs, "uraian", {"no": 1})
    (18, 1)
    >>> moved_from(repairs, "pagu", {"pagu": 4}) is None
    True
    """
    for repair in repairs:
        origin = repair.get("asal")
        if repair.get("column") == column and origin:
            printed = RAW_COLUMN.fullmatch(origin)
            return int(printed.group(1)) if printed else raw_columns.get(origin)
    return None


def raw_width(rows: Sequence[Record]) -> int:
    """How many ``kolom_N`` columns a raw table has.

    >>> raw_width([{"sumber_baris": "1", "kolom_1": "a", "kolom_2": "b"}]), raw_width([])
    (2, 0)
    """
    return max((int(k[6:]) for r in rows[:1] for k in r if k.startswith("kolom_")), default=0)


def value_marks(cells: Record, width: int, finding: Record) -> set[int]:
    """The columns of a row whose digits are those of the finding's ``found`` or ``expected``.

    >>> value_marks({"kolom_1": "Pagu", "kolom_2": "59.99.800", "kolom_3": "1.000"}, 3,
    ...             {"found": "59.99.800", "expected": ""})
    {2}
    """
    wanted = {digits(finding.get("found", "")), digits(finding.get("expected", ""))} - {""}
    return {n for n in range(1, width + 1) if digits(cells.get(f"kolom_{n}", "")) in wanted}


def row_lines(folder: DocFolder, table_id: str, row: int | str) -> set[str]:
    """The source lines of a clean row: its own and those merged into it (``baris_gabungan``)."""
    clean = folder.clean_row(table_id, str(row))
    if clean is None:
        return set()
    lines = {clean.get("sumber_baris", "")} | {str(n) for n in merged_lines(clean)}
    return lines - {""}


def own_rows(folder: DocFolder, finding: Record) -> tuple[list[int], str]:
    """The raw body rows a finding is about (by position): the rows its clean row was read
    from (``baris_bersih``); in a folder that does not record them, by source line, else by
    page. A finding of no row (about a whole table) shows its page's rows.

    The text beside them says what was left out: the rows of a long page past
    ``MAX_PAGE_ROWS``.
    """
    table_id = finding.get("table", "")
    row = as_int(finding.get("row"))
    printed = printed_rows(folder, CellRef(table_id, row)) if row is not None else []
    if printed:
        return printed, ""
    line = finding.get("sumber_baris", "")
    if line:
        return folder.raw_at_line(table_id, line), ""
    page = finding.get("halaman", "")
    if not page:
        return [], ""
    on_page = folder.raw_on_page(table_id, page, RAW_BODY_ROLE)
    if len(on_page) > MAX_PAGE_ROWS:
        return on_page[:MAX_PAGE_ROWS], f"Hanya {MAX_PAGE_ROWS} baris pertama halaman {page}."
    return on_page, ""


def printed_rows(folder: DocFolder, ref: CellRef) -> list[int]:
    """The raw rows (positions) a clean row was read from: by ``baris_bersih``, else by the
    source lines of the clean row (a folder that does not record it)."""
    printed = folder.raw_of_clean(ref.table, str(ref.row))
    if printed is not None:
        return printed
    lines = sorted(row_lines(folder, ref.table, ref.row))
    return [i for line in lines for i in folder.raw_at_line(ref.table, line)]


def raw_column(
    folder: DocFolder, table_id: str, column: str | None, row: int | None = None
) -> int | None:
    """The raw column a clean column was printed in; in a row, where a repair moved the row's
    cell from, if one did. None for no column (a whole row)."""
    if column is None:
        return None
    columns = folder.raw_columns(table_id)
    repairs = folder.repairs_of(table_id, str(row)) if row is not None else []
    moved = moved_from(repairs, column, columns)
    return moved if moved is not None else columns.get(column)


# --- snippets: the rows to show ---------------------------------------------------------------


@dataclass(slots=True)
class SnippetRow:
    """A raw row in a snippet: the finding's own row or a row it names, and its marked cells."""

    cells: Record
    own: bool
    marks: dict[int, str] = field(default_factory=dict)  # raw column -> HIT or RELATED


@dataclass(frozen=True, slots=True)
class Snippet:
    """Rows of one raw table as printed, with the table's header rows above them."""

    table_id: str
    width: int
    header: list[Record]
    rows: list[SnippetRow]
    column_names: dict[int, list[str]]  # raw column -> the clean columns read from it
    note: str = ""  # what was left out


def source_snippets(folder: DocFolder, finding: Record) -> list[Snippet]:
    """The finding's own row (offending cells marked ``hit``) and the rows it relates (``rel``).

    The related rows of the finding's table join its own snippet, in document order; those of
    other tables get a snippet each. At most ``MAX_RELATED_ROWS`` related rows are shown.
    """
    table_id = finding.get("table", "")
    own, note = own_rows(folder, finding)
    related = finding_refs(finding)[1]
    raw = folder.raw_rows(table_id)
    row = as_int(finding.get("row"))
    printed = (
        raw_column(folder, table_id, c, row) for c in split_columns(finding.get("column", ""))
    )
    hit_columns = {n for n in printed if n is not None}
    rows: dict[str, dict[int, SnippetRow]] = defaultdict(dict)  # table -> raw position -> row
    for i in own:
        # the cells printing the finding's values, when it names no column the raw table has
        marks = hit_columns or value_marks(raw[i], raw_width(raw), finding)
        rows[table_id][i] = SnippetRow(raw[i], True, dict.fromkeys(marks, HIT))
    skipped = _add_related_rows(folder, related, rows)
    if skipped:
        note = f"{note} {skipped} baris terkait lain tidak ditampilkan.".strip()
    order = [table_id, *sorted(set(rows) - {table_id})]
    return [_snippet(folder, t, rows[t], note if t == table_id else "") for t in order if rows[t]]


def _add_related_rows(
    folder: DocFolder, related: Iterable[CellRef], rows: dict[str, dict[int, SnippetRow]]
) -> int:
    """Add the rows that ``related`` names to ``source_snippets``'s rows, their cells marked
    ``rel``; return how many did not fit under ``MAX_RELATED_ROWS``."""
    shown = skipped = 0
    for ref in related:
        column = raw_column(folder, ref.table, ref.column, ref.row)
        for i in printed_rows(folder, ref):
            entry = rows[ref.table].get(i)
            if entry is None:
                if shown >= MAX_RELATED_ROWS:
                    skipped += 1
                    continue
                shown += 1
                entry = rows[ref.table][i] = SnippetRow(folder.raw_rows(ref.table)[i], False)
            if column is not None:
                entry.marks.setdefault(column, RELATED)
    return skipped


def unmark_empty_parts(rows: Sequence[SnippetRow]) -> None:
    """A clean row printed over several lines (a wrapped name, a row a page break cut) has its
    value on one of them: a mark stays on the lines that print something in the marked column,
    or on the first line when none does.

    >>> top = SnippetRow({"baris_bersih": "38", "kolom_2": "1.325.090.599"}, True, {2: HIT})
    >>> rest = SnippetRow({"baris_bersih": "38", "kolom_2": ""}, True, {2: HIT})
    >>> unmark_empty_parts([top, rest])
    >>> top.marks, rest.marks
    ({2: 'hit'}, {})
    """
    parts: dict[tuple[bool, str], list[SnippetRow]] = defaultdict(list)
    for row in rows:
        parts[(row.own, row.cells.get(CLEAN_ROW_KEY, ""))].append(row)
    for lines in parts.values():
        for column in {n for row in lines for n in row.marks}:
            marked = [row for row in lines if column in row.marks]
            printed = [row for row in marked if (row.cells.get(f"kolom_{column}") or "").strip()]
            kept = {id(row) for row in printed or marked[:1]}
            for row in marked:
                if id(row) not in kept:
                    del row.marks[column]


def _snippet(folder: DocFolder, table_id: str, rows: dict[int, SnippetRow], note: str) -> Snippet:
    raw = folder.raw_rows(table_id)
    names: dict[int, list[str]] = defaultdict(list)
    for name, column in folder.raw_columns(table_id).items():
        names[column].append(name)
    ordered = [rows[i] for i in sorted(rows)]
    unmark_empty_parts(ordered)
    return Snippet(
        table_id=table_id,
        width=raw_width(raw),
        header=folder.raw_header(table_id),
        rows=ordered,
        column_names=dict(names),
        note=note,
    )


__all__ = [
    "HIT",
    "MAX_PAGE_ROWS",
    "MAX_RELATED_ROWS",
    "RELATED",
    "Snippet",
    "SnippetRow",
    "finding_refs",
    "moved_from",
    "own_cells",
    "own_rows",
    "printed_rows",
    "raw_column",
    "raw_width",
    "row_lines",
    "source_snippets",
    "value_marks",
]
