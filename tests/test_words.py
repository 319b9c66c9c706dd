"""Split words: rejoined only with evidence from the vocabulary, casing kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from renja.normalize.words import load_base_vocabulary, rejoin_split_words, vocabulary_from_texts

VOCAB = load_base_vocabulary()


def test_base_vocabulary_holds_words_not_fragments() -> None:
    assert {"penyelenggaraan", "kota", "laporan", "dokumen", "kegiatan"} <= VOCAB
    assert {"pengembangan", "kompetensi", "aparatur", "di", "rehabilitasi"} <= VOCAB
    assert not {"kot", "penyelenggaraa", "ora", "nit", "a", "n", "dok", "org"} & VOCAB
    assert all(w == w.lower() and w.strip() == w and " " not in w for w in VOCAB)
    assert len(VOCAB) > 300


def test_base_vocabulary_is_cached() -> None:
    assert load_base_vocabulary() is VOCAB


def test_real_split_words_of_the_sample_are_rejoined() -> None:
    parsed = rejoin_split_words(
        "Jumlah Laporan Penyelenggaraa n Rapat Koordinasi dan Konsultasi SKPD", VOCAB
    )
    assert parsed.value == "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD"
    assert parsed.rules == ("rejoin_split_words",)
    assert rejoin_split_words("Kot a Bjb", VOCAB).value == "Kota Bjb"
    assert rejoin_split_words("Lap ora n", VOCAB).value == "Laporan"
    assert rejoin_split_words("TAR GET", VOCAB).value == "TARGET"


def test_two_known_words_are_left_alone() -> None:
    parsed = rejoin_split_words("di rehabilitasi", VOCAB)
    assert parsed.value == "di rehabilitasi"
    assert parsed.rules == ()


def test_clean_text_is_unchanged() -> None:
    text = "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik"
    assert rejoin_split_words(text, VOCAB) == rejoin_split_words(text, frozenset())
    parsed = rejoin_split_words(text, VOCAB)
    assert parsed.value == text
    assert parsed.rules == ()


def test_letter_spaced_word_is_not_half_joined() -> None:
    # 'k e' would make the word 'ke'; a spaced-out word is longer than any join window
    assert rejoin_split_words("1 p a k e t", VOCAB).rules == ()


def test_unknown_join_is_not_made() -> None:
    assert rejoin_split_words("Pe kat", VOCAB).rules == ()


def test_spacing_and_punctuation_around_joins_are_kept() -> None:
    vocab = frozenset({"kota", "laporan"})
    parsed = rejoin_split_words("(Kot a)  Lap ora n, 2024", vocab)
    assert parsed.value == "(Kota)  Laporan, 2024"
    assert parsed.rules == ("rejoin_split_words",)


def test_vocabulary_from_texts() -> None:
    words = vocabulary_from_texts(
        ["Penyusunan Dokumen Perencanaan Perangkat Daerah", "Bulanan/ Triwulanan di SKPD", ""]
    )
    assert words == frozenset(
        {
            "penyusunan",
            "dokumen",
            "perencanaan",
            "perangkat",
            "daerah",
            "bulanan",
            "triwulanan",
            "skpd",
        }
    )


@given(st.text())
def test_junk_never_raises(text: str) -> None:
    parsed = rejoin_split_words(text, VOCAB)
    assert parsed.problem is None
    if parsed.value is not None:
        assert "".join(parsed.value.split()) == "".join(text.split())
