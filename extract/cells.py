"""Cheap looks-like tests on raw cells, used to tell header rows, data rows and artefacts apart.

These never parse values (that is ``normalize``'s job); they only sniff the shape of a cell.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from itertools import pairwise

from renja.extract.bands import band_heading
from renja.extract.shapes import Shape, sniff

_TAG = re.compile(r"</?(?:b|strong|i|em|u|span|sup|sub|font|p|div)(?:\s[^>]*)?>", re.IGNORECASE)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BOLD_MD = re.compile(r"\*\*|__")
# Italics around a whole word or cell (``_(7)_``, ``*Catatan*``, pymupdf4llm's), not an
# underscore inside a word (``file_name``) or a lone asterisk (``1.250.000*``, a footnote).
_ITALIC_MD = re.compile(r"(?<![\w*])([_*])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BOLD_WRAPPED = re.compile(r"^\s*(?:<b>|<strong>|\*\*).*(?:</b>|</strong>|\*\*)\s*$", re.IGNORECASE)


def strip_markup(cell: str) -> str:
    """Remove inline markup (``<b>``, ``**``, ``<br>``) and entities; collapse spaces.

    >>> strip_markup("<b>5.03.01  PROGRAM</b>")
    '5.03.01 PROGRAM'
    >>> strip_markup("**Tabel 5.2**&nbsp;")
    'Tabel 5.2'
    >>> strip_markup("_(7)_"), strip_markup("*Catatan*"), strip_markup("1.250.000*")
    ('(7)', 'Catatan', '1.250.000*')
    >>> strip_markup("kode_rekening_baru"), strip_markup("2 * 3 * 4")
    ('kode_rekening_baru', '2 * 3 * 4')
    """
    text = _BR.sub(" ", cell)
    text = _TAG.sub("", text)
    text = _BOLD_MD.sub("", text)
    text = _ITALIC_MD.sub(r"\2", text)
    text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def cell_lines(cell: str) -> list[str]:
    """A converter's cell as its lines (``<br>`` between them), each stripped of markup.

    >>> cell_lines("72,18<br>**21,40**"), cell_lines("Usia Harapan Hidup")
    (['72,18', '21,40'], ['Usia Harapan Hidup'])
    """
    return [strip_markup(part) for part in _BR.split(cell)]


def is_bold(cell: str) -> bool:
    """True when the whole cell is wrapped in bold markup.

    >>> is_bold("<b>100 %</b>"), is_bold("100 %")
    (True, False)
    """
    return bool(_BOLD_WRAPPED.match(cell))


_SEPARATOR = re.compile(r"^:?-{2,}:?$")


def is_separator_cells(cells: list[str]) -> bool:
    """A row of dashes left by a Markdown converter (``--\\t--\\t---``).

    >>> is_separator_cells(["--", "--", "---", ""])
    True
    >>> is_separator_cells(["-", "12"])
    False
    """
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(_SEPARATOR.match(c) for c in filled)


_YEAR = re.compile(r"^(?:19|20)\d\d$")
_FORMULA = re.compile(r"^\d{1,2}\s*=\s*\(?[\d\s+\-x/*%().]+\)?$")
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI)$")
_HEADER_WORDS = re.compile(
    r"\b(?:no|kode|uraian|urusan|bidang|program|kegiatan|indikator|kinerja|target|realisasi|"
    r"capaian|pagu|anggaran|dana|sasaran|tujuan|lokasi|sumber|keterangan|satuan|tahun|triwulan|tw|"
    r"murni|perubahan|sebelum|sesudah|setelah|prakiraan|perkiraan|maju|rencana|prioritas|"
    r"kelompok|unit|penanggung|tingkat|evaluasi|renstra|renja|hasil|keluaran|output|outcome|"
    r"kebutuhan|nama|jenis|k|rp|penambahan|pergeseran|total|strategis|rincian|volume|harga|"
    r"koefisien|kinerja|tolok ukur|ukuran|nilai|rancangan|rkpd|catatan|analisis|ppn|%)\b",
    re.IGNORECASE,
)

# A budget's column by its kind of spending (``Belanja Operasi``, ``Belanja Modal``, ``Belanja
# Tidak Terduga``, ``Belanja Transfer``), or a sum's column alone (``Jumlah``, ``Jumlah (Rp)``).
_SPENDING = re.compile(
    r"^(?:belanja\s+(?:operasi|modal|tidak\s+terduga|transfer|pegawai|barang(?:\s+dan\s+jasa)?)"
    r"|jumlah(?:\s*\(?rp\.?\)?)?)\s*$",
    re.IGNORECASE,
)
# Shapes only data has: a header row never holds an amount, a code, a target or a percentage.
DATA_SHAPES = frozenset({Shape.AMOUNT, Shape.CODE, Shape.TARGET, Shape.PERCENT, Shape.DECIMAL})


# A year over the label of its column, read as one cell where no rule parts them (``2026 Rp``,
# ``2027 Target``): a header, not a target of 2026 units.
_YEAR_OVER_LABEL = re.compile(
    r"^(?:19|20)\d\d\s+(?:\(?rp\.?\)?|k|target|realisasi|pagu|anggaran|capaian|kinerja|dana)$",
    re.IGNORECASE,
)


def is_data_cell(cell: str) -> bool:
    """A cell that can only be data: an amount, a code, a target, a percentage.

    >>> [is_data_cell(c) for c in ["189.1 53.75 0", "5.03 KEPEGAWAIAN", "7 dok", "2024", "Rp"]]
    [True, True, True, False, False]
    >>> [is_data_cell(c) for c in ["2026 Rp", "2027 Target", "2025 Dokumen"]]
    [False, False, True]
    """
    if _YEAR_OVER_LABEL.match(cell.strip()):
        return False
    return sniff(cell) in DATA_SHAPES


_MERGED_NUMBERS = re.compile(r"^\d{1,2}(?:\s+\d{1,2})+$")


def row_numbers(cells: Sequence[str]) -> list[int] | None:
    """The column numbers a row prints, left to right (a formula's own number only, two in a
    cell that holds two columns' numbers); None when a filled cell is no column number.

    >>> row_numbers(["(1)", "", "(14)=(7)+(10)", "8 9"]), row_numbers(["1", "Pagu"])
    ([1, 14, 8, 9], None)
    """
    numbers: list[int] = []
    for cell in cells:
        text = cell.strip()
        if not text:
            continue
        head = re.match(r"^\(?(\d{1,2})\)?(?:\s*=.*)?$", text)
        if head:
            numbers.append(int(head.group(1)))
        elif _MERGED_NUMBERS.match(text):  # two columns' numbers read as one cell: "8 9"
            numbers += [int(n) for n in text.split()]
        else:
            return None
    return numbers


def is_number_row(cells: Sequence[str]) -> bool:
    """The column-number row under a header: ``1 2 3 … 10=(5+7+9)``.

    >>> is_number_row(["1", "2", "3", "", "4", "10=(5+7+9)", "11"])
    True
    >>> is_number_row(["(1)", "(2)", "(3)"])
    True
    >>> is_number_row(["(1)", "(2)", "(14)=(7)+(10)", "(15)=(14)/(6)×100%"])
    True
    >>> is_number_row(["12", "7", "2024"])
    False
    >>> is_number_row(["8", "9", "10"]), is_number_row(["8", "9", "11"])
    (True, False)
    >>> is_number_row(["1", "2", "3", "4", "5", "6", "7", "8 9", "10"])
    True
    >>> is_number_row(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(1)"])
    True
    """
    numbers = row_numbers(cells)
    if numbers is None or len(numbers) < 3:
        return False
    if numbers[0] not in (0, 1, 2):
        # The right part of a table printed across pages: its columns' numbers go on (8 9 10).
        return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    rising = sum(b > a for a, b in pairwise(numbers))
    # One number out of order is a misprint (an OCR'd "(1)" for "(7)"), not data, in a long row.
    return rising >= len(numbers) - (1 if len(numbers) >= NUMBER_ROW_SLACK_FROM else 0) - 1


# A column-number row this long may have one number out of order.
NUMBER_ROW_SLACK_FROM = 5


# A line that is a code alone: an account's (``4.1.01``) or the nomenclature's.
_CODE_LINE = re.compile(r"\d{1,2}(?:\.\d{1,4})*")


def is_code_stack(lines: Sequence[str]) -> bool:
    """Lines of codes, each a record's: the later ones under the first (``4`` over ``4.1``
    over ``4.1.01``) or beside it (``4.1.01`` over ``4.1.02``). A code a wrap broke
    (``2.08.01.1.0`` over ``1``, ``3.27.02.2.0`` over ``3.0001``) is none.

    >>> is_code_stack(["4", "4.1", "4.1.01"]), is_code_stack(["4.1.01", "4.1.02"])
    (True, True)
    >>> is_code_stack(["2.08.01.1.0", "1"]), is_code_stack(["3.27.02.2.0", "3.0001"])
    (False, False)
    >>> is_code_stack(["80", "75"]), is_code_stack(["6.1.01"])
    (False, False)
    """
    if len(lines) < 2 or not all(_CODE_LINE.fullmatch(line) for line in lines):
        return False
    first = lines[0].split(".")
    parent = ".".join(first[:-1] if len(first) > 1 else first) + "."
    return all(line.startswith(parent) for line in lines[1:])


# A group's numbered heading (``Prioritas 1: Peningkatan …``, ``Misi 2. Mewujudkan …``,
# ``Sasaran 1.1 : …``): a word or two, a number, a colon or a dot, then its text.
_NUMBERED_GROUP = re.compile(
    r"^(?!(?:tabel|table|gambar|grafik|lampiran|bab|pasal|formulir)\b)"
    r"[^\W\d_]+(?:\s+[^\W\d_]+)?\s+\d+(?:\.\d+)*\s*[:.]\s+\S+\s+\S",
    re.IGNORECASE,
)


def is_group_heading(text: str) -> bool:
    """A group's numbered heading across a table's body (``Prioritas 1: Peningkatan …``).

    >>> is_group_heading("Prioritas 1: Peningkatan Kualitas SDM"), is_group_heading("Tahun 2025")
    (True, False)
    >>> is_group_heading("Tabel 2. 7. T-C.31 Review terhadap RKPD")  # a caption
    False
    """
    return bool(_NUMBERED_GROUP.match(text.strip()))


def is_header_cell(cell: str) -> bool:
    """A cell that reads like a column label.

    >>> [is_header_cell(c) for c in ["Indikator Kinerja", "K", "Rp", "II", "2025", "Kota Bjb"]]
    [True, True, True, True, True, False]

    A budget's columns by their kind of spending, and a sum's column:

    >>> [is_header_cell(c) for c in ["Belanja Operasi", "Belanja Tidak Terduga", "Jumlah",
    ...                              "Jumlah (Rp)", "Jumlah Dokumen Perencanaan"]]
    [True, True, True, True, False]

    A group's numbered heading across the body is no label:

    >>> is_header_cell("Prioritas 1: Peningkatan Kualitas Sumber Daya Manusia")
    False
    """
    text = cell.strip()
    if not text or _NUMBERED_GROUP.match(text):
        return False
    if _YEAR.match(text) or _ROMAN.match(text) or _FORMULA.match(text) or text in ("%", "(%)"):
        return True
    return bool(_HEADER_WORDS.search(text) or _SPENDING.match(text))


def is_header_row(cells: Sequence[str]) -> bool:
    """True when a row reads as part of a table header rather than data.

    >>> is_header_row(["NO", "Sasaran", "Kegiatan/ Sub Kegiatan", "Indikator", "Target"])
    True
    >>> is_header_row(["", "", "", "", "K", "Rp", "K", "Rp"])
    True
    >>> is_header_row(["5.03", "KEPEGAWAIAN", "", ""])
    False
    >>> is_header_row(["", "Meningkatkan Akuntabilitas Kinerja", "", "Indeks", "72", "73"])
    False

    A converter that copies a spanning cell into each column it spans writes an urusan's row
    as its digit and its name many times; the copies count once.

    >>> is_header_row(["1", "", "URUSAN WAJIB PELAYANAN DASAR", "URUSAN WAJIB PELAYANAN DASAR"])
    False
    """
    filled = list(dict.fromkeys(c.strip() for c in cells if c.strip()))
    if not filled:
        return False
    if is_number_row(cells):
        return True
    if any(is_data_cell(c) or band_heading(c) for c in filled):
        return False
    headerish = sum(1 for c in filled if is_header_cell(c))
    return headerish >= HEADER_SHARE * len(filled)


# Share of a row's filled cells that must read like labels for the row to count as a header.
HEADER_SHARE = 0.6

# A column is numeric below a row when this share of its filled cells (at least NUMERIC_MIN of
# them, among the next NUMERIC_WINDOW rows) are numbers.
NUMERIC_SHARE = 0.6
NUMERIC_MIN = 2
NUMERIC_WINDOW = 30
NUMERIC_SHAPES = frozenset({Shape.AMOUNT, Shape.NUMBER, Shape.DECIMAL, Shape.PERCENT})


def numeric_columns(rows: Sequence[Sequence[str]]) -> set[int]:
    """The positions whose cells are mostly numbers in these rows.

    >>> sorted(numeric_columns([["Jakarta", "10.679.951", "12"], ["Bekasi", "2.590.257", "-"]]))
    [1]
    """
    filled: dict[int, int] = {}
    numeric: dict[int, int] = {}
    for cells in rows:
        for p, cell in enumerate(cells):
            shape = sniff(cell)
            if shape in (Shape.EMPTY, Shape.DASH):
                continue
            filled[p] = filled.get(p, 0) + 1
            numeric[p] = numeric.get(p, 0) + (shape in NUMERIC_SHAPES)
    return {
        p for p, n in filled.items() if n >= NUMERIC_MIN and numeric.get(p, 0) >= NUMERIC_SHARE * n
    }


def labels_over_numbers(cells: Sequence[str], below: Sequence[Sequence[str]]) -> bool:
    """A row of labels standing over columns of numbers: a header row the converter left among
    the data (``Kecamatan | Kelurahan`` over counts, ``K | Rp`` over targets and amounts).

    >>> below = [["Jakarta Pusat", "8", "44"], ["Jakarta Utara", "6", "31"]]
    >>> labels_over_numbers(["", "Kecamatan", "Kelurahan"], below)
    True
    >>> labels_over_numbers(["Kepulauan Seribu", "2", "6"], below)
    False
    >>> labels_over_numbers(["URUSAN PENDIDIKAN", "", ""], below)
    False
    """
    numeric = numeric_columns(below[:NUMERIC_WINDOW])
    over = [cells[p].strip() for p in numeric if p < len(cells) and cells[p].strip()]
    if not over:
        return False
    if any(sniff(c) in NUMERIC_SHAPES and not _YEAR.match(c) for c in over):
        return False
    return not any(is_data_cell(c) for c in cells if c.strip())


# A whole number on its line of a cell: a target (``80``, ``12,5``, ``100 %``) or an amount
# grouped by thousands (``1.250.000``); digits grouped otherwise are a wrapped piece.
_LINE_NUMBER = re.compile(r"^(?:\d+(?:,\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?)\s*%?$")
_DIGITS = re.compile(r"^[\d.,\s]+$")
# An expression or a list that goes on over the line's end (``1 Orang / Hari x``).
_GOES_ON = re.compile(r"[x×*/+\-:,&]$|\b(?:dan|atau)$", re.IGNORECASE)


def is_value_line(text: str) -> bool:
    """A whole value on one line of a cell: a number as above, or data by its shape that is not
    digits alone (``2 dok``, ``75%``) and does not go on over the line's end.

    >>> [is_value_line(t) for t in ["80", "12,5", "100 %", "1.250.000", "Nilai SAKIP", "2 dok"]]
    [True, True, True, True, False, True]
    >>> [is_value_line(t) for t in ["82.835.2", "6.511.438.", "76.00", "ORANG", "1 Orang / Hari x"]]
    [False, False, False, False, False]
    """
    text = text.strip()
    if _LINE_NUMBER.match(text):
        return True
    return is_data_cell(text) and not _DIGITS.match(text) and not _GOES_ON.search(text)
