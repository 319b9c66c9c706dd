"""Start-up: a run imports the heavy libraries only when the document needs them (issue 14).

Each case runs ``renja run`` in a fresh interpreter and lists the libraries it imported; the
times are measured in ``benchmarks/bench_run.py``, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SAMPLE_MD

HEAVY = (
    "pandas", "numpy", "pyarrow", "pandera", "openpyxl", "duckdb", "matplotlib", "camelot",
    "pdfplumber", "pypdfium2", "jinja2", "xlsxwriter", "rapidfuzz", "PIL",
)  # fmt: skip
PROBE = """
import json, sys
from renja.app.cli import main
try:
    main(["run", sys.argv[1], "--out", sys.argv[2], "-q"] + sys.argv[3:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def imported(document: Path, out: Path, *options: str) -> set[str]:
    """The heavy libraries a fresh ``renja run`` of ``document`` imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(document), str(out), *options],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    return {name for name in HEAVY if name in modules}


@pytest.fixture(scope="module")
def no_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "catatan.md"
    path.write_text("# Catatan rapat\n\nDokumen ini tidak memuat tabel.\n", encoding="utf-8")
    return path


def test_a_document_with_no_table_needs_only_its_report_and_workbook(
    no_table: Path, tmp_path: Path
) -> None:
    reader = {"rapidfuzz"}  # the Markdown reader's (a C extension of a few milliseconds)
    assert imported(no_table, tmp_path / "out") == reader | {"jinja2", "xlsxwriter"}
    assert (tmp_path / "out" / "catatan" / "catatan.xlsx").is_file()
    assert imported(no_table, tmp_path / "bare", "--no-report") == reader


def test_a_markdown_document_needs_no_pdf_sql_chart_or_pandera(tmp_path: Path) -> None:
    heavy = imported(SAMPLE_MD, tmp_path / "out")
    assert {"pandas", "pyarrow", "jinja2", "xlsxwriter", "rapidfuzz"} <= heavy
    assert not heavy & {"pandera", "openpyxl", "duckdb", "matplotlib", "camelot", "pdfplumber"}
