"""Records are frozen (issue 12, point 3): a stage derives new records and never changes one an
earlier stage returned, so ids, kinds and document ids are assigned once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from renja.app.batch import Job, run_job
from renja.extract import read
from renja.model.records import Document, DocumentMeta, RawRow, RawTable, RowRole, Source
from renja.model.refs import CellRef, CodeRef
from renja.model.result import Result

from .conftest import SAMPLE_MD


def _row() -> RawRow:
    return RawRow(["5.03.01", "Program", "1.000"], Source(line=7))


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        (_row(), "role", RowRole.HEADER),
        (_row(), "cells", ("x",)),
        (RawTable("t01", "", (_row(),), "test"), "table_id", "t01_rencana_kerja"),
        (RawTable("t01", "", (_row(),), "test"), "rows", ()),
        (DocumentMeta(tahun=2024), "tahun", 2025),
        (DocumentMeta(bidang=("5.03",)), "bidang", ("5.04",)),
        (Document("a.md", "a", DocumentMeta(), ()), "doc_id", "b"),
        (Document("a.md", "a", DocumentMeta(), ()), "warnings", ("x",)),
        (CellRef("t01", 1, "pagu"), "row", 2),
        (CodeRef("5.03"), "kode", "5.04"),
    ],
    ids=lambda v: type(v).__name__ if dataclasses.is_dataclass(v) else None,
)
def test_a_frozen_record_refuses_assignment(record: object, field: str, value: object) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, field, value)


def test_lists_become_tuples() -> None:
    row = _row()
    table = RawTable("t01", "", [row], "test")
    assert row.cells == ("5.03.01", "Program", "1.000") and table.rows == (row,)
    with pytest.raises(AttributeError):
        row.cells.append("x")  # type: ignore[attr-defined]


def test_a_derived_record_leaves_its_source_alone() -> None:
    row = _row()
    header = dataclasses.replace(row, role=RowRole.HEADER)
    assert (row.role, header.role) == (RowRole.BODY, RowRole.HEADER)


def test_the_pipeline_leaves_the_extracted_document_as_it_was(sample: Result) -> None:
    """The ids the pipeline gives (``t04_evaluasi_e81``) are on its own tables; the reader's
    document keeps its own (``t04``)."""
    extracted = read(SAMPLE_MD)
    assert [t.table_id for t in extracted.tables][:2] == ["t01", "t02"]
    final = [t.table_id for t in sample.raw_tables]
    assert all(f.startswith(f"{t.table_id}_") for f, t in zip(final, extracted.tables, strict=True))
    assert list(sample.document.tables) == list(sample.raw_tables)


def test_a_table_id_and_kind_are_stored_once(sample: Result) -> None:
    for table in sample.tables:
        assert table.table_id == table.raw.table_id
        assert table.form == table.contract.form == sample.contracts[table.table_id].form
        assert table.table_id.endswith(f"_{table.form}")
    assert "table_id" not in {f.name for f in dataclasses.fields(sample.tables[0])}


def test_the_batch_gives_the_document_its_id_once(tmp_path: Path) -> None:
    """``run_job`` passes the id decided before dispatch into ``process``; the result is not
    changed after."""
    source = tmp_path / "renja.md"
    source.write_text(SAMPLE_MD.read_text(encoding="utf-8"), encoding="utf-8")
    outcome = run_job(Job(source, "renja-pdf", tmp_path / "out", reports=False, parquet=False))
    assert outcome.status == "ok", outcome.error
    assert (tmp_path / "out" / "renja-pdf" / "manifest.json").is_file()
    assert '"doc_id": "renja-pdf"' in (tmp_path / "out" / "renja-pdf" / "manifest.json").read_text(
        encoding="utf-8"
    )
