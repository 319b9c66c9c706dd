"""The Markdown reader: every table found, stitched across page breaks, with captions and roles."""

from __future__ import annotations

from pathlib import Path

import renja
from renja.extract import read
from renja.extract.markdown import markdown_to_tables
from renja.model.records import Document, RowRole
from renja.normalize.classify import classify

from .conftest import SAMPLE_MD


def test_sample_tables_are_found_stitched_and_classified() -> None:
    document = read(SAMPLE_MD)
    summary = [(t.rows[0].source.line, t.parts, classify(t).slug) for t in document.tables]
    assert summary == [
        (66, 1, "unknown"),  # DAFTAR ISI
        (92, 1, "unknown"),  # DAFTAR TABEL
        (233, 1, "capaian_iku"),
        (247, 21, "evaluasi_e81"),  # 20 page breaks, footer rows included
        (393, 11, "rekap_evaluasi"),
        (599, 8, "reviu_rkpd"),
        (708, 1, "tujuan_sasaran"),
        (812, 7, "rencana_program"),
        (894, 3, "penambahan_pagu"),
        (926, 1, "pergeseran_pagu"),
        (972, 10, "rencana_perubahan"),  # the Lampiran, its continuation blocks included
    ]


def test_captions_and_period_are_attached() -> None:
    tables = {classify(t).slug: t for t in read(SAMPLE_MD).tables}
    e81 = tables["evaluasi_e81"].caption
    assert e81.startswith("Tabel 2.2 Formulir E.81")
    assert e81.endswith("Periode Pelaksanaan Triwulan II Tahun 2024")
    assert tables["rencana_perubahan"].caption.startswith(
        "RENCANA PROGRAM DAN KEGIATAN PADA PERUBAHAN RENJA"
    )
    assert tables["rencana_perubahan"].context == "LAMPIRAN"


def test_header_rows_repeated_headers_and_separators_are_marked() -> None:
    tables = {classify(t).slug: t for t in read(SAMPLE_MD).tables}
    e81 = tables["evaluasi_e81"]
    assert [r.source.line for r in e81.header] == [247, 248, 249, 250]  # names, I-IV, 1..15, K/Rp
    assert [r.source.line for r in e81.rows if r.role is RowRole.SEPARATOR] == [334]
    rekap = tables["rekap_evaluasi"]
    repeated = [r.source.line for r in rekap.rows if r.role is RowRole.REPEATED_HEADER]
    assert len(repeated) == 30  # ten page breaks, three header rows each
    tambah = tables["penambahan_pagu"]
    assert [r.source.line for r in tambah.rows if r.role is RowRole.REPEATED_HEADER] == [907, 919]


def test_markup_is_stripped_and_bold_rows_noted() -> None:
    tables = {classify(t).slug: t for t in read(SAMPLE_MD).tables}
    row = next(r for r in tables["evaluasi_e81"].rows if r.source.line == 257)
    assert row.cells[2] == "Administrasi Keuangan Perangkat Daerah"
    assert row.bold
    assert all("<b>" not in c for t in tables.values() for r in t.rows for c in r.cells)


def test_pipe_table_with_bold_markup_and_separator(tmp_path: Path) -> None:
    doc = tmp_path / "pipe.md"
    doc.write_text(
        "# Renja Dinas Contoh 2025\n\n"
        "**Tabel 5.3 Pergeseran Pagu Anggaran Tahun 2025**\n\n"
        "| Kode | Sub Kegiatan | Sebelum Perubahan | Sesudah Perubahan | Jumlah perubahan | Ket |\n"
        "|---|---|---:|---:|---:|---|\n"
        "| 1.02.01.2.01.0001 | **Penyusunan Dokumen** | 1.000.000 | 1.500.000 | 500.000 | - |\n"
        "| 1.02.01.2.01.0002 | Koordinasi RKA | 2.000.000 | 1.500.000 | (500.000) | geser |\n",
        encoding="utf-8",
    )
    result = renja.process(doc)
    frame = result.table("pergeseran_pagu")
    assert frame["kode"].tolist() == ["1.02.01.2.01.0001", "1.02.01.2.01.0002"]
    assert frame["uraian"].tolist() == ["Penyusunan Dokumen", "Koordinasi RKA"]
    assert frame["jumlah_perubahan"].tolist() == [500000, -500000]
    assert result.raw_tables[0].engine == "markdown-pipe"


def test_html_table_with_spans(tmp_path: Path) -> None:
    doc = tmp_path / "html.md"
    doc.write_text(
        "Tabel 5.2 Penambahan Pagu Anggaran\n\n"
        '<table><tr><td rowspan="2">No</td><td rowspan="2">Sub Kegiatan</td>'
        '<td colspan="3">Pagu</td></tr>'
        "<tr><td>Pagu Murni</td><td>Pagu Penambahan</td><td>Total</td></tr>"
        "<tr><td>1</td><td>Penyediaan Gaji dan Tunjangan ASN</td><td>5.643.243.916</td>"
        "<td>859.637.012</td><td>6.502.880.928</td></tr></table>\n",
        encoding="utf-8",
    )
    result = renja.process(doc)
    frame = result.table("penambahan_pagu")
    assert frame.loc[0, "uraian"] == "Penyediaan Gaji dan Tunjangan ASN"
    assert frame.loc[0, "pagu_murni"] == 5643243916
    assert frame.loc[0, "pagu_penambahan"] == 859637012
    assert frame.loc[0, "pagu_total"] == 6502880928


def test_page_break_with_repeated_header_and_split_row() -> None:
    text = "\n".join(
        [
            "Tabel 5.3 Pergeseran Pagu Anggaran",
            "",
            "Kode\tSub Kegiatan\tSebelum Perubahan\tSesudah Perubahan\tJumlah\tKeterangan",
            "1.02.01.2.01.0001\tPenyusunan Dokumen\t1.000.000\t1.500.000\t500.000\tgeser dari",
            "",
            "12",  # a page number left by the page break
            "",
            "Kode\tSub Kegiatan\tSebelum Perubahan\tSesudah Perubahan\tJumlah\tKeterangan",
            "\t\t\t\t\tsub kegiatan lain",
            "1.02.01.2.01.0002\tKoordinasi RKA\t2.000.000\t1.500.000\t(500.000)\t-",
        ]
    )
    tables, _ = markdown_to_tables(text)
    assert len(tables) == 1
    table = tables[0]
    assert table.parts == 2
    roles = [r.role for r in table.rows]
    assert roles == [
        RowRole.HEADER,
        RowRole.BODY,
        RowRole.REPEATED_HEADER,
        RowRole.BODY,
        RowRole.BODY,
    ]


def test_text_between_blocks_starts_a_new_table() -> None:
    text = "\n".join(
        [
            "Tabel 1 Satu",
            "Kode\tUraian\tPagu",
            "1.02\tKESEHATAN\t1.000",
            "",
            "Kalimat biasa yang menjelaskan tabel di atas, cukup panjang untuk menjadi prosa.",
            "",
            "1.03\tPEKERJAAN UMUM\t2.000",
        ]
    )
    tables, _ = markdown_to_tables(text)
    assert [len(t.rows) for t in tables] == [2, 1]
    assert tables[0].caption == "Tabel 1 Satu"


def test_dki_html_tables_are_all_read(dki_document: Document) -> None:
    document = dki_document
    assert len(document.tables) >= 150
    assert {t.engine for t in document.tables} == {"markdown-html"}
    first = document.tables[0]
    assert first.rows[0].source.line == 457
    assert document.meta.jenis == "RKPD"
    assert document.meta.tahun == 2025


def test_a_header_printed_again_between_rows_is_kept_out_of_the_data(tmp_path: Path) -> None:
    """A conversion that joined a table's pages keeps each page's header and column-number rows
    between the data rows (the DKI RKPD's APBD summary). They repeat the header: kept in raw/ as
    repeated header rows, never read as a row of codes (1), (2) and amounts -3, -4."""
    head = [
        "| Kode | Uraian | Realisasi 2023 | APBD 2024 |",
        "|---|---|---|---|",
        "| (1) | (2) | (3) | (4) |",
    ]
    body = [
        "| 4 | PENDAPATAN DAERAH | 1.500.000.000 | 1.600.000.000 |",
        "| 4.1 | PENDAPATAN ASLI DAERAH | 1.500.000.000 | 1.600.000.000 |",
        "| Kode | Uraian | Reallsasi 2023 | APBD 2024 |",  # again, with an OCR slip
        "| (1) | (2) | (3) | (4) |",
        "| 5 | BELANJA DAERAH | 1.400.000.000 | 1.700.000.000 |",
        "| 5.1 | BELANJA OPERASI | 1.400.000.000 | 1.700.000.000 |",
    ]
    source = tmp_path / "ringkasan.md"
    text = "Tabel 3.1 Ringkasan APBD\n\n" + "\n".join(head + body) + "\n"
    source.write_text(text, encoding="utf-8")
    (table,) = markdown_to_tables(source.read_text(encoding="utf-8"))[0]
    roles = [r.role for r in table.rows]
    assert roles.count(RowRole.HEADER) == 2 and roles.count(RowRole.REPEATED_HEADER) == 2
    result = renja.process(source)
    (clean,) = result.tables
    assert clean.frame["kode_rekening"].tolist() == ["4", "4.1", "5", "5.1"]
    assert not [f for f in result.findings if f.severity == "error"]
