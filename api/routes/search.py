"""``GET /search?q=``: nodes by name (accent-insensitive) or id."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from govkg.api.deps import StoreDep
from govkg.graph.named_queries import search as search_nodes

__all__ = ["router"]

router = APIRouter(tags=["resources"])


@router.get("/search", summary="Nodes by name (accent-insensitive) or id")
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> dict[str, Any]:
    return {"query": q, "results": search_nodes(store, q, limit=limit)}
