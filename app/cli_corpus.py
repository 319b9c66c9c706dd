"""``renja corpus``, ``renja query`` and ``renja compare``: the combined dataset of an output
folder, SQL over it, and comparisons by code. Registered on the ``renja`` group."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from renja.app.cli import (
    DEFAULT_OUT,
    debug_option,
    echo,
    guarded,
    load_reference,
    main,
    nomenclature_option,
    shown,
    warning_line,
)
from renja.model.i18n import N_, _, group_digits

if TYPE_CHECKING:
    from renja.normalize.nomenclature import Nomenclature

DEFAULT_CORPUS = DEFAULT_OUT / "corpus"

corpus_option = click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_CORPUS,
    show_default=True,
    help=N_("The corpus folder (OUT/corpus)."),
)


CORPUS_HELP = N_(
    "Rebuild OUT/corpus/ from the document folders in OUT (default: outputs), and its "
    "comparisons, OUT/corpus/compare/ (as `renja compare` writes them).\n"
    "\n"
    "Writes dokumen.parquet, tabel.parquet, baris/ (every clean row, amounts in long form, one "
    "file per year), pagu.parquet (each document's budget once: safe to sum), "
    "sub_kegiatan.parquet, temuan.parquet, renja.duckdb (the same tables, for `renja query` and "
    "any DuckDB tool), datapackage.json (the data dictionary) and README.md. The nomenclature, "
    "when found, names the levels of the hierarchy a document does not print."
)


@main.command(help=CORPUS_HELP)
@click.argument(
    "out_dir", required=False, default=DEFAULT_OUT, type=click.Path(path_type=Path)
)  # fmt: skip
@click.option(
    "--csv-aman",
    "safe_csv",
    is_flag=True,
    help=N_("The comparisons' CSV text cells starting with = + - @ get a ' before them."),
)
@nomenclature_option
@debug_option
def corpus(out_dir: Path, safe_csv: bool, nomenklatur: Path | None, debug: bool) -> None:
    """``renja corpus``: ``CORPUS_HELP``."""
    from renja.app.cli_run import owned_folder
    from renja.model.publish import is_marked

    reference = _optional_reference(nomenklatur)
    if is_marked(out_dir):  # renja's folder: locked against a run, and cleared of stale ones
        with owned_folder(out_dir, debug):
            corpus_and_comparison(out_dir, reference, False, safe_csv, debug)
    else:  # an output folder of an older renja: only OUT/corpus/ is written (when renja's)
        corpus_and_comparison(out_dir, reference, False, safe_csv, debug)


def corpus_and_comparison(
    out_dir: Path, reference: Nomenclature | None, quiet: bool, safe_csv: bool, debug: bool
) -> None:
    """OUT/corpus/ from every document folder of OUT, and its comparisons (corpus/compare/):
    building the corpus replaces the folder whole, so the comparisons are always built again.
    A corpus with nothing to compare is a warning; the corpus still stands. A comparison that
    fails otherwise (a bug, a full disk) is the command's one error line and exit 1, after the
    corpus is written: a script sees that the comparisons are missing."""
    from renja.model.errors import RenjaError
    from renja.present.compare import COMPARE, compare
    from renja.present.corpus import build_corpus

    with guarded(debug):
        built = build_corpus(out_dir, reference)
    if not quiet:
        echo(built.line())
    with guarded(debug):
        try:
            compared = compare(built.folder, built.folder / COMPARE, reference, safe_csv)
        except RenjaError as exc:  # nothing coded to compare: the corpus still stands
            echo(warning_line(f"compare: {exc}"), err=True)
            return
    if not quiet:
        echo(compared.line())


def _optional_reference(path: Path | None) -> Nomenclature | None:
    """The nomenclature named, or the default one when it is found (else None, silently: the
    corpus only borrows names from it)."""
    if path is not None:
        return load_reference(path, required=True)
    from renja.model.errors import ReferenceMissingError
    from renja.normalize.nomenclature import load_nomenclature

    try:
        return load_nomenclature(None)
    except ReferenceMissingError:
        return None


QUERY_HELP = N_(
    "Run SQL against the corpus: tables dokumen, tabel, baris, pagu, sub_kegiatan, temuan.\n"
    "\n"
    "Queries only read: files outside the corpus folder, writing (COPY, EXPORT) and extensions "
    "are refused. For other analyses, open corpus/renja.duckdb with DuckDB itself.\n"
    "\n"
    "\b\n"
    "Example:\n"
    '  renja query "SELECT skpd_baku, tahun_anggaran, sum(pagu) FROM pagu WHERE terkini GROUP '
    'BY ALL"'
)


@main.command(help=QUERY_HELP)
@click.argument("sql")
@corpus_option
@click.option(
    "--csv", "as_csv", is_flag=True, help=N_("Print CSV (for pipes) instead of a table.")
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help=N_("Rows shown in the table (CSV prints them all)."),
)
@debug_option
def query(sql: str, corpus_dir: Path, as_csv: bool, limit: int, debug: bool) -> None:
    """``renja query``: ``QUERY_HELP``."""
    from renja.present.corpus import query as run_query

    with guarded(debug):
        frame = run_query(corpus_dir, sql)
    if as_csv:
        frame.to_csv(sys.stdout, index=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.head(limit).itertuples(index=False):
        table.add_row(*("" if _missing(v) else shown(str(v)) for v in row))
    console = Console()
    console.print(table)  # rich prints control characters as they are: shown() escapes them
    if len(frame) > limit:
        console.print(
            _("{n} rows; the first {limit} shown (--limit, or --csv for all)").format(
                n=group_digits(len(frame)), limit=limit
            )
        )


def _missing(value: object) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))  # None, NaN, NA
    except (TypeError, ValueError):  # a list or array cell
        return False


COMPARE_HELP = N_(
    "Compare documents by nomenclature code: program shares of each SKPD, pagu per sub kegiatan "
    "across documents, murni against perubahan, and year on year (renumbered codes followed "
    "through the 2027 list). Writes CSVs, PNG charts and one HTML page."
)


@main.command(help=COMPARE_HELP)
@corpus_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    help=N_(
        "Folder for the CSVs, charts and compare.html.  [default: CORPUS/compare]. It is "
        "replaced whole: an existing folder must be empty or one renja made."
    ),
)
@click.option(
    "--csv-aman",
    "safe_csv",
    is_flag=True,
    help=N_("CSV text cells starting with = + - @ get a ' before them (numbers never do)."),
)
@nomenclature_option
@debug_option
def compare(
    corpus_dir: Path, out_dir: Path | None, safe_csv: bool, nomenklatur: Path | None, debug: bool
) -> None:
    """``renja compare``: ``COMPARE_HELP``."""
    from renja.present.compare import COMPARE
    from renja.present.compare import compare as run_compare

    reference = load_reference(nomenklatur, required=False)
    with guarded(debug):
        done = run_compare(corpus_dir, out_dir or corpus_dir / COMPARE, reference, safe_csv)
    echo(done.line())


__all__ = ["compare", "corpus", "corpus_and_comparison", "query"]
