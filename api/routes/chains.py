"""``GET /chains?from=&in=&as_of=``: the chain upwards from a body or post (the one chain of :mod:`govkg.graph.named_queries`).

The answer is encoded once (orjson) and kept with the store's content: a repeated request
is a dictionary lookup until the next load (:func:`~govkg.graph.named_queries.generation_cache`;
nothing is kept for Neo4j, which other processes write). The server's start-up encodes the
answer of every working group by id beforehand (:func:`materialise_chains`, from the chain
index, before the workers fork and share it): a first request for one is a lookup too.
"""

from __future__ import annotations

from typing import Annotated, Any
from weakref import WeakKeyDictionary

import orjson
from fastapi import APIRouter, Query
from fastapi.responses import Response

from govkg.api.deps import StoreDep
from govkg.graph.named_queries import chain, chain_index, generation_cache, resolve_entity
from govkg.graph.store import LABELS_KEY
from govkg.ontology.vocab import Label

__all__ = ["AS_OF_PATTERN", "chain_body", "materialise_chains", "router"]

AS_OF_PATTERN = r"^\d{4}(-\d{2}){0,2}$"

router = APIRouter(tags=["resources"])

_CHAIN_SCHEMA = {
    "type": "object",
    "properties": {"from": {"type": "object"}, "hops": {"type": "array", "items": {"type": "object"}}},
    "required": ["from", "hops"],
}


def chain_body(store: Any, from_: str, in_: str | None = None, as_of: str | None = None) -> bytes:
    """The JSON of ``{"from": start, "hops": chain}``, encoded once per content of the store.

    Raises what :func:`~govkg.graph.named_queries.resolve_entity` and
    :func:`~govkg.graph.named_queries.chain` raise (nothing is kept then).
    """
    if in_ is None and as_of is None:
        held = _MATERIALISED.get(store) if hasattr(type(store), "__weakref__") else None
        if held is not None and held[0] == getattr(store, "generation", None) and from_ in held[1]:
            return held[1][from_]
    cache = generation_cache(store)
    key = ("GET /chains", from_, in_, as_of)
    body = cache.get(key) if cache is not None else None
    if body is None:
        start = resolve_entity(store, from_, in_)
        # remember=False: the encoded answer is what is kept, not a second copy as a list of hops
        # (a dated request per working group filled each worker's memo with both)
        body = orjson.dumps({"from": start, "hops": chain(store, start, as_of=as_of, remember=False)})
        if cache is not None:
            cache[key] = body
    return body


# store -> (generation, {working group id: encoded answer}): one version's answers, never a newer one's
_MATERIALISED: WeakKeyDictionary = WeakKeyDictionary()


def materialise_chains(store: Any) -> int:
    """Encode the ``/chains`` answer of every working group (by id, no date) for the store's current version.

    What :func:`chain_body` would encode, from the chain index
    (:func:`~govkg.graph.named_queries.warm_chains`, which must have run): the server calls it at
    start-up, before forking its workers, which then share the answers. A newer version of the
    store (a load) makes them unused: the requests compute and keep their answers again. Returns
    the number of answers kept (0 without a chain index, e.g. on Neo4j).
    """
    index = chain_index(store)
    if index is None:
        return 0
    bodies = {}
    for node_id, node in index.nodes.items():
        if Label.WorkingGroup in node[LABELS_KEY]:
            start = resolve_entity(store, node_id)
            # remember=False: the encoded answer is what is kept (not a second copy as a list of hops)
            bodies[node_id] = orjson.dumps({"from": start, "hops": chain(store, start, remember=False)})
    _MATERIALISED[store] = (index.generation, bodies)
    return len(bodies)


@router.get(
    "/chains",
    summary="The chain upwards from a body or post",
    response_class=Response,
    responses={
        200: {"description": "The start and its hops upwards", "content": {"application/json": {"schema": _CHAIN_SCHEMA}}},
        404: {"description": "No such body or post"},
        409: {"description": "Ambiguous name; see candidates"},
    },
)
def get_chain(
    store: StoreDep,
    from_: Annotated[str, Query(alias="from", min_length=1, max_length=500, description="A body or post: id or name")],
    in_: Annotated[str | None, Query(alias="in", max_length=500, description="A locality or committee to narrow by")] = None,
    as_of: Annotated[str | None, Query(pattern=AS_OF_PATTERN, description="Only charters in force on this ISO date")] = None,
) -> Response:
    return Response(chain_body(store, from_, in_, as_of), media_type="application/json")
