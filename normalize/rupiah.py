"""Read Rupiah amounts as printed in Renja tables, telling conversion damage from author typos.

Indonesian format: ``.`` groups thousands and ``,`` marks decimals (``292.438.783.064,47``).
PDF conversion wraps long numbers inside narrow cells, which leaves spaces inside them
(``189.1 53.75 0``); no digit is lost, so the spaces are removed and the change is logged. A group
of the wrong length with no wrap (``59.99.800``) means a digit was lost or added by the author:
no reading is certain, so the cell gets a problem and no value.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from renja.model.i18n import _, language
from renja.model.limits import CELL_CACHE
from renja.model.money import SCALE_WORD_PATTERN, SCALE_WORDS
from renja.normalize.parsed import EMPTY, Parsed

# Cells that mean "nothing here": a dash in any of the widths documents print.
EMPTY_MARKS: frozenset[str] = frozenset({"", "-", "–", "—", "--"})

# Signs that stand for minus before a number (hyphen, en dash, the real minus sign).
MINUS_SIGNS: frozenset[str] = frozenset({"-", "–", "−"})

# Longest run of digits read as an amount. The national budget is below 10**16 rupiah; longer
# runs are glued cells or a misread (and from 19 digits on, 2**63 and up, no 64-bit integer
# column holds them): the cell is unreadable, a finding, never a crash.
MAX_AMOUNT_DIGITS = 18
# Amounts and quantities renja reads are below this, also once scaled (``ribuan``): a larger
# value is an unreadable cell (``renja.normalize.values.bounded``).
MAX_EXACT = 10**MAX_AMOUNT_DIGITS

# Problems quote the cell; a whole page glued into one cell must not flood the report.
MAX_QUOTED_CHARS = 80

_SPACES = re.compile(r"\s+")
_CURRENCY = re.compile(r"^rp\.?\s*", re.IGNORECASE)  # 'Rp', 'Rp.', 'Rp ', 'RP.'
_WHOLE_MARK = re.compile(r"\s*[,.]\s*[-–—]\Z")  # ',-' or '.-': "whole rupiah, no cents"
_AMOUNT_CHARS = re.compile(r"[0-9., ]+")
_US_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_US_DECIMAL = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]{1,2}")
_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})*")
_GROUPED_WITH_DOT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_STRAY_DOT = re.compile(r"^\.|\.\.|\.$")
_NON_DIGIT = re.compile(r"[^0-9]")


# --- repair rules: each takes the damaged text and returns its repair --------------------------


# Thousands grouped by single spaces: ``171 130 251 000``.
_SPACE_THOUSANDS = re.compile(r"\d{1,3}(?: \d{3})+")


def join_wrapped_number(text: str) -> str:
    """Remove the spaces a line wrap left inside a number.

    >>> join_wrapped_number("189.1 53.75 0")
    '189.153.750'
    >>> join_wrapped_number("2.743 .140. 061")
    '2.743.140.061'
    """
    return "".join(text.split())


def join_wrapped_digits(text: str) -> str:
    """Keep only the digits of a wrapped number whose dots no longer group it.

    >>> join_wrapped_digits("77.51. 5900")
    '77515900'
    """
    return _NON_DIGIT.sub("", text)


def accept_missing_separators(text: str) -> str | None:
    """Read a number whose thousands dots are missing: certain only if no digit is lost.

    Every group after the first must hold whole thousands (3, 6, 9... digits).

    >>> accept_missing_separators("28143400")
    '28143400'
    >>> accept_missing_separators("40.000000")
    '40000000'
    >>> accept_missing_separators("59.99.800") is None
    True
    """
    groups = text.split(".")
    if not all(g.isdigit() for g in groups) or any(len(g) % 3 for g in groups[1:]):
        return None
    return "".join(groups)


def read_comma_thousands(text: str) -> str:
    """Read US-style comma thousands, as some converters print them, the Indonesian way.

    >>> read_comma_thousands("156,356,974,255")
    '156.356.974.255'
    """
    return text.replace(",", ".")


def read_space_thousands(text: str) -> str:
    """Read thousands grouped by spaces (the SI way, a thin space in some converters' output)
    the Indonesian way.

    >>> read_space_thousands("171 130 251 000")
    '171.130.251.000'
    """
    return ".".join(text.split())


def read_us_decimal(text: str) -> str:
    """Read a US-style amount with a decimal point (``3,547,642,206.00``) the Indonesian way.

    >>> read_us_decimal("3,547,642,206.00")
    '3.547.642.206,00'
    """
    whole, _sep, cents = text.rpartition(".")
    return f"{whole.replace(',', '.')},{cents}"


def drop_trailing_comma(text: str) -> str:
    """Drop a decimal comma that has no digits after it.

    >>> drop_trailing_comma("56,")
    '56'
    """
    return text.rstrip().removesuffix(",").rstrip()


def drop_stray_dots(text: str) -> str:
    """Drop dots that separate nothing: leading, trailing or doubled.

    >>> drop_stray_dots("1.000.")
    '1.000'
    >>> drop_stray_dots("5..760.000")
    '5.760.000'
    """
    return ".".join(g for g in text.split(".") if g)


# A footnote's mark after a number: ``*)``, ``**``, ``(*)``, a superscript digit.
_FOOTNOTE_MARK = re.compile(r"(?<=[0-9A-Za-z)%])\s*(?:\(?\*+\)?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")


def drop_footnote_mark(text: str) -> str:
    """Drop a footnote's mark printed after a number or its unit (its note explains it).

    >>> drop_footnote_mark("250.000.000*)"), drop_footnote_mark("1.000.000.000 ¹")
    ('250.000.000', '1.000.000.000')
    >>> drop_footnote_mark("(13.143.400)")
    '(13.143.400)'
    """
    return _FOOTNOTE_MARK.sub("", text)


# An amount printed with its unit word: ``1,25 M`` (miliar), ``3,5 juta``, ``750 rb``.
_UNIT_WORD = re.compile(
    rf"^(?P<number>[0-9][0-9., ]*?)\s*(?P<unit>{SCALE_WORD_PATTERN})\.?$", re.IGNORECASE
)
# The number before a unit word with one comma: its decimals (``4,125 M`` is 4,125 miliar),
# never thousands: a word scales a short number.
_WORDED_DECIMAL = re.compile(r"\d+,\d+")


def read_unit_word(text: str) -> tuple[str, int] | None:
    """An amount printed with its unit word: the number as printed and what the word
    multiplies it by (``M`` is miliar, as Indonesian budgets abbreviate it), or None.

    >>> read_unit_word("1,25 M"), read_unit_word("3,5 juta"), read_unit_word("750 rb.")
    (('1,25', 1000000000), ('3,5', 1000000), ('750', 1000))
    >>> read_unit_word("1.250.000"), read_unit_word("Meningkat")
    (None, None)

    Its number's comma is a decimal comma, whatever its digits:

    >>> parse_rupiah("Rp 4,125 M").value, parse_rupiah("Rp 1.500 Jt").value
    (4125000000, 1500000000)
    """
    match = _UNIT_WORD.match(text.strip())
    if match is None:
        return None
    return match["number"].strip(), SCALE_WORDS[match["unit"].lower()]


def quote_cell(cell: str) -> str:
    """The cell as quoted in a problem: its repr, cut short when it is very long.

    >>> quote_cell("59.99.800")
    "'59.99.800'"
    >>> len(quote_cell("9" * 1000)) < 100
    True
    """
    if len(cell) > MAX_QUOTED_CHARS:
        cell = cell[:MAX_QUOTED_CHARS] + "…"
    return repr(cell)


# --- the parser ---------------------------------------------------------------------------------


class _Digits(NamedTuple):
    """The digits of a whole-rupiah part, the rules used to read them, or the bad group."""

    digits: str | None
    rules: tuple[str, ...] = ()
    bad_group: str | None = None


def _read_groups(number: str) -> _Digits:
    """Read a dot-grouped run of digits (no spaces): strict first, then with missing dots."""
    rules: tuple[str, ...] = ()
    if _STRAY_DOT.search(number):
        number = drop_stray_dots(number)
        rules = (drop_stray_dots.__name__,)
        if not number:
            return _Digits(None, rules, "")
    if _GROUPED.fullmatch(number):
        return _Digits(number.replace(".", ""), rules)
    digits = accept_missing_separators(number)
    if digits is None:
        bad = next((g for g in number.split(".")[1:] if len(g) % 3), "")
        return _Digits(None, rules, bad)
    return _Digits(digits, (*rules, accept_missing_separators.__name__))


def _holds_two_amounts(number: str) -> bool:
    """True when the space-separated pieces are two values, not one number a line wrap cut:
    every piece is itself a dot-grouped amount (two cells glued, or two rows' amounts in one
    cell), or a piece after the first is a dot-grouped amount far longer than the first (a
    target beside its amount: a wrap fills its first line, so no later line is that much longer).

    >>> [_holds_two_amounts(t) for t in ("376.502.000 158.300.000", "3 3.381.425.000",
    ...                                  "189.1 53.75 0", "15.50 1.518. 746", "100. 000.000.000")]
    [True, True, False, False, False]
    """
    pieces = number.split()
    if len(pieces) < 2:
        return False
    if all(_GROUPED_WITH_DOT.fullmatch(p) for p in pieces):
        return True
    head = pieces[0]
    if not head[-1].isdigit():
        return False  # a separator left at the end of the first line: the number goes on
    return any(_GROUPED_WITH_DOT.fullmatch(p) and p[0] != "0" and len(p) > 2 * len(head) + 2
               for p in pieces[1:])  # fmt: skip


def split_sign(body: str) -> tuple[bool, str]:
    """Take off ``( )`` or a leading minus; returns (negative, the rest)."""
    if body.startswith("(") and body.endswith(")"):
        return True, body[1:-1].strip()
    if body[0] in MINUS_SIGNS and body[1:].lstrip()[:1].isdigit():
        return True, body[1:].lstrip()
    return False, body


def no_digit_before_comma(cell: str) -> str:
    """The problem of a cell with a decimal comma and nothing before it."""
    return _("no digit before the decimal comma in {cell}").format(cell=quote_cell(cell))


def _lost_digit(bad: str, cell: str) -> Parsed[int | Decimal]:
    problem = _("group {group} has {n} digits: a digit was lost or added in {cell}")
    return Parsed(
        None, problem=problem.format(group=quote_cell(bad), n=len(bad), cell=quote_cell(cell))
    )


def _scaled(
    worded: tuple[str, int], negative: bool, cell: str, marked: bool
) -> Parsed[int | Decimal]:
    """An amount with its unit word, read as its number times the word's scale."""
    number, scale = worded
    if _WORDED_DECIMAL.fullmatch(number):  # ``4,125 M``: a decimal comma before the word
        read: Parsed[int | Decimal] = Parsed(Decimal(number.replace(",", ".")))
    else:
        read = _parse_rupiah(number, language())
    if read.value is None:
        return Parsed(None, problem=read.problem)
    value = Decimal(read.value) * scale
    value = -value if negative else value
    rules = ([drop_footnote_mark.__name__] if marked else []) + [*read.rules,
                                                                 read_unit_word.__name__]
    if abs(value) >= MAX_EXACT:
        problem = _("too many digits for an amount of money in {cell}")
        return Parsed(None, problem=problem.format(cell=quote_cell(cell)))
    exact: int | Decimal = int(value) if value == value.to_integral_value() else value
    return Parsed(exact, tuple(dict.fromkeys(rules)))


def parse_rupiah(text: str) -> Parsed[int | Decimal]:
    """Read one amount cell: ``int`` for whole rupiah, exact ``Decimal`` when there are cents.

    >>> parse_rupiah("Rp. 1.954.327.000")
    Parsed(value=1954327000, rules=(), problem=None)
    >>> parse_rupiah("292.438.783.064,47").value
    Decimal('292438783064.47')
    >>> parse_rupiah("(13.143.400 )").value
    -13143400
    >>> parse_rupiah("15.50 1.518. 746")
    Parsed(value=15501518746, rules=('join_wrapped_number',), problem=None)
    >>> parse_rupiah("59.99.800").problem
    "kelompok '99' berisi 2 digit: ada digit yang hilang atau bertambah di '59.99.800'"
    >>> parse_rupiah("3,547,642,206.00")
    Parsed(value=3547642206, rules=('read_us_decimal',), problem=None)
    >>> parse_rupiah("171\u2009130\u2009251\u2009000")  # thousands by thin spaces
    Parsed(value=171130251000, rules=('read_space_thousands',), problem=None)
    >>> parse_rupiah("Rp               -")
    Parsed(value=None, rules=(), problem=None)
    >>> parse_rupiah("9.300.000.000.000.000.000,50").problem  # 2**63 and more: no Rupiah
    "terlalu banyak angka untuk jumlah uang di '9.300.000.000.000.000.000,50'"
    """
    return _parse_rupiah(text, language())


@lru_cache(maxsize=CELL_CACHE)
def _parse_rupiah(text: str, lang: str) -> Parsed[int | Decimal]:
    """``parse_rupiah`` once per cell text and language (its problem is in the language)."""
    del lang
    cell = _SPACES.sub(" ", text or "").strip()
    marked = drop_footnote_mark(cell)
    body = _WHOLE_MARK.sub("", _CURRENCY.sub("", marked))
    if body in EMPTY_MARKS:
        return EMPTY
    negative, body = split_sign(body)
    body = _WHOLE_MARK.sub("", _CURRENCY.sub("", body))
    worded = read_unit_word(body)
    if worded is not None:
        return _scaled(worded, negative, cell, marked != cell)
    if not _AMOUNT_CHARS.fullmatch(body) or not any(c.isdigit() for c in body):
        return Parsed(None, problem=_("no amount of money: {cell}").format(cell=quote_cell(cell)))

    rules: list[str] = [drop_footnote_mark.__name__] if marked != cell else []
    if "." not in body and _US_THOUSANDS.fullmatch(join_wrapped_number(body)):
        body = read_comma_thousands(body)
        rules.append(read_comma_thousands.__name__)
    elif _US_DECIMAL.fullmatch(join_wrapped_number(body)):
        body = read_us_decimal(join_wrapped_number(body))
        rules.append(read_us_decimal.__name__)

    whole, comma, cents = body.partition(",")
    whole, cents = whole.strip(), cents.strip()
    if "," in cents or "." in cents:
        problem = _("more than one decimal separator in {cell}").format(cell=quote_cell(cell))
        return Parsed(None, problem=problem)
    if comma and not cents:
        rules.append(drop_trailing_comma.__name__)
    if " " in cents:
        cents = join_wrapped_number(cents)
        rules.append(join_wrapped_number.__name__)
    if not whole:
        return Parsed(None, problem=no_digit_before_comma(cell))

    if _SPACE_THOUSANDS.fullmatch(whole):
        whole = read_space_thousands(whole)
        rules.append(read_space_thousands.__name__)
    if " " in whole:
        read = _read_groups(join_wrapped_number(whole))
        if _holds_two_amounts(whole):
            return Parsed(
                None, problem=_("two amounts of money in one cell: {cell}").format(
                    cell=quote_cell(cell))
            )  # fmt: skip
        if read.digits is not None:
            rules += [join_wrapped_number.__name__, *read.rules]
        else:
            read = _Digits(join_wrapped_digits(whole))
            rules.append(join_wrapped_digits.__name__)
    else:
        read = _read_groups(whole)
        if read.digits is None:
            return _lost_digit(read.bad_group or "", cell)
        rules += read.rules
    digits = read.digits or ""

    if len(digits) > MAX_AMOUNT_DIGITS or len(cents) > MAX_AMOUNT_DIGITS:
        return Parsed(
            None, problem=_("too many digits for an amount of money in {cell}").format(
                cell=quote_cell(cell))
        )  # fmt: skip
    done = tuple(dict.fromkeys(rules))
    if cents.strip("0"):
        return Parsed(Decimal(f"{'-' if negative else ''}{digits}.{cents}"), done)
    value = int(digits)
    return Parsed(-value if negative else value, done)
