"""The auditor's report: one self-contained HTML page built from a document's output folder.

The page is rebuilt from the output contract alone (``manifest.json``, ``raw/``, ``tables/``,
``repairs.csv``, ``findings.csv``), so ``renja report DOC_DIR`` works on any existing folder::

    read_doc_folder(doc_dir)   the folder's files as plain records (renja.present.outputs)
    cause_groups(findings)     each root cause followed by the findings it explains
    source_snippets(...)       a finding's rows as printed, offending and related cells marked
    render_report(doc_dir)     the page as a string (deterministic: same folder, same bytes)
    write_report(doc_dir)      ``doc_dir/report.html``, written atomically

Everything read from the folder is untrusted document text: it is HTML-escaped on output and
never becomes script. The page loads nothing from anywhere (inline CSS and JS, pinned by a
Content-Security-Policy hash); its script only filters and sorts, and the page reads without it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from renja.present.outputs import (
    RAW_HEADER_ROLE,
    DocFolder,
    Record,
    read_doc_folder,
    write_atomic,
)

REPORT_NAME = "report.html"
SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "Kesalahan", "warning": "Peringatan", "info": "Info"}
RAW_BODY_ROLE = "body"  # ``peran`` of raw body rows

# A PDF finding names only its page; a page of a long table can hold many rows, and showing more
# than this many as the "source row" would bury the offending cell.
MAX_PAGE_ROWS = 40
# A sum names every row it adds up; past this many related rows the detail stops being readable
# (the rest stay listed in the "Terkait" column).
MAX_RELATED_ROWS = 12
RELATED_SHOWN = 6  # a longer "Terkait" list folds into a <details>

# The findings table: (findings.csv column, Indonesian label, English meaning).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "ID", "finding id"),
    ("severity", "Tingkat", "severity"),
    ("check", "Pemeriksaan", "check"),
    ("table", "Tabel", "table"),
    ("row", "Baris", "row of the clean table; source line or page below"),
    ("kode", "Kode", "code"),
    ("uraian", "Uraian", "name of the row"),
    ("column", "Kolom", "column"),
    ("expected", "Diharapkan", "expected"),
    ("found", "Tercetak", "found (as printed)"),
    ("difference", "Selisih", "difference (found - expected)"),
    ("message", "Pesan", "message"),
    ("root_cause", "Akar masalah", "root cause: the finding that explains this one"),
    ("related", "Terkait", "related findings, codes or rows"),
)
NUMERIC_COLUMNS = {"row", "expected", "found", "difference"}
CELL_CLASSES = {"message": "c-msg", "uraian": "c-uraian", "kode": "c-kode"}  # widths in the CSS

PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
GROUPED_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # Indonesian 1.234.567,89
ALIGNED_FROM = re.compile(r"\[kolom (\d+)\]\s*$")  # align_row repairs: '4 Dokumen [kolom 18]'
LONG_INTEGER = re.compile(r"-?\d{5,}")  # amounts; a year or a count of four digits stays as is
DOTTED_CODE = re.compile(r"\w+(?:\.\w+){2,}")  # 5.03.02.2.01.0001, or a number as printed
ALIGN_RULE = "align_row"
CELL_REF = re.compile(r"([\w.-]+):(\d+)(?::([\w.-]+))?")  # related: 't06_reviu_rkpd:4:pagu_murni'


# --- values ----------------------------------------------------------------------------------


def number_key(text: str) -> str | None:
    """The value of a cell as a plain number for sorting, or None when it is no number.

    >>> [number_key(t) for t in ["28143400", "-1.5", "1.234.567,5", "59.99.800", "5.03.01", ""]]
    ['28143400', '-1.5', '1234567.5', None, None, None]
    """
    text = text.strip()
    if PLAIN_NUMBER.fullmatch(text):
        return text
    if GROUPED_NUMBER.fullmatch(text):
        return text.replace(".", "").replace(",", ".")
    return None


def digits(text: str) -> str:
    """The digits of a cell, for finding a printed number whatever its punctuation.

    >>> digits("59.99.800"), digits("Rp 1.500,-")
    ('5999800', '1500')
    """
    return re.sub(r"\D", "", text)


def as_int(text: str | None) -> int | None:
    """A CSV cell as an integer, or None."""
    text = (text or "").strip()
    return int(text) if re.fullmatch(r"-?\d+", text) else None


def split_related(text: str) -> list[str]:
    return [item.strip() for item in text.split(";") if item.strip()]


def check_meaning(check: str) -> str:
    """What a check means, from the registry; empty for a check the registry does not know."""
    from renja.model.checks import CHECKS

    entry: Any = CHECKS.get(check)
    if isinstance(entry, tuple) and len(entry) > 1:
        return str(entry[1])
    return str(getattr(entry, "description", "") or "")


# --- root causes -----------------------------------------------------------------------------


def cause_groups(findings: Sequence[Record]) -> list[list[tuple[Record, int]]]:
    """Findings grouped under their root cause: each group is a root then its consequences.

    Each item is ``(finding, depth)``; depth 0 is the root. A ``root_cause`` naming no finding
    of the list leaves the finding a root of its own; a cycle is broken at its first finding.

    >>> rows = [{"id": "F1", "root_cause": ""}, {"id": "F2", "root_cause": "F1"},
    ...         {"id": "F3", "root_cause": "F9"}]
    >>> [[(f["id"], d) for f, d in g] for g in cause_groups(rows)]
    [[('F1', 0), ('F2', 1)], [('F3', 0)]]
    """
    ids = {f.get("id", "") for f in findings if f.get("id")}
    children: dict[str, list[Record]] = defaultdict(list)
    roots: list[Record] = []
    for finding in findings:
        cause = finding.get("root_cause", "")
        if cause and cause in ids and cause != finding.get("id"):
            children[cause].append(finding)
        else:
            roots.append(finding)
    seen: set[int] = set()
    groups: list[list[tuple[Record, int]]] = []

    def visit(finding: Record, depth: int, group: list[tuple[Record, int]]) -> None:
        if id(finding) in seen:
            return
        seen.add(id(finding))
        group.append((finding, depth))
        for child in children.get(finding.get("id", ""), []):
            visit(child, depth + 1, group)

    for finding in [*roots, *findings]:  # findings left over after the roots sit in a cycle
        if id(finding) not in seen:
            group: list[tuple[Record, int]] = []
            visit(finding, 0, group)
            groups.append(group)
    return groups


def consequence_counts(findings: Iterable[Record]) -> Counter[str]:
    """How many findings name each finding as their direct root cause."""
    return Counter(f["root_cause"] for f in findings if f.get("root_cause"))


# --- the source rows -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CellRef:
    """A cell a finding names: its table, clean row (``baris``) and column, if any."""

    table: str
    row: str
    column: str = ""


def parse_ref(text: str) -> CellRef | None:
    """A ``related`` entry that names a row or cell; None for codes and finding ids.

    >>> parse_ref("t06_reviu_rkpd:4:pagu_murni")
    CellRef(table='t06_reviu_rkpd', row='4', column='pagu_murni')
    >>> parse_ref("t06:4"), parse_ref("5.03.01")
    (CellRef(table='t06', row='4', column=''), None)
    """
    match = CELL_REF.fullmatch(text.strip())
    if not match:
        return None
    return CellRef(match.group(1), match.group(2), match.group(3) or "")


@dataclass(slots=True)
class SnippetRow:
    """A raw row in a snippet: the finding's own row or a row it names, and its marked cells."""

    cells: Record
    own: bool
    marks: dict[int, str] = field(default_factory=dict)  # raw column -> "hit" or "rel"


@dataclass(frozen=True, slots=True)
class Snippet:
    """Rows of one raw table as printed, with the table's header rows above them."""

    table_id: str
    width: int
    header: list[Record]
    rows: list[SnippetRow]
    column_names: dict[int, list[str]]
    note: str = ""


def raw_width(rows: Sequence[Record]) -> int:
    """How many ``kolom_N`` columns a raw table has."""
    return max((int(k[6:]) for r in rows[:1] for k in r if k.startswith("kolom_")), default=0)


def row_lines(folder: DocFolder, table_id: str, row: str) -> set[str]:
    """The source lines of a clean row: its own and those merged into it (``baris_gabungan``)."""
    clean = folder.clean_row(table_id, row)
    if clean is None:
        return set()
    lines = {clean.get("sumber_baris", "")} | set(
        re.findall(r"\d+", clean.get("baris_gabungan", ""))
    )
    return lines - {""}


def own_rows(folder: DocFolder, finding: Record) -> tuple[list[int], str]:
    """The raw body rows a finding is about (by position): by source line, else by page."""
    table_id = finding.get("table", "")
    line = finding.get("sumber_baris", "")
    if line:
        lines = {line} | row_lines(folder, table_id, finding.get("row", ""))
        return sorted(i for line in lines for i in folder.raw_at_line(table_id, line)), ""
    page = finding.get("halaman", "")
    if not page:
        return [], ""
    raw = folder.raw_rows(table_id)
    on_page = [
        i for i, r in enumerate(raw) if r.get("halaman") == page and r.get("peran") == RAW_BODY_ROLE
    ]
    if len(on_page) > MAX_PAGE_ROWS:
        return on_page[:MAX_PAGE_ROWS], f"Hanya {MAX_PAGE_ROWS} baris pertama halaman {page}."
    return on_page, ""


def raw_column(folder: DocFolder, ref: CellRef) -> int | None:
    """The raw column a clean cell was printed in: where ``align_row`` moved it from, if it did."""
    moved = aligned_column(folder.repairs_of(ref.table, ref.row), ref.column)
    return moved if moved is not None else folder.raw_columns(ref.table).get(ref.column)


def aligned_column(repairs: Iterable[Record], column: str) -> int | None:
    """The printed raw column of a cell that ``align_row`` moved, else None.

    >>> aligned_column([{"column": "k", "rule": "align_row", "raw": "4 Dokumen [kolom 18]"}], "k")
    18
    """
    for repair in repairs:
        if repair.get("column") == column and ALIGN_RULE in repair.get("rule", "").split("+"):
            match = ALIGNED_FROM.search(repair.get("raw", ""))
            if match:
                return int(match.group(1))
    return None


def finding_refs(finding: Record) -> tuple[list[CellRef], list[CellRef]]:
    """The cells a finding is about (its own column or columns) and the cells it relates."""
    table_id, row = finding.get("table", ""), finding.get("row", "")
    own = [CellRef(table_id, row, c) for c in split_related(finding.get("column", ""))]
    related = [ref for ref in map(parse_ref, split_related(finding.get("related", ""))) if ref]
    return own, related


def value_marks(cells: Record, width: int, finding: Record) -> set[int]:
    """The columns of a row whose digits are those of the finding's ``found`` or ``expected``."""
    wanted = {digits(finding.get("found", "")), digits(finding.get("expected", ""))} - {""}
    return {n for n in range(1, width + 1) if digits(cells.get(f"kolom_{n}", "")) in wanted}


def source_snippets(folder: DocFolder, finding: Record) -> list[Snippet]:
    """The finding's own row (offending cells marked ``hit``) and the rows it relates (``rel``).

    The related rows of the finding's table join its own snippet, in document order; those of
    other tables get a snippet each. At most ``MAX_RELATED_ROWS`` related rows are shown.
    """
    table_id = finding.get("table", "")
    own, note = own_rows(folder, finding)
    own_refs, related = finding_refs(finding)
    raw = folder.raw_rows(table_id)
    hit_columns = {n for ref in own_refs if (n := raw_column(folder, ref)) is not None}
    rows: dict[str, dict[int, SnippetRow]] = defaultdict(dict)  # table -> raw position -> row
    for i in own:
        marks = hit_columns | value_marks(raw[i], raw_width(raw), finding)
        rows[table_id][i] = SnippetRow(raw[i], True, dict.fromkeys(marks, "hit"))
    skipped = add_related_rows(folder, related, rows)
    if skipped:
        note = f"{note} {skipped} baris terkait lain tidak ditampilkan.".strip()
    order = [table_id, *sorted(set(rows) - {table_id})]
    return [_snippet(folder, t, rows[t], note if t == table_id else "") for t in order if rows[t]]


def add_related_rows(
    folder: DocFolder, related: Iterable[CellRef], rows: dict[str, dict[int, SnippetRow]]
) -> int:
    """Add the rows that ``related`` names, their cells marked ``rel``; return how many did not
    fit under ``MAX_RELATED_ROWS``."""
    shown = skipped = 0
    for ref in related:
        column = raw_column(folder, ref) if ref.column else None
        for line in sorted(row_lines(folder, ref.table, ref.row)):
            for i in folder.raw_at_line(ref.table, line):
                entry = rows[ref.table].get(i)
                if entry is None:
                    if shown >= MAX_RELATED_ROWS:
                        skipped += 1
                        continue
                    shown += 1
                    entry = rows[ref.table][i] = SnippetRow(folder.raw_rows(ref.table)[i], False)
                if column is not None:
                    entry.marks.setdefault(column, "rel")
    return skipped


def _snippet(folder: DocFolder, table_id: str, rows: dict[int, SnippetRow], note: str) -> Snippet:
    raw = folder.raw_rows(table_id)
    names: dict[int, list[str]] = defaultdict(list)
    for name, column in folder.raw_columns(table_id).items():
        names[column].append(name)
    return Snippet(
        table_id=table_id,
        width=raw_width(raw),
        header=[r for r in raw if r.get("peran") == RAW_HEADER_ROLE],
        rows=[rows[i] for i in sorted(rows)],
        column_names=dict(names),
        note=note,
    )


# --- HTML pieces -----------------------------------------------------------------------------


def esc(value: object) -> str:
    """Document text as HTML text or attribute value (quotes escaped too).

    >>> esc('"><img src=x onerror=alert(1)>')
    '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
    """
    return escape("" if value is None else str(value), quote=True)


def attrs(**values: object) -> str:
    """HTML attributes, escaped; ``None`` values are left out and ``_`` becomes ``-``."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{esc(value)}"'
        for name, value in values.items()
        if value is not None
    )


def breakable(name: str) -> str:
    """An escaped slug that may wrap after its underscores, so narrow columns stay narrow.

    >>> breakable("kode_tidak_pasti")
    'kode_<wbr>tidak_<wbr>pasti'
    """
    return "_<wbr>".join(esc(part) for part in name.split("_"))


def display_value(text: str) -> str:
    """A value for reading: whole Rupiah grouped the Indonesian way, long codes breakable.

    The sort key keeps the plain number (``data-num``); only what is shown changes.

    >>> display_value("-59999800"), display_value("2024"), display_value("5.03.02.2.01.0001")
    ('-59.999.800', '2024', '5.<wbr>03.<wbr>02.<wbr>2.<wbr>01.<wbr>0001')
    """
    if LONG_INTEGER.fullmatch(text):
        return esc(f"{int(text):,}".replace(",", "."))
    if DOTTED_CODE.fullmatch(text):
        return ".<wbr>".join(esc(part) for part in text.split("."))
    return esc(text)


def severity_badge(severity: str) -> str:
    label = SEVERITY_LABELS.get(severity, severity)
    return f"<span{attrs(class_=f'sev sev-{severity}', title=severity)}>{esc(label)}</span>"


def where_label(finding: Record) -> str:
    """The source line or page of a finding: ``baris 664`` or ``hal. 3``."""
    if finding.get("sumber_baris"):
        return f"baris {finding['sumber_baris']}"
    if finding.get("halaman"):
        return f"hal. {finding['halaman']}"
    return ""


def snippet_html(snippet: Snippet, caption: str = "") -> str:
    """Raw rows as a small table: header rows shaded, offending cells marked."""
    marked = {n for row in snippet.rows for n, kind in row.marks.items() if kind == "hit"}
    head = ['<th title="sumber_baris">baris</th>']
    for n in range(1, snippet.width + 1):
        names = ", ".join(snippet.column_names.get(n, []))
        title = f"kolom_{n}: {names}" if names else f"kolom_{n}"
        head.append(f"<th{attrs(class_='hit-col' if n in marked else None, title=title)}>{n}</th>")
    body = [_raw_row_html(row, snippet.width, "hdr", {}) for row in snippet.header]
    for row in snippet.rows:
        body.append(_raw_row_html(row.cells, snippet.width, _row_class(row), row.marks))
    note = f'<p class="empty">{esc(snippet.note)}</p>' if snippet.note else ""
    caption_html = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<div class="src-wrap"><table class="src"{attrs(data_table=snippet.table_id)}>'
        f"{caption_html}<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(body)}</tbody>"
        f"</table></div>{note}"
    )


def _row_class(row: SnippetRow) -> str:
    return "src-row" if row.own else "rel-row"


def _raw_row_html(row: Record, width: int, cls: str, marks: dict[int, str]) -> str:
    where = row.get("sumber_baris") or (f"hal. {row['halaman']}" if row.get("halaman") else "")
    cells = [f'<th class="line">{esc(where)}</th>']
    for n in range(1, width + 1):
        text = esc(row.get(f"kolom_{n}", ""))
        kind = marks.get(n)
        if kind is None:
            cells.append(f"<td>{text}</td>")
        else:
            cells.append(f'<td class="{kind}" data-kolom="{n}"><mark>{text}</mark></td>')
    return f'<tr class="{cls}">{"".join(cells)}</tr>'


def repairs_html(repairs: Sequence[Record]) -> str:
    """The repairs logged for a finding's row."""
    if not repairs:
        return ""
    rows = "".join(
        f"<tr><td>{esc(r.get('column'))}</td><td>{esc(r.get('raw'))}</td>"
        f"<td>{esc(r.get('clean'))}</td><td><code>{esc(r.get('rule'))}</code></td></tr>"
        for r in repairs
    )
    return (
        '<table class="repairs"><caption>Perbaikan pada baris ini <span class="en">'
        "(repairs of this row)</span></caption><thead><tr><th>Kolom</th><th>Tercetak</th>"
        f"<th>Bersih</th><th>Aturan</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def detail_html(folder: DocFolder, finding: Record) -> str:
    """The expandable detail under a finding: its source rows, related rows and repairs."""
    table_id, row = finding.get("table", ""), finding.get("row", "")
    snippets = source_snippets(folder, finding)
    summary = f"Sumber: {where_label(finding) or 'tidak diketahui'} · {table_id}"
    if row:
        summary += f" baris {row}"
    if snippets and snippets[0].table_id == table_id:
        body = snippet_html(snippets[0])
        snippets = snippets[1:]
    else:
        body = f'<p class="empty">Baris sumber tidak ada di raw/{esc(table_id)}.csv.</p>'
    body += "".join(snippet_html(s, f"Terkait: {s.table_id}") for s in snippets)
    return (
        f'<tr class="detail"{attrs(data_for=finding.get("id"))}><td colspan="{len(COLUMNS)}">'
        f"<details><summary>{esc(summary)}</summary>{body}"
        f"{repairs_html(folder.repairs_of(table_id, row))}</details></td></tr>"
    )


def related_html(text: str, ids: set[str]) -> str:
    """The related entries: finding ids as links, rows grouped by table, the rest as code.

    >>> related_html("F001;t06:4:pagu;t06:5:pagu;5.03", {"F001"})
    '<a href="#F001">F001</a>; <code>5.03</code>; t06 baris 4, 5'
    """
    links: list[str] = []
    codes: list[str] = []
    rows: dict[str, list[str]] = defaultdict(list)
    for item in split_related(text):
        ref = parse_ref(item)
        if item in ids:
            links.append(f'<a href="#{esc(item)}">{esc(item)}</a>')
        elif ref is not None:
            rows[ref.table].append(ref.row)
        else:
            codes.append(f"<code>{esc(item)}</code>")
    tables = [f"{breakable(t)} baris {esc(', '.join(dict.fromkeys(r)))}" for t, r in rows.items()]
    html = "; ".join(links + codes + tables)
    count = len(split_related(text))
    if count <= RELATED_SHOWN:
        return html
    return f'<details class="more"><summary>{count} rujukan</summary>{html}</details>'


def finding_cells(finding: Record, depth: int, ids: set[str], consequences: int) -> list[str]:
    """The cells of one finding's row, in ``COLUMNS`` order."""
    fid = finding.get("id", "")
    marker = '<span class="arrow">↳ </span>' if depth else ""
    note = f'<span class="n-akibat">{consequences} akibat</span>' if consequences else ""
    cause = finding.get("root_cause", "")
    table_id = finding.get("table", "")
    cells = {
        "id": f'{marker}<a href="#{esc(fid)}">{esc(fid)}</a>{note}',
        "severity": severity_badge(finding.get("severity", "")),
        "check": f'<code title="{esc(check_meaning(finding.get("check", "")))}">'
        f"{breakable(finding.get('check', ''))}</code>",
        "table": f'<a href="#tabel-{esc(table_id)}">{breakable(table_id)}</a>' if table_id else "",
        "column": breakable(finding.get("column", "")),
        "row": f'{esc(finding.get("row"))}<span class="where">{esc(where_label(finding))}</span>',
        "root_cause": (
            f'<a class="cause" href="#{esc(cause)}">{esc(cause)}</a>'
            if cause in ids
            else esc(cause)
        ),
        "related": related_html(finding.get("related", ""), ids),
        "kode": display_value(finding.get("kode", "")),
        "expected": display_value(finding.get("expected", "")),
        "found": display_value(finding.get("found", "")),
        "difference": display_value(finding.get("difference", "")),
    }
    out = []
    for key, _, _ in COLUMNS:
        content = cells.get(key, esc(finding.get(key, "")))
        out.append(f"<td{attrs(**_cell_attrs(key, finding))}>{content}</td>")
    return out


def _cell_attrs(key: str, finding: Record) -> dict[str, object]:
    """The class and sort key of a finding's cell."""
    value = finding.get(key, "")
    if key == "severity":
        rank = SEVERITIES.index(value) if value in SEVERITIES else len(SEVERITIES)
        return {"data_num": rank}
    if key in NUMERIC_COLUMNS:
        return {"class_": "num", "data_num": number_key(value)}
    return {"class_": CELL_CLASSES.get(key)}


def finding_group_html(
    folder: DocFolder,
    group: Sequence[tuple[Record, int]],
    ids: set[str],
    consequences: Counter[str],
) -> str:
    """One ``<tbody>``: a root finding, then the findings it explains, each with its detail."""
    parts = []
    for finding, depth in group:
        classes = ["finding", f"sev-{finding.get('severity', '')}"]
        if depth:
            classes += ["consequence", f"depth-{min(depth, 3)}"]
        row_attrs = attrs(
            class_=" ".join(classes),
            id=finding.get("id") or None,
            data_severity=finding.get("severity", ""),
            data_check=finding.get("check", ""),
            data_table=finding.get("table", ""),
        )
        cells = finding_cells(finding, depth, ids, consequences[finding.get("id", "")])
        parts.append(f"<tr{row_attrs}>{''.join(cells)}</tr>")
        if finding.get("table"):
            parts.append(detail_html(folder, finding))
    return f'<tbody class="group">{"".join(parts)}</tbody>'


def _options(values: Iterable[str], labels: dict[str, str] | None = None) -> str:
    options = ['<option value="">semua</option>']
    for value in values:
        label = (labels or {}).get(value, value)
        options.append(f"<option{attrs(value=value)}>{esc(label)}</option>")
    return "".join(options)


def filters_html(findings: Sequence[Record]) -> str:
    """The filter controls: hidden until the script runs (they do nothing without it)."""
    checks = sorted({f.get("check", "") for f in findings} - {""})
    tables = sorted({f.get("table", "") for f in findings} - {""})
    return (
        '<form class="filters" id="filters" hidden role="search">'
        '<label>Cari <span class="en">(search)</span>'
        '<input type="search" id="f-search" placeholder="kode, uraian, pesan …"></label>'
        '<label>Tingkat <span class="en">(severity)</span><select id="f-severity">'
        f"{_options(SEVERITIES, SEVERITY_LABELS)}</select></label>"
        '<label>Pemeriksaan <span class="en">(check)</span><select id="f-check">'
        f"{_options(checks)}</select></label>"
        '<label>Tabel <span class="en">(table)</span><select id="f-table">'
        f"{_options(tables)}</select></label>"
        '<button type="button" id="f-reset">Atur ulang</button>'
        '<output id="f-shown" aria-live="polite"></output></form>'
    )


def findings_section(folder: DocFolder) -> str:
    """The findings table: filterable, sortable, consequences under their root cause."""
    findings = folder.findings
    ids = {f.get("id", "") for f in findings} - {""}
    consequences = consequence_counts(findings)
    head = "".join(
        f'<th scope="col"{attrs(title=english, class_="num" if key in NUMERIC_COLUMNS else None)}>'
        f'<button type="button" class="sort">{esc(label)}</button></th>'
        for key, label, english in COLUMNS
    )
    groups = [
        finding_group_html(folder, group, ids, consequences) for group in cause_groups(findings)
    ]
    if not groups:
        groups = [
            f'<tbody><tr><td colspan="{len(COLUMNS)}" class="empty">Tidak ada temuan '
            "(no findings).</td></tr></tbody>"
        ]
    return (
        '<section id="temuan"><h2>Temuan <small>(findings)</small></h2>'
        f"{filters_html(findings)}"
        '<p class="legend">Temuan yang disebabkan temuan lain tampil menjorok (↳) di bawah akar '
        "masalahnya. Klik judul kolom untuk mengurutkan; buka «Sumber» untuk melihat baris "
        "seperti tercetak, dengan sel yang bermasalah disorot.</p>"
        f'<table class="grid" id="findings"><thead><tr>{head}</tr></thead>{"".join(groups)}'
        "</table></section>"
    )


def summary_section(findings: Sequence[Record]) -> str:
    """Counts by severity and by check; each count is a link that filters the findings."""
    by_severity = Counter(f.get("severity", "") for f in findings)
    cards = [
        f'<a class="card all" href="#temuan" data-filter="severity" data-value="">'
        f'<span class="n">{len(findings)}</span>Semua temuan <span class="en">(all)</span></a>'
    ]
    for severity in SEVERITIES:
        cards.append(
            f"<a{attrs(class_=f'card sev-{severity}', href='#temuan', data_filter='severity')}"
            f'{attrs(data_value=severity)}><span class="n">{by_severity[severity]}</span>'
            f'{esc(SEVERITY_LABELS[severity])} <span class="en">({severity})</span></a>'
        )
    by_check = Counter(f.get("check", "") for f in findings)
    severities_of: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        severities_of[finding.get("check", "")].add(finding.get("severity", ""))
    rows = []
    for check, count in sorted(by_check.items(), key=lambda item: (-item[1], item[0])):
        badges = " ".join(severity_badge(s) for s in SEVERITIES if s in severities_of[check])
        rows.append(
            f'<tr><td><a href="#temuan" data-filter="check"{attrs(data_value=check)}>'
            f"<code>{esc(check)}</code></a></td><td>{badges}</td>"
            f'<td class="num">{count}</td><td>{esc(check_meaning(check))}</td></tr>'
        )
    checks = (
        '<table class="grid checks"><thead><tr><th title="check">Pemeriksaan</th>'
        '<th title="severity">Tingkat</th><th class="num" title="count">Jumlah</th>'
        f'<th title="meaning">Arti</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        if rows
        else ""
    )
    return (
        '<section id="ringkasan"><h2>Ringkasan <small>(summary)</small></h2>'
        f'<div class="cards">{"".join(cards)}</div>{checks}</section>'
    )


def tables_section(folder: DocFolder) -> str:
    """Every table of the document, with links to its clean and raw CSV files."""
    findings_per_table = Counter(f.get("table", "") for f in folder.findings)
    rows = []
    for table in folder.tables:
        table_id = str(table.get("table_id", ""))
        links = []
        if folder.clean_path(table_id).is_file():
            links.append(
                f'<a class="clean-link"{attrs(href=f"tables/{table_id}.csv")}>'
                "tabel bersih (CSV)</a>"
            )
        if folder.raw_path(table_id).is_file():
            links.append(f"<a{attrs(href=f'raw/{table_id}.csv')}>mentah (CSV)</a>")
        count = findings_per_table[table_id]
        count_html = (
            f'<a href="#temuan" data-filter="table"{attrs(data_value=table_id)}>{count}</a>'
            if count
            else "0"
        )
        rows.append(
            f"<tr{attrs(id=f'tabel-{table_id}')}><td><code>{esc(table_id)}</code></td>"
            f"<td>{esc(table.get('kind'))}</td>"
            f'<td>{esc(table.get("title") or "")}<span class="caption">'
            f"{esc(table.get('caption') or table.get('context') or '')}</span></td>"
            f'<td class="num">{esc(table.get("rows", ""))}</td>'
            f'<td class="num">{count_html}</td><td>{" · ".join(links)}</td></tr>'
        )
    return (
        '<section id="tabel"><h2>Tabel <small>(tables)</small></h2>'
        '<table class="grid"><thead><tr><th>Tabel</th><th title="form">Bentuk</th>'
        '<th title="title and caption">Judul</th><th class="num" title="clean rows">Baris</th>'
        '<th class="num" title="findings">Temuan</th><th title="files">Berkas</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


META_LABELS = (
    ("pemda", "Pemda"),
    ("skpd", "SKPD"),
    ("tahun", "Tahun"),
    ("jenis", "Jenis dokumen"),
    ("jenis_pemda", "Jenis pemda"),
    ("bidang", "Bidang"),
)


def header_section(folder: DocFolder) -> str:
    """The document: its title and metadata from the manifest, and what the folder holds."""
    meta = folder.meta
    items = []
    for key, label in META_LABELS:
        value = meta.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value not in (None, ""):
            items.append(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>")
    nomenclature = folder.manifest.get("nomenklatur") or {}
    if isinstance(nomenclature, dict) and nomenclature.get("version"):
        items.append(f"<dt>Nomenklatur</dt><dd>{esc(nomenclature['version'])}</dd>")
    source = folder.manifest.get("source") or {}
    if source.get("file"):
        sha = str(source.get("sha256") or "")
        items.append(
            f"<dt>Sumber</dt><dd>{esc(source['file'])} "
            f"<code{attrs(title=f'SHA-256 {sha}' if sha else None)}>{esc(sha[:12])}</code></dd>"
        )
    tables = folder.tables
    clean = sum(1 for t in tables if folder.clean_path(str(t.get("table_id", ""))).is_file())
    rows = sum(int(t.get("rows") or 0) for t in tables)
    counts = [
        (len(tables), f"tabel ({clean} bersih)", "tables (clean)"),
        (rows, "baris bersih", "clean rows"),
        (len(folder.repairs), "perbaikan", "repairs"),
        (len(folder.findings), "temuan", "findings"),
    ]
    count_html = "".join(
        f"<li{attrs(title=english)}><b>{n}</b> {esc(label)}</li>" for n, label, english in counts
    )
    warnings = folder.manifest.get("warnings") or []
    warning_html = (
        '<ul class="warnings">' + "".join(f"<li>{esc(w)}</li>" for w in warnings) + "</ul>"
        if warnings
        else ""
    )
    title = meta.get("title") or folder.doc_id
    return (
        f"<header><h1>{esc(title)}</h1>"
        f'<p class="sub">Laporan pemeriksaan <span class="en">(audit report)</span> · '
        f"<code>{esc(folder.doc_id)}</code></p>"
        f'<dl class="meta">{"".join(items)}</dl><ul class="counts">{count_html}</ul>'
        f"{warning_html}</header>"
    )


def legend_html() -> str:
    """The Indonesian labels of the page with their English meaning."""
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{esc(en)}</dd>" for _, label, en in COLUMNS)
    severities = "".join(f"<dt>{esc(SEVERITY_LABELS[s])}</dt><dd>{esc(s)}</dd>" for s in SEVERITIES)
    return (
        '<details class="legend"><summary>Keterangan <span class="en">(legend)</span></summary>'
        f"<dl>{rows}{severities}</dl></details>"
    )


# --- the page --------------------------------------------------------------------------------


def asset(name: str) -> str:
    """A file of ``report_assets/``, inlined into the page."""
    return (resources.files("renja.present") / "report_assets" / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline style or script."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def page_html(title: str, body: str) -> str:
    """The whole page around a body: inline CSS and JS, and a policy that forbids all loads."""
    css, js = asset("report.css"), asset("report.js")
    policy = (
        f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return (
        '<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy"{attrs(content=policy)}>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}\n"
        f"<script>{js}</script>\n</body>\n</html>\n"
    )


def render_report(doc_dir: str | Path) -> str:
    """The report of a document's output folder as one self-contained HTML page."""
    folder = read_doc_folder(doc_dir)
    version = folder.manifest.get("renja_version", "")
    body = "\n".join(
        [
            header_section(folder),
            summary_section(folder.findings),
            findings_section(folder),
            tables_section(folder),
            f"<footer>{legend_html()}<p>Dibuat oleh renja {esc(version)} dari "
            "manifest.json, raw/, tables/, repairs.csv dan findings.csv.</p></footer>",
        ]
    )
    title = f"Temuan · {folder.meta.get('title') or folder.doc_id}"
    return page_html(title, body)


def write_report(doc_dir: str | Path) -> Path:
    """Write ``doc_dir/report.html`` atomically and return its path."""
    doc_dir = Path(doc_dir)
    path = doc_dir / REPORT_NAME
    write_atomic(path, render_report(doc_dir).encode("utf-8"))
    return path


__all__ = ["render_report", "write_report"]
