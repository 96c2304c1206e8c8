"""The ``govkg`` command line: a thin shell over the library (``govkg.pipeline``, ``govkg.graph``).

Every command exits 0 on success, 2 on a typed govkg error (bad input, refused query,
ambiguous name), printing the error's message, which names the file or query and the reason.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from govkg.cli_merges import merges_app
from govkg.errors import Ambiguous, GovkgError

__all__ = ["app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True, help="govkg: Vietnam's steering committees as a knowledge graph.")
bench_app = typer.Typer(no_args_is_help=True, help="Synthetic national corpus and benchmark.")
app.add_typer(bench_app, name="bench")
app.add_typer(merges_app, name="merges")
console = Console()
err_console = Console(stderr=True)


def _fail(err: GovkgError) -> None:
    err_console.print(f"[bold red]error:[/] {err}", markup=True, highlight=False, soft_wrap=True)
    if isinstance(err, Ambiguous) and err.candidates:
        table = Table("id", "name", "kind", "locality", title="candidates")
        for c in err.candidates:
            table.add_row(str(c.get("id")), str(c.get("name")), ", ".join(c.get("labels", [])), str(c.get("locality") or ""))
        err_console.print(table)
    raise typer.Exit(2)


def _json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


# --------------------------------------------------------------------------- parse / extract
@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A charter file (.txt, .md, .docx, .pdf).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the document model as JSON.")] = False,
) -> None:
    """Print the document tree of a charter."""
    from govkg.loaders.serialize import document_to_dict
    from govkg.pipeline import parse_path

    try:
        doc = parse_path(file)
    except GovkgError as err:
        _fail(err)
    if as_json:
        _json(document_to_dict(doc))
        return
    tree = Tree(f"[bold]{file.name}[/] ({doc.source.encoding}, {len(doc.source.text)} chars)")
    for part in doc.parts:
        h = part.header
        node = tree.add(f"[bold cyan]{part.name}[/] {h.number or '(số trống)'} · {h.date.iso if h.date else '(ngày trống)'} · {h.title or ''}")
        if h.issuer_line:
            node.add(f"issuer: {h.issuer_line}")
        if part.bases:
            bases = node.add(f"căn cứ ({len(part.bases)})")
            for c in part.bases:
                bases.add(f"{c.doc_type or ''} {c.number or ''} {c.issued_on.iso if c.issued_on else ''}".strip())
        if part.proposer:
            node.add(f"đề nghị: {part.proposer.who}")
        for top in part.provisions:
            _tree(node, top)
        if part.closing and part.closing.signature:
            s = part.closing.signature
            node.add(f"chữ ký: {s.authority or ''} {' / '.join(s.titles)} — {s.signer or ''}")
    console.print(tree)


def _tree(parent, p) -> None:
    label = {"chapter": "Chương", "section": "Mục", "article": "Điều", "clause": "khoản", "point": "điểm", "bullet": "-", "paragraph": "đoạn"}.get(p.kind, p.kind)
    title = f" {p.title}" if p.title else ""
    first = p.text.split("\n", 1)[0][:90] if p.kind not in ("chapter", "article") else ""
    node = parent.add(f"{label} {p.label}{title} [dim]{first}[/]")
    for c in p.children:
        _tree(node, c)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Charter files or folders; several are resolved together.")],
    fmt: Annotated[str, typer.Option("-f", "--format", help="node-link | json | ttl | nt | jsonld")] = "node-link",
) -> None:
    """Extract facts (stateless: no store needed)."""
    from govkg.pipeline import extract_paths

    try:
        if fmt == "node-link":
            _json(extract_paths(files).node_link())
        elif fmt == "json":
            from govkg.loaders.extract import extract as extract_doc
            from govkg.loaders.serialize import document_to_dict
            from govkg.pipeline import iter_charter_files, parse_path

            out = []
            for f in iter_charter_files(files):
                doc = parse_path(f)
                out.append({"document": document_to_dict(doc), "facts": extract_doc(doc).node_link()})
            _json(out if len(out) > 1 else out[0])
        elif fmt in ("ttl", "nt", "jsonld"):
            from govkg.ontology.rdf import serialize, to_rdf, validate

            facts = extract_paths(files)
            validate(to_rdf(facts), path=", ".join(map(str, files)))
            sys.stdout.write(serialize(facts, fmt))
        else:
            raise typer.BadParameter(f"unknown format {fmt!r}")
    except GovkgError as err:
        _fail(err)


@app.command(name="eval")
def eval_(
    gold_dir: Annotated[Path, typer.Option(help="Folder of gold YAML files.")] = Path("tests/gold"),
    as_json: Annotated[bool, typer.Option("--json")] = False,
    show: Annotated[bool, typer.Option("--show", help="List misses and false positives.")] = False,
) -> None:
    """Precision and recall of extraction against the gold fixtures, per relation type."""
    from govkg.loaders.evaluate import evaluate_many, format_table, property_table
    from govkg.pipeline import SAMPLE_CHARTERS

    golds = sorted(gold_dir.glob("*.yaml"))
    evs = evaluate_many(golds, [SAMPLE_CHARTERS, gold_dir.parent / "data", Path("tests/data")])
    rows = format_table(evs)
    if as_json:
        _json({
            "relations": [dict(zip(("type", "tp", "fp", "fn", "precision", "recall"), r, strict=True)) for r in rows],
            "properties": [dict(zip(("property", "right", "wrong", "missing", "spurious", "accuracy"), r, strict=True)) for r in property_table(evs)],
        })
        return
    table = Table("relation", "TP", "FP", "FN", "precision", "recall", title=f"extraction vs gold ({len(golds)} charters)")
    for t, tp, fp, fn, p, r in rows:
        table.add_row(t, str(tp), str(fp), str(fn), f"{p:.3f}", f"{r:.3f}", style="bold" if t == "TOTAL" else None)
    console.print(table)
    props = Table("property", "right", "wrong", "missing", "spurious", "accuracy", title="modifiers of the relations found")
    for name, right, wrong, missing, spurious, acc in property_table(evs):
        props.add_row(name, str(right), str(wrong), str(missing), str(spurious), f"{acc:.3f}")
    console.print(props)
    if show:
        for ev in evs:
            console.print(f"[bold]{ev.name}[/] unmatched entities: {ev.unmatched_entities}")
            if ev.refused:
                console.print(f"  [red]refused[/] {ev.refused}")
            for m in ev.missed:
                console.print(f"  [red]miss[/] {m}")
            for s in ev.spurious:
                console.print(f"  [yellow]extra[/] {s}")


@app.command()
def rules(as_json: Annotated[bool, typer.Option("--json", help="Print the rules as JSON.")] = False) -> None:
    """Every extraction rule: id, family, relation type, what it reads, an example sentence."""
    from govkg.loaders.extract.registry import rules_table

    rows = rules_table()
    if as_json:
        _json(rows)
        return
    table = Table(title=f"extraction rules ({len(rows)})")
    table.add_column("rule", no_wrap=True)
    for column in ("family", "relation", "reads", "example"):
        table.add_column(column)
    for r in rows:
        table.add_row(r["id"], r["family"], " | ".join(r["types"]), r["description"], r["example"])
    console.print(table)


# --------------------------------------------------------------------------- store
def _store():
    from govkg.graph.store import open_store

    return open_store()


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Charter files or folders.")],
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip SHACL validation.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse a text that stops short (by default it loads as a partial charter).")
    ] = False,
) -> None:
    """Load charters into the configured store (embedded by default, Neo4j when NEO4J_URI is set)."""
    from rich.progress import Progress

    from govkg.pipeline import iter_charter_files, load_paths

    try:
        files = list(iter_charter_files(paths))
        store = _store()
    except GovkgError as err:
        _fail(err)
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("loading", total=len(files))
        outcomes = load_paths(store, files, validate=not no_validate, strict=strict, on_file=lambda o: progress.advance(task))
    table = Table("file", "status", "nodes", "edges", "warnings", "error", title="load")
    for o in outcomes:
        style = {"failed": "red", "unchanged": "dim"}.get(o.status)
        table.add_row(Path(o.path).name, o.status, str(o.nodes), str(o.edges), str(len(o.warnings)), o.error or "", style=style)
    console.print(table)
    store.close()
    if any(o.status == "failed" for o in outcomes):
        raise typer.Exit(2)


@app.command()
def chain(
    name_or_id: Annotated[str, typer.Argument(help="A body or post: id, or name (accent-insensitive).")],
    in_: Annotated[str | None, typer.Option("--in", help="Narrow by locality or committee.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Only charters in force at this ISO date.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Trace the chain upwards from a body or post, each hop with the clause that grounds it."""
    from govkg.graph.queries import chain as chain_query

    store = _store()
    try:
        hops = chain_query(store, name_or_id, in_=in_, as_of=as_of)
        _annotate_chairs(store, hops)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()
    if as_json:
        _json(hops)
        return
    _print_chain(hops)


def _annotate_chairs(store, hops: list[dict]) -> None:
    """Each committee on the way up, with its chair and the post that holds the chair ex officio."""
    from govkg.graph.queries import members
    from govkg.ontology.vocab import Label, Role

    for h in hops:
        to = h["to"]
        if Label.SteeringCommittee not in to.get("labels", []) or to.get("status") == "referenced":
            continue
        for row in members(store, to["id"]):
            post = row.get("post") or {}
            if post.get("role") == Role.Chair:
                h["chair"] = {
                    "id": post.get("id"),
                    "title": post.get("title") or post.get("name"),
                    "heldExOfficioBy": [x.get("name") for x in row.get("exOfficio", []) if x.get("name")],
                }


def _print_chain(hops: list[dict]) -> None:
    if not hops:
        console.print("no upward chain")
        return
    first = hops[0]["from"]
    console.print(f"[bold]{first['name']}[/]")
    for h in hops:
        to = h["to"]
        extra = f" (held ex officio by {h['heldBy']})" if h.get("heldBy") else ""
        inferred = " [dim](inferred)[/]" if h.get("inferred") else ""
        console.print(f"  └─[cyan]{h['type']}[/]→ [bold]{to['name']}[/]{extra}{inferred}")
        chair = h.get("chair")
        if chair:
            held = f", held ex officio by {', '.join(dict.fromkeys(chair['heldExOfficioBy']))}" if chair["heldExOfficioBy"] else ""
            console.print(f"      chaired by [bold]{chair['title'] or 'Trưởng Ban'}[/]{held}")
        if h.get("quote"):
            console.print(f"      [dim]{h.get('charterNumber') or h.get('charter')} · {h['provision']}: “{h['quote'][:160]}”[/]")
        elif h.get("inferred"):
            console.print("      [dim]inferred from the gazetteer: no charter states it[/]")


@app.command()
def query(
    cypher: Annotated[str | None, typer.Option("--cypher", help="A read-only Cypher query.")] = None,
    sparql: Annotated[str | None, typer.Option("--sparql", help="A SPARQL query (updates refused).")] = None,
    param: Annotated[list[str], typer.Option("--param", help="k=v (JSON values allowed).")] = [],  # noqa: B006
    limit: Annotated[int | None, typer.Option(help="Row cap.")] = None,
) -> None:
    """Run a read-only query; rows print as JSON."""
    params = {}
    for p in param:
        k, _, v = p.partition("=")
        try:
            params[k] = json.loads(v)
        except json.JSONDecodeError:
            params[k] = v
    try:
        if cypher:
            store = _store()
            try:
                _json(store.query(cypher, params, limit=limit))
            finally:
                store.close()
        elif sparql:
            from govkg.config import load_settings
            from govkg.graph.sparql_index import ensure_sparql

            settings = load_settings()
            store = _store()
            try:
                # the SPARQL index derived from the graph (rebuilt when the graph changed); updates refused
                result = ensure_sparql(store, settings).query(sparql, timeout=settings.query_timeout_s)
            finally:
                store.close()
            if result.kind == "bindings":
                _json(result.rows()[: limit or settings.row_cap])
            elif result.kind == "boolean":
                _json(result.boolean)
            else:
                sys.stdout.write(result.data.decode("utf-8"))
        else:
            raise typer.BadParameter("give --cypher or --sparql")
    except GovkgError as err:
        _fail(err)


def _popolo_writer():
    from govkg.graph.export_popolo import write_popolo

    return write_popolo


def _ftm_writer():
    from govkg.graph.export_ftm import write_ftm

    return write_ftm


def _ftm_statements_writer():
    from govkg.graph.export_ftm import write_statements

    return write_statements


def _judgements_writer():
    from govkg.graph.merges import write_judgements_export

    return write_judgements_export


# formats whose writer takes (store, path or None) and returns the text
_EXPORT_WRITERS = {
    "popolo": _popolo_writer,
    "ftm": _ftm_writer,
    "ftm-statements": _ftm_statements_writer,
    "judgements": _judgements_writer,
}


@app.command()
def export(
    fmt: Annotated[str, typer.Option("-f", "--format", help="node-link | graphml | csv | ttl | nt | jsonld | popolo | ftm | ftm-statements | judgements")] = "node-link",
    out: Annotated[Path | None, typer.Option("-o", "--out", help="File (or folder for csv).")] = None,
) -> None:
    """Export the stored graph."""
    from govkg.graph import export as ex

    store = _store()
    try:
        if fmt == "node-link":
            data = ex.to_node_link(store)
            text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
            (out.write_text(text, encoding="utf-8") if out else sys.stdout.write(text + "\n"))
        elif fmt == "graphml":
            ex.write_graphml(ex.to_networkx(store), out or Path("govkg.graphml"))
        elif fmt == "csv":
            ex.write_csv(ex.to_networkx(store), out or Path("govkg-csv"))
        elif fmt in ("ttl", "nt", "jsonld"):
            from govkg.ontology.rdf import serialize

            text = serialize(ex.to_facts(store), fmt)
            (out.write_text(text, encoding="utf-8") if out else sys.stdout.write(text))
        elif fmt in _EXPORT_WRITERS:
            text = _EXPORT_WRITERS[fmt]()(store, out)
            if out is None:
                sys.stdout.write(text if text.endswith("\n") else text + "\n")
        else:
            raise typer.BadParameter(f"unknown format {fmt!r}")
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()


@app.command()
def run(
    chain_from: Annotated[str, typer.Option(help="Where the printed chain starts.")] = "Tổ Công tác về Phát triển Đô thị thông minh",
    in_: Annotated[str, typer.Option("--in")] = "Hải Dương",
) -> None:
    """The main job: load the bundled sample charters into the embedded store and print a chain."""
    from govkg.pipeline import SAMPLE_CHARTERS

    load([SAMPLE_CHARTERS], no_validate=False)
    chain(chain_from, in_=in_, as_of=None, as_json=False)


@app.command()
def audit(
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    charter: Annotated[str | None, typer.Option("--charter", help="Only this charter (id, number, file name or title).")] = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", help="Exit 1 if a finding is this severe: error | warning | info.")] = None,
    no_shacl: Annotated[bool, typer.Option("--no-shacl", help="Skip the SHACL shapes (faster).")] = False,
    rules: Annotated[bool, typer.Option("--rules", help="List the rules and their Cypher, then stop.")] = False,
) -> None:
    """Audit the loaded charters: dangling cross-references, replaced citations, gaps in structure, reform."""
    from govkg.graph.audit import RULES, SEVERITIES, counts_by_rule
    from govkg.graph.audit import audit as run_audit

    if rules:
        for r in RULES.values():
            console.print(f"[bold]{r.id}[/] ({r.severity}) {r.title}")
            if r.cypher:
                console.print(r.cypher, markup=False, highlight=False)
        return
    if fail_on is not None and fail_on not in SEVERITIES:
        raise typer.BadParameter(f"--fail-on must be one of {', '.join(SEVERITIES)}")
    store = _store()
    try:
        findings = run_audit(store, charter, shacl=not no_shacl)
        names = {c["id"]: c.get("path") or c.get("number") or c["id"] for c in store.charters()}
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()
    if as_json:
        _json([f.as_dict() for f in findings])
    else:
        table = Table(title=f"audit: {len(findings)} findings", show_lines=True, expand=True)
        for header, ratio in (("severity", 1), ("rule", 2), ("finding", 6), ("charter", 2), ("provision", 2), ("quote", 4)):
            table.add_column(header, ratio=ratio, overflow="fold", no_wrap=header == "severity")
        for f in findings:
            style = {"error": "red", "warning": "yellow"}.get(f.severity)
            table.add_row(f.severity, f.rule, f.message, str(names.get(f.charter, f.charter or "")), f.provision or "", (f.quote or "")[:160], style=style)
        console.print(table)
        for rule, per in counts_by_rule(findings).items():
            console.print(f"  {rule}: " + ", ".join(f"{n} {s}" for s, n in per.items()))
    if fail_on is not None:
        limit = SEVERITIES.index(fail_on)
        if any(SEVERITIES.index(f.severity) <= limit for f in findings if f.severity in SEVERITIES):
            raise typer.Exit(1)


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="A committee: id or name.")],
    b: Annotated[str | None, typer.Argument(help="Another committee (not with --against-parent).")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    against_parent: Annotated[bool, typer.Option("--against-parent", help="Compare with the loaded committee of the level above.")] = False,
) -> None:
    """Compare two committees side by side: posts, groups, standing agency, cadences, delegations, legal bases."""
    from govkg.graph.compare import compare as run_compare

    if not against_parent and b is None:
        raise typer.BadParameter("give two committees, or one with --against-parent")
    store = _store()
    try:
        result = run_compare(store, a, b, against_parent=against_parent)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()
    if as_json:
        _json(result.as_dict())
        return
    table = Table("section", "aspect", result.a.label, result.b.label, "same", title=f"{result.a.name}\nvs\n{result.b.name}", show_lines=True)
    marks = {True: "[green]=[/]", False: "[red]≠[/]", None: ""}
    for r in result.rows:
        table.add_row(r.section, r.aspect, r.a, r.b, marks[r.same])
    console.print(table)


# --------------------------------------------------------------------------- serve / viz (govkg.api)
@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the HTTP API and the graph pages (uvicorn) over the configured store."""
    import uvicorn

    from govkg.api.app import MAX_REQUEST_HEAD_BYTES, create_app

    try:
        application = create_app()
    except GovkgError as err:
        _fail(err)
    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level=log_level,
        server_header=False,
        h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES,
    )


@app.command()
def viz(
    out: Annotated[Path, typer.Option("-o", "--out", help="The HTML file to write (self-contained).")],
    committee: Annotated[str | None, typer.Option("--committee", help="A committee: id or name.")] = None,
    chain_from: Annotated[str | None, typer.Option("--chain", help="A body or post to trace upwards: id or name.")] = None,
    in_: Annotated[str | None, typer.Option("--in", help="Narrow a name by locality or committee.")] = None,
) -> None:
    """Write a self-contained graph page (vis-network inlined: opens offline, shareable as one file)."""
    from govkg.api.viz import chain_graph, committee_graph, render_page
    from govkg.graph.store import open_store

    if (committee is None) == (chain_from is None):
        raise typer.BadParameter("give exactly one of --committee or --chain")
    try:
        # read-only: a page can be written while other readers (a server without uploads) run
        store = open_store(read_only=True)
    except GovkgError as err:
        _fail(err)
    try:
        if committee is not None:
            graph = committee_graph(store, committee, in_=in_, links=False)
        else:
            graph = chain_graph(store, chain_from or "", in_=in_, links=False)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()
    out.write_text(render_page(graph, standalone=True), encoding="utf-8")
    console.print(f"wrote {out} ({len(graph.nodes)} nodes, {len(graph.edges)} edges)")


# --------------------------------------------------------------------------- bench (govkg.bench)
@bench_app.command("corpus")
def bench_corpus(
    out: Annotated[Path, typer.Option("--out", help="The folder to write the charters and manifest.json into.")],
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same bytes.")] = 0,
    provinces: Annotated[int, typer.Option(help="Provinces of 2025 (at most 34).")] = 34,
    communes: Annotated[int, typer.Option(help="Communes of 2025 in those provinces (3,321 in all).")] = 3321,
) -> None:
    """Write a synthetic national corpus (for speed and scale only, not evidence of extraction fidelity)."""
    from govkg.bench.corpus import generate_corpus

    try:
        manifest = generate_corpus(out, seed=seed, provinces=provinces, communes=communes)
    except GovkgError as err:
        _fail(err)
    console.print(f"wrote {len(manifest.entries)} charters and {manifest.path}")


@bench_app.command("run")
def bench_run(
    corpus: Annotated[Path, typer.Option("--corpus", help="A corpus folder (govkg bench corpus --out DIR).")],
    store: Annotated[str, typer.Option("--store", help="embedded | neo4j (also loads into NEO4J_URI).")] = "embedded",
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON on stdout (table on stderr).")] = False,
    sizes: Annotated[str | None, typer.Option("--sizes", help="Scaling run sizes, e.g. 100,1000,3400.")] = None,
    query_runs: Annotated[int, typer.Option("--query-runs", help="Runs of each query.")] = 200,
    api: Annotated[bool, typer.Option("--api/--no-api", help="Load-test the HTTP API.")] = True,
    save: Annotated[Path | None, typer.Option("--save", help="Also write the JSON figures to this file.")] = None,
) -> None:
    """Measure extraction, load, RDF, queries, API, memory and disk on a corpus."""
    from govkg.bench.run import run_benchmark

    try:
        size_list = [int(s) for s in sizes.split(",") if s.strip()] if sizes else None
    except ValueError:
        raise typer.BadParameter("--sizes takes comma-separated integers, e.g. 100,1000,3400") from None
    try:
        result = run_benchmark(corpus, store=store, json=as_json, sizes=size_list, query_runs=query_runs, api=api)
    except GovkgError as err:
        _fail(err)
    if save:
        save.write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")


@app.command(name="ontology-docs")
def ontology_docs(
    out: Annotated[Path, typer.Option("--out", help="Folder for the HTML reference.")] = Path("docs/ontology"),
) -> None:
    """Write the human-readable reference of the ontology (classes, properties, labels, alignments)."""
    from govkg.ontology.docs import build_reference

    path = build_reference(out)
    console.print(f"wrote {path}")


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
