"""Nomenclature matching on the labelled set: a naive fuzzy baseline against renja's Matcher.

Run from the repository root::

    .venv/bin/python benchmarks/match_eval.py                  # baseline and renja's Matcher
    .venv/bin/python benchmarks/match_eval.py --only-baseline  # the baseline alone
    .venv/bin/python benchmarks/match_eval.py --misses         # also list wrong and abstained rows
    .venv/bin/python benchmarks/match_eval.py --real           # and the real documents' labels

The labelled set is ``tests/data/match_labelled.csv`` (see ``tests/data/README.md``). Each row
gives a name as printed in a Renja table, the level and context a matcher may use, and the
expected Permendagri 90 code, or no code when a careful reader could not decide (the matcher
should abstain). Prints Markdown to stdout.

``--real`` adds the labels that the real documents' printed codes give (``real_labels.py``: made
at run time from ``../shared/samples``, cached in ``benchmarks/.cache/``) and calibrates: for
each labelled set, split into a tuning part and a held-out part (``held_out``: a third of the
codes, by hash, so one code never falls in both), it measures how often renja's best candidate
is right at each score, and which acceptance score leaves no wrong code in the tuning parts.
The report also goes to ``benchmarks/results_match_eval.md``.

The baseline is ``rapidfuzz.process.extractOne(text, names)`` over every program, kegiatan and
sub kegiatan name of both reference files, with the default scorer and no normalisation. It
always predicts; an ``X.XX`` code it picks is resolved to the bidang of ``within`` when given.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import process

REPO = Path(__file__).resolve().parents[1]
LABELLED = REPO / "tests" / "data" / "match_labelled.csv"
REFERENCE = REPO.parent / "shared" / "reference" / "permendagri90"
REFERENCE_ENV_VAR = "RENJA_NOMENKLATUR"  # the variable renja's nomenclature loader reads
REFERENCE_FILES = ("kepmendagri_900.1.15.5-1317_2023.csv", "sipd_nomenklatur_pemutakhiran_2027.csv")
MATCHED_LEVELS = ("program", "kegiatan", "sub_kegiatan")
GENERIC_BIDANG = "X.XX"
LABELLED_COLUMNS = ("text", "level", "within", "expected", "source", "kind")
# Columns a labelled file may add: the pemda type and list the name comes from, and the codes
# its document prints elsewhere with the row's amount (space-separated), which renja's pipeline
# uses as evidence.
OPTIONAL_COLUMNS = ("pemda", "versi", "evidence")
REPORT = REPO / "benchmarks" / "results_match_eval.md"
# One code in HOLD_OUT is kept out of tuning (by a hash of the code, or of the name when none).
HOLD_OUT = 3
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
    pemda: str = ""
    versi: str = ""
    evidence: str = ""


def held_out(row: LabelledRow) -> bool:
    """Whether a row is in the held-out part: a third of the codes (names without one), by hash.

    >>> held_out(LabelledRow(2, "x", "", "", "5.03.02.2.04.0007", "", "exact"))
    False
    """
    key = (row.expected or row.text).encode()
    return int(hashlib.sha1(key).hexdigest(), 16) % HOLD_OUT == 0


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
        header = tuple(reader.fieldnames or ())
        if header[: len(LABELLED_COLUMNS)] != LABELLED_COLUMNS or not set(
            header[len(LABELLED_COLUMNS) :]
        ) <= set(OPTIONAL_COLUMNS):
            raise ValueError(
                f"{path}: the header must be {','.join(LABELLED_COLUMNS)}, then any of "
                f"{','.join(OPTIONAL_COLUMNS)}"
            )
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


class RenjaMatchers:
    """renja's Matcher for each list a row names (``versi``, ``pemda``), built on first use."""

    def __init__(self, folder: Path | None) -> None:
        from renja.normalize.nomenclature import load_nomenclature

        self.nomenclature = load_nomenclature(folder) if folder else load_nomenclature()
        self._matchers: dict[tuple[str | None, str | None], Any] = {}

    def matcher(self, row: LabelledRow) -> Any:
        """The matcher of the row's list; the codes of its evidence are printed in its document
        (as in the pipeline, where they are printed elsewhere with the row's amount)."""
        from renja.normalize.match import Matcher

        key = (row.versi or None, row.pemda or None, row.evidence)
        if key not in self._matchers:
            self._matchers[key] = Matcher(
                self.nomenclature,
                version=key[0],
                jenis_pemda=key[1],
                printed=frozenset(row.evidence.split()),
            )
        return self._matchers[key]

    def match(self, row: LabelledRow) -> Any:
        """renja's answer (a ``Match``) for one row, with the evidence the row names."""
        return self.matcher(row).match(
            row.text,
            level=row.level or None,
            within=row.within or None,
            evidence=frozenset(row.evidence.split()),
        )


def renja_matcher(folder: Path | None) -> Predictor | None:
    """renja's Matcher, or None with a note on stderr when it cannot be imported yet."""
    try:
        matchers = RenjaMatchers(folder)
    except ImportError as exc:
        print(f"note: renja's Matcher is not available ({exc}); reporting the baseline only.",
              file=sys.stderr)  # fmt: skip
        return None

    def predict(row: LabelledRow) -> str | None:
        code: str | None = matchers.match(row).code
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


# --- calibration --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Answer:
    """renja's best candidate for one row, with what its acceptance depends on."""

    row: LabelledRow
    best: str | None
    score: float
    margin: float
    needed: float  # the lead this name needs (``Matcher.needed_margin``)

    @property
    def best_right(self) -> bool:
        return bool(self.row.expected) and self.best is not None and same_code(
            self.best, self.row.expected
        )

    def sure_at(self, score: float) -> bool:
        """Whether the answer is given at an acceptance score (the lead rule unchanged)."""
        return self.best is not None and self.score >= score and self.margin >= self.needed


def answers(matchers: RenjaMatchers, rows: Sequence[LabelledRow]) -> list[Answer]:
    out = []
    for row in rows:
        result = matchers.match(row)
        best = result.best
        matcher = matchers.matcher(row)
        needed = matcher.needed_margin(matcher.normalizer(row.text), best) if best else 0.0
        out.append(Answer(row, best.code if best else None, best.score if best else 0.0,
                          result.margin, needed))  # fmt: skip
    return out


SCORE_BINS = (0, 70, 80, 84, 88, 92, 96, 100, 101)
THRESHOLDS = tuple(range(70, 101, 2))


def sets_table(labelled: dict[str, list[Answer]], score: float) -> list[str]:
    """Per labelled set and part: rows, answered (coverage), right, wrong, precision."""
    header = ["set", "part", "rows", "with a code", "answered", "coverage", "right", "wrong",
              "precision", "right \"not sure\""]  # fmt: skip
    body = []
    for name, found in labelled.items():
        for part, rows in (("tuning", [a for a in found if not held_out(a.row)]),
                           ("held out", [a for a in found if held_out(a.row)])):  # fmt: skip
            sure = [a for a in rows if a.sure_at(score)]
            right = sum(a.best_right for a in sure)
            negatives = [a for a in rows if not a.row.expected]
            body.append([
                name, part, len(rows), len(rows) - len(negatives), len(sure),
                ratio(len(sure), len(rows)), right, len(sure) - right, ratio(right, len(sure)),
                f"{sum(not a.sure_at(score) for a in negatives)}/{len(negatives)}",
            ])  # fmt: skip
    return markdown_table(header, body)


def score_table(found: list[Answer], score: float) -> list[str]:
    """Accuracy against score: for rows with a code, how often the best candidate is right, by
    its score, and what acceptance makes of it."""
    header = ["score", "rows", "best candidate right", "answered", "answered right",
              "answered wrong"]  # fmt: skip
    body = []
    coded = [a for a in found if a.row.expected]
    for low, high in itertools.pairwise(SCORE_BINS):
        rows = [a for a in coded if low <= a.score < high]
        if not rows:
            continue
        sure = [a for a in rows if a.sure_at(score)]
        label = "100" if low == 100 else f"{low}–{high}"
        body.append([label, len(rows), ratio(sum(a.best_right for a in rows), len(rows)),
                     len(sure), sum(a.best_right for a in sure),
                     sum(not a.best_right for a in sure)])  # fmt: skip
    wrong_names = [a for a in found if not a.row.expected and a.sure_at(score)]
    lines = markdown_table(header, body)
    lines += ["", f"Names the list does not hold that still got a code: {len(wrong_names)} of "
              f"{sum(not a.row.expected for a in found)}."]  # fmt: skip
    return lines


def threshold_table(found: list[Answer]) -> tuple[list[str], float | None]:
    """Answered and wrong at each acceptance score, tuning and held-out parts apart; and the
    lowest score with no wrong answer in the tuning parts."""
    tuning = [a for a in found if not held_out(a.row)]
    held = [a for a in found if held_out(a.row)]
    header = ["acceptance score", "tuning: answered", "tuning: wrong", "held out: answered",
              "held out: wrong"]  # fmt: skip
    body, lowest = [], None
    for score in THRESHOLDS:
        cells: list[object] = [score]
        for rows in (tuning, held):
            sure = [a for a in rows if a.sure_at(score)]
            wrong = sum(not a.best_right for a in sure)
            cells += [f"{len(sure)} ({ratio(len(sure), len(rows))})", wrong]
        if lowest is None and cells[2] == 0:
            lowest = float(score)
        body.append(cells)
    return markdown_table(header, body), lowest


def calibration_report(labelled: dict[str, list[LabelledRow]], folder: Path | None) -> str:
    from renja.normalize.match import ACCEPT_SCORE

    matchers = RenjaMatchers(folder)
    found = {name: answers(matchers, rows) for name, rows in labelled.items()}
    everything = [a for rows in found.values() for a in rows]
    thresholds, lowest = threshold_table(everything)
    return "\n".join([
        "## Calibration: when renja says it is sure",
        "",
        f"renja gives a code when its best candidate scores at least **{ACCEPT_SCORE:g}** and "
        "leads the next code by the margin the name needs (`normalize/match.py`). Each labelled "
        f"set is split: one code in {HOLD_OUT} (by hash) is held out of tuning.",
        "",
        *sets_table(found, ACCEPT_SCORE),
        "",
        "coverage = answered / rows; precision = right / answered; right \"not sure\" = names "
        "without a code (the list does not hold them, or they cannot be decided) left uncoded.",
        "",
        "### Accuracy against score (every set, both parts)",
        "",
        *score_table(everything, ACCEPT_SCORE),
        "",
        "### Acceptance score: answered and wrong, all sets",
        "",
        *thresholds,
        "",
        f"Lowest acceptance score with no wrong answer in the tuning parts: "
        f"**{lowest:g}**." if lowest is not None else "No acceptance score leaves the tuning "
        "parts without a wrong answer.",
    ]) + "\n"  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--labelled", type=Path, default=LABELLED, help="the labelled CSV")
    parser.add_argument("--reference", help="folder of the two nomenclature CSV files")
    parser.add_argument("--only-baseline", action="store_true", help="skip renja's Matcher")
    parser.add_argument("--misses", action="store_true", help="list wrong and abstained rows")
    parser.add_argument("--real", action="store_true",
                        help="add the real documents' labels and the calibration")  # fmt: skip
    parser.add_argument("--refresh", action="store_true", help="make the real labels again")
    parser.add_argument("--out", type=Path, default=REPORT, help="where the report is written")
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
    text = report(runs, rows, args.labelled, args.misses)
    if args.real and not args.only_baseline:
        from real_labels import build

        real = read_labelled(build(args.refresh))
        sets = {"hand-labelled": rows, "real documents": real}
        text += "\n" + calibration_report(sets, Path(args.reference) if args.reference else None)
        if args.misses:
            real_run = evaluate("renja Matcher", renja_matcher(None) or (lambda r: None), real)
            text += "\n## Misses on the real documents\n\n" + "\n".join(misses_table(real_run))
            text += "\n"
        args.out.write_text(text, encoding="utf-8")
        from figures import sync_readme

        sync_readme()  # docs/kinerja.md quotes the file
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
