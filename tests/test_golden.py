"""Golden files: the sample's clean tables, repairs, findings, manifest, report and workbook,
checked in.

A change in any output shows up here as a diff to review. After a deliberate change, rewrite the
golden files with ``RENJA_UPDATE_GOLDEN=1 make test`` and review ``git diff tests/golden``. The
workbook is compared in a stable form (``_workbook_lines``: every sheet's cells, formats, fills,
comments, links, panes and widths, read with openpyxl), not as zip bytes.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from pathlib import Path

import pytest

from .conftest import GOLDEN, SAMPLE_MD, SHARED, Processed, need

DOCUMENTS = [SAMPLE_MD]
# Parquet is binary and carries library versions; the CSVs hold the same values. The report is
# compared too: it is deterministic, and a change to how it is rendered must be a reviewed diff.
# So is the workbook, as the lines ``_workbook_lines`` reads from it.
COMPARED = ("*.csv", "*.json", "*.html", "*.xlsx")


# The manifest names the nomenclature folder it read, which differs between machines.
REFERENCE = SHARED / "reference" / "permendagri90"
REFERENCE_MARK = "<permendagri90>"
# and where its input is from the folder (``source.path``), which depends on where tests write.
SOURCE_PATH = re.compile(r'^(\s*"path": )".*"(,?)$', re.MULTILINE)
SOURCE_MARK = r'\1"<sumber>"\2'


def _workbook_lines(path: Path) -> list[str]:
    """A workbook as text that stays the same when its content does: per sheet its panes,
    filter, widths, then every cell that holds a value or a mark (type, value, number format,
    bold, fill, comment, link). The zip's bytes are not compared."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    lines = [f"sheets: {book.sheetnames}"]
    for sheet in book.worksheets:
        widths = {k: d.width for k, d in sorted(sheet.column_dimensions.items()) if d.width}
        lines += [
            f"== {sheet.title}",
            f"freeze_panes: {sheet.freeze_panes}; auto_filter: {sheet.auto_filter.ref}; "
            f"dimensions: {sheet.dimensions}",
            f"widths: {widths}",
        ]
        for row in sheet.iter_rows():
            for cell in row:
                marks = [
                    f"format={cell.number_format}" if cell.number_format != "General" else "",
                    "bold" if cell.font.bold else "",
                    f"fill={cell.fill.fgColor.rgb}" if cell.fill.fill_type else "",
                    f"comment={cell.comment.text!r}" if cell.comment else "",
                    f"link={cell.hyperlink.location}" if cell.hyperlink else "",
                ]
                if cell.value is None and not any(marks):
                    continue
                fields = [cell.coordinate, cell.data_type, repr(cell.value), *filter(None, marks)]
                lines.append("\t".join(fields))
    return lines


def _lines(path: Path) -> list[str]:
    if path.suffix == ".xlsx":
        text = "\n".join(_workbook_lines(path))
    else:
        text = path.read_text(encoding="utf-8")
    for form in {str(REFERENCE), str(REFERENCE.resolve())}:
        text = text.replace(form, REFERENCE_MARK)
    if path.name == "manifest.json":
        text = SOURCE_PATH.sub(SOURCE_MARK, text)
    return text.splitlines()


def _files(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for pattern in COMPARED for p in folder.rglob(pattern))


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem)
def test_outputs_match_golden_files(document: Path, processed: Processed) -> None:
    need(REFERENCE)  # the golden codes come from the nomenclature
    folder = processed.folder(document, parquet=False)  # processed once, shared
    golden = GOLDEN / folder.name
    if os.environ.get("RENJA_UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(folder, golden)
        for name in _files(golden):
            if name.suffix != ".xlsx":  # the workbook is stored as written
                text = "\n".join(_lines(golden / name)) + "\n"
                (golden / name).write_text(text, encoding="utf-8")
    assert _files(folder) == _files(golden), "a table appeared or disappeared"
    for name in _files(golden):
        expected = _lines(golden / name)
        actual = _lines(folder / name)
        if expected != actual:
            diff = "\n".join(list(difflib.unified_diff(expected, actual, lineterm=""))[:40])
            pytest.fail(f"{name} differs from the golden file:\n{diff}")
