"""The comparison charts read well at both widths: every label whole and off the bars, every
program there (none dropped from a legend), one level of codes per chart, documents by name."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from renja.present.charts import (
    NARROW,
    WIDE,
    WIDTHS,
    Bar,
    Chart,
    Group,
    draw,
    figure_for,
    overlaps,
)
from renja.present.compare_charts import CHART_ROWS, LEVELS, comparison_charts, document_labels
from renja.present.compare_page import page
from renja.present.numbers import compact

LONG = (
    "Penyelenggaraan Pengembangan Kompetensi Teknis Umum, Inti, dan Pilihan bagi Jabatan "
    "Administrasi Penyelenggara Urusan Pemerintahan Konkuren, Urusan Pemerintahan Wajib "
    "yang Tidak Terkait Pelayanan Dasar"
)
DOCUMENTS = pd.DataFrame(
    {
        "doc_id": ["renja-a", "renja-b", "renja-c"],
        "pemda": ["Kota Banjarbaru", "Kota Banjarbaru", "Provinsi Kalimantan Timur"],
        "skpd": ["Dinas Kesehatan Kota Banjarbaru", "Dinas Kesehatan Kota Banjarbaru", None],
        "tahun": [2025, 2025, 2026],
        "jenis": ["Renja", "Renja", "RKPD"],
    }
)

NO_CHANGES = pd.DataFrame(columns=["level"])


def _codes(count: int) -> list[str]:
    return [f"1.02.{n:02d}" for n in range(1, count + 1)]


def _shares(programs: int) -> pd.DataFrame:
    """A document with ``programs`` programs, the first the largest."""
    pagu = [1_000_000_000 * (programs - n) for n in range(programs)]
    total = sum(pagu)
    return pd.DataFrame(
        {
            "doc_id": "renja-a",
            "program": _codes(programs),
            "nama_program": [f"PROGRAM {LONG.upper()}" if n == 0 else f"Program ke-{n}"
                             for n in range(programs)],
            "pagu": pagu,
            "total_skpd": total,
            "persen": [round(p * 100 / total, 2) for p in pagu],
        }
    )  # fmt: skip


def _changes() -> pd.DataFrame:
    """Rows of every level, rises and falls, in two documents."""
    records = []
    for doc, sign in (("renja-a", 1), ("renja-c", -1)):
        for level, kode in (("program", "1.02.02"), ("kegiatan", "1.02.02.2.01"),
                            ("sub_kegiatan", "1.02.02.2.01.0001"), ("urusan", "1")):  # fmt: skip
            records.append({"doc_id": doc, "level": level, "kode": kode, "uraian": LONG,
                            "selisih": sign * 2_500_000_000, "persen": sign * 12.5})  # fmt: skip
    return pd.DataFrame(records)


def _tables(shares: pd.DataFrame, change: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {"porsi_program": shares, "pagu_sub_kegiatan": pd.DataFrame(),
            "perubahan": change, "antar_tahun": pd.DataFrame()}  # fmt: skip


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: w.name)
def test_labels_are_whole_and_never_over_a_bar(width) -> None:
    bars = [Bar(f"{code} {LONG} — {compact(v)}", v) for code, v in
            zip(_codes(12), [9e9, -3.2e9, 5e8, -1e6, 0, 7.5e9] * 2, strict=True)]  # fmt: skip
    chart = Chart("uji", f"Judul yang panjang: {LONG}", f"Selisih; {LONG}",
                  (Group(f"Kota Banjarbaru · {LONG}", tuple(bars)),), compact)  # fmt: skip
    figure = figure_for(chart, width)
    assert overlaps(figure) == []
    assert len(figure.axes[0].patches) == len(bars)  # a bar for every row
    shown = " ".join(t.get_text() for t in figure.axes[0].texts).split()
    # every label and the heading, wrapped but whole: its first word and its last
    assert shown.count("Penyelenggaraan") == shown.count("Dasar") == len(bars) + 1


def test_the_png_holds_exactly_what_agg_drew(tmp_path) -> None:
    """Saved without the alpha channel (a chart is opaque) and without loss: every pixel of
    each PNG is the pixel Agg drew, at the drawing's resolution."""
    import numpy as np
    from PIL import Image

    chart = Chart("uji", "Judul", "Selisih", (Group("Kota Banjarbaru", (Bar("a", 5.0),
                  Bar("b", -2.0, "#b2182b"))),), compact)  # fmt: skip
    names = draw(chart, tmp_path)
    assert names == ["uji.png", "uji-sempit.png"]
    for name, width in zip(names, WIDTHS, strict=True):
        figure = figure_for(chart, width)
        figure.canvas.draw()
        drawn = np.asarray(figure.canvas.buffer_rgba())
        assert (drawn[..., 3] == 255).all()  # opaque: nothing is lost with the alpha channel
        with Image.open(tmp_path / name) as saved:
            assert saved.mode == "RGB" and round(saved.info["dpi"][0]) == width.dpi
            assert np.array_equal(np.asarray(saved), drawn[..., :3])


def test_the_narrow_chart_has_text_about_as_large_on_screen() -> None:
    """Each drawing is shown at its width in CSS pixels (narrow: at about half its pixels):
    the size of a letter on screen is about the same."""
    wide = WIDE.font * WIDE.dpi / 72  # the wide PNG is shown 1:1
    narrow = NARROW.font * NARROW.dpi / 72 * 360 / (NARROW.inches * NARROW.dpi)
    assert 11 <= narrow <= 15 and 11 <= wide <= 16


def test_every_program_is_in_the_shares_chart() -> None:
    labels = document_labels(DOCUMENTS)
    (chart,) = comparison_charts(_tables(_shares(14), NO_CHANGES), labels, None)
    assert len(chart.bars) == 14  # not 10 of 14
    assert all(bar.label.startswith(f"{code} ") for bar, code in zip(chart.bars, _codes(14),
                                                                          strict=True))  # fmt: skip
    assert "PROGRAM PENYELENGGARAAN" in chart.bars[0].label  # the name beside its code
    assert chart.groups[0].heading == "Kota Banjarbaru · Dinas Kesehatan · Renja 2025 (renja-a)"
    assert chart.limits == (0.0, 100.0)


def test_a_huge_name_is_cut_in_the_chart_and_keeps_its_value() -> None:
    shares = _shares(2)
    shares.loc[0, "nama_program"] = "Perencanaan " + "sumber daya manusia " * 10_000  # 200 KB
    (chart,) = comparison_charts(_tables(shares, NO_CHANGES), document_labels(DOCUMENTS), None)
    label = chart.bars[0].label
    assert len(label) < 400 and label.startswith("1.02.01 Perencanaan sumber daya")
    assert " …" in label
    assert label.endswith("— 66,7%\xa0(Rp\xa02\xa0M)")  # its share and pagu still there
    figure = figure_for(chart, NARROW)
    assert figure.get_size_inches()[1] < 20  # a few lines, not 10,000
    assert overlaps(figure) == []


def test_past_the_chart_rows_the_rest_of_the_programs_is_one_bar() -> None:
    shares = _shares(CHART_ROWS + 5)
    (chart,) = comparison_charts(_tables(shares, NO_CHANGES), document_labels(DOCUMENTS), None)
    assert len(chart.bars) == CHART_ROWS + 1
    rest = chart.bars[-1]
    assert rest.label.startswith("5 program lainnya")
    assert rest.value == pytest.approx(shares["persen"].iloc[CHART_ROWS:].sum())
    assert sum(bar.value for bar in chart.bars) == pytest.approx(100, abs=0.1)


def test_one_level_of_codes_per_chart() -> None:
    labels = document_labels(DOCUMENTS)
    charts = comparison_charts(_tables(pd.DataFrame(), _changes()), labels, None)
    assert [c.name for c in charts] == [f"perubahan_{level}" for level in LEVELS]
    for chart, segments in zip(charts, (3, 5, 6), strict=True):
        codes = {bar.label.split()[0] for bar in chart.bars}
        assert {len(code.split(".")) for code in codes} == {segments}, chart.name
        assert {bar.value for bar in chart.bars} == {2.5e9, -2.5e9}
        # two documents: each bar says which, by name
        assert any("Provinsi Kalimantan Timur · RKPD 2026" in bar.label for bar in chart.bars)
        for width in WIDTHS:
            assert overlaps(figure_for(chart, width)) == []


def test_documents_are_named_by_pemda_skpd_and_year() -> None:
    labels = document_labels(DOCUMENTS)
    assert labels["renja-c"] == "Provinsi Kalimantan Timur · RKPD 2026"
    # two documents that would read the same are told apart by their ids
    assert labels["renja-a"].endswith("(renja-a)") and labels["renja-b"].endswith("(renja-b)")


def test_the_page_writes_numbers_the_indonesian_way_and_never_na() -> None:
    shares = _shares(3)
    shares.loc[1, "nama_program"] = None
    shares["pagu"] = shares["pagu"].astype("Int64")
    shares.loc[2, "pagu"] = pd.NA
    change = _changes()
    tables = _tables(shares, change)
    tables["pagu_sub_kegiatan"] = pd.DataFrame(
        {"kode_baku": ["1.02.02.2.01.0001"], "uraian": ["X"],
         "renja-a": pd.array([1234567], dtype="Int64"), "renja-c": pd.array([pd.NA], dtype="Int64")}
    )  # fmt: skip
    labels = document_labels(DOCUMENTS)
    html = page(tables, comparison_charts(tables, labels, None), DOCUMENTS, labels)
    assert "3.000.000.000" in html and "1.234.567" in html  # grouped by dots
    assert "50,00" in html and "-12,50" in html  # per cents with a comma
    assert "&lt;NA&gt;" not in html and "<NA>" not in html
    assert not re.search(r">\s*(nan|NaN|None|NaT)\s*<", html)
    assert "Kota Banjarbaru · Dinas Kesehatan · Renja 2025 (renja-a) (Rp)" in html
    assert '<html lang="id">' in html
    for english in ("rows", "Program shares", "across documents", "Year on year"):
        assert english not in html


def test_year_on_year_names_the_place_and_the_years() -> None:
    years = pd.DataFrame(
        {
            "pemda": ["Kota Banjarbaru", "Kota Banjarbaru"],
            "skpd": ["Dinas Kesehatan Kota Banjarbaru"] * 2,
            "kode_baku": ["1.02.03.2.02.0004", "1.02.02.2.02.0001"],
            "uraian": [LONG, "Pengelolaan Pelayanan Kesehatan Ibu Hamil"],
            "tahun_awal": [2025, 2025],
            "tahun_akhir": [2027, 2027],
            "selisih": [30_000_000, -20_000_000],
            "persen": [25.0, pd.NA],
        }
    )
    tables = {**_tables(pd.DataFrame(), NO_CHANGES), "antar_tahun": years}
    (chart,) = comparison_charts(tables, document_labels(DOCUMENTS), None)
    assert chart.name == "antar_tahun"
    first, second = (bar.label.replace("\xa0", " ") for bar in chart.bars)
    assert first.startswith("1.02.03.2.02.0004 Penyelenggaraan") and "+30 jt (+25,0%)" in first
    assert first.endswith("\nKota Banjarbaru · Dinas Kesehatan · 2025 → 2027")
    assert "— -20 jt\n" in second  # no per cent where there is none
    for width in WIDTHS:
        assert overlaps(figure_for(chart, width)) == []
