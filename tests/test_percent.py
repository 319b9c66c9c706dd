"""Plain decimals and percentages: exact Decimals, wrap damage and dot decimals logged."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renja.normalize.parsed import EMPTY
from renja.normalize.percent import parse_decimal, parse_percent


@pytest.mark.parametrize(
    ("cell", "value", "rules"),
    [
        ("24,64", "24.64", ()),
        ("0,35", "0.35", ()),
        ("382,00", "382.00", ()),
        ("1.003,00", "1003.00", ()),
        ("15,8", "15.8", ()),
        ("265", "265", ()),
        ("1.000", "1000", ()),
        ("-2,5", "-2.5", ()),
        ("205.5", "205.5", ("read_dot_as_decimal",)),
        ("87.38", "87.38", ("read_dot_as_decimal",)),
        ("56,", "56", ("drop_trailing_comma",)),
        ("68,8 1", "68.81", ("join_wrapped_number",)),
    ],
)
def test_parse_decimal(cell: str, value: str, rules: tuple[str, ...]) -> None:
    parsed = parse_decimal(cell)
    assert parsed.value == Decimal(value)
    assert isinstance(parsed.value, Decimal)
    assert parsed.rules == rules
    assert parsed.problem is None


def test_decimal_keeps_the_printed_digits() -> None:
    assert str(parse_decimal("382,00").value) == "382.00"
    assert str(parse_decimal("24,64").value) == "24.64"


@pytest.mark.parametrize(
    ("cell", "value", "rules"),
    [
        # real cells of the sample document
        ("24,64", "24.64", ()),
        ("68,8 1%", "68.81", ("join_wrapped_number",)),
        ("83,6 5%", "83.65", ("join_wrapped_number",)),
        ("205.5 %", "205.5", ("read_dot_as_decimal",)),
        ("100 %", "100", ()),
        ("100%", "100", ()),
        ("87.38%", "87.38", ("read_dot_as_decimal",)),
        ("101,2%", "101.2", ()),
        ("40,24 %", "40.24", ()),
        ("109,25 %", "109.25", ()),
        ("62,87%", "62.87", ()),
    ],
)
def test_parse_percent(cell: str, value: str, rules: tuple[str, ...]) -> None:
    parsed = parse_percent(cell)
    assert parsed.value == Decimal(value)
    assert parsed.rules == rules
    assert parsed.problem is None


@pytest.mark.parametrize("cell", ["", "  ", "-", "–"])
def test_empty_marks(cell: str) -> None:
    assert parse_decimal(cell) == EMPTY
    assert parse_percent(cell) == EMPTY


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [
        ("BB", "bukan angka: 'BB'"),
        ("1,2,3", "lebih dari satu koma desimal"),
        ("1.0035", "kelompok '0035' berisi 4 digit"),
        ("1.00.3", "kelompok '00' berisi 2 digit"),
        (",5", "tidak ada angka sebelum koma desimal"),
    ],
)
def test_unreadable_numbers_have_a_problem(cell: str, fragment: str) -> None:
    parsed = parse_decimal(cell)
    assert parsed.value is None
    assert parsed.problem is not None
    assert fragment in parsed.problem


def test_percent_sign_alone_is_a_problem() -> None:
    parsed = parse_percent("%")
    assert parsed.value is None
    assert parsed.problem == "tidak ada angka sebelum tanda persen di '%'"


def test_percent_sign_in_a_plain_decimal_is_a_problem() -> None:
    assert parse_decimal("100%").problem == "bukan angka: '100%'"


@given(st.integers(0, 10**6), st.integers(0, 99), st.lists(st.integers(0, 12), max_size=3))
def test_wrapped_percent_parses_back(whole: int, cents: int, cuts: list[int]) -> None:
    text = f"{whole},{cents:02d}%"
    for cut in sorted((c for c in cuts if c <= len(text)), reverse=True):
        text = text[:cut] + " " + text[cut:]
    assert parse_percent(text).value == Decimal(f"{whole}.{cents:02d}")


@given(st.text())
def test_junk_never_raises(text: str) -> None:
    for parser in (parse_decimal, parse_percent):
        parsed = parser(text)
        assert parsed.value is None or parsed.problem is None
