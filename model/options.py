"""Checks for settings objects (``ReadOptions``, ``Job``), run when they are made.

Each check raises ``OptionError`` with one line in Indonesian naming the setting, the value
given and what the setting takes, so that a wrong value fails at once instead of running as
something else.
"""

from __future__ import annotations

from collections.abc import Collection

from renja.model.errors import OptionError
from renja.model.i18n import _


def check_choice(name: str, value: object, choices: Collection[str]) -> None:
    """``value`` is one of ``choices``.

    >>> check_choice("engine", "auto", ("auto", "pdfplumber"))
    >>> check_choice("engine", "fooo", ("auto", "pdfplumber"))
    Traceback (most recent call last):
    renja.model.errors.OptionError: engine 'fooo' tidak dikenal; pilihan: auto, pdfplumber
    """
    if not isinstance(value, str) or value not in choices:
        raise OptionError(
            _("{name} {value!r} is unknown; choices: {choices}").format(
                name=name, value=value, choices=", ".join(choices)
            )
        )


def check_count(name: str, value: object, minimum: int = 1) -> None:
    """``value`` is a whole number of at least ``minimum`` (True and False are not numbers).

    >>> check_count("workers", 2)
    >>> check_count("workers", -2)
    Traceback (most recent call last):
    renja.model.errors.OptionError: workers harus bilangan bulat 1 atau lebih, bukan -2
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise OptionError(
            _("{name} must be a whole number of {minimum} or more, not {value!r}").format(
                name=name, minimum=minimum, value=value
            )
        )


def check_type(name: str, value: object, kinds: type | tuple[type, ...], wanted: str) -> None:
    """``value`` is an instance of ``kinds``; ``wanted`` says what that is, for the message.

    >>> check_type("ocr", True, bool, _("True or False"))
    >>> check_type("ocr", "ya", bool, _("True or False"))
    Traceback (most recent call last):
    renja.model.errors.OptionError: ocr harus True atau False, bukan 'ya' (str)
    """
    if not isinstance(value, kinds):
        raise OptionError(
            _("{name} must be {wanted}, not {value!r} ({type})").format(
                name=name, wanted=wanted, value=value, type=type(value).__name__
            )
        )


def check_flag(name: str, value: object) -> None:
    """``value`` is True or False (not 1, not "yes")."""
    check_type(name, value, bool, _("True or False"))


__all__ = ["check_choice", "check_count", "check_flag", "check_type"]
