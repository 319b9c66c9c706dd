"""The clean tables' schemas: every promise of the output contract checked, every failure a finding.

The sample's tables give exactly the findings that are true of the document; small hand-made
tables give each kind of failure, and a consistent table gives none.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renja.model.checks import CHECKS
from renja.model.records import Finding, Severity
from renja.model.refs import CellRef
from renja.model.result import Result
from renja.normalize.columns import form_contract
from renja.normalize.kinds import EVALUASI_E81, KIND_BY_SLUG, KINDS
from renja.validate.schemas import (
    CSV_READ_OPTIONS,
    SCHEMA_CHECKS,
    export_schemas,
    schema_for,
    validate_frame,
    validate_table,
)

PERGESERAN = form_contract(KIND_BY_SLUG["pergeseran_pagu"])


def _sample_findings(sample: Result) -> list:
    return [f for table in sample.tables for f in validate_table(table)]


def _key(f: Finding) -> tuple:
    where = (f.table, f.row, f.source.line, f.kode, f.column)
    return (f.check, f.severity, *where, f.found, f.expected, f.related)


def _table_id(sample: Result, kind: str) -> str:
    return next(t.table_id for t in sample.tables if t.form == kind)


def pergeseran(**columns: Any) -> pd.DataFrame:
    """A small, consistent Tabel 5.3 in the pipeline's types; ``columns`` replace its columns."""
    frame = pd.DataFrame(
        {
            "baris": pd.array([1, 2, 3, 4], dtype="Int64"),
            "sumber_baris": pd.array([920, 921, 922, 923], dtype="Int64"),
            "halaman": pd.array([None] * 4, dtype="Int64"),
            "jenis_baris": pd.Series(["data", "data", "data", "total"], dtype=object),
            "kode": pd.Series(["5.03.01.2.03", "5.03.01.2.03.0005", "5.03.02", None], dtype=object),
            "kode_cetak": pd.Series(["5.03.01.2.03", "5.03.01.2.03.05", "5.03.02", None]),
            "level": pd.Series(["kegiatan", "sub_kegiatan", "program", None], dtype=object),
            "kode_sumber": pd.Series(["cetak+verifikasi"] * 3 + [None], dtype=object),
            "skor_kode": pd.array([100.0, 96.5, 100.0, None], dtype="Float64"),
            "uraian_nomenklatur": pd.Series(["a", "b", "c", None], dtype=object),
            "uraian": pd.Series(["Administrasi BMD", "Rekonsiliasi BMD", "Program", "JUMLAH"]),
            "pagu_sebelum": pd.array([28_143_400, 28_143_400, 50, 28_143_450], dtype="Int64"),
            "pagu_sesudah": pd.array([15_000_000, 15_000_000, 50, 15_000_050], dtype="Int64"),
            "jumlah_perubahan": pd.array([-13_143_400, -13_143_400, 0, -13_143_400], dtype="Int64"),
            "keterangan": pd.Series([None, "efisiensi", None, None], dtype=object),
        }
    )
    for name, values in columns.items():
        frame[name] = values
    return frame


def _only(frame: pd.DataFrame, kind=PERGESERAN) -> Any:
    findings = validate_frame(frame, kind, "t10_pergeseran_pagu")
    assert len(findings) == 1, [f.message for f in findings]
    return findings[0]


# --- the sample ---------------------------------------------------------------------------------


def test_sample_gives_exactly_the_true_schema_findings(sample: Result) -> None:
    found = {_key(f) for f in _sample_findings(sample)}
    lampiran = _table_id(sample, "rencana_perubahan")
    reviu = _table_id(sample, "reviu_rkpd")
    assert found == {
        # The Lampiran prints 5.03.0 1.2.07. 05 on two rows (lines 1000 and 1001). The second,
        # Pengadaan Mebel, is the code's own name; the first, Pengadaan Kendaraan Dinas, is
        # misfiled (kode_uraian_tidak_cocok suggests 5.03.01.2.07.0002).
        (
            "skema_kode_ganda", Severity.WARNING, lampiran, 22, 1001, "5.03.01.2.07.0005", "kode",
            "5.03.01.2.07.0005", "hanya di baris 21", (CellRef(lampiran, 21),),
        ),
        # Tabel 2.4 prints kegiatan 5.03.01.2.03 again (line 617) inside 5.03.01.2.06's block,
        # after its own block at line 611 had ended: a stray repeated row.
        (
            "skema_kode_ganda", Severity.WARNING, reviu, 16, 617, "5.03.01.2.03", "kode",
            "5.03.01.2.03", "hanya di baris 10", (CellRef(reviu, 10),),
        ),
    }  # fmt: skip


def test_sample_duplicates_name_both_rows(sample: Result) -> None:
    frame = sample.table("rencana_perubahan")
    rows = frame[frame["kode"] == "5.03.01.2.07.0005"]
    assert rows["uraian"].tolist() == [
        "Pengadaan Kendaraan Dinas Operasional atau Lapangan",
        "Pengadaan Mebel",
    ]
    lampiran = _table_id(sample, "rencana_perubahan")
    finding = next(f for f in _sample_findings(sample) if f.table == lampiran)
    assert finding.uraian == "Pengadaan Mebel"
    assert "baris 21" in finding.message


def test_e81_repeats_a_program_under_two_sasaran_without_a_finding(sample: Result) -> None:
    frame = sample.table("evaluasi_e81")
    programs = frame[(frame["kode"] == "5.03.01") & (frame["jenis_baris"] == "data")]
    assert programs["sumber_baris"].tolist() == [252, 265]
    assert not EVALUASI_E81.unique_kode
    assert validate_table(next(t for t in sample.tables if t.form == "evaluasi_e81")) == []


def test_validation_leaves_the_frame_untouched(sample: Result) -> None:
    table = next(t for t in sample.tables if t.form == "rencana_perubahan")
    before = table.frame.copy()
    validate_table(table)
    pd.testing.assert_frame_equal(table.frame, before)


def test_schema_slugs_are_registered_and_typed() -> None:
    assert set(SCHEMA_CHECKS) <= set(CHECKS) and len(SCHEMA_CHECKS) == 8
    errors = {check for check in SCHEMA_CHECKS if check.severity is Severity.ERROR}
    assert errors == {"skema_kolom", "skema_tipe", "skema_kategori"}
    assert all(s.startswith("skema_") for s in SCHEMA_CHECKS)


# --- one failure of each kind, and the true negatives -------------------------------------------


def test_consistent_table_gives_no_findings() -> None:
    assert validate_frame(pergeseran(), PERGESERAN, "t") == []


def test_negative_pagu_is_a_warning() -> None:
    finding = _only(pergeseran(pagu_sebelum=pd.array([28_143_400, -5, 50, 0], dtype="Int64")))
    assert (finding.check, finding.severity) == ("skema_negatif", Severity.WARNING)
    assert (finding.table, finding.row, finding.source.line) == ("t10_pergeseran_pagu", 2, 921)
    assert (finding.kode, finding.uraian) == ("5.03.01.2.03.0005", "Rekonsiliasi BMD")
    assert (finding.column, finding.found, finding.expected) == ("pagu_sebelum", "-5", ">= 0")
    assert finding.message.startswith("Jumlah -5 di kolom pagu_sebelum negatif")


def test_negative_jumlah_perubahan_is_allowed() -> None:
    frame = pergeseran()
    assert (frame["jumlah_perubahan"] < 0).any()
    assert validate_frame(frame, PERGESERAN, "t") == []


def test_amounts_with_cents_are_exact_decimals() -> None:
    cents = pd.Series([Decimal("28143400.50"), 28_143_400, None, Decimal("0")], dtype=object)
    assert validate_frame(pergeseran(pagu_sesudah=cents), PERGESERAN, "t") == []
    negative = pd.Series([Decimal("-1.50"), None, None, None], dtype=object)
    assert _only(pergeseran(pagu_sesudah=negative)).found == "-1.50"


def test_text_in_an_amount_column_is_a_finding_not_an_exception() -> None:
    amounts = pd.Series([28_143_400, "abc", 50, None], dtype=object)
    finding = _only(pergeseran(pagu_sesudah=amounts))
    assert (finding.check, finding.severity) == ("skema_tipe", Severity.ERROR)
    assert (finding.row, finding.column, finding.found) == (2, "pagu_sesudah", "abc")


def test_text_that_looks_negative_is_one_type_failure_not_two() -> None:
    finding = _only(pergeseran(pagu_sebelum=pd.Series(["-5", 1, 2, 3], dtype=object)))
    assert (finding.check, finding.found) == ("skema_tipe", "-5")


def test_amounts_held_as_float_are_one_finding_for_the_column() -> None:
    finding = _only(pergeseran(pagu_sesudah=[15_000_000.0, 15_000_000.0, 50.0, 15_000_050.0]))
    assert (finding.check, finding.row, finding.column) == ("skema_tipe", None, "pagu_sesudah")
    assert finding.found == "float64"
    assert finding.message == (
        "Kolom pagu_sesudah bertipe float64, seharusnya bilangan bulat atau Decimal."
    )


def test_bad_code_pattern_is_not_also_a_level_mismatch() -> None:
    kode = pd.Series(["5.3.01.2.03", "5.03.01.2.03.0005", "5.03.02", None], dtype=object)
    finding = _only(pergeseran(kode=kode))
    assert (finding.check, finding.severity) == ("skema_kode", Severity.WARNING)
    assert (finding.row, finding.found, finding.kode) == (1, "5.3.01.2.03", "5.3.01.2.03")


@pytest.mark.parametrize(
    "kode",
    ["5", "5.03", "5.03.01", "5.03.01.2.01", "5.03.01.2.01.0001", "X.XX.01.2.01.0001"],
)
def test_canonical_codes_pass(kode: str) -> None:
    frame = pergeseran(kode=pd.Series([kode, None, None, None], dtype=object))
    level = {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}
    frame["level"] = pd.Series([level[kode.count(".") + 1], None, None, None], dtype=object)
    assert validate_frame(frame, PERGESERAN, "t") == []


@pytest.mark.parametrize("kode", ["5.03.01.2", "5.03.01.2.01.01", "05.03", "5.03.01.201", "x.xx"])
def test_other_codes_fail_the_pattern(kode: str) -> None:
    frame = pergeseran(kode=pd.Series([kode, None, None, None], dtype=object))
    assert _only(frame).check == "skema_kode"


def test_level_must_fit_the_code() -> None:
    level = pd.Series(["kegiatan", "kegiatan", "program", None], dtype=object)
    finding = _only(pergeseran(level=level))
    assert (finding.check, finding.severity) == ("skema_level", Severity.WARNING)
    assert (finding.row, finding.column) == (2, "level")
    assert (finding.found, finding.expected) == ("kegiatan", "sub_kegiatan")
    assert "5.03.01.2.03.0005" in finding.message


def test_failures_of_one_row_in_several_checks_are_each_reported() -> None:
    level = pd.Series(["kegiatan", "kegiatan", "program", None], dtype=object)
    amounts = pd.Series([1, "abc", 50, None], dtype=object)
    findings = validate_frame(pergeseran(level=level, pagu_sesudah=amounts), PERGESERAN, "t")
    assert [(f.check, f.row, f.column) for f in findings] == [
        ("skema_tipe", 2, "pagu_sesudah"),
        ("skema_level", 2, "level"),
    ]


def test_a_row_with_a_code_but_no_level_is_a_level_finding() -> None:
    finding = _only(pergeseran(level=pd.Series(["kegiatan", None, "program", None], dtype=object)))
    assert (finding.check, finding.found, finding.expected) == (
        "skema_level",
        "kosong",
        "sub_kegiatan",
    )


def test_level_of_a_second_code_column_is_checked_too(sample: Result) -> None:
    reviu = next(t for t in sample.tables if t.form == "reviu_rkpd")
    frame = reviu.frame.copy()
    first = frame["kode_perubahan"].first_valid_index()
    frame.loc[first, "level_perubahan"] = "urusan"
    findings = [f for f in validate_frame(frame, reviu.contract, "t") if f.check == "skema_level"]
    assert [(f.column, f.found) for f in findings] == [("level_perubahan", "urusan")]


def test_duplicate_code_is_reported_once_on_the_later_row() -> None:
    kode = pd.Series(["5.03.01.2.03", "5.03.01.2.03", "5.03.02", None], dtype=object)
    level = pd.Series(["kegiatan", "kegiatan", "program", None], dtype=object)
    finding = _only(pergeseran(kode=kode, level=level))
    assert (finding.check, finding.row, finding.related) == (
        "skema_kode_ganda",
        2,
        (CellRef("t10_pergeseran_pagu", 1),),
    )


def test_codes_on_total_rows_do_not_count_as_duplicates() -> None:
    kode = pd.Series(["5.03.01.2.03", "5.03.01.2.03.0005", "5.03.02", "5.03.02"], dtype=object)
    level = pd.Series(["kegiatan", "sub_kegiatan", "program", "program"], dtype=object)
    assert validate_frame(pergeseran(kode=kode, level=level), PERGESERAN, "t") == []


def test_missing_required_column_is_an_error() -> None:
    finding = _only(pergeseran().drop(columns=["jenis_baris"]))
    assert (finding.check, finding.severity) == ("skema_kolom", Severity.ERROR)
    assert (finding.column, finding.expected, finding.found) == ("jenis_baris", "ada", "tidak ada")


def test_a_column_comes_with_its_companions(sample: Result) -> None:
    table = next(t for t in sample.tables if t.form == "rencana_program")
    finding = _only(table.frame.drop(columns=["target_satuan"]), table.contract)
    assert (finding.check, finding.column) == ("skema_kolom", "target_satuan")


def test_sparse_and_absent_form_columns_are_optional() -> None:
    frame = pergeseran().drop(columns=["keterangan", "kode_sumber", "skor_kode"])
    frame["baris_gabungan"] = pd.Series([None, [922, 923], None, None], dtype=object)
    frame["kolom_7"] = pd.Series([None, "sisa", None, None], dtype=object)
    assert validate_frame(frame, PERGESERAN, "t") == []


def test_unknown_column_is_an_error() -> None:
    frame = pergeseran()
    frame["pagu_lain"] = 1
    finding = _only(frame)
    assert (finding.check, finding.column, finding.expected) == (
        "skema_kolom",
        "pagu_lain",
        "tidak ada",
    )


def test_repeated_columns_follow_the_years_present(sample: Result) -> None:
    table = next(t for t in sample.tables if t.form == "tujuan_sasaran")
    schema = schema_for(table.contract, list(table.frame.columns))
    years = [c for c in schema.columns if c.startswith("target_20") and c[-4:].isdigit()]
    assert years == [f"target_{y}" for y in range(2021, 2027)]
    assert schema.columns["target_2024_satuan"].required
    assert not schema.columns["target_2024_teks"].required


def test_percent_range_and_score_range() -> None:
    iku = form_contract(KIND_BY_SLUG["capaian_iku"])
    frame = pd.DataFrame(
        {
            "baris": pd.array([1, 2, 3], dtype="Int64"),
            "sumber_baris": pd.array([235, 236, 237], dtype="Int64"),
            "halaman": pd.array([None] * 3, dtype="Int64"),
            "jenis_baris": ["data"] * 3,
            "level": [None] * 3,
            "capaian": pd.array([205.5, 1500.0, -1.0], dtype="Float64"),
        }
    )
    findings = validate_frame(frame, iku, "t03_capaian_iku")
    assert [(f.check, f.row, f.found, f.expected) for f in findings] == [
        ("skema_rentang", 2, "1500", "0 .. 1000"),
        ("skema_rentang", 3, "-1", "0 .. 1000"),
    ]
    score = _only(pergeseran(skor_kode=pd.array([100.0, 100.5, None, None], dtype="Float64")))
    assert (score.check, score.column, score.found) == ("skema_rentang", "skor_kode", "100.5")


def test_fixed_sets() -> None:
    jenis = pd.Series(["data", "data", "subtotal", "total"], dtype=object)
    finding = _only(pergeseran(jenis_baris=jenis))
    assert (finding.check, finding.severity, finding.found) == (
        "skema_kategori",
        Severity.ERROR,
        "subtotal",
    )
    sumber = pd.Series(["cetak", "cocok", "tebakan", None], dtype=object)
    assert _only(pergeseran(kode_sumber=sumber)).column == "kode_sumber"


def test_row_numbers_are_filled_and_unique() -> None:
    findings = validate_frame(
        pergeseran(baris=pd.array([1, None, 1, 4], dtype="Int64")), PERGESERAN, "t"
    )
    assert [(f.check, f.source.line, f.expected) for f in findings] == [
        ("skema_tipe", 921, "terisi"),
        ("skema_tipe", 922, "unik"),
    ]


def test_broken_frames_give_findings_not_exceptions() -> None:
    frame = pergeseran()
    lists = frame.assign(baris=pd.Series([[1]] * 4, dtype=object))
    assert {f.check for f in validate_frame(lists, PERGESERAN, "t")} == {"skema_tipe"}
    twice = pd.concat([frame, frame[["uraian"]]], axis=1)
    assert [(f.check, f.column) for f in validate_frame(twice, PERGESERAN, "t")] == [
        ("skema_kolom", "uraian")
    ]
    assert validate_frame(frame.set_index(pd.Index([0, 0, 1, 1])), PERGESERAN, "t") == []
    assert len(validate_frame(pd.DataFrame(), PERGESERAN, "t")) == 5  # the row columns


# --- exported schemas and the CSV round trip ----------------------------------------------------


@pytest.fixture(scope="module")
def written(sample_out: Path) -> Path:
    """The sample's folder as ``write_result`` writes it by default, Parquet included: the
    session's shared ``sample_out``, read only."""
    return sample_out


def test_one_exported_schema_per_form() -> None:
    schemas = export_schemas()
    assert set(schemas) == {k.slug for k in KINDS}
    assert all(isinstance(s, pa.DataFrameSchema) for s in schemas.values())
    assert r"^target_(?:19|20)\d\d$" in schemas["tujuan_sasaran"].columns


def _failing_checks(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> set[str]:
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return set(exc.failure_cases["check"])
    return set()


@pytest.mark.parametrize("options", [CSV_READ_OPTIONS, {}], ids=["as-text", "pandas-default"])
def test_exported_schemas_validate_our_csv_files(
    sample: Result, written: Path, options: dict
) -> None:
    schemas = export_schemas()
    duplicates = {"rencana_perubahan", "reviu_rkpd"}  # the two true findings above
    for table in sample.tables:
        frame = pd.read_csv(written / "tables" / f"{table.table_id}.csv", **options)
        failing = _failing_checks(schemas[table.form], frame)
        assert failing == ({"kode unik"} if table.form in duplicates else set()), table.table_id


def _cell(value: Any) -> Any:
    """A cell to compare: missing as None, a list (``baris_gabungan``) as it is."""
    return value if isinstance(value, list) or not pd.isna(value) else None


def test_csv_read_as_text_comes_back_exactly(sample: Result, written: Path) -> None:
    for table in sample.tables:
        # Only the columns' parsing: the two Lampiran and Tabel 2.4 duplicates fail a frame check.
        schema = pa.DataFrameSchema(dict(export_schemas()[table.form].columns))
        frame = pd.read_csv(written / "tables" / f"{table.table_id}.csv", **CSV_READ_OPTIONS)
        back = schema.validate(frame)
        assert list(back.columns) == list(table.frame.columns)
        for name in table.frame.columns:
            ours = [_cell(v) for v in table.frame[name].tolist()]
            theirs = [_cell(v) for v in back[name].tolist()]
            assert theirs == ours, (table.table_id, name)


def test_csv_read_back_gives_the_pipelines_findings(sample: Result, written: Path) -> None:
    for table in sample.tables:
        frame = pd.read_csv(written / "tables" / f"{table.table_id}.csv", **CSV_READ_OPTIONS)
        again = validate_frame(frame, table.contract, table.table_id, coerce=True)
        assert again == validate_table(table), table.table_id


def test_exported_schemas_validate_our_parquet_files(sample: Result, written: Path) -> None:
    schemas = export_schemas()
    for table in sample.tables:
        frame = pd.read_parquet(written / "tables" / f"{table.table_id}.parquet")
        failing = _failing_checks(schemas[table.form], frame)
        expected = {"kode unik"} if table.form in ("rencana_perubahan", "reviu_rkpd") else set()
        assert failing == expected, table.table_id


# --- the pipeline's runner and pandera's give the same findings ---------------------------------

# Values a damaged table may hold in any cell: every type the checks tell apart.
ODD_VALUES = [
    None, float("nan"), pd.NA, "x", "", "5.03", "5.03.01.2.01.0001", "5.3.1", "data", "program",
    "total", 7, -5, 0, 1.5, -2.5, 1e300, Decimal("1.50"), Decimal("-3"), True, [1, 2], ["a"],
    "5.1.02.01.01.0052",
]  # fmt: skip


def pandera_findings(frame: pd.DataFrame, contract: Any, table_id: str) -> list[Finding]:
    """The findings pandera's strict, lazy validation gives (the runner before ``direct``)."""
    from renja.validate.schemas.build import cached_schema
    from renja.validate.schemas.failures import failures_to_findings

    schema = cached_schema(contract, tuple(str(c) for c in frame.columns), False)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return failures_to_findings(exc.failure_cases, schema, table_id, frame)
    return []


def test_direct_runner_matches_pandera_on_the_sample(sample: Result) -> None:
    for table in sample.tables:
        expected = pandera_findings(table.frame, table.contract, table.table_id)
        assert validate_table(table) == expected, table.table_id


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_direct_runner_matches_pandera_on_damaged_tables(sample: Result, data: Any) -> None:
    """Any table the sample's could be damaged into (cells of any type, columns dropped or
    unknown ones added, codes repeated) gives pandera's findings, found and expected included."""
    table = data.draw(st.sampled_from(sample.tables))
    frame = table.frame.copy()
    columns = list(frame.columns)
    for _ in range(data.draw(st.integers(0, 6))):
        column = data.draw(st.sampled_from(columns))
        row = data.draw(st.integers(0, len(frame) - 1))
        values = frame[column].astype(object).tolist()
        values[row] = data.draw(st.sampled_from(ODD_VALUES))
        frame[column] = pd.Series(values, index=frame.index, dtype=object)
    if data.draw(st.booleans()):  # a whole column of another dtype
        kind = data.draw(st.sampled_from(["float64", "int64", "bool", "Float64", "string"]))
        frame[data.draw(st.sampled_from(columns))] = pd.array(
            [i % 2 for i in range(len(frame))], dtype=kind
        )
    if data.draw(st.booleans()):
        frame = frame.drop(columns=data.draw(st.sampled_from(columns)))
    if data.draw(st.booleans()):
        frame[data.draw(st.sampled_from(["kolom_3", "catatan", "target_2025"]))] = "x"
    if data.draw(st.booleans()) and "kode" in frame and len(frame) > 1:
        frame.loc[frame.index[-1], "kode"] = frame["kode"].iloc[0]
    assert validate_frame(frame, table.contract, table.table_id) == pandera_findings(
        frame, table.contract, table.table_id
    )
