"""The command line in the reader's language: renja's help texts and click's own words
(``Usage:``, ``Options``, ``Error: …``) through the one catalogue (``renja.model.i18n``), and
``--lang`` on every command.

- ``Command`` and ``Group`` translate their help, and their options' help, when help is shown
  (the texts are English and marked ``N_`` where they are defined, at import time);
- ``Group.main`` reads ``--lang`` (or ``--lang=``) from the arguments before click parses them,
  so that ``--help`` and a usage error are already in that language, else the environment's
  language as the command starts, and gives every message of the command that language
  (``RENJA_LANG`` too, for the processes it starts); after the command the language is what
  it was before;
- while a command runs, click's modules say their words through the catalogue
  (``click_in_catalogue``); ``renja.app.click_messages`` lists those a renja user can meet.
"""

from __future__ import annotations

import gettext
import os
import sys
import weakref
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any

import click

from renja.model.i18n import (
    LANGUAGE_VARIABLE,
    LANGUAGES,
    N_,
    _,
    language_from,
    ngettext,
    use_language,
)

LANG_OPTION = "--lang"
LANG_HELP = N_(
    "The language of messages, help, the report and the workbook: id (Bahasa Indonesia) or en "
    "(English). Default: $RENJA_LANG, else en when the system's locale (LANGUAGE, LC_ALL, "
    "LC_MESSAGES, LANG) is English, else id. Numbers are grouped the Indonesian way in both."
)
HELP_OPTION_HELP = N_("Show this message and exit.")  # click's own words for --help
_ENGLISH_HELP: weakref.WeakSet[click.Option] = weakref.WeakSet()  # --help options given them
# Usage metavars click writes as they are: marked so that they are translated too.
METAVARS = {"[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]...")}
# click's modules that import gettext's ``gettext`` as ``_`` (and ``ngettext``) to say their words.
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)


def language_argument(args: Sequence[str]) -> str | None:
    """The language ``--lang`` asks for in a command's arguments, if it names one renja speaks.

    >>> language_argument(["run", "a.pdf", "--lang", "en"]), language_argument(["--lang=id"])
    ('en', 'id')
    >>> language_argument(["run", "--", "--lang", "en"]), language_argument(["--lang", "fr"])
    (None, None)
    """
    for i, arg in enumerate(args):
        if arg == "--":
            return None
        value = None
        if arg == LANG_OPTION and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith(LANG_OPTION + "="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            return value
    return None


@contextmanager
def command_language(lang: str | None) -> Iterator[None]:
    """Every message of the block in ``lang`` (and ``RENJA_LANG`` set to it, for the processes
    the command starts); None: the environment's. The language before comes back after."""
    if lang is None:
        yield
        return
    before = os.environ.get(LANGUAGE_VARIABLE)
    os.environ[LANGUAGE_VARIABLE] = lang
    try:
        with use_language(lang):
            yield
    finally:
        if before is None:
            os.environ.pop(LANGUAGE_VARIABLE, None)
        else:
            os.environ[LANGUAGE_VARIABLE] = before


@contextmanager
def click_in_catalogue() -> Iterator[None]:
    """click's own words through renja's catalogue while the block runs (only where click
    imported gettext's functions, and only then: another click program is left alone)."""
    saved: list[tuple[Any, str, Any]] = []
    for name in CLICK_MODULES:
        module = sys.modules.get(name)
        for attribute, ours, theirs in (
            ("_", _, gettext.gettext),
            ("ngettext", ngettext, gettext.ngettext),
        ):
            if module is not None and getattr(module, attribute, None) is theirs:
                saved.append((module, attribute, theirs))
                setattr(module, attribute, ours)
    try:
        yield
    finally:
        for module, attribute, theirs in saved:
            setattr(module, attribute, theirs)


@contextmanager
def translated_help(command: click.Command, ctx: click.Context) -> Iterator[None]:
    """The command's help and its options' help in the current language while the block runs
    (click formats them; the English texts are the catalogue's keys)."""
    params = command.get_params(ctx)
    originals = [(command, command.help), *((p, getattr(p, "help", None)) for p in params)]
    for owner, text in originals:
        if text:
            owner.help = _(text)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for owner, text in originals:
            owner.help = text  # type: ignore[attr-defined]


@contextmanager
def _short_help(command: click.Command) -> Iterator[None]:
    """The command's own help in the current language (for the group's list of commands)."""
    original = command.help
    command.help = _(original) if original else original
    try:
        yield
    finally:
        command.help = original


def lang_option() -> click.Option:
    """``--lang``: read before parsing (``Group.main``); here it is listed and checked."""
    return click.Option(
        [LANG_OPTION],
        type=click.Choice(LANGUAGES),
        expose_value=False,
        is_eager=True,
        help=LANG_HELP,
    )


class TranslatedHelp(click.Command):
    """Help in the reader's language (``translated_help``), usage metavars too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not any(LANG_OPTION in getattr(p, "opts", ()) for p in self.params):
            self.params.append(lang_option())

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """click's ``--help``, its help the English text (click makes it once, in the language
        of the moment), translated when shown."""
        option = super().get_help_option(ctx)
        if option is not None and option not in _ENGLISH_HELP:  # once: it is translated when shown
            option.help = HELP_OPTION_HELP
            _ENGLISH_HELP.add(option)
        return option

    def get_help(self, ctx: click.Context) -> str:
        with translated_help(self, ctx):
            return super().get_help(ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _short_help(self):
            return super().get_short_help_str(limit)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [_(METAVARS[p]) if p in METAVARS else p for p in pieces]


class Command(TranslatedHelp):
    """A renja command: help in the reader's language, and ``--lang``."""


class Group(TranslatedHelp, click.Group):
    """The ``renja`` group: its commands are ``Command``; ``main`` reads ``--lang`` first."""

    command_class = Command

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        given = sys.argv[1:] if args is None else args
        # --lang, else the environment as the command starts (RENJA_LANG, an English locale)
        chosen = language_argument(given) or language_from(os.environ)
        with ExitStack() as stack:
            stack.enter_context(command_language(chosen))
            stack.enter_context(click_in_catalogue())
            return super().main(args, *rest, **kwargs)


__all__ = [
    "LANG_OPTION",
    "Command",
    "Group",
    "click_in_catalogue",
    "command_language",
    "language_argument",
]
