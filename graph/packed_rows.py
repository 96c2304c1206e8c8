"""Rows for ``UNWIND`` statements packed as columns, with every string of the batch in one string.

The embedded engine's Python binding converts each parameter value by trying, in turn,
``bool``, ``int``, ``float`` and only then ``str`` (or ``list``, or ``dict``); each failed
try raises and discards a Python exception. A string costs about 1 µs to pass that way,
a map or a list as much again plus its items, while an ``int`` costs 50 ns and one long
string next to nothing. A load passes about a million strings, so that conversion was
more than half of the engine's time.

:func:`pack_rows` passes the same rows as:

- ``$strings``: every string value of the batch joined by a separator that none of them
  holds (``$sep``), split once in the engine (``split($strings, $sep) AS s``);
- one list per column (``$c0``, ``$c1``, …): the index into ``s`` of each row's string
  (or ``null`` where the row has no value), or, for a column holding anything but
  strings (numbers, booleans, lists), the values themselves, and a ``null`` after them
  (the binding would read a list of floats only as an ``f32`` vector);
- ``range(0, $rows - 1) AS i`` in place of ``UNWIND $rows AS r``.

The statement reads a value as ``s[$c0[i]]`` (:meth:`PackedRows.value`) and a whole map of
properties as a map literal (:meth:`PackedRows.map`), whose ``null`` entries the engine
does not store: ``CREATE (n:Provision {ref: s[$c1[i]], start: $c2[i]})`` stores what
``CREATE (n:Provision) SET n = r.props`` stores. The map's keys are pasted into the
statement, so only plain identifiers are packed: :func:`pack_rows` returns ``None`` for
rows with any other key, and the caller sends the plain rows instead.

Examples
--------
>>> p = pack_rows([{"id": "a", "props": {"name": "Tổ A", "start": 3}},
...                {"id": "b", "props": {"name": None}}])
>>> p.head
'WITH split($strings, $sep) AS s UNWIND range(0, $rows - 1) AS i'
>>> p.value("id"), p.map("props")
('s[$c0[i]]', '{`name`: s[$c1[i]], `start`: $c2[i]}')
>>> p.params["strings"].split(p.params["sep"]), p.params["c1"], p.params["c2"], p.params["rows"]
(['a', 'b', 'Tổ A'], [2, None], [3, None, None], 2)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["SEPARATORS", "PackedRows", "pack_rows"]

#: Separators tried in turn: the first that no string of the batch holds is used.
SEPARATORS = ("\x1f", "\x1e", "\x1d", "\x1c", "\x00", "\ue000", "\ue001", "\ufdd0")

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_HEAD = "WITH split($strings, $sep) AS s UNWIND range(0, $rows - 1) AS i"


@dataclass(frozen=True)
class PackedRows:
    """Packed rows: ``head`` opens the statement, ``params`` are its parameters."""

    head: str
    params: dict[str, Any]
    #: field -> the column's expression (a scalar field), or key -> expression (a map field)
    fields: dict[str, str | dict[str, str]]

    def value(self, field: str) -> str:
        """The expression of a scalar field of the rows (``s[$c0[i]]``)."""
        expression = self.fields[field]
        if not isinstance(expression, str):
            raise TypeError(f"{field!r} is a map field: use map()")
        return expression

    def map(self, field: str, **scalars: str) -> str:
        """A map literal of a map field's keys (every key any row has), and of ``scalars``
        (key -> a scalar field): ``map("props", id="id")`` also holds ``id``.

        >>> pack_rows([{"id": "b1", "props": {"name": "Tổ A"}}]).map("props", id="id")
        '{`id`: s[$c0[i]], `name`: s[$c1[i]]}'
        """
        entries = self.fields[field]
        if isinstance(entries, str):
            raise TypeError(f"{field!r} is a scalar field: use value()")
        pairs = [(key, self.value(name)) for key, name in scalars.items()] + list(entries.items())
        return "{" + ", ".join(f"`{key}`: {expression}" for key, expression in pairs) + "}"


def pack_rows(rows: Sequence[Mapping[str, Any]]) -> PackedRows | None:
    """``rows`` (each a dict of fields; a field is a value, or a ``dict`` of properties) packed as
    columns (see the module docstring), or ``None`` when the rows do not all have the same
    fields, a property key is not a plain identifier or no separator is free. ``None`` values
    are left out, as a ``SET n = r.props`` leaves them out.

    >>> pack_rows([{"props": {"a-b": 1}}]) is None
    True
    >>> p = pack_rows([{"charters": ["c1", "c2"], "n": {"x": 1.5}}, {"charters": [], "n": {"x": 2}}])
    >>> p.value("charters"), p.params["c0"], p.map("n"), p.params["c1"]
    ('$c0[i]', [['c1', 'c2'], [], None], '{`x`: $c1[i]}', [1.5, 2, None])
    """
    count = len(rows)
    if rows and any(row.keys() != rows[0].keys() for row in rows):
        return None  # the columns are the first row's fields: rows of other shapes go plain
    # (field, key or None for a scalar field) -> the column's values, None where a row has none
    columns: dict[tuple[str, str | None], list[Any]] = {}
    maps: dict[str, dict[str, str]] = {}
    scalars: dict[str, str] = {}
    for field, first in (rows[0] if rows else {}).items():
        if type(first) is not dict:
            columns[(field, None)] = [row[field] for row in rows]
            continue
        maps[field] = {}
        by_key: dict[str, list[Any]] = {}
        for j, row in enumerate(rows):
            for key, item in row[field].items():
                if item is not None:
                    column = by_key.get(key)
                    if column is None:
                        column = by_key[key] = [None] * count
                    column[j] = item
        if not all(map(_IDENTIFIER.match, by_key)):
            return None
        columns.update(((field, key), values) for key, values in by_key.items())
    strings: list[str] = []
    params: dict[str, Any] = {"rows": count}
    for n, ((field, key), values) in enumerate(columns.items()):
        name = f"c{n}"
        kinds = set(map(type, values))
        kinds.discard(type(None))
        if kinds <= {str}:
            base = len(strings)
            present = [v for v in values if v is not None]
            strings += present
            if len(present) == count:
                params[name] = list(range(base, base + count))
            else:
                at = iter(range(base, base + len(present)))
                params[name] = [None if v is None else next(at) for v in values]
            expression = f"s[${name}[i]]"
        else:
            # a list of floats only would arrive as an f32 vector: a trailing null keeps it a list
            params[name] = [*values, None]
            expression = f"${name}[i]"
        if key is None:
            scalars[field] = expression
        else:
            maps[field][key] = expression
    for sep in SEPARATORS:
        text = sep.join(strings)
        # the separator is free when splitting gives back exactly the strings joined
        if text.count(sep) == max(0, len(strings) - 1):
            params["strings"], params["sep"] = text, sep
            return PackedRows(_HEAD, params, {**scalars, **maps})
    return None
