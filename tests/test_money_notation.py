"""Money as converters and authors write it: ``Rp. 82.690.900.-`` (a dot before the dash of
whole rupiah; an LLM converter's output) and thousands grouped by thin spaces
(``171 130 251 000``). The first was read as words and pushed into the next text column, so its
kegiatan had no pagu and its program a false ``jumlah_rincian``; the second left a whole table
unaudited.

The documents are Markdown written here.
"""

from __future__ import annotations

from pathlib import Path

import renja

THIN = "\u2009"
PAGU = "pagu_indikatif_2026"
VALUES = [82_690_900, 82_690_900, 54_277_900, 28_413_000]


def _table(path: Path, amounts: list[str]) -> renja.Result:
    rows = [
        ("1.06.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"),
        ("1.06.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"),
        ("1.06.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah"),
        ("1.06.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah"),
    ]
    lines = ["| Kode | Program/Kegiatan/Sub Kegiatan | Pagu Indikatif 2026 | Sumber Dana |",
             "|---|---|---|---|"]  # fmt: skip
    for (kode, uraian), amount in zip(rows, amounts, strict=True):
        lines.append(f"| {kode} | {uraian} | {amount} | {'DAU' if len(kode) > 12 else ''} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return renja.process(path)


def test_whole_rupiah_after_a_dot_is_an_amount(tmp_path: Path) -> None:
    amounts = ["Rp 82.690.900,-", "Rp. 82.690.900.-", "54.277.900", "Rp 28.413.000,-"]
    result = _table(tmp_path / "llm.md", amounts)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert list(table.frame[PAGU]) == VALUES
    assert table.frame["sumber_dana"].tolist()[:2] == [None, None]
    assert not [f for f in result.findings if f.severity == "error"]


def test_thousands_grouped_by_thin_spaces_are_read(tmp_path: Path) -> None:
    amounts = [THIN.join(["82", "690", "900"]), THIN.join(["82", "690", "900"]),
               THIN.join(["54", "277", "900"]), THIN.join(["28", "413", "000"])]  # fmt: skip
    result = _table(tmp_path / "tipis.md", amounts)
    [table] = [t for t in result.tables if not t.frame.empty]
    assert list(table.frame[PAGU]) == VALUES
    assert result.audits[table.table_id].status.value == "diperiksa"
    assert {r.rule for r in result.repairs if r.column == PAGU} == {"read_space_thousands"}
