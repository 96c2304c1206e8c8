"""The HTTP API: JSON resources, read-only Cypher and SPARQL, charter uploads, and the graph pages.

``create_app(settings)`` builds a FastAPI application over the configured store (the
embedded one by default, Neo4j when ``NEO4J_URI`` is set). Run it with ``govkg serve``
or ``uvicorn --factory govkg.api.app:create_app``.

Resources (JSON)
    ``GET /charters``, ``GET /charters/{id}``, ``GET /bodies/{id}``,
    ``GET /committees?level=&locality=``, ``GET /chains?from=&in=&as_of=``, ``GET /search?q=``.
Queries
    ``POST /query/cypher`` (read-only: the allow-list of :mod:`govkg.graph.readonly`,
    then a read transaction; server-side timeout and row cap) and ``GET|POST /sparql``
    (the SPARQL 1.1 Protocol over the derived index of :mod:`govkg.graph.sparql_index`;
    updates refused).
Writes
    ``POST /charters`` (multipart, one or more files): off unless ``GOVKG_API_TOKEN`` is
    set, then it needs ``Authorization: Bearer <token>``.
Pages
    ``/viz``, ``/viz/committees/{id}``, ``/viz/chains`` (see :mod:`govkg.api.viz`), and
    ``/docs`` (Swagger UI) served with local assets only. (No ReDoc: its bundle hard-codes
    a logo image from its CDN.)

Every 4xx/5xx answer is ``application/problem+json`` (RFC 9457: ``type``, ``title``,
``status``, ``detail``, ``instance``). Cross-origin requests get no CORS headers unless
origins are configured (``cors_origins`` or ``GOVKG_CORS_ORIGINS``, comma-separated).

Examples
--------
>>> problem_type(404), problem_type(409)
('https://govkg.org/problems/not-found', 'https://govkg.org/problems/ambiguous')
>>> negotiate("text/csv;q=0.5, application/sparql-results+json", RESULT_TYPES)
'application/sparql-results+json'
>>> negotiate("text/html", RESULT_TYPES) is None
True
>>> safe_upload_name("../../etc/passwd", 0), safe_upload_name("C:\\\\x\\\\Quy chế.DOCX", 1)
('upload-0-passwd.txt', 'upload-1-Quy_ch.docx')
"""

from __future__ import annotations

import gc
import hmac
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import asdict
from http import HTTPStatus
from importlib.resources import files
from pathlib import Path, PurePosixPath
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from govkg.graph.sparql_store import SparqlResult, SparqlStore, serialize_results
from govkg.ontology.vocab import Level, Prop
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govkg.config import Settings, load_settings
from govkg.errors import (
    Ambiguous,
    ConfigError,
    GovkgError,
    NotFound,
    ParseError,
    QueryRefused,
    QueryTimeout,
    StoreError,
    ValidationError,
)

__all__ = [
    "DOCS_CSP",
    "GRAPH_TYPES",
    "MAX_REQUEST_HEAD_BYTES",
    "PAGE_CSP",
    "PROBLEM_BASE",
    "RESULT_TYPES",
    "Problem",
    "create_app",
    "negotiate",
    "problem_response",
    "problem_type",
    "safe_upload_name",
]

log = logging.getLogger("govkg.api")

PROBLEM_BASE = "https://govkg.org/problems/"
PROBLEM_JSON = "application/problem+json"
STATIC_DIR = Path(__file__).parent / "static"

# CSP of the graph pages: our own scripts and styles only, images from data: URIs (the
# vis-network CSS embeds its icons), no other origin, no inline script.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI sets inline styles (never scripts).
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Everything else (JSON, problems) may load nothing at all.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

# SPARQL result media types, preferred first, with the aliases clients send.
RESULT_TYPES: dict[str, tuple[str, ...]] = {
    "application/sparql-results+json": ("application/json",),
    "application/sparql-results+xml": ("application/xml", "text/xml"),
    "text/csv": (),
    "text/tab-separated-values": (),
}
GRAPH_TYPES: dict[str, tuple[str, ...]] = {
    "text/turtle": ("application/x-turtle", "application/turtle"),
    "application/n-triples": ("text/plain",),
    "application/ld+json": ("application/json",),
    "application/rdf+xml": ("application/xml", "text/xml"),
}
# Values of the ``format``/``output`` parameters (SPARQLWrapper sends them besides Accept).
_FORMAT_NAMES: dict[str, tuple[str, str]] = {
    # name: (result media type, graph media type)
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", ""),
    "tsv": ("text/tab-separated-values", ""),
    "turtle": ("", "text/turtle"),
    "ttl": ("", "text/turtle"),
    "n3": ("", "text/turtle"),
    "nt": ("", "application/n-triples"),
    "ntriples": ("", "application/n-triples"),
    "json-ld": ("", "application/ld+json"),
    "jsonld": ("", "application/ld+json"),
    "rdf+xml": ("", "application/rdf+xml"),
    "rdfxml": ("", "application/rdf+xml"),
}

# The HTTP server's limit on a request line plus headers (uvicorn's h11 default is 16 KiB,
# too small for a SPARQL query sent by GET); `govkg serve` passes it to uvicorn.
MAX_REQUEST_HEAD_BYTES = 256 * 1024
_GET_QUERY_MAX = 20_000  # characters of a query sent in the URL; POST takes longer ones
_NON_UPLOAD_BODY_LIMIT = 1024 * 1024  # queries and forms other than uploads
_MULTIPART_SLACK = 64 * 1024  # boundaries and part headers around the files
_MAX_UPLOAD_FILES = 20
_NEO4J_RECHECK_S = 30.0  # another process may write Neo4j: re-hash at most this often
_SAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


# --------------------------------------------------------------------------- problems
_SLUGS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "ambiguous",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid-request",
    500: "internal-error",
    503: "unavailable",
}


class Problem(BaseModel):
    """An RFC 9457 problem document (extension members allowed)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="A URI naming the kind of problem.")
    title: str = Field(description="A short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str | None = Field(None, description="What went wrong in this request.")
    instance: str | None = Field(None, description="The path of the request.")


_TITLES = {409: "Ambiguous name", 413: "Request too large"}


def problem_type(status: int) -> str:
    """The ``type`` URI of a status code's problem."""
    slug = _SLUGS.get(status)
    return PROBLEM_BASE + slug if slug else "about:blank"


def problem_response(
    status: int,
    detail: str | None = None,
    *,
    instance: str | None = None,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """An ``application/problem+json`` response."""
    try:
        phrase = _TITLES.get(status) or HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    body = {
        "type": problem_type(status),
        "title": title or phrase,
        "status": status,
        "detail": detail,
        "instance": instance,
        **jsonable_encoder(extra),
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _status_of(err: GovkgError) -> int:
    if isinstance(err, NotFound):
        return 404
    if isinstance(err, Ambiguous):
        return 409
    if isinstance(err, QueryTimeout):
        return 503
    if isinstance(err, (ParseError, ValidationError)):
        return 422
    if isinstance(err, (StoreError, ConfigError)):
        return 503
    return 400  # QueryRefused and any other refusal of the request


def _govkg_problem(request: Request, err: GovkgError) -> JSONResponse:
    status = _status_of(err)
    extra: dict[str, Any] = {}
    if isinstance(err, Ambiguous):
        extra["candidates"] = err.candidates
    if isinstance(err, QueryTimeout):
        extra["headers"] = {"Retry-After": "5"}
    if status >= 500:
        log.warning("%s %s: %s", request.method, request.url.path, err)
    return problem_response(status, str(err), instance=request.url.path, **extra)


# --------------------------------------------------------------------------- ASGI middleware
class _SecurityHeaders:
    """Adds security headers to every response; a page's own CSP is kept."""

    def __init__(self, app: ASGIApp, *, hsts: bool = False):
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                defaults = {
                    b"x-content-type-options": b"nosniff",
                    b"x-frame-options": b"DENY",
                    b"referrer-policy": b"no-referrer",
                    b"cross-origin-opener-policy": b"same-origin",
                    b"cross-origin-resource-policy": b"same-origin",
                    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
                    b"content-security-policy": API_CSP.encode(),
                }
                headers += [(k, v) for k, v in defaults.items() if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _BodyLimit:
    """Refuses request bodies over the limit with 413: by Content-Length, and while streaming."""

    def __init__(self, app: ASGIApp, *, upload_limit: int, other_limit: int = _NON_UPLOAD_BODY_LIMIT):
        self.app = app
        self.upload_limit = upload_limit
        self.other_limit = other_limit

    def limit_for(self, scope: Scope) -> int:
        is_upload = scope["method"] == "POST" and scope["path"].rstrip("/") == "/charters"
        return self.upload_limit if is_upload else self.other_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > limit or declared < 0:
                    status = 413 if declared > limit else 400
                    detail = (
                        f"request body of {declared} bytes is over the limit of {limit} bytes"
                        if status == 413
                        else "invalid Content-Length"
                    )
                    # answer without reading the body; the server closes the connection
                    response = problem_response(status, detail, instance=scope["path"], headers={"Connection": "close"})
                    await _SecurityHeaders(response)(scope, receive, send)
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # raised inside the route while it reads the body: becomes a 413 problem
                    raise StarletteHTTPException(413, f"request body is over the limit of {limit} bytes")
            return message

        await self.app(scope, counted, send)


# --------------------------------------------------------------------------- negotiation
def _parse_accept(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        items = [p.strip() for p in part.split(";")]
        media = items[0].lower()
        if not media:
            continue
        q = 1.0
        for param in items[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def negotiate(accept: str | None, offered: dict[str, tuple[str, ...]]) -> str | None:
    """The offered media type the ``Accept`` header prefers (the first offered when it is absent).

    Each offered type also answers to its aliases (``application/json`` for SPARQL JSON
    results). The most specific matching range sets a type's quality; ties go to the
    server's order. ``None`` when nothing acceptable is offered.

    >>> negotiate("application/json", RESULT_TYPES)
    'application/sparql-results+json'
    >>> negotiate("text/*", GRAPH_TYPES), negotiate(None, GRAPH_TYPES)
    ('text/turtle', 'text/turtle')
    """
    order = list(offered)
    if not accept or not accept.strip():
        return order[0]
    ranges = _parse_accept(accept)
    best: tuple[float, int] | None = None
    chosen = None
    for index, media in enumerate(order):
        names = (media, *offered[media])
        quality, specificity = None, -1
        for rng, q in ranges:
            for name in names:
                kind = name.split("/")[0]
                spec = 2 if rng == name else 1 if rng == f"{kind}/*" else 0 if rng == "*/*" else -1
                # an alias counts as slightly less specific than the type itself
                if spec >= 0 and (spec > specificity or (spec == specificity and q > (quality or 0))):
                    quality, specificity = q, spec
        if quality is not None and quality > 0:
            key = (quality, -index)
            if best is None or key > best:
                best, chosen = key, media
    return chosen


def _format_override(values: Iterable[str], kind: str) -> str | None:
    table = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    for value in values:
        value = (value or "").strip().lower()
        if value in table:
            return value
        for canonical, aliases in table.items():
            if value in aliases:
                return canonical
        pair = _FORMAT_NAMES.get(value)
        if pair:
            media = pair[1] if kind == "graph" else pair[0]
            if media:
                return media
    return None


# --------------------------------------------------------------------------- uploads
def safe_upload_name(filename: str | None, index: int) -> str:
    """A name for an uploaded file that is never a path: ``upload-<i>-<cleaned stem><suffix>``.

    Only the last component of the client's name is kept, reduced to ``[A-Za-z0-9._-]``;
    the suffix (which picks the reader) must be a charter suffix, else ``.txt``.
    """
    from govkg.pipeline import CHARTER_SUFFIXES

    raw = (filename or "").replace("\\", "/")
    base = PurePosixPath(raw).name if raw else ""
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = f".{suffix.lower()}"
    if suffix not in CHARTER_SUFFIXES:
        stem, suffix = base, ".txt"
    stem = _SAFE_CHARS.sub("_", stem).strip("._")[:60] or "file"
    return f"upload-{index}-{stem}{suffix}"


def _load_bytes(store: Any, data: bytes, name: str, max_bytes: int, *, validate: bool = True) -> dict[str, Any]:
    """Parse, extract, validate and load one uploaded charter (as ``pipeline.load_paths`` does per file)."""
    from govkg.loaders.extract import extract
    from govkg.loaders.parse import parse
    from govkg.loaders.read import read_bytes
    from govkg.ontology.rdf import to_rdf
    from govkg.ontology.rdf import validate as shacl_validate

    from govkg.loaders.judgements import apply_judgements
    from govkg.pipeline import LoadOutcome, store_judgements

    outcome = LoadOutcome(name)
    try:
        # the analysts' merge judgements apply to an upload as to any load
        facts = apply_judgements(extract(parse(read_bytes(data, name, max_bytes=max_bytes))), store_judgements(store))
        outcome.charter = facts.charter_id
        if validate:
            outcome.warnings = shacl_validate(to_rdf(facts), path=name).warnings
        report = store.load(facts)
        outcome.status = "unchanged" if getattr(report, "unchanged", False) else "loaded"
        outcome.nodes, outcome.edges = len(facts.nodes), len(facts.edges)
    except GovkgError as err:
        outcome.status, outcome.error = "failed", str(err)
    return asdict(outcome)


# --------------------------------------------------------------------------- runtime
class _Runtime:
    """The store and the SPARQL index one application serves, opened lazily and shared."""

    def __init__(self, settings: Settings, store: Any | None = None):
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self._lock = threading.Lock()
        self._sparql_lock = threading.Lock()
        self._sparql: SparqlStore | None = None
        self._sparql_checked = 0.0
        self._sparql_dirty = True
        self.uploads_enabled = bool(settings.api_token)

    @property
    def backend(self) -> str:
        return "neo4j" if self.settings.neo4j_uri else "embedded"

    def store(self) -> Any:
        """The graph store; opened on first use (and again after a failed open)."""
        if self._store is not None:
            return self._store
        with self._lock:
            if self._store is None:
                from govkg.graph.store import open_store

                # without uploads nothing writes: share the embedded file with other readers
                read_only = (
                    not self.uploads_enabled and not self.settings.neo4j_uri and self.settings.embedded_path.exists()
                )
                self._store = open_store(self.settings, read_only=read_only)
            return self._store

    def sparql(self) -> SparqlStore:
        """The SPARQL index, rebuilt when the graph changed (our uploads; Neo4j: re-checked)."""
        from govkg.graph.sparql_index import ensure_sparql

        with self._sparql_lock:
            stale = self._sparql is None or self._sparql_dirty
            if not stale and self.backend == "neo4j":
                stale = time.monotonic() - self._sparql_checked > _NEO4J_RECHECK_S
            if stale:
                self._sparql = ensure_sparql(self.store(), self.settings)
                self._sparql_dirty = False
                self._sparql_checked = time.monotonic()
            assert self._sparql is not None
            return self._sparql

    def graph_changed(self) -> None:
        with self._sparql_lock:
            self._sparql_dirty = True

    def close(self) -> None:
        with self._lock:
            if self._store is not None and self._owns_store:
                try:
                    self._store.close()
                finally:
                    self._store = None


# --------------------------------------------------------------------------- request models
class CypherRequest(BaseModel):
    """A read-only Cypher query and its parameters."""

    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=100_000, description="One read-only Cypher statement.")
    parameters: dict[str, Any] = Field(default_factory=dict, description="Values for its $parameters.")


class CypherResult(BaseModel):
    """Rows of a Cypher query."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = Field(description="True when the row cap cut the result short.")
    row_cap: int
    timeout_s: float


def _problem_schema_ref() -> dict[str, Any]:
    return {"$ref": "#/components/schemas/Problem"}


def _custom_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """OpenAPI with every error documented as application/problem+json."""

    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = Problem.model_json_schema()
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        problem = {"content": {PROBLEM_JSON: {"schema": _problem_schema_ref()}}}
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                responses = operation["responses"]
                for code in list(responses):
                    if code.startswith(("4", "5")):
                        responses[code] = {"description": responses[code].get("description", "Error"), **problem}
                responses.setdefault("4XX", {"description": "A problem with the request", **problem})
                responses.setdefault("5XX", {"description": "A problem in the server or the store", **problem})
        app.openapi_schema = schema
        return schema

    return build


def _docs_assets() -> Path | None:
    try:
        folder = Path(str(files("fastapi_offline").joinpath("static")))
    except ModuleNotFoundError:
        return None
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def _docs_page(title: str, body: str, scripts: Iterable[str], styles: Iterable[str] = ()) -> HTMLResponse:
    from html import escape

    links = "".join(f'<link rel="stylesheet" href="{escape(s)}">' for s in styles)
    tags = "".join(f'<script src="{escape(s)}"></script>' for s in scripts)
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">{links}</head>'
        f"<body>{body}{tags}</body></html>"
    )
    return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_CSP})


# --------------------------------------------------------------------------- the app
def create_app(
    settings: Settings | None = None,
    *,
    store: Any | None = None,
    cors_origins: Iterable[str] | None = None,
) -> FastAPI:
    """The govkg HTTP application.

    Parameters
    ----------
    settings
        Default :func:`~govkg.config.load_settings` (the environment).
    store
        An open store to serve instead of opening the configured one (not closed by the app).
    cors_origins
        Origins allowed to read responses cross-origin; default ``GOVKG_CORS_ORIGINS``
        (comma-separated), else none: no CORS headers are sent at all.
    """
    settings = settings or load_settings()
    runtime = _Runtime(settings, store)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        def warm() -> None:
            # build the SPARQL index ahead of the first query; failures show up on /sparql
            try:
                runtime.sparql()
            except Exception as err:
                log.info("SPARQL index not built at start-up: %s", err)

        try:
            store = await run_in_threadpool(runtime.store)
            # the embedded store unpacks its property chunks on first read: do it before serving
            if hasattr(store, "warm"):
                seconds = await run_in_threadpool(store.warm)
                log.info("store warmed in %.2f s", seconds)
        except GovkgError as err:
            log.warning("store not reachable at start-up (retried per request): %s", err)
        else:
            # what start-up built lives as long as the server: keep it out of the collector's
            # full passes (one paused a chain for tens of ms on the national graph)
            gc.freeze()
            threading.Thread(target=warm, name="govkg-sparql-warm", daemon=True).start()
        yield
        runtime.close()

    app = FastAPI(
        title="govkg",
        version=_version(),
        description=(
            "Vietnam's steering committees as a knowledge graph built from their charters. "
            "Every fact carries its provenance: the charter, the provision and the quoted text."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.openapi = _custom_openapi(app)  # type: ignore[method-assign]

    # -- errors: problem+json for everything
    @app.exception_handler(GovkgError)
    async def _on_govkg(request: Request, err: GovkgError) -> JSONResponse:
        return _govkg_problem(request, err)

    @app.exception_handler(StarletteHTTPException)
    async def _on_http(request: Request, err: StarletteHTTPException) -> JSONResponse:
        return problem_response(err.status_code, str(err.detail), instance=request.url.path, headers=err.headers)

    @app.exception_handler(RequestValidationError)
    async def _on_validation(request: Request, err: RequestValidationError) -> JSONResponse:
        errors = [{k: e.get(k) for k in ("loc", "msg", "type")} for e in err.errors()]
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors[:5])
        return problem_response(422, detail, instance=request.url.path, errors=errors)

    @app.exception_handler(Exception)
    async def _on_error(request: Request, err: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(500, "internal error", instance=request.url.path)

    # -- middleware (the last added runs first)
    origins = list(cors_origins) if cors_origins is not None else _env_origins()
    if origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
            max_age=600,
        )
    app.add_middleware(_BodyLimit, upload_limit=settings.max_upload_bytes + _MULTIPART_SLACK)
    app.add_middleware(_SecurityHeaders)

    # -- static files and docs (no CDN: every asset is served from here)
    docs_assets = _docs_assets()
    if docs_assets is not None:
        app.mount("/static/docs", StaticFiles(directory=docs_assets), name="docs-static")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        if docs_assets is None:
            return problem_response(503, "the fastapi-offline package (Swagger UI assets) is not installed", instance="/docs")
        return _docs_page(
            "govkg API",
            '<div id="swagger-ui" data-openapi="/openapi.json"></div>',
            ["/static/docs/swagger-ui-bundle.js", "/static/swagger-init.js"],
            ["/static/docs/swagger-ui.css"],
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg", status_code=308)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/viz", status_code=307)

    # -- health
    @app.get("/healthz", tags=["health"], summary="The process is up")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], summary="The store is reachable", responses={503: {"description": "Store unreachable"}})
    def readyz(request: Request) -> Response:
        try:
            runtime.store().query("RETURN 1 AS ok", limit=1, timeout=settings.query_timeout_s)
        except GovkgError as err:
            return problem_response(503, f"store not reachable: {err}", instance=request.url.path)
        return JSONResponse({"status": "ready", "backend": runtime.backend, "uploads": runtime.uploads_enabled})

    _resources(app, runtime)
    _queries(app, runtime)
    _uploads(app, runtime)

    from govkg.api.viz import register_pages

    register_pages(app, runtime.store)
    return app


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("govkg")
    except Exception:
        return "0"


def _env_origins() -> list[str]:
    raw = os.environ.get("GOVKG_CORS_ORIGINS", "")
    return [o.strip() for o in raw.split(",") if o.strip()]


# --------------------------------------------------------------------------- resources
def _resources(app: FastAPI, runtime: _Runtime) -> None:
    from govkg.api.views import body_view, charter_view, committee_list
    from govkg.graph import queries

    errors = {404: {"description": "Not found"}}

    @app.get("/charters", tags=["resources"], summary="The loaded charters")
    def list_charters() -> list[dict[str, Any]]:
        return runtime.store().charters()

    @app.get("/charters/{charter_id:path}", tags=["resources"], summary="One charter: metadata, provisions, facts", responses=errors)
    def get_charter(charter_id: str) -> dict[str, Any]:
        return charter_view(runtime.store(), charter_id, limit=runtime.settings.row_cap)

    @app.get("/bodies/{body_id:path}", tags=["resources"], summary="One body: posts, holders, groups, standing agency", responses=errors)
    def get_body(body_id: str) -> dict[str, Any]:
        return body_view(runtime.store(), body_id)

    @app.get("/committees", tags=["resources"], summary="Steering committees by level and locality")
    def list_committees(
        level: Annotated[Level | None, Query(description="national, province, district or commune")] = None,
        locality: Annotated[str | None, Query(max_length=200, description="Part of the locality or name, accents optional")] = None,
        limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        return committee_list(
            runtime.store(), level=level.value if level else None, locality=locality, limit=limit, offset=offset
        )

    @app.get(
        "/chains",
        tags=["resources"],
        summary="The chain upwards from a body or post",
        responses={404: {"description": "No such body or post"}, 409: {"description": "Ambiguous name; see candidates"}},
    )
    def get_chain(
        from_: Annotated[str, Query(alias="from", min_length=1, max_length=500, description="A body or post: id or name")],
        in_: Annotated[str | None, Query(alias="in", max_length=500, description="A locality or committee to narrow by")] = None,
        as_of: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}){0,2}$", description="Only charters in force on this ISO date")] = None,
    ) -> dict[str, Any]:
        store = runtime.store()
        start = queries.resolve_entity(store, from_, in_)
        hops = queries.chain(store, start, as_of=as_of)
        return {"from": start, "hops": hops}

    @app.get("/search", tags=["resources"], summary="Nodes by name (accent-insensitive) or id")
    def search(
        q: Annotated[str, Query(min_length=1, max_length=500)],
        limit: Annotated[int, Query(ge=1, le=1000)] = 20,
    ) -> dict[str, Any]:
        return {"query": q, "results": queries.search(runtime.store(), q, limit=limit)}


# --------------------------------------------------------------------------- queries
def _sparql_form_schema() -> dict[str, Any]:
    text = {"type": "string", "maxLength": 100_000}
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"query": text, "update": text, "format": {"type": "string"}},
                    }
                },
                "application/sparql-query": {"schema": text},
                "application/sparql-update": {"schema": text},
            },
        }
    }


def _queries(app: FastAPI, runtime: _Runtime) -> None:
    settings = runtime.settings

    @app.post(
        "/query/cypher",
        tags=["queries"],
        summary="Run one read-only Cypher statement",
        response_model=CypherResult,
        responses={400: {"description": "Refused (writes, procedures, …) or invalid"}, 503: {"description": "Timed out"}},
    )
    def cypher(body: CypherRequest) -> CypherResult:
        try:
            rows = runtime.store().query(
                body.query, body.parameters, timeout=settings.query_timeout_s, limit=settings.row_cap
            )
        except StoreError as err:
            # the store accepted the guard but not the text: a bad query, not a broken server
            raise QueryRefused(f"query failed: {err.reason}", subject="cypher") from err
        columns = list(rows[0].keys()) if rows else []
        return CypherResult(
            columns=columns,
            rows=jsonable_encoder(list(rows)),
            truncated=bool(getattr(rows, "truncated", False)),
            row_cap=settings.row_cap,
            timeout_s=settings.query_timeout_s,
        )

    def run_sparql(request: Request, query: str, formats: list[str]) -> Response:
        result = runtime.sparql().query(query, timeout=settings.query_timeout_s)
        truncated = False
        if result.kind == "bindings":
            result, truncated = _cap_bindings(result, settings.row_cap)
        offered = GRAPH_TYPES if result.kind == "graph" else RESULT_TYPES
        media = _format_override(formats, result.kind) or negotiate(request.headers.get("accept"), offered)
        if media is None:
            return problem_response(
                406, f"cannot answer a {result.kind} result in {request.headers.get('accept')!r}; offered: {', '.join(offered)}",
                instance=request.url.path,
            )
        body = serialize_results(result, media)
        media_type = f"{media}; charset=utf-8" if media.startswith("text/") else media
        headers = {"Vary": "Accept"}
        if truncated:
            headers["X-Govkg-Truncated"] = "true"
        return Response(body, media_type=media_type, headers=headers)

    sparql_responses = {
        200: {
            "description": "Query results",
            "content": {media: {} for media in (*RESULT_TYPES, *GRAPH_TYPES)},
        },
        400: {"description": "Not a valid read-only query"},
        403: {"description": "Updates are refused"},
        406: {"description": "No acceptable result format"},
    }

    @app.get("/sparql", tags=["queries"], summary="SPARQL 1.1 query (Protocol: query via GET)", responses=sparql_responses)
    def sparql_get(
        request: Request,
        query: Annotated[str | None, Query(max_length=_GET_QUERY_MAX, description="The SPARQL query (POST for longer ones)")] = None,
        update: Annotated[str | None, Query(max_length=_GET_QUERY_MAX, description="Refused: the endpoint is read-only")] = None,
        default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
        named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
        format: Annotated[str | None, Query(max_length=100, description="A result format overriding Accept")] = None,
    ) -> Response:
        if update is not None:
            return problem_response(403, "SPARQL updates are refused: this endpoint is read-only", instance=request.url.path)
        if default_graph_uri or named_graph_uri:
            return problem_response(400, "default-graph-uri and named-graph-uri are not supported", instance=request.url.path)
        if not query:
            return problem_response(400, "missing the 'query' parameter", instance=request.url.path)
        qs = parse_qs(request.url.query)
        return run_sparql(request, query, [*qs.get("format", []), *qs.get("output", [])])

    @app.post(
        "/sparql",
        tags=["queries"],
        summary="SPARQL 1.1 query (Protocol: form or application/sparql-query body)",
        responses={**sparql_responses, 415: {"description": "Unsupported Content-Type"}},
        openapi_extra=_sparql_form_schema(),
    )
    async def sparql_post(request: Request) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        qs = parse_qs(request.url.query)
        formats = [*qs.get("format", []), *qs.get("output", [])]
        if content_type == "application/sparql-update":
            return problem_response(403, "SPARQL updates are refused: this endpoint is read-only", instance=request.url.path)
        if content_type == "application/sparql-query":
            raw = await request.body()
            try:
                query = raw.decode("utf-8")
            except UnicodeDecodeError:
                return problem_response(400, "the query is not UTF-8", instance=request.url.path)
            if qs.get("default-graph-uri") or qs.get("named-graph-uri"):
                return problem_response(400, "default-graph-uri and named-graph-uri are not supported", instance=request.url.path)
        elif content_type == "application/x-www-form-urlencoded":
            raw = await request.body()
            try:
                form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError:
                return problem_response(400, "the form is not UTF-8", instance=request.url.path)
            if "update" in form:
                return problem_response(403, "SPARQL updates are refused: this endpoint is read-only", instance=request.url.path)
            if form.get("default-graph-uri") or form.get("named-graph-uri"):
                return problem_response(400, "default-graph-uri and named-graph-uri are not supported", instance=request.url.path)
            queries_ = form.get("query") or []
            if len(queries_) != 1 or not queries_[0]:
                return problem_response(400, "give exactly one non-empty 'query' field", instance=request.url.path)
            query = queries_[0]
            formats = [*form.get("format", []), *form.get("output", []), *formats]
        else:
            return problem_response(
                415,
                "use application/x-www-form-urlencoded (query=…) or application/sparql-query",
                instance=request.url.path,
            )
        if not query.strip():
            return problem_response(400, "empty query", instance=request.url.path)
        return await run_in_threadpool(run_sparql, request, query, formats)


def _cap_bindings(result: SparqlResult, cap: int) -> tuple[SparqlResult, bool]:
    data = json.loads(result.data)
    bindings = data.get("results", {}).get("bindings", [])
    if len(bindings) <= cap:
        return result, False
    data["results"]["bindings"] = bindings[:cap]
    return SparqlResult(result.kind, json.dumps(data).encode("utf-8"), result.list_columns), True


# --------------------------------------------------------------------------- uploads
def _check_token(request: Request, token: str | None) -> JSONResponse | None:
    if not token:
        return problem_response(
            403, "uploads are disabled: the server has no GOVKG_API_TOKEN configured", instance=request.url.path
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    # constant-time comparison of the raw bytes (headers arrive latin-1 decoded); a wrong
    # scheme compares an empty token
    raw = given.strip().encode("latin-1", errors="replace") if scheme.lower() == "bearer" else b""
    ok = hmac.compare_digest(raw, token.encode("utf-8"))
    if not ok:
        return problem_response(
            401,
            "a valid 'Authorization: Bearer <token>' header is required",
            instance=request.url.path,
            headers={"WWW-Authenticate": 'Bearer realm="govkg"'},
        )
    return None


def _uploads(app: FastAPI, runtime: _Runtime) -> None:
    settings = runtime.settings
    upload_schema = {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                        "required": ["files"],
                    }
                }
            },
        }
    }

    @app.post(
        "/charters",
        tags=["writes"],
        summary="Upload and load charters (needs the API token)",
        openapi_extra=upload_schema,
        responses={
            401: {"description": "Missing or wrong token"},
            403: {"description": "Uploads are disabled (no token configured)"},
            413: {"description": "Too large"},
            422: {"description": "No file could be loaded"},
        },
    )
    async def upload(
        request: Request,
        validate: Annotated[bool, Query(description="SHACL-validate before loading (like `govkg load`)")] = True,
    ) -> Response:
        # the token is checked before a byte of the body is read
        refused = _check_token(request, settings.api_token)
        if refused is not None:
            return refused
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "multipart/form-data":
            return problem_response(415, "send multipart/form-data with one or more files", instance=request.url.path)
        try:
            form = await request.form(max_files=_MAX_UPLOAD_FILES, max_fields=_MAX_UPLOAD_FILES)
        except StarletteHTTPException:
            raise
        except Exception as err:
            return problem_response(400, f"cannot read the form: {err}", instance=request.url.path)
        uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
        if not uploads:
            await form.close()
            return problem_response(400, "no file in the form", instance=request.url.path)
        try:
            blobs = []
            for i, item in enumerate(uploads):
                data = await item.read(settings.max_upload_bytes + 1)
                if len(data) > settings.max_upload_bytes:
                    return problem_response(
                        413, f"file {i} is over the limit of {settings.max_upload_bytes} bytes", instance=request.url.path
                    )
                blobs.append((safe_upload_name(item.filename, i), data))
        finally:
            await form.close()

        def load_all() -> list[dict[str, Any]]:
            store = runtime.store()
            return [_load_bytes(store, data, name, settings.max_upload_bytes, validate=validate) for name, data in blobs]

        outcomes = await run_in_threadpool(load_all)
        if any(o["status"] == "loaded" for o in outcomes):
            runtime.graph_changed()
        if all(o["status"] == "failed" for o in outcomes):
            return problem_response(422, "no file could be loaded", instance=request.url.path, outcomes=outcomes)
        return JSONResponse({"outcomes": outcomes})
