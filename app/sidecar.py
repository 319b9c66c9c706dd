"""The metadata sidecar: a CSV that corrects what documents say about themselves.

One row per document, keyed by its file name (``renja-2025.pdf``) or its id; any of the columns
``pemda, kode_pemda, skpd, kode_skpd, tahun, jenis, jenis_pemda`` may be given, and an empty
cell leaves the document's own value. Every corrected field is marked ``sidecar`` in the
manifest's ``meta.sumber``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from renja.model.errors import InputError
from renja.model.i18n import _, ngettext
from renja.model.records import DocumentMeta

FIELDS = DocumentMeta.FIELDS
KEY = "file"
JENIS_PEMDA = ("prov", "kabkota")


def read_sidecar(path: Path) -> dict[str, dict[str, str]]:
    """Corrections by document key (file name and id, lower case). One-line errors."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            rows = list(reader)
    except OSError as exc:
        raise InputError(
            _("{path}: the metadata sidecar cannot be read ({reason})").format(
                path=path, reason=exc.strerror
            )
        ) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(
            _("{path}: the metadata sidecar is not a UTF-8 CSV ({reason})").format(
                path=path, reason=exc
            )
        ) from None
    if KEY not in columns:
        raise InputError(
            _("{path}: the metadata sidecar needs a '{key}' column").format(path=path, key=KEY)
        )
    unknown = [c for c in columns if c != KEY and c not in FIELDS]
    if unknown:
        raise InputError(
            _("{path}: unknown sidecar columns {unknown}; expected {expected}").format(
                path=path, unknown=", ".join(unknown), expected=", ".join(FIELDS)
            )
        )
    out: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows, start=2):
        key = (row.get(KEY) or "").strip().lower()
        if not key:
            raise InputError(
                _("{path}: line {number} names no file").format(path=path, number=number)
            )
        values = {f: v.strip() for f, v in row.items() if f in FIELDS and v and v.strip()}
        check_values(values, _("{path}: line {number}").format(path=path, number=number))
        out[key] = values
    return out


def check_values(values: Mapping[str, str], where: str) -> None:
    """Refuse values the manifest could not hold.

    >>> check_values({"tahun": "2025", "jenis_pemda": "prov"}, "x")
    >>> check_values({"tahun": "dua"}, "meta.csv: baris 2")
    Traceback (most recent call last):
    renja.model.errors.InputError: meta.csv: baris 2: tahun harus tahun seperti 2025, bukan 'dua'
    """
    tahun = values.get("tahun")
    if tahun is not None and not (tahun.isdigit() and len(tahun) == 4):
        raise InputError(
            _("{where}: tahun must be a year such as 2025, not {value!r}").format(
                where=where, value=tahun
            )
        )
    jenis_pemda = values.get("jenis_pemda")
    if jenis_pemda is not None and jenis_pemda not in JENIS_PEMDA:
        raise InputError(
            _("{where}: jenis_pemda must be prov or kabkota, not {value!r}").format(
                where=where, value=jenis_pemda
            )
        )


def corrections_for(
    sidecar: Mapping[str, dict[str, str]], path: Path, doc_id: str
) -> dict[str, str]:
    """The sidecar row of one document: by file name, else by id."""
    return dict(sidecar.get(path.name.lower()) or sidecar.get(doc_id.lower()) or {})


def unmatched_rows(
    sidecar: Mapping[str, dict[str, str]], documents: Iterable[tuple[Path, str]]
) -> list[str]:
    """The sidecar's keys that name none of the documents (their file names and ids), sorted.

    >>> documents = [(Path("x/A.pdf"), "a"), (Path("b.md"), "b")]
    >>> unmatched_rows({"a.pdf": {}, "b": {}, "c.md": {}}, documents)
    ['c.md']
    """
    names = {name.lower() for path, doc_id in documents for name in (path.name, doc_id)}
    return sorted(key for key in sidecar if key not in names)


def unmatched_warning(path: Path, keys: Sequence[str]) -> str | None:
    """One line about sidecar rows that correct no document of the run, or None when every row
    names one.

    >>> print(unmatched_warning(Path("meta.csv"), ["renja-2025.pdf"]))
    meta.csv: 1 baris --meta tidak cocok dengan dokumen masukan mana pun ('renja-2025.pdf'); isi
    kolom file dengan nama berkas atau id dokumen
    """
    if not keys:
        return None
    named = ", ".join(repr(key) for key in keys)
    return ngettext(
        "{path}: {n} --meta row matches no input document ({named}); fill its column {key} with "
        "a file name or a document id",
        "{path}: {n} --meta rows match no input document ({named}); fill their column {key} with "
        "a file name or a document id",
        len(keys),
    ).format(path=path, n=len(keys), named=named, key=KEY)


def apply_corrections(meta: DocumentMeta, values: Mapping[str, str]) -> DocumentMeta:
    """The metadata with the corrected fields set and marked as the sidecar's.

    >>> meta = DocumentMeta(pemda="Kota Banjarbaru", tahun=None)
    >>> fixed = apply_corrections(meta, {"tahun": "2024", "kode_pemda": "63.72"})
    >>> fixed.tahun, fixed.kode_pemda, fixed.sources, meta.tahun
    (2024, '63.72', {'tahun': 'sidecar', 'kode_pemda': 'sidecar'}, None)
    """
    # names of DocumentMeta.FIELDS (read_sidecar checks), each a text field but the year
    changes: dict[str, Any] = {
        name: int(value) if name == "tahun" else value for name, value in values.items()
    }
    sources = {**meta.sources, **dict.fromkeys(values, "sidecar")}
    return replace(meta, **changes, sources=sources)


__all__ = [
    "apply_corrections",
    "check_values",
    "corrections_for",
    "read_sidecar",
    "unmatched_rows",
    "unmatched_warning",
]
