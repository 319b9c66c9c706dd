"""How a document names its tables: the number it prints (``Tabel IV.1``) and its title.

Internal ids (``t19_rencana_program``) are keys; people are shown the names the document prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from renja.model.records import Finding, RawTable

# "Tabel 2. 1.", "Table 2.5", "Tabel. 4", "Tabel III.1", "TABEL 5.3a": the word, then a number of
# arabic or roman parts joined by dots or dashes.
_NUMBER = (
    r"(?:tabel|table|tab)\s*\.?\s*"
    r"((?:\d{1,3}|(?-i:[IVXL]{1,6})\b)(?:\s*[.\-]\s*(?:\d{1,3}|(?-i:[IVXL]{1,6})|[A-Za-z])\b)*)"
    r"\s*\.?\s*"
)
_NUMBERED = re.compile(r"^\s*" + _NUMBER, re.IGNORECASE)
# The same number later in a caption the reader joined to the prose above it ("… dapat dilihat
# pada Tabel II.3 Review terhadap …"): text right above a table names the table below it.
_MENTIONED = re.compile(r"(?<!\w)" + _NUMBER, re.IGNORECASE)
# A caption longer than this is a paragraph the reader took for one: cut for display.
MAX_TITLE = 90


def printed_number(caption: str) -> str | None:
    """The table number a caption prints, written the usual way.

    >>> [printed_number(c) for c in ["Tabel 2. 1. Perjanjian Kinerja", "Table 2.5 Komposisi",
    ...                              "Tabel. 4 Data Satlinmas", "TABEL III.1 Tujuan", "Rincian"]]
    ['Tabel 2.1', 'Tabel 2.5', 'Tabel 4', 'Tabel III.1', None]
    >>> printed_number("Tabel ini memuat"), printed_number("Tabel Lampiran I")
    (None, None)
    >>> printed_number("pagu indikatif dapat dilihat pada Tabel II.3 Review terhadap RKPD")
    'Tabel II.3'
    """
    match = _numbered(caption)
    if not match:
        return None
    number = re.sub(r"\s+", "", match.group(1)).rstrip(".-")
    return f"Tabel {number.upper() if _is_roman(number) else number}" if number else None


def _numbered(caption: str) -> re.Match[str] | None:
    """The number a caption opens with, else the last one it mentions."""
    caption = caption or ""
    opening = _NUMBERED.match(caption)
    if opening:
        return opening
    mentions = list(_MENTIONED.finditer(caption))
    return mentions[-1] if mentions else None


def _is_roman(number: str) -> bool:
    return bool(re.fullmatch(r"[IVXLivxl]+(?:[.\-].*)?", number))


def printed_title(caption: str) -> str:
    """The caption without its number, cut to a readable length.

    >>> printed_title("Tabel 2. 1. Perjanjian Kinerja yang memuat IKU")
    'Perjanjian Kinerja yang memuat IKU'
    >>> printed_title("pagu indikatif dapat dilihat pada Tabel II.3 Review terhadap RKPD")
    'Review terhadap RKPD'
    """
    match = _numbered(caption)
    title = " ".join((caption[match.end() :] if match else caption or "").split())
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"


def table_name(table_id: str, caption: str) -> str:
    """What a person is shown for a table: its printed number and title, its caption alone, or
    (with no caption) its id.

    >>> table_name("t19_rencana_program", "Tabel IV.1 Rencana Kerja dan Pendanaan")
    'Tabel IV.1 — Rencana Kerja dan Pendanaan'
    >>> table_name("t03_tabel", ""), table_name("t05_tabel", "Rincian Belanja Sub Kegiatan")
    ('t03_tabel', 'Rincian Belanja Sub Kegiatan')
    """
    number, title = printed_number(caption), printed_title(caption)
    if number:
        return f"{number} — {title}" if title else number
    return title or table_id


def shorten(name: str, width: int) -> str:
    """A name cut to ``width`` characters for a narrow place, an ellipsis where it was cut.

    >>> shorten("Tabel IV.1 — Rumusan Rencana Program dan Kegiatan", 24)
    'Tabel IV.1 — Rumusan Re…'
    >>> shorten("Tabel 2.1", 24)
    'Tabel 2.1'
    """
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def name_findings(findings: Iterable[Finding], tables: Iterable[RawTable]) -> list[Finding]:
    """The findings, each with the printed name of its table (``table_name``).

    >>> from renja.model.checks import JUMLAH_TOTAL
    >>> table = RawTable("t20_rencana_program", "Tabel IV.1 Rumusan Rencana Program", (), "test")
    >>> found = Finding(JUMLAH_TOTAL, JUMLAH_TOTAL.severity, "…", table="t20_rencana_program")
    >>> [f.table_name for f in name_findings([found], [table])]
    ['Tabel IV.1 — Rumusan Rencana Program']
    """
    names = {table.table_id: table_name(table.table_id, table.caption) for table in tables}
    return [replace(f, table_name=names[f.table]) if f.table in names else f for f in findings]


__all__ = ["name_findings", "printed_number", "printed_title", "shorten", "table_name"]
