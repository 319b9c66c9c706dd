"""Shared fixtures: paths that do not depend on the current directory, and the documents every
module needs, processed once per test run.

``processed(path)`` is ``renja.process(path)`` with its default options, computed on first use
and kept for the rest of the session; ``processed.folder(path, ...)`` is the folder
``write_result`` writes from that result, once per set of options. Every module that needs the
sample (Markdown or PDF) or a real PDF asks for it here, so each is read and processed once.
``processed.extraction(path)`` is what ``renja.extract.read`` gave for it on the way (the raw
tables, before normalize): a test that runs renja on the same unchanged file again (a run after
a decision) can hand it to the pipeline instead of reading the pages twice.
The results and folders are shared: read them, never change them (copy a DataFrame or a folder
first, as ``test_report.copy_folder`` does). The end of the session checks that none changed.

The slow documents (the PDFs) are processed ahead: a test marked ``@pytest.mark.documents(path,
...)`` names what it will ask ``processed`` for (a test using ``sample_pdf`` needs no mark), and
once the tests are collected one background process runs ``renja.process`` on every document
the selected tests need, in the order they need them, while the tests before them run on the
other core. ``processed(path)`` then takes that result (the same call; its result comes back
pickled). Should the background fail, the test process processes the document itself, with a
warning. Under pytest-xdist both cores run tests, so there is no background process: the
workers share each result through a folder (``Shared``), and a test that needs several
documents first takes those no other worker has in hand (``Processed.first_free``).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import shutil
import tempfile
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

import renja
from renja.model.records import Document
from renja.model.result import Result

# The suite reads renja's messages in Indonesian, the default, whatever this machine's locale says
# (an English LANG would switch them); the tests of English set the language themselves.
os.environ["RENJA_LANG"] = "id"

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_MD = REPO / "samples" / "renja-bkpsdm-banjarbaru-2024.md"
SAMPLE_PDF = SAMPLE_MD.with_suffix(".pdf")  # the sample Markdown rendered back to PDF
REAL = SHARED / "samples" / "real"
DKI_MD = REAL / "rkpd-dki-jakarta-2025.md"
GOLDEN = Path(__file__).resolve().parent / "golden"


def need(path: Path) -> Path:
    """Skip the test when a file from ../shared is not on this machine."""
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def _result_print(result: Result) -> str:
    """A digest of what a test could change in a result: its document and its DataFrames
    (the records themselves are frozen)."""
    digest = hashlib.sha256()
    document = result.document
    digest.update(repr((document.doc_id, document.meta, document.warnings)).encode())
    digest.update(repr((len(document.tables), document.pages, document.engine_choices)).encode())
    for table in result.tables:
        digest.update(table.table_id.encode())
        digest.update(repr(table.frame.dtypes.to_dict()).encode())
        digest.update(table.frame.to_csv().encode())
    return digest.hexdigest()


def _folder_print(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- processing ahead ------------------------------------------------------------------------


Processing = tuple[Result, Document]  # a document's result, and its extraction on the way


def process_keeping_extraction(path: Path) -> Processing:
    """``renja.process(path)``, and the document ``renja.extract.read`` returned inside it."""
    from renja import extract

    kept: list[Document] = []
    read = extract.read

    def keeping(*args: Any, **kwargs: Any) -> Document:
        document = read(*args, **kwargs)
        kept.append(document)
        return document

    extract.read = keeping  # type: ignore[assignment]  # this process's tests are not running
    try:
        result = renja.process(path)
    finally:
        extract.read = read  # type: ignore[assignment]
    return result, kept[0]



def _process_ahead(paths: list[Path], folder: Path) -> None:
    """In the background process: ``renja.process`` each path in turn, its result pickled to
    ``folder/<i>.pickle`` (or its error to ``<i>.error``) as soon as it is done."""
    from renja.app.batch import fewer_collections

    for i, path in enumerate(paths):
        try:
            with fewer_collections():  # as renja run processes a document
                data, name = pickle.dumps(process_keeping_extraction(path)), f"{i}.pickle"
        except Exception as exc:
            data, name = repr(exc).encode(), f"{i}.error"
        (folder / f"{i}.part").write_bytes(data)
        (folder / f"{i}.part").rename(folder / name)  # whole or not at all


class Ahead:
    """One spawned process (a clean interpreter; no thread in this one, which later forks
    worker pools) running ``_process_ahead``."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.folder = Path(tempfile.mkdtemp(prefix="renja-tests-ahead-"))
        context = multiprocessing.get_context("spawn")
        self.process = context.Process(
            target=_process_ahead, args=(paths, self.folder), daemon=True
        )
        self.process.start()

    def take(self, path: Path) -> Processing | None:
        """The result for ``path`` once the background has it; None when it has none."""
        if path not in self.paths:
            return None
        i = self.paths.index(path)
        done, failed = self.folder / f"{i}.pickle", self.folder / f"{i}.error"
        while not done.exists():
            if failed.exists() or not (self.process.is_alive() or done.exists()):
                error = failed.read_text() if failed.exists() else "it stopped"
                warnings.warn(f"processing {path.name} ahead failed: {error}", stacklevel=3)
                return None
            time.sleep(0.05)
        return pickle.loads(done.read_bytes())

    def stop(self) -> None:
        self.process.terminate()  # what no test asked for is not waited for
        self.process.join()
        shutil.rmtree(self.folder, ignore_errors=True)


class Shared:
    """Under pytest-xdist: the workers of one run share each document's result through a
    folder named by the run, the first worker to need a document processing it (under a file
    lock) while the others wait for it, instead of every worker processing it again."""

    def __init__(self, run: str) -> None:
        self.folder = self.folder_of(run)
        self.folder.mkdir(exist_ok=True)

    @staticmethod
    def folder_of(run: str) -> Path:
        return Path(tempfile.gettempdir()) / f"renja-tests-{run}"

    def take(self, path: Path, wait: bool = True) -> Processing | None:
        """The result for ``path``, from the folder or processed here. Without ``wait``, None
        at once while another worker is processing it."""
        import fcntl

        name = hashlib.sha256(str(path).encode()).hexdigest()[:16]
        done = self.folder / f"{name}.pickle"
        with open(self.folder / f"{name}.lock", "w") as lock:
            try:  # the lock is released when the file closes
                fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return None
            if done.exists():
                processing: Processing = pickle.loads(done.read_bytes())
                return processing
            processing = process_keeping_extraction(path)
            (self.folder / f"{name}.part").write_bytes(pickle.dumps(processing))
            (self.folder / f"{name}.part").rename(done)
            return processing


AHEAD = pytest.StashKey[Ahead | Shared]()


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        # the controller of a pytest-xdist run names the run, to remove the workers' shared
        # folder once they are done (pytest_unconfigure)
        config.option.testrunuid = config.option.testrunuid or uuid.uuid4().hex
    config.addinivalue_line(
        "markers",
        "documents(*paths): the documents the test asks the `processed` fixture for; they are "
        "processed ahead, in a background process (tests/conftest.py)",
    )


# Each test file's seconds, as benchmarks/bench_tests.py last measured them.
SECONDS = Path(__file__).resolve().parent / "data" / "test_seconds.csv"


def slowest_files_first(items: list[pytest.Item], seconds: dict[str, float]) -> list[pytest.Item]:
    """The items by file, the slowest files first (a file not measured last), each file's
    tests in their order: pytest-xdist hands the files out in this order, so the last ones,
    when one worker may already be idle, are short."""
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        first.setdefault(item.nodeid.split("::")[0], index)

    def key(pair: tuple[int, pytest.Item]) -> tuple[float, int, int]:
        name = pair[1].nodeid.split("::")[0]
        return (-seconds.get(name, 0.0), first[name], pair[0])

    return [item for _, item in sorted(enumerate(items), key=key)]


def _seconds() -> dict[str, float]:
    import csv

    if not SECONDS.exists():
        return {}
    with SECONDS.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: float(row["seconds"]) for row in csv.DictReader(handle)}


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items[:] = slowest_files_first(items, _seconds())
    paths: list[Path] = []
    for item in items:
        wanted = [SAMPLE_PDF] if "sample_pdf" in getattr(item, "fixturenames", ()) else []
        for mark in item.iter_markers("documents"):
            wanted += mark.args
        paths += [p for p in wanted if p not in paths and p.exists()]
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: both cores are in use
        config.stash[AHEAD] = Shared(config.workerinput["testrunuid"])
    elif paths and not config.option.collectonly:
        config.stash[AHEAD] = Ahead(paths)


def pytest_unconfigure(config: pytest.Config) -> None:
    run = getattr(config.option, "testrunuid", None)
    if run and not hasattr(config, "workerinput"):
        shutil.rmtree(Shared.folder_of(run), ignore_errors=True)


COLLECTOR = pytest.StashKey[ExitStack]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """The tests run with Python's garbage collector set as ``renja run`` sets it for each
    document (``renja.app.batch.fewer_collections``): most tests process documents in this
    process, through ``renja.process`` or the command's own function, and with the defaults
    the collector scans every module and fixture alive again and again (a tenth of the
    suite's CPU)."""
    from renja.app.batch import fewer_collections

    stack = session.config.stash[COLLECTOR] = ExitStack()
    stack.enter_context(fewer_collections())


def pytest_sessionfinish(session: pytest.Session) -> None:
    ahead = session.config.stash.get(AHEAD, None)
    if isinstance(ahead, Ahead):
        ahead.stop()
    collector = session.config.stash.get(COLLECTOR, None)
    if collector is not None:
        collector.close()


class Processed:
    """``renja.process(path)`` (default options) once per path, and its written folders."""

    def __init__(
        self, factory: pytest.TempPathFactory, ahead: Ahead | Shared | None = None
    ) -> None:
        self._factory = factory
        self._ahead = ahead
        self._results: dict[Path, Result] = {}
        self._extractions: dict[Path, Document] = {}
        self._folders: dict[tuple[Path, bool, bool], Path] = {}
        self._prints: dict[object, object] = {}

    def __call__(self, path: Path) -> Result:
        """The result of ``renja.process(path)``; skips the test when ``path`` is absent."""
        if path not in self._results:
            need(path)
            processing = self._ahead.take(path) if self._ahead is not None else None
            self._keep(path, processing or process_keeping_extraction(path))
        return self._results[path]

    def extraction(self, path: Path) -> Document:
        """What ``renja.extract.read(path)`` gave while ``path`` was processed (frozen records:
        share them as they are)."""
        self(path)
        return self._extractions[path]

    def first_free(self, paths: list[Path]) -> None:
        """Under pytest-xdist, before a test that needs several documents: take each one no
        other worker is processing now (processing it here when no one has), so that two
        workers that need the same documents at once share the work instead of one waiting for
        the other; the test waits only for those still in hand elsewhere."""
        if isinstance(self._ahead, Shared):
            for path in paths:
                if path not in self._results and path.exists():
                    processing = self._ahead.take(path, wait=False)
                    if processing is not None:
                        self._keep(path, processing)

    def _keep(self, path: Path, processing: Processing) -> None:
        result, self._extractions[path] = processing
        self._results[path] = result
        self._prints[path] = _result_print(result)

    def folder(self, path: Path, parquet: bool = True, reports: bool = True) -> Path:
        """The folder ``write_result(renja.process(path), ..., parquet, reports)`` writes."""
        key = (path, parquet, reports)
        if key not in self._folders:
            from renja.present.writer import write_result

            target = self._factory.mktemp(path.stem)
            folder = write_result(self(path), target, parquet=parquet, reports=reports)
            self._folders[key] = folder
            self._prints[key] = _folder_print(folder)
        return self._folders[key]

    def changed(self) -> list[str]:
        """What a test changed: the paths of results and folders that differ from when made."""
        now: dict[object, object] = {path: _result_print(r) for path, r in self._results.items()}
        now.update({key: _folder_print(folder) for key, folder in self._folders.items()})
        return [str(key) for key, value in now.items() if value != self._prints[key]]


@pytest.fixture(scope="session")
def processed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Processed]:
    """Documents processed once for the whole session (see the module's docstring)."""
    shared = Processed(tmp_path_factory, request.config.stash.get(AHEAD, None))
    yield shared
    changed = shared.changed()
    assert not changed, f"a test changed shared results (copy them first): {changed}"


@pytest.fixture(autouse=True)
def _documents_not_in_hand(request: pytest.FixtureRequest) -> None:
    """A test marked ``documents`` first takes those that no other worker has in hand
    (``Processed.first_free``)."""
    paths = [p for mark in request.node.iter_markers("documents") for p in mark.args]
    if len(paths) > 1 and isinstance(request.config.stash.get(AHEAD, None), Shared):
        request.getfixturevalue("processed").first_free(paths)


@pytest.fixture(scope="session")
def sample(processed: Processed) -> Result:
    """The sample Renja, processed once for the whole session."""
    return processed(SAMPLE_MD)


@pytest.fixture(scope="session")
def sample_out(processed: Processed) -> Path:
    """The sample's output folder (Parquet, report and workbook included), written once."""
    return processed.folder(SAMPLE_MD)


@pytest.fixture(scope="session")
def sample_pdf(processed: Processed) -> Result:
    """The sample PDF (the sample Markdown rendered back to PDF), processed once."""
    return processed(SAMPLE_PDF)


@pytest.fixture(scope="session")
def dki_document() -> Document:
    """The DKI Jakarta RKPD (Markdown with HTML tables) as ``renja.extract.read`` gives it,
    read once; skipped when ../shared is absent. Shared: never change it."""
    from renja.extract import read

    return read(need(DKI_MD))


@pytest.fixture(scope="session")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``renja run`` over three documents (the sample and two small ones:
    ``tests/test_batch.py``'s ``_corpus``), with its corpus and comparisons, once for the
    session. Shared: copy it before changing anything."""
    from click.testing import CliRunner

    from renja.app.cli import main

    from .test_batch import _corpus

    docs = _corpus(tmp_path_factory.mktemp("batch") / "docs")
    out = docs.parent / "out"
    args = ["run", str(docs), "--out", str(out), "--no-report", "--workers", "1"]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    return out
