"""Where the nomenclature files are, and which kind each file is."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import renja.model
from renja.model.errors import ReferenceMissingError
from renja.model.i18n import N_, _
from renja.normalize.nomenclature.readers import COLUMNS_1317, NOT_UTF8, unreadable

ENV_VAR = "RENJA_NOMENKLATUR"

FILE_1317 = "kepmendagri_900.1.15.5-1317_2023.csv"
FILE_2027 = "sipd_nomenklatur_pemutakhiran_2027.csv"

WHAT_TO_PROVIDE = N_(
    "give a folder holding {file_1317} and/or {file_2027} (or a SIPD 'nomenklatur sub "
    "kegiatan' .xlsx export), or one such file, with --nomenklatur PATH or {variable}"
)


def what_to_provide() -> str:
    """The end of every message about a missing nomenclature: how to give it."""
    return _(WHAT_TO_PROVIDE).format(file_1317=FILE_1317, file_2027=FILE_2027, variable=ENV_VAR)


def _csv_kind(path: Path) -> str:
    """The kind of a single CSV from its header: '1317' or '2027'."""
    try:
        with path.open("rb") as f:
            first_line = f.readline().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise unreadable(path, _(NOT_UTF8)) from exc
    except OSError as exc:
        raise unreadable(path, str(exc)) from exc
    header = next(csv.reader([first_line]), [])
    if "jenis_pemda" in header:
        return "2027"
    if set(COLUMNS_1317) <= set(header):
        return "1317"
    raise unreadable(
        path,
        _("its columns are not those of {file_1317} or {file_2027}").format(
            file_1317=FILE_1317, file_2027=FILE_2027
        ),
    )


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
            _("{path} is neither a .csv nor an .xlsx file; {what}.").format(
                path=path, what=what_to_provide()
            )
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
        raise ReferenceMissingError(
            _("{path} holds no nomenclature file; {what}.").format(
                path=path, what=what_to_provide()
            )
        )
    return found


def reference_path(explicit: str | Path | None = None) -> Path:
    """The nomenclature folder or file: ``explicit``, else ``$RENJA_NOMENKLATUR``, else the first
    existing of ``./../shared/reference/permendagri90`` and ``<repo>/../shared/reference/…``.

    A path that was named but does not exist is an error, not a reason to look elsewhere.
    """
    named_paths = ((explicit, _("The nomenclature path")), (os.environ.get(ENV_VAR), ENV_VAR))
    for named, origin in named_paths:
        if named is not None and str(named) != "":
            path = Path(named).expanduser()
            if not path.exists():
                raise ReferenceMissingError(
                    _("{origin} {path} does not exist; {what}.").format(
                        origin=origin, path=path, what=what_to_provide()
                    )
                )
            return path.resolve()
    repo_root = Path(renja.model.__file__).resolve().parents[1]
    for candidate in (Path.cwd(), repo_root):
        folder = candidate / ".." / "shared" / "reference" / "permendagri90"
        if folder.is_dir():
            return folder.resolve()
    raise ReferenceMissingError(
        _("No nomenclature reference was found: {what}.").format(what=what_to_provide())
    )
