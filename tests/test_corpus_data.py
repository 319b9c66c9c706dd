"""The corpus as researchers use it (issue 11, points 3 and 4): one query answers the obvious
question, the database opens from anywhere, a data dictionary ships with the data, and documents
of one SKPD match across years whatever name they print.

The corpus: the sample (BKPSDM Kota Banjarbaru 2024, printing the SKPD's full name), the same body
in 2025 printing only "BKPSDM Kota Banjarbaru" (from a --meta sidecar, as the issue's example), and
two Dinas Kesehatan documents whose names differ ("… dan Keluarga Berencana"), which match nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from renja.app.cli import main
from renja.model.kode import Kode
from renja.present.corpus import LAYOUT
from renja.present.corpus_schema import QUERIES, SUMMARY_QUERY, describe

from .conftest import SAMPLE_MD, SHARED, need

HEAD = "PEMERINTAH KOTA BANJARBARU\n\n{skpd}\n\n{title}\n\nTabel 5.3 Pergeseran Pagu\n\n"
TABLE = "Kode\tSub Kegiatan\tSebelum\tSesudah\n"
BKPSDM_2025 = [
    ("5.03.02.2.01.0003", "Koordinasi dan Fasilitasi Pengadaan PNS dan PPPK",
     "100.000.000", "120.000.000"),
    ("5.03.02.2.02.0001", "Pengelolaan Mutasi ASN", "50.000.000", "45.000.000"),
]  # fmt: skip
DINKES = [("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "5.000", "6.000")]


def _doc(path: Path, skpd: str, title: str, rows: list[tuple[str, str, str, str]]) -> None:
    body = "".join("\t".join(row) + "\n" for row in rows)
    path.write_text(HEAD.format(skpd=skpd, title=title) + TABLE + body, encoding="utf-8")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need(SHARED / "reference" / "permendagri90")
    docs = tmp_path_factory.mktemp("docs")
    (docs / SAMPLE_MD.name).write_text(SAMPLE_MD.read_text(encoding="utf-8"), encoding="utf-8")
    _doc(docs / "bkpsdm-2025.md", "SEKRETARIAT", "RENJA 2025", BKPSDM_2025)
    _doc(docs / "dinkes-2024.md", "DINAS KESEHATAN", "RENJA 2024", DINKES)
    _doc(docs / "dinkes-kb-2025.md", "DINAS KESEHATAN DAN KELUARGA BERENCANA", "RENJA 2025",
         DINKES)  # fmt: skip
    meta = docs.parent / "meta.csv"
    meta.write_text("file,skpd\nbkpsdm-2025.md,BKPSDM Kota Banjarbaru\n", encoding="utf-8")
    folder = tmp_path_factory.mktemp("out")
    done = CliRunner().invoke(
        main, ["run", str(docs), "--out", str(folder), "--no-report", "--meta", str(meta)]
    )
    assert done.exit_code == 0, done.output
    return folder


def _db(out: Path):
    import duckdb

    return duckdb.connect(str(out / "corpus" / "renja.duckdb"), read_only=True)


# --- one query -------------------------------------------------------------------------------


def test_total_pagu_per_program_per_skpd_per_year_is_one_query(out: Path) -> None:
    """The README's query, run as a user would, against the documents' own numbers."""
    done = CliRunner().invoke(main, ["query", SUMMARY_QUERY, "--corpus", str(out / "corpus"),
                                     "--csv"])  # fmt: skip
    assert done.exit_code == 0, done.output
    from io import StringIO

    totals = pd.read_csv(StringIO(done.output), dtype={"kode_program": str})
    bkpsdm = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
    mine = totals[totals["skpd_baku"] == bkpsdm]
    # 2025: the BKPSDM document's amounts after the shift (sesudah), not before, not twice
    assert mine[mine["tahun"] == 2025].set_index("kode_program")["pagu"].to_dict() == {
        "5.03.02": 120_000_000 + 45_000_000
    }
    # 2024: the sample's sub kegiatan of its main table, summed by program from its CSV
    table = pd.read_csv(out / SAMPLE_MD.stem / "tables" / "t08_rencana_program.csv", dtype=str,
                        keep_default_na=False)  # fmt: skip
    leaves = table[(table["level"] == "sub_kegiatan") & (table["jenis_baris"] == "data")]
    expected: dict[str, int] = {}
    for kode, pagu in zip(leaves["kode"], leaves["pagu"], strict=True):
        if not pagu:
            continue
        program = Kode.parse(kode).at("program").text
        expected[program] = expected.get(program, 0) + int(Decimal(pagu))
    assert mine[mine["tahun"] == 2024].set_index("kode_program")["pagu"].to_dict() == expected
    assert len(expected) == 3
    names = mine.set_index("kode_program")["nama_program"].to_dict()
    assert names["5.03.02"] and all(isinstance(n, str) and n for n in names.values())


def test_every_example_query_runs(out: Path) -> None:
    db = _db(out)
    for title, sql in QUERIES.items():
        assert len(db.execute(sql).fetchall()) > 0, title


def test_summing_baris_would_double_count_and_pagu_does_not(out: Path) -> None:
    """Why the pagu table exists: in baris the same money is there at every level, before and
    after, in two tables; pagu holds it once."""
    db = _db(out)
    doc = SAMPLE_MD.stem
    naive = db.execute(f"SELECT sum(nilai) FROM baris WHERE doc_id = '{doc}'").fetchone()[0]
    once = db.execute(
        f"SELECT sum(pagu) FROM pagu WHERE doc_id = '{doc}' AND tahun_anggaran = 2024"
    ).fetchone()[0]
    assert naive > 3 * once > 0
    kinds = dict(db.execute("SELECT ukuran, any_value(jenis_nilai) FROM baris "
                        "WHERE ukuran IS NOT NULL GROUP BY ALL").fetchall())  # fmt: skip
    assert kinds["jumlah_perubahan"] == "selisih" and kinds["pagu_sesudah"] == "jumlah"
    # one row per document, budget year and code of the lowest level
    dupes = db.execute("SELECT doc_id, tahun_anggaran, table_id, baris, count(*) FROM pagu "
                   "GROUP BY ALL HAVING count(*) > 1").fetchall()  # fmt: skip
    assert dupes == []


def test_hierarchy_columns_on_every_row(out: Path) -> None:
    db = _db(out)
    rows = db.execute(
        "SELECT kode, level, kode_urusan, kode_bidang, kode_program, nama_program, "
        "kode_kegiatan, nama_kegiatan, kode_sub_kegiatan FROM baris WHERE kode IS NOT NULL "
        "AND level IN ('program', 'kegiatan', 'sub_kegiatan')"
    ).fetchdf()
    assert len(rows) > 100
    for row in rows.itertuples():
        kode = Kode.parse(row.kode)
        assert row.kode_program == kode.at("program").text
        assert row.kode_bidang == kode.at("bidang").text and row.kode_urusan == kode.segments[0]
        assert isinstance(row.nama_program, str) and row.nama_program
        if row.level != "program":
            assert row.kode_kegiatan == kode.at("kegiatan").text and row.nama_kegiatan
        if row.level == "sub_kegiatan":
            assert row.kode_sub_kegiatan == row.kode
    # a row without a code takes its parent's place (an indicator line under a program)
    sql = "SELECT count(*) FROM baris WHERE kode IS NULL AND kode_program IS NOT NULL"
    uncoded = db.execute(sql)
    assert uncoded.fetchone()[0] > 0
    subs = db.execute("SELECT kode, kode_kegiatan FROM sub_kegiatan").fetchall()
    assert subs and all(k.startswith(g + ".") for k, g in subs)


# --- the database, the files and the data dictionary ------------------------------------------


def test_the_database_opens_from_another_folder(out: Path, tmp_path: Path) -> None:
    """As DBeaver or the duckdb CLI would: from another working directory, every table."""
    database = (out / "corpus" / "renja.duckdb").resolve()
    script = (
        "import duckdb, sys\n"
        "db = duckdb.connect(sys.argv[1], read_only=True)\n"
        "for name in sys.argv[2:]:\n"
        "    print(name, db.execute(f'SELECT count(*) FROM {name}').fetchone()[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(database), *LAYOUT],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    counts = dict(line.split() for line in done.stdout.splitlines())
    assert set(counts) == set(LAYOUT) and all(int(n) > 0 for n in counts.values())
    # the folder moved: still whole
    moved = tmp_path / "elsewhere.duckdb"
    moved.write_bytes(database.read_bytes())
    again = subprocess.run([sys.executable, "-c", script, str(moved), "pagu"], cwd=tmp_path,
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert again.returncode == 0 and again.stdout.split()[1] == counts["pagu"]


def test_no_column_is_an_sql_keyword(out: Path) -> None:
    db = _db(out)
    sql = "SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category <> 'unreserved'"
    reserved = {r[0] for r in db.execute(sql).fetchall()}
    sql = "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal"
    columns = db.execute(sql).fetchall()
    assert {t for t, _ in columns} == set(LAYOUT)
    assert [(t, c) for t, c in columns if c.lower() in reserved] == []
    findings = db.execute("SELECT pemeriksaan, table_id, baris, kolom FROM temuan").fetchall()
    written = pd.read_csv(out / SAMPLE_MD.stem / "findings.csv", dtype=str)  # unchanged there
    assert {"check", "table", "row", "column"} <= set(written.columns) and findings


def test_pandas_reads_years_as_integers(out: Path) -> None:
    corpus = out / "corpus"
    baris = pd.read_parquet(corpus / "baris")
    assert pd.api.types.is_integer_dtype(baris["tahun"])
    assert sorted(baris["tahun"].unique()) == [2024, 2025]
    for name in ("dokumen", "pagu", "sub_kegiatan", "temuan", "tabel"):
        frame = pd.read_parquet(corpus / f"{name}.parquet")
        assert pd.api.types.is_integer_dtype(frame["tahun"]), name


def test_the_data_dictionary_validates_and_describes_every_column(out: Path) -> None:
    import pyarrow.parquet as pq
    from frictionless import validate

    corpus = out / "corpus"
    report = validate(corpus / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    package = json.loads((corpus / "datapackage.json").read_text(encoding="utf-8"))
    paths = sorted(r["path"] for r in package["resources"])
    on_disk = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.parquet"))
    assert paths == on_disk
    for resource in package["resources"]:
        schema = pq.read_schema(corpus / resource["path"])
        assert [f["name"] for f in resource["schema"]["fields"]] == schema.names
        for field in schema:
            text = (field.metadata or {}).get(b"description", b"").decode()
            assert text and text == describe(field.name), (resource["path"], field.name)
    db = _db(out)
    missing = db.execute("SELECT table_name, column_name FROM duckdb_columns() "
                         "WHERE NOT internal AND (comment IS NULL OR comment = '')").fetchall()
    assert missing == []
    readme = (corpus / "README.md").read_text(encoding="utf-8")
    assert SUMMARY_QUERY in readme and all(f"### `{name}`" in readme for name in LAYOUT)


# --- comparable entities ---------------------------------------------------------------------


def test_the_skpd_is_one_body_whatever_its_documents_print(out: Path) -> None:
    db = _db(out)
    documents = dict(db.execute("SELECT doc_id, skpd_baku FROM dokumen").fetchall())
    assert documents["bkpsdm-2025"] == documents[SAMPLE_MD.stem]
    assert documents[SAMPLE_MD.stem] == "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
    sql = "SELECT DISTINCT singkatan_skpd FROM dokumen WHERE doc_id LIKE '%bkpsdm%'"
    singkatan = db.execute(sql)
    assert singkatan.fetchall() == [("BKPSDM",)]
    codes = db.execute("SELECT DISTINCT kode_pemda FROM dokumen").fetchall()
    assert codes == [("63.72",)]  # a kota: its Kemendagri code from the list of regions


def test_year_on_year_matches_the_body_and_says_what_it_could_not(
    out: Path, tmp_path: Path
) -> None:
    target = tmp_path / "compare"
    done = CliRunner().invoke(main, ["compare", "--corpus", str(out / "corpus"),
                                     "--out", str(target)])  # fmt: skip
    assert done.exit_code == 0, done.output
    years = pd.read_csv(target / "antar_tahun.csv", dtype=str)
    assert set(zip(years["doc_awal"], years["doc_akhir"], strict=True)) == {
        (SAMPLE_MD.stem, "bkpsdm-2025")
    }
    assert sorted(years["kode_baku"]) == [code for code, *_ in BKPSDM_2025]
    moved = years[years["kode_baku"] == "5.03.02.2.01.0003"].iloc[0]
    assert int(moved["pagu_akhir"]) == 120_000_000
    unmatched = pd.read_csv(target / "antar_tahun_tak_cocok.csv", dtype=str)
    gone = unmatched[unmatched["doc_id"] == SAMPLE_MD.stem]
    assert len(gone) > 30 and gone["alasan"].str.contains("tidak ada lagi di tahun 2025").all()
    alone = unmatched.set_index("doc_id")["alasan"]
    assert "nama mirip di tahun lain: Dinas Kesehatan dan Keluarga Berencana (2025)" in (
        alone["dinkes-2024"]
    )
    assert "Dinas Kesehatan (2024)" in alone["dinkes-kb-2025"]
