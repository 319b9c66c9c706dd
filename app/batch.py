"""Batch runs: many documents, each processed and written on its own, in parallel workers.

One document is one ``Job`` and ``run_job`` is the whole task: read, clean, code, check, write.
It returns a small ``Outcome`` (never raises), so a bad document never stops the batch and the
same function runs in a local process pool or on a Dask cluster. A document whose output
folder already holds a manifest with the same content hash and renja version is skipped
(resume), unless the run is forced.

Worker processes end with the process that started them (``worker_start``: the kernel's
parent-death signal on Linux, and a watch on the parent everywhere), and each may use at most
``max_memory_mb`` of memory; a worker that dies (out of memory) fails its own document only.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from types import NoneType
from typing import Any

from renja.app.sidecar import FIELDS, check_values, corrections_for
from renja.extract.pdf_open import ReadOptions
from renja.extract.source import doc_id_for, file_hash
from renja.model.contract import TableStatus
from renja.model.decisions import default_path
from renja.model.errors import OptionError, RenjaError, environment_message
from renja.model.i18n import N_, _, group_digits
from renja.model.options import check_choice, check_count, check_flag, check_type
from renja.model.processes import die_with_parent
from renja.model.publish import claim_folder, publish_file
from renja.model.severity import SEVERITIES, Severity
from renja.model.tables import AuditStatus
from renja.model.version import SCHEMA_VERSION, __version__

# How long to wait for a Dask scheduler before giving up.
DASK_CONNECT_TIMEOUT = "20s"
# Document ids that would name a folder renja keeps for itself in OUT.
RESERVED_IDS = frozenset({"corpus"})
# The memory one worker process may take (``--max-memory``), in MiB: the address space it may
# map, which is more than it fills (libraries reserve much they never touch).
DEFAULT_MAX_MEMORY_MB = 8192
# Told after each page of a PDF read in this process: (doc_id, pages read, pages in all).
DocumentPages = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Job:
    """One document to process, and everything a worker needs to do it alone."""

    path: Path
    doc_id: str  # decided before dispatch, unique within the run (``x.md`` and ``x.pdf``)
    out_dir: Path
    options: ReadOptions = field(default_factory=ReadOptions)
    nomenclature: str | None = None  # the reference's path; None: codes are not matched
    parquet: bool = True
    reports: bool = True
    force: bool = False  # process even when the outputs are current
    corrections: dict[str, str] = field(default_factory=dict)  # the document's sidecar row
    safe_csv: bool = False  # --csv-aman: formula-like text cells written with a ' before them
    excel_csv: bool = False  # --csv-excel: csv_excel/ for Excel with Indonesian settings too
    debug: bool = False  # an internal error raises with its traceback instead of one line
    # The document's decisions file (keputusan.csv); None: the one beside it, if any.
    decisions: Path | None = None

    def __post_init__(self) -> None:
        """Refuse what the worker could not honour, with ``OptionError`` (one line).

        >>> Job(Path("a.md"), "a", Path("out"), force="ya")
        Traceback (most recent call last):
        renja.model.errors.OptionError: force harus True atau False, bukan 'ya' (str)
        """
        check_type("path", self.path, Path, "Path")
        check_type("doc_id", self.doc_id, str, _("text"))
        if self.doc_id in ("", ".", "..") or "/" in self.doc_id or "\\" in self.doc_id:
            # the document's folder is OUT/<doc_id>: one folder inside OUT, never OUT itself
            raise OptionError(
                _(
                    "doc_id must be the name of one folder (not empty, without / or \\, not . "
                    "or ..), not {value!r}"
                ).format(value=self.doc_id)
            )
        check_type("out_dir", self.out_dir, Path, "Path")
        check_type("options", self.options, ReadOptions, "ReadOptions")
        check_type("nomenclature", self.nomenclature, (str, NoneType), _("a path (text) or None"))
        check_flag("parquet", self.parquet)
        check_flag("reports", self.reports)
        check_flag("force", self.force)
        check_flag("safe_csv", self.safe_csv)
        check_flag("excel_csv", self.excel_csv)
        check_flag("debug", self.debug)
        check_type("corrections", self.corrections, dict, _("a dict column → value"))
        for name, value in self.corrections.items():
            check_choice(_("the column of corrections"), name, FIELDS)
            check_type(f"corrections[{name!r}]", value, str, _("text"))
        check_values(self.corrections, str(self.path))
        check_type("decisions", self.decisions, (Path, NoneType), _("Path or None"))

    @property
    def decisions_path(self) -> Path:
        """Where the document's decisions are read from."""
        return self.decisions if self.decisions is not None else default_path(self.path)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one document: ``ok``, ``skipped`` (outputs current) or ``failed``."""

    path: str
    doc_id: str
    status: str
    error: str = ""
    tables: int = 0
    rows: int = 0
    repairs: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # open findings, by severity
    reviewed: int = 0  # findings a person checked (keputusan.csv): listed, no longer open
    warnings: tuple[str, ...] = ()
    pages: int | None = None
    seconds: float = 0.0
    folder: str = ""
    peak_mib: float = 0.0  # the worker process's peak resident memory so far
    # tables by what renja understood of them and by how far they were audited
    kinds: dict[str, int] = field(default_factory=dict)
    audit: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        """One line for the console.

        >>> Outcome("a.md", "a", "failed", error="a.md: berkas tidak ada").line()
        'a: gagal: a.md: berkas tidak ada'
        """
        if self.status == "failed":
            return _("{doc_id}: failed: {error}").format(doc_id=self.doc_id, error=self.error)
        if self.status == "skipped":
            return _("{doc_id}: skipped (outputs current) -> {folder}").format(
                doc_id=self.doc_id, folder=self.folder
            )
        counts = self.findings
        reviewed = (
            _(", {n} reviewed").format(n=group_digits(self.reviewed)) if self.reviewed else ""
        )
        return _(
            "{doc_id}: {tables} tables ({rows} rows; {audit}), {repairs} repairs, {findings} "
            "findings ({errors} errors, {warnings} warnings{reviewed}) -> {folder} [{seconds}s]"
        ).format(
            doc_id=self.doc_id,
            tables=group_digits(self.tables),
            rows=group_digits(self.rows),
            audit=self.audit_note(),
            repairs=group_digits(self.repairs),
            findings=group_digits(sum(counts.values())),
            errors=group_digits(counts.get("error", 0)),
            warnings=group_digits(counts.get("warning", 0)),
            reviewed=reviewed,
            folder=self.folder,
            seconds=f"{self.seconds:.2f}",
        )

    def audit_note(self) -> str:
        """How the tables were read and audited, for the console.

        >>> Outcome("a.pdf", "a", "ok", kinds={"bentuk_dikenal": 1, "disimpulkan": 2},
        ...         audit={"diperiksa": 2, "hanya_skema": 1}).audit_note()
        '1 bentuk dikenal, 2 disimpulkan; 2 diperiksa'
        >>> Outcome("b.pdf", "b", "ok", kinds={"disimpulkan": 1},
        ...         audit={"tidak_lengkap": 1}).audit_note()
        '0 bentuk dikenal, 1 disimpulkan; 0 diperiksa, 1 tidak lengkap: TIDAK DIPERIKSA'
        """
        known = self.kinds.get(TableStatus.FORM.value, 0)
        inferred = self.kinds.get(TableStatus.INFERRED.value, 0)
        checked = self.audit.get(AuditStatus.CHECKED.value, 0)
        incomplete = self.audit.get(AuditStatus.INCOMPLETE.value, 0)
        note = _("{known} known form, {inferred} inferred; {checked} audited").format(
            known=known, inferred=inferred, checked=checked
        )
        if incomplete:
            note += _(", {n} incomplete").format(n=incomplete)
        if known + inferred and not checked:
            note += _(": NOT AUDITED")
        return note


def peak_mib() -> float:
    """This process's peak resident memory (the kernel's high-water mark), in MiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def is_current(
    folder: Path,
    source_file: Path,
    corrections: dict[str, str] | None = None,
    decisions: Path | None = None,
) -> bool:
    """Whether ``folder`` holds complete outputs of ``source_file``'s content, written by this
    version in this layout with these sidecar corrections and this decisions file
    (``current_manifest``)."""
    return current_manifest(folder, source_file, corrections, decisions) is not None


def current_manifest(
    folder: Path,
    source_file: Path,
    corrections: dict[str, str] | None = None,
    decisions: Path | None = None,
) -> dict[str, Any] | None:
    """The manifest of ``folder`` when it holds complete outputs of ``source_file``'s content,
    written by this version in this layout with these sidecar corrections and this decisions
    file (absent or the same content); else None (the files are hashed only when there is a
    manifest of this version to compare with)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("renja_version") != __version__:
        return None
    if manifest.get("schema_version") != SCHEMA_VERSION:
        return None
    if (manifest.get("source") or {}).get("sha256") != file_hash(source_file):
        return None
    decided = manifest.get("keputusan") or {}
    if decisions is not None and decisions.is_file():
        if decided.get("sha256") != file_hash(decisions):
            return None
    elif decided:
        return None
    meta = manifest.get("meta") or {}
    applied = {
        name: str(meta.get(name))
        for name, origin in (meta.get("sumber") or {}).items()
        if origin == "sidecar"
    }
    if applied != {k: str(v) for k, v in (corrections or {}).items()}:
        return None
    return manifest


def skipped_outcome(job: Job, folder: Path, manifest: Mapping[str, Any]) -> Outcome:
    """A document whose outputs are current, with the counts its manifest records: a resumed
    run keeps what the run that wrote them found (``batch.json`` loses nothing).

    >>> manifest = {"counts": {"clean_tables": 2, "repairs": 5, "findings": {"error": 3},
    ...             "status": {"disimpulkan": 2}, "audit": {"diperiksa": 2}},
    ...             "tables": [{"rows": 4}, {"rows": 6}, {}], "source": {"pages": 9}}
    >>> outcome = skipped_outcome(Job(Path("a.pdf"), "a", Path("out")), Path("out/a"), manifest)
    >>> outcome.status, outcome.tables, outcome.rows, outcome.findings["error"], outcome.pages
    ('skipped', 2, 10, 3, 9)
    """
    counts = manifest.get("counts") or {}
    findings = {severity.value: 0 for severity in SEVERITIES}
    findings.update({k: int(v) for k, v in (counts.get("findings") or {}).items()})
    pages = (manifest.get("source") or {}).get("pages")
    return Outcome(
        str(job.path),
        job.doc_id,
        "skipped",
        tables=int(counts.get("clean_tables") or 0),
        rows=sum(int(t.get("rows") or 0) for t in manifest.get("tables") or []),
        kinds={k: int(v) for k, v in (counts.get("status") or {}).items()},
        audit={k: int(v) for k, v in (counts.get("audit") or {}).items()},
        repairs=int(counts.get("repairs") or 0),
        findings=findings,
        reviewed=int(counts.get("ditinjau") or 0),
        warnings=tuple(str(w) for w in manifest.get("warnings") or ()),
        pages=pages if isinstance(pages, int) else None,
        folder=str(folder),
    )


# A document's processing allocates millions of small objects that live until it is written; the
# cyclic collector, run every 700 allocations by default, scans them again and again (a tenth of a
# 200,000-row document's time). During a job it runs every 50,000, and what was alive before the
# job (the libraries, the nomenclature) is frozen out of its scans.
JOB_GC_THRESHOLD = (50_000, 20, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often (``JOB_GC_THRESHOLD``) inside the block."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*JOB_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def run_job(job: Job, pages: DocumentPages | None = None) -> Outcome:
    """Process and write one document. Never raises (but with ``job.debug``, where a bug raises
    with its traceback): a failure is an ``Outcome`` with its error in one line. An error of
    the machine (a full disk, a read-only folder, a name too long) says what to do about it.
    ``pages`` is told after each page of a PDF is read (id, pages read, pages in all)."""
    from renja.app.pipeline import process
    from renja.present.writer import write_outputs

    started = time.perf_counter()
    folder = job.out_dir / job.doc_id
    try:
        current = None
        if not job.force and job.path.is_file():
            current = current_manifest(folder, job.path, job.corrections, job.decisions_path)
        if current is not None:
            return skipped_outcome(job, folder, current)
        with fewer_collections():
            result = process(
                job.path,
                nomenclature=job.nomenclature,
                code=job.nomenclature is not None,
                options=job.options,
                corrections=job.corrections,
                doc_id=job.doc_id,
                decisions=job.decisions,
                progress=functools.partial(pages, job.doc_id) if pages is not None else None,
            )
            replaced = replaced_source(folder, job.path)
            written = write_outputs(result, job.out_dir, parquet=job.parquet,
                                    reports=job.reports, safe_csv=job.safe_csv,
                                    excel_csv=job.excel_csv, debug=job.debug)  # fmt: skip
    except RenjaError as exc:
        return Outcome(str(job.path), job.doc_id, "failed", error=str(exc))
    except OSError as exc:
        message = environment_message(exc)
        if message is None or job.debug:
            return _internal(job, exc)
        error = _("{path}: {reason}").format(path=job.path, reason=message)
        return Outcome(str(job.path), job.doc_id, "failed", error=error)
    except MemoryError:
        return _out_of_memory(job)
    except Exception as exc:  # a bug: still one line, and the batch goes on
        return _internal(job, exc)
    findings = {severity.value: 0 for severity in SEVERITIES}
    for finding in result.findings:
        if finding.open:
            findings[finding.severity.value] += 1
    warnings = [*result.document.warnings, *written.warnings]
    if replaced:
        warnings.append(
            _("replaces the outputs of another file with the same id ({file}) in {folder}").format(
                file=replaced, folder=folder
            )
        )
    return Outcome(
        str(job.path),
        job.doc_id,
        "ok",
        tables=len(result.tables),
        rows=sum(len(t.frame) for t in result.tables),
        kinds=dict(Counter(c.status.value for c in result.contracts.values())),
        audit=dict(Counter(a.status.value for a in result.audits.values())),
        repairs=len(result.repairs),
        findings=findings,
        reviewed=sum(not finding.open for finding in result.findings),
        warnings=tuple(warnings),
        pages=result.document.pages,
        seconds=time.perf_counter() - started,
        folder=str(written.folder),
        peak_mib=peak_mib(),
    )


INTERNAL = N_("internal error")  # what a bug's one line says (the CLI adds how to see more)


def _internal(job: Job, exc: BaseException) -> Outcome:
    """A bug's outcome: one line; with ``job.debug`` the exception goes on, traceback and all."""
    if job.debug:
        raise exc
    error = _("{path}: {internal} ({reason}); report it").format(
        path=job.path, internal=_(INTERNAL), reason=f"{type(exc).__name__}: {exc}"
    )
    return Outcome(str(job.path), job.doc_id, "failed", error=error)


def _out_of_memory(job: Job) -> Outcome:
    error = _(
        "{path}: out of memory while processing this document; raise --max-memory, lower "
        "--workers, or split the document"
    ).format(path=job.path)
    return Outcome(str(job.path), job.doc_id, "failed", error=error)


def replaced_source(folder: Path, path: Path) -> str | None:
    """The file name of another document whose outputs are in ``folder`` (an earlier run's
    input with the same id), which this one's replace; None when they are this file's."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        name = manifest["source"]["file"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return name if isinstance(name, str) and name != path.name else None


def run_local(
    jobs: Sequence[Job],
    workers: int,
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
    pages: DocumentPages | None = None,
) -> Iterator[Outcome]:
    """Outcomes as documents finish: in this process when ``workers`` is 1 (or there is one
    document), else in a pool of worker processes, each bounded to ``max_memory_mb``.
    ``workers`` or ``max_memory_mb`` below 1 is an ``OptionError``, at once. ``pages`` is told
    of each page read in this process (``run_job``); documents in worker processes are not."""
    check_workers(workers)
    check_count("max_memory_mb", max_memory_mb)
    return _outcomes(jobs, workers, max_memory_mb, pages)


def check_workers(workers: object) -> None:
    """A number of local worker processes is a whole number, 1 or more (``OptionError``)."""
    check_count("workers", workers)


def worker_start(parent: int, max_memory_mb: int | None) -> None:
    """Run in each worker process as it starts: end it when its parent ends
    (``renja.model.processes.die_with_parent``), and bound its memory.

    The memory bound is the worker's address space (``RLIMIT_AS``): past it, allocations fail
    with ``MemoryError``, and the document fails with a line saying so.
    """
    die_with_parent(parent)
    if max_memory_mb is not None:
        try:
            import resource

            limit = max_memory_mb << 20
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ImportError, ValueError, OSError):  # no such limit on this system
            pass


def worker_pool(workers: int, max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB) -> Any:
    """A pool of ``workers`` processes that end with this one (``worker_start``)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=workers, initializer=worker_start, initargs=(os.getpid(), max_memory_mb)
    )


def _outcomes(
    jobs: Sequence[Job], workers: int, max_memory_mb: int, pages: DocumentPages | None
) -> Iterator[Outcome]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:  # one document alone: its pages get the workers (a long PDF's)
            alone = replace(job.options, page_workers=max(workers, 1))
            yield run_job(replace(job, options=alone), pages)
        return
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    broken: list[Job] = []
    with worker_pool(min(workers, len(jobs)), max_memory_mb) as pool:
        futures = {pool.submit(run_job, job): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome = future.result()
            except BrokenProcessPool:  # a worker died: which document killed it is not known
                broken.append(job)
                continue
            except MemoryError:  # past --max-memory outside run_job (its result, its imports)
                outcome = _out_of_memory(job)
            except Exception as exc:  # the worker could not run the job at all
                outcome = _internal(job, exc)
            yield outcome
    for job in sorted(broken, key=lambda j: j.doc_id):  # each again, alone: the culprit fails
        with worker_pool(1, max_memory_mb) as pool:
            try:
                yield pool.submit(run_job, job).result()
            except BrokenProcessPool:
                error = _(
                    "{path}: the worker process stopped suddenly while processing this document "
                    "(out of memory? its limit is {limit} MiB, --max-memory)"
                ).format(path=job.path, limit=max_memory_mb)
                yield Outcome(str(job.path), job.doc_id, "failed", error=error)


def run_dask(jobs: Sequence[Job], address: str) -> Iterator[Outcome]:
    """Outcomes from a Dask distributed cluster running ``run_job`` on each document. The
    workers must see the input files and the output folder at the same paths (shared storage)."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise RenjaError(
            _("--dask needs dask.distributed (pip install 'renja[dask]' or 'dask[distributed]')")
        ) from None
    try:
        client = Client(address, timeout=DASK_CONNECT_TIMEOUT)
    except Exception as exc:
        raise RenjaError(
            _("cannot reach the Dask scheduler at {address}: {reason}").format(
                address=address, reason=exc
            )
        ) from None
    try:
        futures = client.map(run_job, list(jobs), pure=False)
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()


@dataclass(slots=True)
class Summary:
    """The batch in numbers, and every document's outcome (sorted by id)."""

    outcomes: list[Outcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the run's own (a --meta row unused)

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def line(self) -> str:
        """The batch in one line.

        >>> s = Summary([Outcome("a.md", "a", "ok", tables=2, findings={"error": 1}),
        ...              Outcome("b.pdf", "b", "failed", error="b.pdf: is not a PDF")])
        >>> s.line()
        '2 dokumen: 1 berhasil, 0 dilewati, 1 gagal; 2 tabel; temuan: 1 kesalahan, 0 peringatan,
        0 info; tidak diperiksa: a'
        """
        findings = {s.value: sum(o.findings.get(s, 0) for o in self.outcomes) for s in SEVERITIES}
        checked = sum(o.audit.get(AuditStatus.CHECKED.value, 0) for o in self.outcomes)
        unaudited = [o.doc_id for o in self.outcomes if o.status != "failed" and o.tables
                     and not o.audit.get(AuditStatus.CHECKED.value)]  # fmt: skip
        tables = sum(o.tables for o in self.outcomes)
        line = _(
            "{documents} documents: {ok} ok, {skipped} skipped, {failed} failed; {tables} tables"
        ).format(
            documents=group_digits(len(self.outcomes)),
            ok=group_digits(self.count("ok")),
            skipped=group_digits(self.count("skipped")),
            failed=group_digits(self.count("failed")),
            tables=group_digits(tables),
        )
        if checked:
            line += " " + _("({n} audited)").format(n=group_digits(checked))
        line += _("; findings: {counts}").format(
            counts=", ".join(
                f"{group_digits(n)} {Severity(s).label.lower()}" for s, n in findings.items()
            )
        )
        if unaudited:
            line += _("; not audited: {documents}").format(documents=", ".join(unaudited))
        return line

    def as_dict(self) -> dict[str, Any]:
        ordered = sorted(self.outcomes, key=lambda o: o.doc_id)
        return {
            "renja_version": __version__,
            "summary": self.line(),
            "warnings": list(self.warnings),
            "documents": [
                {k: v for k, v in asdict(o).items() if k not in ("seconds", "folder", "peak_mib")}
                for o in ordered
            ],
        }

    def write(self, out_dir: Path) -> Path:
        """``OUT/batch.json``: each document's status, counts and error, and the run's
        warnings."""
        claim_folder(out_dir)
        path = out_dir / "batch.json"
        text = json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"
        return publish_file(path, text)


def plan_jobs(
    documents: Iterable[Path],
    out_dir: Path,
    *,
    options: ReadOptions | None = None,
    nomenclature: str | None = None,
    parquet: bool = True,
    reports: bool = True,
    force: bool = False,
    sidecar: Mapping[str, dict[str, str]] | None = None,
    safe_csv: bool = False,
    excel_csv: bool = False,
    debug: bool = False,
    decisions: Path | None = None,
) -> list[Job]:
    """One job per document, with ids unique within the run (``x.md`` and ``x.pdf``) and its
    row of the metadata sidecar (``sidecar``, from ``renja.app.sidecar.read_sidecar``). The
    other settings are each ``Job``'s (``options`` None: the default ``ReadOptions``).
    ``decisions`` names the decisions file of a run of one document (by default each
    document's own, beside it); given for several documents it is an ``OptionError``."""
    documents = list(documents)
    if decisions is not None and len(documents) > 1:
        raise OptionError(
            _(
                "--keputusan {file} holds for one document, not {n}; without --keputusan each "
                "document uses the file <name>.keputusan.csv beside it"
            ).format(file=decisions, n=len(documents))
        )
    seen: set[str] = set()
    jobs = []
    for path in documents:
        doc_id = unique_id(doc_id_for(path), path, seen)
        jobs.append(
            Job(
                path,
                doc_id,
                out_dir,
                options=options if options is not None else ReadOptions(),
                nomenclature=nomenclature,
                parquet=parquet,
                reports=reports,
                force=force,
                corrections=corrections_for(sidecar or {}, path, doc_id),
                safe_csv=safe_csv,
                excel_csv=excel_csv,
                debug=debug,
                decisions=decisions,
            )
        )
    return jobs


def unique_id(doc_id: str, path: Path, written: set[str]) -> str:
    """The document's id, or, when another input of this run had it (``x.md`` and ``x.pdf``),
    the id with the file type added: ``x-pdf``.

    >>> seen = {"renja-2024"}
    >>> unique_id("renja-2024", Path("renja-2024.pdf"), seen), sorted(seen)
    ('renja-2024-pdf', ['renja-2024', 'renja-2024-pdf'])

    An id renja keeps for itself (``corpus``: OUT/corpus/ is the combined dataset) is taken
    the same way: ``corpus.md`` becomes ``corpus-md``.

    >>> unique_id("corpus", Path("corpus.md"), set())
    'corpus-md'
    """
    candidate, number = doc_id, 1
    while candidate in written or candidate in RESERVED_IDS:
        number += 1
        suffix = path.suffix.lower().lstrip(".") or "doc"
        candidate = f"{doc_id}-{suffix}" if number == 2 else f"{doc_id}-{suffix}{number - 1}"
    written.add(candidate)
    return candidate


__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DocumentPages",
    "Job",
    "Outcome",
    "Summary",
    "check_workers",
    "current_manifest",
    "is_current",
    "plan_jobs",
    "run_dask",
    "run_job",
    "run_local",
    "skipped_outcome",
    "unique_id",
    "worker_pool",
    "worker_start",
]
