"""The HTTP side of ``renja reconcile``: a Starlette application over ``ReconcileService``,
served by uvicorn on 127.0.0.1.

JSON answers carry ``Access-Control-Allow-Origin: *`` (a browser client on another origin may
read them) and a GET with ``callback`` gets JSONP. Matching runs in a worker thread, so a long
batch does not hold the server.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from renja.app.reconcile import QueryError, ReconcileService, parse_queries, parse_query
from renja.model.i18n import N_, _

HOST = "127.0.0.1"
NOT_IN_NOMENCLATURE = N_("The code is not in the nomenclature.")
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")


def _answer(request: Request, data: Any, status: int = 200) -> Response:
    """JSON, or JSONP when a GET names a ``callback``."""
    callback = request.query_params.get("callback")
    if request.method == "GET" and callback and _CALLBACK.match(callback):
        body = f"{callback}({json.dumps(data, ensure_ascii=False)});"
        return Response(body, status_code=status, media_type="application/javascript")
    return JSONResponse(data, status_code=status)


async def _params(request: Request) -> dict[str, str]:
    """The request's parameters: the query string, then a form-encoded or multipart body."""
    params = dict(request.query_params)
    if request.method == "POST":
        form = await request.form()
        params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return params


def make_app(service: ReconcileService) -> Starlette:
    """The web application answering the reconciliation API for one service."""

    async def reconcile(request: Request) -> Response:
        params = await _params(request)
        try:
            if "queries" in params:
                queries = parse_queries(params["queries"])
                return _answer(request, await run_in_threadpool(service.batch, queries))
            if "query" in params:
                query = parse_query(params["query"])
                return _answer(request, await run_in_threadpool(service.answer, query))
        except QueryError as exc:
            return _answer(request, {"error": str(exc)}, status=400)
        return _answer(request, service.manifest())

    async def preview(request: Request) -> Response:
        html = service.preview(request.query_params.get("id", ""))
        if html is None:
            return PlainTextResponse(_(NOT_IN_NOMENCLATURE), status_code=404)
        return HTMLResponse(html)

    async def flyout(request: Request) -> Response:
        found = service.flyout(request.query_params.get("id", ""))
        if found is None:
            return _answer(request, {"error": _(NOT_IN_NOMENCLATURE)}, status=404)
        return _answer(request, found)

    async def suggest_entity(request: Request) -> Response:
        prefix = request.query_params.get("prefix", "")
        cursor = request.query_params.get("cursor", "0")
        start = int(cursor) if cursor.isdigit() else 0
        return _answer(request, await run_in_threadpool(service.suggest_entity, prefix, start))

    async def suggest_type(request: Request) -> Response:
        return _answer(request, service.suggest_type(request.query_params.get("prefix", "")))

    async def suggest_property(request: Request) -> Response:
        return _answer(request, service.suggest_property(request.query_params.get("prefix", "")))

    both = ["GET", "POST"]
    return Starlette(
        routes=[
            Route("/", reconcile, methods=both),
            Route("/reconcile", reconcile, methods=both),
            Route("/preview", preview),
            Route("/flyout/entity", flyout),
            Route("/suggest/entity", suggest_entity),
            Route("/suggest/type", suggest_type),
            Route("/suggest/property", suggest_property),
        ],
        middleware=[Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=both)],
    )


def serve(service: ReconcileService, port: int) -> None:
    """Serve until interrupted (uvicorn, on ``HOST``)."""
    import uvicorn

    uvicorn.run(make_app(service), host=HOST, port=port, log_level="warning")
