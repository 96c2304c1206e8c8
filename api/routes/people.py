"""``GET /posts/{id}`` and ``GET /people/{id}``: every seat a post or person holds, directly or ex officio, and what each seat does.

Both answer with :func:`govkg.graph.read_models.who`: the committees chaired, who acts for
each seat and under which condition, what it delegates, whom it reports and is accountable
to, each with its charter, clause and quote. The path may be an id or a name, resolved as
``/chains`` resolves ``from`` (409 with the candidates when several match).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from govkg.api.deps import StoreDep
from govkg.api.routes.chains import AS_OF_PATTERN
from govkg.errors import NotFound
from govkg.graph.named_queries import resolve_entity
from govkg.graph.read_models import who
from govkg.graph.store import LABELS_KEY
from govkg.ontology.vocab import Label, Prop

__all__ = ["router"]

router = APIRouter(tags=["resources"])

_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such post or person"},
    409: {"description": "Ambiguous name; see candidates"},
}
InDep = Annotated[str | None, Query(alias="in", max_length=500, description="A locality or committee to narrow by")]
AsOfDep = Annotated[str | None, Query(pattern=AS_OF_PATTERN, description="Only charters in force on this ISO date")]


def _answer(store: Any, name_or_id: str, in_: str | None, as_of: str | None, label: Label) -> dict[str, Any]:
    found = resolve_entity(store, name_or_id, in_)
    if label not in found.get(LABELS_KEY, []):
        raise NotFound(f"not a {label.value.lower()}", subject=str(found.get(Prop.id)))
    return who(store, found, as_of=as_of)


@router.get("/posts/{post:path}", summary="A post's seats: committees chaired, acting, delegation, reporting", responses=_RESPONSES)
def get_post(
    store: StoreDep,
    post: Annotated[str, Path(min_length=1, max_length=500, description="A post: id or name")],
    in_: InDep = None,
    as_of: AsOfDep = None,
) -> dict[str, Any]:
    return _answer(store, post, in_, as_of, Label.Post)


@router.get("/people/{person:path}", summary="A person's seats: committees chaired, acting, delegation, reporting", responses=_RESPONSES)
def get_person(
    store: StoreDep,
    person: Annotated[str, Path(min_length=1, max_length=500, description="A person: id or name")],
    in_: InDep = None,
    as_of: AsOfDep = None,
) -> dict[str, Any]:
    return _answer(store, person, in_, as_of, Label.Person)
