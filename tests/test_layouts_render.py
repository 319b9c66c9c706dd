"""The generated layout fixtures (tests/layouts.py) are honest.

Rendering twice gives the same bytes; every expected amount is printed in the PDF (read back with
PDFium, scaled back for a table in millions); each row's parent comes before it at a wider
level; and the only arithmetic disagreements in the printed numbers are the planted errors, each
of which breaks at least one sum.
"""

from __future__ import annotations

import doctest
import re
import sys
from decimal import Decimal
from pathlib import Path

import pypdfium2
import pytest

from . import layoutkit, layouts, score_layouts
from .layoutkit import LEVELS, Generated
from .layouts import DOCUMENTS

NUMBER = re.compile(r"\(?-?\d[\d.,]*\d\)?|\d")
SPELLINGS = ((".", ","), (",", "."))  # (thousands, decimal): Indonesian, then US


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Generated]:
    folder = tmp_path_factory.mktemp("layouts")
    return {name: make(folder) for name, make in DOCUMENTS.items()}


def printed_values(text: str) -> set[Decimal]:
    """Every number the text prints, read in both spellings; '(1.234)' and '-1.234' negative.

    >>> sorted(printed_values("(12.500.000) 3,547,642,206.00 2,07"))[:2]
    [Decimal('-12500000'), Decimal('2.07')]
    """
    values = set()
    for token in NUMBER.findall(text):
        negative = token.startswith("-") or (token.startswith("(") and token.endswith(")"))
        digits = token.strip("()-")
        for group, decimal in SPELLINGS:
            grouped = rf"\d{{1,3}}(?:\{group}\d{{3}})+(?:\{decimal}\d+)?"
            if re.fullmatch(rf"{grouped}|\d+(?:\{decimal}\d+)?", digits):
                value = Decimal(digits.replace(group, "").replace(decimal, "."))
                values.add(-value if negative else value)
    return values


def pdf_text(path: Path) -> str:
    """The PDF's text as PDFium reads it (a reader independent of renja's, and quick)."""
    pdf = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_bounded() for page in pdf)
    finally:
        pdf.close()


def test_generators_are_deterministic(generated: dict[str, Generated], tmp_path: Path) -> None:
    for name, make in DOCUMENTS.items():
        again = make(tmp_path)
        assert again.pdf.read_bytes() == generated[name].pdf.read_bytes(), name
        assert again.to_json() == generated[name].to_json(), name


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_expected_amount_is_printed(generated: dict[str, Generated], name: str) -> None:
    doc = generated[name]
    values = printed_values(pdf_text(doc.pdf))
    missing = [
        (fact["uraian"], key, amount)
        for fact in doc.facts
        for key, amount in fact["amounts"].items()
        if amount and Decimal(amount) / doc.scale not in values
    ]
    assert not missing
    percents = [
        (fact["uraian"], key, value)
        for fact in doc.facts
        for key, value in fact.get("percents", {}).items()
        if value and Decimal(str(value)) not in values
    ]
    assert not percents


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_parents_come_first_at_a_wider_level(generated: dict[str, Generated], name: str) -> None:
    seen: dict[str, dict] = {}
    for fact in generated[name].facts:
        assert fact["level"] is None or fact["level"] in LEVELS
        if fact["parent_id"] is not None:
            parent = seen[fact["parent_id"]]
            assert parent["uraian"] == fact["parent"]
            assert LEVELS.index(parent["level"]) < LEVELS.index(fact["level"])
        seen[fact["id"]] = fact


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_only_the_planted_errors_break_sums(generated: dict[str, Generated], name: str) -> None:
    doc = generated[name]
    planted = {(e["id"], e["column"]) for e in doc.errors}
    assert planted, "every document plants at least one error"
    failing = []
    for check in doc.checks():
        cells = {(check["id"], check["column"])} | {(i, k) for _, i, k in check["terms"]}
        if not check["holds"]:
            failing.append(cells)
            assert cells & planted, check
    for cell in planted:
        assert any(cell in cells for cells in failing), f"planted {cell} breaks no check"


def test_doctests_of_the_generators() -> None:
    for module in (layoutkit, layouts, score_layouts, sys.modules[__name__]):
        assert doctest.testmod(module).failed == 0, module.__name__
