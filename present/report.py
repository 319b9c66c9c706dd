"""The auditor's report: one self-contained HTML page built from a document's output folder.

The page is rebuilt from the output contract alone (``manifest.json``, ``raw/``, ``tables/``,
``repairs.csv``, ``findings.csv``), so ``renja report DOC_DIR`` works on any existing folder::

    read_doc_folder(doc_dir)   the folder's files as plain records (renja.present.outputs)
    page_view(folder)          what the page shows, as plain values (the view model)
    render_report(doc_dir)     the page as a string (deterministic: same folder, same bytes)
    write_report(doc_dir)      ``doc_dir/report.html``, written atomically

The markup is in ``templates/`` (Jinja2, autoescaped); the findings' grouping under their root
cause is ``renja.present.causes``, and finding a finding's rows and cells in the tables is
``renja.present.locate``. Everything read from the folder is untrusted document text: it is
HTML-escaped on output and never becomes script. The page loads nothing from anywhere (inline CSS
and JS, pinned by a Content-Security-Policy hash); its script only filters and sorts, and the
page reads without it.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Literal, NamedTuple

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.ext import Extension
from markupsafe import Markup

from renja.model.checks import CHECKS
from renja.model.i18n import N_, _, group_digits, language, ngettext
from renja.model.labels import shorten
from renja.model.publish import publish_file
from renja.model.refs import CellRef, Related
from renja.model.severity import SEVERITIES, SEVERITY_LABELS, severity_rank
from renja.present.causes import cause_groups, consequence_counts
from renja.present.decide_view import (
    ACTION_LABELS,
    REVIEW_LABELS,
    DecideView,
    DecisionsView,
    KeyCache,
    action_label,
    decide_view,
    decisions_view,
)
from renja.present.locate import source_snippets
from renja.present.outputs import DocFolder, Record, is_open, read_doc_folder, related_refs
from renja.present.source_view import (
    Detail,
    detail_view,
    page_pictures,
    snippet_regions,
    where_label,
)
from renja.present.values import as_int, number_key

REPORT_NAME = "report.html"
TEMPLATE = "report.html.j2"
FILTER_NAME_WIDTH = 48  # a table's printed name is cut to this many characters in the filter
TABLE_NAME_WIDTH = 36  # and to this many in the findings table's column
RELATED_SHOWN = 6  # a longer "Terkait" list folds into a <details>
MAX_INDENT = 3  # consequences deeper than this are indented as this deep (``depth-3`` in the CSS)
# A long document can have tens of thousands of findings of one check (a code printed in every
# block of an RKPD). Their source view (the rows as printed, pictures) is what makes a report
# slow to build and heavy to open: it is shown for the first findings of each check, in report
# order; the rest are listed plainly, and past a second bound not listed at all. The summary
# counts every finding, and findings.csv and the workbook hold them all.
DETAIL_PER_CHECK = 100
LISTED_PER_CHECK = 1000


class Column(NamedTuple):
    """A column of the findings table: its ``findings.csv`` name, its label and what it holds
    (both marked for the catalogue; the templates translate them)."""

    key: str
    label: str
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("id", N_("ID"), N_("the finding's number")),
    Column("severity", N_("Severity"), N_("how serious the finding is")),
    Column("check", N_("Check"), N_("the check that made the finding")),
    Column("table", N_("Table"), N_("the table as its caption names it")),
    Column("row", N_("Row"), N_("row of the clean table; source line or page below")),
    Column("kode", N_("Code"), N_("the row's code")),
    Column("uraian", N_("Uraian"), N_("the name of the row")),
    Column("column", N_("Column"), N_("the column of the clean table")),
    Column("expected", N_("Expected"), N_("the value expected")),
    Column("found", N_("Printed"), N_("the value found, as printed")),
    Column("difference", N_("Difference"), N_("difference (printed − expected)")),
    Column("message", N_("Message"), N_("what is wrong, in words")),
    Column("root_cause", N_("Root cause"), N_("root cause: the finding that explains this one")),
    Column("related", N_("Related"), N_("related findings, codes or rows")),
    Column("tinjauan", N_("Review"), N_("review: a person's decision on it (keputusan.csv)")),
)
NUMERIC_COLUMNS = {"row", "expected", "found", "difference"}
SHOWN_COLUMNS = {"kode", "expected", "found", "difference"}  # values shown by ``shown_value``
SLUG_COLUMNS = {"check", "table", "column"}  # names that may wrap after their underscores
CELL_CLASSES = {"message": "c-msg", "uraian": "c-uraian", "kode": "c-kode"}  # widths in the CSS

LONG_INTEGER = re.compile(r"-?\d{5,}")  # amounts; a year or a count of four digits stays as is
DOTTED_CODE = re.compile(r"\w+(?:\.\w+){2,}")  # 5.03.02.2.01.0001, or a number as printed

META_LABELS = (
    ("pemda", N_("Pemda")),
    ("skpd", N_("SKPD")),
    ("tahun", N_("Year")),
    ("jenis", N_("Kind of document")),
    ("jenis_pemda", N_("Kind of pemda")),
    ("bidang", N_("Bidang")),
)


# --- values as shown -------------------------------------------------------------------------


def shown_value(text: str) -> tuple[str, str]:
    """A value for reading, and where it may wrap: whole Rupiah grouped the Indonesian way,
    long codes breakable after their dots.

    The sort key keeps the plain number (``data-num``); only what is shown changes.

    >>> shown_value("-59999800"), shown_value("2024"), shown_value("5.03.02.2.01.0001")
    (('-59.999.800', ''), ('2024', ''), ('5.03.02.2.01.0001', '.'))
    """
    if LONG_INTEGER.fullmatch(text):
        return group_digits(int(text)), ""
    if DOTTED_CODE.fullmatch(text):
        return text, "."
    return text, ""


def check_meaning(slug: str) -> str:
    """What a check means, from the registry; empty for a check the registry does not know.

    >>> check_meaning("jumlah_total"), check_meaning("catatan_sendiri")
    ('baris total (JUMLAH) tidak sama dengan jumlah baris yang ditutupnya', '')
    """
    check = CHECKS.get(slug)
    return "" if check is None else check.meaning


# --- the view model: what the page shows, as plain values ------------------------------------


class RelatedItem(NamedTuple):
    """An entry of a finding's "Terkait" cell: a code, rows of one table, or the cell's text
    when it holds no list of references (an edited file)."""

    kind: Literal["code", "rows", "text"]
    text: str  # the code, the table, or the cell's text
    rows: str = ""  # the table's rows, for ``rows``

    @property
    def row_count(self) -> int:
        """How many rows ``rows`` names."""
        return len(self.rows.split(", ")) if self.rows else 0


def related_items(refs: Sequence[Related]) -> list[RelatedItem]:
    """The related entries: codes first, then rows grouped by table.

    >>> from renja.model.refs import CodeRef
    >>> items = related_items([CellRef("t06", 4, "pagu"), CellRef("t06", 5), CodeRef("5.03")])
    >>> [(i.kind, i.text, i.rows) for i in items]
    [('code', '5.03', ''), ('rows', 't06', '4, 5')]
    """
    codes: list[RelatedItem] = []
    rows: dict[str, list[str]] = defaultdict(list)
    for ref in refs:
        if isinstance(ref, CellRef):
            rows[ref.table].append(str(ref.row))
        else:
            codes.append(RelatedItem("code", ref.kode))
    tables = [RelatedItem("rows", t, ", ".join(dict.fromkeys(r))) for t, r in rows.items()]
    return codes + tables


def related_view(finding: Record) -> RelatedView:
    """A finding's "Terkait" cell, from its ``related`` references."""
    refs = related_refs(finding)
    if refs is None:  # not a list of references: shown as it is
        return RelatedView([RelatedItem("text", finding.get("related", ""))], 1)
    return RelatedView(related_items(refs), len(refs))


@dataclass(frozen=True, slots=True)
class RelatedView:
    """A finding's "Terkait" cell; a long one folds into a ``<details>``."""

    items: list[RelatedItem]
    count: int  # entries of the cell, before rows are grouped by table

    @property
    def folded(self) -> bool:
        return self.count > RELATED_SHOWN


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a finding's row: its text as shown and its class and sort key."""

    key: str  # the findings.csv column
    text: str
    wrap_at: str = ""  # the text may wrap after each of these ("_" or "."); "" for nowhere
    css_class: str | None = None
    sort_key: str | int | None = None  # ``data-num``


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One finding as its row in the findings table shows it."""

    finding: Record
    depth: int  # 0 for a root cause
    consequences: int  # findings naming this one as their root cause
    cause_known: bool  # ``root_cause`` names a finding of the list (a link)
    meaning: str  # of the check
    where: str
    cells: list[Cell]  # in ``COLUMNS`` order
    related: RelatedView
    detail: Detail | None  # None for a finding of no table
    table_name: str = ""  # the name the document prints for its table (its id is the key)
    decide: DecideView | None = None  # what a person may decide about it (decide.js)

    @property
    def review(self) -> str:
        """``dokumen_benar`` or ``kesalahan_diterima`` once a person checked it, else empty."""
        return self.finding.get("tinjauan", "")

    @property
    def id(self) -> str:
        return self.finding.get("id", "")

    @property
    def severity(self) -> str:
        return self.finding.get("severity", "")

    @property
    def check(self) -> str:
        return self.finding.get("check", "")

    @property
    def table(self) -> str:
        return self.finding.get("table", "")

    @property
    def table_label(self) -> str:
        """The table's printed name, cut for the findings table's narrow column."""
        return shorten(self.table_name, TABLE_NAME_WIDTH)

    @property
    def indent(self) -> int:
        return min(self.depth, MAX_INDENT)


@dataclass(frozen=True, slots=True)
class FindingsView:
    """The findings table, and the values its filters offer."""

    groups: list[list[FindingRow]]  # each a root cause, then the findings it explains
    checks: list[str]  # to filter by
    tables: list[str]
    table_labels: dict[str, str] = field(default_factory=dict)  # the tables' printed names
    notes: list[str] = field(default_factory=list)  # what the list leaves out, per check


@dataclass(frozen=True, slots=True)
class CheckCount:
    """A check of the summary: how many findings, of which severities, and what it means."""

    check: str
    severities: list[str]
    count: int
    meaning: str


@dataclass(frozen=True, slots=True)
class CoverageView:
    """How far the document was audited: what its count of findings means."""

    data: int  # data tables (known form or inferred)
    checked: int  # tables whose sums and relations were checked
    schema_only: int  # tables with no sum to check: types only
    incomplete: list[str]  # tables not read whole: their sums not checked
    not_data: int  # tables that hold no data (kept raw only)

    @property
    def none_checked(self) -> bool:
        return self.data > 0 and self.checked == 0

    @property
    def text(self) -> str:
        """How many data tables were audited in full, and how many for their types only.

        >>> from renja.model.i18n import use_language
        >>> with use_language("en"):
        ...     CoverageView(9, 7, 2, [], 2).text
        '7 of 9 data tables audited in full (kinds of values, sums and the arithmetic of rows); 2 tables hold no sums, only the kinds of their values were checked.'
        """  # noqa: E501
        text = _(
            "{checked} of {data} data tables audited in full (kinds of values, sums and the "
            "arithmetic of rows)"
        ).format(checked=group_digits(self.checked), data=group_digits(self.data))
        if self.schema_only:
            text += ngettext(
                "; {n} table holds no sums, only the kinds of its values were checked",
                "; {n} tables hold no sums, only the kinds of their values were checked",
                self.schema_only,
            ).format(n=group_digits(self.schema_only))
        return text + "."

    @property
    def not_data_text(self) -> str:
        """How many tables hold no data."""
        return ngettext(
            "{n} table is no data table (a list, a table of contents, text) and is kept raw only.",
            "{n} tables are no data tables (lists, tables of contents, text) and are kept raw "
            "only.",
            self.not_data,
        ).format(n=group_digits(self.not_data))


@dataclass(frozen=True, slots=True)
class SummaryView:
    """Counts by severity and by check, and how far the document was audited."""

    total: int
    by_severity: dict[str, int]
    checks: list[CheckCount]  # most findings first
    coverage: CoverageView | None = None
    reviewed: int = 0  # findings a person checked: listed, no longer open


class Count(NamedTuple):
    """A count of the header: what the folder holds."""

    n: int
    label: str
    meaning: str


@dataclass(frozen=True, slots=True)
class HeaderView:
    """The document: its title and metadata, its source, and what the folder holds."""

    title: str
    doc_id: str
    meta: list[tuple[str, str]]  # label, value
    source_file: str
    source_sha: str
    counts: list[Count]
    warnings: list[str]


@dataclass(frozen=True, slots=True)
class TableRow:
    """A table of the manifest, and which of its CSV files exist."""

    table_id: str
    name: str  # what the document prints: its number and title (``nama``)
    kind: object  # the manifest's values, shown as they are
    title: object
    caption: object
    rows: object
    findings: int
    clean: bool  # tables/<table_id>.csv exists
    raw: bool  # raw/<table_id>.csv exists
    status: str = ""  # what renja understood: a known form, inferred, not a data table
    audit: str = ""  # how far it was audited, and why not further


@dataclass(frozen=True, slots=True)
class PageView:
    """Everything the page shows: the view model the templates render."""

    title: str
    policy: str  # the Content-Security-Policy
    css: Markup
    js: Markup
    lang: str  # the page's language (``<html lang>``)
    messages: dict[str, object]  # what the script says, in the page's language
    header: HeaderView
    summary: SummaryView
    findings: FindingsView
    tables: list[TableRow]
    version: str
    decisions: DecisionsView | None = None


# --- assembling the view ---------------------------------------------------------------------


def finding_cells(finding: Record) -> list[Cell]:
    """The cells of one finding's row, in ``COLUMNS`` order, with their classes and sort keys."""
    cells = []
    for key, _label, _meaning in COLUMNS:
        value = finding.get(key, "")
        text, wrap_at = shown_value(value) if key in SHOWN_COLUMNS else (value, "")
        if key in SLUG_COLUMNS:
            wrap_at = "_"
        if key == "severity":
            cells.append(Cell(key, text, wrap_at, sort_key=severity_rank(value)))
        elif key in NUMERIC_COLUMNS:
            cells.append(Cell(key, text, wrap_at, "num", number_key(value)))
        else:
            cells.append(Cell(key, text, wrap_at, CELL_CLASSES.get(key)))
    return cells


def finding_row(
    finding: Record,
    depth: int,
    ids: set[str],
    consequences: Counter[str],
    detail: Detail | None,
    table_name: str = "",
    decide: DecideView | None = None,
) -> FindingRow:
    """One finding as its row shows it, with the detail under it."""
    return FindingRow(
        finding=finding,
        depth=depth,
        consequences=consequences[finding.get("id", "")],
        cause_known=finding.get("root_cause", "") in ids,
        meaning=check_meaning(finding.get("check", "")),
        where=where_label(finding),
        cells=finding_cells(finding),
        related=related_view(finding),
        detail=detail,
        table_name=table_name,
        decide=decide,
    )


def finding_details(folder: DocFolder, findings: Sequence[Record]) -> dict[int, Detail]:
    """The detail of each finding of a table (by the record's identity, as ``cause_groups``
    tells them apart), its pictures given in the order of ``findings``: the page's."""
    located = [(f, source_snippets(folder, f)) for f in findings if f.get("table")]
    pictures = page_pictures(folder, [snippet_regions(snippets) for _finding, snippets in located])
    return {
        id(finding): detail_view(folder, finding, snippets, shown.views, shown.note)
        for (finding, snippets), shown in zip(located, pictures, strict=True)
    }


@dataclass(frozen=True, slots=True)
class Shown:
    """Which findings the report lists, and which of them with their source view
    (``DETAIL_PER_CHECK``, ``LISTED_PER_CHECK``), by the record's identity."""

    listed: set[int]
    detailed: set[int]
    notes: list[str]


def shown_findings(findings: Sequence[Record]) -> Shown:
    """The findings listed and detailed: for each check, the first ``DETAIL_PER_CHECK`` (in the
    order given, the report's) with their source, up to ``LISTED_PER_CHECK`` listed; a note per
    check that has more, in Indonesian.

    >>> rows = [{"check": "skema_kode_ganda"} for _ in range(LISTED_PER_CHECK + 5)]
    >>> shown = shown_findings(rows)
    >>> len(shown.listed), len(shown.detailed)
    (1000, 100)
    >>> print(shown.notes[0])  # doctest: +NORMALIZE_WHITESPACE
    skema_kode_ganda: 1.005 temuan; sumbernya ditampilkan untuk 100 yang pertama, 1.000
    tercantum di sini, 5 lainnya hanya di findings.csv dan buku kerja Excel.
    """
    seen: Counter[str] = Counter()
    listed: set[int] = set()
    detailed: set[int] = set()
    for finding in findings:
        check = finding.get("check", "")
        seen[check] += 1
        if seen[check] <= LISTED_PER_CHECK:
            listed.add(id(finding))
        if seen[check] <= DETAIL_PER_CHECK:
            detailed.add(id(finding))
    notes = []
    for check, count in sorted(seen.items()):
        if count <= DETAIL_PER_CHECK:
            continue
        note = (
            _(
                "{check}: {count} findings; their source is shown for the first {detailed}, "
                "{listed} are listed here, the {rest} others only in findings.csv and the Excel "
                "workbook."
            )
            if count > LISTED_PER_CHECK
            else _(
                "{check}: {count} findings; their source is shown for the first {detailed}, the "
                "others are listed without it (all in findings.csv and the workbook)."
            )
        )
        notes.append(
            note.format(
                check=check,
                count=group_digits(count),
                detailed=group_digits(DETAIL_PER_CHECK),
                listed=group_digits(LISTED_PER_CHECK),
                rest=group_digits(count - LISTED_PER_CHECK),
            )
        )
    return Shown(listed, detailed, notes)


def findings_view(folder: DocFolder) -> FindingsView:
    """The findings table: consequences under their root cause, each with its detail (for the
    findings ``shown_findings`` details)."""
    findings = folder.findings
    consequences = consequence_counts(findings)
    grouped = cause_groups(findings)
    shown = shown_findings([f for group in grouped for f, _depth in group])
    grouped = [[(f, d) for f, d in group if id(f) in shown.listed] for group in grouped]
    grouped = [group for group in grouped if group]
    ids = {f.get("id", "") for group in grouped for f, _depth in group} - {""}
    details = finding_details(
        folder, [f for group in grouped for f, _depth in group if id(f) in shown.detailed]
    )
    tables = sorted({f.get("table", "") for f in findings} - {""})
    names = {table_id: folder.table_name(table_id) for table_id in tables}
    keys = KeyCache(folder)
    groups = [
        [
            finding_row(
                finding,
                depth,
                ids,
                consequences,
                details.get(id(finding)),
                names.get(finding.get("table", ""), ""),
                decide_view(keys, finding),
            )
            for finding, depth in group
        ]
        for group in grouped
    ]
    return FindingsView(
        groups=groups,
        checks=sorted({f.get("check", "") for f in findings} - {""}),
        tables=tables,
        table_labels={t: shorten(name, FILTER_NAME_WIDTH) for t, name in names.items()},
        notes=shown.notes,
    )


def summary_view(findings: Sequence[Record]) -> SummaryView:
    """Counts by severity (of the open findings) and by check; how many were reviewed."""
    by_severity = Counter(f.get("severity", "") for f in findings if is_open(f))
    by_check = Counter(f.get("check", "") for f in findings)
    severities_of: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        severities_of[finding.get("check", "")].add(finding.get("severity", ""))
    checks = [
        CheckCount(
            check, [s for s in SEVERITIES if s in severities_of[check]], n, check_meaning(check)
        )
        for check, n in sorted(by_check.items(), key=lambda item: (-item[1], item[0]))
    ]
    return SummaryView(
        len(findings),
        {s: by_severity[s] for s in SEVERITIES},
        checks,
        reviewed=sum(not is_open(f) for f in findings),
    )


def coverage_view(folder: DocFolder) -> CoverageView:
    """What the manifest says the audit did with each table."""
    statuses = [str((t.get("audit") or {}).get("status", "")) for t in folder.tables]
    kinds = [str(t.get("status", "")) for t in folder.tables]
    return CoverageView(
        data=sum(k in ("bentuk_dikenal", "disimpulkan") for k in kinds),
        checked=statuses.count("diperiksa"),
        schema_only=statuses.count("hanya_skema"),
        incomplete=[
            str(t.get("table_id"))
            for t, st in zip(folder.tables, statuses, strict=True)
            if st == "tidak_lengkap"
        ],
        not_data=kinds.count("bukan_tabel_data"),
    )


STATUS_LABELS = {  # marked for the catalogue; ``tables_view`` translates them
    "bentuk_dikenal": N_("a known form"),
    "disimpulkan": N_("inferred from its content"),
    "bukan_tabel_data": N_("no data table"),
}


def status_label(status: str) -> str:
    """What renja understood of a table, in words (empty for a status it does not name)."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else ""


def audit_label(audit: dict[str, object]) -> str:
    """How far a table was audited, in words.

    >>> audit_label({"status": "diperiksa", "hitungan": 84})
    'diperiksa (84 hitungan)'
    >>> audit_label({"status": "tidak_lengkap", "alasan": "tabel tanpa judul kolom"})
    'tidak lengkap: tabel tanpa judul kolom; jumlahnya tidak diperiksa'
    """
    status = audit.get("status")
    if status == "diperiksa":
        count = audit.get("hitungan", 0)
        n = count if isinstance(count, int) else 0
        return ngettext("checked ({n} sum)", "checked ({n} sums)", n).format(n=group_digits(n))
    if status == "hanya_skema":
        return _("the kinds and forms of values only (no sums to check)")
    if status == "tidak_lengkap":
        return _("incomplete: {reason}; its sums are not checked").format(
            reason=audit.get("alasan", "")
        )
    if status == "tidak_diperiksa":
        return _("not checked")
    return ""


def tables_view(folder: DocFolder) -> list[TableRow]:
    """Every table of the document, and which of its clean and raw CSV files exist."""
    findings_per_table = Counter(f.get("table", "") for f in folder.findings)
    rows = []
    for table in folder.tables:
        table_id = str(table.get("table_id", ""))
        rows.append(
            TableRow(
                table_id=table_id,
                name=folder.table_name(table_id),
                kind=table.get("kind"),
                title=table.get("title") or "",
                caption=table.get("caption") or table.get("context") or "",
                rows=table.get("rows", ""),
                findings=findings_per_table[table_id],
                clean=folder.clean_path(table_id).is_file(),
                raw=folder.raw_path(table_id).is_file(),
                status=status_label(str(table.get("status", ""))),
                audit=audit_label(table.get("audit") or {}),
            )
        )
    return rows


def header_view(folder: DocFolder) -> HeaderView:
    """The document: its title and metadata from the manifest, and what the folder holds."""
    meta = folder.meta
    items = []
    for key, label in META_LABELS:
        value = meta.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value not in (None, ""):
            items.append((_(label), str(value)))
    nomenclature = folder.manifest.get("nomenklatur") or {}
    if isinstance(nomenclature, dict) and nomenclature.get("version"):
        items.append((_("Nomenclature"), str(nomenclature["version"])))
    source = folder.manifest.get("source") or {}
    tables = folder.tables
    clean = sum(1 for t in tables if folder.clean_path(str(t.get("table_id", ""))).is_file())
    rows = sum(int(t.get("rows") or 0) for t in tables)
    return HeaderView(
        title=str(meta.get("title") or folder.doc_id),
        doc_id=folder.doc_id,
        meta=items,
        source_file=str(source["file"]) if source.get("file") else "",
        source_sha=str(source.get("sha256") or ""),
        counts=[
            Count(
                len(tables),
                ngettext("table ({clean} clean)", "tables ({clean} clean)", len(tables)).format(
                    clean=group_digits(clean)
                ),
                _("the tables of the document, and how many of them were cleaned"),
            ),
            Count(
                rows,
                ngettext("clean row", "clean rows", rows),
                _("the rows of the clean tables"),
            ),
            Count(
                len(folder.repairs),
                ngettext("repair", "repairs", len(folder.repairs)),
                _("cells renja repaired, each logged with its rule (repairs.csv)"),
            ),
            Count(
                len(folder.findings),
                ngettext("finding", "findings", len(folder.findings)),
                _("what the audit found (findings.csv)"),
            ),
        ],
        warnings=[str(w) for w in folder.manifest.get("warnings") or []],
    )


def asset(name: str) -> str:
    """A file of ``report_assets/``, inlined into the page."""
    return (resources.files("renja.present") / "report_assets" / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline style or script."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def page_view(folder: DocFolder) -> PageView:
    """Everything the page shows, with the inline CSS and JS and a policy that forbids all loads.

    The policy's hashes are of the very text inlined, so the browser runs that and nothing else.
    """
    # the decision controls (decide_view) have their own files, inlined with the page's
    css = asset("report.css") + asset("decide.css")
    js = asset("report.js") + asset("decide.js")
    policy = (
        f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return PageView(
        title=_("Findings · {title}").format(title=folder.meta.get("title") or folder.doc_id),
        policy=policy,
        css=Markup(css),  # the package's own files, not document text
        js=Markup(js),
        lang=language(),
        messages=script_messages(),
        header=header_view(folder),
        summary=replace(summary_view(folder.findings), coverage=coverage_view(folder)),
        findings=findings_view(folder),
        tables=tables_view(folder),
        version=str(folder.manifest.get("renja_version", "")),
        decisions=decisions_view(folder),
    )


def script_messages() -> dict[str, object]:
    """What the page's script says (``report.js``, ``decide.js``), in the page's language: read
    from the page's ``<script type="application/json" id="pesan">``; ``{n}`` and ``{file}`` are
    filled in by the script."""
    return {
        "shown": _("{n} of {total} findings shown"),
        "unsaved": _("{n} new decisions not saved yet."),
        "none_new": _("No new decisions yet."),
        "saved": _("{n} new decisions saved in {file}; run renja run again."),
        "value_first": _("Fill in the value first."),
        "code_first": _("Choose or fill in the code."),
        "actions": {
            "terima_saran": _("accept the suggestion"),
            "ubah_nilai": _("change the value"),
            "pilih_kode": _("choose the code"),
            "tolak_kode": _("reject every candidate"),
            "dokumen_benar": _("the document is right"),
            "kesalahan_diterima": _("accept as an error"),
        },
    }


def translated(labels: dict[str, str]) -> dict[str, str]:
    """Labels marked for the catalogue, in the current language (for the templates)."""
    return {key: _(label) for key, label in labels.items()}


# --- rendering -------------------------------------------------------------------------------


def escape_text(value: object) -> Markup:
    """Document text as HTML text or attribute value (quotes escaped too); None as nothing.

    Every ``{{ value }}`` of the templates passes through this (the environment's ``finalize``)
    before autoescaping, which then leaves it alone. It escapes as ``html.escape`` does, quotes
    as ``&#x27;`` and ``&quot;`` where markupsafe would write ``&#39;`` and ``&#34;``: the page's
    escaping from before the templates, so the same folder still gives the same bytes. (A string
    literal in ``{{ }}`` is escaped by markupsafe when the template is compiled, so the templates
    write their own text as markup, not as literals.)

    >>> escape_text('"><img src=x onerror=alert(1)>'), escape_text(None)
    (Markup('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'), Markup(''))
    """
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


class CompactPartials(Extension):
    """Partials (templates named ``_*.html.j2``) are written over many indented lines for
    reading, but the page puts each section on one line, as it always has: their line breaks and
    indentation next to a tag (after ``>`` or ``}``, before ``<`` or ``{``) are not output.

    A line break between two words stays, so text is never split over lines in a partial.
    """

    LINE_BREAK = re.compile(r"(?<=[>}])\n[ \t]*|\n[ \t]*(?=[<{])")

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name is not None and Path(name).name.startswith("_"):
            return self.LINE_BREAK.sub("", source)
        return source


@functools.cache
def environment() -> Environment:
    """The templates of ``templates/``, autoescaped, with the constants of the page."""
    env = Environment(
        loader=PackageLoader("renja.present", "templates"),
        autoescape=select_autoescape(["html.j2"], default_for_string=True, default=True),
        finalize=escape_text,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        extensions=[CompactPartials, "jinja2.ext.i18n"],
    )
    # The messages of the templates come from the one catalogue (renja.model.i18n), in the
    # language of the moment each page is rendered.
    env.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(grouped=group_digits, esc=escape_text)
    env.globals.update(
        COLUMNS=COLUMNS,
        NUMERIC_COLUMNS=NUMERIC_COLUMNS,
        SEVERITIES=SEVERITIES,
        SEVERITY_LABELS=SEVERITY_LABELS,
        REVIEW_LABELS=REVIEW_LABELS,
        ACTION_LABELS=ACTION_LABELS,
        action_label=action_label,
        translated=translated,
    )
    return env


def render_report(doc_dir: str | Path | DocFolder) -> str:
    """The report of a document's output folder (its path, or the folder read) as one
    self-contained HTML page."""
    folder = doc_dir if isinstance(doc_dir, DocFolder) else read_doc_folder(doc_dir)
    return environment().get_template(TEMPLATE).render(page=page_view(folder))


def write_report(doc_dir: str | Path | DocFolder) -> Path:
    """Write ``report.html`` into a document's folder atomically and return its path."""
    folder = doc_dir if isinstance(doc_dir, DocFolder) else read_doc_folder(doc_dir)
    path = folder.path / REPORT_NAME
    publish_file(path, render_report(folder).encode("utf-8"))
    return path


# as_int is the workbook's too (renja.present.workbook imports it from here).
__all__ = ["as_int", "render_report", "write_report"]
