"""``POST /query/cypher``: one read-only Cypher statement, with a server-side timeout and row cap.

The statement passes the allow-list of :mod:`govkg.graph.readonly` and runs in a read
transaction; writes, procedures and the like are refused with 400.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field

from govkg.api.deps import SettingsDep, StoreDep
from govkg.errors import QueryRefused, StoreError
from govkg.graph import isolation

__all__ = ["CypherRequest", "CypherResult", "router"]

router = APIRouter(tags=["queries"])


class CypherRequest(BaseModel):
    """A read-only Cypher query and its parameters."""

    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=100_000, description="One read-only Cypher statement.")
    parameters: dict[str, Any] = Field(default_factory=dict, description="Values for its $parameters.")


class CypherResult(BaseModel):
    """Rows of a Cypher query."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = Field(description="True when the row cap cut the result short.")
    row_cap: int
    timeout_s: float


@router.post(
    "/query/cypher",
    summary="Run one read-only Cypher statement",
    response_model=CypherResult,
    responses={400: {"description": "Refused (writes, procedures, …) or invalid"}, 503: {"description": "Timed out"}},
)
def cypher(body: CypherRequest, response: Response, store: StoreDep, settings: SettingsDep) -> CypherResult:
    try:
        rows = isolation.run_cypher(
            store, body.query, body.parameters, timeout=settings.query_timeout_s, limit=settings.row_cap
        )
    except StoreError as err:
        # the store accepted the guard but not the text: a bad query, not a broken server
        raise QueryRefused(f"query failed: {err.reason}", subject="cypher") from err
    if getattr(rows, "truncated", False):
        response.headers["X-Govkg-Truncated"] = "true"  # as /sparql says it
    columns = list(rows[0].keys()) if rows else []
    return CypherResult(
        columns=columns,
        rows=jsonable_encoder(list(rows)),
        truncated=bool(getattr(rows, "truncated", False)),
        row_cap=settings.row_cap,
        timeout_s=settings.query_timeout_s,
    )
