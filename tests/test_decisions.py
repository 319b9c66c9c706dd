"""Decisions (keputusan.csv): every kind applied as a repair with the rule ``keputusan``, stale
ones reported, and decisions that find their place again when the document's rows shift.

The decisions are written the way the report writes them: each finding's key comes from the
report's own view of the output folder (``renja.present.decide_view``), never from a row number.
The document is the sample Markdown with two rows renamed so that their codes are unsure
(``kode_tidak_pasti``), so that every kind of decision has a finding to act on.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from renja.app.pipeline import process
from renja.model.decisions import DECISION_COLUMNS, default_path, read_decisions
from renja.model.result import Result
from renja.present.decide_view import KeyCache, decide_view
from renja.present.outputs import DocFolder, Record, read_csv, read_doc_folder
from renja.present.writer import write_result

from .conftest import SAMPLE_MD

# Two Tabel 5.2 rows renamed to names the nomenclature cannot decide between.
RENAMED = {
    "10.\tPemeliharaan/Rehabilitasi Sarana dan Prasarana Gedung Kantor dan Bangunan Lainnya":
        "10.\tPemeliharaan Kantor",
    "12.\tPengelolaan Kenaikan Pangkat\t": "12.\tPengelolaan Kepegawaian\t",
}  # fmt: skip
# A row put into Tabel 5.1 above the decided one, and a line above everything: every row
# number and source line after them shifts.
DECIDED_ROW = "5.03.01.2.01.06\tKoordinasi dan Penyusunan Laporan Capaian Kinerja"
INSERTED_ROW = "5.03.01.2.01.0007\tPenyusunan Laporan Tambahan" + "\t" * 9 + "\n"


def document(folder: Path, shifted: bool = False) -> Path:
    """The sample with its two renamed rows (and, ``shifted``, an inserted row and line)."""
    text = SAMPLE_MD.read_text(encoding="utf-8")
    for old, new in RENAMED.items():
        assert old in text
        text = text.replace(old, new, 1)
    if shifted:
        position = text.index(DECIDED_ROW)
        text = "Catatan tambahan di atas dokumen.\n\n" + text[:position] + INSERTED_ROW + \
            text[position:]  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SAMPLE_MD.name
    path.write_text(text, encoding="utf-8")
    return path


def finding(folder: DocFolder, check: str, table: str, **where: str) -> Record:
    """The one finding of a check on a table (and, given, its column, uraian …)."""
    hits = [
        f for f in folder.findings
        if f["check"] == check and f["table"].endswith(table)
        and all(f.get(k) == v for k, v in where.items())
    ]  # fmt: skip
    assert len(hits) == 1, (check, table, where, len(hits))
    return hits[0]


def decision(
    folder: DocFolder, found: Record, action: str, value: str = "", note: str = ""
) -> dict[str, str]:
    """A decision on a finding, keyed as the report keys it."""
    view = decide_view(KeyCache(folder), found)
    assert view is not None
    return {**view.key, "tindakan": action, "nilai": value, "catatan": note, "oleh": "Uji"}


def table_decision(action: str, label: str, value: str = "") -> dict[str, str]:
    return {"tindakan": action, "tabel": label, "nilai": value, "catatan": "uji bentuk"}


def write_decisions(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, DECISION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in DECISION_COLUMNS} for r in rows)
    return path


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> DocFolder:
    """The renamed sample without decisions, written: what a person reviews."""
    root = tmp_path_factory.mktemp("decide")
    result = process(document(root / "doc"))
    return read_doc_folder(write_result(result, root / "out", parquet=False, reports=False))


@pytest.fixture(scope="module")
def made(before: DocFolder) -> list[dict[str, str]]:
    """One decision of every kind, on the findings of ``before``."""
    unsure = [f for f in before.findings if f["check"] == "kode_tidak_pasti"]
    assert {f["uraian"] for f in unsure} == {"Pemeliharaan Kantor", "Pengelolaan Kepegawaian"}
    chosen = next(f for f in unsure if f["uraian"] == "Pemeliharaan Kantor")
    rejected = next(f for f in unsure if f["uraian"] == "Pengelolaan Kepegawaian")
    unreadable = finding(before, "angka_tidak_terbaca", "reviu_rkpd", column="pagu_murni")
    differs = finding(before, "beda_antar_tabel", "rencana_program", column="pagu",
                      kode="5.03.01.2.01.0006")  # fmt: skip
    target = finding(before, "beda_antar_tabel", "reviu_rkpd", column="target_perubahan",
                     kode="5.03.01.2.01.0001")  # fmt: skip
    misfiled = finding(before, "kode_uraian_tidak_cocok", "rencana_perubahan",
                       uraian="Pengadaan Kendaraan Dinas Operasional atau Lapangan")  # fmt: skip
    total = finding(before, "aritmetika_baris", "penambahan_pagu", column="pagu_total", uraian="")
    accepted = next(f for f in before.findings if f["check"] == "jumlah_rincian"
                    and f["table"].endswith("rencana_perubahan"))  # fmt: skip
    return [
        decision(before, unreadable, "terima_saran", unreadable["expected"], "sesuai Tabel 5.1"),
        decision(before, differs, "ubah_nilai", "204.753.750", "dicek di DPA"),
        decision(before, target, "ubah_nilai", "7"),
        decision(before, chosen, "pilih_kode", chosen["expected"]),
        decision(before, rejected, "tolak_kode"),
        decision(before, misfiled, "pilih_kode", misfiled["expected"]),
        decision(before, total, "dokumen_benar", note="jumlah dicek ulang"),
        decision(before, accepted, "kesalahan_diterima", note="salah cetak diakui"),
        table_decision("bukan_tabel_data", "Tabel 2.1"),
        table_decision("ubah_bentuk", "Tabel 5.3", "tabel"),
    ]


@pytest.fixture(scope="module")
def decided(made: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> Result:
    """The same document run again with the decisions beside it (``<stem>.keputusan.csv``)."""
    path = document(tmp_path_factory.mktemp("decided"))
    write_decisions(default_path(path), made)
    return process(path)


def frame_of(result: Result, form: str) -> pd.DataFrame:
    return next(t.frame for t in result.tables if t.form == form)


def row_where(frame: pd.DataFrame, **values: str) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in values.items():
        mask &= frame[column] == value
    rows = frame[mask]
    assert len(rows) == 1, values
    return rows.iloc[0]


def repairs_of(result: Result, table_kind: str) -> list[tuple[object, ...]]:
    return [
        (r.row, r.column, r.raw, r.clean, r.note, r.by)
        for r in result.repairs
        if r.rule == "keputusan" and r.table.endswith(table_kind)
    ]


def open_checks(result: Result, form: str, **where: object) -> list[str]:
    return [
        f.check.slug for f in result.findings
        if f.open and (f.table or "").endswith(form)
        and all(getattr(f, k) == v for k, v in where.items())
    ]  # fmt: skip


def test_every_decision_applies(decided: Result) -> None:
    assert [o.status for o in decided.decisions] == ["diterapkan"] * 10
    assert not [f for f in decided.findings if f.check == "keputusan_usang"]
    assert decided.decisions_file is not None
    assert decided.decisions_file["berkas"] == SAMPLE_MD.stem + ".keputusan.csv"


def test_an_accepted_suggestion_is_the_reviewed_value_beside_the_printed_cell(
    decided: Result,
) -> None:
    reviu = frame_of(decided, "reviu_rkpd")
    row = row_where(reviu, kode="5.03.02.2.04.0004")
    assert row["pagu_murni"] is pd.NA  # printed '59.99.800': unreadable, kept empty
    assert row["pagu_murni_ditinjau"] == 59999800
    assert row["status_pagu_murni"] == "saran_diterima"
    assert row["status_pagu_perubahan"] == "tercetak"  # the other cell was not decided
    assert (int(row["baris"]), "pagu_murni", "", "59999800", "sesuai Tabel 5.1", "Uji") in (
        repairs_of(decided, "reviu_rkpd")
    )
    # the unreadable cell is settled; its twin in pagu_perubahan is not
    assert open_checks(decided, "reviu_rkpd", row=int(row["baris"]), column="pagu_murni") == []
    assert "angka_tidak_terbaca" in open_checks(
        decided, "reviu_rkpd", row=int(row["baris"]), column="pagu_perubahan"
    )


def test_a_set_amount_mends_the_sum_and_keeps_the_printed_value(decided: Result) -> None:
    program = frame_of(decided, "rencana_program")
    row = row_where(program, kode="5.03.01.2.01.0006")
    assert (row["pagu"], row["pagu_ditinjau"], row["status_pagu"]) == (
        189153750, 204753750, "diputuskan"
    )
    assert open_checks(decided, "rencana_program", row=int(row["baris"]), column="pagu") == []
    assert (int(row["baris"]), "pagu", "189153750", "204753750", "dicek di DPA", "Uji") in (
        repairs_of(decided, "rencana_program")
    )


def test_a_set_target_takes_its_column_and_the_repair_keeps_the_printed_one(
    decided: Result,
) -> None:
    row = row_where(frame_of(decided, "reviu_rkpd"), kode="5.03.01.2.01.0001")
    assert row["target_perubahan"] == 7.0
    logged = [r for r in repairs_of(decided, "reviu_rkpd") if r[1] == "target_perubahan"]
    assert logged == [(int(row["baris"]), "target_perubahan", "6", "7", "ubah_nilai", "Uji")]


def test_a_chosen_code_replaces_the_unsure_match(decided: Result, before: DocFolder) -> None:
    pagu = frame_of(decided, "penambahan_pagu")
    chosen = row_where(pagu, uraian="Pemeliharaan Kantor")
    candidates = finding(before, "kode_tidak_pasti", "penambahan_pagu",
                         uraian="Pemeliharaan Kantor")["expected"]  # fmt: skip
    assert (chosen["kode"], chosen["kode_sumber"], chosen["level"]) == (
        candidates, "keputusan", "sub_kegiatan"
    )
    assert chosen["uraian_nomenklatur"]  # the nomenclature's name of the chosen code
    rejected = row_where(pagu, uraian="Pengelolaan Kepegawaian")
    assert pd.isna(rejected["kode"]) and rejected["kode_sumber"] == "keputusan"
    assert "kode_tidak_pasti" not in open_checks(decided, "penambahan_pagu")


def test_a_code_chosen_for_a_misfiled_row_keeps_the_printed_code(decided: Result) -> None:
    row = row_where(frame_of(decided, "rencana_perubahan"),
                    uraian="Pengadaan Kendaraan Dinas Operasional atau Lapangan")  # fmt: skip
    assert (row["kode"], row["kode_cetak"], row["kode_sumber"]) == (
        "5.03.01.2.07.0002", "5.03.0 1.2.07. 05", "keputusan"
    )
    assert "kode_uraian_tidak_cocok" not in open_checks(
        decided, "rencana_perubahan", row=int(row["baris"])
    )


def test_reviewed_findings_stay_listed_but_are_not_open(decided: Result) -> None:
    reviewed = {f.check.slug: f for f in decided.findings if not f.open}
    assert set(reviewed) == {"aritmetika_baris", "jumlah_rincian"}
    total = reviewed["aritmetika_baris"]
    assert (total.review, total.review_note, total.reviewed_by) == (
        "dokumen_benar", "jumlah dicek ulang", "Uji"
    )
    assert reviewed["jumlah_rincian"].review == "kesalahan_diterima"
    row = frame_of(decided, "penambahan_pagu").iloc[(total.row or 0) - 1]
    assert (row["pagu_total"], row["pagu_total_ditinjau"], row["status_pagu_total"]) == (
        13559363288, 13559363288, "dokumen_benar"
    )


def test_table_decisions_give_a_form_or_keep_a_table_raw(decided: Result) -> None:
    kinds = decided.kinds
    assert kinds["t03_teks"] == "teks" and "t03_capaian_iku" not in kinds
    assert "t10_tabel" in kinds and "t10_pergeseran_pagu" not in kinds
    assert not [t for t in decided.tables if t.table_id == "t03_teks"]
    logged = [(r.table, r.row, r.column, r.raw, r.clean) for r in decided.repairs
              if r.rule == "keputusan" and r.column == "bentuk"]  # fmt: skip
    assert logged == [
        ("t03_teks", None, "bentuk", "capaian_iku", "teks"),
        ("t10_tabel", None, "bentuk", "pergeseran_pagu", "tabel"),
    ]


def test_the_folder_keeps_the_decisions_and_the_counts_leave_reviewed_findings_out(
    decided: Result, tmp_path: Path
) -> None:
    folder = read_doc_folder(write_result(decided, tmp_path, parquet=False, reports=False))
    copy = read_csv(folder.path / "keputusan.csv")
    assert [r["status"] for r in copy] == ["diterapkan"] * 10
    counts = folder.manifest["counts"]
    open_errors = sum(f.open and f.severity.value == "error" for f in decided.findings)
    assert counts["findings"]["error"] == open_errors and counts["ditinjau"] == 2
    assert folder.manifest["keputusan"]["diterapkan"] == 10
    reviewed = [f for f in folder.findings if f["tinjauan"]]
    assert {f["tinjauan"] for f in reviewed} == {"dokumen_benar", "kesalahan_diterima"}
    logged = [r for r in folder.repairs if r["rule"] == "keputusan"]
    assert len(logged) == 10 and all(r["catatan"] for r in logged)


def test_stale_decisions_are_reported_never_dropped(
    before: DocFolder, made: list[dict[str, str]], tmp_path: Path
) -> None:
    differs = made[1]
    stale = [
        {**differs, "tercetak": "1"},  # the printed value changed
        {**differs, "kode": "9.99.99.2.01.0001", "tercetak": ""},  # the row is gone
        {**made[6], "cek": "capaian_persen"},  # no such finding on that cell
        {**differs, "nilai": "lima juta"},  # a value that is no amount
        table_decision("ubah_bentuk", "Tabel 5.3", "bukan_bentuk"),  # no such form
        table_decision("bukan_tabel_data", "Tabel 9.9"),  # no such table
    ]
    path = document(tmp_path)
    write_decisions(default_path(path), [made[0], *stale])
    result = process(path)
    assert [o.status for o in result.decisions] == ["diterapkan"] + ["usang"] * len(stale)
    reasons = [o.reason for o in result.decisions[1:]]
    assert reasons[0] == "kolom pagu kini tercetak 189153750, bukan 1"
    assert reasons[1].startswith("tidak ada baris dengan kode 9.99.99.2.01.0001")
    assert reasons[2] == "temuan capaian_persen tidak ada lagi di sini"
    assert reasons[3] == "'lima juta' bukan jumlah"
    assert reasons[4].startswith("bentuk 'bukan_bentuk' tidak dikenal")
    assert reasons[5] == "tidak ada tabel «Tabel 9.9»"
    usang = [f for f in result.findings if f.check == "keputusan_usang"]
    assert len(usang) == len(stale)
    assert all("tidak berlaku lagi" in f.message and "baris" in f.message for f in usang)
    # a stale value decision changes nothing: the printed value stays the reviewed one
    row = row_where(frame_of(result, "rencana_program"), kode="5.03.01.2.01.0006")
    assert (row["pagu_ditinjau"], row["status_pagu"]) == (189153750, "tercetak")


def test_decisions_find_their_rows_after_the_document_shifts(
    decided: Result, made: list[dict[str, str]], tmp_path: Path
) -> None:
    path = document(tmp_path, shifted=True)
    write_decisions(default_path(path), made)
    shifted = process(path)
    assert [o.status for o in shifted.decisions] == ["diterapkan"] * 10
    old = row_where(frame_of(decided, "rencana_program"), kode="5.03.01.2.01.0006")
    new = row_where(frame_of(shifted, "rencana_program"), kode="5.03.01.2.01.0006")
    assert int(new["baris"]) == int(old["baris"]) + 1
    assert int(new["sumber_baris"]) == int(old["sumber_baris"]) + 3
    assert (new["pagu_ditinjau"], new["status_pagu"]) == (204753750, "diputuskan")
    moved = {(f.check.slug, f.column, f.review) for f in shifted.findings if not f.open}
    assert moved == {(f.check.slug, f.column, f.review) for f in decided.findings if not f.open}


def test_an_explicit_decisions_file_must_exist(tmp_path: Path) -> None:
    from renja.model.errors import InputError

    with pytest.raises(InputError, match="berkas keputusan tidak ada"):
        process(document(tmp_path), decisions=tmp_path / "tidak-ada.csv")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tindakan,tabel\nterima,Tabel 5.1\n", "tindakan 'terima' tidak dikenal"),
        ("tindakan,tabel,kolom\nubah_nilai,Tabel 5.1,pagu\n", "perlu baris"),
        ("tindakan,tabel,kode\nubah_nilai,Tabel 5.1,5.03\n", "ubah_nilai perlu kolom"),
        ("tindakan,tabel,kode,kolom\nterima_saran,Tabel 5.1,5.03,pagu\n", "perlu nilai"),
        ("tindakan,tabel,kode\ndokumen_benar,Tabel 5.1,5.03\n", "perlu cek"),
        ("tindakan,tabel,ke\nubah_bentuk,Tabel 5.1,dua\n", "ke harus bilangan bulat"),
        ("tindakan,tabel,warna\nbukan_tabel_data,Tabel 5.1,merah\n", "kolom tidak dikenal warna"),
    ],
)
def test_a_decisions_file_it_cannot_take_is_one_line(
    tmp_path: Path, text: str, message: str
) -> None:
    from renja.model.errors import InputError

    path = tmp_path / "x.keputusan.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_decisions(path)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(str(path))


def test_spreadsheet_files_with_semicolons_and_comments_are_read(tmp_path: Path) -> None:
    path = tmp_path / "x.keputusan.csv"
    path.write_text(
        "\ufefftindakan;tabel;kode;kolom;nilai;catatan\n"
        "# tindakan di bawah ini dicek oleh Ani;;;;;\n"
        "ubah_nilai;Tabel 5.1;5.03.01;pagu;1.500.000,50;pakai koma\n",
        encoding="utf-8",
    )
    (decided,) = read_decisions(path)
    assert (decided.action.value, decided.row.kode, decided.value, decided.line) == (
        "ubah_nilai", "5.03.01", "1.500.000,50", 3
    )


def test_the_report_writes_a_decision_the_pipeline_reads_back(
    before: DocFolder, made: list[dict[str, str]]
) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, DECISION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: r.get(c, "") for c in DECISION_COLUMNS} for r in made)
    from renja.model.decisions import parse_decisions

    read = parse_decisions(buffer.getvalue())
    assert [d.action.value for d in read] == [r["tindakan"] for r in made]
    # keys hold no row number and no internal id
    for row in made:
        assert not any(v.startswith("t0") or v.startswith("t1") for v in row.values())



def test_the_corpus_gives_printed_and_reviewed_values_side_by_side(
    decided: Result, tmp_path: Path
) -> None:
    from renja.present.corpus import build_corpus, query

    write_result(decided, tmp_path / "out", parquet=False, reports=False)
    corpus = build_corpus(tmp_path / "out").folder
    sub = query(corpus, "SELECT pagu, pagu_ditinjau, status_pagu FROM sub_kegiatan "
                        "WHERE kode = '5.03.01.2.01.0006'")  # fmt: skip
    assert sub.values.tolist() == [[189153750, 204753750, "diputuskan"]]
    unreadable = query(corpus, "SELECT nilai, nilai_ditinjau, status_nilai FROM baris "
                               "WHERE kind = 'reviu_rkpd' AND kode = '5.03.02.2.04.0004' "
                               "AND ukuran = 'pagu_murni'")  # fmt: skip
    nilai, ditinjau, status = unreadable.iloc[0].tolist()
    assert pd.isna(nilai) and (ditinjau, status) == (59999800, "saran_diterima")
    # one query, printed or reviewed: they differ by exactly what was decided
    sums = query(corpus, "SELECT sum(nilai) AS tercetak, sum(nilai_ditinjau) AS ditinjau, "
                         "count(*) FILTER (WHERE status_nilai <> 'tercetak') AS diputuskan "
                         "FROM baris")  # fmt: skip
    printed, reviewed, changed = sums.iloc[0].tolist()
    assert reviewed - printed == 59999800 + (204753750 - 189153750)
    # the two amounts decided, and the two amounts whose findings were reviewed
    assert changed == 4
    reviews = query(corpus, "SELECT pemeriksaan, tinjauan FROM temuan WHERE tinjauan IS NOT NULL "
                            "ORDER BY 1")  # fmt: skip
    assert reviews.values.tolist() == [
        ["aritmetika_baris", "dokumen_benar"], ["jumlah_rincian", "kesalahan_diterima"]
    ]
    assert query(corpus, "SELECT ditinjau FROM dokumen").iloc[0, 0] == 2


def test_the_report_shows_reviews_and_lists_the_decisions(decided: Result, tmp_path: Path) -> None:
    from renja.present.report import page_view

    folder = read_doc_folder(write_result(decided, tmp_path, parquet=False, reports=True))
    page = page_view(folder)
    reviewed = [row for group in page.findings.groups for row in group if row.review]
    assert sorted(row.review for row in reviewed) == ["dokumen_benar", "kesalahan_diterima"]
    assert page.summary.reviewed == 2
    assert page.summary.by_severity["error"] == folder.manifest["counts"]["findings"]["error"]
    assert page.decisions is not None
    assert [r.applied for r in page.decisions.rows] == [True] * 10
    html = (folder.path / "report.html").read_text(encoding="utf-8")
    assert html.count('class="tinjau tinjau-') == 2
    assert 'id="keputusan-lama"' in html and html.count('data-k-tindakan="') == 10
    # every finding of a clean table can be decided; keys name no internal id
    decidable = [row for group in page.findings.groups for row in group if row.decide]
    assert len(decidable) == sum(1 for f in folder.findings if f["check"] != "keputusan_usang")
    assert not any(row.decide.key["tabel"].startswith("t0") for row in decidable if row.decide)
