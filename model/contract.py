"""The clean-table contract: the one description of what a clean table holds.

A ``TableContract`` lists a table's reading columns in order. Each ``Column`` says how its raw
cells are read (``ctype``), which clean columns it fills (``outputs``), and what it means: the
quantity it measures (``measure``), for which period (``period``), in which unit (``unit``,
``scale``), and whether a parent row's value is the sum of its children's (``summed``).

A contract is either derived from a known form (``normalize/kinds.py``) or inferred from the table
itself (``normalize/infer.py``). Normalize fills it, validate builds its pandera model and its
arithmetic from it, and the writers, the report, the workbook and the corpus read the CSV files
back through it (``to_dict``/``from_dict``: the manifest carries every table's contract).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


class CellType(StrEnum):
    """How a column's cells are read, which decides its parser and its clean columns."""

    NO = "no"  # a row number: 1, 2., a., I, 1.1
    KODE = "kode"  # a nomenclature code
    KODE_URAIAN = "kode_uraian"  # code and name in one cell
    TEXT = "text"  # names, locations, remarks: free text
    INDIKATOR = "indikator"  # an indicator's text (reads "Jumlah …", "Persentase …")
    RUPIAH = "rupiah"  # an amount of money
    TARGET = "target"  # a target: value and satuan, or a predicate such as BB
    PERCENT = "percent"  # a percentage or a plain decimal rate
    REKENING = "rekening"  # an account code (kode rekening): 5.1.02.01.01.0052
    NUMBER = "number"  # any other quantity: a count, an area, an index
    MIXED = "mixed"  # the values of a label : value block: a code and name, an amount, or text


class TableStatus(StrEnum):
    """What renja understood of a table."""

    FORM = "bentuk_dikenal"  # a known form: canonical names and the form's own checks
    INFERRED = "disimpulkan"  # no known form: columns typed from the header and the cells
    NOT_DATA = "bukan_tabel_data"  # no amounts, codes or measures: a list, a table of contents


# The form slug of a table whose contract was inferred, and of a table that holds no data.
INFERRED_FORM = "tabel"
NOT_DATA_FORM = "teks"

# The columns every clean table starts with.
ROW_COLUMNS = ("baris", "sumber_baris", "halaman", "jenis_baris")
# Whole-number columns renja adds: row number, source line and page, the parent row.
INT_COLUMNS = ("baris", "sumber_baris", "halaman", "induk")
# Columns that exist only when some row has a value in them.
SPARSE_SUFFIXES = ("_teks", "_nomenklatur", "_nilai")
SPARSE_COLUMNS = ("baris_gabungan", "sisa")
# Columns that hold a list: the source lines merged into a row (a JSON array in CSV, a list in
# Parquet: ``renja.model.refs``).
LIST_COLUMNS = ("baris_gabungan",)


# Beside each Rupiah column, its reviewed value and where that comes from (a decision of
# keputusan.csv, or the value as printed): ``pagu`` printed, ``pagu_ditinjau`` reviewed,
# ``status_pagu`` one of ``renja.model.decisions.ValueStatus``.
REVIEWED_SUFFIX = "_ditinjau"
STATUS_PREFIX = "status_"


def reviewed_name(column: str) -> str:
    """The column of an amount's reviewed value.

    >>> reviewed_name("pagu_maju"), status_name("pagu_maju")
    ('pagu_maju_ditinjau', 'status_pagu_maju')
    """
    return column + REVIEWED_SUFFIX


def status_name(column: str) -> str:
    """The column saying where an amount's reviewed value comes from."""
    return STATUS_PREFIX + column


def is_sparse(name: str) -> bool:
    """Columns that exist only when some row has a value in them.

    >>> [is_sparse(c) for c in ("target_teks", "kode_nomenklatur", "sisa", "target_satuan")]
    [True, True, True, False]
    """
    return name.endswith(SPARSE_SUFFIXES) or name in SPARSE_COLUMNS


NUMERIC_TYPES = frozenset({CellType.RUPIAH, CellType.PERCENT, CellType.NUMBER, CellType.TARGET})


def row_value_kinds() -> dict[str, str]:
    """How the columns renja adds to every clean table are typed when read back
    (``TableContract.value_kinds``).

    >>> row_value_kinds()["baris"], row_value_kinds()["baris_gabungan"]
    ('int', 'lines')
    """
    return {**dict.fromkeys(INT_COLUMNS, "int"), **dict.fromkeys(LIST_COLUMNS, "lines")}


@dataclass(frozen=True, slots=True)
class RowCheck:
    """An arithmetic relation inside one row: ``total = Σ plus − Σ minus``."""

    total: str
    plus: tuple[str, ...]
    minus: tuple[str, ...] = ()
    formula: str = ""  # how the document writes it, for messages: "sesudah − sebelum"
    # Shown by the table's own figures (``renja.normalize.row_sums``), not promised by a header
    from_values: bool = False


@dataclass(frozen=True, slots=True)
class RatioCheck:
    """A percentage inside one row: ``percent = numerator / denominator × 100``."""

    percent: str
    numerator: str
    denominator: str
    tolerance: float = 0.5  # percentage points: documents print one or two decimals
    formula: str = ""  # for messages: "realisasi / target × 100"


@dataclass(frozen=True, slots=True)
class PriceCheck:
    """A priced line: ``amount = quantity × price × (1 + tax / 100)``. The quantity is a number
    or a coefficient as a budget prints it (``2 Orang x 12 Bulan``: 24); the tax column (PPN, in
    percent) is optional."""

    amount: str
    quantity: str
    price: str
    tax: str | None = None
    formula: str = ""  # for messages: "koefisien × harga + ppn"


def kode_columns(prefix: str) -> tuple[str, str, str, str]:
    """The clean columns of a code: canonical, as printed, level, generic nomenclature form.

    >>> kode_columns("kode_perubahan")
    ('kode_perubahan', 'kode_perubahan_cetak', 'level_perubahan', 'kode_perubahan_nomenklatur')
    """
    return (
        prefix,
        f"{prefix}_cetak",
        "level" + prefix.removeprefix("kode"),
        f"{prefix}_nomenklatur",
    )


def kode_prefix(name: str) -> str:
    """The code columns' prefix of a code-and-name column: ``uraian`` -> ``kode``; a column
    named otherwise (``perangkat_daerah``: an SKPD's unit code and name) takes ``kode_`` before
    its name.

    >>> kode_prefix("uraian"), kode_prefix("uraian_perubahan"), kode_prefix("perangkat_daerah")
    ('kode', 'kode_perubahan', 'kode_perangkat_daerah')
    """
    if "uraian" not in name:
        return f"kode_{name}"
    return "kode" if name == "uraian" else name.replace("uraian", "kode")


@dataclass(frozen=True, slots=True)
class Column:
    """One reading column of a clean table: where its cells come from and what they mean."""

    name: str
    ctype: CellType
    header: str = ""  # the printed header over it, levels joined: "rencana 2025 / pagu (rp)"
    measure: str | None = None  # pagu, pagu_indikatif, kebutuhan_dana, realisasi, target …
    period: str | None = None  # "2025", "sebelum", "sesudah", "murni", "tw2", "awal", "akhir"
    # The quantity other tables of the document report under the same name, compared by code:
    # pagu_sebelum (murni), pagu_sesudah (perubahan), pagu_maju, target_sesudah …
    quantity: str | None = None
    unit: str | None = None  # "Rp", "juta Rp", "ribu Rp", "%", or the satuan named in the header
    scale: int = 1  # printed amounts times this are Rupiah ("dalam jutaan rupiah": 1_000_000)
    summed: bool = True  # a parent row's value is the sum of its children's (not a unit price)
    signed: bool = False  # may be negative: a change, not a budget
    quarter: int | None = None  # an E.81 realisation of quarter N: empty after the period
    disabled: bool = False  # the cell must be empty here (a quarter after the report's period)
    inferred: bool = False  # typed from the table itself, not named by a form
    # A column of words or rates that a damaged conversion also put amounts into: they are
    # read into ``<name>_nilai`` beside the printed text.
    stray_amounts: bool = False

    def outputs(self) -> tuple[str, ...]:
        """The clean columns this column fills, in order.

        >>> Column("target", CellType.TARGET).outputs()
        ('target', 'target_satuan', 'target_teks')
        >>> Column("kode", CellType.KODE).outputs()
        ('kode', 'kode_cetak', 'level', 'kode_nomenklatur')
        """
        match self.ctype:
            case CellType.KODE:
                return kode_columns(self.name if self.name.startswith("kode") else "kode")
            case CellType.KODE_URAIAN:
                return (*kode_columns(kode_prefix(self.name)), self.name)
            case CellType.TARGET:
                return (self.name, f"{self.name}_satuan", f"{self.name}_teks")
            case CellType.REKENING:
                return (self.name, "level")
            case CellType.NUMBER:
                return (self.name, f"{self.name}_teks")
            case CellType.MIXED:
                return (*kode_columns("kode"), "uraian", "nilai")
            case CellType.RUPIAH:
                return (self.name, reviewed_name(self.name), status_name(self.name))
            case _ if self.stray_amounts:
                return (self.name, f"{self.name}_nilai")
            case _:
                return (self.name,)

    @property
    def reviewed(self) -> tuple[str, ...]:
        """The clean columns a decision may change: an amount's reviewed value and its status.

        >>> Column("pagu", CellType.RUPIAH).reviewed, Column("target", CellType.TARGET).reviewed
        (('pagu_ditinjau', 'status_pagu'), ())
        """
        if self.ctype is CellType.RUPIAH:
            return (reviewed_name(self.name), status_name(self.name))
        return ()

    @property
    def printed(self) -> str:
        """The clean column that holds what the raw cell printed (a code's ``kode_cetak``)."""
        return self.outputs()[1] if self.ctype is CellType.KODE else self.name

    @property
    def is_amount(self) -> bool:
        """A money column whose values add up the hierarchy (not a unit price)."""
        return self.ctype is CellType.RUPIAH and self.summed

    def to_dict(self) -> dict[str, Any]:
        """The column as the manifest writes it: defaults left out."""
        out: dict[str, Any] = {"name": self.name, "tipe": self.ctype.value}
        for spec in fields(self):
            if spec.name in ("name", "ctype"):
                continue
            value = getattr(self, spec.name)
            if value != spec.default:
                out[_KEYS[spec.name]] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Column:
        values = {name: data[key] for name, key in _KEYS.items() if key in data}
        return cls(name=str(data["name"]), ctype=CellType(data["tipe"]), **values)


# Manifest keys of a column's fields (the manifest is read by data officers: Indonesian words).
_KEYS = {
    "header": "judul",
    "measure": "ukuran",
    "period": "periode",
    "quantity": "besaran",
    "unit": "satuan",
    "scale": "skala",
    "summed": "dijumlahkan",
    "signed": "bertanda",
    "quarter": "triwulan",
    "disabled": "nonaktif",
    "inferred": "disimpulkan",
    "stray_amounts": "nilai_tersisip",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditRules:
    """What a table's rows promise beyond their columns: a known form states it once, and the
    contract of each table read in that form carries it."""

    row_checks: tuple[RowCheck, ...] = ()
    ratio_checks: tuple[RatioCheck, ...] = ()
    price_checks: tuple[PriceCheck, ...] = ()
    # Each code is listed on one data row (a repeat is a misplaced row).
    unique_kode: bool = False
    # Rows name programs and activities of the nomenclature (a budget's account lines do not).
    coded: bool = True
    # Levels of rows without a code, by a pattern on their name; ``default_level`` for the other
    # such rows that carry an amount (the priced lines of a budget).
    line_levels: tuple[tuple[str, str], ...] = ()
    default_level: str | None = None


@dataclass(frozen=True, slots=True)
class TableContract(AuditRules):
    """The one description of a clean table: its columns in order and the checks it promises."""

    form: str  # the known form's slug, INFERRED_FORM or NOT_DATA_FORM
    title: str
    status: TableStatus
    columns: tuple[Column, ...]
    method: str = ""  # how columns were decided: template, identity, header, inferred, raw
    period: int | None = None  # the quarter an evaluation reports on (E.81)
    header: tuple[str, ...] = field(default=(), compare=False)  # printed header per raw column

    def __iter__(self) -> Iterator[Column]:
        return iter(self.columns)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column | None:
        """The reading column that fills clean column ``name``."""
        return next((c for c in self.columns if name in c.outputs()), None)

    def money_columns(self) -> tuple[str, ...]:
        """Every Rupiah column (unit prices too), in order: each has a reviewed value."""
        return tuple(c.name for c in self.columns if c.ctype is CellType.RUPIAH)

    def amount_columns(self) -> tuple[str, ...]:
        """The money columns that add up the hierarchy, in order."""
        return tuple(c.name for c in self.columns if c.is_amount)

    def outputs(self) -> tuple[str, ...]:
        """Every clean column the reading columns fill, in order, each once."""
        return tuple(dict.fromkeys(name for c in self.columns for name in c.outputs()))

    def value_kinds(self) -> dict[str, str]:
        """How each clean column's values are typed when read back: ``exact`` (whole numbers,
        or Decimal with cents), ``float``, ``int``, ``lines`` (a list of whole numbers) or
        ``text``.

        >>> contract = TableContract("x", "", TableStatus.INFERRED,
        ...     (Column("pagu", CellType.RUPIAH), Column("target", CellType.TARGET)))
        >>> contract.value_kinds()["pagu"], contract.value_kinds()["target_satuan"]
        ('exact', 'text')
        """
        kinds = row_value_kinds()
        kinds["skor_kode"] = "float"
        for column in self.columns:
            for name in column.outputs():
                kinds.setdefault(name, "text")
            if column.ctype in (CellType.RUPIAH, CellType.NUMBER):
                kinds[column.name] = "exact"
            if column.ctype is CellType.RUPIAH:
                kinds[reviewed_name(column.name)] = "exact"
            elif column.ctype is CellType.MIXED:
                kinds["nilai"] = "exact"
            if column.stray_amounts:
                kinds[f"{column.name}_nilai"] = "exact"
            elif column.ctype in (CellType.PERCENT, CellType.TARGET):
                kinds[column.name] = "float"
        return kinds

    @property
    def audited(self) -> bool:
        """Whether the audit has anything to check here: a data table."""
        return self.status is not TableStatus.NOT_DATA

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "bentuk": self.form,
            "judul": self.title,
            "status": self.status.value,
            "cara": self.method,
            "kolom": [c.to_dict() for c in self.columns],
        }
        if self.row_checks:
            out["hitungan_baris"] = [
                {"total": c.total, "tambah": list(c.plus), "kurang": list(c.minus),
                 "rumus": c.formula, **({"dari_isi": True} if c.from_values else {})}
                for c in self.row_checks
            ]  # fmt: skip
        if self.ratio_checks:
            out["hitungan_persen"] = [
                {"persen": c.percent, "pembilang": c.numerator, "penyebut": c.denominator,
                 "toleransi": c.tolerance, "rumus": c.formula}
                for c in self.ratio_checks
            ]  # fmt: skip
        if self.price_checks:
            out["hitungan_harga"] = [
                {"jumlah": c.amount, "volume": c.quantity, "harga": c.price, "pajak": c.tax,
                 "rumus": c.formula}
                for c in self.price_checks
            ]  # fmt: skip
        for key, value, default in (
            ("kode_unik", self.unique_kode, False),
            ("berkode", self.coded, True),
            ("triwulan", self.period, None),
        ):
            if value != default:
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TableContract:
        return cls(
            form=str(data.get("bentuk", INFERRED_FORM)),
            title=str(data.get("judul", "")),
            status=TableStatus(data.get("status", TableStatus.INFERRED.value)),
            columns=tuple(Column.from_dict(c) for c in data.get("kolom", [])),
            method=str(data.get("cara", "")),
            row_checks=tuple(
                RowCheck(c["total"], tuple(c["tambah"]), tuple(c["kurang"]), c.get("rumus", ""),
                         bool(c.get("dari_isi", False)))
                for c in data.get("hitungan_baris", [])
            ),
            ratio_checks=tuple(
                RatioCheck(
                    c["persen"],
                    c["pembilang"],
                    c["penyebut"],
                    c.get("toleransi", 0.5),
                    c.get("rumus", ""),
                )
                for c in data.get("hitungan_persen", [])
            ),
            price_checks=tuple(
                PriceCheck(c["jumlah"], c["volume"], c["harga"], c.get("pajak"), c.get("rumus", ""))
                for c in data.get("hitungan_harga", [])
            ),
            unique_kode=bool(data.get("kode_unik", False)),
            coded=bool(data.get("berkode", True)),
            period=data.get("triwulan"),
        )


__all__ = [
    "INFERRED_FORM",
    "LIST_COLUMNS",
    "NOT_DATA_FORM",
    "NUMERIC_TYPES",
    "REVIEWED_SUFFIX",
    "ROW_COLUMNS",
    "SPARSE_COLUMNS",
    "SPARSE_SUFFIXES",
    "STATUS_PREFIX",
    "CellType",
    "Column",
    "PriceCheck",
    "RatioCheck",
    "RowCheck",
    "TableContract",
    "TableStatus",
    "is_sparse",
    "kode_columns",
    "kode_prefix",
    "reviewed_name",
    "row_value_kinds",
    "status_name",
]
