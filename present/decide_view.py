"""What the report needs to let a person decide a finding, and to list the decisions made.

Each finding of a table gets the key of its place, as a decisions file names it
(``renja.model.keys``: the table by its printed label, page and header, the row by its code,
name, printed value and ``ke``; never an id or row number), and what can be decided for it:

- a **value** finding (its column holds numbers): accept the suggested value, or set another;
- a **code** finding (``kode_tidak_pasti`` and the other code checks): choose a candidate or
  another code, or reject them all;
- any finding: the document is right, or the error is accepted.

The page's script (``report_assets/decide.js``) turns a choice into a row of ``keputusan.csv``
and offers the whole file, the decisions already made included, as a download; the next
``renja run`` applies it. ``decisions_view`` lists the decisions of the folder's
``keputusan.csv`` (what the last run applied, and which no longer apply).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from renja.model.checks import CODE_CHECKS, KEPUTUSAN_USANG
from renja.model.contract import NUMERIC_TYPES
from renja.model.decisions import (
    APPLIED,
    DECISION_COLUMNS,
    DECISIONS_SUFFIX,
    FOLDER_FILE,
    Action,
)
from renja.model.i18n import N_, _, group_digits
from renja.model.keys import RowFacts, TableFacts, label_columns, row_facts, row_key, table_label
from renja.model.refs import CodeRef
from renja.present.outputs import DocFolder, Record, read_csv, related_refs
from renja.present.values import number_key

NOT_DECIDED = frozenset({KEPUTUSAN_USANG})  # settled by editing the decisions file itself
DECIDED_RULE = "keputusan"
# What each action is called (marked for the catalogue; ``action_label`` translates it).
REVIEW_LABELS = {
    Action.DOCUMENT_RIGHT.value: N_("the document is right"),
    Action.ACCEPTED_ERROR.value: N_("error accepted"),
}
ACTION_LABELS = {
    Action.ACCEPT.value: N_("suggestion accepted"),
    Action.SET_VALUE.value: N_("value set"),
    Action.CHOOSE_CODE.value: N_("code chosen"),
    Action.REJECT_CODES.value: N_("every code rejected"),
    Action.SET_FORM.value: N_("table form set"),
    Action.NOT_DATA.value: N_("no data table"),
    **REVIEW_LABELS,
}


def action_label(action: str) -> str:
    """An action of a decisions file as a person reads it; an unknown one as written.

    >>> action_label("dokumen_benar"), action_label("sesuatu")
    ('dokumen benar', 'sesuatu')
    """
    return _(ACTION_LABELS[action]) if action in ACTION_LABELS else action


@dataclass(frozen=True, slots=True)
class DecideView:
    """A finding's decision controls: the key of its place and what may be decided."""

    kind: str  # "nilai", "kode" or "tinjau" (review only)
    key: dict[str, str]  # the decision's place: DECISION_COLUMNS' key fields, and ``cek``
    suggestion: str = ""  # the finding's expected value or code
    candidates: list[str] = field(default_factory=list)  # codes to choose from

    @property
    def suggestion_shown(self) -> str:
        """The suggestion as a person reads it: an amount grouped the Indonesian way.

        >>> DecideView("nilai", {}, "166178093").suggestion_shown
        '166.178.093'
        """
        text = self.suggestion
        if text.lstrip("-").isdigit() and len(text) > 4:
            return group_digits(int(text))
        return text


@dataclass
class KeyCache:
    """Each table's row facts, computed once for the whole page."""

    folder: DocFolder
    rows: dict[str, list[RowFacts]] = field(default_factory=dict)
    numbers: dict[str, dict[str, int]] = field(default_factory=dict)  # baris -> position

    def facts(self, table_id: str) -> tuple[list[RowFacts], dict[str, int]]:
        if table_id not in self.rows:
            contract = self.folder.contract(table_id)
            labels = label_columns(contract)
            records = self.folder.clean_rows(table_id)
            self.rows[table_id] = [
                row_facts(r, labels, printed_cells(self.folder, table_id, r)) for r in records
            ]
            self.numbers[table_id] = {r.get("baris", ""): i for i, r in enumerate(records)}
        return self.rows[table_id], self.numbers[table_id]


def printed_cells(folder: DocFolder, table_id: str, record: Record) -> dict[str, str]:
    """A clean row's cells as printed: a number a decision changed in its own column is shown
    as the document printed it (the decision's repair keeps it; an amount keeps its printed
    value anyway, beside its reviewed one)."""
    cells = dict(record)
    for repair in folder.repairs_of(table_id, record.get("baris", "")):
        if repair.get("rule") == DECIDED_RULE and repair.get("column") in cells:
            cells[repair["column"]] = repair.get("raw", "")
    return cells


def table_facts(entry: dict[str, object]) -> TableFacts:
    """A manifest table's facts, as a decision's key names them."""
    pages = entry.get("source_pages")
    page = pages[0] if isinstance(pages, list) and pages and isinstance(pages[0], int) else None
    return TableFacts(
        table_label(str(entry.get("caption") or ""), str(entry.get("context") or "")),
        page,
        str(entry.get("kepala") or ""),
    )


def decide_view(cache: KeyCache, finding: Record) -> DecideView | None:
    """The decision controls of one finding; None for one that names no clean table."""
    folder = cache.folder
    table_id, check = finding.get("table", ""), finding.get("check", "")
    entry = folder.table(table_id)
    if not table_id or not entry or check in NOT_DECIDED:
        return None
    if not folder.clean_path(table_id).is_file():
        return None
    column = finding.get("column", "")
    contract = folder.contract(table_id)
    spec = contract.column(column) if contract is not None and column else None
    if check in CODE_CHECKS and column.startswith("kode"):
        kind = "kode"
    elif spec is not None and spec.ctype in NUMERIC_TYPES and spec.name == column:
        kind = "nilai"
    else:
        kind = "tinjau"
    tkey = table_facts(entry).key()
    key = {
        "tabel": tkey.label,
        "halaman": "" if tkey.page is None else str(tkey.page),
        "kepala": tkey.header,
        "kode": "", "uraian": "", "tercetak": "", "ke": "",
        "kolom": column,
        "cek": check,
    }  # fmt: skip
    row = finding.get("row", "")
    if row:
        facts, numbers = cache.facts(table_id)
        if row not in numbers:
            return None
        rkey = row_key(facts, numbers[row], column if kind == "nilai" else "")
        key.update(
            kode=rkey.kode,
            uraian=rkey.uraian,
            tercetak=rkey.printed,
            ke="" if rkey.occurrence is None else str(rkey.occurrence),
        )
    candidates: list[str] = []
    if kind == "kode":
        codes = [r.kode for r in related_refs(finding) or () if isinstance(r, CodeRef)]
        candidates = list(dict.fromkeys([*filter(None, [finding.get("expected", "")]), *codes]))
    expected = finding.get("expected", "")
    if kind == "nilai" and number_key(expected) is None:
        expected = ""  # a pattern's "3 dari 10 cocok" is no value to accept
    return DecideView(kind, key, expected, candidates)


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """A decision of the folder's ``keputusan.csv``, with what became of it."""

    cells: dict[str, str]  # DECISION_COLUMNS
    label: str  # the action, in words
    applied: bool
    reason: str


@dataclass(frozen=True, slots=True)
class DecisionsView:
    """The decisions the last run read, and the file a new one is saved as."""

    rows: list[DecisionRow]
    file_name: str  # ``<document stem>.keputusan.csv``
    columns: list[str] = field(default_factory=lambda: list(DECISION_COLUMNS))

    @property
    def stale(self) -> int:
        return sum(not r.applied for r in self.rows)


def decisions_view(folder: DocFolder) -> DecisionsView:
    """The folder's decisions (``keputusan.csv``), for the report's list and its download."""
    source = folder.manifest.get("source") or {}
    document = Path(str(source.get("file") or folder.doc_id))
    decided = folder.manifest.get("keputusan") or {}
    name = str(decided.get("berkas") or document.stem + DECISIONS_SUFFIX)
    rows = [
        DecisionRow(
            {c: record.get(c, "") or "" for c in DECISION_COLUMNS},
            action_label(record.get("tindakan", "")),
            record.get("status", APPLIED) != "usang",
            record.get("alasan", "") or "",
        )
        for record in read_csv(folder.path / FOLDER_FILE, required=False)
    ]
    return DecisionsView(rows, name)


__all__ = [
    "ACTION_LABELS",
    "REVIEW_LABELS",
    "DecideView",
    "DecisionsView",
    "KeyCache",
    "action_label",
    "decide_view",
    "decisions_view",
]
