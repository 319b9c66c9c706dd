"""Match a row's name to its Permendagri 90 code, and say "not sure" rather than guess.

Candidates are the nomenclature entries at the row's level and under its context (the parent
kegiatan or program printed above it, or the document's bidang; ``X.XX`` entries apply to every
bidang). Names are compared in their normal form (``renja.normalize.names``) with a score that
rewards the same words in any order and forgives extra words (a word left over from the cell
above) only partly. A match is accepted when its score reaches ``ACCEPT_SCORE`` and it leads the
best candidate with another code by ``ACCEPT_MARGIN``; otherwise the row gets no code and the
candidates are reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz, process

from renja.model.kode import LEVELS, PROVINSI_CLASS, REGIONAL_CLASSES, Kode, regional_class
from renja.normalize.names import Normalizer, acronyms_from_names
from renja.normalize.nomenclature import Entry, Nomenclature, list_name
from renja.normalize.words import load_base_vocabulary

# Acceptance: a score (0-100) at least this high, ahead of the next different code by at least
# the margin. Measured on tests/data/match_labelled.csv (see docs/referensi.md, Nomenclature):
# these keep precision above 98% while recall stays near its maximum.
ACCEPT_SCORE = 88.0
ACCEPT_MARGIN = 4.0
# A name equal to one entry's name (in normal form) needs a smaller lead: a longer sibling that
# contains all its words scores high without being it ("Penyediaan Jasa Peralatan …" beside
# "Penyediaan Peralatan …"). It must still lead, context bonuses included.
EXACT_MARGIN = 2.0
# A name of this many words or fewer says little; it must lead by more.
SHORT_QUERY_WORDS = 3
SHORT_MARGIN = 8.0
# How much an exact subset (all of one name's words inside the other) counts against a same-
# order comparison: token_set forgives leftover words, token_sort punishes them.
SET_WEIGHT = 0.5
# Extra points for a candidate the document itself prints elsewhere (another table's code), and
# for a candidate under the row's context (the kegiatan or program above it) when the context is
# a preference rather than a hard limit. A candidate printed elsewhere with the same amount as
# the row (an amount no other code carries) is strong evidence. Bonuses rank candidates; they
# never enter the score.
DOCUMENT_BONUS = 3.0
CONTEXT_BONUS = 3.0
AMOUNT_BONUS = 8.0
# How many candidates a match reports. A quick comparison of word stems picks the entries that
# get the full score: those within SHORTLIST_GAP points of the best quick score (at most
# MAX_SHORTLIST), a gap wide enough to keep every candidate within reach of the best.
TOP = 5
STEM_LETTERS = 4
SHORTLIST_GAP = 20
MAX_SHORTLIST = 60

# A printed name is readable (``Matcher.readable``) when this share of its words are known.
READABLE_SHARE = 0.6
_WORDS = re.compile(r"[a-z]+")

# The levels names are matched at: program and below.
MATCHED_LEVELS = LEVELS[LEVELS.index("program") :]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One nomenclature entry and how well a name matches it."""

    code: str  # resolved to the context's bidang when the entry is generic (X.XX)
    name: str
    level: str
    score: float
    generic: str | None = None  # the X.XX form when the entry is generic
    indikator: str | None = None
    version: str = ""  # the list the entry comes from: '1317/2023' or '2027'
    jenis_pemda: str = ""  # 'kabkota' or 'prov'

    @property
    def list_name(self) -> str:
        """The list the entry comes from: ``1317/2023 kab/kota``, ``2027 provinsi`` …"""
        return list_name(self.version, self.jenis_pemda) if self.version else ""

    def as_dict(self) -> dict[str, object]:
        """The candidate as plain data (``renja match --format json``, the reconciliation
        service), keys in the output contract's words."""
        return {
            "kode": self.code,
            "uraian": self.name,
            "level": self.level,
            "skor": self.score,
            "versi": self.version,
            "jenis_pemda": self.jenis_pemda,
            "daftar": self.list_name,
            "kode_generik": self.generic,
            "indikator": self.indikator,
        }


@dataclass(frozen=True, slots=True)
class Hints:
    """What the document says around a row: the codes above it, codes sharing its amounts."""

    prefer: tuple[str, ...] = ()
    evidence: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Match:
    """The answer for one name: the best candidate, the runner-up, and whether to trust it."""

    query: str
    best: Candidate | None
    runner_up: Candidate | None
    accepted: bool
    candidates: tuple[Candidate, ...] = ()
    margin: float = 0.0  # how far the best leads the runner-up, context bonuses included

    @property
    def code(self) -> str | None:
        """The code, or None when the match is not sure."""
        return self.best.code if self.accepted and self.best else None

    def as_dict(self, **context: object) -> dict[str, object]:
        """The answer as plain data: the name, the context it was matched in, the code when
        sure, the lead over the next code and the candidates best first."""
        return {
            "uraian": self.query,
            **context,
            "pasti": self.accepted,
            "kode": self.code,
            "selisih": self.margin,
            "kandidat": [c.as_dict() for c in self.candidates],
        }


def _blend(query: str, form: str, query_sorted: str = "", form_sorted: str = "") -> float:
    """The match score of two normal forms: the same words in any order, extra words forgiven
    in part (``SET_WEIGHT``). The word-sorted forms may be passed in when already known.

    >>> _blend("pengadaan mebel", "pengadaan mebel"), round(_blend("mebel", "pengadaan mebel"), 1)
    (100.0, 75.0)
    """
    if query_sorted and form_sorted:
        sort = fuzz.ratio(query_sorted, form_sorted)
    else:
        sort = fuzz.token_sort_ratio(query, form)
    subset = fuzz.token_set_ratio(query, form)
    return (1 - SET_WEIGHT) * sort + SET_WEIGHT * subset


# Two words are the same word misspelt at this rapidfuzz ratio ("saranan" and "sarana").
SAME_WORD = 80
# Candidates scoring at least this get the two-sided test (``_strict``); below it a candidate
# cannot be accepted anyway, and the test would only cost time.
STRICT_FROM = 70.0
# Only candidates this close to the best get it: the others can neither win nor be the runner-up
# that decides the margin.
STRICT_GAP = 15.0
# Shorter words are not read as misspellings of another (``_aligned``).
MIN_TYPO_LETTERS = 5


def _extra_words(words: set[str], others: set[str]) -> set[str]:
    """The words of one name that the other lacks, misspelt words counted as present."""
    return {w for w in words - others if not any(fuzz.ratio(w, o) >= SAME_WORD for o in others)}


def _aligned(query: str, form: str, vocabulary: frozenset[str]) -> str:
    """The query with each misspelt word (not a known word, close to one of the name's) written
    as the name writes it, so one typo does not cost a whole word's order in the sorted compare.

    >>> _aligned("pengadaan mebel ekolah", "pengadaan mebel sekolah", frozenset({"pengadaan"}))
    'pengadaan mebel sekolah'
    """
    words = form.split()
    out = []
    for word in query.split():
        if word in vocabulary or word in words or len(word) < MIN_TYPO_LETTERS:
            out.append(word)
            continue
        best = max(words, key=lambda w: fuzz.ratio(word, w), default="")
        out.append(best if best and fuzz.ratio(word, best) >= SAME_WORD else word)
    return " ".join(out)


def _strict(query: str, form: str, value: float) -> float:
    """A score without the leniency for extra words where they are no leftover: when both names
    have words the other lacks ("Penguatan Jejaring …" against "Kerjasama …"), or when the
    name's extra words sit inside it rather than at an edge (a leftover from the cell above or
    below stands first or last; "… Prasarana Pendukung Gedung …" names another item than
    "… Prasarana Gedung …").

    >>> round(_strict("penguatan jejaring lembaga", "kerjasama lembaga", 80.0), 1)
    51.2
    >>> _strict("lainnya pemeliharaan aset", "pemeliharaan aset", 87.5)
    87.5
    >>> round(_strict("sarana pendukung gedung", "sarana gedung", 90.0), 1)
    72.2
    """
    words = query.split()
    q, f = set(words), set(form.split())
    extra = _extra_words(q, f)
    at = [i for i, w in enumerate(words) if w in extra]
    leading, trailing = list(range(len(at))), list(range(len(words) - len(at), len(words)))
    if extra and (_extra_words(f, q) or at not in (leading, trailing)):
        return min(value, float(fuzz.token_sort_ratio(query, form)))
    return value


def _stems(form: str) -> str:
    """A normal form shortened for the quick pass: sorted word stems.

    >>> _stems("penyediaan jasa pelayanan umum kantor")
    'jasa kant pela peny umum'
    """
    return " ".join(sorted(word[:STEM_LETTERS] for word in form.split()))


@dataclass
class ReferenceIndex:
    """What matching needs from one nomenclature version, prepared once and shared.

    Building it normalises every reference name (a few hundred milliseconds), so it is cached
    per nomenclature, version and pemda type, and reused by every document of a batch.
    """

    entries: list[Entry]
    normalizer: Normalizer
    forms: list[str]  # the normal form of each entry's name
    # The regional kegiatan class of each entry (``REGIONAL_CLASSES``), None for an ordinary one.
    regional: list[str | None] = field(default_factory=list)
    pools: dict[tuple[object, ...], tuple[list[int], list[str]]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, nomenclature: Nomenclature, version: str | None, jenis_pemda: str | None
    ) -> ReferenceIndex:
        chosen: dict[tuple[str, str], Entry] = {}
        versions = [version] if version else nomenclature.versions()[::-1]
        for name in versions:
            for entry in nomenclature.select(version=name, jenis_pemda=jenis_pemda):
                if entry.level in MATCHED_LEVELS:
                    chosen.setdefault((entry.jenis_pemda, entry.code), entry)
        entries = list(chosen.values())
        normalizer, known = _normal_forms(nomenclature)
        forms = []
        for entry in entries:
            form = known.get(entry.name)
            if form is None:
                form = known[entry.name] = normalizer.plain(entry.name)
            forms.append(form)
        return cls(entries, normalizer, forms, _regional_classes(entries))

    def pool(
        self,
        levels: tuple[str, ...],
        prefixes: tuple[str, ...],
        jenis_pemda: str,
        regional: str | None = None,
    ) -> tuple[list[int], list[str]]:
        """Indices and normal forms of the entries at some levels under some prefixes; of the
        regional blocks, only ``regional``'s (the Aceh, Papua … kegiatan)."""
        key = (levels, prefixes, jenis_pemda, regional)
        if key not in self.pools:
            indices = [
                i
                for i, e in enumerate(self.entries)
                if e.level in levels
                and e.jenis_pemda == jenis_pemda
                and self.regional[i] in (None, regional)
                and (not prefixes or any(_under(e.code, p) for p in prefixes))
            ]
            self.pools[key] = (indices, [self.forms[i] for i in indices])
        return self.pools[key]

    @cached_property
    def regional_codes(self) -> dict[str, str]:
        """The regional class of each code that has one (the first entry's, in entry order)."""
        out: dict[str, str] = {}
        for entry, regional in zip(self.entries, self.regional, strict=True):
            if regional:
                out.setdefault(entry.code, regional)
        return out


def _regional_classes(entries: list[Entry]) -> list[str | None]:
    """Each entry's regional class: a kegiatan's or sub kegiatan's 4th segment when it is one of
    ``REGIONAL_CLASSES``; a program's or bidang's when every kegiatan under it has that class
    (Aceh's bidang 9.01, its programs); None otherwise."""
    below: dict[tuple[str, str, str], set[str]] = {}
    for e in entries:
        kode = Kode.parse(e.code)
        if kode.kegiatan_class is None:
            continue
        for level in ("bidang", "program"):
            above = kode.at(level)
            if above is not None:
                below.setdefault((e.jenis_pemda, e.version, above.text), set()).add(
                    kode.kegiatan_class
                )
    out: list[str | None] = []
    for e in entries:
        kode = Kode.parse(e.code)
        classes = {kode.kegiatan_class} if kode.kegiatan_class else below.get(
            (e.jenis_pemda, e.version, e.code), set()
        )
        only = next(iter(classes)) if len(classes) == 1 else None
        out.append(only if only in REGIONAL_CLASSES else None)
    return out


_INDEXES: dict[tuple[int, str | None, str | None], tuple[Nomenclature, ReferenceIndex]] = {}
_NORMALIZERS: dict[int, tuple[Nomenclature, Normalizer, dict[str, str]]] = {}


def _normal_forms(nomenclature: Nomenclature) -> tuple[Normalizer, dict[str, str]]:
    """The normalizer of a nomenclature (its vocabulary and the acronyms its names teach), and
    the normal forms of the names found so far: shared by the indexes of every version and
    pemda type of that nomenclature, which name the same things."""
    cached = _NORMALIZERS.get(id(nomenclature))
    if cached is None or cached[0] is not nomenclature:
        vocabulary = load_base_vocabulary() | nomenclature.vocabulary
        texts = {t for e in nomenclature.entries for t in (e.name, e.kinerja, e.indikator) if t}
        normalizer = Normalizer.build(vocabulary, acronyms_from_names(sorted(texts)))
        cached = _NORMALIZERS[id(nomenclature)] = (nomenclature, normalizer, {})
    return cached[1], cached[2]


def reference_index(
    nomenclature: Nomenclature, version: str | None, jenis_pemda: str | None
) -> ReferenceIndex:
    """The shared index of a nomenclature version (built on first use)."""
    key = (id(nomenclature), version, jenis_pemda)
    cached = _INDEXES.get(key)
    if cached is None or cached[0] is not nomenclature:
        cached = (nomenclature, ReferenceIndex.build(nomenclature, version, jenis_pemda))
        _INDEXES[key] = cached
    return cached[1]


def _within(code: str, prefix: str) -> bool:
    """Whether a code lies under a prefix (``Kode.within``); False when either is no code."""
    kode, above = Kode.from_cell(code), Kode.from_cell(prefix)
    return kode is not None and above is not None and kode.within(above)


def _under(code: str, prefix: str) -> bool:
    """``Kode.within`` with a quick answer for the common concrete prefixes."""
    if prefix[:1].isdigit() and code[:1].isdigit():
        return code == prefix or code.startswith(prefix + ".")
    return _within(code, prefix)


@dataclass
class Matcher:
    """Scores names against one version of the nomenclature.

    ``bidang_for_program`` maps a program number to the document's bidang (``'01'`` →
    ``'5.03'``), which resolves generic codes when the context does not name a bidang.
    ``printed`` are the codes the document prints elsewhere; they get a small bonus.
    """

    nomenclature: Nomenclature
    version: str | None = None
    jenis_pemda: str | None = None
    bidang: Sequence[str] = ()
    bidang_for_program: dict[str, str] = field(default_factory=dict)
    printed: frozenset[str] = frozenset()
    kode_pemda: str | None = None  # the pemda's region code: which regional block it may use

    @cached_property
    def index(self) -> ReferenceIndex:
        return reference_index(self.nomenclature, self.version, self.jenis_pemda)

    @property
    def entries(self) -> list[Entry]:
        return self.index.entries

    @property
    def normalizer(self) -> Normalizer:
        return self.index.normalizer

    def _pool(
        self, level: str | None, within: str | None, jenis_pemda: str
    ) -> tuple[list[int], list[str]]:
        """Indices and normal forms of the candidate entries for a level and a context."""
        levels = (level,) if level else MATCHED_LEVELS
        # A bidang prefix takes the generic X.XX entries too.
        prefixes = (within,) if within else tuple(self.bidang)
        return self.index.pool(levels, prefixes, jenis_pemda, self.regional_for(within))

    def regional_for(self, within: str | None) -> str | None:
        """The regional block candidates may come from: the context code's (a prefix under
        Aceh's 7 …), else the pemda's (``kode_pemda``); None for ordinary pemda."""
        context = Kode.from_cell(within)
        if context is not None and context.kegiatan_class in REGIONAL_CLASSES:
            return context.kegiatan_class
        if context is not None and context.level in ("bidang", "program"):
            regional = self.index.regional_codes.get(context.text)
            if regional:
                return regional
        return regional_class(self.kode_pemda)

    def pemda_for(self, within: str | None) -> str:
        """The pemda type to match in: the matcher's, else the context code's 4th segment, else
        kab/kota (far more documents are kabupaten/kota than provinsi ones)."""
        if self.jenis_pemda:
            return self.jenis_pemda
        context = Kode.from_cell(within)
        provinsi = context is not None and context.kegiatan_class == PROVINSI_CLASS
        return "prov" if provinsi else "kabkota"

    def _bidang_for(self, entry: Kode, within: str | None) -> Kode | None:
        context = Kode.from_cell(within)
        if context is not None and not context.is_generic:
            return context.bidang
        program = entry.segments[2] if len(entry.segments) >= 3 else None
        if program and program in self.bidang_for_program:
            return Kode.parse(self.bidang_for_program[program])
        return Kode.parse(self.bidang[0]) if len(self.bidang) == 1 else None

    def _resolved(self, entry: Entry, within: str | None) -> str:
        """An entry's code with the context's bidang in place of a generic ``X.XX``."""
        kode = Kode.parse(entry.code)
        if not kode.is_generic:
            return entry.code
        bidang = self._bidang_for(kode, within)
        return kode.resolved(bidang).text if bidang else entry.code

    def score(self, query: str, forms: Sequence[str]) -> np.ndarray:
        """Scores (0-100) of one normalised query against every one of some normalised names."""
        return np.array([_blend(query, form) for form in forms], dtype=float)

    def name_score(self, text: str, reference: str) -> float:
        """How well a printed name (OCR typos and all) names one reference name: the score of
        their normal forms, the printed name's misspelt words aligned to the reference's.

        Used to verify a printed code, where the candidate is known: no strictness about
        extra words (``_strict``), which only tells candidates apart.
        """
        query, form = self.normalizer(text), self.normalizer.plain(reference)
        if not query or not form:
            return 0.0
        value = _blend(query, form)
        aligned = _aligned(query, form, self.normalizer.vocabulary)
        return max(value, _blend(aligned, form)) if aligned != query else value

    def spelled(self, text: str) -> bool:
        """Whether every word (3+ letters) of a printed name is a known word: a name read
        without damage."""
        words = [w for w in _WORDS.findall(text.lower()) if len(w) >= 3]
        return all(w in self.normalizer.vocabulary or w in self.normalizer.phrases for w in words)

    def readable(self, text: str) -> bool:
        """Whether a printed name is mostly words (of the base list or the nomenclature): OCR
        garbage ("Forderungen UUSM yungerdigungsinson") contradicts no code.

        A name is readable when at least ``READABLE_SHARE`` of its words of 3+ letters are known.
        """
        words = [w for w in _WORDS.findall(text.lower()) if len(w) >= 3]
        known = sum(w in self.normalizer.vocabulary or w in self.normalizer.phrases for w in words)
        return not words or known >= READABLE_SHARE * len(words)

    def _shortlists(
        self, queries: Sequence[str], pool: tuple[list[int], list[str]], minimum: int
    ) -> list[list[tuple[int, float]]]:
        """For each normalised query, its likely entries with their full scores, best first.

        A quick pass compares all queries with the whole pool at once (one vectorised ``cdist``
        on each name's sorted word stems); only the entries within ``SHORTLIST_GAP`` points of a
        query's best quick score get the full score.
        """
        indices, forms = pool
        sorted_forms = self._sorted(forms)
        stems = [_stems(q) for q in queries]
        quick = process.cdist(
            stems, self._stems(forms), scorer=fuzz.ratio, dtype=np.uint8, workers=-1
        )
        floor = quick.max(axis=1).astype(np.int16) - SHORTLIST_GAP
        rows, columns = np.nonzero(quick >= floor.clip(0)[:, None])
        bounds = np.searchsorted(rows, np.arange(len(queries) + 1))
        contained = self._containing(stems, queries, forms)
        out: list[list[tuple[int, float]]] = []
        for row, query in enumerate(queries):
            picked = columns[bounds[row] : bounds[row + 1]]
            if len(picked) < minimum:  # too few within the gap: take the best quick scores
                picked = np.argsort(-quick[row].astype(np.int16), kind="stable")[:minimum]
            if len(picked) > MAX_SHORTLIST:
                picked = picked[np.argsort(-quick[row, picked], kind="stable")[:MAX_SHORTLIST]]
            if row in contained:  # kept beside the best by ratio, not instead of them
                holding = contained[row]
                holding = holding[np.argsort(-quick[row, holding], kind="stable")[:MAX_SHORTLIST]]
                picked = np.union1d(picked, holding)
            ordered = " ".join(sorted(query.split()))
            scored = [
                (indices[c], _blend(query, forms[c], ordered, sorted_forms[c])) for c in picked
            ]
            out.append(self._strictly(query, scored))
        return out

    def _containing(
        self, stems: list[str], queries: Sequence[str], forms: list[str]
    ) -> dict[int, np.ndarray]:
        """For each short query, the pool positions of the names that hold all its word stems:
        a short name inside a long one ("Penderita DM" in "Pengelolaan Pelayanan Kesehatan
        Penderita Diabetes Melitus") is far from it by ratio, so the gap would miss it."""
        postings = self._postings(forms)
        found: dict[int, np.ndarray] = {}
        for i, query in enumerate(queries):
            words = set(stems[i].split())
            if not words or len(query.split()) > SHORT_QUERY_WORDS:
                continue
            holding = set.intersection(*(postings.get(w, set()) for w in words))
            if holding:
                found[i] = np.fromiter(sorted(holding), dtype=np.intp)
        return found

    def _postings(self, forms: list[str]) -> dict[str, set[int]]:
        """For each word stem, the pool positions of the names that hold it (built once)."""
        key = (id(forms), "postings")
        cached = self._postings_cache.get(key)
        if cached is None or cached[0] is not forms:
            postings: dict[str, set[int]] = {}
            for position, stem_text in enumerate(self._stems(forms)):
                for stem in stem_text.split():
                    postings.setdefault(stem, set()).add(position)
            cached = (forms, postings)
            self._postings_cache[key] = cached
        return cached[1]

    @cached_property
    def _postings_cache(self) -> dict[tuple[int, str], tuple[list[str], dict[str, set[int]]]]:
        return {}

    def _strictly(self, query: str, scored: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The shortlist best first; the candidates near the top scored again, the query's
        misspelt words aligned to theirs (``_aligned``) and without the leniency for extra
        words when both names have words the other lacks (``_strict``)."""
        best = max((v for _, v in scored), default=0.0)
        near = max(STRICT_FROM, best - STRICT_GAP)
        forms, vocabulary = self.index.forms, self.normalizer.vocabulary
        out = []
        for i, value in scored:
            if value >= near:
                aligned = _aligned(query, forms[i], vocabulary)
                if aligned != query:
                    value = max(value, _blend(aligned, forms[i]))
                value = _strict(aligned, forms[i], value)
            out.append((i, value))
        return sorted(out, key=lambda pair: -pair[1])

    def _stems(self, forms: list[str]) -> list[str]:
        return self._derived(forms, "stems", _stems)

    def _sorted(self, forms: list[str]) -> list[str]:
        return self._derived(forms, "sorted", lambda f: " ".join(sorted(f.split())))

    def _derived(self, forms: list[str], kind: str, make: Callable[[str], str]) -> list[str]:
        """Per-pool forms derived once (stems, sorted words), cached on the pool's list."""
        key = (id(forms), kind)
        cached = self._derived_cache.get(key)
        if cached is None or cached[0] is not forms:
            cached = (forms, [make(f) for f in forms])
            self._derived_cache[key] = cached
        return cached[1]

    @cached_property
    def _derived_cache(self) -> dict[tuple[int, str], tuple[list[str], list[str]]]:
        return {}

    def match(
        self,
        text: str,
        level: str | None = None,
        within: str | None = None,
        top: int = TOP,
        prefer: Sequence[str] = (),
        evidence: frozenset[str] = frozenset(),
    ) -> Match:
        """The best code for a name at a level, under a context prefix (``X.XX`` allowed).

        ``within`` limits the candidates; ``prefer`` only favours those under its prefixes;
        ``evidence`` are codes the document prints elsewhere with this row's amounts.
        """
        hints = Hints(tuple(prefer), evidence)
        return self.match_many([text], level=level, within=within, top=top, hints=hints)[0]

    def match_many(
        self,
        texts: Sequence[str],
        level: str | None = None,
        within: str | None = None,
        top: int = TOP,
        hints: Hints | None = None,
    ) -> list[Match]:
        """Match many names at once (one vectorised comparison for all of them)."""
        pool = self._pool(level, within, self.pemda_for(within))
        queries = [self.normalizer(t) for t in texts]
        results: list[Match | None] = [None] * len(texts)
        live = [i for i, q in enumerate(queries) if q]
        if pool[0] and live:
            lists = self._shortlists([queries[i] for i in live], pool, top + 1)
            for i, scored in zip(live, lists, strict=True):
                results[i] = self._decide(
                    texts[i], queries[i], scored, within, top, hints or Hints()
                )
        return [r or Match(t, None, None, False) for r, t in zip(results, texts, strict=True)]

    def _decide(
        self,
        text: str,
        query: str,
        scored: list[tuple[int, float]],
        within: str | None,
        top: int,
        hints: Hints,
    ) -> Match:
        """Rank a query's shortlist with the document's context and decide whether to trust it."""
        contextual = bool(hints.prefer or hints.evidence or self.printed)
        ranked: list[tuple[float, int, float]] = []
        for index, value in scored:
            bonus = 0.0
            if contextual:
                entry = self.entries[index]
                bonus = self._bonus(self._resolved(entry, within), hints)
            ranked.append((value + bonus, index, value))
        ranked.sort(key=lambda item: -item[0])
        candidates = [self._candidate(index, value, within) for _, index, value in ranked[:top]]
        best = candidates[0]
        runner_rank, runner = (
            (ranked[1][0], self._candidate(ranked[1][1], ranked[1][2], within))
            if len(ranked) > 1
            else (0.0, None)
        )
        margin = ranked[0][0] - runner_rank
        accepted = best.score >= ACCEPT_SCORE and margin >= self.needed_margin(query, best)
        return Match(text, best, runner, accepted, tuple(candidates), round(margin, 1))

    def _candidate(self, index: int, value: float, within: str | None) -> Candidate:
        entry = self.entries[index]
        return Candidate(
            self._resolved(entry, within),
            entry.name,
            entry.level,
            round(value, 1),
            entry.code if Kode.parse(entry.code).is_generic else None,
            entry.indikator,
            entry.version,
            entry.jenis_pemda,
        )

    def needed_margin(self, query: str, best: Candidate) -> float:
        """How far the best candidate must lead: less for an exact name, more for a short one."""
        if self.normalizer.plain(best.name) == query:
            return EXACT_MARGIN
        if len(query.split()) <= SHORT_QUERY_WORDS:
            return SHORT_MARGIN
        return ACCEPT_MARGIN

    def _bonus(self, code: str, hints: Hints) -> float:
        """Points for what the document says around a candidate (never part of its score)."""
        bonus = DOCUMENT_BONUS if code in self.printed else 0.0
        if any(len(code) > len(p) and _within(code, p) for p in hints.prefer):
            bonus += CONTEXT_BONUS
        if code in hints.evidence:
            bonus += AMOUNT_BONUS
        return bonus
