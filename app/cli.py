"""The ``renja`` command: a thin skin over ``renja.process`` and ``write_result``.

This module holds the group, the shared options and ``check`` and ``report``; ``run`` is in
``cli_run``, ``corpus``, ``query`` and ``compare`` in ``cli_corpus``, ``match`` and ``reconcile``
in ``cli_match``. User errors
print one line (``Error: …``) and exit 1; never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from renja.model.errors import RenjaError
from renja.model.result import Result
from renja.model.severity import SEVERITIES, Severity, severity_rank
from renja.model.tables import AuditStatus
from renja.model.version import __version__

if TYPE_CHECKING:
    from rich.progress import Progress

    from renja.extract.pdf_open import ReadOptions
    from renja.normalize.nomenclature import Nomenclature

DEFAULT_OUT = Path("outputs")

# A command's function, before or after click made it a command: what option decorators take.
CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


# Files a folder of documents often holds beside them, which are no documents: they are skipped
# with a note (named as input, they are read like any other file).
NOT_DOCUMENTS = frozenset(
    {"readme", "source", "sources", "license", "licence", "changelog", "contributing", "notice",
     "authors", "copying", "sumber", "catatan"}
)  # fmt: skip


def is_folder_note(path: Path) -> bool:
    """A folder's own notes (``README.md``, ``SOURCE.md``), not a document.

    >>> is_folder_note(Path("real/SOURCE.md")), is_folder_note(Path("renja-2024.md"))
    (True, False)
    """
    return path.stem.lower() in NOT_DOCUMENTS


def find_documents(inputs: tuple[Path, ...]) -> list[Path]:
    """The documents named by the inputs: files as given, folders searched (not recursively).
    A folder's own notes (README.md, SOURCE.md) are skipped with a note on stderr."""
    from renja.extract import SUPPORTED_SUFFIXES

    documents: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files = sorted(p for p in item.iterdir() if p.is_file())
            found = [p for p in files if p.suffix.lower() in SUPPORTED_SUFFIXES]
            for note in (p for p in found if is_folder_note(p)):
                click.echo(f"Catatan: {note} dilewati: berkas keterangan folder, bukan dokumen",
                           err=True)  # fmt: skip
            found = [p for p in found if not is_folder_note(p)]
            if not found:
                raise RenjaError(
                    f"{item}: no documents to process (looked for "
                    + ", ".join(sorted(SUPPORTED_SUFFIXES))
                    + ")"
                )
            documents.extend(found)
        else:
            documents.append(item)
    return documents


@contextmanager
def progress_bar(total: int, quiet: bool) -> Iterator[Progress | None]:
    """A progress bar on stderr when there is more than one document."""
    if total <= 1 or quiet:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    ) as progress:
        yield progress


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="renja")
def main() -> None:
    """renja: Renja documents (PDF or Markdown) in, clean validated datasets out.

    \b
    Quick start:
      renja run samples/ --out outputs/
    """


def nomenclature_option(command: CommandFunction) -> CommandFunction:
    """The ``--nomenklatur`` option, shared by every command that reads the reference."""
    return click.option(
        "--nomenklatur",
        "nomenklatur",
        type=click.Path(path_type=Path),
        default=None,
        help="Folder (or .csv / SIPD .xlsx file) of the Permendagri 90 nomenclature. "
        "Default: $RENJA_NOMENKLATUR, else ../shared/reference/permendagri90.",
    )(command)


def wilayah_option(command: CommandFunction) -> CommandFunction:
    """The ``--wilayah`` option: where the Kemendagri list of regions is (document metadata)."""
    return click.option(
        "--wilayah",
        "wilayah",
        type=click.Path(exists=True, path_type=Path),
        default=None,
        help="Folder (or .csv file) of the Kemendagri region codes, kode_wilayah_prov_kabkota.csv: "
        "checks the pemda a document names and gives kabupaten/kota their kode_pemda. "
        "Default: $RENJA_WILAYAH, else ../shared/reference/wilayah.",
    )(command)


def pdf_options(command: CommandFunction) -> CommandFunction:
    """``--password``, ``--max-pages``, ``--ocr`` and ``--engine``: how to read PDFs. Their values
    are checked by ``ReadOptions`` (``read_options``), the one owner of what they may be."""
    from renja.extract.pdf_open import DEFAULT_MAX_PAGES, ENGINES

    for option in reversed(
        (
            click.option("--password", default=None, help="Password of encrypted PDFs."),
            click.option(
                "--max-pages",
                type=int,
                default=DEFAULT_MAX_PAGES,
                show_default=True,
                help="Refuse PDFs with more pages than this.",
            ),
            click.option(
                "--ocr",
                is_flag=True,
                help="Recognise the text of scanned pages first (needs ocrmypdf and tesseract).",
            ),
            click.option(
                "--engine",
                metavar="[" + "|".join(ENGINES) + "]",
                default="auto",
                show_default=True,
                help="Table engines for PDFs. auto: camelot (lattice) reads again the pages "
                "pdfplumber seems to misread (merged amount columns, a grid only in a picture) "
                "and the better reading is kept; camelot: every page read by both; "
                "pdfplumber: pdfplumber alone. The choice is recorded in the manifest.",
            ),
        )
    ):
        command = option(command)
    return command


def read_options(
    password: str | None,
    max_pages: int,
    ocr: bool,
    engine: str = "auto",
    wilayah: Path | None = None,
) -> ReadOptions:
    """The PDF options of a command as ``ReadOptions``; a value they cannot take is an
    ``OptionError`` naming it (the commands print it as one ``Error:`` line, exit 1)."""
    from renja.extract import ReadOptions

    return ReadOptions(
        password=password, max_pages=max_pages, ocr=ocr, engine=engine, wilayah=wilayah
    )


def load_reference(path: Path | None, required: bool) -> Nomenclature | None:
    """The nomenclature, or None (with a warning) when the default one is missing."""
    from renja.model.errors import ReferenceMissingError
    from renja.normalize.nomenclature import load_nomenclature

    try:
        return load_nomenclature(path)
    except ReferenceMissingError as exc:
        if required or path is not None:
            raise click.ClickException(str(exc)) from None
        click.echo(f"Warning: codes are not verified or matched: {exc}", err=True)
        return None


@main.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
def report(folders: tuple[Path, ...]) -> None:
    """Rebuild the audit report and the Excel workbook of existing output folders.

    FOLDERS are document folders written by `renja run` (OUT/<doc_id>/). Each gets report.html
    and <doc_id>.xlsx again, from its manifest, tables, repairs and findings.
    """
    from renja.present.report import write_report
    from renja.present.workbook import write_workbook

    for folder in folders:
        if not folder.is_dir():
            raise click.ClickException(f"{folder}: no such output folder")
        try:
            page, book = write_report(folder), write_workbook(folder)
        except RenjaError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"{folder}: {page.name}, {book.name}")


NEVER = "never"  # --fail-on: no finding fails the run


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--fail-on",
    type=click.Choice((*(s.value for s in SEVERITIES), NEVER)),
    default=Severity.ERROR.value,
    show_default=True,
    help="Exit 1 when a finding of this severity or worse is found.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print the summary line only.")
@pdf_options
@nomenclature_option
@wilayah_option
def check(
    inputs: tuple[Path, ...],
    fail_on: str,
    quiet: bool,
    password: str | None,
    max_pages: int,
    ocr: bool,
    engine: str,
    nomenklatur: Path | None,
    wilayah: Path | None,
) -> None:
    """Audit Renja documents and exit 1 when they have findings (for pipelines).

    Prints one line per finding at or above --fail-on (id, severity, check, table:row, message)
    and a summary per document; writes no files. Use `renja run` to write the outputs.
    """
    from renja.app.pipeline import process

    try:
        options = read_options(password, max_pages, ocr, engine, wilayah)
        documents = find_documents(inputs)
    except RenjaError as exc:
        raise click.ClickException(str(exc)) from None
    reference = load_reference(nomenklatur, required=False)
    threshold = -1 if fail_on == NEVER else severity_rank(fail_on)
    failed = False
    for path in documents:
        try:
            result = process(
                path, nomenclature=reference, code=reference is not None, options=options
            )
        except RenjaError as exc:
            click.echo(f"Error: {exc}", err=True)
            failed = True
            continue
        hits = [f for f in result.findings if f.severity.rank <= threshold]
        if not quiet:
            for f in hits:
                where = f"{f.table}:{f.row}" if f.table else "-"
                click.echo(
                    f"{result.doc_id}\t{f.id}\t{f.severity.value}\t{f.check}\t{where}\t{f.message}"
                )
        counts = {s.value: sum(f.severity is s for f in result.findings) for s in SEVERITIES}
        summary = ", ".join(f"{n} {s}" for s, n in counts.items())
        click.echo(f"{result.doc_id}: {summary}; {audit_coverage(result)}", err=True)
        failed = failed or bool(hits)
    if failed:
        sys.exit(1)


def audit_coverage(result: Result) -> str:
    """How many of a document's data tables were audited in full, and which were not: a
    document with no finding is only clean where its tables were checked."""
    data = [t for t, a in result.audits.items() if a.status is not AuditStatus.NOT_DATA]
    checked = [t for t in data if result.audits[t].status is AuditStatus.CHECKED]
    text = f"{len(checked)} of {len(data)} data tables audited"
    partial = [t for t in data if result.audits[t].status is AuditStatus.INCOMPLETE]
    if partial:
        text += f" ({len(partial)} not read whole: {', '.join(partial)})"
    if data and not checked:
        text += "; NO TABLE AUDITED: no finding does not mean clean"
    return text


from renja.app import (  # noqa: E402, F401  (register run, corpus, query, compare, match, reconcile)
    cli_corpus,
    cli_match,
    cli_run,
)

if __name__ == "__main__":
    main()
