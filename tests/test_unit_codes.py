"""A table that lists SKPD by the code SIPD gives each unit (``1.02.0.00.0.00.01.0000``) under
the bidang they serve, as APBD lampiran II and RKPD rekap tables do, is read as such: the codes
are codes (not unreadable numbers), each SKPD is a child of its bidang, and the bidang sums its
SKPD. A total column (``Jumlah Belanja``) is checked as the sum of the columns of its measure
beside it (``Belanja Operasi`` … ``Belanja Transfer``, not ``Pendapatan``), and those columns are
named by their own header words.

Before, such a table got a false error for every SKPD line (each read as the parent of the next
bidang) and an unreadable-number warning for every code; the one typo planted in it was not found
where it is.

The same table is read from Markdown and from PDFs generated here with reportlab.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import renja
from renja.model.result import Result
from renja.model.severity import Severity
from renja.model.tables import CleanTable

from .pdfgen import Layout, TableSpec, render

TITLE = (
    "RINGKASAN APBD YANG DIKLASIFIKASI MENURUT URUSAN PEMERINTAHAN DAERAH DAN PERANGKAT DAERAH "
    "TAHUN ANGGARAN 2026"
)
HEADER = ["Kode", "Urusan Pemerintahan Daerah / Perangkat Daerah", "Pendapatan",
          "Belanja Operasi", "Belanja Modal", "Belanja Tidak Terduga", "Belanja Transfer",
          "Jumlah Belanja"]  # fmt: skip
# kode, uraian, pendapatan, operasi, modal, tidak terduga, transfer (in millions); the jumlah is
# computed, but for one typo planted below.
WAJIB_DASAR = "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"
WAJIB_LAIN = "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR"
LINES = [
    ("1", WAJIB_DASAR, 45_000, 412_350, 98_100, 0, 0),
    ("1.01", "URUSAN PEMERINTAHAN BIDANG PENDIDIKAN", 2_500, 301_200, 61_300, 0, 0),
    ("1.01.0.00.0.00.01.0000", "Dinas Pendidikan dan Kebudayaan", 2_500, 301_200, 61_300, 0, 0),
    ("1.02", "URUSAN PEMERINTAHAN BIDANG KESEHATAN", 42_500, 111_150, 36_800, 0, 0),
    ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan", 500, 61_150, 16_800, 0, 0),
    ("1.02.0.00.0.00.02.0000", "Rumah Sakit Umum Daerah", 42_000, 50_000, 20_000, 0, 0),
    ("2", WAJIB_LAIN, 0, 12_000, 1_000, 0, 0),
    ("2.17", "BIDANG KOPERASI, USAHA KECIL, DAN MENENGAH", 0, 12_000, 1_000, 0, 0),
    ("2.17.3.31.0.00.01.0000", "Dinas Koperasi, UKM dan Perindustrian", 0, 12_000, 1_000, 0, 0),
    ("3", "URUSAN PEMERINTAHAN PILIHAN", 0, 18_000, 4_000, 0, 0),
    ("3.31", "URUSAN PEMERINTAHAN BIDANG PERINDUSTRIAN", 0, 18_000, 4_000, 0, 0),
    ("2.17.3.31.0.00.01.0000", "Dinas Koperasi, UKM dan Perindustrian", 0, 18_000, 4_000, 0, 0),
    ("5", "UNSUR PENUNJANG URUSAN PEMERINTAHAN", 350_000, 140_000, 10_000, 5_000, 95_000),
    ("5.02", "KEUANGAN", 350_000, 140_000, 10_000, 5_000, 95_000),
    ("5.02.0.00.0.00.01.0000", "Badan Keuangan", 350_000, 140_000, 10_000, 5_000, 95_000),
]  # fmt: skip
TYPO_ROW = len(LINES)  # the Badan Keuangan's jumlah belanja: 251.000.000.000 for 250
MILLION = 1_000_000


def rupiah(millions: int) -> str:
    return f"{millions * MILLION:,}".replace(",", ".")


def rows(typo: bool) -> list[list[str]]:
    out = []
    for number, (kode, uraian, pendapatan, *belanja) in enumerate(LINES, start=1):
        jumlah = sum(belanja) + (1_000 if typo and number == TYPO_ROW else 0)
        out.append([kode, uraian, *(rupiah(v) for v in (pendapatan, *belanja, jumlah))])
    totals = [sum(line[i] for line in LINES if "." not in line[0]) for i in range(2, 7)]
    out.append(["", "JUMLAH", *(rupiah(v) for v in (*totals, sum(totals[1:])))])
    return out


def markdown(path: Path, typo: bool) -> Path:
    lines = [f"## {TITLE}", "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in rows(typo)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pdf(path: Path, typo: bool, rules: str) -> Path:
    return render(path, [TableSpec(TITLE, [HEADER, *rows(typo)])], Layout(rules=rules))


@pytest.fixture(scope="module", params=["md", "pdf-all", "pdf-none"])
def read(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "md":
        return {typo: renja.process(markdown(folder / f"lampiran-{typo}.md", typo))
                for typo in (False, True)}  # fmt: skip
    rules = request.param.removeprefix("pdf-")
    return {typo: renja.process(pdf(folder / f"lampiran-{typo}.pdf", typo, rules))
            for typo in (False, True)}  # fmt: skip


def only_table(result: Result) -> CleanTable:
    [table] = [t for t in result.tables if not t.frame.empty]
    return table


def test_unit_codes_are_skpd_rows_under_their_bidang(read) -> None:
    table = only_table(read[False])
    frame = table.frame.set_index("baris")
    data = frame[frame["jenis_baris"] == "data"]
    assert data["kode"].tolist() == [line[0] for line in LINES]
    by_code: dict[str, list[tuple[str, str | None]]] = {}
    for _, row in data.iterrows():
        parent = None if pd.isna(row["induk"]) else frame.loc[int(row["induk"]), "kode"]
        by_code.setdefault(row["kode"], []).append((row["level"], parent))
    assert by_code["1.02.0.00.0.00.01.0000"] == [("skpd", "1.02")]
    assert by_code["1.02.0.00.0.00.02.0000"] == [("skpd", "1.02")]
    # an SKPD serving two bidang is listed (and summed) under each
    assert by_code["2.17.3.31.0.00.01.0000"] == [("skpd", "2.17"), ("skpd", "3.31")]
    assert by_code["1.02"] == [("bidang", "1")]


def test_the_columns_are_named_by_their_headers(read) -> None:
    columns = set(only_table(read[False]).frame.columns)
    assert {"pendapatan", "belanja_operasi", "belanja_modal", "belanja_tidak_terduga",
            "belanja_transfer", "jumlah_belanja"} <= columns  # fmt: skip


def test_a_correct_table_is_audited_and_clean(read) -> None:
    result = read[False]
    table = only_table(result)
    assert result.audits[table.table_id].status.value == "diperiksa"
    assert result.audits[table.table_id].relations > 50
    assert [f for f in result.findings if f.severity in (Severity.ERROR, Severity.WARNING)] == []


def test_the_typo_is_found_in_its_own_row(read) -> None:
    result = read[True]
    errors = sorted((f.check, f.row, f.kode, f.expected) for f in result.findings
                    if f.severity is Severity.ERROR)  # fmt: skip
    skpd, bidang = TYPO_ROW, TYPO_ROW - 1
    assert errors == [
        ("aritmetika_baris", skpd, "5.02.0.00.0.00.01.0000", str(250_000 * MILLION)),
        ("jumlah_rincian", bidang, "5.02", str(251_000 * MILLION)),
        ("nilai_diduga_salah", skpd, "5.02.0.00.0.00.01.0000", str(250_000 * MILLION)),
    ]


RESPONSIBLE = """## Tabel 5.2 Rencana Program dan Kegiatan Prioritas Daerah Tahun 2026

| Kode | Program/Kegiatan/Sub Kegiatan | Indikator Kinerja | Target | Pagu Indikatif (Rp) | Perangkat Daerah Penanggung Jawab |
|---|---|---|---|---|---|
| 1.02.02 | PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT | Persentase fasilitas terakreditasi | 90 % | 1.500.000.000 | 1.02.0.00.0.00.01.0000 Dinas Kesehatan |
| 1.02.02.2.01 | Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota | Jumlah fasilitas | 4 Unit | 1.000.000.000 | 1.02.0.00.0.00.01.0000 Dinas Kesehatan |
| 1.02.02.2.02 | Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota | Jumlah layanan | 12 Layanan | 500.000.000 | 1.02.0.00.0.00.02.0000 RSUD Contoh |
"""  # noqa: E501


def test_a_column_of_responsible_units_gives_their_codes_and_names(tmp_path: Path) -> None:
    """An RKPD's ``Perangkat Daerah Penanggung Jawab`` printing each unit's code and name: the
    name stays in its column, the code goes beside it in columns of its own."""
    path = tmp_path / "rkpd.md"
    path.write_text(RESPONSIBLE, encoding="utf-8")
    [table] = [t for t in renja.process(path).tables if not t.frame.empty]
    frame = table.frame
    assert frame["perangkat_daerah_penanggung_jawab"].tolist() == [
        "Dinas Kesehatan", "Dinas Kesehatan", "RSUD Contoh"
    ]
    assert frame["kode_perangkat_daerah_penanggung_jawab"].tolist() == [
        "1.02.0.00.0.00.01.0000", "1.02.0.00.0.00.01.0000", "1.02.0.00.0.00.02.0000"
    ]
    assert set(frame["level_perangkat_daerah_penanggung_jawab"]) == {"skpd"}
    assert frame["kode"].tolist() == ["1.02.02", "1.02.02.2.01", "1.02.02.2.02"]
