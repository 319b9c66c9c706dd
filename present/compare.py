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
- charts (``compare_charts``, drawn by ``charts`` for a wide screen and for a phone): program
  shares per document, murni against perubahan one per level of codes, and year on year;
- ``compare.html`` (``compare_page``), one page in Bahasa Indonesia with the charts and the
  first rows of each table: documents by pemda, SKPD and year, programs by code and name,
  numbers grouped the Indonesian way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from renja.model.errors import RenjaError
from renja.model.i18n import _, group_digits, ngettext
from renja.model.kode import Kode
from renja.model.publish import check_replaceable, publish_folder
from renja.present.charts import draw
from renja.present.compare_charts import LABEL_FIELDS, comparison_charts, document_labels
from renja.present.compare_page import PAGE, page
from renja.present.compare_years import year_on_year
from renja.present.corpus import query
from renja.present.outputs import spreadsheet_safe

if TYPE_CHECKING:
    from renja.normalize.nomenclature import Nomenclature

COMPARE = "compare"  # the comparisons' folder in the corpus: OUT/corpus/compare/
PAIRS = (("pagu_sebelum", "pagu_sesudah"), ("pagu_murni", "pagu_perubahan"))
CHANGE_KEYS = ("doc_id", "pemda", "skpd", "tahun", "table_id", "baris", "kode", "level", "uraian")


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
    charts: list[str]  # each chart's name (its wide PNG, <name>.png, and <name>-sempit.png)

    def line(self) -> str:
        counts = ", ".join(
            ngettext("{name} {n} row", "{name} {n} rows", n).format(name=name, n=group_digits(n))
            for name, n in self.tables.items()
        )
        charts = ngettext("{n} chart", "{n} charts", len(self.charts)).format(n=len(self.charts))
        return _("compare: {counts}; {charts} -> {page}").format(
            counts=counts, charts=charts, page=self.folder / PAGE
        )


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
    printed = query(  # a table as people know it: the number it prints, else its name
        corpus, "SELECT doc_id, table_id, coalesce(nomor_tabel, nama_tabel) AS tabel FROM tabel"
    )
    if subs.empty and rows.empty:
        raise RenjaError(
            _("{corpus}: the corpus holds no coded rows with pagu to compare").format(corpus=corpus)
        )
    subs["kode_baku"] = standard_codes(subs, reference)
    years, unmatched = year_on_year(subs)
    tables = {
        "porsi_program": program_shares(subs, names),
        "pagu_sub_kegiatan": pagu_across(subs),
        "perubahan": changes(rows),
        "antar_tahun": years,
        "antar_tahun_tak_cocok": unmatched,
    }
    labels = document_labels(documents)
    charts = comparison_charts(tables, labels, reference)
    with publish_folder(out) as scratch:
        for name, frame in tables.items():
            (safe_text(frame) if safe_csv else frame).to_csv(scratch / f"{name}.csv", index=False)
        for chart in charts:
            draw(chart, scratch)
        shown = {**tables, "perubahan": with_table_names(tables["perubahan"], printed)}
        (scratch / PAGE).write_text(page(shown, charts, documents, labels), encoding="utf-8")
    return Comparison(out, {k: len(v) for k, v in tables.items()}, [c.name for c in charts])


def with_table_names(frame: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the printed name of the table each row is from (``tabel``): a code can
    be in two tables of a document, and their amounts may differ.

    >>> rows = pd.DataFrame({"doc_id": ["a"], "table_id": ["t06_reviu_rkpd"], "kode": ["5.03"]})
    >>> names = pd.DataFrame({"doc_id": ["a"], "table_id": ["t06_reviu_rkpd"],
    ...                       "tabel": ["Tabel 2.4"]})
    >>> with_table_names(rows, names)["tabel"].tolist()
    ['Tabel 2.4']
    """
    return frame.merge(printed, how="left", on=["doc_id", "table_id"])


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


__all__ = ["COMPARE", "Comparison", "compare", "program_of", "standard_codes"]
