"""``renja reconcile``: the Permendagri 90 nomenclature as a W3C Reconciliation Service (API
v0.2), so that OpenRefine can reconcile a column of program, kegiatan or sub kegiatan names to
their codes with renja's matcher.

Endpoints (all on 127.0.0.1; JSON answers allow any origin, and a GET may ask for JSONP with
``callback``):

- ``/reconcile`` (GET or POST): without parameters, the service manifest; with ``queries`` (a
  JSON object of queries, form-encoded as OpenRefine sends it) their candidates; with ``query``
  (a name, or one query object) the candidates of that one.
- ``/preview?id=CODE``: a small HTML card of an entry.
- ``/suggest/entity``, ``/suggest/type``, ``/suggest/property`` (``prefix``, ``cursor``):
  entries, levels and the properties a query may carry; ``/flyout/entity?id=CODE``.

A query's ``type`` is a level (``program``, ``kegiatan``, ``sub_kegiatan``). Its properties:
``level`` (the same), ``within`` (a code prefix, read and checked like ``renja match
--within``), ``bidang`` (the SKPD's bidang, ``5.03``: the context generic codes are resolved
in) and ``kode_pemda`` (Kemendagri region code: the regional blocks of Aceh, Papua …).
A candidate's ``match`` is true only when renja is sure of it (the same acceptance as
``renja match``); its score is renja's score (0-100).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from jinja2 import Environment

from renja.model.errors import RenjaError
from renja.model.i18n import N_, _, language
from renja.model.kode import LEVELS, Kode
from renja.normalize.match import TOP, Candidate, Matcher
from renja.normalize.nomenclature import Entry, list_name
from renja.normalize.prefix import read_prefix

API_VERSIONS = ("0.2",)
IDENTIFIER_SPACE = "urn:renja:permendagri90:kode"
SCHEMA_SPACE = "urn:renja:permendagri90:skema"
TYPES = (("sub_kegiatan", "Sub Kegiatan"), ("kegiatan", "Kegiatan"), ("program", "Program"))
TYPE_NAMES = dict(TYPES)
PROPERTIES = (  # marked for the catalogue; ``suggest_property`` translates them
    ("level", N_("Level (program, kegiatan, sub_kegiatan)")),
    ("within", N_("Code prefix (5.03.01.2.07)")),
    ("bidang", N_("Bidang of the SKPD (5.03)")),
    ("kode_pemda", N_("Region code of the pemda (11.01)")),
)
MAX_LIMIT = 50  # candidates one query may ask for
SUGGEST_PAGE = 10  # suggestions per page (``cursor`` pages on)
PREVIEW_SIZE = (420, 180)  # width, height of the preview card, in pixels

_PREVIEW = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ code }}</title>
<style>body{font:14px/1.4 sans-serif;margin:8px}.k{font-weight:bold}.m{color:#555}</style>
</head><body>{{ card }}</body></html>"""
)
_CARD = Environment(autoescape=True).from_string(
    """<div><div class="k">{{ code }}</div><div>{{ entry.name }}</div>
<div class="m">{{ level }} · {{ daftar }}</div>
{% if entry.indikator %}<div class="m">Indikator: {{ entry.indikator }}{% if entry.satuan %}
({{ entry.satuan }}){% endif %}</div>{% endif %}</div>"""
)


@dataclass(frozen=True, slots=True)
class QueryContext:
    """What one query's type and properties say: the level, a checked prefix, the region."""

    level: str | None
    within: str | None
    kode_pemda: str | None


class QueryError(RenjaError, ValueError):
    """A request the service cannot read (``queries`` that are no JSON object …)."""


def _text(value: Any) -> str | None:
    """A property value as text: OpenRefine sends strings, numbers, ``{"id": …}`` or lists."""
    if isinstance(value, list):
        return _text(value[0]) if value else None
    if isinstance(value, Mapping):
        return _text(value.get("id") or value.get("name"))
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


@dataclass
class ReconcileService:
    """What the endpoints answer; ``base`` is the service's own address."""

    matcher: Matcher
    base: str
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- manifest --------------------------------------------------------------------------

    def manifest(self) -> dict[str, Any]:
        width, height = PREVIEW_SIZE
        return {
            "versions": list(API_VERSIONS),
            "name": _("renja: the Permendagri 90 nomenclature"),
            "identifierSpace": IDENTIFIER_SPACE,
            "schemaSpace": SCHEMA_SPACE,
            "defaultTypes": [{"id": i, "name": n} for i, n in TYPES],
            "view": {"url": f"{self.base}/preview?id={{{{id}}}}"},
            "preview": {"url": f"{self.base}/preview?id={{{{id}}}}", "width": width,
                        "height": height},
            "suggest": {
                kind: {
                    "service_url": self.base,
                    "service_path": f"/suggest/{kind}",
                    **({"flyout_service_path": "/flyout/entity?id=${id}"}
                       if kind == "entity" else {}),
                }
                for kind in ("entity", "type", "property")
            },
        }  # fmt: skip

    # --- reconciliation ----------------------------------------------------------------------

    def batch(self, queries: Mapping[str, Any]) -> dict[str, Any]:
        """The answer to a ``queries`` object: the candidates of each query, by its key."""
        return {key: self.answer(query) for key, query in queries.items()}

    def answer(self, query: Any) -> dict[str, Any]:
        """One query (an object, or a bare name): ``{"result": [candidates]}``."""
        if isinstance(query, str):
            query = {"query": query}
        if not isinstance(query, Mapping):
            raise QueryError(_("Each query must be a JSON object with the key 'query'."))
        text = _text(query.get("query"))
        if text is None:
            return {"result": []}
        context = self._context(query)
        if context is None:
            return {"result": []}
        limit = query.get("limit", TOP)
        limit = min(max(int(limit), 1), MAX_LIMIT) if isinstance(limit, int) else TOP
        with self._lock:
            matcher = self.matcher
            if context.kode_pemda and context.kode_pemda != matcher.kode_pemda:
                matcher = replace(matcher, kode_pemda=context.kode_pemda)
            match = matcher.match(text, level=context.level, within=context.within, top=limit)
        return {"result": [self._result(c, i == 0 and match.accepted)
                           for i, c in enumerate(match.candidates)]}  # fmt: skip

    def _context(self, query: Mapping[str, Any]) -> QueryContext | None:
        """What a query's type and properties say; None when it asks for a type or a prefix
        the nomenclature does not have (no candidate can be right)."""
        values: dict[str, str] = {}
        properties = query.get("properties") or []
        if isinstance(properties, Iterable) and not isinstance(properties, (str, Mapping)):
            for item in properties:
                if isinstance(item, Mapping):
                    pid, value = _text(item.get("pid")), _text(item.get("v"))
                    if pid and value:
                        values[pid] = value
        level = _text(query.get("type")) or values.get("level")
        if level is not None and level not in LEVELS:
            return None
        within = values.get("within") or values.get("bidang")
        if within is not None:
            try:
                within = read_prefix(self.matcher.nomenclature, within).code
            except RenjaError:
                return None
        return QueryContext(level, within, values.get("kode_pemda"))

    def _result(self, candidate: Candidate, sure: bool) -> dict[str, Any]:
        return {
            "id": candidate.code,
            "name": candidate.name,
            "type": [{"id": candidate.level, "name": TYPE_NAMES.get(candidate.level,
                                                                    candidate.level)}],
            "score": candidate.score,
            "match": sure,
            "description": f"{candidate.list_name} · {candidate.level}",
        }  # fmt: skip

    # --- preview, suggest, flyout ------------------------------------------------------------

    def entry(self, code: str) -> Entry | None:
        kode = Kode.from_cell(code.strip())
        if kode is None:
            return None
        matcher = self.matcher
        return matcher.nomenclature.get(kode.text, version=matcher.version,
                                        jenis_pemda=matcher.jenis_pemda)  # fmt: skip

    def card(self, code: str) -> str | None:
        entry = self.entry(code)
        if entry is None:
            return None
        return _CARD.render(code=code.strip(), entry=entry, level=entry.level,
                            daftar=list_name(entry.version, entry.jenis_pemda))  # fmt: skip

    def preview(self, code: str) -> str | None:
        card = self.card(code)
        if card is None:
            return None
        return _PREVIEW.render(code=code.strip(), card=card, lang=language())

    def suggest_entity(self, prefix: str, cursor: int = 0) -> dict[str, Any]:
        """Entries whose code starts with the prefix, or whose name matches it best."""
        prefix = prefix.strip()
        found: list[tuple[str, str, str]] = []
        if prefix and Kode.from_cell(prefix.rstrip(".")) is not None:
            seen: set[str] = set()
            for entry in self.matcher.entries:
                if entry.code.startswith(prefix) and entry.code not in seen:
                    seen.add(entry.code)
                    found.append((entry.code, entry.name, entry.level))
            found.sort()
        elif prefix:
            with self._lock:
                match = self.matcher.match(prefix, top=cursor + SUGGEST_PAGE)
            found = [(c.code, c.name, c.level) for c in match.candidates]
        page = found[cursor : cursor + SUGGEST_PAGE]
        return {"result": [{"id": code, "name": name, "description": level}
                           for code, name, level in page]}  # fmt: skip

    def suggest_type(self, prefix: str) -> dict[str, Any]:
        return {"result": [{"id": i, "name": n} for i, n in TYPES if _starts(prefix, i, n)]}

    def suggest_property(self, prefix: str) -> dict[str, Any]:
        properties = [(i, _(n)) for i, n in PROPERTIES]
        return {"result": [{"id": i, "name": n} for i, n in properties if _starts(prefix, i, n)]}

    def flyout(self, code: str) -> dict[str, Any] | None:
        card = self.card(code)
        return {"id": code, "html": card} if card is not None else None


def _starts(prefix: str, *names: str) -> bool:
    prefix = prefix.strip().lower()
    return not prefix or any(prefix in name.lower() for name in names)


def parse_queries(raw: str) -> dict[str, Any]:
    """The ``queries`` parameter: a JSON object of query objects."""
    try:
        queries = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise QueryError(
            _("The parameter '{name}' is no valid JSON: {reason}.").format(
                name="queries", reason=exc.msg
            )
        ) from None
    if not isinstance(queries, dict):
        raise QueryError(
            _("The parameter 'queries' must be a JSON object {example}.").format(
                example='{"q0": {...}}'
            )
        )
    return queries


def parse_query(raw: str) -> Any:
    """The single ``query`` parameter: a JSON query object, or a bare name."""
    text = raw.strip()
    if text.startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise QueryError(
                _("The parameter '{name}' is no valid JSON: {reason}.").format(
                    name="query", reason=exc.msg
                )
            ) from None
    return text
