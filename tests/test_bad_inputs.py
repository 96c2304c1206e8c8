"""The bad-input corpus (``tests/data/bad``): every file does what ``expected.yaml`` says.

- A refused file raises a typed error (``ParseError``, ``ExtractError`` is one) whose
  message names the file and the reason, within its CPU budget; ``govkg parse FILE`` and
  ``govkg load FILE`` exit 2 and print it, and the store is untouched (counts and
  ``content_hash()`` before == after).
- A re-encoded copy of the clean charter (NFD, cp1258, TCVN3, VNI, UTF-16 LE/BE with BOM,
  CRLF, tabs) gives the same facts: node ids, edge ids, types, ends and properties; loading
  it after the clean charter is a reload of the same charter, not a second charter.
- A clause citing a missing article loads, and the audit flags it (``xref.dangling``).
- Names holding ``<script>``, quotes, braces and backticks load verbatim and cannot break
  or inject into any query govkg builds (all of them are parameterised).

Large and binary files are generated at test time by ``tests/data/bad/make.py``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from govkg import errors
from govkg.config import Settings
from govkg.graph.embedded import EmbeddedStore
from govkg.loaders.extract import extract
from govkg.loaders.parse import parse_file
from govkg.ontology.facts import Facts
from govkg.vn.text import normalize

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
EXPECTED = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))
FILES: dict[str, dict] = EXPECTED["files"]
CLEAN = ROOT / EXPECTED["clean"]
REFUSED = [name for name, e in FILES.items() if "error" in e]
SAME = [name for name, e in FILES.items() if "same_facts_as" in e]

pytestmark = pytest.mark.timeout(900)


def _make_module():
    spec = importlib.util.spec_from_file_location("govkg_bad_make", BAD / "make.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


MAKE = _make_module()


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bad-generated")


def corpus(name: str, generated: Path) -> Path:
    """The path of a corpus file, writing it first when it is generated."""
    entry = FILES[name]
    if entry["source"] == "committed":
        return BAD / name
    path = generated / name
    if not path.exists():
        MAKE.make(generated, [name])
    return path


def facts_of(path: Path) -> Facts:
    return extract(parse_file(path))


# A file's own properties: its bytes' digest, its name, its decoded text and the spans of it that
# quotes are. A re-encoded copy has its own; the quote's words, normalised, are the same.
# a file's own bytes, path and offsets into its text (a stated edge's and a folded edge's evidence)
FILE_OWN = frozenset({"sha256", "path", "sourceText", "quoteStart", "quoteEnd", "quoteStarts", "quoteEnds"})


def _words(quote: str) -> str:
    return " ".join(normalize(quote).split())


def fact_set(facts: Facts) -> tuple[set[str], set[tuple]]:
    """Node ids, and edges as (id, type, source, target, sorted props), quotes compared by their words."""
    edges = {
        (
            e.props.get("id"), e.type, e.source, e.target,
            tuple(sorted((k, repr(_words(v) if k == "quote" else [_words(q) for q in v] if k == "quotes" else v))
                         for k, v in e.props.items() if k not in FILE_OWN)),
        )
        for e in facts.edges
    }
    return set(facts.nodes), edges


def govkg(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "GOVKG_HOME": str(home), "PYTHONIOENCODING": "utf-8", "COLUMNS": "250"}
    for var in ("NEO4J_URI", "GOVKG_CONFIG"):
        env.pop(var, None)
    return subprocess.run(
        [sys.executable, "-m", "govkg.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )


def snapshot(home: Path) -> tuple[dict, str]:
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        return store.counts(), store.content_hash()


@pytest.fixture(scope="module")
def loaded_home(tmp_path_factory) -> Path:
    """A home whose store holds the clean charter (so 'nothing written' is checked on a non-empty store)."""
    home = tmp_path_factory.mktemp("bad-home")
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        store.load(facts_of(CLEAN))
    return home


# --------------------------------------------------------------------------- the corpus itself
def test_expected_yaml_covers_every_committed_and_generated_file():
    committed = {p.name for p in BAD.iterdir() if p.is_file()} - {"expected.yaml", "make.py"}
    assert committed == {n for n, e in FILES.items() if e["source"] == "committed"}
    assert set(MAKE.GENERATED) == {n for n, e in FILES.items() if e["source"] == "generated"}
    for name, entry in FILES.items():
        outcomes = [k for k in ("error", "same_facts_as", "loads") if k in entry]
        assert len(outcomes) == 1, name
        if "error" in entry:
            assert issubclass(getattr(errors, entry["error"]), errors.ParseError), name
    # nothing big or binary is committed
    assert all((BAD / n).stat().st_size < 20_000 for n in committed)


def test_generated_files_are_what_they_claim(generated):
    sizes = {n: corpus(n, generated).stat().st_size for n in ("big_10mb.txt", "million_dieu.txt", "long_line.txt")}
    assert sizes["big_10mb.txt"] >= 10 * 1024 * 1024
    assert sizes["million_dieu.txt"] == len("Điều ".encode()) * 1_000_000
    assert b"\n" not in corpus("long_line.txt", generated).read_bytes()
    bomb = corpus("zip_bomb.docx", generated)
    assert bomb.stat().st_size < 200_000  # a bomb: small on disk
    assert corpus("utf16be_bom.txt", generated).read_bytes()[:2] == b"\xfe\xff"
    assert corpus("utf16le_bom.txt", generated).read_bytes()[:2] == b"\xff\xfe"
    assert b"\r\n" in corpus("crlf.txt", generated).read_bytes()


# --------------------------------------------------------------------------- refused: library
@pytest.mark.parametrize("name", REFUSED)
def test_refused_by_the_library_with_a_typed_error(name, generated):
    entry = FILES[name]
    path = corpus(name, generated)
    error_type = getattr(errors, entry["error"])
    started = time.process_time()  # CPU time: a busy test machine must not fail this
    with pytest.raises(errors.GovkgError) as info:
        facts_of(path)
    spent = time.process_time() - started
    assert isinstance(info.value, error_type), f"{type(info.value).__name__}: {info.value}"
    assert isinstance(info.value, errors.ParseError)  # what the CLI and the API report as bad input
    message = str(info.value)
    assert message.startswith(f"{path}: "), message  # names the file
    assert entry["message"] in message, message  # and the reason
    assert spent < entry.get("max_cpu_seconds", 10), f"{spent:.1f} s CPU"


# --------------------------------------------------------------------------- refused: CLI, store untouched
@pytest.mark.parametrize("name", REFUSED)
def test_cli_exits_2_and_writes_nothing(name, generated, loaded_home, tmp_path):
    path = corpus(name, generated)
    home = tmp_path / "home"
    shutil.copytree(loaded_home, home)
    before = snapshot(home)
    assert before[0]["charters"] == 1
    # an ExtractError is raised after parsing: `govkg parse` shows the tree, `govkg load` refuses
    parse_code = 0 if FILES[name]["error"] == "ExtractError" else 2
    with ThreadPoolExecutor(2) as pool:  # parse needs no store: run it beside the load
        parsed = pool.submit(govkg, "parse", str(path), home=tmp_path / "unused")
        loaded = pool.submit(govkg, "load", str(path), home=home)
        for result, code in ((parsed.result(), parse_code), (loaded.result(), 2)):
            assert result.returncode == code, (result.args[3:], result.stdout[-2000:], result.stderr[-2000:])
            assert "Traceback" not in result.stderr
    if parse_code == 2:  # parse prints the error (file and reason) on stderr
        one_line = " ".join(parsed.result().stderr.split())
        assert path.name in one_line and FILES[name]["message"].split()[0] in one_line
    assert "failed" in loaded.result().stdout  # load lists the file as failed
    assert snapshot(home) == before


# --------------------------------------------------------------------------- same facts
@pytest.fixture(scope="module")
def clean_facts() -> Facts:
    return facts_of(CLEAN)


@pytest.mark.parametrize("name", SAME)
def test_reencoded_charter_gives_the_same_facts(name, generated, clean_facts):
    assert ROOT / FILES[name]["same_facts_as"] == CLEAN
    variant = facts_of(corpus(name, generated))
    nodes, edges = fact_set(variant)
    clean_nodes, clean_edges = fact_set(clean_facts)
    assert nodes == clean_nodes
    assert edges == clean_edges, (sorted(edges - clean_edges)[:3], sorted(clean_edges - edges)[:3])
    # node properties too, but the file's own (its bytes' sha256 and its path)
    for node_id, node in variant.nodes.items():
        own = {k: v for k, v in node.props.items() if k not in FILE_OWN}
        clean = {k: v for k, v in clean_facts.nodes[node_id].props.items() if k not in FILE_OWN}
        assert own == clean, node_id


def test_loading_a_reencoded_copy_is_a_reload_not_a_second_charter(generated, tmp_path, clean_facts):
    s = Settings(home=tmp_path)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        store.load(clean_facts)
        counts = store.counts()
        graph = _without_file_props(store.export_facts())
        for name in ("crlf.txt", "tcvn3.txt", "utf16be_bom.txt"):
            report = store.load(facts_of(corpus(name, generated)))
            assert report.charter == clean_facts.charter_id
            assert store.counts() == counts
            assert _without_file_props(store.export_facts()) == graph
        # and back: the clean bytes again
        store.load(clean_facts)
        assert store.counts() == counts


def _without_file_props(facts: Facts) -> tuple:
    nodes = sorted(
        (n.id, tuple(sorted(n.labels)), tuple(sorted((k, repr(v)) for k, v in n.props.items() if k not in FILE_OWN)))
        for n in facts.nodes.values()
    )
    return nodes, fact_set(facts)[1]


# --------------------------------------------------------------------------- accepted, with checks
def test_dangling_reference_loads_and_the_audit_flags_it(tmp_path):
    from govkg.graph.audit import audit

    entry = FILES["dangling_ref.txt"]
    facts = facts_of(BAD / "dangling_ref.txt")
    dangling = [e for e in facts.edges if e.type == "REFERS_TO" and e.props.get("ref") == entry["checks"]["dangling_ref"]]
    assert len(dangling) == 1
    assert dangling[0].target == facts.charter_id  # kept, pointing at the charter, with the address it meant
    s = Settings(home=tmp_path)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        assert not store.load(facts).unchanged
        findings = [f for f in audit(store, shacl=False) if f.rule == entry["checks"]["audit_flag"]]
    assert findings, "the audit must flag the dangling cross-reference"
    flagged = findings[0]
    assert flagged.severity == "error"
    assert "12" in str(flagged.message) + str(getattr(flagged, "quote", "")) + str(flagged)


def test_truncated_text_loads_as_partial_and_strict_refuses_it(tmp_path):
    entry = FILES["truncated.txt"]
    facts = facts_of(BAD / "truncated.txt")
    assert facts.nodes[facts.charter_id].props["status"] == entry["checks"]["status"]
    assert any(e.type == "REPORTS_TO" or e.type == "HELD_EX_OFFICIO_BY" for e in facts.edges), "what the text states is kept"
    home = tmp_path / "home"
    loaded = govkg("load", str(BAD / "truncated.txt"), home=home)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert "loaded" in loaded.stdout
    strict_home = tmp_path / "strict"
    refused = govkg("load", "--strict", str(BAD / "truncated.txt"), home=strict_home)
    assert refused.returncode == 2
    assert entry["checks"]["strict_error"] in refused.stdout + refused.stderr
    with EmbeddedStore(Settings(home=strict_home).embedded_path, settings=Settings(home=strict_home)) as store:
        assert not store.charters()
    # the audit says which charters are partial
    audited = govkg("audit", "--json", "--no-shacl", home=home)
    assert audited.returncode == 0, audited.stderr
    assert [f["rule"] for f in json.loads(audited.stdout)].count("charter.partial") == 1


HOSTILE_QUERIES = [
    ("search", lambda q, store, s: q.search(store, s, limit=50)),
    ("resolve_entity", lambda q, store, s: q.resolve_entity(store, s)),
    ("chain", lambda q, store, s: q.chain(store, s)),
    ("members", lambda q, store, s: q.members(store, s)),
    ("standing_agencies", lambda q, store, s: q.standing_agencies(store, s)),
    ("subtree", lambda q, store, s: q.subtree(store, s)),
    ("delegations", lambda q, store, s: q.delegations(store, s)),
    ("reporting", lambda q, store, s: q.reporting(store, s)),
]


def test_hostile_names_load_verbatim_and_cannot_inject(tmp_path):
    from govkg.graph import export, named_queries

    facts = facts_of(BAD / "hostile_names.txt")
    wanted = FILES["hostile_names.txt"]["checks"]["verbatim"]
    texts = [str(v) for n in facts.nodes.values() for v in n.props.values()]
    for fragment in wanted:
        assert any(fragment in t for t in texts), fragment  # extraction keeps the characters
    s = Settings(home=tmp_path)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        store.load(facts_of(CLEAN))
        store.load(facts)
        before = (store.counts(), store.content_hash())
        # stored verbatim, and found with a parameter (never pasted into the text)
        for fragment in wanted:
            rows = store.query(
                "MATCH (n) WHERE n.name CONTAINS $s OR n.title CONTAINS $s RETURN n.id AS id, n.name AS name, n.title AS title",
                {"s": fragment},
            )
            assert rows, fragment
            for row in rows:
                assert row["id"] in facts.nodes
                stored = facts.nodes[row["id"]].props
                assert (row["name"], row["title"]) == (stored.get("name"), stored.get("title"))
        # every query govkg builds takes these names as parameters: none breaks, none writes
        names = [n.props["name"] for n in facts.nodes.values() if any(f in str(n.props.get("name")) for f in wanted)]
        names += [n.id for n in facts.nodes.values() if "Body" in n.labels] + wanted
        for name in names:
            for label, run in HOSTILE_QUERIES:
                try:
                    run(named_queries, store, name)
                except (errors.NotFound, errors.Ambiguous, errors.QueryRefused):
                    pass  # an answer about the name, not a broken query
                except errors.GovkgError as err:  # pragma: no cover - the failure we look for
                    pytest.fail(f"{label}({name!r}) broke: {err}")
        hits = named_queries.search(store, "script alert", limit=50)
        assert any("<script>alert('x')</script>" in (h.get("name") or "") for h in hits)
        # exports carry the names as data
        node_link = export.to_node_link(store)
        assert any("`}) DETACH DELETE n //`" in str(n.get("name")) for n in node_link["nodes"])
        assert (store.counts(), store.content_hash()) == before
