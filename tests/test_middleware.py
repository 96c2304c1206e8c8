"""api/middleware.py: which middleware an app gets, and the limits they apply (behaviour over HTTP: test_web_security)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from govkg.api.middleware import (
    MULTIPART_SLACK,
    NON_UPLOAD_BODY_LIMIT,
    BodyLimit,
    SecurityHeaders,
    env_origins,
    install_middleware,
)


def _stack(app: FastAPI) -> list[type]:
    return [m.cls for m in app.user_middleware]


def test_no_cors_unless_origins_are_configured():
    closed = FastAPI()
    install_middleware(closed, max_upload_bytes=10, cors_origins=[])
    assert _stack(closed) == [SecurityHeaders, BodyLimit]  # the last added runs first
    opened = FastAPI()
    install_middleware(opened, max_upload_bytes=10, cors_origins=["https://a.example"])
    assert _stack(opened) == [SecurityHeaders, BodyLimit, CORSMiddleware]
    assert opened.user_middleware[1].kwargs == {"upload_limit": 10 + MULTIPART_SLACK}


def test_env_origins():
    assert env_origins({}) == []
    assert env_origins({"GOVKG_CORS_ORIGINS": " , "}) == []
    assert env_origins({"GOVKG_CORS_ORIGINS": "https://a.example,https://b.example "}) == ["https://a.example", "https://b.example"]


def test_only_uploads_get_the_upload_limit():
    limit = BodyLimit(FastAPI(), upload_limit=5_000_000)
    assert limit.limit_for({"method": "POST", "path": "/charters"}) == 5_000_000
    assert limit.limit_for({"method": "POST", "path": "/charters/"}) == 5_000_000
    for scope in ({"method": "GET", "path": "/charters"}, {"method": "POST", "path": "/sparql"}, {"method": "POST", "path": "/charters/x"}):
        assert limit.limit_for(scope) == NON_UPLOAD_BODY_LIMIT
