"""Records that cross stage boundaries: where a cell came from, what was repaired, what is wrong.

Every stage speaks in these types, so one number can be followed from the page to the clean table
and to the finding that questions it. They are frozen: a stage that changes one derives a new one
(``dataclasses.replace``), so an id, a kind or a document id is assigned once and no stage
changes what an earlier one returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from renja.model.checks import Check, check_named
from renja.model.i18n import _
from renja.model.refs import Related
from renja.model.severity import Severity


@dataclass(frozen=True, slots=True)
class Source:
    """Where a row came from: a line of a text document, or a page (and box) of a PDF."""

    line: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def label(self) -> str:
        """A short human label: ``baris 254`` or ``hal. 3``.

        >>> Source(line=254).label()
        'baris 254'
        >>> Source(page=3).label()
        'hal. 3'
        """
        if self.line is not None:
            return _("line {line}").format(line=self.line)
        if self.page is not None:
            return _("p. {page}").format(page=self.page)
        return ""


class RowRole(StrEnum):
    """What a raw row is to its table."""

    HEADER = "header"
    BODY = "body"
    REPEATED_HEADER = "repeated_header"  # a header block repeated after a page break
    SEPARATOR = "separator"  # conversion artefacts such as ``--\t--\t---``
    TITLE = "title"  # a title printed across the grid, over the table it starts


@dataclass(frozen=True, slots=True)
class RawRow:
    """One row as extracted: cells exactly as the reader saw them (markup removed)."""

    cells: tuple[str, ...]
    source: Source
    role: RowRole = RowRole.BODY
    bold: bool = False  # most filled cells were bold in the source: often a parent or total row
    # The first row of a table part that starts a new PDF page: it may be the rest of a row the
    # page break cut.
    page_top: bool = False
    # How many grid columns each cell covers in a ruled PDF table (0: covered by a cell to its
    # left); empty when unknown (Markdown, unruled PDFs).
    spans: tuple[int, ...] = ()
    # The x of the column rules of the row's grid, left to right (one more than the cells);
    # empty when unknown.
    edges: tuple[float, ...] = ()
    # Other printed lines this row was made of when normalize joined lines into one record
    # (the after line of a before/after pair); empty as extracted.
    joined: tuple[Source, ...] = ()
    # How far each cell's text starts right of its column's left edge, in points (PDF only;
    # empty when unknown): an indented name is often a child of the name above it.
    indents: tuple[float | None, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.cells, tuple):  # a reader's list: kept as the tuple it is typed
            object.__setattr__(self, "cells", tuple(self.cells))


@dataclass(frozen=True, slots=True)
class RawTable:
    """One logical table: its caption, its rows in order, and where it came from.

    ``table_id`` is the table's position (``t04``) as extracted; the pipeline gives it its form
    (``t04_evaluasi_e81``) in the table it returns, once.
    """

    table_id: str
    caption: str
    rows: tuple[RawRow, ...]
    engine: (
        str  # the reader that produced it: 'markdown-tsv', 'markdown-pipe', 'markdown-html', ...
    )
    parts: int = 1  # how many page parts were stitched into it
    context: str = ""  # the nearest heading above the table

    def __post_init__(self) -> None:
        if not isinstance(self.rows, tuple):
            object.__setattr__(self, "rows", tuple(self.rows))

    @property
    def header(self) -> list[RawRow]:
        return [r for r in self.rows if r.role is RowRole.HEADER]

    @property
    def body(self) -> list[RawRow]:
        return [r for r in self.rows if r.role is RowRole.BODY]

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What the document says about itself."""

    title: str | None = None
    pemda: str | None = None
    skpd: str | None = None
    tahun: int | None = None
    # 'Renja', 'RKPD', 'RPJMD', 'RPJPD', 'Renstra', 'RKA', 'DPA', 'APBD', 'KUA-PPAS', each
    # also as its revision ('Renja Perubahan'): renja.extract.meta_title.JENIS
    jenis: str | None = None
    jenis_pemda: str | None = None  # 'kabkota' or 'prov'
    bidang: tuple[str, ...] = ()  # bidang codes printed in the document
    kode_pemda: str | None = None  # Kemendagri code: '64' (a province), '63.72' (a kab/kota)
    kode_skpd: str | None = None  # the unit code SIPD prints before its name
    # where a field came from when not the document itself: {'tahun': 'sidecar'}
    sources: Mapping[str, str] = field(default_factory=dict)

    FIELDS = ("pemda", "kode_pemda", "skpd", "kode_skpd", "tahun", "jenis", "jenis_pemda")

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "pemda": self.pemda,
            "kode_pemda": self.kode_pemda,
            "skpd": self.skpd,
            "kode_skpd": self.kode_skpd,
            "tahun": self.tahun,
            "jenis": self.jenis,
            "jenis_pemda": self.jenis_pemda,
            "bidang": list(self.bidang),
            "sumber": {
                f: self.sources.get(f, "dokumen")
                for f in self.FIELDS
                if getattr(self, f) is not None
            },
        }


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader returns: the tables of one document and its metadata."""

    path: str
    doc_id: str
    meta: DocumentMeta
    tables: tuple[RawTable, ...]
    text_lines: int = 0
    pages: int | None = None
    warnings: tuple[str, ...] = ()
    # PDF pages read by two engines: which one was kept and the measure that chose it
    engine_choices: tuple[dict[str, Any], ...] = ()
    # PDF pages printed turned a quarter and read turned upright: (page, the degrees a viewer
    # turns it clockwise to show it so, 90 or 270); their boxes are the turned page's
    turned_pages: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Repair:
    """One changed cell: the raw text, the clean value, and the rule (a function with a doctest).

    ``raw`` is the cell as printed. A cell moved to another column keeps where it was printed in
    ``origin``: a raw column (``kolom_18``) or the clean column it was read in (``no``).
    """

    table: str
    row: int | None  # None: the whole table (a decision about its form)
    column: str
    raw: str
    clean: str
    rule: str
    source: Source = Source()
    origin: str | None = None  # repairs.csv ``asal``
    note: str | None = None  # ``catatan``: the decider's note, for a decision (rule keputusan)
    by: str | None = None  # ``oleh``: who decided


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem an auditor or data officer should see.

    ``check`` is a registered ``Check`` (a stable slug); a slug given as text becomes its check,
    and one the registry does not hold is a ``ValueError`` here, not a stray slug in the outputs.
    """

    check: Check
    severity: Severity
    message: str
    table: str | None = None
    row: int | None = None
    # the name the document prints for ``table`` (``renja.model.labels.table_name``): the id is
    # the key, this is what a person is shown
    table_name: str | None = None
    source: Source = Source()
    kode: str | None = None
    uraian: str | None = None
    column: str | None = None
    expected: str | None = None
    found: str | None = None
    difference: str | None = None  # found − expected, for numbers
    root_cause: str | None = None  # the id of the finding that explains this one
    related: tuple[Related, ...] = ()  # the cells, rows and codes involved
    id: str = ""  # assigned once findings are final: F001, F002, … in report order
    # A person checked it (keputusan.csv): ``dokumen_benar`` or ``kesalahan_diterima``; it is
    # still listed, but no longer open.
    review: str | None = None
    review_note: str | None = None
    reviewed_by: str | None = None

    @property
    def open(self) -> bool:
        """Not yet reviewed: what counts, and what fails ``renja check``."""
        return self.review is None

    def __post_init__(self) -> None:
        if not isinstance(self.check, Check):
            object.__setattr__(self, "check", check_named(self.check))

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.severity.rank,
            self.check,
            self.table or "",
            self.row if self.row is not None else -1,
            self.column or "",
        )
