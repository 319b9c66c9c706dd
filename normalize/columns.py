"""Which raw column is which canonical column: header text and data shapes, matched in order.

Converters misplace header cells as often as data cells, so the header is one signal among
three: the form's own column order, the words in the header, and what the data looks like.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from renja.extract.shapes import Shape, sniff
from renja.model.contract import CellType, Column, TableContract, TableStatus
from renja.model.limits import CELL_CACHE
from renja.model.records import RawRow, RawTable
from renja.normalize.fit import fit_cost
from renja.normalize.glued import split_amount_from_words
from renja.normalize.header import HeaderModel
from renja.normalize.infer import price_checks, ratio_checks, row_checks, snake
from renja.normalize.kinds import ColumnSpec, TableKind
from renja.normalize.measures import UNIT_NAMES, meaning_of

# Score weights for matching a canonical column to a raw position.
HEADER_WEIGHT = 2.0  # the header words name the column
SHAPE_WEIGHT = 1.5  # the data in that position has the column's shape
# A canonical column is only placed on a position scoring at least this much.
MIN_MATCH_SCORE = 1.2
# Data rows sampled per position to judge its shape (enough to be stable, cheap on big tables).
SHAPE_SAMPLE = 60

_TRIWULAN = re.compile(r"triwulan\s+(iv|iii|ii|i|[1-4])\b", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def report_period(caption: str) -> int | None:
    """The quarter an evaluation reports on, from its caption.

    >>> report_period("Periode Pelaksanaan Triwulan II Tahun 2024")
    2
    >>> report_period("Tabel 5.1") is None
    True
    """
    match = _TRIWULAN.search(caption)
    if not match:
        return None
    token = match.group(1).lower()
    return _ROMAN.get(token) or int(token)


def _expand_repeats(kind: TableKind, header: list[str]) -> list[ColumnSpec]:
    """Turn a repeating spec (``target_{tahun}``) into one spec per year found in the header."""
    specs: list[ColumnSpec] = []
    for spec in kind.columns:
        if not spec.repeat:
            specs.append(spec)
            continue
        seen: set[str] = set()
        for text in header:
            match = re.search(spec.header, text)
            if match and match.group(1) not in seen:
                seen.add(match.group(1))
                specs.append(
                    ColumnSpec(
                        spec.name.format(tahun=match.group(1)),
                        spec.ctype,
                        re.escape(match.group(1)),
                    )
                )
    return specs


def _shape_fit(spec: ColumnSpec, cells: list[str]) -> float:
    """How well the data in one position fits a column type: 1 perfect, 0 not at all."""
    filled = [c for c in cells if c.strip()]
    if not filled:
        return 0.5
    costs = [min(fit_cost(_shape(c), spec.ctype), 4.0) for c in filled[:SHAPE_SAMPLE]]
    return 1.0 - sum(costs) / (4.0 * len(costs))


@lru_cache(maxsize=CELL_CACHE)
def _shape(cell: str) -> Shape:
    """A cell's shape, an amount glued to its funding source (``206.927.000 Retribusi``, a
    converter's two columns in one: ``Pagu Indikatif / Sumber Dana``) an amount: the column
    is the pagu's, its words go to ``sumber_dana`` (``glued``).

    >>> _shape("206.927.000 Retribusi").name, _shape("DAK Fisik").name
    ('AMOUNT', 'TEXT')
    """
    return Shape.AMOUNT if split_amount_from_words(cell) is not None else sniff(cell)


# Column types a form's column may take the place of when the header does not name it: a text
# column never sits on a column of row numbers, codes or amounts the cells show.
_KINDRED = (
    frozenset({CellType.TEXT, CellType.INDIKATOR, CellType.KODE_URAIAN}),
    frozenset({CellType.KODE, CellType.KODE_URAIAN, CellType.REKENING}),
    frozenset({CellType.RUPIAH, CellType.NUMBER, CellType.TARGET, CellType.PERCENT}),
    frozenset({CellType.NO}),
)


def kindred(spec: CellType, cells: CellType) -> bool:
    """Whether a form's column of type ``spec`` may sit where the cells look like ``cells``.

    >>> kindred(CellType.TEXT, CellType.NO), kindred(CellType.TARGET, CellType.RUPIAH)
    (False, True)
    """
    return any(spec in group and cells in group for group in _KINDRED)


def _scores(
    specs: list[ColumnSpec],
    header: list[str],
    body: list[RawRow],
    inferred: list[Column] | None = None,
) -> list[list[float]]:
    """How well each canonical column fits each raw position: header words and data shapes."""
    width = len(header)
    columns = [[r.cells[p] if p < len(r.cells) else "" for r in body] for p in range(width)]
    out = []
    for spec in specs:
        row = []
        for p in range(width):
            named = bool(spec.header and re.search(spec.header, header[p]))
            score = HEADER_WEIGHT * named + SHAPE_WEIGHT * _shape_fit(spec, columns[p])
            # A column variants often leave out is placed only where the header names it, and
            # no column where the header is silent and the cells say it is of another kind.
            unlike = inferred is not None and not kindred(spec.ctype, inferred[p].ctype)
            # A form's column of words is never set on one of money, whatever its header says
            # (``Menurut Sumber Dana (Rp) / DAK Non Fisik`` names no ``sumber_dana``).
            words_on_money = (
                inferred is not None
                and spec.ctype is CellType.TEXT
                and inferred[p].ctype is CellType.RUPIAH
            )
            placed = (named or not (spec.optional or unlike)) and not words_on_money
            row.append(score if placed else 0.0)
        out.append(row)
    return out


def _match_in_order(score: list[list[float]], width: int) -> dict[int, int]:
    """Order-preserving best match of canonical columns to positions (dynamic programming):
    position -> spec index."""
    m = len(score)
    best = [[0.0] * (width + 1) for _ in range(m + 1)]
    for c in range(m - 1, -1, -1):
        for p in range(width - 1, -1, -1):
            options = [best[c + 1][p], best[c][p + 1]]
            if score[c][p] >= MIN_MATCH_SCORE:
                options.append(score[c][p] + best[c + 1][p + 1])
            best[c][p] = max(options)
    chosen: dict[int, int] = {}
    c = p = 0
    while c < m and p < width:
        if score[c][p] >= MIN_MATCH_SCORE and best[c][p] == score[c][p] + best[c + 1][p + 1]:
            chosen[p] = c
            c, p = c + 1, p + 1
        elif best[c][p] == best[c + 1][p]:
            c += 1
        else:
            p += 1
    return chosen


def _match_any_order(score: list[list[float]], width: int) -> dict[int, int]:
    """Best pairs first, in any order (a variant of a form that moved a column):
    position -> spec index."""
    pairs = sorted(
        ((score[c][p], -abs(c - p), c, p) for c in range(len(score)) for p in range(width)),
        reverse=True,
    )
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    for value, _, c, p in pairs:
        if value < MIN_MATCH_SCORE:
            break
        if p not in chosen and c not in taken:
            chosen[p] = c
            taken.add(c)
    return chosen


# A match that ignores the form's column order is used only when it fits this much better.
REORDER_GAIN = 1.0


def _match_by_header(
    specs: list[ColumnSpec],
    header: list[str],
    body: list[RawRow],
    inferred: list[Column] | None = None,
) -> dict[int, ColumnSpec]:
    """Canonical columns onto positions: in the form's order, or, when the table clearly moved
    columns (its header names them elsewhere), in the table's own order."""
    width = len(header)
    score = _scores(specs, header, body, inferred)
    in_order, any_order = _match_in_order(score, width), _match_any_order(score, width)

    def total(chosen: dict[int, int]) -> float:
        return sum(score[c][p] for p, c in chosen.items())

    chosen = any_order if total(any_order) > total(in_order) + REORDER_GAIN else in_order
    return {p: specs[c] for p, c in chosen.items()}


def form_column(
    spec: ColumnSpec, header: str = "", scale: int | None = None, disabled: bool = False
) -> Column:
    """A form's column as read from one position: the form's name and type, the header's
    measure, period and unit of money."""
    meaning = meaning_of((header,)) if header else None
    money = spec.ctype is CellType.RUPIAH
    factor = ((meaning.scale if meaning else None) or scale or 1) if money else 1
    return Column(
        name=spec.name,
        ctype=spec.ctype,
        header=header,
        measure=meaning.measure if meaning and money else None,
        period=meaning.period if meaning else None,
        quantity=spec.measure,
        unit=UNIT_NAMES.get(factor) if money else None,
        scale=factor,
        summed=spec.summed,
        signed=spec.signed,
        quarter=spec.quarter,
        disabled=disabled,
    )


# A form's before/after quantities, and the header words that state a before/after pair.
_BEFORE_AFTER = {"pagu_sebelum": "pagu", "pagu_sesudah": "pagu", "target_sebelum": "target",
                 "target_sesudah": "target"}  # fmt: skip
_STATED = re.compile(
    r"murni|perubahan|sebelum|sesudah|setelah|semula|menjadi|penetapan|pergeseran", re.I
)


def _unstated_pairs(chosen: dict[int, ColumnSpec], labels: list[str]) -> dict[int, ColumnSpec]:
    """Drop a form's before/after pair the header does not state: a T-C.31's pagu indikatif of
    the rancangan awal beside the kebutuhan dana of the analysis is two measures, not murni and
    perubahan. Those positions keep their inferred names; they are still compared with other
    tables as the form's earlier and later figure.

    >>> from renja.normalize.kinds import REVIU_RKPD
    >>> specs = {s.name: s for s in REVIU_RKPD.columns}
    >>> chosen = {0: specs["pagu_murni"], 1: specs["pagu_perubahan"]}
    >>> sorted(_unstated_pairs(chosen, ["rancangan awal / pagu indikatif", "kebutuhan dana"]))
    []
    >>> sorted(_unstated_pairs(chosen, ["murni 2024", "perubahan 24"]))
    [0, 1]
    """
    pair = [p for p, s in chosen.items() if (s.measure or "") in _BEFORE_AFTER]
    sides = {str(chosen[p].measure).rsplit("_", 1)[-1] for p in pair}
    if len(sides) < 2 or any(_STATED.search(labels[p]) for p in pair):
        return chosen
    return {p: s for p, s in chosen.items() if p not in pair}


_SIDE_WORDS = re.compile(r"_(?:perubahan|murni)\b")


def _side_named(spec: ColumnSpec, label: str) -> ColumnSpec:
    """A form's column of its "perubahan" side, in a table whose two sides are something else
    (a T-C.31's rancangan awal and hasil analisis kebutuhan): named by the side's own label.

    >>> from renja.normalize.kinds import REVIU_RKPD
    >>> spec = next(s for s in REVIU_RKPD.columns if s.name == "uraian_perubahan")
    >>> _side_named(spec, "hasil analisis kebutuhan / program/kegiatan").name
    'uraian_hasil_analisis'
    """
    if not _SIDE_WORDS.search(spec.name) or " / " not in label:
        return spec
    side = snake(label.split(" / ")[0], SIDE_WORDS) or "sisi_kanan"
    return replace(spec, name=_SIDE_WORDS.sub(f"_{side}", spec.name))


# Words of a side's label that name its columns.
SIDE_WORDS = 2
_HALVES = ("sebelum", "sesudah", "murni", "perubahan")


def _pair_half(spec: ColumnSpec, inferred: Sequence[Column], p: int) -> bool:
    """A form's one-year column over one half of a before/after pair the header prints (the
    form knows one pagu, the document prints it before and after): the inferred column names
    it, with its side (``pagu_indikatif_sebelum``)."""
    side = (inferred[p].period or "").rsplit("_", 1)[-1]
    if side not in _HALVES or (spec.measure or "") in _BEFORE_AFTER or side in spec.name:
        return False
    measure = inferred[p].measure
    return any(
        c.measure == measure and (c.period or "").rsplit("_", 1)[-1] in _HALVES
        and (c.period or "").rsplit("_", 1)[-1] != side
        for k, c in enumerate(inferred) if k != p
    )  # fmt: skip


def _contradicted(specs: Sequence[ColumnSpec], labels: Sequence[str]) -> bool:
    """Whether reading the columns in the form's order would put more of them under another
    column's printed name than under their own: a label that names a different column of the
    form and not the one at its place. A table as wide as its form is not always in the form's
    order (an unruled page can split a column in two while the document leaves one of the
    form's out); a form's loose header words make one or two such labels common even when the
    order is right.

    >>> from renja.model.contract import CellType as T
    >>> specs = [ColumnSpec("kode", T.KODE, r"\\bkode"), ColumnSpec("uraian", T.TEXT, r"uraian")]
    >>> _contradicted(specs, ["kode", "uraian"]), _contradicted(specs, ["no", "kode"])
    (False, True)
    """
    own = against = 0
    for spec, label in zip(specs, labels, strict=True):
        if not label:
            continue
        if spec.header and re.search(spec.header, label):
            own += 1
        elif any(o.header and o is not spec and re.search(o.header, label) for o in specs):
            against += 1
    return against > own


def _fits(spec: ColumnSpec, label: str, inferred: Column) -> bool:
    """A form's column may stand here: the header names it, or the cells are of its kind."""
    named = bool(spec.header and re.search(spec.header, label))
    return named or kindred(spec.ctype, inferred.ctype)


def _refined(column: Column, inferred: Column) -> Column:
    """A form's column whose cells say otherwise: a target column that a document fills with
    Rupiah (a T-C.29 printing Rp where the form has K) is read as money, under the form's name.
    It is not summed: the form does not promise its parents add up."""
    if column.ctype is CellType.KODE and inferred.ctype is CellType.REKENING:
        return replace(inferred, header=column.header)  # account codes, not program codes
    if column.ctype is CellType.TARGET and inferred.ctype is CellType.RUPIAH:
        return replace(column, ctype=CellType.RUPIAH, unit=inferred.unit, scale=inferred.scale,
                       measure=inferred.measure, summed=False, inferred=True)  # fmt: skip
    return column


def _free_name(column: Column, taken: set[str]) -> Column:
    """An inferred column beside a form's: renamed when the form already uses its name. A
    column whose other clean columns do not follow its name (a code's ``level``, a mixed
    column's ``kode`` and ``uraian``) cannot be renamed out of the form's: it is kept as text
    under a free name, its cells as printed.

    >>> mixed = Column("isi", CellType.MIXED)
    >>> free = _free_name(mixed, {"kode", "uraian", "nilai"})
    >>> free.name, free.ctype.value
    ('isi', 'text')
    >>> _free_name(Column("pagu", CellType.RUPIAH), {"pagu"}).name
    'pagu_2'
    """
    fixed = set(column.outputs()[1:]) & set(replace(column, name=f"{column.name}_x").outputs())
    if fixed & taken:
        column = replace(column, ctype=CellType.TEXT)
    name, n = column.name, 1
    while name in taken or any(o in taken for o in replace(column, name=name).outputs()[1:]):
        n += 1
        name = f"{column.name}_{n}"
    return replace(column, name=name)


def map_columns(
    table: RawTable,
    kind: TableKind,
    header: HeaderModel,
    inferred: list[Column],
    scale: int | None = None,
) -> TableContract:
    """A known form's contract for one table: the form's columns where the table has them, the
    inferred column at every other position (no raw column is left untyped)."""
    labels = header.labels
    width = header.width
    period = report_period(table.caption)
    if kind.fixed_layout:
        columns = [
            form_column(spec, "", scale, bool(period and spec.quarter and spec.quarter > period))
            for spec in kind.columns
        ]
        return _contract(kind, columns, "template", period, labels)
    specs = _expand_repeats(kind, labels)
    if len(specs) == width and not _contradicted(specs, labels):
        columns = [
            _refined(form_column(s, labels[p], scale), inferred[p])
            if _fits(s, labels[p], inferred[p])
            else inferred[p]
            for p, s in enumerate(specs)
        ]
        return _contract(kind, columns, "identity", period, labels, header)
    matched = _match_by_header(specs, labels, table.body, inferred)
    chosen = _unstated_pairs(matched, labels)
    if len(chosen) < len(matched):  # the document's two sides are not murni and perubahan
        chosen = {p: _side_named(spec, labels[p]) for p, spec in chosen.items()}
    chosen = {p: s for p, s in chosen.items() if not _pair_half(s, inferred, p)}
    taken = {o for spec in chosen.values() for o in form_column(spec).outputs()}
    columns = []
    for p in range(width):
        if p in chosen:
            columns.append(_refined(form_column(chosen[p], labels[p], scale), inferred[p]))
        else:
            column = _free_name(inferred[p], taken)
            if p in matched:  # an unstated before/after pair: compared as the form's quantity
                column = replace(column, quantity=matched[p].measure)
            taken.update(column.outputs())
            columns.append(column)
    return _contract(kind, columns, "header", period, labels, header)


def _contract(
    kind: TableKind,
    columns: list[Column],
    method: str,
    period: int | None,
    labels: list[str],
    header: HeaderModel | None = None,
) -> TableContract:
    """A form's contract: its own checks, and the in-row checks the header promises over the
    columns the form does not relate (a change beside before/after, a total beside years)."""
    checks = tuple(kind.row_checks)
    ratios = tuple(kind.ratio_checks)
    if header is not None:
        totals = {c.total for c in checks}
        checks += tuple(c for c in row_checks(columns, header) if c.total not in totals)
        percents = {c.percent for c in ratios}
        ratios += tuple(c for c in ratio_checks(columns, header) if c.percent not in percents)
    return TableContract(
        form=kind.slug,
        title=kind.title,
        status=TableStatus.FORM,
        columns=tuple(columns),
        method=method,
        row_checks=checks,
        ratio_checks=ratios,
        price_checks=kind.price_checks or price_checks(columns),
        unique_kode=kind.unique_kode,
        coded=kind.coded,
        line_levels=kind.line_levels,
        default_level=kind.default_level,
        period=period,
        header=tuple(labels),
    )


def form_contract(kind: TableKind) -> TableContract:
    """A form's contract before any table: its full column set (a repeated column keeps its
    ``{tahun}`` placeholder), for schemas of users' copies."""
    return _contract(kind, [form_column(spec) for spec in kind.columns], "bentuk", None, [])
