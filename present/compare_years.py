"""Year on year: the same body's sub kegiatan from one year to the next, and what did not match.

Documents are matched on the body they belong to, not on the text they print: the pemda (its
Kemendagri code) and the SKPD's canonical name (``renja.normalize.skpd``), so ``BKPSDM Kota
Banjarbaru`` in one year meets ``Badan Kepegawaian dan Pengembangan Sumber Daya Manusia`` in the
next. Per body and year one document counts (a revision over the original, then the first by id).
Sub kegiatan are matched by their 2027 code (``kode_baku``).

``unmatched`` says what could not be compared, and why (``alasan``): a document with no other year
of its body (naming the bodies of the same pemda with a similar name, the usual reason), a document
that names no pemda or SKPD, a second document of a body and year, and a sub kegiatan found in
one year but not in the next.
"""

from __future__ import annotations

import itertools
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, process

from renja.model.i18n import _
from renja.model.missing import is_missing
from renja.normalize.skpd import canonical_skpd, entity_key

YEARS = [
    "pemda", "skpd", "skpd_baku", "kode_baku", "uraian", "tahun_awal", "kode_awal", "pagu_awal",
    "tahun_akhir", "kode_akhir", "pagu_akhir", "selisih", "persen", "doc_awal", "doc_akhir",
]  # fmt: skip
UNMATCHED = ["doc_id", "pemda", "skpd", "skpd_baku", "tahun", "kode_baku", "uraian", "pagu",
             "alasan"]  # fmt: skip
SIMILAR_SCORE = 80  # rapidfuzz token_set_ratio from which another body's name is worth naming
SIMILAR_SHOWN = 3


def _text(value: Any) -> str | None:
    if is_missing(value):
        return None
    return str(value) or None


def documents(subs: pd.DataFrame) -> pd.DataFrame:
    """One row per document of the sub kegiatan table: its body's key, canonical SKPD name,
    year and whether it is a revision."""
    columns = ["doc_id", "pemda", "kode_pemda", "skpd", "tahun", "jenis"]
    docs = subs.reindex(columns=columns).drop_duplicates("doc_id").reset_index(drop=True)
    docs["kunci"] = [
        entity_key(_text(k), _text(p), _text(s))
        for k, p, s in zip(docs["kode_pemda"], docs["pemda"], docs["skpd"], strict=True)
    ]
    agencies = [canonical_skpd(_text(s), _text(p)) for s, p in zip(docs["skpd"], docs["pemda"],
                                                                  strict=True)]  # fmt: skip
    docs["skpd_baku"] = [a.nama if a else None for a in agencies]
    docs["revisi"] = docs["jenis"].fillna("").astype(str).str.contains("Perubahan")
    return docs


def year_on_year(subs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sub kegiatan of each body from one year to the next (``YEARS``), and what could not
    be matched (``UNMATCHED``)."""
    docs = documents(subs)
    missing: list[dict[str, Any]] = []
    usable = docs[docs["kunci"].notna() & docs["tahun"].notna()]
    for _index, doc in docs[~docs.index.isin(usable.index)].iterrows():
        reason = (
            _("the document names no year: it cannot be compared across years")
            if pd.isna(doc["tahun"])
            else _("the document names neither pemda nor SKPD: it cannot be compared across years")
        )
        missing.append(_document_row(doc, reason))
    ordered = usable.sort_values(["kunci", "tahun", "revisi", "doc_id"],
                                 ascending=[True, True, False, True])  # fmt: skip
    chosen = ordered.drop_duplicates(["kunci", "tahun"])
    for _index, doc in ordered[~ordered.index.isin(chosen.index)].iterrows():
        used = chosen[(chosen["kunci"] == doc["kunci"]) & (chosen["tahun"] == doc["tahun"])]
        reason = _("another document of the same SKPD and year is used: {doc_id}")
        missing.append(_document_row(doc, reason.format(doc_id=used["doc_id"].iloc[0])))
    out: list[dict[str, Any]] = []
    for key, group in chosen.groupby("kunci", sort=True):
        group = group.sort_values("tahun")
        if len(group) == 1:
            doc = group.iloc[0]
            missing.append(_document_row(doc, _alone(doc, chosen)))
            continue
        for (_first, a), (_second, b) in itertools.pairwise(group.iterrows()):
            pairs, lost = _pair(subs, a, b)
            out += pairs
            missing += lost
        del key
    years = pd.DataFrame(out, columns=YEARS)
    for column in ("pagu_awal", "pagu_akhir", "selisih"):
        years[column] = pd.to_numeric(years[column]).round().astype("Int64")
    unmatched = pd.DataFrame(missing, columns=UNMATCHED)
    unmatched["pagu"] = pd.to_numeric(unmatched["pagu"]).round().astype("Int64")
    unmatched = unmatched.sort_values(["pemda", "skpd_baku", "tahun", "doc_id", "kode_baku"],
                                      na_position="first", kind="stable")  # fmt: skip
    return years, unmatched.reset_index(drop=True)


def _document_row(doc: pd.Series, reason: str) -> dict[str, Any]:
    return {"doc_id": doc["doc_id"], "pemda": doc["pemda"], "skpd": doc["skpd"],
            "skpd_baku": doc["skpd_baku"], "tahun": doc["tahun"], "kode_baku": None,
            "uraian": None, "pagu": None, "alasan": reason}  # fmt: skip


def _alone(doc: pd.Series, chosen: pd.DataFrame) -> str:
    """Why a body has one year only; with the bodies of its pemda in other years whose names
    are close (a name the list of abbreviations does not yet know)."""
    reason = _("no document of another year for this SKPD")
    region = str(doc["kunci"]).split("|", 1)[0]
    others = chosen[
        (chosen["kunci"] != doc["kunci"])
        & (chosen["tahun"] != doc["tahun"])
        & chosen["kunci"].str.startswith(f"{region}|")
    ]
    name = str(doc["kunci"]).split("|", 1)[1]
    if not name or others.empty:
        return reason
    candidates = {str(k).split("|", 1)[1]: k for k in others["kunci"].unique()}
    close = process.extract(name, list(candidates), scorer=fuzz.token_set_ratio,
                            score_cutoff=SIMILAR_SCORE, limit=SIMILAR_SHOWN)  # fmt: skip
    if not close:
        return reason
    shown = []
    for candidate, _score, _index in close:
        rows = others[others["kunci"] == candidates[candidate]]
        years = ", ".join(str(int(y)) for y in sorted(rows["tahun"].unique()))
        shown.append(f"{rows['skpd_baku'].iloc[0] or rows['skpd'].iloc[0]} ({years})")
    return _("{reason}; similar names in other years: {names}").format(
        reason=reason, names="; ".join(shown)
    )


def _pair(
    subs: pd.DataFrame, a: pd.Series, b: pd.Series
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Two years of one body: the sub kegiatan in both, and those in one only."""
    before = _per_code(subs[subs["doc_id"] == a["doc_id"]])
    after = _per_code(subs[subs["doc_id"] == b["doc_id"]])
    pairs, lost = [], []
    for code in sorted(set(before) | set(after)):
        if code in before and code in after:
            x, y = before[code], after[code]
            change = y["pagu"] - x["pagu"]
            pairs.append({
                "pemda": b["pemda"], "skpd": b["skpd"], "skpd_baku": b["skpd_baku"],
                "kode_baku": code, "uraian": y["uraian"], "tahun_awal": a["tahun"],
                "kode_awal": x["kode"], "pagu_awal": x["pagu"], "tahun_akhir": b["tahun"],
                "kode_akhir": y["kode"], "pagu_akhir": y["pagu"], "selisih": change,
                "persen": round(change * 100 / x["pagu"], 2) if x["pagu"] else None,
                "doc_awal": a["doc_id"], "doc_akhir": b["doc_id"],
            })  # fmt: skip
            continue
        doc, other, row = (a, b, before[code]) if code in before else (b, a, after[code])
        when = (
            _("sub kegiatan no longer there in {year} ({doc_id})")
            if code in before
            else _("sub kegiatan new in {year} ({doc_id})")
        ).format(year=int(b["tahun"]), doc_id=other["doc_id"])
        lost.append({**_document_row(doc, when),
                     "kode_baku": code, "uraian": row["uraian"], "pagu": row["pagu"]})  # fmt: skip
    return pairs, lost


def _per_code(rows: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """A document's sub kegiatan by 2027 code: pagu summed, the first code and name."""
    rows = rows.dropna(subset=["kode_baku", "pagu"])
    out: dict[str, dict[str, Any]] = {}
    for code, group in rows.groupby("kode_baku", sort=True):
        out[str(code)] = {"pagu": group["pagu"].sum(), "kode": group["kode"].iloc[0],
                          "uraian": group["uraian"].iloc[0]}  # fmt: skip
    return out


__all__ = ["UNMATCHED", "YEARS", "documents", "year_on_year"]
