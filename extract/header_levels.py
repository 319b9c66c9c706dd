"""A header printed over several levels without rules: which columns each label stands over.

With rules, a group label's cell shows its span. Without them only the text is left, and a
centred label is narrower than the columns it heads. ``Target Kinerja dan Kerangka Pendanaan``
may head ten columns while its text covers two. ``2026`` may head ``Target`` and ``Rp`` while
its text stands inside ``Rp`` alone. And single-level labels set in the middle of the header
(``Kode``, ``Satuan``) share a physical line with the middle level, so the lines are not the
levels.

A label is a run of the header's text (the lines of a wrapped label joined). It heads a group
when the column its middle stands in has a label under it. Its span then grows from that
column, on both sides, over each column
that also has labels under it, whose lowest label ends on the line where theirs end, and that
has no label beside it on its line (a sibling). A single-level label set in the middle of the
header (``Kode``) ends above the lowest line, so the span stops there. Within that stretch, a
centred label takes the widest range it is centred over; a label set at the left of its cell
(it starts where a label under it starts) takes the columns from its own rightwards.

The header then comes out as rows of levels, each label in the first column of its span, as a
ruled table's header comes out. The columns it spans are left empty, and
``renja.normalize.header`` carries the label over them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from renja.extract.pdf_text import Char, PhysicalLine, column_at, split_words

# A label's middle may stand this many font sizes off the middle of the columns it heads (the
# columns are known only from where their text stands, not from their cells).
CENTRE_SLACK = 1.2
# Two labels share a line when they overlap by this share of the smaller one's height.
SAME_LINE = 0.3
# Two columns' lowest labels end on one line when their bottoms are this many font sizes apart.
LAST_LINE = 0.5


@dataclass(slots=True)
class Label:
    """Text of the header that belongs together: a run of one physical line, or a word of it,
    and where it stands (computed from its characters)."""

    chars: list[Char]
    column: int | None = None  # the one column a word split from a run stands in
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.x0 = min(c["x0"] for c in self.chars)
        self.x1 = max(c["x1"] for c in self.chars)
        self.top = min(c["top"] for c in self.chars)
        self.bottom = max(c["bottom"] for c in self.chars)
        self.text = "".join(c["text"] for c in self.chars).strip()

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


Columns = Sequence[tuple[float, float]]


def _covers(label: Label, columns: Columns, size: float) -> list[int]:
    """The columns the label's text stands in, by more than half a character (the nearest one
    when it stands in a gutter)."""
    if label.column is not None:
        return [label.column]
    reach = size / 2
    inside = [
        k for k, (a, b) in enumerate(columns) if label.x0 < b - reach and label.x1 > a + reach
    ]
    if inside:
        return inside
    return [min(range(len(columns)), key=lambda k: abs(sum(columns[k]) / 2 - label.middle))]


def _same_line(a: Label, b: Label) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > SAME_LINE * min(a.bottom - a.top, b.bottom - b.top)


class _Header:
    """The labels of a header, with what stands in each column."""

    def __init__(self, labels: list[Label], columns: Columns, size: float) -> None:
        self.labels, self.columns, self.size = labels, columns, size
        self.covers = [_covers(label, columns, size) for label in labels]
        # the column a label's middle stands in: a centred label's span holds it
        self.anchor = [
            label.column if label.column is not None else column_at(label.middle, columns)
            for label in labels
        ]
        self.in_column: list[list[int]] = [[] for _ in columns]
        for i, covered in enumerate(self.covers):
            for k in covered:
                self.in_column[k].append(i)
        # where each column's lowest label ends
        self.ends = [max((labels[j].bottom for j in held), default=0.0) for held in self.in_column]
        self.spans: dict[int, tuple[int, int]] = {}  # found so far (find_spans)

    def below(self, i: int, k: int) -> bool:
        """Column ``k`` has a label under label ``i``."""
        label = self.labels[i]
        return any(
            self.labels[j].top >= label.bottom - SAME_LINE * self.size
            for j in self.in_column[k]
            if j != i
        )

    def joins(self, i: int, k: int) -> bool:
        """Column ``k`` may stand under label ``i`` beside the column of its middle: it has
        labels under it, its lowest ending on the line where that column's ends, and none beside
        it."""
        end = self.ends[self.anchor[i]]
        return (
            self.below(i, k)
            and abs(self.ends[k] - end) <= LAST_LINE * self.size
            and not self.beside(i, k)
        )

    def beside(self, i: int, k: int) -> bool:
        """Column ``k`` has a label on label ``i``'s line."""
        return any(j != i and _same_line(self.labels[j], self.labels[i]) for j in self.in_column[k])

    def heads_a_group(self, i: int) -> bool:
        return self.below(i, self.anchor[i])

    def set_left(self, i: int) -> int | None:
        """The column label ``i`` is set at the left of, as a label under it is (their starts
        line up); None for a label set otherwise (centred)."""
        label = self.labels[i]
        for k, (a, b) in enumerate(self.columns):
            if a - 0.5 <= label.x0 <= b + 0.5:
                under = (self.labels[j] for j in self.in_column[k] if j != i)
                if any(u.top >= label.bottom - SAME_LINE * self.size
                       and abs(u.x0 - label.x0) <= LEFT_ALIGN for u in under):  # fmt: skip
                    return k
        return None

    def span(self, i: int, within: tuple[int, int] | None = None) -> tuple[int, int]:
        """The first and last column label ``i`` stands over (``within`` these columns)."""
        first = last = self.anchor[i]
        if not self.heads_a_group(i):
            return first, last
        bottom, top = within if within is not None else (0, len(self.columns) - 1)
        left = self.set_left(i)
        if left is not None:  # from its column rightwards, over the columns under it
            high = left
            while high + 1 <= top and self.joins(i, high + 1):
                high += 1
            return left, max(high, last)
        low, high = first, last
        while low - 1 >= bottom and self.joins(i, low - 1):
            low -= 1
        while high + 1 <= top and self.joins(i, high + 1):
            high += 1
        # the groups under it: the one under its middle, and those side by side with it
        under = self.groups_side_by_side(i, low, high)
        if under:
            return min(first, under[0]), max(last, under[1])
        middle = self.labels[i].middle
        ranges = [
            (s, e) for s in range(low, first + 1) for e in range(last, high + 1)
            if not self.cuts(i, s, e)
        ] or [(first, last)]  # fmt: skip

        def off(r: tuple[int, int]) -> float:
            return abs((self.columns[r[0]][0] + self.columns[r[1]][1]) / 2 - middle)

        centred = [r for r in ranges if off(r) <= CENTRE_SLACK * self.size]
        if centred:
            return max(centred, key=lambda r: (r[1] - r[0], -off(r)))
        return min(ranges, key=off)

    def groups_below(self, i: int) -> list[int]:
        """The labels under label ``i`` that head groups of their own (their spans known)."""
        label = self.labels[i]
        return [
            j for j in self.spans
            if j != i and self.labels[j].top >= label.bottom - SAME_LINE * self.size
            and self.spans[j][0] < self.spans[j][1]
        ]  # fmt: skip

    def groups_side_by_side(self, i: int, low: int, high: int) -> tuple[int, int] | None:
        """The columns of the groups under label ``i`` (between ``low`` and ``high``): the
        group under its middle, and the groups next to it, one after the other; None when no
        group stands under its middle."""
        spans = sorted(
            self.spans[j] for j in self.groups_below(i)
            if low <= self.spans[j][0] and self.spans[j][1] <= high
        )  # fmt: skip
        middle = next((n for n, (s, e) in enumerate(spans) if s <= self.anchor[i] <= e), None)
        if middle is None:
            return None
        start, end = middle, middle
        while start > 0 and spans[start - 1][1] + 1 == spans[start][0]:
            start -= 1
        while end + 1 < len(spans) and spans[end][1] + 1 == spans[end + 1][0]:
            end += 1
        return spans[start][0], spans[end][1]

    def cuts(self, i: int, start: int, end: int) -> bool:
        """A span from ``start`` to ``end`` for label ``i`` would cut a group under it in two."""
        return any(
            (s < start <= e) or (s <= end < e)
            for s, e in (self.spans[j] for j in self.groups_below(i))
        )

    def find_spans(self) -> list[tuple[int, int]]:
        """Every label's span, the lowest labels first: a group label heads the groups under
        it (``2026`` … ``2030`` under ``Target Kinerja dan Kerangka Pendanaan``), and a span
        never cuts a group under it in two."""
        for i in sorted(range(len(self.labels)), key=lambda i: -self.labels[i].top):
            self.spans[i] = self.span(i)
            for j in list(self.spans):
                if j != i and _same_line(self.labels[i], self.labels[j]):
                    self.part(i, j)
        return [self.spans[i] for i in range(len(self.labels))]

    def part(self, a: int, b: int) -> None:
        """Two labels on one line never head the same column: a column both would head goes
        to the label whose middle is nearer its own, and the other label's span is found again
        without it (a label set at the bottom of its cell, ``No`` or ``Catatan``, beside two
        groups does not tell where one ends)."""
        left, right = (a, b) if self.labels[a].middle <= self.labels[b].middle else (b, a)
        if self.spans[left][1] < self.spans[right][0]:
            return
        shared = range(self.spans[right][0], self.spans[left][1] + 1)
        middle = [self.labels[left].middle, self.labels[right].middle]
        nearer = [k for k in shared if abs(sum(self.columns[k]) / 2 - middle[0])
                  <= abs(sum(self.columns[k]) / 2 - middle[1])]  # fmt: skip
        cut = max(nearer) + 1 if nearer else shared[0]
        self.spans[left] = self.span(left, (0, cut - 1))
        self.spans[right] = self.span(right, (cut, len(self.columns) - 1))


# A label starts where a label under it starts (to this many points): both are set at the left
# of their cells.
LEFT_ALIGN = 0.15
# Lines of one wrapped label stand this close (font sizes) apart and line up within this many
# points, on their middles (centred text) or their starts (text set left).
WRAP_GAP = 0.35
WRAP_ALIGN = 1.0


def _wrapped(runs: list[Label], size: float) -> list[Label]:
    """Runs that are the lines of one wrapped label, as that label: the next run down that
    lines up with it, set as close as the lines of a cell."""
    out: list[Label] = []
    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        above = [
            label for label in out
            if -size < run.top - label.bottom <= WRAP_GAP * size
            and (abs(run.middle - label.middle) <= WRAP_ALIGN
                 or abs(run.x0 - label.x0) <= WRAP_ALIGN)
        ]  # fmt: skip
        if above:
            label = max(above, key=lambda label: label.bottom)
            out[out.index(label)] = Label(label.chars + run.chars)
        else:
            out.append(run)
    return out


def _labels(lines: Sequence[PhysicalLine], columns: Columns, size: float) -> list[Label]:
    """The header's labels: runs, the lines of a wrapped label joined; a label over several
    columns with nothing under it (the lowest labels of two columns set close together) is
    split into its words."""
    runs = _wrapped([Label(list(run.chars)) for line in lines for run in line.runs], size)
    header = _Header(runs, columns, size)
    out: list[Label] = []
    for i, label in enumerate(runs):
        if len(header.covers[i]) < 2 or all(header.below(i, k) for k in header.covers[i]):
            out.append(label)
            continue
        by_column: dict[int, list[Char]] = {}
        for word in split_words(label.chars):
            by_column.setdefault(column_at(Label(word).middle, columns), []).extend(word)
        out.extend(Label(chars, k) for k, chars in sorted(by_column.items()))
    return out


@dataclass(frozen=True, slots=True)
class Heading:
    """A label (its lines, top to bottom) and the last column of the columns it heads."""

    labels: list[Label]
    last: int


@dataclass(frozen=True, slots=True)
class Levels:
    """A header as rows of levels: ``rows[d][k]`` is the heading printed at level ``d`` of
    the span that starts at column ``k`` (None where no span starts)."""

    rows: list[list[Heading | None]]


def header_levels(lines: Sequence[PhysicalLine], columns: Columns) -> Levels | None:
    """The header over several levels, or None when it has one (no label heads a group of
    columns with labels under it)."""
    if len(lines) < 2 or len(columns) < 3:
        return None
    size = sorted(line.size for line in lines)[len(lines) // 2]
    labels = _labels(lines, columns, size)
    header = _Header(labels, columns, size)
    spans = header.find_spans()
    if not any(s < e and header.heads_a_group(i) for i, (s, e) in enumerate(spans)):
        return None
    # each column's labels top to bottom, the lines of one label (the same span) joined
    paths: list[list[tuple[tuple[int, int], list[Label]]]] = []
    for k in range(len(columns)):
        over = sorted((i for i, (s, e) in enumerate(spans) if s <= k <= e),
                      key=lambda i: labels[i].top)  # fmt: skip
        path: list[tuple[tuple[int, int], list[Label]]] = []
        for i in over:
            if path and path[-1][0] == spans[i]:
                path[-1][1].append(labels[i])
            else:
                path.append((spans[i], [labels[i]]))
        paths.append(path)
    depth = max(len(path) for path in paths)
    rows: list[list[Heading | None]] = [[None for _ in columns] for _ in range(depth)]
    for k, path in enumerate(paths):
        for d, ((start, last), group) in enumerate(path):
            if start == k:
                rows[d][k] = Heading(group, last)
    # a label whose columns stack it at different depths (spans that do not nest) leaves a
    # level empty
    return Levels([row for row in rows if any(row)])


__all__ = ["Heading", "Label", "Levels", "header_levels"]
