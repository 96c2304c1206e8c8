"""``GET /bodies/{id}``: a body's posts, holders, groups and standing agency, each with provenance."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from govkg.api.deps import StoreDep
from govkg.graph.read_models import body_view

__all__ = ["router"]

router = APIRouter(tags=["resources"])


@router.get(
    "/bodies/{body_id:path}",
    summary="One body: posts, holders, groups, standing agency",
    responses={404: {"description": "Not found"}},
)
def get_body(body_id: str, store: StoreDep) -> dict[str, Any]:
    return body_view(store, body_id)
