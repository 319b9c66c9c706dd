"""The list columns of the output files (issue 12): a finding's ``related`` and a clean row's
``baris_gabungan`` are lists in the records, JSON arrays in CSV and list types in Parquet, and
the report and the workbook find a finding's cells through them."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from renja.app.batch import is_current
from renja.model.errors import OutputSchemaError
from renja.model.refs import CellRef, CodeRef, dump_related, load_lines, load_related
from renja.model.result import Result
from renja.present.locate import finding_refs, row_lines, source_snippets
from renja.present.outputs import read_doc_folder
from renja.present.report import render_report
from renja.present.workbook import write_workbook

from .conftest import SAMPLE_MD


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _merged_table(sample: Result) -> str:
    return next(t.table_id for t in sample.tables if t.form == "penambahan_pagu")


# --- the records -----------------------------------------------------------------------------


def test_related_holds_typed_references(sample: Result) -> None:
    related = [ref for f in sample.findings for ref in f.related]
    assert related and all(isinstance(ref, CellRef | CodeRef) for ref in related)
    cells = [ref for ref in related if isinstance(ref, CellRef)]
    assert all(isinstance(ref.row, int) for ref in cells)
    assert {ref.table for ref in cells} <= {t.table_id for t in sample.tables}


def test_merged_lines_are_a_list_of_integers(sample: Result) -> None:
    frame = next(t.frame for t in sample.tables if t.table_id == _merged_table(sample))
    merged = [v for v in frame["baris_gabungan"].tolist() if v is not None]
    assert [908, 909, 910] in merged
    assert all(isinstance(v, list) and all(type(n) is int for n in v) for v in merged)


# --- the files -------------------------------------------------------------------------------


def test_findings_csv_related_is_a_json_array_of_the_findings_references(
    sample: Result, sample_out: Path
) -> None:
    rows = {r["id"]: r for r in _rows(sample_out / "findings.csv")}
    with_refs = [f for f in sample.findings if f.related]
    assert with_refs
    for finding in with_refs:
        cell = rows[finding.id]["related"]
        assert json.loads(cell) == [ref.to_json() for ref in finding.related]
        assert load_related(cell) == finding.related
    sum_finding = next(f for f in with_refs if f.check == "jumlah_rincian")
    first = json.loads(rows[sum_finding.id]["related"])[0]
    assert first == {
        "tabel": sum_finding.table,
        "baris": first["baris"],
        "kolom": sum_finding.column,
    }
    assert all(rows[f.id]["related"] == "" for f in sample.findings if not f.related)


def test_a_whole_row_and_a_code_are_written_as_such() -> None:
    cell = dump_related([CellRef("t10_pergeseran_pagu", 1), CodeRef("5.03.01.2.07.0010")])
    assert json.loads(cell) == [
        {"tabel": "t10_pergeseran_pagu", "baris": 1},
        {"kode": "5.03.01.2.07.0010"},
    ]


def test_baris_gabungan_is_a_json_array_in_csv_and_a_list_in_parquet(
    sample: Result, sample_out: Path
) -> None:
    table_id = _merged_table(sample)
    cells = [r["baris_gabungan"] for r in _rows(sample_out / "tables" / f"{table_id}.csv")]
    assert "[908,909,910]" in cells
    assert [load_lines(c) for c in cells if c] == [json.loads(c) for c in cells if c]
    schema = pq.read_schema(sample_out / "tables" / f"{table_id}.parquet")
    assert schema.field("baris_gabungan").type == pa.list_(pa.int64())
    column = pq.read_table(sample_out / "tables" / f"{table_id}.parquet")["baris_gabungan"]
    assert [908, 909, 910] in column.to_pylist()


def test_the_typed_reader_gives_lists(sample: Result, sample_out: Path) -> None:
    table_id = _merged_table(sample)
    frame = read_doc_folder(sample_out).frame(table_id)
    assert [908, 909, 910] in frame["baris_gabungan"].tolist()


# --- the readers -----------------------------------------------------------------------------


def test_the_report_locates_a_findings_related_cells(sample: Result, sample_out: Path) -> None:
    """A sum's operands, named in ``related``, are the related rows of its detail, marked."""
    folder = read_doc_folder(sample_out)
    finding = next(
        f
        for f in folder.findings
        if f["check"] == "jumlah_rincian"
        and f["sumber_baris"]
        and 1 < len(load_related(f["related"])) < 5
    )
    own, related = finding_refs(finding)
    assert [c.column for c in own] == [finding["column"]]
    assert related and all(ref.table == finding["table"] for ref in related)
    (snippet,) = source_snippets(folder, finding)
    related_lines = {line for ref in related for line in row_lines(folder, ref.table, ref.row)}
    own_lines = row_lines(folder, finding["table"], finding["row"])
    assert {r.cells["sumber_baris"] for r in snippet.rows if r.own} == own_lines
    assert {r.cells["sumber_baris"] for r in snippet.rows if not r.own} == related_lines - own_lines
    assert all("rel" in r.marks.values() for r in snippet.rows if not r.own)
    assert all("hit" in r.marks.values() for r in snippet.rows if r.own)
    page = render_report(sample_out)
    assert f'data-for="{finding["id"]}"' in page


def test_the_workbook_shows_lists_as_short_text(sample_out: Path, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(sample_out, tmp_path / sample_out.name))
    book = openpyxl.load_workbook(write_workbook(folder))
    sheet = book["Temuan"]
    header = [c.value for c in sheet[2]]  # the column names, under the Indonesian headers
    related = [row[header.index("related")] for row in sheet.iter_rows(min_row=3, values_only=True)]
    shown = [r for r in related if r]
    assert shown and not any(r.startswith("[") for r in shown)
    assert any(":" in r and ";" in r for r in shown)  # t06_reviu_rkpd:4:pagu_murni;…


def test_a_folder_of_the_old_layout_is_not_read(sample_out: Path, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(sample_out, tmp_path / "old"))
    assert is_current(folder, SAMPLE_MD)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["schema_version"] = 1
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(OutputSchemaError, match="renja run --force"):
        render_report(folder)
    assert not is_current(folder, SAMPLE_MD)
