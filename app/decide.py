"""A document's decisions (``keputusan.csv``) applied in one run of the pipeline.

``Decider`` follows the pipeline's steps, each taking the decisions that concern it:

1. ``contract`` — a table's form (``ubah_bentuk``, ``bukan_tabel_data``) before it is cleaned;
   every decision's table is found here, by its printed label, header and page
   (``renja.model.keys.find_table``);
2. ``resolve`` — each decision's row, on the clean rows as read (before any decision changed a
   value), by its code, name and printed value (``find_row``);
3. ``decided_codes`` / ``apply_codes`` — a chosen code, or none (``pilih_kode``, ``tolak_kode``):
   the coder leaves those rows alone and the code columns say ``keputusan``;
4. ``apply_values`` — a value accepted or set (``terima_saran``, ``ubah_nilai``): an amount's
   reviewed value (``<column>_ditinjau``, status ``saran_diterima``/``diputuskan``) beside the
   printed one, which the checks then judge; other numbers in their own column;
5. ``apply_reviews`` — after the audit, findings checked by a person (``dokumen_benar``,
   ``kesalahan_diterima``) keep their place but say so, and are no longer open.

Every applied decision is a repair with the rule ``keputusan`` and the decider's note; a
decision that no longer applies (its table, row or finding gone, its printed value changed,
its value unreadable) is a ``keputusan_usang`` finding, never dropped in silence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from renja.model.checks import ANGKA_TIDAK_TERBACA, KEPUTUSAN_USANG, KODE_TIDAK_TERBACA
from renja.model.contract import (
    NOT_DATA_FORM,
    CellType,
    TableContract,
    reviewed_name,
    status_name,
)
from renja.model.decisions import (
    APPLIED,
    REVIEWS,
    STALE,
    STATUS_OF,
    Action,
    Decision,
    DecisionOutcome,
    ValueStatus,
)
from renja.model.i18n import _
from renja.model.keys import (
    RowFacts,
    TableFacts,
    cell_text,
    find_row,
    find_table,
    header_signature,
    label_columns,
    row_facts,
    table_label,
)
from renja.model.kode import Kode
from renja.model.missing import is_missing
from renja.model.records import Finding, RawTable, Repair, Source
from renja.model.tables import CleanTable
from renja.normalize.coding import CODE_COLUMNS, with_code_columns
from renja.normalize.contracts import contract_for
from renja.normalize.decided import (
    amount_array,
    decided_code,
    decided_value,
    keputusan,
    with_reviewed,
)
from renja.normalize.nomenclature import Nomenclature

RULE = keputusan.__name__
# Findings of reading a cell, settled when a person decides its value.
UNREADABLE = frozenset({ANGKA_TIDAK_TERBACA, KODE_TIDAK_TERBACA})
DECIDED_SOURCE = "keputusan"  # ``kode_sumber`` of a code a person decided


def raw_table_facts(table: RawTable) -> TableFacts:
    """What a table prints that a decision's key names (``renja.model.keys``)."""
    page = table.rows[0].source.page if table.rows else None
    return TableFacts(
        table_label(table.caption, table.context),
        page,
        header_signature(r.cells for r in table.header),
    )


def clean_row_facts(table: CleanTable) -> list[RowFacts]:
    """What each clean row prints that a decision's key names."""
    labels = label_columns(table.contract)
    return [row_facts(record, labels) for record in table.frame.to_dict("records")]


@dataclass(frozen=True, slots=True)
class Target:
    """The place a decision names in this run: a table, a row of it (None: the whole table)."""

    table: str
    row: int | None = None
    index: int | None = None  # the row's position in the frame
    source: Source = field(default_factory=Source)


@dataclass
class Decider:
    """One document's decisions through one run of the pipeline."""

    decisions: tuple[Decision, ...]
    name: str = "keputusan.csv"  # the file, for messages
    reasons: dict[int, str] = field(default_factory=dict)  # decision -> why it is stale
    positions: dict[int, str] = field(default_factory=dict)  # decision -> its table's position
    final: dict[str, str] = field(default_factory=dict)  # position -> the table's final id
    targets: dict[int, Target] = field(default_factory=dict)
    repairs: list[Repair] = field(default_factory=list)
    _forms: dict[str, int] = field(default_factory=dict)  # position -> the form's decision

    # --- 1. tables ------------------------------------------------------------------------

    def find_tables(self, tables: Sequence[RawTable]) -> None:
        """Find every decision's table among the document's tables, as extracted."""
        self.find_tables_by([raw_table_facts(t) for t in tables], [t.table_id for t in tables])

    def find_tables_by(self, facts: Sequence[TableFacts], ids: Sequence[str]) -> None:
        """Find every decision's table among tables given by their facts and ids."""
        for i, decision in enumerate(self.decisions):
            if i in self.reasons:
                continue
            found = find_table(decision.table, facts)
            if found.index is None:
                self.reasons[i] = found.reason
                continue
            self.positions[i] = ids[found.index]
            if decision.action.scope == "tabel":
                self._forms[ids[found.index]] = i  # the last one for a table wins

    def contract(self, position: str, readable: RawTable) -> TableContract:
        """The table's contract: of the form a decision gives it, else as renja reads it."""
        chosen = self._forms.get(position)
        if chosen is None:
            return contract_for(readable)
        decision = self.decisions[chosen]
        form = NOT_DATA_FORM if decision.action is Action.NOT_DATA else decision.value.strip()
        own = contract_for(readable)
        try:
            contract = contract_for(readable, form)
        except ValueError as exc:
            self.reasons[chosen] = str(exc)
            return own
        self.repairs.append(
            self._repair(chosen, f"{position}_{contract.form}", None, "bentuk", own.form,
                         contract.form)
        )  # fmt: skip
        return contract

    def named(self, position: str, table_id: str) -> None:
        """The final id of the table at ``position``."""
        self.final[position] = table_id

    # --- 2. rows --------------------------------------------------------------------------

    def resolve(self, tables: Sequence[CleanTable]) -> None:
        """Find each decision's row in the clean tables, as read (before any decision)."""
        by_id = {t.table_id: t for t in tables}
        facts: dict[str, list[RowFacts]] = {}
        for i, decision in enumerate(self.decisions):
            if i in self.reasons or decision.action.scope == "tabel" or i not in self.positions:
                continue
            table_id = self.final.get(self.positions[i], self.positions[i])
            table = by_id.get(table_id)
            if table is None:
                self.reasons[i] = _("table {table} is no data table").format(table=table_id)
                continue
            if decision.row.empty:
                self.targets[i] = Target(table_id)
                continue
            # a value decision needs its column; a code or a finding may name one the table
            # gets later (``kode``, filled by coding): its row is then found without it
            column = self._column(table, decision)
            if column is None and decision.action.scope == "sel":
                self.reasons[i] = _("table {table} has no column {column}").format(
                    table=table_id, column=decision.column
                )
                continue
            if table_id not in facts:
                facts[table_id] = clean_row_facts(table)
            found = find_row(facts[table_id], decision.row, column or "")
            if found.index is None:
                self.reasons[i] = found.reason
                continue
            record = table.frame.iloc[found.index]
            self.targets[i] = Target(
                table_id,
                int(record["baris"]),
                found.index,
                Source(line=_int(record.get("sumber_baris")), page=_int(record.get("halaman"))),
            )

    def _column(self, table: CleanTable, decision: Decision) -> str | None:
        """The clean column a decision names (an amount's reviewed column names its amount);
        "" when it names none."""
        name = decision.column
        if not name:
            return ""
        spec = table.contract.column(name)
        if spec is not None and spec.ctype is CellType.RUPIAH and name in spec.reviewed:
            return spec.name
        if name in table.frame.columns:
            return name
        return None

    # --- 3. codes -------------------------------------------------------------------------

    def _of(self, *actions: Action) -> list[tuple[int, Decision, Target]]:
        return [
            (i, d, self.targets[i])
            for i, d in enumerate(self.decisions)
            if d.action in actions and i in self.targets and i not in self.reasons
        ]

    def decided_codes(self) -> dict[tuple[str, int], str | None]:
        """The rows whose code a person decided: the code, or None for none."""
        out: dict[tuple[str, int], str | None] = {}
        for i, decision, target in self._of(Action.CHOOSE_CODE, Action.REJECT_CODES):
            if target.row is None:
                continue
            code = None
            if decision.action is Action.CHOOSE_CODE:
                try:
                    code = decided_code(decision.value)
                except ValueError as exc:
                    self.reasons[i] = str(exc)
                    continue
            out[(target.table, target.row)] = code
        return out

    def apply_codes(
        self,
        tables: Sequence[CleanTable],
        reference: Nomenclature | None = None,
        version: str | None = None,
        jenis_pemda: str | None = None,
    ) -> list[CleanTable]:
        """The tables with the decided codes in their code columns (``kode_sumber``
        ``keputusan``), the nomenclature's name and level beside a chosen one."""
        chosen = self.decided_codes()
        decided = [
            (i, d, t) for i, d, t in self._of(Action.CHOOSE_CODE, Action.REJECT_CODES)
            if (t.table, t.row) in chosen
        ]  # fmt: skip
        out = []
        for table in tables:
            mine = [(i, d, t) for i, d, t in decided if t.table == table.table_id]
            if not mine:
                out.append(table)
                continue
            frame = table.frame
            if "kode_sumber" not in frame.columns:
                values = {c: frame[c].tolist() if c in frame else [None] * len(frame)
                          for c in CODE_COLUMNS}  # fmt: skip
                frame = with_code_columns(frame, values, frame["level"].tolist())
            columns = {c: frame[c].tolist() for c in (*CODE_COLUMNS, "level")}
            for i, _decision, target in mine:
                row = target.index if target.index is not None else 0
                before = cell_text(frame["kode_cetak"].iloc[row]) if "kode_cetak" in frame else ""
                code = chosen[(target.table, target.row or 0)]
                entry = reference.get(code, version=version, jenis_pemda=jenis_pemda) if (
                    reference is not None and code) else None  # fmt: skip
                if code:
                    columns["kode"][row] = code
                    columns["level"][row] = entry.level if entry else Kode.parse(code).level
                columns["kode_sumber"][row] = DECIDED_SOURCE
                columns["skor_kode"][row] = None
                columns["uraian_nomenklatur"][row] = entry.name if entry else None
                self.repairs.append(
                    self._repair(i, target.table, target.row, "kode", before, code or "", target)
                )
            frame = frame.copy()
            for name, values in columns.items():
                frame[name] = values
            frame["skor_kode"] = pd.array(
                [None if v is None or v is pd.NA else float(v) for v in columns["skor_kode"]],
                dtype="Float64",
            )
            out.append(replace(table, frame=frame))
        return out

    # --- 4. values ------------------------------------------------------------------------

    def apply_values(self, tables: Sequence[CleanTable]) -> list[CleanTable]:
        """The tables with each amount's reviewed value and status, and the decided values:
        an amount's in ``<column>_ditinjau``, another number's in its own column."""
        out = []
        for table in map(with_reviewed, tables):
            mine = [x for x in self._of(Action.ACCEPT, Action.SET_VALUE) if x[2].table ==
                    table.table_id]  # fmt: skip
            if not mine:
                out.append(table)
                continue
            frame = table.frame
            columns: dict[str, list[Any]] = {}
            for i, decision, target in mine:
                name = self._column(table, decision) or ""
                spec = table.contract.column(name)
                assert spec is not None and target.index is not None  # resolved above
                try:
                    value = decided_value(decision.value, spec)
                except ValueError as exc:
                    self.reasons[i] = str(exc)
                    continue
                cell = reviewed_name(name) if spec.ctype is CellType.RUPIAH else name
                for column in (cell, status_name(name)):
                    if column in frame.columns and column not in columns:
                        columns[column] = frame[column].tolist()
                printed = frame[name].iloc[target.index]
                columns[cell][target.index] = value
                if spec.ctype is CellType.RUPIAH:
                    columns[status_name(name)][target.index] = STATUS_OF[decision.action].value
                self.repairs.append(
                    self._repair(
                        i, table.table_id, target.row, name, cell_text(printed), cell_text(value),
                        target,
                    )
                )
            out.append(replace(table, frame=_with_columns(frame, columns, table.contract)))
        return out

    def settled(self, findings: Sequence[Finding]) -> list[Finding]:
        """The reading findings without those about a cell a person decided: an unreadable
        amount given its value, an unreadable code given its code."""
        decided = {
            (t.table, t.row, self.decisions[i].column or "kode")
            for i, t in self.targets.items()
            if i not in self.reasons and self.decisions[i].action.scope in ("sel", "kode")
        }
        return [
            f for f in findings
            if not (f.check in UNREADABLE and (f.table, f.row, f.column) in decided)
        ]  # fmt: skip

    # --- 5. reviews -----------------------------------------------------------------------

    def apply_reviews(
        self, findings: Sequence[Finding], tables: Sequence[CleanTable]
    ) -> tuple[list[Finding], list[CleanTable]]:
        """Findings a person checked marked so (no longer open), and the amounts they are
        about given that status."""
        out = list(findings)
        statuses: dict[str, dict[str, list[Any]]] = {}
        frames = {t.table_id: t for t in tables}
        for i, decision, target in self._of(*REVIEWS):
            hits = [
                j for j, f in enumerate(out)
                if f.check == decision.check and f.table == target.table and f.row == target.row
                and (not decision.column or f.column == decision.column)
            ]  # fmt: skip
            if not hits:
                self.reasons[i] = _("the finding {check} is not here any more").format(
                    check=decision.check
                )
                continue
            for j in hits:
                out[j] = replace(
                    out[j],
                    review=decision.action.value,
                    review_note=decision.note or None,
                    reviewed_by=decision.by or None,
                )
            table = frames.get(target.table)
            column = out[hits[0]].column or ""
            printed = ""
            if table is not None and target.index is not None and column in table.frame:
                printed = cell_text(table.frame[column].iloc[target.index])
                status = status_name(column)
                if status in table.frame.columns:
                    cells = statuses.setdefault(target.table, {}).setdefault(
                        status, table.frame[status].tolist()
                    )
                    if cells[target.index] == ValueStatus.PRINTED.value:
                        cells[target.index] = STATUS_OF[decision.action].value
            self.repairs.append(
                self._repair(i, target.table, target.row, column, printed, printed, target)
            )
        changed = [
            replace(t, frame=_with_columns(t.frame, statuses[t.table_id], t.contract))
            if t.table_id in statuses else t
            for t in tables
        ]  # fmt: skip
        return out, changed

    # --- what became of them --------------------------------------------------------------

    def stale_findings(self) -> list[Finding]:
        """One ``keputusan_usang`` finding per decision that no longer applies."""
        out = []
        for i, reason in sorted(self.reasons.items()):
            decision = self.decisions[i]
            target = self.targets.get(i)
            position = self.positions.get(i)
            table = target.table if target else (self.final.get(position, position) if position
                                                 else None)  # fmt: skip
            out.append(
                Finding(
                    KEPUTUSAN_USANG,
                    KEPUTUSAN_USANG.severity,
                    _(
                        "The decision {action} ({where}) in {file} line {line} no longer applies: "
                        "{reason}. Check the document, then correct or remove that line of "
                        "decisions."
                    ).format(
                        action=decision.action.value,
                        where=decision.where(),
                        file=self.name,
                        line=decision.line,
                        reason=reason,
                    ),
                    table=table,
                    row=target.row if target else None,
                    source=target.source if target else Source(page=decision.table.page),
                    kode=decision.row.kode or None,
                    uraian=decision.row.uraian or None,
                    column=decision.column or None,
                    expected=decision.value or None,
                    found=decision.row.printed or None,
                )
            )
        return out

    def outcomes(self) -> tuple[DecisionOutcome, ...]:
        return tuple(
            DecisionOutcome(d, STALE, self.reasons[i]) if i in self.reasons
            else DecisionOutcome(d, APPLIED)
            for i, d in enumerate(self.decisions)
        )  # fmt: skip

    def _repair(
        self,
        i: int,
        table: str,
        row: int | None,
        column: str,
        raw: str,
        clean: str,
        target: Target | None = None,
    ) -> Repair:
        decision = self.decisions[i]
        return Repair(
            table, row, column, raw, clean, RULE,
            source=target.source if target else Source(),
            note=decision.note or decision.action.value,
            by=decision.by or None,
        )  # fmt: skip


def _with_columns(
    frame: pd.DataFrame, columns: dict[str, list[Any]], contract: TableContract
) -> pd.DataFrame:
    """The frame with some columns' values replaced, each kept in its type."""
    frame = frame.copy()
    kinds = contract.value_kinds()
    for name, values in columns.items():
        if kinds.get(name) == "exact":
            frame[name] = amount_array(values)
        elif kinds.get(name) == "float":
            frame[name] = pd.array(
                [None if v is None or v is pd.NA else float(v) for v in values], dtype="Float64"
            )
        else:
            frame[name] = pd.Series(values, index=frame.index, dtype=object)
    return frame


def _int(value: Any) -> int | None:
    return None if is_missing(value) else int(value)


__all__ = ["DECIDED_SOURCE", "Decider", "Target", "clean_row_facts", "raw_table_facts"]
