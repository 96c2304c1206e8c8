"""``GET /committees?level=&locality=``: the steering committees, top level first."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from govkg.api.deps import StoreDep
from govkg.graph.read_models import committee_list
from govkg.ontology.vocab import Level

__all__ = ["router"]

router = APIRouter(tags=["resources"])


@router.get("/committees", summary="Steering committees by level and locality")
def list_committees(
    store: StoreDep,
    level: Annotated[Level | None, Query(description="national, province, district or commune")] = None,
    locality: Annotated[str | None, Query(max_length=200, description="Part of the locality or name, accents optional")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    return committee_list(store, level=level.value if level else None, locality=locality, limit=limit, offset=offset)
