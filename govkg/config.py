"""Settings: where the store lives, how to reach Neo4j, and the limits every query obeys.

Values come from, in order of precedence: the environment, then a TOML file
(``$GOVKG_CONFIG``, else ``$GOVKG_HOME/config.toml`` if it exists), then the defaults.
The TOML file takes the field names as keys, at top level or under a ``[govkg]`` table.

Examples
--------
>>> s = load_settings(env={})
>>> s.home.name, s.query_timeout_s, s.row_cap, s.neo4j_uri
('.govkg', 10.0, 10000, None)
>>> load_settings(env={"NEO4J_URI": "neo4j+s://abc.databases.neo4j.io", "GOVKG_ROW_CAP": "50"}).row_cap
50
>>> load_settings(env={"NEO4J_URI": "http://localhost:7474"})
Traceback (most recent call last):
...
govkg.errors.ConfigError: NEO4J_URI: scheme 'http' is not one of bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from govkg.errors import ConfigError

__all__ = ["NEO4J_SCHEMES", "Settings", "load_settings"]

NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

# field name -> environment variable
_ENV = {
    "home": "GOVKG_HOME",
    "neo4j_uri": "NEO4J_URI",
    "neo4j_user": "NEO4J_USER",
    "neo4j_password": "NEO4J_PASSWORD",
    "neo4j_database": "NEO4J_DATABASE",
    "query_timeout_s": "GOVKG_QUERY_TIMEOUT_S",
    "row_cap": "GOVKG_ROW_CAP",
    "iri_base": "GOVKG_IRI_BASE",
    "api_token": "GOVKG_API_TOKEN",
    "max_upload_bytes": "GOVKG_MAX_UPLOAD_BYTES",
    "query_workers": "GOVKG_QUERY_WORKERS",
    "query_memory_mb": "GOVKG_QUERY_MEMORY_MB",
    "load_batch": "GOVKG_LOAD_BATCH",
    "load_workers": "GOVKG_LOAD_WORKERS",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Immutable settings; build them with :func:`load_settings`.

    ``neo4j_uri`` unset means the embedded store in ``home``. ``repr`` hides secrets.

    >>> "secret" in repr(Settings(neo4j_password="secret", api_token="secret"))
    False
    """

    home: Path = Path(".govkg")
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = field(default=None, repr=False)
    neo4j_database: str | None = None
    query_timeout_s: float = 10.0
    row_cap: int = 10_000
    iri_base: str = "https://govkg.org/id/"
    api_token: str | None = field(default=None, repr=False)
    max_upload_bytes: int = 5 * 1024 * 1024
    # ad-hoc queries (govkg.graph.isolation): worker processes, and the MB a query may add to its worker's
    query_workers: int = 2
    query_memory_mb: int = 1024
    # charters a bulk load commits per transaction on the embedded store (whole charters only)
    load_batch: int = 50
    # processes that read and extract charters while the load writes (0: one per core)
    load_workers: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.home, Path):
            object.__setattr__(self, "home", Path(self.home))

    @property
    def embedded_path(self) -> Path:
        """The embedded database file inside ``home``."""
        return self.home / "graph.grafeo"

    @property
    def sparql_path(self) -> Path:
        """The folder of the SPARQL index (pyoxigraph) inside ``home``.

        >>> Settings().sparql_path
        PosixPath('.govkg/sparql')
        """
        return self.home / "sparql"

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed (validated again).

        >>> Settings().with_(row_cap=5).row_cap
        5
        """
        return _validate(replace(self, **changes))


def _coerce(name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    try:
        if name == "home":
            return Path(os.path.expanduser(str(value)))
        if name == "query_timeout_s":
            return float(value)
        if name in ("row_cap", "max_upload_bytes", "query_workers", "query_memory_mb", "load_batch", "load_workers"):
            return int(value)
    except (TypeError, ValueError) as err:
        raise ConfigError(f"{value!r} is not a valid {name}", subject=_ENV[name]) from err
    return str(value)


def _validate(s: Settings) -> Settings:
    if s.neo4j_uri is not None:
        scheme = urlsplit(s.neo4j_uri).scheme
        if scheme not in NEO4J_SCHEMES:
            raise ConfigError(
                f"scheme {scheme!r} is not one of {', '.join(NEO4J_SCHEMES)}", subject="NEO4J_URI"
            )
    if s.query_timeout_s <= 0:
        raise ConfigError("must be > 0", subject="GOVKG_QUERY_TIMEOUT_S")
    if s.row_cap <= 0:
        raise ConfigError("must be > 0", subject="GOVKG_ROW_CAP")
    if s.max_upload_bytes <= 0:
        raise ConfigError("must be > 0", subject="GOVKG_MAX_UPLOAD_BYTES")
    if s.query_workers <= 0:
        raise ConfigError("must be > 0", subject="GOVKG_QUERY_WORKERS")
    if s.load_batch <= 0:
        raise ConfigError("must be > 0", subject="GOVKG_LOAD_BATCH")
    if s.load_workers < 0:
        raise ConfigError("must be ≥ 0 (0: one per core)", subject="GOVKG_LOAD_WORKERS")
    if s.query_memory_mb < 64:
        raise ConfigError("must be at least 64 (MB a query may add to its worker)", subject="GOVKG_QUERY_MEMORY_MB")
    return s


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"cannot read config: {err}", path=str(path)) from err
    data = data.get("govkg", data)
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"unknown keys {unknown}", path=str(path))
    return data


def load_settings(
    path: str | os.PathLike[str] | None = None, *, env: Mapping[str, str] | None = None
) -> Settings:
    """Settings from ``env`` (default ``os.environ``) over a TOML file over the defaults.

    Parameters
    ----------
    path
        A TOML file; default ``$GOVKG_CONFIG``, else ``$GOVKG_HOME/config.toml`` when present.
    env
        The environment to read (tests pass a dict).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "config.toml").write_text('row_cap = 7\\nneo4j_uri = "bolt://db:7687"\\n')
    >>> s = load_settings(env={"GOVKG_HOME": str(d)})
    >>> s.row_cap, s.neo4j_uri, s.home == d
    (7, 'bolt://db:7687', True)
    >>> load_settings(env={"GOVKG_HOME": str(d), "GOVKG_ROW_CAP": "9"}).row_cap
    9
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    if path is None:
        path = env.get("GOVKG_CONFIG") or None
        if path is None:
            home = Path(os.path.expanduser(env.get("GOVKG_HOME") or ".govkg"))
            candidate = home / "config.toml"
            path = candidate if candidate.is_file() else None
        elif not Path(path).is_file():
            raise ConfigError("GOVKG_CONFIG names no file", path=str(path))
    if path is not None:
        for name, value in _read_toml(Path(path)).items():
            values[name] = _coerce(name, value)
    for name, var in _ENV.items():
        if env.get(var) not in (None, ""):
            values[name] = _coerce(name, env[var])
    values = {k: v for k, v in values.items() if v is not None}
    return _validate(Settings(**values))
