"""Screenshots of the comparison page and the audit report at 1400 px and 390 px, for
``docs/gambar/``: ``python tests/screenshots.py [--from OUT] [DOCUMENTS...]``.

Without ``--from`` it runs renja on DOCUMENTS (by default the sample Markdown and, when
``../shared/samples/real/`` is there, the real documents) into a temporary folder; with it, it
uses an output folder already written (``renja run`` over several documents, reports
included). It prints what the browser measures of each page (its scroll width against the
window, images not loaded) and exits 1 when a page runs off the side of a 390 px phone.
Headless Chromium is the system's (``$RENJA_CHROMIUM``), as in the tests.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_compare_browser import MEASURE, WIDTHS  # (needs the repository on the path)
from tests.test_report_browser import CHROMIUM_FLAGS, find_chromium

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "renja-bkpsdm-banjarbaru-2024.md"
REAL = ROOT.parent / "shared" / "samples" / "real"
TARGET = ROOT / "docs" / "gambar"
QUALITY = 75  # JPEG
# How much of each page is kept, from the top, in CSS pixels: the layout shows in the first
# screens (the pages run to 10 000 px and more, and the repository keeps every version).
HEIGHTS = {("compare", 1400): 9600, ("compare", 390): 9000, ("report", 1400): 2600,
           ("report", 390): 4000}  # fmt: skip


def run_renja(documents: list[Path], out: Path) -> Path:
    """``renja run`` over the documents (no reports: only the sample's is shown), then the
    sample's report; the output folder."""
    from click.testing import CliRunner

    from renja.app.cli import main

    done = CliRunner().invoke(
        main, ["run", *map(str, documents), "--out", str(out), "--no-report", "-q"]
    )
    print(done.output, end="", file=sys.stderr)
    if done.exit_code != 0:
        raise SystemExit(f"renja run failed ({done.exit_code})")
    report = CliRunner().invoke(main, ["report", str(out / SAMPLE.stem)])
    if report.exit_code != 0:
        raise SystemExit(f"renja report failed: {report.output}")
    return out


def shoot(out: Path) -> int:
    from playwright.sync_api import sync_playwright

    binary = find_chromium()
    if binary is None:
        raise SystemExit("Chromium is not installed (apt-get install chromium); set RENJA_CHROMIUM")
    pages = {
        "compare": out / "corpus" / "compare" / "compare.html",
        "report": out / SAMPLE.stem / "report.html",
    }
    TARGET.mkdir(parents=True, exist_ok=True)
    failed = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, args=list(CHROMIUM_FLAGS))
        for name, path in pages.items():
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                measured = page.evaluate(MEASURE)
                unloaded = [i["src"] for i in measured["images"] if not i["loaded"]]
                shot = TARGET / f"{name}-{width}.jpg"
                height = min(HEIGHTS[name, width], measured["height"])
                clip = {"x": 0, "y": 0, "width": measured["scrollWidth"], "height": height}
                page.screenshot(path=shot, full_page=True, clip=clip, type="jpeg",
                                quality=QUALITY)  # fmt: skip
                context.close()
                over = measured["scrollWidth"] - width
                print(f"{shot.relative_to(ROOT)}: {measured['height']} px long, kept {height}; "
                      f"scroll width {measured['scrollWidth']} px in "
                      f"{width} px ({'fits' if over <= 0 else f'{over} px too wide'}); "
                      f"images {len(measured['images'])}, not loaded {unloaded}")  # fmt: skip
                failed += over > 0 or bool(unloaded)
        browser.close()
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--from"] and len(argv) == 2:
        return shoot(Path(argv[1]))
    documents = [Path(a) for a in argv] or [SAMPLE, *sorted(REAL.glob("*.pdf")),
                                            *sorted(REAL.glob("*.md"))]  # fmt: skip
    documents = [d for d in documents if d.name != "SOURCE.md"]
    with tempfile.TemporaryDirectory() as scratch:
        return shoot(run_renja(documents, Path(scratch) / "out"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
