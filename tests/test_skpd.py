"""SKPD names made comparable (issue 11, point 4): the names the real documents print, and the
ways other documents print the same bodies, give one canonical name and key."""

from __future__ import annotations

import pytest

from renja.normalize.skpd import canonical_skpd, entity_key, load_abbreviations

# (as printed, the document's pemda) -> canonical name, abbreviation. The first of each group is
# what a real document in ../shared/samples/real prints (tests/test_metadata.py).
CASES = [
    ("Dinas Pekerjaan Umum Penataan Ruang dan Perumahan Rakyat Provinsi Kalimantan Timur",
     "Provinsi Kalimantan Timur",
     "Dinas Pekerjaan Umum Penataan Ruang dan Perumahan Rakyat", None),
    ("Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana Provinsi Sumatera "
     "Utara", "Provinsi Sumatera Utara",
     "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", "DP3AKB"),
    ("DP3AKB Provinsi Sumatera Utara", None,
     "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", "DP3AKB"),
    ("Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "Kabupaten Katingan",
     "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", None),
    ("SATPOL PP DAN DAMKAR KAB. KATINGAN", "Kabupaten Katingan",
     "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", None),
    ("DINAS PERDAGANGAN DAN PERINDUSTRIAN", "Kota Bogor",
     "Dinas Perdagangan dan Perindustrian", "Disdagin"),
    ("Disdagin Kota Bogor", "Kota Bogor", "Dinas Perdagangan dan Perindustrian", "Disdagin"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Banjarbaru", "Kota Banjarbaru",
     "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("BKPSDM Kota Banjarbaru", "Kota Banjarbaru",
     "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Badan Kepegawaian dan Pengembangan SDM", None,
     "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("BPBD Kabupaten Katingan", "Kabupaten Katingan", "Badan Penanggulangan Bencana Daerah",
     "BPBD"),
    ("Sekretariat DPRD", None, "Sekretariat Dewan Perwakilan Rakyat Daerah", "Setwan"),
]  # fmt: skip


@pytest.mark.parametrize(("printed", "pemda", "nama", "singkatan"), CASES)
def test_printed_names_give_one_canonical_name(
    printed: str, pemda: str | None, nama: str, singkatan: str | None
) -> None:
    skpd = canonical_skpd(printed, pemda)
    assert skpd is not None
    assert (skpd.nama, skpd.singkatan) == (nama, singkatan)


def test_a_name_like_a_pemda_is_kept_when_it_is_not_the_documents() -> None:
    """'Dinas Tata Kota' names no pemda; a pemda that is not the document's stays too."""
    assert canonical_skpd("Dinas Tata Kota", "Kota Bogor").nama == "Dinas Tata Kota"
    kept = canonical_skpd("Dinas Kesehatan Kota Bogor", "Kota Banjarbaru")
    assert kept.nama == "Dinas Kesehatan Kota Bogor"


def test_bodies_match_across_documents_and_pemdas_do_not() -> None:
    one = entity_key("63.72", "Kota Banjarbaru", "BKPSDM Kota Banjarbaru")
    two = entity_key("63.72", "Kota Banjarbaru",
                     "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA")  # fmt: skip
    other = entity_key("32.71", "Kota Bogor", "BKPSDM Kota Bogor")
    assert one == two != other
    assert canonical_skpd(None) is None and canonical_skpd("  ") is None


def test_every_abbreviation_expands_to_words() -> None:
    """The list is data: each line an abbreviation and what it stands for, no empty side, and
    no abbreviation listed twice."""
    abbreviations = load_abbreviations()
    shorts = [short for short, _ in abbreviations.expansions]
    assert len(shorts) == len(set(shorts)) >= 30
    for short, full in abbreviations.expansions:
        assert short and full and full.split()[0][0].isupper(), short
