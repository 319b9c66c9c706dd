"""The Permendagri 90 nomenclature: every official code with its name, kinerja, indikator, satuan.

Two versions are read from files kept outside the repository (see ``reference_path``):

- ``VERSION_1317`` (``1317/2023``): Kepmendagri 900.1.15.5-1317/2023, kab/kota appendix only
  (``kepmendagri_900.1.15.5-1317_2023.csv``); urusan to sub kegiatan; generic codes ``X``,
  ``X.XX``, ``X.XX.01…``.
- ``VERSION_2027`` (``2027``): the SIPD "nomenklatur sub kegiatan, versi pemutakhiran 2027", for
  provinsi and kab/kota (``sipd_nomenklatur_pemutakhiran_2027.csv``, or the SIPD ``.xlsx`` export
  itself); bidang to sub kegiatan; 346 renumbered sub kegiatan carry their previous code and name.

Which version a document uses (``Nomenclature.version_for_year``): documents for years up to
2025 use 1317/2023 when they are kab/kota (or the pemda type is unknown); provinsi documents always
use 2027, because 1317/2023 holds no provinsi kegiatan; 2026 and later, or an unknown year, use
2027. Only a version that was loaded is ever returned.

Loading takes one call, ``load_nomenclature(path)``. Parsed entries are cached in-process (keyed
by path, file sizes and modification times) and as a pickle of plain tuples in ``$RENJA_CACHE``,
else ``$XDG_CACHE_HOME/renja``, else ``~/.cache/renja``. A cache that cannot be written is
skipped; a cache that cannot be read is parsed again. The pickle is read with an unpickler that
refuses every class, so a tampered cache file cannot run code.

The package's modules, by job: ``model`` (entries, versions and the ``Nomenclature`` index),
``readers`` (the two CSV files and the SIPD export), ``paths`` (where the files are, which kind
each is) and ``cache`` (the pickle). Everything is importable from the package itself.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from renja.model.kode import LEVELS, SEGMENT_WIDTHS
from renja.normalize.nomenclature.cache import (
    CACHE_ENV_VAR,
    CACHE_FORMAT,
    Stamp,
    cache_dir,
    read_cache,
    stamp,
    write_cache,
)
from renja.normalize.nomenclature.model import (
    KABKOTA,
    LAST_YEAR_1317,
    PROV,
    VERSION_1317,
    VERSION_2027,
    VERSIONS,
    Entry,
    Nomenclature,
    canonical_code,
    code_within,
    generic_code,
    list_name,
    normalize_jenis_pemda,
)
from renja.normalize.nomenclature.paths import (
    ENV_VAR,
    FILE_1317,
    FILE_2027,
    WHAT_TO_PROVIDE,
    reference_files,
    reference_path,
)
from renja.normalize.nomenclature.readers import (
    COLUMNS_1317,
    COLUMNS_2027,
    NOT_UTF8,
    READERS,
    XLSX_COLUMNS,
    XLSX_HEADER_SEARCH_ROWS,
    XLSX_LEVEL_COLUMNS,
    XLSX_PREVIOUS,
    XLSX_READ_ERRORS,
    ReferenceUnreadableError,
    read_1317_csv,
    read_2027_csv,
    read_sipd_xlsx,
    split_code_name,
    strip_previous_code,
    tidy,
)


@lru_cache(maxsize=4)
def _load_cached(source: str, files: Stamp) -> Nomenclature:
    # READERS is looked up here, in the package, so that a test can replace it.
    entries = read_cache(files)
    if entries is None:
        entries = [e for file, kind, _, _ in files for e in READERS[kind](Path(file))]
        write_cache(files, entries)
    return Nomenclature(tuple(entries), source)


def load_nomenclature(path: str | Path | None = None) -> Nomenclature:
    """Every nomenclature entry from a folder or file (see ``reference_path``), cached."""
    reference = reference_path(path)
    return _load_cached(str(reference), stamp(reference_files(reference)))


__all__ = [
    "CACHE_ENV_VAR",
    "CACHE_FORMAT",
    "COLUMNS_1317",
    "COLUMNS_2027",
    "ENV_VAR",
    "FILE_1317",
    "FILE_2027",
    "KABKOTA",
    "LAST_YEAR_1317",
    "LEVELS",
    "NOT_UTF8",
    "PROV",
    "READERS",
    "SEGMENT_WIDTHS",
    "VERSIONS",
    "VERSION_1317",
    "VERSION_2027",
    "WHAT_TO_PROVIDE",
    "XLSX_COLUMNS",
    "XLSX_HEADER_SEARCH_ROWS",
    "XLSX_LEVEL_COLUMNS",
    "XLSX_PREVIOUS",
    "XLSX_READ_ERRORS",
    "Entry",
    "Nomenclature",
    "ReferenceUnreadableError",
    "Stamp",
    "cache_dir",
    "canonical_code",
    "code_within",
    "generic_code",
    "list_name",
    "load_nomenclature",
    "normalize_jenis_pemda",
    "read_1317_csv",
    "read_2027_csv",
    "read_sipd_xlsx",
    "reference_files",
    "reference_path",
    "split_code_name",
    "strip_previous_code",
    "tidy",
]
