"""What a document says about itself: pemda, SKPD, year and document type, from its own text.

The first lines (title page, foreword) and the running heads are read, with split title words
joined again (``renja.extract.title_words``). The type, title and year come from the phrase that
names the document (``renja.extract.meta_title``); contents lines, list items, section headings
and sentences are not titles (``renja.extract.meta_lines``). The pemda is checked against the
Kemendagri list of regions when it is found, which also gives kabupaten/kota their code
(``renja.extract.meta_pemda``, ``renja.extract.wilayah``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from renja.extract.meta_lines import cover_lines, is_prose, quoting, toc_flags
from renja.extract.meta_pemda import Pemda, read_pemda
from renja.extract.meta_title import PEMDA_WIDE, PERUBAHAN, read_title
from renja.extract.title_words import rejoin_title_words, title_vocabulary
from renja.extract.wilayah import Regions, RegionsFound, find_regions
from renja.model.i18n import _
from renja.model.records import DocumentMeta, RawTable, RowRole

# The title page and the first pages name the document; later text quotes other documents.
TITLE_LINES = 80

_SKPD_LABEL = re.compile(
    r"^(?:nama\s+)?(?:skpd|opd|perangkat daerah|unit organisasi|organisasi)\s*:\s*(.+)$",
    re.IGNORECASE,
)
# ('SATUAN KERJA PERANGKAT DAERAH' is the subtitle of SIPD's RKA and DPA forms, not an agency)
_SKPD_START = re.compile(
    r"^(BADAN|DINAS|SEKRETARIAT|INSPEKTORAT|SATUAN(?!\s+KERJA\s+PERANGKAT)|KANTOR|KECAMATAN|"
    r"RUMAH SAKIT|RSUD)\b"
)
# A title page line with the year ends an SKPD's name printed over several lines.
_YEAR_LINE = re.compile(r"\bTAHUN\b|\b20\d\d\b", re.IGNORECASE)
_TITLE_WORDS = re.compile(r"\b(RENJA|RENCANA KERJA|RKPD|RKA|DPA|RINCIAN BELANJA)\b", re.IGNORECASE)
# The unit code SIPD prints before an SKPD's name: "1.05.0.00.0.00.03.0000 Satuan Polisi …",
# sometimes with a dash between ("1.01.0.00.0.00.01.0000 - DINAS PENDIDIKAN").
_UNIT_CODE = re.compile(r"^(\d{1,2}(?:\.\d{1,4}){3,})\s*[-–]?\s+(.+)$")
# Kemendagri codes of the provinces, used when the list of regions is not found.
PROVINCE_CODES = {
    "aceh": "11", "sumatera utara": "12", "sumatera barat": "13", "riau": "14", "jambi": "15",
    "sumatera selatan": "16", "bengkulu": "17", "lampung": "18",
    "kepulauan bangka belitung": "19", "kepulauan riau": "21", "dki jakarta": "31",
    "daerah khusus ibukota jakarta": "31", "jawa barat": "32", "jawa tengah": "33",
    "daerah istimewa yogyakarta": "34", "di yogyakarta": "34", "jawa timur": "35",
    "banten": "36", "bali": "51", "nusa tenggara barat": "52", "nusa tenggara timur": "53",
    "kalimantan barat": "61", "kalimantan tengah": "62", "kalimantan selatan": "63",
    "kalimantan timur": "64", "kalimantan utara": "65", "sulawesi utara": "71",
    "sulawesi tengah": "72", "sulawesi selatan": "73", "sulawesi tenggara": "74",
    "gorontalo": "75", "sulawesi barat": "76", "maluku": "81", "maluku utara": "82",
    "papua": "91", "papua barat": "92", "papua selatan": "93", "papua tengah": "94",
    "papua pegunungan": "95", "papua barat daya": "96",
}  # fmt: skip
# Where kode_pemda came from (the manifest's meta.sumber).
FROM_REGIONS = "daftar_wilayah"
FROM_PROVINCES = "daftar_provinsi"


def _skpd(
    lines: Sequence[str], all_lines: Sequence[str], running: Sequence[str] = ()
) -> str | None:
    for text in all_lines:
        match = _SKPD_LABEL.match(text.strip())
        if match and len(match.group(1)) > 3:
            return " ".join(match.group(1).split()).strip(" .")
    for text in running:  # a running head naming the SKPD, in any case
        if _SKPD_START.match(text.strip().upper()) and not _TITLE_WORDS.search(text):
            return " ".join(text.split())
    for index, text in enumerate(lines):
        if _SKPD_START.match(text.strip()) and text.strip().isupper():
            parts = [text.strip()]
            for follow in lines[index + 1 : index + 4]:
                follow = follow.strip()
                ends = _TITLE_WORDS.search(follow) or _YEAR_LINE.search(follow)
                if follow.isupper() and not ends and len(follow) < 60:
                    parts.append(follow)
                else:
                    break
            return " ".join(parts).title().replace(" Dan ", " dan ")
    return None


def split_unit_code(skpd: str | None) -> tuple[str | None, str | None]:
    """An SKPD name and the SIPD unit code printed before it.

    >>> split_unit_code("1.05.0.00.0.00.03.0000 Satuan Polisi Pamong Praja")
    ('Satuan Polisi Pamong Praja', '1.05.0.00.0.00.03.0000')
    >>> split_unit_code("1.01.0.00.0.00.01.0000 - DINAS PENDIDIKAN")
    ('DINAS PENDIDIKAN', '1.01.0.00.0.00.01.0000')
    >>> split_unit_code("Badan Kepegawaian")
    ('Badan Kepegawaian', None)
    """
    match = _UNIT_CODE.match(skpd or "")
    if not match:
        return skpd, None
    return match.group(2).strip(), match.group(1)


def province_code(pemda: str | None) -> str | None:
    """The Kemendagri code of a province named as the pemda.

    >>> province_code("Provinsi Kalimantan Timur"), province_code("Kota Bogor")
    ('64', None)
    """
    if not pemda or not pemda.lower().startswith("provinsi "):
        return None
    return PROVINCE_CODES.get(" ".join(pemda.lower().split()[1:]))


_HEADER_YEAR = re.compile(r"\b(?:rencana|tahun|pagu|anggaran)\b[^0-9]{0,40}?(20[1-4]\d)\b", re.I)
_NOT_PLAN_YEAR = re.compile(r"\b(?:maju|lalu|realisasi|capaian|renstra|sebelum)", re.IGNORECASE)


def year_from_headers(headers: Sequence[str]) -> int | None:
    """The plan year a document's table headers name most often (``Rencana Tahun 2025``),
    for documents whose text does not: a prakiraan maju, realisasi or earlier year is not it.

    >>> year_from_headers(["Rencana Tahun 2025", "Prakiraan Maju Tahun 2026", "Pagu 2025"])
    2025
    """
    years = [
        int(m.group(1))
        for text in headers
        if not _NOT_PLAN_YEAR.search(text)
        for m in _HEADER_YEAR.finditer(text)
    ]
    return max(set(years), key=years.count) if years else None


def _kode_pemda(pemda: Pemda | None, regions: Regions | None) -> tuple[str | None, str | None]:
    """The pemda's Kemendagri code and where it came from: the list of regions, or (without
    the list) the built-in codes of the provinces."""
    if pemda is None:
        return None, None
    if pemda.region is not None:
        return pemda.region.kode, FROM_REGIONS
    if regions is None and (code := province_code(pemda.name)):
        return code, FROM_PROVINCES
    return None, None


def read_meta(
    lines: Sequence[str], running: Sequence[str] = (), regions: Regions | None = None
) -> DocumentMeta:
    """Document metadata from its text lines (headings and prose, tables excluded), its
    running heads (``running``: lines printed on every page, which name the document itself
    even when its title page is a scan) and, when found, the list of regions.

    >>> m = read_meta(["PEMERINTAH KOTA BANJARBARU", "BADAN KEPEGAWAIAN", "DAN PENGEMBANGAN",
    ...                "RENJA PERUBAHAN 2024"])
    >>> (m.pemda, m.jenis_pemda, m.skpd, m.jenis, m.tahun)
    ('Kota Banjarbaru', 'kabkota', 'Badan Kepegawaian dan Pengembangan', 'Renja Perubahan', 2024)
    >>> m = read_meta(["RENJA BIDANG BINA KONSTRUKSI", "TAHUN ANGGARAN 2025",
    ...                "DINAS PEKERJAAN UMUM PROVINSI KALIMANTAN TIMUR"])
    >>> (m.pemda, m.jenis_pemda, m.tahun)
    ('Provinsi Kalimantan Timur', 'prov', 2025)
    >>> m = read_meta(["DAFTAR ISI", "2.1 Evaluasi Renja Tahun 2024 ........ 9"],
    ...               running=["Rencana Kerja Tahun 2026",
    ...                        "Dinas Pemberdayaan Perempuan Provinsi Sumatera Utara"])
    >>> (m.pemda, m.kode_pemda, m.jenis, m.tahun)
    ('Provinsi Sumatera Utara', '12', 'Renja', 2026)
    >>> m.skpd
    'Dinas Pemberdayaan Perempuan Provinsi Sumatera Utara'
    """
    vocabulary = title_vocabulary() | (regions.words() if regions else frozenset())
    first = [rejoin_title_words(t.strip(), vocabulary) for t in lines[:TITLE_LINES] if t.strip()]
    running = [rejoin_title_words(t.strip(), vocabulary) for t in running if t.strip()]
    toc = toc_flags(first)
    cover = cover_lines(first, toc)
    heads = [t for t in running if not is_prose(t) and not quoting(t, toc=False)]
    body = [t for t, in_toc in zip(first, toc, strict=True) if not quoting(t, in_toc)]
    title = read_title(cover, heads, body)
    pemda = read_pemda([*heads, *cover], body, regions)
    kode_pemda, kode_from = _kode_pemda(pemda, regions)
    own_skpd = title.jenis is None or title.jenis.removesuffix(f" {PERUBAHAN}") not in PEMDA_WIDE
    listed = [t for t, in_toc in zip(first, toc, strict=True) if not in_toc]
    skpd, kode_skpd = split_unit_code(_skpd(listed, lines, running) if own_skpd else None)
    return DocumentMeta(
        title=title.title,
        pemda=pemda.name if pemda else None,
        skpd=skpd,
        tahun=title.tahun,
        jenis=title.jenis,
        jenis_pemda=pemda.jenis_pemda if pemda else None,
        kode_pemda=kode_pemda,
        kode_skpd=kode_skpd,
        sources={"kode_pemda": kode_from} if kode_from else {},
    )


def region_warnings(meta: DocumentMeta, found: RegionsFound) -> list[str]:
    """What the reader should know about the pemda's code (Indonesian): the list of regions
    is missing, or the pemda read is not in it."""
    if meta.pemda is None:
        return []
    if found.regions is None:
        if meta.kode_pemda:
            message = _(
                "the name {pemda} is not checked (kode_pemda from the built-in list of "
                "provinces): {problem}"
            )
        else:
            message = _("kode_pemda of {pemda} is not filled and its name not checked: {problem}")
        return [message.format(pemda=meta.pemda, problem=found.problem)]
    if meta.kode_pemda is None:
        return [
            _(
                "pemda {pemda} is not in the list of region codes ({source}), so kode_pemda is "
                "not filled; check its name, or fill kode_pemda through --meta"
            ).format(pemda=meta.pemda, source=found.regions.source)
        ]
    return []


def document_meta(
    lines: Sequence[str],
    tables: Sequence[RawTable],
    running: Sequence[str] = (),
    wilayah: RegionsFound | None = None,
) -> tuple[DocumentMeta, list[str]]:
    """A document's metadata from its text lines and running heads, with the plan year its
    table headers name when the text names none, and the warnings about its pemda code.

    ``wilayah`` is the list of regions found for this run (``find_regions``); when not given
    it is looked up at the default places.
    """
    found = wilayah if wilayah is not None else find_regions()
    meta = with_year_from_tables(read_meta(lines, running, found.regions), tables)
    return meta, region_warnings(meta, found)


def with_year_from_tables(meta: DocumentMeta, tables: Sequence[RawTable]) -> DocumentMeta:
    """A document whose text names no year takes the plan year its table headers name."""
    if meta.tahun is not None:
        return meta
    headers = [c for t in tables for r in t.rows if r.role is RowRole.HEADER for c in r.cells]
    tahun = year_from_headers(headers + [t.caption for t in tables])
    if tahun is None:
        return meta
    return replace(meta, tahun=tahun, sources={**meta.sources, "tahun": "tabel"})
