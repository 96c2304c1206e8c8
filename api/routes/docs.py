"""``/docs`` (Swagger UI served with local assets only: no CDN), ``/favicon.ico`` and ``/`` (to the overview page).

Swagger UI's files come from the fastapi-offline package (mounted at ``/static/docs`` by
the app factory when :func:`docs_assets` finds them). No ReDoc: its bundle hard-codes a
logo image from its CDN.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from govkg.api.middleware import DOCS_CSP
from govkg.api.problems import problem_response

__all__ = ["docs_assets", "router"]

router = APIRouter(include_in_schema=False)


def docs_assets() -> Path | None:
    """The folder of Swagger UI's files in fastapi-offline, or None when it is not installed."""
    try:
        folder = Path(str(files("fastapi_offline").joinpath("static")))
    except ModuleNotFoundError:
        return None
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def _docs_page(title: str, body: str, scripts: Iterable[str], styles: Iterable[str] = ()) -> HTMLResponse:
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


@router.get("/docs")
def docs() -> Response:
    if docs_assets() is None:
        return problem_response(503, "the fastapi-offline package (Swagger UI assets) is not installed", instance="/docs")
    return _docs_page(
        "govkg API",
        '<div id="swagger-ui" data-openapi="/openapi.json"></div>',
        ["/static/docs/swagger-ui-bundle.js", "/static/swagger-init.js"],
        ["/static/docs/swagger-ui.css"],
    )


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=308)


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/viz", status_code=307)
