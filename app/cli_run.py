"""``renja run``: documents in, one output folder each, in parallel workers or on a Dask
cluster; then, for several documents, the corpus and its comparisons. Registered on the
``renja`` group."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from renja.app.cli import (
    DEFAULT_OUT,
    INTERNAL_HINT,
    PdfArgs,
    debug_option,
    echo,
    error_line,
    find_documents,
    guarded,
    load_reference,
    main,
    nomenclature_option,
    pdf_options,
    progress_option,
    shown,
    warning_line,
    wilayah_option,
)
from renja.app.progress import display
from renja.model.i18n import N_, _

if TYPE_CHECKING:
    from rich.progress import Progress

    from renja.app.batch import Outcome


RUN_HELP = N_(
    "Process Renja documents into clean tables, repairs and findings.\n"
    "\n"
    "INPUTS are files (.pdf, .md, .markdown, .txt) or folders holding them. Each document "
    "gets OUT/<doc_id>/ with manifest.json, raw/, tables/, repairs.csv and findings.csv (see "
    "docs/referensi.md for the output contract). Documents whose outputs are current (same "
    "content, same renja version) are skipped; one that fails is listed and the rest go on. "
    "OUT/batch.json lists every document's outcome, and OUT/corpus/ combines every document "
    "folder of OUT into one dataset, compared by code in OUT/corpus/compare/ (see `renja "
    "query` and `renja compare`)."
)


@main.command(help=RUN_HELP)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help=N_("Folder to write one sub-folder per document into."),
)
@click.option("--no-parquet", is_flag=True, help=N_("Write CSV only (no Parquet beside it)."))
@click.option(
    "--no-report",
    is_flag=True,
    help=N_("Skip report.html and the Excel workbook (faster batches)."),
)
@click.option("-q", "--quiet", is_flag=True, help=N_("Print nothing but errors and the summary."))
@debug_option
@click.option(
    "--workers",
    type=int,
    default=None,
    help=N_("Documents processed at once, in worker processes.  [default: the core count]"),
)
@click.option(
    "--max-memory",
    "max_memory",
    type=int,
    default=None,
    metavar="MB",
    help=N_(
        "Memory (address space, MiB) each worker process may use; a document that needs more "
        "fails with a line saying so.  [default: 8192]"
    ),
)
@click.option(
    "--csv-aman",
    "safe_csv",
    is_flag=True,
    help=N_(
        "Write CSVs safe to open in spreadsheet programs: a text cell starting with = + - @ gets "
        "a ' before it (numbers never do). renja reads its own files back exactly."
    ),
)
@click.option(
    "--csv-excel",
    "excel_csv",
    is_flag=True,
    help=N_(
        "Also write csv_excel/ in each document's folder: the tables, findings and repairs for "
        "Excel with Indonesian settings (';' between fields, decimal comma, codes kept as text)."
    ),
)
@click.option(
    "--force",
    is_flag=True,
    help=N_("Process documents whose outputs are current too (no resume)."),
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    default=None,
    help=N_(
        "Run the documents on a Dask distributed cluster (scheduler address, such as "
        "tcp://10.0.0.5:8786). Inputs and --out must be on storage every worker sees."
    ),
)
@click.option(
    "--no-corpus",
    is_flag=True,
    help=N_(
        "With several documents, do not rebuild OUT/corpus/ (the combined dataset and its "
        "comparisons)."
    ),
)
@click.option(
    "--meta",
    "meta_file",
    type=click.Path(path_type=Path),
    default=None,
    help=N_(
        "CSV correcting document metadata: a 'file' column (file name or id) and any of pemda, "
        "kode_pemda, skpd, kode_skpd, tahun, jenis, jenis_pemda."
    ),
)
@click.option(
    "--keputusan",
    "decisions",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help=N_(
        "The decisions file (keputusan.csv) of the one document given. Default: "
        "<document>.keputusan.csv beside each document, when it exists."
    ),
)
@progress_option
@pdf_options
@nomenclature_option
@wilayah_option
def run(
    inputs: tuple[Path, ...],
    out_dir: Path,
    no_parquet: bool,
    no_report: bool,
    quiet: bool,
    debug: bool,
    workers: int | None,
    max_memory: int | None,
    safe_csv: bool,
    excel_csv: bool,
    force: bool,
    dask_address: str | None,
    no_corpus: bool,
    meta_file: Path | None,
    decisions: Path | None,
    show_progress: bool | None,
    pdf: PdfArgs,
    nomenklatur: Path | None,
    wilayah: Path | None,
) -> None:
    """``renja run``: ``RUN_HELP``."""
    from renja.app.batch import (
        DEFAULT_MAX_MEMORY_MB,
        Summary,
        check_workers,
        plan_jobs,
        run_dask,
        run_local,
    )
    from renja.app.sidecar import read_sidecar, unmatched_rows, unmatched_warning
    from renja.model.options import check_count

    with guarded(debug):
        options = pdf.read_options(wilayah)
        if workers is not None:
            check_workers(workers)
        memory = DEFAULT_MAX_MEMORY_MB if max_memory is None else max_memory
        check_count("max_memory", memory)
        documents = find_documents(inputs)
        sidecar = read_sidecar(meta_file) if meta_file is not None else {}
    reference = load_reference(nomenklatur, required=False)
    with guarded(debug):
        jobs = plan_jobs(
            documents,
            out_dir,
            options=options,
            nomenclature=reference.source if reference is not None else None,
            parquet=not no_parquet,
            reports=not no_report,
            force=force,
            sidecar=sidecar,
            safe_csv=safe_csv,
            excel_csv=excel_csv,
            debug=debug,
            decisions=decisions,
        )
    summary = Summary()
    if meta_file is not None:
        unmatched = unmatched_rows(sidecar, ((job.path, job.doc_id) for job in jobs))
        warning = unmatched_warning(meta_file, unmatched)
        if warning is not None:  # a row that corrects nothing is never silent, even with -q
            echo(warning_line(warning), err=True)
            summary.warnings.append(warning)
    with owned_folder(out_dir, debug):
        several = len(jobs) > 1  # one document's line stays on stdout, under its pages' bar
        with display(len(jobs), quiet, show_progress, redirect=several) as screen, guarded(debug):
            if dask_address:
                outcomes: Iterator[Outcome] = run_dask(jobs, dask_address)
            else:
                count = workers if workers is not None else os.cpu_count() or 1
                outcomes = run_local(jobs, count, memory, screen.page)
            progress = screen.progress
            task = None
            if progress is not None and several:  # one document: its pages, if any
                task = progress.add_task("renja run", total=len(jobs))
            for outcome in outcomes:
                summary.add(outcome)
                _report_outcome(outcome, progress if several else None, quiet)
                if progress is not None and task is not None:
                    progress.advance(task)
        failed = summary.count("failed")
        if len(jobs) > 1:
            with guarded(debug):
                summary.write(out_dir)
            echo(summary.line(), err=failed > 0)
            if not no_corpus and failed < len(jobs):
                from renja.app.cli_corpus import corpus_and_comparison

                corpus_and_comparison(out_dir, reference, quiet, safe_csv, debug)
    if failed:
        if len(jobs) > 1:
            echo(_("{failed} of {n} documents failed").format(failed=failed, n=len(jobs)), err=True)
        sys.exit(1)


@contextmanager
def owned_folder(out_dir: Path, debug: bool) -> Iterator[None]:
    """Hold OUT for a run: renja's own folder (made, or marked while empty; a folder of other
    files is refused), locked against a second run, and cleared of what killed runs left
    (staging folders, old folders moved aside: ``renja.model.publish.remove_stale``)."""
    from renja.model.publish import claim_folder, folder_lock, remove_stale
    from renja.present.outputs import CORPUS

    with guarded(debug):
        claim_folder(out_dir)
        lock = folder_lock(out_dir)
        lock.__enter__()
    try:
        with guarded(debug):
            remove_stale(out_dir)
            if (out_dir / CORPUS).is_dir():
                remove_stale(out_dir / CORPUS)
        yield
    finally:
        lock.__exit__(None, None, None)


def _report_outcome(outcome: Outcome, progress: Progress | None, quiet: bool) -> None:
    from renja.app.batch import INTERNAL
    from renja.present.writer import is_unwritten

    if outcome.status == "failed":
        message = outcome.error
        if _(INTERNAL) in message:
            message += f" ({_(INTERNAL_HINT)})"
        echo(error_line(message), err=True)
        return
    for warning in outcome.warnings:
        missing = is_unwritten(warning)  # an output missing is never quiet
        if missing or (not quiet and outcome.status == "ok"):  # a skipped one's: said before
            echo(warning_line(f"{outcome.doc_id}: {warning}"), err=True)
    if quiet:
        return
    line = shown(outcome.line())
    if progress is not None:
        progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        click.echo(line)


__all__ = ["owned_folder", "run"]
