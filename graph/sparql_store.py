"""A read-only SPARQL store on pyoxigraph, and the named SPARQL queries of ``graph/queries/*.rq``.

rdflib builds, validates and serialises the graph (:mod:`govkg.ontology.rdf`); pyoxigraph
answers the queries, being orders of magnitude faster on the national graph.

- :class:`SparqlStore` holds the triples, in memory or on disk (``GOVKG_HOME/sparql``).
- :meth:`SparqlStore.query` runs SELECT, ASK, CONSTRUCT and DESCRIBE, and refuses
  updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY) and SERVICE after
  parsing the text: a word inside a string or an IRI is not an update.
- :func:`serialize_results` writes a result as SPARQL JSON, XML, CSV or TSV (bindings and
  booleans) or Turtle, N-Triples, JSON-LD, RDF/XML (graphs).
- :func:`run_named_sparql` runs a named query with its ``$param`` placeholders bound by a
  ``VALUES`` block of escaped literals, never by pasting text into the query.

Examples
--------
>>> from govkg.ontology.facts import Facts, Node
>>> from govkg.ontology.vocab import Label
>>> store = SparqlStore()
>>> f = Facts()
>>> _ = f.add_node(Node("person:a", (Label.Person,), {"name": "Phạm Thị Thanh Vân"}))
>>> _ = store.load_facts(f)
>>> store.query("SELECT ?name WHERE { ?p a govkg:Person ; govkg:name ?name }").rows()
[{'name': 'Phạm Thị Thanh Vân'}]
>>> store.query("DELETE WHERE { ?s ?p ?o }")
Traceback (most recent call last):
...
govkg.errors.QueryRefused: sparql: updates are refused (DeleteWhere); this endpoint is read-only
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from govkg.config import Settings, load_settings
from govkg.errors import NotFound, QueryRefused, QueryTimeout, StoreError
from govkg.ontology.facts import Facts
from govkg.ontology.rdf import (
    DEFAULT_BASE,
    PREFIXES,
    ValidationResult,
    graph_of,
    to_ntriples,
    to_triples,
    validate,
)

__all__ = [
    "MEDIA_TYPES",
    "NamedQuery",
    "SparqlResult",
    "SparqlStore",
    "check_sparql",
    "named_queries",
    "named_query",
    "run_named_sparql",
    "serialize_results",
]

_XSD = "http://www.w3.org/2001/XMLSchema#"

#: short names accepted besides media types
MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_RESULT_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
}

# At most this many queries run at once under a timeout; a timed-out query cannot be
# interrupted inside pyoxigraph and keeps its slot until it ends.
_MAX_RUNNING = 8
_running = threading.BoundedSemaphore(_MAX_RUNNING)


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class SparqlResult:
    """A materialised query result.

    ``kind`` is ``bindings`` (SELECT), ``boolean`` (ASK) or ``graph`` (CONSTRUCT, DESCRIBE);
    ``data`` holds SPARQL 1.1 JSON results for the first two and N-Triples for graphs.
    ``list_columns`` name the GROUP_CONCAT columns :meth:`rows` turns into sorted lists.
    """

    kind: str
    data: bytes
    list_columns: tuple[str, ...] = ()

    @property
    def variables(self) -> list[str]:
        """The projected variables of a SELECT (empty for other kinds)."""
        return json.loads(self.data)["head"].get("vars", []) if self.kind == "bindings" else []

    @property
    def boolean(self) -> bool:
        """The answer of an ASK."""
        if self.kind != "boolean":
            raise TypeError(f"a {self.kind} result has no boolean")
        return bool(json.loads(self.data)["boolean"])

    def rows(self) -> list[dict[str, Any]]:
        """SELECT solutions as dicts of Python values (unbound variables left out).

        IRIs and strings become ``str``, xsd:integer ``int``, xsd:decimal ``Decimal``,
        xsd:double/float ``float``, xsd:boolean ``bool``; list columns become sorted lists
        (and are left out when empty, like any unbound column).
        """
        if self.kind != "bindings":
            raise TypeError(f"a {self.kind} result has no rows")
        out = []
        for binding in json.loads(self.data)["results"]["bindings"]:
            row = {name: _python(term) for name, term in binding.items()}
            for column in self.list_columns:
                if row.get(column) == "":  # GROUP_CONCAT of nothing: as unbound as the other columns
                    del row[column]
                elif column in row:
                    row[column] = _split_list(row[column])
            out.append(row)
        return out

    def graph(self) -> Graph:
        """A CONSTRUCT or DESCRIBE result as an rdflib graph."""
        if self.kind != "graph":
            raise TypeError(f"a {self.kind} result is not a graph")
        return Graph().parse(data=self.data, format="nt")

    def serialize(self, media_type: str) -> bytes:
        """Shorthand for :func:`serialize_results`."""
        return serialize_results(self, media_type)

    def __len__(self) -> int:
        if self.kind == "bindings":
            return len(json.loads(self.data)["results"]["bindings"])
        if self.kind == "graph":
            return sum(1 for line in self.data.splitlines() if line.strip())
        return 1

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows())


def _python(term: dict[str, str]) -> Any:
    value = term["value"]
    if term["type"] != "literal" or "datatype" not in term:
        return value
    datatype = term["datatype"].removeprefix(_XSD)
    try:
        if datatype in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"):
            return int(value)
        if datatype == "decimal":
            return Decimal(value)
        if datatype in ("double", "float"):
            return float(value)
        if datatype == "boolean":
            return value in ("true", "1")
    except ValueError:  # an ill-typed literal stays text
        return value
    return value


def _split_list(value: Any) -> list[Any]:
    items = [v for v in str(value).split(",") if v != ""]
    if all(v.lstrip("-").isdigit() for v in items):
        return sorted(int(v) for v in items)
    return sorted(items)


def _media_type(media_type: str) -> str:
    mt = media_type.split(";", 1)[0].strip().lower()
    mt = MEDIA_TYPES.get(mt, mt)
    return _RESULT_ALIASES.get(mt, mt)


def serialize_results(results: SparqlResult, media_type: str) -> bytes:
    """Write a result in a standard format chosen by media type (or a short name).

    Bindings and booleans: ``application/sparql-results+json`` (or ``application/json``),
    ``application/sparql-results+xml``, ``text/csv``, ``text/tab-separated-values``.
    Graphs: ``text/turtle``, ``application/n-triples``, ``application/ld+json``,
    ``application/rdf+xml``. Parameters such as ``; charset=utf-8`` are ignored.

    Raises
    ------
    QueryRefused
        The media type does not fit the kind of result (HTTP 406).

    Examples
    --------
    >>> r = SparqlResult("boolean", b'{"head":{},"boolean":true}')
    >>> serialize_results(r, "text/csv")
    b'true'
    """
    mt = _media_type(media_type)
    try:
        if results.kind == "graph":
            fmt = ox.RdfFormat.from_media_type(mt)
            if fmt is None:
                raise ValueError(mt)
            if fmt == ox.RdfFormat.N_TRIPLES:
                return results.data
            triples = ox.parse(results.data, format=ox.RdfFormat.N_TRIPLES)
            return ox.serialize(triples, format=fmt, prefixes=PREFIXES)
        fmt = ox.QueryResultsFormat.from_media_type(mt)
        if fmt is None:
            raise ValueError(mt)
        if fmt == ox.QueryResultsFormat.JSON:
            return results.data
        parsed = ox.parse_query_results(results.data, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=fmt)
    except ValueError:
        raise QueryRefused(
            f"cannot serialise {results.kind} results as {media_type!r}", subject="sparql"
        ) from None


# ---------------------------------------------------------------- refusing updates


def _walk(node: Any) -> Iterator[Any]:
    """Every value of an rdflib SPARQL parse tree (CompValue and ParseResults nest)."""
    yield node
    if isinstance(node, dict):  # CompValue is an OrderedDict
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for value in node:
            yield from _walk(value)


@lru_cache(maxsize=512)
def _check(sparql: str) -> None:
    """Refuse anything that is not a read-only query: parse, then look at the parse tree."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    text = prologue + sparql
    try:
        tree = parseQuery(text)
    except Exception as query_error:
        try:
            update = parseUpdate(text)
        except Exception:
            raise QueryRefused(f"not a valid SPARQL query: {_in_user_text(query_error, prologue)}", subject="sparql") from None
        ops = ", ".join(dict.fromkeys(op.name for op in update.request)) or "update"
        raise QueryRefused(
            f"updates are refused ({ops}); this endpoint is read-only", subject="sparql"
        ) from None
    if any(getattr(n, "name", None) == "ServiceGraphPattern" for n in _walk(tree)):
        raise QueryRefused(
            "SERVICE (federated query) is refused: the store answers from its own data only", subject="sparql"
        )


def _in_user_text(error: Exception, prologue: str) -> str:
    """A parse error with its position in the user's text, not in the text with our prefixes.

    >>> from pyparsing import ParseException
    >>> prologue = "PREFIX a: <x:>\\n"
    >>> _in_user_text(ParseException(prologue + "SELECT ?x WHERE { ?x ?y }", len(prologue) + 18, "Expected '.'"), prologue)
    "Expected '.' (at char 18, line 1, column 19)"
    """
    loc, msg = getattr(error, "loc", None), getattr(error, "msg", None)
    if not isinstance(loc, int) or msg is None or loc < len(prologue):
        return str(error)
    text = getattr(error, "pstr", "")[len(prologue) :]
    at = loc - len(prologue)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return f"{msg} (at char {at}, line {line}, column {column})"


# ---------------------------------------------------------------- the store


def check_sparql(sparql: str) -> None:
    """Raise :class:`~govkg.errors.QueryRefused` unless ``sparql`` is one read-only query.

    >>> check_sparql("ASK { ?s ?p ?o }")
    >>> check_sparql("CLEAR ALL")
    Traceback (most recent call last):
    ...
    govkg.errors.QueryRefused: sparql: updates are refused (Clear); this endpoint is read-only
    """
    _check(sparql)


class SparqlStore:
    """A pyoxigraph store of govkg triples, read-only to queries.

    ``path=None`` keeps the triples in memory; a path keeps them on disk (a RocksDB
    directory, created if missing). :meth:`open_default` opens the configured one
    (:attr:`govkg.config.Settings.sparql_path`).

    Examples
    --------
    >>> s = SparqlStore()
    >>> len(s), s.query("ASK { ?s ?p ?o }").boolean
    (0, False)
    """

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"cannot open the SPARQL store: {e}", path=str(self.path)) from e

    @classmethod
    def open_read_only(cls, path: str | os.PathLike[str]) -> SparqlStore:
        """An index directory opened read-only (its generation is never written again)."""
        store = cls.__new__(cls)
        store.path = Path(path)
        try:
            store._store = ox.Store.read_only(str(store.path))
        except OSError as e:
            raise StoreError(f"cannot open the SPARQL store: {e}", path=str(store.path)) from e
        return store

    @classmethod
    def open_default(cls, settings: Settings | None = None) -> SparqlStore:
        """The persistent store in the configured home (``settings.sparql_path``; default ``./.govkg/sparql``)."""
        return cls((settings or load_settings()).sparql_path)

    def __len__(self) -> int:
        return len(self._store)

    def __repr__(self) -> str:
        return f"SparqlStore({str(self.path) if self.path else 'memory'}, {len(self)} triples)"

    # -- writing (the library's own path; queries never write)

    def load_facts(
        self, facts: Facts, *, base: str = DEFAULT_BASE, check: bool = True
    ) -> ValidationResult | None:
        """Map facts to RDF, validate them (unless ``check=False``) and bulk-load them.

        Returns the SHACL result (its warnings) when checked.

        Raises
        ------
        ValidationError
            A SHACL violation: nothing is loaded.
        """
        triples = to_triples(facts, base)
        result = validate(graph_of(triples), path=facts.path, base=base) if check else None
        self._bulk_load(to_ntriples(triples))
        return result

    def load_graph(self, graph: Graph) -> None:
        """Bulk-load an rdflib graph (through N-Triples, pyoxigraph's fastest reader)."""
        self._bulk_load(graph.serialize(format="nt", encoding="utf-8"))

    def _bulk_load(self, data: bytes) -> None:
        try:
            self._store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        except (OSError, SyntaxError) as e:
            raise StoreError(f"bulk load failed: {e}", path=str(self.path) if self.path else None) from e

    def clear(self) -> None:
        """Remove every triple."""
        self._store.clear()

    def flush(self) -> None:
        """Write buffered changes of an on-disk store, and compact what bulk loads wrote.

        Uncompacted, the next writable open compacts in the background, behind its first
        queries (a national index: p99 of 200 chains 18–41 ms, one of 240 ms, then 12 ms once
        done), and a read-only open, as a server's workers open a built index, never does.
        """
        if self.path is not None:
            try:
                self._store.flush()
                self._store.optimize()
            except OSError as e:
                raise StoreError(f"cannot write the SPARQL store: {e}", path=str(self.path)) from e

    # -- reading

    def query(self, sparql: str, *, timeout: float | None = None) -> SparqlResult:
        """Run a read-only SPARQL query and materialise its result.

        The govkg, rdf, rdfs, xsd, owl, org, prov, skos, dct, eli, foaf and schema prefixes
        are predeclared.

        Raises
        ------
        QueryRefused
            The text is an update, uses SERVICE, or does not parse.
        QueryTimeout
            ``timeout`` seconds passed before the result was complete.
        """
        _check(sparql)
        return self._execute(sparql, timeout)

    def _execute(self, sparql: str, timeout: float | None) -> SparqlResult:
        """Run a query already known to be read-only (see :meth:`query`)."""
        if timeout is None:
            return self._run(sparql)
        if not _running.acquire(blocking=False):
            raise QueryRefused(f"{_MAX_RUNNING} queries are still running; try again later", subject="sparql")
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["result"] = self._run(sparql)
            except BaseException as e:  # handed to the caller
                box["error"] = e
            finally:
                _running.release()

        worker = threading.Thread(target=work, name="govkg-sparql", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise QueryTimeout(f"query ran past {timeout:g} s", subject="sparql")
        if "error" in box:
            raise box["error"]
        return box["result"]

    def _run(self, sparql: str) -> SparqlResult:
        try:
            result = self._store.query(sparql, prefixes=PREFIXES)
            if isinstance(result, ox.QuerySolutions):
                return SparqlResult("bindings", result.serialize(format=ox.QueryResultsFormat.JSON))
            if isinstance(result, ox.QueryBoolean):
                return SparqlResult("boolean", result.serialize(format=ox.QueryResultsFormat.JSON))
            return SparqlResult("graph", result.serialize(format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as e:  # rdflib's parser accepted what oxigraph's did not
            raise QueryRefused(f"not a valid SPARQL query: {e}", subject="sparql") from None
        except OSError as e:
            raise StoreError(f"query failed: {e}", path=str(self.path) if self.path else None) from e


# ---------------------------------------------------------------- named queries


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A ``graph/queries/<name>.rq`` file and what its header declares.

    Header lines: ``#@param NAME required|optional [alias=OLD]  description`` and
    ``#@list COLUMN``; ``alias`` keeps an earlier parameter name working.
    The line ``#@values`` inside the WHERE clause is where the parameter bindings go. Lines
    between ``#@if NAME`` and ``#@endif`` are kept only when NAME is given: a filter on an
    optional parameter then costs nothing when the parameter is left out (an unbound
    variable would match everything, but pyoxigraph would still walk the pattern).
    """

    name: str
    text: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    list_columns: tuple[str, ...]
    aliases: tuple[tuple[str, str], ...] = ()  # (old name, parameter)

    def bind(self, **params: Any) -> str:
        """The query text with each parameter bound: in place, or by a VALUES block.

        A single value of a parameter the query reads only as ``$name`` is written in its
        place as an escaped literal; a list, or a parameter also read as ``?name``, is bound
        by a VALUES block (a list binds several values; an empty list matches nothing).
        ``None`` leaves the parameter out, as if not given.

        >>> 'govkg:id "post:\\\\"x\\\\"" .' in named_query("chain").bind(id='post:"x"')
        True

        >>> q = named_query("standing_agencies")
        >>> 'VALUES ?committee { "bcd:\\\\"x\\\\"" }' in q.bind(committee='bcd:"x"')
        True
        >>> 'VALUES ?charters { "c1" "c2" }' in q.bind(charters=["c1", "c2"])
        True
        """
        for old, new in self.aliases:
            if old in params and new not in params:
                params[new] = params.pop(old)
        unknown = sorted(set(params) - set(self.required) - set(self.optional))
        if unknown:
            expected = ", ".join((*self.required, *self.optional)) or "none"
            raise QueryRefused(
                f"unknown parameter(s) {', '.join(unknown)}; expected {expected}", subject=self.name
            )
        missing = [p for p in self.required if params.get(p) is None]
        if missing:
            raise QueryRefused(f"missing required parameter(s) {', '.join(missing)}", subject=self.name)
        given = {k: v for k, v in params.items() if v is not None}
        lines: list[str] = []
        skipping: str | None = None
        for line in self.text.splitlines():
            words = line.split()
            if words[:1] == ["#@if"]:
                skipping = None if words[1] in given else words[1]
            elif words[:1] == ["#@endif"]:
                skipping = None
            elif skipping is None:
                lines.append(line)
        # A single value written in place of $name when the query never reads ?name itself:
        # pyoxigraph plans from a constant, where a VALUES join made the chain 3× slower.
        body = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
        inline = {
            name: str(_literal(value))
            for name, value in given.items()
            if not isinstance(value, (list, tuple, set, frozenset)) and not re.search(rf"\?{name}\b", body)
        }
        # one VALUES block per other parameter (a list gives several rows); pyoxigraph escapes the terms
        values = " ".join(
            f"VALUES ?{name} {{ {' '.join(str(_literal(v)) for v in _as_list(value))} }}"
            for name, value in given.items()
            if name not in inline
        )
        if inline:
            pattern = re.compile(r"\$(" + "|".join(map(re.escape, inline)) + r")\b")
            lines = [line if line.lstrip().startswith("#") else pattern.sub(lambda m: inline[m.group(1)], line) for line in lines]
        return "\n".join(values if line.strip() == "#@values" else line for line in lines) + "\n"


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    return [value]


def _literal(value: Any) -> ox.Literal:
    if isinstance(value, bool | int | float):
        return ox.Literal(value)
    return ox.Literal(str(value))


@cache
def named_query(name: str) -> NamedQuery:
    """Load and read the header of ``graph/queries/<name>.rq``.

    Raises
    ------
    NotFound
        No such named query.
    """
    if not name.replace("_", "").isalnum():
        raise NotFound(f"no named SPARQL query {name!r}", subject=name)
    path = files("govkg.graph").joinpath("queries", f"{name}.rq")
    if not path.is_file():
        raise NotFound(f"no named SPARQL query {name!r}; known: {', '.join(named_queries())}", subject=name)
    text = path.read_text(encoding="utf-8")
    required: list[str] = []
    optional: list[str] = []
    lists: list[str] = []
    aliases: list[tuple[str, str]] = []
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "#@param":
            (required if words[2] == "required" else optional).append(words[1])
            aliases += [(w[len("alias=") :], words[1]) for w in words[3:4] if w.startswith("alias=")]
        elif len(words) >= 2 and words[0] == "#@list":
            lists.append(words[1])
    if "#@values" not in (line.strip() for line in text.splitlines()):
        raise StoreError(f"named query {name} has no #@values line", subject=name)
    return NamedQuery(name, text, tuple(required), tuple(optional), tuple(lists), tuple(aliases))


def named_queries() -> list[str]:
    """The names of the ``.rq`` files in ``graph/queries``."""
    folder = files("govkg.graph").joinpath("queries")
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))


def run_named_sparql(
    store: SparqlStore, name: str, *, timeout: float | None = None, **params: Any
) -> SparqlResult:
    """Run ``graph/queries/<name>.rq`` with its parameters bound.

    Raises
    ------
    NotFound
        No such named query.
    QueryRefused
        A parameter is unknown or a required one is missing.

    Examples
    --------
    >>> store = SparqlStore()
    >>> run_named_sparql(store, "members", committee="body:none").rows()
    []
    >>> run_named_sparql(store, "members")
    Traceback (most recent call last):
    ...
    govkg.errors.QueryRefused: members: missing required parameter(s) committee
    """
    query = named_query(name)
    # the template is checked (once: cached by text); binding adds only escaped literals and
    # VALUES rows, so the bound text is read-only too and skips rdflib's parser (~70 ms a query)
    _check(query.text)
    result = store._execute(query.bind(**params), timeout)
    return dataclasses.replace(result, list_columns=query.list_columns)
