"""Score renja's output on the generated layouts against their facts (standard library only).

usage: python tests/score_layouts.py LAYOUT_DIR OUT_ROOT [--misses]

LAYOUT_DIR holds the PDFs and ``<name>.facts.json`` that ``render_layouts.py`` wrote; OUT_ROOT is
where ``renja run LAYOUT_DIR --out OUT_ROOT`` put one folder per document. Per document:

- rows:    facts with money whose every non-zero amount (in Rupiah, signed) sits in ONE clean row;
- level:   of those, rows whose ``level`` column says the fact's level;
- kode:    of the facts with a printed code, rows whose ``kode`` column holds it;
- errors:  planted errors that some finding with an expected value names (by kode or uraian),
           quoting the printed or the expected value (in Rupiah or in the table's own unit);
- alarms:  error-severity findings about no sum the planted errors break (false alarms; or
           true ones about cells renja misread: a wrong amount breaks sums too).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

INT = re.compile(r"-?\d+")


def code_key(code: str) -> tuple[int, ...] | None:
    """'1.02.02.2.01.0009' and '1.02.02.2.01.09' compare equal; 'X.XX.01' stays text."""
    parts = code.strip().split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def clean_rows(folder: Path) -> list[dict[str, str]]:
    rows = []
    for path in sorted((folder / "tables").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f))
    return rows


def row_ints(row: dict[str, str]) -> set[int]:
    return {int(v) for v in row.values() if v and INT.fullmatch(v.strip())}


def findings(folder: Path) -> list[dict[str, str]]:
    path = folder / "findings.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def mentioned(value: int | float) -> re.Pattern[str]:
    """A pattern for ``value`` written in a finding: 12500000 as 12500000, 12.500.000 or
    12,500,000 (sign ignored); a percentage 2.16 as 2.16 or 2,16.

    >>> bool(mentioned(12_500_000).search("tercetak 12.500.000 di kolom pagu"))
    True
    >>> bool(mentioned(2.16).search("= 12.16"))
    False
    """
    if isinstance(value, float) and not value.is_integer():
        text = f"{abs(value):.2f}"
        return re.compile(rf"(?<![\d.,]){text[:-3]}[.,]{text[-2:]}(?!\d)")
    digits = f"{abs(int(value)):,}".split(",")
    return re.compile(rf"(?<![\d.,]){'[.,]?'.join(digits)}(?![\d]|[.,]\d{{3}})")


def explained(note: dict[str, str], facts: dict) -> bool:
    """Whether a finding is about a sum the planted errors break: it names the row of a failing
    check, or reports as found the printed value of that row."""
    by_id = {f["id"]: f for f in facts["facts"]}
    for check in facts["checks"]:
        if check["holds"]:
            continue
        fact = by_id[check["id"]]
        if fact["kode"] and note.get("kode") == fact["kode"]:
            return True
        if note.get("uraian") == fact["uraian"]:
            return True
        if mentioned(check["printed"]).search(note.get("found") or ""):
            return True
    return False


def output_folder(root: Path, pdf_name: str) -> Path | None:
    for manifest in sorted(root.glob("*/manifest.json")):
        source = json.loads(manifest.read_text(encoding="utf-8")).get("source") or {}
        if source.get("file") == pdf_name:
            return manifest.parent
    return None


@dataclass(frozen=True)
class Score:
    """How renja's output for one generated document meets its facts."""

    name: str
    rows: int  # facts with money found whole in one clean row
    money: int  # facts with money
    levels: int  # of those, rows with the fact's level
    leveled: int
    codes: int  # of the facts with a printed code, rows holding it
    coded: int
    errors: int  # planted errors a finding names
    planted: int
    alarms: int  # error findings no planted error explains
    missing: tuple[str, ...] = ()

    def line(self) -> str:
        return (
            f"{self.name[:26]:26} rows {self.rows:3}/{self.money:<3} "
            f"level {self.levels:3}/{self.leveled:<3} kode {self.codes:3}/{self.coded:<3} "
            f"errors {self.errors}/{self.planted} alarms {self.alarms}"
        )


def score(facts: dict, folder: Path, misses: bool) -> str:
    result = measure(facts, folder)
    return "\n".join([result.line(), *result.missing]) if misses else result.line()


def measure(facts: dict, folder: Path) -> Score:
    rows = [(r, row_ints(r)) for r in clean_rows(folder)]
    found = level_ok = kode_ok = with_kode = money = 0
    missing = []
    by_id = {f["id"]: f for f in facts["facts"]}
    for fact in facts["facts"]:
        need = {v for v in fact["amounts"].values() if v}
        if not need:
            continue
        money += 1
        hits = [r for r, ints in rows if need <= ints]
        found += bool(hits)
        level_ok += any(r.get("level") == fact["level"] for r in hits) if fact["level"] else 0
        if fact["kode"]:
            with_kode += 1
            want = code_key(fact["kode"])
            kode_ok += any(
                code_key(r.get("kode") or r.get("kode_rekening") or "") == want for r in hits
            )  # an account code is kode_rekening in renja's tables
        if not hits:
            missing.append(f"    row  {fact['nomor'] or ''} {fact['uraian'][:60]} {sorted(need)}")
    leveled = sum(1 for f in facts["facts"] if f["level"] and any(f["amounts"].values()))
    notes = findings(folder)
    flagged, used = 0, set()
    for error in facts["errors"]:
        fact = by_id[error["id"]]
        values = [error["printed"], error["expected"]]
        if facts["scale"] > 1:  # a finding may quote the table's own unit (juta)
            values += [v / facts["scale"] for v in values]
        wanted = [mentioned(v) for v in values]
        for i, note in enumerate(notes):
            named = (fact["kode"] and note.get("kode") == fact["kode"]) or (
                note.get("uraian") == fact["uraian"]
            )
            text = " ".join(note.get(k, "") or "" for k in ("expected", "found", "message"))
            computed = bool((note.get("expected") or "").strip())  # a check, not a misreading
            if named and computed and any(p.search(text) for p in wanted):
                flagged += 1
                used.add(i)
                break
        else:
            missing.append(f"    error {error['uraian'][:50]} {error['column']} {error['printed']}")
    alarms = sum(
        1
        for i, note in enumerate(notes)
        if note.get("severity") == "error" and i not in used and not explained(note, facts)
    )
    return Score(
        facts["name"], found, money, level_ok, leveled, kode_ok, with_kode, flagged,
        len(facts["errors"]), alarms, tuple(missing),
    )  # fmt: skip


def main(argv: list[str]) -> int:
    show = "--misses" in argv
    args = [a for a in argv if a != "--misses"]
    if len(args) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    layouts, root = Path(args[0]), Path(args[1])
    for path in sorted(layouts.glob("*.facts.json")):
        facts = json.loads(path.read_text(encoding="utf-8"))
        folder = output_folder(root, facts["pdf"])
        if folder is None:
            print(f"{facts['name'][:26]:26} no output folder under {root}")
            continue
        print(score(facts, folder, show))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
