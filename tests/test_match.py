"""Nomenclature matching: normal forms, context, abstention, and the labelled set."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from renja.normalize.match import Matcher
from renja.normalize.names import Normalizer
from renja.normalize.nomenclature import VERSION_1317, Nomenclature, load_nomenclature

from .conftest import SHARED, need

REFERENCE = SHARED / "reference" / "permendagri90"
LABELLED = Path(__file__).resolve().parent / "data" / "match_labelled.csv"
EVAL_SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "match_eval.py"


@pytest.fixture(scope="module")
def nomenclature() -> Nomenclature:
    return load_nomenclature(need(REFERENCE))


@pytest.fixture(scope="module")
def matcher(nomenclature: Nomenclature) -> Matcher:
    return Matcher(nomenclature)


def test_synonyms_and_abbreviations_share_a_normal_form() -> None:
    norm = Normalizer.build()
    assert norm("Pembinaan Disiplin Pegawai") == norm("Pembinaan Disiplin ASN")
    assert norm("Program Penunjang Urusan Pemerintahan Daerah Kab/Kota") == norm(
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    )
    assert norm("Pemeliharaan/Rehab. Gedung OPD") == norm(
        "Pemeliharaan / Rehabilitasi Gedung Perangkat Daerah"
    )
    assert norm("Diklat Teknis") == norm("Pendidikan dan Pelatihan Teknis")


def test_the_sample_s_damaged_names_find_their_codes(matcher: Matcher) -> None:
    cases = {
        "Pembinaan Disiplin Pegawai": "5.03.02.2.04.0007",
        "Lainnya Pemeliharaan Aset Tak Berwujud": "5.03.01.2.09.0008",
        "Penyelenggaraa n Rapat Koordinasi dan Konsultasi SKPD": "5.03.01.2.06.0009",
        "Pemeliharaan/Rehabilitasi Saranan dan Prasarana Pendukung Gedung Kantor atau "
        "Bangunan Lainnya": "5.03.01.2.09.0011",
    }
    for text, code in cases.items():
        result = matcher.match(text, level="sub_kegiatan", within="5.03")
        assert result.code == code, (text, result.candidates[:2])
    kegiatan = matcher.match(
        "Sertifikasi, Keseimbangan, Pengembangan Kompetensi Manajerial dan Fungsional",
        level="kegiatan",
        within="5.04",
    )
    assert kegiatan.code == "5.04.02.2.02"


def test_generic_codes_resolve_to_the_context_bidang(matcher: Matcher) -> None:
    result = matcher.match("Penyediaan Gaji dan Tunjangan ASN", within="5.03.01.2.02")
    assert result.code == "5.03.01.2.02.0001"
    assert result.best.generic == "X.XX.01.2.02.0001"
    unresolved = matcher.match("Penyediaan Gaji dan Tunjangan ASN", level="sub_kegiatan")
    assert unresolved.code == "X.XX.01.2.02.0001"


def test_an_ambiguous_name_needs_context(matcher: Matcher) -> None:
    bare = matcher.match("Pembangunan Unit Sekolah Baru (USB)", level="sub_kegiatan")
    assert bare.code is None and not bare.accepted
    assert {c.code for c in bare.candidates} >= {"1.01.02.2.01.0001", "1.01.02.2.02.0001"}
    assert bare.margin == 0
    placed = matcher.match("Pembangunan USB", level="sub_kegiatan", within="1.01.02.2.02")
    assert placed.code == "1.01.02.2.02.0001"


def test_short_or_unknown_names_are_not_guessed(matcher: Matcher) -> None:
    assert matcher.match("Pengadaan Sarana dan Prasarana").code is None
    assert matcher.match("Belanja Modal Peralatan Personal Computer", within="5.03").code is None
    assert matcher.match("JUMLAH").code is None
    assert matcher.match("").best is None


def test_province_codes_follow_the_context(matcher: Matcher) -> None:
    result = matcher.match("Penyediaan Gaji dan Tunjangan ASN", within="1.03.01.1.02")
    assert result.code == "1.03.01.1.02.0001"


def test_one_version_only(nomenclature: Nomenclature) -> None:
    matcher = Matcher(nomenclature, version=VERSION_1317, jenis_pemda="kabkota")
    assert {e.version for e in matcher.entries} == {VERSION_1317}
    assert matcher.match("Pengelolaan Sistem Informasi Kepegawaian").code == "5.03.02.2.01.0010"


def _load_eval():
    spec = importlib.util.spec_from_file_location("match_eval", EVAL_SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def test_labelled_set_beats_the_naive_baseline_and_prefers_not_sure(matcher: Matcher) -> None:
    need(REFERENCE)
    rows = list(csv.DictReader(LABELLED.open(encoding="utf-8")))
    assert len(rows) >= 150
    coded = [r for r in rows if r["expected"]]
    predicted = correct = abstained_right = 0
    for row in rows:
        result = matcher.match(
            row["text"], level=row["level"] or None, within=row["within"] or None
        )
        if not row["expected"]:
            abstained_right += result.code is None
            continue
        if result.code is not None:
            predicted += 1
            correct += result.code == row["expected"]
    precision, recall = correct / predicted, correct / len(coded)
    evaluation = _load_eval()
    labelled = evaluation.read_labelled(LABELLED)
    baseline = evaluation.evaluate("naive", evaluation.naive_baseline(REFERENCE), labelled)
    naive_coded = [o for o in baseline.outcomes if o.row.expected]
    naive_right = sum(o.correct for o in naive_coded)
    naive_precision = naive_right / sum(not o.abstained for o in baseline.outcomes)
    naive_recall = naive_right / len(naive_coded)
    assert precision >= 0.98 and precision > naive_precision + 0.15
    assert recall >= 0.95 and recall > naive_recall
    assert abstained_right >= len(rows) - len(coded) - 1
