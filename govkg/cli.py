"""The ``govkg`` command line: a thin shell over the library (``govkg.pipeline``, ``govkg.graph``).

Every command exits 0 on success, 2 on a typed govkg error (bad input, refused query,
ambiguous name), printing the error's message, which names the file or query and the reason.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from govkg.cli_merges import merges_app
from govkg.errors import Ambiguous, GovkgError, NotFound

__all__ = ["app", "main"]

# plain help and errors: rich mode tags every flag with a "<bool>" value it does not take,
# and boxes a one-line usage error
app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None,
    help="govkg: Vietnam's steering committees as a knowledge graph.",
)
bench_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Synthetic national corpus and benchmark.")
app.add_typer(bench_app, name="bench")
app.add_typer(merges_app, name="merges")
console = Console()
err_console = Console(stderr=True)


def _fail(err: GovkgError, *, as_json: bool = False) -> None:
    """The error in one line on stderr (with ``--json``: as a JSON object on stdout), exit 2."""
    candidates = err.candidates if isinstance(err, Ambiguous) else []
    if as_json:
        _json({"error": str(err), "kind": type(err).__name__, "candidates": candidates})
        raise typer.Exit(2)
    err_console.print(f"[bold red]error:[/] {err}", markup=True, highlight=False, soft_wrap=True)
    if candidates:
        # whole ids, one a line, so that they can be copied
        err_console.print("candidates:", highlight=False)
        for c in candidates:
            kind = ", ".join(c.get("labels", []))
            where = f", {c['locality']}" if c.get("locality") else ""
            err_console.print(f"  {c.get('id')}  {c.get('name')} ({kind}{where})", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _in_store(err: GovkgError, store) -> GovkgError:
    """A NotFound that also says which store was searched and how many charters it holds."""
    if not isinstance(err, NotFound):
        return err
    try:
        charters = store.counts()["charters"]
    except GovkgError:
        return err
    where = getattr(store, "path", None) or "the Neo4j database"
    empty = ": it is empty, load charters first (govkg load FILE…)" if charters == 0 else ""
    return NotFound(f"{err.reason} (searched the store at {where}, {charters} charters{empty})", subject=err.subject)


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
    as_json: Annotated[bool, typer.Option("--json", help="Print the table as JSON.")] = False,
    show: Annotated[bool, typer.Option("--show", help="List misses and false positives.")] = False,
) -> None:
    """Precision and recall of extraction against the gold fixtures, per relation type."""
    from govkg.loaders.evaluate import evaluate_many, format_table, property_table
    from govkg.pipeline import SAMPLE_CHARTERS

    golds = sorted(gold_dir.glob("*.yaml"))
    if not golds:
        _fail(GovkgError("no gold files (*.yaml) here: give --gold-dir, or run from the repository root", path=str(gold_dir)))
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
    """The store as its one writer (``govkg load``)."""
    from govkg.graph.store import open_store

    return open_store()


def _reader():
    """The store for reading: a snapshot of the embedded file, so a running server or load is no obstacle."""
    from govkg.graph.store import open_store

    return open_store(read_only=True)


def _read_store():
    """:func:`_reader`, or the store error as one line and exit 2."""
    try:
        return _reader()
    except GovkgError as err:
        _fail(err)


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Charter files or folders.")],
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip SHACL validation.")] = False,
    lenient_decoding: Annotated[
        bool,
        typer.Option(
            "--lenient-decoding",
            help="Read UTF-8 with a few invalid bytes as U+FFFD, with a warning (default: such a file fails).",
        ),
    ] = False,
    show_warnings: Annotated[bool, typer.Option("--warnings", help="List every warning, not only their count.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse a text that stops short (by default it loads as a partial charter).")
    ] = False,
) -> None:
    """Load charters into the configured store (embedded by default, Neo4j when NEO4J_URI is set)."""
    from rich.progress import Progress

    from govkg.pipeline import CHARTER_SUFFIXES, iter_charter_files, load_paths, skipped_files

    try:
        files = list(iter_charter_files(paths))
    except GovkgError as err:
        _fail(err)
    skipped = skipped_files(paths)
    if skipped:
        shown = ", ".join(str(p) for p in skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
        err_console.print(f"skipped {len(skipped)} file(s) that are not {' '.join(CHARTER_SUFFIXES)}: {shown}", highlight=False)
    if not files:
        _fail(GovkgError(f"no charter files ({' '.join(CHARTER_SUFFIXES)}) to load", subject=" ".join(map(str, paths))))
    try:
        store = _store()
    except GovkgError as err:
        _fail(err)
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("loading", total=len(files))
        outcomes = load_paths(
            store,
            files,
            validate=not no_validate,
            strict=strict,
            on_file=lambda o: progress.advance(task),
            lenient_decoding=lenient_decoding,
        )
    store.close()
    table = Table("file", "status", "nodes", "edges", "warnings", "error", title="load")
    for o in outcomes:
        style = {"failed": "red", "unchanged": "dim"}.get(o.status)
        table.add_row(Path(o.path).name, o.status, str(o.nodes), str(o.edges), str(len(o.warnings)), o.error or "", style=style)
    console.print(table)
    if show_warnings:
        for o in outcomes:
            for w in o.warnings:
                where = " ".join(str(x) for x in (w.get("focus"), w.get("path")) if x)
                console.print(f"{Path(o.path).name}: warning: {where}: {w.get('message')}", markup=False, highlight=False)
    elif any(o.warnings for o in outcomes):
        err_console.print("list the warnings with --warnings", highlight=False)
    failed = [o for o in outcomes if o.status == "failed"]
    for o in failed:
        err_console.print(f"error: {o.error}", markup=False, highlight=False, soft_wrap=True)
    if failed:
        raise typer.Exit(2)


@app.command()
def chain(
    name_or_id: Annotated[str, typer.Argument(help="A body or post: id, or name (accent-insensitive).")],
    in_: Annotated[str | None, typer.Option("--in", help="Narrow by locality or committee.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Only charters in force at this ISO date.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the hops as JSON (errors too).")] = False,
) -> None:
    """Trace the chain upwards from a body or post, each hop with the clause that grounds it."""
    from govkg.graph.named_queries import chain as chain_query

    store = _read_store()
    try:
        hops = chain_query(store, name_or_id, in_=in_, as_of=as_of)
    except GovkgError as err:
        _fail(_in_store(err, store), as_json=as_json)
    finally:
        store.close()
    if as_json:
        _json(hops)
        return
    if not hops and as_of:
        console.print(
            f"no upward chain as of {as_of}: no charter in force on that day states a link upwards "
            "(a charter counts from its validFrom until it is replaced; try without --as-of)"
        )
        return
    _print_chain(hops)


def _clip(text: str, width: int = 160) -> str:
    """``text`` cut at a word boundary within ``width`` characters, with an ellipsis when cut.

    >>> _clip("một hai ba bốn", 9)
    'một hai …'
    >>> _clip("ngắn", 9)
    'ngắn'
    """
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0] if " " in text[:width] else text[:width]
    return cut.rstrip(" ,;:") + " …"


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
            console.print(f"      [dim]{h.get('charterNumber') or h.get('charter')} · {h['provision']}: “{_clip(h['quote'])}”[/]")
        elif h.get("inferred"):
            console.print("      [dim]inferred from the gazetteer: no charter states it[/]")


def _cite(item: dict) -> str:
    quote = " ".join(str(item.get("quote") or "").split())
    return f"[dim]{item.get('charterNumber') or item.get('charter')} · {item.get('provision')}: “{quote[:200]}”[/]"


@app.command()
def who(
    name_or_id: Annotated[str, typer.Argument(help="A post or person: id, or name (accent-insensitive, UBND spelt out or not).")],
    in_: Annotated[str | None, typer.Option("--in", help="Narrow by locality or committee.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Only charters in force at this ISO date.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Every seat a post or person holds, directly or ex officio: committees chaired, who acts for them, delegation, reporting."""
    from govkg.graph.read_models import who as who_query

    store = _store()
    try:
        answer = who_query(store, name_or_id, in_=in_, as_of=as_of)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()
    if as_json:
        _json(answer)
        return
    _print_who(answer)


def _print_who(answer: dict) -> None:
    subject = answer["subject"]
    console.print(f"[bold]{subject['name']}[/] [dim]({subject['id']})[/]")
    if answer["chairs"]:
        console.print("chairs:")
        for c in answer["chairs"]:
            console.print(f"  [bold]{c['committee']['name']}[/]")
            console.print(f"      {_cite(c)}")
    for seat in answer["seats"]:
        console.print(f"seat: [bold]{seat['post']['name']}[/]")
        people = dict.fromkeys(h["person"]["name"] for h in seat["heldBy"] if "person" in h)
        if people:
            console.print(f"  held by {', '.join(people)}")
        for how in seat["holding"]:
            if how["how"] == "HELD_EX_OFFICIO_BY":
                console.print(f"  ex officio, as {how['through']['name']}")
                console.print(f"      {_cite(how)}")
            elif how["how"] == "HOLDS":
                console.print("  held in person")
                console.print(f"      {_cite(how)}")
        lines = (
            ("actedForBy", "acted for by", "by"),
            ("actsFor", "acts for", "for"),
            ("delegates", "delegates to", "to"),
            ("reportsTo", "reports to", "to"),
            ("accountableTo", "accountable to", "to"),
        )
        for key, verb, end in lines:
            for item in seat[key]:
                extra = [f"when: {item['condition']}" if item.get("condition") else "",
                         f"scope: {item['scope']}" if item.get("scope") else "",
                         f"every {item['cadence']}" if item.get("cadence") else "",
                         f"on day {item['dayOfMonth']}" if item.get("dayOfMonth") else "",
                         f"via {item['via']['name']}" if item.get("via") else ""]
                detail = "; ".join(e for e in extra if e)
                console.print(f"  {verb} [bold]{item[end]['name']}[/]" + (f" — {detail}" if detail else ""))
                console.print(f"      {_cite(item)}")


def _committee_rows(query_name: str, name: str, in_: str | None, as_of: str | None) -> list[dict]:
    from govkg.graph import named_queries

    store = _store()
    try:
        return getattr(named_queries, query_name)(store, name, in_=in_, as_of=as_of)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()
    return []


_CommitteeArg = Annotated[str, typer.Argument(help="A committee: id, or name (accent-insensitive).")]
_InOpt = Annotated[str | None, typer.Option("--in", help="Narrow by locality or committee.")]
_AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Only charters in force at this ISO date.")]
_JsonOpt = Annotated[bool, typer.Option("--json")]


@app.command()
def members(committee: _CommitteeArg, in_: _InOpt = None, as_of: _AsOfOpt = None, as_json: _JsonOpt = False) -> None:
    """A committee's posts, each with who holds it (ex officio or in person) and the clause."""

    def line(m: dict) -> str:
        held = [h.get("name") for h in m["exOfficio"]] + [p.get("name") for p in m["persons"]]
        return f"[bold]{m['post'].get('name')}[/]" + (f" — held by {', '.join(h for h in held if h)}" if held else "")

    _print_cited(_committee_rows("members", committee, in_, as_of), as_json, line)


@app.command()
def delegations(committee: _CommitteeArg, in_: _InOpt = None, as_of: _AsOfOpt = None, as_json: _JsonOpt = False) -> None:
    """Who delegates to whom (DELEGATES_TO) and who acts for whom (ACTS_FOR) in a committee, with scope and condition."""

    def line(r: dict) -> str:
        return f"[cyan]{r['type']}[/] {r['source']['name']} → [bold]{r['target']['name']}[/]" + _detail(r.get("condition"), r.get("scope"))

    _print_cited(_committee_rows("delegations", committee, in_, as_of), as_json, line)


@app.command()
def reporting(committee: _CommitteeArg, in_: _InOpt = None, as_of: _AsOfOpt = None, as_json: _JsonOpt = False) -> None:
    """A committee's reporting lines (REPORTS_TO), with cadence and the body reports go through."""

    def line(r: dict) -> str:
        via = f"via {r['via']['name']}" if r.get("via") else None
        return f"{r['reporter']['name']} → [bold]{r['recipient']['name']}[/]" + _detail(r.get("cadence"), via)

    _print_cited(_committee_rows("reporting", committee, in_, as_of), as_json, line)


def _detail(*parts: str | None) -> str:
    """" — a; b" for the parts given, or nothing."""
    detail = "; ".join(x for x in parts if x)
    return f" — {detail}" if detail else ""


def _print_cited(rows: list[dict], as_json: bool, line: Callable[[dict], str]) -> None:
    """Rows as JSON, or one line each with the clause and quote that ground it under it."""
    if as_json:
        _json(rows)
        return
    for r in rows:
        console.print(line(r))
        console.print(f"      {_cite(r)}")


@app.command(name="standing-agencies")
def standing_agencies(
    agency: Annotated[str, typer.Argument(help="An agency: id, or whole name (every ward's 'Công an phường').")],
    in_: _InOpt = None,
    as_of: _AsOfOpt = None,
    as_json: _JsonOpt = False,
) -> None:
    """The committees a body serves as standing agency (Cơ quan thường trực)."""
    from govkg.graph.named_queries import resolve_entity
    from govkg.graph.named_queries import standing_agencies as agencies_query

    store = _store()
    try:
        # narrowed by a place, the name must resolve to one body; else a whole name is every ward's
        named = resolve_entity(store, agency, in_)["id"] if in_ else agency
        rows = agencies_query(store, named, as_of=as_of)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()
    if as_json:
        _json(rows)
        return
    for r in rows:
        console.print(f"{r['agency']['name']} → [bold]{r['committee']['name']}[/]")
        console.print(f"      {_cite(r)}")


@app.command()
def history(committee: _CommitteeArg, in_: _InOpt = None, as_json: _JsonOpt = False) -> None:
    """A committee's charters in order, and between consecutive versions: seats added, removed and re-held, standing agency and cadences changed."""
    from govkg.graph.read_models import history as history_query

    store = _store()
    try:
        answer = history_query(store, committee, in_=in_)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()
    if as_json:
        _json(answer)
        return
    _print_history(answer)


def _holder_names(holders: list[dict]) -> str:
    return ", ".join((h.get("post") or h.get("person") or {}).get("name") or "?" for h in holders) or "nobody"


def _print_history(answer: dict) -> None:
    console.print(f"[bold]{answer['committee']['name']}[/]")
    numbers = {c["id"]: c.get("number") or c["id"] for c in answer["charters"]}
    for c in answer["charters"]:
        console.print(f"  {c.get('validFrom') or c.get('issuedOn')}  {numbers[c['id']]}  {c.get('title') or ''}")
    for change in answer["changes"]:
        console.print(f"[bold]{numbers[change['from']]} → {numbers[change['to']]}[/]")
        for seat in change["seatsAdded"]:
            console.print(f"  + seat {seat['post']['name']}")
            console.print(f"      {_cite(seat)}")
        for seat in change["seatsRemoved"]:
            console.print(f"  - seat {seat['post']['name']}")
            console.print(f"      {_cite(seat)}")
        for seat in change["reheld"]:
            console.print(f"  ~ {seat['post']['name']}: held by {_holder_names(seat['before'])} → {_holder_names(seat['after'])}")
            for h in seat["before"] + seat["after"]:
                console.print(f"      {_cite(h)}")
        agency = change["standingAgency"]
        if agency:
            names = [", ".join(a["agency"]["name"] for a in agency[side]) or "none" for side in ("before", "after")]
            console.print(f"  ~ standing agency: {names[0]} → {names[1]}")
            for a in agency["before"] + agency["after"]:
                console.print(f"      {_cite(a)}")
        for line in change["cadences"]:
            was = ", ".join(c["cadence"] for c in line["before"]) or "(no such line)"
            now = ", ".join(c["cadence"] for c in line["after"]) or "(no such line)"
            console.print(f"  ~ {line['reporter']['name']} → {line['recipient']['name']}: every {was} → {now}")
            for c in line["before"] + line["after"]:
                console.print(f"      {_cite(c)}")


@app.command()
def query(
    cypher: Annotated[str | None, typer.Option("--cypher", help="A read-only Cypher query.")] = None,
    sparql: Annotated[str | None, typer.Option("--sparql", help="A SPARQL query (updates refused).")] = None,
    param: Annotated[list[str], typer.Option("--param", help="k=v (JSON values allowed).")] = [],  # noqa: B006
    limit: Annotated[int | None, typer.Option(min=1, help="Row cap (default GOVKG_ROW_CAP).")] = None,
) -> None:
    """Run a read-only query; rows print as JSON (a cut at the row cap is said on stderr)."""
    if cypher and sparql:
        raise typer.BadParameter("give --cypher or --sparql, not both")
    params = {}
    for p in param:
        k, eq, v = p.partition("=")
        if not eq or not k:
            raise typer.BadParameter(f"{p!r} is not k=v", param_hint="--param")
        try:
            params[k] = json.loads(v)
        except json.JSONDecodeError:
            params[k] = v
    try:
        if cypher:
            from govkg.graph.isolation import run_cypher

            store = _reader()
            try:
                rows = run_cypher(store, cypher, params, limit=limit)
            finally:
                store.close()
            _json(rows)
            if rows.truncated:
                err_console.print(f"truncated: the first {len(rows)} rows (raise --limit or GOVKG_ROW_CAP)", highlight=False)
        elif sparql:
            from govkg.config import load_settings
            from govkg.graph.isolation import run_sparql
            from govkg.graph.sparql_index import ensure_sparql

            settings = load_settings()
            store = _reader()
            try:
                # the SPARQL index derived from the graph (rebuilt when the graph changed); updates refused
                result = run_sparql(ensure_sparql(store, settings), sparql, timeout=settings.query_timeout_s, settings=settings)
            finally:
                store.close()
            if result.kind == "bindings":
                rows = result.rows()
                cap = limit or settings.row_cap
                _json(rows[:cap])
                if len(rows) > cap:
                    err_console.print(f"truncated: the first {cap} of {len(rows)} rows (raise --limit or GOVKG_ROW_CAP)", highlight=False)
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

_EXPORT_FILES = {"node-link": "govkg.json", "graphml": "govkg.graphml", "csv": "govkg-csv", "ttl": "govkg.ttl", "nt": "govkg.nt", "jsonld": "govkg.jsonld",
                 "popolo": "govkg.popolo.json", "ftm": "govkg.ftm.jsonl", "ftm-statements": "govkg.ftm-statements.csv",
                 "judgements": "govkg.judgements.jsonl"}


@app.command()
def export(
    fmt: Annotated[str, typer.Option("-f", "--format", help="node-link | graphml | csv | ttl | nt | jsonld | popolo | ftm | ftm-statements | judgements")] = "node-link",
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--out",
            help="File to write; a folder gets govkg.<format> inside. Default: standard output for node-link and "
            "RDF, ./govkg.graphml for graphml, the folder ./govkg-csv for csv.",
        ),
    ] = None,
) -> None:
    """Export the stored graph."""
    from govkg.graph import export as ex

    if fmt not in _EXPORT_FILES:
        raise typer.BadParameter(f"unknown format {fmt!r}: one of {', '.join(_EXPORT_FILES)}", param_hint="-f")
    if out is not None and out.is_dir() and fmt != "csv":
        out = out / _EXPORT_FILES[fmt]
    store = _read_store()
    try:
        if fmt == "node-link":
            data = ex.to_node_link(store)
            text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
            (out.write_text(text, encoding="utf-8") if out else sys.stdout.write(text + "\n"))
        elif fmt == "graphml":
            ex.write_graphml(ex.to_networkx(store), out or Path(_EXPORT_FILES[fmt]))
        elif fmt == "csv":
            ex.write_csv(ex.to_networkx(store), out or Path(_EXPORT_FILES[fmt]))
        elif fmt in _EXPORT_WRITERS:
            text = _EXPORT_WRITERS[fmt]()(store, out)
            if out is None:
                sys.stdout.write(text if text.endswith("\n") else text + "\n")
        else:
            from govkg.graph.sparql_index import rdf_facts
            from govkg.ontology.rdf import serialize

            # the store's own properties (the folded search name) are not ontology terms:
            # left out, as in the SPARQL index
            facts, _ = rdf_facts(ex.to_facts(store))
            text = serialize(facts, fmt)
            (out.write_text(text, encoding="utf-8") if out else sys.stdout.write(text))
    except GovkgError as err:
        _fail(err)
    except OSError as err:
        _fail(GovkgError(err.strerror or str(err), path=str(out)))
    finally:
        store.close()
    if out is not None or fmt in ("graphml", "csv"):
        err_console.print(f"wrote {out or Path(_EXPORT_FILES[fmt])}")


@app.command()
def run(
    chain_from: Annotated[str, typer.Option(help="Where the printed chain starts.")] = "Tổ Công tác về Phát triển Đô thị thông minh",
    in_: Annotated[str, typer.Option("--in", help="The locality or committee that narrows where the chain starts.")] = "Hải Dương",
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
    store = _read_store()
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
            table.add_row(f.severity, f.rule, f.message, str(names.get(f.charter, f.charter or "")), f.provision or "", _clip(f.quote or ""), style=style)
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
    as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON (errors too).")] = False,
    against_parent: Annotated[bool, typer.Option("--against-parent", help="Compare with the loaded committee of the level above.")] = False,
) -> None:
    """Compare two committees side by side: posts, groups, standing agency, cadences, delegations, legal bases."""
    from govkg.graph.compare import compare as run_compare

    if not against_parent and b is None:
        raise typer.BadParameter("give two committees, or one with --against-parent")
    if against_parent and b is not None:
        raise typer.BadParameter("--against-parent compares one committee with its parent: give only A")
    store = _read_store()
    try:
        result = run_compare(store, a, b, against_parent=against_parent)
    except GovkgError as err:
        _fail(_in_store(err, store), as_json=as_json)
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


# --------------------------------------------------------------------------- serve (govkg.api) / viz (govkg.graph.viz)
@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    workers: Annotated[
        int,
        typer.Option(min=1, help="Worker processes, forked after the store is loaded and warmed (they share it)."),
    ] = 1,
) -> None:
    """Serve the HTTP API and the graph pages (uvicorn) over the configured store."""
    from govkg.api.app import create_app
    from govkg.api.middleware import MAX_REQUEST_HEAD_BYTES
    from govkg.api.workers import serve as serve_workers

    try:
        application = create_app()
        serve_workers(
            application,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            server_header=False,
            h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES,
        )
    except GovkgError as err:
        _fail(err)


@app.command()
def viz(
    out: Annotated[Path, typer.Option("-o", "--out", help="The HTML file to write (self-contained).")],
    committee: Annotated[str | None, typer.Option("--committee", help="A committee: id or name.")] = None,
    chain_from: Annotated[str | None, typer.Option("--chain", help="A body or post to trace upwards: id or name.")] = None,
    in_: Annotated[str | None, typer.Option("--in", help="Narrow a name by locality or committee.")] = None,
    hierarchy: Annotated[bool, typer.Option("--hierarchy", help="Every committee loaded, national to communes, collapsed below the provinces.")] = False,
) -> None:
    """Write a self-contained graph page (vis-network inlined: opens offline, shareable as one file)."""
    from govkg.graph.store import open_store
    from govkg.graph.viz import chain_graph, committee_graph, hierarchy_graph, render_page

    if sum(x for x in (committee is not None, chain_from is not None, hierarchy)) != 1:
        raise typer.BadParameter("give exactly one of --committee, --chain or --hierarchy")
    try:
        # read-only: a page can be written while other readers (a server without uploads) run
        store = open_store(read_only=True)
    except GovkgError as err:
        _fail(err)
    try:
        if hierarchy:
            graph = hierarchy_graph(store, links=False)
        elif committee is not None:
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
