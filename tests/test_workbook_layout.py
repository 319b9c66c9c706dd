"""The workbook and the CSVs as a data officer opens them (issue 11, point 2): sheets named and
headed as the document prints them, kode and uraian first and frozen, provenance last, amounts
with thousands separators, every clean table (inferred ones too), the findings sheet formatted,
and a CSV flavour for Excel with Indonesian settings.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter

from renja.app.cli import main
from renja.extract.cells import is_number_row

from .conftest import SAMPLE_MD
from .sheets import table_sheets

# A table of no known form: read by inference (its columns from its own header).
INFERRED = (
    "PEMERINTAH KOTA BANJARBARU\n\nDINAS KESEHATAN\n\nRENJA 2025\n\n"
    "Tabel III.4 Alokasi Bantuan Operasional Puskesmas\n\n"
    "| Kode | Puskesmas | Jumlah Tenaga | Alokasi BOK (Rp) | Realisasi (Rp) |\n"
    "|---|---|---|---|---|\n"
    "| 1.02.02.2.02.0001 | Puskesmas Banjarbaru Utara | 12 | 150.000.000 | 140.000.000,50 |\n"
    "| 1.02.02.2.02.0002 | Puskesmas Guntung Payung | 9 | 120.000.000 | 100.500.000 |\n"
)
PROVENANCE = ["baris", "sumber_baris", "halaman", "jenis_baris"]
ILLEGAL = re.compile(r"[\[\]:*?/\\]")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    (docs / SAMPLE_MD.name).write_text(SAMPLE_MD.read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "puskesmas.md").write_text(INFERRED, encoding="utf-8")
    folder = tmp_path_factory.mktemp("out")
    done = CliRunner().invoke(
        main, ["run", str(docs), "--out", str(folder), "--csv-excel", "--no-corpus"]
    )
    assert done.exit_code == 0, done.output
    return folder


def _book(out: Path, doc_id: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(out / doc_id / f"{doc_id}.xlsx")


def _manifest(out: Path, doc_id: str) -> dict:
    return json.loads((out / doc_id / "manifest.json").read_text(encoding="utf-8"))


def _numbering(row: dict[str, str]) -> bool:
    """The column-number row under a header ("1", "2", "(3)=(1)+(2)"): no label."""
    return is_number_row([v for k, v in row.items() if k.startswith("kolom_")])


@pytest.mark.parametrize("doc_id", [SAMPLE_MD.stem, "puskesmas"])
def test_sheets_are_named_and_headed_as_printed(out: Path, doc_id: str) -> None:
    book = _book(out, doc_id)
    manifest = _manifest(out, doc_id)
    entries = {t["table_id"]: t for t in manifest["tables"]}
    sheets = table_sheets(book)
    clean = sorted(p.stem for p in (out / doc_id / "tables").glob("*.csv"))
    assert sorted(sheets) == clean and clean  # every clean table, inferred ones too
    names = [s.lower() for s in book.sheetnames]
    assert len(set(names)) == len(names)
    checked: list[str] = []
    for table_id, sheet in sheets.items():
        entry = entries[table_id]
        title = sheet.title
        assert len(title) <= 31 and not ILLEGAL.search(title), title
        if entry.get("nomor"):
            assert title == entry["nomor"]  # "Tabel 5.1", "Tabel III.4"
        assert sheet["A1"].value == entry["nama"] and table_id in sheet["A1"].comment.text
        printed = [c.value for c in sheet[2]]
        names_row = [c.value for c in sheet[3]]
        with (out / doc_id / "tables" / f"{table_id}.csv").open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert sorted(names_row) == sorted(header)  # the machine names, in the second row
        # the provenance after every column read from the document
        provenance = [names_row.index(c) for c in PROVENANCE]
        own = [c["name"] for c in entry["contract"]["kolom"] if c["name"] in names_row]
        printed_columns = [names_row.index(c) for c in own]
        assert min(provenance) > max(printed_columns), table_id
        assert header[: len(PROVENANCE)] == PROVENANCE  # where the CSV has them
        if "kode" in names_row and "uraian" in names_row:
            assert names_row[:2] == ["kode", "uraian"]
            assert sheet.freeze_panes == "C4", table_id
        else:
            assert sheet.freeze_panes.endswith("4"), table_id
        # each column read under a printed header shows it as printed: every word printed
        # over its raw column, in the document's case
        raw = list(csv.DictReader((out / doc_id / "raw" / f"{table_id}.csv").open(
            encoding="utf-8")))  # fmt: skip
        heads = [r for r in raw if r["peran"] == "header" and not _numbering(r)]
        headed = {c["name"]: c["judul"] for c in entry["contract"]["kolom"] if c.get("judul")}
        for name, judul in headed.items():
            shown = printed[names_row.index(name)]
            assert " ".join(shown.lower().split()) == " ".join(judul.split()), (table_id, name)
            for row in heads:
                cell = " ".join(row[f"kolom_{entry['raw_columns'][name]}"].split())
                assert cell in shown, (table_id, name, cell, shown)
            checked.append(name)
    assert len(checked) >= (20 if doc_id == SAMPLE_MD.stem else 5)


def test_the_inferred_table_is_printed_as_the_document_prints_it(out: Path) -> None:
    book = _book(out, "puskesmas")
    sheet = book["Tabel III.4"]
    printed = [c.value for c in sheet[2]]
    names = [c.value for c in sheet[3]]
    assert printed[:2] == ["Kode", "Puskesmas"]
    amount = names.index(next(n for n in names if printed[names.index(n)] == "Alokasi BOK (Rp)"))
    cell = sheet.cell(4, amount + 1)
    assert cell.value == 150_000_000 and cell.number_format == "#,##0"
    staff = sheet.cell(4, printed.index("Jumlah Tenaga") + 1)
    assert staff.value == 12 and staff.number_format == "General"  # a count, not Rupiah
    cents = sheet.cell(4, printed.index("Realisasi (Rp)") + 1)
    assert cents.number_format == "#,##0.00"


def test_amount_columns_have_thousands_separators(out: Path) -> None:
    book = _book(out, SAMPLE_MD.stem)
    entries = {t["table_id"]: t for t in _manifest(out, SAMPLE_MD.stem)["tables"]}
    checked = 0
    for table_id, sheet in table_sheets(book).items():
        names = [c.value for c in sheet[3]]
        money = {c["name"] for c in entries[table_id]["contract"]["kolom"] if c["tipe"] == "rupiah"}
        for name in money & set(names):
            column = names.index(name) + 1
            for row in range(4, sheet.max_row + 1):
                cell = sheet.cell(row, column)
                if isinstance(cell.value, int | float):
                    assert cell.number_format in ("#,##0", "#,##0.00"), (table_id, name)
                    checked += 1
    assert checked > 200


def test_the_findings_sheet_is_formatted(out: Path) -> None:
    book = _book(out, SAMPLE_MD.stem)
    sheet = book["Temuan"]
    printed = [c.value for c in sheet[1]]
    names = [c.value for c in sheet[2]]
    with (out / SAMPLE_MD.stem / "findings.csv").open(encoding="utf-8") as handle:
        assert names == next(csv.reader(handle))
    assert printed[names.index("check")] == "Pemeriksaan"
    assert printed[names.index("expected")] == "Diharapkan"
    assert sheet.freeze_panes == "B3" and sheet.cell(1, 1).font.bold
    amounts = 0
    for name in ("expected", "found", "difference"):
        column = names.index(name) + 1
        for row in range(3, sheet.max_row + 1):
            cell = sheet.cell(row, column)
            if isinstance(cell.value, int) and abs(cell.value) >= 1000:
                assert cell.number_format == "#,##0"
                amounts += 1
    assert amounts > 20
    message = get_column_letter(names.index("message") + 1)
    assert sheet.column_dimensions[message].width <= 80


def test_csv_for_excel_with_indonesian_settings(out: Path) -> None:
    folder = out / "puskesmas" / "csv_excel"
    raw = (folder / "t01_tabel.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # BOM, Windows line ends
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:2] == ["kode", "uraian"]  # as the workbook orders them
    first = dict(zip(header, rows[1], strict=True))
    assert first["kode"] == '="1.02.02.2.02.0001"'  # a code stays text
    assert first["anggaran"] == "150000000"
    assert next(v for k, v in first.items() if k.startswith("realisasi")) == "140000000,50"
    assert sorted(p.name for p in folder.iterdir()) == ["perbaikan.csv", "t01_tabel.csv",
                                                        "temuan.csv"]  # fmt: skip
    for doc_id in ("puskesmas", SAMPLE_MD.stem):  # every finding, none or many
        excel = (out / doc_id / "csv_excel" / "temuan.csv").read_text("utf-8-sig")
        findings = list(csv.reader(io.StringIO(excel), delimiter=";"))
        plain = (out / doc_id / "findings.csv").read_text("utf-8")
        assert findings[0][:3] == ["id", "check", "severity"]
        assert len(findings) == len(list(csv.reader(io.StringIO(plain))))
    assert len(findings) > 1
    # the machine-readable tables are as they were
    plain = (out / "puskesmas" / "tables" / "t01_tabel.csv").read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf") and b";" not in plain.splitlines()[0]
    # and a run without the option writes none
    assert not (out / SAMPLE_MD.stem / "csv_excel").exists() or (
        out / SAMPLE_MD.stem / "csv_excel" / "temuan.csv"
    ).exists()
