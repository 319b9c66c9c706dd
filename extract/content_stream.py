"""A page's content stream tokenized by qpdf (pikepdf) and executed by pdfminer's interpreter.

pdfminer spends most of a page's reading time in its pure-Python tokenizer (for a 98-page SIPD
Renja, 4.7 of 12.7 s); qpdf parses the same operators in a fraction of that. Only the token
source changes: every operator still goes through pdfminer's own ``do_*`` methods with the same
operand stack, so the characters, rules and images a page gives are the ones pdfminer alone
gives. Whatever qpdf does not read exactly as pdfminer would (an inline image, a name that is
not UTF-8, a stream qpdf warns about) is left to pdfminer's own parser, stream by stream.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, stream_value
from pdfminer.psparser import LIT, PSLiteral

try:
    import pikepdf
except ImportError:  # pragma: no cover - pikepdf is a dependency; pdfminer alone still reads
    pikepdf = None  # type: ignore[assignment]

Operation = tuple[Callable[..., None] | None, int, list[Any]]


class Unreadable(Exception):
    """qpdf's reading of a stream might differ from pdfminer's: let pdfminer read it."""


def _method_name(operator: str) -> str:
    """pdfminer's name for an operator's method.

    >>> _method_name("T*"), _method_name('"'), _method_name("'")
    ('do_T_a', 'do__w', 'do__q')
    """
    return "do_" + operator.replace("*", "_a").replace('"', "_w").replace("'", "_q")


def _name(obj: Any) -> PSLiteral:
    """A name as pdfminer's parser gives it (``/A#20B`` is the literal ``A B``)."""
    try:
        return LIT(str(obj)[1:])
    except UnicodeDecodeError:  # pdfminer keeps such a name's bytes; rare enough to hand over
        raise Unreadable from None


def _value(obj: Any) -> Any:
    """An operand as pdfminer's content parser gives it."""
    kind = type(obj)
    if kind is int or kind is bool:
        return obj
    if kind is Decimal:
        return float(obj)
    if obj is None:
        raise Unreadable  # pdfminer reads `null` as an operator, never an operand
    code = obj._type_code
    if code == pikepdf.ObjectType.string:
        return bytes(obj)
    if code == pikepdf.ObjectType.name_:
        return _name(obj)
    if code == pikepdf.ObjectType.array:
        return [_value(item) for item in obj]
    if code == pikepdf.ObjectType.dictionary:
        return {str(key)[1:]: _value(item) for key, item in obj.items()}
    raise Unreadable


class QpdfInterpreter(PDFPageInterpreter):
    """pdfminer's page interpreter reading its content streams through qpdf."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._methods: dict[str, tuple[Callable[..., None] | None, int]] = {}

    def execute(self, streams: Sequence[object]) -> None:
        operations = self._operations(streams) if pikepdf is not None else None
        if operations is None:
            super().execute(streams)
            return
        for func, nargs, operands in operations:
            self.argstack.extend(operands)
            if func is None:  # an operator pdfminer does not know: its operands stay stacked
                continue
            if nargs:
                args = self.pop(nargs)
                if len(args) == nargs:
                    func(*args)
            else:
                func()

    def _operations(self, streams: Sequence[object]) -> list[Operation] | None:
        """Each operator of ``streams`` with its method, arity and operands; None when qpdf
        might read them otherwise than pdfminer (pdfminer reads them then)."""
        valid: list[PDFStream] = []
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                return None  # pdfminer's own warnings and refusals apply
            valid.append(stream)
        data = b"\n".join(stream.get_data() for stream in valid)
        try:
            # A stream belongs to a PDF: an empty one for each call (9 µs), which holds the data
            # only while it is read (one PDF for all would keep every page's).
            with pikepdf.new() as scratch, warnings.catch_warnings():
                warnings.simplefilter("error")
                out = [
                    self._operation(instruction)
                    for instruction in pikepdf.parse_content_stream(pikepdf.Stream(scratch, data))
                ]
        except (Unreadable, UserWarning, pikepdf.PdfError, UnicodeDecodeError):
            return None
        self.stream_ids.clear()
        self.stream_ids.update(stream.objid for stream in valid if stream.objid is not None)
        return out

    def _operation(self, instruction: Any) -> Operation:
        if type(instruction) is not pikepdf.ContentStreamInstruction:
            raise Unreadable  # an inline image: pdfminer reads its data its own way
        operator = str(instruction.operator)
        known = self._methods.get(operator)
        if known is None:
            method = getattr(self, _method_name(operator), None)
            known = self._methods[operator] = (
                method,
                method.__code__.co_argcount - 1 if method is not None else 0,
            )
        raw: Iterable[Any] = instruction.operands
        operands = [
            operand if type(operand) is int else float(operand) if type(operand) is Decimal
            else _value(operand)
            for operand in raw
        ]  # fmt: skip
        return known[0], known[1], operands
