"""``renja check``: each finding with its table's printed name, its row and its page, as lines or
as one JSON document of typed records.

The command runs on the sample PDF as the session processed it (``processed``): its
``process`` is the session's result for the path, so the PDF is read once per test run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import renja.app.pipeline
from renja.app.cli import main
from renja.model.labels import shorten, table_name
from renja.model.result import Result
from renja.present.outputs import FINDING_COLUMNS

from .conftest import SAMPLE_PDF, Processed


@pytest.fixture
def checked(processed: Processed, monkeypatch: pytest.MonkeyPatch) -> Result:
    """``renja check`` on the sample PDF gets the session's result for it."""
    result, original = processed(SAMPLE_PDF), renja.app.pipeline.process

    def process(path: Path, **options: Any) -> Result:
        return result if Path(path) == SAMPLE_PDF else original(path, **options)

    monkeypatch.setattr(renja.app.pipeline, "process", process)
    return result


def names(result: Result) -> dict[str, str]:
    return {t.table_id: table_name(t.table_id, t.caption) for t in result.raw_tables}


@pytest.mark.documents(SAMPLE_PDF)
def test_each_line_names_the_printed_table_the_row_and_the_page(checked: Result) -> None:
    done = CliRunner().invoke(main, ["check", str(SAMPLE_PDF)])
    assert done.exit_code == 1  # the sample has errors
    lines = done.stdout.splitlines()
    errors = [f for f in checked.findings if f.severity.value == "error"]
    assert len(lines) == len(errors) > 10
    printed = names(checked)
    for line, finding in zip(lines, errors, strict=True):
        doc_id, fid, severity, check, place, message = line.split("\t")
        assert (doc_id, fid, severity, check) == (
            checked.doc_id,
            finding.id,
            "error",
            finding.check,
        )
        assert message == finding.message
        assert finding.table is not None and finding.source.page is not None
        name = shorten(printed[finding.table], 48)
        assert place == f"{name} ({finding.table}), baris {finding.row}, hal. {finding.source.page}"
    numbered = [line for line in lines if "\tTabel 5.1 — " in line]
    assert numbered  # the sample's own numbering, on its own tables
    assert "60 kesalahan" in done.stderr


@pytest.mark.documents(SAMPLE_PDF)
def test_json_holds_every_finding_as_a_typed_record(checked: Result) -> None:
    done = CliRunner().invoke(
        main, ["check", "--format", "json", str(SAMPLE_PDF), "no-such-file.pdf"]
    )
    assert done.exit_code == 1
    report = json.loads(done.stdout)
    (document,) = report["documents"]
    assert report["fail_on"] == "error"
    assert [e["file"] for e in report["errors"]] == ["no-such-file.pdf"]
    assert document["doc_id"] == checked.doc_id and document["fails"] is True
    assert document["counts"] == {
        **{
            s: sum(f.severity.value == s for f in checked.findings)
            for s in ("error", "warning", "info")
        },
        "ditinjau": 0,  # nobody reviewed a finding of this document yet
    }
    printed = names(checked)
    assert {t["table_id"]: t["nama"] for t in document["tables"]} == printed
    assert {t["nomor"] for t in document["tables"]} >= {"Tabel 2.1", "Tabel 5.1", "Tabel 5.3"}
    records = document["findings"]
    assert [r["id"] for r in records] == [f.id for f in checked.findings]
    for record, finding in zip(records, checked.findings, strict=True):
        assert list(record) == FINDING_COLUMNS
        assert record["nama_tabel"] == printed.get(finding.table or "")
        assert record["row"] == finding.row and isinstance(record["row"], int | None)
        assert record["halaman"] == finding.source.page and isinstance(record["halaman"], int)
        assert record["sumber_baris"] is None  # a PDF names pages, not lines
        assert record["related"] == [ref.to_json() for ref in finding.related]
    assert any(r["related"] and isinstance(r["related"][0]["baris"], int) for r in records)


@pytest.mark.documents(SAMPLE_PDF)
def test_json_with_fail_on_never_passes(checked: Result) -> None:
    done = CliRunner().invoke(
        main, ["check", "--format", "json", "--fail-on", "never", str(SAMPLE_PDF)]
    )
    assert done.exit_code == 0
    (document,) = json.loads(done.stdout)["documents"]
    assert document["fails"] is False and len(document["findings"]) == len(checked.findings)
