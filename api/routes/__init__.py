"""The API's routers, one module per resource; :data:`ROUTERS` is the order the app includes them in."""

from __future__ import annotations

from govkg.api.routes import bodies, chains, charters, committees, cypher, docs, health, pages, search, sparql

__all__ = ["ROUTERS"]

ROUTERS = (
    docs.router,
    health.router,
    charters.router,
    bodies.router,
    committees.router,
    chains.router,
    search.router,
    cypher.router,
    sparql.router,
    pages.router,
)
