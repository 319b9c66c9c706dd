"""Render tables to PDF with reportlab, in the layouts real Renja PDFs come in.

Tests render the sample's own tables (read from its Markdown) as ruled, half-ruled and unruled
PDFs, on portrait or landscape pages, in another font, or in columns so narrow that amounts wrap,
and require the PDF reader to give back the same clean tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

RULES = ("all", "horizontal", "none")


@dataclass(frozen=True)
class Layout:
    """How to print: which rules, page orientation, font, font size, width of the amount columns."""

    rules: str = "all"  # all, horizontal (no vertical rules), none
    landscape: bool = True
    font: str = "Helvetica"
    bold_font: str = "Helvetica-Bold"
    size: float = 6.5
    narrow: bool = False  # amount columns too narrow for their numbers: they wrap
    header_align: str = "center"  # the header's labels in their cells: center or left
    header_valign: str = "MIDDLE"  # and up and down: TOP, MIDDLE or BOTTOM
    padding: float = 2.0  # white left and right of a cell's text, in points


@dataclass(frozen=True)
class TableSpec:
    caption: str
    rows: Sequence[Sequence[str]]
    header_rows: int = 1
    bold_rows: frozenset[int] = frozenset()


def _widths(rows: Sequence[Sequence[str]], total: float, narrow: bool) -> list[float]:
    """Column widths in proportion to their longest text, amounts squeezed when ``narrow``."""
    count = max(len(r) for r in rows)
    longest = [max((len(r[i]) if i < len(r) else 0) for r in rows) for i in range(count)]
    weights = [min(max(n, 4), 60) for n in longest]
    widths = [total * w / sum(weights) for w in weights]
    if narrow:
        for i in range(count):
            cells = [r[i] for r in rows if i < len(r) and r[i].strip()]
            if cells and sum(c.replace(".", "").isdigit() for c in cells) > len(cells) / 2:
                widths[i] = 24.0
    return widths


def render(path: Path, tables: Sequence[TableSpec], layout: Layout = Layout()) -> Path:
    """Write ``tables`` (each under its caption, each on a new page) to ``path``."""
    size = landscape(A4) if layout.landscape else A4
    doc = SimpleDocTemplate(
        str(path), pagesize=size, leftMargin=30, rightMargin=30, topMargin=30, bottomMargin=30
    )
    body = ParagraphStyle("cell", fontName=layout.font, fontSize=layout.size,
                          leading=layout.size * 1.2, splitLongWords=1)  # fmt: skip
    bold = ParagraphStyle("bold", parent=body, fontName=layout.bold_font)
    title = ParagraphStyle("title", parent=body, fontName=layout.bold_font,
                           fontSize=layout.size * 1.6, leading=layout.size * 2)  # fmt: skip
    story: list = []
    for number, table in enumerate(tables):
        if number:
            story.append(PageBreak())
        story.append(Paragraph(escape(table.caption), title))
        story.append(Spacer(1, 6))
        width = max(len(r) for r in table.rows)
        data = [
            [
                Paragraph(escape(r[i] if i < len(r) else ""),
                          bold if k < table.header_rows or k in table.bold_rows else body)
                for i in range(width)
            ]
            for k, r in enumerate(table.rows)
        ]  # fmt: skip
        widths = _widths(table.rows, size[0] - 60, layout.narrow)
        grid = Table(data, colWidths=widths, repeatRows=table.header_rows)
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if layout.rules == "all":
            style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        elif layout.rules == "horizontal":
            style.append(("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black))
            style.append(("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black))
        grid.setStyle(TableStyle(style))
        story.append(grid)
    doc.build(story)
    return path


def landscape_page(path: Path, table: Table) -> Path:
    """One reportlab table on landscape A4 pages (30 pt side margins), written to ``path``."""
    SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=30, rightMargin=30).build(
        [table]
    )
    return path


def render_markdown(path: Path, tables: Sequence[TableSpec]) -> Path:
    """Write ``tables`` to ``path`` as a converter writes Markdown: each under its caption as a
    heading, a pipe table whose first header row stands above the ``|---|`` line."""
    lines: list[str] = []
    for table in tables:
        header, body = table.rows[: table.header_rows], table.rows[table.header_rows :]
        width = max(len(r) for r in table.rows)
        pipe = ["| " + " | ".join(row) + " |" for row in (*header, *body)]
        lines += [f"## {table.caption}", "", pipe[0], "|" + "---|" * width, *pipe[1:], ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def render_as(path: Path, tables: Sequence[TableSpec], layout: Layout = Layout()) -> Path:
    """``render_markdown`` for a ``.md`` path, ``render`` (a PDF in ``layout``) otherwise."""
    if path.suffix == ".md":
        return render_markdown(path, tables)
    return render(path, tables, layout)


__all__ = ["RULES", "Layout", "TableSpec", "render", "render_as", "render_markdown"]


def _grid_picture(xs: Sequence[float], ys: Sequence[float], size: tuple[int, int], scale: int):
    """The rules of a grid drawn into a PNG the size of the page (``scale`` pixels a point)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size[0] * scale, size[1] * scale), "white")
    draw = ImageDraw.Draw(image)
    for x in xs:
        draw.line([(x * scale, ys[0] * scale), (x * scale, ys[-1] * scale)], "black", scale)
    for y in ys:
        draw.line([(xs[0] * scale, y * scale), (xs[-1] * scale, y * scale)], "black", scale)
    out = io.BytesIO()
    image.save(out, format="PNG")
    out.seek(0)
    return out


def canvas_table(
    path: Path,
    caption: str,
    rows: Sequence[Sequence[str]],
    xs: Sequence[float],
    rules: str = "vector",
    right: Sequence[int] = (2, 3),
    top: float = 120.0,
    row_height: float = 18.0,
) -> Path:
    """One A4 page drawn directly: the caption, then a table with column rules at ``xs``
    (points from the left; they may run past the page's edge) and a rule under every row.
    ``rules``: ``vector`` (lines) or ``picture`` (a PNG under the text, as in a scan given a text
    layer). Columns in ``right`` are set right against their rule, the others left."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = (int(v) for v in A4)
    ys = [top + row_height * i for i in range(len(rows) + 1)]
    page = canvas.Canvas(str(path), pagesize=A4)
    if rules == "picture":
        picture = ImageReader(_grid_picture(xs, ys, (width, height), 3))
        page.drawImage(picture, 0, 0, width, height)
    else:
        for x in xs:
            page.line(x, height - ys[0], x, height - ys[-1])
        for y in ys:
            page.line(xs[0], height - y, xs[-1], height - y)
    page.setFont("Helvetica-Bold", 11)
    page.drawString(xs[0], height - top + 30, caption)
    for i, row in enumerate(rows):
        baseline = height - (ys[i] + 12)
        page.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 7.5)
        for j, text in enumerate(row):
            if i and j in right:
                page.drawRightString(xs[j + 1] - 1.2, baseline, text)
            else:
                page.drawString(xs[j] + 1.2, baseline, text)
    page.save()
    return path
