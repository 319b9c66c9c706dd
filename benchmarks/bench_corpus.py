"""Throughput of batch runs: a corpus of 200 documents with 1 and 2 local workers.

The corpus is made from the samples and generated variants (``--quick``: 20 documents):

- the sample Markdown, copied under other names and years (a 9-table, 1,000-line Renja);
- small generated Renja in Markdown (one pergeseran table of 3 to 40 sub kegiatan);
- the sample's Tabel 5.1-5.3 rendered to PDF with reportlab in the test layouts;
- the real Kaltim and Bogor PDFs from ../shared/samples/real, and the sample PDF.

Each configuration runs ``renja run CORPUS --out OUT --workers N --no-report --force`` in a
fresh process, timed from outside, and reads OUT/batch.json. Peak memory per worker is each
worker's own high-water mark (``Outcome.peak_mib``).

Then the corpus build at the scale of a year's documents: the output folders of a small real
run (the sample and small generated Renja) copied under other ids, pemda and years up to
``--documents`` (default 200, 2,000 and 20,000 folders). For each size, ``build_corpus`` runs in
a fresh process (time and peak memory): from nothing, again with nothing changed, and after 1%
of the folders were written again. Writes ``benchmarks/results_corpus.md``
(``--simulate-only``: the simulation alone, for a quick look; then nothing is written).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLE_MD = REPO / "samples" / "renja-bkpsdm-banjarbaru-2024.md"
SAMPLE_PDF = REPO / "samples" / "renja-bkpsdm-banjarbaru-2024.pdf"
REAL = REPO.parent / "shared" / "samples" / "real"
RESULTS = REPO / "benchmarks" / "results_corpus.md"
NATIONAL = 20_000  # about 548 pemda x 40 SKPD: the Renja of one year

sys.path.insert(0, str(REPO))  # tests.pdfgen renders the PDF variants


def make_corpus(folder: Path, total: int) -> dict[str, int]:
    """Write ``total`` documents into ``folder``; returns how many of each sort."""
    from tests.pdfgen import render
    from tests.test_pdf_variants import LAYOUTS

    rng = random.Random(2024)
    shares = {"sample_md": 0.30, "small_md": 0.40, "pdf_variant": 0.20, "real_pdf": 0.10}
    counts = {k: round(v * total) for k, v in shares.items()}
    counts["small_md"] += total - sum(counts.values())
    text = SAMPLE_MD.read_text(encoding="utf-8")
    for i in range(counts["sample_md"]):
        year = 2022 + i % 5
        copy = text.replace("RENJA PERUBAHAN 2024", f"RENJA PERUBAHAN {year}", 1)
        (folder / f"sample-{i:03d}.md").write_text(copy, encoding="utf-8")
    codes = [f"5.03.01.2.{k:02d}.{s:04d}" for k in (1, 2, 5, 6, 7, 8, 9) for s in range(1, 12)]
    for i in range(counts["small_md"]):
        rows = rng.sample(codes, rng.randint(3, 40))
        body = "".join(
            f"{c}\tSub kegiatan {c}\t{rng.randint(1, 900) * 1_000_000:,}\t"
            f"{rng.randint(1, 900) * 1_000_000:,}\n".replace(",", ".")
            for c in sorted(rows)
        )
        (folder / f"small-{i:03d}.md").write_text(
            f"PEMERINTAH KOTA CONTOH {i % 7}\n\nBADAN KEPEGAWAIAN DAERAH\n\n"
            f"RENJA PERUBAHAN {2022 + i % 5}\n\nTabel 5.3 Pergeseran Pagu\n\n"
            "Kode\tSub Kegiatan\tSebelum\tSesudah\n" + body,
            encoding="utf-8",
        )
    tables = sample_tables()
    layouts = list(LAYOUTS.values())
    for i in range(counts["pdf_variant"]):
        render(folder / f"variant-{i:03d}.pdf", tables, layouts[i % len(layouts)])
    real = [REAL / "renja-binakonstruksi-pupr-provkaltim-2025.pdf",
            REAL / "rka-subkeg-rakor-disdagin-kotabogor-2022.pdf", SAMPLE_PDF]  # fmt: skip
    for i in range(counts["real_pdf"]):
        source = real[i % len(real)]
        shutil.copy(source, folder / f"real-{i:03d}-{source.name}")
    return counts


def sample_tables() -> list:
    """The sample's Tabel 5.1-5.3 as the tests render them."""
    import renja
    from renja.model.records import RowRole
    from tests.pdfgen import TableSpec
    from tests.test_pdf_variants import FORMS

    result = renja.process(SAMPLE_MD, code=False)
    out = []
    for raw in result.raw_tables:
        if result.kinds[raw.table_id] in FORMS:
            rows = [r for r in raw.rows if r.role in (RowRole.HEADER, RowRole.BODY)]
            headers = sum(r.role is RowRole.HEADER for r in rows)
            bold = frozenset(i for i, r in enumerate(rows) if r.bold)
            out.append(TableSpec(raw.caption, [r.cells for r in rows], headers, bold))
    return out


def pdf_pages(folder: Path) -> int:
    import pdfplumber

    total = 0
    for path in folder.glob("*.pdf"):
        with pdfplumber.open(path) as pdf:
            total += len(pdf.pages)
    return total


def run(corpus: Path, out: Path, workers: int) -> dict[str, float]:
    renja = str(Path(sys.executable).parent / "renja")
    command = [renja, "run", str(corpus), "--out", str(out), "--workers", str(workers),
               "--no-report", "--force", "--no-corpus", "-q"]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"renja run failed:\n{done.stderr[-2000:]}")
    batch = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    return {"seconds": seconds, "documents": len(batch["documents"])}


def peak_per_worker(corpus: Path, out: Path, workers: int) -> float:
    """Run again in this process's pool and read every worker's high-water mark."""
    from renja.app.batch import plan_jobs, run_local

    jobs = plan_jobs(sorted(p for p in corpus.iterdir()), out, reports=False, force=True)
    return max(o.peak_mib for o in run_local(jobs, workers))


def corpus_build(out: Path) -> float:
    from renja.present.corpus import build_corpus

    started = time.perf_counter()
    build_corpus(out)
    return time.perf_counter() - started


# --- the corpus build at scale: copies of a real run's folders -----------------------------------

SIMULATED = (200, 2_000, NATIONAL)
CHANGED_SHARE = 0.01  # of the folders written again between two builds
# A fresh interpreter that builds the corpus of an output folder and reports what it holds.
BUILD = """
import json, sys
from renja.present.corpus import build_corpus
built = build_corpus(sys.argv[1])
print(json.dumps({"documents": built.documents, "rows": built.rows, "findings": built.findings}))
"""


def seed_folders(scratch: Path) -> list[Path]:
    """The output folders of a small real run: two copies of the sample, eight small Renja."""
    source = scratch / "seed-in"
    source.mkdir()
    text = SAMPLE_MD.read_text(encoding="utf-8")
    for i in range(2):
        (source / f"sample-{i}.md").write_text(text, encoding="utf-8")
    rng = random.Random(2025)
    codes = [f"5.03.01.2.{k:02d}.{s:04d}" for k in (1, 2, 5, 6, 7) for s in range(1, 10)]
    for i in range(8):
        rows = sorted(rng.sample(codes, rng.randint(5, 30)))
        body = "".join(f"{c}\tSub kegiatan {c}\t{rng.randint(1, 900)}.000.000\t"
                       f"{rng.randint(1, 900)}.000.000\n" for c in rows)  # fmt: skip
        (source / f"small-{i}.md").write_text(
            "PEMERINTAH KOTA CONTOH\n\nBADAN KEPEGAWAIAN DAERAH\n\nRENJA PERUBAHAN 2024\n\n"
            "Tabel 5.3 Pergeseran Pagu\n\nKode\tSub Kegiatan\tSebelum\tSesudah\n" + body,
            encoding="utf-8",
        )
    out = scratch / "seed-out"
    renja = str(Path(sys.executable).parent / "renja")
    done = subprocess.run([renja, "run", str(source), "--out", str(out), "--no-report",
                           "--no-corpus", "-q"], capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"renja run failed:\n{done.stderr[-2000:]}")
    return sorted(p for p in out.iterdir() if (p / "manifest.json").is_file())


def copy_folder(seed: Path, target: Path, index: int) -> None:
    """``seed`` as another document: its files linked, its manifest its own (id, pemda, year)."""
    shutil.copytree(seed, target, copy_function=os.link)
    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["doc_id"] = target.name
    meta = manifest.setdefault("meta", {})
    meta["pemda"] = f"Kabupaten Contoh {index % 548}"
    meta["tahun"] = 2022 + index % 5
    manifest_path.unlink()  # linked to the seed's: a new file, not the seed's changed
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")  # fmt: skip


def simulate(seeds: list[Path], out: Path, start: int, total: int) -> None:
    """Document folders ``start`` to ``total`` of a simulated output folder."""
    out.mkdir(exist_ok=True)
    (out / ".renja").write_text("", encoding="utf-8")
    for index in range(start, total):
        copy_folder(seeds[index % len(seeds)], out / f"doc-{index:05d}", index)


def timed_build(out: Path) -> dict[str, float]:
    """``build_corpus`` of ``out`` in a fresh process: its wall time (start-up included), its
    peak resident memory (``wait4``) and what the corpus holds."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", BUILD, str(out)], stdout=subprocess.PIPE,
                               text=True)  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    output = process.stdout.read() if process.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build_corpus failed on {out}")
    built = json.loads(output.strip().splitlines()[-1])
    return {**built, "seconds": seconds, "peak_kib": usage.ru_maxrss}


def rewrite(out: Path, share: float) -> int:
    """Write ``share`` of the document folders again (each a new folder, as a run writes it)."""
    folders = sorted(p for p in out.iterdir() if p.name.startswith("doc-"))
    chosen = folders[:: max(1, round(1 / share))]
    for folder in chosen:
        fresh = folder.with_name("." + folder.name + ".new")
        shutil.copytree(folder, fresh, copy_function=os.link)
        manifest = fresh / "manifest.json"
        data = manifest.read_bytes()
        manifest.unlink()
        manifest.write_bytes(data)
        shutil.rmtree(folder)
        fresh.rename(folder)
    return len(chosen)


def corpus_scale(scratch: Path, sizes: tuple[int, ...]) -> list[dict[str, Any]]:
    """Build the corpus of simulated output folders of each size: from nothing, unchanged, and
    after ``CHANGED_SHARE`` of the folders were written again."""
    seeds = seed_folders(scratch)
    out = scratch / "simulated"
    rows = []
    made = 0
    for size in sizes:
        simulate(seeds, out, made, size)
        made = size
        shutil.rmtree(out / "corpus", ignore_errors=True)
        fresh = timed_build(out)
        same = timed_build(out)
        changed = rewrite(out, CHANGED_SHARE)
        after = timed_build(out)
        rows.append({"documents": size, "fresh": fresh, "same": same, "changed": changed,
                     "after": after})  # fmt: skip
        print(f"{size} documents: from nothing {fresh['seconds']:.1f} s, unchanged "
              f"{same['seconds']:.1f} s, {changed} changed {after['seconds']:.1f} s", flush=True)
    return rows


def scale_lines(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| documents | corpus rows | from nothing | per document | nothing changed | 1% written "
        "again | peak memory (from nothing) |",
        "|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        fresh, same, after = r["fresh"], r["same"], r["after"]
        lines.append(
            f"| {r['documents']:,} | {int(fresh['rows']):,} | {fresh['seconds']:.1f} s | "
            f"{fresh['seconds'] / r['documents'] * 1000:.0f} ms | {same['seconds']:.1f} s | "
            f"{after['seconds']:.1f} s ({r['changed']} read) | {fresh['peak_kib'] / 1024:.0f} MiB |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 documents instead of 200")
    parser.add_argument("--documents", type=int, nargs="*", help="simulated corpus sizes")
    parser.add_argument("--simulate-only", action="store_true", help="the corpus build only")
    args = parser.parse_args()
    sizes = tuple(args.documents) if args.documents else ((200, 2_000) if args.quick else SIMULATED)
    if args.simulate_only:
        scratch = Path(tempfile.mkdtemp(prefix="renja-bench-corpus-"))
        try:
            print("\n".join(scale_lines(corpus_scale(scratch, sizes))))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return
    total = 20 if args.quick else 200
    scratch = Path(tempfile.mkdtemp(prefix="renja-bench-corpus-"))
    try:
        corpus = scratch / "corpus-in"
        corpus.mkdir()
        counts = make_corpus(corpus, total)
        pages = pdf_pages(corpus)
        results = {}
        for workers in (1, 2):
            out = scratch / f"out-{workers}"
            results[workers] = run(corpus, out, workers)
            results[workers]["peak_mib"] = peak_per_worker(corpus, scratch / "peak", workers)
        build = corpus_build(scratch / "out-2")
        scale = corpus_scale(scratch, sizes)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    lines = [
        f"# Corpus throughput ({dt.date.today().isoformat()})",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Corpus: {total} documents "
        f"({', '.join(f'{n} {k}' for k, n in counts.items())}), {pages} PDF pages. "
        "`renja run --no-report --force`, timed from outside (start-up included).",
        "",
        "| workers | seconds | documents/minute | PDF pages/second | peak memory per worker |",
        "|--:|--:|--:|--:|--:|",
    ]
    for workers, r in results.items():
        lines.append(
            f"| {workers} | {r['seconds']:.1f} | {r['documents'] * 60 / r['seconds']:.1f} | "
            f"{pages / r['seconds']:.2f} | {r['peak_mib']:.0f} MiB |"
        )
    one, two = results[1]["seconds"], results[2]["seconds"]
    per_doc = one / total
    efficiency = min(one / (2 * two), 1.0)  # noise can make two workers look super-linear
    lines += [
        "",
        f"Scaling from 1 to 2 workers: {one / two:.2f}x ({one / (2 * two):.0%} of linear). "
        f"Building the corpus from the {total} output folders: {build:.1f} s.",
        "",
        f"Estimate for {NATIONAL:,} documents (this mix, {per_doc:.2f} s of one core each):",
        "",
        "| where | hours |",
        "|---|--:|",
        f"| this machine, 1 worker | {NATIONAL * per_doc / 3600:.1f} |",
        f"| this machine, 2 workers | {NATIONAL * two / total / 3600:.1f} |",
    ]
    for n in (8, 32, 128):
        hours = NATIONAL * per_doc / (n * efficiency) / 3600
        lines.append(f"| Dask, {n} workers (one core each, at the 2-worker efficiency, ≤ 100%) | "
                     f"{hours:.2f} |")  # fmt: skip
    lines += [
        "",
        "## The corpus build at a year's scale",
        "",
        "The output folders of a small run (the sample twice, eight small Renja) copied under "
        "other ids, pemda and years; `build_corpus` in a fresh process: from nothing, again with "
        f"nothing changed, and after {CHANGED_SHARE:.0%} of the folders were written again.",
        "",
        *scale_lines(scale),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.quick:
        RESULTS.write_text(text, encoding="utf-8")
        from figures import sync_readme

        sync_readme()


if __name__ == "__main__":
    main()
