"""The corpus's ``pagu``: each document's budget once, so that a plain ``sum(pagu)`` is right.

A document prints the same money several times: a program's pagu is the sum of its kegiatan's,
which is the sum of their sub kegiatan's; a totals row sums them again; the plan is printed in the
main table and again in the tables of a revision, and a revision prints the amount before and
after. ``baris`` keeps every one of them (with ``jenis_nilai`` telling totals from unit prices and
changes); ``pagu`` keeps one amount per document, budget year and coded row, from:

- the document's main table only (the same one ``sub_kegiatan`` is read from);
- its lowest coded rows (``leaf_codes``): a sub kegiatan, or a kegiatan or program printed without
  rows under it; never a totals row;
- one money column per budget year (``budget_column``): the amount after a revision when the table
  prints both (``sesudah``, ``perubahan``, ``total``), never a change, a unit price, a realisation
  or a quarter.

Across documents, ``terkini`` marks the one document that counts for each pemda, SKPD and budget
year (``current_documents``), so that a sum over many documents counts each budget once too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from renja.model.contract import CellType, Column, TableContract, reviewed_name, status_name
from renja.model.kode import LEVELS, Kode
from renja.model.missing import is_missing
from renja.normalize.skpd import entity_key

# What an amount measures when it is a budget (a column named by a form has no measure of its own
# unless its header names one); realisasi, pendapatan, harga, selisih are not.
BUDGET_MEASURES = frozenset({None, "pagu", "pagu_indikatif", "kebutuhan_dana", "anggaran", "nilai"})
FINAL, PLAIN, BEFORE = 0, 1, 2  # a column's rank within its year: the amount after a revision first
_FINAL_WORDS = frozenset({"pagu_sesudah", "sesudah", "perubahan", "total"})
_BEFORE_WORDS = frozenset({"pagu_sebelum", "sebelum", "murni"})
DATA_ROW = "data"  # ``jenis_baris`` of a row of the plan (not a total, an indicator line …)


def is_budget(column: Column) -> bool:
    """A money column that adds up the hierarchy and holds a budget."""
    return (
        column.ctype is CellType.RUPIAH
        and column.summed
        and not column.signed
        and column.quarter is None
        and column.measure in BUDGET_MEASURES
        and column.quantity not in ("realisasi",)
    )


def rank(column: Column) -> int:
    """``FINAL`` for the amount after a revision, ``BEFORE`` for the one before, else ``PLAIN``.

    >>> rank(Column("pagu_sesudah", CellType.RUPIAH, quantity="pagu_sesudah", period="sesudah"))
    0
    >>> rank(Column("pagu_murni", CellType.RUPIAH, quantity="pagu_sebelum", period="murni"))
    2
    """
    words = {column.quantity, column.period}
    if words & _FINAL_WORDS:
        return FINAL
    if words & _BEFORE_WORDS:
        return BEFORE
    return PLAIN


def budget_column(
    contract: TableContract, columns: Sequence[str], years: Mapping[str, str | None]
) -> dict[int, str]:
    """For each budget year of a table, its one money column (``years``: each column's period,
    a year or ``2024-TW2``).

    >>> contract = TableContract("x", "", "disimpulkan", (
    ...     Column("pagu_sebelum", CellType.RUPIAH, quantity="pagu_sebelum", period="sebelum"),
    ...     Column("pagu_sesudah", CellType.RUPIAH, quantity="pagu_sesudah", period="sesudah"),
    ...     Column("selisih", CellType.RUPIAH, signed=True),
    ...     Column("pagu_maju", CellType.RUPIAH, quantity="pagu_maju")))
    >>> years = {"pagu_sebelum": "2024", "pagu_sesudah": "2024", "selisih": "2024",
    ...          "pagu_maju": "2025"}
    >>> budget_column(contract, list(years), years)
    {2024: 'pagu_sesudah', 2025: 'pagu_maju'}
    """
    chosen: dict[int, tuple[int, int, str]] = {}
    for order, name in enumerate(columns):
        spec = contract.column(name)
        period = years.get(name)
        if spec is None or spec.name != name or not is_budget(spec) or not period:
            continue
        if not period.isdigit():
            continue
        candidate = (rank(spec), order, name)
        year = int(period)
        if year not in chosen or candidate < chosen[year]:
            chosen[year] = candidate
    return {year: name for year, (_, _, name) in sorted(chosen.items())}


def leaf_codes(codes: Sequence[str | None]) -> set[str]:
    """The codes no other code of the table lies under: the lowest rows of the plan.

    >>> sorted(leaf_codes(["5.03", "5.03.02", "5.03.02.2.01", "5.03.02.2.01.0003", "5.03.03"]))
    ['5.03.02.2.01.0003', '5.03.03']
    """
    parsed = [k for c in codes if c and (k := Kode.from_cell(c)) is not None and k.level in LEVELS]
    above: set[str] = set()
    for kode in parsed:
        parent = kode.parent()
        while parent is not None:
            above.add(parent.text)
            parent = parent.parent()
    return {k.text for k in parsed} - above


def pagu_records(
    meta: Mapping[str, Any],
    table_id: str,
    contract: TableContract,
    frame: pd.DataFrame,
    years: Mapping[str, str | None],
    hierarchy: pd.DataFrame,
) -> list[dict[str, Any]]:
    """One record per budget year and lowest coded row of a document's main table."""
    if "kode" not in frame.columns:
        return []
    columns = budget_column(contract, list(frame.columns), years)
    if not columns:
        return []
    rows = frame
    if "jenis_baris" in frame.columns:
        rows = frame[frame["jenis_baris"].fillna(DATA_ROW) == DATA_ROW]
    leaves = leaf_codes(list(rows["kode"]))
    out = []
    for index, row in rows.iterrows():
        kode = row["kode"]
        if not isinstance(kode, str) or kode not in leaves:
            continue
        for year, column in columns.items():
            value = row[column]
            if is_missing(value):
                continue
            spec = contract.column(column)
            out.append({
                **meta,
                "tahun_anggaran": year,
                "prakiraan_maju": "maju" in column or (spec is not None
                                                       and spec.quantity == "pagu_maju"),
                **hierarchy.loc[index].to_dict(),
                "level": Kode.parse(kode).level,
                "kode": kode,
                "uraian": row.get("uraian"),
                "pagu": value,
                "pagu_ditinjau": _cell(row, reviewed_name(column), value),
                "status_pagu": _cell(row, status_name(column), None),
                "ukuran": column,
                "table_id": table_id,
                "baris": row["baris"],
            })  # fmt: skip
    return out


def _cell(row: pd.Series, name: str, default: Any) -> Any:
    """A row's cell, or ``default`` where the table has no such column or the cell is empty."""
    value = row[name] if name in row.index else None
    return default if is_missing(value) else value


def current_documents(frame: pd.DataFrame) -> pd.Series:
    """``terkini``: whether a pagu row's document is the one that counts for its pemda, SKPD and
    budget year, so that summing over documents counts each budget once. Among the documents of
    one body (``entity_key``) with amounts for a year: the latest plan (a Renja 2025 over the
    prakiraan maju of the Renja 2024), a revision over the original (``Perubahan``), then the
    first by id.

    >>> frame = pd.DataFrame({"doc_id": ["a", "b", "c", "c"], "kode_pemda": "63.72",
    ...     "pemda": "Kota Banjarbaru", "skpd": "BKPSDM", "tahun": [2024, 2024, 2025, 2025],
    ...     "jenis": ["Renja", "Renja Perubahan", "Renja", "Renja"],
    ...     "tahun_anggaran": [2025, 2025, 2025, 2026]})
    >>> current_documents(frame).tolist()
    [False, False, True, True]
    """
    if frame.empty:
        return pd.Series([], dtype="boolean", index=frame.index)
    keys = [
        entity_key(_text(k), _text(p), _text(s)) or f"dokumen:{d}"
        for k, p, s, d in zip(frame["kode_pemda"], frame["pemda"], frame["skpd"],
                              frame["doc_id"], strict=True)
    ]  # fmt: skip
    documents = pd.DataFrame({
        "key": keys,
        "year": frame["tahun_anggaran"],
        "doc_id": frame["doc_id"],
        "tahun": pd.to_numeric(frame["tahun"], errors="coerce").fillna(-1),
        "revised": frame["jenis"].fillna("").astype(str).str.contains("Perubahan"),
    }).drop_duplicates(["key", "year", "doc_id"])  # fmt: skip
    documents = documents.sort_values(
        ["key", "year", "tahun", "revised", "doc_id"], ascending=[True, True, False, False, True]
    )
    chosen = documents.drop_duplicates(["key", "year"])
    picked = set(zip(chosen["key"], chosen["year"], chosen["doc_id"], strict=True))
    return pd.Series(
        [(k, y, d) in picked for k, y, d in zip(keys, frame["tahun_anggaran"], frame["doc_id"],
                                                strict=True)],
        index=frame.index,
        dtype="boolean",
    )  # fmt: skip


def _text(value: Any) -> str | None:
    if is_missing(value):
        return None
    return str(value)


__all__ = ["budget_column", "current_documents", "leaf_codes", "pagu_records"]
