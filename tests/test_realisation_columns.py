"""A realisation table (``Anggaran | Realisasi | Sisa Anggaran | Capaian (%)``, an LRA or a
Renja's evaluation of the year before) gets its own arithmetic checked in every row: the sisa
is ``anggaran − realisasi`` and the capaian ``realisasi / anggaran × 100``. A typo in either is
found in its own row, with the value it should have; before, a wrong sisa was found only as a
failing sum in its program, pointing at the wrong row, and a wrong percentage not at all.

A percentage column that fails in nearly every row is not the ratio it was taken for: one
``pola_hitungan_gagal`` warning says so instead of a warning per row.

Read from Markdown and from a ruled PDF generated here with reportlab.
"""

from __future__ import annotations

import pytest

import renja
from renja.model.severity import Severity

from .pdfgen import Layout, TableSpec, render

TITLE = "Tabel 2.3 Realisasi Anggaran Program dan Kegiatan Tahun 2024"
HEADER = ["No", "Kode", "Program/Kegiatan", "Anggaran (Rp)", "Realisasi (Rp)",
          "Sisa Anggaran (Rp)", "Capaian (%)"]  # fmt: skip
# kode, uraian, anggaran, realisasi (thousands of rupiah); programs sum their kegiatan
KEGIATAN = {
    "2.15.01": ("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", [
        ("2.15.01.2.02", "Administrasi Keuangan Perangkat Daerah", 10_000_000, 9_600_000),
        ("2.15.01.2.06", "Administrasi Umum Perangkat Daerah", 2_500_000, 2_275_250),
    ]),
    "2.15.02": ("PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN (LLAJ)", [
        ("2.15.02.2.01", "Penetapan Rencana Induk Jaringan LLAJ", 1_000_000, 900_000),
        ("2.15.02.2.02", "Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota", 3_000_000,
         2_600_000),
    ]),
}  # fmt: skip
SISA_TYPO_ROW, PERCENT_TYPO_ROW = 6, 3


def rupiah(thousands: int) -> str:
    return f"{thousands * 1000:,}".replace(",", ".")


def percent(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def rows(typos: bool, fractions: bool = False) -> list[list[str]]:
    lines = []
    for number, (kode, (name, kegiatan)) in enumerate(KEGIATAN.items(), start=1):
        lines.append((str(number), kode, name, sum(k[2] for k in kegiatan),
                      sum(k[3] for k in kegiatan)))  # fmt: skip
        lines += [("", code, uraian, budget, spent) for code, uraian, budget, spent in kegiatan]
    out = []
    for row, (no, kode, uraian, budget, spent) in enumerate(lines, start=1):
        sisa = budget - spent - (100_000 if typos and row == SISA_TYPO_ROW else 0)
        share = spent / budget * 100 + (10 if typos and row == PERCENT_TYPO_ROW else 0)
        share = share / 100 if fractions else share  # printed as a fraction of one
        out.append([no, kode, uraian, rupiah(budget), rupiah(spent), rupiah(sisa), percent(share)])
    return out


def read(folder, name: str, table: list[list[str]], kind: str):
    if kind == "md":
        lines = [f"## {TITLE}", "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        path = folder / f"{name}.md"
        path.write_text("\n".join(lines + ["| " + " | ".join(r) + " |" for r in table]) + "\n",
                        encoding="utf-8")  # fmt: skip
    else:
        path = render(folder / f"{name}.pdf", [TableSpec(TITLE, [HEADER, *table])], Layout())
    return renja.process(path)


@pytest.fixture(scope="module", params=["md", "pdf"])
def results(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp(request.param)
    return {
        name: read(folder, name, table, request.param)
        for name, table in (("clean", rows(False)), ("typos", rows(True)),
                            ("fractions", rows(False, fractions=True)))
    }  # fmt: skip


def warnings_and_errors(result) -> list[tuple[str, int | None, str | None, str | None]]:
    return sorted((str(f.check), f.row, f.column, f.expected) for f in result.findings
                  if f.severity in (Severity.ERROR, Severity.WARNING))  # fmt: skip


def test_a_correct_realisation_table_is_checked_and_clean(results) -> None:
    result = results["clean"]
    [table] = result.tables
    assert {"anggaran", "realisasi", "sisa_anggaran", "capaian"} <= set(table.frame.columns)
    # per row: the sisa and the percentage, besides the programs' sums
    assert result.audits[table.table_id].relations >= 2 * len(table.frame) + 6
    assert warnings_and_errors(result) == []


def test_a_wrong_sisa_or_percentage_is_found_in_its_row(results) -> None:
    found = warnings_and_errors(results["typos"])
    assert ("aritmetika_baris", SISA_TYPO_ROW, "sisa_anggaran", "400000000") in found
    assert ("nilai_diduga_salah", SISA_TYPO_ROW, "sisa_anggaran", "400000000") in found
    assert ("capaian_persen", PERCENT_TYPO_ROW, "capaian", "91.01") in found
    message = next(f.message for f in results["typos"].findings if f.check == "capaian_persen")
    assert "realisasi / anggaran × 100" in message


def test_a_percentage_that_fails_every_row_is_one_pattern_warning(results) -> None:
    assert warnings_and_errors(results["fractions"]) == [
        ("pola_hitungan_gagal", 1, "capaian", "0 dari 6 cocok")
    ]


def test_a_performance_capaian_is_not_the_moneys_percentage(tmp_path) -> None:
    # An LKPJ table: Target | Realisasi | Capaian (%) of the indicator, then the money's
    # Anggaran | Realisasi (Rp) | Capaian (%). Only the second is realisasi / anggaran × 100.
    document = tmp_path / "lkpj.md"
    document.write_text(
        "| Kode | Program/Kegiatan | Indikator | Target | Realisasi | Capaian (%) | "
        "Anggaran (Rp) | Realisasi (Rp) | Capaian (%) |\n|---|---|---|---|---|---|---|---|---|\n"
        "| 2.15.01 | PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA | Nilai SAKIP | "
        "80 nilai | 76 nilai | 95,00 | 10.000.000.000 | 9.600.000.000 | 96,00 |\n"
        "| 2.15.01.2.02 | Administrasi Keuangan Perangkat Daerah | Persentase laporan | 100 % | "
        "90 % | 90,00 | 10.000.000.000 | 9.600.000.000 | 96,00 |\n",
        encoding="utf-8",
    )
    result = renja.process(document)
    [table] = [t for t in result.tables if not t.frame.empty]
    money = [c.name for c in table.contract.columns if c.name.startswith("capaian")][-1]
    assert [c.percent for c in table.contract.ratio_checks] == [money]
    assert not [f for f in result.findings if f.severity is not Severity.INFO]
