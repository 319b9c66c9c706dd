"""Real PDFs from ../shared/samples/real: their development facts hold and a consistent document
gets no arithmetic finding."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import renja

from .conftest import REAL, SHARED, Processed, need

SCORER = SHARED / "tools" / "score_facts.py"
ARITHMETIC = {"aritmetika_baris", "jumlah_rincian", "jumlah_total"}


FACTS = Path(__file__).resolve().parent / "facts"


def _score(doc: str, folder: Path) -> tuple[str, list[str]]:
    ours = FACTS / f"{doc}.json"  # facts we wrote for documents the project has none for
    facts = ours if ours.exists() else need(SHARED / "gold" / f"{doc}.dev.json")
    done = subprocess.run(
        [sys.executable, str(need(SCORER)), str(facts), str(folder), "--tier", "all", "--misses"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    return next(line for line in lines if line.startswith("score:")), lines


# The errors each document really has: the Kaltim, Bogor and Sumut totals add up (Sumut's
# prakiraan maju misses by rounding, which is information). Katingan's Tabel II.3 prints kegiatan
# 1.05.02.2.02 as 1.325.090.599 where its sub kegiatan add up to 1.325.090.559 (Tabel IV.1 prints
# sub kegiatan .0011 as 75.090.599 against II.3's 75.090.559); Tabel IV.1 has two sums that miss
# (programs 1.05.01 and 1.05.02, prakiraan maju) and two sub kegiatan printed with swapped digits
# (116.718.093 for 166.178.093, 114.865.000 for 114.856.000), so their kegiatan miss too.
REAL_ERRORS = {
    "renja-binakonstruksi-pupr-provkaltim-2025": set(),
    "rka-subkeg-rakor-disdagin-kotabogor-2022": set(),
    "renja-dp3akb-provsumut-2026": set(),
    "renja-satpolppdamkar-katingan-2025": {
        ("jumlah_rincian", "1.05.02.2.02"),
        ("beda_antar_tabel", "1.05.02.2.02.0011"),
        ("jumlah_rincian", "1.05.01"),
        ("jumlah_rincian", "1.05.02"),
        ("jumlah_rincian", "1.05.01.2.07"),
        ("beda_antar_tabel", "1.05.01.2.07.0011"),
        ("jumlah_rincian", "1.05.04.2.01"),
        ("beda_antar_tabel", "1.05.04.2.01.0017"),
    },
}
SUMUT = REAL / "renja-dp3akb-provsumut-2026.pdf"
KATINGAN = REAL / "renja-satpolppdamkar-katingan-2025.pdf"
BOGOR = REAL / "rka-subkeg-rakor-disdagin-kotabogor-2022.pdf"
KALTIM = REAL / "renja-binakonstruksi-pupr-provkaltim-2025.pdf"


# The documents marks tell conftest.py what to process ahead; each is processed once a session.
@pytest.fixture(
    scope="module",
    params=[pytest.param(d, marks=pytest.mark.documents(REAL / f"{d}.pdf")) for d in REAL_ERRORS],
)
def real(request, processed: Processed) -> tuple[str, renja.Result, Path]:
    """Each real PDF processed (once per session, shared with test_metadata) and written."""
    doc = request.param
    path = REAL / f"{doc}.pdf"
    return doc, processed(path), processed.folder(path, reports=False)


def test_every_development_fact_holds(real) -> None:
    doc, _, folder = real
    score, lines = _score(doc, folder)
    hit, total = score.split()[1].split("/")
    assert hit == total and int(total) > 0, "\n".join(lines)  # 0/0 would be no facts at all


def test_errors_are_the_documents_own_and_no_more(real) -> None:
    doc, result, _ = real
    assert result.tables, "no table of a known form"
    errors = {(f.check, f.kode) for f in result.findings if f.severity.value == "error"}
    assert errors == REAL_ERRORS[doc]
    assert {f.check for f in result.findings if f.check in ARITHMETIC} <= {"jumlah_rincian"}


@pytest.mark.documents(SUMUT)
def test_sumut_forms_and_scanned_pages(processed: Processed) -> None:
    result = processed(SUMUT)
    kinds = {t.form: len(t.frame) for t in result.tables}
    assert {"rekap_evaluasi", "reviu_rkpd", "rencana_kerja"} <= set(kinds)  # T-C.29, .31, .33
    assert kinds["rencana_kerja"] >= 90
    scanned = "halaman 1-2, 98 dari 98 tidak memiliki lapisan teks"
    assert any(scanned in w for w in result.document.warnings)
    frame = result.table("rencana_kerja")
    record = frame[frame["kode"] == "2.08.03.1.02"].iloc[0]  # its code sat mid-cell
    assert record["pagu"] == 179446757 and record["uraian"].startswith("Penyediaan Layanan")


@pytest.mark.documents(BOGOR)
def test_the_sipd_printout_is_read_as_account_lines(processed: Processed) -> None:
    result = processed(BOGOR)
    frame = result.table("rincian_belanja")
    levels = dict(zip(frame["kode_rekening"], frame["level"], strict=False))
    assert levels["5"] == "akun" and levels["5.1.02.01.01.0052"] == "sub_rincian_objek"
    total = frame[frame["jenis_baris"] == "total"]
    assert total["uraian"].tolist() == ["Grand Total :"]
    assert total["jumlah"].tolist() == [1954327000]
    # A parent that does not add up is found: the audit does check this table.
    assert {"paket", "keterangan", "rincian"} <= set(frame["level"].dropna())
    assert result.meta.pemda == "Kota Bogor" and result.meta.tahun == 2022


@pytest.mark.documents(KALTIM)
def test_the_kaltim_table_keeps_its_codes_and_pagu(processed: Processed) -> None:
    result = processed(KALTIM)
    frame = result.table("rencana_kerja")
    row = frame[frame["kode"] == "1.03.11.1.01.0011"].iloc[0]
    assert row["pagu"] == 1563845016 and row["target"] == 1000 and row["satuan"] == "Orang"
    assert row["lokasi"].startswith("Samarinda, Balikpapan, Bontang")
    assert frame["kode_sumber"].dropna().eq("cetak+verifikasi").all()


@pytest.mark.documents(KATINGAN)
def test_katingan_codes_over_five_columns_and_detail_lines(processed: Processed) -> None:
    result = processed(KATINGAN)
    frame = result.table("rencana_program")  # Tabel IV.1, pages 56-65
    subs = frame[frame["level"] == "sub_kegiatan"]
    assert len(subs) == 33 and subs["kode_sumber"].eq("cetak+verifikasi").all()
    # "1 | 05 | 01 | 2.01 | 0001" over five ruled columns, its detail on the line under the name
    row = subs[subs["kode"] == "1.05.01.2.01.0001"].iloc[0]
    assert row["uraian"] == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    assert row["pagu"] == 45870000 and row["pagu_maju"] == 45870000
    assert row["indikator"] == "Jumlah Dokumen Perencanaan Perangkat Daerah"
    assert row["sumber_dana"] == "Dana Transfer Umum-Dana Alokasi Umum"
    # page 63 redraws the grid with an extra column; page 64 holds two grids
    row = subs[subs["kode"] == "1.05.02.2.01.0016"].iloc[0]
    assert row["pagu"] == 300043665 and row["target"] == 4 and row["target_satuan"] == "laporan"
    row = subs[subs["kode"] == "1.05.04.2.01.0002"].iloc[0]
    assert row["pagu"] == 350584000 and row["lokasi"].startswith("Kab. Katingan")
    table_id = next(t.table_id for t in result.tables if t.form == "rencana_program")
    repairs = {r.rule for r in result.repairs if r.table == table_id}
    assert "merge_detail_line" in repairs
    assert frame[frame["jenis_baris"] == "total"]["pagu"].tolist() == [25071896000]
