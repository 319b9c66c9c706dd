"""The sample PDF is the sample Markdown rendered back to PDF: its clean tables must be the same."""

from __future__ import annotations

from pathlib import Path

from renja.model.result import Result

from .conftest import SAMPLE_MD
from .pdfgen import TableSpec, render
from .tablecompare import compare

# ``sample`` and ``sample_pdf`` (the sample PDF processed once, ahead) come from conftest.py.


def test_every_form_of_the_markdown_is_found_in_the_pdf(sample: Result, sample_pdf: Result) -> None:
    assert [t.form for t in sample_pdf.tables] == [t.form for t in sample.tables]
    for md, pdf in zip(sample.raw_tables, sample_pdf.raw_tables, strict=True):
        assert pdf.engine == "pdfplumber-lines"
        assert pdf.table_id == md.table_id
        assert pdf.parts >= md.parts  # PDF page breaks cut the Markdown's blocks further


def test_clean_tables_match_the_markdown_cell_by_cell(sample: Result, sample_pdf: Result) -> None:
    result = compare(sample.tables, sample_pdf.tables)
    print(f"PDF/Markdown cell match: {result.same}/{result.cells} = {result.rate:.4%}")
    assert not result.missing
    assert result.cells > 9000
    # One cell differs: the PDF broke 'Bulanan/Triwulanan/Semesteran' inside a word, mid-line,
    # where no reading can tell a broken word from two words ('Triwulan an').
    assert result.rate >= 0.9995, result.differences[:5]


def test_findings_match_the_markdown(sample: Result, sample_pdf: Result) -> None:
    def key(finding) -> tuple:
        return (finding.check, finding.table, finding.row, finding.column, finding.kode,
                finding.expected, finding.found)  # fmt: skip

    assert sorted(map(key, sample_pdf.findings)) == sorted(map(key, sample.findings))


def test_rows_know_their_page_and_box(sample_pdf: Result) -> None:
    frame = sample_pdf.table("rencana_perubahan")
    assert frame["halaman"].min() >= 27 and frame["halaman"].isna().sum() == 0
    raw = next(t for t in sample_pdf.raw_tables if t.table_id.endswith("rencana_perubahan"))
    assert all(r.source.bbox is not None and r.source.page for r in raw.rows)


def test_metadata_is_read_from_the_pdf_text(sample: Result, sample_pdf: Result) -> None:
    assert sample_pdf.meta.as_dict() == sample.meta.as_dict()
    assert sample_pdf.document.pages == 32


def test_pdf_and_markdown_of_one_document_get_two_folders(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from renja.app.cli import main

    # One small document as Markdown and as PDF, under the sample's name: what is tested is the
    # naming, so neither the 32-page PDF nor the corpus (--no-corpus) is needed here.
    rows = [
        ["Kode", "Sub Kegiatan", "Sebelum", "Sesudah"],
        ["5.03.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "1.000", "2.000"],
    ]
    docs = tmp_path / "docs"
    docs.mkdir()
    caption = "Tabel 5.3 Pergeseran Pagu"
    text = f"{caption}\n\n" + "".join("\t".join(row) + "\n" for row in rows)
    (docs / SAMPLE_MD.name).write_text(text, encoding="utf-8")
    render(docs / SAMPLE_MD.with_suffix(".pdf").name, [TableSpec(caption, rows)])
    result = CliRunner().invoke(main, ["run", str(docs), "--out", str(tmp_path / "out"), "-q",
                                       "--no-report", "--no-corpus"])  # fmt: skip
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert names == [
        "batch.json",
        "renja-bkpsdm-banjarbaru-2024",
        "renja-bkpsdm-banjarbaru-2024-pdf",
    ]
    for name in names[1:]:  # both were read: the same table from each
        table = tmp_path / "out" / name / "tables" / "t01_pergeseran_pagu.csv"
        text = table.read_text(encoding="utf-8").rstrip()
        assert text.endswith(",1000,1000,tercetak,2000,2000,tercetak"), name
