"""A finding's source as the report shows it: the rows it is about as printed, the rows it
relates, pictures of those rows on their PDF pages, and the repairs of its row::

    detail_view(folder, finding, snippets, pictures)   the expandable detail under a finding
    page_pictures(folder, wanted)   the pictures of a whole report: each page rendered once,
                                    in report order until the size budget is spent

The rows are found by ``renja.present.locate``, the pictures cut by ``renja.present.pictures``.
A picture is embedded as a ``data:`` URI, so the report stays one self-contained file; its
caption links to the PDF at its page (``file.pdf#page=N``, relative to the report).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from renja.model.i18n import _, group_digits
from renja.present.locate import HIT, Snippet, SnippetRow, source_snippets
from renja.present.outputs import DocFolder, Record
from renja.present.pictures import Picture, Region, render_regions, row_regions

# The pictures a report embeds, at most: past either bound a finding's pages are only linked.
# A picture of a few rows in eight greys is about 9 KB (12 KB as base64), so the pictures of a
# document with a few hundred findings add 2-4 MB to its report, and never more than ~5 MB.
MAX_PICTURES = 400
MAX_PICTURE_BYTES = 4_000_000  # PNG bytes, before base64 (which adds a third)
PDF_SUFFIX = ".pdf"


def where_label(finding: Record) -> str:
    """The source line or page of a finding: ``baris 664`` or ``hal. 3``.

    >>> where_label({"sumber_baris": "664"}), where_label({"sumber_baris": "", "halaman": "3"})
    ('baris 664', 'hal. 3')
    """
    if finding.get("sumber_baris"):
        return _("line {line}").format(line=finding["sumber_baris"])
    if finding.get("halaman"):
        return _("p. {page}").format(page=finding["halaman"])
    return ""


@dataclass(frozen=True, slots=True)
class PictureView:
    """A page region a finding's rows cover, as a picture, with a link to the PDF's page; no
    picture (``uri`` empty) past the report's budget."""

    page: int
    uri: str
    width: int
    height: int
    link: str  # the PDF at this page, relative to the report; empty when it is not known
    alt: str


@dataclass(frozen=True, slots=True)
class RawCell:
    """A cell of a raw row as printed, marked when the finding is about it or relates it."""

    text: str
    mark: str | None  # HIT or RELATED, for a marked cell


@dataclass(frozen=True, slots=True)
class RawRow:
    """A raw row as printed: a header row, the finding's own row, or a row it relates."""

    css_class: str  # "hdr" (a header row), "src-row" (the finding's own) or "rel-row"
    where: str  # the source line, or page
    cells: list[RawCell]


@dataclass(frozen=True, slots=True)
class RawColumn:
    """A ``kolom_N`` of a raw table, as its snippet's heading names it."""

    title: str  # kolom_N and the clean columns read from it
    hit: bool  # a cell of the column is the finding's own


@dataclass(frozen=True, slots=True)
class SnippetView:
    """Rows of one raw table as printed (``renja.present.locate.Snippet``), cells as shown."""

    table_id: str
    caption: str
    columns: list[RawColumn]  # kolom_1, kolom_2, ...
    rows: list[RawRow]
    note: str


@dataclass(frozen=True, slots=True)
class Repair:
    """A repair of a finding's row, as ``repairs.csv`` logs it."""

    column: str | None
    origin: str | None  # ``asal``: where a moved cell was printed
    raw: str | None
    clean: str | None
    rule: str | None


@dataclass(frozen=True, slots=True)
class Detail:
    """The expandable detail under a finding: its source rows, related rows and repairs."""

    finding_id: str
    table_id: str
    summary: str
    own: SnippetView | None  # None when raw/<table>.csv holds none of its rows
    related: list[SnippetView]  # rows of other tables
    repairs: list[Repair]
    pictures: list[PictureView] = field(default_factory=list)  # the rows on their PDF pages
    picture_note: str = ""  # why pictures are missing, or were left out


def snippet_view(snippet: Snippet, caption: str = "") -> SnippetView:
    """Raw rows as a small table: header rows first, offending cells marked."""
    marked = {n for row in snippet.rows for n, kind in row.marks.items() if kind == HIT}
    columns = []
    for n in range(1, snippet.width + 1):
        names = ", ".join(snippet.column_names.get(n, []))
        columns.append(RawColumn(f"kolom_{n}: {names}" if names else f"kolom_{n}", n in marked))
    rows = [raw_row(row, snippet.width, "hdr", {}) for row in snippet.header]
    rows += [raw_row(row.cells, snippet.width, _row_class(row), row.marks) for row in snippet.rows]
    return SnippetView(snippet.table_id, caption, columns, rows, snippet.note)


def _row_class(row: SnippetRow) -> str:
    return "src-row" if row.own else "rel-row"


def raw_row(row: Record, width: int, css_class: str, marks: dict[int, str]) -> RawRow:
    where = row.get("sumber_baris") or (f"hal. {row['halaman']}" if row.get("halaman") else "")
    cells = [RawCell(row.get(f"kolom_{n}") or "", marks.get(n)) for n in range(1, width + 1)]
    return RawRow(css_class, where, cells)


def detail_view(
    folder: DocFolder,
    finding: Record,
    snippets: Sequence[Snippet] | None = None,
    pictures: Sequence[PictureView] = (),
    picture_note: str = "",
) -> Detail:
    """A finding's source rows (``snippets``: ``source_snippets``, found here when not given),
    the rows it relates, their pictures and the repairs of its row."""
    table_id, row = finding.get("table", ""), finding.get("row", "")
    if snippets is None:
        snippets = source_snippets(folder, finding)
    summary = _("Source: {where} · {table}").format(
        where=where_label(finding) or _("unknown"), table=folder.table_name(table_id)
    )
    if row:
        summary += _(", row {row}").format(row=row)
    own = None
    if snippets and snippets[0].table_id == table_id:
        own = snippet_view(snippets[0])
        snippets = snippets[1:]
    repairs = [
        Repair(r.get("column"), r.get("asal"), r.get("raw"), r.get("clean"), r.get("rule"))
        for r in folder.repairs_of(table_id, row)
    ]
    related = [
        snippet_view(s, _("Related: {table}").format(table=folder.table_name(s.table_id)))
        for s in snippets
    ]
    return Detail(
        finding.get("id", ""), table_id, summary, own, related, repairs, list(pictures),
        picture_note,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Pictures:
    """A finding's pictures (``page_pictures``), and why some are missing when they are."""

    views: list[PictureView]
    note: str = ""


def snippet_regions(snippets: Sequence[Snippet]) -> list[Region]:
    """The page regions of a finding's rows: per table, one per page its rows are on."""
    return [
        region
        for snippet in snippets
        for region in row_regions((row.cells, row.marks) for row in snippet.rows)
    ]


def page_link(link: str, page: int) -> str:
    """A link to a page of a PDF: its path as a URL, ``#page=N``.

    >>> page_link("../../in/Renja Dinas #2.pdf", 42)
    '../../in/Renja%20Dinas%20%232.pdf#page=42'
    """
    return f"{quote(link)}#page={page}"


def turned_pages(manifest: Mapping[str, Any]) -> dict[int, int]:
    """The pages read turned upright (``source.turned_pages`` of the manifest) and the degrees
    each is turned clockwise to show it so.

    >>> turned_pages({"source": {"turned_pages": [{"page": 3, "rotation": 90}]}})
    {3: 90}
    """
    listed = (manifest.get("source") or {}).get("turned_pages") or []
    return {int(item["page"]): int(item["rotation"]) for item in listed}


def page_pictures(folder: DocFolder, wanted: Sequence[Sequence[Region]]) -> list[Pictures]:
    """The pictures of each finding's regions (``wanted``, in report order): the document's PDF
    rendered once per page; past ``MAX_PICTURES`` or ``MAX_PICTURE_BYTES`` only the links.

    None for a document that is no PDF. When the PDF is not where the manifest says (the
    folder moved without it), or changed, or cannot be opened, none, and a note says why.
    """
    source = str((folder.manifest.get("source") or {}).get("file") or "")
    if PurePosixPath(source).suffix.lower() != PDF_SUFFIX:
        return [Pictures([]) for _regions in wanted]
    link, pdf = folder.source_link, folder.source_document()
    if pdf is None:
        missing = (
            _("Page pictures are not included: the source PDF is not at {link} or has changed.")
            if link
            else _("Page pictures are not included: the source PDF is missing or has changed.")
        ).format(link=link)
        return [Pictures([], missing if regions else "") for regions in wanted]
    import pypdfium2

    try:
        rendered = render_regions(
            pdf, [r for regions in wanted for r in regions], turned_pages(folder.manifest)
        )
    except pypdfium2.PdfiumError as exc:
        failed = _(
            "Page pictures are not included: the source PDF cannot be opened ({reason})."
        ).format(reason=exc)
        return [Pictures([], failed if regions else "") for regions in wanted]
    count = size = 0
    out = []
    for regions in wanted:
        views, over = [], False
        for region in regions:
            picture = rendered.get(region)
            if picture is not None and (
                count >= MAX_PICTURES or size + len(picture.png) > MAX_PICTURE_BYTES
            ):
                picture, over = None, True
            if picture is not None:
                count, size = count + 1, size + len(picture.png)
            views.append(_picture_view(region.page, picture, link))
        note = (
            _(
                "Page pictures are not included: the report holds {count} pictures already, its "
                "size limit; open the PDF at its page."
            ).format(count=group_digits(count))
            if over
            else ""
        )
        out.append(Pictures(views, note))
    return out


def _picture_view(page: int, picture: Picture | None, link: str) -> PictureView:
    alt = _("Page {page} of the source PDF: the rows this finding points at").format(page=page)
    target = page_link(link, page) if link else ""
    if picture is None:
        return PictureView(page, "", 0, 0, target, alt)
    return PictureView(page, picture.uri, picture.width, picture.height, target, alt)
