"""api/deps.py: the runtime the routes share (store, SPARQL index) and the token check."""

from __future__ import annotations

import pytest
from starlette.exceptions import HTTPException
from starlette.requests import Request

from govkg.api.deps import Runtime, require_token
from govkg.config import Settings
from govkg.errors import StoreError
from govkg.pipeline import SAMPLE_CHARTERS, load_paths


def _request(authorization: str | None) -> Request:
    headers = [] if authorization is None else [(b"authorization", authorization.encode("latin-1"))]
    return Request({"type": "http", "method": "POST", "path": "/charters", "headers": headers})


@pytest.mark.parametrize(
    ("token", "header", "status"),
    [
        (None, "Bearer s3cret", 403),  # no token configured: writes are off
        ("s3cret", None, 401),
        ("s3cret", "Bearer s3cre", 401),
        ("s3cret", "Bearer s3cret2", 401),
        ("s3cret", "Basic s3cret", 401),
        ("s3cret", "Bearer s3cret", None),
        ("s3cret", "bearer   s3cret ", None),
    ],
)
def test_require_token(token, header, status):
    settings = Settings(api_token=token)
    if status is None:
        assert require_token(_request(header), settings) is None
        return
    with pytest.raises(HTTPException) as raised:
        require_token(_request(header), settings)
    assert raised.value.status_code == status
    if status == 401:
        assert raised.value.headers == {"WWW-Authenticate": 'Bearer realm="govkg"'}


def test_runtime_opens_the_store_once_and_closes_it(tmp_path):
    settings = Settings(home=tmp_path)
    runtime = Runtime(settings)
    store = runtime.store()
    assert runtime.store() is store and runtime.backend == "embedded" and not runtime.uploads_enabled
    load_paths(store, [sorted(SAMPLE_CHARTERS.glob("*.txt"))[0]], validate=False)
    index = runtime.sparql()
    assert len(index) > 0 and runtime.sparql() is index  # built once, kept while nothing changes
    runtime.graph_changed()
    assert len(runtime.sparql()) == len(index)
    runtime.close()
    again = Runtime(settings)  # the file lock was released: another runtime opens the home
    assert again.store().charters()
    again.close()


def test_a_runtime_without_a_sparql_index_refuses_sparql(tmp_path):
    runtime = Runtime(Settings(home=tmp_path), sparql_index=False)
    with pytest.raises(StoreError, match="without a SPARQL index"):
        runtime.sparql()
    runtime.close()
