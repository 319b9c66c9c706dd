"""The ``renja`` command: a thin skin over ``renja.process`` and ``write_result``.

This module holds the group, the shared options and ``check`` and ``report``; ``run`` is in
``cli_run``, ``corpus``, ``query`` and ``compare`` in ``cli_corpus``, ``match`` and ``reconcile``
in ``cli_match``. User errors print one line (``Error: …``) and exit 1; never a traceback. An
error of the machine (a full or read-only disk, a path through a file, a name too long) says
what to do about it; a bug is an "internal error" line, and ``--debug`` shows its traceback
instead. Names are printed with their control characters escaped (``shown``), so a file name
cannot move the cursor or forge a line.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from renja.app.check_output import (
    JSON_FORMAT,
    TEXT_FORMAT,
    audit_coverage,
    audited_text,
    check_json,
    document_json,
    finding_line,
    folder_json,
)
from renja.app.cli_text import Group
from renja.model.errors import RenjaError, environment_message
from renja.model.i18n import N_, _, group_digits
from renja.model.records import Finding
from renja.model.severity import SEVERITIES, Severity, severity_rank
from renja.model.tables import AuditStatus
from renja.model.version import __version__

if TYPE_CHECKING:
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


INTERNAL_HINT = N_("rerun with --debug")


def internal_line(exc: BaseException) -> str:
    """The one line a bug gets without ``--debug``."""
    text = " ".join(str(exc).split())
    return _("internal error ({reason}); report it ({hint})").format(
        reason=f"{type(exc).__name__}: {text}", hint=_(INTERNAL_HINT)
    )


def error_line(message: str) -> str:
    """A document's error, on its own line while the others go on (click's ``Error:`` line)."""
    return _("Error: {message}").format(message=message)


def warning_line(message: str) -> str:
    """A warning on its own line."""
    return _("Warning: {message}").format(message=message)


def note_line(message: str) -> str:
    """A note on its own line (something skipped, for instance)."""
    return _("Note: {message}").format(message=message)


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
        raise UserError(
            _("out of memory; close other programs or process fewer documents at once")
        ) from None
    except Exception as exc:
        if debug:
            raise
        raise UserError(internal_line(exc)) from None


def debug_option(command: CommandFunction) -> CommandFunction:
    """``--debug``: show the traceback of an internal error."""
    return click.option("--debug", is_flag=True, help=DEBUG_HELP)(command)


DEBUG_HELP = N_("Show the traceback of an internal error.")


def progress_option(command: CommandFunction) -> CommandFunction:
    """``--progress/--no-progress``: the pages of a PDF as they are read
    (``renja.app.progress``)."""
    return click.option(
        "--progress/--no-progress",
        "show_progress",
        default=None,
        help=N_(
            "Show the pages of each PDF as they are read, on stderr.  [default: when stderr is "
            "a terminal; never with -q]"
        ),
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
                echo(note_line(_("{path} skipped: no regular file (a device, FIFO, socket or "
                                 "broken link)").format(path=other)), err=True)  # fmt: skip
            for note in (p for p in found if is_folder_note(p)):
                echo(note_line(_("{path} skipped: a note of the folder, no document")
                               .format(path=note)), err=True)  # fmt: skip
            found = [p for p in found if not is_folder_note(p)]
            if not found:
                raise RenjaError(
                    _("{path}: no documents to process (looked for {suffixes})").format(
                        path=item, suffixes=", ".join(sorted(SUPPORTED_SUFFIXES))
                    )
                )
            documents.extend(found)
        else:
            documents.append(item)
    return documents


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_(
        "renja: Renja documents (PDF or Markdown) in, clean validated datasets out.\n"
        "\n"
        "\b\n"
        "Quick start:\n"
        "  renja run samples/ --out outputs/"
    ),
)
@click.version_option(__version__, prog_name="renja")
def main() -> None:
    """The ``renja`` group: its help is the ``help`` above (marked for the catalogue)."""


def nomenclature_option(command: CommandFunction) -> CommandFunction:
    """The ``--nomenklatur`` option, shared by every command that reads the reference."""
    return click.option(
        "--nomenklatur",
        "nomenklatur",
        type=click.Path(path_type=Path),
        default=None,
        help=N_(
            "Folder (or .csv / SIPD .xlsx file) of the Permendagri 90 nomenclature. Default: "
            "$RENJA_NOMENKLATUR, else ../shared/reference/permendagri90."
        ),
    )(command)


def wilayah_option(command: CommandFunction) -> CommandFunction:
    """The ``--wilayah`` option: where the Kemendagri list of regions is (document metadata)."""
    return click.option(
        "--wilayah",
        "wilayah",
        type=click.Path(exists=True, path_type=Path),
        default=None,
        help=N_(
            "Folder (or .csv file) of the Kemendagri region codes, kode_wilayah_prov_kabkota.csv: "
            "checks the pemda a document names and gives kabupaten/kota their kode_pemda. "
            "Default: $RENJA_WILAYAH, else ../shared/reference/wilayah."
        ),
    )(command)


# The parameters ``pdf_options`` adds, gathered into one ``PdfArgs`` argument, ``pdf``.
PDF_PARAMS = ("password", "max_pages", "max_size", "max_stream", "ocr", "engine")


@dataclass(frozen=True)
class PdfArgs:
    """How to read PDFs, as given on the command line; checked by ``ReadOptions``."""

    password: str | None
    max_pages: int
    max_size: int
    max_stream: int
    ocr: bool
    engine: str

    def read_options(self, wilayah: Path | None) -> ReadOptions:
        """These options as ``ReadOptions`` (see ``read_options``)."""
        return read_options(self.password, self.max_pages, self.ocr, self.engine, wilayah,
                            self.max_size, self.max_stream)  # fmt: skip


def pdf_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--password``, ``--max-pages``, ``--max-size``, ``--max-stream``, ``--ocr`` and
    ``--engine``: how to read PDFs, given to the command as one argument, ``pdf`` (a
    ``PdfArgs``). Their values are checked by ``ReadOptions`` (``read_options``), the one owner
    of what they may be."""
    from renja.extract.pdf_limits import DEFAULT_MAX_STREAM_MB
    from renja.extract.pdf_open import DEFAULT_MAX_PAGES, ENGINES
    from renja.extract.source import DEFAULT_MAX_SIZE_MB

    @functools.wraps(command)  # keeps the options already added (``__click_params__``)
    def gathered(*args: Any, **kwargs: Any) -> Any:
        pdf = PdfArgs(**{name: kwargs.pop(name) for name in PDF_PARAMS})
        return command(*args, pdf=pdf, **kwargs)

    for option in reversed(
        (
            click.option("--password", default=None, help=N_("Password of encrypted PDFs.")),
            click.option(
                "--max-pages",
                type=int,
                default=DEFAULT_MAX_PAGES,
                show_default=True,
                help=N_("Refuse PDFs with more pages than this."),
            ),
            click.option(
                "--max-size",
                "max_size",
                type=int,
                default=DEFAULT_MAX_SIZE_MB,
                show_default=True,
                metavar="MB",
                help=N_("Refuse documents larger than this many MiB."),
            ),
            click.option(
                "--max-stream",
                "max_stream",
                type=int,
                default=DEFAULT_MAX_STREAM_MB,
                show_default=True,
                metavar="MB",
                help=N_(
                    "Stop reading a PDF when one of its compressed streams unpacks to more than "
                    "this many MiB (a decompression bomb)."
                ),
            ),
            click.option(
                "--ocr",
                is_flag=True,
                help=N_(
                    "Recognise the text of scanned pages first (needs ocrmypdf and tesseract)."
                ),
            ),
            click.option(
                "--engine",
                metavar="[" + "|".join(ENGINES) + "]",
                default="auto",
                show_default=True,
                help=N_(
                    "Table engines for PDFs. auto: camelot (lattice) reads again the pages "
                    "pdfplumber seems to misread (merged amount columns, a grid only in a "
                    "picture) and the better reading is kept; camelot: every page read by both; "
                    "pdfplumber: pdfplumber alone. The choice is recorded in the manifest."
                ),
            ),
        )
    ):
        gathered = option(gathered)
    return gathered


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
        echo(warning_line(_("codes are not verified or matched: {reason}").format(reason=exc)),
             err=True)  # fmt: skip
        return None


REPORT_HELP = N_(
    "Rebuild the audit report and the Excel workbook of existing output folders.\n"
    "\n"
    "FOLDERS are document folders written by `renja run` (OUT/<doc_id>/), or folders holding "
    "them (OUT/): each document gets report.html and <doc_id>.xlsx again, from its manifest, "
    "tables, repairs and findings. To check edited tables again first, run `renja check` on "
    "the folder."
)


@main.command(help=REPORT_HELP)
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@debug_option
def report(folders: tuple[Path, ...], debug: bool) -> None:
    """``renja report``: ``REPORT_HELP``."""
    from renja.app.reaudit import doc_folders
    from renja.present.outputs import read_doc_folder
    from renja.present.report import write_report
    from renja.present.workbook import write_workbook

    for given in folders:
        if not given.is_dir():
            raise UserError(_("{path}: no such output folder").format(path=given))
        for folder in doc_folders(given) or [given]:
            with guarded(debug):
                read = read_doc_folder(folder)
                page, book = write_report(read), write_workbook(read)
            echo(f"{folder}: {page.name}, {book.name}")


NEVER = "never"  # --fail-on: no finding fails the run
CHECK_HELP = N_(
    "Audit Renja documents, or output folders again, and exit 1 when they have findings.\n"
    "\n"
    "INPUTS are documents (or folders of them), which are read and audited without writing any "
    "file, or output folders written by `renja run` (OUT/<doc_id>/ or OUT/), whose tables are "
    "checked again as they are now, hand edits included: their findings.csv, Parquet, "
    "manifest, report and workbook are written again. Prints one line per open finding at or "
    "above --fail-on (document, id, severity, check, place, message; the place is the table's "
    "printed name with its id, the row, and the page or line) and a summary per document on "
    "stderr. With --format json, stdout holds one JSON document with every finding instead."
)


@main.command(help=CHECK_HELP)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--fail-on",
    type=click.Choice((*(s.value for s in SEVERITIES), NEVER)),
    default=Severity.ERROR.value,
    show_default=True,
    help=N_("Exit 1 when a finding of this severity or worse is found."),
)
@click.option("-q", "--quiet", is_flag=True, help=N_("Print the summary line only."))
@debug_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice((TEXT_FORMAT, JSON_FORMAT)),
    default=TEXT_FORMAT,
    show_default=True,
    help=N_(
        "text: one line per finding; json: one JSON document on stdout with every finding of "
        "every input as a record (the columns of findings.csv, typed) and each table's printed "
        "name."
    ),
)
@progress_option
@pdf_options
@nomenclature_option
@wilayah_option
def check(
    inputs: tuple[Path, ...],
    fail_on: str,
    quiet: bool,
    debug: bool,
    output_format: str,
    show_progress: bool | None,
    pdf: PdfArgs,
    nomenklatur: Path | None,
    wilayah: Path | None,
) -> None:
    """``renja check``: ``CHECK_HELP``."""
    from renja.app.pipeline import process
    from renja.app.progress import display
    from renja.app.reaudit import doc_folders
    from renja.extract.source import doc_id_for

    folders = [folder for path in inputs for folder in doc_folders(path)]
    inputs = tuple(path for path in inputs if not doc_folders(path))
    told = _Told(-1 if fail_on == NEVER else severity_rank(fail_on), quiet, output_format)
    _check_folders(folders, debug, told)
    if not inputs:
        told.finish(fail_on)
    with guarded(debug):
        options = pdf.read_options(wilayah)
        options = replace(options, page_workers=os.cpu_count() or 1)  # a long PDF's pages
        documents = find_documents(inputs)
    reference = load_reference(nomenklatur, required=False)
    for path in documents:
        try:
            with guarded(debug), display(1, quiet, show_progress, redirect=False) as screen:
                pages = functools.partial(screen.page, doc_id_for(path))
                result = process(path, nomenclature=reference, code=reference is not None,
                                 options=options, progress=pages)  # fmt: skip
        except UserError as exc:  # this document: one line, and the others go on
            told.unreadable(path, exc)
            continue
        told.audited(result.doc_id, result.findings, functools.partial(document_json, result),
                     audit_coverage(result))  # fmt: skip
    told.finish(fail_on)


@dataclass
class _Told:
    """What ``renja check`` has told of its inputs so far: each one's findings (lines, or a part
    of the JSON document), the inputs it could not read, and whether the run fails."""

    threshold: int
    quiet: bool
    output_format: str
    parts: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    failed: bool = False

    def unreadable(self, path: Path, exc: UserError) -> None:
        """An input that could not be read or re-audited: one line, and the others go on."""
        echo(error_line(exc.format_message()), err=True)
        self.errors.append({"file": shown(str(path)), "message": exc.format_message()})
        self.failed = True

    def audited(
        self, doc_id: str, findings: Sequence[Finding], part: Callable[[int], dict[str, Any]],
        summary: str,
    ) -> None:  # fmt: skip
        """An audited input: its findings at or above the threshold, and its summary line."""
        if self.output_format == JSON_FORMAT:
            self.parts.append(part(self.threshold))
            hits = any(f.open and f.severity.rank <= self.threshold for f in findings)
        else:
            hits = _print_findings(doc_id, findings, self.threshold, self.quiet)
        echo(f"{doc_id}: {_counts(findings)}; {summary}", err=True)
        self.failed = self.failed or hits

    def finish(self, fail_on: str) -> NoReturn:
        """The JSON document (with --format json), and exit 1 when the run fails."""
        if self.output_format == JSON_FORMAT:
            document = check_json(self.parts, self.errors, fail_on)
            click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        sys.exit(1 if self.failed else 0)


def _print_findings(doc_id: str, findings: Sequence[Finding], threshold: int, quiet: bool) -> bool:
    """One line per open finding at or above the threshold; whether there was any."""
    hits = [f for f in findings if f.open and f.severity.rank <= threshold]
    if not quiet:
        for f in hits:
            echo(finding_line(doc_id, f))
    return bool(hits)


def _counts(findings: Sequence[Finding]) -> str:
    """Open findings by severity, and how many a person reviewed."""
    counts = {s: sum(f.open and f.severity is s for f in findings) for s in SEVERITIES}
    text = ", ".join(f"{group_digits(n)} {s.label.lower()}" for s, n in counts.items())
    reviewed = sum(not f.open for f in findings)
    return text + (_(", {n} reviewed").format(n=group_digits(reviewed)) if reviewed else "")


def _check_folders(folders: Sequence[Path], debug: bool, told: _Told) -> None:
    """Re-audit output folders (their tables as they are now) and tell their findings."""
    from renja.app.reaudit import reaudit

    for folder in folders:
        try:
            with guarded(debug):
                done = reaudit(folder)
        except UserError as exc:
            told.unreadable(folder, exc)
            continue
        written = (
            _("; written again: {files}").format(files=", ".join(done.rewritten))
            if done.rewritten
            else ""
        )
        checked = sum(status is AuditStatus.CHECKED for status in done.audits.values())
        summary = audited_text(checked, len(done.audits)) + written
        told.audited(done.doc_id, done.findings, functools.partial(folder_json, done), summary)


from renja.app import (  # noqa: E402, F401  (register run, corpus, query, compare, match, reconcile)
    cli_corpus,
    cli_match,
    cli_run,
)

if __name__ == "__main__":
    main()
