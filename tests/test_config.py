"""Settings from the environment, a TOML file and the defaults (``govkg.config``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govkg.config import Settings, load_settings
from govkg.errors import ConfigError


def test_defaults():
    s = load_settings(env={})
    assert s == Settings()
    assert s.home == Path(".govkg")
    assert s.embedded_path == Path(".govkg") / "graph.grafeo"
    assert (s.query_timeout_s, s.row_cap, s.neo4j_uri, s.api_token) == (10.0, 10_000, None, None)


def test_environment_overrides_everything(tmp_path):
    env = {
        "GOVKG_HOME": str(tmp_path),
        "NEO4J_URI": "neo4j+s://abc.databases.neo4j.io",
        "NEO4J_USER": "u",
        "NEO4J_PASSWORD": "p",
        "NEO4J_DATABASE": "govkg",
        "GOVKG_QUERY_TIMEOUT_S": "2.5",
        "GOVKG_ROW_CAP": "100",
        "GOVKG_IRI_BASE": "https://example.org/id/",
        "GOVKG_API_TOKEN": "t0k",
        "GOVKG_MAX_UPLOAD_BYTES": "1024",
    }
    s = load_settings(env=env)
    assert s.home == tmp_path
    assert (s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database) == (
        "neo4j+s://abc.databases.neo4j.io",
        "u",
        "p",
        "govkg",
    )
    assert (s.query_timeout_s, s.row_cap, s.iri_base, s.api_token, s.max_upload_bytes) == (
        2.5,
        100,
        "https://example.org/id/",
        "t0k",
        1024,
    )


def test_toml_in_home_then_env_wins(tmp_path):
    (tmp_path / "config.toml").write_text('row_cap = 7\nquery_timeout_s = 3\nneo4j_uri = "bolt://db:7687"\n')
    s = load_settings(env={"GOVKG_HOME": str(tmp_path)})
    assert (s.row_cap, s.query_timeout_s, s.neo4j_uri) == (7, 3.0, "bolt://db:7687")
    s = load_settings(env={"GOVKG_HOME": str(tmp_path), "GOVKG_ROW_CAP": "9"})
    assert s.row_cap == 9


def test_govkg_config_file_with_table(tmp_path):
    cfg = tmp_path / "other.toml"
    cfg.write_text('[govkg]\nhome = "~/kg"\napi_token = "x"\n')
    s = load_settings(env={"GOVKG_CONFIG": str(cfg)})
    assert s.home == Path("~/kg").expanduser() and s.api_token == "x"


@pytest.mark.parametrize(
    "uri", ["bolt://localhost:7687", "neo4j://c:7687", "bolt+s://h", "neo4j+s://x.databases.neo4j.io"]
)
def test_neo4j_schemes_accepted(uri):
    assert load_settings(env={"NEO4J_URI": uri}).neo4j_uri == uri


@pytest.mark.parametrize(
    "env",
    [
        {"NEO4J_URI": "http://localhost:7474"},
        {"GOVKG_ROW_CAP": "lots"},
        {"GOVKG_ROW_CAP": "0"},
        {"GOVKG_QUERY_TIMEOUT_S": "-1"},
        {"GOVKG_CONFIG": "/nonexistent/config.toml"},
    ],
)
def test_invalid_settings_raise_config_error(env):
    with pytest.raises(ConfigError):
        load_settings(env=env)


def test_unknown_toml_key_and_bad_toml(tmp_path):
    (tmp_path / "config.toml").write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown keys"):
        load_settings(env={"GOVKG_HOME": str(tmp_path)})
    (tmp_path / "config.toml").write_text("row_cap = = 1\n")
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(env={"GOVKG_HOME": str(tmp_path)})


def test_frozen_and_secrets_hidden():
    s = Settings(neo4j_password="hunter2", api_token="tok")
    with pytest.raises(AttributeError):
        s.row_cap = 1  # type: ignore[misc]
    assert "hunter2" not in repr(s) and "tok" not in repr(s)
    assert s.with_(row_cap=3).row_cap == 3
    with pytest.raises(ConfigError):
        s.with_(neo4j_uri="ftp://x")
