"""Speed and memory of ``renja run``: end to end, by stage, peak memory, and scaling with size.

Run from the repository root (``make bench``)::

    .venv/bin/python benchmarks/bench_run.py            # full run (5 repeats, k = 1, 2, 4, 8)
    .venv/bin/python benchmarks/bench_run.py --quick    # smoke run (1 repeat, k = 1, 2, 4)

Prints Markdown tables and writes them to ``benchmarks/results.md``. See benchmarks/README.md
for what each column means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import renja
import renja.app.pipeline
import renja.extract
from renja.model.records import Document
from renja.model.result import Result
from renja.present.writer import write_result

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "renja-bkpsdm-banjarbaru-2024.md"
REAL_DKI = REPO.parent / "shared" / "samples" / "real" / "rkpd-dki-jakarta-2025.md"
RESULTS = REPO / "benchmarks" / "results.md"
MB = 1_000_000
MIB = 1024 * 1024
SUPERLINEAR_FACTOR = 1.5  # flag when time(k)/time(1) > 1.5 × k

# Runs in a fresh interpreter: peak resident memory of process + write, no tracing overhead.
# The peak is the kernel's high-water mark for this process image (VmHWM, KiB). ru_maxrss is the
# fallback only: on Linux it also counts the parent's size at fork, so a child of this (large)
# benchmark process would report the benchmark's own memory.
RSS_PROBE = """
import json, resource, sys, tempfile
def peak_kib():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import renja.app.pipeline, renja.present.writer
base = peak_kib()
result = renja.app.pipeline.process(sys.argv[1])
after_process = peak_kib()
with tempfile.TemporaryDirectory() as out:
    renja.present.writer.write_result(result, out)
after_write = peak_kib()
print(json.dumps({"imports": base, "process": after_process, "write": after_write}))
"""

IMPORTS = "import renja.app.pipeline, renja.present.writer"

# Runs in a fresh interpreter: Python-heap peak of process() alone (imports done before tracing).
TRACEMALLOC_PROBE = """
import json, sys, tracemalloc
import renja.app.pipeline
tracemalloc.start()
result = renja.app.pipeline.process(sys.argv[1])
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(json.dumps({"peak": peak, "retained": current}))
"""


@dataclass(slots=True)
class EndToEnd:
    run: float  # median seconds of `renja run FILE --out DIR`
    startup: float  # median seconds of `renja --version`
    imports: float  # median seconds to import the pipeline and the writer


@dataclass(slots=True)
class Stages:
    extract: float
    rest: float  # classify + clean + findings (and the file hash) = process() − extract
    process: float
    write: float


@dataclass(slots=True)
class Memory:
    rss_imports: int  # KiB, peak RSS once renja.app.pipeline and renja.present.writer are imported
    rss_process: int  # KiB, peak RSS after process()
    rss_peak: int  # KiB, peak RSS after process() and write_result()
    traced_peak: int  # bytes, tracemalloc peak of process()
    traced_retained: int  # bytes still allocated after process() (the Result, plus caches)


@dataclass(slots=True)
class ScalePoint:
    k: int
    size: int  # bytes
    extract: float
    rest: float
    process: float


# ----------------------------------------------------------------------------- helpers


def median_time(action: Callable[[], object], repeat: int) -> float:
    """Median wall-clock seconds of ``action`` over ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def renja_command() -> list[str]:
    """The installed ``renja`` console script beside this interpreter, else ``python -m``."""
    script = Path(sys.executable).parent / "renja"
    if script.exists():
        return [str(script)]
    found = shutil.which("renja")
    return [found] if found else [sys.executable, "-m", "renja.app.cli"]


# The commands run as a user's would: with Python's compiled bytecode (a shell that turned it off,
# PYTHONDONTWRITEBYTECODE, would time the compilation of every module on every run).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
# The goals of issue 14: seconds of `renja run` end to end.
GOAL_NO_TABLE = 0.5  # a document with no table: start-up, reading, and the report and workbook
GOAL_SAMPLE = 1.0  # the sample Markdown
NO_TABLE = "# Catatan rapat\n\nDokumen ini tidak memuat tabel.\n"
NO_TABLE_NAME = "tanpa-tabel.md"


def run_quietly(command: Sequence[str]) -> str:
    """Run a command, fail loudly if it fails, and return its stdout."""
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=REPO, check=False, env=CHILD_ENV
    )
    if done.returncode != 0:
        raise SystemExit(
            f"benchmark command failed ({done.returncode}): {' '.join(command)}\n"
            f"{done.stderr.strip()}"
        )
    return done.stdout


@contextmanager
def timed_extract(sink: list[float]) -> Iterator[None]:
    """Time ``renja.extract.read`` as called from inside ``process`` (one call, exact split)."""
    original = renja.extract.read

    def read(path: str | Path, options: object = None, progress: object = None) -> Document:
        started = time.perf_counter()
        try:
            return original(path, options, progress)  # type: ignore[arg-type]
        finally:
            sink.append(time.perf_counter() - started)

    renja.extract.read = read  # type: ignore[assignment]
    try:
        yield
    finally:
        renja.extract.read = original  # type: ignore[assignment]


def split_process(path: Path) -> tuple[float, float, Result]:
    """One ``process`` call: (extract seconds, whole-process seconds, result)."""
    reads: list[float] = []
    gc.collect()
    with timed_extract(reads):
        started = time.perf_counter()
        result = renja.app.pipeline.process(path)
        total = time.perf_counter() - started
    return reads[0], total, result


def staged(path: Path, repeat: int) -> Stages:
    """Median extract / rest / process / write over ``repeat`` in-process runs (after a warm-up)."""
    extracts: list[float] = []
    totals: list[float] = []
    rests: list[float] = []
    writes: list[float] = []
    with tempfile.TemporaryDirectory() as warm:
        write_result(renja.app.pipeline.process(path), warm)  # imports, caches, pyarrow
    for _ in range(repeat):
        extract, total, result = split_process(path)
        extracts.append(extract)
        totals.append(total)
        rests.append(total - extract)
        with tempfile.TemporaryDirectory() as out:
            gc.collect()
            started = time.perf_counter()
            write_result(result, out)
            writes.append(time.perf_counter() - started)
    return Stages(
        extract=statistics.median(extracts),
        rest=statistics.median(rests),
        process=statistics.median(totals),
        write=statistics.median(writes),
    )


def end_to_end(path: Path, repeat: int) -> EndToEnd:
    """Medians of run, start-up and imports, interleaved so that they share the machine's load."""
    command = renja_command()
    runs: list[float] = []
    startups: list[float] = []
    imports: list[float] = []

    def run() -> None:
        with tempfile.TemporaryDirectory() as out:
            run_quietly([*command, "run", str(path), "--out", out])

    run()  # the bytecode compiled once, as after installing
    for _ in range(repeat):
        startups.append(median_time(lambda: run_quietly([*command, "--version"]), 1))
        imports.append(median_time(lambda: run_quietly([sys.executable, "-c", IMPORTS]), 1))
        runs.append(median_time(run, 1))
    return EndToEnd(
        run=statistics.median(runs),
        startup=statistics.median(startups),
        imports=statistics.median(imports),
    )


def memory(path: Path) -> Memory:
    rss = json.loads(run_quietly([sys.executable, "-c", RSS_PROBE, str(path)]))
    traced = json.loads(run_quietly([sys.executable, "-c", TRACEMALLOC_PROBE, str(path)]))
    return Memory(
        rss_imports=rss["imports"],
        rss_process=rss["process"],
        rss_peak=rss["write"],
        traced_peak=traced["peak"],
        traced_retained=traced["retained"],
    )


def scaling(sample: Path, ks: Sequence[int], repeat: int) -> list[ScalePoint]:
    """Process the sample concatenated k times; median of ``repeat`` per k."""
    text = sample.read_bytes()
    if not text.endswith(b"\n"):
        text += b"\n"
    points = []
    with tempfile.TemporaryDirectory() as folder:
        for k in ks:
            path = Path(folder) / f"{sample.stem}-x{k}.md"
            path.write_bytes(b"\n".join([text] * k))
            renja.app.pipeline.process(path)  # warm-up
            runs = [split_process(path) for _ in range(repeat)]
            extracts = [r[0] for r in runs]
            totals = [r[1] for r in runs]
            points.append(
                ScalePoint(
                    k=k,
                    size=path.stat().st_size,
                    extract=statistics.median(extracts),
                    rest=statistics.median(t - e for e, t in zip(extracts, totals, strict=True)),
                    process=statistics.median(totals),
                )
            )
    return points


# ----------------------------------------------------------------------------- report


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """A padded Markdown table; columns in ``right`` are right-aligned."""
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = [
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            "-" * (w + 1) + ":" if i in right else "-" * (w + 2) for i, w in enumerate(widths)
        )
        + "|"
    )
    return [line(header), rule, *[line(r) for r in rows]]


def secs(value: float) -> str:
    return f"{value:.3f}"


def mib_kib(kib: int) -> str:
    return f"{kib / 1024:.1f}"


def mib_bytes(count: int) -> str:
    return f"{count / MIB:.1f}"


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}" if base > 0 else "n/a"


def goals(inputs: list[tuple[str, Path]], e2e: dict[str, EndToEnd]) -> list[str]:
    """Issue 14's goals for `renja run`, met or not, from the end-to-end medians."""
    out = []
    for label, _ in inputs:
        goal = GOAL_NO_TABLE if label == NO_TABLE_NAME else GOAL_SAMPLE if label == SAMPLE.name \
            else None  # fmt: skip
        if goal is not None:
            met = "met" if e2e[label].run <= goal else "NOT met"
            out.append(f"- `renja run {label}`: {e2e[label].run:.2f} s; goal at most {goal} s: "
                       f"{met}")  # fmt: skip
    return out


def report(
    *,
    goals: list[str],
    repeat: int,
    scale_repeat: int,
    inputs: list[tuple[str, Path]],
    skipped: list[str],
    e2e: dict[str, EndToEnd],
    stages: dict[str, Stages],
    mem: dict[str, Memory],
    scale: list[ScalePoint],
) -> str:
    lines = [
        "# renja benchmark",
        "",
        f"- date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs",
        f"- python: {platform.python_version()} ({platform.python_implementation()})",
        f"- renja: {renja.__version__}",
        f"- repeats: {repeat} (medians); scaling: {scale_repeat} per k",
        "",
        "## End to end (`renja run FILE --out DIR`, subprocess)",
        "",
        *goals,
        "",
    ]
    sizes = {label: path.stat().st_size for label, path in inputs}
    rows = [
        [
            label,
            f"{sizes[label] / MB:.2f}",
            secs(e2e[label].run),
            secs(e2e[label].startup),
            secs(e2e[label].run - e2e[label].startup),
            secs(e2e[label].imports),
            secs(e2e[label].run - e2e[label].imports),
        ]
        for label, _ in inputs
    ]
    lines += table(
        ["input", "MB", "run s", "start-up s", "run − start-up s", "imports s", "run − imports s"],
        rows,
        right={1, 2, 3, 4, 5, 6},
    )
    lines += ["", "## In process, by stage (after one warm-up)", ""]
    rows = [
        [
            label,
            secs(stages[label].extract),
            secs(stages[label].rest),
            secs(stages[label].process),
            secs(stages[label].write),
            secs(stages[label].process + stages[label].write),
            f"{stages[label].process / (sizes[label] / MB):.3f}",
        ]
        for label, _ in inputs
    ]
    lines += table(
        [
            "input",
            "extract s",
            "classify+clean+findings s",
            "process s",
            "write s",
            "total s",
            "process s/MB",
        ],
        rows,
        right={1, 2, 3, 4, 5, 6},
    )
    lines += ["", "## Peak memory (fresh process; RSS is the high-water mark so far)", ""]
    rows = [
        [
            label,
            mib_kib(mem[label].rss_imports),
            mib_kib(mem[label].rss_process),
            mib_kib(mem[label].rss_peak),
            mib_kib(mem[label].rss_peak - mem[label].rss_imports),
            mib_bytes(mem[label].traced_peak),
            mib_bytes(mem[label].traced_retained),
            f"{mem[label].traced_peak / sizes[label]:.1f}",
        ]
        for label, _ in inputs
    ]
    lines += table(
        [
            "input",
            "RSS imports MiB",
            "RSS +process MiB",
            "RSS +write MiB",
            "growth MiB",
            "tracemalloc peak MiB",
            "result MiB",
            "tracemalloc peak / input",
        ],
        rows,
        right={1, 2, 3, 4, 5, 6, 7},
    )
    lines += [
        "",
        f"## Scaling (sample concatenated k times, `renja.process`; flag if ratio > "
        f"{SUPERLINEAR_FACTOR}×k)",
        "",
    ]
    base = scale[0]
    rows = []
    flagged: list[str] = []
    for p in scale:
        limit = SUPERLINEAR_FACTOR * p.k
        stage_ratios = {
            "extract": p.extract / base.extract,
            "classify+clean+findings": p.rest / base.rest,
            "process": p.process / base.process,
        }
        over = [name for name, r in stage_ratios.items() if r > limit]
        flagged += [f"k={p.k}: {name} ×{stage_ratios[name]:.2f} > {limit:g}" for name in over]
        rows.append(
            [
                str(p.k),
                f"{p.size / MB:.2f}",
                secs(p.extract),
                secs(p.rest),
                secs(p.process),
                f"{p.process / (p.size / MB):.3f}",
                ratio(p.extract, base.extract),
                ratio(p.rest, base.rest),
                ratio(p.process, base.process),
                "SUPER-LINEAR" if over else "ok",
            ]
        )
    lines += table(
        [
            "k",
            "MB",
            "extract s",
            "classify+clean+findings s",
            "process s",
            "s/MB",
            "extract ×t(1)",
            "rest ×t(1)",
            "process ×t(1)",
            "verdict",
        ],
        rows,
        right={0, 1, 2, 3, 4, 5, 6, 7, 8},
    )
    lines.append("")
    if flagged:
        lines.append("Super-linear: " + "; ".join(flagged) + ".")
    else:
        lines.append(f"No stage grew faster than {SUPERLINEAR_FACTOR}× the document's size.")
    if skipped:
        lines += ["", *[f"Note: skipped {s}" for s in skipped]]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per median (default 5)")
    parser.add_argument("--quick", action="store_true", help="1 repeat, k up to 4: a smoke run")
    parser.add_argument(
        "--out",
        type=Path,
        default=RESULTS,
        help=f"report file (default {RESULTS.relative_to(REPO)})",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    repeat = 1 if args.quick else args.repeat
    scale_repeat = 1 if args.quick else 3
    ks = [1, 2, 4] if args.quick else [1, 2, 4, 8]

    scratch = Path(tempfile.mkdtemp(prefix="renja-bench-run-"))
    no_table = scratch / NO_TABLE_NAME
    no_table.write_text(NO_TABLE, encoding="utf-8")
    inputs: list[tuple[str, Path]] = [(NO_TABLE_NAME, no_table), (SAMPLE.name, SAMPLE)]
    skipped: list[str] = []
    if REAL_DKI.is_file():
        inputs.append((REAL_DKI.name, REAL_DKI))
    else:
        skipped.append(f"{REAL_DKI.name}: not found at {REAL_DKI}")

    def progress(message: str) -> None:
        print(f"… {message}", file=sys.stderr, flush=True)

    e2e: dict[str, EndToEnd] = {}
    stage_times: dict[str, Stages] = {}
    mem: dict[str, Memory] = {}
    for label, path in inputs:
        progress(f"{label}: end to end (run, start-up, imports)")
        e2e[label] = end_to_end(path, repeat)
        progress(f"{label}: stages")
        stage_times[label] = staged(path, repeat)
        progress(f"{label}: memory")
        mem[label] = memory(path)
    progress("scaling")
    scale = scaling(SAMPLE, ks, scale_repeat)

    text = report(
        goals=goals(inputs, e2e),
        repeat=repeat,
        scale_repeat=scale_repeat,
        inputs=inputs,
        skipped=skipped,
        e2e=e2e,
        stages=stage_times,
        mem=mem,
        scale=scale,
    )
    print(text, end="", flush=True)
    args.out.write_text(text, encoding="utf-8")
    progress(f"written to {args.out}")
    shutil.rmtree(scratch, ignore_errors=True)
    if args.out == RESULTS and not args.quick:
        from figures import sync_readme

        sync_readme()
    return 0


if __name__ == "__main__":
    sys.exit(main())
