"""Document-wide facts the cell readers need: which bidang a generic ``X.XX`` code stands for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from renja.extract.shapes import Shape, sniff
from renja.model.kode import KABKOTA_CLASS, PROVINSI_CLASS, Kode
from renja.model.records import RawTable, RowRole
from renja.normalize.kode import parse_kode, split_kode_uraian

# Codes sit in the first cells of a row; looking further only finds amounts.
CODE_CELLS = 2


def printed_codes(tables: Iterable[RawTable]) -> list[str]:
    """Canonical Permendagri 90 codes printed in the code cells of the document's tables."""
    codes: list[str] = []
    for table in tables:
        for row in table.rows:
            if row.role is not RowRole.BODY:
                continue
            for cell in row.cells[:CODE_CELLS]:
                if sniff(cell) is not Shape.CODE:
                    continue
                code_text, _ = split_kode_uraian(cell.strip())
                parsed = parse_kode(code_text) if code_text else None
                if parsed and parsed.value is not None and parsed.value.scheme == "p90":
                    codes.append(parsed.value.canonical)
    return codes


def program_bidang(codes: Iterable[str]) -> dict[str, str]:
    """For each program number, the one bidang it sits under in this document.

    ``X.XX.01`` (the support program every SKPD has) is printed generically; it means the
    document's own bidang. A program number found under two bidang is ambiguous and left out.

    >>> program_bidang(["5.03.01.2.01", "5.03.02", "5.04.02.2.01.0003"])
    {'01': '5.03'}
    """
    seen: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        kode = Kode.parse(code)
        bidang = kode.bidang
        if bidang is not None and len(kode.segments) >= 3 and not kode.is_generic:
            seen[kode.segments[2]].add(bidang.text)
    return {program: next(iter(b)) for program, b in sorted(seen.items()) if len(b) == 1}


def document_bidang(codes: Iterable[str]) -> list[str]:
    """The bidang codes a document's printed codes fall under, in order of first appearance.

    >>> document_bidang(["5.03", "5.03.01.2.01", "5.04.02", "X.XX.01"])
    ['5.03', '5.04']
    """
    out: list[str] = []
    for code in codes:
        bidang = Kode.parse(code).bidang
        if bidang is not None and not bidang.is_generic and bidang.text not in out:
            out.append(bidang.text)
    return out


def kegiatan_prefix(codes: Iterable[str], jenis_pemda: str | None) -> str | None:
    """The 4th code segment of this document's kegiatan: ``2`` kab/kota, ``1`` provinsi.

    The document's own statement wins; otherwise the kegiatan codes it prints decide.

    >>> kegiatan_prefix(["5.03.01.2.01", "5.03.02.2.01.0002"], None)
    '2'
    >>> kegiatan_prefix([], "prov")
    '1'
    """
    if jenis_pemda in PREFIX_BY_PEMDA:
        return PREFIX_BY_PEMDA[jenis_pemda]
    counts: dict[str, int] = defaultdict(int)
    for code in codes:
        kegiatan_class = Kode.parse(code).kegiatan_class
        if kegiatan_class is not None and kegiatan_class in PREFIX_BY_PEMDA.values():
            counts[kegiatan_class] += 1
    return max(counts, key=counts.__getitem__) if counts else None


# The kegiatan segment's first digit by the type of pemda (Permendagri 90).
PREFIX_BY_PEMDA = {"kabkota": KABKOTA_CLASS, "prov": PROVINSI_CLASS}
JENIS_BY_PREFIX = {v: k for k, v in PREFIX_BY_PEMDA.items()}
