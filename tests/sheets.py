"""Reading renja's workbook in tests: each table's sheet by its table id."""

from __future__ import annotations

from typing import Any


def table_sheets(book: Any) -> dict[str, Any]:
    """Each table's sheet, by table id: the Ringkasan links to it."""
    out = {}
    for row in book["Ringkasan"].iter_rows(min_row=2):
        if row[0].value == "tabel" and row[1].hyperlink is not None:
            name = row[1].hyperlink.location.rsplit("!", 1)[0].strip("'").replace("''", "'")
            out[row[1].value] = book[name]
    return out
