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

from dataclasses import dataclass, field, replace
from numbers import Integral
from typing import Any

import pandas as pd

from renja.model.checks import (
    KODE_BERUBAH_NOMOR,
    KODE_TIDAK_DIKENAL,
    KODE_TIDAK_PASTI,
    KODE_URAIAN_TIDAK_COCOK,
    KODE_VERSI_LAIN,
)
from renja.model.contract import TableStatus
from renja.model.kode import Kode
from renja.model.records import Finding, Source
from renja.model.refs import CodeRef
from renja.model.tables import CleanTable
from renja.normalize.match import Candidate, Matcher
from renja.normalize.nomenclature import Entry, Nomenclature

# A printed code is verified when its nomenclature name scores at least this against the row's
# name; below it, the name is compared with the code's siblings to suggest the right code.
VERIFY_SCORE = 80.0
# The indicator confirms a printed code whose name does not: the row names its parent instead.
INDICATOR_SCORE = 80.0
# Rows above the program level, or naming the SKPD, are not matched (their printed codes are
# still verified).
SKIP_LEVELS = frozenset({"urusan", "bidang", "skpd", "unit"})
CODE_COLUMNS = ("kode", "kode_sumber", "skor_kode", "uraian_nomenklatur")


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
            if record.get("jenis_baris") != "data":
                continue
            source = Source(line=record.get("sumber_baris"), page=record.get("halaman"))
            where = (table.table_id, int(record["baris"]), source)
            if isinstance(kode, str):
                result = self.verify(kode, uraian, record, where)
                values["kode_sumber"][index] = result[0]
                values["skor_kode"][index] = result[1]
                values["uraian_nomenklatur"][index] = result[2]
                context.update(kode, level)
            elif isinstance(uraian, str) and uraian.strip() and level not in SKIP_LEVELS:
                evidence = self.evidence(record)
                match = self.matcher.match(
                    uraian, level=level, prefer=context.prefer(), evidence=evidence
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
        return replace(table, frame=_with_code_columns(frame, values, levels))

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
        """Check a printed code against the row's name: (kode_sumber, score, reference name)."""
        entry = self.lookup(kode)
        if entry is None:
            self.unknown_code(kode, uraian, where)
            return "cetak", None, None
        if not isinstance(uraian, str) or not uraian.strip():
            return "cetak", None, entry.name
        score = self.name_score(uraian, entry.name)
        if score >= VERIFY_SCORE:
            return "cetak+verifikasi", round(score, 1), entry.name
        self.mismatch(kode, entry, uraian, record, where)
        return "cetak", round(score, 1), entry.name

    def name_score(self, printed: str, name: str) -> float:
        """How well a printed name matches a nomenclature name (their normal forms scored)."""
        key = (printed, name)
        if key not in self._scores:
            norm = self.matcher.normalizer
            self._scores[key] = float(self.matcher.score(norm(printed), [norm(name)])[0])
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
        table, row, source = where
        # The code one level up limits the candidates (an urusan's or bidang's has none to match).
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
        if indicator_score >= INDICATOR_SCORE:
            expected: str | None = kode
            advice = f"indikatornya cocok dengan kode {kode}, jadi uraian seharusnya '{entry.name}'"
        elif match.accepted and match.best and match.best.code != kode:
            expected = match.best.code
            advice = f"uraian ini adalah '{match.best.name}' dengan kode {match.best.code}"
        else:
            expected = match.best.code if match.best else None
            advice = "tidak ada kode lain yang pasti cocok dengan uraian ini"
        self.findings.append(
            Finding(
                KODE_URAIAN_TIDAK_COCOK,
                KODE_URAIAN_TIDAK_COCOK.severity,
                f"Kode {kode} dalam nomenklatur adalah '{entry.name}', bukan '{uraian}'; {advice}.",
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

    def unknown_code(self, kode: str, uraian: Any, where: tuple[str, int, Source]) -> None:
        """A printed code the chosen version does not know: renumbered, another version, or none."""
        table, row, source = where
        renamed = self.nomenclature.renumbered_from(kode, jenis_pemda=self.jenis_pemda)
        other = next(
            (
                e
                for v in self.nomenclature.versions()
                if v != self.version
                and (e := self.nomenclature.get(kode, version=v, jenis_pemda=self.jenis_pemda))
            ),
            None,
        )
        if renamed is not None:
            check = KODE_BERUBAH_NOMOR
            expected = _resolved(renamed.code, kode)
            message = (
                f"Kode {kode} diganti menjadi {expected} ('{renamed.name}') dalam nomenklatur "
                f"{renamed.version}; kode tercetak dipertahankan."
            )
        elif other is not None:
            check, expected = KODE_VERSI_LAIN, None
            message = (
                f"Kode {kode} tidak ada dalam nomenklatur {self.version} tetapi ada dalam "
                f"{other.version} ('{other.name}')."
            )
        else:
            check = KODE_TIDAK_DIKENAL
            match = (
                self.matcher.match(uraian) if isinstance(uraian, str) and uraian.strip() else None
            )
            expected = match.code if match else None
            message = f"Kode {kode} tidak ada dalam nomenklatur mana pun" + (
                f"; uraiannya cocok dengan {expected}." if expected else "."
            )
        self.findings.append(
            Finding(
                check,
                check.severity,
                message,
                table=table,
                row=row,
                source=source,
                kode=kode,
                uraian=uraian if isinstance(uraian, str) else None,
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
                "Kode tidak dapat ditentukan dengan pasti dari uraian; kandidat: "
                + (listed or "tidak ada")
                + ".",
                table=table,
                row=row,
                source=source,
                uraian=uraian,
                column="kode",
                expected=candidates[0].code if candidates else None,
                related=tuple(CodeRef(c.code) for c in candidates[:3]),
            )
        )


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


def _with_code_columns(
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
