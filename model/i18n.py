"""Messages in the reader's language: Bahasa Indonesia by default, English on request.

Code is English, so every message is written in English and marked for the catalogue: ``_()``
where it is said, ``N_()`` where it is defined before anyone can say it (at import time: a check's
meaning, an option's help), and ``ngettext`` where its words follow a count. The one catalogue is
``locale/<lang>/LC_MESSAGES/renja.po`` beside this module, kept with Babel (``make messages``:
``pybabel extract``, ``update``, ``compile``); the compiled ``.mo`` files ship with the package and
are read here with the standard library's ``gettext``. English is the message itself, so ``en``
has no catalogue.

The language is ``set_language``'s, else the environment's, read at the first message:
``RENJA_LANG``, else ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` (the first that is set)
when it says English; Indonesian otherwise, whatever the machine's locale.

Numbers a person reads are grouped the Indonesian way in both languages (``1.234.567``): the
documents print them so, and an amount copied from the report matches the PDF.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Final

DOMAIN: Final = "renja"
INDONESIAN: Final = "id"
ENGLISH: Final = "en"
LANGUAGES: Final = (INDONESIAN, ENGLISH)
DEFAULT_LANGUAGE: Final = INDONESIAN
LANGUAGE_VARIABLE: Final = "RENJA_LANG"
# What the system's locale says, in the order gettext reads it; only English is taken from it
# (a machine set to C, POSIX or another language still gets Indonesian).
LOCALE_VARIABLES: Final = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
LOCALE_DIR: Final = Path(__file__).resolve().with_name("locale")

_chosen: list[str] = []  # the language set_language chose; empty: the environment's
_from_environment: list[str] = []  # the environment's, read at the first message


def language_code(text: str) -> str:
    """The language a locale name or a language tag names: its first part, in lower case.

    >>> [language_code(name) for name in ("en_US.UTF-8", "id-ID", "EN", "C")]
    ['en', 'id', 'en', 'c']
    """
    return text.split(":")[0].split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def language_from(environ: Mapping[str, str]) -> str:
    """The language an environment asks for (``RENJA_LANG``, else the locale when it says
    English), Indonesian when it asks for none this program speaks.

    >>> language_from({}), language_from({"LANG": "en_US.UTF-8"}), language_from({"LANG": "C"})
    ('id', 'en', 'id')
    >>> language_from({"LANGUAGE": "fr", "LANG": "en_GB.UTF-8"})  # the first set decides
    'id'
    >>> language_from({"RENJA_LANG": "id", "LANG": "en_US.UTF-8"})
    'id'
    """
    chosen = language_code(environ.get(LANGUAGE_VARIABLE, ""))
    if chosen in LANGUAGES:
        return chosen
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            return ENGLISH if language_code(value) == ENGLISH else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def language() -> str:
    """The language messages are given in now: ``id`` or ``en``. Cheap: a cache of messages
    keyed by their text (a parsed cell's problem) adds it to its key."""
    if _chosen:
        return _chosen[-1]
    if not _from_environment:
        _from_environment.append(language_from(os.environ))
    return _from_environment[0]


def set_language(lang: str | None) -> None:
    """Give every later message in ``lang`` (``id`` or ``en``); None: the environment's again.

    >>> set_language("en"); _("empty")
    'empty'
    >>> set_language("id"); _("empty")
    'kosong'
    >>> set_language(None)
    """
    _chosen.clear()
    _from_environment.clear()
    if lang is not None:
        _chosen.append(checked(lang))


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Messages in ``lang`` inside the block, then in the language before it."""
    _chosen.append(checked(lang))
    try:
        yield
    finally:
        _chosen.pop()


def checked(lang: str) -> str:
    """``lang`` if renja speaks it; an ``OptionError`` naming it and the languages otherwise."""
    if lang not in LANGUAGES:
        from renja.model.errors import OptionError

        raise OptionError(
            _("language {value!r} is unknown; choices: {choices}").format(
                value=lang, choices=", ".join(LANGUAGES)
            )
        )
    return lang


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang`` (read once); English is the messages themselves."""
    if lang == ENGLISH:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def _(message: str) -> str:
    """``message`` in the current language.

    >>> with use_language("id"):
    ...     _("none")
    'tidak ada'
    """
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` that fits ``n``, in the current language
    (Indonesian has one form for every count).

    >>> with use_language("en"):
    ...     ngettext("{n} table", "{n} tables", 2).format(n=2)
    '2 tables'
    """
    return translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # the gettext convention the extractor knows
    """Mark ``message`` for the catalogue where it is defined, to be translated (``_``) where
    it is shown: a message made at import time, before any language is chosen."""
    return message


def group_digits(value: int) -> str:
    """A whole number as a person reads it, thousands grouped by dots in both languages.

    >>> group_digits(1234567), group_digits(-59999800), group_digits(950)
    ('1.234.567', '-59.999.800', '950')
    """
    return f"{value:,}".replace(",", ".")


__all__ = [
    "DEFAULT_LANGUAGE",
    "ENGLISH",
    "INDONESIAN",
    "LANGUAGES",
    "LANGUAGE_VARIABLE",
    "N_",
    "_",
    "group_digits",
    "language",
    "language_from",
    "ngettext",
    "set_language",
    "use_language",
]
