"""``GET|POST /sparql``: the SPARQL 1.1 Protocol over the derived index of :mod:`govkg.graph.sparql_index`.

Queries by GET (``?query=``), by POST as a form (``query=…``) or as
``application/sparql-query``; results as JSON, XML, CSV or TSV, graphs as Turtle,
N-Triples, JSON-LD or RDF/XML (:mod:`govkg.api.negotiation`). Updates are refused with
403, dataset parameters with 400; bindings are capped at the row cap
(``X-Govkg-Truncated: true``).
"""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from govkg.api.deps import Runtime, RuntimeDep
from govkg.api.negotiation import GRAPH_TYPES, RESULT_TYPES, format_override, negotiate
from govkg.api.problems import problem_response
from govkg.graph import isolation
from govkg.graph.sparql_store import SparqlResult, serialize_results

__all__ = ["GET_QUERY_MAX", "router", "run_sparql"]

GET_QUERY_MAX = 20_000  # characters of a query sent in the URL; POST takes longer ones

router = APIRouter(tags=["queries"])

_TEXT = {"type": "string", "maxLength": 100_000}
_FORM_SCHEMA: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {"query": _TEXT, "update": _TEXT, "format": {"type": "string"}},
                }
            },
            "application/sparql-query": {"schema": _TEXT},
            "application/sparql-update": {"schema": _TEXT},
        },
    }
}


def run_sparql(request: Request, runtime: Runtime, query: str, formats: list[str]) -> Response:
    """Answer one query in the negotiated format; bindings capped at the row cap."""
    settings = runtime.settings
    result = isolation.run_sparql(runtime.sparql(), query, timeout=settings.query_timeout_s, settings=settings)
    truncated = False
    if result.kind == "bindings":
        result, truncated = _cap_bindings(result, settings.row_cap)
    offered = GRAPH_TYPES if result.kind == "graph" else RESULT_TYPES
    media = format_override(formats, result.kind) or negotiate(request.headers.get("accept"), offered)
    if media is None:
        return problem_response(
            406, f"cannot answer a {result.kind} result in {request.headers.get('accept')!r}; offered: {', '.join(offered)}",
            instance=request.url.path,
        )
    body = serialize_results(result, media)
    media_type = f"{media}; charset=utf-8" if media.startswith("text/") else media
    headers = {"Vary": "Accept"}
    if truncated:
        headers["X-Govkg-Truncated"] = "true"
    return Response(body, media_type=media_type, headers=headers)


_RESPONSES = {
    200: {
        "description": "Query results",
        "content": {media: {} for media in (*RESULT_TYPES, *GRAPH_TYPES)},
    },
    400: {"description": "Not a valid read-only query"},
    403: {"description": "Updates are refused"},
    406: {"description": "No acceptable result format"},
}


@router.get("/sparql", summary="SPARQL 1.1 query (Protocol: query via GET)", responses=_RESPONSES)
def sparql_get(
    request: Request,
    runtime: RuntimeDep,
    query: Annotated[str | None, Query(max_length=GET_QUERY_MAX, description="The SPARQL query (POST for longer ones)")] = None,
    update: Annotated[str | None, Query(max_length=GET_QUERY_MAX, description="Refused: the endpoint is read-only")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
    format: Annotated[str | None, Query(max_length=100, description="A result format overriding Accept")] = None,
) -> Response:
    if update is not None:
        return problem_response(403, "SPARQL updates are refused: this endpoint is read-only", instance=request.url.path)
    if default_graph_uri or named_graph_uri:
        return problem_response(400, "default-graph-uri and named-graph-uri are not supported", instance=request.url.path)
    if not query:
        return problem_response(400, "missing the 'query' parameter", instance=request.url.path)
    qs = parse_qs(request.url.query)
    return run_sparql(request, runtime, query, [*qs.get("format", []), *qs.get("output", [])])


@router.post(
    "/sparql",
    summary="SPARQL 1.1 query (Protocol: form or application/sparql-query body)",
    responses={**_RESPONSES, 415: {"description": "Unsupported Content-Type"}},
    openapi_extra=_FORM_SCHEMA,
)
async def sparql_post(request: Request, runtime: RuntimeDep) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    qs = parse_qs(request.url.query)
    formats = [*qs.get("format", []), *qs.get("output", [])]
    if content_type == "application/sparql-update":
        return problem_response(403, "SPARQL updates are refused: this endpoint is read-only", instance=request.url.path)
    if content_type == "application/sparql-query":
        raw = await request.body()
        try:
            query = raw.decode("utf-8")
        except UnicodeDecodeError:
            return problem_response(400, "the query is not UTF-8", instance=request.url.path)
        if qs.get("default-graph-uri") or qs.get("named-graph-uri"):
            return problem_response(400, "default-graph-uri and named-graph-uri are not supported", instance=request.url.path)
    elif content_type == "application/x-www-form-urlencoded":
        raw = await request.body()
        try:
            form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            return problem_response(400, "the form is not UTF-8", instance=request.url.path)
        if "update" in form:
            return problem_response(403, "SPARQL updates are refused: this endpoint is read-only", instance=request.url.path)
        if form.get("default-graph-uri") or form.get("named-graph-uri"):
            return problem_response(400, "default-graph-uri and named-graph-uri are not supported", instance=request.url.path)
        queries_ = form.get("query") or []
        if len(queries_) != 1 or not queries_[0]:
            return problem_response(400, "give exactly one non-empty 'query' field", instance=request.url.path)
        query = queries_[0]
        formats = [*form.get("format", []), *form.get("output", []), *formats]
    else:
        return problem_response(
            415,
            "use application/x-www-form-urlencoded (query=…) or application/sparql-query",
            instance=request.url.path,
        )
    if not query.strip():
        return problem_response(400, "empty query", instance=request.url.path)
    return await run_in_threadpool(run_sparql, request, runtime, query, formats)


def _cap_bindings(result: SparqlResult, cap: int) -> tuple[SparqlResult, bool]:
    data = json.loads(result.data)
    bindings = data.get("results", {}).get("bindings", [])
    if len(bindings) <= cap:
        return result, False
    data["results"]["bindings"] = bindings[:cap]
    return SparqlResult(result.kind, json.dumps(data).encode("utf-8"), result.list_columns), True
