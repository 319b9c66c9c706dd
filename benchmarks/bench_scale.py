"""How renja's cost grows with the size of one document: rows in one table, and many tables.

Writes ``benchmarks/results_scale.md``. Each point is one ``renja run FILE --out DIR`` in a
fresh process (report, workbook and Parquet included), timed from outside, with the child's peak
resident memory from ``wait4``. The documents are generated: an RKPD-like Markdown table of
SKPD blocks of programs, kegiatan and sub kegiatan with their official codes and names (read from
the Permendagri 90 reference), indicators, targets and pagu that add up, and a document of many
small tables. Growth is linear when time per row (or per table) stays flat;
a point whose time per unit is more than 1.5 times the smallest point's is flagged.

    python benchmarks/bench_scale.py            # 1k, 10k, 100k, 200k rows; 100, 10k tables
    python benchmarks/bench_scale.py --quick    # 1k, 10k rows; 100, 1k tables
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results_scale.md"


def renja_command() -> list[str]:
    """The installed ``renja`` console script beside this interpreter, else ``python -m``."""
    script = Path(sys.executable).parent / "renja"
    return [str(script)] if script.exists() else [sys.executable, "-m", "renja.app.cli"]

HEADER = (
    "| Kode | Program / Kegiatan / Sub Kegiatan | Indikator Kinerja | Target | Satuan "
    "| Pagu Indikatif (Rp) |\n|---|---|---|---|---|---|\n"
)


def nomenclature_blocks() -> list[list[tuple[str, str, str]]]:
    """One block of (level, kode, uraian) rows per bidang, in code order, as an RKPD lists each
    SKPD's programs: the generic support program under the bidang's code, then the bidang's own
    programs, kegiatan and sub kegiatan (Kepmendagri 1317/2023, from the reference folder)."""
    from renja.normalize.nomenclature import load_nomenclature

    reference = load_nomenclature()
    entries = [
        e for e in reference.select(version="1317/2023")
        if e.level in ("program", "kegiatan", "sub_kegiatan")
    ]
    bidang = [e for e in reference.select(version="1317/2023", level="bidang") if "X" not in e.code]
    blocks = []
    for unit in bidang:
        rows = [
            (e.level, e.code.replace("X.XX", unit.code, 1), e.name)
            for e in entries
            if e.code.startswith("X.XX.") or e.code.startswith(unit.code + ".")
        ]
        blocks.append([("unit", "", f"Dinas {unit.name.title()}"), *sorted(rows, key=_order)])
    return blocks


def _order(row: tuple[str, str, str]) -> list[int]:
    return [int(s) if s.isdigit() else 0 for s in row[1].split(".")]


def coded_rows(count: int) -> Iterator[str]:
    """``count`` rows of SKPD blocks of programs, kegiatan and sub kegiatan with their official
    codes and names; every parent's pagu is the sum of its children's, so the audit has real
    sums to check at every level. Blocks repeat (another year's SKPD) when ``count`` is larger
    than the nomenclature."""
    blocks = nomenclature_blocks()
    written = 0
    round_ = 0
    while True:
        for block in blocks:
            pagu = _block_pagu(block, round_)
            for level, code, name in block:
                if written == count:
                    return
                amount = f"{pagu[code]:,}".replace(",", ".") if code else ""
                indikator, target, satuan = (
                    ("", "", "") if level == "unit" else ("Persentase capaian", "100", "%")
                )
                yield f"| {code} | {name} | {indikator} | {target} | {satuan} | {amount} |"
                written += 1
        round_ += 1


def _block_pagu(block: list[tuple[str, str, str]], round_: int) -> dict[str, int]:
    """Each sub kegiatan's pagu, and each kegiatan's and program's as the sum of its own."""
    pagu: dict[str, int] = {}
    for index, (level, code, _) in enumerate(block):
        if level == "sub_kegiatan":
            value = 1_000_000 * ((index + round_) % 17 + 1)
            pagu[code] = value
            kegiatan = code.rsplit(".", 1)[0]
            program = kegiatan.rsplit(".", 2)[0]
            for parent in (kegiatan, program):
                pagu[parent] = pagu.get(parent, 0) + value
    for _, code, _ in block:
        pagu.setdefault(code, 0)
    return pagu


def rows_document(count: int) -> str:
    body = "\n".join(coded_rows(count))
    return (
        "# RENCANA KERJA DINAS CONTOH KABUPATEN CONTOH TAHUN 2025\n\n"
        "Tabel 5.1 Rencana Program, Kegiatan dan Sub Kegiatan\n\n" + HEADER + body + "\n"
    )


def tables_document(count: int) -> str:
    """``count`` small tables, each one program with one kegiatan and two sub kegiatan (official
    codes and names, as in ``coded_rows``), whose amounts add up."""
    blocks = nomenclature_blocks()
    parts = ["# RENCANA KERJA DINAS CONTOH KABUPATEN CONTOH TAHUN 2025\n"]
    for index in range(count):
        block = blocks[index % len(blocks)]
        program = block[1]
        kegiatan = next(r for r in block if r[0] == "kegiatan")
        subs = [r for r in block if r[0] == "sub_kegiatan" and r[1].startswith(kegiatan[1])][:2]
        rows = [(program, 3), (kegiatan, 3), *zip(subs, (1, 2), strict=False)]
        body = "".join(
            f"| {code} | {name} | Persentase capaian | 100 | % | {millions}.000.000 |\n"
            for (_, code, name), millions in rows
        )
        parts.append(f"\nTabel {index + 1} Rencana Program {index + 1}\n\n" + HEADER + body)
    return "".join(parts)


@dataclass(frozen=True)
class Point:
    what: str
    units: int
    unit: str
    megabytes: float
    seconds: float
    peak_mib: float
    ok: bool
    findings: int = 0


def run_point(what: str, units: int, unit: str, text: str, work: Path) -> Point:
    source = work / f"scale-{unit}-{units}.md"
    source.write_text(text, encoding="utf-8")
    out = work / f"out-{unit}-{units}"
    start = time.perf_counter()
    process = subprocess.Popen(
        [*renja_command(), "run", str(source), "--out", str(out), "--no-corpus", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    manifest = out / source.stem / "manifest.json"
    ok = os.waitstatus_to_exitcode(status) in (0, 1) and manifest.is_file()
    findings = 0
    if ok:
        counts = json.loads(manifest.read_text(encoding="utf-8")).get("counts") or {}
        findings = sum((counts.get("findings") or {}).values())
    else:
        print(stderr, file=sys.stderr)
    shutil.rmtree(out, ignore_errors=True)
    return Point(what, units, unit, len(text.encode()) / 2**20, seconds, usage.ru_maxrss / 1024,
                 ok, findings)  # fmt: skip


def table(points: Sequence[Point]) -> list[str]:
    lines = [
        "| document | units | MB | findings | time s | ms per unit | ×(ms per unit of the first) "
        "| peak MiB | verdict |",
        "|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    base = points[0].seconds / points[0].units
    for p in points:
        per = p.seconds / p.units
        ratio = per / base
        verdict = "FAILED" if not p.ok else ("SUPER-LINEAR" if ratio > 1.5 else "linear")
        lines.append(
            f"| {p.what} | {p.units:,} {p.unit} | {p.megabytes:.2f} | {p.findings:,} "
            f"| {p.seconds:.1f} | {per * 1000:.3f} | {ratio:.2f} | {p.peak_mib:.0f} | {verdict} |"
        )
    return lines


GOAL_ROWS, GOAL_SECONDS = 200_000, 120.0  # issue 14: 200,000 rows in under 2 minutes


def goal_line(points: Sequence[Point]) -> list[str]:
    """Whether the 200,000-row document met the goal, when it was run."""
    point = next((p for p in points if p.units == GOAL_ROWS and p.unit == "baris"), None)
    if point is None:
        return []
    met = "met" if point.ok and point.seconds < GOAL_SECONDS else "NOT met"
    return ["", f"Goal: {GOAL_ROWS:,} rows in under {GOAL_SECONDS:.0f} s, report and workbook "
            f"included: {met} ({point.seconds:.0f} s)."]  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--rows", type=int, nargs="*", help="row counts to run")
    parser.add_argument("--tables", type=int, nargs="*", help="table counts to run")
    parser.add_argument("--no-write", action="store_true", help="print, do not write results")
    args = parser.parse_args(argv)
    rows = args.rows if args.rows is not None else (
        [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000, 200_000]
    )
    tables = args.tables if args.tables is not None else (
        [100, 1_000] if args.quick else [100, 10_000]
    )
    with tempfile.TemporaryDirectory(prefix="renja-scale-") as tmp:
        work = Path(tmp)
        row_points = []
        for count in rows:
            row_points.append(run_point("one table", count, "baris", rows_document(count), work))
            print(table(row_points)[-1], flush=True)
        table_points = []
        for count in tables:
            table_points.append(
                run_point("small tables", count, "tabel", tables_document(count), work)
            )
            print(table(table_points)[-1], flush=True)
    lines = [
        "# renja scale benchmark",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs",
        f"- python: {platform.python_version()}",
        "- each point: `renja run FILE --out DIR --no-corpus` in a fresh process, report, "
        "workbook and Parquet included; peak is the child's maximum resident memory",
        "",
        "## Rows in one table",
        "",
        *(table(row_points) if row_points else ["(not run)"]),
        *goal_line(row_points),
        "",
        "## Many small tables (4 rows each)",
        "",
        *(table(table_points) if table_points else ["(not run)"]),
        "",
    ]
    if not args.no_write:
        RESULTS.write_text("\n".join(lines), encoding="utf-8")
        print(f"wrote {RESULTS}")
        from figures import sync_readme

        sync_readme()
    else:
        print("\n".join(lines))
    return 0 if all(p.ok for p in (*row_points, *table_points)) else 1


if __name__ == "__main__":
    sys.exit(main())
