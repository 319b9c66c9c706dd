"""The corpus (OUT/corpus/), SQL over it (renja query) and comparisons by code (renja compare).

Two small documents of one SKPD, 2025 and 2027, and the sample: the 2027 document prints a sub
kegiatan under the code the 2027 list gave it (1.02.03.2.02.0004, formerly .0001).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from renja.app.cli import main
from renja.normalize.nomenclature import load_nomenclature
from renja.present.corpus import build_corpus, period, query

from .conftest import SAMPLE_MD, SHARED, need

HEAD = "PEMERINTAH KOTA BANJARBARU\n\nDINAS KESEHATAN\n\n{title}\n\nTabel 5.3 Pergeseran Pagu\n\n"
TABLE = "Kode\tSub Kegiatan\tSebelum\tSesudah\n"
NAMES = {
    "1.02.03.2.02.0001": "Perencanaan dan Distribusi serta Pemerataan "
    "Sumber Daya Manusia Kesehatan",
    "1.02.03.2.02.0004": "Perencanaan Sumber Daya Manusia Kesehatan",
    "1.02.02.2.02.0001": "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
}


def _doc(path: Path, title: str, rows: list[tuple[str, str, str]]) -> Path:
    body = "".join(f"{k}\t{NAMES[k]}\t{a}\t{b}\n" for k, a, b in rows)
    path.write_text(HEAD.format(title=title) + TABLE + body, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    need(SHARED / "reference" / "permendagri90")
    docs = tmp_path_factory.mktemp("docs")
    (docs / SAMPLE_MD.name).write_text(SAMPLE_MD.read_text(encoding="utf-8"), encoding="utf-8")
    _doc(
        docs / "dinkes-2025.md",
        "RENJA PERUBAHAN 2025",
        [
            ("1.02.03.2.02.0001", "100.000.000", "120.000.000"),
            ("1.02.02.2.02.0001", "50.000.000", "40.000.000"),
        ],
    )
    _doc(
        docs / "dinkes-2027.md",
        "RENJA PERUBAHAN 2027",
        [
            ("1.02.03.2.02.0004", "150.000.000", "150.000.000"),
            ("1.02.02.2.02.0001", "60.000.000", "60.000.000"),
        ],
    )
    folder = tmp_path_factory.mktemp("out")
    done = CliRunner().invoke(main, ["run", str(docs), "--out", str(folder), "--no-report"])
    assert done.exit_code == 0, done.output
    assert "korpus: 3 dokumen" in done.output
    assert "compare: porsi_program" in done.output  # one command: the dataset and its charts
    assert (folder / "corpus" / "compare" / "compare.html").exists()
    # kept as the run wrote it: test_rebuilding_gives_the_same_files rebuilds corpus/ without it
    shutil.copytree(folder / "corpus" / "compare", _compare_from_run(folder))
    return folder


def _compare_from_run(out: Path) -> Path:
    return out.parent / f"{out.name}-compare-from-run"


def test_the_corpus_holds_every_document_with_its_metadata(out: Path) -> None:
    corpus = out / "corpus"
    documents = query(corpus, "SELECT doc_id, pemda, skpd, tahun FROM dokumen ORDER BY doc_id")
    assert documents.values.tolist() == [
        ["dinkes-2025", "Kota Banjarbaru", "Dinas Kesehatan", 2025],
        ["dinkes-2027", "Kota Banjarbaru", "Dinas Kesehatan", 2027],
        [SAMPLE_MD.stem, "Kota Banjarbaru",
         "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Banjarbaru", 2024],
    ]  # fmt: skip
    assert sorted(p.name for p in (corpus / "baris").iterdir()) == [
        "2024.parquet",
        "2025.parquet",
        "2027.parquet",
    ]
    # every clean row is there: as many rows without amounts plus one per amount
    sample = out / SAMPLE_MD.stem / "tables"
    expected = 0
    for csv in sample.glob("*.csv"):
        frame = pd.read_csv(csv, dtype=str)
        table = csv.stem
        sql = (
            "SELECT count(DISTINCT baris) AS n FROM baris "
            f"WHERE table_id = '{table}' AND doc_id = '{SAMPLE_MD.stem}'"
        )
        rows = query(corpus, sql)
        assert rows["n"].iloc[0] == len(frame), table
        expected += len(frame)
    assert expected > 300


def test_tables_carry_their_printed_names(out: Path) -> None:
    """The corpus names each table as its document prints it, keyed by the table's id, and
    each finding carries the name of its table."""
    corpus = out / "corpus"
    tables = query(corpus, "SELECT doc_id, table_id, nomor_tabel, nama_tabel, judul FROM tabel")
    for doc_id in (SAMPLE_MD.stem, "dinkes-2025", "dinkes-2027"):
        manifest = json.loads((out / doc_id / "manifest.json").read_text(encoding="utf-8"))
        mine = tables[tables["doc_id"] == doc_id]
        assert mine["table_id"].tolist() == sorted(t["table_id"] for t in manifest["tables"])
        for entry in manifest["tables"]:
            row = mine[mine["table_id"] == entry["table_id"]].iloc[0]
            assert row["nama_tabel"] == entry["nama"]
            assert (row["nomor_tabel"] if pd.notna(row["nomor_tabel"]) else None) == entry["nomor"]
    dinkes = tables[tables["doc_id"] == "dinkes-2025"]
    assert dinkes["nomor_tabel"].tolist() == ["Tabel 5.3"]  # printed by the document itself
    assert dinkes["nama_tabel"].tolist() == ["Tabel 5.3 — Pergeseran Pagu"]
    joined = query(
        corpus,
        "SELECT t.table_id, t.nama_tabel, f.nama_tabel AS temuan_nama FROM temuan f "
        "JOIN tabel t USING (doc_id, table_id)",
    )
    assert len(joined) > 50
    assert (joined["nama_tabel"] == joined["temuan_nama"]).all()


def test_amounts_are_long_with_their_period(out: Path) -> None:
    corpus = out / "corpus"
    rows = query(
        corpus,
        "SELECT ukuran, periode, nilai FROM baris WHERE doc_id = 'dinkes-2025' "
        "AND kode = '1.02.03.2.02.0001' ORDER BY ukuran",
    )
    assert rows.values.tolist() == [
        ["pagu_sebelum", "2025", 100000000],
        ["pagu_sesudah", "2025", 120000000],
    ]
    maju = query(corpus, "SELECT DISTINCT periode FROM baris WHERE ukuran = 'pagu_maju'")
    assert maju["periode"].tolist() == ["2025"]  # the sample's plan year is 2024
    assert period("pagu_maju", 2024) == "2025"


def test_the_wide_table_has_one_row_per_document_and_sub_kegiatan(out: Path) -> None:
    subs = query(
        out / "corpus",
        "SELECT doc_id, kode, pagu FROM sub_kegiatan WHERE doc_id LIKE 'dinkes%' ORDER BY ALL",
    )
    assert subs.values.tolist() == [
        ["dinkes-2025", "1.02.02.2.02.0001", 40000000],
        ["dinkes-2025", "1.02.03.2.02.0001", 120000000],
        ["dinkes-2027", "1.02.02.2.02.0001", 60000000],
        ["dinkes-2027", "1.02.03.2.02.0004", 150000000],
    ]
    sql = f"SELECT count(*) AS n FROM temuan WHERE doc_id = '{SAMPLE_MD.stem}'"
    findings = query(out / "corpus", sql)
    sample = pd.read_csv(out / SAMPLE_MD.stem / "findings.csv")
    assert findings["n"].iloc[0] == len(sample) > 0


def test_findings_related_is_a_list_of_references(out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    temuan = pq.read_table(out / "corpus" / "temuan.parquet")
    assert temuan.schema.field("related").type == pa.list_(
        pa.struct([("tabel", pa.string()), ("baris", pa.int64()), ("kolom", pa.string()),
                   ("kode", pa.string())])
    )  # fmt: skip
    rows = {
        (r["doc_id"], r["id"]): r["related"]
        for r in temuan.select(["doc_id", "id", "related"]).to_pylist()
    }
    written = pd.read_csv(out / SAMPLE_MD.stem / "findings.csv", dtype=str, keep_default_na=False)
    for finding_id, cell in zip(written["id"], written["related"], strict=True):
        refs = rows[(SAMPLE_MD.stem, finding_id)]
        plain = [{k: v for k, v in ref.items() if v is not None} for ref in refs or []]
        assert plain == (json.loads(cell) if cell else []), finding_id
    unnested = query(
        out / "corpus", "SELECT count(*) AS n FROM (SELECT unnest(related) FROM temuan)"
    )
    assert unnested["n"].iloc[0] == sum(len(refs or []) for refs in rows.values()) > 0
    # renja query prints a list as findings.csv writes it
    sql = (
        f"SELECT id, related FROM temuan WHERE doc_id = '{SAMPLE_MD.stem}' AND related IS NOT NULL"
    )
    shown = query(out / "corpus", sql)
    by_id = dict(zip(written["id"], written["related"], strict=True))
    assert len(shown) and all(
        by_id[i] == r for i, r in zip(shown["id"], shown["related"], strict=True)
    )


def test_a_folder_of_the_old_layout_stops_the_corpus(out: Path, tmp_path: Path) -> None:
    from renja.model.errors import OutputSchemaError

    old = tmp_path / "out"
    shutil.copytree(out / SAMPLE_MD.stem, old / SAMPLE_MD.stem)
    manifest_path = old / SAMPLE_MD.stem / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["schema_version"] = 1
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(OutputSchemaError, match="proses dokumennya lagi"):
        build_corpus(old)


def test_rebuilding_gives_the_same_files(out: Path) -> None:
    corpus = out / "corpus"
    before = {p.relative_to(corpus): p.read_bytes() for p in corpus.rglob("*.parquet")}
    build_corpus(out, load_nomenclature(SHARED / "reference" / "permendagri90"))  # as the run
    after = {p.relative_to(corpus): p.read_bytes() for p in corpus.rglob("*.parquet")}
    assert before == after and len(before) == 8


def test_renja_query_prints_a_table_or_csv(out: Path) -> None:
    corpus = str(out / "corpus")
    sql = "SELECT doc_id, tahun FROM dokumen ORDER BY doc_id"
    done = CliRunner().invoke(main, ["query", sql, "--corpus", corpus, "--csv"])
    assert done.exit_code == 0
    assert done.output.splitlines()[:2] == ["doc_id,tahun", "dinkes-2025,2025"]
    done = CliRunner().invoke(main, ["query", sql, "--corpus", corpus])
    assert done.exit_code == 0 and "dinkes-2027" in done.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "SELEC nonsense"], "kueri gagal: Parser Error"),
        (["query", "SELECT * FROM nowhere"], "kueri gagal: Catalog Error"),
    ],
)
def test_a_bad_query_is_one_line(out: Path, args: list[str], message: str) -> None:
    done = CliRunner().invoke(main, [*args, "--corpus", str(out / "corpus")])
    assert done.exit_code == 1 and message in done.output and "Traceback" not in done.output


def test_a_missing_corpus_says_how_to_build_it(tmp_path: Path) -> None:
    done = CliRunner().invoke(main, ["query", "SELECT 1", "--corpus", str(tmp_path)])
    assert done.exit_code == 1 and "bangun dengan `renja corpus OUT`" in done.output
    done = CliRunner().invoke(main, ["corpus", str(tmp_path)])
    assert done.exit_code == 1 and "tidak berisi keluaran dokumen" in done.output


@pytest.fixture(scope="module")
def compared(out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``renja compare`` of the module's corpus into a folder of its own, once for the module
    (read it, never change it)."""
    target = tmp_path_factory.mktemp("compared") / "compare"
    done = CliRunner().invoke(
        main, ["compare", "--corpus", str(out / "corpus"), "--out", str(target)]
    )
    assert done.exit_code == 0, done.output
    return target


def test_compare_follows_renumbered_codes_across_years(compared: Path) -> None:
    years = pd.read_csv(compared / "antar_tahun.csv", dtype={"kode_baku": str})
    moved = years[years["kode_baku"] == "1.02.03.2.02.0004"].iloc[0]
    assert (moved["kode_awal"], moved["tahun_awal"], moved["pagu_awal"]) == (
        "1.02.03.2.02.0001",
        2025,
        120000000,
    )
    assert (moved["kode_akhir"], moved["pagu_akhir"], moved["selisih"]) == (
        "1.02.03.2.02.0004",
        150000000,
        30000000,
    )
    same = years[years["kode_baku"] == "1.02.02.2.02.0001"].iloc[0]
    assert same["selisih"] == 20000000 and same["persen"] == 50.0
    assert len(years) == 2  # the sample is another SKPD: it has no other year


def test_compare_tables_add_up(out: Path, compared: Path) -> None:
    target = compared
    shares = pd.read_csv(target / "porsi_program.csv")
    for doc_id, group in shares.groupby("doc_id"):
        assert abs(group["persen"].sum() - 100) < 0.1, doc_id
        assert group["pagu"].sum() == group["total_skpd"].iloc[0]
    changes = pd.read_csv(target / "perubahan.csv")
    assert (changes["selisih"] == changes["sesudah"] - changes["sebelum"]).all()
    assert {"dinkes-2025", SAMPLE_MD.stem} <= set(changes["doc_id"])
    across = pd.read_csv(target / "pagu_sub_kegiatan.csv", dtype={"kode_baku": str})
    row = across[across["kode_baku"] == "1.02.02.2.02.0001"].iloc[0]
    assert (row["dinkes-2025"], row["dinkes-2027"]) == (40000000, 60000000)
    page = (target / "compare.html").read_text(encoding="utf-8")
    for chart in ("porsi_program", "perubahan_sub_kegiatan", "antar_tahun"):  # wide and narrow
        for png in (f"{chart}.png", f"{chart}-sempit.png"):
            assert (target / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f'src="{chart}.png"' in page and f'srcset="{chart}-sempit.png"' in page
    # compared again, the same tables as `renja run` wrote (test_batch's runs skip the corpus)
    run = _compare_from_run(out)
    tables = sorted(p.name for p in run.glob("*.csv"))
    assert tables == sorted(p.name for p in target.glob("*.csv")) and len(tables) >= 4
    for name in tables:
        assert (target / name).read_bytes() == (run / name).read_bytes(), name


def test_batch_json_and_corpus_agree(out: Path) -> None:
    batch = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    documents = query(out / "corpus", "SELECT doc_id, errors FROM dokumen ORDER BY doc_id")
    errors = {d["doc_id"]: d["findings"]["error"] for d in batch["documents"]}
    assert dict(documents.values.tolist()) == errors


def test_a_damaged_database_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "renja.duckdb").write_text("not a database", encoding="utf-8")
    done = CliRunner().invoke(main, ["query", "SELECT 1", "--corpus", str(tmp_path)])
    assert done.exit_code == 1 and "tidak dapat dibuka" in done.output
    assert "Traceback" not in done.output


# --- built incrementally, from what each document wrote ----------------------------------------


def _parquet_files(corpus: Path) -> dict[Path, bytes]:
    return {p.relative_to(corpus): p.read_bytes() for p in corpus.rglob("*.parquet")}


def _fresh(out: Path) -> dict[Path, bytes]:
    """The corpus files a build from nothing gives (the old corpus moved away first)."""
    shutil.rmtree(out / "corpus")
    build_corpus(out)
    return _parquet_files(out / "corpus")


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The document folders a build reads, by name."""
    from renja.present import corpus

    read: list[str] = []
    real = corpus.document_parts

    def parts(folder: Any, *args: Any) -> Any:
        read.append(folder.path.name)
        return real(folder, *args)

    monkeypatch.setattr(corpus, "document_parts", parts)
    return read


def test_a_build_reads_only_the_documents_that_changed(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    build_corpus(copy)  # the copy's folders are new to its corpus: all read once
    read = _counting_reads(monkeypatch)
    build_corpus(copy)
    assert read == []  # nothing changed: every row from the corpus itself
    # one document written again with other values, one removed, one added
    changed = _doc(tmp_path / "dinkes-2025.md", "RENJA PERUBAHAN 2025",
                   [("1.02.03.2.02.0001", "100.000.000", "130.000.000")])  # fmt: skip
    added = _doc(tmp_path / "dinkes-2026.md", "RENJA PERUBAHAN 2026",
                 [("1.02.02.2.02.0001", "70.000.000", "75.000.000")])  # fmt: skip
    done = CliRunner().invoke(
        main, ["run", str(changed), str(added), "--out", str(copy), "--no-report", "--no-corpus"]
    )
    assert done.exit_code == 0, done.output
    shutil.rmtree(copy / "dinkes-2027")
    built = build_corpus(copy)
    assert sorted(read) == ["dinkes-2025", "dinkes-2026"]
    assert built.documents == 3
    incremental = _parquet_files(copy / "corpus")
    assert incremental == _fresh(copy)  # the same files, byte for byte, as a build from nothing
    sums = query(copy / "corpus", "SELECT doc_id, sum(nilai) AS n FROM baris "
                 "WHERE ukuran IS NOT NULL GROUP BY doc_id ORDER BY doc_id")  # fmt: skip
    assert sums.values.tolist() == [
        ["dinkes-2025", 230000000],
        ["dinkes-2026", 145000000],
        [SAMPLE_MD.stem, sums["n"].iloc[2]],
    ]


def _write_again(out: Path, *documents: Path) -> None:
    """Documents run into an output folder, its corpus left as it was."""
    done = CliRunner().invoke(main, ["run", *map(str, documents), "--out", str(out),
                                     "--no-report", "--no-corpus"])  # fmt: skip
    assert done.exit_code == 0, done.output


def test_a_newer_document_changes_terkini_of_the_unchanged_ones(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``terkini`` depends on every document of a body: a document added to the output folder
    makes an unchanged document's pagu rows no longer current, and the corpus built in steps
    says so, as one built at once does."""
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    build_corpus(copy)
    read = _counting_reads(monkeypatch)
    sql = ("SELECT DISTINCT doc_id, terkini FROM pagu WHERE tahun_anggaran = 2025 "
           "AND skpd = 'Dinas Kesehatan' ORDER BY doc_id")  # fmt: skip
    assert query(copy / "corpus", sql).values.tolist() == [["dinkes-2025", True]]
    # the same revision of 2025 again, under an id that comes first: it is the one that counts
    again = _doc(tmp_path / "dinkes-0-2025.md", "RENJA PERUBAHAN 2025",
                 [("1.02.03.2.02.0001", "100.000.000", "125.000.000")])  # fmt: skip
    _write_again(copy, again)
    build_corpus(copy)
    assert read == ["dinkes-0-2025"]  # the others' rows from the corpus, terkini decided again
    assert query(copy / "corpus", sql).values.tolist() == [
        ["dinkes-0-2025", True],
        ["dinkes-2025", False],
    ]
    assert _parquet_files(copy / "corpus") == _fresh(copy)


def test_another_nomenclature_reads_every_document_again(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hierarchy's names come from the nomenclature: a build with another one (here none)
    takes no row from the corpus a build with the first wrote."""
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    reference = load_nomenclature(SHARED / "reference" / "permendagri90")
    build_corpus(copy, reference)
    read = _counting_reads(monkeypatch)
    build_corpus(copy, reference)
    assert read == []
    build_corpus(copy)
    assert sorted(read) == ["dinkes-2025", "dinkes-2027", SAMPLE_MD.stem]


def test_row_groups_are_cut_by_count_in_a_build_in_steps(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files of many row groups: a corpus built in steps (one document written again, its old
    rows and the others' merged) is the one built at once, byte for byte."""
    import pyarrow.parquet as pq

    from renja.present import corpus_merge

    monkeypatch.setattr(corpus_merge, "ROW_GROUP", 97)
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    build_corpus(copy)
    changed = _doc(tmp_path / "dinkes-2027.md", "RENJA PERUBAHAN 2027",
                   [("1.02.03.2.02.0004", "150.000.000", "175.000.000")])  # fmt: skip
    _write_again(copy, changed)
    build_corpus(copy)
    steps = _parquet_files(copy / "corpus")
    assert pq.ParquetFile(copy / "corpus" / "baris" / "2024.parquet").num_row_groups > 3
    assert steps == _fresh(copy)


def test_the_database_is_built_within_its_memory_and_leaves_no_spill(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB stores the corpus's tables within ``DATABASE_MEMORY`` (past it, it spills beside
    the database): with a bound far below what it would take, the database holds every row of
    the files, and no spill folder is left in the corpus."""
    import pyarrow.parquet as pq

    from renja.present import corpus

    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    monkeypatch.setattr(corpus, "DATABASE_MEMORY", "4MB")
    build_corpus(copy)
    folder = copy / "corpus"
    assert not (folder / corpus.DATABASE_SPILL).exists()
    rows = sum(pq.ParquetFile(p).metadata.num_rows for p in (folder / "baris").glob("*.parquet"))
    assert query(folder, "SELECT count(*) AS n FROM baris")["n"].iloc[0] == rows > 500


def test_the_corpus_reads_the_documents_parquet_files(out: Path, tmp_path: Path) -> None:
    """Each document's clean tables come from its Parquet files; a folder written without them
    (--no-parquet) gives the same corpus from its CSV files."""
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    with_parquet = _fresh(copy)
    for parquet in copy.glob("*/tables/*.parquet"):
        parquet.unlink()
    assert _fresh(copy) == with_parquet


def test_a_damaged_corpus_is_built_again_whole(out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    build_corpus(copy)
    expected = _parquet_files(copy / "corpus")
    (copy / "corpus" / "temuan.parquet").write_bytes(b"PAR1 not a parquet file")
    build_corpus(copy)
    assert _parquet_files(copy / "corpus") == expected
