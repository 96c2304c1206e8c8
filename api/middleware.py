"""ASGI middleware of the API: security headers on every answer, request body limits, opt-in CORS.

:class:`SecurityHeaders` adds ``nosniff``, ``DENY`` framing, no referrer, same-origin
isolation and a Content-Security-Policy (:data:`API_CSP` unless the response set its
own: pages send :data:`PAGE_CSP`, the docs :data:`DOCS_CSP`). :class:`BodyLimit`
refuses request bodies over the limit with a 413 problem, by ``Content-Length`` before
reading and while streaming. :func:`install_middleware` adds them (and CORS only when
origins are configured: otherwise no CORS header is ever sent).

Examples
--------
>>> BodyLimit(None, upload_limit=10).limit_for({"method": "POST", "path": "/charters/"})
10
>>> BodyLimit(None, upload_limit=10).limit_for({"method": "POST", "path": "/sparql"}) == NON_UPLOAD_BODY_LIMIT
True
>>> env_origins({"GOVKG_CORS_ORIGINS": " https://a.example, ,https://b.example"})
['https://a.example', 'https://b.example']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from fastapi import FastAPI
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govkg.api.problems import problem_response

__all__ = [
    "API_CSP",
    "DOCS_CSP",
    "MAX_REQUEST_HEAD_BYTES",
    "MULTIPART_SLACK",
    "NON_UPLOAD_BODY_LIMIT",
    "PAGE_CSP",
    "BodyLimit",
    "SecurityHeaders",
    "env_origins",
    "install_middleware",
]

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

# The HTTP server's limit on a request line plus headers (uvicorn's h11 default is 16 KiB,
# too small for a SPARQL query sent by GET); `govkg serve` passes it to uvicorn.
MAX_REQUEST_HEAD_BYTES = 256 * 1024
NON_UPLOAD_BODY_LIMIT = 1024 * 1024  # queries and forms other than uploads
MULTIPART_SLACK = 64 * 1024  # boundaries and part headers around the uploaded files


class SecurityHeaders:
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


class BodyLimit:
    """Refuses request bodies over the limit with 413: by Content-Length, and while streaming."""

    def __init__(self, app: ASGIApp, *, upload_limit: int, other_limit: int = NON_UPLOAD_BODY_LIMIT):
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
                    await SecurityHeaders(response)(scope, receive, send)
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


def env_origins(env: Mapping[str, str] | None = None) -> list[str]:
    """The CORS origins of ``GOVKG_CORS_ORIGINS`` (comma-separated; default none)."""
    raw = (os.environ if env is None else env).get("GOVKG_CORS_ORIGINS", "")
    return [o.strip() for o in raw.split(",") if o.strip()]


def install_middleware(app: FastAPI, *, max_upload_bytes: int, cors_origins: Iterable[str] | None = None) -> None:
    """Add CORS (only when origins are given, default :func:`env_origins`), the body limit and the security headers.

    The last added runs first: security headers wrap everything, the body limit wraps CORS.
    """
    origins = list(cors_origins) if cors_origins is not None else env_origins()
    if origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
            max_age=600,
        )
    app.add_middleware(BodyLimit, upload_limit=max_upload_bytes + MULTIPART_SLACK)
    app.add_middleware(SecurityHeaders)
