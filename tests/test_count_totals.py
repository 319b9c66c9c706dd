"""Total rows of tables of counts (people, units, areas) are checked when they are sums.

A table of no known form that counts things per region usually closes with a ``Jumlah`` row.
Its counts are checked once the row shows itself a sum; its densities and averages, whose total
lies within the range of the values above it, are not.
"""

from __future__ import annotations

from pathlib import Path

import renja
from renja.model.result import Result
from renja.model.tables import AuditStatus

HEADER = "No\tKecamatan\tLuas (km2)\tJumlah Penduduk\tJumlah Desa\tKepadatan (jiwa/km2)"


def _doc(tmp_path: Path, rows: list[str]) -> Result:
    lines = [
        "# RENJA DINAS CONTOH KABUPATEN CONTOH TAHUN 2025",
        "",
        "Tabel 2.1 Luas Wilayah dan Penduduk per Kecamatan",
        "",
        HEADER,
        *rows,
        "",
        "Sumber: BPS.",
    ]
    path = tmp_path / "doc.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return renja.process(path, code=False)


ROWS = [
    "1\tKota Besi\t150,25\t32.410\t12\t215,71",
    "2\tMentaya Hilir\t310,40\t18.120\t9\t58,38",
    "3\tBaamang\t95,10\t41.005\t6\t431,18",
]


def _totals(result: Result) -> list:
    return [f for f in result.findings if f.check == "jumlah_total"]


def test_counts_that_add_up_are_checked_and_clean(tmp_path: Path) -> None:
    result = _doc(tmp_path, [*ROWS, "\tJumlah\t555,75\t91.535\t27\t164,71"])
    (table,) = result.tables
    table_id = table.table_id
    assert result.audits[table_id].status is AuditStatus.CHECKED
    assert result.audits[table_id].relations == 3  # luas, penduduk, desa: not the density
    assert _totals(result) == []


def test_a_count_total_off_by_a_typo_is_an_error(tmp_path: Path) -> None:
    result = _doc(tmp_path, [*ROWS, "\tJumlah\t555,75\t91.335\t27\t164,71"])
    (finding,) = _totals(result)
    assert finding.column == "jumlah_penduduk"
    assert (finding.found, finding.expected, finding.difference) == ("91335", "91535", "-200")
    assert "rupiah" not in finding.message


def test_areas_rounded_to_two_decimals_are_rounding_not_errors(tmp_path: Path) -> None:
    result = _doc(tmp_path, [*ROWS, "\tJumlah\t555,76\t91.535\t27\t164,71"])
    assert _totals(result) == []
    (rounding,) = [f for f in result.findings if f.check == "selisih_pembulatan"]
    assert rounding.difference == "0.01"
    assert "rupiah" not in rounding.message


def test_a_total_row_that_is_no_sum_is_not_checked(tmp_path: Path) -> None:
    """Averages in every column: the row adds up nowhere, so nothing is claimed about it."""
    result = _doc(tmp_path, [*ROWS, "\tRata-rata\t185,25\t30.512\t9\t235,09"])
    (table,) = result.tables
    table_id = table.table_id
    assert _totals(result) == []
    assert result.audits[table_id].status is not AuditStatus.CHECKED
