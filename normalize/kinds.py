"""The Renja forms renja knows, as data: each kind's caption, header words and canonical columns.

A new form (a province's variant of T-C.33, say) is a new entry here, not a new code path.
Column names are the documents' own words in snake_case; ``K`` and ``Rp`` pairs of the E.81 form
keep the form's own suffixes (``_k`` for kinerja, ``_rp`` for Rupiah).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renja.model.contract import AuditRules, CellType, PriceCheck, RatioCheck, RowCheck


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One canonical column of a form."""

    name: str
    ctype: CellType
    header: str = ""  # regex on the column's composed header text (lower case)
    signed: bool = False  # amounts that may be negative (a change, not a budget)
    quarter: int | None = None  # E.81 realisation of quarter N: empty after the report's period
    repeat: bool = False  # one spec for a run of columns named by a year: ``target_{tahun}``
    # The quantity this column reports, shared with other forms, so tables can be compared by
    # code: pagu_sebelum (murni), pagu_sesudah (perubahan), pagu_maju, target_sebelum, …
    measure: str | None = None
    summed: bool = True  # RUPIAH: a parent's amount is the sum of its children's (not a price)
    optional: bool = False  # variants of the form often leave it out: not needed to recognise it


@dataclass(frozen=True, slots=True)
class TableKind(AuditRules):
    """One Renja form."""

    slug: str
    title: str
    caption: str  # regex on the caption (lower case)
    header_words: tuple[str, ...]  # regexes that all match the header of this form
    columns: tuple[ColumnSpec, ...]
    fixed_layout: bool = False  # the form's column order is standard: align rows to the template
    notes: str = ""
    # The forms list each code on one data row (``unique_kode``), but not E.81: it is grouped by
    # sasaran, and a program serving two sasaran is printed under each (the sample's 5.03.01). A
    # repeat in the others is a misplaced row (the sample's Tabel 2.4 prints kegiatan 5.03.01.2.03
    # again).
    _caption_re: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_caption_re", re.compile(self.caption, re.IGNORECASE))

    def caption_matches(self, caption: str) -> bool:
        return bool(self.caption) and bool(self._caption_re.search(caption))


def _pair(name: str, header: str, quarter: int | None = None) -> tuple[ColumnSpec, ColumnSpec]:
    """The K (kinerja) and Rp columns of one E.81 measure."""
    return (
        ColumnSpec(f"{name}_k", CellType.TARGET, header, quarter=quarter),
        ColumnSpec(f"{name}_rp", CellType.RUPIAH, header, quarter=quarter),
    )


C = ColumnSpec
T = CellType

# A code's label: ``Kode``, or its segment columns' names joined when no ``Kode`` spans them
# (``Urusan Bidang Program Kegiatan Sub Kegiatan``, extract/code_pieces.py).
_KODE = r"kode|\burusan\s+bidang(?:\s+urusan)?\s+program\b"

CAPAIAN_IKU = TableKind(
    slug="capaian_iku",
    title="Capaian indikator kinerja utama",
    caption=r"capaian\s+(?:indikator\s+)?kinerja\s+utama|\biku\b|capaian\s+kinerja\s+utama",
    header_words=(r"sasaran", r"indikator", r"realisasi"),
    columns=(
        C("no", T.NO, r"^no"),
        C("sasaran", T.TEXT, r"sasaran"),
        C("indikator", T.INDIKATOR, r"indikator"),
        C("target", T.TARGET, r"tar\s?get"),
        C("realisasi", T.TARGET, r"realisasi"),
        C("capaian", T.PERCENT, r"%|capaian"),
    ),
    ratio_checks=(RatioCheck("capaian", "realisasi", "target"),),
)

EVALUASI_E81 = TableKind(
    slug="evaluasi_e81",
    title="Formulir E.81: evaluasi hasil Renja per triwulan",
    caption=r"\be\.?\s?81\b|evaluasi\s+(?:terhadap\s+)?hasil\s+renja",
    header_words=(r"triwulan", r"indikator"),
    fixed_layout=True,
    notes="K = kinerja (output), Rp = anggaran; quarters after the report's period are empty.",
    columns=(
        C("no", T.NO, r"^no"),
        C("sasaran", T.TEXT, r"sasaran"),
        C("uraian", T.TEXT, r"kegiatan"),
        C("indikator", T.INDIKATOR, r"indikator"),
        *_pair("target_renstra", r"target renstra"),
        *_pair("realisasi_renstra_lalu", r"realisasi.*lalu"),
        ColumnSpec("target_renja_k", CellType.TARGET, r"target.*renja"),
        ColumnSpec("target_renja_rp", CellType.RUPIAH, r"target.*renja", measure="pagu_sebelum"),
        *_pair("realisasi_tw1", r"triwulan|\bi\b", quarter=1),
        *_pair("realisasi_tw2", r"triwulan|\bii\b", quarter=2),
        *_pair("realisasi_tw3", r"triwulan|\biii\b", quarter=3),
        *_pair("realisasi_tw4", r"triwulan|\biv\b", quarter=4),
        *_pair("realisasi_renja", r"realisasi.*dievaluasi"),
        *_pair("realisasi_renstra", r"realisasi.*renstra"),
        *_pair("tingkat_capaian", r"tingkat capaian"),
        C("unit_penanggung_jawab", T.TEXT, r"unit|penanggung"),
    ),
    row_checks=(
        RowCheck(
            "realisasi_renja_rp",
            tuple(f"realisasi_tw{q}_rp" for q in range(1, 5)),
            formula="realisasi TW I + II + III + IV",
        ),
        RowCheck(
            "realisasi_renstra_rp",
            ("realisasi_renstra_lalu_rp", "realisasi_renja_rp"),
            formula="realisasi Renstra s.d. tahun lalu + realisasi Renja",
        ),
    ),
)

REKAP_EVALUASI = TableKind(
    slug="rekap_evaluasi",
    title="Rekapitulasi evaluasi hasil pelaksanaan Renja dan capaian Renstra",
    caption=r"rekapitulasi\s+evaluasi",
    header_words=(r"kode", r"realisasi", r"renstra"),
    columns=(
        C("kode", T.KODE, _KODE),
        C("uraian", T.TEXT, r"urusan|program|kegiatan"),
        C("indikator", T.INDIKATOR, r"indikator"),
        C("target_renstra", T.TARGET, r"target capaian kinerja renstra"),
        C("realisasi_renstra_lalu", T.TARGET, r"realisasi kinerja.*s/?d"),
        C("target_renja_lalu", T.TARGET, r"target renja"),
        C("realisasi_renja_lalu", T.TARGET, r"r\w?alisasi renja"),
        C("tingkat_realisasi", T.TARGET, r"tingkat realisasi"),
        C("target_renja", T.TARGET, r"target program dan kegiatan|perubahan"),
        C("realisasi_capaian", T.TARGET, r"realisasi capaian"),
        C("tingkat_capaian", T.TARGET, r"tingkat capaian"),
    ),
    unique_kode=True,
)

REVIU_RKPD = TableKind(
    slug="reviu_rkpd",
    title="Reviu terhadap rancangan RKPD",
    caption=r"revi[eu]w?\b.*rkpd|rancangan\s+(?:awal\s+)?rkpd",
    header_words=(r"uraian", r"murni|rancangan", r"perubahan|hasil"),
    columns=(
        C("uraian", T.KODE_URAIAN, r"uraian"),
        C("indikator", T.INDIKATOR, r"kinerja|indikator"),
        C("target", T.TARGET, r"target", measure="target_sebelum"),
        C("pagu_murni", T.RUPIAH, r"murni|pagu|rancangan", measure="pagu_sebelum"),
        C("uraian_perubahan", T.KODE_URAIAN, r"uraian"),
        C("indikator_perubahan", T.INDIKATOR, r"kinerja|indikator"),
        C("target_perubahan", T.TARGET, r"target", measure="target_sesudah"),
        C("pagu_perubahan", T.RUPIAH, r"perubahan|pagu", measure="pagu_sesudah"),
    ),
    unique_kode=True,
)

TUJUAN_SASARAN = TableKind(
    slug="tujuan_sasaran",
    title="Tujuan dan sasaran",
    caption=r"tujuan\s+dan\s+sasaran",
    header_words=(r"tujuan", r"sasaran"),
    columns=(
        C("no", T.NO, r"^no"),
        C("tujuan", T.TEXT, r"tujuan"),
        C("sasaran", T.TEXT, r"sasaran"),
        C("indikator", T.INDIKATOR, r"indikator"),
        C("target_{tahun}", T.TARGET, r"((?:19|20)\d\d)", repeat=True),
    ),
)

# A unit column's label (``Satuan``, under a group or not), not a name that starts with the word
# (``Satuan Polisi Pamong Praja …``).
_UNIT_LABEL = r"(?:^|/ )satuan(?:$| /)"

RENCANA_PROGRAM = TableKind(
    slug="rencana_program",
    title="Rumusan rencana program, kegiatan dan sub kegiatan",
    caption=r"rumusan\s+rencana\s+program",
    header_words=(_KODE, r"indikator", r"(?:perkiraan|prakiraan)\s+maju"),
    columns=(
        C("kode", T.KODE, _KODE),
        C("uraian", T.TEXT, r"urusan|program|kegiatan"),
        C("prioritas_daerah", T.TEXT, r"prioritas"),
        C("sasaran_daerah", T.TEXT, r"sasaran"),
        # Permendagri 86 variants name one indicator per level: capaian program, keluaran sub
        # kegiatan, hasil kegiatan, each with a target under "Target Capaian Kinerja".
        C("indikator_program", T.INDIKATOR, r"^(?!.*target).*capaian program", optional=True),
        C("lokasi", T.TEXT, r"lokasi"),
        C("indikator_hasil", T.INDIKATOR, r"^(?!.*target).*hasil"),
        C("indikator", T.INDIKATOR, r"indikator kinerja|^(?!.*target).*keluaran"),
        C("target_program", T.TARGET, r"^(?!.*maju).*target.*program", optional=True),
        C(
            "target",
            T.TARGET,
            r"^(?!.*maju)(?:.*rencana.*target|target)(?!.*(?:program|hasil|tolok))",
            measure="target_sesudah",
        ),
        C("satuan", T.TEXT, _UNIT_LABEL, optional=True),
        C("target_hasil", T.TARGET, r"^(?!.*maju).*target.*hasil", optional=True),
        C("pagu", T.RUPIAH, r"^(?!.*maju).*(?:rencana|pagu|20\d\d)", measure="pagu_sesudah"),
        C("sumber_dana", T.TEXT, r"sumber", optional=True),
        C("catatan", T.TEXT, r"catatan", optional=True),
        C("indikator_maju", T.INDIKATOR, r"maju.*tolok", optional=True),
        C("target_maju", T.TARGET, r"maju.*target(?!.*tolok)", measure="target_maju"),
        C("pagu_maju", T.RUPIAH, r"maju(?!.*(?:target|tolok))", measure="pagu_maju"),
    ),
    unique_kode=True,
)

PENAMBAHAN_PAGU = TableKind(
    slug="penambahan_pagu",
    title="Penambahan pagu anggaran",
    caption=r"penambahan\s+(?:pagu|anggaran)",
    header_words=(r"murni", r"penambahan", r"total"),
    columns=(
        C("no", T.NO, r"^no"),
        C("uraian", T.TEXT, r"sub kegiatan|kegiatan"),
        C("perihal", T.TEXT, r"uraian|perihal|periha"),
        C("pagu_murni", T.RUPIAH, r"murni", measure="pagu_sebelum"),
        C("pagu_penambahan", T.RUPIAH, r"penambahan"),
        C("pagu_total", T.RUPIAH, r"total", measure="pagu_sesudah"),
        C("keterangan", T.TEXT, r"keterangan"),
    ),
    row_checks=(
        RowCheck(
            "pagu_total", ("pagu_murni", "pagu_penambahan"), formula="pagu murni + penambahan"
        ),
    ),
)

PERGESERAN_PAGU = TableKind(
    slug="pergeseran_pagu",
    title="Pergeseran pagu anggaran",
    caption=r"pergeseran\s+(?:pagu|anggaran)",
    header_words=(r"sebelum", r"sesudah|setelah"),
    columns=(
        C("kode", T.KODE, _KODE),
        C("uraian", T.TEXT, r"kegiatan|uraian"),
        C("pagu_sebelum", T.RUPIAH, r"sebelum", measure="pagu_sebelum"),
        C("pagu_sesudah", T.RUPIAH, r"sesudah|setelah", measure="pagu_sesudah"),
        C("jumlah_perubahan", T.RUPIAH, r"jumlah|perubahan", signed=True),
        C("keterangan", T.TEXT, r"keterangan"),
    ),
    row_checks=(
        RowCheck(
            "jumlah_perubahan", ("pagu_sesudah",), ("pagu_sebelum",), "pagu sesudah − sebelum"
        ),
    ),
    unique_kode=True,
)

# Before and after a change, as a header names them: the group's word and its column's label
# in either order (``Target Sebelum`` or ``Sebelum Perubahan / Target``).
_BEFORE = r"sebelum"
_AFTER = r"(?:setelah|sesudah)"


def either(label: str, group: str) -> str:
    """A pattern matching a column's label and its group's word in either order.

    >>> import re
    >>> [bool(re.search(either("target", _AFTER), h)) for h in (
    ...     "target sesudah", "sesudah perubahan / target", "target sebelum")]
    [True, True, False]
    """
    return f"{label}.*{group}|{group}.*{label}"


RENCANA_PERUBAHAN = TableKind(
    slug="rencana_perubahan",
    title="Rencana program dan kegiatan pada perubahan Renja (Lampiran)",
    caption=r"rencana\s+program\s+dan\s+kegiatan.*perubahan|perubahan\s+renja",
    header_words=(_KODE, r"sebelum", r"setelah|sesudah"),
    columns=(
        C("kode", T.KODE, _KODE),
        C("uraian", T.TEXT, r"urusan|program|kegiatan"),
        C("indikator_sebelum", T.INDIKATOR, either(r"indikator", _BEFORE)),
        C("indikator_sesudah", T.INDIKATOR, either(r"indikator", _AFTER)),
        C("satuan", T.TEXT, _UNIT_LABEL, optional=True),
        C("kelompok_sasaran_sebelum", T.TEXT, either(r"sasaran", _BEFORE)),
        C("kelompok_sasaran_sesudah", T.TEXT, either(r"sasaran", _AFTER)),
        C("lokasi_sebelum", T.TEXT, either(r"lokasi", _BEFORE)),
        C("lokasi_sesudah", T.TEXT, either(r"lokasi", _AFTER)),
        C("target_sebelum", T.TARGET, either(r"target", _BEFORE), measure="target_sebelum"),
        C("target_sesudah", T.TARGET, either(r"target", _AFTER), measure="target_sesudah"),
        C("pagu_sebelum", T.RUPIAH, either(r"pagu", _BEFORE), measure="pagu_sebelum"),
        C("pagu_sesudah", T.RUPIAH, either(r"pagu", _AFTER), measure="pagu_sesudah"),
        C("jumlah_perubahan", T.RUPIAH, r"jumlah|berubahan|\+/-|bertambah|berkurang",
          signed=True),
        C("sumber_dana_sebelum", T.TEXT, either(r"dana", _BEFORE)),
        C("sumber_dana_sesudah", T.TEXT, either(r"dana", _AFTER)),
        C("target_maju", T.TARGET, r"maju.*target", measure="target_maju"),
        C("pagu_maju", T.RUPIAH, r"maju.*pagu|maju", measure="pagu_maju"),
        C("jenis_kegiatan", T.TEXT, r"jenis"),
        C("keterangan", T.TEXT, r"keterangan", optional=True),
    ),
    row_checks=(
        RowCheck(
            "jumlah_perubahan", ("pagu_sesudah",), ("pagu_sebelum",), "pagu sesudah − sebelum"
        ),
    ),
    unique_kode=True,
)

RENCANA_KERJA = TableKind(
    slug="rencana_kerja",
    title="Rencana kerja dan pendanaan: program, kegiatan dan sub kegiatan (T-C.33)",
    caption=r"\bt\s?-?\s?c\.?\s?33\b|rencana\s+kerja\s+dan\s+pendanaan",
    header_words=(_KODE, r"indikator", r"pagu|dana|anggaran"),
    notes="The Renja's main table: each program, kegiatan and sub kegiatan with its indicator, "
    "target, location and pagu for the plan year, and the prakiraan maju of the next year.",
    columns=(
        C("kode", T.KODE, _KODE),
        C("uraian", T.TEXT, r"program|kegiatan|urusan"),
        C("indikator", T.INDIKATOR, r"indikator|tolok"),
        C("lokasi", T.TEXT, r"lokasi", optional=True),
        C("target", T.TARGET, r"target"),
        C("satuan", T.TEXT, r"^satuan|/ satuan", optional=True),
        C("pagu", T.RUPIAH, r"pagu|kebutuhan dana|anggaran|\(rp\)"),
        C("sumber_dana", T.TEXT, r"sumber", optional=True),
        C("catatan", T.TEXT, r"catatan|keterangan", optional=True),
        C("target_maju", T.TARGET, r"maju.*target", optional=True),
        C("pagu_maju", T.RUPIAH, r"maju.*(?:dana|pagu)|maju", optional=True),
    ),
    unique_kode=True,
)

RINCIAN_BELANJA = TableKind(
    slug="rincian_belanja",
    title="Rincian belanja sub kegiatan (SIPD: RKA/DPA)",
    caption=r"rincian\s+belanja",
    header_words=(r"kode\s+rekening", r"uraian", r"jumlah"),
    notes="Account lines (kode rekening) with their amounts; a parent sums its children.",
    columns=(
        C("kode_rekening", T.REKENING, r"kode\s+rekening|rekening"),
        C("uraian", T.TEXT, r"uraian"),
        C("koefisien", T.TEXT, r"koefisien|volume"),
        C("satuan", T.TEXT, r"satuan"),
        C("harga", T.RUPIAH, r"harga", summed=False),
        C("ppn", T.PERCENT, r"ppn|pajak"),
        C("jumlah", T.RUPIAH, r"jumlah|nilai"),
    ),
    price_checks=(PriceCheck("jumlah", "koefisien", "harga", "ppn", "koefisien × harga + ppn"),),
    coded=False,
    line_levels=((r"^\s*\[#\]", "paket"), (r"^\s*\[-\]", "keterangan")),
    default_level="rincian",
)

UNKNOWN = TableKind(
    slug="unknown",
    title="Tabel lain (disimpan mentah)",
    caption="",
    header_words=(),
    columns=(),
)

KINDS: tuple[TableKind, ...] = (
    EVALUASI_E81,
    REKAP_EVALUASI,
    CAPAIAN_IKU,
    REVIU_RKPD,
    TUJUAN_SASARAN,
    RENCANA_PROGRAM,
    PENAMBAHAN_PAGU,
    PERGESERAN_PAGU,
    RENCANA_PERUBAHAN,
    RENCANA_KERJA,
    RINCIAN_BELANJA,
)

KIND_BY_SLUG = {k.slug: k for k in (*KINDS, UNKNOWN)}
