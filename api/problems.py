"""Errors as ``application/problem+json`` (RFC 9457): the document, its ``type`` URIs, the handlers, the OpenAPI.

Every 4xx/5xx answer of the API is a problem document with ``type``, ``title``,
``status``, ``detail`` and ``instance`` (the request path), plus extension members
(``candidates`` of an ambiguous name, ``errors`` of a validation failure, ``outcomes`` of
an upload). :func:`install_problem_handlers` turns govkg's typed errors, HTTP errors,
validation errors and anything unexpected into one; :func:`problem_openapi` documents
every error response of the OpenAPI schema as one.

Examples
--------
>>> problem_type(404), problem_type(409)
('https://govkg.org/problems/not-found', 'https://govkg.org/problems/ambiguous')
>>> problem_type(418)
'about:blank'
>>> from govkg.errors import QueryRefused
>>> status_of(NotFound("x")), status_of(QueryRefused("x")), status_of(QueryTimeout("x"))
(404, 400, 503)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from govkg.errors import (
    Ambiguous,
    ConfigError,
    GovkgError,
    NotFound,
    ParseError,
    QueryTimeout,
    QueryTooLarge,
    StoreError,
    ValidationError,
)

__all__ = [
    "PROBLEM_BASE",
    "PROBLEM_JSON",
    "Problem",
    "install_problem_handlers",
    "problem_openapi",
    "problem_response",
    "problem_type",
    "status_of",
]

log = logging.getLogger("govkg.api")

PROBLEM_BASE = "https://govkg.org/problems/"
PROBLEM_JSON = "application/problem+json"

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
_TITLES = {409: "Ambiguous name", 413: "Request too large"}


class Problem(BaseModel):
    """An RFC 9457 problem document (extension members allowed)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="A URI naming the kind of problem.")
    title: str = Field(description="A short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str | None = Field(None, description="What went wrong in this request.")
    instance: str | None = Field(None, description="The path of the request.")


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


def status_of(err: GovkgError) -> int:
    """The HTTP status of a govkg error: 404 not found, 409 ambiguous, 413 too large, 422 bad input, 503 store or timeout, else 400."""
    if isinstance(err, NotFound):
        return 404
    if isinstance(err, Ambiguous):
        return 409
    if isinstance(err, QueryTimeout):
        return 503
    if isinstance(err, QueryTooLarge):
        return 413
    if isinstance(err, (ParseError, ValidationError)):
        return 422
    if isinstance(err, (StoreError, ConfigError)):
        return 503
    return 400  # QueryRefused and any other refusal of the request


def _govkg_problem(request: Request, err: GovkgError) -> JSONResponse:
    status = status_of(err)
    extra: dict[str, Any] = {}
    if isinstance(err, Ambiguous):
        extra["candidates"] = err.candidates
    if isinstance(err, QueryTimeout):
        extra["headers"] = {"Retry-After": "5"}
    if status >= 500:
        log.warning("%s %s: %s", request.method, request.url.path, err)
    return problem_response(status, str(err), instance=request.url.path, **extra)


def allowed_methods(request: Request) -> list[str]:
    """The methods of every route of the app whose path matches the request's (sorted)."""
    from starlette.routing import Match

    probe = {**request.scope, "method": "GET"}
    methods: set[str] = set()

    def walk(routes) -> None:
        for route in routes:
            if getattr(route, "methods", None):
                if route.matches(probe)[0] != Match.NONE:
                    methods.update(route.methods)
            elif getattr(route, "routes", None):  # an included router kept as a group of routes
                walk(route.routes)

    from govkg.api.routes import ROUTERS

    # the app's own routes (docs, static) and those of the routers it includes, as declared
    walk([*request.app.routes, *(route for router in ROUTERS for route in router.routes)])
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` as problem+json: govkg errors, HTTP errors, invalid requests, crashes."""

    @app.exception_handler(GovkgError)
    async def _on_govkg(request: Request, err: GovkgError) -> JSONResponse:
        return _govkg_problem(request, err)

    @app.exception_handler(StarletteHTTPException)
    async def _on_http(request: Request, err: StarletteHTTPException) -> JSONResponse:
        headers = err.headers
        if err.status_code == 405:
            # Starlette names the methods of the first route on the path only: GET /charters
            # hid POST /charters. Every route on the path counts.
            headers = {**(headers or {}), "Allow": ", ".join(allowed_methods(request))}
        return problem_response(err.status_code, str(err.detail), instance=request.url.path, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _on_validation(request: Request, err: RequestValidationError) -> JSONResponse:
        errors = [{k: e.get(k) for k in ("loc", "msg", "type")} for e in err.errors()]
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors[:5])
        return problem_response(422, detail, instance=request.url.path, errors=errors)

    @app.exception_handler(Exception)
    async def _on_error(request: Request, err: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(500, "internal error", instance=request.url.path)


def problem_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """``app.openapi`` with every error documented as application/problem+json (and the Problem schema)."""

    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = Problem.model_json_schema()
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        problem = {"content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
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
