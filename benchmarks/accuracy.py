"""How much of each document reaches the clean tables, and how far they were audited.

Run from the repository root (``make accuracy``)::

    .venv/bin/python benchmarks/accuracy.py

Three sets of documents are processed with ``renja run`` into a temporary folder:

- the samples (``samples/``, Markdown and PDF);
- the real documents of ``../shared/samples/real/`` (skipped when absent);
- the invented layouts of ``tests/layouts.py``, rendered to PDF here.

For every document it reports the gold-free coverage of ``../shared/tools/coverage.py``
(amounts and codes the document's text prints that reach a clean table, and clean amounts the
text never prints), the tables by status and audit from each manifest, and, for the layouts,
the score against their facts (``tests/score_layouts.py``). The Markdown tables are printed and
written to ``benchmarks/results_accuracy.md``; docs/kinerja.md quotes them (``figures.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
COVERAGE = SHARED / "tools" / "coverage.py"
RESULTS = REPO / "benchmarks" / "results_accuracy.md"
RENJA = Path(sys.executable).with_name("renja")

sys.path.insert(0, str(REPO))

from tests.score_layouts import measure as score_layout  # noqa: E402  (needs REPO on the path)
from tests.score_layouts import output_folder  # noqa: E402


def run(inputs: Path, out: Path) -> None:
    done = subprocess.run(
        [str(RENJA), "run", str(inputs), "--out", str(out), "-q", "--no-report", "--force"],
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 1):  # 1: some document failed, listed in batch.json
        raise SystemExit(f"renja run {inputs} failed: {done.stderr.strip()}")


def coverage(inputs: Path, out: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, str(COVERAGE), "--batch", str(inputs), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def manifest_of(out: Path, document: str) -> dict | None:
    for path in out.glob("*/manifest.json"):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest["source"]["file"] == document:
            return manifest
    return None


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "n/a"


def table_counts(manifest: dict | None) -> str:
    if manifest is None:
        return "no output"
    tables = manifest["tables"]
    status = Counter(t.get("status") for t in tables)
    audit = Counter(t["audit"]["status"] for t in tables if "audit" in t)
    data = len(tables) - status.get("bukan_tabel_data", 0)
    return (
        f"{data} ({status.get('bentuk_dikenal', 0)} form, {status.get('disimpulkan', 0)} "
        f"inferred) | {audit.get('diperiksa', 0)} | {audit.get('hanya_skema', 0)} | "
        f"{audit.get('tidak_lengkap', 0)}"
    )


def coverage_table(title: str, inputs: Path, out: Path) -> list[str]:
    lines = [
        f"### {title}",
        "",
        "| document | amounts: text → clean | raw → clean | codes | unsupported clean amounts "
        "| data tables | audited | types only | not whole |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    total: Counter[str] = Counter()
    for r in coverage(inputs, out):
        name = r["document"]
        lines.append(
            f"| {name} | {pct(r['amounts_text_to_clean'], r['amounts_in_text'])} "
            f"| {pct(r['amounts_raw_to_clean'], r['amounts_in_raw'])} "
            f"| {pct(r['codes_text_to_clean'], r['codes_in_text'])} "
            f"| {r['unsupported_cells']}/{r['clean_amount_cells']} "
            f"| {table_counts(manifest_of(out, name))} |"
        )
        for key, value in r.items():
            if isinstance(value, int):
                total[key] += value
    lines.append(
        f"| **all** | {pct(total['amounts_text_to_clean'], total['amounts_in_text'])} "
        f"| {pct(total['amounts_raw_to_clean'], total['amounts_in_raw'])} "
        f"| {pct(total['codes_text_to_clean'], total['codes_in_text'])} "
        f"| {total['unsupported_cells']}/{total['clean_amount_cells']} | | | | |"
    )
    return [*lines, ""]


def layouts_table(folder: Path, out: Path) -> list[str]:
    lines = [
        "### Invented layouts, against their facts",
        "",
        "| layout | rows found whole | levels | codes | planted errors found | false alarms |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for path in sorted(folder.glob("*.facts.json")):
        facts = json.loads(path.read_text(encoding="utf-8"))
        folder = output_folder(out, facts["pdf"])
        if folder is None:
            lines.append(f"| {facts['name']} | no output | | | | |")
            continue
        result = score_layout(facts, folder)
        lines.append(
            f"| {result.name} | {result.rows}/{result.money} | {result.levels}/{result.leveled} "
            f"| {result.codes}/{result.coded} | {result.errors}/{result.planted} "
            f"| {result.alarms} |"
        )
    return [*lines, ""]


def main() -> int:
    if not COVERAGE.is_file():
        print(f"{COVERAGE} tidak ditemukan: ../shared/tools diperlukan", file=sys.stderr)
        return 2
    sections = [
        "# Accuracy",
        "",
        f"Made by `benchmarks/accuracy.py` on {dt.date.today().isoformat()}.",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        run(REPO / "samples", root / "samples")
        sections += coverage_table("Samples", REPO / "samples", root / "samples")
        real = SHARED / "samples" / "real"
        if real.is_dir():
            run(real, root / "real")
            sections += coverage_table("Real documents", real, root / "real")
        layouts = root / "layouts"
        subprocess.run(
            [sys.executable, str(REPO / "tests" / "render_layouts.py"), str(layouts)],
            check=True,
            capture_output=True,
        )
        run(layouts, root / "layouts-out")
        sections += coverage_table("Invented layouts", layouts, root / "layouts-out")
        sections += layouts_table(layouts, root / "layouts-out")
    from figures import publish

    publish(RESULTS, "\n".join(sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
