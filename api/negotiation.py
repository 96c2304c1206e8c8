"""Content negotiation of the SPARQL endpoint: which media type answers a request.

A SELECT/ASK answer is offered as :data:`RESULT_TYPES`, a CONSTRUCT/DESCRIBE graph as
:data:`GRAPH_TYPES`; :func:`negotiate` picks one from the ``Accept`` header, and
:func:`format_override` from the ``format``/``output`` parameters that clients such as
SPARQLWrapper send besides it.

Examples
--------
>>> negotiate("text/csv;q=0.5, application/sparql-results+json", RESULT_TYPES)
'application/sparql-results+json'
>>> negotiate("text/html", RESULT_TYPES) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "format_override", "negotiate"]

# SPARQL result media types, preferred first, with the aliases clients send.
RESULT_TYPES: dict[str, tuple[str, ...]] = {
    "application/sparql-results+json": ("application/json",),
    "application/sparql-results+xml": ("application/xml", "text/xml"),
    "text/csv": (),
    "text/tab-separated-values": (),
}
GRAPH_TYPES: dict[str, tuple[str, ...]] = {
    "text/turtle": ("application/x-turtle", "application/turtle"),
    "application/n-triples": ("text/plain",),
    "application/ld+json": ("application/json",),
    "application/rdf+xml": ("application/xml", "text/xml"),
}
# Values of the ``format``/``output`` parameters (SPARQLWrapper sends them besides Accept).
_FORMAT_NAMES: dict[str, tuple[str, str]] = {
    # name: (result media type, graph media type)
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", ""),
    "tsv": ("text/tab-separated-values", ""),
    "turtle": ("", "text/turtle"),
    "ttl": ("", "text/turtle"),
    "n3": ("", "text/turtle"),
    "nt": ("", "application/n-triples"),
    "ntriples": ("", "application/n-triples"),
    "json-ld": ("", "application/ld+json"),
    "jsonld": ("", "application/ld+json"),
    "rdf+xml": ("", "application/rdf+xml"),
    "rdfxml": ("", "application/rdf+xml"),
}


def _parse_accept(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        items = [p.strip() for p in part.split(";")]
        media = items[0].lower()
        if not media:
            continue
        q = 1.0
        for param in items[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def negotiate(accept: str | None, offered: dict[str, tuple[str, ...]]) -> str | None:
    """The offered media type the ``Accept`` header prefers (the first offered when it is absent).

    Each offered type also answers to its aliases (``application/json`` for SPARQL JSON
    results). The most specific matching range sets a type's quality; ties go to the
    server's order. ``None`` when nothing acceptable is offered.

    >>> negotiate("application/json", RESULT_TYPES)
    'application/sparql-results+json'
    >>> negotiate("text/*", GRAPH_TYPES), negotiate(None, GRAPH_TYPES)
    ('text/turtle', 'text/turtle')
    """
    order = list(offered)
    if not accept or not accept.strip():
        return order[0]
    ranges = _parse_accept(accept)
    best: tuple[float, int] | None = None
    chosen = None
    for index, media in enumerate(order):
        names = (media, *offered[media])
        quality, specificity = None, -1
        for rng, q in ranges:
            for name in names:
                kind = name.split("/")[0]
                spec = 2 if rng == name else 1 if rng == f"{kind}/*" else 0 if rng == "*/*" else -1
                # an alias counts as slightly less specific than the type itself
                if spec >= 0 and (spec > specificity or (spec == specificity and q > (quality or 0))):
                    quality, specificity = q, spec
        if quality is not None and quality > 0:
            key = (quality, -index)
            if best is None or key > best:
                best, chosen = key, media
    return chosen


def format_override(values: Iterable[str], kind: str) -> str | None:
    """The media type named by a ``format``/``output`` parameter value, for a result of ``kind``.

    >>> format_override(["tsv"], "bindings"), format_override(["ttl"], "graph"), format_override(["csv"], "graph")
    ('text/tab-separated-values', 'text/turtle', None)
    """
    table = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    for value in values:
        value = (value or "").strip().lower()
        if value in table:
            return value
        for canonical, aliases in table.items():
            if value in aliases:
                return canonical
        pair = _FORMAT_NAMES.get(value)
        if pair:
            media = pair[1] if kind == "graph" else pair[0]
            if media:
                return media
    return None
