"""The review loop in a real browser, on a real PDF: open the report, accept a suggestion and
choose a code, save keputusan.csv, run renja again, and find the findings resolved, the values
changed and the decisions logged as repairs with the rule ``keputusan``. The second run reads
the same unchanged PDF: it is handed the pages as the suite read them once
(``processed.extraction``), and redoes everything after them.

The document is the Katingan Renja (``../shared/samples/real``, skipped when absent): its
Tabel IV.1 prints a sub kegiatan's pagu with swapped digits (116.718.093 where Tabel II.3 prints
166.178.093), which makes its kegiatan miss its sum too, and Tabel II.3 names a sub kegiatan
whose code the nomenclature cannot decide. Set ``RENJA_SCREENSHOT=PATH`` to save a picture of
the decision controls (the README's, under ``docs/``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from renja import extract
from renja.app.cli import main
from renja.model.decisions import default_path
from renja.present.outputs import Record, read_csv

from .conftest import REAL, Processed
from .test_report_browser import LOAD_MS, VIEWPORT, Traffic, launch_chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

KATINGAN = REAL / "renja-satpolppdamkar-katingan-2025.pdf"
LOCAL = ("file:", "blob:", "data:", "about:")
ACTION_MS = 10_000


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    yield from launch_chromium()


def suggestion_to_accept(findings: list[Record]) -> Record:
    """A value another table suggests that would also mend a sum: a root cause of a
    ``jumlah_rincian`` in the same table."""
    roots = {f["root_cause"] for f in findings if f["check"] == "jumlah_rincian"}
    return next(
        f for f in findings
        if f["check"] == "beda_antar_tabel" and f["id"] in roots and f["expected"]
        and f["column"] == "pagu"
    )  # fmt: skip


def row_of(folder: Path, table: str, **values: str) -> Record:
    (row,) = [
        r for r in read_csv(folder / "tables" / f"{table}.csv")
        if all(r[k] == v for k, v in values.items())
    ]  # fmt: skip
    return row


@pytest.mark.documents(KATINGAN)
def test_decide_in_the_report_save_and_run_again(
    processed: Processed, chromium: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    traffic = Traffic()
    shared = processed.folder(KATINGAN)
    pdf = tmp_path / "dokumen" / KATINGAN.name
    pdf.parent.mkdir()
    shutil.copyfile(KATINGAN, pdf)
    folder = Path(shutil.copytree(shared, tmp_path / "out" / shared.name))
    findings = read_csv(folder / "findings.csv")
    accept = suggestion_to_accept(findings)
    explained = [f["id"] for f in findings if f["root_cause"] == accept["id"]]
    assert explained  # the kegiatan's sum it mends
    unsure = next(f for f in findings if f["check"] == "kode_tidak_pasti" and f["related"])
    printed_row = row_of(folder, accept["table"], baris=accept["row"])
    assert printed_row["pagu"] == accept["found"]

    context = chromium.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(ACTION_MS)
    context.set_default_navigation_timeout(LOAD_MS)
    traffic.watch(context)
    page: Page = context.new_page()
    page.goto((folder / "report.html").as_uri())

    row = page.locator(f"tr#{accept['id']}")
    row.locator("details.putuskan summary").click()
    row.locator("button.k-terima").click()
    assert row.locator(".k-dipilih").text_content() == f"✓ terima saran: {accept['expected']}"

    code_row = page.locator(f"tr#{unsure['id']}")
    code_row.locator("details.putuskan summary").click()
    options = code_row.locator("select.k-kode option").evaluate_all(
        "os => os.map(o => o.value).filter(v => v)"
    )
    chosen = options[1] if len(options) > 1 else options[0]  # not simply the suggestion
    code_row.locator("select.k-kode").select_option(chosen)
    code_row.locator("input.k-catatan").fill("dicocokkan dengan DPA")
    code_row.locator("button.k-pilih").click()
    page.locator("#k-oleh").fill("Pemeriksa Uji")
    assert page.locator("#k-jumlah").text_content() == "2 keputusan baru belum disimpan."
    if os.environ.get("RENJA_SCREENSHOT"):
        _screenshot(page, accept["id"], Path(os.environ["RENJA_SCREENSHOT"]))
    with page.expect_download() as download:
        page.locator("#k-simpan").click()
    assert download.value.suggested_filename == default_path(pdf).name
    download.value.save_as(default_path(pdf))
    context.close()
    assert all(url.startswith(LOCAL) for url in traffic.requests), traffic.requests

    # The PDF is the one the suite read already, unchanged: its pages as read then (the
    # extraction), and everything after them, the decisions included, done again.
    extraction = replace(processed.extraction(KATINGAN), path=str(pdf))
    read = extract.read
    monkeypatch.setattr(
        extract,
        "read",
        lambda path, *a, **k: extraction if Path(path) == pdf else read(path, *a, **k),
    )
    ran = CliRunner().invoke(main, ["run", str(pdf), "--out", str(tmp_path / "out"), "-q"])
    assert ran.exit_code == 0, ran.output
    after = read_csv(folder / "findings.csv")
    gone = {(f["check"], f["table"], f["row"], f["column"]) for f in after}
    assert (accept["check"], accept["table"], accept["row"], accept["column"]) not in gone
    was = {f["id"]: (f["check"], f["table"], f["row"], f["column"]) for f in findings}
    assert not {was[i] for i in explained} & gone  # the sum it broke adds up now
    assert (unsure["check"], unsure["table"], unsure["row"], "kode") not in gone

    decided = row_of(folder, accept["table"], baris=accept["row"])
    assert (decided["pagu"], decided["pagu_ditinjau"], decided["status_pagu"]) == (
        accept["found"], accept["expected"], "saran_diterima"
    )
    coded = row_of(folder, unsure["table"], baris=unsure["row"])
    assert (coded["kode"], coded["kode_sumber"]) == (chosen, "keputusan")
    logged = {
        (r["table"], r["row"], r["column"], r["raw"], r["clean"], r["oleh"])
        for r in read_csv(folder / "repairs.csv") if r["rule"] == "keputusan"
    }  # fmt: skip
    assert logged == {
        (accept["table"], accept["row"], "pagu", accept["found"], accept["expected"],
         "Pemeriksa Uji"),
        (unsure["table"], unsure["row"], "kode", "", chosen, "Pemeriksa Uji"),
    }  # fmt: skip
    assert [r["status"] for r in read_csv(folder / "keputusan.csv")] == ["diterapkan"] * 2


def _screenshot(page: Page, finding_id: str, path: Path) -> None:
    """The finding's row with its decision controls open, and the download bar."""
    page.locator(f"tr#{finding_id} details.putuskan summary").click()  # open it again
    wide = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": max(VIEWPORT["width"], wide), "height": VIEWPORT["height"]})
    page.evaluate(
        """id => {
          const row = document.getElementById(id);
          const bar = document.getElementById('k-unduh');
          row.after(Object.assign(document.createElement('tr'), {id: 'shot-bar'}));
          const cell = document.createElement('td');
          cell.colSpan = row.cells.length;
          cell.appendChild(bar.cloneNode(true));
          document.getElementById('shot-bar').appendChild(cell);
          row.scrollIntoView({block: 'center'});
          window.scrollTo(0, window.scrollY);
        }""",
        finding_id,
    )
    boxes = [
        page.locator(selector).bounding_box()
        for selector in (f"tr#{finding_id}", f"tr#{finding_id} .keputusan-form", "#shot-bar")
    ]
    assert all(boxes)
    top = min(b["y"] for b in boxes if b) - 40
    bottom = max(b["y"] + b["height"] for b in boxes if b) + 10
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(path), clip={"x": 0, "y": top, "width": max(VIEWPORT["width"], wide),
                              "height": bottom - top},
    )  # fmt: skip
    page.set_viewport_size(VIEWPORT)
    page.evaluate("document.getElementById('shot-bar').remove()")
