"""api/problems.py: every error as application/problem+json, and an OpenAPI that says so."""

from __future__ import annotations

import json

import pytest

from govkg.api.app import create_app
from govkg.api.problems import PROBLEM_JSON, problem_response, problem_type, status_of
from govkg.config import Settings
from govkg.errors import (
    Ambiguous,
    ConfigError,
    ExtractError,
    GovkgError,
    NotFound,
    ParseError,
    QueryRefused,
    QueryTimeout,
    StoreError,
    ValidationError,
)


@pytest.mark.parametrize(
    ("err", "status"),
    [
        (NotFound("x"), 404),
        (Ambiguous("x"), 409),
        (QueryTimeout("x"), 503),
        (ParseError("x"), 422),
        (ExtractError("x"), 422),
        (ValidationError("x"), 422),
        (StoreError("x"), 503),
        (ConfigError("x"), 503),
        (QueryRefused("x"), 400),
        (GovkgError("x"), 400),
    ],
)
def test_each_error_has_its_status(err, status):
    assert status_of(err) == status


def test_a_problem_document():
    r = problem_response(409, "2 matches", instance="/chains", candidates=[{"id": "a"}], headers={"X-A": "1"})
    assert r.status_code == 409 and r.media_type == PROBLEM_JSON and r.headers["x-a"] == "1"
    assert json.loads(r.body) == {
        "type": "https://govkg.org/problems/ambiguous",
        "title": "Ambiguous name",
        "status": 409,
        "detail": "2 matches",
        "instance": "/chains",
        "candidates": [{"id": "a"}],
    }
    assert json.loads(problem_response(418).body)["type"] == problem_type(418) == "about:blank"


def test_every_documented_error_is_a_problem():
    spec = create_app(Settings(), store=object()).openapi()
    assert "Problem" in spec["components"]["schemas"] and "HTTPValidationError" not in spec["components"]["schemas"]
    for path, item in spec["paths"].items():
        for method, op in item.items():
            errors = {code: r for code, r in op["responses"].items() if code[0] in "45"}
            assert {"4XX", "5XX"} <= set(errors), (path, method)
            for code, response in errors.items():
                assert list(response["content"]) == [PROBLEM_JSON], (path, method, code)
