"""``GET /chains?from=&in=&as_of=``: the chain upwards from a body or post (the one chain of :mod:`govkg.graph.named_queries`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from govkg.api.deps import StoreDep
from govkg.graph.named_queries import chain, resolve_entity

__all__ = ["AS_OF_PATTERN", "router"]

AS_OF_PATTERN = r"^\d{4}(-\d{2}){0,2}$"

router = APIRouter(tags=["resources"])


@router.get(
    "/chains",
    summary="The chain upwards from a body or post",
    responses={404: {"description": "No such body or post"}, 409: {"description": "Ambiguous name; see candidates"}},
)
def get_chain(
    store: StoreDep,
    from_: Annotated[str, Query(alias="from", min_length=1, max_length=500, description="A body or post: id or name")],
    in_: Annotated[str | None, Query(alias="in", max_length=500, description="A locality or committee to narrow by")] = None,
    as_of: Annotated[str | None, Query(pattern=AS_OF_PATTERN, description="Only charters in force on this ISO date")] = None,
) -> dict[str, Any]:
    start = resolve_entity(store, from_, in_)
    return {"from": start, "hops": chain(store, start, as_of=as_of)}
