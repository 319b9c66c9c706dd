"""What a document says about itself: pemda, SKPD, year and document type, from its own text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from renja.model.records import DocumentMeta, RawTable, RowRole

# The title page and the first pages name the document; later text quotes other documents.
TITLE_LINES = 80

_PEMDA = re.compile(
    r"\b(?:PEMERINTAH|GUBERNUR|BUPATI|WALI\s?KOTA)\s+(KOTA|KABUPATEN|KAB\.|PROVINSI|DAERAH)?\s*"
    r"([A-Z][A-Za-z.'\- ]{2,40}?)\s*(?:$|[,\n(]|(?=\s+tahun\b))",
    re.IGNORECASE,
)
# Who heads a pemda tells its type when the title names the head, not the pemda.
_HEAD_KIND = {
    "GUBERNUR": "PROVINSI",
    "BUPATI": "KABUPATEN",
    "WALIKOTA": "KOTA",
    "WALI KOTA": "KOTA",
}
_SKPD_LABEL = re.compile(
    r"^(?:nama\s+)?(?:skpd|opd|perangkat daerah|unit organisasi|organisasi)\s*:\s*(.+)$",
    re.IGNORECASE,
)
_SKPD_START = re.compile(
    r"^(BADAN|DINAS|SEKRETARIAT|INSPEKTORAT|SATUAN|KANTOR|KECAMATAN|RUMAH SAKIT|RSUD)\b"
)
_YEAR = re.compile(r"\b(20[1-4]\d)\b")
# "Tahun Anggaran 2022", "TAHUN 2025": the year a title names as its own.
_TITLE_YEAR = re.compile(r"\btahun\s+(?:anggaran\s+)?(20[1-4]\d)\b", re.IGNORECASE)
# A title line ending in the pemda, without "Pemerintah": "DINAS … PROVINSI KALIMANTAN TIMUR".
_PEMDA_TAIL = re.compile(
    r"\b(PROVINSI|KABUPATEN|KOTA)\s+([A-Z][A-Z.'\- ]{2,40}?)\s*(?:$|(?=\s+TAHUN\b))"
)
_PEMDA_TAIL_ANY = re.compile(
    r"\b(PROVINSI|KABUPATEN|KOTA)\s+([A-Z][A-Za-z.'\- ]{2,40}?)\s*(?:$|(?=\s+TAHUN\b))",
    re.IGNORECASE,
)
_TITLE_WORDS = re.compile(r"\b(RENJA|RENCANA KERJA|RKPD|RKA|DPA|RINCIAN BELANJA)\b", re.IGNORECASE)
# A table-of-contents line: dot leaders to a page number. It names chapters, not the document.
_LEADERS = re.compile(r"\.{5,}|…{2,}")
# A numbered section heading ("2.1 Evaluasi …", "BAB II") names a chapter, not the document.
_SECTION = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s|BAB\s+[IVXL]+\s|tabel\b|gambar\b)", re.IGNORECASE)
# The unit code SIPD prints before an SKPD's name: "1.05.0.00.0.00.03.0000 Satuan Polisi …"
_UNIT_CODE = re.compile(r"^(\d{1,2}(?:\.\d{1,4}){3,})\s+(.+)$")
# Kemendagri codes of the provinces (kabupaten/kota codes come from a sidecar file).
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
    "papua": "91", "papua barat": "92",
}  # fmt: skip


def _pemda(lines: Sequence[str], running: Sequence[str] = ()) -> tuple[str | None, str | None]:
    for text in lines:
        match = _PEMDA.search(text)
        if not match:
            continue
        head = text[match.start() : match.start(1) if match.group(1) else match.start(2)]
        kind = (match.group(1) or "").upper().rstrip(".")
        if kind in ("", "DAERAH"):
            kind = _HEAD_KIND.get(" ".join(head.split()).upper(), "")
            if not kind:
                continue
        name = " ".join(match.group(2).split()).title()
        if (match.group(1) or "").upper() == "DAERAH":
            name = f"Daerah {name}"
        kind_word = {"KAB": "Kabupaten"}.get(kind, kind.title())
        jenis = "prov" if kind == "PROVINSI" else "kabkota"
        return f"{kind_word} {name}", jenis
    for text in lines:
        match = _PEMDA_TAIL.search(text.strip()) or _PEMDA_TAIL_ANY.search(text.strip())
        if match and (text.strip().isupper() or text in running):
            kind = match.group(1).upper()
            return f"{kind.title()} {' '.join(match.group(2).split()).title()}", (
                "prov" if kind == "PROVINSI" else "kabkota"
            )
    return None, None


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
                if follow.isupper() and not _TITLE_WORDS.search(follow) and len(follow) < 60:
                    parts.append(follow)
                else:
                    break
            return " ".join(parts).title().replace(" Dan ", " dan ")
    return None


# A title is printed over several short lines; read them as one text.
TITLE_BLOCK_LINES = 12
MAX_TITLE_LINE = 120


def _jenis_and_year(lines: Sequence[str]) -> tuple[str | None, int | None]:
    short = [t.strip() for t in lines if len(t.strip()) <= MAX_TITLE_LINE]
    block = " ".join(short[:TITLE_BLOCK_LINES])
    match = _TITLE_WORDS.search(block)
    candidates = [block[match.start() : match.start() + 90]] if match else []
    candidates += [t for t in lines if _TITLE_WORDS.search(t)]
    for text in candidates:
        upper = text.upper()
        if "RINCIAN BELANJA" in upper or re.search(r"\bRKA\b", upper):
            jenis = "RKA"
        elif re.search(r"\bDPA\b|DOKUMEN PELAKSANAAN ANGGARAN", upper):
            jenis = "DPA"
        elif "RKPD" in upper or "RENCANA KERJA PEMERINTAH DAERAH" in upper:
            jenis = "RKPD"
        elif "PERUBAHAN" in upper:
            jenis = "Renja Perubahan"
        else:
            jenis = "Renja"
        year = _TITLE_YEAR.search(block) or _YEAR.search(text)
        return jenis, int(year.group(1)) if year else None
    return None, None


def split_unit_code(skpd: str | None) -> tuple[str | None, str | None]:
    """An SKPD name and the SIPD unit code printed before it.

    >>> split_unit_code("1.05.0.00.0.00.03.0000 Satuan Polisi Pamong Praja")
    ('Satuan Polisi Pamong Praja', '1.05.0.00.0.00.03.0000')
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


def read_meta(lines: Sequence[str], running: Sequence[str] = ()) -> DocumentMeta:
    """Document metadata from its text lines (headings and prose, tables excluded) and its
    running heads (``running``: lines printed on every page, which name the document itself
    even when its title page is a scan).

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
    running = [t.strip() for t in running if t.strip()]
    text = [t for t in lines[:TITLE_LINES] if t.strip() and not _LEADERS.search(t)]
    head = running + text
    pemda, jenis_pemda = _pemda(head, running)
    jenis, tahun = _jenis_and_year(head)
    titles = [t for t in text if not _SECTION.match(t.strip())] + running
    title = next((t.strip() for t in titles if _TITLE_WORDS.search(t)), None)
    skpd, kode_skpd = split_unit_code(_skpd(text, lines, running))
    kode_pemda = province_code(pemda)
    return DocumentMeta(
        title=title,
        pemda=pemda,
        skpd=skpd,
        tahun=tahun,
        jenis=jenis,
        jenis_pemda=jenis_pemda,
        kode_pemda=kode_pemda,
        kode_skpd=kode_skpd,
        sources={"kode_pemda": "daftar_provinsi"} if kode_pemda else {},
    )


def document_meta(
    lines: Sequence[str], tables: Sequence[RawTable], running: Sequence[str] = ()
) -> DocumentMeta:
    """A document's metadata from its text lines and running heads, with the plan year its
    table headers name when the text names none."""
    meta = read_meta(lines, running)
    fill_year_from_tables(meta, tables)
    return meta


def fill_year_from_tables(meta: DocumentMeta, tables: Sequence[RawTable]) -> None:
    """A document whose text names no year takes the plan year its table headers name."""
    if meta.tahun is not None:
        return
    headers = [c for t in tables for r in t.rows if r.role is RowRole.HEADER for c in r.cells]
    meta.tahun = year_from_headers(headers + [t.caption for t in tables])
    if meta.tahun is not None:
        meta.sources["tahun"] = "tabel"
