"""Row hierarchy: every data row gets a level and its parent, with or without printed codes.

A coded row's level comes from its code; a row titled "Program …" or "Kegiatan …" states its
level. The others are placed by how they are numbered and set: ``I`` / ``1`` / ``a`` / ``1.1``,
bold or not, in capitals or not. Rows printed alike are siblings; a row printed unlike the rows
open above it is their child (``outline``). A class of rows printed alike takes the level most of
its coded or matched rows have; a class with none takes a generic level by its depth
(``tingkat_2``). Each row's ``induk`` is the ``baris`` of its parent.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pandas as pd

from renja.model.contract import CellType
from renja.model.kode import Kode
from renja.model.missing import is_missing
from renja.model.tables import CleanTable

# Levels of rows in a hierarchy that names no level of the nomenclature: the depth of their
# numbering (``I`` / ``1`` / ``a``), counted from the top.
GENERIC_LEVELS = tuple(f"tingkat_{n}" for n in range(1, 9))
# Levels whose rows sit above programs: their depth comes from the level, never from a class.
NAMED_LEVELS = ("skpd", "urusan", "bidang", "unit", "program", "kegiatan", "sub_kegiatan")

_ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
_LEADING = re.compile(
    r"^\s*(\(?(?:[IVXLCivxlc]{1,6}|[A-Za-z]|\d{1,3}(?:\.\d{1,3}){0,5})[.)]|\(\w{1,4}\))\s+(?=\S)"
)


@dataclass(frozen=True, slots=True)
class Marker:
    """How a row is numbered: the style of its number (``roman``, ``arabic``, ``dotted2``, …)."""

    style: str
    text: str


def marker_style(text: str) -> str | None:
    """The numbering style of a row number.

    >>> [marker_style(t) for t in ["I", "IV.", "1", "2.", "1.1", "1.1.2", "a", "b.", "(1)", "a)"]]
    ['roman', 'roman', 'arabic', 'arabic', 'dotted2', 'dotted3', 'lower', 'lower',
     'paren_arabic', 'paren_lower']
    >>> marker_style("Penyediaan") is None, marker_style("") is None
    (True, True)
    """
    token = text.strip()
    if not token:
        return None
    paren = token.startswith("(") or (token.endswith(")") and not token.startswith("("))
    token = token.strip("()").rstrip(".").strip()
    if not token:
        return None
    if re.fullmatch(r"\d{1,3}", token):
        style = "arabic"
    elif re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){1,5}", token):
        style = f"dotted{token.count('.') + 1}"
    elif _ROMAN.fullmatch(token) and token not in ("C", "L", "D", "M"):
        style = "roman"
    elif re.fullmatch(r"[ivxlc]{1,6}", token) and token in _LOWER_ROMANS:
        style = "roman_lower"
    elif re.fullmatch(r"[a-z]", token):
        style = "lower"
    elif re.fullmatch(r"[A-Z]", token):
        style = "upper"
    else:
        return None
    return f"paren_{style}" if paren else style


_LOWER_ROMANS = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})


def leading_marker(name: str) -> str | None:
    """The row number a name starts with: ``1. Program …`` -> ``1.``.

    >>> leading_marker("1. Penyusunan Dokumen"), leading_marker("a) Rapat"), leading_marker("Rapat")
    ('1.', 'a)', None)
    """
    match = _LEADING.match(name)
    return match.group(1) if match else None


def is_caps(name: str) -> bool:
    """Written in capitals (at least a few letters).

    >>> is_caps("PROGRAM PENUNJANG URUSAN"), is_caps("Program Penunjang"), is_caps("PAD")
    (True, False, False)
    """
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= MIN_CAPS_LETTERS and all(c.isupper() for c in letters)


# Fewer capital letters than this make an abbreviation, not a row set in capitals.
MIN_CAPS_LETTERS = 6


@dataclass(frozen=True, slots=True)
class RowFacts:
    """What the outline needs of one row."""

    level: str | None  # from its code or its name: program, kegiatan, …
    number: str | None  # its row number, from a number column or the start of its name
    bold: bool
    caps: bool
    indent: int = 0  # the row's indentation step: 0 at the table's left, 1 one step in, …
    under_bidang: bool = False  # an SKPD listed under the bidang its unit code names


def signature(row: RowFacts) -> tuple[Hashable, ...]:
    """How a row is printed, for telling siblings from children.

    >>> signature(RowFacts("program", "1", True, True))
    ('level', 'program')
    >>> signature(RowFacts(None, "a.", False, False))
    ('marker', 'lower', False, False, 0)
    >>> signature(RowFacts("skpd", None, False, False, under_bidang=True))
    ('level', 'skpd', 'bidang')
    """
    if row.level in NAMED_LEVELS:
        return ("level", row.level, "bidang") if row.under_bidang else ("level", row.level)
    style = marker_style(row.number or "")
    if style:
        return ("marker", style, row.bold, row.caps, row.indent)
    return ("plain", row.bold, row.caps, row.indent)


# Depth order of named levels: a row of a deeper level is a child of an open row of a shallower.
LEVEL_ORDER = {level: index for index, level in enumerate(NAMED_LEVELS)}
LEVEL_ORDER["unit"] = LEVEL_ORDER["bidang"]
# An SKPD (and its sub units) listed under the bidang its unit code names, as APBD lampiran and
# RKPD list them: below the bidang, above any program.
UNDER_BIDANG_ORDER = {"skpd": LEVEL_ORDER["bidang"] + 1.0, "unit": LEVEL_ORDER["bidang"] + 1.5}


def _order(sig: tuple[Hashable, ...]) -> float:
    """The depth order of a named level's signature."""
    if len(sig) > 2:
        return UNDER_BIDANG_ORDER.get(str(sig[1]), LEVEL_ORDER[str(sig[1])])
    return LEVEL_ORDER[str(sig[1])]


def outline(rows: Sequence[RowFacts]) -> tuple[list[int], list[int | None]]:
    """Each row's depth (0 at the top) and the index of its parent.

    A row printed like an open row above it is that row's sibling (the rows opened since are
    closed); a row printed unlike every open row is a child of the last. Named levels keep
    their order: a kegiatan closes the open sub kegiatan, a program closes both.

    >>> rows = [RowFacts(None, "I", True, True), RowFacts(None, "1", True, False),
    ...         RowFacts(None, "1", False, False), RowFacts(None, "2", False, False),
    ...         RowFacts(None, "2", True, False), RowFacts(None, "3", False, False),
    ...         RowFacts(None, "II", True, True)]
    >>> outline(rows)
    ([0, 1, 2, 2, 1, 2, 0], [None, 0, 1, 1, 0, 4, None])
    >>> outline([RowFacts(None, None, False, False), RowFacts(None, None, False, True)])
    ([0, 0], [None, None])

    Indentation nests plain rows: a row set further in is a child of the row above it.

    >>> accounts = [RowFacts(None, None, False, False, indent) for indent in (0, 1, 2, 2, 1, 0)]
    >>> outline(accounts)
    ([0, 1, 2, 2, 1, 0], [None, 0, 1, 1, 0, None])
    """
    depths: list[int] = []
    parents: list[int | None] = []
    stack: list[tuple[tuple[Hashable, ...], int]] = []  # (signature, row index)
    for index, row in enumerate(rows):
        sig = signature(row)
        if sig[0] == "level":
            order = _order(sig)
            while stack and _closes(stack[-1][0], order):
                stack.pop()
        elif any(s == sig for s, _ in stack):
            while stack[-1][0] != sig:
                stack.pop()
            stack.pop()
        elif sig[0] == "plain":
            # An unnumbered heading (in capitals or bold) is never under a plainer one, nor
            # under a row set as far in as it or further.
            while stack and stack[-1][0][0] == "plain" and not _above(stack[-1][0], sig):
                stack.pop()
        while stack and _indent_of(stack[-1][0]) > _indent_of(sig):
            stack.pop()  # a row set less far in than an open row closes it
        parents.append(stack[-1][1] if stack else None)
        depths.append(len(stack))
        stack.append((sig, index))
    return depths, parents


def _indent_of(sig: tuple[Hashable, ...]) -> int:
    """The indentation step of a row's signature (named levels: none)."""
    value = sig[-1] if sig[0] in ("marker", "plain") else 0
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _above(open_sig: tuple[Hashable, ...], sig: tuple[Hashable, ...]) -> bool:
    """Whether an open plain row can be the parent of a plain row: set less far in, or as far
    in and more prominent."""
    if _indent_of(open_sig) != _indent_of(sig):
        return _indent_of(open_sig) < _indent_of(sig)
    return _rank(open_sig) < _rank(sig)


def _rank(sig: tuple[Hashable, ...]) -> int:
    """How prominent an unnumbered row is: capitals and bold (0) above capitals (1), above bold
    (2), above plain (3)."""
    bold, caps = bool(sig[1]), bool(sig[2])
    return 3 - (2 * caps + bold)


def _closes(open_sig: tuple[Hashable, ...], order: float) -> bool:
    """Whether a row of a named level at ``order`` closes an open row: one of its level or
    deeper, or an unnamed row (numbered items close when the next named row comes)."""
    if open_sig[0] != "level":
        return True
    return _order(open_sig) >= order


def class_levels(rows: Sequence[RowFacts]) -> list[str | None]:
    """A level for every row that has none: the level most rows printed like it have (a class
    of rows numbered ``1``, bold, whose matched names are kegiatan). None when its class has no
    row of a known level.

    >>> rows = [RowFacts("program", "I", True, True), RowFacts("kegiatan", "1", False, False),
    ...         RowFacts(None, "2", False, False), RowFacts(None, "a", False, False)]
    >>> class_levels(rows)
    ['program', 'kegiatan', 'kegiatan', None]
    """
    votes: dict[tuple[Hashable, ...], Counter[str]] = {}
    for row in rows:
        if row.level in NAMED_LEVELS:
            key = signature(replace(row, level=None))
            votes.setdefault(key, Counter())[row.level] += 1
    out: list[str | None] = []
    for row in rows:
        counted = votes.get(signature(replace(row, level=None)))
        out.append(row.level or (counted.most_common(1)[0][0] if counted else None))
    return out


def generic_level(depth: int) -> str:
    """The level of a row of no named level, by its depth in the outline.

    >>> generic_level(0), generic_level(2)
    ('tingkat_1', 'tingkat_3')
    """
    return GENERIC_LEVELS[min(depth, len(GENERIC_LEVELS) - 1)]


Amounts = tuple["int | Decimal | None", ...]
# A row whose amounts are this small is no subtotal to find: round sums meet by chance.
MIN_SUBTOTAL = 1000


def sum_outline(rows: Sequence[Amounts]) -> list[int | None]:
    """Parents of rows printed alike, read from their amounts: a row whose every amount is the
    sum of the rows right after it is their subtotal (``Belanja Operasi`` over ``Belanja
    Pegawai``, ``Belanja Barang/Jasa`` …), nested subtotals counted once. Each row's parent
    index, None at the top.

    >>> sum_outline([(10000, 20000), (4000, 5000), (6000, 15000), (7000, 1000), (7000, 1000),
    ...              (3000, 3000)])
    [None, 0, 0, None, 3, None]
    >>> sum_outline([(9000,), (5000,), (2000,), (3000,), (4000,)])
    [None, 0, 1, 1, 0]
    >>> sum_outline([(5000,), (6000,)])
    [None, None]
    """
    parents: list[int | None] = [None] * len(rows)
    if len(rows) > MAX_SUM_OUTLINE:
        return parents
    i = 0
    while i < len(rows):
        i = _place(rows, i, len(rows), parents) or i + 1
    return parents


# Longer runs of rows printed alike are not searched for subtotals (the search is quadratic).
MAX_SUM_OUTLINE = 400


def _place(rows: Sequence[Amounts], i: int, end: int, parents: list[int | None]) -> int | None:
    """If ``rows[i]`` is the subtotal of the rows after it, set their parents and return where
    they end (exclusive); else None. A child that is itself a subtotal counts once."""
    own = rows[i]
    filled = [c for c, v in enumerate(own) if v is not None]
    if not filled or max(_size(own[c]) for c in filled) < MIN_SUBTOTAL:
        return None
    totals: list[int | Decimal] = [0] * len(own)
    trial: list[int | None] = list(parents)
    j = i + 1
    while j < end:
        trial[j] = i
        for c, value in enumerate(rows[j]):
            totals[c] += value or 0
        if any(_size(totals[c]) > _size(own[c]) for c in filled):
            return None
        nested = _place(rows, j, end, trial)
        j = nested if nested is not None else j + 1
        if all(totals[c] == own[c] for c in filled):
            parents[:] = trial
            return j
    return None


def _size(amount: int | Decimal | None) -> int | Decimal:
    """``abs(amount)``, an empty cell counting as 0."""
    if isinstance(amount, Decimal):
        return abs(amount)
    return abs(amount or 0)


# Indentations closer than this (points) are one step: text is placed to a fraction of a point.
INDENT_TOLERANCE = 2.0
# A table whose names start at more distinct places than this is ragged, not indented (centred
# names are no indentation: the reader leaves them unmeasured).
MAX_INDENT_STEPS = 5


def indent_steps(indents: Sequence[float | None]) -> list[int]:
    """Each row's indentation step (0 at the left), when its names are set by indentation.

    The indentations are grouped into steps a few points apart. A column whose names start at
    many places is ragged: all rows are step 0.

    >>> indent_steps([2.0, 14.1, 26.0, 26.2, 14.0, 2.1, None])
    [0, 1, 2, 2, 1, 0, 0]
    >>> indent_steps([30.5, 12.0, 41.2, 8.3, 22.7, 35.9, 17.4])  # ragged names
    [0, 0, 0, 0, 0, 0, 0]
    >>> indent_steps([3.0, 3.0, 3.1])
    [0, 0, 0]
    """
    known = sorted(v for v in indents if v is not None)
    if not known:
        return [0] * len(indents)
    starts = [known[0]]
    for before, value in pairwise(known):
        if value - before > INDENT_TOLERANCE:
            starts.append(value)
    if len(starts) > MAX_INDENT_STEPS:
        return [0] * len(indents)
    return [0 if v is None else sum(1 for s in starts[1:] if v >= s) for v in indents]


def row_facts(values: dict[str, Any], bold: bool, indent: int = 0) -> RowFacts:
    """The facts of one clean row: level, row number, bold, capitals, indentation step."""
    names = [v for k, v in values.items() if k.startswith("uraian") and k != "uraian_nomenklatur"]
    name = str(values.get("uraian") or values.get("sasaran") or next(filter(None, names), ""))
    number = values.get("no")
    number = str(number) if number not in (None, "") else leading_marker(name)
    level = values.get("level") or next(
        (v for k, v in values.items() if k.startswith("level_") and isinstance(v, str)), None
    )  # a row named only on one side of a two-sided form (a reviu's new sub kegiatan)
    return RowFacts(level if isinstance(level, str) else None, number, bold, is_caps(name), indent)


def place_rows(table: CleanTable) -> CleanTable:
    """The table with every data row's level and parent (``induk``) filled in."""
    frame = table.frame
    if frame.empty:
        return table
    if any(c.ctype is CellType.MIXED for c in table.contract.columns):
        return _with_parents(table, [None] * len(frame))  # a label : value block: no outline
    kinds = frame["jenis_baris"].tolist()
    records = frame.to_dict("records")
    bold = list(table.bold) + [False] * (len(records) - len(table.bold))
    data = [i for i, kind in enumerate(kinds) if kind == "data"]
    indents = list(table.indents) + [None] * (len(records) - len(table.indents))
    steps = indent_steps([indents[i] for i in data])
    facts = [row_facts(records[i], bold[i], step) for i, step in zip(data, steps, strict=True)]
    for k, under in enumerate(under_bidang([records[i].get("kode") for i in data])):
        if under:
            facts[k] = replace(facts[k], under_bidang=True)
    named = class_levels(facts)
    facts = [replace(f, level=level) for f, level in zip(facts, named, strict=True)]
    codes = [records[i].get("kode") for i in data]
    for k, under in enumerate(under_named_group(facts, codes)):
        if under:
            facts[k] = replace(facts[k], under_bidang=True)
    amounts = table.contract.amount_columns()
    rows = [tuple(_amount(records[i].get(c)) for c in amounts) for i in data]
    for k in units_beside([f.level for f in facts], rows):
        facts[k] = replace(facts[k], level="skpd")  # listed as an SKPD: its parent is theirs
    depths, parents = outline(facts)
    if amounts:
        depths, parents = subtotals(data, facts, depths, parents, rows)
    levels = [f.level or generic_level(d) for f, d in zip(facts, depths, strict=True)]
    level = [v if isinstance(v, str) else None for v in frame["level"].tolist()]
    induk: list[int | None] = [None] * len(records)
    baris = frame["baris"].tolist()
    for i, parent, new in zip(data, parents, levels, strict=True):
        level[i] = level[i] or new
        induk[i] = None if parent is None else int(baris[data[parent]])
    last: int | None = None
    for i, kind in enumerate(kinds):
        if kind == "data":
            last = i
        elif kind == "indikator" and last is not None:
            induk[i] = int(baris[last])  # an indicator line under its row
    out = frame.copy()
    out["level"] = pd.Series(level, index=frame.index, dtype=object)
    return _with_parents(replace(table, frame=out), induk)


def under_named_group(facts: Sequence[RowFacts], codes: Sequence[Any]) -> list[bool]:
    """Which rows are SKPD listed under a group heading printed without a code (an RKPD's or
    APBD's rekap by perangkat daerah: ``I URUSAN PEMERINTAHAN WAJIB …``, ``IV UNSUR
    PENDUKUNG …``, each numbered in roman numerals or named an urusan, over its SKPD). An SKPD
    printed before any such heading heads its own rows instead (a Renja's agency line).

    >>> rows = [RowFacts(None, "I", True, True), RowFacts("skpd", "1", False, False),
    ...         RowFacts("unit", "2", False, False), RowFacts(None, "II", True, True),
    ...         RowFacts("skpd", "3", False, False)]
    >>> under_named_group(rows, [None, "1.01.0.00.0.00.01.0000", "1.01.0.00.0.00.01.0001",
    ...                          None, "4.01.0.00.0.00.01.0000"])
    [False, True, True, False, True]
    >>> agency = [RowFacts("skpd", None, True, True), RowFacts(None, "I", True, True)]
    >>> under_named_group(agency, ["1.02.0.00.0.00.01.0000", None])
    [False, False]
    """
    out = []
    heading = agency_first = False
    for row, code in zip(facts, codes, strict=True):
        if row.level in ("skpd", "unit") and not heading:
            agency_first = True
        uncoded = Kode.from_cell(code) is None
        if uncoded and (row.level == "urusan" or _ROMAN.match(row.number or "")):
            heading = True
        out.append(row.level in ("skpd", "unit") and heading and not agency_first)
    return out


def units_beside(levels: Sequence[str | None], amounts: Sequence[Amounts]) -> list[int]:
    """The sub units (``….0001``) listed beside their SKPD rather than under it: the SKPD's
    first amount is not the sum of its units' (an RKPD rekap listing its RSUD as an entry of its
    own, the Dinas' amount without it). Units whose SKPD prints their sum stay its children.

    >>> levels = ["skpd", "unit", "skpd", "unit", "unit"]
    >>> units_beside(levels, [(119,), (49,), (30,), (10,), (20,)])
    [1]
    """
    out: list[int] = []
    k = 0
    while k < len(levels):
        if levels[k] != "skpd":
            k += 1
            continue
        end = k + 1
        while end < len(levels) and levels[end] == "unit":
            end += 1
        units = range(k + 1, end)
        first = [value for j in units if amounts[j] and (value := amounts[j][0]) is not None]
        own = amounts[k][0] if amounts[k] else None
        if units and own is not None and first and sum(first, start=0) != own:
            out += list(units)
        k = end
    return out


def under_bidang(codes: Sequence[Any]) -> list[bool]:
    """Which rows are SKPD listed under their bidang: a unit code naming a bidang a row above
    prints (APBD lampiran II, RKPD by perangkat daerah; an SKPD serving two bidang is listed
    under each). An SKPD printed before any of its bidang heads its own rows instead (a
    Renja's agency line).

    >>> under_bidang(["1.02", "1.02.0.00.0.00.01.0000", "1.02.0.00.0.00.01.0001", "1.03"])
    [False, True, True, False]
    >>> under_bidang(["3.31", "2.17.3.31.0.00.01.0000"])
    [False, True]
    >>> under_bidang(["1.02.0.00.0.00.01.0000", "1.02", "1.02.01"])
    [False, False, False]
    """
    seen: set[Kode] = set()
    out = []
    for cell in codes:
        kode = Kode.from_cell(cell)
        if kode is not None and kode.level == "bidang":
            seen.add(kode)
        out.append(kode is not None and any(b in seen for b in kode.served_bidang()))
    return out


def _amount(value: Any) -> int | Decimal | None:
    if is_missing(value):
        return None
    return value if isinstance(value, int | Decimal) else None


def subtotals(
    positions: Sequence[int],
    facts: Sequence[RowFacts],
    depths: list[int],
    parents: list[int | None],
    amounts: Sequence[Amounts],
) -> tuple[list[int], list[int | None]]:
    """Depths and parents with subtotals found among rows the outline left side by side: a run
    of consecutive unnamed rows with one parent and no children of their own
    (``sum_outline``)."""
    depths, parents = list(depths), list(parents)
    has_children = {p for p in parents if p is not None}
    run: list[int] = []

    def close() -> None:
        if len(run) >= MIN_SUBTOTAL_RUN:
            found = sum_outline([amounts[k] for k in run])
            for offset, parent in enumerate(found):
                if parent is not None:
                    k = run[offset]
                    parents[k] = run[parent]
                    depths[k] = depths[run[parent]] + 1
            _deepen(run, found, depths)
        run.clear()

    for k in range(len(facts)):
        alone = facts[k].level is None and k not in has_children
        joins = (
            bool(run) and positions[k] == positions[run[-1]] + 1 and parents[k] == parents[run[-1]]
        )
        if not (alone and (joins or not run)):
            close()
        if alone:
            run.append(k)
    close()
    return depths, parents


def _deepen(run: list[int], found: list[int | None], depths: list[int]) -> None:
    """Depths of nested subtotals' children, top down."""
    for offset, parent in enumerate(found):
        if parent is not None:
            depths[run[offset]] = depths[run[parent]] + 1


# Subtotals are looked for in runs of at least this many rows.
MIN_SUBTOTAL_RUN = 3


def _with_parents(table: CleanTable, induk: list[int | None]) -> CleanTable:
    """The table with its ``induk`` column right after ``level``."""
    out = table.frame.copy()
    if "induk" in out.columns:
        out = out.drop(columns=["induk"])
    position = list(out.columns).index("level") + 1 if "level" in out.columns else len(out.columns)
    out.insert(position, "induk", pd.array(induk, dtype="Int64"))
    return replace(table, frame=out)


__all__ = [
    "GENERIC_LEVELS",
    "Marker",
    "RowFacts",
    "class_levels",
    "generic_level",
    "is_caps",
    "leading_marker",
    "marker_style",
    "outline",
    "place_rows",
    "row_facts",
    "signature",
]
