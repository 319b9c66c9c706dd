"""What a command shows on stderr while it works: the documents done, and the pages of the PDF
being read (a 98-page PDF takes most of a minute to read).

Pages are shown when stderr is a terminal, or when ``--progress`` asks (``--no-progress``
never); never with ``-q``. On a terminal they are a bar under the documents' bar, gone when
the document is read; elsewhere (a log file, a CI job) a line every tenth of the document:
``renja-2026: halaman 10 dari 98``. Documents read in worker processes show no pages: only the
documents' bar.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from renja.model.i18n import _

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

# Lines a document's pages get when stderr is no terminal (one every tenth of the document).
PAGE_LINES = 10


def page_line(doc_id: str, done: int, total: int) -> str | None:
    """The line shown after ``done`` pages of ``total`` when stderr is no terminal, or None
    between the lines (one every tenth of the document, and the last page).

    >>> [page_line("a", n, 25) for n in (1, 3, 23, 25)]
    [None, 'a: halaman 3 dari 25', None, 'a: halaman 25 dari 25']
    """
    step = max(1, math.ceil(total / PAGE_LINES))
    if done % step and done != total:
        return None
    return _("{doc_id}: page {done} of {total}").format(doc_id=doc_id, done=done, total=total)


def shows_pages(flag: bool | None, quiet: bool, terminal: bool) -> bool:
    """Whether pages are shown: never with ``-q``; ``--progress``/``--no-progress`` decides,
    else whether stderr is a terminal.

    >>> [shows_pages(None, False, True), shows_pages(None, False, False)]
    [True, False]
    >>> [shows_pages(True, False, False), shows_pages(True, True, True)]
    [True, False]
    """
    if quiet:
        return False
    return terminal if flag is None else flag


class Display:
    """The bars (``progress``, on a terminal or for several documents) and the page lines."""

    def __init__(self, progress: Progress | None, pages: bool, terminal: bool) -> None:
        self.progress = progress
        self.pages = pages
        self.terminal = terminal  # pages as a bar; else as lines
        self._tasks: dict[str, TaskID] = {}

    def page(self, doc_id: str, done: int, total: int) -> None:
        """A page of ``doc_id`` is read (``renja.app.batch.DocumentPages``)."""
        if not self.pages:
            return
        if self.progress is None or not self.terminal:
            line = page_line(doc_id, done, total)
            if line is not None:
                click.echo(line, err=True)  # an id is a slug: nothing to escape
            return
        task = self._tasks.get(doc_id)
        if task is None:
            task = self.progress.add_task(_("{doc_id}: pages").format(doc_id=doc_id), total=total)
            self._tasks[doc_id] = task
        self.progress.update(task, completed=done)
        if done >= total:
            self.progress.remove_task(self._tasks.pop(doc_id))


def _bar(console: Console, redirect: bool) -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
        redirect_stdout=redirect,
        redirect_stderr=redirect,
    )


@contextmanager
def display(
    documents: int, quiet: bool, pages: bool | None, redirect: bool = True
) -> Iterator[Display]:
    """The display of a command over ``documents``: a documents' bar when there are several
    (and not ``quiet``), pages as ``shows_pages`` says. ``redirect``: while the bar runs, what
    the command prints goes above it (rich's redirection of stdout and stderr); ``renja check``,
    whose stdout is for pipes, turns it off."""
    from rich.console import Console

    console = Console(stderr=True)
    terminal = console.is_terminal
    with_pages = shows_pages(pages, quiet, terminal)
    if quiet or (documents <= 1 and not (with_pages and terminal)):
        yield Display(None, with_pages, terminal)
        return
    with _bar(console, redirect) as progress:
        yield Display(progress, with_pages, terminal)


__all__ = ["PAGE_LINES", "Display", "display", "page_line", "shows_pages"]
