"""A list of proposals grouped by kecamatan (a Renja's annex of Musrenbang usulan) closes each
group with ``Sub Jumlah Kecamatan …`` and the list with ``TOTAL``. ``Sub Jumlah`` was no total's
label, so no group's subtotal was checked; it is one (normalize/row_kind.py), each checked
against its group's rows.
"""

from __future__ import annotations

from pathlib import Path

import renja

ROWS = [
    ("1", "Rehabilitasi Jalan Ruas Mertoyudan - Danurejo", "Mertoyudan", "1.350.000.000"),
    ("2", "Pembangunan Saluran Drainase Griya Banyurojo", "Mertoyudan", "315.000.000"),
    ("", "Sub Jumlah Kecamatan Mertoyudan", "", "1.665.000.000"),
    ("3", "Pemeliharaan Berkala Jalan Ruas Muntilan - Keji", "Muntilan", "1.480.000.000"),
    ("4", "Pembangunan Saluran Drainase Kampung Pucungrejo", "Muntilan", "285.000.000"),
    ("", "Sub Jumlah Kecamatan Muntilan", "", "1.675.000.000"),  # 90.000.000 short
    ("", "TOTAL", "", "3.430.000.000"),
]


def test_each_sub_jumlah_is_checked_against_its_group(tmp_path: Path) -> None:
    lines = ["| No | Usulan Kegiatan | Kecamatan | Perkiraan Biaya (Rp) |", "|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in ROWS]
    document = tmp_path / "usulan.md"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = renja.process(document)
    [table] = [t for t in result.tables if not t.frame.empty]
    kinds = dict(zip(table.frame["uraian"], table.frame["jenis_baris"], strict=True))
    assert kinds["Sub Jumlah Kecamatan Mertoyudan"] == "total"
    errors = [(f.check, f.expected, f.found) for f in result.findings if f.severity == "error"]
    assert errors == [("jumlah_total", "1765000000", "1675000000")]
