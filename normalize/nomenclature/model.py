"""The nomenclature's entries and versions, and the index that selects and looks them up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import cached_property

from renja.model.errors import ReferenceMissingError
from renja.model.i18n import _
from renja.model.kode import LEVELS, PROVINSI_CLASS, SEGMENT_WIDTHS, Kode
from renja.normalize.words import vocabulary_from_texts

VERSION_1317 = "1317/2023"  # Kepmendagri 900.1.15.5-1317/2023, kab/kota
VERSION_2027 = "2027"  # SIPD pemutakhiran 2027, prov + kab/kota
VERSIONS = (VERSION_1317, VERSION_2027)  # oldest first

# Last planning year under 1317/2023 for kab/kota: SIPD switched to the pemutakhiran lists for
# the 2026 plans (drafted in 2025), and the 2027 list is the newest of those we have.
LAST_YEAR_1317 = 2025

KABKOTA = "kabkota"
PROV = "prov"
_JENIS_ALIASES = {
    "kabkota": KABKOTA, "kabkot": KABKOTA, "kab/kota": KABKOTA, "kabupaten/kota": KABKOTA,
    "kabupaten": KABKOTA, "kota": KABKOTA, "kab": KABKOTA,
    "prov": PROV, "provinsi": PROV, "propinsi": PROV,
}  # fmt: skip

_CANONICAL = re.compile(r"(?:[1-9]|X)(?:\.(?:\d\d|XX)(?:\.\d\d(?:\.[1-9]\.\d\d(?:\.\d{4})?)?)?)?")


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of one nomenclature version, for one pemda type."""

    code: str  # canonical, as in the files ('X.XX.01.2.01.0001')
    level: str  # 'urusan' | 'bidang' | 'program' | 'kegiatan' | 'sub_kegiatan'
    name: str
    kinerja: str | None
    indikator: str | None
    satuan: str | None
    jenis_pemda: str  # 'kabkota' or 'prov'
    version: str  # VERSION_1317 or VERSION_2027
    previous_code: str | None = None  # 2027 only: the code before renumbering
    previous_name: str | None = None


ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


# --- codes -----------------------------------------------------------------------------------


def canonical_code(code: str) -> str:
    """The code as the nomenclature writes it: segments padded, ``x.xx`` upper case.

    >>> canonical_code("5.03.02.2.01.10")
    '5.03.02.2.01.0010'
    >>> canonical_code(" x.xx.1.2.7. ")
    'X.XX.01.2.07'
    """
    text = code.strip().upper().replace(" ", "").strip(".")
    if _CANONICAL.fullmatch(text):
        return text
    segments = text.split(".")
    for i, segment in enumerate(segments[: len(SEGMENT_WIDTHS)]):
        if segment.isascii() and segment.isdecimal():
            segments[i] = str(int(segment)).zfill(SEGMENT_WIDTHS[i])
        elif i == 1 and segment == "X":
            segments[i] = "XX"
    return ".".join(segments)


def generic_code(code: str) -> str | None:
    """The generic ``X.XX`` form of a concrete program-or-lower code, else None.

    >>> generic_code("5.03.01.2.01.0001")
    'X.XX.01.2.01.0001'
    >>> generic_code("5.03") is None, generic_code("X.XX.01") is None
    (True, True)
    """
    kode = Kode.from_cell(code)
    generic = kode.generic() if kode is not None else None
    return generic.text if generic is not None else None


def code_within(code: str, prefix: str) -> bool:
    """Whether a canonical code lies under a canonical prefix (see ``Kode.within``).

    >>> code_within("X.XX.01.2.07.0005", "5.03.01.2.07"), code_within("X.XX", "5.03")
    (True, False)
    """
    return Kode.parse(code).within(Kode.parse(prefix))


def _within(code: str, prefix: Kode) -> bool:
    kode = Kode.from_cell(code)
    return kode is not None and kode.within(prefix)


def normalize_jenis_pemda(value: str) -> str:
    """``'kabkota'`` or ``'prov'`` from the ways files and users write the pemda type.

    >>> normalize_jenis_pemda("KABKOT"), normalize_jenis_pemda("Provinsi")
    ('kabkota', 'prov')
    """
    jenis = _JENIS_ALIASES.get(value.strip().lower())
    if jenis is None:
        raise ValueError(
            _("unknown jenis_pemda {value!r}; expected 'kabkota' or 'prov'").format(value=value)
        )
    return jenis


def list_name(version: str, jenis_pemda: str) -> str:
    """The name of one list of the nomenclature: a version for one pemda type.

    >>> list_name("1317/2023", "kabkota"), list_name("2027", "prov")
    ('1317/2023 kab/kota', '2027 provinsi')
    """
    return f"{version} {'provinsi' if jenis_pemda == PROV else 'kab/kota'}"


def _check_version(version: str | None) -> None:
    if version is not None and version not in VERSIONS:
        raise ValueError(f"unknown nomenclature version {version!r}; expected one of {VERSIONS}")


def _check_level(level: str | None) -> None:
    if level is not None and level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}")


# --- the loaded nomenclature -------------------------------------------------------------------


@dataclass
class Nomenclature:
    """Every entry of every loaded version, indexed by code, by level and by previous code."""

    entries: tuple[Entry, ...]  # every entry of every version loaded
    source: str  # the folder or file read (for messages)
    _by_code: dict[tuple[str, str, str], Entry] = field(init=False, repr=False, compare=False)
    _by_previous: dict[tuple[str, str], Entry] = field(init=False, repr=False, compare=False)
    # (version, jenis_pemda, level) and its entries in file order, slices sorted by those keys.
    _slices: list[tuple[tuple[str, str, str], list[Entry]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self._by_code, self._by_previous = {}, {}
        by_slice: dict[tuple[str, str, str], list[Entry]] = {}
        for e in self.entries:
            self._by_code.setdefault((e.version, e.jenis_pemda, e.code), e)
            by_slice.setdefault((e.version, e.jenis_pemda, e.level), []).append(e)
            if e.previous_code:
                self._by_previous.setdefault((e.jenis_pemda, e.previous_code), e)
        rank = {name: i for i, name in enumerate((*VERSIONS, KABKOTA, PROV, *LEVELS))}
        self._slices = sorted(by_slice.items(), key=lambda kv: [rank[k] for k in kv[0]])

    def versions(self) -> list[str]:
        """The loaded versions, oldest first."""
        loaded = {version for (version, _other, _other2), _other3 in self._slices}
        return [v for v in VERSIONS if v in loaded]

    def select(
        self,
        version: str | None = None,
        jenis_pemda: str | None = None,
        level: str | None = None,
        within: str | None = None,
    ) -> list[Entry]:
        """Entries of a version, pemda type and level under a code prefix (None: any).

        ``within`` is compared segment by segment after padding (``01`` == ``0001``): a prefix
        ``X.XX…`` takes every bidang's entries and the generic ones; a concrete prefix such as
        ``5.03.01`` also takes the generic ``X.XX.01…`` entries, whose support program applies to
        every bidang. Entries come by version (oldest first), pemda type, level, then file order.
        """
        _check_version(version)
        _check_level(level)
        jenis = normalize_jenis_pemda(jenis_pemda) if jenis_pemda else None
        found: list[Entry] = []
        for (v, j, lv), entries in self._slices:
            if (version or v) == v and (jenis or j) == j and (level or lv) == lv:
                found.extend(entries)
        if within:
            prefix = Kode.from_cell(canonical_code(within))
            found = [e for e in found if prefix is not None and _within(e.code, prefix)]
        return found

    def get(
        self, code: str, version: str | None = None, jenis_pemda: str | None = None
    ) -> Entry | None:
        """The entry of a code (``.01`` or ``.0001``), else of its generic ``X.XX`` form.

        Unless given, the pemda type follows the kegiatan class (``.1.`` provinsi, else kab/kota,
        then the other), and the newest loaded version is tried first.
        """
        _check_version(version)
        canonical = canonical_code(code)
        order = [
            (v, j)
            for j in self._jenis_order(canonical, jenis_pemda)
            for v in ([version] if version else reversed(self.versions()))
        ]
        generic = generic_code(canonical)
        for candidate in (canonical, generic) if generic else (canonical,):
            for v, j in order:
                entry = self._by_code.get((v, j, candidate))
                if entry is not None:
                    return entry
        return None

    def heading(self, code: str, jenis_pemda: str | None = None) -> Entry | None:
        """The urusan or bidang entry of a code in any loaded list, the pemda type's first, the
        newest version first: urusan and bidang are the same in every list (the 2027 list names
        no urusan, 1317/2023 no provinsi)."""
        canonical = canonical_code(code)
        first = self._jenis_order(canonical, jenis_pemda)
        order = (*first, *(j for j in (KABKOTA, PROV) if j not in first))
        for version in reversed(self.versions()):
            for jenis in order:
                entry = self._by_code.get((version, jenis, canonical))
                if entry is not None:
                    return entry
        return None

    @cached_property
    def urusan_codes(self) -> frozenset[str]:
        """Every urusan code the lists use (listed or as the first segment of a code)."""
        return frozenset(e.code.split(".")[0] for e in self.entries)

    def renumbered_from(self, old_code: str, jenis_pemda: str | None = None) -> Entry | None:
        """The 2027 entry whose previous code (before renumbering) is ``old_code``."""
        canonical = canonical_code(old_code)
        for jenis in self._jenis_order(canonical, jenis_pemda):
            entry = self._by_previous.get((jenis, canonical))
            if entry is not None:
                return entry
        return None

    def version_for_year(self, year: int | None, jenis_pemda: str | None) -> str:
        """The version a document uses: 1317/2023 up to 2025 for kab/kota, else 2027.

        Provinsi documents always use 2027, because 1317/2023 holds no provinsi kegiatan; an
        unknown pemda type counts as kab/kota; 2026 and later, or an unknown year, use 2027.
        When the preferred version was not loaded, the other (loaded) one is returned.
        """
        jenis = normalize_jenis_pemda(jenis_pemda) if jenis_pemda else KABKOTA
        loaded = self.versions()
        if not loaded:
            raise ReferenceMissingError(
                _("The nomenclature from {source} holds no entries.").format(source=self.source)
            )
        old = year is not None and year <= LAST_YEAR_1317 and jenis == KABKOTA
        preferred = VERSION_1317 if old else VERSION_2027
        return preferred if preferred in loaded else loaded[0]

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Lower-case words (3+ letters) of all names, kinerja and indikator."""
        # Distinct texts, then distinct tokens, before the word pattern: 3x faster than
        # running the pattern over every text (the texts repeat a few thousand words).
        texts = {text for e in self.entries for text in (e.name, e.kinerja, e.indikator) if text}
        return vocabulary_from_texts(set(" ".join(texts).lower().split()))

    @staticmethod
    def _jenis_order(code: str, jenis_pemda: str | None) -> tuple[str, ...]:
        if jenis_pemda:
            return (normalize_jenis_pemda(jenis_pemda),)
        kode = Kode.from_cell(code)
        provinsi = kode is not None and kode.kegiatan_class == PROVINSI_CLASS
        return (PROV, KABKOTA) if provinsi else (KABKOTA, PROV)
