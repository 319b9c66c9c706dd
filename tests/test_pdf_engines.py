"""Two table engines: pdfplumber first, camelot's lattice mode where pdfplumber misreads a page.

The fixture is a table whose rules exist only as a picture under vector text (as a scan given a
text layer by OCR, or a table pasted as an image), with the amounts set right against their
rules: pdfplumber sees no rules, and its text strategy cannot part the last amount column from
the one after it. camelot finds the rules in the picture.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import renja
from renja.app.cli import main
from renja.extract import ReadOptions
from renja.extract.pdf_camelot import LATTICE_ENGINE, camelot_available

from .pdfgen import canvas_table

pytest.importorskip("reportlab")
pytest.importorskip("PIL.Image")
needs_camelot = pytest.mark.skipif(not camelot_available(), reason="camelot-py is not installed")

# One label over both amount columns: no gap between labels parts them either (with two labels
# side by side, renja's text reading splits the columns under them by itself).
HEADER = ("Kode", "Kegiatan", "Pagu Sebelum dan Sesudah", "", "Keterangan")
ROWS = [
    ("5.03.01.2.01", "Perencanaan, Penganggaran dan Evaluasi", "45.870.000", "51.120.500", "naik"),
    ("5.03.01.2.02", "Administrasi Keuangan", "6.000.535.963", "5.980.000.000", ""),
    ("5.03.01.2.05", "Administrasi Kepegawaian Perangkat Daerah", "522.293.750", "522.293.750", ""),
    ("5.03.01.2.06", "Administrasi Umum", "1.211.308.843", "1.311.308.843", "naik"),
    ("5.03.02.2.01", "Pengadaan ASN", "189.153.750", "200.000.000", "naik"),
    ("5.03.02.2.02", "Pengembangan Karier ASN", "28.143.400", "30.000.000", "naik"),
]
# column rules (points from the left); amounts are set right against their rules
XS = (40, 110, 330, 392, 454, 520)


def image_grid_pdf(path: Path) -> Path:
    """One page: the caption, then the table's rules as a picture and its text on top."""
    caption = "Tabel 5.3 Pergeseran Pagu Anggaran Tahun 2024"
    return canvas_table(path, caption, [HEADER, *ROWS], XS, rules="picture")


def _amounts(result: renja.Result) -> list[tuple[str, int, int]]:
    frame = result.table("pergeseran_pagu")
    rows = frame[frame["kode"].notna()]

    def ints(column: str) -> list[int | None]:
        if column not in rows:
            return [None] * len(rows)
        return [None if pd.isna(v) else int(v) for v in rows[column]]

    return list(zip(rows["kode"], ints("pagu_sebelum"), ints("pagu_sesudah"), strict=True))


EXPECTED = [(k, int(a.replace(".", "")), int(b.replace(".", ""))) for k, _, a, b, _ in ROWS]


@needs_camelot
def test_auto_reads_a_picture_grid_with_camelot(tmp_path: Path) -> None:
    result = renja.process(image_grid_pdf(tmp_path / "grid.pdf"), options=ReadOptions())
    assert _amounts(result) == EXPECTED
    (choice,) = result.document.engine_choices
    assert choice["page"] == 1 and choice["chosen"] == LATTICE_ENGINE
    scores = choice["scores"]
    assert scores[LATTICE_ENGINE]["mixed"] == 0
    assert scores[LATTICE_ENGINE]["rows"] == len(ROWS) and scores[LATTICE_ENGINE]["overfull"] == 0
    assert scores["pdfplumber-text"]["mixed"] > 0  # the measure saw the merged columns
    assert scores[LATTICE_ENGINE]["score"] > scores["pdfplumber-text"]["score"]
    assert scores[LATTICE_ENGINE]["reports"][0]["accuracy"] >= 80
    assert {t.engine for t in result.raw_tables} >= {LATTICE_ENGINE}


def test_pdfplumber_alone_merges_the_tight_columns(tmp_path: Path) -> None:
    """The case the second engine is for: with pdfplumber alone the amounts are not right."""
    options = ReadOptions(engine="pdfplumber")
    result = renja.process(image_grid_pdf(tmp_path / "grid.pdf"), options=options)
    assert result.document.engine_choices == ()
    tables = {t.form for t in result.tables}
    assert "pergeseran_pagu" not in tables or _amounts(result) != EXPECTED


@needs_camelot
def test_the_choice_is_recorded_in_the_manifest(tmp_path: Path) -> None:
    pdf = image_grid_pdf(tmp_path / "grid.pdf")
    out = tmp_path / "out"
    done = CliRunner().invoke(main, ["run", str(pdf), "--out", str(out), "--no-report", "-q"])
    assert done.exit_code == 0, done.output
    manifest = json.loads((out / "grid" / "manifest.json").read_text(encoding="utf-8"))
    (choice,) = manifest["source"]["engine_choices"]
    assert choice["chosen"] == LATTICE_ENGINE and set(choice["scores"]) == {
        LATTICE_ENGINE,
        "pdfplumber-text",
    }
    engines = {t["engine"] for t in manifest["tables"]}
    assert LATTICE_ENGINE in engines


@needs_camelot
def test_auto_leaves_well_read_pages_to_pdfplumber(tmp_path: Path) -> None:
    from .pdfgen import Layout, TableSpec, render

    rows = [HEADER, *ROWS]
    pdf = render(tmp_path / "ruled.pdf", [TableSpec("Tabel 5.3 Pergeseran Pagu", rows)], Layout())
    result = renja.process(pdf, options=ReadOptions())
    assert result.document.engine_choices == ()  # nothing looked wrong: camelot never ran
    assert _amounts(result) == EXPECTED
    both = renja.process(pdf, options=ReadOptions(engine="camelot"))
    assert [c["chosen"] for c in both.document.engine_choices] == ["pdfplumber-lines"]
    assert _amounts(both) == EXPECTED


def test_engine_camelot_without_camelot_is_one_line(tmp_path: Path, monkeypatch) -> None:
    import renja.extract.pdf as pdf_module

    monkeypatch.setattr(pdf_module, "camelot_available", lambda: False)
    pdf = image_grid_pdf(tmp_path / "grid.pdf")
    done = CliRunner().invoke(main, ["run", str(pdf), "--out", str(tmp_path / "o"),
                                     "--engine", "camelot"])  # fmt: skip
    assert done.exit_code == 1
    assert "--engine camelot memerlukan camelot-py" in done.output
    assert "Traceback" not in done.output
    assert not (tmp_path / "o" / "grid").exists()
