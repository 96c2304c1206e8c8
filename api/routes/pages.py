"""The graph pages: ``/viz`` (the national overview), ``/viz/hierarchy``, ``/viz/committees/{id}``, ``/viz/chains?from=``,
and ``/viz/quotes/{edge id}`` (a fact's quote marked in its charter's source text).

The graphs and their HTML come from :mod:`govkg.graph.viz` (the CLI's ``govkg viz``
writes the same pages, standalone); served pages load vis-network and the page script
from ``/static`` and carry :data:`~govkg.api.middleware.PAGE_CSP`.
"""

from __future__ import annotations

from typing import Annotated, Any
from weakref import WeakKeyDictionary

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from govkg.api.deps import StoreDep
from govkg.api.middleware import PAGE_CSP
from govkg.api.routes.chains import AS_OF_PATTERN
from govkg.graph.read_models import charter_text, edge_quote
from govkg.graph.viz import (
    VizGraph,
    chain_graph,
    committee_graph,
    hierarchy_graph,
    overview_graph,
    render_page,
    render_quote_page,
)
from govkg.ontology.vocab import Level

__all__ = ["router"]

router = APIRouter(tags=["pages"])

_HIERARCHY_PAGES: WeakKeyDictionary = WeakKeyDictionary()
_HTML_OK: dict[int | str, dict[str, Any]] = {200: {"content": {"text/html": {}}, "description": "An HTML page"}}


def _page(graph: VizGraph, **kw: Any) -> HTMLResponse:
    return HTMLResponse(render_page(graph, **kw), headers={"Content-Security-Policy": PAGE_CSP})


@router.get("/viz", summary="National overview by level", response_class=HTMLResponse, responses=_HTML_OK)
def viz_overview(
    store: StoreDep,
    level: Annotated[Level | None, Query()] = None,
    locality: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    graph = overview_graph(store, level=level.value if level else None, locality=locality or None)
    return _page(graph, filter_form={"level": level.value if level else "", "locality": locality or ""})


@router.get(
    "/viz/hierarchy",
    summary="Every committee, national to communes, collapsed below the provinces; click to expand, search to find",
    response_class=HTMLResponse,
    responses=_HTML_OK,
)
def viz_hierarchy(store: StoreDep) -> HTMLResponse:
    # the national page takes a second to build: kept until the store's next write (stores
    # that count their writes only; Neo4j has other writers)
    generation = getattr(store, "generation", None)
    held = _HIERARCHY_PAGES.get(store)
    if generation is None or held is None or held[0] != generation:
        held = (generation, render_page(hierarchy_graph(store)))
        if generation is not None:
            _HIERARCHY_PAGES[store] = held
    return HTMLResponse(held[1], headers={"Content-Security-Policy": PAGE_CSP})


@router.get(
    "/viz/committees/{committee_id:path}",
    summary="One committee: posts, groups, standing agency, holders, and the chain above",
    response_class=HTMLResponse,
    responses={**_HTML_OK, 404: {"description": "No such committee"}},
)
def viz_committee(committee_id: str, store: StoreDep) -> HTMLResponse:
    return _page(committee_graph(store, committee_id))


@router.get(
    "/viz/chains",
    summary="The chain upwards from a body or post",
    response_class=HTMLResponse,
    responses={**_HTML_OK, 404: {"description": "Not found"}, 409: {"description": "Ambiguous name"}},
)
def viz_chain(
    store: StoreDep,
    from_: Annotated[str, Query(alias="from", min_length=1, max_length=500)],
    in_: Annotated[str | None, Query(alias="in", max_length=500)] = None,
    as_of: Annotated[str | None, Query(pattern=AS_OF_PATTERN)] = None,
) -> HTMLResponse:
    return _page(chain_graph(store, from_, in_=in_, as_of=as_of))


@router.get(
    "/viz/quotes/{edge_id:path}",
    summary="A fact's quote, marked in its charter's source text",
    response_class=HTMLResponse,
    responses={**_HTML_OK, 404: {"description": "No such edge, or it quotes nothing"}},
)
def viz_quote(edge_id: str, store: StoreDep) -> HTMLResponse:
    where = edge_quote(store, edge_id)
    charter_id, text = charter_text(store, where["charter"])
    page = render_quote_page(charter_id, text, where["quoteStart"], where["quoteEnd"])
    return HTMLResponse(page, headers={"Content-Security-Policy": PAGE_CSP})
