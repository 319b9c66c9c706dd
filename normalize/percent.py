"""Read plain decimal numbers and percentages (``24,64``, ``68,8 1%``, ``205.5 %``) exactly.

A comma is the decimal mark, dots group thousands. Some authors type a dot as the decimal mark;
a single dot followed by one or two digits can only be that (thousands groups have three), so it
is read as a decimal point and logged. Values are ``Decimal`` as printed, never floats.
"""

from __future__ import annotations

import re
from decimal import Decimal

from renja.model.i18n import _
from renja.normalize.parsed import EMPTY, Parsed
from renja.normalize.rupiah import (
    EMPTY_MARKS,
    drop_stray_dots,
    drop_trailing_comma,
    join_wrapped_number,
    no_digit_before_comma,
    quote_cell,
    split_sign,
)

# Longest run of digits read as a number: indicator values are small; longer runs are glued cells.
MAX_NUMBER_DIGITS = 30

_SPACES = re.compile(r"\s+")
_NUMBER_CHARS = re.compile(r"[0-9., ]*[0-9][0-9., ]*")
_DOT_DECIMAL = re.compile(r"[0-9]+\.[0-9]{1,2}")  # '205.5', '87.38': never a thousands group
_GROUPED = re.compile(r"[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+")
_STRAY_DOT = re.compile(r"^\.|\.\.|\.$")


def read_dot_as_decimal(text: str) -> str:
    """Read a single dot followed by one or two digits as a decimal point.

    >>> read_dot_as_decimal("205.5")
    '205,5'
    >>> read_dot_as_decimal("87.38")
    '87,38'
    """
    return text.replace(".", ",")


def wrap_is_certain(body: str) -> bool:
    """Spaces in a number are a line wrap only when its separators show it (``68,8 1``,
    ``1.25 0``); with none, ``49 4`` may as well be two numbers a reader put in one cell, and
    only digits spaced one by one (``1 4 6``) are one number.

    >>> wrap_is_certain("68,8 1"), wrap_is_certain("1 4 6"), wrap_is_certain("49 4")
    (True, True, False)
    """
    pieces = body.split()
    return any(mark in body for mark in ".,") or all(len(piece) == 1 for piece in pieces)


def no_number(cell: str) -> str:
    """The problem of a cell that holds no number."""
    return _("not a number: {cell}").format(cell=quote_cell(cell))


def several_numbers(cell: str) -> str:
    """The problem of a cell that holds two numbers or more."""
    return _("two numbers or more in one cell: {cell}").format(cell=quote_cell(cell))


def _read_number(body: str, cell: str) -> Parsed[Decimal]:
    """Read ``body`` (the number part of ``cell``, without any ``%``); a minus sign or
    brackets around a number with its separators (``(9,54)``, as financial tables print a
    fall; a bare ``(13)`` is a column's number) make it negative."""
    negative, signless = split_sign(body)
    if negative and body[:1] == "(" and not any(mark in signless for mark in ".,"):
        negative, signless = False, body  # a bare (13): a column's number, not a number
    body = signless
    if not _NUMBER_CHARS.fullmatch(body):
        return Parsed(None, problem=no_number(cell))

    rules: list[str] = []
    if " " in body and not wrap_is_certain(body):
        return Parsed(None, problem=several_numbers(cell))
    if " " in body:
        body = join_wrapped_number(body)
        rules.append(join_wrapped_number.__name__)
    if body.count(",") > 1:
        return Parsed(
            None, problem=_("more than one decimal comma in {cell}").format(cell=quote_cell(cell))
        )
    if body.endswith(","):
        body = drop_trailing_comma(body)
        rules.append(drop_trailing_comma.__name__)
    if "," not in body and _DOT_DECIMAL.fullmatch(body):
        body = read_dot_as_decimal(body)
        rules.append(read_dot_as_decimal.__name__)

    whole, _sep, fraction = body.partition(",")
    if "." in fraction:
        return Parsed(
            None, problem=_("a dot after the decimal comma in {cell}").format(cell=quote_cell(cell))
        )
    if _STRAY_DOT.search(whole):
        whole = drop_stray_dots(whole)
        rules.append(drop_stray_dots.__name__)
    if not whole:
        return Parsed(None, problem=no_digit_before_comma(cell))
    if not _GROUPED.fullmatch(whole):
        groups = whole.split(".")
        bad = next((g for g in groups[1:] if len(g) != 3), groups[0])
        problem = _("group {group} has {n} digits: cannot read {cell}").format(
            group=quote_cell(bad), n=len(bad), cell=quote_cell(cell)
        )
        return Parsed(None, problem=problem)
    digits = whole.replace(".", "")
    if len(digits) + len(fraction) > MAX_NUMBER_DIGITS:
        return Parsed(None, problem=_("too many digits in {cell}").format(cell=quote_cell(cell)))
    sign = "-" if negative else ""
    number = f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}"
    return Parsed(Decimal(number), tuple(rules))


def parse_decimal(text: str) -> Parsed[Decimal]:
    """Read a plain number cell such as ``24,64`` or ``1.003,00`` as an exact ``Decimal``.

    >>> parse_decimal("1.003,00").value
    Decimal('1003.00')
    >>> parse_decimal("205.5")
    Parsed(value=Decimal('205.5'), rules=('read_dot_as_decimal',), problem=None)
    >>> parse_decimal("56,")
    Parsed(value=Decimal('56'), rules=('drop_trailing_comma',), problem=None)
    >>> parse_decimal("(1.003,50)").value
    Decimal('-1003.50')
    """
    cell = _SPACES.sub(" ", text or "").strip()
    if cell in EMPTY_MARKS:
        return EMPTY
    return _read_number(cell, cell)


def parse_percent(text: str) -> Parsed[Decimal]:
    """Read a percentage cell; the ``%`` sign is optional. The value is the number before it.

    >>> parse_percent("68,8 1%")
    Parsed(value=Decimal('68.81'), rules=('join_wrapped_number',), problem=None)
    >>> parse_percent("100 %").value
    Decimal('100')
    >>> parse_percent("(9,54)").value, parse_percent("(9,54 %)").value
    (Decimal('-9.54'), Decimal('-9.54'))
    >>> parse_percent("(13)").value is None  # a column's number, not a fall
    True
    """
    cell = _SPACES.sub(" ", text or "").strip()
    if cell in EMPTY_MARKS:
        return EMPTY
    if cell[:1] == "(" and cell.endswith("%)"):  # the sign inside the brackets
        body = "(" + cell[1:-2].rstrip() + ")"
    else:
        body = cell.removesuffix("%").rstrip()
    if not body:
        return Parsed(
            None, problem=_("no digit before the percent sign in {cell}").format(
                cell=quote_cell(cell))
        )  # fmt: skip
    return _read_number(body, cell)
