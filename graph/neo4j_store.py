"""The Neo4j backend, through the official ``neo4j`` driver (6.x).

Works unchanged with ``bolt://`` (one server) and ``neo4j://`` routing (clusters, Aura;
``+s`` for TLS). At open it checks connectivity and creates, if missing, a uniqueness
constraint on ``id`` for every label and the indexes the named queries use. Writes run
as ``session.execute_write`` — ONE managed transaction per charter holding all the
batched ``UNWIND $rows … MERGE`` statements built by :mod:`govkg.graph.store`. Reads run
as ``session.execute_read`` in a ``READ_ACCESS`` session with a transaction timeout
(defence in depth behind :func:`~govkg.graph.readonly.check_read_only`), and stop
pulling records at the row cap.

The statement builders here are pure and unit-tested without a server:

>>> [s.cypher for s in index_statements()][:2]
['CREATE INDEX govkg_Body_nameFolded IF NOT EXISTS FOR (n:Body) ON (n.nameFolded)', 'CREATE INDEX govkg_Post_nameFolded IF NOT EXISTS FOR (n:Post) ON (n.nameFolded)']
>>> convert_neo4j([1, {"a": None}])
[1, {'a': None}]
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

import neo4j
from govkg.graph.store import (
    LABELS_KEY,
    NAME_FOLDED,
    SOURCE_KEY,
    TARGET_KEY,
    TYPE_KEY,
    CypherStore,
    Rows,
    Statement,
    constraint_statements,
)
from govkg.ontology.vocab import Label, Prop, Rel
from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase, unit_of_work
from neo4j import exceptions as nx
from neo4j.graph import Node as NeoNode
from neo4j.graph import Path as NeoPath
from neo4j.graph import Relationship as NeoRelationship

from govkg.config import Settings, load_settings
from govkg.errors import GovkgError, QueryRefused, QueryTimeout, StoreError

__all__ = ["Neo4jStore", "convert_neo4j", "index_statements", "map_error", "schema_statements"]

_TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.LockClientStopped",
)
_READ_ONLY_CODES = (
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase",
)


def index_statements() -> list[Statement]:
    """Indexes the named queries lean on: folded names, charter numbers, edges by charter.

    >>> st = index_statements()
    >>> any("FOR ()-[r:REPORTS_TO]-() ON (r.charter)" in s.cypher for s in st)
    True
    """
    out = [
        Statement(
            f"CREATE INDEX govkg_{label}_{NAME_FOLDED} IF NOT EXISTS FOR (n:{label}) ON (n.{NAME_FOLDED})", {}
        )
        for label in (Label.Body, Label.Post, Label.Person)
    ]
    out.append(
        Statement(f"CREATE INDEX govkg_Charter_number IF NOT EXISTS FOR (n:Charter) ON (n.{Prop.number})", {})
    )
    out.append(
        Statement(
            f"CREATE INDEX govkg_LegalDocument_number IF NOT EXISTS FOR (n:LegalDocument) ON (n.{Prop.number})",
            {},
        )
    )
    # deleting a re-extracted charter's edges and as-of filters look edges up by charter
    out += [
        Statement(
            f"CREATE INDEX govkg_{rel.value}_charter IF NOT EXISTS FOR ()-[r:{rel.value}]-() ON (r.{Prop.charter})",
            {},
        )
        for rel in Rel
    ]
    return out


def schema_statements() -> list[Statement]:
    """Constraints then indexes, each its own auto-commit statement (Neo4j forbids mixing them with writes).

    >>> len(schema_statements()) == len(Label) + len(index_statements())
    True
    """
    return constraint_statements() + index_statements()


def convert_neo4j(value: Any) -> Any:
    """A driver value as plain JSON-able Python (the same shapes the embedded store returns).

    Nodes → ``{**props, "labels": [...]}``; relationships → ``{**props, "type", "source",
    "target"}`` with the endpoints' ``id`` properties; paths → ``[node, rel, node, ...]``;
    temporal values → ISO strings; points → ``{"srid", "coordinates"}``.

    >>> from neo4j.graph import Graph, Node
    >>> g = Graph()
    >>> a, b = Node(g, "n0", 0, ["Body", "Agency"], {"id": "a"}), Node(g, "n1", 1, ["Post"], {"id": "b"})
    >>> r = g.relationship_type("POST_IN")(g, "r0", 0, {"id": "e"})
    >>> r._start_node, r._end_node = b, a
    >>> convert_neo4j(a), convert_neo4j(r)
    ({'id': 'a', 'labels': ['Agency', 'Body']}, {'id': 'e', 'type': 'POST_IN', 'source': 'b', 'target': 'a'})
    """
    if isinstance(value, NeoNode):
        return {**{k: convert_neo4j(v) for k, v in value.items()}, LABELS_KEY: sorted(value.labels)}
    if isinstance(value, NeoRelationship):
        out = {k: convert_neo4j(v) for k, v in value.items()}
        out[TYPE_KEY] = value.type
        out[SOURCE_KEY] = value.start_node.get(Prop.id.value) if value.start_node is not None else None
        out[TARGET_KEY] = value.end_node.get(Prop.id.value) if value.end_node is not None else None
        return out
    if isinstance(value, NeoPath):
        nodes = value.nodes
        path: list[Any] = [convert_neo4j(nodes[0])]
        for rel, node in zip(value.relationships, nodes[1:], strict=False):
            path += [convert_neo4j(rel), convert_neo4j(node)]
        return path
    if isinstance(value, neo4j.spatial.Point):  # a tuple subclass: before the list case
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, dict):
        return {str(k): convert_neo4j(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [convert_neo4j(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time, neo4j.time.Duration)):
        return value.iso_format()
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return str(value)


def map_error(err: Exception, subject: str = "query") -> GovkgError:
    """A driver error as a govkg error (timeout, read-only refusal, or store error).

    >>> map_error(nx.ServiceUnavailable("down")).__class__.__name__
    'StoreError'
    """
    code = getattr(err, "code", None) or ""
    message = getattr(err, "message", None) or str(err)
    if code in _TIMEOUT_CODES or ("timed out" in message.lower() and "transaction" in message.lower()):
        return QueryTimeout(message, subject=subject)
    if code in _READ_ONLY_CODES:
        return QueryRefused(f"the server refused a write in a read transaction: {message}", subject=subject)
    if isinstance(err, nx.AuthError):
        return StoreError(f"authentication failed: {message}", subject=subject)
    if isinstance(err, (nx.ServiceUnavailable, nx.SessionExpired)):
        return StoreError(f"Neo4j is not reachable: {message}", subject=subject)
    return StoreError(f"{code + ': ' if code else ''}{message}", subject=subject)


class Neo4jStore(CypherStore):
    """A :class:`~govkg.graph.store.GraphStore` on a Neo4j server (or Aura, or a cluster).

    Parameters
    ----------
    uri
        ``bolt://``, ``neo4j://`` (routing) or their ``+s``/``+ssc`` TLS forms.
    auth
        ``(user, password)``, or ``None`` for a server without authentication.
    database
        The database name (``None``: the server's default/home database).
    verify
        Check connectivity at open (raises :class:`StoreError` when unreachable).
    init_schema
        Create the constraints and indexes when missing.
    """

    def __init__(
        self,
        uri: str,
        *,
        auth: tuple[str, str] | None = None,
        database: str | None = None,
        settings: Settings | None = None,
        verify: bool = True,
        init_schema: bool = True,
        **driver_config: Any,
    ):
        self.settings = settings or load_settings()
        self.uri = uri
        self.database = database
        try:
            self._driver = GraphDatabase.driver(uri, auth=auth, **driver_config)
            self._agent: str | None = None
            if verify:
                self._agent = self._driver.get_server_info().agent
            if init_schema:
                with self._session(WRITE_ACCESS) as session:
                    for st in schema_statements():
                        session.run(st.cypher, st.params).consume()
        except (nx.Neo4jError, nx.DriverError, ValueError, OSError) as err:
            raise map_error(err, subject=uri) from err

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jStore:
        """Open the store ``settings`` describe (``neo4j_uri``, user, password, database)."""
        auth = (settings.neo4j_user, settings.neo4j_password) if settings.neo4j_password is not None else None
        return cls(settings.neo4j_uri or "", auth=auth, database=settings.neo4j_database, settings=settings)

    @property
    def server_agent(self) -> str:
        """The server's agent string, e.g. ``Neo4j/5.26.0`` or ``Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)``."""
        if self._agent is None:
            try:
                self._agent = self._driver.get_server_info().agent
            except (nx.Neo4jError, nx.DriverError, OSError) as err:
                raise map_error(err, subject=self.uri) from err
        return self._agent

    def _session(self, mode: str):
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _read(self, cypher: str, params: Mapping[str, Any], timeout: float | None, limit: int | None) -> Rows:
        @unit_of_work(timeout=timeout)
        def work(tx) -> Rows:
            rows = Rows()
            for record in tx.run(cypher, dict(params)):
                if limit is not None and len(rows) >= limit:
                    # stop pulling: the rest is discarded when the transaction closes
                    rows.truncated = True
                    break
                rows.append({k: convert_neo4j(v) for k, v in record.items()})
            return rows

        try:
            with self._session(READ_ACCESS) as session:
                return session.execute_read(work)
        except (nx.Neo4jError, nx.DriverError) as err:
            raise map_error(err) from err

    def _write(self, work):
        def tx_work(tx):
            def run(cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
                return [
                    {k: convert_neo4j(v) for k, v in record.items()}
                    for record in tx.run(cypher, dict(params))
                ]

            return work(run)

        try:
            with self._session(WRITE_ACCESS) as session:
                return session.execute_write(tx_work)
        except (nx.Neo4jError, nx.DriverError) as err:
            raise map_error(err, subject="load") from err

    def close(self) -> None:
        """Close the driver and its connection pool."""
        self._driver.close()
