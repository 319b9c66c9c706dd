"""Decisions a person made about a document (``keputusan.csv``), re-applied on every run.

A decisions file is a CSV kept beside the input document (``<stem>.keputusan.csv``), one row
per decision, that a person can edit by hand or write from the report. Its columns:

- ``tindakan``: what was decided (``Action``): accept a suggested value, set a value, choose a
  candidate code or reject them all, assign a table's form or mark it no data table, mark a
  finding reviewed (the document is right, or it is accepted as an error);
- where: the table by ``tabel`` (the number it prints, else its title or heading), ``halaman``
  (its first page, PDF) and ``kepala`` (a signature of its printed header); the row by ``kode``
  (the code as printed) and ``uraian`` (its name), ``tercetak`` (the printed value of the cell)
  and ``ke`` (which of several such rows); the cell by ``kolom`` (the output column); a
  finding by ``cek`` (its check's slug) on that cell. No internal row number or id is kept:
  those shift when the document or renja changes (``renja.model.keys`` finds the place again);
- ``nilai``: the decided value (an amount, a code, a form's slug);
- ``catatan``, ``oleh``, ``tanggal``: the decider's note, name and date.

``read_decisions`` checks every row and refuses a file it cannot take with one Indonesian line
(``InputError``); ``decisions_csv`` writes them back in the same layout.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from renja.model.errors import InputError
from renja.model.i18n import _

# The file beside the input document: ``renja-2025.keputusan.csv`` for ``renja-2025.pdf``.
DECISIONS_SUFFIX = ".keputusan.csv"
# The copy in a document's output folder: the decisions the run read, and what became of each.
FOLDER_FILE = "keputusan.csv"


class Action(StrEnum):
    """What a decision does; its value is what the file writes in ``tindakan``."""

    ACCEPT = "terima_saran"  # the cell takes the value the finding suggests (``nilai``)
    SET_VALUE = "ubah_nilai"  # the cell takes the value a person gives (``nilai``)
    CHOOSE_CODE = "pilih_kode"  # the row takes this code (``nilai``), a candidate or another
    REJECT_CODES = "tolak_kode"  # no candidate code is the row's: it stays without one
    SET_FORM = "ubah_bentuk"  # the table is of this form (``nilai``: a form's slug, or tabel)
    NOT_DATA = "bukan_tabel_data"  # the table holds no data: kept raw only
    DOCUMENT_RIGHT = "dokumen_benar"  # a finding checked: the document is right
    ACCEPTED_ERROR = "kesalahan_diterima"  # a finding checked: an error, accepted as such

    @property
    def scope(self) -> str:
        """What the decision is about: ``tabel``, ``sel`` (a value), ``kode`` or ``temuan``.

        >>> Action.NOT_DATA.scope, Action.ACCEPT.scope, Action.DOCUMENT_RIGHT.scope
        ('tabel', 'sel', 'temuan')
        """
        return _SCOPES[self]


_SCOPES = {
    Action.ACCEPT: "sel",
    Action.SET_VALUE: "sel",
    Action.CHOOSE_CODE: "kode",
    Action.REJECT_CODES: "kode",
    Action.SET_FORM: "tabel",
    Action.NOT_DATA: "tabel",
    Action.DOCUMENT_RIGHT: "temuan",
    Action.ACCEPTED_ERROR: "temuan",
}
REVIEWS = frozenset({Action.DOCUMENT_RIGHT, Action.ACCEPTED_ERROR})


class ValueStatus(StrEnum):
    """Where an amount's reviewed value (``<column>_ditinjau``) comes from: ``status_<column>``."""

    PRINTED = "tercetak"  # no decision: the value as printed (empty when nothing is)
    SUGGESTION = "saran_diterima"  # a suggested value a person accepted
    DECIDED = "diputuskan"  # a value a person set
    DOCUMENT_RIGHT = "dokumen_benar"  # a finding on it checked: the printed value is right
    ACCEPTED_ERROR = "kesalahan_diterima"  # a finding on it accepted as an error, value kept


# The status a decision gives the amount it is about.
STATUS_OF = {
    Action.ACCEPT: ValueStatus.SUGGESTION,
    Action.SET_VALUE: ValueStatus.DECIDED,
    Action.DOCUMENT_RIGHT: ValueStatus.DOCUMENT_RIGHT,
    Action.ACCEPTED_ERROR: ValueStatus.ACCEPTED_ERROR,
}


@dataclass(frozen=True, slots=True)
class TableKey:
    """A table as people and the page name it: printed label, first page, header signature."""

    label: str = ""  # ``tabel``
    page: int | None = None  # ``halaman``
    header: str = ""  # ``kepala``

    @property
    def empty(self) -> bool:
        return not (self.label or self.page is not None or self.header)


@dataclass(frozen=True, slots=True)
class RowKey:
    """A row by what it prints: its code, its name, the cell's printed value, which of several."""

    kode: str = ""
    uraian: str = ""
    printed: str = ""  # ``tercetak``: the cell as printed, when the decision is about a cell
    occurrence: int | None = None  # ``ke``: 1 for the first of several rows with this key

    @property
    def empty(self) -> bool:
        """No row named: a decision about a whole table (or a finding about one). A row with
        neither code nor name (a total row) is named by its printed value and ``ke``."""
        return not (self.kode or self.uraian or self.printed or self.occurrence is not None)


@dataclass(frozen=True, slots=True)
class Decision:
    """One row of a decisions file."""

    action: Action
    table: TableKey
    row: RowKey = RowKey()
    column: str = ""  # ``kolom``: the output column
    check: str = ""  # ``cek``: the finding's check, for a review
    value: str = ""  # ``nilai``
    note: str = ""  # ``catatan``
    by: str = ""  # ``oleh``
    date: str = ""  # ``tanggal``
    line: int = 0  # its line in the file, for messages

    def where(self) -> str:
        """The place a decision names, in words, for messages.

        >>> Decision(Action.ACCEPT, TableKey("Tabel IV.1", 59), RowKey("1.05.01", "Program"),
        ...          column="pagu").where()
        'Tabel IV.1 (hal. 59), kode 1.05.01, uraian «Program», kolom pagu'
        """
        header = _("header {header}").format(header=self.table.header)
        parts = [self.table.label or (header if self.table.header else "")]
        if self.table.page is not None:
            parts[0] += _(" (p. {page})").format(page=self.table.page)
        if self.row.kode:
            parts.append(_("code {kode}").format(kode=self.row.kode))
        if self.row.uraian:
            parts.append(_("uraian «{uraian}»").format(uraian=self.row.uraian))
        if self.column:
            parts.append(_("column {column}").format(column=self.column))
        return ", ".join(p for p in parts if p)

    def record(self) -> dict[str, str]:
        """The decision as a row of the file (``DECISION_COLUMNS``)."""
        return {
            "tindakan": self.action.value,
            "tabel": self.table.label,
            "halaman": "" if self.table.page is None else str(self.table.page),
            "kepala": self.table.header,
            "kode": self.row.kode,
            "uraian": self.row.uraian,
            "kolom": self.column,
            "tercetak": self.row.printed,
            "ke": "" if self.row.occurrence is None else str(self.row.occurrence),
            "cek": self.check,
            "nilai": self.value,
            "catatan": self.note,
            "oleh": self.by,
            "tanggal": self.date,
        }


@dataclass(frozen=True, slots=True)
class DecisionOutcome:
    """What became of one decision in a run: applied, or stale (``usang``) and why."""

    decision: Decision
    status: str  # APPLIED or STALE
    reason: str = ""


DECISION_COLUMNS = [
    "tindakan", "tabel", "halaman", "kepala", "kode", "uraian", "kolom", "tercetak", "ke", "cek",
    "nilai", "catatan", "oleh", "tanggal",
]  # fmt: skip
# The copy in an output folder adds what became of each decision.
OUTCOME_COLUMNS = ["status", "alasan"]
APPLIED, STALE = "diterapkan", "usang"


def default_path(document: Path) -> Path:
    """Where a document's decisions are kept by default: beside it, named after it.

    >>> default_path(Path("samples/renja-2025.pdf")).as_posix()
    'samples/renja-2025.keputusan.csv'
    """
    return document.with_name(document.stem + DECISIONS_SUFFIX)


def read_decisions(path: Path) -> tuple[Decision, ...]:
    """The decisions of a file, in its order; none when it does not exist. A row that cannot be
    a decision is an ``InputError`` naming its line."""
    if not path.is_file():
        return ()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(
            _("{path}: the decisions file cannot be read ({reason})").format(
                path=path, reason=exc.strerror
            )
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            _("{path}: the decisions file is not a UTF-8 CSV").format(path=path)
        ) from None
    return parse_decisions(text, str(path))


def parse_decisions(text: str, name: str = FOLDER_FILE) -> tuple[Decision, ...]:
    """The decisions of a file's text (comma- or semicolon-separated, as spreadsheets save).

    >>> text = "tindakan;tabel;kode;kolom;nilai\\nubah_nilai;Tabel 5.1;5.03.01;pagu;1.500.000\\n"
    >>> [(d.action.value, d.table.label, d.row.kode, d.value) for d in parse_decisions(text)]
    [('ubah_nilai', 'Tabel 5.1', '5.03.01', '1.500.000')]
    >>> parse_decisions("tindakan,tabel\\nterima,Tabel 5.1\\n")
    Traceback (most recent call last):
    renja.model.errors.InputError: keputusan.csv baris 2: tindakan 'terima' tidak dikenal; \
pilihan: terima_saran, ubah_nilai, pilih_kode, tolak_kode, ubah_bentuk, bukan_tabel_data, \
dokumen_benar, kesalahan_diterima
    """
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        columns = [c.strip() for c in reader.fieldnames or []]
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(
            _("{name}: not a CSV that can be read ({reason})").format(name=name, reason=exc)
        ) from None
    if not columns:
        return ()
    if "tindakan" not in columns:
        raise InputError(
            _("{name}: a decisions file needs the column 'tindakan'").format(name=name)
        )
    known = {*DECISION_COLUMNS, *OUTCOME_COLUMNS}
    unknown = [c for c in columns if c and c not in known]
    if unknown:
        raise InputError(
            _("{name}: unknown columns {unknown}; the columns known: {known}").format(
                name=name, unknown=", ".join(unknown), known=", ".join(DECISION_COLUMNS)
            )
        )
    decisions = []
    for number, row in enumerate(rows, start=2):
        cells = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if not any(cells.get(c) for c in DECISION_COLUMNS):
            continue  # a blank line
        if cells.get("tindakan", "").startswith("#"):
            continue  # a person's comment
        where = _("{name} line {number}").format(name=name, number=number)
        decisions.append(decision_from_record(cells, where, number))
    return tuple(decisions)


def decision_from_record(cells: Mapping[str, str], where: str, line: int = 0) -> Decision:
    """One decision from a row of the file; ``InputError`` naming ``where`` when it cannot be."""
    text = cells.get("tindakan", "")
    try:
        action = Action(text)
    except ValueError:
        choices = ", ".join(a.value for a in Action)
        raise InputError(
            _("{where}: tindakan '{text}' is unknown; choices: {choices}").format(
                where=where, text=text, choices=choices
            )
        ) from None
    decision = Decision(
        action,
        TableKey(cells.get("tabel", ""), _whole(cells, "halaman", where), cells.get("kepala", "")),
        RowKey(
            cells.get("kode", ""),
            cells.get("uraian", ""),
            cells.get("tercetak", ""),
            _whole(cells, "ke", where),
        ),
        column=cells.get("kolom", ""),
        check=cells.get("cek", ""),
        value=cells.get("nilai", ""),
        note=cells.get("catatan", ""),
        by=cells.get("oleh", ""),
        date=cells.get("tanggal", ""),
        line=line,
    )
    _check_complete(decision, where)
    return decision


def _whole(cells: Mapping[str, str], name: str, where: str) -> int | None:
    text = cells.get(name, "")
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise InputError(
            _("{where}: {name} must be a whole number of 1 or more, not '{text}'").format(
                where=where, name=name, text=text
            )
        )
    return int(text)


def _check_complete(decision: Decision, where: str) -> None:
    """Refuse a decision that lacks what its action needs."""
    action = decision.action
    if decision.table.empty:
        message = _("{where}: {action} needs a table (tabel, halaman or kepala)")
    elif action.scope in ("sel", "kode") and decision.row.empty:
        message = _("{where}: {action} needs a row (kode, uraian, tercetak or ke)")
    elif action.scope == "sel" and not decision.column:
        message = _("{where}: {action} needs a column (kolom)")
    elif action in (Action.ACCEPT, Action.SET_VALUE, Action.CHOOSE_CODE, Action.SET_FORM) and not (
        decision.value
    ):
        message = _("{where}: {action} needs a value (nilai)")
    elif action in REVIEWS and not decision.check:
        message = _("{where}: {action} needs cek (the check of the finding reviewed)")
    else:
        return
    raise InputError(message.format(where=where, action=action.value))


def decisions_csv(decisions: Iterable[Decision | DecisionOutcome]) -> str:
    """Decisions as a file's text; outcomes with each one's status and reason beside it (the
    copy in an output folder).

    >>> decision = Decision(Action.NOT_DATA, TableKey("Tabel 1.1"), note="daftar isi")
    >>> decisions_csv([decision]).splitlines()[1]
    'bukan_tabel_data,Tabel 1.1,,,,,,,,,,daftar isi,,'
    >>> decisions_csv([DecisionOutcome(decision, STALE, "tidak ada")]).splitlines()[1]
    'bukan_tabel_data,Tabel 1.1,,,,,,,,,,daftar isi,,,usang,tidak ada'
    """
    items = list(decisions)
    outcomes = bool(items) and isinstance(items[0], DecisionOutcome)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DECISION_COLUMNS + (OUTCOME_COLUMNS if outcomes else []))
    for item in items:
        decision = item.decision if isinstance(item, DecisionOutcome) else item
        record = decision.record()
        row = [record[c] for c in DECISION_COLUMNS]
        if isinstance(item, DecisionOutcome):
            row += [item.status, item.reason]
        writer.writerow(row)
    return buffer.getvalue()


__all__ = [
    "APPLIED",
    "DECISIONS_SUFFIX",
    "DECISION_COLUMNS",
    "FOLDER_FILE",
    "OUTCOME_COLUMNS",
    "REVIEWS",
    "STALE",
    "STATUS_OF",
    "Action",
    "Decision",
    "DecisionOutcome",
    "RowKey",
    "TableKey",
    "ValueStatus",
    "decision_from_record",
    "decisions_csv",
    "default_path",
    "parse_decisions",
    "read_decisions",
]
