"""Bar charts that read on a wide screen and on a phone: each bar with its label above it.

A ``Chart`` is a list of ``Group``s (a heading, such as the document) of ``Bar``s (a label,
such as a program's code and name with its value, and the value drawn). There is no legend:
every label is written on a line of its own above its bar, across the chart's whole width, and
wrapped to it, so a label never covers a bar and nothing is cut off however many bars there
are. Each chart is drawn twice: ``<name>.png`` for a wide screen and ``<name>-sempit.png`` for
a narrow one (a phone, 390 px), each with text of about the same size on screen; the page
shows the one that fits (``<picture>``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Colours (ColorBrewer RdBu and a neutral): a rise, a fall, a share, the rest of a total.
RISE, FALL, SHARE, OTHER = "#2166ac", "#b2182b", "#4a7fb0", "#9a9a9a"
NARROW_SUFFIX = "-sempit"


@dataclass(frozen=True, slots=True)
class Width:
    """One drawing of a chart: its width in inches, resolution and font size (points). The
    page shows it about ``inches * dpi / density`` CSS pixels wide."""

    name: str
    inches: float
    dpi: int
    font: float
    ticks: int  # at most this many value ticks on the axis


# Wide: 1200 px for a page of about 1300 px (1400 px window). Narrow: 720 px shown at about
# 360 px (a 390 px phone, at twice the density), so its 9.5 pt text is as large on screen.
WIDE = Width("lebar", 12.0, 100, 10.0, 9)
NARROW = Width("sempit", 3.6, 200, 9.5, 4)
WIDTHS = (WIDE, NARROW)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # what the bar is and its value, as a person reads it
    value: float
    color: str = SHARE


@dataclass(frozen=True, slots=True)
class Group:
    heading: str  # empty: the bars follow the previous group's without a heading
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    name: str  # the file's name without .png
    title: str
    axis: str  # what the value axis measures
    groups: tuple[Group, ...]
    ticks: Callable[[float], str]  # a value on the axis as text
    limits: tuple[float, float] | None = None  # the value axis's span; None: the values'

    @property
    def bars(self) -> list[Bar]:
        return [bar for group in self.groups for bar in group.bars]


# Vertical spacing, in multiples of the font size: a line of text, a bar, the space between a
# label and its bar, between a bar and the next label, and before a group's heading.
LINE, BAR, LABEL_GAP, GAP, HEADING_GAP = 1.3, 1.15, 0.2, 0.75, 0.9
# Margins around the plot, in points: left and right, over the title, under the axis (its
# ticks; the axis's name, wrapped, comes below them).
SIDE, TOP, BOTTOM = 8.0, 10.0, 26.0
# The share of the plot's width a line of text may take (a little room for rounding).
FILL = 0.98
# How far a line's estimated width (the sum of its words') may be from the line's width before
# the line is measured whole (hinting and kerning make the two differ by a few pixels).
NEAR = 0.06
# The most characters of a name a chart draws (in a label or a heading): a longer name is cut
# at a word with "…" (the page's tables and the CSV keep it whole), so one pathological cell
# (a 200 KB uraian) cannot make a chart tens of thousands of lines tall.
LABEL_CHARS = 240


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters at a word, marked with "…".

    >>> shorten("Perencanaan sumber daya manusia " * 3, 40)
    'Perencanaan sumber daya manusia …'
    >>> shorten("5.03.01 Program Penunjang", 40)
    '5.03.01 Program Penunjang'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + " …"


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` in lines no wider than ``width`` (by ``measure``), broken between words; a
    word wider than the line stands alone on its own.

    A line's width is first estimated from its words' widths (each measured once); only a
    line whose estimate is within ``NEAR`` of ``width`` is measured whole, so a label costs
    about one measurement a word instead of one a word per line.

    >>> wrap("5.03.01 Program Penunjang Urusan", 12, len)
    ['5.03.01', 'Program', 'Penunjang', 'Urusan']
    >>> wrap("satu dua tiga", 100, len)
    ['satu dua tiga']
    """
    space = measure(" ") or measure("a a") - 2 * measure("a")
    words: dict[str, float] = {}
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, estimate = "", 0.0
        for word in filter(None, paragraph.split(" ")):  # a no-break space holds words together
            if word not in words:
                words[word] = measure(word)
            candidate = f"{line} {word}" if line else word
            guess = estimate + space + words[word] if line else words[word]
            if line and (guess > width * (1 + NEAR) or (
                guess > width * (1 - NEAR) and measure(candidate) > width
            )):  # fmt: skip
                lines.append(line)
                line, estimate = word, words[word]
            else:
                line, estimate = candidate, guess
        lines.append(line)
    return lines


@functools.lru_cache(maxsize=32)
def _measurer(font: float, dpi: int, bold: bool = False) -> Callable[[str], float]:
    """The width of a line of text in points, as matplotlib's Agg renderer draws it at
    ``dpi`` (glyphs are fitted to the pixels: the same text is wider at some resolutions)."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(10, 10, dpi)
    prop = FontProperties(size=font, weight="bold" if bold else "normal")

    @functools.lru_cache(maxsize=4096)
    def measure(text: str) -> float:
        width, _, _ = renderer.get_text_width_height_descent(text, prop, ismath=False)
        return float(width) * 72 / dpi

    return measure


def figure_for(chart: Chart, width: Width) -> Any:
    """The chart drawn at ``width``: a matplotlib figure, to be saved and closed."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator
    from matplotlib.transforms import blended_transform_factory

    font, dpi = width.font, width.dpi
    plot_width = width.inches * 72 - 2 * SIDE  # points
    line_width = plot_width * FILL
    measure, measure_bold = _measurer(font, dpi), _measurer(font * 1.05, dpi, bold=True)
    title_lines = wrap(chart.title, line_width, _measurer(font * 1.25, dpi, bold=True))
    title_height = len(title_lines) * font * 1.25 * LINE + font * 0.8
    axis_lines = wrap(chart.axis, line_width, _measurer(font * 0.95, dpi))
    bottom = BOTTOM + len(axis_lines) * font * 0.95 * LINE
    # the layout, top down, in points from the top of the plot
    items: list[tuple[str, float, Any]] = []  # (kind, y, payload)
    y = 0.0
    for group in chart.groups:
        if group.heading:
            y += font * HEADING_GAP if items else 0.0
            lines = wrap(shorten(group.heading), line_width, measure_bold)
            items.append(("heading", y, "\n".join(lines)))
            y += len(lines) * font * 1.05 * LINE + font * LABEL_GAP
        for bar in group.bars:
            lines = wrap(bar.label, line_width, measure)
            items.append(("label", y, "\n".join(lines)))
            y += len(lines) * font * LINE + font * LABEL_GAP
            items.append(("bar", y + font * BAR / 2, bar))
            y += font * BAR + font * GAP
    plot_height = max(y, font * 4)
    height = (TOP + title_height + plot_height + bottom) / 72
    figure = Figure(figsize=(width.inches, height), dpi=width.dpi)
    FigureCanvasAgg(figure)  # drawn by Agg, without pyplot's global state
    inches = width.inches
    axes = figure.add_axes(  # in fractions of the figure: inches (points / 72) over inches
        (SIDE / 72 / inches, bottom / 72 / height, plot_width / 72 / inches,
         plot_height / 72 / height)
    )  # fmt: skip
    figure.text(
        SIDE / 72 / inches,
        1 - TOP / 72 / height,
        "\n".join(title_lines),
        fontsize=font * 1.25,
        fontweight="bold",
        va="top",
        ha="left",
        linespacing=LINE,
    )
    axes.set_ylim(plot_height, 0)  # points from the top
    values = [bar.value for bar in chart.bars] or [0.0]
    low, high = chart.limits or (min(0.0, *values), max(0.0, *values))
    if high == low:
        high = low + 1
    pad = (high - low) * 0.02
    span = (low - (pad if low < 0 else 0), high + pad)
    axes.set_xlim(*span)
    locator = MaxNLocator(nbins=width.ticks, steps=[1, 2, 2.5, 5, 10])
    axes.set_xticks([v for v in locator.tick_values(*span) if span[0] <= v <= span[1]])
    left = blended_transform_factory(axes.transAxes, axes.transData)
    drawn = [(top, payload) for kind, top, payload in items if kind == "bar"]
    if drawn:  # one call for every bar: a call a bar costs as much as drawing them
        axes.barh(
            [top for top, _ in drawn],
            [bar.value for _, bar in drawn],
            height=font * BAR,
            color=[bar.color for _, bar in drawn],
            zorder=2,
        )
    for kind, top, payload in items:
        if kind != "bar":
            axes.text(
                0,
                top,
                payload,
                transform=left,
                va="top",
                ha="left",
                fontsize=font * (1.05 if kind == "heading" else 1),
                fontweight="bold" if kind == "heading" else "normal",
                linespacing=LINE,
                zorder=3,
                # over the zero line and the grid, which run behind the labels
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
            )
    axes.axvline(0, color="#444444", linewidth=0.8, zorder=2)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: chart.ticks(value)))
    axes.tick_params(axis="x", labelsize=font * 0.9)
    axes.set_yticks([])
    axes.grid(axis="x", color="#e3e3e3", linewidth=0.8, zorder=0)
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)
    figure.text(
        SIDE / 72 / inches,
        (bottom - BOTTOM) / 72 / height,
        "\n".join(axis_lines),
        fontsize=font * 0.95,
        va="top",
        ha="left",
        linespacing=LINE,
    )
    return figure


# zlib's level for the PNGs: on these charts (flat colours, text) level 3 writes smaller files
# than the default 6, in about two thirds of the time.
PNG_COMPRESSION = 3


def draw(chart: Chart, folder: Path) -> list[str]:
    """Write the chart's wide and narrow PNGs into ``folder``; their file names."""
    names = []
    for width in WIDTHS:
        name = chart.name + ("" if width is WIDE else NARROW_SUFFIX) + ".png"
        save_png(figure_for(chart, width), folder / name, width.dpi)
        names.append(name)
    return names


def save_png(figure: Any, path: Path, dpi: int) -> None:
    """The figure drawn by Agg, as an RGB PNG: a chart is opaque (a white background), so the
    alpha channel savefig would store says nothing, and it is a quarter of the pixels' bytes."""
    from PIL import Image

    canvas = figure.canvas
    canvas.draw()
    size = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    image.convert("RGB").save(path, format="png", compress_level=PNG_COMPRESSION, dpi=(dpi, dpi))


def overlaps(figure: Any) -> list[str]:
    """What is wrong with a drawn chart's layout: a text that covers a bar or another text,
    or that goes past the figure's edge (cut off). Empty when it reads well."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    edge = figure.bbox
    texts = [t for t in figure.findobj(_is_text) if t.get_text().strip()]
    boxes = [(t.get_text(), _extent(t, renderer)) for t in texts]
    bars = [p.get_window_extent(renderer) for a in figure.axes for p in a.patches]
    problems = []
    for text, box in boxes:
        if not (edge.x0 - 1 <= box.x0 and box.x1 <= edge.x1 + 1 and edge.y0 - 1 <= box.y0
                and box.y1 <= edge.y1 + 1):  # fmt: skip
            problems.append(f"cut off: {text!r}")
        if any(box.overlaps(bar) and _area(box, bar) > 1 for bar in bars):
            problems.append(f"over a bar: {text!r}")
    for (a, box_a), (b, box_b) in _pairs(boxes):
        if box_a.overlaps(box_b) and _area(box_a, box_b) > 1:
            problems.append(f"over each other: {a!r}, {b!r}")
    return problems


def _extent(text: Any, renderer: Any) -> Any:
    """What a text covers on the figure: its letters, and its background box when it has one."""
    from matplotlib.transforms import Bbox

    box = text.get_window_extent(renderer)
    patch = text.get_bbox_patch()
    return Bbox.union([box, patch.get_window_extent(renderer)]) if patch is not None else box


def _is_text(artist: Any) -> bool:
    from matplotlib.text import Text

    return isinstance(artist, Text) and artist.get_visible()


def _area(a: Any, b: Any) -> float:
    """The area two boxes share, in square pixels."""
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(0.0, width) * max(0.0, height)


def _pairs(items: Sequence[Any]) -> list[tuple[Any, Any]]:
    return [(a, b) for i, a in enumerate(items) for b in items[i + 1 :]]


__all__ = [
    "FALL",
    "NARROW",
    "NARROW_SUFFIX",
    "OTHER",
    "RISE",
    "SHARE",
    "WIDE",
    "WIDTHS",
    "Bar",
    "Chart",
    "Group",
    "draw",
    "figure_for",
    "overlaps",
    "wrap",
]
