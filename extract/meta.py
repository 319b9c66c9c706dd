"""What a document says about itself: pemda, SKPD, year and document type, from its own text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from renja.records import DocumentMeta

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
_TITLE_WORDS = re.compile(r"\b(RENJA|RENCANA KERJA|RKPD|RKA|DPA|RINCIAN BELANJA)\b", re.IGNORECASE)


def _pemda(lines: Sequence[str]) -> tuple[str | None, str | None]:
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
        match = _PEMDA_TAIL.search(text.strip())
        if match and text.strip().isupper():
            kind = match.group(1)
            return f"{kind.title()} {' '.join(match.group(2).split()).title()}", (
                "prov" if kind == "PROVINSI" else "kabkota"
            )
    return None, None


def _skpd(lines: Sequence[str], all_lines: Sequence[str]) -> str | None:
    for text in all_lines:
        match = _SKPD_LABEL.match(text.strip())
        if match and len(match.group(1)) > 3:
            return " ".join(match.group(1).split()).strip(" .")
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


def read_meta(lines: Sequence[str]) -> DocumentMeta:
    """Document metadata from its text lines (headings and prose, tables excluded).

    >>> m = read_meta(["PEMERINTAH KOTA BANJARBARU", "BADAN KEPEGAWAIAN", "DAN PENGEMBANGAN",
    ...                "RENJA PERUBAHAN 2024"])
    >>> (m.pemda, m.jenis_pemda, m.skpd, m.jenis, m.tahun)
    ('Kota Banjarbaru', 'kabkota', 'Badan Kepegawaian dan Pengembangan', 'Renja Perubahan', 2024)
    >>> m = read_meta(["RENJA BIDANG BINA KONSTRUKSI", "TAHUN ANGGARAN 2025",
    ...                "DINAS PEKERJAAN UMUM PROVINSI KALIMANTAN TIMUR"])
    >>> (m.pemda, m.jenis_pemda, m.tahun)
    ('Provinsi Kalimantan Timur', 'prov', 2025)
    """
    head = [t for t in lines[:TITLE_LINES] if t.strip()]
    pemda, jenis_pemda = _pemda(head)
    jenis, tahun = _jenis_and_year(head)
    title = next((t.strip() for t in head if _TITLE_WORDS.search(t)), head[0] if head else None)
    return DocumentMeta(
        title=title,
        pemda=pemda,
        skpd=_skpd(head, lines),
        tahun=tahun,
        jenis=jenis,
        jenis_pemda=jenis_pemda,
    )
