"""Re-audit: ``renja check`` on an output folder runs every check again on its tables as they
are now, hand edits included, and brings findings.csv, the Parquet, the manifest and the
report in line; ``renja report`` on a parent folder builds every document's report."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from renja.app.cli import main
from renja.app.reaudit import reaudit
from renja.present.outputs import read_csv, read_doc_folder

TOTALS = "t09_penambahan_pagu"  # Tabel 5.2: its total row prints a pagu_total that is off
PROGRAM = "t08_rencana_program"  # Tabel 5.1


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }  # fmt: skip


@pytest.fixture
def out(sample_out: Path, tmp_path: Path) -> Path:
    """A private copy of the sample's output folder, in an OUT folder of its own."""
    shutil.copytree(sample_out, tmp_path / "out" / sample_out.name)
    return tmp_path / "out"


@pytest.fixture
def bare(out: Path) -> Path:
    """The copy without its report and workbook (which a re-audit then leaves unbuilt: faster)."""
    folder = out / "renja-bkpsdm-banjarbaru-2024"
    (folder / "report.html").unlink()
    (folder / f"{folder.name}.xlsx").unlink()
    return out


def edit_cell(path: Path, match: dict[str, str], column: str, value: str) -> str:
    """Change one cell of a clean table's CSV, as a person would in a spreadsheet."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    (row,) = [r for r in rows if all(r[k] == v for k, v in match.items())]
    before, row[column] = row[column], value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return before


def findings_at(folder: Path, table: str, column: str, **where: str) -> list[str]:
    return [
        f["check"] for f in read_csv(folder / "findings.csv")
        if f["table"] == table and f["column"] == column
        and all(f.get(k) == v for k, v in where.items())
    ]  # fmt: skip


def test_an_untouched_folder_is_left_byte_for_byte(out: Path) -> None:
    folder = out / "renja-bkpsdm-banjarbaru-2024"
    before = fingerprint(folder)
    done = reaudit(folder)
    assert done.rewritten == ()
    assert fingerprint(folder) == before


def test_a_corrected_total_loses_its_finding_and_its_parquet_follows(out: Path) -> None:
    folder = out / "renja-bkpsdm-banjarbaru-2024"
    table = folder / "tables" / f"{TOTALS}.csv"
    total = read_csv(table)[-1]
    assert "aritmetika_baris" in findings_at(folder, TOTALS, "pagu_total", row=total["baris"])
    murni, tambah = int(total["pagu_murni"]), int(total["pagu_penambahan"])
    edit_cell(table, {"baris": total["baris"]}, "pagu_total", str(murni + tambah))
    code, _, stderr = check(str(folder), "--fail-on", "never")
    assert code == 0
    assert f"ditulis lagi: {TOTALS}.csv, {TOTALS}.parquet" in stderr
    assert "aritmetika_baris" not in findings_at(folder, TOTALS, "pagu_total", row=total["baris"])
    parquet = pd.read_parquet(table.with_suffix(".parquet"))
    last = parquet.iloc[-1]
    # the reviewed value of a printed amount follows its edit
    assert (last["pagu_total"], last["pagu_total_ditinjau"]) == (murni + tambah, murni + tambah)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    open_errors = sum(
        f["severity"] == "error" and not f["tinjauan"] for f in read_csv(folder / "findings.csv")
    )
    assert manifest["counts"]["findings"]["error"] == open_errors
    report = (folder / "report.html").read_text(encoding="utf-8")
    assert report.count('class="finding ') == len(read_csv(folder / "findings.csv"))


def test_an_edit_that_departs_from_the_other_tables_is_found(bare: Path) -> None:
    folder = bare / "renja-bkpsdm-banjarbaru-2024"
    table = folder / "tables" / f"{PROGRAM}.csv"
    child = next(r for r in read_csv(table) if r["kode"] == "5.03.01.2.06.0004")
    assert findings_at(folder, PROGRAM, "pagu", row=child["baris"]) == []
    edit_cell(table, {"baris": child["baris"]}, "pagu", str(int(child["pagu"]) + 1000))
    code, stdout, _ = check(str(folder), "--fail-on", "warning")
    assert code == 1
    (found,) = [
        f for f in read_csv(folder / "findings.csv")
        if f["table"] == PROGRAM and f["row"] == child["baris"] and f["column"] == "pagu"
    ]  # fmt: skip
    assert found["check"] == "beda_antar_tabel"
    assert (found["found"], found["expected"]) == (str(int(child["pagu"]) + 1000), child["pagu"])
    assert any(
        "\tbeda_antar_tabel\t" in line and f"({PROGRAM}), baris {child['baris']}," in line
        for line in stdout.splitlines()
    )


def test_a_hand_filled_unreadable_cell_is_read_and_its_finding_goes(bare: Path) -> None:
    folder = bare / "renja-bkpsdm-banjarbaru-2024"
    (unreadable,) = [
        f for f in read_csv(folder / "findings.csv")
        if f["check"] == "angka_tidak_terbaca" and f["column"] == "pagu_murni"
    ]  # fmt: skip
    table = folder / "tables" / f"{unreadable['table']}.csv"
    edit_cell(table, {"baris": unreadable["row"]}, "pagu_murni", unreadable["expected"])
    reaudit(folder)
    left = findings_at(folder, unreadable["table"], "", row=unreadable["row"])
    kept = findings_at(folder, unreadable["table"], "pagu_perubahan", row=unreadable["row"])
    assert "angka_tidak_terbaca" not in findings_at(
        folder, unreadable["table"], "pagu_murni", row=unreadable["row"]
    )
    assert "angka_tidak_terbaca" in kept and left == []
    frame = read_doc_folder(folder).frame(unreadable["table"])
    assert int(frame.loc[frame["baris"] == int(unreadable["row"]), "pagu_murni"].iloc[0]) == int(
        unreadable["expected"]
    )


def test_reviews_are_applied_again_and_a_vanished_finding_makes_them_stale(bare: Path) -> None:
    folder = bare / "renja-bkpsdm-banjarbaru-2024"
    table = folder / "tables" / f"{TOTALS}.csv"
    total = read_csv(table)[-1]
    (folder / "keputusan.csv").write_text(
        "tindakan,tabel,kolom,tercetak,cek,catatan,status,alasan\n"
        f"dokumen_benar,Tabel 5.2,pagu_total,{total['pagu_total']},aritmetika_baris,dicek,"
        "diterapkan,\n",
        encoding="utf-8",
    )
    done = reaudit(folder)
    (reviewed,) = [f for f in done.findings if not f.open]
    assert (reviewed.check, reviewed.review, reviewed.review_note) == (
        "aritmetika_baris", "dokumen_benar", "dicek"
    )
    code, stdout, _ = check(str(folder), "--fail-on", "error")
    assert code == 1  # the other row's error is open
    assert not any(
        "\taritmetika_baris\t" in line and f"({TOTALS}), baris {total['baris']}," in line
        for line in stdout.splitlines()
    )
    assert "aritmetika_baris\t" in stdout  # the other row's, still open
    # the printed total is corrected by hand: the reviewed finding is gone, and so the review
    murni, tambah = int(total["pagu_murni"]), int(total["pagu_penambahan"])
    edit_cell(table, {"baris": total["baris"]}, "pagu_total", str(murni + tambah))
    done = reaudit(folder)
    stale = [f for f in done.findings if f.check == "keputusan_usang"]
    printed = f"yang mencetak {total['pagu_total']} di kolom pagu_total"
    assert len(stale) == 1 and printed in stale[0].message
    assert read_csv(folder / "keputusan.csv")[0]["status"] == "usang"


def test_a_parent_folder_is_checked_and_reported_document_by_document(
    out: Path, sample_out: Path
) -> None:
    second = out / "kedua"
    shutil.copytree(sample_out, second)
    (out / "kedua" / "report.html").unlink()
    code, _, stderr = check(str(out), "--fail-on", "never", "-q")
    assert code == 0
    assert stderr.count("tabel data diperiksa") == 2
    result = CliRunner().invoke(main, ["report", str(out)])
    assert result.exit_code == 0
    assert (second / "report.html").is_file()
    assert result.stdout.count("report.html") == 2


def test_a_folder_that_is_no_output_is_checked_as_documents(tmp_path: Path) -> None:
    empty = tmp_path / "kosong"
    empty.mkdir()
    code, _, stderr = check(str(empty))
    assert code == 1 and "tidak ada dokumen untuk diproses" in stderr
