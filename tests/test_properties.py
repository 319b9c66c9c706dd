"""Property tests (issue 14): the parsers and the writers fed arbitrary Unicode, control
characters, huge numbers and huge cells. No input raises, no value leaves its range, and what
the writers write is read back as it was."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from renja.app.pipeline import process
from renja.extract.markdown import markdown_to_tables, split_pipe_row
from renja.model.contract import CellType, Column
from renja.model.errors import InputError
from renja.model.records import RawRow, RawTable, Source
from renja.normalize.kode import parse_kode, split_kode_uraian
from renja.normalize.percent import parse_decimal, parse_percent
from renja.normalize.rekening import parse_rekening
from renja.normalize.rupiah import MAX_EXACT, parse_rupiah
from renja.normalize.target import split_target
from renja.normalize.values import ReadContext, parse_number, read_cell
from renja.present.outputs import FIELD_LIMIT, read_doc_folder, spreadsheet_exact, spreadsheet_safe
from renja.present.workbook import Sheet, cell_text, sheet_text
from renja.present.writer import frame_csv, raw_csv, write_outputs

# Any text, control characters, separators and surrogate-free astral characters included.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
CONTROL = st.sampled_from(["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\r", "\x7f", "\x85", "\u2028"])
NUMBER_LIKE = st.text(st.sampled_from("0123456789.,- ()Rp%"), max_size=40)


@st.composite
def huge_amounts(draw: st.DrawFn) -> str:
    """An amount of 10**18 or more printed the Indonesian way, perhaps with cents."""
    value = draw(st.integers(MAX_EXACT, 10**40))
    text = f"{value:,}".replace(",", ".")
    return text + (f",{draw(st.integers(0, 99)):02d}" if draw(st.booleans()) else "")


def cells() -> st.SearchStrategy[str]:
    return st.one_of(ANY_TEXT, NUMBER_LIKE, huge_amounts(), st.lists(CONTROL).map("".join))


CONTEXT = ReadContext(frozenset(), {"01": "5.03"}, kegiatan_prefix="2")
COLUMNS = [Column(f"c_{t.value}", t) for t in CellType] + [
    Column("uraian", CellType.TEXT, stray_amounts=True),
    Column("pagu_ribuan", CellType.RUPIAH, scale=1000),
]


def one_line(problem: str | None) -> bool:
    return problem is None or not any(c in problem for c in "\n\r")


# --- parsers -----------------------------------------------------------------------------------


@given(cells())
def test_the_number_parsers_never_raise_and_keep_to_their_range(text: str) -> None:
    for parse in (parse_rupiah, parse_number, parse_decimal, parse_percent):
        parsed = parse(text)
        assert parsed.value is None or parsed.problem is None
        assert one_line(parsed.problem)
    amount = parse_rupiah(text).value
    assert amount is None or abs(amount) < MAX_EXACT


@given(cells())
def test_the_code_and_target_parsers_never_raise(text: str) -> None:
    for parsed in (parse_kode(text), parse_kode(text, bidang="5.03", kegiatan_prefix="2"),
                   parse_rekening(text), split_target(text)):  # fmt: skip
        assert parsed.value is None or parsed.problem is None
        assert one_line(parsed.problem)
    code, rest = split_kode_uraian(text)
    assert isinstance(rest, str) and (code is None or isinstance(code, str))


@given(cells())
def test_every_column_type_reads_any_cell_within_range(text: str) -> None:
    for column in COLUMNS:
        reading = read_cell(text, column, CONTEXT)
        assert one_line(reading.problem)
        for value in reading.values.values():
            if isinstance(value, int | Decimal) and not isinstance(value, bool):
                assert abs(value) < MAX_EXACT  # fits every column that holds it


@given(huge_amounts())
def test_a_huge_amount_is_unreadable_not_a_crash(text: str) -> None:
    for column in (Column("pagu", CellType.RUPIAH), Column("jumlah", CellType.NUMBER)):
        reading = read_cell(text, column, CONTEXT)
        assert reading.values[column.name] is None and reading.problem


@given(st.lists(st.lists(st.one_of(cells(), st.just("|")), min_size=1, max_size=6), max_size=12),
       st.sampled_from(["\t", " | ", "|"]))  # fmt: skip
def test_the_markdown_reader_reads_any_lines(rows: list[list[str]], separator: str) -> None:
    lines = [separator.join(row) for row in rows]
    text = "Tabel 1.1 Uji\n\n" + "\n".join(line.replace("\n", " ") for line in lines)
    tables, texts = markdown_to_tables(text)
    for table in tables:
        assert all(isinstance(c, str) for row in table.rows for c in row.cells)
    assert all(isinstance(t.text, str) for t in texts)
    for line in lines:
        assert all(isinstance(c, str) for c in split_pipe_row(line))


# --- writers -----------------------------------------------------------------------------------


def read_back(text: str) -> list[list[str]]:
    csv.field_size_limit(FIELD_LIMIT)
    return list(csv.reader(io.StringIO(text, newline="")))


@given(st.lists(st.lists(cells(), min_size=2, max_size=2), min_size=1, max_size=5))
def test_raw_cells_are_read_back_as_written(rows: list[list[str]]) -> None:
    table = RawTable("t01", "", [RawRow(r, Source(i)) for i, r in enumerate(rows, 1)], "test")
    back = read_back(raw_csv(table))
    first = back[0].index("kolom_1")
    assert [r[first:] for r in back[1:]] == rows


# Cells past the csv module's default limit of 131,072 characters: a drawn piece, repeated.
HUGE = st.builds(lambda piece, n: (piece * (131_073 // len(piece) + 1 + n)),
                 st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20)
                 | st.text(alphabet="ab\x0c\x07\r\n,\"'=", min_size=1, max_size=20),
                 st.integers(0, 5_000))  # fmt: skip


@settings(max_examples=20, deadline=None)
@given(HUGE)
def test_a_huge_cell_is_read_back_as_written(text: str) -> None:
    frame = pd.DataFrame({"uraian": [text], "pagu": [5]})
    assert read_back(frame_csv(frame))[1] == [text, "5"]
    assert read_back(frame_csv(frame, safe=True))[1] == [spreadsheet_safe(text), "5"]


@given(cells())
def test_spreadsheet_safe_text_is_read_back_exact(text: str) -> None:
    safe = spreadsheet_safe(text)
    assert spreadsheet_exact(safe) == text
    assert safe == text or safe == "'" + text
    if safe == text and text[:1] in ("=", "+", "@"):
        assert text[1:2].isdigit() or text[1:2] in ".,"  # a signed number, never a formula


@settings(deadline=None)  # a workbook written and read back: slow on a busy machine
@given(cells())
def test_the_workbook_holds_any_text(text: str) -> None:
    cleaned = sheet_text(text)
    assert ILLEGAL_CHARACTERS_RE.search(cleaned) is None and len(cleaned) == len(text)
    written = io.BytesIO()
    book = xlsxwriter.Workbook(written, {"constant_memory": True})
    Sheet(book, "Temuan", {}).put(0, 0, cleaned)
    book.close()
    value = openpyxl.load_workbook(written)["Temuan"]["A1"].value
    if isinstance(value, str):  # Excel writes a carriage return as _x000D_ (and _x as _x005F_x)
        value = re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), value)
    assert value == (cell_text(cleaned) or None)  # Excel's limit: a longer text is cut


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[list[str]]]:
    """A Markdown document of one pipe table: a header, then rows of any cells."""
    width = draw(st.integers(2, 4))
    controlled = st.tuples(ANY_TEXT, CONTROL, ANY_TEXT).map("".join)
    cell = st.one_of(cells(), controlled).map(
        lambda c: " ".join(c.replace("|", "/").replace("\x00", "").split()) or "-"
    )
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=4))
    header = ["Kode", "Uraian", "Pagu", "Target"][:width]
    lines = [header, ["---"] * width, *rows]
    table = "\n".join("| " + " | ".join(r) + " |" for r in lines)
    return f"# Renja 2025\n\n{PROSE}\n\n{table}\n", rows


# Text around the table, as every document has: control characters in cells stay a small share
# of the file (more would make it binary data, refused in one line: also tested).
PROSE = "Rencana kerja perangkat daerah disusun setiap tahun. " * 40


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(documents())
def test_any_document_is_written_whole_and_read_back(tmp_path: Path, case) -> None:
    text, _ = case
    source = tmp_path / "doc.md"
    source.write_text(text, encoding="utf-8")
    try:
        result = process(source, code=False)
    except InputError as exc:  # binary-looking text: refused, in one line
        assert one_line(str(exc)) and "binary" in str(exc)
        return
    written = write_outputs(result, tmp_path / "out", debug=True)  # a failure raises here
    assert written.warnings == ()
    folder = read_doc_folder(written.folder)
    for raw in result.raw_tables:  # every cell as the reader read it, back from the raw CSV
        back = zip(folder.raw_rows(raw.table_id), raw.rows, strict=True)
        read = [[r[f"kolom_{i + 1}"] for i in range(len(row.cells))] for r, row in back]
        assert read == [list(row.cells) for row in raw.rows]
    for table in result.tables:  # and every clean text cell, back from the clean CSV
        frame = folder.frame(table.table_id)
        for name in ("uraian", "kode"):
            if name in table.frame.columns:
                assert list(frame[name]) == list(table.frame[name].astype(object))
    assert (written.folder / "report.html").is_file()
    assert (written.folder / "doc.xlsx").is_file()
