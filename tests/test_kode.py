"""Codes: canonical P90 forms, wrap and typo repairs, generic bidang, older and other schemes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renja.normalize.kode import KodeReading, looks_like_kode, parse_kode, split_kode_uraian
from renja.normalize.parsed import EMPTY


@pytest.mark.parametrize(
    ("cell", "canonical", "level"),
    [
        ("5", "5", "urusan"),
        ("5.03", "5.03", "bidang"),
        ("5.03.01", "5.03.01", "program"),
        ("5.03.01.2.01", "5.03.01.2.01", "kegiatan"),
        ("5.03.01.2.01.0001", "5.03.01.2.01.0001", "sub_kegiatan"),
        ("5.03.01.2.01.01", "5.03.01.2.01.0001", "sub_kegiatan"),  # padding is not a repair
        ("5.04.02.2.02.07", "5.04.02.2.02.0007", "sub_kegiatan"),
        ("1.02.03.1.05.12", "1.02.03.1.05.0012", "sub_kegiatan"),  # provinsi kegiatan
    ],
)
def test_clean_p90_codes(cell: str, canonical: str, level: str) -> None:
    parsed = parse_kode(cell)
    assert parsed.value == KodeReading(canonical, level, None, "p90")
    assert parsed.rules == ()


@pytest.mark.parametrize(
    ("cell", "canonical", "rules"),
    [
        # real cells of the sample document
        ("5.03.0 1.2.07. 05", "5.03.01.2.07.0005", ("join_split_kode",)),
        ("5.03.02 .2.01.0 2", "5.03.02.2.01.0002", ("join_split_kode",)),
        ("5.03.02 .2.01.1 0", "5.03.02.2.01.0010", ("join_split_kode",)),
        ("5.03.01 .2.07", "5.03.01.2.07", ("join_split_kode",)),
        ("5.03.0 1.2.06. 09", "5.03.01.2.06.0009", ("join_split_kode",)),
        ("5,03.01.2.03.05", "5.03.01.2.03.0005", ("replace_comma_in_kode",)),
        ("5.03.02.201.01", "5.03.02.2.01.0001", ("split_kegiatan_segment",)),
        ("5.03.02.201", "5.03.02.2.01", ("split_kegiatan_segment",)),
        ("5.04.02.202.07", "5.04.02.2.02.0007", ("split_kegiatan_segment",)),
        ("5.03.01.", "5.03.01", ("drop_trailing_dot",)),
    ],
)
def test_repaired_codes_are_logged(cell: str, canonical: str, rules: tuple[str, ...]) -> None:
    parsed = parse_kode(cell)
    assert parsed.value is not None
    assert parsed.value.canonical == canonical
    assert parsed.value.scheme == "p90"
    assert parsed.rules == rules


def test_generic_code_stays_generic_without_bidang() -> None:
    parsed = parse_kode("x.xx.01.201.01")
    assert parsed.value == KodeReading(
        "X.XX.01.2.01.0001", "sub_kegiatan", "X.XX.01.2.01.0001", "p90"
    )
    assert parsed.rules == ("split_kegiatan_segment",)
    assert parse_kode("X.XX.01.2.01.0001").rules == ()


def test_generic_code_takes_the_given_bidang() -> None:
    parsed = parse_kode("x.xx.01.201.01", bidang="5.03")
    assert parsed.value == KodeReading(
        "5.03.01.2.01.0001", "sub_kegiatan", "X.XX.01.2.01.0001", "p90"
    )
    assert parsed.rules == ("split_kegiatan_segment", "resolve_generic_bidang")
    program = parse_kode("X.XX.01", bidang="5.03")
    assert program.value == KodeReading("5.03.01", "program", "X.XX.01", "p90")
    assert program.rules == ("resolve_generic_bidang",)


def test_bidang_does_not_touch_a_specific_code() -> None:
    parsed = parse_kode("5.04.02.2.01", bidang="5.03")
    assert parsed.value == KodeReading("5.04.02.2.01", "kegiatan", None, "p90")
    assert parsed.rules == ()


@pytest.mark.parametrize("bidang", ["5", "503", "x.xx", "5.03.01", ""])
def test_malformed_bidang_is_misuse(bidang: str) -> None:
    with pytest.raises(ValueError, match=r"bidang must be a bidang code such as '5\.03'"):
        parse_kode("x.xx.01", bidang=bidang)


@pytest.mark.parametrize(
    ("cell", "canonical", "level", "rules"),
    [
        ("307.01.001", "307.01.001", "kegiatan", ()),
        ("307,01", "307.01", "program", ("replace_comma_in_kode",)),
        ("1.1.05.05.01", "1.1.05.05.01", "kegiatan", ()),
        ("1.20.03.15", "1.20.03.15", "program", ()),
    ],
)
def test_older_codes_are_kept_as_printed(
    cell: str, canonical: str, level: str, rules: tuple[str, ...]
) -> None:
    parsed = parse_kode(cell)
    assert parsed.value == KodeReading(canonical, level, None, "lama")
    assert parsed.rules == rules


@pytest.mark.parametrize("cell", ["01.00", "5.03.02.04.03", "5.03.5.04.0.00.01.00"])
def test_codes_of_no_scheme_are_lain(cell: str) -> None:
    parsed = parse_kode(cell)
    assert parsed.value == KodeReading(cell, None, None, "lain")
    assert parsed.problem is None


@pytest.mark.parametrize(
    ("cell", "level"),
    [("5.03.5.04.0.00.01.0000", "skpd"), ("1.02.0.00.0.00.01.0003", "unit")],
)
def test_an_organisational_units_code_is_an_skpd_or_unit(cell: str, level: str) -> None:
    """SIPD's unit code: bidang, two more bidang, unit, sub unit (0000: the SKPD itself)."""
    parsed = parse_kode(cell)
    assert parsed.value == KodeReading(cell, level, None, "unit")
    assert parsed.problem is None


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        ("Penyusunan", "huruf atau simbol"),
        ("12 dok", "huruf atau simbol"),
        ("0", "angka tanpa titik"),
        ("2024", "angka tanpa titik"),
        ("5..03", "ada segmen kosong"),
        ("x.03", "x di luar X.XX generik"),
        ("1.000.000", "dikelompokkan seperti jumlah uang"),
        ("24,22", "tidak cocok dengan skema kode mana pun, juga sesudah diperbaiki"),
    ],
)
def test_not_a_code(cell: str, why: str) -> None:
    parsed = parse_kode(cell)
    assert parsed.value is None
    assert parsed.problem == f"bukan kode ({why}): {cell!r}"


@pytest.mark.parametrize("cell", ["", "-", "   "])
def test_empty_code_cells(cell: str) -> None:
    assert parse_kode(cell) == EMPTY


@pytest.mark.parametrize(
    ("cell", "code", "name"),
    [
        (
            "5.03.01.2.01.01 Penyusunan Dokumen Perencanaan Perangkat Daerah",
            "5.03.01.2.01.01",
            "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        ),
        ("5.03.0 1.2.08. 02 Penyediaan Jasa", "5.03.0 1.2.08. 02", "Penyediaan Jasa"),
        ("5.04.02 .2.01.0 3 Penyelenggaraan", "5.04.02 .2.01.0 3", "Penyelenggaraan"),
        ("5.03.01.2.01.00 01 Penyusunan", "5.03.01.2.01.00 01", "Penyusunan"),
        ("5.04.02 PROGRAM PENGEMBANGAN", "5.04.02", "PROGRAM PENGEMBANGAN"),
        ("x.xx.01.201.01 Penyusunan", "x.xx.01.201.01", "Penyusunan"),
        ("01.00 BADAN KEPEGAWAIAN", "01.00", "BADAN KEPEGAWAIAN"),
        ("5.03.01.2.01.01", "5.03.01.2.01.01", ""),
    ],
)
def test_split_kode_uraian(cell: str, code: str, name: str) -> None:
    assert split_kode_uraian(cell) == (code, name)


@pytest.mark.parametrize(
    "cell",
    ["Penyusunan Dokumen", "1. Koordinasi", "2 Lap", "1.000.000 rupiah", "24,64 persen", ""],
)
def test_split_kode_uraian_without_code(cell: str) -> None:
    assert split_kode_uraian(cell) == (None, cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("5.03.01.2.01.0001", True),
        ("5.03.0 1.2.07. 05", True),
        ("5,03.01.2.03.05", True),
        ("x.xx.01.201", True),
        ("307.01.001", True),
        ("5", False),
        ("01.00", False),
        ("1.000.000", False),
        ("24,22", False),
        ("Penyusunan", False),
        ("", False),
    ],
)
def test_looks_like_kode(cell: str, expected: bool) -> None:
    assert looks_like_kode(cell) is expected


@st.composite
def canonical_codes(draw: st.DrawFn) -> tuple[str, str]:
    """A canonical P90 code at any level, maybe generic: (code, level)."""
    generic = draw(st.booleans())
    urusan, bidang = draw(st.integers(1, 9)), draw(st.integers(0, 99))
    head = ["X", "XX"] if generic else [str(urusan), f"{bidang:02d}"]
    segments = [
        *head,
        f"{draw(st.integers(0, 99)):02d}",
        str(draw(st.sampled_from([1, 2, 3, 4, 5, 7]))),
        f"{draw(st.integers(0, 99)):02d}",
        f"{draw(st.integers(0, 9999)):04d}",
    ]
    count, level = draw(
        st.sampled_from(
            [(2, "bidang"), (3, "program"), (5, "kegiatan"), (6, "sub_kegiatan")]
            + ([] if generic else [(1, "urusan")])
        )
    )
    return ".".join(segments[:count]), level


def _cut(text: str, cuts: list[int]) -> str:
    for cut in sorted((c for c in cuts if c <= len(text)), reverse=True):
        text = text[:cut] + " " + text[cut:]
    return text


@given(canonical_codes(), st.lists(st.integers(0, 20), max_size=4))
def test_any_wrapped_code_parses_back(case: tuple[str, str], cuts: list[int]) -> None:
    code, level = case
    parsed = parse_kode(_cut(code, cuts))
    assert parsed.value is not None
    assert parsed.value.canonical == code
    assert parsed.value.level == level
    assert set(parsed.rules) <= {"join_split_kode"}


@given(canonical_codes(), st.lists(st.integers(0, 20), max_size=4))
def test_any_wrapped_code_splits_from_its_name(case: tuple[str, str], cuts: list[int]) -> None:
    code, _ = case
    if "." not in code:
        return  # a bare urusan digit is not split from a name
    printed, name = split_kode_uraian(_cut(code, cuts) + " Penyusunan Dokumen")
    assert name == "Penyusunan Dokumen"
    assert printed is not None
    parsed = parse_kode(printed)
    assert parsed.value is not None
    assert parsed.value.canonical == code


@given(st.text(), st.sampled_from([None, "5.03"]))
def test_junk_never_raises(text: str, bidang: str | None) -> None:
    parsed = parse_kode(text, bidang=bidang)
    assert parsed.value is None or parsed.problem is None
    code, name = split_kode_uraian(text)
    assert code is None or code in text
    assert name in text
    assert isinstance(looks_like_kode(text), bool)
