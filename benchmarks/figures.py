"""The benchmark figures of docs/kinerja.md, quoted from the results files the benchmarks write.

docs/kinerja.md quotes each results file between two markers::

    <!-- results: benchmarks/results_pdf.md -->
    ... the file's content, its title line left out ...
    <!-- /results -->

Each benchmark calls ``sync_readme()`` after it writes its file (and ``make bench`` runs this
script at the end), so the figures the documentation shows are the ones the last run measured, never
typed by hand; ``tests/test_readme.py`` fails when a quote and its file differ.

    .venv/bin/python benchmarks/figures.py          # quote the results files into docs/kinerja.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "docs" / "kinerja.md"  # the page that quotes the results files
QUOTE = re.compile(
    r"(?P<open><!-- results: (?P<file>[^ >]+) -->\n)(?P<body>.*?)(?P<close><!-- /results -->)",
    re.DOTALL,
)


def quoted(text: str) -> str:
    """What the page quotes of a results file: all but its title line (``# …``), trimmed.

    >>> quoted("# renja benchmark\\n\\n| a |\\n|---|\\n")
    '| a |\\n|---|\\n'
    """
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip() + "\n"


def sync_readme(readme: Path = README) -> list[str]:
    """Quote every results file the page names between its markers; return the files whose
    quote changed."""
    text = readme.read_text(encoding="utf-8")
    changed: list[str] = []

    def replace(match: re.Match[str]) -> str:
        source = REPO / match["file"]
        body = quoted(source.read_text(encoding="utf-8")) if source.is_file() else match["body"]
        if body != match["body"]:
            changed.append(match["file"])
        return match["open"] + body + match["close"]

    updated = QUOTE.sub(replace, text)
    if updated != text:
        readme.write_text(updated, encoding="utf-8")
    return changed


def publish(results: Path, text: str) -> None:
    """A benchmark's end: its report written to its results file and to stdout, and quoted
    into docs/kinerja.md."""
    results.write_text(text, encoding="utf-8")
    print(text)
    sync_readme()


if __name__ == "__main__":
    names = sync_readme()
    print("docs/kinerja.md quotes " + (", ".join(names) if names else "unchanged"))
    sys.exit(0)
