"""The machinery behind ``tests/layouts.py``: expected rows, their arithmetic, number spellings,
and a reportlab table renderer flexible enough for invented layouts.

A generated document is built in three steps. Its rows are declared in print order (``Sheet.row``)
with the amounts of the leaves; parents, totals and derived columns are computed, each computation
recorded as a ``Check`` (parent = sum of children, JUMLAH = sum of the rows it covers, selisih =
sesudah - sebelum, total = sum of the years, % = selisih / sebelum x 100); then a few printed cells
are overwritten with wrong values (``Sheet.plant``), as a typist would. The facts are the values as
printed, the planted errors say what each wrong cell should have held, and every check is evaluated
again on the printed values, so a check fails only where a planted cell takes part in it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .pdfgen import Layout

LEVELS = (
    "urusan", "bidang", "program", "kegiatan", "sub_kegiatan",
    "akun", "kelompok", "jenis", "objek", "rincian_objek", "sub_rincian_objek",
    "paket", "keterangan", "rincian",
)  # fmt: skip
F4 = (609.45, 935.43)  # 215 x 330 mm, the folio paper Indonesian offices print on
PERCENT_TOLERANCE = 0.006  # a printed percentage has two decimals: half a hundredth, and a hair

Cell = tuple[str, str]  # (row id, amount key)


# --- rows, checks, planted errors -------------------------------------------------------------


@dataclass
class Row:
    """One printed row: its name, level, code and numbering, and its amounts in Rupiah."""

    id: str
    uraian: str
    level: str | None
    kode: str | None = None
    nomor: str | None = None
    parent: Row | None = None
    amounts: dict[str, int] = field(default_factory=dict)
    percents: dict[str, float] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    children: list[Row] = field(default_factory=list)

    def fact(self) -> dict:
        """The row as a JSON-ready fact (parent by uraian and by id)."""
        out: dict = {
            "id": self.id,
            "uraian": self.uraian,
            "level": self.level,
            "kode": self.kode,
            "nomor": self.nomor,
            "parent": self.parent.uraian if self.parent else None,
            "parent_id": self.parent.id if self.parent else None,
            "amounts": dict(self.amounts),
        }
        if self.percents:
            out["percents"] = dict(self.percents)
        if self.cells:
            out["cells"] = dict(self.cells)
        return out


@dataclass(frozen=True)
class Check:
    """``target`` should equal the signed sum of ``terms`` (kind sum/total/row), or, for kind
    ``percent``, the percentage terms[0] / terms[1] x 100 rounded to two decimals."""

    kind: str  # children, total, row, percent
    target: Cell
    terms: tuple[tuple[int, str, str], ...]
    text: str


@dataclass(frozen=True)
class Planted:
    """A cell printed wrong on purpose."""

    id: str
    uraian: str
    column: str
    printed: int | float
    expected: int | float


class Sheet:
    """The rows of one generated table in print order, with their checks and planted errors."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.checks: list[Check] = []
        self.planted: list[Planted] = []

    def row(
        self,
        uraian: str,
        level: str | None,
        parent: Row | None = None,
        *,
        kode: str | None = None,
        nomor: str | None = None,
        amounts: dict[str, int] | None = None,
        cells: dict[str, str] | None = None,
    ) -> Row:
        """Append a row (after every row already declared) under ``parent``."""
        if level is not None and level not in LEVELS:
            raise ValueError(f"unknown level {level!r}")
        row = Row(
            f"r{len(self.rows) + 1}",
            uraian,
            level,
            kode,
            nomor,
            parent,
            dict(amounts or {}),
            {},
            dict(cells or {}),
        )
        if parent is not None:
            parent.children.append(row)
        self.rows.append(row)
        return row

    def by_uraian(self, uraian: str) -> Row:
        """The one row printed with this name."""
        found = [r for r in self.rows if r.uraian == uraian]
        if len(found) != 1:
            raise ValueError(f"{len(found)} rows named {uraian!r}")
        return found[0]

    # computations, each one recorded as a check

    def sum_children(self, keys: Iterable[str], only: Callable[[Row], bool] | None = None) -> None:
        """Every row with children (or those ``only`` accepts) gets, for each key, the sum of its
        children, deepest rows first."""
        for key in keys:
            for row in reversed(self.rows):
                kids = [c for c in row.children if key in c.amounts]
                if not kids or (only is not None and not only(row)):
                    continue
                row.amounts[key] = sum(c.amounts[key] for c in kids)
                self.checks.append(
                    Check(
                        "children",
                        (row.id, key),
                        tuple((1, c.id, key) for c in kids),
                        f"{key} of {row.uraian!r} = sum of its {len(kids)} children",
                    )
                )

    def total(self, row: Row, over: Sequence[Row], keys: Iterable[str], sign: int = 1) -> None:
        """``row`` (a JUMLAH line) gets the sum of ``over`` for each key."""
        for key in keys:
            cover = [r for r in over if key in r.amounts]
            row.amounts[key] = sign * sum(r.amounts[key] for r in cover)
            names = ", ".join(r.uraian for r in cover) if len(cover) <= 4 else f"{len(cover)} rows"
            self.checks.append(
                Check(
                    "total",
                    (row.id, key),
                    tuple((sign, r.id, key) for r in cover),
                    f"{key} of {row.uraian!r} = {'-' if sign < 0 else ''}sum of {names}",
                )
            )

    def difference(self, row: Row, key: str, plus: Cell, minus: Cell, text: str) -> None:
        """``row[key]`` = plus - minus, where either cell may sit on another row."""
        value = self._value(plus) - self._value(minus)
        row.amounts[key] = value
        terms = ((1, *plus), (-1, *minus))
        self.checks.append(Check("total", (row.id, key), terms, text))

    def derive(
        self,
        key: str,
        terms: Sequence[tuple[int, str]],
        rows: Iterable[Row] | None = None,
        text: str = "",
    ) -> None:
        """On every row (or ``rows``) holding all the term keys: key = signed sum of the terms."""
        for row in self.rows if rows is None else rows:
            if not all(k in row.amounts for _, k in terms):
                continue
            row.amounts[key] = sum(s * row.amounts[k] for s, k in terms)
            self.checks.append(
                Check(
                    "row",
                    (row.id, key),
                    tuple((s, row.id, k) for s, k in terms),
                    f"{key} of {row.uraian!r}: {text}",
                )
            )

    def percent(
        self, key: str, numerator: str, denominator: str, rows: Iterable[Row] | None = None
    ) -> None:
        """On every row with a non-zero denominator: key = numerator / denominator x 100."""
        for row in self.rows if rows is None else rows:
            den = row.amounts.get(denominator)
            if not den or numerator not in row.amounts:
                continue
            row.percents[key] = percentage(row.amounts[numerator], den)
            self.checks.append(
                Check(
                    "percent",
                    (row.id, key),
                    ((1, row.id, numerator), (1, row.id, denominator)),
                    f"{key} of {row.uraian!r} = {numerator} / {denominator} x 100",
                )
            )

    def priced(self, row: Row, quantity: int, price: str, key: str) -> None:
        """A budget line: ``row[key]`` = quantity × ``row[price]`` (no tax)."""
        row.amounts[key] = quantity * row.amounts[price]
        self.checks.append(
            Check("row", (row.id, key), ((quantity, row.id, price),),
                  f"{key} of {row.uraian!r} = {quantity} x {price}")
        )  # fmt: skip

    def plant(self, uraian: str, key: str, printed: int | float) -> None:
        """Print ``printed`` in a cell whose right value was computed: a planted error."""
        row = self.by_uraian(uraian)
        expected: int | float
        if key in row.percents:
            expected, row.percents[key] = row.percents[key], float(printed)
        elif key in row.amounts:
            expected, row.amounts[key] = row.amounts[key], int(printed)
        else:
            raise ValueError(f"{uraian!r} has no {key!r}")
        if expected == printed:
            raise ValueError(f"planting {printed} in {uraian!r} {key!r} changes nothing")
        self.planted.append(Planted(row.id, uraian, key, printed, expected))

    # evaluation on the printed values

    def _value(self, cell: Cell) -> int:
        row = self.rows[int(cell[0][1:]) - 1]
        return row.amounts[cell[1]]

    def _percent(self, cell: Cell) -> float:
        return self.rows[int(cell[0][1:]) - 1].percents[cell[1]]

    def evaluate(self, check: Check) -> tuple[int | float, int | float, bool]:
        """(printed, computed from the printed terms, whether they agree)."""
        if check.kind == "percent":
            (_, nid, nkey), (_, did, dkey) = check.terms
            computed = percentage(self._value((nid, nkey)), self._value((did, dkey)))
            printed = self._percent(check.target)
            return printed, computed, abs(printed - computed) < PERCENT_TOLERANCE
        computed_int = sum(s * self._value((i, k)) for s, i, k in check.terms)
        printed_int = self._value(check.target)
        return printed_int, computed_int, printed_int == computed_int

    def summary(self) -> list[str]:
        """Which kinds of sums hold, per key, and where the planted errors make one fail."""
        groups: dict[tuple[str, str], list[Check]] = {}
        for check in self.checks:
            groups.setdefault((check.kind, check.target[1]), []).append(check)
        words = {
            "children": "parent = sum of its children",
            "total": "total rows",
            "row": "in-row relation",
            "percent": "percentage",
        }
        lines = []
        for (kind, key), checks in groups.items():
            failing = []
            for check in checks:
                printed, computed, holds = self.evaluate(check)
                if not holds:
                    failing.append(f"{check.text} (printed {printed}, computed {computed})")
            line = f"{words[kind]} ({key}): {len(checks) - len(failing)} of {len(checks)} hold"
            if failing:
                line += "; fails: " + "; ".join(failing)
            lines.append(line)
        return lines


def percentage(numerator: int, denominator: int) -> float:
    """numerator / denominator x 100, rounded half up to two decimals.

    >>> percentage(-12_500_000, 84_250_000)
    -14.84
    """
    value = Decimal(numerator) * 100 / Decimal(denominator)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# --- the result of a generator ------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    """A generated PDF and what a reader should find in it."""

    name: str
    pdf: Path
    description: str
    sheet: Sheet
    columns: dict[str, str]  # amount key -> the header it is printed under
    scale: int = 1  # 1 for Rupiah, 1_000_000 for a table "dalam juta rupiah"
    pages: int = 1
    notes: tuple[str, ...] = ()

    @property
    def facts(self) -> list[dict]:
        return [r.fact() for r in self.sheet.rows]

    @property
    def errors(self) -> list[dict]:
        return [
            {
                "id": p.id,
                "uraian": p.uraian,
                "column": p.column,
                "printed": p.printed,
                "expected": p.expected,
            }
            for p in self.sheet.planted
        ]

    @property
    def totals_ok(self) -> list[str]:
        return [*self.notes, *self.sheet.summary()]

    def checks(self) -> list[dict]:
        out = []
        for check in self.sheet.checks:
            printed, computed, holds = self.sheet.evaluate(check)
            out.append(
                {
                    "kind": check.kind,
                    "id": check.target[0],
                    "column": check.target[1],
                    "terms": [list(t) for t in check.terms],
                    "printed": printed,
                    "computed": computed,
                    "holds": holds,
                }
            )
        return out

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "pdf": self.pdf.name,
            "description": self.description,
            "pages": self.pages,
            "unit": "juta rupiah" if self.scale == 1_000_000 else "rupiah",
            "scale": self.scale,
            "columns": self.columns,
            "facts": self.facts,
            "errors": self.errors,
            "totals_ok": self.totals_ok,
            "checks": self.checks(),
        }

    def write_facts(self, folder: Path) -> Path:
        """``<folder>/<name>.facts.json``, byte-stable."""
        path = folder / f"{self.name}.facts.json"
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n"
        path.write_text(text, encoding="utf-8")
        return path


# --- number spellings ----------------------------------------------------------------------------


def group(digits: int, sep: str) -> str:
    """1234567 -> '1.234.567' (with sep '.')."""
    return f"{digits:,}".replace(",", sep)


def rupiah(
    value: int,
    *,
    cents: bool = False,
    us: bool = False,
    zero: str | None = None,
    minus: str = "parens",
) -> str:
    """A Rupiah amount as Indonesian (or US) documents print it.

    >>> rupiah(-12_500_000)
    '(12.500.000)'
    >>> rupiah(3_547_642_206, cents=True, us=True)
    '3,547,642,206.00'
    >>> rupiah(4_348_300_000, cents=True)
    '4.348.300.000,00'
    >>> rupiah(0, zero="-")
    '-'
    """
    if value == 0 and zero is not None:
        return zero
    sep, dec = (",", ".") if us else (".", ",")
    text = group(abs(value), sep) + (f"{dec}00" if cents else "")
    if value < 0:
        return f"({text})" if minus == "parens" else f"-{text}"
    return text


def juta(value: int, zero: str | None = None) -> str:
    """A Rupiah amount printed in millions with two decimals.

    >>> juta(1_234_500_000)
    '1.234,50'
    >>> juta(48_250_000)
    '48,25'
    """
    if value % 10_000:
        raise ValueError(f"{value} is not a whole number of hundredths of a million")
    if value == 0 and zero is not None:
        return zero
    whole, rest = divmod(abs(value), 1_000_000)
    text = f"{group(whole, '.')},{rest // 10_000:02d}"
    return f"({text})" if value < 0 else text


def persen(value: float) -> str:
    """A percentage with two decimals and a decimal comma, negatives in parentheses.

    >>> persen(-14.84)
    '(14,84)'
    """
    text = f"{abs(value):.2f}".replace(".", ",")
    return f"({text})" if value < 0 else text


def grown(base: int, percent: int, years: int, step: int = 1_000_000) -> int:
    """``base`` grown by ``percent`` a year for ``years`` years, rounded to ``step``, in integers.

    >>> grown(100_000_000, 10, 2)
    121000000
    """
    value = base * (100 + percent) ** years
    scale = 100**years * step
    return (value + scale // 2) // scale * step


# --- rendering -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One printed table row: its cells, bold or not, and the indent of its name cell."""

    cells: Sequence[str]
    bold: bool = False
    indent: float = 0.0


@dataclass
class TablePage:
    """A table to render with platypus: header rows, body lines and how to draw them."""

    header: Sequence[Sequence[str]]
    body: Sequence[Line]
    widths: Sequence[float]
    right: frozenset[int] = frozenset()  # columns set right (amounts)
    center: frozenset[int] = frozenset()  # body columns centred (numbering, units)
    name_col: int = 1  # the column ``Line.indent`` applies to
    header_style: Sequence[tuple] = ()  # SPAN commands etc., in table coordinates
    body_style: Sequence[tuple] = ()  # extra commands, in table coordinates
    repeat_header: bool = True


# How every table is printed while ``printed_as`` is in effect: a change to its Layout (no
# rules, another font or size). benchmarks/layout_variants.py prints every layout so.
_PRINTED_AS: list[Callable[[Layout], Layout]] = []


@contextmanager
def printed_as(change: Callable[[Layout], Layout]) -> Iterator[None]:
    """Within the block, ``render_table`` prints with ``change(layout)``."""
    _PRINTED_AS.append(change)
    try:
        yield
    finally:
        _PRINTED_AS.pop()


def render_table(
    path: Path,
    pagesize: tuple[float, float],
    title: Sequence[str],
    table: TablePage,
    layout: Layout,
    footer: Callable[[int], str] | None = None,
    margins: float = 30,
    caption_after: Sequence[str] = (),
) -> int:
    """Write one table (title lines above, optional lines below) to ``path``; the page count.

    ``layout.rules``: ``all`` (grid), ``horizontal`` (a rule under every body line, no verticals)
    or ``none``. Deterministic: the PDF carries no date or random id (``invariant``).
    """
    for change in _PRINTED_AS:
        layout = change(layout)
    size = layout.size
    body = ParagraphStyle("cell", fontName=layout.font, fontSize=size, leading=size * 1.18)
    bold = ParagraphStyle("bold", parent=body, fontName=layout.bold_font)
    head = ParagraphStyle(
        "head", parent=bold, alignment=TA_LEFT if layout.header_align == "left" else TA_CENTER
    )
    titled = ParagraphStyle(
        "title", parent=bold, fontSize=size * 1.5, leading=size * 1.9, alignment=TA_CENTER
    )
    plain = ParagraphStyle("plain", parent=body, fontSize=size * 1.15, leading=size * 1.5)
    align = {i: TA_RIGHT for i in table.right} | {i: TA_CENTER for i in table.center}

    def para(text: str, style: ParagraphStyle, col: int, indent: float = 0.0) -> Paragraph:
        if col in align or indent:
            style = ParagraphStyle(
                f"{style.name}-{col}-{indent}",
                parent=style,
                alignment=align.get(col, TA_LEFT),
                leftIndent=indent,
            )
        return Paragraph(escape(text), style)

    width = len(table.widths)
    data = [[Paragraph(escape(c), head) for c in row] for row in table.header]
    for line in table.body:
        style = bold if line.bold else body
        cells = list(line.cells) + [""] * (width - len(line.cells))
        data.append(
            [
                para(c, style, i, line.indent if i == table.name_col else 0.0)
                for i, c in enumerate(cells)
            ]
        )
    nhead = len(table.header)
    grid = Table(data, colWidths=list(table.widths), repeatRows=nhead if table.repeat_header else 0)
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, nhead - 1), layout.header_valign),
        ("LEFTPADDING", (0, 0), (-1, -1), layout.padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), layout.padding),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if layout.rules == "all":
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif layout.rules == "horizontal":
        style.append(("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.black))
        style.append(("LINEBELOW", (0, nhead - 1), (-1, -1), 0.4, colors.black))
    style.extend(table.header_style)
    style.extend(table.body_style)
    grid.setStyle(TableStyle(style))
    story: list = [Paragraph(escape(t), titled) for t in title]
    story.append(Spacer(1, 8))
    story.append(grid)
    story.extend([Spacer(1, 6), *(Paragraph(escape(t), plain) for t in caption_after)])

    def on_page(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        if footer is None:
            return
        canvas.saveState()
        canvas.setFont(layout.font, size)
        canvas.drawRightString(pagesize[0] - margins, margins / 2, footer(doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=margins,
        rightMargin=margins,
        topMargin=margins,
        bottomMargin=margins,
        invariant=1,
        title=path.stem,
        author="renja tests",
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return doc.page


class Pages:
    """A canvas written top to bottom, a new page started (and its header drawn by ``header``,
    which returns the y where the body starts) whenever the next block does not fit."""

    def __init__(
        self,
        path: Path,
        pagesize: tuple[float, float],
        header: Callable[[Canvas, int], float],
        bottom: float = 40.0,
    ) -> None:
        self.canvas = Canvas(str(path), pagesize=pagesize, invariant=1)
        self.canvas.setTitle(path.stem)
        self.canvas.setAuthor("renja tests")
        self.header = header
        self.bottom = bottom
        self.page = 1
        self.y = header(self.canvas, 1)

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` points still fit above the bottom margin."""
        if self.y - height < self.bottom:
            self.next_page()

    def next_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        self.y = self.header(self.canvas, self.page)

    def save(self) -> int:
        """Write the file; the number of pages."""
        self.canvas.save()
        return self.page
