"""The report in a real browser: headless Chromium, driven over the DevTools protocol.

Chromium talks DevTools over a pipe (``--remote-debugging-pipe``: commands on fd 3, replies on
fd 4, each a JSON message ended by NUL), so the test needs no port, no driver and no package
beyond the standard library. Every request the page makes is recorded: a report may load
nothing but itself.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from renja.present.report import write_report

from .test_report import SORT_CHECK, build_report_folder, read_findings, unreadable_id

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# No network on the test machines: these keep Chromium from trying to reach one.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
    "--window-size=1400,1000",
)
TIMEOUT = 15.0  # seconds for any one reply; the whole module takes a few seconds
LAUNCHER = (
    "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
    "os.execv(sys.argv[3], sys.argv[3:])"
)
LOCAL_SCHEMES = ("file:", "data:", "about:", "chrome:", "devtools:")


def find_chromium() -> str | None:
    """The Chromium binary: ``$RENJA_CHROMIUM``, else the first of the usual names on PATH."""
    wanted = os.environ.get("RENJA_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    return next((p for name in CHROMIUM_NAMES if (p := shutil.which(name))), None)


def _above_nine(fd: int) -> int:
    """The same pipe end on a descriptor number of 10 or more."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class DevTools:
    """A DevTools session over Chromium's pipe: send commands, collect events."""

    def __init__(self, binary: str, profile: Path) -> None:
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()
        # Chromium wants the pipe on fds 3 and 4; a tiny launcher puts it there, from fds above 9
        # so that moving one end never overwrites the other.
        commands_read, replies_write = _above_nine(commands_read), _above_nine(replies_write)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                LAUNCHER,
                str(commands_read),
                str(replies_write),
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
            ],
            pass_fds=(commands_read, replies_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._replies)

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._replies], [], [], max(left, 0))
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return dict(json.loads(message))

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command (to the page session once attached) and wait for its result."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        """The first event of a kind, from those already received or the next ones."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for event in self.events:
                if event.get("method") == method:
                    self.events.remove(event)
                    return event
            self.events.append(self._read_message(deadline))

    def open_page(self) -> None:
        """A new tab, attached, with network, page, runtime and log events on."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for domain in ("Network", "Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")

    def navigate(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        """Evaluate JavaScript in the page and return its (JSON) value, awaiting a promise."""
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element."""
        box = self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                type=kind,
                x=box[0],
                y=box[1],
                button="left",
                clickCount=1,
            )

    def type_text(self, selector: str, text: str) -> None:
        """Focus a field and type into it, as a user would."""
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", text=text)

    def choose(self, selector: str, value: str) -> None:
        """Pick an option of a <select> and fire its change event, as choosing one does."""
        self.js(
            f"(() => {{ const s = document.querySelector({json.dumps(selector)});"
            f" s.value = {json.dumps(value)};"
            " s.dispatchEvent(new Event('change', {bubbles: true})); })()"
        )

    def requests(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent"
        ]


@pytest.fixture(scope="module")
def report(sample_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc_dir = build_report_folder(sample_out, tmp_path_factory.mktemp("browser") / "doc")
    return write_report(doc_dir)


@pytest.fixture(scope="module")
def browser(report: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); set RENJA_CHROMIUM")
    tools = DevTools(binary, tmp_path_factory.mktemp("chromium-profile"))
    try:
        tools.open_page()
        tools.navigate(report.as_uri())
        yield tools
    finally:
        tools.close()


@pytest.fixture
def page(browser: DevTools) -> DevTools:
    """The page with its filters reset and the original row order."""
    browser.js("document.getElementById('f-reset').click()")
    return browser


VISIBLE_IDS = (
    "Array.from(document.querySelectorAll('#findings tr.finding'))"
    ".filter(r => !r.hidden && r.offsetParent !== null).map(r => r.id)"
)


def test_script_runs_and_shows_every_finding(page: DevTools, report: Path) -> None:
    total = len(read_findings(report.parent))
    assert page.js("document.getElementById('filters').hidden") is False
    assert len(page.js(VISIBLE_IDS)) == total
    assert page.js("document.getElementById('f-shown').textContent").startswith(f"{total} dari")


def test_typing_in_the_search_box_filters(page: DevTools) -> None:
    page.type_text("#f-search", "Penilaian EVALUASI")
    visible = page.js(VISIBLE_IDS)
    assert {"X01", "X04"} <= set(visible) and "X02" not in visible
    texts = page.js(
        "Array.from(document.querySelectorAll('#findings tr.finding'))"
        ".filter(r => !r.hidden).map(r => r.textContent.toLowerCase())"
    )
    assert len(texts) == len(visible)
    assert all("penilaian" in t and "evaluasi" in t for t in texts)


def test_choosing_a_severity_filters(page: DevTools, report: Path) -> None:
    findings = read_findings(report.parent)
    page.choose("#f-severity", "info")
    visible = page.js(VISIBLE_IDS)
    assert sorted(visible) == sorted(f["id"] for f in findings if f["severity"] == "info")
    assert "X03" in visible and "X01" not in visible


def test_summary_link_filters_by_check(page: DevTools) -> None:
    page.click(f'#ringkasan a[data-filter="check"][data-value="{SORT_CHECK}"]')
    assert page.js("document.getElementById('f-check').value") == SORT_CHECK
    assert sorted(page.js(VISIBLE_IDS)) == ["X01", "X02", "X03", "X04"]


def test_header_click_sorts_numbers_as_numbers(page: DevTools) -> None:
    """-1000 < -200 < 30: as text, '-200' would come before '-1000'."""
    page.choose("#f-check", SORT_CHECK)
    selisih = "#findings thead th:nth-child(11) button"
    page.click(selisih)
    # X04 is a consequence: it stays under its root cause, whose Selisih is empty (sorted last)
    assert page.js(VISIBLE_IDS) == ["X01", "X02", "X03", "X04"]
    page.click(selisih)
    assert page.js(VISIBLE_IDS) == ["X03", "X02", "X01", "X04"]
    sort = page.js("document.querySelector('#findings thead th:nth-child(11)').ariaSort")
    assert sort == "descending"


def test_detail_shows_the_source_row_with_the_cell_marked(page: DevTools, report: Path) -> None:
    root = unreadable_id(read_findings(report.parent))
    summary = f'tr.detail[data-for="{root}"] summary'
    assert page.js(f"document.querySelector('{summary}').parentElement.open") is False
    page.click(summary)
    assert page.js(f"document.querySelector('{summary}').parentElement.open") is True
    hit = page.js(
        f'(() => {{ const td = document.querySelector(\'tr.detail[data-for="{root}"]'
        " tr.src-row td.hit'); const r = td.getBoundingClientRect();"
        " return [td.textContent, r.width > 0 && r.height > 0,"
        " getComputedStyle(td).backgroundColor]; })()"
    )
    assert hit[0] == "59.99.800" and hit[1] is True
    assert hit[2] not in ("rgba(0, 0, 0, 0)", "transparent")


def test_root_cause_link_reveals_a_filtered_out_cause(page: DevTools, report: Path) -> None:
    root = unreadable_id(read_findings(report.parent))
    page.choose("#f-check", SORT_CHECK)
    assert root not in page.js(VISIBLE_IDS)
    page.click("#X04 a.cause")
    page.js("new Promise(r => setTimeout(r, 50))")
    assert root in page.js(VISIBLE_IDS)
    assert page.js(f"document.querySelector('tr.detail[data-for=\"{root}\"] details').open")


def test_page_reads_without_script(browser: DevTools, report: Path) -> None:
    """With JavaScript off every finding shows, and the controls that need it do not."""
    total = len(read_findings(report.parent))
    browser.send("Emulation.setScriptExecutionDisabled", value=True)
    try:
        browser.navigate(report.as_uri())
        root = browser.send("DOM.getDocument", depth=0)["root"]["nodeId"]
        found = browser.send("DOM.querySelectorAll", nodeId=root, selector="#findings tr.finding")
        assert len(found["nodeIds"]) == total
        boxes = [
            browser.send("DOM.getBoxModel", nodeId=node)["model"]["height"]
            for node in found["nodeIds"][:5]
        ]
        assert all(height > 0 for height in boxes)
        form = browser.send("DOM.querySelector", nodeId=root, selector="#filters")["nodeId"]
        with pytest.raises(RuntimeError, match="Could not compute box model"):
            browser.send("DOM.getBoxModel", nodeId=form)  # not displayed
    finally:
        browser.send("Emulation.setScriptExecutionDisabled", value=False)
        browser.navigate(report.as_uri())


def test_page_requests_nothing_but_itself(browser: DevTools, report: Path) -> None:
    urls = browser.requests()
    assert report.as_uri() in urls
    assert [u for u in urls if not u.startswith(LOCAL_SCHEMES)] == []
    errors = [
        e["params"]["entry"]
        for e in browser.events
        if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"
    ]
    assert errors == []  # e.g. no script or style blocked by the page's own policy
