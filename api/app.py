"""The app factory: ``create_app(settings)`` assembles the HTTP API over the configured store.

The store is the embedded one by default, Neo4j when ``NEO4J_URI`` is set. Run it with
``govkg serve`` or ``uvicorn --factory govkg.api.app:create_app``. What it assembles lives
in its own modules:

- the routers, one per resource, in :mod:`govkg.api.routes` (``/charters``, ``/bodies``,
  ``/committees``, ``/chains``, ``/search``, ``/query/cypher``, ``/sparql``, ``/viz…``,
  ``/healthz``, ``/readyz``, ``/docs``);
- what they share (settings, store, SPARQL index, token check) in :mod:`govkg.api.deps`;
- problem+json errors and their OpenAPI in :mod:`govkg.api.problems`;
- security headers, body limits and CORS in :mod:`govkg.api.middleware`.

Examples
--------
>>> from govkg.config import Settings
>>> app = create_app(Settings(), store=object())
>>> paths = app.openapi()["paths"]
>>> [p for p in ("/chains", "/sparql", "/viz", "/charters") if p not in paths]
[]
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from govkg.api.deps import Runtime
from govkg.api.middleware import install_middleware
from govkg.api.problems import install_problem_handlers, problem_openapi
from govkg.api.routes import ROUTERS
from govkg.api.routes.chains import materialise_chains
from govkg.api.routes.docs import docs_assets
from govkg.api.workers import release_memory
from govkg.config import Settings, load_settings
from govkg.errors import GovkgError
from govkg.graph.isolation import start_fork_server, stop_fork_server
from govkg.graph.named_queries import warm_chains

__all__ = ["STATIC_DIR", "create_app"]

log = logging.getLogger("govkg.api")

# the API's own assets (favicon, the Swagger UI start script); the pages' assets are
# served beside them from govkg.graph's static folder
STATIC_DIR = Path(__file__).parent / "static"


def create_app(
    settings: Settings | None = None,
    *,
    store: Any | None = None,
    cors_origins: Iterable[str] | None = None,
    sparql_index: bool = True,
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
    sparql_index
        False: no SPARQL index is built, at start-up or later (``/sparql`` answers 503).
    """
    settings = settings or load_settings()
    runtime = Runtime(settings, store, sparql_index=sparql_index)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        def warm() -> None:
            # build the SPARQL index ahead of the first query; failures show up on /sparql
            try:
                runtime.sparql()
            except Exception as err:
                log.info("SPARQL index not built at start-up: %s", err)
            # hashing the graph and building the index freed hundreds of MB: back to the OS
            release_memory()

        forked = None
        try:
            store = await run_in_threadpool(runtime.store)
            # the embedded store unpacks its property chunks on first read: do it before serving
            # (a worker forked by govkg.api.workers.serve inherits a store warmed before the fork)
            if hasattr(store, "warm") and not runtime.prepared:
                seconds = await run_in_threadpool(store.warm)
                log.info("store warmed in %.2f s", seconds)
                # everything a chain reads, in a few scans: no request makes a query for a chain
                await run_in_threadpool(warm_chains, store)
                await run_in_threadpool(materialise_chains, store)  # every working group's /chains answer
                release_memory()  # the scans' result rows, freed: back to the OS
                # ad-hoc query workers are forked from a copy of this process: they share its
                # warmed graph instead of each reading the file into memory again
                forked = start_fork_server(store)
        except GovkgError as err:
            log.warning("store not reachable at start-up (retried per request): %s", err)
        else:
            # what start-up built lives as long as the server: keep it out of the collector's
            # full passes (one paused a chain for tens of ms on the national graph)
            gc.freeze()
            if runtime.sparql_index:
                threading.Thread(target=warm, name="govkg-sparql-warm", daemon=True).start()
        yield
        if forked is not None:
            stop_fork_server()
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
    app.openapi = problem_openapi(app)  # type: ignore[method-assign]
    install_problem_handlers(app)
    install_middleware(app, max_upload_bytes=settings.max_upload_bytes, cors_origins=cors_origins)

    # static files (no CDN: every asset is served from here)
    swagger = docs_assets()
    if swagger is not None:
        app.mount("/static/docs", StaticFiles(directory=swagger), name="docs-static")
    app.mount("/static", StaticFiles(directory=STATIC_DIR, packages=[("govkg.graph", "static")]), name="static")
    for router in ROUTERS:
        app.include_router(router)
    return app


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("govkg")
    except Exception:
        return "0"
