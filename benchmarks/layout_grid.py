"""The invented layouts printed in combinations no one chose: a seeded random sample of prints
from the grid of rules (none, rows only), font (Helvetica, Times, Courier), size (85%, 100%,
115%), header placement (centred, top left, at the bottom) and orientation (as designed,
portrait). ``layout_variants.py`` changes one thing at a time; real documents change several.

Run from the repository root (``make accuracy`` runs it)::

    .venv/bin/python benchmarks/layout_grid.py [--prints N] [--seed S]

Each print is scored as in ``layout_variants.py``: rows found whole, planted errors found,
false alarms. The report goes to stdout and to ``benchmarks/results_layout_grid.md``, which
docs/kinerja.md quotes. The same seed gives the same prints, so a change is measured on the
prints it was measured on before.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import random
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from layout_variants import LAYOUTS, REPO, Layout, cell, scores

REPORT = REPO / "benchmarks" / "results_layout_grid.md"
FONTS = {
    "Helvetica": {},
    "Times": {"font": "Times-Roman", "bold_font": "Times-Bold"},
    "Courier": {"font": "Courier", "bold_font": "Courier-Bold"},
}
HEADERS = {
    "centred": {},
    "top left": {"header_align": "left", "header_valign": "TOP"},
    "bottom": {"header_valign": "BOTTOM"},
}
RULES = {"none": "no rules", "horizontal": "row rules"}


@dataclass(frozen=True)
class Print:
    rules: str
    font: str
    size: float
    header: str
    portrait: bool

    @property
    def name(self) -> str:
        return (f"{RULES[self.rules]}, {self.font}, {self.size:.0%}, header {self.header}"
                + (", portrait" if self.portrait else ""))  # fmt: skip

    def __call__(self, layout: Layout) -> Layout:
        return replace(
            layout,
            rules=self.rules,
            size=layout.size * self.size,
            landscape=layout.landscape and not self.portrait,
            **FONTS[self.font],
            **HEADERS[self.header],
        )


def sample(prints: int, seed: int) -> list[Print]:
    grid = [Print(*combo) for combo in itertools.product(
        RULES, FONTS, (0.85, 1.0, 1.15), HEADERS, (False, True))]  # fmt: skip
    return random.Random(seed).sample(grid, prints)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prints", type=int, default=24, help="how many prints (of 108)")
    parser.add_argument("--seed", type=int, default=1, help="the sample's seed")
    args = parser.parse_args(argv)
    rows, short_readings, readings = [], 0, 0
    for chosen in sample(args.prints, args.seed):
        with tempfile.TemporaryDirectory(prefix="renja-grid-") as folder:
            results = scores(chosen, Path(folder))
        short = [f"{n} {cell(s)}" for n, s in results.items() if cell(s).startswith("**")]
        readings += len(results)
        short_readings += len(short)
        rows.append(f"| {chosen.name} | {len(results) - len(short)}/{len(results)} | "
                    + ("; ".join(short) or "") + " |")  # fmt: skip
        print(f"{chosen.name}: {len(short)} short", flush=True)
    lines = [
        "# renja on the invented layouts printed in sampled combinations",
        "",
        f"Made by `benchmarks/layout_grid.py --prints {args.prints} --seed {args.seed}` on "
        f"{datetime.date.today().isoformat()}: {len(LAYOUTS)} layouts per print. A shortfall: "
        "rows found whole, planted errors found, false alarms.",
        "",
        "| print | layouts whole | short |",
        "|---|--:|---|",
        *rows,
        "",
        f"{short_readings} of {readings} readings fall short.",
    ]
    from figures import publish

    publish(REPORT, "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
