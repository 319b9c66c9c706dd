"""Comparisons across documents, by nomenclature code: what researchers ask of a corpus.

``compare(corpus, out)`` writes, from ``OUT/corpus/``:

- ``porsi_program.csv``: each program's pagu and its share of the SKPD's total, per document
  (the sum of its sub kegiatan in the document's main table);
- ``pagu_sub_kegiatan.csv``: pagu per sub kegiatan (rows) across documents (columns);
- ``perubahan.csv``: murni against perubahan (``pagu_sebelum``/``pagu_sesudah``,
  ``pagu_murni``/``pagu_perubahan``) for every coded row that prints both;
- ``antar_tahun.csv``: the same pemda and SKPD from one year to the next, by code. Documents are
  matched on the SKPD's canonical name and the pemda's code, not on the printed text; codes are
  compared in their 2027 form (``kode_baku``): a sub kegiatan renumbered in the 2027 list is
  matched with its previous code (``renja.present.compare_years``);
- ``antar_tahun_tak_cocok.csv``: what year on year could not match, each with its reason
  (``alasan``);
- PNG charts of the first three and ``compare.html``, one page with the charts and the tables.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from renja.model.errors import RenjaError
from renja.model.kode import Kode
from renja.model.publish import check_replaceable, publish_folder
from renja.present.compare_years import year_on_year
from renja.present.corpus import query
from renja.present.outputs import spreadsheet_safe

if TYPE_CHECKING:
    from renja.normalize.nomenclature import Nomenclature

PAIRS = (("pagu_sebelum", "pagu_sesudah"), ("pagu_murni", "pagu_perubahan"))
CHANGE_KEYS = ("doc_id", "pemda", "skpd", "tahun", "table_id", "baris", "kode", "level", "uraian")
# Bars a chart shows at most (the largest).
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


@dataclass(frozen=True, slots=True)
class Comparison:
    folder: Path
    tables: dict[str, int]
    charts: list[str]

    def line(self) -> str:
        counts = ", ".join(f"{name} {n} rows" for name, n in self.tables.items())
        return f"compare: {counts}; {len(self.charts)} charts -> {self.folder / 'compare.html'}"


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
    if subs.empty and rows.empty:
        raise RenjaError(f"{corpus}: the corpus holds no coded rows with pagu to compare")
    subs["kode_baku"] = standard_codes(subs, reference)
    years, unmatched = year_on_year(subs)
    tables = {
        "porsi_program": program_shares(subs, names),
        "pagu_sub_kegiatan": pagu_across(subs),
        "perubahan": changes(rows),
        "antar_tahun": years,
        "antar_tahun_tak_cocok": unmatched,
    }
    with publish_folder(out) as scratch:
        for name, frame in tables.items():
            (safe_text(frame) if safe_csv else frame).to_csv(scratch / f"{name}.csv", index=False)
        charts = draw_charts(tables, scratch)
        (scratch / "compare.html").write_text(page(tables, charts), encoding="utf-8")
    return Comparison(out, {k: len(v) for k, v in tables.items()}, charts)


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


def draw_charts(tables: dict[str, pd.DataFrame], folder: Path) -> list[str]:
    """PNG charts where a person would rather look than read."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    charts: list[str] = []
    shares = tables["porsi_program"]
    if not shares.empty:
        wide = shares.pivot_table(index="doc_id", columns="program", values="persen", aggfunc="sum")
        figure, axes = plt.subplots(figsize=(10, 1.2 + 0.5 * len(wide)))
        wide.fillna(0).plot.barh(stacked=True, ax=axes, legend=len(wide.columns) <= 20)
        axes.set_xlabel("% of the SKPD's pagu")
        axes.set_ylabel("")
        axes.set_title("Program shares of each document's pagu")
        _save(figure, folder / "porsi_program.png", charts)
    change = tables["perubahan"]
    if not change.empty:
        top = _largest_changes(change).drop_duplicates(["doc_id", "kode"])
        top = top.head(CHART_ROWS).iloc[::-1]
        labels = [f"{d} {k}" for d, k in zip(top["doc_id"], top["kode"], strict=True)]
        colors = ["#b2182b" if v < 0 else "#2166ac" for v in top["selisih"]]
        figure, axes = _change_bars(top, labels, colors)
        axes.set_xlabel("perubahan − murni (Rp)")
        axes.set_title("Largest changes from murni to perubahan")
        _save(figure, folder / "perubahan.png", charts)
    years = tables["antar_tahun"]
    if not years.empty:
        top = _largest_changes(years).head(CHART_ROWS).iloc[::-1]
        spans = zip(top["kode_baku"], top["tahun_awal"], top["tahun_akhir"], strict=True)
        labels = [f"{k} {a}→{b}" for k, a, b in spans]
        figure, axes = _change_bars(top, labels, "#4d9221")
        axes.set_xlabel("pagu, later year − earlier year (Rp)")
        axes.set_title("Largest changes between years, by code")
        _save(figure, folder / "antar_tahun.png", charts)
    return charts


def _largest_changes(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows by the size of their change (``selisih``), largest first."""
    return frame.reindex(frame["selisih"].abs().sort_values(ascending=False).index)


def _change_bars(top: pd.DataFrame, labels: list[str], color: str | list[str]) -> tuple[Any, Any]:
    """A new chart of one horizontal bar per row of ``top``, its change (``selisih``):
    (figure, axes), the axes to be labelled."""
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(10, 1.2 + 0.4 * len(top)))
    axes.barh(labels, top["selisih"], color=color)
    return figure, axes


def _save(figure: Any, path: Path, charts: list[str]) -> None:
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    for axes in figure.axes:
        if "Rp" in axes.get_xlabel():  # amounts in millions of Rupiah (juta), not 1e9 notation
            axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x / 1e6:,.0f} jt"))
    figure.tight_layout()
    figure.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(figure)
    charts.append(path.name)


TITLES = {
    "porsi_program": "Program shares of each SKPD's pagu",
    "pagu_sub_kegiatan": "Pagu per sub kegiatan across documents",
    "perubahan": "Murni against perubahan",
    "antar_tahun": "Year on year, by code (2027 codes)",
    "antar_tahun_tak_cocok": "Antartahun: yang tidak dapat dicocokkan, dan alasannya",
}


def page(tables: dict[str, pd.DataFrame], charts: list[str]) -> str:
    """One self-contained HTML page: the charts (beside it) and the first rows of each table."""
    parts = [
        "<!doctype html><html lang='id'><head><meta charset='utf-8'>",
        "<title>renja compare</title><style>body{font:14px system-ui,sans-serif;margin:2em}"
        "table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;"
        "padding:2px 6px}td{text-align:right}img{max-width:100%}</style></head><body>",
        "<h1>renja compare</h1>",
    ]
    for name, frame in tables.items():
        parts.append(f"<h2>{html.escape(TITLES[name])}</h2>")
        if f"{name}.png" in charts:
            parts.append(f"<img src='{name}.png' alt='{html.escape(TITLES[name])}'>")
        parts.append(
            f"<p>{len(frame)} rows; all of them in <a href='{name}.csv'>{name}.csv</a>.</p>"
        )
        parts.append(frame.head(50).to_html(index=False, na_rep="", border=0))
    parts.append("</body></html>")
    return "\n".join(parts)


__all__ = ["Comparison", "compare", "program_of", "standard_codes"]
