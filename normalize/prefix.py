"""A code prefix a user gives (``renja match --within``, a reconciliation query's ``within``),
read and checked against the nomenclature before it limits any candidates.

A prefix is read like a printed code (``renja.normalize.kode.parse_kode``): ``5.03.01.2.07.05``
is the sub kegiatan ``5.03.01.2.07.0005``, ``5.03.02.201`` the kegiatan ``5.03.02.2.01``. It must
then name something the nomenclature holds: a prefix under which no entry lies (``9.99``) is an
error, never a bidang made up by resolving ``X.XX``. A sub kegiatan code the 2027 list renumbered
is read as its new code. Permendagri 13/2006 codes (``1.1.05.05.01``) are refused: no table in
the reference maps them to Permendagri 90.
"""

from __future__ import annotations

from dataclasses import dataclass

from renja.model.errors import RenjaError
from renja.model.i18n import _
from renja.model.kode import Kode
from renja.normalize.kode import parse_kode
from renja.normalize.nomenclature import Nomenclature


class PrefixError(RenjaError, ValueError):
    """A prefix that is no code, or names nothing in the nomenclature (one Indonesian line)."""


@dataclass(frozen=True, slots=True)
class Prefix:
    """A checked prefix: its canonical code, and how it was read when not as written."""

    code: str
    note: str | None = None


def _holds(nomenclature: Nomenclature, prefix: Kode) -> bool:
    """Whether an entry lies under the prefix. The generic ``X.XX`` entries lie under every
    bidang, so they prove nothing about one: a concrete prefix needs a concrete entry under it,
    or a real bidang and a generic entry under its generic form (``5.03.01`` is ``X.XX.01`` of
    bidang 5.03)."""
    codes = [Kode.parse(e.code) for e in nomenclature.entries]
    if any(k.is_generic == prefix.is_generic and k.within(prefix) for k in codes):
        return True
    generic, bidang = prefix.generic(), prefix.bidang
    return (
        generic is not None
        and bidang is not None
        and any(not k.is_generic and k.within(bidang) for k in codes)
        and any(k.is_generic and k.within(generic) for k in codes)
    )


def read_prefix(nomenclature: Nomenclature, text: str) -> Prefix:
    """The canonical prefix of ``text``, checked; ``PrefixError`` when it names nothing.

    >>> from renja.normalize.nomenclature import Entry
    >>> mebel = Entry("X.XX.01.2.07.0005", "sub_kegiatan", "Pengadaan Mebel", None, None, None,
    ...               "kabkota", "2027")
    >>> bidang = Entry("5.03", "bidang", "KEPEGAWAIAN", None, None, None, "kabkota", "2027")
    >>> reference = Nomenclature((mebel, bidang), "contoh")
    >>> read_prefix(reference, " 5.03.01.2.07.05 ")
    Prefix(code='5.03.01.2.07.0005', note='dibaca sebagai 5.03.01.2.07.0005')
    >>> read_prefix(reference, "9.99")
    Traceback (most recent call last):
    ...
    renja.normalize.prefix.PrefixError: Awalan kode 9.99 tidak ada dalam nomenklatur (contoh).
    """
    cell = (text or "").strip()
    if not cell:
        raise PrefixError(_("The code prefix is empty; give a code such as 5.03 or 5.03.01.2.07."))
    reading = parse_kode(cell).value
    not_p90 = _("'{cell}' is no Permendagri 90 code (for example: 5.03 or 5.03.01.2.07).")
    if reading is None:
        raise PrefixError(not_p90.format(cell=cell))
    if reading.scheme == "lama":
        raise PrefixError(
            _(
                "'{cell}' is an old Permendagri 13/2006 code; the nomenclature has no table from "
                "old codes to Permendagri 90, so this prefix cannot be used."
            ).format(cell=cell)
        )
    if reading.scheme != "p90":
        raise PrefixError(not_p90.format(cell=cell))
    code = reading.canonical
    if _holds(nomenclature, Kode.parse(code)):
        return Prefix(code, None if cell == code else _("read as {code}").format(code=code))
    renumbered = nomenclature.renumbered_from(code)
    if renumbered is not None:
        return Prefix(
            renumbered.code,
            _("{code} became {new} in the nomenclature {version}").format(
                code=code, new=renumbered.code, version=renumbered.version
            ),
        )
    raise PrefixError(
        _("The code prefix {code} is not in the nomenclature ({source}).").format(
            code=code, source=nomenclature.source
        )
    )
