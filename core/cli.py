"""The ``renja`` command: a thin skin over ``renja.process`` and ``renja.writer.write_result``.

User errors print one line (``Error: …``) and exit 1; never a traceback.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from renja import __version__
from renja.errors import RenjaError

DEFAULT_OUT = Path("outputs")


# Files a folder may hold that renja will read once their reader exists; they are named, not
# silently passed over.
PENDING_SUFFIXES = {".pdf": "PDF input is not supported yet"}


def find_documents(inputs: tuple[Path, ...]) -> list[Path]:
    """The documents named by the inputs: files as given, folders searched (not recursively)."""
    from renja.extract import SUPPORTED_SUFFIXES

    documents: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files = sorted(p for p in item.iterdir() if p.is_file())
            for path in files:
                if path.suffix.lower() in PENDING_SUFFIXES:
                    click.echo(f"Skipped {path}: {PENDING_SUFFIXES[path.suffix.lower()]}", err=True)
            found = [p for p in files if p.suffix.lower() in SUPPORTED_SUFFIXES]
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
def _progress(total: int, quiet: bool) -> Iterator[object]:
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


def _summary(result: object, folder: Path, seconds: float) -> str:
    from renja.pipeline import Result

    assert isinstance(result, Result)
    rows = sum(len(t.frame) for t in result.tables)
    errors = sum(1 for f in result.findings if f.severity.value == "error")
    warnings = sum(1 for f in result.findings if f.severity.value == "warning")
    return (
        f"{result.doc_id}: {len(result.tables)} tables ({rows} rows), "
        f"{len(result.repairs)} repairs, {len(result.findings)} findings "
        f"({errors} errors, {warnings} warnings) -> {folder} [{seconds:.2f}s]"
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="renja")
def main() -> None:
    """renja: Renja documents (Markdown) in, clean validated datasets out.

    \b
    Quick start:
      renja run samples/ --out outputs/
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder to write one sub-folder per document into.",
)
@click.option("--no-parquet", is_flag=True, help="Write CSV only (no Parquet beside it).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def run(
    inputs: tuple[Path, ...], out_dir: Path, no_parquet: bool, quiet: bool, debug: bool
) -> None:
    """Process Renja documents into clean tables, repairs and findings.

    INPUTS are files (.md, .markdown, .txt) or folders holding them. Each document gets
    OUT/<doc_id>/ with manifest.json, raw/, tables/, repairs.csv and findings.csv
    (see the README for the output contract).
    """
    from renja.pipeline import process
    from renja.writer import write_result

    try:
        documents = find_documents(inputs)
    except RenjaError as exc:
        raise click.ClickException(str(exc)) from None
    failures: list[str] = []
    with _progress(len(documents), quiet) as progress:
        task = progress.add_task("renja run", total=len(documents)) if progress else None
        for path in documents:
            if progress:
                progress.update(task, description=path.name)
            started = time.perf_counter()
            try:
                result = process(path)
                folder = write_result(result, out_dir, parquet=not no_parquet)
            except RenjaError as exc:
                failures.append(str(exc))
                click.echo(f"Error: {exc}", err=True)
            except Exception as exc:  # a bug: still one line, and the batch goes on
                if debug:
                    raise
                failures.append(str(exc))
                click.echo(
                    f"Error: {path}: internal error ({type(exc).__name__}: {exc}); "
                    "rerun with --debug and report it",
                    err=True,
                )
            else:
                if not quiet:
                    for warning in result.document.warnings:
                        click.echo(f"Warning: {result.doc_id}: {warning}", err=True)
                    line = _summary(result, folder, time.perf_counter() - started)
                    if progress:
                        progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
                    else:
                        click.echo(line)
            if progress:
                progress.advance(task)
    if failures:
        if len(documents) > 1:
            click.echo(f"{len(failures)} of {len(documents)} documents failed", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
