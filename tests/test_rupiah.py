"""Rupiah amounts: clean cells, wrap damage (repaired and logged), author typos (refused)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from renja.normalize.parsed import EMPTY
from renja.normalize.rupiah import parse_rupiah

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "renja-bkpsdm-banjarbaru-2024.md"


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("5.917.880.066", 5917880066),
        ("150", 150),
        ("0", 0),
        ("1.000,00", 1000),
        ("5.303.606.940,-", 5303606940),
        ("Rp14.245.695.610", 14245695610),
        ("Rp. 1.954.327.000", 1954327000),
        ("Rp 5.303.606.940,-", 5303606940),
        ("Rp.6.000.000,-", 6000000),
        ("RP. 13.143.400", 13143400),
        ("(13.143.400 )", -13143400),
        ("(17.640.000)", -17640000),
        ("(150)", -150),
        ("-13.143.400", -13143400),
        ("- 150", -150),
        ("(Rp 1.000)", -1000),
    ],
)
def test_clean_amounts_need_no_rule(cell: str, value: int) -> None:
    parsed = parse_rupiah(cell)
    assert parsed.value == value
    assert type(parsed.value) is int
    assert parsed.rules == ()
    assert parsed.problem is None


def test_cents_are_exact_decimals() -> None:
    parsed = parse_rupiah("292.438.783.064,47")
    assert parsed.value == Decimal("292438783064.47")
    assert isinstance(parsed.value, Decimal)
    assert str(parsed.value) == "292438783064.47"
    assert parse_rupiah("1,5").value == Decimal("1.5")
    assert parse_rupiah("(1.000,50)").value == Decimal("-1000.50")


@pytest.mark.parametrize(
    "cell", ["", "   ", "-", "–", "—", "Rp -", "Rp               -", "Rp", "Rp,-", "-,-"]
)
def test_empty_marks_are_empty(cell: str) -> None:
    assert parse_rupiah(cell) == EMPTY


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        # real cells of the sample document, wrapped inside narrow columns
        ("189.1 53.75 0", 189153750),
        ("15.50 1.518. 746", 15501518746),
        ("5.760 .000", 5760000),
        ("2.743 .140. 061", 2743140061),
        ("6.237 .942. 626", 6237942626),
        ("62.45 6.800", 62456800),
        ("202.5 70.00 0", 202570000),
        ("63.21 0.250", 63210250),
        ("197.0 00.00 0", 197000000),
        ("33.50 0.000", 33500000),
    ],
)
def test_wrapped_numbers_are_joined_and_logged(cell: str, value: int) -> None:
    parsed = parse_rupiah(cell)
    assert parsed.value == value
    assert parsed.rules == ("join_wrapped_number",)


def test_wrapped_number_with_misplaced_dots_keeps_its_digits() -> None:
    parsed = parse_rupiah("77.51. 5900")  # printed 77.515.900 elsewhere in the sample
    assert parsed.value == 77515900
    assert parsed.rules == ("join_wrapped_digits",)


@pytest.mark.parametrize(
    ("cell", "value"),
    [("28143400", 28143400), ("40.000000", 40000000), ("2024", 2024), ("28143.400", 28143400)],
)
def test_missing_separators_lose_no_digit(cell: str, value: int) -> None:
    parsed = parse_rupiah(cell)
    assert parsed.value == value
    assert parsed.rules == ("accept_missing_separators",)


def test_short_ungrouped_number_is_clean() -> None:
    assert parse_rupiah("999").rules == ()


@pytest.mark.parametrize(
    ("cell", "group"),
    [("59.99.800", "99"), ("59.999.80", "80"), ("1.0000", "0000"), ("12.3", "3")],
)
def test_lost_or_added_digit_is_refused(cell: str, group: str) -> None:
    parsed = parse_rupiah(cell)
    assert parsed.value is None
    assert parsed.problem == (
        f"kelompok {group!r} berisi {len(group)} digit: ada digit yang hilang atau bertambah di "
        f"{cell!r}"
    )


def test_us_comma_thousands_are_read_and_logged() -> None:
    parsed = parse_rupiah("156,356,974,255")
    assert parsed.value == 156356974255
    assert parsed.rules == ("read_comma_thousands",)
    assert parse_rupiah("1,500").value == 1500
    assert parse_rupiah("1,500").rules == ("read_comma_thousands",)


def test_a_decimal_comma_is_not_thousands() -> None:
    assert parse_rupiah("1,5").rules == ()
    assert parse_rupiah("1,50").value == Decimal("1.50")
    assert parse_rupiah("1.500,25").value == Decimal("1500.25")


def test_stray_commas_and_dots_are_logged() -> None:
    assert parse_rupiah("1.000,").value == 1000
    assert parse_rupiah("1.000,").rules == ("drop_trailing_comma",)
    assert parse_rupiah("1.000.").value == 1000
    assert parse_rupiah("1.000.").rules == ("drop_stray_dots",)


@pytest.mark.parametrize("cell", ["6 Dokumen", "BB", "A", "100 %", "12/2024", "Rp abc"])
def test_text_is_not_an_amount(cell: str) -> None:
    parsed = parse_rupiah(cell)
    assert parsed.value is None
    assert parsed.problem == f"bukan jumlah uang: {cell!r}"


@pytest.mark.parametrize("cell", ["1.000.000 2.500.000", "3 3.381.425.000", "12 3.456.789,00"])
def test_two_amounts_in_one_cell_are_refused(cell: str) -> None:
    """Two rows' amounts in one cell, or a target beside its amount: joined, they read as one
    amount far too large, with dots that still group it."""
    parsed = parse_rupiah(cell)
    assert parsed.value is None
    assert parsed.problem is not None
    assert "dua jumlah uang" in parsed.problem


def test_more_than_one_decimal_comma_is_refused() -> None:
    parsed = parse_rupiah("12,34,56")
    assert parsed.value is None
    assert "'12,34,56'" in (parsed.problem or "")


def test_huge_cell_gives_a_short_problem() -> None:
    parsed = parse_rupiah("9" * 100_000)
    assert parsed.value is None
    assert parsed.problem is not None
    assert len(parsed.problem) < 200


@st.composite
def wrapped_amounts(draw: st.DrawFn) -> tuple[str, int]:
    """An amount printed the Indonesian way, maybe negative, then cut by spaces anywhere."""
    n = draw(st.integers(0, 10**15))
    text = f"{n:,}".replace(",", ".")
    if draw(st.booleans()):
        text += ",00"
    negative = draw(st.booleans())
    if negative:
        text = f"({text})"
    for cut in sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)), reverse=True):
        text = text[:cut] + " " + text[cut:]
    return text, -n if negative else n


def _two_values(text: str) -> bool:
    """Spaces no printer's wrap leaves: a first line far shorter than a later line that holds a
    dot-grouped amount of its own (``3 3.381.425.000``: a target beside its amount)."""
    pieces = text.strip(" ()").split(",")[0].split()
    return pieces[0][-1].isdigit() and any(
        "." in p[1:] and p[0] in "123456789" and p[-1].isdigit() and len(p) > 2 * len(pieces[0]) + 2
        for p in pieces[1:]
    )


@given(wrapped_amounts())
def test_any_wrapped_amount_parses_back(case: tuple[str, int]) -> None:
    text, expected = case
    assume(not _two_values(text))
    parsed = parse_rupiah(text)
    assert parsed.problem is None
    assert parsed.value == expected
    assert type(parsed.value) is int
    assert set(parsed.rules) <= {"join_wrapped_number"}


@given(st.integers(0, 10**15), st.integers(1, 99))
def test_any_amount_with_cents_is_exact(n: int, cents: int) -> None:
    text = f"{n:,}".replace(",", ".") + f",{cents:02d}"
    assert parse_rupiah(text).value == Decimal(f"{n}.{cents:02d}")


@given(st.text())
def test_junk_never_raises(text: str) -> None:
    parsed = parse_rupiah(text)
    assert parsed.value is None or parsed.problem is None


def test_every_cell_of_the_sample_is_read_without_raising() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    cells = [cell for line in lines for cell in line.split("\t")]
    read = [parse_rupiah(c) for c in cells]
    assert sum(p.value is not None for p in read) > 500
    assert parse_rupiah("59.99.800") in read  # the sample's one lost digit is refused


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("250.000.000*)", 250_000_000),
        ("250.000.000 *)", 250_000_000),
        ("1.000.000.000 ¹", 1_000_000_000),
        ("Rp 5.000 (*)", 5_000),
        ("12.500**", 12_500),
        ("(13.143.400)*)", -13_143_400),
    ],
)
def test_a_footnote_mark_after_an_amount_is_dropped_and_logged(cell: str, value: int) -> None:
    parsed = parse_rupiah(cell)
    assert (parsed.value, parsed.rules, parsed.problem) == (value, ("drop_footnote_mark",), None)


def test_a_mark_alone_or_inside_is_no_footnote() -> None:
    assert parse_rupiah("**").value is None
    assert parse_rupiah("(13.143.400)").rules == ()  # a negative's bracket stays
    assert parse_rupiah("1.2*3.000").value is None


def test_a_footnote_mark_after_a_target_is_dropped_too() -> None:
    from renja.normalize.target import split_target

    for cell, value, satuan in [("5*)", 5, None), ("12 Dokumen*)", 12, "dokumen"),
                                ("100 % ¹", 100, "%")]:  # fmt: skip
        parsed = split_target(cell)
        assert parsed.value is not None and parsed.rules[:1] == ("drop_footnote_mark",)
        assert (parsed.value.value, parsed.value.satuan) == (value, satuan)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("Rp 1,25 M", 1_250_000_000),
        ("1,25 Miliar", 1_250_000_000),
        ("2 Milyar", 2_000_000_000),
        ("Rp 3,5 juta", 3_500_000),
        ("1.250 jt", 1_250_000_000),
        ("Rp 750 ribu", 750_000),
        ("750 rb.", 750_000),
        ("2 T", 2_000_000_000_000),
        ("(1,5 M)", -1_500_000_000),
    ],
)
def test_an_amount_with_its_unit_word_is_scaled_and_logged(cell: str, value: int) -> None:
    parsed = parse_rupiah(cell)
    assert (parsed.value, parsed.problem) == (value, None)
    assert type(parsed.value) is int and parsed.rules[-1] == "read_unit_word"


def test_a_unit_word_does_not_make_a_text_an_amount() -> None:
    for cell in ("M", "juta", "Meningkat", "Miliaran rupiah"):
        assert parse_rupiah(cell).value is None
    assert parse_rupiah("59.99 M").problem is not None  # a lost digit stays a lost digit
