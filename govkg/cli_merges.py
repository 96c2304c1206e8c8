"""``govkg merges``: review the resolver's merges and correct them (a thin shell over ``govkg.graph.merges``).

Decisions go to ``$GOVKG_HOME/judgements.jsonl`` and take effect when the charters are loaded
again: give ``--reload PATH`` to do that at once, or run ``govkg load PATH`` later.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from govkg.errors import GovkgError

__all__ = ["merges_app"]

merges_app = typer.Typer(no_args_is_help=True, help="Merges as judgements: list, show, split, join, unsure, candidates.")
console = Console()
err_console = Console(stderr=True)

ReloadOption = Annotated[
    list[Path] | None,
    typer.Option("--reload", help="Charter files or folders to load again so the decision applies now (repeatable)."),
]


def _fail(err: GovkgError) -> None:
    err_console.print(f"[bold red]error:[/] {err}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _store():
    from govkg.graph.store import open_store

    return open_store()


def _what(j) -> str:
    if j.kind == "alias":
        return f"{j.ids[0]} ≍ “{j.alias}”"
    if j.kind == "pair":
        return " ⇐ ".join(j.ids)
    return f"{j.ids[0]} in {j.charter}"


def _table(items, title: str) -> Table:
    table = Table("id", "verdict", "by", "kind", "rule", "what", title=title)
    for j in items:
        style = {"negative": "red", "unsure": "yellow"}.get(j.verdict)
        table.add_row(j.id, j.verdict, j.by, j.kind, j.rule, _what(j), style=style)
    return table


def _dump(items) -> None:
    sys.stdout.write(json.dumps([j.to_dict() for j in items], ensure_ascii=False, indent=2) + "\n")


def _reload(store, paths: list[Path] | None) -> None:
    if not paths:
        console.print("recorded; it applies when the charters are loaded again (`govkg load PATH`, or --reload PATH)")
        return
    from govkg.pipeline import load_paths

    outcomes = load_paths(store, paths)
    loaded = sum(o.status == "loaded" for o in outcomes)
    failed = [o for o in outcomes if o.status == "failed"]
    console.print(f"reloaded {loaded} charter(s), {len(outcomes) - loaded - len(failed)} unchanged")
    for o in failed:
        err_console.print(f"[red]failed:[/] {o.path}: {o.error}", highlight=False)
    if failed:
        raise typer.Exit(2)


@merges_app.command("list")
def list_(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    charter: Annotated[str | None, typer.Option("--charter", help="Only the merges about this charter (id).")] = None,
) -> None:
    """Every merge the resolver made, with the analysts' decisions over them."""
    from govkg.graph.merges import list_judgements

    store = _store()
    try:
        items = list_judgements(store, charter=charter)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()
    if as_json:
        _dump(items)
    else:
        console.print(_table(items, f"merges ({len(items)})"))


@merges_app.command()
def show(
    judgement_id: Annotated[str, typer.Argument(help="A judgement or candidate id.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """One judgement: the ids it joins, the rule and reason, and the evidence (names, charters, clauses, quotes)."""
    from govkg.graph.merges import find_judgement

    store = _store()
    try:
        j = find_judgement(store, judgement_id)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()
    if as_json:
        sys.stdout.write(json.dumps(j.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    console.print(f"[bold]{j.id}[/]  {j.kind} · {j.verdict} · by {j.by}", highlight=False)
    console.print(f"  {_what(j)}", highlight=False)
    console.print(f"  rule {j.rule}: {j.reason}", highlight=False)
    if j.names:
        console.print("  names: " + " | ".join(j.names), highlight=False)
    for e in j.evidence:
        clause = " · ".join(str(x) for x in (e.get("number") or e.get("charter"), e.get("provision")) if x)
        console.print(f"  {clause}: “{e.get('quote', '')}”", highlight=False)


def _decide(judgement_id: str, verdict: str, reload: list[Path] | None) -> None:
    from govkg.graph.merges import decide

    store = _store()
    try:
        j = decide(store, judgement_id, verdict)
        console.print(f"{j.id}: {verdict} ({_what(j)})", highlight=False)
        _reload(store, reload)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()


@merges_app.command()
def split(
    judgement_id: Annotated[str, typer.Argument(help="A merge, alias or pair judgement id.")],
    reload: ReloadOption = None,
) -> None:
    """A negative judgement: these are not one entity (a merge split off, an alias dropped, a pair never joined)."""
    _decide(judgement_id, "negative", reload)


@merges_app.command("join")
def join_(
    first: Annotated[str, typer.Argument(help="The surviving id, or a pair judgement (candidate) id.")],
    second: Annotated[str | None, typer.Argument(help="The id to retire into the first.")] = None,
    reload: ReloadOption = None,
) -> None:
    """A positive judgement: the second id is the same entity as the first (it is retired, and still resolves)."""
    if second is None:
        _decide(first, "positive", reload)
        return
    from govkg.graph.merges import join

    store = _store()
    try:
        j = join(store, first, second)
        console.print(f"{j.id}: positive ({_what(j)})", highlight=False)
        _reload(store, reload)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()


@merges_app.command()
def unsure(
    first: Annotated[str, typer.Argument(help="A judgement id, or the first of two ids.")],
    second: Annotated[str | None, typer.Argument(help="The second id of a pair.")] = None,
) -> None:
    """An unsure judgement: flagged for review, no effect on the graph (a merge the resolver made stays)."""
    if second is None:
        _decide(first, "unsure", None)
        return
    from govkg.graph.merges import join

    store = _store()
    try:
        j = join(store, first, second, verdict="unsure")
        console.print(f"{j.id}: unsure ({_what(j)})", highlight=False)
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()


@merges_app.command("candidates")
def candidates_(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """What the resolver was unsure of: aliases that read like posts, names within names, one name in two units."""
    from govkg.graph.merges import candidates, list_judgements

    store = _store()
    try:
        decided = {j.id for j in list_judgements(store) if j.by == "analyst"}
        items = [j for j in candidates(store) if j.id not in decided]
    except GovkgError as err:
        _fail(err)
    finally:
        store.close()
    if as_json:
        _dump(items)
    else:
        console.print(_table(items, f"candidates ({len(items)})"))
