"""A table's contract inferred from the table itself: what each column holds and means.

No form has to match. Each raw column is profiled (the shapes of its cells, the size of its
numbers) and read together with its header path (``normalize/header.py``) and what the header
words mean (``normalize/measures.py``):

- codes: a column of Permendagri 90 codes (``kode``), codes with names, or account codes;
- numbers: money (``rupiah``) when the header or the table names money or the numbers are
  budget-sized in a planning table, a percentage, a target with its satuan, or another quantity;
- text: the row's name (``uraian``), its indicator, satuan, lokasi, sumber dana, remarks, or
  free text named by its header.

A table with no column of codes, money or measures is not a data table (a list of laws, a table
of contents): it stays in ``raw/`` and says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from statistics import median
from typing import NamedTuple

from renja.extract.shapes import Shape, sniff
from renja.model.contract import (
    INFERRED_FORM,
    NOT_DATA_FORM,
    CellType,
    Column,
    PriceCheck,
    RatioCheck,
    RowCheck,
    TableContract,
    TableStatus,
)
from renja.model.limits import CELL_CACHE
from renja.model.records import RawRow
from renja.normalize.funding import is_funding_source
from renja.normalize.header import HeaderModel, printed_number, read_formula
from renja.normalize.kode import join_code_columns, looks_like_kode, split_kode_uraian
from renja.normalize.measures import UNIT_NAMES, Meaning, meaning_of
from renja.normalize.rekening import parse_rekening
from renja.normalize.rupiah import parse_rupiah

# Share of a column's filled cells (dashes aside) that must have one look for the column to be
# of that type: most, not all, since wrapped text and stray labels land in any column.
TYPE_SHARE = 0.6
# A column of codes needs fewer: rows of totals, units and indicators leave code cells empty or
# hold a label ("JUMLAH") there.
CODE_SHARE = 0.5
# Numbers this large are sums of money in a planning table (counts and indexes are smaller).
BUDGET_SIZE = 1_000_000
# Columns of another kind whose budget-sized amounts are read aside (``_nilai``).
STRAY_TYPES = frozenset({CellType.TEXT, CellType.INDIKATOR, CellType.PERCENT})
# A column whose cells are budget-sized amounts this often holds amounts, whatever else a
# damaged conversion shifted into it.
MIXED_AMOUNT_SHARE = 0.3
# A column of account codes: this share of its cells are multi-segment codes of 4, 5 or 6 (the
# rest are the one-digit akun rows, totals and labels).
ACCOUNT_SHARE = 0.3
# A column of numbers some of which carry a unit (``193 jam``, ``14,5 km``) holds targets.
UNIT_SHARE = 0.15
# A code-and-name column: most of its code cells also hold the name.
NAMED_CODE_SHARE = 0.5
# A row-number column: short markers (I, 1, 1.1, a.) in most filled cells, most of them going on
# from the one before (a column of small counts is no numbering).
SEQUENCE_SHARE = 0.6
# A row-number column: short markers (I, 1, 1.1, a.) in most filled cells.
MARKER_SHARE = 0.7
# The row's name is the first text column whose cells are this long on average.
NAME_LENGTH = 12
# Text columns named by their role when their header says so (first claimant).
ROLE_WORDS: tuple[tuple[str, str], ...] = (
    ("no", r"^\s*no\.?\s*$|^nomor$|^no\.?\s*urut|^no\.?\s*/"),
    ("indikator", r"indikator|tolok\s*ukur|ukuran\s+keberhasilan|ukuran\s+kinerja"),
    ("satuan", r"^\s*satuan\b|^sat\.?$|\bsatuan\s*$"),
    ("lokasi", r"lokasi"),
    ("sumber_dana", r"sumber\s*(?:dana|pendanaan|anggaran)|asal\s+dana"),
    ("keterangan", r"keterangan|^ket\.?$|catatan"),
    (
        "uraian",
        r"uraian|program|kegiatan|nama|urusan|bidang|rincian|nomenklatur|aspek|fokus|"
        r"perangkat\s+daerah",
    ),
)
_ROLES = tuple((role, re.compile(pattern, re.IGNORECASE)) for role, pattern in ROLE_WORDS)
# Header words of quantities that are never money, whatever their size.
_QUANTITY = re.compile(
    r"penduduk|jiwa|orang|\bkm\b|\bha\b|hektar|luas|panjang|\bunit\b|rumah\s+tangga|\bkk\b|"
    r"kepadatan|indeks|persen|%|satuan|ton\b|liter|\bm3\b|kwh|pengunjung|siswa|pasien",
    re.IGNORECASE,
)
# Header words of performance measures: not money unless the cells are Rupiah-sized amounts.
_PERFORMANCE = re.compile(r"target|\bk\b|kinerja|volume|capaian|jumlah\s+(?!dana|anggaran)", re.I)
# A caption or a heading about money: its large numbers are Rupiah.
_MONEY_CONTEXT = re.compile(
    r"anggaran|pagu|belanja|pendapatan|pembiayaan|apbd|rupiah|\brp\b|dana|keuangan|"
    r"pendanaan|rencana\s+kerja|renja|rkpd|rka|dpa|program|kegiatan",
    re.IGNORECASE,
)
# A row-number marker: I, iv, a, 12, 1.2.3 (segments of one or two digits: 2.736 is a number).
_MARKER = re.compile(
    r"^\(?(?:[IVXLC]{1,6}|[ivxlc]{1,6}|[A-Za-z]|\d{1,3}(?:\.\d{1,2}){0,4})[.)]?\)?$"
)
# Account codes of a budget: pendapatan 4, belanja 5, pembiayaan 6, with at least two segments.
_ACCOUNT = re.compile(r"^[4-6]\s*[.,]\s*\d")
_STOP = frozenset({"dan", "yang", "di", "ke", "dari", "untuk", "pada", "atau", "serta", "the"})
MAX_NAME_WORDS = 5


@dataclass(frozen=True, slots=True)
class Profile:
    """What one raw column's cells look like."""

    filled: int  # non-empty cells
    shapes: Counter[Shape]
    numbers: tuple[Decimal, ...]  # the values of its number cells, where readable
    codes: int  # cells that read as a nomenclature code
    named_codes: int  # code cells that also hold a name
    accounts: int  # cells that read as an account code (kode rekening)
    markers: int  # short row-number markers
    funds: int  # sumber dana words
    mean_length: float  # of its text cells
    rupiah_marks: int = 0  # amounts printed with "Rp"
    strays: int = 0  # budget-sized amounts, in a column of another kind
    sequential: float = 0.0  # share of its markers that go on from the one before (1, 2, 3)

    @property
    def solid(self) -> int:
        """Filled cells that are not dashes."""
        return self.filled - self.shapes[Shape.DASH]

    def share(self, *shapes: Shape) -> float:
        return sum(self.shapes[s] for s in shapes) / self.solid if self.solid else 0.0

    @property
    def numeric(self) -> float:
        return self.share(Shape.AMOUNT, Shape.NUMBER, Shape.DECIMAL, Shape.PERCENT)

    @property
    def large(self) -> bool:
        """Most of its numbers are budget-sized."""
        return bool(self.numbers) and median(abs(n) for n in self.numbers) >= BUDGET_SIZE


class CellFacts(NamedTuple):
    """What one cell's text tells a column's profile (``profile``)."""

    shape: Shape
    number: Decimal | None  # its value, when it reads as one
    stray: bool  # a budget-sized amount
    rupiah_mark: bool  # a number printed with "Rp"
    code: bool  # a nomenclature code (also one printed over columns)
    named: bool  # a code with a name after it
    account: bool  # an account code
    marker: bool  # a short row-number marker
    fund: bool  # a sumber dana word
    length: int | None  # of a text cell


@lru_cache(maxsize=CELL_CACHE)
def cell_facts(text: str) -> CellFacts:
    """The facts of one stripped, non-empty cell text; a pure function of it, kept for the texts
    a table prints again and again.

    >>> facts = cell_facts("5.03.01.2.01 Administrasi Kepegawaian")
    >>> facts.shape is Shape.CODE, facts.code, facts.named
    (True, True, True)
    """
    shape = sniff(text)
    if shape in (Shape.AMOUNT, Shape.NUMBER) and " " in text:
        joined = join_code_columns(text)  # ``1 05 01 2.01``: a code printed over columns
        if joined != text and looks_like_kode(joined):
            return CellFacts(shape, None, False, False, True, False, False, False, False, None)
    number = None
    stray = mark = code = named = account = False
    if shape in (Shape.AMOUNT, Shape.NUMBER, Shape.DECIMAL):
        value = parse_rupiah(text).value
        if value is not None:
            number = Decimal(value)
            stray = shape is Shape.AMOUNT and abs(number) >= BUDGET_SIZE
        mark = text[:2].lower() == "rp"
    if shape is Shape.CODE or (shape is Shape.NUMBER and "." in text):
        printed, rest = split_kode_uraian(text)
        if printed and looks_like_kode(printed):
            code, named = True, bool(rest)
        elif _ACCOUNT.match(text) and parse_rekening(text).value is not None:
            account = True
    marker = bool(_MARKER.match(text)) and len(text) <= 8
    fund = is_funding_source(text)
    length = len(text) if shape in (Shape.TEXT, Shape.INDICATOR, Shape.PREDICATE) else None
    return CellFacts(shape, number, stray, mark, code, named, account, marker, fund, length)


def profile(cells: Sequence[str]) -> Profile:
    """Profile one column's cells.

    >>> p = profile(["1.500.000", "-", "2.000.000", "", "Rp 750.000"])
    >>> p.filled, p.solid, p.share(Shape.AMOUNT), p.large
    (4, 3, 1.0, True)
    """
    shapes: Counter[Shape] = Counter()
    numbers: list[Decimal] = []
    codes = named = accounts = markers = funds = marks = strays = 0
    marked: list[str] = []
    lengths: list[int] = []
    for cell in cells:
        text = cell.strip()
        if not text:
            continue
        facts = cell_facts(text)
        shapes[facts.shape] += 1
        if facts.number is not None:
            numbers.append(facts.number)
        strays += facts.stray
        marks += facts.rupiah_mark
        codes += facts.code
        named += facts.named
        accounts += facts.account
        if facts.marker:
            markers += 1
            marked.append(text)
        funds += facts.fund
        if facts.length is not None:
            lengths.append(facts.length)
    mean = sum(lengths) / len(lengths) if lengths else 0.0
    return Profile(
        sum(shapes.values()),
        shapes,
        tuple(numbers),
        codes,
        named,
        accounts,
        markers,
        funds,
        mean,
        marks,
        strays,
        sequence_share(marked),
    )


def _ordinal(marker: str) -> tuple[str, int] | None:
    """A row number's style and place: ``3.`` is (arabic, 3), ``IV`` (roman, 4), ``b`` (lower, 2),
    ``1.2`` (dotted, 2)."""
    token = marker.strip().strip("().").strip()
    if re.fullmatch(r"\d{1,3}", token):
        return "arabic", int(token)
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})+", token):
        return f"dotted{token.count('.')}", int(token.rsplit(".", 1)[1])
    romans = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    if re.fullmatch(r"[IVXLC]+", token):
        values = [romans[c] for c in token]
        return "roman", sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                            for i, v in enumerate(values))  # fmt: skip
    if re.fullmatch(r"[a-z]", token):
        return "lower", ord(token) - ord("a") + 1
    if re.fullmatch(r"[A-Z]", token):
        return "upper", ord(token) - ord("A") + 1
    return None


def sequence_share(markers: Sequence[str]) -> float:
    """How much a column's markers read as row numbers: the share that go on from the last
    marker of their style (``n + 1``) or start again (``1``). Counts and scores do not.

    >>> sequence_share(["I", "1", "2", "a", "b", "3", "II", "1"])
    1.0
    >>> sequence_share(["5", "100", "2", "12", "7"]) < 0.5
    True
    """
    if not markers:
        return 0.0
    last: dict[str, int] = {}
    good = 0
    for marker in markers:
        read = _ordinal(marker)
        if read is None:
            continue
        style, n = read
        good += n == 1 or n == last.get(style, 0) + 1
        last[style] = n
    return good / len(markers)


# A year counted from the plan's: T-1, T+1, N+1.
_RELATIVE_YEAR = re.compile(r"\b([TtNn])\s*([+-])\s*(\d)\b")


def snake(text: str, limit: int = MAX_NAME_WORDS) -> str:
    """A header label as a column name in snake_case: its own words, units and fillers left out.

    >>> snake("Pagu Indikatif (Rp)"), snake("Kebutuhan Dana Tahun 2026"), snake("Lokasi / Sasaran")
    ('pagu_indikatif', 'kebutuhan_dana_tahun_2026', 'lokasi_sasaran')
    >>> snake("Uraian Program dan Kegiatan Prioritas Daerah Tahun Anggaran")
    'uraian_program_kegiatan_prioritas_daerah'
    >>> snake("T-1"), snake("T"), snake("T+1")  # a budget's year before and year after
    ('t_min_1', 't', 't_plus_1')
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _RELATIVE_YEAR.sub(lambda m: f"{m[1]} {'plus' if m[2] == '+' else 'min'} {m[3]}", text)
    text = re.sub(r"\((?:rp|rupiah|juta|ribu|%|\s|\.|000)*\)", " ", text, flags=re.IGNORECASE)
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP]
    return "_".join(words[:limit])


def _role(path: tuple[str, ...]) -> str | None:
    """The role a text column's header names (``indikator``, ``lokasi`` …), innermost first."""
    for label in reversed(path):
        for role, pattern in _ROLES:
            if pattern.search(label):
                return role
    return None


@dataclass(frozen=True, slots=True)
class Typed:
    """A column's type before it is named."""

    ctype: CellType
    role: str | None = None
    meaning: Meaning = field(default_factory=Meaning)


# A header naming an identity or contact number: its digits are no quantity.
_IDENTIFIER = re.compile(
    r"^\W*(?:nip|nik|npwp|nrp|nuptk|nomor\s+induk|no\.?\s*(?:rekening|rek\.?|telp\.?|telepon|hp)|"
    r"nomor\s+(?:rekening|telepon)|telepon|kode\s+pos)\b",
    re.IGNORECASE,
)


def column_type(path: tuple[str, ...], cells: Profile, money_table: bool) -> Typed:
    """The type of one column, from its header path and its cells.

    >>> money = column_type(("Pagu (Rp)",), profile(["1.500.000", "2.000.000"]), False)
    >>> money.ctype.value, money.meaning.measure
    ('rupiah', 'pagu')
    >>> column_type(("Jumlah Penduduk",), profile(["10.679.951", "1.122.000"]), True).ctype.value
    'number'
    >>> column_type(("Kode",), profile(["1.02.02", "1.02.02.1.01"]), True).ctype.value
    'kode'
    >>> column_type(("",), profile(["I", "1", "2", "a"]), True).ctype.value
    'no'

    A column of identity numbers (``NIP``, ``NIK``, ``NPWP``, an account or telephone number)
    is text, however long its digits: ``19680710 199403 1 009`` is no amount.

    >>> column_type(("NIP",), profile(["19680710 199403 1 009", "19730218 199903 2 003"]),
    ...             True).ctype.value
    'text'
    """
    meaning = meaning_of(path)
    text = " / ".join(path).lower()
    solid = cells.solid
    if solid == 0:
        return _typed_by_header(path, meaning)
    if _IDENTIFIER.search(path[-1] if path else ""):
        return Typed(CellType.TEXT, None, meaning)  # digits that name someone or something
    if cells.codes >= CODE_SHARE * solid:
        if cells.named_codes >= NAMED_CODE_SHARE * cells.codes:
            return Typed(CellType.KODE_URAIAN, "uraian", meaning)
        return Typed(CellType.KODE, "kode", meaning)
    markers = (
        cells.markers >= MARKER_SHARE * solid
        and not cells.large
        and (cells.sequential >= SEQUENCE_SHARE or _role(path) == "no")
    )
    if cells.accounts >= ACCOUNT_SHARE * solid and cells.accounts > cells.codes:
        return Typed(CellType.REKENING, "kode_rekening", meaning)
    if (
        markers
        and cells.mean_length <= 3
        and (cells.share(Shape.NUMBER) < 1.0 or not meaning.measure or _role(path) == "no")
    ):
        return Typed(CellType.NO, "no", meaning)
    if cells.share(Shape.TARGET) >= TYPE_SHARE:
        return Typed(CellType.TARGET, None, meaning)
    with_units = cells.share(Shape.TARGET)
    if cells.numeric + with_units >= TYPE_SHARE and with_units >= UNIT_SHARE:
        return Typed(CellType.TARGET, None, meaning)
    if cells.numeric >= TYPE_SHARE:
        if cells.share(Shape.PERCENT) >= 0.5 or (
            ("%" in text or "persen" in text) and not meaning.money and not cells.large
        ):
            return Typed(CellType.PERCENT, None, meaning)
        if meaning.measure == "harga" and meaning.money:
            return Typed(CellType.RUPIAH, None, meaning)  # "Harga Satuan (Rp)": a unit price
        if _QUANTITY.search(path[-1] if path else ""):
            return Typed(CellType.NUMBER, None, meaning)
        if meaning.money and not _PERFORMANCE.search(path[-1] if path else ""):
            return Typed(CellType.RUPIAH, None, meaning)
        marked = cells.rupiah_marks >= 0.5 * len(cells.numbers) if cells.numbers else False
        if cells.large and (money_table or marked) and not _QUANTITY.search(text):
            return Typed(CellType.RUPIAH, None, meaning)
        if meaning.measure in ("target", "capaian"):
            return Typed(CellType.TARGET, None, meaning)
        return Typed(CellType.NUMBER, None, meaning)
    if cells.share(Shape.PREDICATE, Shape.NUMBER, Shape.DECIMAL, Shape.PERCENT) >= TYPE_SHARE:
        return Typed(CellType.TARGET, None, meaning)
    if cells.share(Shape.AMOUNT) >= MIXED_AMOUNT_SHARE and cells.large:
        # A column of budget-sized amounts among words a converter shifted into it: the amounts
        # are read, the words kept as printed beside them (``_teks``), with no sum promised.
        return Typed(CellType.NUMBER, None, meaning)
    role = _role(path)
    if role is None and cells.funds >= TYPE_SHARE * solid:
        role = "sumber_dana"
    if role is None and cells.share(Shape.INDICATOR) >= 0.5:
        role = "indikator"
    if role == "indikator":
        return Typed(CellType.INDIKATOR, role, meaning)
    return Typed(CellType.TEXT, role, meaning)


def _typed_by_header(path: tuple[str, ...], meaning: Meaning) -> Typed:
    """A column with no filled cell: its header alone says what it would hold."""
    role = _role(path)
    text = " / ".join(path).lower()
    if re.search(r"\bkode\b", text):
        return Typed(CellType.KODE, "kode", meaning)
    if meaning.money and role is None:
        return Typed(CellType.RUPIAH, None, meaning)
    if role == "indikator":
        return Typed(CellType.INDIKATOR, role, meaning)
    return Typed(CellType.TEXT, role, meaning)


_BASE = {
    CellType.RUPIAH: "nilai_rp",
    CellType.NUMBER: "nilai",
    CellType.PERCENT: "persen",
    CellType.TARGET: "target",
    CellType.TEXT: "teks",
    CellType.INDIKATOR: "indikator",
}


def column_name(typed: Typed, path: tuple[str, ...], position: int) -> str:
    """A column's name in the document's words: its role, or its measure and period, or its
    innermost header label.

    >>> m = meaning_of(("Rencana Tahun 2025", "Pagu Indikatif (Rp)"))
    >>> column_name(Typed(CellType.RUPIAH, None, m), ("Rencana Tahun 2025", "Pagu"), 4)
    'pagu_indikatif_2025'
    >>> column_name(Typed(CellType.TEXT, None, Meaning()), ("Prioritas Daerah",), 3)
    'prioritas_daerah'
    >>> column_name(Typed(CellType.NUMBER, None, Meaning()), ("",), 6)
    'nilai_7'
    >>> path = ("Bertambah/(Berkurang)", "%")
    >>> column_name(Typed(CellType.PERCENT, None, meaning_of(path)), path, 5)
    'persen_selisih'
    """
    if typed.role:
        return typed.role
    if typed.ctype is CellType.KODE:
        return "kode"
    if typed.ctype is CellType.REKENING:
        return "kode_rekening"
    meaning = typed.meaning
    numeric = typed.ctype in (CellType.RUPIAH, CellType.NUMBER, CellType.PERCENT, CellType.TARGET)
    base = ""
    if numeric and meaning.measure and meaning.measure != "nilai":
        base = meaning.measure
        if typed.ctype is CellType.PERCENT and path and _PERCENT_ONLY.fullmatch(path[-1]):
            base = f"persen_{base}"  # ``Bertambah/(Berkurang) / %``: the change in percent
    else:
        label = next((p for p in reversed(path) if snake(p)), "")
        base = snake(label)
    period = meaning.period or ""
    if base and period and period.split("_")[0] not in base:
        base = f"{base}_{period}"
    elif not base and period:
        base = f"{_BASE.get(typed.ctype, 'kolom')}_{period}"
    if base in RESERVED and path:
        base = snake(path[-1])  # ``Sisa Anggaran``: renja's own ``sisa`` is another column
    if not base or base[0].isdigit():
        base = f"{_BASE.get(typed.ctype, 'kolom')}_{base or position + 1}"
    return base


# A label that says only "in percent": ``%``, ``(%)``, ``Persen``.
_PERCENT_ONLY = re.compile(r"\s*\(?\s*(?:%|persen(?:tase)?)\s*\)?\s*", re.IGNORECASE)


def _by_group(
    names: list[str], paths: Sequence[tuple[str, ...]], roles: Sequence[str | None]
) -> list[str]:
    """Columns of one name under different group labels take the group's words:
    ``Rancangan Awal / Target`` and ``Hasil Analisis / Target`` are ``target_rancangan_awal``
    and ``target_hasil_analisis``. The first column of a role keeps the role's name.

    >>> _by_group(["target", "target", "pagu"],
    ...           [("Rancangan Awal", "Target"), ("Hasil Analisis", "Target"), ("Pagu",)],
    ...           [None, None, None])
    ['target_rancangan_awal', 'target_hasil_analisis', 'pagu']
    """
    counts = Counter(names)
    out = []
    for name, path, role in zip(names, paths, roles, strict=True):
        group = snake(path[0], GROUP_WORDS) if len(path) > 1 else ""
        if counts[name] > 1 and role is None and group and group not in name:
            name = f"{name}_{group}"
        out.append(name)
    return _by_inner_label(names, out, paths)


def _by_inner_label(
    names: list[str], grouped: list[str], paths: Sequence[tuple[str, ...]]
) -> list[str]:
    """Columns still alike under one group label are told apart by their own labels when
    those differ: ``Realisasi Triwulan I / K`` and ``Realisasi Triwulan I / Rp`` are
    ``realisasi_tw1_k`` and ``realisasi_tw1_rp``, not ``realisasi_tw1_realisasi_triwulan``
    and ``…_2``.

    >>> paths = [("Realisasi Triwulan I", "K"), ("Realisasi Triwulan I", "Rp")]
    >>> _by_inner_label(["realisasi_tw1"] * 2, ["realisasi_tw1_realisasi_triwulan"] * 2, paths)
    ['realisasi_tw1_k', 'realisasi_tw1_rp']
    """
    out = list(grouped)
    alike: dict[str, list[int]] = {}
    for p, name in enumerate(grouped):
        alike.setdefault(name, []).append(p)
    for positions in (ps for ps in alike.values() if len(ps) > 1):
        labels = [snake(paths[p][-1]) if len(paths[p]) > 1 else "" for p in positions]
        if all(labels) and len(set(labels)) == len(labels):
            for p, label in zip(positions, labels, strict=True):
                out[p] = f"{names[p]}_{label}"
    return out


# Words of a group label added to a column's name to tell it from its namesakes.
GROUP_WORDS = 2


# Clean columns renja fills itself: a column read from the document never takes their names.
RESERVED = frozenset({
    "baris", "sumber_baris", "halaman", "jenis_baris", "level", "induk", "kode_sumber",
    "skor_kode", "uraian_nomenklatur", "baris_gabungan", "sisa",
})  # fmt: skip


def _by_label(
    names: list[str], paths: Sequence[tuple[str, ...]], typed: Sequence[Typed]
) -> list[str]:
    """Amount columns that one measure would name alike are named by their own header words
    when those tell them apart: ``Belanja Operasi``, ``Belanja Modal`` and ``Jumlah Belanja``
    are ``belanja_operasi``, ``belanja_modal`` and ``jumlah_belanja``, not ``anggaran``,
    ``anggaran_2`` and ``anggaran_total``.

    >>> paths = [("Belanja Operasi",), ("Belanja Modal",), ("Pagu",)]
    >>> typed = [Typed(CellType.RUPIAH, None, meaning_of(p)) for p in paths]
    >>> _by_label(["anggaran", "anggaran", "pagu"], paths, typed)
    ['belanja_operasi', 'belanja_modal', 'pagu']
    """
    out = list(names)
    groups: dict[str, list[int]] = {}
    for p, t in enumerate(typed):
        measure, period = t.meaning.measure, t.meaning.period
        if t.ctype is CellType.RUPIAH and not t.role and measure and period in (None, "total"):
            groups.setdefault(measure, []).append(p)
    for alike in groups.values():
        if len({out[p] for p in alike}) == len(alike):
            continue  # their names tell them apart already
        labels = {p: snake(paths[p][-1]) if paths[p] else "" for p in alike}
        others = {n for p, n in enumerate(out) if p not in labels}
        distinct = all(labels.values()) and len(set(labels.values())) == len(alike)
        if distinct and not set(labels.values()) & others:
            out = [labels.get(p, name) for p, name in enumerate(out)]
    return out


def _unique(names: list[str], owners: list[bool]) -> list[str]:
    """Names made unique by a suffix: ``pagu``, ``pagu_2``; a reserved name (or ``kode`` for a
    column that holds no codes) is taken by renja's own column.

    >>> _unique(["uraian", "pagu", "pagu", "uraian", "level", "kode"], [True] * 5 + [False])
    ['uraian', 'pagu', 'pagu_2', 'uraian_2', 'level_2', 'kode_2']
    """
    seen: Counter[str] = Counter()
    out = []
    for name, owner in zip(names, owners, strict=True):
        if name in RESERVED or (name == "kode" and not owner):
            seen[name] += 1
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _first_role(typed: list[Typed]) -> list[Typed]:
    """One column per role: a second claimant is named by its own header words."""
    out: list[Typed] = []
    taken: set[str] = set()
    for t in typed:
        role = t.role
        if role in taken:
            role = None
        if role:
            taken.add(role)
        out.append(Typed(t.ctype, role, t.meaning))
    return out


def _name_column(typed: list[Typed], profiles: list[Profile]) -> list[Typed]:
    """Give ``uraian`` to the first long text column when no header named one."""
    if any(t.role == "uraian" for t in typed):
        return typed
    for i, (t, p) in enumerate(zip(typed, profiles, strict=True)):
        if t.ctype is CellType.TEXT and t.role is None and p.mean_length >= NAME_LENGTH:
            typed[i] = Typed(CellType.TEXT, "uraian", t.meaning)
            break
    return typed


# A label : value block: this share of its rows end their first text cell with a colon.
LABEL_SHARE = 0.6
MIN_LABEL_ROWS = 3


def label_value_columns(body: Sequence[RawRow]) -> tuple[int, int] | None:
    """The label and value columns of a ``label : value`` block (a SIPD printout's header:
    ``Kegiatan :`` | ``3.31.01.2.06 Administrasi Umum …``), if the table is one.

    >>> from renja.model.records import Source
    >>> rows = [RawRow(["", "Kegiatan :", "3.31.01.2.06 Administrasi"], Source(1)),
    ...         RawRow(["", "Sumber Pendanaan :", "PAD"], Source(2)),
    ...         RawRow(["", "Jumlah 2022 :", "Rp. 1.954.327.000"], Source(3))]
    >>> label_value_columns(rows)
    (1, 2)
    >>> label_value_columns(rows[:1])  # one line, when it is all the table holds
    (1, 2)
    """
    rows = [[c.strip() for c in r.cells] for r in body if any(c.strip() for c in r.cells)]
    pairs: Counter[tuple[int, int]] = Counter()
    for cells in rows:
        filled = [p for p, c in enumerate(cells) if c]
        if len(filled) == 2 and cells[filled[0]].endswith(":") and len(cells[filled[0]]) > 1:
            pairs[(filled[0], filled[1])] += 1
    if not pairs:
        return None
    pair, count = pairs.most_common(1)[0]
    if count == len(rows):
        return pair  # every row a label and its value, however few
    return pair if len(rows) >= MIN_LABEL_ROWS and count >= LABEL_SHARE * len(rows) else None


# Numbers left of a table's names, all below this, number its rows (a list's 1, 2, 3 even where
# wrapped or merged rows break the sequence).
MAX_ROW_NUMBER = 1000


def _numbering_before_names(typed: list[Typed], profiles: list[Profile]) -> list[Typed]:
    """Small whole numbers standing left of the row names are row numbers, not quantities."""
    names = next((i for i, t in enumerate(typed) if t.role == "uraian"), None)
    if names is None:
        return typed
    out = list(typed)
    for i in range(names):
        numbers = profiles[i].numbers
        if (
            out[i].ctype in (CellType.NUMBER, CellType.TARGET)
            and numbers
            and all(n == n.to_integral_value() and 0 < n < MAX_ROW_NUMBER for n in numbers)
            and profiles[i].share(Shape.NUMBER) >= TYPE_SHARE
        ):
            out[i] = Typed(CellType.NO, out[i].role or "no", out[i].meaning)
    return out


# A list of labels whose values are all amounts, this many lines at least, is a list of money
# (a typeset ``Rekapitulasi`` led by dots, ``Belanja Operasi : … / Jumlah : …``).
MIN_AMOUNT_LABELS = 3


def _all_amounts(values: Sequence[str]) -> bool:
    """Whether a label list's values are all amounts (its ``JUMLAH`` then sums them).

    >>> _all_amounts(["16.334.001.000", "257.683.000", "16.591.684.000"])
    True
    >>> _all_amounts(["Rp. 1.954.327.000", "PAD", "2.500.000.000"])
    False
    """
    filled = [v for v in values if v.strip()]
    return len(filled) >= MIN_AMOUNT_LABELS and all(sniff(v) is Shape.AMOUNT for v in filled)


def infer_columns(
    header: HeaderModel, body: Sequence[RawRow], money_table: bool, scale: int | None
) -> list[Column]:
    """One inferred column per raw column."""
    width = header.width
    labelled = label_value_columns(body)
    if labelled is not None:
        label, value = labelled
        amounts = _all_amounts([r.cells[value] if value < len(r.cells) else "" for r in body])
        return [
            Column("keterangan", CellType.TEXT, header.labels[p], inferred=True) if p == label
            else Column("nilai", CellType.RUPIAH, header.labels[p], measure="nilai", unit="Rp",
                        signed=True, inferred=True) if p == value and amounts
            else Column("isi", CellType.MIXED, header.labels[p], inferred=True) if p == value
            else Column(f"teks_{p + 1}", CellType.TEXT, header.labels[p], inferred=True)
            for p in range(width)
        ]  # fmt: skip
    columns = [[r.cells[p] if p < len(r.cells) else "" for r in body] for p in range(width)]
    profiles = [profile(cells) for cells in columns]
    typed = [column_type(header.paths[p], profiles[p], money_table) for p in range(width)]
    typed = _numbering_before_names(_name_column(_first_role(typed), profiles), profiles)
    names = _unique(
        _by_label(
            _by_group([column_name(t, header.paths[p], p) for p, t in enumerate(typed)],
                      header.paths, [t.role for t in typed]),
            header.paths, typed,
        ),
        [t.ctype in (CellType.KODE, CellType.KODE_URAIAN) for t in typed],
    )  # fmt: skip
    out = []
    for p, (t, name) in enumerate(zip(typed, names, strict=True)):
        column = _column(name, t, header.labels[p], scale)
        path = header.paths[p]
        identity = bool(path) and bool(_IDENTIFIER.search(path[-1]))  # a NIP is no amount
        if t.ctype in STRAY_TYPES and profiles[p].strays and not identity:
            column = replace(column, stray_amounts=True)
        out.append(column)
    return out


def _column(name: str, typed: Typed, header: str, table_scale: int | None) -> Column:
    meaning = typed.meaning
    money = typed.ctype is CellType.RUPIAH
    scale = (meaning.scale or table_scale or 1) if money else 1
    measure = meaning.measure if meaning.measure != "nilai" else None
    if money and measure is None:
        measure = "nilai"
    quantity = f"{measure}_{meaning.period}" if money and measure and meaning.period else None
    return Column(
        name=name,
        ctype=typed.ctype,
        header=header,
        measure=measure,
        period=meaning.period,
        quantity=quantity,
        unit=UNIT_NAMES.get(scale) if money else ("%" if typed.ctype is CellType.PERCENT else None),
        scale=scale,
        summed=money and measure != "harga",
        # An unknown form makes no promise that its amounts are positive (a deficit, a change).
        signed=money,
        inferred=True,
    )


def is_data(columns: Sequence[Column], body: Sequence[RawRow]) -> bool:
    """A table with codes, money or measures in it; a list of names and page numbers is not.

    >>> from renja.model.records import Source
    >>> toc = [RawRow(["BAB I PENDAHULUAN .....", "1"], Source(1)),
    ...        RawRow(["1.1 Latar Belakang .....", "2"], Source(2))]
    >>> is_data([Column("uraian", CellType.TEXT), Column("nilai", CellType.NUMBER)], toc)
    False
    """
    typed = [
        c for c in columns
        if c.ctype not in (CellType.TEXT, CellType.NO, CellType.INDIKATOR) or c.stray_amounts
    ]  # fmt: skip
    if not typed:
        return False
    if any(c.ctype is CellType.MIXED for c in columns):
        return _holds_values(columns, body)
    return not (all(c.ctype is CellType.NUMBER for c in typed) and _table_of_contents(body))


def _holds_values(columns: Sequence[Column], body: Sequence[RawRow]) -> bool:
    """A label : value block is data when some value is a code or an amount."""
    position = next(p for p, c in enumerate(columns) if c.ctype is CellType.MIXED)
    shapes = {sniff(r.cells[position]) for r in body if position < len(r.cells)}
    return bool(shapes & {Shape.CODE, Shape.AMOUNT})


_LEADER = re.compile(r"\.{4,}|…{2,}|(?:\. ){4,}")


def _table_of_contents(body: Sequence[RawRow]) -> bool:
    """Rows of names with leader dots and page numbers."""
    rows = [r for r in body if any(c.strip() for c in r.cells)]
    dotted = sum(1 for r in rows if any(_LEADER.search(c) for c in r.cells))
    return bool(rows) and dotted >= 0.5 * len(rows)


# Years a total column must sum to be checked as their sum, and years the end-of-period column
# of a plan (``Kondisi Akhir``) must have beside it.
MIN_YEARS_TOTAL = 2
MIN_YEARS_END = 3


def row_checks(columns: Sequence[Column], header: HeaderModel) -> tuple[RowCheck, ...]:
    """In-row arithmetic the header promises: a change is ``sesudah − sebelum``, a total the sum
    of the years beside it, and formulas printed in the column-number row."""
    out: list[RowCheck] = []
    money = [c for c in columns if c.ctype is CellType.RUPIAH]
    for change in (c for c in money if c.measure == "selisih"):
        before = [c for c in money if c.period and c.period.endswith(("sebelum", "murni"))]
        after = [c for c in money if c.period and c.period.endswith(("sesudah", "perubahan"))]
        if len(before) == 1 and len(after) == 1:
            out.append(
                RowCheck(change.name, (after[0].name,), (before[0].name,),
                         f"{after[0].name} − {before[0].name}")
            )  # fmt: skip
    yearly = [c for c in money if c.period and re.fullmatch(r"(?:19|20)\d\d", c.period)]
    for total in (c for c in money if c.period in ("total", "akhir")):
        same = [c for c in yearly if c.measure == total.measure]
        common = Counter(c.measure for c in yearly).most_common(1)
        years = same or [c for c in yearly if common and c.measure == common[0][0]]
        # The end of a plan period sums its years (RPJMD, Renstra): five, seldom fewer.
        needed = MIN_YEARS_TOTAL if total.period == "total" else MIN_YEARS_END
        if len(years) >= needed and len({c.period for c in years}) == len(years):
            out.append(RowCheck(total.name, tuple(c.name for c in years), (),
                                f"jumlah {len(years)} tahun"))  # fmt: skip
        elif not years and total.period == "total":
            parts = total_parts(columns, total)
            if parts:
                out.append(RowCheck(total.name, tuple(c.name for c in parts), (),
                                    " + ".join(c.name for c in parts)))  # fmt: skip
    out.extend(quarter_totals(money))
    spent = budget_and_spent(money)
    if spent is not None:
        budget, realisasi = spent
        for rest in (c for c in money if c.measure == "sisa" and c.period == budget.period):
            out.append(RowCheck(rest.name, (budget.name,), (realisasi.name,),
                                f"{budget.name} − {realisasi.name}"))  # fmt: skip
    out.extend(_formula_checks(columns, header))
    return tuple(dict.fromkeys(out))


QUARTERS = ("tw1", "tw2", "tw3", "tw4")


def quarter_totals(money: Sequence[Column]) -> list[RowCheck]:
    """A year's figure after its four quarters (``Realisasi Triwulan I … IV``, then
    ``Realisasi Capaian`` or ``Jumlah``): the money column of the quarters' measure that names
    no period, right after the last quarter, is their sum.

    >>> def rp(name, measure, period=None):
    ...     return Column(name, CellType.RUPIAH, measure=measure, period=period)
    >>> quarters = [rp(f"realisasi_{q}", "realisasi", q) for q in QUARTERS]
    >>> [c.formula for c in quarter_totals([rp("target", "target"), *quarters,
    ...                                      rp("realisasi_capaian", "realisasi")])]
    ['realisasi_tw1 + realisasi_tw2 + realisasi_tw3 + realisasi_tw4']
    >>> quarter_totals([rp("realisasi_lalu", "realisasi"), *quarters])
    []
    """
    out: list[RowCheck] = []
    for measure in dict.fromkeys(c.measure for c in money if c.period in QUARTERS):
        quarters = [c for c in money if c.measure == measure and c.period in QUARTERS]
        if [c.period for c in quarters] != list(QUARTERS):
            continue
        last = money.index(quarters[-1])
        after = money[last + 1 : last + 2]
        if after and after[0].measure == measure and after[0].period in (None, "total"):
            parts = tuple(c.name for c in quarters)
            out.append(RowCheck(after[0].name, parts, (), " + ".join(parts)))
    return out


# The measures of a budget a realisation is measured against.
BUDGET_MEASURES = ("anggaran", "pagu", "pagu_indikatif", "nilai")


def budget_and_spent(money: Sequence[Column]) -> tuple[Column, Column] | None:
    """The one budget column and the one realisation column of a table that has exactly one
    of each (a realisation report: ``Anggaran | Realisasi | Sisa | %``); else None.

    >>> def rp(name, measure, period=None):
    ...     return Column(name, CellType.RUPIAH, measure=measure, period=period)
    >>> [c.name for c in budget_and_spent([rp("anggaran", "anggaran"), rp("realisasi", "realisasi"),
    ...                                    rp("sisa", "sisa")])]
    ['anggaran', 'realisasi']
    >>> budget_and_spent([rp("pagu", "pagu", "2024"), rp("pagu", "pagu", "2025"),
    ...                   rp("realisasi", "realisasi")]) is None
    True
    """
    budgets = [c for c in money if c.measure in BUDGET_MEASURES]
    spent = [c for c in money if c.measure == "realisasi"]
    if len(budgets) == 1 and len(spent) == 1 and budgets[0].period == spent[0].period:
        return budgets[0], spent[0]
    return None


# A total column sums the columns of its kind left of it when there are at least this many.
MIN_TOTAL_PARTS = 2


def total_parts(columns: Sequence[Column], total: Column) -> list[Column]:
    """The columns a total column (``Jumlah Belanja``, ``Jumlah``, ``Total``) sums when its
    header names no years: the money columns right before it that name no period, all of one
    measure (its own, when its header names one): ``Belanja Operasi``, ``Belanja Modal``, … ;
    not ``Pendapatan`` or a ``T-1`` before them. None when fewer than two.

    >>> def rp(name, measure, period=None):
    ...     return Column(name, CellType.RUPIAH, measure=measure, period=period)
    >>> columns = [rp("pendapatan", "pendapatan"), rp("belanja_operasi", "anggaran"),
    ...            rp("belanja_modal", "anggaran"), rp("jumlah_belanja", "anggaran", "total")]
    >>> [c.name for c in total_parts(columns, columns[-1])]
    ['belanja_operasi', 'belanja_modal']
    >>> columns = [rp("t_min_1", None), rp("belanja_operasi", "anggaran"),
    ...            rp("belanja_modal", "anggaran"), rp("jumlah", "nilai", "total")]
    >>> [c.name for c in total_parts(columns, columns[-1])]
    ['belanja_operasi', 'belanja_modal']
    >>> total = rp("total", "pagu", "total")
    >>> total_parts([rp("pagu", "pagu"), total], total)
    []
    """
    position = next((i for i, c in enumerate(columns) if c is total), None)
    if position is None:
        return []
    measure = total.measure if total.measure not in (None, "nilai") else None
    parts: list[Column] = []
    for column in reversed(columns[:position]):
        if column.ctype is not CellType.RUPIAH or column.period is not None or not column.summed:
            break
        measure = measure or column.measure
        if measure is None or column.measure != measure:
            break
        parts.insert(0, column)
    return parts if len(parts) >= MIN_TOTAL_PARTS else []


def _by_number(columns: Sequence[Column], header: HeaderModel) -> dict[int, Column]:
    out: dict[int, Column] = {}
    for column, cell in zip(columns, header.numbers, strict=False):
        number = printed_number(cell)
        if number is not None:
            out.setdefault(number, column)
    return out


def _formula_checks(columns: Sequence[Column], header: HeaderModel) -> list[RowCheck]:
    if not header.numbers:
        return []
    numbered = _by_number(columns, header)
    out = []
    for cell in header.numbers:
        formula = read_formula(cell)
        if formula is None or formula.ratio is not None:
            continue
        parts = [numbered.get(n) for n in (formula.column, *formula.plus, *formula.minus)]
        if any(p is None or p.ctype is not CellType.RUPIAH for p in parts):
            continue
        total = parts[0]
        assert total is not None
        plus = tuple(numbered[n].name for n in formula.plus)
        minus = tuple(numbered[n].name for n in formula.minus)
        out.append(RowCheck(total.name, plus, minus, cell.strip()))
    return out


# The columns of figures a percentage may be computed from.
_FIGURES = frozenset({CellType.RUPIAH, CellType.NUMBER, CellType.TARGET})


def ratio_checks(columns: Sequence[Column], header: HeaderModel) -> tuple[RatioCheck, ...]:
    """Percentages the header promises: a change's ``%`` beside it, formulas of the header."""
    out: list[RatioCheck] = []
    for index, column in enumerate(columns):
        if column.ctype is not CellType.PERCENT or index == 0:
            continue
        change = columns[index - 1]
        if change.ctype is CellType.RUPIAH and change.measure == "selisih":
            before = [c for c in columns if c.ctype is CellType.RUPIAH and c.period
                      and c.period.endswith(("sebelum", "murni"))]  # fmt: skip
            if len(before) == 1:
                out.append(RatioCheck(column.name, change.name, before[0].name, 0.5,
                                      f"{change.name} / {before[0].name} × 100"))  # fmt: skip
    money = [c for c in columns if c.ctype is CellType.RUPIAH]
    spent = budget_and_spent(money)
    if spent is not None:
        budget, realisasi = spent
        for index, column in enumerate(columns):
            if column.ctype is CellType.PERCENT and column.measure in ("realisasi", "capaian"):
                # Its figures are the money's when money is the figure before it (a
                # performance ``Capaian (%)`` after ``Target | Realisasi`` is not).
                figures = [c for c in columns[:index] if c.ctype in _FIGURES]
                if figures and figures[-1].ctype is not CellType.RUPIAH:
                    continue
                out.append(RatioCheck(column.name, realisasi.name, budget.name, 0.5,
                                      f"{realisasi.name} / {budget.name} × 100"))  # fmt: skip
    numbered = _by_number(columns, header) if header.numbers else {}
    for cell in header.numbers:
        formula = read_formula(cell)
        if formula is None or formula.ratio is None:
            continue
        named = [numbered.get(n) for n in (formula.column, *formula.ratio)]
        parts = [p for p in named if p is not None]
        if len(parts) < len(named) or parts[0].ctype is not CellType.PERCENT:
            continue
        percent, top, bottom = parts
        if top.ctype in (CellType.RUPIAH, CellType.NUMBER) and top.ctype == bottom.ctype:
            out.append(RatioCheck(percent.name, top.name, bottom.name, 0.5, cell.strip()))
    return tuple(dict.fromkeys(out))


# The header of a priced line's quantity (not a performance target): "Volume", "Koefisien".
_PRICED_QUANTITY = re.compile(r"\b(?:volume|vol|koefisien|kuantitas|banyaknya|qty)\b", re.I)
_TAX = re.compile(r"\b(?:ppn|pajak)\b", re.IGNORECASE)
_PRICED_AMOUNTS = ("nilai", "anggaran", "pagu", "pagu_indikatif", "kebutuhan_dana")


def price_checks(columns: Sequence[Column]) -> tuple[PriceCheck, ...]:
    """A budget's priced lines: one quantity column (``Volume``, ``Koefisien``), one unit
    price after it (``Harga Satuan``), and the amount after that (``Jumlah``), with perhaps a
    tax in percent between them (``PPN``): ``jumlah = volume × harga (+ PPN)``.

    >>> cols = [Column("uraian", CellType.TEXT), Column("volume", CellType.TARGET, "volume"),
    ...         Column("harga", CellType.RUPIAH, "harga satuan", measure="harga"),
    ...         Column("jumlah", CellType.RUPIAH, "jumlah (rp)", measure="nilai")]
    >>> [(c.amount, c.quantity, c.price, c.tax, c.formula) for c in price_checks(cols)]
    [('jumlah', 'volume', 'harga', None, 'volume × harga')]
    >>> price_checks(cols[:1] + cols[2:])  # no quantity: nothing to check
    ()
    """
    quantities = [i for i, c in enumerate(columns) if _PRICED_QUANTITY.search(c.header)
                  and c.ctype in (CellType.TARGET, CellType.NUMBER, CellType.TEXT)]  # fmt: skip
    prices = [i for i, c in enumerate(columns) if c.measure == "harga"
              and c.ctype in (CellType.RUPIAH, CellType.NUMBER)]  # fmt: skip
    if len(quantities) != 1 or len(prices) != 1 or quantities[0] > prices[0]:
        return ()
    quantity, price = columns[quantities[0]], columns[prices[0]]
    tax: Column | None = None
    for column in columns[prices[0] + 1 :]:
        if column.ctype is CellType.PERCENT and _TAX.search(column.header) and tax is None:
            tax = column
        elif column.ctype is CellType.RUPIAH and column.measure in _PRICED_AMOUNTS:
            formula = f"{quantity.name} × {price.name}" + (f" + {tax.name}" if tax else "")
            return (PriceCheck(column.name, quantity.name, price.name, tax.name if tax else None,
                               formula),)  # fmt: skip
        elif column.ctype in (CellType.RUPIAH, CellType.NUMBER, CellType.PERCENT):
            return ()  # another figure stands between the price and an amount
    return ()


def money_context(caption: str, context: str, header: HeaderModel) -> bool:
    """Whether the table is about money: its caption, heading or header say so."""
    return bool(_MONEY_CONTEXT.search(" ".join([caption, context, *header.labels])))


def infer_contract(
    header: HeaderModel, body: Sequence[RawRow], caption: str, context: str,
    scale: int | None = None,
) -> TableContract:  # fmt: skip
    """The contract of a table of no known form."""
    columns = infer_columns(header, body, money_context(caption, context, header), scale)
    if not is_data(columns, body):
        return TableContract(
            NOT_DATA_FORM,
            "Bukan tabel data (daftar, daftar isi atau teks)",
            TableStatus.NOT_DATA,
            tuple(columns),
            method="disimpulkan",
            coded=False,
            header=tuple(header.labels),
        )
    return TableContract(
        INFERRED_FORM,
        "Tabel yang bentuknya disimpulkan dari judul kolom dan isinya",
        TableStatus.INFERRED,
        tuple(columns),
        method="disimpulkan",
        row_checks=row_checks(columns, header),
        ratio_checks=ratio_checks(columns, header),
        price_checks=price_checks(columns),
        coded=is_planning(columns, body, " ".join([caption, *header.labels])),
        header=tuple(header.labels),
    )


_PLANNING = re.compile(r"\b(?:program|(?:sub\s*)?kegiatan|urusan|bidang\s+urusan)\b", re.I)


def is_planning(columns: Sequence[Column], body: Sequence[RawRow], words: str) -> bool:
    """Whether rows name programs and activities of the nomenclature, so that rows without a
    printed code are matched by name: the table prints codes, or its header, caption or names
    speak of programs and kegiatan.

    >>> from renja.model.records import Source
    >>> rows = [RawRow(["Jakarta Selatan", "2.226.812"], Source(1))]
    >>> is_planning([Column("uraian", CellType.TEXT), Column("jiwa", CellType.NUMBER)], rows,
    ...             "Tabel 2.5 Komposisi Penduduk")
    False
    """
    if any(c.ctype in (CellType.KODE, CellType.KODE_URAIAN) for c in columns):
        return True
    if _PLANNING.search(words):
        return True
    # the names, or the labels of label lines (``Program : 2.11.03 …``, ``Kegiatan : …``)
    names = [p for p, c in enumerate(columns) if c.name in ("uraian", "keterangan")]
    return any(_PLANNING.match(r.cells[p].strip()) for r in body for p in names if p < len(r.cells))


__all__ = [
    "Profile",
    "column_name",
    "column_type",
    "infer_columns",
    "infer_contract",
    "is_data",
    "money_context",
    "profile",
    "snake",
]
