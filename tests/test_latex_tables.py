"""Mathpix and Nougat write a PDF's tables into their Markdown as LaTeX ``tabular``: ``&``
between cells, ``\\\\`` ending rows, ``\\multicolumn`` and ``\\multirow`` spans, a long cell
as a ``tabular`` nested in it. Such a table was left as text: no clean table, and nothing
said so. It is read as any converter's table (extract/latex_tables.py).
"""

from __future__ import annotations

from pathlib import Path

import renja

ROWS = [  # kode, name (two lines), five years, Kondisi Akhir (the sum; 2.11.02.2.01.0002's not)
    ("2.11.02", "PROGRAM PERENCANAAN \\\\ LINGKUNGAN HIDUP",
     [100, 110, 120, 130, 140], 600),
    ("2.11.02.2.01", "Rencana Perlindungan dan \\\\ Pengelolaan Lingkungan Hidup",
     [100, 110, 120, 130, 140], 600),
    ("2.11.02.2.01.0002", "Pengendalian Pelaksanaan RPPLH \\\\ Kabupaten/Kota",
     [60, 70, 80, 90, 100], 420),
    ("2.11.02.2.01.0003", "Koordinasi dan Sinkronisasi \\\\ Pengendalian RPPLH",
     [40, 40, 40, 40, 40], 200),
]  # fmt: skip


def _rupiah(millions: int) -> str:
    return f"{millions * 1_000_000:,}".replace(",", ".")


def _document() -> str:
    lines = [
        "\\section*{BAB VI \\\\ RENCANA PROGRAM, KEGIATAN DAN PENDANAAN}", "",
        "Tabel 6.1 Rencana Program, Kegiatan dan Pendanaan Tahun 2025-2029", "",
        "\\begin{tabular}{|c|l|r|r|r|r|r|r|}",
        "\\hline \\multirow{2}{*}{ Kode } & \\multirow{2}{*}{ Program/Kegiatan } & "
        "\\multicolumn{5}{|c|}{ Pagu Indikatif (Rp) } & "
        "\\multirow{2}{*}{ Kondisi Akhir (Rp) } \\\\",
        "\\cline { 3 - 7 } & & 2025 & 2026 & 2027 & 2028 & 2029 & \\\\",
    ]  # fmt: skip
    for kode, name, years, total in ROWS:
        cells = [kode, f"\\begin{{tabular}}{{l}}\n{name}\n\\end{{tabular}}",
                 *map(_rupiah, years), _rupiah(total)]  # fmt: skip
        lines.append("\\hline " + " & ".join(cells) + " \\\\")
    lines += ["\\hline", "\\end{tabular}", "", "Sumber: DLHK, 2025"]
    return "\n".join(lines) + "\n"


def test_a_latex_tabular_is_read_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "renstra.md"
    path.write_text(_document(), encoding="utf-8")
    result = renja.process(path)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert list(table.frame["kode"]) == [r[0] for r in ROWS]
    assert table.frame["uraian"].iloc[0] == "PROGRAM PERENCANAAN LINGKUNGAN HIDUP"
    rows = [(f.check, f.kode) for f in result.findings if f.check == "aritmetika_baris"]
    assert rows == [("aritmetika_baris", "2.11.02.2.01.0002")]  # 400, printed 420
