"""``renja run`` on PDFs against bare pdfplumber and poppler's ``pdftotext``, in the same run.

Run from the repository root (``make bench``)::

    .venv/bin/python benchmarks/bench_pdf.py            # 3 repeats on the sample, 1 on the rest
    .venv/bin/python benchmarks/bench_pdf.py --quick    # the sample only, 1 repeat

Each command runs in a fresh interpreter, so both sides pay their own imports:

- **bare**: ``pdfplumber.open(pdf)`` and ``page.extract_tables()`` on every page (what a glue
  script does, and the least any pdfplumber-based reader must do);
- **pdftotext**: poppler's ``pdftotext -layout PDF OUT.txt`` (C++, text only: the floor any
  reader in Python stands on);
- **renja**: the whole ``renja run PDF --out DIR``: read, clean, code, audit, write CSV, Parquet,
  the report and the workbook (a long document's pages read by both cores).

Peak memory is the kernel's high-water mark of the process (VmHWM). The 128-page document is
the sample PDF four times over (pypdfium2 copies the pages), for the 100-page memory goal.
Prints Markdown and writes ``benchmarks/results_pdf.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "renja-bkpsdm-banjarbaru-2024.pdf"
REAL = REPO.parent / "shared" / "samples" / "real"
RESULTS = REPO / "benchmarks" / "results_pdf.md"
GOAL_RATIO = 0.5  # of bare pdfplumber's time, on documents of MIN_PAGES or more
GOAL_TEXT_RATIO = 10.0  # of pdftotext's time, likewise
GOAL_MIB = 199  # peak memory on the 98-page document (issue 14: keep it at or below this)
MIN_PAGES = 10

# A fresh interpreter that times its whole job and reports its peak resident memory.
PROBE = """
import json, sys, time
started = time.perf_counter()
job, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
if job == "bare":
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            page.extract_tables()
            page.close()
else:
    from renja.app.cli import main
    try:
        main(["run", path, "--out", out, "-q"], standalone_mode=False)
    except SystemExit:
        pass
    pages = None
seconds = time.perf_counter() - started
peak = 0
with open("/proc/self/status", encoding="ascii") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1])
import resource
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest page worker's
print(json.dumps({"seconds": seconds, "peak_kib": peak, "pages": pages, "workers_kib": workers}))
"""


@dataclass
class Measure:
    seconds: float  # median wall time of the whole job, imports included
    peak_mib: float
    runs: int
    worker_mib: float = 0.0  # the largest child process's peak (renja's page workers)


def measure_pdftotext(pdf: Path, repeats: int) -> Measure | None:
    """``pdftotext -layout`` on the file, in its own process (None where poppler is missing)."""
    binary = shutil.which("pdftotext")
    if binary is None:
        return None
    times, peaks = [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            process = subprocess.Popen([binary, "-layout", str(pdf), str(Path(out) / "t.txt")])
            _, _, usage = os.wait4(process.pid, 0)
            times.append(time.perf_counter() - started)
            peaks.append(usage.ru_maxrss / 1024)
    return Measure(statistics.median(times), max(peaks), repeats)


def measure(job: str, pdf: Path, repeats: int) -> Measure:
    times, peaks, workers = [], [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as out:
            started = dt.datetime.now()
            done = subprocess.run(
                [sys.executable, "-c", PROBE, job, str(pdf), out],
                capture_output=True,
                text=True,
                check=True,
            )
            wall = (dt.datetime.now() - started).total_seconds()
        report = json.loads(done.stdout.strip().splitlines()[-1])
        times.append(wall)
        peaks.append(report["peak_kib"] / 1024)
        workers.append(report.get("workers_kib", 0) / 1024)
    return Measure(statistics.median(times), max(peaks), repeats, max(workers))


def pages_of(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def repeated(pdf: Path, times: int, target: Path) -> Path:
    """A document made of ``pdf``'s pages ``times`` over."""
    import pypdfium2

    source = pypdfium2.PdfDocument(str(pdf))
    out = pypdfium2.PdfDocument.new()
    for _ in range(times):
        out.import_pages(source)
    out.save(str(target))
    out.close()
    source.close()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the sample only, one repeat")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        inputs: list[tuple[str, Path, int]] = [
            ("sample PDF (ruled, 32 pages)", SAMPLE, 1 if args.quick else 3)
        ]
        if not args.quick:
            for name, label in (
                ("renja-binakonstruksi-pupr-provkaltim-2025.pdf", "Kaltim Renja (Excel)"),
                ("rka-subkeg-rakor-disdagin-kotabogor-2022.pdf", "Bogor SIPD RKA"),
                ("renja-dp3akb-provsumut-2026.pdf", "Sumut Renja"),
            ):
                if (REAL / name).exists():
                    inputs.append((label, REAL / name, 1))
            inputs.append(("sample PDF x4", repeated(SAMPLE, 4, Path(scratch) / "x4.pdf"), 1))
        rows = []
        for label, pdf, repeats in inputs:
            pages = pages_of(pdf)
            text = measure_pdftotext(pdf, repeats)
            bare = measure("bare", pdf, repeats)
            ours = measure("renja", pdf, repeats)
            rows.append((label, pages, text, bare, ours))
            ratio = ours.seconds / bare.seconds
            print(f"{label}: pdftotext {text.seconds if text else float('nan'):.2f}s, bare "
                  f"{bare.seconds:.2f}s, renja {ours.seconds:.2f}s ({ratio:.2f}x), peak "
                  f"{ours.peak_mib:.0f} MiB", flush=True)  # fmt: skip
    text = "\n".join(report(rows)) + "\n"
    print(text)
    if not args.quick:
        RESULTS.write_text(text, encoding="utf-8")
        from figures import sync_readme

        sync_readme()


def report(rows: list[tuple[str, int, Measure | None, Measure, Measure]]) -> list[str]:
    lines = [
        f"# `renja run` on PDFs vs bare pdfplumber and pdftotext ({dt.date.today().isoformat()})",
        "",
        f"Machine: {platform.machine()}, {platform.system()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Wall time of the whole command in a fresh process "
        "(imports included), median of the runs shown, all in the same run. Peak = the "
        "process's high-water mark of resident memory (renja: its page workers' own peaks are "
        "not added).",
        "",
        "| document | pages | `pdftotext -layout` | bare `extract_tables()` | `renja run` | "
        "vs bare | vs pdftotext | renja peak RSS (page worker) | bare peak RSS |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for label, pages, text, bare, ours in rows:
        versus_text = f"{ours.seconds / text.seconds:.1f}×" if text else "n/a"
        text_time = f"{text.seconds:.2f} s" if text else "n/a"
        lines.append(
            f"| {label} | {pages} | {text_time} | {bare.seconds:.2f} s | {ours.seconds:.2f} s | "
            f"{ours.seconds / bare.seconds:.2f}× | {versus_text} | {ours.peak_mib:.0f} MiB "
            f"({ours.worker_mib:.0f} MiB) | {bare.peak_mib:.0f} MiB |"
        )
    long = [(p, t, b, o) for _, p, t, b, o in rows if p >= MIN_PAGES]
    if long:
        worst = max(o.seconds / b.seconds for _, _, b, o in long)
        texts = [o.seconds / t.seconds for _, t, _, o in long if t is not None]
        heaviest = max((o.peak_mib for p, _, _, o in long if p <= 100), default=0.0)
        worker = max((o.worker_mib for p, _, _, o in long if p <= 100), default=0.0)
        lines += [
            "",
            f"Goals, on documents of {MIN_PAGES} pages or more: at most {GOAL_RATIO}× bare "
            f"pdfplumber: {'met' if worst <= GOAL_RATIO else 'NOT met'} (worst {worst:.2f}×); at "
            f"most {GOAL_TEXT_RATIO:.0f}× pdftotext: "
            + (f"{'met' if max(texts) <= GOAL_TEXT_RATIO else 'NOT met'} (worst "
               f"{max(texts):.1f}×)" if texts else "not measured (no pdftotext)")
            + f"; peak memory of the renja process up to 100 pages at most {GOAL_MIB} MiB: "
            f"{'met' if heaviest <= GOAL_MIB else 'NOT met'} ({heaviest:.0f} MiB; each of its "
            f"page workers, a fork holding its share of the pages, peaks at up to "
            f"{worker:.0f} MiB more).",
        ]  # fmt: skip
    return lines


if __name__ == "__main__":
    main()
