"""Write every generated layout PDF and its facts: ``python tests/render_layouts.py OUTDIR``.

Then ``renja run OUTDIR --out OUT``, ``python3 ../shared/tools/coverage.py --batch OUTDIR OUT``
(gold-free) and ``python tests/score_layouts.py OUTDIR OUT --misses`` (against the facts).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.layouts import DOCUMENTS  # (needs the repository on the path first)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tests/render_layouts.py OUTDIR", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in DOCUMENTS.items():
        generated = make(folder)
        generated.write_facts(folder)
        print(
            f"{name}: {generated.pages} page(s), {len(generated.facts)} rows, "
            f"{len(generated.errors)} planted error(s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
