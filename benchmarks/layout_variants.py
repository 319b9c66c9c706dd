"""Every invented layout printed in other ways: without rules, with row rules only, in another
font or size, portrait, with the header's labels set top left or at the bottom of their cells.
A table renja reads only as it was first printed is a table it has learnt, not one it can read.

Run from the repository root (``make accuracy`` runs it)::

    .venv/bin/python benchmarks/layout_variants.py [--only NAME ...]

Each variant changes the ``Layout`` of every table of ``tests/layouts.py`` (``printed_as`` in
``tests/layoutkit.py``); the PDFs are read with ``renja.process`` and scored against their
facts (``tests/score_layouts.py``): rows found whole, planted errors found, false alarms. The
report goes to stdout and to ``benchmarks/results_layout_variants.md``, which docs/kinerja.md
quotes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.layoutkit import printed_as  # noqa: E402  (needs the repository on the path)
from tests.layouts import DOCUMENTS  # noqa: E402
from tests.pdfgen import Layout  # noqa: E402
from tests.score_layouts import Score, measure  # noqa: E402

REPORT = REPO / "benchmarks" / "results_layout_variants.md"
# The layouts as designed (their ``_none`` prints are the "no rules" variant here).
LAYOUTS = {name: make for name, make in DOCUMENTS.items() if not name.endswith("_none")}
VARIANTS: dict[str, Callable[[Layout], Layout]] = {
    "as designed": lambda layout: layout,
    "no rules": lambda layout: replace(layout, rules="none"),
    "row rules only": lambda layout: replace(layout, rules="horizontal"),
    "every rule": lambda layout: replace(layout, rules="all"),
    "Times": lambda layout: replace(layout, font="Times-Roman", bold_font="Times-Bold"),
    "Courier": lambda layout: replace(layout, font="Courier", bold_font="Courier-Bold"),
    "15% larger": lambda layout: replace(layout, size=layout.size * 1.15),
    "15% smaller": lambda layout: replace(layout, size=layout.size * 0.85),
    "no rules, 15% larger": lambda layout: replace(layout, rules="none", size=layout.size * 1.15),
    "portrait": lambda layout: replace(layout, landscape=False),
    "no rules, header top left": lambda layout: replace(
        layout, rules="none", header_align="left", header_valign="TOP"
    ),
    "no rules, header at the bottom": lambda layout: replace(
        layout, rules="none", header_valign="BOTTOM"
    ),
}


def scores(change: Callable[[Layout], Layout], folder: Path) -> dict[str, Score]:
    """Each layout printed with ``change``, read and scored."""
    import renja
    from renja.present.writer import write_result

    out: dict[str, Score] = {}
    with printed_as(change):
        for name, make in LAYOUTS.items():
            generated = make(folder)
            facts = json.loads(generated.write_facts(folder).read_text(encoding="utf-8"))
            result = renja.process(generated.pdf)
            written = write_result(result, folder / "out", parquet=False, reports=False)
            out[name] = measure(facts, written)
    return out


def cell(score: Score) -> str:
    """rows found whole, planted errors found, false alarms: ``24/24 2/2 0``; a shortfall bold."""
    text = f"{score.rows}/{score.money} {score.errors}/{score.planted} {score.alarms}"
    whole = score.rows == score.money and score.errors == score.planted
    return text if whole and not score.alarms else f"**{text}**"


def report(results: dict[str, dict[str, Score]]) -> str:
    names = list(LAYOUTS)
    lines = [
        "# renja on the invented layouts printed in other ways",
        "",
        f"Made by `benchmarks/layout_variants.py` on {datetime.date.today().isoformat()}. Each "
        "cell: rows found whole, planted errors found, false alarms; a shortfall is bold.",
        "",
        "| layout | " + " | ".join(results) + " |",
        "|---|" + "--:|" * len(results),
    ]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(cell(r[name]) for r in results.values()) + " |")
    short = sum(cell(r[n]).startswith("**") for r in results.values() for n in names)
    lines += ["", f"{short} of {len(results) * len(names)} readings fall short."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=list(VARIANTS), help="variants to run")
    args = parser.parse_args(argv)
    chosen = args.only or list(VARIANTS)
    results: dict[str, dict[str, Score]] = {}
    for name in chosen:
        with tempfile.TemporaryDirectory(prefix="renja-variants-") as folder:
            results[name] = scores(VARIANTS[name], Path(folder))
        short = [n for n, s in results[name].items() if cell(s).startswith("**")]
        print(f"{name}: {len(short)} short {short}", flush=True)
    if args.only is None:
        from figures import publish

        publish(REPORT, report(results))
    else:
        print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
