"""Targets: value and satuan split, split units and digits rejoined, predicates kept verbatim."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renja.normalize.parsed import EMPTY
from renja.normalize.target import Target, canonical_satuan, split_target


@pytest.mark.parametrize(
    ("cell", "value", "satuan", "rules"),
    [
        ("7 dok", "7", "dokumen", ("canonical_satuan",)),
        ("61 org/ bln", "61", "orang/bulan", ("canonical_satuan",)),
        ("65 org/bln", "65", "orang/bulan", ("canonical_satuan",)),
        ("1lap", "1", "laporan", ("canonical_satuan",)),
        ("50 orn", "50", "orang", ("canonical_satuan",)),
        ("2 Lap ora n", "2", "laporan", ("join_split_unit",)),
        ("1 la p", "1", "laporan", ("join_split_unit", "canonical_satuan")),
        ("1 4 6 SK", "146", "SK", ("join_split_digits",)),
        ("1 0 u nit", "10", "unit", ("join_split_digits", "join_split_unit")),
        ("2 5 u nit", "25", "unit", ("join_split_digits", "join_split_unit")),
        ("5 u nit", "5", "unit", ("join_split_unit",)),
        ("1 p a k e t", "1", "paket", ("join_split_unit",)),
        ("100 %", "100", "%", ()),
        ("100%", "100", "%", ()),
        ("68,8 1%", "68.81", "%", ("join_wrapped_number",)),
        ("24,22", "24.22", None, ()),
        ("265", "265", None, ()),
        ("56, orang", "56", "orang", ("drop_trailing_comma",)),
        ("6 Dokumen", "6", "dokumen", ()),
        ("12 LAPORAN", "12", "laporan", ()),
        ("137 SK", "137", "SK", ()),
        ("32 Lembaga", "32", "lembaga", ()),
        ("121 Buah", "121", "buah", ()),
        ("2 Jenis", "2", "jenis", ()),
        ("1 DOK", "1", "dokumen", ("canonical_satuan",)),
    ],
)
def test_split_target(cell: str, value: str, satuan: str | None, rules: tuple[str, ...]) -> None:
    parsed = split_target(cell)
    assert parsed.value == Target(Decimal(value), satuan, None)
    assert parsed.rules == rules
    assert parsed.problem is None


def test_unknown_unit_is_kept_as_printed() -> None:
    # 'Pekat' is probably 'Paket', but a unit is never corrected by guess.
    parsed = split_target("3 Pekat")
    assert parsed.value == Target(Decimal("3"), "Pekat", None)
    assert parsed.rules == ()
    assert split_target("2 Pe kat").value == Target(Decimal("2"), "Pe kat", None)


@pytest.mark.parametrize("cell", ["A", "BB", "WTP", "Baik"])
def test_predicates_are_text(cell: str) -> None:
    parsed = split_target(cell)
    assert parsed.value == Target(None, None, cell)
    assert parsed.rules == ()
    assert parsed.problem is None


@pytest.mark.parametrize("cell", ["471 orang/ 5 Lap", "7484 Eks 5175 lbr", "12 5 orang"])
def test_compound_targets_are_kept_verbatim(cell: str) -> None:
    parsed = split_target(cell)
    assert parsed.value == Target(None, None, cell)
    assert parsed.problem is None


@pytest.mark.parametrize("cell", ["", "-", "–", "   "])
def test_empty_targets(cell: str) -> None:
    assert split_target(cell) == EMPTY


def test_damaged_number_is_a_problem() -> None:
    parsed = split_target("59.99.800 dok")
    assert parsed.value is None
    assert parsed.problem is not None
    assert "'59.99.800 dok'" in parsed.problem


@pytest.mark.parametrize(
    ("unit", "canonical"),
    [
        ("dok", "dokumen"),
        ("Dokumen", "dokumen"),
        ("org", "orang"),
        ("orn", "orang"),
        ("lap", "laporan"),
        ("bln", "bulan"),
        ("keg", "kegiatan"),
        ("eks", "eksemplar"),
        ("lbr", "lembar"),
        ("bh", "buah"),
        ("pkt", "paket"),
        ("Unit", "unit"),
        ("sk", "SK"),
        ("%", "%"),
        ("Dok.", "dokumen"),
        ("org/ bln", "orang/bulan"),
        ("LeKo", "LeKo"),
    ],
)
def test_canonical_satuan(unit: str, canonical: str) -> None:
    assert canonical_satuan(unit) == canonical


@given(st.text())
def test_junk_never_raises(text: str) -> None:
    parsed = split_target(text)
    assert parsed.value is None or parsed.problem is None


@pytest.mark.parametrize(
    ("cell", "value", "satuan"),
    [("≥ 80 %", "80", "%"), ("≤5%", "5", "%"), ("> 90", "90", None), (">= 75 %", "75", "%"),
     ("Min. 3 Dokumen", "3", "dokumen"), ("Minimal 12 laporan", "12", "laporan"),
     ("maks 2 kali", "2", "kali")],
)  # fmt: skip
def test_a_bound_is_its_number_and_keeps_the_printed_cell(
    cell: str, value: str, satuan: str | None
) -> None:
    """Renstra and RPJMD targets are often bounds (``≥ 80 %``): the number is the target, so
    it can be compared with a realisation; the bound stays in the text printed beside it."""
    parsed = split_target(cell)
    assert parsed.value == Target(Decimal(value), satuan, cell)
    assert parsed.rules[0] == "read_bound" and parsed.problem is None


def test_a_bound_before_words_is_text() -> None:
    assert split_target("≥ BB").value == Target(None, None, "≥ BB")


def test_a_bound_in_a_table_is_read_and_logged(tmp_path) -> None:
    """In a column of percentages the bound was an unreadable number, the target emptied."""
    import renja

    path = tmp_path / "renstra.md"
    rows = [("1", "Meningkatnya akuntabilitas", "Nilai SAKIP", "≥ 80 %", "≥ 85 %"),
            ("2", "Meningkatnya layanan", "Indeks Kepuasan Masyarakat", "82 %", "84 %"),
            ("3", "Meningkatnya kualitas ASN", "Indeks Profesionalitas ASN", "70 %", "72 %"),
            ("4", "Meningkatnya tata kelola", "Nilai Reformasi Birokrasi", "75 %", "78 %")]
    lines = ["## Tabel 4.1 Tujuan dan Sasaran", "",
             "| No | Sasaran | Indikator | Target 2026 | Target 2027 |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert list(table.frame["target_2026"]) == [80.0, 82.0, 70.0, 75.0]  # a column of percents
    bounds = [(r.column, r.raw) for r in result.repairs if r.rule == "read_bound"]
    assert bounds == [("target_2026", "≥ 80 %"), ("target_2027", "≥ 85 %")]
    assert list(result.findings) == []
