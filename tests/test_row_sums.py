"""Sums inside a row that only the figures show (normalize/row_sums.py): a converter that lost
the header's labels (``Col5 | Col6 | Col7 | Col8``) leaves no word promising that the last
money column is the sum of the ones before it, so a typo in it went unchecked. The figures
promise it when it holds exactly on nearly every row; the row where it fails is an error, and
the contract says the check came from the figures (``dari_isi``).

The documents are Markdown written here.
"""

from __future__ import annotations

from pathlib import Path

import renja
from renja.model.contract import CellType, TableContract

# kode, uraian, operasi, modal, btt, transfer (the sum follows)
ROWS = [
    ("2.11.11", "PROGRAM PENGELOLAAN PERSAMPAHAN", 3_370_000_000, 1_460_000_000, 0, 0),
    ("2.11.11.2.01", "Pengelolaan Sampah", 3_370_000_000, 1_460_000_000, 0, 0),
    ("2.11.11.2.01.0001", "Penetapan Target Pengurangan Sampah", 420_000_000, 0, 0, 0),
    ("2.11.11.2.01.0012", "Penyediaan Sarana dan Prasarana Pengelolaan Sampah",
     1_650_000_000, 1_100_000_000, 0, 0),
    ("2.11.11.2.01.0014", "Pengurangan Sampah", 1_300_000_000, 360_000_000, 0, 0),
]  # fmt: skip
WRONG = ("2.11.11.2.01.0012", 5_000_000)


def _rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _markdown(path: Path, rows: list[tuple[str, str, int, int, int, int]], header: str) -> Path:
    lines = [header, "|---|---|---|---|---|---|---|"]
    for kode, uraian, *parts in rows:
        total = sum(parts) + (WRONG[1] if kode == WRONG[0] else 0)
        lines.append(f"|{kode}|{uraian}|" + "|".join(map(_rupiah, [*parts, total])) + "|")
    path.write_text("\n".join(["# Rincian Anggaran", "", *lines, ""]), encoding="utf-8")
    return path


def _contract(result: renja.Result) -> TableContract:
    [table] = [t for t in result.tables if not t.frame.empty]
    return result.contracts[table.table_id]


def test_a_sum_the_figures_show_is_checked_and_its_typo_found(tmp_path: Path) -> None:
    path = _markdown(tmp_path / "rka.md", ROWS, "|Kode|Uraian|Col3|Col4|Col5|Col6|Col7|")
    result = renja.process(path)
    contract = _contract(result)
    [check] = [c for c in contract.row_checks if c.from_values]
    money = [c.name for c in contract.columns if c.ctype is CellType.RUPIAH]
    # (the columns of zeros, BTT and transfer, read as no money column: they add nothing)
    assert (check.total, check.plus) == (money[-1], tuple(money[:-1]))
    assert contract.to_dict()["hitungan_baris"][0]["dari_isi"] is True
    assert TableContract.from_dict(contract.to_dict()).row_checks == contract.row_checks
    errors = [(f.check.slug, f.kode, f.column) for f in result.findings if f.severity == "error"]
    assert ("aritmetika_baris", WRONG[0], money[-1]) in errors
    assert {kode for _, kode, _ in errors} <= {WRONG[0], "2.11.11.2.01"}  # it and its parent


def test_columns_that_only_repeat_one_another_are_no_sum(tmp_path: Path) -> None:
    # The last column equals the first on every row, the others are empty: no sum of parts.
    rows = [(k, u, a, 0, 0, 0) for k, u, a, *_ in ROWS]
    result = renja.process(_markdown(tmp_path / "rka.md", rows, "|Kode|Uraian|A|B|C|D|E|"))
    assert not [c for c in _contract(result).row_checks if c.from_values]


def test_a_sum_that_fails_on_many_rows_is_not_claimed(tmp_path: Path) -> None:
    rows = [(k, u, a, b, 7_000_000 * i, 0) for i, (k, u, a, b, *_) in enumerate(ROWS)]
    path = tmp_path / "rka.md"
    lines = ["|Kode|Uraian|A|B|C|D|E|", "|---|---|---|---|---|---|---|"]
    for kode, uraian, *parts in rows:  # the last column is the sum of the first two only
        lines.append(f"|{kode}|{uraian}|" + "|".join(map(_rupiah, [*parts, sum(parts[:2])])) + "|")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = renja.process(path)
    assert not [c for c in _contract(result).row_checks if c.from_values]
    assert not [f for f in result.findings if f.check.slug == "aritmetika_baris"]
