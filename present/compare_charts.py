"""The comparison's charts, as people read them: documents named by pemda, SKPD and year
(not by id), programs by code and name, one level of codes per chart, amounts short and
Indonesian (``9,17 M``). ``renja.present.charts`` draws them."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import pandas as pd

from renja.model.i18n import N_, _, ngettext
from renja.model.missing import is_missing
from renja.present.charts import FALL, OTHER, RISE, Bar, Chart, Group, shorten
from renja.present.numbers import UNIT_NOTE, compact, decimal, signed

if TYPE_CHECKING:
    from renja.normalize.nomenclature import Nomenclature

# Bars a chart shows at most (the largest), and programs per document in the shares chart
# (the largest; the rest are one bar). Documents the shares chart shows at most (by name): a
# chart longer than that is read in the table instead.
CHART_ROWS = 15
CHART_DOCUMENTS = 12
LABEL_FIELDS = ("pemda", "skpd", "tahun", "jenis")
LEVELS = ("program", "kegiatan", "sub_kegiatan")
LEVEL_NAMES = {"program": N_("program"), "kegiatan": N_("kegiatan"),
               "sub_kegiatan": N_("sub kegiatan")}  # fmt: skip
SEPARATOR = " · "
NBSP = "\u00a0"  # a chart's line is never broken here (``renja.present.charts.wrap``)
AMOUNT_AXIS = "Rp ({units})"  # with the note of the units (``UNIT_NOTE``), translated


def text(value: Any) -> str:
    """A cell as text; empty for a missing one (never ``<NA>`` or ``nan``).

    >>> text(pd.NA), text(None), text(float("nan")), text(" Dinas "), text(2024)
    ('', '', '', 'Dinas', '2024')
    """
    if is_missing(value):
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
            others = ngettext("{n} other program", "{n} other programs", len(rest))
            label = share_label(others.format(n=len(rest)), share, rest["pagu"].sum())
            bars.append(Bar(label, share, OTHER))
        groups.append(Group(labels.get(doc_id, doc_id), tuple(bars)))
    title = _("The share of each program in the SKPD's total pagu, per document")
    if len(documents) > CHART_DOCUMENTS:
        title += " " + _("({shown} of {n} documents; all of them in the table)").format(
            shown=CHART_DOCUMENTS, n=len(documents)
        )
    return Chart("porsi_program", title, _("Share of the SKPD's total pagu (%)"), tuple(groups),
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
    share = f"{shorten(what)}{NBSP}— {decimal(float(persen), 1)}%"
    return f"{share}{NBSP}(Rp{NBSP}{amount(pagu)})" if text(pagu) else share


def change_label(code: Any, name: Any, selisih: float, persen: Any) -> str:
    """A bar of a chart of changes: the code and name, the change and its per cent.

    >>> change_label("5.03.01.2.01.0001", "Penyusunan Dokumen", 8017000, 27.22).replace(NBSP, "_")
    '5.03.01.2.01.0001 Penyusunan Dokumen_— +8,02_jt_(+27,2%)'
    """
    change = signed(amount(selisih), float(selisih))
    percent = percent_text(persen)
    value = f"{change}{NBSP}({percent})" if percent else change
    return f"{shorten(f'{text(code)} {text(name)}')}{NBSP}— {value}"


def change_bar(label: str, selisih: float) -> Bar:
    return Bar(label, float(selisih), RISE if selisih >= 0 else FALL)


def program_name(row: dict[str, Any], reference: Nomenclature | None) -> str:
    """A program's code and name: as the document prints it, else as the nomenclature has it."""
    code = text(row.get("program"))
    if not code:
        return _("(no program code)")
    name = text(row.get("nama_program"))
    if not name and reference is not None:
        entry = reference.get(code)
        name = entry.name if entry is not None else ""
    return f"{code} {name}".strip()


def change_chart(change: pd.DataFrame, level: str, labels: dict[str, str]) -> Chart:
    """The largest changes from murni to perubahan among the rows of one level."""
    top = largest_changes(change).drop_duplicates(["doc_id", "kode"]).head(CHART_ROWS)
    several = change["doc_id"].nunique() > 1
    bars = []
    for row in top.to_dict("records"):
        label = change_label(row["kode"], row["uraian"], row["selisih"], row["persen"])
        if several:
            label += "\n" + labels.get(row["doc_id"], row["doc_id"])
        bars.append(change_bar(label, row["selisih"]))
    name = _(LEVEL_NAMES[level])
    return Chart(
        f"perubahan_{level}",
        _("The largest changes from pagu murni to pagu perubahan: {level}").format(level=name)
        + largest_of(len(change)),
        _("Difference of pagu, perubahan − murni; {axis}").format(axis=amount_axis()),
        (Group("", tuple(bars)),),
        compact,
    )


def year_chart(years: pd.DataFrame) -> Chart:
    """The largest changes of a sub kegiatan's pagu from one year to the next."""
    top = largest_changes(years).head(CHART_ROWS)
    bars = []
    for row in top.to_dict("records"):
        pemda = text(row["pemda"])
        span = f"{row['tahun_awal']} → {row['tahun_akhir']}"
        where = SEPARATOR.join(p for p in (pemda, short_skpd(text(row["skpd"]), pemda), span) if p)
        label = change_label(row["kode_baku"], row["uraian"], row["selisih"], row["persen"])
        bars.append(change_bar(f"{label}\n{where}", row["selisih"]))
    return Chart(
        "antar_tahun",
        _("The largest changes of a sub kegiatan's pagu across years (2027 code)")
        + largest_of(len(years)),
        _("Difference of pagu, last year − first year; {axis}").format(axis=amount_axis()),
        (Group("", tuple(bars)),),
        compact,
    )


def largest_of(count: int) -> str:
    """What a chart of the largest changes leaves out: `` (15 terbesar dari 40)``; nothing when
    it shows them all."""
    if count <= CHART_ROWS:
        return ""
    return " " + _("({shown} largest of {n})").format(shown=CHART_ROWS, n=count)


def amount_axis() -> str:
    """The axis of amounts: Rupiah, and what the short units mean."""
    return AMOUNT_AXIS.format(units=_(UNIT_NOTE))


def largest_changes(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows by the size of their change (``selisih``), largest first."""
    if frame.empty:
        return frame
    return frame.reindex(frame["selisih"].abs().sort_values(ascending=False, kind="stable").index)


__all__ = [
    "CHART_DOCUMENTS",
    "CHART_ROWS",
    "LABEL_FIELDS",
    "LEVELS",
    "comparison_charts",
    "document_labels",
    "largest_changes",
]
