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

    for item in texts:
        parsed = None if item.heading else label_value(item.text)
        between = run and any(run[-1][0].line < s < item.line for s in starts)
        if parsed is None or between:
            close()
        if parsed is not None:
            run.append((item, *parsed))
    close()
    if not runs:
        return list(blocks), list(texts)
    taken = {id(item) for lines in runs for item, *_ in lines}
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


__all__ = ["ENGINE", "label_blocks", "label_value"]
