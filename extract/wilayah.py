"""The Kemendagri list of provinces and kabupaten/kota: their codes, and names matched tolerantly.

The list (``kode_wilayah_prov_kabkota.csv``: ``kode, nama, tingkat``) is reference data kept
outside the repository, like the nomenclature. ``wilayah_path`` finds it: an explicit path, else
``$RENJA_WILAYAH``, else ``../shared/reference/wilayah`` next to the current folder or next to the
repository. Metadata is best effort, so a missing or unreadable list is a warning
(``find_regions`` returns the reason in Indonesian), never an error.

Names match whatever their case, spacing and punctuation, with the usual abbreviations
(``Kab.``, ``Kep.``, ``Adm.``, ``DKI``, ``D.I.``); a name that fits two regions matches none.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import renja.model
from renja.model.i18n import N_, _

ENV_VAR = "RENJA_WILAYAH"
FILE = "kode_wilayah_prov_kabkota.csv"
COLUMNS = ("kode", "nama", "tingkat")
SHARED_FOLDER = ("shared", "reference", "wilayah")

PROVINSI, KABUPATEN, KOTA = "provinsi", "kabupaten", "kota"
KINDS = (PROVINSI, KABUPATEN, KOTA)

WHAT_TO_PROVIDE = N_(
    "give the folder holding {file} (or that file itself) with --wilayah PATH or {variable}"
)


def what_to_provide() -> str:
    """The end of every message about the list: how to give it."""
    return _(WHAT_TO_PROVIDE).format(file=FILE, variable=ENV_VAR)

# Words a name is written with or without, and abbreviations written out: the keys of
# 'Kota Adm. Jakarta Pusat' and 'Kota Administrasi Jakarta Pusat' are one key, and so are those of
# 'DKI Jakarta', 'Daerah Khusus Ibukota Jakarta' and 'Daerah Khusus Jakarta' (its name since 2024).
_DROPPED = frozenset({"adm", "administrasi", "ibukota"})
_EXPANDED = {"dki": "daerah khusus", "diy": "daerah istimewa yogyakarta", "kep": "kepulauan"}
_KIND_WORDS = {
    "provinsi": PROVINSI, "propinsi": PROVINSI, "prov": PROVINSI,
    "kabupaten": KABUPATEN, "kab": KABUPATEN, "kota": KOTA,
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Region:
    """One province or kabupaten/kota of the list."""

    kode: str  # '63' (a province), '63.72' (a kabupaten/kota)
    nama: str  # as listed: 'Kalimantan Selatan', 'Kota Banjarbaru'
    tingkat: str  # 'provinsi' | 'kabupaten' | 'kota'

    @property
    def pemda(self) -> str:
        """The pemda's full name: ``Provinsi Kalimantan Selatan``, ``Kota Banjarbaru``."""
        return f"Provinsi {self.nama}" if self.tingkat == PROVINSI else self.nama

    @property
    def jenis_pemda(self) -> str:
        return "prov" if self.tingkat == PROVINSI else "kabkota"


def name_key(name: str) -> str:
    """A region's name as compared: lower case, letters only, abbreviations written out.

    >>> name_key("Administrasi Jakarta  Utara ") == name_key("ADM. JAKARTA UTARA")
    True
    >>> name_key("DKI Jakarta") == name_key("Daerah Khusus Ibukota Jakarta")
    True
    >>> name_key("D.I. Yogyakarta"), name_key("Kep. Siau Tagulandang Biaro")
    ('daerahistimewayogyakarta', 'kepulauansiautagulandangbiaro')
    >>> name_key("Toli-Toli") == name_key("Tolitoli") == name_key("TOLI TOLI")
    True
    """
    words = _WORD.findall(name.lower().replace("d.i.", "di ").replace("ibu kota", "ibukota"))
    if words[:2] == ["di", "yogyakarta"]:
        words = ["diy", *words[2:]]
    words = [_EXPANDED.get(w, w) for w in words if w not in _DROPPED]
    return "".join(w.replace(" ", "") for w in words)


def split_kind(name: str) -> tuple[str | None, str]:
    """The kind a name starts with (``Kab.``, ``Kota``, ``Provinsi``) and the rest of it.

    >>> split_kind("Kab. Katingan"), split_kind("Kota Banjarbaru"), split_kind("Aceh")
    (('kabupaten', 'Katingan'), ('kota', 'Banjarbaru'), (None, 'Aceh'))
    """
    match = re.match(r"\s*([^\W\d_]+)\.?\s+(.*)$", name)
    if match and match.group(1).lower() in _KIND_WORDS:
        return _KIND_WORDS[match.group(1).lower()], match.group(2).strip()
    return None, name.strip()


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a name found in the list: one region, several (ambiguous), or none."""

    regions: tuple[Region, ...]

    @property
    def region(self) -> Region | None:
        return self.regions[0] if len(self.regions) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.regions) > 1


@dataclass(frozen=True, slots=True)
class Regions:
    """The list, indexed by kind and name key."""

    source: str
    by_key: Mapping[tuple[str, str], tuple[Region, ...]]

    def find(self, kind: str | None, name: str) -> Lookup:
        """The regions of this kind (any kind when None) whose name key is the name's.

        >>> regions = regions_from_rows([("63", "Kalimantan Selatan", "provinsi"),
        ...     ("63.72", "Kota Banjarbaru", "kota"), ("32.01", "Kabupaten Bogor", "kabupaten"),
        ...     ("32.71", "Kota Bogor", "kota")])
        >>> regions.find("kota", "BANJAR BARU").region.kode
        '63.72'
        >>> regions.find(None, "Bogor").ambiguous, regions.find("provinsi", "Dimana").regions
        (True, ())
        """
        key = name_key(name)
        kinds = (kind,) if kind else KINDS
        return Lookup(tuple(r for k in kinds for r in self.by_key.get((k, key), ())))

    def words(self) -> frozenset[str]:
        """Every lower-case word of the names (a vocabulary for rejoining split names)."""
        return frozenset(
            w.lower() for rs in self.by_key.values() for r in rs for w in _WORD.findall(r.nama)
        )


def regions_from_rows(rows: Iterable[tuple[str, str, str]], source: str = "") -> Regions:
    """The index of (kode, nama, tingkat) rows; kab/kota names are listed with their kind."""
    index: dict[tuple[str, str], list[Region]] = {}
    for kode, nama, tingkat in rows:
        region = Region(kode.strip(), " ".join(nama.split()), tingkat.strip().lower())
        if region.tingkat not in KINDS:
            continue
        name = region.nama if region.tingkat == PROVINSI else split_kind(region.nama)[1]
        index.setdefault((region.tingkat, name_key(name)), []).append(region)
    return Regions(source, {k: tuple(v) for k, v in index.items()})


class WilayahUnavailable(Exception):
    """The list cannot be used; the message (Indonesian) says what is missing and what to do."""


def wilayah_path(explicit: str | Path | None = None) -> Path:
    """The list's CSV: ``explicit``, else ``$RENJA_WILAYAH``, else the first existing of
    ``./../shared/reference/wilayah`` and ``<repo>/../shared/reference/wilayah``; a folder
    stands for the ``kode_wilayah_prov_kabkota.csv`` inside it.

    A path that was named but does not exist is reported, not a reason to look elsewhere.
    """
    named_paths = (
        (explicit, _("The path of the list of region codes")),
        (os.environ.get(ENV_VAR), ENV_VAR),
    )
    for named, origin in named_paths:
        if named is not None and str(named) != "":
            path = Path(named).expanduser()
            if not path.exists():
                raise WilayahUnavailable(
                    _("{origin} {path} does not exist; {what}").format(
                        origin=origin, path=path, what=what_to_provide()
                    )
                )
            return _csv_in(path)
    repo_root = Path(renja.model.__file__).resolve().parents[1]
    for base in (Path.cwd(), repo_root):
        folder = base.joinpath("..", *SHARED_FOLDER)
        if folder.is_dir():
            return _csv_in(folder.resolve())
    raise WilayahUnavailable(
        _(
            "list of region codes not found: there is no ../{folder} beside the working folder "
            "or renja's repository; {what}"
        ).format(folder="/".join(SHARED_FOLDER), what=what_to_provide())
    )


def _csv_in(path: Path) -> Path:
    if path.is_dir():
        if not (path / FILE).is_file():
            raise WilayahUnavailable(
                _("folder {path} holds no {file}; {what}").format(
                    path=path, file=FILE, what=what_to_provide()
                )
            )
        return (path / FILE).resolve()
    return path.resolve()


def read_regions(path: Path) -> Regions:
    """The list in one CSV file with the columns ``kode, nama, tingkat``."""
    stat = path.stat()
    return _read_regions(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4)
def _read_regions(path: str, size: int, mtime_ns: int) -> Regions:
    """Parsed once per file version and process (size and mtime are the cache key)."""
    del size, mtime_ns
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise WilayahUnavailable(
            _("list of region codes {path} cannot be read ({reason}); {what}").format(
                path=path, reason=exc, what=what_to_provide()
            )
        ) from None
    missing = [c for c in COLUMNS if not rows or c not in rows[0]]
    if missing:
        raise WilayahUnavailable(
            _("list of region codes {path} lacks the columns {missing} (needed: {needed}); {what}")
            .format(path=path, missing=", ".join(missing), needed=", ".join(COLUMNS),
                    what=what_to_provide())
        )  # fmt: skip
    return regions_from_rows(((r["kode"], r["nama"], r["tingkat"]) for r in rows), path)


@dataclass(frozen=True, slots=True)
class RegionsFound:
    """The list, or why there is none (a warning for documents that name a pemda)."""

    regions: Regions | None
    problem: str | None = None


def find_regions(explicit: str | Path | None = None) -> RegionsFound:
    """The list from ``wilayah_path(explicit)``, or the reason it cannot be used."""
    try:
        return RegionsFound(read_regions(wilayah_path(explicit)))
    except WilayahUnavailable as exc:
        return RegionsFound(None, str(exc))
