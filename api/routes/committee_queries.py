"""``GET /members``, ``/delegations``, ``/reporting``, ``/standing-agencies`` and ``/history``: a committee's named queries over HTTP.

They take the arguments of ``/chains`` and of the CLI commands of the same names: a
committee (``committee``; for ``/standing-agencies`` an ``agency``) by id or name, ``in``
to narrow by locality or committee and ``as_of``; an ambiguous name is a 409 listing the
candidates. Every row carries the charter, clause and quote of the edge it reports.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from govkg.api.deps import StoreDep
from govkg.api.routes.chains import AS_OF_PATTERN
from govkg.graph.named_queries import delegations, members, reporting, resolve_entity, standing_agencies
from govkg.graph.read_models import history
from govkg.ontology.vocab import Prop

__all__ = ["router"]

router = APIRouter(tags=["resources"])

_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such committee"},
    409: {"description": "Ambiguous name; see candidates"},
}
CommitteeDep = Annotated[str, Query(min_length=1, max_length=500, description="A committee: id or name")]
InDep = Annotated[str | None, Query(alias="in", max_length=500, description="A locality or committee to narrow by")]
AsOfDep = Annotated[str | None, Query(pattern=AS_OF_PATTERN, description="Only charters in force on this ISO date")]


@router.get("/members", summary="A committee's posts and who holds each", responses=_RESPONSES)
def get_members(store: StoreDep, committee: CommitteeDep, in_: InDep = None, as_of: AsOfDep = None) -> dict[str, Any]:
    body = resolve_entity(store, committee, in_)
    return {"committee": body, "members": members(store, body[Prop.id], as_of=as_of)}


@router.get("/delegations", summary="Who delegates to whom and who acts for whom in a committee", responses=_RESPONSES)
def get_delegations(store: StoreDep, committee: CommitteeDep, in_: InDep = None, as_of: AsOfDep = None) -> dict[str, Any]:
    body = resolve_entity(store, committee, in_)
    return {"committee": body, "delegations": delegations(store, body[Prop.id], as_of=as_of)}


@router.get("/reporting", summary="A committee's reporting lines, with cadence", responses=_RESPONSES)
def get_reporting(store: StoreDep, committee: CommitteeDep, in_: InDep = None, as_of: AsOfDep = None) -> dict[str, Any]:
    body = resolve_entity(store, committee, in_)
    return {"committee": body, "reporting": reporting(store, body[Prop.id], as_of=as_of)}


@router.get("/standing-agencies", summary="The committees a body serves as standing agency", responses=_RESPONSES)
def get_standing_agencies(
    store: StoreDep,
    agency: Annotated[str, Query(min_length=1, max_length=500, description="An agency: id or whole name (every ward's 'Công an phường')")],
    in_: InDep = None,
    as_of: AsOfDep = None,
) -> dict[str, Any]:
    # narrowed by a place, the name must resolve to one body; else a whole name is every ward's
    named = resolve_entity(store, agency, in_)[Prop.id] if in_ else agency
    return {"agency": named, "committees": standing_agencies(store, named, as_of=as_of)}


@router.get("/history", summary="A committee's charters in order and what changed between versions", responses=_RESPONSES)
def get_history(store: StoreDep, committee: CommitteeDep, in_: InDep = None) -> dict[str, Any]:
    return history(store, committee, in_=in_)
