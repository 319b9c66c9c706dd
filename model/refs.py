"""References from one record to others, and the list cells of the output files.

A finding names what it involves in ``Finding.related``: clean cells or whole rows (``CellRef``)
and nomenclature codes (``CodeRef``). A clean row names the source lines it was merged from in
``baris_gabungan``. Both are lists, and the output files keep them as lists:

- in CSV, one cell holding a compact JSON array (empty when the list is)::

      related         [{"tabel":"t06_reviu_rkpd","baris":4,"kolom":"pagu_murni"},{"kode":"5.03"}]
      baris_gabungan  [902,903,904]

  A reference to a whole row has no ``kolom``.
- in Parquet, a list type: ``list<int64>`` for ``baris_gabungan``, ``list<struct<tabel, baris,
  kolom, kode>>`` for the corpus's ``temuan.related``.

Readers parse them with ``json`` through ``load_related`` and ``load_lines``; nothing splits
text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from renja.model.i18n import _

# The keys of a reference in the files: Indonesian, as the columns of the clean tables are.
TABLE_KEY, ROW_KEY, COLUMN_KEY, CODE_KEY = "tabel", "baris", "kolom", "kode"
_COMPACT = (",", ":")


@dataclass(frozen=True, slots=True)
class CellRef:
    """A cell of a clean table: its table id, its row (``baris``) and column; a whole row when
    ``column`` is None.

    >>> CellRef("t06_reviu_rkpd", 4, "pagu_murni").label(), CellRef("t10", 1).label()
    ('t06_reviu_rkpd:4:pagu_murni', 't10:1')
    >>> refs = [CellRef("t1", 2, "b"), CellRef("t1", 2), CellRef("t1", 1, "z")]
    >>> [r.label() for r in sorted(refs)]
    ['t1:1:z', 't1:2', 't1:2:b']
    """

    table: str
    row: int
    column: str | None = None

    def label(self) -> str:
        """A short text label, for messages and ids: ``table:row:column`` or ``table:row``."""
        place = f"{self.table}:{self.row}"
        return f"{place}:{self.column}" if self.column is not None else place

    def sort_key(self) -> tuple[str, int, str]:
        return (self.table, self.row, self.column or "")

    def __lt__(self, other: CellRef) -> bool:
        return self.sort_key() < other.sort_key()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {TABLE_KEY: self.table, ROW_KEY: self.row}
        if self.column is not None:
            out[COLUMN_KEY] = self.column
        return out


@dataclass(frozen=True, slots=True)
class CodeRef:
    """A nomenclature code a finding names: a candidate for a row's code, say."""

    kode: str

    def label(self) -> str:
        return self.kode

    def to_json(self) -> dict[str, Any]:
        return {CODE_KEY: self.kode}


Related = CellRef | CodeRef


def ref_from_json(item: object) -> Related:
    """One reference as ``to_json`` wrote it; ``ValueError`` for anything else.

    >>> ref_from_json({"tabel": "t06", "baris": 4, "kolom": "pagu"})
    CellRef(table='t06', row=4, column='pagu')
    >>> ref_from_json({"kode": "5.03"}), ref_from_json({"tabel": "t06", "baris": 4})
    (CodeRef(kode='5.03'), CellRef(table='t06', row=4, column=None))
    >>> ref_from_json({"tabel": "t06", "baris": "4"})
    Traceback (most recent call last):
    ValueError: bukan rujukan: {'tabel': 't06', 'baris': '4'}
    """
    if isinstance(item, Mapping):
        table, row, column = item.get(TABLE_KEY), item.get(ROW_KEY), item.get(COLUMN_KEY)
        code = item.get(CODE_KEY)
        if set(item) == {CODE_KEY} and isinstance(code, str):
            return CodeRef(code)
        whole_row = set(item) == {TABLE_KEY, ROW_KEY}
        if (
            (whole_row or set(item) == {TABLE_KEY, ROW_KEY, COLUMN_KEY})
            and isinstance(table, str)
            and isinstance(row, int)
            and not isinstance(row, bool)
            and (whole_row or isinstance(column, str))
        ):
            return CellRef(table, row, None if whole_row else column)
    raise ValueError(_("not a reference: {item!r}").format(item=item))


def dump_related(refs: Iterable[Related]) -> str:
    """A finding's references as the CSV cell holds them: a compact JSON array, empty for none.

    >>> dump_related([CellRef("t06", 4, "pagu_murni"), CellRef("t10", 1), CodeRef("5.03")])
    '[{"tabel":"t06","baris":4,"kolom":"pagu_murni"},{"tabel":"t10","baris":1},{"kode":"5.03"}]'
    >>> dump_related([])
    ''
    """
    items = [ref.to_json() for ref in refs]
    return json.dumps(items, ensure_ascii=False, separators=_COMPACT) if items else ""


def load_related(text: str) -> tuple[Related, ...]:
    """The references of a ``related`` cell (``dump_related``); ``ValueError`` for a cell that is
    not such a JSON array.

    >>> load_related('[{"tabel":"t06","baris":4,"kolom":"pagu_murni"},{"kode":"5.03"}]')
    (CellRef(table='t06', row=4, column='pagu_murni'), CodeRef(kode='5.03'))
    >>> load_related(" ")
    ()
    """
    return tuple(ref_from_json(item) for item in _json_list(text))


def dump_lines(lines: Iterable[int]) -> str:
    """Source lines (or pages) as the CSV cell holds them: a compact JSON array, empty for none.

    >>> dump_lines([902, 903, 904]), dump_lines([])
    ('[902,903,904]', '')
    """
    items = [int(line) for line in lines]
    return json.dumps(items, separators=_COMPACT) if items else ""


def load_lines(text: str) -> list[int]:
    """The integers of a ``baris_gabungan`` cell (``dump_lines``); ``ValueError`` for a cell that
    is not a JSON array of integers.

    >>> load_lines("[902,903,904]"), load_lines("")
    ([902, 903, 904], [])
    """
    items = _json_list(text)
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in items):
        raise ValueError(_("not a list of integers: {text!r}").format(text=text))
    return list(items)


def _json_list(text: str) -> list[Any]:
    if not text.strip():
        return []
    try:
        items = json.loads(text)
    except json.JSONDecodeError:
        raise ValueError(_("not a JSON array: {text!r}").format(text=text)) from None
    if not isinstance(items, list):
        raise ValueError(_("not a JSON array: {text!r}").format(text=text))
    return items


__all__ = [
    "CellRef",
    "CodeRef",
    "Related",
    "dump_lines",
    "dump_related",
    "load_lines",
    "load_related",
    "ref_from_json",
]
