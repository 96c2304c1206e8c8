#!/usr/bin/env python
"""Benchmark embedded graph engines on a synthetic govkg-shaped graph (not a test).

Generates N commune committees (default 3,400, about 200k nodes and 470k edges), each with
its own charter: working groups, a support group, a standing agency, the People's Committee,
35 committee posts, group leaders, people, REPORTS_TO with ``via``, ACCOUNTABLE_TO,
DELEGATES_TO/ACTS_FOR, HELD_EX_OFFICIO_BY and SUBORDINATE_TO to 34 province committees and
one national committee. Then, per engine:

- grafeo (the embedded default): loads every charter through ``EmbeddedStore.load`` (one
  transaction each) and times the named queries 200x each, both as raw Cypher through
  ``store.query`` and through the Python functions of ``govkg.graph.named_queries``;
- ladybug and falkordblite, when importable (``pip install ladybug falkordblite`` into the
  venv; they are not project dependencies): bulk-loads the same graph and runs the named
  query files *unchanged*, reporting which run, plus a traversal-only chain query.

Prints load time, p50/p99 per query (ms) and which named queries ran unchanged.

    python scripts/bench_engines.py                      # 3,400 committees, 200 runs, all engines
    python scripts/bench_engines.py --committees 200 --runs 50 --engines grafeo
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govkg.config import Settings
from govkg.graph import named_queries as q
from govkg.graph.embedded import EmbeddedStore
from govkg.graph.store import edge_statements, fold_name, key_label, node_statements, plan_charter
from govkg.ontology.facts import Edge, Facts, Node
from govkg.ontology.vocab import Label, Level, Prop, Rel, Role, Status

PROVINCES = 34
CHAIN_CORE = (
    "MATCH p = (a:Body {id: $id})-[:REPORTS_TO|ACCOUNTABLE_TO|DIRECTED_BY|STANDING_AGENCY_OF|PART_OF|POST_IN|"
    "SUBORDINATE_TO|HELD_EX_OFFICIO_BY*1..10]->(t) RETURN length(p) AS n"
)


# --------------------------------------------------------------------------- synthetic graph
def nat_id() -> str:
    return "body:national"


def prov_id(p: int) -> str:
    return f"body:province-{p}"


def ids_of(i: int) -> dict[str, str]:
    return {
        "charter": f"charter:{i}",
        "com": f"body:com-{i}",
        "agency": f"body:agency-{i}",
        "ubnd": f"body:ubnd-{i}",
        "sg": f"body:sg-{i}",
        "chair": f"post:{i}-chair",
        "svice": f"post:{i}-svice",
        "head": f"post:{i}-ubnd-head",
        "wg0": f"body:wg-{i}-0",
        "member0": f"post:{i}-member-0",
    }


def synth_charter(i: int) -> Facts:
    """One commune committee's charter, shaped like seed 000."""
    ids = ids_of(i)
    cid = ids["charter"]
    f = Facts(charter_id=cid)
    p = i % PROVINCES
    n = 0

    def node(nid: str, labels: tuple[str, ...], **props: Any) -> str:
        f.add_node(Node(nid, labels, props))
        return nid

    def edge(t: Rel, s: str, d: str, **props: Any) -> None:
        nonlocal n
        n += 1
        f.add_edge(
            Edge(
                t.value,
                s,
                d,
                {
                    "id": f"e:{i}:{n}",
                    "charter": cid,
                    "provision": f"quy-che/dieu-{n % 15 + 1}",
                    "quote": f"Trích dẫn điều khoản số {n} của quy chế xã {i}",
                    "start": n * 40,
                    "end": n * 40 + 35,
                    "rule": "synthetic",
                    "confidence": 0.9,
                    **props,
                },
            )
        )

    body = (Label.Body.value,)
    node(
        cid,
        (Label.Charter.value,),
        number=f"{i}/QĐ-BCĐ",
        issuedOn="2025-08-01",
        sha256=f"sha-{i}",
        title=f"Quy chế xã {i}",
    )
    com = node(
        ids["com"],
        (*body, Label.SteeringCommittee.value),
        name=f"Ban Chỉ đạo chuyển đổi số xã {i}",
        level=Level.commune.value,
        status=Status.defined.value,
        locality=f"xã {i}",
    )
    prov = node(
        prov_id(p),
        (*body, Label.SteeringCommittee.value),
        name=f"Ban Chỉ đạo chuyển đổi số tỉnh {p}",
        level=Level.province.value,
        status=Status.referenced.value,
        locality=f"tỉnh {p}",
    )
    nat = node(
        nat_id(),
        (*body, Label.SteeringCommittee.value),
        name="Ban Chỉ đạo Trung ương về chuyển đổi số",
        level=Level.national.value,
        status=Status.referenced.value,
    )
    agency = node(ids["agency"], (*body, Label.Agency.value), name=f"Công an xã {i}", locality=f"xã {i}")
    ubnd = node(
        ids["ubnd"],
        (*body, Label.PeoplesCommittee.value),
        name=f"Ủy ban nhân dân xã {i}",
        level=Level.commune.value,
        locality=f"xã {i}",
    )
    sg = node(ids["sg"], (*body, Label.SupportGroup.value), name=f"Tổ Giúp việc xã {i}", locality=f"xã {i}")
    doc = node(f"doc:{i}", (Label.LegalDocument.value,), number=f"{1000 + i}/QĐ-UBND", issuedOn="2025-07-01")
    chair = node(ids["chair"], (Label.Post.value,), name="Trưởng Ban Chỉ đạo", role=Role.Chair.value)
    svice = node(
        ids["svice"],
        (Label.Post.value,),
        name="Phó Trưởng Ban Thường trực",
        role=Role.StandingViceChair.value,
    )
    head = node(ids["head"], (Label.Post.value,), name="Chủ tịch Ủy ban nhân dân xã", role=Role.Head.value)
    ahead = node(f"post:{i}-agency-head", (Label.Post.value,), name="Trưởng Công an xã", role=Role.Head.value)
    edge(Rel.GOVERNS, cid, com)
    edge(Rel.BASED_ON, cid, doc)
    edge(Rel.SUBORDINATE_TO, com, prov)
    if i < PROVINCES:
        edge(Rel.SUBORDINATE_TO, prov, nat)
    edge(Rel.STANDING_AGENCY_OF, agency, com)
    edge(Rel.PART_OF, sg, com)
    edge(Rel.DIRECTED_BY, com, head)
    edge(Rel.POST_IN, head, ubnd)
    edge(Rel.POST_IN, ahead, agency)
    edge(Rel.HELD_EX_OFFICIO_BY, chair, head)
    edge(Rel.REPORTS_TO, agency, chair)
    edge(Rel.DELEGATES_TO, chair, svice, scope="giải quyết công việc", condition="khi cần thiết")
    edge(Rel.ACTS_FOR, svice, chair, condition="khi Trưởng ban vắng mặt")
    for post in (chair, svice):
        edge(Rel.POST_IN, post, com)
    edge(Rel.ACCOUNTABLE_TO, svice, chair)
    for k in range(3):
        vice = node(
            f"post:{i}-vice-{k}",
            (Label.Post.value,),
            name=f"Phó Trưởng Ban {k + 1}",
            role=Role.ViceChair.value,
        )
        edge(Rel.POST_IN, vice, com)
        edge(Rel.ACCOUNTABLE_TO, vice, chair)
    for k in range(30):
        member = node(
            f"post:{i}-member-{k}", (Label.Post.value,), name=f"Thành viên {k + 1}", role=Role.Member.value
        )
        edge(Rel.POST_IN, member, com)
        edge(Rel.ACCOUNTABLE_TO, member, chair)
        edge(Rel.REPORTS_TO, member, chair, via=agency, cadence="P6M", months=[6, 12])
    for k in range(6):
        wg = node(
            f"body:wg-{i}-{k}",
            (*body, Label.WorkingGroup.value),
            name=f"Tổ Công tác {k} xã {i}",
            locality=f"xã {i}",
        )
        leader = node(
            f"post:{i}-leader-{k}",
            (Label.Post.value,),
            name=f"Tổ trưởng Tổ Công tác {k}",
            role=Role.GroupLeader.value,
        )
        edge(Rel.PART_OF, wg, com)
        edge(Rel.POST_IN, leader, wg)
        edge(Rel.LEADS, leader, wg)
        edge(Rel.REPORTS_TO, wg, chair, via=agency, adHoc=True)
    for k in range(3):
        person = node(f"person:{i}-{k}", (Label.Person.value,), name=f"Nguyễn Văn {i}-{k}")
        edge(Rel.HOLDS, person, [head, ahead, svice][k])
    return f


def synth(n: int) -> list[Facts]:
    return [synth_charter(i) for i in range(n)]


# --------------------------------------------------------------------------- timing
def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def timed(fn: Callable[[int], Any], runs: int, n: int, rng: random.Random) -> tuple[float, float, int]:
    for j in range(3):  # warm plan caches
        fn(j % n)
    ms, rows = [], 0
    gc.collect()
    for _ in range(runs):
        j = rng.randrange(n)
        t = time.perf_counter()
        out = fn(j)
        ms.append((time.perf_counter() - t) * 1000)
        rows = len(out) if hasattr(out, "__len__") else rows
    return pct(ms, 50), pct(ms, 99), rows


def raw_params(name: str, j: int) -> dict[str, Any]:
    ids = ids_of(j)
    return {
        "chain": {"id": ids["wg0"], "excluded": None},
        "members": {"committee": ids["com"], "excluded": None},
        "delegations": {"committee": ids["com"], "excluded": None},
        "reporting": {"committee": ids["com"], "excluded": None},
        "standing_agencies": {"agencies": [], "folded": fold_name(f"Công an xã {j}"), "excluded": None},
        "subtree": {"committee": ids["com"], "excluded": None},
        "search": {"folded": fold_name(f"Tổ Công tác 3 xã {j}"), "id": None, "max_rows": 20},
    }[name]


# --------------------------------------------------------------------------- engines
def bench_grafeo(charters: list[Facts], runs: int, work: Path, rng: random.Random) -> dict[str, Any]:
    s = Settings(home=work / "grafeo", query_timeout_s=60, row_cap=100_000)
    store = EmbeddedStore(s.embedded_path, settings=s)
    t = time.perf_counter()
    for f in charters:
        store.load(f)
    load_s = time.perf_counter() - t
    counts = store.counts()
    n = len(charters)
    out: dict[str, Any] = {
        "engine": f"grafeo {__import__('grafeo').__version__}",
        "load_s": load_s,
        "nodes": counts["nodes"],
        "edges": counts["edges"],
    }
    raw, unchanged = {}, {}
    for name in q.NAMED:
        text = q.load_query(name)
        try:
            raw[name] = timed(
                lambda j, text=text, name=name: store.query(text, raw_params(name, j)), runs, n, rng
            )
            unchanged[name] = True
        except Exception as err:  # report, do not stop
            unchanged[name] = f"{type(err).__name__}: {err}"[:160]
    raw["chain core"] = timed(lambda j: store.query(CHAIN_CORE, {"id": ids_of(j)["wg0"]}), runs, n, rng)
    direct = store._db  # the engine alone, without guard/thread/transaction/conversion
    raw["chain (engine only)"] = timed(
        lambda j: list(direct.execute_cypher(q.load_query("chain"), raw_params("chain", j))), runs, n, rng
    )
    fns = {
        "chain()": lambda j: q.chain(store, ids_of(j)["wg0"]),
        "chain() from a member post": lambda j: q.chain(store, ids_of(j)["member0"]),
        "chain() as_of": lambda j: q.chain(store, ids_of(j)["wg0"], as_of="2026-01-01"),
        "chain() by name + in_": lambda j: q.chain(store, f"Tổ Công tác 0 xã {j}", in_=f"xã {j}"),
        "members()": lambda j: q.members(store, ids_of(j)["com"]),
        "delegations()": lambda j: q.delegations(store, ids_of(j)["com"]),
        "reporting()": lambda j: q.reporting(store, ids_of(j)["com"]),
        "standing_agencies()": lambda j: q.standing_agencies(store, f"Công an xã {j}"),
        "subtree()": lambda j: q.subtree(store, ids_of(j)["com"]),
        "search()": lambda j: q.search(store, f"Tổ Công tác 3 xã {j}"),
    }
    python = {}
    for label, fn in fns.items():
        try:
            python[label] = timed(fn, runs, n, rng)
        except Exception as err:
            python[label] = f"{type(err).__name__}: {err}"[:160]
    store.close()
    out.update(raw=raw, python=python, unchanged=unchanged)
    return out


def _ladybug_type(values: list[Any], total: int) -> str:
    if len(values) < total or any(v is None for v in values):
        return "STRING"  # a column some rows lack: ladybug types a missing struct field as STRING
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "BOOLEAN"
    if kinds <= {int}:
        return "INT64"
    if kinds <= {int, float}:
        return "DOUBLE"
    return "STRING"  # lists as text: the bench does not query them


def _cell(value: Any, kind: str) -> Any:
    if value is None or kind != "STRING":
        return value
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)


def _csv(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def bench_ladybug(charters: list[Facts], runs: int, work: Path, rng: random.Random) -> dict[str, Any]:
    import ladybug as lb

    db = lb.Database(str(work / "ladybug"))
    conn = lb.Connection(db)

    def run(cypher: str, params: dict[str, Any] | None = None) -> list[Any]:
        res = conn.execute(cypher, params or {})
        rows = []
        while res.has_next():
            rows.append(res.get_next())
        return rows

    t = time.perf_counter()
    # schema: one node table per key label (ladybug has one label per node), kind in a column
    nodes: dict[str, dict[str, Node]] = defaultdict(dict)
    edges: dict[tuple[str, str, str], list[Edge]] = defaultdict(list)
    for f in charters:
        for node in f.nodes.values():
            nodes[key_label(node.labels)][node.id] = node
    table_of = {nid: table for table, ns in nodes.items() for nid in ns}
    for f in charters:
        for e in f.edges:
            edges[(e.type, table_of[e.source], table_of[e.target])].append(e)
    node_cols: dict[str, dict[str, str]] = {}
    for table, ns in nodes.items():
        values = defaultdict(list)
        for node in ns.values():
            for k, v in {
                **node.props,
                Prop.kind.value: node.labels[-1],
                "nameFolded": fold_name(node.props.get("name")),
            }.items():
                values[k].append(v)
        node_cols[table] = {k: _ladybug_type(v, len(ns)) for k, v in values.items() if k != "id"}
        cols = ", ".join(f"`{k}` {t}" for k, t in node_cols[table].items())
        run(f"CREATE NODE TABLE {table}(id STRING, {cols}, PRIMARY KEY(id))")
    rel_cols: dict[str, dict[str, str]] = {}
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    values = defaultdict(lambda: defaultdict(list))
    totals: dict[str, int] = defaultdict(int)
    for (type_, s, d), es in edges.items():
        totals[type_] += len(es)
        pairs[type_].add((s, d))
        for e in es:
            for k, v in e.props.items():
                values[type_][k].append(v)
    for type_ in pairs:
        rel_cols[type_] = {k: _ladybug_type(v, totals[type_]) for k, v in values[type_].items()}
        ends = ", ".join(f"FROM {s} TO {d}" for s, d in sorted(pairs[type_]))
        cols = ", ".join(f"`{k}` {t}" for k, t in rel_cols[type_].items())
        run(f"CREATE REL TABLE {type_}({ends}, {cols})")
    # bulk load: COPY FROM CSV (UNWIND … MATCH … CREATE is far slower in ladybug)
    import csv

    for table, ns in nodes.items():
        cols = node_cols[table]
        path = work / f"ladybug-{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["id", *cols])
            for node in ns.values():
                props = {**node.props, "kind": node.labels[-1], "nameFolded": fold_name(node.props.get("name"))}
                w.writerow([node.id, *(_csv(props.get(k)) for k in cols)])
        run(f"COPY {table} FROM '{path}' (header=true)")
    for (type_, s, d), es in edges.items():
        cols = rel_cols[type_]
        path = work / f"ladybug-{type_}-{s}-{d}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["from", "to", *cols])
            for e in es:
                w.writerow([e.source, e.target, *(_csv(e.props.get(k)) for k in cols)])
        run(f"COPY {type_} FROM '{path}' (from='{s}', to='{d}', header=true)")
    load_s = time.perf_counter() - t
    n = len(charters)
    out: dict[str, Any] = {
        "engine": f"ladybug {getattr(lb, '__version__', '?')}",
        "load_s": load_s,
        "nodes": run("MATCH (n) RETURN count(n)")[0][0],
        "edges": run("MATCH ()-[e]->() RETURN count(e)")[0][0],
    }
    raw, unchanged = {}, {}
    for name in q.NAMED:
        text = q.load_query(name)
        try:
            raw[name] = timed(lambda j, text=text, name=name: run(text, raw_params(name, j)), runs, n, rng)
            unchanged[name] = True
        except Exception as err:
            unchanged[name] = f"{type(err).__name__}: {str(err).splitlines()[0]}"[:160]
    try:
        raw["chain core"] = timed(lambda j: run(CHAIN_CORE, {"id": ids_of(j)["wg0"]}), runs, n, rng)
    except Exception as err:
        raw["chain core"] = f"{type(err).__name__}: {str(err).splitlines()[0]}"[:160]
    out.update(raw=raw, python={}, unchanged=unchanged)
    return out


def bench_falkordblite(charters: list[Facts], runs: int, work: Path, rng: random.Random) -> dict[str, Any]:
    from redislite.falkordb_client import FalkorDB

    db = FalkorDB(str(work / "falkordb.rdb"))
    g = db.select_graph("govkg")
    t = time.perf_counter()
    for label in ("Body", "Post", "Person", "Charter", "LegalDocument"):
        g.query(f"CREATE INDEX FOR (n:{label}) ON (n.id)")
    # the same statements the stores send (no transactions in FalkorDB: one statement at a time)
    for f in charters:
        plan = plan_charter(f)
        keys = {nd.id: key_label(nd.labels) for nd in plan.nodes}
        keys[plan.charter_id] = "Charter"
        g.query("MERGE (c:Charter {id: $id})", {"id": plan.charter_id})
        for st in node_statements(plan.nodes):
            g.query(st.cypher, st.params)
        for st in edge_statements(plan.edges, keys):
            g.query(st.cypher, st.params)
        g.query("MATCH (c:Charter {id: $id}) SET c += $props", {"id": plan.charter_id, "props": plan.props})
    load_s = time.perf_counter() - t
    n = len(charters)
    out: dict[str, Any] = {
        "engine": "falkordblite",
        "load_s": load_s,
        "nodes": g.ro_query("MATCH (n) RETURN count(n)").result_set[0][0],
        "edges": g.ro_query("MATCH ()-[e]->() RETURN count(e)").result_set[0][0],
    }
    raw, unchanged = {}, {}
    for name in q.NAMED:
        text = q.load_query(name)
        try:
            raw[name] = timed(
                lambda j, text=text, name=name: g.ro_query(text, raw_params(name, j)).result_set, runs, n, rng
            )
            unchanged[name] = True
        except Exception as err:
            unchanged[name] = f"{type(err).__name__}: {str(err).splitlines()[0]}"[:160]
    try:
        raw["chain core"] = timed(
            lambda j: g.ro_query(CHAIN_CORE, {"id": ids_of(j)["wg0"]}).result_set, runs, n, rng
        )
    except Exception as err:
        raw["chain core"] = f"{type(err).__name__}: {str(err).splitlines()[0]}"[:160]
    out.update(raw=raw, python={}, unchanged=unchanged)
    db.close() if hasattr(db, "close") else None
    return out


ENGINES = {"grafeo": bench_grafeo, "ladybug": bench_ladybug, "falkordblite": bench_falkordblite}


def report(results: list[dict[str, Any]]) -> None:
    for r in results:
        print(
            f"\n== {r['engine']}: {r.get('nodes', '?')} nodes, {r.get('edges', '?')} edges, load {r['load_s']:.1f} s"
        )
        ok = [k for k, v in r["unchanged"].items() if v is True]
        print(f"   named queries run unchanged: {len(ok)}/{len(q.NAMED)} {ok}")
        for k, v in r["unchanged"].items():
            if v is not True:
                print(f"     {k}: {v}")
        for section in ("raw", "python"):
            for k, v in r[section].items():
                if isinstance(v, tuple):
                    print(f"   {section:6s} {k:28s} p50 {v[0]:8.2f} ms   p99 {v[1]:8.2f} ms   rows {v[2]}")
                else:
                    print(f"   {section:6s} {k:28s} {v}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--committees", type=int, default=3400)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--engines", default="grafeo,ladybug,falkordblite")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument(
        "--workdir", type=Path, help="keep the databases here (default: a temporary folder, removed)"
    )
    args = ap.parse_args(argv)
    t = time.perf_counter()
    charters = synth(args.committees)
    print(
        f"generated {args.committees} charters, {sum(len(f.nodes) for f in charters)} node records, "
        f"{sum(len(f.edges) for f in charters)} edges in {time.perf_counter() - t:.1f} s",
        flush=True,
    )
    work = args.workdir or Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    results = []
    for name in args.engines.split(","):
        fn = ENGINES[name.strip()]
        try:
            results.append(fn(charters, args.runs, work, random.Random(args.seed)))
            report(results[-1:])
        except ImportError as err:
            print(f"\n== {name}: not installed ({err})")
        except Exception:
            print(f"\n== {name}: failed\n{traceback.format_exc(limit=3)}")
        sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
