"""The read-only guard every Cypher query passes before it reaches a store.

``check_read_only`` strips comments, string literals and backtick-quoted names, then
refuses any clause that writes, calls a procedure, selects another database or
administers the server, and any second statement. What is left is the read part of
Cypher: ``MATCH``, ``OPTIONAL MATCH``, ``WITH``, ``UNWIND``, ``WHERE``, ``RETURN``,
``ORDER BY``, ``SKIP``, ``LIMIT``, ``UNION``, ``EXISTS {}``, ``COUNT {}``, ``COLLECT {}``,
``shortestPath`` and list/pattern comprehensions.

This guard is the first of two locks: the stores also run every read in a read-only
transaction (Neo4j ``READ_ACCESS``; the embedded engine in a transaction that is always
rolled back), so a form the guard misses still cannot write.

Examples
--------
>>> check_read_only("MATCH (n:Body) WHERE n.name = 'CREATE (x)' RETURN n // DELETE")
>>> check_read_only("MATCH (n) DETACH DELETE n")
Traceback (most recent call last):
...
govkg.errors.QueryRefused: DETACH: writes are not allowed (read-only query)
>>> check_read_only("CALL db.labels()")
Traceback (most recent call last):
...
govkg.errors.QueryRefused: CALL: procedure calls and CALL subqueries are not allowed
>>> check_read_only("MATCH (n) RETURN n; MATCH (m) RETURN m")
Traceback (most recent call last):
...
govkg.errors.QueryRefused: ';': one statement per query
"""

from __future__ import annotations

import re
import unicodedata

from govkg.errors import QueryRefused

__all__ = ["ADMIN", "ALLOWED_NAMESPACES", "REFUSED", "check_read_only", "strip_literals"]

# clause keyword -> why it is refused, wherever it stands as a clause
REFUSED: dict[str, str] = {
    "CREATE": "writes are not allowed (read-only query)",
    "MERGE": "writes are not allowed (read-only query)",
    "DELETE": "writes are not allowed (read-only query)",
    "DETACH": "writes are not allowed (read-only query)",
    "SET": "writes are not allowed (read-only query)",
    "REMOVE": "writes are not allowed (read-only query)",
    "DROP": "schema changes are not allowed",
    "LOAD": "LOAD CSV is not allowed",
    "FOREACH": "FOREACH (a write loop) is not allowed",
    "CALL": "procedure calls and CALL subqueries are not allowed",
    "USE": "selecting another database or graph is not allowed",
    # GQL's write clause (the embedded engine parses GQL too)
    "INSERT": "writes are not allowed (read-only query)",
}

# Admin and session commands: they open a statement, so they are refused as its first
# word (after EXPLAIN/PROFILE/CYPHER options); elsewhere such a word is a plain name.
ADMIN: dict[str, str] = {
    word: "admin and session commands are not allowed"
    for word in (
        "SHOW",
        "GRANT",
        "REVOKE",
        "DENY",
        "START",
        "STOP",
        "TERMINATE",
        "ENABLE",
        "DISABLE",
        "ALTER",
        "RENAME",
        "DEALLOCATE",
        "REALLOCATE",
        "DRYRUN",
        "COPY",
        "SESSION",
        "COMMIT",
        "ROLLBACK",
        "BEGIN",
    )
}

_LEAD = re.compile(
    r"^\s*(?:(?:EXPLAIN|PROFILE)\s+|CYPHER(?:\s+\d+(?:\.\d+)?|\s+[\w.]+\s*=\s*\S+)*\s+)*([A-Za-z_]\w*)", re.I
)

# Namespaced functions that are pure built-ins; any other ``a.b(`` is a user function
# or a procedure-like function (APOC, GDS, db.*) and is refused.
ALLOWED_NAMESPACES = frozenset(
    {"point", "date", "datetime", "localdatetime", "time", "localtime", "duration", "vector"}
)

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LOOKALIKE = re.compile(r"[^\x00-\x7f]")


def _is_lookalike(ch: str) -> bool:
    r"""A non-ASCII character that upper-cases or NFKC-folds to ASCII letters (long s, dotless i, Kelvin sign, …).

    >>> [f"U+{ord(c):04X}" for c in "\u017f\u0131\u212a\ufb05\uff33đưé" if _is_lookalike(c)]
    ['U+017F', 'U+0131', 'U+212A', 'U+FB05', 'U+FF33']
    """
    if ch.isascii():
        return False
    mapped = ch.upper() + unicodedata.normalize("NFKC", ch)
    return any(c.isascii() and c.isalpha() for c in mapped)
_NAMESPACED_CALL = re.compile(r"\b([A-Za-z_]\w*)(?:\s*\.\s*[A-Za-z_]\w*)+\s*\(")


def strip_literals(cypher: str) -> str:
    """Blank out comments, string literals and backtick-quoted names, keeping the length.

    A refused word inside a string, a comment or a quoted name is then no longer seen.

    >>> strip_literals("RETURN 'a;b' AS `x y` // z")
    "RETURN '   ' AS `   `     "
    >>> strip_literals("RETURN 'open")
    Traceback (most recent call last):
    ...
    govkg.errors.QueryRefused: query: unterminated string literal
    """
    out: list[str] = []
    i, n = 0, len(cypher)
    while i < n:
        c = cypher[i]
        two = cypher[i : i + 2]
        if two == "//":
            j = cypher.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif two == "/*":
            j = cypher.find("*/", i + 2)
            if j < 0:
                raise QueryRefused("unterminated comment", subject="query")
            out.append(" " * (j + 2 - i))
            i = j + 2
        elif c in "'\"`":
            j = i + 1
            while j < n:
                if cypher[j] == "\\" and c != "`":
                    j += 2
                    continue
                if cypher[j] == c:
                    # a doubled backtick is an escaped backtick inside a quoted name
                    if c == "`" and j + 1 < n and cypher[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            if j >= n:
                kind = "quoted name" if c == "`" else "string literal"
                raise QueryRefused(f"unterminated {kind}", subject="query")
            out.append(c + " " * (j - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def check_read_only(cypher: str) -> None:
    """Raise :class:`~govkg.errors.QueryRefused` unless ``cypher`` is one read-only statement.

    The error names the refused clause. Keywords count where they stand as words, not as
    a property key (``n.set``), a label or type (``:Set``), a map key (``{set: 1}``) or a
    parameter (``$set``).

    >>> check_read_only("MATCH p = shortestPath((a {id: $a})-[*..5]->(b)) RETURN [n IN nodes(p) | n.id]")
    >>> check_read_only("MATCH (n) WHERE EXISTS { (n)-[:POST_IN]->() } RETURN n.set, COUNT { (n)--() }")
    >>> check_read_only("WITH 1 AS start RETURN start")
    >>> check_read_only("EXPLAIN SHOW USERS")
    Traceback (most recent call last):
    ...
    govkg.errors.QueryRefused: SHOW: admin and session commands are not allowed
    >>> check_read_only("RETURN apoc.cypher.runFirstColumnSingle('CREATE (n)', {})")
    Traceback (most recent call last):
    ...
    govkg.errors.QueryRefused: apoc.cypher.runFirstColumnSingle: user and library functions are not allowed
    """
    if not isinstance(cypher, str) or not cypher.strip():
        raise QueryRefused("empty query", subject="query")
    if cypher in _ACCEPTED:
        return
    _check(cypher)
    if len(_ACCEPTED) < 4096:  # the named queries and other repeated texts are checked once
        _ACCEPTED.add(cypher)


_ACCEPTED: set[str] = set()


def _check(cypher: str) -> None:
    text = strip_literals(cypher)
    if ";" in text:
        raise QueryRefused("one statement per query", subject="';'")
    lookalike = _LOOKALIKE.search(text) and next((c for c in text if _is_lookalike(c)), None)
    if lookalike:
        # the engine upper-cases with Unicode rules: 'ſET' runs as SET, unseen by the word scan below
        raise QueryRefused(
            "a look-alike of an ASCII letter outside quotes: write keywords in ASCII, names in quotes",
            subject=f"U+{ord(lookalike):04X} {lookalike!r}",
        )
    lead = _LEAD.match(text)
    if lead and lead.group(1).upper() in ADMIN:
        raise QueryRefused(ADMIN[lead.group(1).upper()], subject=lead.group(1).upper())
    for m in _WORD.finditer(text):
        word = m.group(0).upper()
        if word not in REFUSED:
            continue
        before = text[: m.start()].rstrip()
        after = text[m.end() :].lstrip()
        # a property key, label/type, parameter or map key, not a clause
        if before.endswith((".", ":", "$")) or (after.startswith(":") and not after.startswith("::")):
            continue
        raise QueryRefused(REFUSED[word], subject=word)
    for m in _NAMESPACED_CALL.finditer(text):
        namespace = m.group(1)
        if namespace.lower() in ALLOWED_NAMESPACES:
            continue
        name = re.sub(r"\s+", "", m.group(0)[:-1])
        raise QueryRefused("user and library functions are not allowed", subject=name)
