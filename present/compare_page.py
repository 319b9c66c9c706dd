"""``compare.html``: the comparison on one page in Bahasa Indonesia, from a Jinja2 template
(``templates/compare.html.j2``): the documents, then each table with its charts (the narrow
drawing on a phone, ``<picture>``) and its first rows, numbers written the Indonesian way and a
missing value left empty."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from markupsafe import Markup

from renja.model.i18n import N_, _, language, ngettext
from renja.model.version import __version__
from renja.present.charts import NARROW_SUFFIX, Chart
from renja.present.compare_charts import LEVEL_NAMES, largest_changes, text
from renja.present.numbers import decimal, grouped

PAGE = "compare.html"
TEMPLATE = "compare.html.j2"
# Rows of each table the page shows (the CSV has them all): the first, or for the tables of
# changes the largest changes.
PAGE_ROWS = 25
BY_CHANGE = frozenset({"perubahan", "antar_tahun"})
# Below this window width the page shows the narrow drawing of each chart.
NARROW_BELOW = 640


@dataclass(frozen=True, slots=True)
class Shown:
    """A column of a table as the page shows it: its header and how its cells read."""

    name: str
    header: str
    kind: str  # teks, kode, dokumen, tingkat, rupiah, persen, angka (a year)


# Marked for the catalogue; ``section`` and ``columns_of`` translate them.
SECTIONS: dict[str, tuple[str, str, str]] = {  # title, what it holds, what an empty one means
    "porsi_program": (
        N_("The programs' share of the SKPD's pagu"),
        N_(
            "The pagu of each program (the sum of its sub kegiatan's pagu in the document's main "
            "table) and its share of the SKPD's total pagu, per document."
        ),
        N_("No coded sub kegiatan with a pagu."),
    ),
    "pagu_sub_kegiatan": (
        N_("The pagu of sub kegiatan across documents"),
        N_("The pagu of each sub kegiatan (row) in each document (column), by the 2027 code."),
        N_("No coded sub kegiatan with a pagu."),
    ),
    "perubahan": (
        N_("Pagu murni and pagu perubahan"),
        N_(
            "Each coded row that prints its pagu before and after the perubahan (pagu murni and "
            "pagu perubahan), with the difference in rupiah and per cent. One chart per level: "
            "program, kegiatan, sub kegiatan."
        ),
        N_("No document prints its pagu before and after the perubahan."),
    ),
    "antar_tahun": (
        N_("Pagu across years by code"),
        N_(
            "The same pemda and SKPD from one year to the next, by the 2027 code (kode_baku): a "
            "sub kegiatan the 2027 list renumbered is paired with its old code (kode_awal and "
            "kode_akhir)."
        ),
        N_("The corpus holds no pemda and SKPD in two years."),
    ),
    "antar_tahun_tak_cocok": (
        N_("Across years: what could not be matched"),
        N_(
            "The documents and sub kegiatan that cannot be compared across years, each with its "
            "reason (similar SKPD names in other years are named)."
        ),
        N_("Every document could be matched."),
    ),
}
# Each column's header on the page and how its cells read; a table may name one otherwise.
HEADERS: dict[str, tuple[str, str]] = {
    "doc_id": (N_("Document"), "dokumen"),
    "tabel": (N_("Table"), "teks"),
    "pemda": (N_("Pemda"), "teks"),
    "skpd": (N_("SKPD"), "teks"),
    "level": (N_("Level of code"), "tingkat"),
    "kode": (N_("Code"), "kode"),
    "kode_baku": (N_("2027 code"), "kode"),
    "program": (N_("Program code"), "kode"),
    "nama_program": (N_("Program name"), "teks"),
    "uraian": (N_("Uraian"), "teks"),
    "pagu": (N_("Pagu (Rp)"), "rupiah"),
    "total_skpd": (N_("Total pagu of the SKPD (Rp)"), "rupiah"),
    "sebelum": (N_("Pagu murni (Rp)"), "rupiah"),
    "sesudah": (N_("Pagu perubahan (Rp)"), "rupiah"),
    "selisih": (N_("Difference (Rp)"), "rupiah"),
    "persen": (N_("Change (%)"), "persen"),
    "tahun_awal": (N_("First year"), "angka"),
    "kode_awal": (N_("First code"), "kode"),
    "pagu_awal": (N_("First pagu (Rp)"), "rupiah"),
    "tahun_akhir": (N_("Last year"), "angka"),
    "kode_akhir": (N_("Last code"), "kode"),
    "pagu_akhir": (N_("Last pagu (Rp)"), "rupiah"),
    "skpd_baku": (N_("SKPD (canonical)"), "teks"),
    "tahun": (N_("Year"), "angka"),
    "alasan": (N_("Reason"), "teks"),
}
RENAMED = {("porsi_program", "persen"): N_("Share (%)"),
           ("antar_tahun", "uraian"): N_("Sub kegiatan"),
           ("pagu_sub_kegiatan", "uraian"): N_("Sub kegiatan")}  # fmt: skip
# The columns each table shows, in order (the table across documents: its own, then one per
# document); the CSVs have every column.
SHOWN = {
    "porsi_program": ("doc_id", "program", "nama_program", "pagu", "total_skpd", "persen"),
    "pagu_sub_kegiatan": ("kode_baku", "uraian"),
    "perubahan": ("doc_id", "tabel", "level", "kode", "uraian", "sebelum", "sesudah", "selisih",
                  "persen"),
    "antar_tahun": ("pemda", "skpd", "kode_baku", "uraian", "tahun_awal", "kode_awal",
                    "pagu_awal", "tahun_akhir", "kode_akhir", "pagu_akhir", "selisih", "persen"),
    "antar_tahun_tak_cocok": ("doc_id", "pemda", "skpd_baku", "tahun", "kode_baku", "uraian",
                              "pagu", "alasan"),
}  # fmt: skip


def columns_of(name: str, frame: pd.DataFrame, labels: dict[str, str]) -> tuple[Shown, ...]:
    """The columns the page shows of a table (``SHOWN``), and for the table across documents
    one column per document, headed by the document's label."""
    shown = [
        Shown(column, _(RENAMED.get((name, column), HEADERS[column][0])), HEADERS[column][1])
        for column in SHOWN[name]
    ]
    if name == "pagu_sub_kegiatan":
        documents = [c for c in frame.columns if c not in SHOWN[name]]
        shown.extend(Shown(d, f"{labels.get(d, d)} (Rp)", "rupiah") for d in documents)
    return tuple(shown)


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
        return _(LEVEL_NAMES[shown]) if shown in LEVEL_NAMES else shown
    return shown


def section(
    name: str, frame: pd.DataFrame, charts: list[Chart], labels: dict[str, str]
) -> dict[str, Any]:
    """One table on the page: its title, what it holds, its charts and its first rows."""
    title, intro, empty = (_(text) for text in SECTIONS[name])
    shown = columns_of(name, frame, labels)
    largest = name in BY_CHANGE
    ordered = largest_changes(frame) if largest else frame
    rows = [
        [(cell(record.get(c.name), c.kind, labels), c.kind) for c in shown]
        for record in ordered.head(PAGE_ROWS).to_dict("records")
    ]
    if len(frame) <= PAGE_ROWS:
        count = ngettext("{n} row", "{n} rows", len(frame)).format(n=grouped(len(frame)))
    elif largest:
        count = _("the {shown} rows with the largest difference of {n}").format(
            shown=PAGE_ROWS, n=grouped(len(frame))
        )
    else:
        count = _("the first {shown} rows of {n}").format(shown=PAGE_ROWS, n=grouped(len(frame)))
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
        "lang": language(),
        "title": _("Comparison of documents"),
        "intro": ngettext(
            "{n} document compared by the codes of the Permendagri 90 nomenclature. Amounts in "
            "rupiah; every row is in the CSV files of this folder.",
            "{n} documents compared by the codes of the Permendagri 90 nomenclature. Amounts in "
            "rupiah; every row is in the CSV files of this folder.",
            len(listed),
        ).format(n=grouped(len(listed))),
        "css": Markup(asset("compare.css")),  # the package's own file, not document text
        "narrow_below": NARROW_BELOW,
        "documents": [
            {"label": labels[d["doc_id"]], "doc_id": d["doc_id"]}
            | {name: text(d[name]) for name in ("jenis", "tahun")}
            for d in listed
        ],
        "sections": [section(name, frame, charts, labels) for name, frame in tables.items()],
        "footer": _("Made by renja {version} (renja compare).").format(version=__version__),
    }
    return environment().get_template(TEMPLATE).render(page=view)


__all__ = ["NARROW_BELOW", "PAGE", "PAGE_ROWS", "page"]
