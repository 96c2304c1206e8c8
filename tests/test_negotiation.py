"""api/negotiation.py: which media type answers a SPARQL request."""

from __future__ import annotations

import pytest

from govkg.api.negotiation import GRAPH_TYPES, RESULT_TYPES, format_override, negotiate


@pytest.mark.parametrize(
    ("accept", "offered", "chosen"),
    [
        (None, RESULT_TYPES, "application/sparql-results+json"),
        ("", GRAPH_TYPES, "text/turtle"),
        ("application/json", RESULT_TYPES, "application/sparql-results+json"),
        ("application/json", GRAPH_TYPES, "application/ld+json"),
        ("text/xml", RESULT_TYPES, "application/sparql-results+xml"),
        ("text/csv;q=0.5, text/tab-separated-values", RESULT_TYPES, "text/tab-separated-values"),
        ("*/*;q=0.1, text/csv", RESULT_TYPES, "text/csv"),
        ("text/*", RESULT_TYPES, "application/sparql-results+xml"),  # its alias text/xml; ties go to the server's order
        ("text/plain", GRAPH_TYPES, "application/n-triples"),
        ("application/sparql-results+json;q=0", RESULT_TYPES, None),
        ("text/html", RESULT_TYPES, None),
        ("text/csv;q=nonsense, application/xml", RESULT_TYPES, "application/sparql-results+xml"),
    ],
)
def test_negotiate(accept, offered, chosen):
    assert negotiate(accept, offered) == chosen


@pytest.mark.parametrize(
    ("values", "kind", "chosen"),
    [
        (["json"], "bindings", "application/sparql-results+json"),
        (["json"], "graph", "application/ld+json"),
        ([" TSV "], "bindings", "text/tab-separated-values"),
        (["turtle"], "graph", "text/turtle"),
        (["turtle"], "bindings", None),  # a graph format for a table: negotiate instead
        (["csv"], "graph", None),
        (["application/json"], "bindings", "application/sparql-results+json"),
        (["nope", "xml"], "bindings", "application/sparql-results+xml"),
        ([], "bindings", None),
    ],
)
def test_format_override(values, kind, chosen):
    assert format_override(values, kind) == chosen
