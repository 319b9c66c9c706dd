"""Tables of forms renja was never taught come out clean and audited (issue 9).

Eight documents are generated with reportlab in layouts invented for the purpose
(``tests/layouts.py``): no codes and roman numbering, amounts in juta, before and after on two
lines, amounts on the line under the name, an unruled Crystal-Reports lampiran, a multi-year
RPJMD, an RKPD with header words no form uses and US-style amounts, a Renstra with codes over
five columns, a T-C.31 with pagu indikatif beside kebutuhan dana; and three of them again
printed without any rule. Each comes with its facts:
every row's amounts in Rupiah, level and code, and the arithmetic errors planted in it.

The measures (``tests/score_layouts.py``): rows found whole in one clean row, their level and
code, planted errors that a finding names with its value, and error findings that no planted
error explains (false alarms). ``EXPECTED`` pins today's results; a change that makes one
worse fails, and one that makes it better must raise the bar here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import renja
from renja.model.contract import TableStatus
from renja.model.records import RowRole
from renja.model.tables import AuditStatus
from renja.present.writer import write_result

from .layouts import DOCUMENTS
from .pdfgen import Layout
from .score_layouts import Score, measure

pytest.importorskip("reportlab")

# (rows, levels, codes, errors, alarms) as found today; the totals come from the facts.
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "renja_roman_juta": (47, 46, 0, 2, 0),
    "renja_perubahan_two_lines": (24, 23, 23, 2, 0),
    "renja_amount_below": (27, 26, 0, 1, 0),
    "apbd_lampiran_crystal": (59, 53, 53, 2, 0),
    "rpjmd_multiyear": (23, 20, 20, 2, 0),
    # US amounts (3,264,180,000.00) are read as amounts wherever they are; page 2 finds other
    # columns from its words, and its rows are placed on page 1's (extract/pdf_parts.py).
    "rkpd_unknown_headers": (29, 28, 28, 1, 0),
    "renstra_pendanaan": (26, 25, 25, 2, 0),
    "tc31_pagu_vs_kebutuhan": (18, 17, 16, 2, 0),
    # SIPD's RKA unruled: a line priced wrong is found by koefisien x harga, and explains its
    # paket's sum; a rincian objek's wrong amount is the root of two sums.
    "rka_rincian_sipd": (17, 16, 7, 2, 0),
    # Printed without rules. The two-line records: read by the header, not in the form's order
    # (normalize/columns.py: _contradicted). The Renstra: its code's five columns joined
    # (extract/code_pieces.py), page 2's rows on page 1's columns. The Renstra and the RPJMD:
    # their headers' levels found from where the labels stand (extract/header_levels.py), so
    # a Total and a Kondisi Akhir are checked against all five years, as with rules.
    "renja_perubahan_two_lines_none": (24, 23, 23, 2, 0),
    "renstra_pendanaan_none": (26, 25, 25, 2, 0),
    "rpjmd_multiyear_none": (23, 20, 20, 2, 0),
}


@pytest.mark.parametrize("name", ["rpjmd_multiyear", "renstra_pendanaan"])
def test_a_header_of_levels_reads_the_same_without_rules(generated: dict, name: str) -> None:
    """Without rules, each label heads the columns it is centred over: the header's labels per
    column (``Target Kinerja dan Kerangka Pendanaan / 2026 / Rp``) are those the ruled print
    gives, and so are the clean table's columns."""
    from renja.normalize.header import header_paths

    def header_and_columns(result: renja.Result) -> tuple[list, list]:
        (raw,) = result.raw_tables
        header = [row for row in raw.rows if row.role is RowRole.HEADER]
        (table,) = result.tables
        return list(header_paths(header, raw.width)), [c.name for c in table.contract.columns]

    ruled, unruled = generated[name][2], generated[f"{name}_none"][2]
    assert header_and_columns(unruled) == header_and_columns(ruled)


def test_indicators_on_lines_of_their_own_read_the_same_without_rules(generated: dict) -> None:
    """A program with two indicators, each on its own line beside the program's wrapped name:
    without rules, the lines are cut into one row per indicator, the name whole on the first
    (extract/indicator_lines.py), so every indicator, unit and target is the ruled print's and
    no value cell holds two numbers (``72,18 21,40``, unread)."""

    def indicators(result: renja.Result) -> pd.DataFrame:
        (table,) = result.tables
        columns = [c for c in table.frame.columns
                   if c.startswith(("jenis_baris", "uraian", "indikator", "satuan", "target",
                                    "kondisi"))]  # fmt: skip
        return table.frame[columns].reset_index(drop=True)

    ruled, unruled = generated["rpjmd_multiyear"][2], generated["rpjmd_multiyear_none"][2]
    assert (indicators(ruled)["jenis_baris"] == "indikator").sum() >= 2
    pd.testing.assert_frame_equal(indicators(unruled), indicators(ruled))
    assert not [f for f in unruled.findings if f.check == "angka_tidak_terbaca"]


@pytest.fixture(scope="session")
def generated(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[dict, Path, renja.Result]]:
    """Every layout generated, processed and written once per test run."""
    folder = tmp_path_factory.mktemp("layouts")
    out = folder / "out"
    done = {}
    for name, make in DOCUMENTS.items():
        document = make(folder)
        facts = json.loads(document.write_facts(folder).read_text(encoding="utf-8"))
        result = renja.process(document.pdf)
        written = write_result(result, out, parquet=False, reports=False)
        done[name] = (facts, written, result)
    return done


def _score(generated: dict, name: str) -> Score:
    facts, folder, _ = generated[name]
    return measure(facts, folder)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rows_levels_codes_and_errors(generated: dict, name: str) -> None:
    score = _score(generated, name)
    rows, levels, codes, errors, alarms = EXPECTED[name]
    assert score.rows >= rows, score.missing
    assert score.levels >= levels and score.codes >= codes, score.line()
    assert score.errors >= errors, score.missing
    assert score.alarms <= alarms, score.line()


# Known limits, each a strict xfail: the test fails the day the table is read whole.
NOT_YET_AUDITED: dict[str, str] = {}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=NOT_YET_AUDITED[n]))
        if n in NOT_YET_AUDITED
        else n
        for n in sorted(EXPECTED)
    ],
)
def test_every_table_with_money_is_clean_and_audited(generated: dict, name: str) -> None:
    _, _, result = generated[name]
    assert result.tables, "no clean table"
    for table in result.tables:
        assert table.status in (TableStatus.FORM, TableStatus.INFERRED)
        assert not [c for c in table.frame.columns if c.startswith("kolom_")]
        audit = result.audits[table.table_id]
        if table.contract.amount_columns():
            assert audit.status is AuditStatus.CHECKED, (table.table_id, audit)
            assert audit.relations > 0


def test_amounts_in_juta_are_rupiah_by_a_logged_rule(generated: dict) -> None:
    _, _, result = generated["renja_roman_juta"]
    (table,) = result.tables
    pagu = next(c for c in table.contract.columns if c.ctype.value == "rupiah")
    assert pagu.scale == 1_000_000 and pagu.unit == "juta Rp"
    assert {r.rule for r in result.repairs} >= {"scale_amount"}
    assert table.frame[pagu.name].dropna().astype(int).ge(1_000_000).all()


def test_roman_numbering_gives_levels_and_parents(generated: dict) -> None:
    _, _, result = generated["renja_roman_juta"]
    frame = result.tables[0].frame
    data = frame[frame["jenis_baris"] == "data"]
    assert data["level"].notna().all() and set(data["level"]) >= {"program", "kegiatan"}
    programs = set(data.loc[data["level"] == "program", "baris"])
    kegiatan = data[data["level"] == "kegiatan"]
    assert kegiatan["induk"].isin(programs).all()


def test_before_and_after_on_two_lines_are_one_row(generated: dict) -> None:
    _, _, result = generated["renja_perubahan_two_lines"]
    (table,) = result.tables
    names = [c.name for c in table.contract.columns]
    assert any(n.endswith("sebelum") for n in names) and any(n.endswith("sesudah") for n in names)
    assert any(check.formula.count("−") == 1 for check in table.contract.row_checks)
    assert table.frame["baris_gabungan"].notna().sum() >= 20  # each row took its second line
    # a name or an indicator wrapped onto the Sesudah line is one text, not a Sesudah column
    assert not [n for n in names if n.startswith(("uraian", "indikator", "teks")) and n.endswith(
        "sesudah")]  # fmt: skip
    row = table.frame.set_index("kode").loc["1.02.01.1.01.0007"]
    assert row["indikator"] == "Jumlah Laporan Evaluasi Kinerja Perangkat Daerah"


def test_a_code_wrapped_onto_the_sesudah_line_is_whole(tmp_path: Path) -> None:
    """The two-line Renja Perubahan in Courier, 15% larger, with row rules: a sub kegiatan's
    code wraps in its narrow column, its last digits on the Sesudah line (``1.02.01.1.01.0`` over
    ``001``). A column of text on both lines is the record's one text (normalize/pairs.py);
    before, the second line's part was dropped and four codes were cut short (19/23), a planted
    error went unreported under the cut code."""

    def change(layout: Layout) -> Layout:
        return replace(layout, rules="horizontal", size=layout.size * 1.15, font="Courier",
                       bold_font="Courier-Bold")  # fmt: skip

    result, score = printed(tmp_path, "renja_perubahan_two_lines", change)
    assert_whole(score)
    assert (score.codes, score.coded) == (23, 23), score.line()
    frame = result.tables[0].frame
    assert "1.02.02.1.01.0010" in set(frame["kode"])


def test_a_sub_kegiatan_segment_read_with_its_name_goes_back_to_the_code(tmp_path: Path) -> None:
    """The Renstra, whose code is printed in five columns (``1 | 05 | 03 | 2.04 | 0004``), in
    Courier on a portrait page with row rules: on page 2 the narrow sub kegiatan column is set
    against the name and read as one with it (``0004 Pengelolaan …``), so two sub kegiatan were
    kegiatan, with six false sum errors. The segment goes back to the code
    (normalize/labels.py, move_code_piece), logged with both cells as printed."""

    def change(layout: Layout) -> Layout:
        return replace(layout, rules="horizontal", landscape=False, font="Courier",
                       bold_font="Courier-Bold")  # fmt: skip

    result, score = printed(tmp_path, "renstra_pendanaan", change)
    assert_whole(score)
    assert (score.codes, score.levels) == (score.coded, score.leveled), score.line()
    moved = [r for r in result.repairs if r.rule == "move_code_piece"]
    assert {(r.column, r.raw) for r in moved} >= {
        ("kode", "1 05 03 2.04"),
        ("uraian", "0004 Pengelolaan dan Pemanfaatan Sistem Informasi Kebencanaan"),
    }


def test_pagu_indikatif_beside_kebutuhan_dana_is_not_murni_and_perubahan(generated: dict) -> None:
    _, _, result = generated["tc31_pagu_vs_kebutuhan"]
    names = [c.name for c in result.tables[0].contract.columns]
    assert "pagu_indikatif" in names and "kebutuhan_dana" in names
    assert not [n for n in names if "murni" in n or "perubahan" in n]


def test_a_multi_year_plan_is_inferred_with_its_years(generated: dict) -> None:
    _, _, result = generated["rpjmd_multiyear"]
    (table,) = result.tables
    assert table.status is TableStatus.INFERRED
    years = {c.period for c in table.contract.columns if c.ctype.value == "rupiah"}
    assert {"2026", "2027", "2028", "2029", "2030", "akhir"} <= years
    assert any(len(check.plus) == 5 for check in table.contract.row_checks)


def test_the_crystal_lampiran_is_one_table_over_its_pages(generated: dict) -> None:
    _, _, result = generated["apbd_lampiran_crystal"]
    (table,) = result.tables
    assert {r.source.page for r in table.raw.rows} == {1, 2}
    assert table.frame["kode_rekening"].notna().sum() >= 50
    assert any(c.ctype.value == "percent" for c in table.contract.columns)
    assert table.contract.ratio_checks


BOTTOM = {"header_valign": "BOTTOM"}
TOP_LEFT = {"header_valign": "TOP", "header_align": "left"}


def printed(
    tmp_path: Path, name: str, change: Callable[[Layout], Layout]
) -> tuple[renja.Result, Score]:
    """The layout ``name`` printed with ``change``, processed, and scored against its facts."""
    from .layoutkit import printed_as

    with printed_as(change):
        document = DOCUMENTS[name](tmp_path)
    facts = json.loads(document.write_facts(tmp_path).read_text(encoding="utf-8"))
    result = renja.process(document.pdf)
    written = write_result(result, tmp_path / "out", parquet=False, reports=False)
    return result, measure(facts, written)


def assert_whole(score: Score) -> None:
    """Every row whole, every planted error found, no false alarm."""
    assert (score.rows, score.errors, score.alarms) == (score.money, score.planted, 0), score.line()


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("tc31_pagu_vs_kebutuhan", BOTTOM),
        ("renja_perubahan_two_lines", BOTTOM),
        ("rpjmd_multiyear", BOTTOM),
        ("renstra_pendanaan", TOP_LEFT),
        ("rpjmd_multiyear", TOP_LEFT),
        ("rpjmd_multiyear", {**TOP_LEFT, "rules": "horizontal"}),
    ],
    ids=[
        "tc31-bottom",
        "perubahan-bottom",
        "rpjmd-bottom",
        "renstra-top-left",
        "rpjmd-top-left",
        "rpjmd-top-left-row-rules",
    ],
)
def test_a_header_set_otherwise_in_its_cells_without_rules(
    tmp_path: Path, name: str, header: dict[str, str]
) -> None:
    """Without rules, with the header's labels set at the bottom of their cells: single labels
    beside two groups (``No``, ``Catatan Penting``) do not widen the groups, which do not share
    a column; a label over groups (``Target Kinerja dan Kerangka Pendanaan`` over the years)
    heads exactly those groups, and no span cuts a group under it (extract/header_levels.py);
    and a wrapped label's lines stay one label while the body's lines overlap
    (extract/pdf_unruled.py, row_bands). Set top left, over amounts set right: a column is cut
    at the body's white between two labels, and a label's sliver of a column joins the
    amounts'; a label, or an amount longer than most, that starts in a gutter widens the
    column it reaches into, and a group's label over several columns does not join them
    (extract/pdf_unruled.py). Every row whole, every planted error found, no false alarm."""
    _, score = printed(
        tmp_path, name, lambda layout: replace(layout, **{"rules": "none", **header})
    )
    assert_whole(score)


@pytest.mark.parametrize(
    "print_",
    [{"size": 1.15}, {"size": 0.85, "font": "Times-Roman", "bold_font": "Times-Bold"}],
    ids=["larger", "times-smaller"],
)
def test_a_name_wrapped_past_its_records_two_lines_is_paired(
    tmp_path: Path, print_: dict[str, Any]
) -> None:
    """The two-line Renja Perubahan printed without rules, larger (or in Times, smaller): a name
    wraps over more lines than its record's Sebelum and Sesudah lines, so a line of wrapped
    text stands between them. The two lines are still one record (normalize/pairs.py,
    after_line), so no row is lost or split and no false alarm is raised."""

    def change(layout: Layout) -> Layout:
        return replace(layout, rules="none", **{**print_, "size": layout.size * print_["size"]})

    assert_whole(printed(tmp_path, "renja_perubahan_two_lines", change)[1])


def test_a_label_over_amounts_makes_no_column_of_its_own(tmp_path: Path) -> None:
    """The RPJMD printed 15% smaller without rules: a year's label (``2029``), centred over its
    Target and Rp, stands where the longest amounts start. Counted with the body's lines it
    made a column of its own, a sliver cutting the amounts in two; under a header of labels
    the columns come from the body's lines alone (extract/pdf_unruled.py, columns_of), so the
    Kondisi Akhir is checked against all five years and both planted errors are found."""
    result, score = printed(
        tmp_path,
        "rpjmd_multiyear",
        lambda layout: replace(layout, rules="none", size=layout.size * 0.85),
    )
    (table,) = result.tables
    assert not [c for c in table.frame.columns if c.startswith(("rp_2", "nilai_rp"))]
    assert_whole(score)


def test_a_label_in_the_gutter_heads_the_unlabelled_column_beside_it(tmp_path: Path) -> None:
    """The RPJMD with row rules, 15% smaller, its header set top left: each ``Rp`` stands at
    the left of its cell, more than a character before the amounts set at the right, a column
    of the header alone. The amounts' column has no label of its own, so the ``Rp`` beside it
    is its label (extract/pdf_unruled.py, _header_slivers_joined): one Rp column per year,
    and both planted errors found."""

    def change(layout: Layout) -> Layout:
        return replace(layout, rules="horizontal", size=layout.size * 0.85, **TOP_LEFT)

    result, score = printed(tmp_path, "rpjmd_multiyear", change)
    (table,) = result.tables
    assert not [c for c in table.frame.columns if c.startswith("nilai_rp") or c == "anggaran"]
    assert_whole(score)


@pytest.mark.parametrize(
    ("name", "size"),
    [("rpjmd_multiyear", 1.0), ("rpjmd_multiyear", 1.15), ("renja_roman_juta", 1.15)],
)
def test_a_monospaced_print_reads_its_labels_whole(tmp_path: Path, name: str, size: float) -> None:
    """Printed in Courier without rules: a space is as wide as a letter, so each word of a
    header label stood apart as a run and was read as a label of its own, and a page's footer
    (``Renja Dinas … 2025 | III-8``) as a row of several cells. On a monospaced header line,
    words one space apart are one label (extract/pdf_text.py, words_joined), and a footer of
    one such run stays out of the table; the body's runs are left as they are."""

    def change(layout: Layout) -> Layout:
        return replace(layout, rules="none", font="Courier", bold_font="Courier-Bold",
                       size=layout.size * size)  # fmt: skip

    assert_whole(printed(tmp_path, name, change)[1])


def test_a_last_row_alone_under_its_header_on_a_page_is_read(tmp_path: Path) -> None:
    """The Renstra in Times, portrait, without rules: its JUMLAH row falls alone on page 2
    under the header set again. Two lines of several runs, a row of labels and a row of
    values, are a table there (extract/pdf_unruled.py, _header_and_a_row), so the total is
    read and continues the table of page 1."""

    def change(layout: Layout) -> Layout:
        return replace(layout, rules="none", font="Times-Roman", bold_font="Times-Bold",
                       header_valign="BOTTOM", landscape=False)  # fmt: skip

    result, score = printed(tmp_path, "renstra_pendanaan", change)
    (table,) = result.tables
    assert {r.source.page for r in table.raw.rows} == {1, 2}
    assert_whole(score)


def test_year_labels_set_left_each_head_their_amounts(tmp_path: Path) -> None:
    """The Renstra 15% smaller, portrait, without rules, its header set top left: each year
    stands at the left of its cell, apart from the amounts set at the right. ``Pendanaan
    Indikatif (Rp)`` heads a group (labels stand under it), so it widens only the first year's
    column instead of joining the years; each year's label joins the unlabelled amounts beside
    it once the year before has its own label (extract/pdf_unruled.py)."""

    def change(layout: Layout) -> Layout:
        return replace(layout, rules="none", size=layout.size * 0.85, landscape=False, **TOP_LEFT)

    result, score = printed(tmp_path, "renstra_pendanaan", change)
    (table,) = result.tables
    years = [c for c in table.contract.columns if c.period in {str(y) for y in range(2025, 2030)}]
    assert len(years) == 5
    assert_whole(score)


def test_a_label_just_past_a_column_opens_its_own(tmp_path: Path) -> None:
    """The Renstra in Times, 85%, row rules, header top left: ``2026`` starts 0.1 pt past the
    end of the column ``Pendanaan Indikatif (Rp)`` made over 2025. A run starting in a gutter
    opens a column there unless it starts inside one: the half point of slack that a column's
    start allows is not allowed past its end, so 2026 heads its own amounts."""

    def change(layout: Layout) -> Layout:
        return replace(layout, rules="horizontal", font="Times-Roman", bold_font="Times-Bold",
                       size=layout.size * 0.85, **TOP_LEFT)  # fmt: skip

    result, score = printed(tmp_path, "renstra_pendanaan", change)
    (table,) = result.tables
    years = [c for c in table.contract.columns if c.period in {str(y) for y in range(2025, 2030)}]
    assert len(years) == 5
    assert_whole(score)


@pytest.mark.parametrize("rules", ["none", "horizontal"])
def test_cells_printed_closer_than_a_space_are_cut_at_their_border(
    tmp_path: Path, rules: str
) -> None:
    """The RPJMD without vertical rules, its cells' text 0.9 pt from their borders: an amount
    set at the right of its cell and the next cell's target at its left stand closer than the
    gap that parts two columns, so they printed as one run (``1.025.000.000 83 %``) and a
    whole year's Target and Rp were one column (8 of 23 rows read). Under two labels side by
    side (``Target`` ``Rp``), or on two lines with no label over both, the column is cut where
    the white between characters runs down every line, and a run across the cut is cut there
    (extract/pdf_unruled.py, split_by_header, cut_at_borders)."""

    def change(layout: Layout) -> Layout:
        return replace(layout, rules=rules, padding=0.9)

    _, score = printed(tmp_path, "rpjmd_multiyear", change)
    assert_whole(score)
