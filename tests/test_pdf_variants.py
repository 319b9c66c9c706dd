"""The sample's tables rendered as PDFs in other layouts (reportlab) come back as the same tables.

Ruled, with row rules only, with no rules at all; portrait; another font; amount columns so narrow
that the numbers wrap. Each rendering must give the clean tables the Markdown gives, cell by cell.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import renja
from renja.extract import ReadOptions, read
from renja.model.records import RowRole

from .conftest import SAMPLE_MD
from .pdfgen import Layout, TableSpec, render
from .tablecompare import compare

FORMS = ("rencana_program", "penambahan_pagu", "pergeseran_pagu")
LAYOUTS = {
    "ruled": Layout(),
    "row-rules-only": Layout(rules="horizontal"),
    "no-rules": Layout(rules="none"),
    "portrait": Layout(landscape=False),
    "times": Layout(font="Times-Roman", bold_font="Times-Bold"),
    "narrow-amounts": Layout(narrow=True),
    "no-rules-portrait-narrow": Layout(rules="none", landscape=False, narrow=True),
    "row-rules-times": Layout(rules="horizontal", font="Times-Roman", bold_font="Times-Bold"),
}


@pytest.fixture(scope="module")
def markdown() -> renja.Result:
    return renja.process(SAMPLE_MD, code=False)


@pytest.fixture(scope="module")
def specs(markdown: renja.Result) -> list[TableSpec]:
    out = []
    for raw in markdown.raw_tables:
        if markdown.kinds[raw.table_id] not in FORMS:
            continue
        rows = [r for r in raw.rows if r.role in (RowRole.HEADER, RowRole.BODY)]
        out.append(
            TableSpec(
                raw.caption,
                [r.cells for r in rows],
                sum(r.role is RowRole.HEADER for r in rows),
                frozenset(i for i, r in enumerate(rows) if r.bold),
            )
        )
    assert len(out) == len(FORMS)
    return out


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_rendering_gives_the_markdown_tables(
    name: str, markdown: renja.Result, specs: list[TableSpec], tmp_path: Path
) -> None:
    layout = LAYOUTS[name]
    path = render(tmp_path / f"{name}.pdf", specs, layout)
    result = renja.process(path, code=False)
    assert [t.form for t in result.tables] == list(FORMS)
    expected = [t for t in markdown.tables if t.form in FORMS]
    comparison = compare(expected, result.tables)
    assert comparison.cells > 1300
    assert comparison.rate == 1.0, comparison.differences[:5]
    engines = {t.engine for t in result.raw_tables}
    assert engines == ({"pdfplumber-lines"} if layout.rules == "all" else {"pdfplumber-text"})


def test_narrow_columns_really_wrap_amounts(specs: list[TableSpec], tmp_path: Path) -> None:
    import pdfplumber

    path = render(tmp_path / "narrow.pdf", specs, Layout(narrow=True))
    with pdfplumber.open(path) as pdf:
        words = {w["text"] for page in pdf.pages for w in page.extract_words()}
    pieces = {w for w in words if re.fullmatch(r"\d{1,3}\.\d{1,3}\.?", w)}
    assert {"189.15", "3.750"} <= words and len(pieces) > 20  # amounts printed over two lines
    cells = {c for t in read(path).tables for r in t.rows for c in r.cells}
    assert "189.153.750" in cells  # and read back whole: the printer broke the number, not a space


def test_two_processes_read_the_pages_one_reads(
    specs: list[TableSpec], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long PDF's pages read by two processes, each a share (``page_workers``), give the
    document one process gives: the same tables, rows, pages and boxes, in order."""
    from renja.extract import pdf

    path = render(tmp_path / "ruled.pdf", specs, LAYOUTS["ruled"])
    alone = read(path)
    monkeypatch.setattr(pdf, "MIN_PAGES_PER_WORKER", 1)  # a share for this short document too
    told: list[tuple[int, int]] = []
    shared = read(path, ReadOptions(page_workers=2), lambda done, total: told.append((done, total)))
    assert alone.pages >= 2 and shared == alone
    # the progress of the pages the workers read: one page at a time, as one process tells it
    assert told == [(n, alone.pages) for n in range(1, alone.pages + 1)]
