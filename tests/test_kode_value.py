"""The Kode value type: levels, parents, prefixes and the generic X.XX form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renja.model.kode import LEVELS, Kode


@st.composite
def codes(draw: st.DrawFn) -> Kode:
    """A canonical P90 code at any level, maybe generic."""
    generic = draw(st.booleans())
    head = (
        ["X", "XX"]
        if generic
        else [str(draw(st.integers(1, 9))), f"{draw(st.integers(0, 99)):02d}"]
    )
    segments = [
        *head,
        f"{draw(st.integers(0, 99)):02d}",
        draw(st.sampled_from(["1", "2"])),
        f"{draw(st.integers(0, 99)):02d}",
        f"{draw(st.integers(0, 9999)):04d}",
    ]
    count = draw(st.sampled_from([1, 2, 3, 5, 6]))
    return Kode(tuple(segments[:count]))


@given(codes())
def test_text_parses_back(kode: Kode) -> None:
    assert Kode.parse(kode.text) == kode
    assert str(kode) == kode.text


@given(codes())
def test_parents_climb_the_levels(kode: Kode) -> None:
    chain = [kode]
    while (parent := chain[-1].parent()) is not None:
        chain.append(parent)
    levels = [k.level for k in reversed(chain)]
    assert levels == list(LEVELS[: len(levels)])
    assert all(kode.within(k) for k in chain)


@given(codes())
def test_generic_form_resolves_back(kode: Kode) -> None:
    generic = kode.generic()
    if kode.is_generic or kode.level in ("urusan", "bidang"):
        assert generic is None
        return
    assert generic is not None and generic.is_generic
    assert kode.within(generic) and generic.within(kode)
    assert kode.bidang is not None
    assert generic.resolved(kode.bidang) == kode


@pytest.mark.parametrize("text", ["", "5..03", "5.03.", "x.xx.01", "X.03", "5.XX", "5.03.A", "XX"])
def test_not_codes(text: str) -> None:
    with pytest.raises(ValueError):
        Kode.parse(text)
    assert Kode.from_cell(text) is None


def test_older_codes_are_values_too() -> None:
    lama = Kode.parse("1.1.05.05.01")
    assert lama.at("program") == Kode.parse("1.1.05")
    assert Kode.parse("307.01.001").text == "307.01.001"


def test_resolving_needs_a_bidang() -> None:
    with pytest.raises(ValueError):
        Kode.parse("X.XX.01").resolved(Kode.parse("5"))
