"""The ``renja`` command: a thin skin over ``renja.process`` and ``write_result``.

This module holds the group, the shared options and ``check``, ``report`` and ``match``;
``run`` is in ``cli_run`` and ``corpus``, ``query`` and ``compare`` in ``cli_corpus``. User errors
print one line (``Error: …``) and exit 1; never a traceback. An error of the machine (a full or
read-only disk, a path through a file, a name too long) says what to do about it; a bug is an
"internal error" line, and ``--debug`` shows its traceback instead. Names are printed with their
control characters escaped (``shown``), so a file name cannot move the cursor or forge a line.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from renja.app.check_output import (
    JSON_FORMAT,
    TEXT_FORMAT,
    audit_coverage,
    check_json,
    document_json,
    finding_line,
)
from renja.model.errors import RenjaError, environment_message
from renja.model.severity import SEVERITIES, Severity, severity_rank
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


# Characters a terminal acts on instead of printing (C0 and C1 controls but the tab, DEL) and
# those that reorder or hide text (line and paragraph separators, bidirectional overrides).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    r"""Text as the console prints it: control characters escaped, as Python writes them.

    >>> print(shown("renja\n2024\x1b[31m.md"))
    renja\n2024\x1b[31m.md
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def echo(text: str, err: bool = False) -> None:
    """One line on stdout (or stderr), its control characters escaped (``shown``)."""
    click.echo(shown(text), err=err)


class UserError(click.ClickException):
    """``Error: <message>`` on stderr and exit 1; the message printed with ``shown``."""

    def format_message(self) -> str:
        return shown(self.message)


INTERNAL_HINT = "rerun with --debug"


def internal_line(exc: BaseException) -> str:
    """The one line a bug gets without ``--debug``."""
    text = " ".join(str(exc).split())
    return f"internal error ({type(exc).__name__}: {text}); report it ({INTERNAL_HINT})"


@contextmanager
def guarded(debug: bool = False) -> Iterator[None]:
    """Errors of the block as one ``Error:`` line and exit 1: renja's own (``RenjaError``),
    the machine's (``environment_message``) and a bug (``internal_line``); with ``debug`` a
    bug raises with its traceback."""
    try:
        yield
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except RenjaError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        message = environment_message(exc)
        if message is None:
            if debug:
                raise
            raise UserError(internal_line(exc)) from None
        raise UserError(message) from None
    except MemoryError:
        raise UserError("kehabisan memori; tutup program lain atau proses lebih sedikit "
                        "dokumen sekaligus") from None  # fmt: skip
    except Exception as exc:
        if debug:
            raise
        raise UserError(internal_line(exc)) from None


def debug_option(command: CommandFunction) -> CommandFunction:
    """``--debug``: show the traceback of an internal error."""
    return click.option(
        "--debug", is_flag=True, help="Show the traceback of an internal error."
    )(command)


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
            named = sorted(p for p in item.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
            found = [p for p in named if p.is_file()]
            for other in (p for p in named if not p.is_file() and not p.is_dir()):
                echo(f"Catatan: {other} dilewati: bukan berkas biasa (perangkat, FIFO, soket "
                     "atau tautan putus)", err=True)  # fmt: skip
            for note in (p for p in found if is_folder_note(p)):
                echo(f"Catatan: {note} dilewati: berkas keterangan folder, bukan dokumen",
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
    from renja.extract.pdf_limits import DEFAULT_MAX_STREAM_MB
    from renja.extract.pdf_open import DEFAULT_MAX_PAGES, ENGINES
    from renja.extract.source import DEFAULT_MAX_SIZE_MB

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
                "--max-size",
                "max_size",
                type=int,
                default=DEFAULT_MAX_SIZE_MB,
                show_default=True,
                metavar="MB",
                help="Refuse documents larger than this many MiB.",
            ),
            click.option(
                "--max-stream",
                "max_stream",
                type=int,
                default=DEFAULT_MAX_STREAM_MB,
                show_default=True,
                metavar="MB",
                help="Stop reading a PDF when one of its compressed streams unpacks to more "
                "than this many MiB (a decompression bomb).",
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
    max_size: int | None = None,
    max_stream: int | None = None,
) -> ReadOptions:
    """The reading options of a command as ``ReadOptions``; a value they cannot take is an
    ``OptionError`` naming it (the commands print it as one ``Error:`` line, exit 1)."""
    from renja.extract import ReadOptions

    limits = {
        name: value
        for name, value in (("max_size_mb", max_size), ("max_stream_mb", max_stream))
        if value is not None
    }
    return ReadOptions(
        password=password, max_pages=max_pages, ocr=ocr, engine=engine, wilayah=wilayah, **limits
    )


def load_reference(path: Path | None, required: bool) -> Nomenclature | None:
    """The nomenclature, or None (with a warning) when the default one is missing."""
    from renja.model.errors import ReferenceMissingError
    from renja.normalize.nomenclature import load_nomenclature

    try:
        return load_nomenclature(path)
    except ReferenceMissingError as exc:
        if required or path is not None:
            raise UserError(str(exc)) from None
        echo(f"Warning: codes are not verified or matched: {exc}", err=True)
        return None


@main.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@debug_option
def report(folders: tuple[Path, ...], debug: bool) -> None:
    """Rebuild the audit report and the Excel workbook of existing output folders.

    FOLDERS are document folders written by `renja run` (OUT/<doc_id>/). Each gets report.html
    and <doc_id>.xlsx again, from its manifest, tables, repairs and findings.
    """
    from renja.present.outputs import read_doc_folder
    from renja.present.report import write_report
    from renja.present.workbook import write_workbook

    for folder in folders:
        if not folder.is_dir():
            raise UserError(f"{folder}: no such output folder")
        with guarded(debug):
            read = read_doc_folder(folder)
            page, book = write_report(read), write_workbook(read)
        echo(f"{folder}: {page.name}, {book.name}")


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
@debug_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice((TEXT_FORMAT, JSON_FORMAT)),
    default=TEXT_FORMAT,
    show_default=True,
    help="text: one line per finding; json: one JSON document on stdout with every finding "
    "of every input as a record (the columns of findings.csv, typed) and each table's printed "
    "name.",
)
@pdf_options
@nomenclature_option
@wilayah_option
def check(
    inputs: tuple[Path, ...],
    fail_on: str,
    quiet: bool,
    debug: bool,
    output_format: str,
    password: str | None,
    max_pages: int,
    max_size: int,
    max_stream: int,
    ocr: bool,
    engine: str,
    nomenklatur: Path | None,
    wilayah: Path | None,
) -> None:
    """Audit Renja documents and exit 1 when they have findings (for pipelines).

    Prints one line per finding at or above --fail-on (document, id, severity, check, place,
    message; the place is the table's printed name with its id, the row, and the page or line)
    and a summary per document on stderr; writes no files. With --format json, stdout holds
    one JSON document with every finding instead. Use `renja run` to write the outputs.
    """
    from renja.app.pipeline import process

    with guarded(debug):
        options = read_options(password, max_pages, ocr, engine, wilayah, max_size, max_stream)
        options = replace(options, page_workers=os.cpu_count() or 1)  # a long PDF's pages
        documents = find_documents(inputs)
    reference = load_reference(nomenklatur, required=False)
    threshold = -1 if fail_on == NEVER else severity_rank(fail_on)
    failed = False
    parts: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    for path in documents:
        try:
            with guarded(debug):
                result = process(
                    path, nomenclature=reference, code=reference is not None, options=options
                )
        except UserError as exc:  # this document: one line, and the others go on
            echo(f"Error: {exc.format_message()}", err=True)
            errors.append({"file": shown(str(path)), "message": exc.format_message()})
            failed = True
            continue
        hits = [f for f in result.findings if f.severity.rank <= threshold]
        if output_format == JSON_FORMAT:
            parts.append(document_json(result, threshold))
        elif not quiet:
            for f in hits:
                echo(finding_line(result.doc_id, f))
        counts = {s.value: sum(f.severity is s for f in result.findings) for s in SEVERITIES}
        summary = ", ".join(f"{n} {s}" for s, n in counts.items())
        echo(f"{result.doc_id}: {summary}; {audit_coverage(result)}", err=True)
        failed = failed or bool(hits)
    if output_format == JSON_FORMAT:
        click.echo(json.dumps(check_json(parts, errors, fail_on), ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)


LEVEL_CHOICES = ("program", "kegiatan", "sub_kegiatan")


@main.command()
@click.argument("text")
@click.option(
    "--within", help="Only codes under this prefix, e.g. 5.03.01.2.07; X.XX matches any bidang."
)
@click.option("--level", type=click.Choice(LEVEL_CHOICES), help="Only codes of this level.")
@click.option(
    "--top",
    type=click.IntRange(1, 50),
    default=5,
    show_default=True,
    help="How many candidates to print.",
)
@click.option(
    "--versi",
    type=click.Choice(("1317/2023", "2027")),
    help="Nomenclature version. Default: the newest code of each name in every version.",
)
@click.option(
    "--pemda",
    type=click.Choice(("kabkota", "prov")),
    help="Type of pemda. Default: from --within, else kabkota.",
)
@nomenclature_option
def match(
    text: str,
    within: str | None,
    level: str | None,
    top: int,
    versi: str | None,
    pemda: str | None,
    nomenklatur: Path | None,
) -> None:
    """Find the Permendagri 90 code of a name.

    Prints the best candidates, one per line, best first: CODE<TAB>SCORE<TAB>NAME. When the best
    is below the acceptance score or not clearly ahead of the runner-up, it says so on stderr.
    """
    from renja.normalize.match import ACCEPT_SCORE, Matcher

    reference = load_reference(nomenklatur, required=True)
    assert reference is not None  # required=True raises instead
    matcher = Matcher(reference, version=versi, jenis_pemda=pemda)
    result = matcher.match(text, level=level, within=within, top=top)
    for candidate in result.candidates:
        echo(f"{candidate.code}\t{candidate.score:g}\t{candidate.name}")
    best = result.best
    if best is None:
        click.echo("Not sure: no candidate at this level and prefix.", err=True)
    elif not result.accepted:
        needed = matcher.needed_margin(matcher.normalizer(text), best)
        click.echo(
            f"Not sure: the best candidate scores {best.score:g} and leads the next code by "
            f"{result.margin:g}; a code is accepted at {ACCEPT_SCORE:g} or more with a lead "
            f"of {needed:g}.",
            err=True,
        )


from renja.app import cli_corpus, cli_run  # noqa: E402, F401  (register run, corpus, query, compare)

if __name__ == "__main__":
    main()
