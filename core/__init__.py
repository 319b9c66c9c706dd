"""renja: Indonesian regional work plans (Renja) in, clean validated code-matched datasets out.

>>> import renja
>>> result = renja.process("samples/renja-bkpsdm-banjarbaru-2024.md")  # doctest: +SKIP
>>> result.table("rencana_perubahan").head()  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from renja.model.version import SCHEMA_VERSION, __version__

if TYPE_CHECKING:
    from renja.app.pipeline import Result
    from renja.extract import ReadOptions
    from renja.normalize.nomenclature import Nomenclature


def process(
    path: str | Path,
    nomenclature: Nomenclature | str | Path | None = None,
    code: bool = True,
    options: ReadOptions | None = None,
) -> Result:
    """Read, clean, code and check one document; see ``renja.app.pipeline.process``.

    ``options`` (``renja.extract.ReadOptions``) apply to PDFs: password, page limit, OCR and
    table engines."""
    from renja.app.pipeline import process as _process

    return _process(path, nomenclature=nomenclature, code=code, options=options)


def __getattr__(name: str) -> object:
    if name == "Result":
        from renja.app.pipeline import Result

        return Result
    raise AttributeError(f"module 'renja' has no attribute {name!r}")


__all__ = ["SCHEMA_VERSION", "Result", "__version__", "process"]
