"""The API's routers, one module per resource; :data:`ROUTERS` is the order the app includes them in."""

from __future__ import annotations

from govkg.api.routes import (
    bodies,
    chains,
    charters,
    committee_queries,
    committees,
    cypher,
    docs,
    health,
    pages,
    people,
    search,
    sparql,
)

__all__ = ["ROUTERS"]

ROUTERS = (
    docs.router,
    health.router,
    charters.router,
    bodies.router,
    committees.router,
    chains.router,
    people.router,
    committee_queries.router,
    search.router,
    cypher.router,
    sparql.router,
    pages.router,
)
