"""Comparisons across documents, by nomenclature code: what researchers ask of a corpus.

``compare(corpus, out)`` writes, from ``OUT/corpus/``:

- ``porsi_program.csv``: each program's pagu and its share of the SKPD's total, per document
  (the sum of its sub kegiatan in the document's main table);
- ``pagu_sub_kegiatan.csv``: pagu per sub kegiatan (rows) across documents (columns);
- ``perubahan.csv``: murni against perubahan (``pagu_sebelum``/``pagu_sesudah``,
  ``pagu_murni``/``pagu_perubahan``) for every coded row that prints both;
- ``antar_tahun.csv``: the same pemda and SKPD from one year to the next, by code. Codes are
  compared in their 2027 form (``kode_baku``): a sub kegiatan renumbered in the 2027 list is
  matched with its previous code;
- PNG charts of the first three and ``compare.html``, one page with the charts and the tables.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from markupsafe import Markup

from renja.model.errors import RenjaError
from renja.model.kode import Kode
from renja.model.publish import check_replaceable, publish_folder
from renja.model.version import __version__
from renja.present.charts import FALL, NARROW_SUFFIX, OTHER, RISE, Bar, Chart, Group, draw
from renja.present.corpus import query
from renja.present.numbers import UNIT_NOTE, compact, decimal, grouped, signed
from renja.present.outputs import spreadsheet_safe

if TYPE_CHECKING:
    from renja.normalize.nomenclature import Nomenclature

COMPARE = "compare"  # the comparisons' folder in the corpus: OUT/corpus/compare/
PAIRS = (("pagu_sebelum", "pagu_sesudah"), ("pagu_murni", "pagu_perubahan"))
CHANGE_KEYS = ("doc_id", "pemda", "skpd", "tahun", "table_id", "baris", "kode", "level", "uraian")
# Bars a chart shows at most (the largest), and programs per document in the shares chart.
CHART_ROWS = 15


def rupiah(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Amount columns as whole Rupiah (nullable integers), whatever arithmetic made them floats.

    >>> rupiah(pd.DataFrame({"pagu": [1.0, None]}), ["pagu"])["pagu"].tolist()
    [1, <NA>]
    """
    for column in columns:
        frame[column] = pd.to_numeric(frame[column]).round().astype("Int64")
    return frame


def program_of(kode: str) -> str | None:
    """The program a sub kegiatan belongs to: its first three segments.

    >>> program_of("5.03.01.2.01.0001"), program_of("5.03")
    ('5.03.01', None)
    """
    code = Kode.from_cell(kode)
    program = code.at("program") if code else None
    return program.text if program else None


def standard_codes(frame: pd.DataFrame, reference: Nomenclature | None) -> pd.Series:
    """Each row's code in its 2027 form: a renumbered sub kegiatan becomes its new code."""
    if reference is None:
        return frame["kode"]

    def renumbered(kode: Any, jenis: str | None) -> str | None:
        if not isinstance(kode, str) or not kode:
            return None
        entry = reference.renumbered_from(kode, jenis)
        return entry.code if entry is not None else kode

    return pd.Series(
        [renumbered(k, j) for k, j in zip(frame["kode"], frame["jenis_pemda"], strict=True)],
        index=frame.index,
        dtype="string",
    )


def program_shares(subs: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    frame = subs.dropna(subset=["kode", "pagu"]).copy()
    frame["program"] = frame["kode"].map(program_of)
    keys = ["doc_id", "pemda", "skpd", "tahun", "program"]
    grouped = frame.groupby(keys, dropna=False, sort=True)["pagu"].sum().reset_index()
    totals = grouped.groupby("doc_id")["pagu"].transform("sum")
    grouped["total_skpd"] = totals
    grouped["persen"] = (grouped["pagu"] * 100 / totals).round(2)
    grouped = grouped.merge(names, how="left", on=["doc_id", "program"])
    return rupiah(grouped[[*keys, "nama_program", "pagu", "total_skpd", "persen"]],
                  ["pagu", "total_skpd"])  # fmt: skip


def pagu_across(subs: pd.DataFrame) -> pd.DataFrame:
    frame = subs.dropna(subset=["kode_baku"])
    wide = frame.pivot_table(index="kode_baku", columns="doc_id", values="pagu", aggfunc="sum")
    first = frame.groupby("kode_baku")["uraian"].first()
    documents = list(wide.columns)
    wide.insert(0, "uraian", first)
    return rupiah(wide.reset_index().rename_axis(columns=None), documents)


def changes(rows: pd.DataFrame) -> pd.DataFrame:
    out = []
    for before, after in PAIRS:
        part = rows[rows["ukuran"].isin([before, after]) & rows["kode"].notna()]
        if part.empty:
            continue
        keys = list(CHANGE_KEYS)
        grouped = part.groupby([*keys, "ukuran"], dropna=False, sort=True)["nilai"].first()
        wide = grouped.unstack("ukuran")
        if before not in wide or after not in wide:
            continue
        wide = wide.dropna(subset=[before, after]).reset_index()
        wide = wide.rename(columns={before: "sebelum", after: "sesudah"})
        wide["selisih"] = wide["sesudah"] - wide["sebelum"]
        wide["persen"] = (
            wide["selisih"] * 100 / wide["sebelum"].where(wide["sebelum"] != 0)
        ).round(2)
        columns = [*keys, "sebelum", "sesudah", "selisih", "persen"]
        out.append(rupiah(wide[columns].copy(), ["sebelum", "sesudah", "selisih"]))
    if not out:
        return pd.DataFrame(columns=[*CHANGE_KEYS, "sebelum", "sesudah", "selisih", "persen"])
    return pd.concat(out).sort_values(["doc_id", "table_id", "baris"]).reset_index(drop=True)


def year_on_year(subs: pd.DataFrame) -> pd.DataFrame:
    frame = subs.dropna(subset=["kode_baku", "tahun", "pagu", "pemda", "skpd"])
    keys = ["pemda", "skpd", "kode_baku"]
    per_year = (
        frame.groupby([*keys, "tahun"], sort=True)
        .agg(pagu=("pagu", "sum"), kode=("kode", "first"), uraian=("uraian", "first"))
        .reset_index()
    )
    out = []
    for _, group in per_year.groupby(keys, sort=True):
        rows = group.sort_values("tahun").to_dict("records")
        for a, b in itertools.pairwise(rows):
            change = b["pagu"] - a["pagu"]
            out.append(
                {
                    "pemda": a["pemda"],
                    "skpd": a["skpd"],
                    "kode_baku": a["kode_baku"],
                    "uraian": b["uraian"],
                    "tahun_awal": a["tahun"],
                    "kode_awal": a["kode"],
                    "pagu_awal": a["pagu"],
                    "tahun_akhir": b["tahun"],
                    "kode_akhir": b["kode"],
                    "pagu_akhir": b["pagu"],
                    "selisih": change,
                    "persen": round(change * 100 / a["pagu"], 2) if a["pagu"] else None,
                }
            )
    frame = pd.DataFrame(out, columns=[
        "pemda", "skpd", "kode_baku", "uraian", "tahun_awal", "kode_awal", "pagu_awal",
        "tahun_akhir", "kode_akhir", "pagu_akhir", "selisih", "persen",
    ])  # fmt: skip
    return rupiah(frame, ["pagu_awal", "pagu_akhir", "selisih"])


@dataclass(frozen=True, slots=True)
class Comparison:
    folder: Path
    tables: dict[str, int]
    charts: list[str]  # each chart's name (its wide PNG, <name>.png, and <name>-sempit.png)

    def line(self) -> str:
        counts = ", ".join(f"{name} {n} baris" for name, n in self.tables.items())
        return f"compare: {counts}; {len(self.charts)} grafik -> {self.folder / PAGE}"


def compare(
    corpus: Path, out: Path, reference: Nomenclature | None = None, safe_csv: bool = False
) -> Comparison:
    """Write the comparison tables, charts and page of a corpus into ``out`` (replaced whole;
    an existing ``out`` must be empty or renja's: ``renja.model.publish``). With ``safe_csv``
    (``--csv-aman``) text cells a spreadsheet program would run as formulas get a ``'``."""
    check_replaceable(out)  # before any work: a folder of someone's files is refused at once
    subs = query(corpus, "SELECT * FROM sub_kegiatan")
    rows = query(corpus, "SELECT * FROM baris WHERE ukuran IS NOT NULL")
    names = query(
        corpus,
        "SELECT doc_id, kode AS program, first(uraian ORDER BY baris) AS nama_program "
        "FROM baris WHERE level = 'program' GROUP BY ALL",
    )
    documents = query(corpus, f"SELECT doc_id, {', '.join(LABEL_FIELDS)} FROM dokumen")
    if subs.empty and rows.empty:
        raise RenjaError(f"{corpus}: the corpus holds no coded rows with pagu to compare")
    subs["kode_baku"] = standard_codes(subs, reference)
    tables = {
        "porsi_program": program_shares(subs, names),
        "pagu_sub_kegiatan": pagu_across(subs),
        "perubahan": changes(rows),
        "antar_tahun": year_on_year(subs),
    }
    labels = document_labels(documents)
    charts = comparison_charts(tables, labels, reference)
    with publish_folder(out) as scratch:
        for name, frame in tables.items():
            (safe_text(frame) if safe_csv else frame).to_csv(scratch / f"{name}.csv", index=False)
        for chart in charts:
            draw(chart, scratch)
        (scratch / PAGE).write_text(page(tables, charts, documents, labels), encoding="utf-8")
    return Comparison(out, {k: len(v) for k, v in tables.items()}, [c.name for c in charts])


def safe_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with its text cells as ``--csv-aman`` writes them
    (``spreadsheet_safe``); numbers stay numbers.

    >>> safe_text(pd.DataFrame({"uraian": ["=1+1", "Belanja"], "pagu": [-5, 7]})).values.tolist()
    [["'=1+1", -5], ['Belanja', 7]]
    """
    out = frame.copy()
    for name in out.columns:
        if out[name].dtype == object or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(lambda v: spreadsheet_safe(v) if isinstance(v, str) else v)
    return out


# --- what people read: documents by name, levels, charts ------------------------------------

PAGE = "compare.html"
LABEL_FIELDS = ("pemda", "skpd", "tahun", "jenis")
LEVELS = ("program", "kegiatan", "sub_kegiatan")
LEVEL_NAMES = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
# Documents the program-shares chart shows at most (by name), and programs per document (the
# largest; the rest are one bar): a chart longer than that is read in the table instead.
CHART_DOCUMENTS = 12
SEPARATOR = " · "
NBSP = "\u00a0"  # a chart's line is never broken here (``renja.present.charts.wrap``)
AMOUNT_AXIS = f"Rp ({UNIT_NOTE})"


def text(value: Any) -> str:
    """A cell as text; empty for a missing one (never ``<NA>`` or ``nan``).

    >>> text(pd.NA), text(None), text(float("nan")), text(" Dinas "), text(2024)
    ('', '', '', 'Dinas', '2024')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def short_skpd(skpd: str, pemda: str) -> str:
    """The SKPD's name without the pemda it ends with (the label names the pemda already).

    >>> short_skpd("Dinas Kesehatan Kota Banjarbaru", "Kota Banjarbaru")
    'Dinas Kesehatan'
    >>> short_skpd("DINAS PERDAGANGAN", "Kota Bogor"), short_skpd("", "Kota Bogor")
    ('DINAS PERDAGANGAN', '')
    """
    if pemda and skpd.lower().endswith(" " + pemda.lower()):
        return skpd[: -len(pemda)].rstrip(" ,")
    return skpd


def document_label(row: dict[str, Any]) -> str:
    """A document as people name it: pemda, SKPD and type with year.

    >>> document_label({"doc_id": "x", "pemda": "Kota Banjarbaru", "skpd": "Dinas Kesehatan "
    ...     "Kota Banjarbaru", "tahun": 2025, "jenis": "Renja Perubahan"})
    'Kota Banjarbaru · Dinas Kesehatan · Renja Perubahan 2025'
    >>> document_label({"doc_id": "rkpd-x", "pemda": None, "skpd": None, "tahun": None,
    ...     "jenis": None})
    'rkpd-x'
    """
    pemda = text(row.get("pemda"))
    when = " ".join(part for part in (text(row.get("jenis")), text(row.get("tahun"))) if part)
    parts = [pemda, short_skpd(text(row.get("skpd")), pemda), when]
    return SEPARATOR.join(part for part in parts if part) or str(row["doc_id"])


def document_labels(documents: pd.DataFrame) -> dict[str, str]:
    """Each document's label (``document_label``); documents that would share one are told
    apart by their id."""
    labels = {str(row["doc_id"]): document_label(row) for row in documents.to_dict("records")}
    seen = Counter(labels.values())
    return {
        doc_id: f"{label} ({doc_id})" if seen[label] > 1 else label
        for doc_id, label in labels.items()
    }


def percent_text(value: Any) -> str:
    """A per cent with a sign, for a change, or empty.

    >>> percent_text(27.222), percent_text(-5.0), percent_text(pd.NA)
    ('+27,2%', '-5,0%', '')
    """
    if text(value) == "":
        return ""
    return signed(decimal(float(value), 1), float(value)) + "%"


def comparison_charts(
    tables: dict[str, pd.DataFrame], labels: dict[str, str], reference: Nomenclature | None
) -> list[Chart]:
    """The charts of the comparison: program shares, murni against perubahan per level, and
    year on year (sub kegiatan); each chart one level of codes."""
    charts = []
    shares = tables["porsi_program"]
    if not shares.empty:
        charts.append(share_chart(shares, labels, reference))
    change = tables["perubahan"]
    for level in LEVELS:
        part = change[change["level"] == level]
        if not part.empty:
            charts.append(change_chart(part, level, labels))
    years = tables["antar_tahun"]
    if not years.empty:
        charts.append(year_chart(years))
    return charts


def share_chart(
    shares: pd.DataFrame, labels: dict[str, str], reference: Nomenclature | None
) -> Chart:
    """Each document's programs, by their share of its pagu: one group per document."""
    groups = []
    documents = sorted(shares["doc_id"].unique(), key=lambda d: (labels.get(d, d), d))
    for doc_id in documents[:CHART_DOCUMENTS]:
        part = shares[shares["doc_id"] == doc_id].dropna(subset=["persen"])
        part = part.sort_values("persen", ascending=False, kind="stable")
        bars = [
            Bar(share_label(program_name(row, reference), row["persen"], row["pagu"]),
                float(row["persen"]))
            for row in part.head(CHART_ROWS).to_dict("records")
        ]  # fmt: skip
        rest = part.iloc[CHART_ROWS:]
        if not rest.empty:
            share = float(rest["persen"].sum())
            label = share_label(f"{len(rest)} program lainnya", share, rest["pagu"].sum())
            bars.append(Bar(label, share, OTHER))
        groups.append(Group(labels.get(doc_id, doc_id), tuple(bars)))
    title = "Porsi setiap program dalam total pagu SKPD, per dokumen"
    if len(documents) > CHART_DOCUMENTS:
        title += f" ({CHART_DOCUMENTS} dari {len(documents)} dokumen; semuanya di tabel)"
    return Chart("porsi_program", title, "Porsi dalam total pagu SKPD (%)", tuple(groups),
                 lambda v: f"{v:g}%", (0.0, 100.0))  # fmt: skip


def amount(value: Any) -> str:
    """A short amount held on one line of a chart (``compact``).

    >>> amount(9169505125).replace(NBSP, "_")
    '9,17_M'
    """
    return compact(float(value)).replace(" ", NBSP)


def share_label(what: str, persen: float, pagu: float) -> str:
    """A bar of the shares chart: what it is, its share and its pagu; its value on one line.

    >>> share_label("5.03.01 Program Penunjang", 50.24, 9169505125).replace(NBSP, "_")
    '5.03.01 Program Penunjang_— 50,2%_(Rp_9,17_M)'
    """
    share = f"{what}{NBSP}— {decimal(float(persen), 1)}%"
    return f"{share}{NBSP}(Rp{NBSP}{amount(pagu)})" if text(pagu) else share


def change_label(code: Any, name: Any, selisih: float, persen: Any) -> str:
    """A bar of a chart of changes: the code and name, the change and its per cent.

    >>> change_label("5.03.01.2.01.0001", "Penyusunan Dokumen", 8017000, 27.22).replace(NBSP, "_")
    '5.03.01.2.01.0001 Penyusunan Dokumen_— +8,02_jt_(+27,2%)'
    """
    change = signed(amount(selisih), float(selisih))
    percent = percent_text(persen)
    value = f"{change}{NBSP}({percent})" if percent else change
    return f"{text(code)} {text(name)}{NBSP}— {value}"


def change_bar(label: str, selisih: float) -> Bar:
    return Bar(label, float(selisih), RISE if selisih >= 0 else FALL)


def program_name(row: dict[str, Any], reference: Nomenclature | None) -> str:
    """A program's code and name: as the document prints it, else as the nomenclature has it."""
    code = text(row.get("program"))
    if not code:
        return "(tanpa kode program)"
    name = text(row.get("nama_program"))
    if not name and reference is not None:
        entry = reference.get(code)
        name = entry.name if entry is not None else ""
    return f"{code} {name}".strip()


def change_chart(change: pd.DataFrame, level: str, labels: dict[str, str]) -> Chart:
    """The largest changes from murni to perubahan among the rows of one level."""
    top = _largest_changes(change).drop_duplicates(["doc_id", "kode"]).head(CHART_ROWS)
    several = change["doc_id"].nunique() > 1
    bars = []
    for row in top.to_dict("records"):
        label = change_label(row["kode"], row["uraian"], row["selisih"], row["persen"])
        if several:
            label += "\n" + labels.get(row["doc_id"], row["doc_id"])
        bars.append(change_bar(label, row["selisih"]))
    name = LEVEL_NAMES[level]
    return Chart(
        f"perubahan_{level}",
        f"Perubahan terbesar dari pagu murni ke pagu perubahan: {name}"
        + (f" ({CHART_ROWS} terbesar dari {len(change)})" if len(change) > CHART_ROWS else ""),
        f"Selisih pagu, perubahan − murni; {AMOUNT_AXIS}",
        (Group("", tuple(bars)),),
        compact,
    )


def year_chart(years: pd.DataFrame) -> Chart:
    """The largest changes of a sub kegiatan's pagu from one year to the next."""
    top = _largest_changes(years).head(CHART_ROWS)
    bars = []
    for row in top.to_dict("records"):
        pemda = text(row["pemda"])
        span = f"{row['tahun_awal']} → {row['tahun_akhir']}"
        where = SEPARATOR.join(p for p in (pemda, short_skpd(text(row["skpd"]), pemda), span) if p)
        label = change_label(row["kode_baku"], row["uraian"], row["selisih"], row["persen"])
        bars.append(change_bar(f"{label}\n{where}", row["selisih"]))
    return Chart(
        "antar_tahun",
        "Perubahan pagu sub kegiatan terbesar antartahun (kode 2027)"
        + (f" ({CHART_ROWS} terbesar dari {len(years)})" if len(years) > CHART_ROWS else ""),
        f"Selisih pagu, tahun akhir − tahun awal; {AMOUNT_AXIS}",
        (Group("", tuple(bars)),),
        compact,
    )


def _largest_changes(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows by the size of their change (``selisih``), largest first."""
    return frame.reindex(frame["selisih"].abs().sort_values(ascending=False, kind="stable").index)


# --- the page -------------------------------------------------------------------------------

# Rows of each table the page shows (the CSV has them all).
PAGE_ROWS = 50
# Below this window width the page shows the narrow drawing of each chart.
NARROW_BELOW = 640


@dataclass(frozen=True, slots=True)
class Shown:
    """A column of a table as the page shows it: its header and how its cells read."""

    name: str
    header: str
    kind: str  # teks, kode, dokumen, tingkat, rupiah, persen, angka (a year)


SECTIONS: dict[str, tuple[str, str, str]] = {  # title, what it holds, what an empty one means
    "porsi_program": (
        "Porsi program dalam pagu SKPD",
        "Pagu setiap program (jumlah pagu sub kegiatannya di tabel utama dokumen) dan porsinya "
        "dalam total pagu SKPD, per dokumen.",
        "Tidak ada sub kegiatan berkode dengan pagu.",
    ),
    "pagu_sub_kegiatan": (
        "Pagu sub kegiatan antardokumen",
        "Pagu setiap sub kegiatan (baris) di setiap dokumen (kolom), menurut kode 2027.",
        "Tidak ada sub kegiatan berkode dengan pagu.",
    ),
    "perubahan": (
        "Pagu murni dan pagu perubahan",
        "Setiap baris berkode yang mencantumkan pagu sebelum dan sesudah perubahan (pagu murni "
        "dan pagu perubahan), dengan selisihnya dalam rupiah dan persen. Grafiknya satu per "
        "tingkat: program, kegiatan, sub kegiatan.",
        "Tidak ada dokumen yang mencantumkan pagu sebelum dan sesudah perubahan.",
    ),
    "antar_tahun": (
        "Pagu antartahun menurut kode",
        "Pemda dan SKPD yang sama dari satu tahun ke tahun berikutnya, menurut kode 2027 "
        "(kode_baku): sub kegiatan yang diberi nomor baru pada daftar 2027 dipasangkan dengan "
        "kode lamanya (kode_awal dan kode_akhir).",
        "Korpus tidak memuat pemda dan SKPD yang sama pada dua tahun.",
    ),
}
COLUMNS: dict[str, tuple[Shown, ...]] = {
    "porsi_program": (
        Shown("doc_id", "Dokumen", "dokumen"),
        Shown("program", "Kode program", "kode"),
        Shown("nama_program", "Nama program", "teks"),
        Shown("pagu", "Pagu (Rp)", "rupiah"),
        Shown("total_skpd", "Total pagu SKPD (Rp)", "rupiah"),
        Shown("persen", "Porsi (%)", "persen"),
    ),
    "perubahan": (
        Shown("doc_id", "Dokumen", "dokumen"),
        Shown("level", "Tingkat", "tingkat"),
        Shown("kode", "Kode", "kode"),
        Shown("uraian", "Uraian", "teks"),
        Shown("sebelum", "Pagu murni (Rp)", "rupiah"),
        Shown("sesudah", "Pagu perubahan (Rp)", "rupiah"),
        Shown("selisih", "Selisih (Rp)", "rupiah"),
        Shown("persen", "Perubahan (%)", "persen"),
    ),
    "antar_tahun": (
        Shown("pemda", "Pemda", "teks"),
        Shown("skpd", "SKPD", "teks"),
        Shown("kode_baku", "Kode 2027", "kode"),
        Shown("uraian", "Sub kegiatan", "teks"),
        Shown("tahun_awal", "Tahun awal", "angka"),
        Shown("kode_awal", "Kode awal", "kode"),
        Shown("pagu_awal", "Pagu awal (Rp)", "rupiah"),
        Shown("tahun_akhir", "Tahun akhir", "angka"),
        Shown("kode_akhir", "Kode akhir", "kode"),
        Shown("pagu_akhir", "Pagu akhir (Rp)", "rupiah"),
        Shown("selisih", "Selisih (Rp)", "rupiah"),
        Shown("persen", "Perubahan (%)", "persen"),
    ),
}


def columns_of(name: str, frame: pd.DataFrame, labels: dict[str, str]) -> tuple[Shown, ...]:
    """The columns the page shows of a table: ``COLUMNS``, or for the table across documents,
    the code, the name and one column per document, headed by its label."""
    if name in COLUMNS:
        return COLUMNS[name]
    documents = [c for c in frame.columns if c not in ("kode_baku", "uraian")]
    return (
        Shown("kode_baku", "Kode 2027", "kode"),
        Shown("uraian", "Sub kegiatan", "teks"),
        *(Shown(d, labels.get(d, d) + " (Rp)", "rupiah") for d in documents),
    )


def cell(value: Any, kind: str, labels: dict[str, str]) -> str:
    """A cell as the page shows it: amounts grouped, per cents with a comma, documents and
    levels by name; a missing value empty.

    >>> labels = {"a": "Kota X · 2024"}
    >>> [cell(v, k, labels) for v, k in [(1234567, "rupiah"), (27.2222, "persen"),
    ...     ("a", "dokumen"), ("sub_kegiatan", "tingkat"), (2024, "angka"), (pd.NA, "rupiah")]]
    ['1.234.567', '27,22', 'Kota X · 2024', 'sub kegiatan', '2024', '']
    """
    shown = text(value)
    if not shown:
        return ""
    if kind == "rupiah":
        return grouped(float(value))
    if kind == "persen":
        return decimal(float(value))
    if kind == "dokumen":
        return labels.get(shown, shown)
    if kind == "tingkat":
        return LEVEL_NAMES.get(shown, shown)
    return shown


def section(
    name: str, frame: pd.DataFrame, charts: list[Chart], labels: dict[str, str]
) -> dict[str, Any]:
    """One table on the page: its title, what it holds, its charts and its first rows."""
    title, intro, empty = SECTIONS[name]
    shown = columns_of(name, frame, labels)
    rows = [
        [(cell(record.get(c.name), c.kind, labels), c.kind) for c in shown]
        for record in frame.head(PAGE_ROWS).to_dict("records")
    ]
    count = (f"{grouped(len(frame))} baris" if len(frame) <= PAGE_ROWS
             else f"{PAGE_ROWS} baris pertama dari {grouped(len(frame))}")  # fmt: skip
    mine = [c for c in charts if c.name == name or c.name.startswith(f"{name}_")]
    return {
        "name": name,
        "title": title,
        "intro": intro,
        "empty": empty,
        "columns": shown,
        "rows": rows,
        "count": count,
        "csv": f"{name}.csv",
        "charts": [
            {"title": c.title, "wide": f"{c.name}.png", "narrow": f"{c.name}{NARROW_SUFFIX}.png"}
            for c in mine
        ],
    }


def page(
    tables: dict[str, pd.DataFrame],
    charts: list[Chart],
    documents: pd.DataFrame,
    labels: dict[str, str],
) -> str:
    """One page in Bahasa Indonesia: the documents, then each table with its charts (the
    narrow drawing on a phone) and its first rows, numbers written the Indonesian way."""
    from renja.present.report import asset, environment

    listed = sorted(documents.to_dict("records"), key=lambda d: (labels[d["doc_id"]], d["doc_id"]))
    view = {
        "title": "Perbandingan dokumen",
        "intro": f"{len(listed)} dokumen dibandingkan menurut kode nomenklatur Permendagri 90. "
        "Angka dalam rupiah; semua baris ada di berkas CSV di folder ini.",
        "css": Markup(asset("compare.css")),  # the package's own file, not document text
        "narrow_below": NARROW_BELOW,
        "documents": [
            {"label": labels[d["doc_id"]], "doc_id": d["doc_id"]}
            | {name: text(d[name]) for name in ("jenis", "tahun")}
            for d in listed
        ],
        "sections": [section(name, frame, charts, labels) for name, frame in tables.items()],
        "footer": f"Dibuat oleh renja {__version__} (renja compare).",
    }
    return environment().get_template(TEMPLATE).render(page=view)


TEMPLATE = "compare.html.j2"

__all__ = ["COMPARE", "Comparison", "compare", "document_labels", "program_of", "standard_codes"]
