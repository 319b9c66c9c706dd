"""The code checks' warnings on every development document, against a person's judgement.

Run from the repository root (``make accuracy`` runs it after accuracy.py)::

    .venv/bin/python benchmarks/code_checks.py

It processes the sample (``samples/renja-bkpsdm-banjarbaru-2024.md``) and every document in
``../shared/samples/real`` (skipped when absent), takes the warnings of the three checks that
compare printed codes with the nomenclature (``kode_uraian_tidak_cocok``, ``kode_tidak_dikenal``,
``skema_kode_ganda``) and looks each up in ``tests/data/code_check_judgements.csv``: a person's
judgement of that warning against the page (``benar``: the document is wrong there; ``salah``:
a false warning; ``belum``: not judged, with the reason). A warning the file does not list is
counted as new: judge it and add it. The report goes to stdout and to
``benchmarks/results_code_checks.md``, which docs/kinerja.md quotes.
"""

from __future__ import annotations

import csv
import datetime
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from renja.model.records import Finding

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "renja-bkpsdm-banjarbaru-2024.md"
REAL = REPO.parent / "shared" / "samples" / "real"
JUDGEMENTS = REPO / "tests" / "data" / "code_check_judgements.csv"
REPORT = REPO / "benchmarks" / "results_code_checks.md"
CHECKS = ("kode_uraian_tidak_cocok", "kode_tidak_dikenal", "skema_kode_ganda")
VERDICTS = ("benar", "salah", "belum")

Key = tuple[str, str, str, str, str]  # document file, check, table, row, kode


def judgements(path: Path = JUDGEMENTS) -> dict[Key, str]:
    """Each judged warning's verdict, by (document file, check, table, row, kode)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (r["dokumen"], r["check"], r["tabel"], r["baris"], r["kode"]): r["penilaian"]
            for r in csv.DictReader(handle)
        }


def warning_keys(name: str, findings: Iterable[Finding]) -> list[Key]:
    """The document's warnings of the three checks, as the judgements file names them."""
    return [
        (name, f.check, f.table, str(f.row), f.kode or "") for f in findings if f.check in CHECKS
    ]


def warnings_of(path: Path) -> list[Key]:
    import renja

    return warning_keys(path.name, renja.process(path).findings)


def report(found: dict[str, list[Key]], judged: dict[Key, str]) -> str:
    per_check: dict[str, Counter[str]] = {check: Counter() for check in CHECKS}
    per_document: dict[str, Counter[str]] = {}
    for name, keys in found.items():
        per_document[name] = Counter()
        for key in keys:
            verdict = judged.get(key, "baru")
            per_check[key[1]][verdict] += 1
            per_document[name][verdict] += 1
    total = sum(per_check.values(), Counter())

    def line(label: str, counts: Counter[str]) -> str:
        cells = [str(counts.total())] + [str(counts[v]) for v in (*VERDICTS, "baru")]
        return f"| {label} | " + " | ".join(cells) + " |"

    header = (
        "| {} | warnings | true | false | not judged | new, to judge |\n|---|--:|--:|--:|--:|--:|"
    )
    lines = [
        "# renja code checks against a person's judgement",
        "",
        f"Made by `benchmarks/code_checks.py` on {datetime.date.today().isoformat()} from "
        f"`tests/data/code_check_judgements.csv` ({len(judged)} warnings listed).",
        "",
        header.format("check"),
        *(line(f"`{check}`", counts) for check, counts in per_check.items()),
        line("**all**", total),
        "",
        header.format("document"),
        *(line(f"`{name}`", counts) for name, counts in per_document.items()),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    from renja.app.cli import find_documents

    documents = [SAMPLE, *(find_documents((REAL,)) if REAL.is_dir() else [])]
    found = {}
    for path in documents:
        found[path.name] = warnings_of(path)
        print(f"{path.name}: {len(found[path.name])} warnings", flush=True)
    if not REAL.is_dir():
        print(f"note: {REAL} is absent; the sample only", file=sys.stderr)
    from figures import publish

    publish(REPORT, report(found, judgements()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
