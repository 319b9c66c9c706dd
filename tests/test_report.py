"""The auditor's report (HTML) and the workbook (Excel), rebuilt from a document's output folder.

The folder is the sample's, written by ``write_result``. Tests add findings of their own to it
(a consequence of a root cause, numeric differences, hostile text), written the way the audit
checks write theirs, and find the pipeline's own findings by content, not by id.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from renja.model.errors import RenjaError
from renja.model.publish import MARKER
from renja.model.refs import CellRef, dump_related
from renja.present.report import render_report, write_report
from renja.present.workbook import write_workbook

FORMULA = '=HYPERLINK("http://example.invalid/x","klik")'
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)> </script>'

# Findings of this test's own, with ids the pipeline never gives: sums that are off by numbers
# whose text order is not their numeric order, and one consequence of the unreadable
# '59.99.800' (the typo that breaks a sum). The pipeline's own findings change as checks are
# added, so tests find theirs by content, not by id.
SORT_CHECK = "contoh_selisih"


def extra_findings(root_cause: str) -> list[dict[str, str]]:
    """Findings to add to the sample's, the consequence pointing at ``root_cause``."""

    def sum_finding(fid: str, row: str, line: str, difference: str, **more: str) -> dict[str, str]:
        finding = {
            "id": fid,
            "check": SORT_CHECK,
            "severity": "error",
            "table": "t06_reviu_rkpd",
            "row": row,
            "sumber_baris": line,
            "column": "pagu_murni",
            "expected": "1000000",
            "found": str(1000000 + int(difference)),
            "difference": difference,
            "message": "Pagu kegiatan bukan jumlah pagu sub kegiatannya.",
        }
        return finding | more

    return [
        sum_finding("X01", "49", "660", "-1000", uraian="Penilaian dan Evaluasi Kinerja Aparatur"),
        sum_finding("X02", "45", "656", "-200", uraian="Pengembangan Kompetensi ASN"),
        sum_finding("X03", "3", "602", "30", severity="info", uraian="Perencanaan"),
        sum_finding(
            "X04",
            "50",
            "663",
            "-59999800",
            column="pagu_perubahan",
            expected="284699600",
            found="224699800",
            uraian="Evaluasi Hasil Penilaian",
            message="Jumlah tidak sesuai karena sel yang tidak terbaca.",
            root_cause=root_cause,
            related=dump_related(
                [
                    CellRef("t06_reviu_rkpd", 51, "pagu_perubahan"),
                    CellRef("t06_reviu_rkpd", 46, "pagu_murni"),
                ]
            ),
        ),
        {
            "id": "X05",
            "check": "target_tidak_wajar",
            "severity": "warning",
            "table": "t04_evaluasi_e81",
            "row": "3",
            "sumber_baris": "254",
            "column": "realisasi_renja_k",
            "message": "Realisasi dipindah dari kolom 18 oleh align_row.",
        },
    ]


def unreadable_id(findings: list[dict[str, str]]) -> str:
    """The id of the sample's unreadable pagu murni '59.99.800' (Tabel 2.4, line 664)."""
    return next(
        f["id"]
        for f in findings
        if f["check"] == "angka_tidak_terbaca"
        and f["found"] == "59.99.800"
        and f["column"] == "pagu_murni"
    )


# --- the folder ------------------------------------------------------------------------------


def copy_folder(source: Path, target: Path) -> Path:
    """A private copy of the sample's output folder, for a test to change."""
    return Path(shutil.copytree(source, target))


def add_findings(doc_dir: Path, rows: list[dict[str, str]]) -> None:
    """Append findings to findings.csv in its own column order."""
    path = doc_dir / "findings.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writerows({name: row.get(name, "") for name in header} for row in rows)


def read_findings(doc_dir: Path) -> list[dict[str, str]]:
    with (doc_dir / "findings.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build_report_folder(sample_out: Path, target: Path) -> Path:
    """The sample's folder with the extra findings, as the browser test uses it too."""
    doc_dir = copy_folder(sample_out, target)
    add_findings(doc_dir, extra_findings(unreadable_id(read_findings(doc_dir))))
    return doc_dir


@pytest.fixture(scope="module")
def doc_dir(sample_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_report_folder(sample_out, tmp_path_factory.mktemp("report") / sample_out.name)


@pytest.fixture(scope="module")
def page(doc_dir: Path) -> str:
    return render_report(doc_dir)


@pytest.fixture(scope="module")
def dom(page: str) -> Element:
    return parse_html(page)


# --- a small DOM, from the standard library's parser -----------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> list[Element]:
        out = [self]
        for child in self.children:
            if isinstance(child, Element):
                out.extend(child.iter())
        return out

    def find_all(self, tag: str, cls: str | None = None, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.iter()
            if e.tag == tag
            and (cls is None or cls in e.classes)
            and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str, cls: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}>"
        return found[0]


VOID = {"meta", "input", "br", "wbr", "img", "link", "hr", "col"}


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def finding_row(dom: Element, finding_id: str) -> Element:
    return dom.find("tr", "finding", id=finding_id)


def detail_row(dom: Element, finding_id: str) -> Element:
    return dom.find("tr", "detail", data_for=finding_id)


# --- the report ------------------------------------------------------------------------------


def test_header_names_the_document(dom: Element) -> None:
    header = dom.find("header")
    assert dom.find("h1").text == "RENJA PERUBAHAN 2024"
    for text in ["Kota Banjarbaru", "2024", "Renja Perubahan", "1317/2023", "5.03, 5.04"]:
        assert text in header.text


def test_counts_shown_match_findings_csv(dom: Element, doc_dir: Path) -> None:
    findings = read_findings(doc_dir)
    summary = dom.find("section", id="ringkasan")
    for severity in ["error", "warning", "info"]:
        card = summary.find("a", "card", data_value=severity)
        count = sum(1 for f in findings if f["severity"] == severity)
        assert card.find("span", "n").text == str(count), severity
    assert summary.find("a", "all").find("span", "n").text == str(len(findings))
    for check in {f["check"] for f in findings}:
        link = summary.find("a", data_filter="check", data_value=check)
        row = next(tr for tr in summary.find_all("tr") if link in tr.iter())
        count = sum(1 for f in findings if f["check"] == check)
        assert row.find("td", "num").text == str(count), check
    assert SORT_CHECK in {f["check"] for f in findings}  # a check renja does not know


def test_every_finding_is_a_row(dom: Element, doc_dir: Path) -> None:
    ids = [f["id"] for f in read_findings(doc_dir)]
    rows = dom.find_all("tr", "finding")
    assert sorted(r.attrs["id"] for r in rows) == sorted(ids)
    assert {"X01", "X05"} <= set(ids)


def test_source_row_is_shown_with_the_unreadable_cell_marked(dom: Element, doc_dir: Path) -> None:
    detail = detail_row(dom, unreadable_id(read_findings(doc_dir)))
    assert "baris 664" in detail.find("summary").text
    source = detail.find("tr", "src-row")
    assert source.find("th", "line").text == "664"
    hits = source.find_all("td", "hit")
    assert "4" in [h.attrs["data-kolom"] for h in hits]  # pagu_murni is printed in kolom_4
    assert {h.text for h in hits} == {"59.99.800"}  # and pagu_perubahan, with the same digits
    header = detail.find("tr", "hdr")  # the table's header row above the source row
    assert header.find("th", "line").text == "599" and "URAIAN" in header.text


def test_moved_cell_is_marked_where_it_was_printed(dom: Element) -> None:
    """align_row moved '4 Dokumen' from kolom 18 to realisasi_renja_k (kolom 19)."""
    hits = detail_row(dom, "X05").find("tr", "src-row").find_all("td", "hit")
    assert [(h.attrs["data-kolom"], h.text) for h in hits] == [("18", "4 Dokumen")]
    assert "align_row" in detail_row(dom, "X05").find("table", "repairs").text


def test_related_rows_are_shown_beside_the_source_row(dom: Element) -> None:
    table = detail_row(dom, "X04").find("table", "src")
    lines = [
        tr.find("th", "line").text
        for tr in table.find_all("tr")
        if tr.classes & {"src-row", "rel-row"}
    ]
    assert lines == ["657", "663", "664"]  # document order: a related row, its own, a related row
    assert [td.text for td in table.find_all("td", "rel")] == ["740.520.400", "59.99.800"]


def test_consequence_sits_under_its_root_cause(dom: Element, doc_dir: Path) -> None:
    findings = read_findings(doc_dir)
    root = unreadable_id(findings)
    row = finding_row(dom, root)  # found once; a group holds it (by identity: no deep compare)
    group = next(g for g in dom.find_all("tbody", "group") if any(e is row for e in g.iter()))
    ids = [tr.attrs["id"] for tr in group.find_all("tr", "finding")]
    assert ids[0] == root and "X04" in ids
    consequence = finding_row(dom, "X04")
    assert "consequence" in consequence.classes
    assert consequence.find("a", "cause").attrs["href"] == f"#{root}"
    count = sum(1 for f in findings if f["root_cause"] == root)
    assert f"{count} akibat" in finding_row(dom, root).text


def test_numbers_carry_sort_keys(dom: Element, doc_dir: Path) -> None:
    cells = finding_row(dom, "X04").find_all("td", "num")
    assert [c.attrs.get("data-num") for c in cells] == ["50", "284699600", "224699800", "-59999800"]
    found = finding_row(dom, unreadable_id(read_findings(doc_dir))).find_all("td", "num")[2]
    assert found.text == "59.99.800" and "data-num" not in found.attrs


def test_every_clean_table_is_linked(dom: Element, doc_dir: Path) -> None:
    links = {a.attrs["href"] for a in dom.find_all("a", "clean-link")}
    expected = {f"tables/{p.name}" for p in (doc_dir / "tables").glob("*.csv")}
    assert links == expected and len(links) == 9
    assert all((doc_dir / link).is_file() for link in links)


def test_page_loads_nothing_from_outside(page: str, dom: Element) -> None:
    for element in dom.iter():
        assert "src" not in element.attrs, element.tag
        href = element.attrs.get("href", "")
        assert not re.match(r"[a-z][a-z0-9+.-]*:|//", href, re.IGNORECASE), href
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"https?://", page)
    policy = dom.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert policy.startswith("default-src 'none';")


def test_policy_pins_exactly_the_inlined_style_and_script(dom: Element) -> None:
    """The policy's hashes are those of the page's own <style> and <script>, as inlined."""
    policy = dom.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    for directive, tag in (("style-src", "style"), ("script-src", "script")):
        (element,) = dom.find_all(tag)
        digest = hashlib.sha256(element.text.encode("utf-8")).digest()
        assert f"{directive} 'sha256-{base64.b64encode(digest).decode('ascii')}';" in policy


def test_report_is_deterministic_and_relocatable(doc_dir: Path, page: str, tmp_path: Path) -> None:
    assert render_report(doc_dir) == page
    moved = shutil.copytree(doc_dir, tmp_path / "elsewhere")
    assert render_report(moved) == page


def test_write_report_replaces_the_file_atomically(sample_out: Path, tmp_path: Path) -> None:
    doc_dir = copy_folder(sample_out, tmp_path / "doc")
    first = write_report(doc_dir)
    second = write_report(doc_dir)
    assert first == second == doc_dir / "report.html"
    assert first.read_text(encoding="utf-8") == render_report(doc_dir)
    hidden = sorted(p.name for p in doc_dir.iterdir() if p.name.startswith("."))
    assert hidden == [MARKER]  # renja's mark, and no temporary file left


def test_pdf_finding_shows_the_rows_of_its_page(sample_out: Path, tmp_path: Path) -> None:
    """A PDF finding names a page, not a line: the page's rows are its source."""
    doc_dir = copy_folder(sample_out, tmp_path / "pdf")
    raw = doc_dir / "raw" / "t06_reviu_rkpd.csv"
    rows = list(csv.DictReader(raw.open(encoding="utf-8", newline="")))
    for row in rows:
        row["halaman"] = "7" if 660 <= int(row["sumber_baris"]) <= 664 else "6"
    with raw.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    add_findings(
        doc_dir,
        [{"id": "X20", "check": "contoh", "severity": "warning", "table": "t06_reviu_rkpd",
          "halaman": "7", "found": "59.99.800", "message": "di halaman 7"}],
    )  # fmt: skip
    dom = parse_html(render_report(doc_dir))
    detail = detail_row(dom, "X20")
    assert "hal. 7" in detail.find("summary").text
    lines = [tr.find("th", "line").text for tr in detail.find_all("tr", "src-row")]
    assert lines == ["660", "663", "664"]
    assert {td.text for td in detail.find_all("td", "hit")} == {"59.99.800"}


def test_many_findings_of_a_check_keep_the_report_light(
    sample_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``DETAIL_PER_CHECK`` findings of one check the report lists them without their
    source, past ``LISTED_PER_CHECK`` not at all, and says so; the summary and the workbook
    count them all."""
    from renja.present import report

    monkeypatch.setattr(report, "DETAIL_PER_CHECK", 3)
    monkeypatch.setattr(report, "LISTED_PER_CHECK", 5)
    doc_dir = copy_folder(sample_out, tmp_path / "many")
    many = [
        {"id": f"M{i:02d}", "check": "contoh_banyak", "severity": "warning",
         "table": "t06_reviu_rkpd", "row": str(i + 1), "column": "pagu_murni",
         "message": f"temuan ke-{i}"}
        for i in range(8)
    ]  # fmt: skip
    add_findings(doc_dir, many)
    dom = parse_html(render_report(doc_dir))
    listed = [tr.attrs["id"] for tr in dom.find_all("tr", "finding", data_check="contoh_banyak")]
    assert listed == ["M00", "M01", "M02", "M03", "M04"]
    detailed = {tr.attrs["data-for"] for tr in dom.find_all("tr", "detail")}
    assert {"M00", "M01", "M02"} <= detailed and not {"M03", "M04"} & detailed
    note = " ".join(p.text for p in dom.find_all("p", "limit"))
    assert "contoh_banyak: 8 temuan" in note and "3 lainnya hanya di findings.csv" in note
    card = dom.find("section", id="ringkasan").find("a", data_value="contoh_banyak")
    row = next(tr for tr in dom.find("section", id="ringkasan").find_all("tr") if card in tr.iter())
    assert row.find("td", "num").text == "8"
    for check in {f["check"] for f in read_findings(doc_dir)}:  # every check, on its own
        count = sum(f["check"] == check for f in read_findings(doc_dir))
        assert len(dom.find_all("tr", "finding", data_check=check)) == min(count, 5), check
    book = openpyxl.load_workbook(write_workbook(doc_dir))
    ids = [row[0] for row in book["Temuan"].iter_rows(min_row=2, values_only=True)]
    assert [i for i in ids if str(i).startswith("M")] == [f["id"] for f in many]


def test_folder_without_manifest_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(RenjaError, match=r"no manifest\.json; not a renja output folder"):
        render_report(tmp_path)


# --- hostile document text -------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_page(sample_out: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Every kind of document text the page shows, carrying markup and script."""
    doc_dir = copy_folder(sample_out, tmp_path_factory.mktemp("hostile") / "doc")
    add_findings(
        doc_dir,
        [
            {
                "id": "X99",
                "check": f"cek{HOSTILE}",
                "severity": "error",
                "table": "t06_reviu_rkpd",
                "row": "51",
                "sumber_baris": "664",
                "kode": HOSTILE,
                "uraian": HOSTILE,
                "column": HOSTILE,
                "expected": HOSTILE,
                "found": HOSTILE,
                "message": HOSTILE,
                "root_cause": HOSTILE,
                "related": HOSTILE,
            }
        ],
    )
    raw = doc_dir / "raw" / "t06_reviu_rkpd.csv"
    raw.write_text(raw.read_text(encoding="utf-8").replace("Terlaksananya", HOSTILE), "utf-8")
    manifest_path = doc_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["meta"]["title"] = f"</title><script>x()</script>{HOSTILE}"
    manifest["meta"]["pemda"] = HOSTILE
    manifest["tables"][5]["caption"] = HOSTILE
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    return render_report(doc_dir)


def test_hostile_text_is_escaped_everywhere(hostile_page: str) -> None:
    dom = parse_html(hostile_page)
    assert len(dom.find_all("script")) == 1  # the page's own, at the end
    assert dom.find_all("img") == []
    for element in dom.iter():
        assert not any(name.startswith("on") for name in element.attrs), element.tag
    assert "<script>alert(1)" not in hostile_page and "<script>x()" not in hostile_page
    assert dom.find("title").text == f"Temuan · </title><script>x()</script>{HOSTILE}"
    assert dom.find("h1").text == f"</title><script>x()</script>{HOSTILE}"
    assert "<img" not in hostile_page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_page
    row = finding_row(dom, "X99")
    assert row.find("td", "c-msg").text == HOSTILE  # shown as text, intact
    assert row.attrs["data-check"] == f"cek{HOSTILE}"
    assert HOSTILE in detail_row(dom, "X99").find("tr", "src-row").text
    script = hostile_page[hostile_page.rindex("<script>") :]
    assert "alert" not in script and "Banjarbaru" not in script


# --- the workbook ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook_dir(sample_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_report_folder(sample_out, tmp_path_factory.mktemp("xlsx") / sample_out.name)


@pytest.fixture(scope="module")
def workbook_path(workbook_dir: Path) -> Path:
    clean = workbook_dir / "tables" / "t09_penambahan_pagu.csv"
    rows = list(csv.reader(clean.open(encoding="utf-8", newline="")))
    column = rows[0].index("pagu_total")
    rows[2][column] = "292438783064.47"  # an amount with cents, as a province prints them
    rows[3][rows[0].index("uraian")] = FORMULA  # document text that looks like a formula
    with clean.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return write_workbook(workbook_dir)


@pytest.fixture(scope="module")
def book(workbook_path: Path) -> openpyxl.Workbook:
    """The workbook, loaded once for the tests that read it (none changes it)."""
    return openpyxl.load_workbook(workbook_path)


def test_workbook_has_its_sheets(
    workbook_path: Path, workbook_dir: Path, book: openpyxl.Workbook
) -> None:
    doc_dir = workbook_dir
    assert workbook_path == doc_dir / "renja-bkpsdm-banjarbaru-2024.xlsx"
    tables = sorted(p.stem for p in (doc_dir / "tables").glob("*.csv"))
    assert book.sheetnames == ["Ringkasan", *tables, "Temuan", "Perbaikan"]
    temuan = book["Temuan"]
    assert temuan.max_row - 1 == len(read_findings(doc_dir))
    repairs = list(csv.reader((doc_dir / "repairs.csv").open(encoding="utf-8")))
    assert book["Perbaikan"].max_row == len(repairs)
    manifest = json.loads((doc_dir / "manifest.json").read_text(encoding="utf-8"))
    names = {t["table_id"]: t["nama"] for t in manifest["tables"]}
    for sheet in book.worksheets:
        top = 2 if sheet.title in tables else 1  # a table's sheet: its printed name above
        assert sheet.freeze_panes == f"A{top + 1}", sheet.title
        assert sheet.auto_filter.ref.startswith(f"A{top}:"), sheet.title
        assert sheet.cell(top, 1).font.bold, sheet.title
        if top == 2:
            assert sheet["A1"].value == f"{names[sheet.title]} ({sheet.title})"
            assert sheet.cell(2, 1).value == "baris"
    assert names["t09_penambahan_pagu"].startswith("Tabel 5.2 — ")  # as the sample prints it
    summary = {r[1]: r[3] for r in book["Ringkasan"].iter_rows(values_only=True) if r[0] == "tabel"}
    assert summary["t09_penambahan_pagu"] == names["t09_penambahan_pagu"]


def header_of(sheet: Any) -> list[Any]:
    """A table sheet's column names: the row under its title."""
    return [c.value for c in sheet[2]]


def test_workbook_numbers_are_numbers(book: openpyxl.Workbook) -> None:
    sheet = book["t06_reviu_rkpd"]
    header = header_of(sheet)
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == 3)
    pagu = row[header.index("pagu_murni")]
    assert pagu.value == 16292704963 and isinstance(pagu.value, int)
    assert pagu.number_format == "#,##0"
    assert isinstance(row[header.index("kode")].value, str)  # '5.03.01.2.01' stays a code


def test_workbook_never_writes_document_text_as_a_formula(
    workbook_path: Path, book: openpyxl.Workbook
) -> None:
    with zipfile.ZipFile(workbook_path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any("<f>" in archive.read(n).decode("utf-8") for n in names)
    sheet = book["t09_penambahan_pagu"]
    cell = sheet.cell(5, header_of(sheet).index("uraian") + 1)
    assert cell.value == FORMULA and cell.data_type == "s"


def test_workbook_keeps_cents_exactly(workbook_path: Path, book: openpyxl.Workbook) -> None:
    with zipfile.ZipFile(workbook_path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(archive.read(n).decode("utf-8") for n in names)
    assert "<v>292438783064.47</v>" in xml
    sheet = book["t09_penambahan_pagu"]
    cell = sheet.cell(4, header_of(sheet).index("pagu_total") + 1)
    assert Decimal(str(cell.value)) == Decimal("292438783064.47")
    assert cell.number_format == "#,##0.00"


FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}


def test_workbook_marks_cells_with_findings(workbook_dir: Path, book: openpyxl.Workbook) -> None:
    findings = read_findings(workbook_dir)
    worst: dict[tuple[str, str, str], str] = {}
    for f in findings:
        key = (f["table"], f["row"], f["column"])
        if f["severity"] == "error" or worst.get(key) not in {"error", "warning"}:
            worst[key] = f["severity"]
    checked = set()
    for (table, row, column), severity in worst.items():
        if table not in book.sheetnames:
            continue
        sheet = book[table]
        header = header_of(sheet)
        if column not in header:
            continue
        line = next(r for r in sheet.iter_rows(min_row=3) if str(r[0].value) == row)
        cell = line[header.index(column)]
        assert cell.fill.fgColor.rgb.endswith(FILLS[severity]), (table, row, column)
        ids = [
            f["id"] for f in findings if (f["table"], f["row"], f["column"]) == (table, row, column)
        ]
        assert all(i in cell.comment.text for i in ids)
        checked.add(severity)
    assert checked == {"error", "warning", "info"}
    unread = next(f for f in findings if f["id"] == unreadable_id(findings))
    assert (unread["table"], unread["row"], "uraian") not in worst
    sheet = book["t06_reviu_rkpd"]
    assert (
        sheet.cell(int(unread["row"]) + 2, header_of(sheet).index("uraian") + 1).fill.fill_type
        is None
    )
    link = book["Temuan"]["D2"].hyperlink
    assert link is not None and link.location.startswith(f"'{findings[0]['table']}'!")
    first = findings[0]
    column = header_of(book[first["table"]]).index(first["column"]) + 1
    place = f"{openpyxl.utils.get_column_letter(column)}{int(first['row']) + 2}"
    assert link.location == f"'{first['table']}'!{place}"  # the cell, under the title row


def test_workbook_is_deterministic(workbook_dir: Path, workbook_path: Path) -> None:
    first = workbook_path.read_bytes()
    assert write_workbook(workbook_dir).read_bytes() == first
    assert openpyxl.load_workbook(workbook_path).properties.modified.year == 2000
