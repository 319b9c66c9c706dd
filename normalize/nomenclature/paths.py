"""Where the nomenclature files are, and which kind each file is."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import renja.model
from renja.model.errors import ReferenceMissingError
from renja.normalize.nomenclature.readers import COLUMNS_1317, NOT_UTF8, unreadable

ENV_VAR = "RENJA_NOMENKLATUR"

FILE_1317 = "kepmendagri_900.1.15.5-1317_2023.csv"
FILE_2027 = "sipd_nomenklatur_pemutakhiran_2027.csv"

WHAT_TO_PROVIDE = (
    f"give a folder holding {FILE_1317} and/or {FILE_2027} (or a SIPD 'nomenklatur sub "
    f"kegiatan' .xlsx export), or one such file, with --nomenklatur PATH or {ENV_VAR}"
)


def _csv_kind(path: Path) -> str:
    """The kind of a single CSV from its header: '1317' or '2027'."""
    try:
        with path.open("rb") as f:
            first_line = f.readline().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise unreadable(path, NOT_UTF8) from exc
    except OSError as exc:
        raise unreadable(path, str(exc)) from exc
    header = next(csv.reader([first_line]), [])
    if "jenis_pemda" in header:
        return "2027"
    if set(COLUMNS_1317) <= set(header):
        return "1317"
    raise unreadable(path, f"its columns are not those of {FILE_1317} or {FILE_2027}")


def reference_files(path: Path) -> list[tuple[Path, str]]:
    """The files to read and their kind ('1317', '2027', 'xlsx') in a folder, or a single file.

    A folder without the 2027 CSV may hold the SIPD export instead: the last by name of its
    ``*nomenklatur*.xlsx`` files (SIPD names end in a timestamp), else of all its ``.xlsx``.
    """
    if path.is_file():
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            return [(path, "xlsx")]
        if suffix == ".csv":
            return [(path, _csv_kind(path))]
        raise ReferenceMissingError(
            f"{path} is neither a .csv nor an .xlsx file; {WHAT_TO_PROVIDE}."
        )
    found = [(path / FILE_1317, "1317")] if (path / FILE_1317).is_file() else []
    if (path / FILE_2027).is_file():
        found.append((path / FILE_2027, "2027"))
    else:
        workbooks = sorted(p for p in path.glob("*.xlsx") if not p.name.startswith("~$"))
        named = [p for p in workbooks if "nomenklatur" in p.name.lower()] or workbooks
        if named:
            found.append((named[-1], "xlsx"))
    if not found:
        raise ReferenceMissingError(f"{path} holds no nomenclature file; {WHAT_TO_PROVIDE}.")
    return found


def reference_path(explicit: str | Path | None = None) -> Path:
    """The nomenclature folder or file: ``explicit``, else ``$RENJA_NOMENKLATUR``, else the first
    existing of ``./../shared/reference/permendagri90`` and ``<repo>/../shared/reference/…``.

    A path that was named but does not exist is an error, not a reason to look elsewhere.
    """
    for named, origin in ((explicit, "The nomenclature path"), (os.environ.get(ENV_VAR), ENV_VAR)):
        if named is not None and str(named) != "":
            path = Path(named).expanduser()
            if not path.exists():
                raise ReferenceMissingError(f"{origin} {path} does not exist; {WHAT_TO_PROVIDE}.")
            return path.resolve()
    repo_root = Path(renja.model.__file__).resolve().parents[1]
    for candidate in (Path.cwd(), repo_root):
        folder = candidate / ".." / "shared" / "reference" / "permendagri90"
        if folder.is_dir():
            return folder.resolve()
    raise ReferenceMissingError(f"No nomenclature reference was found: {WHAT_TO_PROVIDE}.")
