"""The words a funding source is printed as (``sumber dana``): ``DAU``, ``DAK Fisik``,
``PAD``, ``Retribusi``, ``Dana Desa`` …"""

from __future__ import annotations

import re

_SUMBER_DANA = re.compile(
    r"^(?:dau|dak|dbh|pad|apbd|apbn|did|blud|dbhcht|bankeu|bos|retribusi|pajak|otsus|silpa|"
    r"hibah|dana\s+(?:desa|insentif|otonomi|alokasi|bagi|keistimewaan|transfer))\b",
    re.IGNORECASE,
)


def is_funding_source(text: str) -> bool:
    """Whether ``text`` names a funding source.

    >>> [is_funding_source(t) for t in ("DAU", "DAK Non Fisik", "Retribusi", "Dana Desa")]
    [True, True, True, True]
    >>> [is_funding_source(t) for t in ("Lembar", "Jt", "Dokumen", "Dana")]
    [False, False, False, False]
    """
    return bool(_SUMBER_DANA.match(text.strip()))


__all__ = ["is_funding_source"]
