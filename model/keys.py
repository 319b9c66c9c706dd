"""Stable keys: a table and a row named by what the document prints, never by renja's numbers.

Internal ids (``t19_rencana_program``) and row numbers (``baris``) shift when a row or a table
is added to the document, or when renja reads it differently after an upgrade. A decision
(``renja.model.decisions``) therefore names its place the way a person would find it again:

- a **table** by its label (``tabel``: the number it prints, ``Tabel IV.1``; else its title;
  else the heading above it), its first page (``halaman``, PDFs) and a signature of its printed
  header (``kepala``: eight hex digits of the header's words). ``find_table`` narrows by the
  label, then the header, then the page: a table that moved to another page is still found;
- a **row** by its code as printed (``kode``), its name (``uraian``: the row's first text), the
  printed value of the cell in question (``tercetak``) and, when several rows still share all
  that, which of them (``ke``: 1, 2, …). Names compare by their letters and digits alone, so a
  word split or rejoined by another renja version is the same name.

The report writes keys with ``table_facts``/``row_facts`` and ``row_key``; the pipeline finds
them with ``find_table`` and ``find_row``. Both read the same facts from a table: the pipeline
from its records, the report from the output folder.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from renja.model.contract import CellType, TableContract
from renja.model.decisions import RowKey, TableKey
from renja.model.i18n import _
from renja.model.labels import printed_number, printed_title
from renja.model.missing import is_missing

HEADER_DIGITS = 8  # hex digits of a header signature: enough to tell a document's tables apart
CUT = "…"  # a label cut for length (``printed_title``) matches the labels it begins
# Where a row's code is printed: the nomenclature code, or an account code (RKA/DPA lines).
CODE_COLUMNS = ("kode_cetak", "kode_rekening")
PRINTED_SOURCES = ("", "cetak", "cetak+verifikasi")  # ``kode`` holds the printed code then


def compact(text: str) -> str:
    """Text as keys compare it: letters and digits only, in lower case.

    >>> compact("Penyelenggaraa n Rapat-rapat"), compact("Tabel IV.1 — Rencana")
    ('penyelenggaraanrapatrapat', 'tabeliv1rencana')
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def header_signature(rows: Iterable[Sequence[str]]) -> str:
    """A short signature of a table's printed header rows; empty for a table without one.

    >>> header_signature([["No", "Uraian", "Pagu (Rp)", ""]])
    'b4eb1f6c'
    >>> header_signature([["NO", " uraian", "Pagu  (Rp)"]]), header_signature([])
    ('b4eb1f6c', '')
    """
    words = "|".join(compact(cell) for row in rows for cell in row if compact(cell))
    if not words:
        return ""
    return hashlib.sha1(words.encode("utf-8")).hexdigest()[:HEADER_DIGITS]


def table_label(caption: str, context: str = "") -> str:
    """What a table is called in a decision: its printed number, else its title, else the
    heading above it.

    >>> table_label("Tabel 2. 1. Capaian Kinerja"), table_label("Rincian Belanja")
    ('Tabel 2.1', 'Rincian Belanja')
    >>> table_label("", "BAB II EVALUASI"), table_label("", "")
    ('BAB II EVALUASI', '')
    """
    return printed_number(caption) or printed_title(caption) or printed_title(context)


def cell_text(value: Any) -> str:
    """A typed cell as text, the way the output files write it.

    >>> [cell_text(v) for v in (28143400, Decimal("1.50"), 12.0, None, float("nan"), "x")]
    ['28143400', '1.50', '12', '', '', 'x']
    """
    if is_missing(value):
        return ""
    if hasattr(value, "item") and not isinstance(value, str | Decimal):
        value = value.item()  # a numpy scalar
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def same_value(a: str, b: str) -> bool:
    """Two printed values are the same: as numbers when both are, else as text.

    >>> same_value("75090599", "75090599.00"), same_value("7 dok", "7 DOK"), same_value("1", "2")
    (True, True, False)
    """
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return x == y
    return compact(a) == compact(b)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip()) if text.strip() else None
    except InvalidOperation:
        return None


@dataclass(frozen=True, slots=True)
class Found:
    """Where a key points: an index into the candidates, or why none."""

    index: int | None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class TableFacts:
    """What a table prints that a key names."""

    label: str
    page: int | None
    header: str

    def key(self) -> TableKey:
        return TableKey(self.label, self.page, self.header)


# A title (not a printed number) this long names the tables whose title it begins.
MIN_PREFIX = 12


def _same_label(wanted: str, label: str) -> bool:
    """A key's label names a table's: equal; or a title that begins the other (one was cut,
    ``…``, or a person wrote its first words). A number (``Tabel 2.1``) must be equal.

    >>> _same_label("Tabel 2.1", "Tabel 2.10"), _same_label("RENCANA PROGRAM DAN", "Rencana "
    ...     "Program dan Kegiatan pada Perubahan Renja …")
    (False, True)
    """
    a, b = compact(wanted), compact(label)
    if not a or not b:
        return False
    if a == b:
        return True
    if printed_number(wanted) or printed_number(label) or min(len(a), len(b)) < MIN_PREFIX:
        return False
    return a.startswith(b) or b.startswith(a)


def find_table(key: TableKey, tables: Sequence[TableFacts]) -> Found:
    """The one table a key names: by label, then header signature, then page (the nearest).

    >>> tables = [TableFacts("Tabel 2.1", 5, "aa"), TableFacts("Tabel 2.1", 40, "bb"),
    ...           TableFacts("Tabel IV.1", 59, "cc")]
    >>> find_table(TableKey("Tabel IV.1", 61), tables).index
    2
    >>> find_table(TableKey("Tabel 2.1", None, "bb"), tables).index
    1
    >>> find_table(TableKey("Tabel 2.1"), tables).reason
    '2 tabel cocok dengan «Tabel 2.1»; sebutkan halaman atau kepala'
    >>> find_table(TableKey("Tabel II.3", None, "cc"), tables).index  # a label read otherwise
    2
    """
    candidates = list(range(len(tables)))
    if key.label:
        named = [i for i in candidates if _same_label(key.label, tables[i].label)]
        if not named and key.header:  # renja reads the label otherwise now: the header decides
            return find_table(TableKey("", key.page, key.header), tables)
        if not named:
            return Found(None, _("no table «{label}»").format(label=key.label))
        candidates = named
    if key.header:
        same = [i for i in candidates if tables[i].header == key.header]
        if same or not key.label:
            candidates = same
        if not candidates:
            return Found(None, _("no table with the header {header}").format(header=key.header))
    if len(candidates) > 1 and key.page is not None:
        pages = [i for i in candidates if tables[i].page is not None]
        distance = {i: abs((tables[i].page or 0) - key.page) for i in pages}
        nearest = min(distance.values(), default=None)
        closest = [i for i in pages if distance[i] == nearest]
        if len(closest) == 1:
            candidates = closest
    if not key.label and not key.header and key.page is not None:
        candidates = [i for i in candidates if tables[i].page == key.page]
    if len(candidates) == 1:
        return Found(candidates[0])
    if not candidates:
        return Found(None, _("no table on page {page}").format(page=key.page))
    which = (
        _("{n} tables match «{label}»; name the halaman or kepala")
        if key.label
        else _("{n} tables match; name the halaman or kepala")
    )
    return Found(None, which.format(n=len(candidates), label=key.label))


@dataclass(frozen=True, slots=True)
class RowFacts:
    """What a row prints that a key names: its code spellings, its name, its printed cells."""

    code: str  # the printed code as read (else as printed, spaces removed): what a key writes
    codes: frozenset[str]  # every spelling a key may give: as printed, as read
    label: str  # the row's name
    cells: Mapping[str, str] = field(default_factory=dict)  # column -> the printed value


def label_columns(contract: TableContract | None) -> tuple[str, ...]:
    """The columns whose first filled cell names a row: ``uraian``, then the other text.

    >>> from renja.model.contract import Column, TableStatus
    >>> contract = TableContract("capaian_iku", "", TableStatus.FORM, (Column("no", CellType.NO),
    ...     Column("sasaran", CellType.TEXT), Column("indikator", CellType.INDIKATOR)))
    >>> label_columns(contract), label_columns(None)
    (('sasaran', 'indikator'), ('uraian',))
    """
    if contract is None:
        return ("uraian",)
    names = ["uraian"] if "uraian" in contract.outputs() else []
    for column in contract.columns:
        if column.ctype in _NAMING and column.name not in names:
            names.append(column.name)
    return tuple(names)


_NAMING = (CellType.TEXT, CellType.INDIKATOR, CellType.KODE_URAIAN)


def row_facts(
    record: Mapping[str, Any], labels: Sequence[str], cells: Mapping[str, str] | None = None
) -> RowFacts:
    """A row's facts from its cells (typed values or the files' text). ``cells`` are the printed
    values of the columns a key may name; by default the record's own.

    >>> facts = row_facts({"kode_cetak": "5.03.0 1.2.07. 05", "kode": "5.03.01.2.07.0005",
    ...                    "kode_sumber": "cetak", "uraian": "Pengadaan Mebel", "pagu": 100},
    ...                   ("uraian",))
    >>> facts.code, sorted(facts.codes), facts.label, facts.cells["pagu"]
    ('5.03.01.2.07.0005', ['5.03.01.2.07.0005', '5.03.01.2.07.05'], 'Pengadaan Mebel', '100')
    """
    printed = ""
    codes: set[str] = set()
    read = cell_text(record.get("kode"))
    if read and cell_text(record.get("kode_sumber")) in PRINTED_SOURCES:
        codes.add(read)  # the printed code as renja reads it: what a key writes
        printed = read
    for name in CODE_COLUMNS:
        text = "".join(cell_text(record.get(name)).split())
        if text:
            printed = printed or text
            codes.add(text)
    label = next((t for name in labels if (t := cell_text(record.get(name)).strip())), "")
    shown = dict(cells) if cells is not None else {k: cell_text(v) for k, v in record.items()}
    return RowFacts(printed, frozenset(codes), " ".join(label.split()), shown)


def _row_matches(row: RowFacts, kode: str, uraian: str) -> bool:
    if kode and "".join(kode.split()) not in row.codes:
        return False
    return not uraian or compact(uraian) == compact(row.label)


def row_key(rows: Sequence[RowFacts], index: int, column: str = "") -> RowKey:
    """The key of ``rows[index]`` (with the printed value of ``column``, when given): its code,
    its name, and which of the rows sharing them it is, when several do.

    >>> rows = [RowFacts("", frozenset(), "Belanja", {"pagu": "5"}),
    ...         RowFacts("", frozenset(), "Belanja", {"pagu": "7"}),
    ...         RowFacts("", frozenset(), "Belanja", {"pagu": "7"})]
    >>> row_key(rows, 2, "pagu")
    RowKey(kode='', uraian='Belanja', printed='7', occurrence=2)
    >>> row_key(rows, 0, "pagu").occurrence is None
    True
    """
    me = rows[index]
    printed = me.cells.get(column, "") if column else ""
    same = [
        i
        for i, row in enumerate(rows)
        if _row_matches(row, me.code, me.label)
        and (not printed or same_value(row.cells.get(column, ""), printed))
    ]
    occurrence = same.index(index) + 1 if len(same) > 1 and index in same else None
    return RowKey(me.code, me.label, printed, occurrence)


def find_row(rows: Sequence[RowFacts], key: RowKey, column: str = "") -> Found:
    """The one row a key names: by code and name, then the printed value, then ``ke``.

    >>> rows = [RowFacts("1.05", frozenset({"1.05"}), "Program A", {"pagu": "5"}),
    ...         RowFacts("", frozenset(), "Belanja", {"pagu": "7"})]
    >>> find_row(rows, RowKey("", "BELANJA"), "pagu").index
    1
    >>> find_row(rows, RowKey("1.05", "", "6"), "pagu").reason
    'kolom pagu kini tercetak 5, bukan 6'
    """
    candidates = [i for i, row in enumerate(rows) if _row_matches(row, key.kode, key.uraian)]
    what = ", ".join(
        p for p in (_("code {kode}").format(kode=key.kode) if key.kode else "",
                    _("uraian «{uraian}»").format(uraian=key.uraian) if key.uraian else "") if p
    ) or _("this key")  # fmt: skip
    if not candidates:
        return Found(None, _("no row with {what}").format(what=what))
    if key.printed and column:
        same = [i for i in candidates if same_value(rows[i].cells.get(column, ""), key.printed)]
        if not same and len(candidates) == 1:
            now = rows[candidates[0]].cells.get(column, "") or _("empty")
            return Found(None, _("column {column} now prints {now}, not {printed}").format(
                column=column, now=now, printed=key.printed))  # fmt: skip
        if not same:
            return Found(None, _("no row with {what} that prints {printed} in column {column}")
                         .format(what=what, printed=key.printed, column=column))  # fmt: skip
        candidates = same
    if key.occurrence is not None:
        if key.occurrence <= len(candidates):
            return Found(candidates[key.occurrence - 1])
        return Found(
            None,
            _("only {n} rows with {what}, not a {occurrence}th").format(
                n=len(candidates), what=what, occurrence=key.occurrence
            ),
        )
    if len(candidates) == 1:
        return Found(candidates[0])
    return Found(None, _("{n} rows with {what}; name ke").format(n=len(candidates), what=what))


__all__ = [
    "Found",
    "RowFacts",
    "TableFacts",
    "cell_text",
    "compact",
    "find_row",
    "find_table",
    "header_signature",
    "label_columns",
    "row_facts",
    "row_key",
    "same_value",
    "table_label",
]
