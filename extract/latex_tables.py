"""LaTeX ``tabular`` tables, as Mathpix and Nougat write a PDF's tables into their Markdown:
``\\begin{tabular}{|c|l|r|}``, cells between ``&``, rows ended by ``\\\\``, ``\\hline`` and
``\\cline{…}`` rules, ``\\multicolumn{n}{c}{…}`` and ``\\multirow{n}{*}{…}`` spans, and a long
cell's lines as a ``tabular`` nested in it. Left as text, such a table reached no clean table
and nothing said so. Each row becomes a row of cells (a spanned cell's text in its first slot,
a nested cell's lines joined by ``<br>``, as other converters write them), read as any table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from renja.extract.html_tables import MAX_COLSPAN

_BEGIN = re.compile(r"\\begin\{tabular\}")
_TOKEN = re.compile(r"\\begin\{tabular\}|\\end\{tabular\}")
# A column specification just after ``\begin{tabular}``: ``{|c|l|r|}``, ``{p{3cm}ll}``.
_SPEC = re.compile(r"\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_RULES = re.compile(r"\\(?:hline|toprule|midrule|bottomrule|cline\s*\{[^}]*\})")
_SPAN = re.compile(r"\\multi(column|row)\s*\{\s*(\d+)\s*\}\s*\{[^{}]*\}\s*\{")
# Escaped characters and spacing commands a converter writes in cell text.
_ESCAPES = {r"\%": "%", r"\_": "_", r"\&": "&", r"\$": "$", r"\#": "#", r"\,": "", r"\;": " ",
            r"\ ": " ", "~": " "}  # fmt: skip


@dataclass(frozen=True, slots=True)
class LatexRow:
    cells: list[str]
    line: int  # 1-based line of the row's first text
    header: bool = False


def find_latex_tables(lines: list[str]) -> list[tuple[int, int]]:
    """Each top-level ``tabular`` as the 0-based indices of its first and last lines.

    >>> find_latex_tables(["a", "\\\\begin{tabular}{ll}", "x & \\\\begin{tabular}{l} y",
    ...                    "\\\\end{tabular} \\\\\\\\", "\\\\end{tabular}", "b"])
    [(1, 4)]
    """
    out: list[tuple[int, int]] = []
    depth, start = 0, 0
    for index, line in enumerate(lines):
        for token in _TOKEN.finditer(line):
            if token.group().startswith("\\begin"):
                if depth == 0:
                    start = index
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    out.append((start, index))
    return out


def parse_latex_table(lines: list[str], first_line: int) -> list[LatexRow]:
    """The rows of one ``tabular`` (``lines`` from its ``\\begin`` to its ``\\end``).

    >>> begin, end, row_end = "\\\\begin{tabular}", "\\\\end{tabular}", " \\\\\\\\"
    >>> rows = parse_latex_table([
    ...     begin + "{|l|r|}", "\\\\hline Kode & \\\\multicolumn{2}{c}{Pagu (Rp)}" + row_end,
    ...     "\\\\hline 2.11 & " + begin + "{l} URUSAN \\\\\\\\ LINGKUNGAN " + end
    ...     + " & 5\\\\%" + row_end,
    ...     end], 10)
    >>> [(r.cells, r.line) for r in rows]
    [(['Kode', 'Pagu (Rp)', ''], 11), (['2.11', 'URUSAN<br>LINGKUNGAN', '5%'], 12)]
    """
    text = "\n".join(lines)
    begin = _BEGIN.search(text)
    if begin is None:
        return []
    spec = _SPEC.match(text, begin.end())
    body_start = spec.end() if spec else begin.end()
    end = text.rfind("\\end{tabular}")
    body = text[body_start:end if end > body_start else len(text)]
    rows: list[LatexRow] = []
    offset = body_start
    for raw in _split_top(body, "\\\\"):
        line = first_line + text.count("\n", 0, offset + len(raw) - len(raw.lstrip()))
        offset += len(raw) + 2
        cells: list[str] = []
        for cell in _split_top(_RULES.sub(" ", raw), "&"):
            cells += _cell(cell)
        if any(c for c in cells):
            rows.append(LatexRow(cells, line))
    return rows


def _split_top(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` where it stands outside braces and nested tabulars."""
    parts: list[str] = []
    depth = nested = 0
    start = index = 0
    while index < len(text):
        if text.startswith("\\begin{tabular}", index):
            nested += 1
            index += len("\\begin{tabular}")
            continue
        if text.startswith("\\end{tabular}", index):
            nested = max(nested - 1, 0)
            index += len("\\end{tabular}")
            continue
        char = text[index]
        if char == "\\" and not text.startswith(separator, index):
            index += 2  # an escaped character (``\{``, ``\%``) or a command's backslash
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and nested == 0 and text.startswith(separator, index):
            parts.append(text[start:index])
            index += len(separator)
            start = index
            continue
        index += 1
    parts.append(text[start:])
    if parts and not parts[-1].strip():
        parts.pop()  # the text after the last row's end
    return parts


def _cell(text: str) -> list[str]:
    """A cell as the slots it fills: its text, then an empty slot per further column a
    ``\\multicolumn`` spans (a ``\\multirow``'s text goes in its first row)."""
    text = text.strip()
    span = _SPAN.match(text)
    width = 1
    if span:
        inner, rest = _braced(text, span.end() - 1)
        # (as an HTML colspan, a span past any table's width is a broken one)
        width = min(int(span.group(2)), MAX_COLSPAN) if span.group(1) == "column" else 1
        text = inner + rest
    return [_clean(text), *[""] * (width - 1)]


def _braced(text: str, open_index: int) -> tuple[str, str]:
    """The text inside the braces opening at ``open_index``, and the text after them."""
    depth = 0
    for index in range(open_index, len(text)):
        if text[index] == "{" and text[index - 1] != "\\":
            depth += 1
        elif text[index] == "}" and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[open_index + 1 : index], text[index + 1 :]
    return text[open_index + 1 :], ""


def _clean(text: str) -> str:
    """A cell's text: a nested tabular's lines joined by ``<br>``, escapes undone, spacing
    collapsed."""
    if "\\begin{tabular}" in text:
        inner = re.sub(r"\\begin\{tabular\}\s*\{[^{}]*\}|\\end\{tabular\}", "", text)
        inner = _RULES.sub(" ", inner)
        lines = [_clean(part) for part in _split_top(inner, "\\\\")]
        return "<br>".join(line for line in lines if line)
    for escaped, plain in _ESCAPES.items():
        text = text.replace(escaped, plain)
    text = re.sub(r"\\text(?:bf|it|rm)?\s*\{([^{}]*)\}", r"\1", text)
    return " ".join(text.replace("{", " ").replace("}", " ").split())


__all__ = ["LatexRow", "find_latex_tables", "parse_latex_table"]
