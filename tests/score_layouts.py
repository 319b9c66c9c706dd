"""Score renja's output on the generated layouts against their facts (standard library only).

usage: python tests/score_layouts.py LAYOUT_DIR OUT_ROOT [--misses]

LAYOUT_DIR holds the PDFs and ``<name>.facts.json`` that ``render_layouts.py`` wrote; OUT_ROOT is
where ``renja run LAYOUT_DIR --out OUT_ROOT`` put one folder per document. Per document:

- rows:    facts with money whose every non-zero amount (in Rupiah, signed) sits in ONE clean row;
- level:   of those, rows whose ``level`` column says the fact's level;
- kode:    of the facts with a printed code, rows whose ``kode`` column holds it;
- errors:  planted errors that some finding names (by kode or uraian) with the printed or the
           expected value;
- alarms:  error-severity findings that match no planted error (false alarms, or true ones the
           facts do not list: a row whose amounts came out wrong breaks sums too).
"""

from __future__ import annotations

import csv
import json
import re
import sys
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


def output_folder(root: Path, pdf_name: str) -> Path | None:
    for manifest in sorted(root.glob("*/manifest.json")):
        source = json.loads(manifest.read_text(encoding="utf-8")).get("source") or {}
        if source.get("file") == pdf_name:
            return manifest.parent
    return None


def score(facts: dict, folder: Path, misses: bool) -> str:
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
            kode_ok += any(code_key(r.get("kode", "") or "") == want for r in hits)
        if not hits:
            missing.append(f"    row  {fact['nomor'] or ''} {fact['uraian'][:60]} {sorted(need)}")
    leveled = sum(1 for f in facts["facts"] if f["level"] and any(f["amounts"].values()))
    notes = findings(folder)
    flagged, used = 0, set()
    for error in facts["errors"]:
        fact = by_id[error["id"]]
        values = {str(abs(int(error["printed"]))), str(abs(int(error["expected"])))}
        for i, note in enumerate(notes):
            named = (fact["kode"] and note.get("kode") == fact["kode"]) or (
                note.get("uraian") == fact["uraian"]
            )
            text = " ".join(note.get(k, "") or "" for k in ("expected", "found", "message"))
            if named and any(v in re.sub(r"[.,]", "", text) for v in values):
                flagged += 1
                used.add(i)
                break
        else:
            missing.append(f"    error {error['uraian'][:50]} {error['column']} {error['printed']}")
    alarms = sum(1 for i, n in enumerate(notes) if n.get("severity") == "error" and i not in used)
    line = (
        f"{facts['name'][:26]:26} rows {found:3}/{money:<3} level {level_ok:3}/{leveled:<3} "
        f"kode {kode_ok:3}/{with_kode:<3} errors {flagged}/{len(facts['errors'])} alarms {alarms}"
    )
    return "\n".join([line, *missing]) if misses else line


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
