"""Characters of a PDF page into lines of text, and the lines of one cell into its text.

pdfplumber gives characters with their boxes. A cell's text is its characters grouped into lines
(by their vertical position), each line into words (by the gaps between characters), and the lines
joined back: with a space where the printer wrapped at a space, and with nothing where it broke a
word that did not fit (``5.03.02.201`` / ``.10``).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from renja.model.vocabulary import load_base_vocabulary

Char = dict[str, Any]

# Two characters are on one line when their tops differ by less than this share of the font size.
LINE_TOLERANCE = 0.45
# A gap wider than this share of the font size between two characters is a space, for PDFs that
# position words without writing space characters.
SPACE_GAP = 0.17
# A line that reaches this close (in font sizes) to the right edge of its column was filled: a
# word broken there continues on the next line without a space.
FULL_LINE_SLACK = 0.9

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.IGNORECASE)


def is_bold_font(fontname: str) -> bool:
    """Bold faces by their PostScript names.

    >>> [is_bold_font(f) for f in ["AAAAAA+DejaVuSans-Bold", "ArialMT", "Arial,Bold"]]
    [True, False, True]
    """
    return bool(_BOLD_FONT.search(fontname.split("+")[-1]))


@dataclass(slots=True)
class Line:
    """One printed line: its text and box, and whether most of it is bold."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    first_word_width: float = 0.0  # how wide the line's first and last words are (to judge
    last_word_width: float = 0.0  # whether a wrap broke a word)
    first_char_width: float = 0.0

    @property
    def words(self) -> int:
        return len(self.text.split())


def _line_text(chars: Sequence[Char]) -> tuple[str, float, float]:
    """The text of one line's characters (sorted by x), and its first and last words' widths."""
    parts: list[str] = []
    starts: list[float] = [chars[0]["x0"]]  # where each word starts
    ends: list[float] = []  # where each finished word ends
    previous: Char | None = None
    for char in chars:
        space = char["text"].isspace()
        if previous is not None and not space:
            gap = char["x0"] - previous["x1"]
            after_space = parts[-1] == " "
            if after_space or gap > SPACE_GAP * max(char["size"], 1.0):
                if not after_space:
                    parts.append(" ")
                    ends.append(previous["x1"])
                starts.append(char["x0"])
        if space:
            if parts and parts[-1] != " ":
                parts.append(" ")
                ends.append(previous["x1"] if previous else char["x0"])
            continue
        parts.append(char["text"])
        previous = char
    last_end = previous["x1"] if previous else chars[-1]["x1"]
    first_end = ends[0] if ends else last_end
    return "".join(parts).strip(), first_end - starts[0], last_end - starts[-1]


def group_lines(chars: Iterable[Char]) -> list[Line]:
    """Characters into lines, top to bottom; each line's characters left to right.

    >>> chars = [_c("A", 10, 100), _c("B", 13.6, 100), _c("C", 10, 110), _c("D", 16, 110)]
    >>> [(line.text, line.top) for line in group_lines(chars)]
    [('AB', 100), ('C D', 110)]
    """
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if not rows or char["top"] - rows[-1][0]["top"] > LINE_TOLERANCE * max(char["size"], 1.0):
            rows.append([char])
        else:
            rows[-1].append(char)
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        visible = [c for c in row if not c["text"].isspace()]
        if not visible:
            continue
        text, first_width, last_width = _line_text(row)
        bold = sum(is_bold_font(c.get("fontname", "")) for c in visible) * 2 > len(visible)
        lines.append(
            Line(
                text=text,
                x0=min(c["x0"] for c in visible),
                x1=max(c["x1"] for c in visible),
                top=min(c["top"] for c in visible),
                bottom=max(c["bottom"] for c in visible),
                size=max(c["size"] for c in visible),
                bold=bold,
                first_word_width=first_width,
                last_word_width=last_width,
                first_char_width=visible[0]["x1"] - visible[0]["x0"],
            )
        )
    return lines


# Characters further apart than this share of the font size belong to different runs (a column
# gap); a space between words is about a third of it.
RUN_GAP = 0.45


@dataclass(slots=True)
class Run:
    chars: list[Char]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def runs_text(runs: Sequence[Run]) -> str:
    """The runs' text, a space between runs."""
    return " ".join("".join(c["text"] for c in r.chars) for r in runs)


@dataclass(slots=True)
class PhysicalLine:
    runs: list[Run]
    top: float
    bottom: float
    size: float
    chars: list[Char] = field(default_factory=list)


# In a monospaced font a space is as wide as a letter, wider than ``RUN_GAP``: words one space
# apart (a gap up to this many letters' widths) are one label there.
MONO_GAP = 1.2


def monospace_space(row: Sequence[Char]) -> float:
    """The widest gap inside a label on a line set in a monospaced font (Courier: every
    letter as wide as the next), else 0.

    >>> courier = [_c(ch, 10 + 3.6 * i, 0) for i, ch in enumerate("Target Kinerja")]
    >>> round(monospace_space(courier), 1), monospace_space([_c("i", 0, 0), _c("m", 2, 0)])
    (4.3, 0.0)
    """
    letters = [c for c in row if c["text"].isalpha()]
    widths = [c["x1"] - c["x0"] for c in letters]
    if len({c["text"] for c in letters}) >= 3 and max(widths) - min(widths) <= 0.02:
        return MONO_GAP * max(widths)
    return 0.0


def words_joined(line: PhysicalLine) -> PhysicalLine:
    """A header line set in a monospaced font with its words one space apart as one run: the
    words of a label (``Target Kinerja dan Kerangka Pendanaan``), not labels of their own.

    >>> courier = [_c(ch, 10 + 3.6 * i, 0) for i, ch in enumerate("Kondisi Akhir    Rp")]
    >>> ["".join(c["text"] for c in r.chars) for r in words_joined(
    ...     physical_lines(courier)[0]).runs]
    ['KondisiAkhir', 'Rp']
    """
    space = monospace_space(line.chars)
    if not space:
        return line
    runs: list[Run] = []
    for run in line.runs:
        if runs and run.x0 - runs[-1].x1 <= space:
            last = runs[-1]
            runs[-1] = Run([*last.chars, *run.chars], last.x0, run.x1, min(last.top, run.top),
                           max(last.bottom, run.bottom), last.size)  # fmt: skip
        else:
            runs.append(run)
    return PhysicalLine(runs, line.top, line.bottom, line.size, line.chars)


_CURRENCY = re.compile(r"Rp\.?", re.IGNORECASE)  # the mark the rupiah reader takes off
_AMOUNT_START = re.compile(r"[\d(]|[-–]$")


def currency_joined(line: PhysicalLine) -> PhysicalLine:
    """A currency mark set apart from the amount after it, as a spreadsheet's Accounting format
    prints it (``Rp`` at the cell's left edge, the amount at its right, ``Rp -`` for nil), as
    one run with that amount: one cell, not a column of ``Rp`` of its own.

    >>> chars = [_c(ch, 10 + 3.6 * i, 0) for i, ch in enumerate("Rp")]
    >>> chars += [_c(ch, 60 + 3.6 * i, 0) for i, ch in enumerate("4,650,000")]
    >>> chars += [_c(ch, 120 + 3.6 * i, 0) for i, ch in enumerate("Rp")]
    >>> chars += [_c(ch, 160 + 3.6 * i, 0) for i, ch in enumerate("Dokumen")]
    >>> [("".join(c["text"] for c in r.chars), r.x0, round(r.x1, 1))
    ...  for r in currency_joined(physical_lines(chars)[0]).runs]
    [('Rp4,650,000', 10.0, 92.4), ('Rp', 120.0, 127.2), ('Dokumen', 160.0, 185.2)]
    """
    runs: list[Run] = []
    for run in line.runs:
        last = runs[-1] if runs else None
        if (
            last is not None
            and _CURRENCY.fullmatch("".join(c["text"] for c in last.chars))
            and _AMOUNT_START.match("".join(c["text"] for c in run.chars))
        ):
            runs[-1] = Run([*last.chars, *run.chars], last.x0, run.x1, min(last.top, run.top),
                           max(last.bottom, run.bottom), last.size)  # fmt: skip
        else:
            runs.append(run)
    if len(runs) == len(line.runs):
        return line
    return PhysicalLine(runs, line.top, line.bottom, line.size, line.chars)


def physical_lines(chars: Sequence[Char]) -> list[PhysicalLine]:
    """Characters into lines, each line into runs split at gaps wider than ``RUN_GAP``."""
    visible = sorted((c for c in chars if c["text"].strip()), key=lambda c: (c["top"], c["x0"]))
    rows: list[list[Char]] = []
    for char in visible:
        if rows and char["top"] - rows[-1][0]["top"] <= LINE_TOLERANCE * max(char["size"], 1.0):
            rows[-1].append(char)
        else:
            rows.append([char])
    lines: list[PhysicalLine] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        runs: list[Run] = []
        for char in row:
            size = max(char["size"], 1.0)
            if runs and char["x0"] - runs[-1].x1 <= RUN_GAP * size:
                run = runs[-1]
                run.chars.append(char)
                run.x1 = max(run.x1, char["x1"])
                run.bottom = max(run.bottom, char["bottom"])
            else:
                runs.append(Run([char], char["x0"], char["x1"], char["top"], char["bottom"], size))
        lines.append(
            PhysicalLine(
                runs,
                min(r.top for r in runs),
                max(r.bottom for r in runs),
                statistics.median(c["size"] for c in row),
                row,
            )
        )
    return lines


def column_at(x: float, columns: Sequence[tuple[float, float]]) -> int:
    """The column whose span holds ``x``, or the nearest one.

    >>> column_at(15, [(0, 10), (12, 20)]), column_at(11.5, [(0, 10), (14, 20)])
    (1, 0)
    """
    for k, (a, b) in enumerate(columns):
        if a - 0.5 <= x <= b + 0.5:
            return k
    return min(range(len(columns)), key=lambda k: min(abs(x - columns[k][0]),
                                                      abs(x - columns[k][1])))  # fmt: skip


def split_words(chars: Sequence[Char]) -> list[list[Char]]:
    """A line's characters as words: split where the gap between characters exceeds a
    quarter of their size (a space).

    >>> [len(word) for word in split_words([_c("A", 10, 0), _c("B", 13.6, 0), _c("C", 20, 0)])]
    [2, 1]
    """
    words: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: c["x0"]):
        size = float(char.get("size", 0.0) or (char["bottom"] - char["top"]))
        if words and char["x0"] - words[-1][-1]["x1"] <= WORD_GAP * size:
            words[-1].append(char)
        else:
            words.append([char])
    return words


# A word's letters and the punctuation that ends it.
_WORD_THEN_MARK = re.compile(r"[^\W\d_][,;:]$")
# Characters further apart than this share of their size stand in different words.
WORD_GAP = 0.25


def broke_inside_word(line: Line, following: Line, right: float, width: float) -> bool:
    """Did the printer break a word at the end of ``line`` (no space belongs there)?

    Printers move a word that fits the column to the next line whole; they break only a word
    wider than the column, on a line of its own, filled up to the edge: the next line's first
    character would not have fitted. So: the line is one word, it ends closer to the column's
    right edge (``right``) than that character's width, and with the next line's first word it
    is wider than the column's text (``width``). Other breaks inside words (``Doku`` / ``men``)
    are left to the cell parsers, which rejoin them as they do in Markdown.

    >>> code = Line("5.03.02.201", 30, 68.6, 0, 5, 5.5, False, 38.6, 38.6)
    >>> dot = Line(".10", 30, 38, 6, 11, 5.5, False, 8, 8, first_char_width=1.7)
    >>> broke_inside_word(code, dot, right=69, width=39)
    True
    >>> kota = Line("Kota", 30, 36.4, 0, 5, 5.5, False, 12.5, 12.5)
    >>> bjb = Line("Bjb", 30, 39, 6, 11, 5.5, False, 8.8, 8.8, first_char_width=3.8)
    >>> broke_inside_word(kota, bjb, right=40.7, width=16.8)
    False

    A word that fills a narrow column nearly to its edge looks the same as a broken one; a
    known word (the base vocabulary) followed by a line whose first word would not make a known
    word of it ends where the printer wrapped at a space (``PENYEDIAAN`` / ``DAN``). A word broken
    after a known word (``Penyelenggara`` / ``an``) keeps the space here and is rejoined by the
    cleaning (``normalize.words``), logged.

    >>> word = Line("PENYEDIAAN", 30, 78.6, 0, 5, 7, True, 48.6, 48.6)
    >>> dan = Line("DAN", 30, 47, 6, 11, 7, True, 17, 17, first_char_width=5)
    >>> broke_inside_word(word, dan, right=81, width=51)
    False

    A code filling its line ends before a name on the next (``1.03.0.00.0.00.01.0000`` /
    ``Dinas Pekerjaan Umum``), as a word in lower case ends before one in capitals:

    >>> unit = Line("1.03.0.00.0.00.01.0000", 30, 80, 0, 5, 7, False, 50, 50)
    >>> dinas = Line("Dinas Pekerjaan", 30, 70, 6, 11, 7, False, 20, 20, first_char_width=5)
    >>> broke_inside_word(unit, dinas, right=81, width=51)
    False

    A word ends at the comma after it (``Pembangunan,`` / ``Rehabilitasi``):

    >>> comma = Line("Pembangunan,", 30, 80, 0, 5, 7, False, 50, 50)
    >>> rehab = Line("Rehabilitasi dan", 30, 70, 6, 11, 7, False, 40, 40, first_char_width=5)
    >>> broke_inside_word(comma, rehab, right=81, width=51)
    False
    """
    if following.text[:1] in "([" or line.words != 1:
        return False
    if _WORD_THEN_MARK.search(line.text) and following.text[:1].isalpha():
        return False  # a word ends at its comma: ``Pembangunan,`` / ``Rehabilitasi``
    if line.text[-1:].islower() and following.text[:1].isupper():
        return False  # a word does not go on in capitals: ``Semesteran`` / ``SKPD``
    if line.text[-1:].isdigit() and following.text[:2].istitle():
        return False  # nor a number in a capitalised word: ``…01.0000`` / ``Dinas …``
    room = right - line.x1
    if room > min(following.first_char_width + 0.25, FULL_LINE_SLACK * line.size):
        return False
    if line.last_word_width + following.first_word_width <= width:
        return False
    return not _known_words_apart(line.text, following.text)


def _known_words_apart(text: str, following: str) -> bool:
    """The line's last word is a known word, or the next line starts with a word that joins a
    name's parts (``dan``, ``yang``); and the two joined are no known word.

    >>> _known_words_apart("Meningkatnya", "kualitas"), _known_words_apart("PENGEMBAN", "GAN")
    (True, False)
    >>> _known_words_apart("Kemurnian", "dan Kelestarian")  # an unknown word, then ``dan``
    True
    """
    last, first = text.split()[-1].lower(), following.split()[0].lower()
    if not (last.isalpha() and first.isalpha()):
        return False  # a code, a number, a word with its punctuation: the geometry decides
    vocabulary = load_base_vocabulary()
    if last + first in vocabulary:
        return False
    return last in vocabulary or first in JOINING_WORDS


# Words that join a name's parts (``Kemurnian`` / ``dan Kelestarian``): a line starting with
# one starts a word of its own, whatever the word before it.
JOINING_WORDS = frozenset({
    "dan", "yang", "di", "ke", "dari", "untuk", "pada", "dengan", "serta", "atau", "dalam",
    "oleh", "bagi", "terhadap", "melalui", "sebagai", "antar", "antara", "tentang", "kepada",
})  # fmt: skip


def join_lines(lines: Sequence[Line], right: float | None = None, width: float = 0.0) -> str:
    """A cell's lines as one text: a space between them, none inside a broken word.

    ``right`` is where the column's text ends and ``width`` how wide it is; without them every
    wrap is taken as a wrap at a space.

    >>> lines = [Line("5.03.02.201", 30, 68.6, 0, 5, 5.5, False, 38.6, 38.6),
    ...          Line(".10", 30, 38, 6, 11, 5.5, False, 8, 8, first_char_width=1.7)]
    >>> join_lines(lines, right=69, width=39), join_lines(lines)
    ('5.03.02.201.10', '5.03.02.201 .10')
    """
    out = ""
    for index, line in enumerate(lines):
        if index == 0:
            out = line.text
            continue
        previous = lines[index - 1]
        glue = right is not None and broke_inside_word(previous, line, right, width)
        out += ("" if glue else " ") + line.text
    return out


def _c(text: str, x0: float, top: float, size: float = 6.0) -> Char:
    """A character record for doctests."""
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + size * 0.6,
        "top": top,
        "bottom": top + size,
        "size": size,
        "fontname": "Test",
    }


__all__ = [
    "Char",
    "Line",
    "PhysicalLine",
    "Run",
    "broke_inside_word",
    "column_at",
    "group_lines",
    "is_bold_font",
    "join_lines",
    "physical_lines",
    "runs_text",
    "split_words",
]
