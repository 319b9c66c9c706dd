"""What converters leave between a table's pages in Markdown: Azure Document Intelligence's
HTML comments (``<!-- PageBreak -->``, ``<!-- PageNumber="III-12" -->``), pymupdf4llm's running
foot counting the pages (``RKA-SKPD 2.2 - Dinas … Halaman 1 dari 2``) and its ``-----`` rule.
Each was read as a new table's caption: the parts were two tables, the bidang's programs on the
second page were missing from its sum (false ``jumlah_rincian``). Comments are not the
document's text (extract/markdown.py); a running line counting the pages and a rule are page
furniture (extract/stitch.py, ``is_page_furniture``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import renja

TITLE = "# RENJA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA TASIKMALAYA TAHUN 2026\n\n"
CAPTION = "Tabel 3.1 Rencana Program dan Kegiatan Tahun 2026\n\n"
FIRST = [
    ("2.12", "URUSAN PEMERINTAHAN BIDANG ADMINISTRASI KEPENDUDUKAN", "3.000.000.000"),
    ("2.12.02", "PROGRAM PENDAFTARAN PENDUDUK", "1.800.000.000"),
]
SECOND = [("2.12.03", "PROGRAM PENCATATAN SIPIL", "1.200.000.000")]


def _html(rows: list[tuple[str, str, str]]) -> str:
    body = "".join(f"<tr><td>{k}</td><td>{u}</td><td>{p}</td></tr>" for k, u, p in rows)
    return ("<table>\n<tr><th>Kode</th><th>Program/Kegiatan</th><th>Pagu Indikatif (Rp)</th>"
            f"</tr>\n{body}\n</table>\n")  # fmt: skip


def _pipe(rows: list[tuple[str, str, str]]) -> str:
    body = "".join(f"|{k}|{u}|{p}|\n" for k, u, p in rows)
    return f"|Kode|Program/Kegiatan|Pagu Indikatif (Rp)|\n|---|---|---|\n{body}"


BREAKS = {
    "azure": (_html, '\n<!-- PageFooter="Renja Disdukcapil 2026" -->\n<!-- PageNumber="III-12"'
              ' -->\n<!-- PageBreak -->\n\n<!-- PageHeader="Renja Disdukcapil 2026" -->\n\n'),
    "pymupdf4llm": (_pipe, "\nRKA-SKPD 2.2 - Dinas Kependudukan Halaman 1 dari 2\n\n-----\n\n"),
    "comment-over-lines": (_html, "\n<!--\nPageBreak\n-->\n\n"),
}  # fmt: skip


@pytest.mark.parametrize("converter", sorted(BREAKS))
def test_a_table_over_a_converters_page_break_is_one_table(
    tmp_path: Path, converter: str
) -> None:
    table_form, page_break = BREAKS[converter]
    document = tmp_path / f"renja-{converter}.md"
    document.write_text(TITLE + CAPTION + table_form(FIRST) + page_break + table_form(SECOND),
                        encoding="utf-8")  # fmt: skip
    result = renja.process(document)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.frame["kode"].tolist() == ["2.12", "2.12.02", "2.12.03"]
    assert table.raw.caption.startswith("Tabel 3.1")
    assert not [f for f in result.findings if f.severity == "error"]


def test_a_comment_that_never_closes_hides_nothing(tmp_path: Path) -> None:
    """A converter's ``<!--`` left open would hide the rest of the document from a Markdown
    viewer; its lines are read as text, and the tables after it are still read."""
    document = tmp_path / "renja-open-comment.md"
    document.write_text(TITLE + "<!-- PageHeader=\"Renja 2026\"\n\n" + CAPTION + _pipe(FIRST),
                        encoding="utf-8")  # fmt: skip
    result = renja.process(document)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.frame["kode"].tolist() == ["2.12", "2.12.02"]


def _headless_html(rows: list[tuple[str, str, str]]) -> str:
    body = "".join(f"<tr><td>{k}</td><td>{u}</td><td>{p}</td></tr>" for k, u, p in rows)
    return f"<html><body><table>{body}</table></body></html>\n"


THIRD = [("2.12.04", "PROGRAM PENGELOLAAN INFORMASI ADMINISTRASI KEPENDUDUKAN", "700.000.000")]


def _mineru(between: str) -> str:
    """MinerU: one HTML table per page, the header on the first only, each page's number
    (``III-12``) and, over the next page's part, the head the page prints (``between``)."""
    first = [*FIRST, ("2.12.05", "PROGRAM PEMANFAATAN DATA KEPENDUDUKAN", "500.000.000")]
    first[0] = ("2.12", first[0][1], "4.200.000.000")
    return (TITLE + CAPTION + _html(first) + f"\nIII-12\n\n{between}\n\n"
            + _headless_html(SECOND) + f"\nIII-13\n\n{between}\n\n" + _headless_html(THIRD)
            + "\nKepala Dinas,\n\nIII-14\n")  # fmt: skip


def test_a_head_printed_on_some_pages_beside_their_number_joins_the_parts(
    tmp_path: Path,
) -> None:
    """The page numbers are running lines (printed on three pages); the head beside two of
    them (``Renja Disdukcapil 2026``, printed twice) is the same page furniture: the parts
    are one table, the bidang's sum is checked against all its programs (no false error)."""
    document = tmp_path / "renja-mineru.md"
    document.write_text(_mineru("Renja Disdukcapil 2026"), encoding="utf-8")
    result = renja.process(document)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert table.frame["kode"].tolist() == ["2.12", "2.12.02", "2.12.05", "2.12.03", "2.12.04"]
    assert not [f for f in result.findings if f.severity == "error"]


def test_a_line_printed_once_between_two_tables_keeps_them_apart(tmp_path: Path) -> None:
    """``B. Bidang Urusan …`` printed once between two pages' tables is a new table's title,
    not a page's head (each part then is its own table)."""
    text = _mineru("B. Bidang Urusan Transmigrasi").replace(
        "\n\nB. Bidang Urusan Transmigrasi\n\n", "\n\nRenja Disdukcapil 2026\n\n", 1
    )
    document = tmp_path / "renja-two-bidang.md"
    document.write_text(text, encoding="utf-8")
    tables = [t for t in renja.process(document).tables if t.raw.rows != ()]
    assert [t.raw.caption for t in tables][-1] == "B. Bidang Urusan Transmigrasi"
