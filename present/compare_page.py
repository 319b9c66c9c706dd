"""``compare.html``: the comparison on one page in Bahasa Indonesia, from a Jinja2 template
(``templates/compare.html.j2``): the documents, then each table with its charts (the narrow
drawing on a phone, ``<picture>``) and its first rows, numbers written the Indonesian way and a
missing value left empty."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from markupsafe import Markup

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
    "antar_tahun_tak_cocok": (
        "Antartahun: yang tidak dapat dicocokkan",
        "Dokumen dan sub kegiatan yang tidak dapat dibandingkan antartahun, masing-masing dengan "
        "alasannya (nama SKPD yang mirip di tahun lain disebutkan).",
        "Semua dokumen dapat dicocokkan.",
    ),
}
# Each column's header on the page and how its cells read; a table may name one otherwise.
HEADERS: dict[str, tuple[str, str]] = {
    "doc_id": ("Dokumen", "dokumen"),
    "tabel": ("Tabel", "teks"),
    "pemda": ("Pemda", "teks"),
    "skpd": ("SKPD", "teks"),
    "level": ("Tingkat", "tingkat"),
    "kode": ("Kode", "kode"),
    "kode_baku": ("Kode 2027", "kode"),
    "program": ("Kode program", "kode"),
    "nama_program": ("Nama program", "teks"),
    "uraian": ("Uraian", "teks"),
    "pagu": ("Pagu (Rp)", "rupiah"),
    "total_skpd": ("Total pagu SKPD (Rp)", "rupiah"),
    "sebelum": ("Pagu murni (Rp)", "rupiah"),
    "sesudah": ("Pagu perubahan (Rp)", "rupiah"),
    "selisih": ("Selisih (Rp)", "rupiah"),
    "persen": ("Perubahan (%)", "persen"),
    "tahun_awal": ("Tahun awal", "angka"),
    "kode_awal": ("Kode awal", "kode"),
    "pagu_awal": ("Pagu awal (Rp)", "rupiah"),
    "tahun_akhir": ("Tahun akhir", "angka"),
    "kode_akhir": ("Kode akhir", "kode"),
    "pagu_akhir": ("Pagu akhir (Rp)", "rupiah"),
    "skpd_baku": ("SKPD (baku)", "teks"),
    "tahun": ("Tahun", "angka"),
    "alasan": ("Alasan", "teks"),
}
RENAMED = {("porsi_program", "persen"): "Porsi (%)", ("antar_tahun", "uraian"): "Sub kegiatan",
           ("pagu_sub_kegiatan", "uraian"): "Sub kegiatan"}  # fmt: skip
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
        Shown(column, RENAMED.get((name, column), HEADERS[column][0]), HEADERS[column][1])
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
        return LEVEL_NAMES.get(shown, shown)
    return shown


def section(
    name: str, frame: pd.DataFrame, charts: list[Chart], labels: dict[str, str]
) -> dict[str, Any]:
    """One table on the page: its title, what it holds, its charts and its first rows."""
    title, intro, empty = SECTIONS[name]
    shown = columns_of(name, frame, labels)
    largest = name in BY_CHANGE
    ordered = largest_changes(frame) if largest else frame
    rows = [
        [(cell(record.get(c.name), c.kind, labels), c.kind) for c in shown]
        for record in ordered.head(PAGE_ROWS).to_dict("records")
    ]
    first = "baris dengan selisih terbesar" if largest else "baris pertama"
    count = (f"{grouped(len(frame))} baris" if len(frame) <= PAGE_ROWS
             else f"{PAGE_ROWS} {first} dari {grouped(len(frame))}")  # fmt: skip
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


__all__ = ["NARROW_BELOW", "PAGE", "PAGE_ROWS", "page"]
