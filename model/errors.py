"""Exceptions for misuse and unreadable input. The CLI turns each into one line and exit code 1."""

from __future__ import annotations


class RenjaError(Exception):
    """Base class: the message is one complete sentence a user can act on."""


class InputError(RenjaError):
    """The input path is missing, empty, binary, or in an encoding we cannot read."""


class ReferenceMissingError(RenjaError):
    """The nomenclature reference files are not where they should be."""


class OptionError(RenjaError, ValueError):
    """A setting was given a value it cannot take (an unknown engine, a page limit below 1, a
    value of the wrong type). Raised when the settings object is made, before any work; the
    message names the setting, the value given and the values allowed."""


class OutputSchemaError(RenjaError):
    """An output folder was written in another layout (``schema_version``) than this renja
    reads: it must be written again."""
