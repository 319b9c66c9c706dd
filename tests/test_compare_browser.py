"""The comparison page in headless Chromium (Playwright on the system's browser, as
tests/test_report_browser.py) at the two widths it is made for: a 1400 px screen and a 390 px
phone. Nothing runs off the side of the page, each chart is the drawing made for the width,
loaded and as wide as the page lets it be, and the page reads in Bahasa Indonesia."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .test_report_browser import LOAD_MS
from .test_report_browser import browser as browser  # the module's Chromium (a fixture)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

WIDTHS = (1400, 390)

# What the page measures of itself: its scroll width, its images, and every element that ends
# right of the window outside the boxes that scroll sideways on purpose (the wide tables).
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const outside = [...document.body.querySelectorAll('*')].filter(e =>
    !e.closest('.gulir') && e.getBoundingClientRect().right > width + 1);
  return {
    width: width,
    scrollWidth: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    lang: document.documentElement.lang,
    text: document.body.innerText,
    outside: outside.map(e => e.tagName + '.' + e.className),
    images: [...document.images].map(i => ({
      src: i.currentSrc.split('/').pop(), loaded: i.complete && i.naturalWidth > 0,
      shown: i.getBoundingClientRect().width, natural: i.naturalWidth,
      right: i.getBoundingClientRect().right})),
    scrolling: [...document.querySelectorAll('.gulir')].filter(
      b => b.scrollWidth > b.clientWidth).length,
    tableFont: Math.min(...[...document.querySelectorAll('td')].map(
      td => parseFloat(getComputedStyle(td).fontSize))),
  };
}"""


@pytest.fixture(scope="module")
def compare_page(batch_out: Path) -> Path:
    page = batch_out / "corpus" / "compare" / "compare.html"
    assert page.exists()
    return page


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def measured(request: pytest.FixtureRequest, browser: Browser, compare_page: Path) -> Iterator[
    tuple[int, dict[str, Any]]
]:  # fmt: skip
    width: int = request.param
    with browser.new_context(viewport={"width": width, "height": 900}) as context:
        context.set_default_navigation_timeout(LOAD_MS)
        page: Page = context.new_page()
        page.goto(compare_page.as_uri())
        page.wait_for_load_state("load")
        yield width, page.evaluate(MEASURE)


def test_nothing_runs_off_the_side(measured: tuple[int, dict[str, Any]]) -> None:
    width, page = measured
    assert page["width"] == width and page["scrollWidth"] <= width
    assert page["outside"] == []


def test_each_chart_is_the_drawing_for_the_width(
    measured: tuple[int, dict[str, Any]], compare_page: Path
) -> None:
    width, page = measured
    charts = sorted(p.name for p in compare_page.parent.glob("*.png") if "-sempit" not in p.name)
    assert len(charts) >= 3
    shown = page["images"]
    assert all(image["loaded"] for image in shown)
    narrow = width < 640
    expected = [name.replace(".png", "-sempit.png") if narrow else name for name in charts]
    assert sorted(image["src"] for image in shown) == sorted(expected)
    for image in shown:
        assert image["right"] <= width
        if narrow:  # as wide as the page lets it be, at about two pixels of drawing to one
            assert image["shown"] >= width - 40
            assert 1.8 <= image["natural"] / image["shown"] <= 2.1
        else:  # the wide drawing shown as drawn, neither shrunk nor blown up
            assert image["shown"] == image["natural"]


def test_wide_tables_scroll_in_their_box_and_stay_legible(
    measured: tuple[int, dict[str, Any]],
) -> None:
    width, page = measured
    if width < 640:
        assert page["scrolling"] >= 1  # the table across documents is wider than a phone
    assert page["tableFont"] >= 12


def test_the_page_reads_in_indonesian(measured: tuple[int, dict[str, Any]]) -> None:
    _, page = measured
    text = page["text"]
    assert page["lang"] == "id"
    assert "Perbandingan dokumen" in text and "Porsi program dalam pagu SKPD" in text
    assert "baris pertama dari" in text or " baris; seluruhnya di " in text
    assert "<NA>" not in text and not re.search(r"\b(nan|NaN|None)\b", text)
    assert re.search(r"\b\d{1,3}(\.\d{3}){2,}\b", text)  # amounts grouped: 1.234.567
    for english in ("rows", "shares", "across documents", "Largest changes"):
        assert english not in text
