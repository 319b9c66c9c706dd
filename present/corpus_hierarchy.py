"""The hierarchy columns of the corpus: on every row, the urusan, bidang, program, kegiatan and sub
kegiatan it belongs to, each by code and name, as SIPD exports flatten them.

A row's codes come from its own code (``5.03.02.2.01.0003`` is under program ``5.03.02``), or, for
a row without one (an indicator line, an account line), from the nearest coded row above it in
the hierarchy (``induk``). Names come from the document itself, first as the nomenclature names
the row (``uraian_nomenklatur``: the official name renja matched it to), then as the document
prints it (``uraian``); a level the document never prints takes its name from the nomenclature
when one is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from renja.model.kode import LEVELS, Kode
from renja.model.missing import is_missing

if TYPE_CHECKING:
    from renja.normalize.nomenclature import Nomenclature

# The columns, level by level: kode_urusan, nama_urusan, …, kode_sub_kegiatan, nama_sub_kegiatan.
HIERARCHY = tuple(f"{part}_{level}" for level in LEVELS for part in ("kode", "nama"))
NAME_SOURCES = ("uraian_nomenklatur", "uraian")  # best first


def _text(value: Any) -> str | None:
    if is_missing(value):
        return None
    text = str(value).strip()
    return text or None


def document_names(frames: Iterable[pd.DataFrame]) -> dict[str, str]:
    """Each code a document's tables print, with its name: the nomenclature's when the row was
    matched, else as printed; the first table and row that name it win.

    >>> frame = pd.DataFrame({"kode": ["5.03", "5.03.02", "5.03.02"],
    ...     "uraian": ["BIDANG KEPEGAWAIAN", "Program X", "Program X lagi"],
    ...     "uraian_nomenklatur": ["Kepegawaian", None, None]})
    >>> document_names([frame])
    {'5.03': 'Kepegawaian', '5.03.02': 'Program X'}
    """
    names: dict[str, str] = {}
    for frame in frames:
        if "kode" not in frame.columns:
            continue
        sources = [frame[c] for c in NAME_SOURCES if c in frame.columns]
        for position, kode in enumerate(frame["kode"]):
            code = _text(kode)
            if code is None or code in names:
                continue
            name = next((n for s in sources if (n := _text(s.iloc[position]))), None)
            if name is not None:
                names[code] = name
    return names


def row_codes(frame: pd.DataFrame) -> list[str | None]:
    """Each row's own code, else that of its nearest coded ancestor (``induk``: the parent row's
    ``baris``).

    >>> frame = pd.DataFrame({"baris": [1, 2, 3], "kode": ["5.03.02", None, None],
    ...                       "induk": [None, 1, 2]})
    >>> row_codes(frame)
    ['5.03.02', '5.03.02', '5.03.02']
    """
    if "kode" not in frame.columns:
        return [None] * len(frame)
    own = [_text(k) for k in frame["kode"]]
    if "induk" not in frame.columns or "baris" not in frame.columns:
        return own
    by_row = {_int(b): k for b, k in zip(frame["baris"], own, strict=True)}
    parent_of = {_int(b): _int(p) for b, p in zip(frame["baris"], frame["induk"], strict=True)}
    out: list[str | None] = []
    for baris, code in zip(frame["baris"], own, strict=True):
        row, seen = _int(baris), set()
        while code is None and row is not None and row not in seen:
            seen.add(row)
            row = parent_of.get(row)
            code = by_row.get(row) if row is not None else None
        out.append(code)
    return out


def _int(value: Any) -> int | None:
    try:
        return None if is_missing(value) else int(value)
    except (TypeError, ValueError):
        return None


def hierarchy_of(
    code: str | None,
    names: Mapping[str, str],
    reference: Nomenclature | None = None,
    jenis_pemda: str | None = None,
) -> dict[str, str | None]:
    """The hierarchy columns of one code: every level down to its own, by code and name.

    >>> names = {"5.03.02": "Program Pengembangan SDM"}
    >>> row = hierarchy_of("5.03.02.2.01", names)
    >>> row["kode_bidang"], row["kode_program"], row["nama_program"], row["kode_sub_kegiatan"]
    ('5.03', '5.03.02', 'Program Pengembangan SDM', None)
    >>> hierarchy_of("abc", names)["kode_urusan"] is None
    True
    """
    out: dict[str, str | None] = dict.fromkeys(HIERARCHY)
    kode = Kode.from_cell(code) if code else None
    if kode is None or kode.level not in LEVELS:
        return out
    for level in LEVELS[: LEVELS.index(kode.level) + 1]:
        part = kode.at(level)
        if part is None:
            continue
        text = part.text
        out[f"kode_{level}"] = text
        out[f"nama_{level}"] = names.get(text) or _reference_name(text, reference, jenis_pemda)
    return out


def _reference_name(code: str, reference: Nomenclature | None, jenis: str | None) -> str | None:
    if reference is None:
        return None
    entry = reference.get(code, jenis_pemda=jenis)
    return entry.name if entry is not None else None


def hierarchy_frame(
    frame: pd.DataFrame,
    names: Mapping[str, str],
    reference: Nomenclature | None = None,
    jenis_pemda: str | None = None,
) -> pd.DataFrame:
    """The hierarchy columns of every row of a clean table (same index)."""
    cache: dict[str | None, dict[str, str | None]] = {}
    rows = []
    for code in row_codes(frame):
        if code not in cache:
            cache[code] = hierarchy_of(code, names, reference, jenis_pemda)
        rows.append(cache[code])
    return pd.DataFrame(rows, index=frame.index, columns=list(HIERARCHY))


__all__ = ["HIERARCHY", "document_names", "hierarchy_frame", "hierarchy_of", "row_codes"]
