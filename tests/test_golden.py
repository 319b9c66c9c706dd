"""Golden files: the sample's clean tables, repairs, findings, manifest and report, checked in.

A change in any output shows up here as a diff to review. After a deliberate change, rewrite the
golden files with ``RENJA_UPDATE_GOLDEN=1 make test`` and review ``git diff tests/golden``.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from renja.present.writer import write_result

from .conftest import GOLDEN, SAMPLE_MD, SHARED, need

DOCUMENTS = [SAMPLE_MD]
# Parquet is binary and carries library versions; the CSVs hold the same values. The report is
# compared too: it is deterministic, and a change to how it is rendered must be a reviewed diff.
COMPARED = ("*.csv", "*.json", "*.html")


# The manifest names the nomenclature folder it read, which differs between machines.
REFERENCE = SHARED / "reference" / "permendagri90"
REFERENCE_MARK = "<permendagri90>"


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    for form in {str(REFERENCE), str(REFERENCE.resolve())}:
        text = text.replace(form, REFERENCE_MARK)
    return text.splitlines()


def _files(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for pattern in COMPARED for p in folder.rglob(pattern))


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem)
def test_outputs_match_golden_files(document: Path, tmp_path: Path) -> None:
    import renja

    need(REFERENCE)  # the golden codes come from the nomenclature
    folder = write_result(renja.process(document), tmp_path, parquet=False)
    golden = GOLDEN / folder.name
    if os.environ.get("RENJA_UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(folder, golden)
        for name in _files(golden):
            (golden / name).write_text("\n".join(_lines(golden / name)) + "\n", encoding="utf-8")
    assert _files(folder) == _files(golden), "a table appeared or disappeared"
    for name in _files(golden):
        expected = _lines(golden / name)
        actual = _lines(folder / name)
        if expected != actual:
            diff = "\n".join(list(difflib.unified_diff(expected, actual, lineterm=""))[:40])
            pytest.fail(f"{name} differs from the golden file:\n{diff}")
