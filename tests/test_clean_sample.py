"""The sample's clean tables hold what the document printed, with every change logged."""

from __future__ import annotations

import pandas as pd

from renja.model.result import Result


def _row(result: Result, kind: str, line: int) -> pd.Series:
    frame = result.table(kind)
    rows = frame[frame["sumber_baris"] == line]
    assert len(rows) == 1, f"no single row from line {line} in {kind}"
    return rows.iloc[0]


def _repairs(result: Result, table_kind: str, rule: str) -> list:
    table_id = next(t.table_id for t in result.tables if t.form == table_kind)
    return [r for r in result.repairs if r.table == table_id and rule in r.rule.split("+")]


def test_metadata(sample: Result) -> None:
    meta = sample.meta
    assert meta.pemda == "Kota Banjarbaru"
    assert meta.tahun == 2024
    assert meta.jenis == "Renja Perubahan"
    assert meta.jenis_pemda == "kabkota"
    assert meta.skpd.startswith("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia")
    assert meta.bidang == ("5.03", "5.04")


def test_e81_cells_shifted_by_the_converter_land_in_their_columns(sample: Result) -> None:
    # Line 254: the converter dropped an empty cell, so the Q2 cumulative realisation sat one
    # place left, where quarter IV (empty in a Q2 report) is.
    row = _row(sample, "evaluasi_e81", 254)
    assert row["realisasi_tw1_rp"] == 3189350
    assert row["realisasi_tw2_rp"] == 6272000
    assert row["realisasi_renja_rp"] == 9461350
    assert row["realisasi_renja_k"] == 4 and row["realisasi_renja_k_satuan"] == "dokumen"
    assert pd.isna(row["realisasi_tw3_rp"]) and pd.isna(row["realisasi_tw4_rp"])
    # Line 286: two cells dropped; line 328: a K cell dropped mid-row; line 333: the whole
    # row shifted left by one.
    assert _row(sample, "evaluasi_e81", 286)["realisasi_renja_rp"] == 3502951
    program = _row(sample, "evaluasi_e81", 328)
    assert pd.isna(program["realisasi_renstra_lalu_k"])
    assert program["realisasi_renstra_lalu_rp"] == 3193449789
    assert program["target_renja_rp"] == 2787995800
    shifted = _row(sample, "evaluasi_e81", 333)
    assert shifted["uraian"].startswith("Penyelenggaraan Pengembangan Kompetensi Teknis Umum")
    assert shifted["indikator"] == "Jumlah ASN yang mengikuti pengembangan kompetensi"
    assert shifted["target_renstra_rp"] == 1285018000
    assert shifted["realisasi_renja_rp"] == 532732879


def test_e81_moves_are_logged(sample: Result) -> None:
    moves = _repairs(sample, "evaluasi_e81", "align_row")
    at_254 = {(m.column, m.raw, m.origin) for m in moves if m.source.line == 254}
    assert at_254 == {  # the cells as printed, and the raw columns they were printed in
        ("realisasi_renja_k", "4 Dokumen", "kolom_18"),
        ("realisasi_renja_rp", "9.461.350", "kolom_19"),
    }


def test_e81_footer_rows(sample: Result) -> None:
    total = _row(sample, "evaluasi_e81", 341)
    assert total["jenis_baris"] == "total"
    assert total["uraian"] == "Jumlah Anggaran dan Realisasi dari Seluruh Program"
    assert total["target_renstra_rp"] == 15501518746  # printed as '15.50 1.518. 746'
    assert total["target_renja_rp"] == 15501518746
    assert total["realisasi_tw1_rp"] == 2743140061
    assert total["realisasi_tw2_rp"] == 3494802565
    assert total["realisasi_renja_rp"] == 6237942626
    assert _row(sample, "evaluasi_e81", 339)["jenis_baris"] == "ringkasan"
    assert _row(sample, "evaluasi_e81", 339)["uraian"] == "Predikat kinerja"


def test_wrapped_numbers_are_joined_and_logged(sample: Result) -> None:
    row = _row(sample, "evaluasi_e81", 256)
    assert row["target_renstra_rp"] == 189153750  # '189.1 53.75 0'
    assert row["realisasi_renstra_lalu_rp"] == 63210250  # '63.21 0.250'
    logged = {(r.raw, r.clean) for r in _repairs(sample, "evaluasi_e81", "join_wrapped_number")}
    assert ("189.1 53.75 0", "189153750") in logged
    fallback = _repairs(sample, "evaluasi_e81", "join_wrapped_digits")
    assert [(r.raw, r.clean) for r in fallback] == [("77.51. 5900", "77515900")]


def test_missing_separators_and_negatives(sample: Result) -> None:
    assert _row(sample, "evaluasi_e81", 262)["target_renstra_rp"] == 28143400  # '28143400'
    row = _row(sample, "pergeseran_pagu", 927)
    assert (row["pagu_sebelum"], row["pagu_sesudah"], row["jumlah_perubahan"]) == (
        28143400,
        15000000,
        -13143400,
    )
    assert _row(sample, "rencana_perubahan", 1051)["jumlah_perubahan"] == -150
    assert _row(sample, "reviu_rkpd", 638)["pagu_murni"] == 40000000  # '40.000000'


def test_a_lost_digit_is_not_guessed(sample: Result) -> None:
    row = _row(sample, "reviu_rkpd", 664)
    assert pd.isna(row["pagu_murni"]) and pd.isna(row["pagu_perubahan"])
    unreadable = [f for f in sample.findings if f.check == "angka_tidak_terbaca"]
    assert {(f.source.line, f.column, f.found) for f in unreadable} == {
        (664, "pagu_murni", "59.99.800"),
        (664, "pagu_perubahan", "59.99.800"),
    }
    assert all(f.kode == "5.03.02.2.04.0004" for f in unreadable)


def test_codes_are_rejoined_and_canonical(sample: Result) -> None:
    row = _row(sample, "rencana_perubahan", 1023)
    assert row["kode"] == "5.03.02.2.01.0008"
    assert row["kode_cetak"] == "5.03.02 .2.01.0 8"
    assert row["level"] == "sub_kegiatan"
    comma = _row(sample, "rekap_evaluasi", 461)
    assert (comma["kode"], comma["kode_cetak"]) == ("5.03.01.2.03.0005", "5,03.01.2.03.05")
    generic = _row(sample, "rekap_evaluasi", 450)
    assert generic["kode"] == "5.03.01.2.01.0001"
    assert generic["kode_nomenklatur"] == "X.XX.01.2.01.0001"
    old_segment = _row(sample, "rekap_evaluasi", 399)
    assert (old_segment["kode"], old_segment["kode_cetak"]) == (
        "5.03.02.2.01.0001",
        "5.03.02.201.01",
    )
    lost_prefix = _row(sample, "rekap_evaluasi", 421)
    assert lost_prefix["kode"] == "5.03.02.2.04.0003"
    rules = {r.rule for r in sample.repairs if r.source.line == 421 and r.column == "kode"}
    assert rules == {"insert_kegiatan_prefix"}


def test_code_and_name_in_one_cell_are_split(sample: Result) -> None:
    row = _row(sample, "reviu_rkpd", 603)
    assert row["kode"] == "5.03.01.2.01.0001"
    assert row["uraian"] == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    assert row["kode_perubahan"] == "5.03.01.2.01.0001"
    assert (row["pagu_murni"], row["pagu_perubahan"]) == (29453250, 37470250)


def test_targets_are_split_into_value_and_satuan(sample: Result) -> None:
    assert tuple(_row(sample, "rencana_program", 822)[["target", "target_satuan"]]) == (
        61,
        "orang/bulan",
    )
    row = _row(sample, "evaluasi_e81", 305)
    assert (row["realisasi_renstra_lalu_k"], row["realisasi_renstra_lalu_k_satuan"]) == (146, "SK")
    predicate = _row(sample, "evaluasi_e81", 252)
    assert pd.isna(predicate["target_renstra_k"])
    assert predicate["target_renstra_k_teks"] == "BB"
    percent = _row(sample, "rencana_perubahan", 1045)
    assert (percent["target_sebelum"], percent["target_sebelum_satuan"]) == (68.81, "%")


def test_continuation_rows_are_merged_and_logged(sample: Result) -> None:
    row = _row(sample, "rencana_perubahan", 982)
    assert row["uraian"].endswith("Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD")
    assert row["baris_gabungan"] == [984]
    listrik = _row(sample, "rencana_perubahan", 1005)
    assert listrik["indikator_sebelum"].endswith("Sumber Air dan Listrik yang Disediakan")
    plus = _row(sample, "penambahan_pagu", 905)
    assert plus["baris_gabungan"] == [908, 909, 910]
    assert plus["perihal"].endswith("Administrator / Operator SP-PPID 10 OB")
    assert plus["keterangan"] == "Penambahan honorarium tim sesuai SK Wali Kota Banjarbaru"
    merges = _repairs(sample, "penambahan_pagu", "merge_continuations")
    assert {m.row for m in merges} == {7, 8}
    # A second indicator carries its own targets: it stays a row of its own.
    second = _row(sample, "rencana_perubahan", 979)
    assert second["jenis_baris"] == "indikator"


def test_split_words_are_rejoined_only_when_known(sample: Result) -> None:
    row = _row(sample, "rencana_perubahan", 998)
    assert row["indikator_sebelum"] == (
        "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD"
    )
    kegiatan = _row(sample, "rencana_perubahan", 999)
    assert kegiatan["lokasi_sebelum"] == "Kota Bjb"


def test_total_rows(sample: Result) -> None:
    assert _row(sample, "rencana_program", 886)["jenis_baris"] == "total"
    assert _row(sample, "rencana_program", 886)["pagu"] == 18247414125
    unlabelled = _row(sample, "pergeseran_pagu", 931)
    assert unlabelled["jenis_baris"] == "total"
    assert unlabelled["pagu_sebelum"] == 714257900
    assert _row(sample, "penambahan_pagu", 920)["pagu_total"] == 13559363288


def test_every_clean_row_points_at_a_raw_row(sample: Result) -> None:
    for table in sample.tables:
        raw_lines = {r.source.line for r in table.raw.rows}
        assert set(table.frame["sumber_baris"]) <= raw_lines, table.table_id


def test_every_repair_names_a_rule_with_a_doctest(sample: Result) -> None:
    import doctest

    from renja.normalize.rules import REPAIR_RULES, RULE_NAMES

    finder = doctest.DocTestFinder()
    for rule in REPAIR_RULES:
        assert any(t.examples for t in finder.find(rule)), f"{rule.__name__} has no doctest"
    logged = {part for r in sample.repairs for part in r.rule.split("+")}
    assert logged and logged <= RULE_NAMES, logged - RULE_NAMES


def test_every_finding_comes_from_a_known_check(sample: Result) -> None:
    from renja.model.checks import CHECKS

    assert sample.findings
    roots = {f.root_cause for f in sample.findings if f.root_cause}
    for finding in sample.findings:
        assert finding.check in CHECKS
        if finding.id in roots:  # a root cause is as serious as what it explains
            assert finding.severity.value == "error"
        elif finding.check == "beda_antar_tabel" and finding.message.startswith("Nilai target"):
            assert finding.severity.value == "info"  # targets differ often: notes, not warnings
        else:
            assert finding.severity == CHECKS[finding.check].severity, finding
