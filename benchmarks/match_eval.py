"""Nomenclature matching on the labelled set: a naive fuzzy baseline against renja's Matcher.

Run from the repository root::

    .venv/bin/python benchmarks/match_eval.py                  # baseline and renja's Matcher
    .venv/bin/python benchmarks/match_eval.py --only-baseline  # the baseline alone
    .venv/bin/python benchmarks/match_eval.py --misses         # also list wrong and abstained rows

The labelled set is ``tests/data/match_labelled.csv`` (see ``tests/data/README.md``). Each row
gives a name as printed in a Renja table, the level and context a matcher may use, and the
expected Permendagri 90 code, or no code when a careful reader could not decide (the matcher
should abstain). Prints Markdown to stdout.

The baseline is ``rapidfuzz.process.extractOne(text, names)`` over every program, kegiatan and
sub kegiatan name of both reference files, with the default scorer and no normalisation. It
always predicts; an ``X.XX`` code it picks is resolved to the bidang of ``within`` when given.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process

REPO = Path(__file__).resolve().parents[1]
LABELLED = REPO / "tests" / "data" / "match_labelled.csv"
REFERENCE = REPO.parent / "shared" / "reference" / "permendagri90"
REFERENCE_ENV_VAR = "RENJA_NOMENKLATUR"  # the variable renja's nomenclature loader reads
REFERENCE_FILES = ("kepmendagri_900.1.15.5-1317_2023.csv", "sipd_nomenklatur_pemutakhiran_2027.csv")
MATCHED_LEVELS = ("program", "kegiatan", "sub_kegiatan")
GENERIC_BIDANG = "X.XX"
LABELLED_COLUMNS = ("text", "level", "within", "expected", "source", "kind")
# Kinds in the order the per-kind table lists them; kinds not listed here follow, sorted.
KIND_ORDER = (
    "exact", "case", "typo", "split_word", "abbreviation", "synonym", "leftover_word",
    "truncated", "ambiguous_context", "abstain",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LabelledRow:
    """One row of the labelled set; empty strings stand for 'not given'."""

    line: int  # line number in the CSV file (header = 1)
    text: str
    level: str
    within: str
    expected: str
    source: str
    kind: str


Predictor = Callable[[LabelledRow], "str | None"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one matcher said about one row."""

    row: LabelledRow
    predicted: str | None

    @property
    def correct(self) -> bool:
        """A right code, or an abstention where no code is expected."""
        if not self.row.expected:
            return self.predicted is None
        return self.predicted is not None and same_code(self.predicted, self.row.expected)

    @property
    def abstained(self) -> bool:
        return self.predicted is None

    @property
    def wrong(self) -> bool:
        return self.predicted is not None and not self.correct


@dataclass(frozen=True, slots=True)
class Run:
    """One matcher over the whole labelled set."""

    name: str
    outcomes: list[Outcome]
    seconds: float


# --- input --------------------------------------------------------------------------------------


def read_labelled(path: Path) -> list[LabelledRow]:
    """The labelled rows of ``path``, checked for the expected header."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != LABELLED_COLUMNS:
            raise ValueError(f"{path}: the header must be {','.join(LABELLED_COLUMNS)}")
        return [
            LabelledRow(line=reader.line_num, **{key: (value or "").strip()
                                                  for key, value in record.items()})
            for record in reader
        ]  # fmt: skip


def reference_dir(explicit: str | None) -> Path:
    """``--reference``, else ``$RENJA_NOMENKLATUR`` (a folder, or a file in it), else ../shared."""
    named = explicit or os.environ.get(REFERENCE_ENV_VAR) or ""
    path = Path(named).expanduser() if named else REFERENCE
    return path.parent if path.is_file() else path


def reference_names(folder: Path) -> tuple[list[str], list[str]]:
    """Names and codes of every program, kegiatan and sub kegiatan row of both files, in order."""
    names: list[str] = []
    codes: list[str] = []
    for file_name in REFERENCE_FILES:
        with (folder / file_name).open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                if record["level"] in MATCHED_LEVELS:
                    names.append(record["name"])
                    codes.append(record["code"])
    return names, codes


# --- codes --------------------------------------------------------------------------------------


def same_code(left: str, right: str) -> bool:
    """Codes compare case-insensitively (``x.xx`` = ``X.XX``), ignoring surrounding blanks."""
    return left.strip().upper() == right.strip().upper()


def bidang_of(within: str) -> str | None:
    """The bidang (first two segments) of a context prefix, None when absent or generic.

    >>> bidang_of("5.03.01.2.07"), bidang_of("5.03"), bidang_of(""), bidang_of("X.XX.01")
    ('5.03', '5.03', None, None)
    """
    segments = within.split(".")
    if len(segments) < 2 or within.upper().startswith(GENERIC_BIDANG):
        return None
    return ".".join(segments[:2])


def resolve_generic(code: str, within: str) -> str:
    """An ``X.XX`` code with the bidang of ``within`` put in, when ``within`` names one.

    >>> resolve_generic("X.XX.01.2.06.0005", "5.03"), resolve_generic("X.XX.01", "")
    ('5.03.01.2.06.0005', 'X.XX.01')
    """
    bidang = bidang_of(within)
    if bidang is None or not code.upper().startswith(GENERIC_BIDANG):
        return code
    return bidang + code[len(GENERIC_BIDANG) :]


def unknown_expected(rows: Sequence[LabelledRow], codes: Sequence[str]) -> list[LabelledRow]:
    """Rows whose expected code is in neither reference file, also in its generic form."""
    known = {code.upper() for code in codes}
    return [
        row for row in rows
        if row.expected and row.expected.upper() not in known
        and (GENERIC_BIDANG + row.expected[len(GENERIC_BIDANG) :]).upper() not in known
    ]  # fmt: skip


# --- matchers -----------------------------------------------------------------------------------


def naive_baseline(folder: Path) -> Predictor:
    """``extractOne`` over all names (default scorer, no processing); always predicts."""
    names, codes = reference_names(folder)

    def predict(row: LabelledRow) -> str | None:
        best = process.extractOne(row.text, names)
        if best is None:  # only for an empty choice list
            return None
        _name, _score, index = best
        return resolve_generic(codes[index], row.within)

    return predict


def renja_matcher(folder: Path | None) -> Predictor | None:
    """renja's Matcher, or None with a note on stderr when it cannot be imported yet."""
    try:
        from renja.normalize.match import Matcher
        from renja.normalize.nomenclature import load_nomenclature
    except ImportError as exc:
        print(f"note: renja's Matcher is not available ({exc}); reporting the baseline only.",
              file=sys.stderr)  # fmt: skip
        return None
    matcher = Matcher(load_nomenclature(folder) if folder else load_nomenclature())

    def predict(row: LabelledRow) -> str | None:
        result = matcher.match(row.text, level=row.level or None, within=row.within or None)
        code: str | None = result.code
        return code

    return predict


def evaluate(name: str, predict: Predictor, rows: Sequence[LabelledRow]) -> Run:
    """Every row through one matcher, timed."""
    start = time.perf_counter()
    outcomes = [Outcome(row, predict(row)) for row in rows]
    return Run(name, outcomes, time.perf_counter() - start)


# --- report -------------------------------------------------------------------------------------


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.3f}" if denominator else "–"


def markdown_table(header: Sequence[str], body: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in body]
    return lines


def overall_table(runs: Sequence[Run]) -> list[str]:
    """Predicted, correct, wrong, abstained, precision, recall and correct abstentions."""
    header = ["matcher", "rows", "predicted", "correct", "wrong", "abstained", "precision",
              "recall", "correct abstentions", "ms/row"]  # fmt: skip
    body = []
    for run in runs:
        coded = [o for o in run.outcomes if o.row.expected]
        uncoded = [o for o in run.outcomes if not o.row.expected]
        predicted = sum(not o.abstained for o in run.outcomes)
        correct = sum(o.correct for o in coded)
        kept_out = sum(o.abstained for o in uncoded)
        body.append([
            run.name, len(run.outcomes), predicted, correct,
            sum(o.wrong for o in run.outcomes), sum(o.abstained for o in run.outcomes),
            ratio(correct, predicted), ratio(correct, len(coded)),
            f"{kept_out}/{len(uncoded)}",
            f"{1000 * run.seconds / max(len(run.outcomes), 1):.1f}",
        ])  # fmt: skip
    return markdown_table(header, body)


def ordered_kinds(rows: Sequence[LabelledRow]) -> list[str]:
    present = Counter(row.kind for row in rows)
    known = [kind for kind in KIND_ORDER if kind in present]
    return known + sorted(set(present) - set(KIND_ORDER))


def kind_table(runs: Sequence[Run], rows: Sequence[LabelledRow]) -> list[str]:
    """Per kind: rows, then correct / wrong / abstained for each matcher.

    On rows without an expected code, 'correct' counts abstentions and 'wrong' any code.
    """
    header = ["kind", "rows"] + [f"{run.name}: correct / wrong / abstained" for run in runs]
    body: list[list[object]] = []
    for kind in ordered_kinds(rows):
        cells: list[object] = [kind, sum(row.kind == kind for row in rows)]
        for run in runs:
            mine = [o for o in run.outcomes if o.row.kind == kind]
            cells.append(f"{sum(o.correct for o in mine)} / {sum(o.wrong for o in mine)}"
                         f" / {sum(o.abstained for o in mine)}")  # fmt: skip
        body.append(cells)
    return markdown_table(header, body)


def cell_text(value: str | None) -> str:
    return "–" if not value else value.replace("|", "\\|")


def misses_table(run: Run) -> list[str]:
    """The rows one matcher got wrong or abstained on while a code was expected."""
    header = ["line", "kind", "text", "level", "within", "expected", "got"]
    body = [
        [o.row.line, o.row.kind, cell_text(o.row.text), cell_text(o.row.level),
         cell_text(o.row.within), cell_text(o.row.expected), cell_text(o.predicted)]
        for o in run.outcomes if not o.correct
    ]  # fmt: skip
    return markdown_table(header, body) if body else ["(none)"]


def report(runs: Sequence[Run], rows: Sequence[LabelledRow], labelled: Path, misses: bool) -> str:
    coded = sum(bool(row.expected) for row in rows)
    lines = [
        "# Nomenclature matching on the labelled set",
        "",
        f"{len(rows)} rows from `{labelled.name}`: {coded} with an expected code, "
        f"{len(rows) - coded} where the matcher should abstain. precision = correct / predicted; "
        "recall = correct / rows with an expected code; correct abstentions = abstained / rows "
        "without one.",
        "",
        *overall_table(runs),
        "",
        "## By kind",
        "",
        *kind_table(runs, rows),
        "",
        "On rows without an expected code (kind `abstain`), correct counts the abstentions and "
        "wrong counts any code.",
    ]
    if misses:
        for run in runs:
            lines += ["", f"## Misses: {run.name}", "", *misses_table(run)]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--labelled", type=Path, default=LABELLED, help="the labelled CSV")
    parser.add_argument("--reference", help="folder of the two nomenclature CSV files")
    parser.add_argument("--only-baseline", action="store_true", help="skip renja's Matcher")
    parser.add_argument("--misses", action="store_true", help="list wrong and abstained rows")
    args = parser.parse_args(argv)

    rows = read_labelled(args.labelled)
    folder = reference_dir(args.reference)
    for row in unknown_expected(rows, reference_names(folder)[1]):
        print(f"warning: line {row.line}: {row.expected} is not in the reference", file=sys.stderr)
    runs = [evaluate("baseline extractOne", naive_baseline(folder), rows)]
    if not args.only_baseline:
        matcher = renja_matcher(Path(args.reference) if args.reference else None)
        if matcher is not None:
            runs.append(evaluate("renja Matcher", matcher, rows))
    sys.stdout.write(report(runs, rows, args.labelled, args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
