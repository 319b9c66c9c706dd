"""How long `renja compare` takes to draw one chart, by matplotlib version.

Run from the repository root (``make bench`` runs it too)::

    .venv/bin/python benchmarks/bench_charts.py [--python OTHER_PYTHON ...] [--repeat 5]

A chart as compare draws its largest (15 bars, each with a label of a code, a name that wraps
and a value, in two groups) is drawn at both widths (``<name>.png`` and ``<name>-sempit.png``)
``--repeat`` times, after one drawing that warms the font cache; the figure is the mean seconds
per chart (both PNGs). Each ``--python`` is another environment's interpreter that has renja's
dependencies and renja installed from this checkout (``pip install -e .`` beside another
matplotlib, say), so that versions are compared on the same machine in the same run. It is why
pyproject.toml keeps matplotlib below 3.11: from 3.11 Agg draws text a glyph at a time in
Python, and compare's charts are almost all text. The report goes to stdout and to
``benchmarks/results_charts.md``; docs/kinerja.md quotes it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORT = REPO / "benchmarks" / "results_charts.md"
BARS = 15  # compare draws at most 15 bars a chart (present/compare_charts.py)


def measure(repeat: int) -> dict[str, object]:
    """Mean seconds to draw one chart at both widths, in this interpreter."""
    import matplotlib

    from renja.present.charts import FALL, RISE, Bar, Chart, Group, draw

    bars = tuple(
        Bar(
            f"1.02.02.{i:04d} Penyediaan Layanan Kesehatan untuk UKP Rujukan dan UKM Rujukan "
            f"Tingkat Daerah Kabupaten/Kota nomor {i}: {i * 435:,} jt".replace(",", "."),
            (i - 5) * 435e6,
            RISE if i >= 5 else FALL,
        )
        for i in range(BARS)
    )
    chart = Chart(
        "bench",
        "Perubahan pagu sub kegiatan dari pagu murni ke pagu perubahan menurut dokumen",
        "Perubahan pagu (Rp)",
        (
            Group("Renja Dinas Kesehatan 2025", bars[:8]),
            Group("Renja Dinas Kesehatan 2026", bars[8:]),
        ),
        lambda value: f"{value / 1e6:,.0f} jt",
    )
    with tempfile.TemporaryDirectory() as folder:
        draw(chart, Path(folder))  # the font cache and the imports
        start = time.perf_counter()
        for _ in range(repeat):
            draw(chart, Path(folder))
        seconds = (time.perf_counter() - start) / repeat
    return {"matplotlib": matplotlib.__version__, "seconds": seconds}


def run(python: str, repeat: int) -> dict[str, object]:
    """``measure`` in the interpreter ``python``, on this checkout's code."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); from bench_charts import measure; "
        "print(json.dumps(measure(int(sys.argv[2]))))"
    )
    done = subprocess.run(
        [python, "-c", code, str(REPO / "benchmarks"), str(repeat)],
        capture_output=True, text=True, check=False, cwd=REPO,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"{python}: {done.stderr.strip().splitlines()[-1] if done.stderr else 'failed'}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="append", default=[], help="another interpreter")
    parser.add_argument("--repeat", type=int, default=5, help="drawings timed per interpreter")
    args = parser.parse_args(argv)
    rows = [measure(args.repeat)] + [run(python, args.repeat) for python in args.python]
    lines = [
        "# renja compare: drawing a chart",
        "",
        f"Made by `benchmarks/bench_charts.py` on {datetime.date.today().isoformat()}: "
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}. "
        f"One chart of {BARS} labelled bars drawn at both widths (two PNGs), mean of "
        f"{args.repeat}.",
        "",
        "| matplotlib | s per chart |",
        "|---|--:|",
        *(f"| {row['matplotlib']} | {row['seconds']:.2f} |" for row in rows),
    ]
    from figures import publish

    publish(REPORT, "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
