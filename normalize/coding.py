"""Give every clean row its nomenclature code: verify printed codes, match the rest.

For each row with a name (``uraian``):

- a printed code is looked up in the nomenclature version of the document's year; its name is
  compared with the row's name. A match makes ``kode_sumber`` ``cetak+verifikasi``; a mismatch
  leaves the printed code in place and writes ``kode_uraian_tidak_cocok`` with the nomenclature
  name of the printed code and the code the name suggests. A code in no version gets
  ``kode_tidak_dikenal``; a code renumbered in the newer list gets ``kode_berubah_nomor``.
- a row without a code is matched by name, at its level when known, preferring candidates
  under the program and kegiatan above it. A sure match gives ``kode_sumber`` ``cocok``; an
  unsure one gives no code and ``kode_tidak_pasti`` with the candidates.

Rows are read in order, so each coded row becomes the context of the rows below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from numbers import Integral
from typing import Any

import pandas as pd
from rapidfuzz import fuzz

from renja.model.checks import (
    KODE_BERUBAH_NOMOR,
    KODE_TIDAK_DIKENAL,
    KODE_TIDAK_PASTI,
    KODE_URAIAN_TIDAK_COCOK,
    KODE_VERSI_LAIN,
)
from renja.model.contract import TableStatus
from renja.model.i18n import _
from renja.model.kode import Kode
from renja.model.records import Finding, Source
from renja.model.refs import CodeRef
from renja.model.tables import CleanTable
from renja.normalize.kode import parse_kode
from renja.normalize.match import MATCHED_LEVELS, Candidate, Matcher
from renja.normalize.names import code_in_name, name_part
from renja.normalize.nomenclature import Entry, Nomenclature, list_name
from renja.normalize.row_kind import UNIT_LEVELS, level_from_name

# A printed code is verified when its nomenclature name scores at least this against the row's
# name; below it, the name is compared with the code's siblings to suggest the right code.
VERIFY_SCORE = 80.0
# The indicator confirms a printed code whose name does not: the row names its parent instead.
INDICATOR_SCORE = 80.0
# Rows above the program level, or naming the SKPD, are not matched (their printed codes are
# still verified).
SKIP_LEVELS = frozenset({"urusan", "bidang", "skpd", "unit"})
CODE_COLUMNS = ("kode", "kode_sumber", "skor_kode", "uraian_nomenklatur")
# Headings checked against the urusan and bidang lists rather than matched.
HEADING_LEVELS = ("urusan", "bidang")
_LEADING_NUMBER = re.compile(r"^\s*[0-9]+[.)]?\s+")


@dataclass(slots=True)
class Context:
    """The program and kegiatan above the current row."""

    program: str | None = None
    kegiatan: str | None = None

    def update(self, code: str, level: str | None) -> None:
        if level == "program":
            self.program, self.kegiatan = code, None
        elif level in ("kegiatan", "sub_kegiatan"):
            # The program and kegiatan above; the code itself where it is shorter.
            kode = Kode.parse(code)
            self.program = (kode.at("program") or kode).text
            self.kegiatan = code if level == "kegiatan" else (kode.at("kegiatan") or kode).text

    def prefer(self) -> tuple[str, ...]:
        return tuple(c for c in (self.kegiatan, self.program) if c)


@dataclass
class Coder:
    """Codes the rows of one document's clean tables."""

    nomenclature: Nomenclature
    matcher: Matcher
    version: str
    jenis_pemda: str | None
    amount_codes: dict[int, set[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # Rows whose code a person decided (keputusan.csv), by (table id, baris): the code, or None
    # for none. They are neither verified nor matched; a decided code is the context below it.
    decided: dict[tuple[str, int], str | None] = field(default_factory=dict)
    _headings: dict[str, list[Entry]] = field(default_factory=dict)
    # A printed name's score against its code's name in the nomenclature, by the two names: a
    # long document prints the same code with the same name under each of its units.
    _scores: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)

    def lookup(self, code: str) -> Entry | None:
        return self.nomenclature.get(code, version=self.version, jenis_pemda=self.jenis_pemda)

    def code_table(self, table: CleanTable) -> CleanTable:
        """The table with its code columns: printed codes verified, the others matched."""
        frame = table.frame
        if "uraian" not in frame.columns or not table.contract.coded:
            return table
        values: dict[str, list[Any]] = {c: [None] * len(frame) for c in CODE_COLUMNS}
        if "kode" in frame.columns:
            values["kode"] = frame["kode"].tolist()
        levels = frame["level"].tolist()
        context = Context()
        for index, row in enumerate(frame.itertuples(index=False)):
            record = row._asdict()
            uraian, kode = record.get("uraian"), values["kode"][index]
            level = levels[index] if isinstance(levels[index], str) else None
            if (table.table_id, int(record["baris"])) in self.decided:
                chosen = self.decided[(table.table_id, int(record["baris"]))]
                if chosen:
                    context.update(chosen, Kode.parse(chosen).level)
                continue
            if record.get("jenis_baris") != "data":
                continue
            source = Source(line=record.get("sumber_baris"), page=record.get("halaman"))
            where = (table.table_id, int(record["baris"]), source)
            if not isinstance(kode, str) and isinstance(uraian, str):
                kode = _printed_in_name(uraian)  # ``Program Pengendalian Penduduk (2.14.02)``
                values["kode"][index] = kode
                if kode is not None and level is None:
                    levels[index] = Kode.parse(kode).level
            if isinstance(kode, str):
                result = self.verify(kode, uraian, record, where)
                values["kode_sumber"][index] = result[0]
                values["skor_kode"][index] = result[1]
                values["uraian_nomenklatur"][index] = result[2]
                context.update(kode, level)
            elif isinstance(uraian, str) and uraian.strip() and level not in SKIP_LEVELS:
                evidence = self.evidence(record)
                match = self.matcher.match(
                    name_part(uraian), level=level, prefer=context.prefer(), evidence=evidence
                )
                if match.accepted and match.best:
                    best = match.best
                    values["kode"][index] = best.code
                    values["kode_sumber"][index] = "cocok"
                    values["skor_kode"][index] = best.score
                    values["uraian_nomenklatur"][index] = best.name
                    if level is None:
                        levels[index] = best.level
                    context.update(best.code, best.level)
                elif table.status is TableStatus.FORM or _plausible(match.candidates):
                    self.unsure(match.candidates, uraian, where)
        return replace(table, frame=with_code_columns(frame, values, levels))

    def evidence(self, record: dict[str, Any]) -> frozenset[str]:
        """Codes printed elsewhere in the document with one of this row's amounts."""
        codes: set[str] = set()
        for value in record.values():
            if isinstance(value, Integral) and not isinstance(value, bool):
                found = self.amount_codes.get(int(value), set())
                if len(found) == 1:
                    codes |= found
        return frozenset(codes)

    def verify(
        self, kode: str, uraian: Any, record: dict[str, Any], where: tuple[str, int, Source]
    ) -> tuple[str, float | None, str | None]:
        """Check a printed code against the row's name: (kode_sumber, score, reference name).

        The name is compared without the tail a label starts (``Outcome: …``), misspelt words
        forgiven (``Matcher.name_score``). A name that scores below ``VERIFY_SCORE`` still
        verifies its code when a search for it finds that code first; one that is mostly not
        words (OCR garbage) contradicts nothing. Urusan and bidang headings are checked against
        the urusan and bidang lists (``verify_heading``).
        """
        name = name_part(uraian) if isinstance(uraian, str) and uraian.strip() else None
        parsed = Kode.from_cell(kode)
        if parsed is not None and parsed.is_unit:
            return "cetak", None, None  # a pemda's own unit code: no nomenclature lists it
        level = parsed.level if parsed is not None else None
        if level in HEADING_LEVELS:
            return self.verify_heading(kode, level, name, where)
        entry = self.lookup(kode)
        if entry is None:
            self.unknown_code(kode, name, where)
            return "cetak", None, None
        if name is None:
            return "cetak", None, entry.name
        score = round(self.name_score(name, entry.name), 1)
        if score >= VERIFY_SCORE or self.found_first(kode, entry, name):
            return "cetak+verifikasi", score, entry.name
        if self.contradicts(name):
            self.mismatch(kode, entry, name, record, where)
        return "cetak", score, entry.name

    def contradicts(self, name: str) -> bool:
        """Whether a name that does not verify its code may say the code is wrong: it must be
        read well (mostly words, ``Matcher.readable``), name no unit of the SKPD (a UPTD on its
        program's line) and not continue the line above (a name starting in lower case)."""
        return (
            self.matcher.readable(name)
            and level_from_name(name) not in UNIT_LEVELS
            and not name[:1].islower()
        )

    def found_first(self, kode: str, entry: Entry, name: str) -> bool:
        """Whether a search for the name in the code's bidang finds the code first, with a
        plausible score: the name points to its code despite its typos."""
        bidang = Kode.parse(kode).bidang
        within = bidang.text if bidang is not None and not bidang.is_generic else None
        match = self.matcher.match(name, level=entry.level, within=within)
        best = match.best
        return best is not None and best.code == kode and best.score >= PLAUSIBLE_SCORE

    def verify_heading(
        self, kode: str, level: str, name: str | None, where: tuple[str, int, Source]
    ) -> tuple[str, float | None, str | None]:
        """An urusan or bidang heading: its code must be in the urusan or bidang list and its
        name, when it names no unit of the SKPD (UPTD …), must be that code's."""
        entry = self.nomenclature.heading(kode, self.jenis_pemda)
        known = entry is not None or (level == "urusan" and kode in self.nomenclature.urusan_codes)
        if not known:
            suggestion = self.heading_for(name, level) if name else None
            self.report_unknown(kode, name, where, suggestion.code if suggestion else None)
            return "cetak", None, None
        if entry is None or name is None or level_from_name(name) in UNIT_LEVELS:
            return "cetak", None, entry.name if entry else None
        score = round(self.heading_score(name, entry.name), 1)
        if score >= VERIFY_SCORE:
            return "cetak+verifikasi", score, entry.name
        if self.contradicts(name):
            suggestion = self.heading_for(name, level)
            other = suggestion if suggestion is not None and suggestion.code != kode else None
            advice = (
                this_uraian_is(other.name, other.code)
                if other
                else _("no other {level} surely matches this uraian").format(level=level)
            )
            self.report_mismatch(kode, entry, name, where, other.code if other else None, advice)
        return "cetak", score, entry.name

    def heading_score(self, name: str, reference: str) -> float:
        """A heading names its urusan or bidang in fewer words ("6 UNSUR PENGAWASAN" for "UNSUR
        PENGAWASAN URUSAN PEMERINTAHAN", "Kesehatan" for "URUSAN PEMERINTAHAN BIDANG
        KESEHATAN"): the words every heading has are left out, and those left of one name may
        all stand in the other."""
        norm = self.matcher.normalizer
        query = _heading_words(norm(_LEADING_NUMBER.sub("", name)))
        form = _heading_words(norm.plain(reference))
        if not query or not form:
            return 0.0
        return float(fuzz.token_sort_ratio(query, form) + fuzz.token_set_ratio(query, form)) / 2

    def heading_for(self, name: str, level: str) -> Entry | None:
        """The urusan or bidang a heading's name names, when one does clearly."""
        scored = sorted(
            ((self.heading_score(name, e.name), e.code, e) for e in self.headings(level)),
            key=lambda item: (-item[0], item[1]),
        )
        if not scored or scored[0][0] < VERIFY_SCORE:
            return None
        if len(scored) > 1 and scored[1][0] >= scored[0][0]:
            return None
        return scored[0][2]

    def headings(self, level: str) -> list[Entry]:
        """The urusan or bidang entries of every list, one per code."""
        if level not in self._headings:
            found: dict[str, Entry] = {}
            for entry in self.nomenclature.entries:
                if entry.level == level and not Kode.parse(entry.code).is_generic:
                    found.setdefault(entry.code, entry)
            self._headings[level] = list(found.values())
        return self._headings[level]

    def name_score(self, printed: str, name: str) -> float:
        """How well a printed name names its code's nomenclature name (``Matcher.name_score``),
        kept per pair of names."""
        key = (printed, name)
        if key not in self._scores:
            self._scores[key] = self.matcher.name_score(printed, name)
        return self._scores[key]

    def mismatch(
        self,
        kode: str,
        entry: Entry,
        uraian: str,
        record: dict[str, Any],
        where: tuple[str, int, Source],
    ) -> None:
        """The printed code names something else: say what, and what the name points to."""
        # The code one level up limits the candidates.
        parent = Kode.parse(kode).parent()
        within = parent.text if parent else None
        match = self.matcher.match(uraian, level=entry.level, within=within)
        indikator = record.get("indikator") or record.get("indikator_sesudah") or ""
        norm = self.matcher.normalizer
        indicator_score = (
            float(self.matcher.score(norm(indikator), [norm(entry.indikator)])[0])
            if indikator and entry.indikator
            else 0.0
        )
        elsewhere = match.accepted and match.best is not None and match.best.code != kode
        if not elsewhere and indicator_score < INDICATOR_SCORE and not self.matcher.spelled(uraian):
            return  # a misspelt name that names no other code says nothing against its code
        if indicator_score >= INDICATOR_SCORE:
            expected: str | None = kode
            advice = _(
                "its indikator matches code {kode}, so the uraian should be '{name}'"
            ).format(kode=kode, name=entry.name)
        elif elsewhere and match.best is not None:
            expected = match.best.code
            advice = this_uraian_is(match.best.name, match.best.code)
        else:
            expected = match.best.code if match.best else None
            advice = _("no other code surely matches this uraian")
        self.report_mismatch(kode, entry, uraian, where, expected, advice)

    def report_mismatch(
        self,
        kode: str,
        entry: Entry,
        uraian: str,
        where: tuple[str, int, Source],
        expected: str | None,
        advice: str,
    ) -> None:
        table, row, source = where
        self.findings.append(
            Finding(
                KODE_URAIAN_TIDAK_COCOK,
                KODE_URAIAN_TIDAK_COCOK.severity,
                _("Code {kode} in the nomenclature {list} is '{name}', not '{uraian}'; {advice}.")
                .format(kode=kode, list=list_name(entry.version, entry.jenis_pemda),
                        name=entry.name, uraian=uraian, advice=advice),
                table=table,
                row=row,
                source=source,
                kode=kode,
                uraian=uraian,
                column="kode",
                expected=expected,
                found=kode,
            )
        )

    def unknown_code(self, kode: str, name: str | None, where: tuple[str, int, Source]) -> None:
        """A printed code the chosen version does not know: renumbered, another version, or none."""
        table, row, source = where
        renamed = self.nomenclature.renumbered_from(kode, jenis_pemda=self.jenis_pemda)
        other = self.other_list(kode)
        if renamed is not None:
            check = KODE_BERUBAH_NOMOR
            expected = _resolved(renamed.code, kode)
            message = _(
                "Code {kode} became {expected} ('{name}') in the nomenclature {version}; the "
                "printed code is kept."
            ).format(kode=kode, expected=expected, name=renamed.name, version=renamed.version)
        elif other is not None:
            check, expected = KODE_VERSI_LAIN, None
            message = _(
                "Code {kode} is not in the nomenclature {list} but is in {other} ('{name}')."
            ).format(
                kode=kode,
                list=self.list_name,
                other=list_name(other.version, other.jenis_pemda),
                name=other.name,
            )
        else:
            # A suggestion of the printed code's own level only.
            level = Kode.parse(kode).level if Kode.from_cell(kode) else None
            match = (
                self.matcher.match(name, level=level)
                if name and level in MATCHED_LEVELS and self.matcher.readable(name)
                else None
            )
            self.report_unknown(kode, name, where, match.code if match else None)
            return
        self.findings.append(
            Finding(
                check,
                check.severity,
                message,
                table=table,
                row=row,
                source=source,
                kode=kode,
                uraian=name,
                column="kode",
                expected=expected,
                found=kode,
            )
        )

    @property
    def list_name(self) -> str:
        """The list the document's codes are read against: ``1317/2023 kab/kota`` …"""
        return list_name(self.version, self.jenis_pemda or "kabkota")

    def other_list(self, kode: str) -> Entry | None:
        """The code's entry in another loaded list: another version of the document's pemda
        type first, then the other pemda type's (Jakarta's RKPD uses kab/kota programs)."""
        jenis = self.jenis_pemda or "kabkota"
        others = [j for j in ("kabkota", "prov") if j != jenis]
        for pemda in (jenis, *others):
            for version in self.nomenclature.versions()[::-1]:
                if (version, pemda) == (self.version, jenis):
                    continue
                entry = self.nomenclature.get(kode, version=version, jenis_pemda=pemda)
                if entry is not None:
                    return entry
        return None

    def report_unknown(
        self, kode: str, name: str | None, where: tuple[str, int, Source], expected: str | None
    ) -> None:
        table, row, source = where
        loaded = ", ".join(
            list_name(v, j)
            for v in self.nomenclature.versions()
            for j in ("kabkota", "prov")
            if self.nomenclature.select(version=v, jenis_pemda=j, level="bidang")
        )
        self.findings.append(
            Finding(
                KODE_TIDAK_DIKENAL,
                KODE_TIDAK_DIKENAL.severity,
                (
                    _(
                        "Code {kode} is in none of the nomenclature lists loaded ({loaded}); its "
                        "uraian matches {expected}."
                    )
                    if expected
                    else _("Code {kode} is in none of the nomenclature lists loaded ({loaded}).")
                ).format(kode=kode, loaded=loaded, expected=expected),
                table=table,
                row=row,
                source=source,
                kode=kode,
                uraian=name,
                column="kode",
                expected=expected,
                found=kode,
            )
        )

    def unsure(
        self, candidates: tuple[Candidate, ...], uraian: str, where: tuple[str, int, Source]
    ) -> None:
        table, row, source = where
        listed = "; ".join(f"{c.code} '{c.name}' ({c.score:g})" for c in candidates[:3])
        self.findings.append(
            Finding(
                KODE_TIDAK_PASTI,
                KODE_TIDAK_PASTI.severity,
                _("The code cannot be told surely from the uraian; candidates: {listed}.").format(
                    listed=listed or _("none")
                ),
                table=table,
                row=row,
                source=source,
                uraian=uraian,
                column="kode",
                expected=candidates[0].code if candidates else None,
                related=tuple(CodeRef(c.code) for c in candidates[:3]),
            )
        )


# Words every urusan or bidang heading has: they tell no heading from another.
HEADING_WORDS = frozenset({"urusan", "pemerintahan", "bidang"})


def this_uraian_is(name: str, code: str) -> str:
    """The advice of a mismatch whose uraian names another code."""
    return _("this uraian is '{name}' with code {code}").format(name=name, code=code)


def _heading_words(form: str) -> str:
    """A heading's normal form without ``HEADING_WORDS``.

    >>> _heading_words("urusan pemerintahan bidang kesehatan")
    'kesehatan'
    """
    return " ".join(w for w in form.split() if w not in HEADING_WORDS)


def _resolved(code: str, printed: str) -> str:
    """A generic code with the printed code's bidang in place of ``X.XX``."""
    bidang = Kode.parse(printed).bidang
    return Kode.parse(code).resolved(bidang).text if bidang else code


# In a table of no known form, a row whose best candidate scores below this is no nomenclature
# item at all (a region, a sector, an indicator heading): it is left uncoded without a finding.
PLAUSIBLE_SCORE = 70.0


def _plausible(candidates: tuple[Candidate, ...]) -> bool:
    return bool(candidates) and candidates[0].score >= PLAUSIBLE_SCORE


# Amounts below this are too common (round sums) to point at one sub kegiatan.
MIN_EVIDENCE_AMOUNT = 1_000_000


def amounts_by_code(tables: list[CleanTable]) -> dict[int, set[str]]:
    """Every amount the document prints on a row with a printed code, and those codes."""
    found: dict[int, set[str]] = {}
    for table in tables:
        frame = table.frame
        if "kode" not in frame.columns or "kode_cetak" not in frame.columns:
            continue
        amounts = [
            c
            for c in frame.columns
            if str(frame[c].dtype) == "Int64" and c not in ("baris", "sumber_baris", "halaman")
        ]
        for row in frame[["kode", *amounts]].itertuples(index=False):
            code, *values = row
            if not isinstance(code, str):
                continue
            for value in values:
                if value is not pd.NA and value is not None and int(value) >= MIN_EVIDENCE_AMOUNT:
                    found.setdefault(int(value), set()).add(code)
    return found


def with_code_columns(
    frame: pd.DataFrame, values: dict[str, list[Any]], levels: list[Any]
) -> pd.DataFrame:
    frame = frame.copy()
    frame["level"] = levels
    position = list(frame.columns).index("level") + 1
    for name in CODE_COLUMNS:
        if name in frame.columns:
            frame[name] = values[name]
            continue
        frame.insert(position, name, values[name])
        position += 1
    frame["skor_kode"] = pd.array(
        [None if v is None else float(v) for v in frame["skor_kode"]], dtype="Float64"
    )
    return frame


def _printed_in_name(uraian: str) -> str | None:
    """The code a name prints after itself (``code_in_name``), read as a code, when it is one
    of the nomenclature's shape (a unit's number or a count in parentheses is none).

    >>> _printed_in_name("Program Pengendalian Penduduk (2.14.02)")
    '2.14.02'
    >>> _printed_in_name("Penyediaan Gaji (2.14.01.2.02.01)"), _printed_in_name("Dokumen (2)")
    ('2.14.01.2.02.0001', None)
    """
    found = code_in_name(uraian)
    if found is None:
        return None
    kode = parse_kode(found[0]).value
    return kode.canonical if kode is not None and kode.scheme == "p90" else None
