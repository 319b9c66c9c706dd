"""A labelled set for nomenclature matching, taken from the real documents' printed codes.

Run from the repository root (``benchmarks/match_eval.py --real`` runs it for you)::

    .venv/bin/python benchmarks/real_labels.py [--refresh] [--out FILE]

Every real document in ``../shared/samples/real/`` and the sample in ``../shared/samples/`` is
processed with renja; each data row that prints a program, kegiatan or sub kegiatan code gives
a free label:

- the printed code is in the document's list (its version and pemda type) and its name there
  agrees with the row's name (``AGREEMENT``: rapidfuzz ``token_sort_ratio`` of the lower-case
  words, independent of renja's matcher): the label is that code;
- the printed code is in no list and was not renumbered, and no entry of the list has the
  row's name: the list has no such item, and a matcher must say "not sure" (empty ``expected``);
- anything else (a code whose name differs: the document or the list may be wrong) is left out.

Each label is written twice: matched within the code's bidang (``real_bidang``, what renja
does with an uncoded row of a document whose bidang it knows) and without any context
(``real_tanpa_konteks``, what ``renja match NAME`` does). Rows are the columns of
``tests/data/match_labelled.csv`` plus ``pemda`` and ``versi``.

The documents are never copied: the labels are made at run time and cached in
``benchmarks/.cache/`` (ignored by git), keyed by the documents and renja's source files.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DOCUMENTS = (SHARED / "samples" / "real", SHARED / "samples")
SUFFIXES = (".pdf", ".md")
CACHE = REPO / "benchmarks" / ".cache"
SOURCE_FOLDERS = ("core", "model", "extract", "normalize")
COLUMNS = ("text", "level", "within", "expected", "source", "kind", "pemda", "versi", "evidence")
MATCHED_LEVELS = ("program", "kegiatan", "sub_kegiatan")
# A printed name agrees with its code's name at this token_sort_ratio of the plain words: OCR
# typos and a dropped small word pass, another item's name does not.
AGREEMENT = 90


def documents() -> list[Path]:
    """The real documents and the sample (its Markdown; the PDF is the same document)."""
    found = []
    for folder in DOCUMENTS:
        if folder.is_dir():
            found += sorted(
                p for p in folder.iterdir()
                if p.suffix in SUFFIXES and p.stem.upper() not in ("SOURCE", "README")
                and not (p.suffix == ".pdf" and p.with_suffix(".md").exists())
            )  # fmt: skip
    return found


def plain(text: str) -> str:
    """Lower-case words, for the agreement test.

    >>> plain("PROGRAM PENUNJANG URUSAN, Kab/Kota")
    'program penunjang urusan kab kota'
    """
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def agrees(printed: str, reference: str) -> bool:
    return fuzz.token_sort_ratio(plain(printed), plain(reference)) >= AGREEMENT


def labels_from_result(result: Any, nomenclature: Any) -> list[dict[str, str]]:
    """The labelled rows one processed document gives (see the module's docstring)."""
    from renja.model.kode import Kode
    from renja.normalize.names import name_part

    if result.nomenclature is None:
        return []
    version = result.nomenclature["version"]
    pemda = result.document.meta.jenis_pemda or "kabkota"
    names = _names(nomenclature, version, pemda)
    rows: list[dict[str, str]] = []
    for table in result.tables:
        frame = table.frame
        if not {"kode", "kode_cetak", "uraian", "jenis_baris"} <= set(frame.columns):
            continue
        for record in frame.to_dict("records"):
            code, text = record.get("kode"), record.get("uraian")
            if record.get("jenis_baris") != "data" or not isinstance(record.get("kode_cetak"), str):
                continue
            kode = Kode.from_cell(code)
            if kode is None or kode.level not in MATCHED_LEVELS or not isinstance(text, str):
                continue
            name = name_part(text)
            expected = _expected(nomenclature, kode, name, version, pemda, names)
            if expected is None:
                continue
            source = f"real:{result.doc_id}:{table.table_id}:{record.get('baris')}"
            bidang = kode.bidang.text if kode.bidang is not None else ""
            # Without context a support-program entry (X.XX.01…) can only be named generically.
            generic = _generic_entry(nomenclature, expected, version, pemda)
            for kind, within, answer in (
                ("real_bidang", bidang, expected),
                ("real_tanpa_konteks", "", generic or expected),
            ):
                rows.append({
                    "text": name, "level": kode.level or "", "within": within,
                    "expected": answer, "source": source, "kind": kind, "pemda": pemda,
                    "versi": version, "evidence": "",
                })  # fmt: skip
    return rows


def _generic_entry(nomenclature: Any, code: str, version: str, pemda: str) -> str | None:
    """The generic ``X.XX`` code a concrete code is written as in the list, else None."""
    entry = nomenclature.get(code, version=version, jenis_pemda=pemda) if code else None
    return entry.code if entry is not None and entry.code.startswith("X.") else None


def _expected(
    nomenclature: Any, kode: Any, name: str, version: str, pemda: str, names: set[str]
) -> str | None:
    """The label of one printed code and name: the code, '' (no such item), or None (unsure)."""
    entry = nomenclature.get(kode.text, version=version, jenis_pemda=pemda)
    if entry is not None:
        return kode.text if agrees(name, entry.name) else None
    if nomenclature.renumbered_from(kode.text, jenis_pemda=pemda) is not None:
        return None
    known = any(nomenclature.get(kode.text, version=v, jenis_pemda=pemda)
                for v in nomenclature.versions())  # fmt: skip
    if known or plain(name) in names or len(name.split()) < 3:
        return None
    return ""


def _names(nomenclature: Any, version: str, pemda: str) -> set[str]:
    """The plain names of a list's entries, and the names its entries had before renumbering
    (a name that was renamed has a successor, so it is no label for "not in the list")."""
    entries = nomenclature.select(version=version, jenis_pemda=pemda)
    return {plain(n) for e in entries for n in (e.name, e.previous_name) if n}


def unique(rows: Iterable[dict[str, str]]) -> Iterator[dict[str, str]]:
    """Rows without repeats of the same name, context and answer (tables repeat rows)."""
    seen: set[tuple[str, ...]] = set()
    for row in rows:
        key = tuple(row[c] for c in COLUMNS if c != "source")
        if key not in seen:
            seen.add(key)
            yield row


def cache_file(paths: list[Path]) -> Path:
    """The cache file of these documents and of renja's current source files."""
    digest = hashlib.sha256()
    for path in paths:
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for folder in SOURCE_FOLDERS:
        for source in sorted((REPO / folder).rglob("*")):
            if source.is_file() and source.suffix in (".py", ".csv", ".txt"):
                digest.update(source.read_bytes())
    return CACHE / f"real_labelled-{digest.hexdigest()[:16]}.csv"


def build(refresh: bool = False) -> Path:
    """The labelled CSV of the real documents, made (about a minute) or taken from the cache."""
    paths = documents()
    if not paths:
        raise SystemExit(f"no documents in {', '.join(str(d) for d in DOCUMENTS)}")
    target = cache_file(paths)
    if target.exists() and not refresh:
        return target
    import renja
    from renja.normalize.nomenclature import load_nomenclature

    nomenclature = load_nomenclature()
    rows: list[dict[str, str]] = []
    for path in paths:
        print(f"labels: {path.name}", file=sys.stderr)
        rows += labels_from_result(renja.process(path, nomenclature=nomenclature), nomenclature)
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(unique(rows))
    partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--refresh", action="store_true", help="process the documents again")
    parser.add_argument("--out", type=Path, help="also copy the labelled CSV here")
    args = parser.parse_args(argv)
    target = build(args.refresh)
    if args.out:
        args.out.write_bytes(target.read_bytes())
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
