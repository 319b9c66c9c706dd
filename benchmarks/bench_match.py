"""Nomenclature loading and matching speed.

Run from the repository root (``make bench`` runs it after bench_run.py)::

    .venv/bin/python benchmarks/bench_match.py [--names 10000] [--repeat 3]

Measures, on the reference in ``../shared/reference/permendagri90`` (or ``$RENJA_NOMENKLATUR``):

- loading: a cold parse (empty cache folder), a warm load from the pickle cache, and the
  in-process cached load;
- preparing a matcher (the normal forms of every reference name);
- coding every clean row of the sample after loading (verify printed codes, match the rest);
- matching N realistic noisy names (default 10,000) against the whole 2027 list in one batch.

The noisy names are real 2027 names, damaged the way Renja tables damage them: upper case, a
dropped or swapped letter, a split word, an abbreviation, a leftover word from the cell above.
The report goes to stdout and to ``benchmarks/results_match.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "renja-bkpsdm-banjarbaru-2024.md"
REPORT = REPO / "benchmarks" / "results_match.md"
SEED = 2024
ABBREVIATIONS = {
    "Aparatur Sipil Negara": "ASN",
    "Perangkat Daerah": "SKPD",
    "Kabupaten/Kota": "Kab/Kota",
    "Rehabilitasi": "Rehab.",
    "Pendidikan dan Pelatihan": "Diklat",
    "Penyediaan": "Peny.",
}


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def load_in_fresh_process(cache: Path) -> float:
    """Seconds to load the reference in a new interpreter with the given cache folder."""
    code = (
        "import time; from renja.normalize.nomenclature import load_nomenclature; "
        "t = time.perf_counter(); load_nomenclature(); print(time.perf_counter() - t)"
    )
    env = {**os.environ, "RENJA_CACHE": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return float(done.stdout.strip())


def damage(name: str, rng: random.Random) -> str:
    """One realistic kind of damage, or none."""
    kind = rng.choice(["exact", "exact", "upper", "typo", "split", "abbreviation", "leftover"])
    if kind == "upper":
        return name.upper()
    if kind == "typo":
        letters = list(name)
        spot = rng.randrange(1, len(letters) - 1)
        if rng.random() < 0.5:
            del letters[spot]
        else:
            letters[spot], letters[spot + 1] = letters[spot + 1], letters[spot]
        return "".join(letters)
    if kind == "split":
        words = name.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) > 6:
            cut = rng.randrange(3, len(word) - 1)
            words[longest] = word[:cut] + " " + word[cut:]
        return " ".join(words)
    if kind == "abbreviation":
        for long, short in ABBREVIATIONS.items():
            if long in name:
                return name.replace(long, short)
        return name
    if kind == "leftover":
        return rng.choice(["Lainnya", "Daerah", "Kegiatan"]) + " " + name
    return name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=10_000, help="noisy names to match")
    parser.add_argument("--repeat", type=int, default=3, help="runs per median")
    args = parser.parse_args(argv)

    import renja
    from renja.normalize.coding import Coder
    from renja.normalize.match import Matcher
    from renja.normalize.nomenclature import VERSION_2027, load_nomenclature

    with tempfile.TemporaryDirectory() as cache:
        cold = load_in_fresh_process(Path(cache))
        warm = statistics.median(load_in_fresh_process(Path(cache)) for _ in range(args.repeat))
    reference = load_nomenclature()
    cached = median_time(load_nomenclature, args.repeat)

    prepare = median_time(lambda: Matcher(reference, version=VERSION_2027).match("x"), 1)

    result = renja.process(SAMPLE, code=False)
    tables = result.tables

    def code_sample() -> int:
        matcher = Matcher(
            reference,
            version="1317/2023",
            jenis_pemda="kabkota",
            bidang=result.meta.bidang,
            bidang_for_program={"01": "5.03"},
        )
        matcher.match("x")  # the normal forms, prepared once per run, are not timed below
        coder = Coder(reference, matcher, "1317/2023", "kabkota")
        start = time.perf_counter()
        for table in tables:
            coder.code_table(_copy(table))
        coding_times.append(time.perf_counter() - start)
        return sum(len(t.frame) for t in tables)

    coding_times: list[float] = []
    rows = 0
    for _ in range(args.repeat):
        rows = code_sample()
    coding = statistics.median(coding_times)

    rng = random.Random(SEED)
    matcher = Matcher(reference, version=VERSION_2027, jenis_pemda="kabkota")
    matcher.match("x")
    # The entries a kab/kota document outside the regional blocks (Aceh, Papua …) can get.
    index = matcher.index
    entries = [
        e
        for i, e in enumerate(index.entries)
        if e.jenis_pemda == "kabkota" and not index.regional[i]
    ]
    picks = [rng.choice(entries) for _ in range(args.names)]
    names = [damage(e.name, rng) for e in picks]
    batch_times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        matches = matcher.match_many(names)
        batch_times.append(time.perf_counter() - start)
    batch = statistics.median(batch_times)
    decided = [(m, e) for m, e in zip(matches, picks, strict=True) if m.code is not None]
    right = sum(1 for m, e in decided if m.code == e.code)
    wrong = [(n, m, e) for n, (m, e) in zip(names, zip(matches, picks, strict=True), strict=True)
             if m.code is not None and m.code != e.code]  # fmt: skip

    lines = [
        "# renja nomenclature benchmark",
        "",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs; "
        f"python {platform.python_version()}",
        f"- reference: {reference.source} ({len(reference.entries)} entries)",
        f"- medians of {args.repeat} runs",
        "",
        "| step | time |",
        "|---|--:|",
        f"| load, cold (parse both CSVs, write the cache) | {cold * 1000:.0f} ms |",
        f"| load, warm (from the pickle cache, new process) | {warm * 1000:.0f} ms |",
        f"| load, cached in process | {cached * 1000:.2f} ms |",
        f"| prepare a matcher for the 2027 list (normal forms of every name) | "
        f"{prepare * 1000:.0f} ms |",
        f"| code every row of the sample ({rows} rows in {len(tables)} tables) | "
        f"{coding * 1000:.0f} ms |",
        f"| match {args.names:,} noisy names against the 2027 kab/kota list | {batch:.2f} s |",
        "",
        f"Of the {args.names:,} noisy names, {len(decided):,} got a code and {right:,} of those "
        f"are the name's own code ({right / max(len(decided), 1):.1%}). Names that occur under "
        "several codes in the list cannot be decided without context and are left without one.",
    ]
    if wrong:
        lines += ["", "Wrong codes:", ""]
        lines += [f"- {n!r}: {m.code} ({m.best.score if m.best else 0:g}) instead of {e.code} "
                  f"'{e.name}'" for n, m, e in wrong]  # fmt: skip
    report = "\n".join(lines) + "\n"
    print(report)
    REPORT.write_text(report, encoding="utf-8")
    from figures import sync_readme

    sync_readme()  # docs/kinerja.md quotes the file
    return 0


def _copy(table):  # a fresh table each run, so the coding is timed on uncoded rows
    from dataclasses import replace

    return replace(table, frame=table.frame.copy())


if __name__ == "__main__":
    sys.exit(main())
