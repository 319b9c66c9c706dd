"""``renja run``: documents in, one output folder each, in parallel workers or on a Dask
cluster; then, for several documents, the corpus and its comparisons. Registered on the
``renja`` group."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from renja.app.cli import (
    DEFAULT_OUT,
    find_documents,
    load_reference,
    main,
    nomenclature_option,
    pdf_options,
    progress_bar,
    read_options,
    wilayah_option,
)
from renja.model.errors import RenjaError

if TYPE_CHECKING:
    from rich.progress import Progress

    from renja.app.batch import Job, Outcome
    from renja.normalize.nomenclature import Nomenclature


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
@click.option(
    "--no-report", is_flag=True, help="Skip report.html and the Excel workbook (faster batches)."
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors and the summary.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Documents processed at once, in worker processes.  [default: the core count]",
)
@click.option(
    "--force", is_flag=True, help="Process documents whose outputs are current too (no resume)."
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    default=None,
    help="Run the documents on a Dask distributed cluster (scheduler address, such as "
    "tcp://10.0.0.5:8786). Inputs and --out must be on storage every worker sees.",
)
@click.option(
    "--no-corpus",
    is_flag=True,
    help="With several documents, do not rebuild OUT/corpus/ (the combined dataset and its "
    "comparisons).",
)
@click.option(
    "--meta",
    "meta_file",
    type=click.Path(path_type=Path),
    default=None,
    help="CSV correcting document metadata: a 'file' column (file name or id) and any of "
    "pemda, kode_pemda, skpd, kode_skpd, tahun, jenis, jenis_pemda.",
)
@click.option(
    "--keputusan",
    "decisions",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The decisions file (keputusan.csv) of the one document given. Default: "
    "<document>.keputusan.csv beside each document, when it exists.",
)
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
    force: bool,
    dask_address: str | None,
    no_corpus: bool,
    meta_file: Path | None,
    decisions: Path | None,
    password: str | None,
    max_pages: int,
    ocr: bool,
    engine: str,
    nomenklatur: Path | None,
    wilayah: Path | None,
) -> None:
    """Process Renja documents into clean tables, repairs and findings.

    INPUTS are files (.pdf, .md, .markdown, .txt) or folders holding them. Each document gets
    OUT/<doc_id>/ with manifest.json, raw/, tables/, repairs.csv and findings.csv
    (see the README for the output contract). Documents whose outputs are current (same
    content, same renja version) are skipped; one that fails is listed and the rest go on.
    OUT/batch.json lists every document's outcome, and OUT/corpus/ combines every document
    folder of OUT into one dataset, compared by code in OUT/corpus/compare/ (see `renja
    query` and `renja compare`).
    """
    from renja.app.batch import Summary, check_workers, plan_jobs, run_dask, run_local
    from renja.app.sidecar import read_sidecar

    try:
        options = read_options(password, max_pages, ocr, engine, wilayah)
        if workers is not None:
            check_workers(workers)
        documents = find_documents(inputs)
        sidecar = read_sidecar(meta_file) if meta_file is not None else {}
    except RenjaError as exc:
        raise click.ClickException(str(exc)) from None
    reference = load_reference(nomenklatur, required=False)
    try:
        jobs = plan_jobs(
            documents,
            out_dir,
            options=options,
            nomenclature=reference.source if reference is not None else None,
            parquet=not no_parquet,
            reports=not no_report,
            force=force,
            sidecar=sidecar,
            decisions=decisions,
        )
    except RenjaError as exc:
        raise click.ClickException(str(exc)) from None
    if debug and len(jobs) == 1 and not dask_address:  # let an internal error raise
        outcomes: Iterator[Outcome] = iter([_debug_job(jobs[0])])
    elif dask_address:
        outcomes = run_dask(jobs, dask_address)
    else:
        outcomes = run_local(jobs, workers if workers is not None else os.cpu_count() or 1)
    summary = Summary()
    with progress_bar(len(jobs), quiet) as progress:
        task = progress.add_task("renja run", total=len(jobs)) if progress is not None else None
        try:
            for outcome in outcomes:
                summary.add(outcome)
                _report_outcome(outcome, progress, quiet)
                if progress is not None and task is not None:
                    progress.advance(task)
        except RenjaError as exc:
            raise click.ClickException(str(exc)) from None
    failed = summary.count("failed")
    if len(jobs) > 1:
        summary.write(out_dir)
        click.echo(summary.line(), err=failed > 0)
        if not no_corpus and failed < len(jobs):
            _corpus_and_comparison(out_dir, reference, quiet)
    if failed:
        if len(jobs) > 1:
            click.echo(f"{failed} of {len(jobs)} documents failed", err=True)
        sys.exit(1)


def _corpus_and_comparison(out_dir: Path, reference: Nomenclature | None, quiet: bool) -> None:
    """OUT/corpus/ from every document folder of OUT, and its comparisons (corpus/compare/)."""
    from renja.present.compare import compare
    from renja.present.corpus import build_corpus

    try:
        built = build_corpus(out_dir)
    except RenjaError as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet:
        click.echo(built.line())
    try:
        compared = compare(built.folder, built.folder / "compare", reference)
    except RenjaError as exc:  # nothing coded to compare: the corpus still stands
        click.echo(f"Warning: compare: {exc}", err=True)
        return
    if not quiet:
        click.echo(compared.line())


def _debug_job(job: Job) -> Outcome:
    """``run_job`` for --debug: an internal error raises with its traceback."""
    from renja.app.batch import run_job

    outcome = run_job(job)
    if outcome.status == "failed" and "internal error" in outcome.error:
        from renja.app.pipeline import process

        process(job.path, nomenclature=job.nomenclature, code=job.nomenclature is not None,
                options=job.options, decisions=job.decisions)  # fmt: skip
    return outcome


def _report_outcome(outcome: Outcome, progress: Progress | None, quiet: bool) -> None:
    if outcome.status == "failed":
        message = outcome.error
        if "internal error" in message:
            message += " (rerun with --debug)"
        click.echo(f"Error: {message}", err=True)
        return
    if quiet:
        return
    for warning in outcome.warnings:
        click.echo(f"Warning: {outcome.doc_id}: {warning}", err=True)
    line = outcome.line()
    if progress is not None:
        progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        click.echo(line)


__all__ = ["run"]
