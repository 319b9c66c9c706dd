"""The report in a real browser: headless Chromium, driven by Playwright.

Playwright drives the system's Chromium (Debian's package, or ``$RENJA_CHROMIUM``); it never
downloads a browser of its own. One browser serves the module, each test a freshly loaded page.
Every request the pages make is recorded: a report may load nothing but itself.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from renja.present.report import write_report

from .test_report import SORT_CHECK, build_report_folder, read_findings, unreadable_id

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, ViewportSize

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# No network on the test machines: these keep Chromium from trying to reach one.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
VIEWPORT: ViewportSize = {"width": 1400, "height": 1000}
# Loading the report (a megabyte) takes under a second; an action on it, far less. A control
# that never becomes usable fails its test after ACTION_MS.
LOAD_MS, ACTION_MS = 15_000, 5_000
LOCAL_SCHEMES = ("file:", "data:", "about:", "chrome:", "devtools:")
FINDINGS = "#findings tr.finding"
SELISIH = "#findings > thead > tr:first-child > th:nth-child(11)"


def find_chromium() -> str | None:
    """The Chromium binary: ``$RENJA_CHROMIUM``, else the first of the usual names on PATH."""
    wanted = os.environ.get("RENJA_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    return next((p for name in CHROMIUM_NAMES if (p := shutil.which(name))), None)


@dataclass
class Traffic:
    """What the pages asked for and what went wrong, over every context of the module."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        context.on("request", lambda request: self.requests.append(request.url))
        # Console errors include what Chromium logs itself, e.g. a resource the page's own
        # policy blocked; uncaught exceptions in the page's script come as web errors.
        context.on("console", self._console)
        context.on("weberror", lambda error: self.errors.append(str(error.error)))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture(scope="module")
def report(sample_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc_dir = build_report_folder(sample_out, tmp_path_factory.mktemp("browser") / "doc")
    return write_report(doc_dir)


def launch_chromium() -> Iterator[Browser]:
    """The system's Chromium, driven by Playwright; skips the test when either is missing."""
    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); set RENJA_CHROMIUM")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
    )
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=binary, args=list(CHROMIUM_FLAGS), timeout=LOAD_MS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch_chromium()


@pytest.fixture(scope="module")
def traffic() -> Traffic:
    return Traffic()


def new_context(browser: Browser, traffic: Traffic, *, javascript: bool = True) -> BrowserContext:
    """A context of the report's window size, its traffic recorded."""
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=javascript)
    context.set_default_navigation_timeout(LOAD_MS)
    context.set_default_timeout(ACTION_MS)
    traffic.watch(context)
    return context


@pytest.fixture(scope="module")
def tab(browser: Browser, traffic: Traffic) -> Iterator[Page]:
    with new_context(browser, traffic) as scripted:
        yield scripted.new_page()


@pytest.fixture
def page(tab: Page, report: Path) -> Page:
    """The report, loaded afresh for each test: no filter set, the original row order, every
    detail closed, no fragment in the address."""
    tab.goto(report.as_uri())
    return tab


def visible_ids(page: Page) -> list[str]:
    """The ids of the findings rows on screen, in the table's order."""
    ids: list[str] = page.locator(f"{FINDINGS}:visible").evaluate_all("rs => rs.map(r => r.id)")
    return ids


def test_script_runs_and_shows_every_finding(page: Page, report: Path) -> None:
    total = len(read_findings(report.parent))
    assert page.locator("#filters").is_visible()
    assert len(visible_ids(page)) == total
    assert (page.locator("#f-shown").text_content() or "").startswith(f"{total} dari")


def test_typing_in_the_search_box_filters(page: Page) -> None:
    page.locator("#f-search").press_sequentially("Penilaian EVALUASI")
    visible = visible_ids(page)
    assert {"X01", "X04"} <= set(visible) and "X02" not in visible
    texts = page.locator(f"{FINDINGS}:not([hidden])").evaluate_all(
        "rs => rs.map(r => r.textContent.toLowerCase())"
    )
    assert len(texts) == len(visible)
    assert all("penilaian" in t and "evaluasi" in t for t in texts)


def test_choosing_a_severity_filters(page: Page, report: Path) -> None:
    findings = read_findings(report.parent)
    page.locator("#f-severity").select_option("info")
    visible = visible_ids(page)
    assert sorted(visible) == sorted(f["id"] for f in findings if f["severity"] == "info")
    assert "X03" in visible and "X01" not in visible


def test_summary_link_filters_by_check(page: Page) -> None:
    page.locator(f'#ringkasan a[data-filter="check"][data-value="{SORT_CHECK}"]').click()
    assert page.locator("#f-check").input_value() == SORT_CHECK
    assert sorted(visible_ids(page)) == ["X01", "X02", "X03", "X04"]


def test_header_click_sorts_numbers_as_numbers(page: Page) -> None:
    """-1000 < -200 < 30: as text, '-200' would come before '-1000'."""
    page.locator("#f-check").select_option(SORT_CHECK)
    header = page.locator(SELISIH)
    header.locator("button").click()
    # X04 is a consequence: it stays under its root cause, whose Selisih is empty (sorted last)
    assert visible_ids(page) == ["X01", "X02", "X03", "X04"]
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    assert visible_ids(page) == ["X03", "X02", "X01", "X04"]
    assert header.get_attribute("aria-sort") == "descending"


def test_detail_shows_the_source_row_with_the_cell_marked(page: Page, report: Path) -> None:
    root = unreadable_id(read_findings(report.parent))
    summary = page.locator(f'tr.detail[data-for="{root}"] summary')
    assert summary.evaluate("s => s.parentElement.open") is False
    summary.click()
    assert summary.evaluate("s => s.parentElement.open") is True
    hit = page.locator(f'tr.detail[data-for="{root}"] tr.src-row td.hit').first
    assert hit.text_content() == "59.99.800"
    box = hit.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0
    colour = hit.evaluate("td => getComputedStyle(td).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")


def test_root_cause_link_reveals_a_filtered_out_cause(page: Page, report: Path) -> None:
    root = unreadable_id(read_findings(report.parent))
    page.locator("#f-check").select_option(SORT_CHECK)
    assert root not in visible_ids(page)
    # The link changes the fragment and the page reveals the cause on 'hashchange'; a listener
    # added after the page's own runs after it, so once it has run the page has done its part.
    # (A promise the test awaits, not wait_for_function: under load that polls with an eval,
    # which the report's Content-Security-Policy forbids, as it should.)
    page.evaluate(
        "() => { window.seen = new Promise(done => addEventListener('hashchange',"
        " () => done(true), {once: true})) }"
    )
    page.locator("#X04 a.cause").click()
    assert page.evaluate("window.seen") is True
    assert root in visible_ids(page)
    assert page.locator(f'tr.detail[data-for="{root}"] details').evaluate("d => d.open")


def test_page_reads_without_script(browser: Browser, traffic: Traffic, report: Path) -> None:
    """With JavaScript off every finding shows, and the controls that need it do not."""
    total = len(read_findings(report.parent))
    with new_context(browser, traffic, javascript=False) as plain:
        tab = plain.new_page()
        tab.goto(report.as_uri())
        rows = tab.locator(FINDINGS)
        assert rows.count() == total
        boxes = [rows.nth(i).bounding_box() for i in range(5)]
        assert all(box is not None and box["height"] > 0 for box in boxes)
        assert tab.locator("#filters").count() == 1
        assert tab.locator("#filters").bounding_box() is None  # not displayed


@pytest.mark.parametrize("width", [1400, 390])
def test_nothing_runs_off_the_side(
    browser: Browser, traffic: Traffic, report: Path, width: int
) -> None:
    """On a wide screen and on a phone the page fits its window: a table wider than the
    screen (the findings, with their sources open) scrolls in its own box."""
    from .test_compare_browser import MEASURE

    with new_context(browser, traffic) as context:
        tab = context.new_page()
        tab.set_viewport_size({"width": width, "height": 900})
        tab.goto(report.as_uri())
        tab.locator("tr.detail details").first.evaluate("d => d.open = true")
        measured = tab.evaluate(MEASURE.replace("!e.closest('.gulir')", "!e.closest('.grid')"))
        assert measured["scrollWidth"] <= width, measured["outside"][:10]
        assert measured["outside"] == []
        grid = tab.locator("#findings")
        box = grid.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width + 1


def test_page_requests_nothing_but_itself(page: Page, traffic: Traffic, report: Path) -> None:
    """Runs last: the requests of every page the module opened, this one's included."""
    assert report.as_uri() in traffic.requests
    assert [u for u in traffic.requests if not u.startswith(LOCAL_SCHEMES)] == []
    assert traffic.errors == []  # e.g. no script or style blocked by the page's own policy
