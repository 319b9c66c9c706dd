"""Lines of ``Label : value`` printed as text, not in a grid: the header block of an RKA or DPA
(``Program : 3.31.01 PROGRAM PENUNJANG …``, ``Sub Kegiatan : 3.31.01.2.06.09 …``, ``Jumlah
2023 : Rp. 2.500.000.000``), a SIPD form's ``Unit Organisasi : 1.05.0.00.0.00.03.0000 …``.
They name the codes and amounts the table under them belongs to; left as text they reached no
clean table. A run of such lines that holds a code or an amount (three lines at least, or one
naming a level with its code: ``Sub Kegiatan : 5.03.01.2.02.0001 …``) becomes a table of two
columns, the label and its value, read as any table is (``kode`` and ``uraian`` of a code and
its name, ``nilai`` of an amount).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from renja.model.records import RawRow, Source

if TYPE_CHECKING:
    from renja.extract.markdown import TextLine
    from renja.extract.stitch import Block

ENGINE = "teks-label"
# A run of at least this many label lines is a block of them (two may be prose).
MIN_LABEL_LINES = 3
# ``Label : value``: a label of a few words starting with a letter, a colon, a value.
_LABEL_LINE = re.compile(r"^\s*([^\W\d_][\w ./()&-]{0,40}?)(?:\s+:\s*|\s*:\s+)(\S.*?)\s*$")
MAX_LABEL_WORDS = 5
# A value that is data: an amount with grouped thousands, or a code of two segments or more.
_DATA = re.compile(r"\d{1,3}(?:\.\d{3})+|\b\d{1,2}(?:\.\d{1,4}){1,7}\b")
# A label naming a level of the nomenclature or an organisation, and a value starting with its
# code: one such line is a block of its own (``Sub Kegiatan : 5.03.01.2.02.0001 …``).
_LEVEL_LABEL = re.compile(
    r"(?:sub\s*)?(?:urusan|bidang(?:\s+urusan)?|program|kegiatan|sub\s*kegiatan|"
    r"(?:sub\s+)?unit(?:\s+organisasi)?|organisasi|perangkat\s+daerah|skpd|opd)",
    re.IGNORECASE,
)
_CODE_FIRST = re.compile(r"\d{1,2}(?:\.\d{1,4}){1,7}\b")


def label_value(text: str) -> tuple[str, str] | None:
    """The label and the value of a ``Label : value`` line, or None.

    >>> label_value("Sub Kegiatan : 3.31.01.2.06.09 Penyelenggaraan Rapat")
    ('Sub Kegiatan', '3.31.01.2.06.09 Penyelenggaraan Rapat')
    >>> label_value("Jumlah 2023 : Rp. 2.500.000.000")
    ('Jumlah 2023', 'Rp. 2.500.000.000')
    >>> label_value("Catatan: angka sementara, belum diaudit oleh inspektorat daerah") is None
    False
    >>> label_value("Pukul 10:30") is None, label_value("a. bahwa : dalam rangka") is None
    (True, True)
    """
    found = _LABEL_LINE.match(text)
    if found is None:
        return None
    label, value = found.group(1).strip(), found.group(2)
    if len(label.split()) > MAX_LABEL_WORDS or len(label) < 3 or label[-1:] == ".":
        return None
    if "." in label.split()[0]:
        return None  # an item marker (``a. bahwa``), not a label
    return label, value


# A converter's table cell of label lines holds this many at least (``Program : …<br>Kegiatan
# : …``), most of its lines.
MIN_CELL_LABELS = 2


def label_cell_lines(cells: Sequence[str]) -> list[str] | None:
    """A converter's table row that is a box of ``Label : value`` lines (a SIPD form's header
    block, one or two cells, ``<br>`` between the lines) as those lines, a line without a
    label of its own joined to the label line above it (its value wrapped); None for any other
    row.

    >>> label_cell_lines(["Program : 2.23.02 PEMBINAAN<br>Kegiatan : 2.23.02.1.02 Pembudayaan"
    ...                   "<br>Gemar Membaca<br>Alokasi : Rp 371.941.910", ""])
    ['Program : 2.23.02 PEMBINAAN', 'Kegiatan : 2.23.02.1.02 Pembudayaan Gemar Membaca', \
'Alokasi : Rp 371.941.910']
    >>> label_cell_lines(["5.1.02", "Belanja Barang dan Jasa", "371.941.910"]) is None
    True
    """
    from renja.extract.cells import cell_lines

    filled = [c for c in cells if c.strip()]
    if not 1 <= len(filled) <= 2:
        return None
    lines = [line for cell in filled for line in cell_lines(cell) if line]
    labelled = [label_value(line) is not None for line in lines]
    if sum(labelled) < MIN_CELL_LABELS or sum(labelled) * 2 <= len(lines):
        return None
    out: list[str] = []
    for line, own in zip(lines, labelled, strict=True):
        if out and not own:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _is_level_line(label: str, value: str) -> bool:
    """A label naming a level or an organisation whose value starts with a code.

    >>> _is_level_line("Sub Kegiatan", "5.03.01.2.02.0001 Penyediaan Gaji dan Tunjangan ASN")
    True
    >>> _is_level_line("Catatan", "5.03 sudah diverifikasi"), _is_level_line("Program", "-")
    (False, False)
    """
    return bool(_LEVEL_LABEL.fullmatch(label.strip())) and bool(_CODE_FIRST.match(value))


def label_blocks(
    blocks: Sequence[Block], texts: Sequence[TextLine]
) -> tuple[list[Block], list[TextLine]]:
    """The blocks with each run of label lines (``MIN_LABEL_LINES`` or more in a row, no table
    between them, one value at least a code or an amount) added as a block of its own, and the
    text lines without them."""
    from renja.extract.stitch import Block

    starts = sorted(b.start for b in blocks)
    runs: list[list[tuple[TextLine, str, str]]] = []  # each line, its label, its value
    run: list[tuple[TextLine, str, str]] = []

    def close() -> None:
        coded = any(_is_level_line(label, value) for _, label, value in run)
        if (len(run) >= MIN_LABEL_LINES or coded) and any(_DATA.search(v) for *_, v in run):
            runs.append(list(run))
        run.clear()

    led = _leader_lines(texts)
    for index, item in enumerate(texts):
        if index in led.absorbed or (run and _SUM_SIGN.match(item.text)):
            continue  # a wrapped label's line; the ``+`` a sum prints above its total
        parsed = None if item.heading else led.items.get(index) or label_value(item.text)
        between = run and any(run[-1][0].line < s < item.line for s in starts)
        if parsed is None or between:
            close()
        if parsed is not None:
            run.append((item, *parsed))
    close()
    if not runs:
        return list(blocks), list(texts)
    taken = {id(item) for lines in runs for item, *_ in lines}
    taken |= {id(texts[i]) for i, owner in led.absorbed.items() if id(texts[owner]) in taken}
    added = []
    for lines in runs:
        rows = []
        for item, label, value in lines:
            source = Source(page=item.page) if item.page is not None else Source(line=item.line)
            rows.append(RawRow((f"{label} :", value), source))
        first, last = lines[0][0].line, lines[-1][0].line
        added.append(Block(ENGINE, rows, first, last, stream=ENGINE, fresh=True))
    merged = sorted([*blocks, *added], key=lambda b: b.start)
    return merged, [t for t in texts if id(t) not in taken]


# A line ending in dot leaders and an amount: ``PROGRAM PERSAMPAHAN ........ 19.384.854.000``.
_LEADER = re.compile(
    r"^\s*(?P<label>\S.*?)\s*(?:\.\s*){4,}\s*(?P<value>(?:Rp\.?\s*)?\d{1,3}(?:\.\d{3})+(?:,\d+)?)"
    r"\s*$"
)
# The first line of a listed item: its number or code (``1.``, ``a)``, ``2.11.01``).
_ITEM_START = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-z][.)]|\d{1,2}(?:\.\d{1,4})+)\s")
# A line holding only the sign a sum prints above its total.
_SUM_SIGN = re.compile(r"^\s*\(?[+=]\)?\s*$")
# Lines of an item's label wrapped above its leader line, at most.
MAX_WRAPPED = 2


def leader_value(text: str) -> tuple[str, str] | None:
    """The label and the amount of a line that leads dots to an amount (a typeset list).

    >>> leader_value("DAN/ATAU KERUSAKAN LINGKUNGAN HIDUP ........................ 672.689.000")
    ('DAN/ATAU KERUSAKAN LINGKUNGAN HIDUP', '672.689.000')
    >>> leader_value("BAB I PENDAHULUAN ............................. 1") is None  # contents
    True
    """
    found = _LEADER.match(text)
    return (found["label"], found["value"]) if found else None


@dataclass(slots=True)
class _Leaders:
    """The leader lines of a text (index → label, amount), and the wrapped first lines of their
    labels (index → the leader line's index)."""

    items: dict[int, tuple[str, str]] = field(default_factory=dict)
    absorbed: dict[int, int] = field(default_factory=dict)


def _leader_lines(texts: Sequence[TextLine]) -> _Leaders:
    """Each line leading dots to an amount, its label with the lines it wrapped from: from the
    last line above it (``MAX_WRAPPED`` at most, after the last leader line) that starts an
    item with its number or code (``1. 2.11.01 PROGRAM PENUNJANG URUSAN``)."""
    out = _Leaders()
    previous = -1
    for index, item in enumerate(texts):
        found = None if item.heading else leader_value(item.text)
        if found is None:
            continue
        label, value = found
        above = range(max(previous + 1, index - MAX_WRAPPED), index)
        start = next((i for i in reversed(above) if _ITEM_START.match(texts[i].text)), None)
        if start is not None and not any(texts[i].heading for i in range(start, index)):
            label = " ".join([*(texts[i].text.strip() for i in range(start, index)), label])
            out.absorbed.update({i: index for i in range(start, index)})
        out.items[index] = (label, value)
        previous = index
    return out


__all__ = ["ENGINE", "label_blocks", "label_cell_lines", "label_value", "leader_value"]
