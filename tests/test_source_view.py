"""The report's "Sumber" of PDF findings: exactly the rows a finding is about and its operands'
rows (across pages and tables), the wrong cell and the operands marked apart, and a picture of
each page region, cut from the PDF at the rows' boxes, with a link to the PDF's page.

The sample PDF and the real Katingan Renja, written once per session (``processed.folder``).
What each finding should show is worked out here from the folder's own files: the raw rows each
clean row was read from (``raw/``), the clean values of the cells a finding relates
(``tables/``) and the values it names (``findings.csv``).
"""

from __future__ import annotations

import base64
import csv
import io
import json
import shutil
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image

from renja.normalize.rupiah import parse_rupiah
from renja.present.locate import MAX_RELATED_ROWS
from renja.present.pictures import HIT_COLOUR, RELATED_COLOUR
from renja.present.report import render_report

from .conftest import REAL, SAMPLE_PDF, Processed
from .test_report import Element, detail_row, parse_html

KATINGAN = REAL / "renja-satpolppdamkar-katingan-2025.pdf"
ARITHMETIC = ("jumlah_rincian", "jumlah_total", "aritmetika_baris")
Cells = tuple[str, ...]


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(SAMPLE_PDF, marks=pytest.mark.documents(SAMPLE_PDF), id="sample-pdf"),
        pytest.param(KATINGAN, marks=pytest.mark.documents(KATINGAN), id="katingan"),
    ],
)
def doc(request: pytest.FixtureRequest, processed: Processed) -> Folder:
    return Folder(processed.folder(request.param))


@pytest.fixture(scope="module")
def katingan(processed: Processed) -> Folder:
    return Folder(processed.folder(KATINGAN))


# --- the folder's own files: what a finding should show ---------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Folder:
    """A written document folder, its report parsed, its files read on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        self.findings = read_csv(path / "findings.csv")
        self.dom = parse_html((path / "report.html").read_text(encoding="utf-8"))
        self.details = {
            tr.attrs["data-for"]: tr for tr in self.dom.find_all("tr", "detail")
        }  # fmt: skip
        self._raw: dict[str, list[dict[str, str]]] = {}
        self._clean: dict[str, dict[str, dict[str, str]]] = {}

    def raw(self, table: str) -> list[dict[str, str]]:
        if table not in self._raw:
            self._raw[table] = read_csv(self.path / "raw" / f"{table}.csv")
        return self._raw[table]

    def clean(self, table: str, row: int | str) -> dict[str, str]:
        if table not in self._clean:
            rows = read_csv(self.path / "tables" / f"{table}.csv")
            self._clean[table] = {r["baris"]: r for r in rows}
        return self._clean[table][str(row)]

    def printed(self, table: str, rows: set[str]) -> list[Cells]:
        """The cells of the raw rows the clean rows ``rows`` were read from, in order."""
        return [cells(r) for r in self.raw(table) if r["baris_bersih"] in rows]

    def pages_of(self, table: str, rows: set[str]) -> set[str]:
        return {r["halaman"] for r in self.raw(table) if r["baris_bersih"] in rows}

    def detail(self, finding: dict[str, str]) -> Element:
        return self.details[finding["id"]]


def cells(raw: dict[str, str]) -> Cells:
    width = sum(1 for k in raw if k.startswith("kolom_"))
    return tuple(raw[f"kolom_{n}"] for n in range(1, width + 1))


def related(finding: dict[str, str]) -> list[dict[str, object]]:
    return [r for r in json.loads(finding["related"] or "[]") if "tabel" in r]


def wanted(finding: dict[str, str]) -> dict[str, tuple[set[str], set[str]]]:
    """Per table, the clean rows a finding is about (its own table only) and those it relates."""
    out: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    out[finding["table"]][0].add(finding["row"])
    for ref in related(finding):
        out[str(ref["tabel"])][1].add(str(ref["baris"]))
    return out


def amount(text: str) -> int | None:
    """A printed amount (``1.325.090.599,00``, or wrapped in its cell: ``82.83 5.400``)."""
    value = parse_rupiah(text).value
    return int(value) if value is not None else None


# --- what the report shows ---------------------------------------------------------------------


def shown(detail: Element) -> dict[str, list[tuple[str, Cells, dict[int, str]]]]:
    """Per table, the rows a finding's detail shows: class (own or related), cells, marks."""
    out: dict[str, list[tuple[str, Cells, dict[int, str]]]] = defaultdict(list)
    for table in detail.find_all("table", "src"):
        for tr in table.find_all("tr"):
            kind = tr.classes & {"src-row", "rel-row"}
            if not kind:
                continue
            tds = tr.find_all("td")
            marks = {int(td.attrs["data-kolom"]): (td.classes & {"hit", "rel"}).pop() for td in tds
                     if td.classes & {"hit", "rel"}}  # fmt: skip
            out[table.attrs["data-table"]].append((kind.pop(), tuple(td.text for td in tds), marks))
    return out


def pictures(detail: Element) -> dict[int, Element]:
    """The detail's pictures by page; each figure holds an <img> (and a link to the page)."""
    return {int(f.attrs["data-halaman"]): f for f in detail.find_all("figure", "page-pic")}


def image(figure: Element) -> Image.Image:
    """A figure's picture, decoded from its data: URI and checked to be a whole PNG."""
    img = figure.find("img")
    prefix = "data:image/png;base64,"
    assert img.attrs["src"].startswith(prefix)
    data = base64.b64decode(img.attrs["src"][len(prefix) :], validate=True)
    Image.open(io.BytesIO(data)).verify()
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "PNG"
    assert (picture.width, picture.height) == (int(img.attrs["width"]), int(img.attrs["height"]))
    assert picture.width > 100 and picture.height > 10
    return picture.convert("RGB")


def has_colour(picture: Image.Image, colour: tuple[int, int, int]) -> bool:
    return any(count for count, rgb in picture.getcolors(1 << 16) or [] if rgb == colour)


def located(doc: Folder) -> list[dict[str, str]]:
    """The findings about a row whose related rows all fit in the detail."""
    return [
        f for f in doc.findings
        if f["table"] and f["row"] and len(related(f)) <= MAX_RELATED_ROWS
    ]  # fmt: skip


# --- the tests ---------------------------------------------------------------------------------


def test_every_finding_shows_exactly_its_rows_and_their_pages(doc: Folder) -> None:
    """Not the page: the rows the finding's clean row was read from, then the rows of the cells
    it relates, each table apart, and a picture of every page they are on."""
    findings = located(doc)
    assert len(findings) > 15
    for finding in findings:
        detail = doc.detail(finding)
        rows = shown(detail)
        expected = wanted(finding)
        assert set(rows) == set(expected), finding["id"]
        pages: set[str] = set()
        for table, (own, rel) in expected.items():
            mine = [c for kind, c, _ in rows[table] if kind == "src-row"]
            theirs = [c for kind, c, _ in rows[table] if kind == "rel-row"]
            assert mine == doc.printed(table, own), finding["id"]
            assert theirs == doc.printed(table, rel - own), finding["id"]
            pages |= doc.pages_of(table, own | rel)
        shown_pages = pictures(detail)
        assert {str(p) for p in shown_pages} == pages, finding["id"]
        for figure in shown_pages.values():
            image(figure)


def test_the_own_row_prints_the_finding_and_not_its_page(doc: Folder) -> None:
    """The rows shown as the finding's own print its code and name, and are fewer than the rows
    of its page: the view is the row, not the page."""
    narrowed = 0
    for finding in located(doc):
        own = [
            c for kind, c, _ in shown(doc.detail(finding))[finding["table"]] if kind == "src-row"
        ]
        text = " ".join(" ".join(c) for c in own)
        if finding["kode"]:
            assert finding["kode"] in text.replace(" ", "") or finding["uraian"][:12] in text
        on_page = [
            r for r in doc.raw(finding["table"])
            if r["halaman"] == finding["halaman"] and r["peran"] == "body"
        ]  # fmt: skip
        assert len(own) <= len(on_page)
        narrowed += len(own) < len(on_page)
    assert narrowed > 10


def test_wrong_cell_and_operands_are_marked_apart(doc: Folder) -> None:
    """In a sum or a row's own arithmetic: one cell marked as the finding's (printing the value
    it found), the operands marked as related (printing their clean values), nothing else; on
    the picture the finding's cell is outlined in red and the operands in blue."""
    sums = [f for f in located(doc) if f["check"] in ARITHMETIC and f["column"] and related(f)]
    assert len(sums) >= 3
    for finding in sums:
        detail = doc.detail(finding)
        rows = shown(detail)[finding["table"]]
        hits = [c[n - 1] for _, c, marks in rows for n, kind in marks.items() if kind == "hit"]
        assert [amount(h) for h in hits] == [int(finding["found"])], finding["id"]
        rels = sorted(
            amount(c[n - 1]) or 0 for _, c, marks in rows for n, kind in marks.items()
            if kind == "rel"
        )  # fmt: skip
        operands = sorted(
            int(doc.clean(str(r["tabel"]), str(r["baris"]))[str(r["kolom"])] or 0)
            for r in related(finding)
        )
        assert rels == operands, finding["id"]
        drawn = [image(figure) for figure in pictures(detail).values()]
        assert any(has_colour(p, HIT_COLOUR) for p in drawn), finding["id"]
        assert any(has_colour(p, RELATED_COLOUR) for p in drawn), finding["id"]


def test_a_sum_whose_rows_go_on_over_the_next_page(katingan: Folder) -> None:
    """Katingan prints a kegiatan at the foot of a page and its sub kegiatan on the next: the
    view shows the kegiatan (and the rest of its name over the page break) and the sub kegiatan,
    with a picture of each page; the page of the kegiatan has its cell in red, the next page
    the operands in blue."""
    crossing = [
        f for f in located(katingan)
        if f["check"] == "jumlah_rincian"
        and {katingan.clean(f["table"], r["baris"])["halaman"] for r in related(f)}
        - {f["halaman"]}
    ]  # fmt: skip
    assert crossing, "no sum with its operands on another page"
    for finding in crossing:
        detail = katingan.detail(finding)
        own, rel = wanted(finding)[finding["table"]]
        figures = pictures(detail)
        pages = katingan.pages_of(finding["table"], own | rel)
        assert len(pages) >= 2 and {str(p) for p in figures} == pages
        first = image(figures[int(finding["halaman"])])
        assert has_colour(first, HIT_COLOUR)
        later = [image(figures[int(p)]) for p in pages - {finding["halaman"]}]
        assert any(has_colour(p, RELATED_COLOUR) for p in later)
        where = [tr.find("th", "line").text for tr in detail.find_all("tr", "rel-row")]
        assert set(where) >= {f"hal. {p}" for p in pages - {finding["halaman"]}}


def test_a_value_other_tables_print_otherwise(katingan: Folder) -> None:
    """A cell that differs between tables: its row, and the row of the other table printing the
    value with its cell marked as related, and a picture of each table's page."""
    across = [f for f in located(katingan) if f["check"] == "beda_antar_tabel" and f["expected"]]
    assert across
    for finding in across:
        detail = katingan.detail(finding)
        rows = shown(detail)
        (ref,) = related(finding)
        other = rows[str(ref["tabel"])]
        marked = [c[n - 1] for _, c, marks in other for n, kind in marks.items() if kind == "rel"]
        printed = katingan.clean(str(ref["tabel"]), str(ref["baris"]))[str(ref["kolom"])]
        assert [amount(m) for m in marked] == [int(printed)]
        caption = detail.find_all("table", "src")[1].find("caption").text
        assert caption.startswith("Terkait: ")
        assert len(pictures(detail)) == len(
            katingan.pages_of(finding["table"], {finding["row"]})
            | katingan.pages_of(str(ref["tabel"]), {str(ref["baris"])})
        )


def test_pictures_link_to_the_pdf_page(doc: Folder) -> None:
    source = doc.manifest["source"]
    assert (doc.path / source["path"]).resolve().name == source["file"]
    links = [a.attrs["href"] for a in doc.dom.find_all("a", "pdf-link")]
    assert links and all(link.startswith(quote(source["path"]) + "#page=") for link in links)
    for figure in doc.dom.find_all("figure", "page-pic"):
        link = figure.find("a", "pdf-link").attrs["href"]
        assert link.endswith(f"#page={figure.attrs['data-halaman']}")


def test_report_stays_a_few_megabytes(doc: Folder) -> None:
    """Pictures are small: grey, a few rows each; the whole report stays a few MB."""
    size = (doc.path / "report.html").stat().st_size
    figures = doc.dom.find_all("figure", "page-pic")
    assert size < 6_000_000
    embedded = [f for f in figures if f.find_all("img")]
    assert len(embedded) == len(figures)  # both documents stay within the budget
    sources = [len(f.find("img").attrs["src"]) for f in embedded]
    assert sum(sources) / len(sources) < 40_000


def test_report_without_its_pdf_keeps_the_rows_and_says_why(
    katingan: Folder, tmp_path: Path
) -> None:
    """A folder moved away from its PDF: the rows as before, no picture, one line saying why."""
    moved = Path(shutil.copytree(katingan.path, tmp_path / "elsewhere" / "deeper" / "doc"))
    dom = parse_html(render_report(moved))
    finding = next(f for f in located(katingan) if f["check"] == "jumlah_rincian")
    detail = detail_row(dom, finding["id"])
    assert shown(detail) == shown(katingan.detail(finding))
    assert dom.find_all("img") == []
    assert "PDF sumber tidak ada" in detail.text
