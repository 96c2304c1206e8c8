"""The library calls behind the CLI, the API and the notebooks: files → facts → store.

Examples
--------
>>> facts = extract_paths(["data/charters/003_c5d495fa5d9e6f4c.txt"])
>>> len(list(facts.nodes_with("Charter")))
1
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from govkg.collector import fewer_full_collections
from govkg.errors import GovkgError, ParseError
from govkg.loaders.extract import extract
from govkg.loaders.judgements import (
    ANALYST,
    Judgement,
    apply_judgements,
    judgements_path,
    read_judgements,
    retired_ids,
    split_id,
)
from govkg.loaders.model import Document
from govkg.loaders.parse import parse, parse_file
from govkg.loaders.read import read_bytes
from govkg.loaders.resolve import merge
from govkg.ontology.facts import Facts
from govkg.ontology.vocab import Prop, Status

__all__ = [
    "CHARTER_SUFFIXES",
    "SAMPLE_CHARTERS",
    "LoadOutcome",
    "extract_bytes",
    "extract_file",
    "extract_paths",
    "iter_charter_files",
    "load_bytes",
    "load_paths",
    "parse_path",
    "partial_warning",
    "settle",
    "skipped_files",
    "store_judgements",
]

CHARTER_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def _sample_charters() -> Path:
    # a source checkout has them in data/charters; an installed wheel as package data (govkg.samples)
    source = Path(__file__).resolve().parent.parent / "data" / "charters"
    return source if source.is_dir() else Path(__file__).resolve().parent / "samples"


#: The five bundled sample charters (a folder).
SAMPLE_CHARTERS = _sample_charters()


def iter_charter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and the charter files inside folders (sorted, so loads are reproducible)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(
                q for q in p.rglob("*")
                if q.is_file() and q.suffix.lower() in CHARTER_SUFFIXES and not q.name.upper().startswith("README")
            )
        elif p.exists():
            yield p
        else:
            raise ParseError("no such file or folder", path=str(p))


def parse_path(path: str | Path) -> Document:
    """Read and parse one charter file."""
    return parse_file(path)


def extract_file(path: str | Path, *, strict: bool = False) -> Facts:
    """Facts of one charter file (``strict``: refuse a text that looks cut off)."""
    return extract(parse_file(path, strict=strict))


def extract_paths(paths: Iterable[str | Path]) -> Facts:
    """Facts of several charters, resolved together (cross-charter entities merged)."""
    return merge(extract_file(p) for p in iter_charter_files(paths))


@dataclass
class LoadOutcome:
    """What happened to one file in a load."""

    path: str
    charter: str | None = None
    status: str = "loaded"  # loaded | unchanged | failed
    nodes: int = 0
    edges: int = 0
    error: str | None = None
    warnings: list[dict] = field(default_factory=list)


def store_judgements(store) -> dict[str, Judgement]:
    """The analysts' merge judgements kept beside ``store`` (``$GOVKG_HOME/judgements.jsonl``)."""
    settings = getattr(store, "settings", None)
    home = getattr(settings, "home", None)
    return read_judgements(judgements_path(home)) if home is not None else {}
def skipped_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files inside the given folders that a load passes over (not a charter suffix), sorted.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "a.html").write_text("x"); _ = (d / "b.txt").write_text("x")
    >>> [p.name for p in skipped_files([d])]
    ['a.html']
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(
                q for q in p.rglob("*")
                if q.is_file() and q.suffix.lower() not in CHARTER_SUFFIXES and not q.name.upper().startswith("README")
                and not any(part.startswith(".") for part in q.relative_to(p).parts)
            )
    return out


def partial_warning(facts: Facts) -> dict[str, str | None]:
    """The load warning of a charter whose text stops short (status ``partial``)."""
    return {
        "severity": "Warning",
        "focus": facts.charter_id,
        "path": Prop.status.value,
        "message": "partial text: only what it states was extracted (read with --strict to refuse it)",
        "shape": "charter.partial",
    }


def _loaded(outcome: LoadOutcome, facts: Facts, report) -> None:
    outcome.status = "unchanged" if getattr(report, "unchanged", False) else "loaded"
    outcome.nodes, outcome.edges = len(facts.nodes), len(facts.edges)


def _prepare_one(
    name: str,
    facts_of: Callable[[], Facts],
    *,
    validate: bool,
    judgements: Mapping[str, Judgement],
    lenient_decoding: bool,
) -> tuple[LoadOutcome, Facts | None]:
    """Extract (``facts_of``), apply the judgements and validate (SHACL): the facts to load, or a failed outcome."""
    import warnings as _warnings

    from govkg.loaders.read import DecodingWarning
    from govkg.loaders.read import lenient_decoding as lenient
    from govkg.ontology.rdf import to_rdf
    from govkg.ontology.rdf import validate as shacl_validate

    outcome = LoadOutcome(name)
    try:
        with _warnings.catch_warnings(record=True) as caught:
            _warnings.simplefilter("always", DecodingWarning)
            if lenient_decoding:
                with lenient():
                    facts = facts_of()
            else:
                facts = facts_of()
        decoding = [
            {"severity": "Warning", "focus": name, "path": None, "message": str(w.message), "shape": "decoding"}
            for w in caught
            if issubclass(w.category, DecodingWarning)
        ]
        facts = apply_judgements(facts, judgements)
        outcome.charter = facts.charter_id
        outcome.warnings = decoding
        if validate:
            outcome.warnings = decoding + shacl_validate(to_rdf(facts), path=name).warnings
        charter = facts.nodes[facts.charter_id]
        if charter.props.get(Prop.status) == Status.partial:
            outcome.warnings.append(partial_warning(facts))
    except GovkgError as err:
        outcome.status, outcome.error = "failed", str(err)
        return outcome, None
    return outcome, facts


# the batches in flight: scanned by a full collection once per batch otherwise
@fewer_full_collections()
def _load_all(
    store,
    items: Iterable[tuple[str, Callable[[], Facts]]],
    *,
    validate: bool,
    on_file: Callable[[LoadOutcome], None] | None,
    judgements: Mapping[str, Judgement] | None,
    lenient_decoding: bool,
    prepared: Iterable[tuple[LoadOutcome, Facts | None]] | None = None,
) -> list[LoadOutcome]:
    if judgements is None:
        judgements = store_judgements(store)
    if prepared is None:
        prepared = (
            _prepare_one(name, facts_of, validate=validate, judgements=judgements, lenient_decoding=lenient_decoding)
            for name, facts_of in items
        )
    outcomes: list[LoadOutcome] = []
    batch = getattr(store, "load_batch", 1) if hasattr(store, "load_many") else 1
    if batch <= 1:
        for outcome, facts in prepared:
            if facts is not None:
                try:
                    _loaded(outcome, facts, store.load(facts))
                except GovkgError as err:
                    outcome.status, outcome.error = "failed", str(err)
            outcomes.append(outcome)
            if on_file:
                on_file(outcome)
    else:
        # several charters per transaction (CypherStore.load_many): whole charters or none
        pending: list[tuple[LoadOutcome, Facts | None]] = []

        def flush() -> None:
            loadable = [(o, f) for o, f in pending if f is not None]
            results = store.load_many([f for _, f in loadable]) if loadable else []
            for (outcome, facts), result in zip(loadable, results, strict=True):
                if isinstance(result, GovkgError):
                    outcome.status, outcome.error = "failed", str(result)
                else:
                    _loaded(outcome, facts, result)
            for outcome, _ in pending:
                outcomes.append(outcome)
                if on_file:
                    on_file(outcome)
            pending.clear()

        for pair in prepared:
            pending.append(pair)
            if sum(f is not None for _, f in pending) >= batch:
                flush()
        flush()
    if judgements and hasattr(store, "settle_judgements"):
        settle(store, judgements)
    return outcomes


def load_paths(
    store,
    paths: Iterable[str | Path],
    *,
    validate: bool = True,
    strict: bool = False,
    on_file: Callable[[LoadOutcome], None] | None = None,
    judgements: Mapping[str, Judgement] | None = None,
    lenient_decoding: bool = False,
) -> list[LoadOutcome]:
    """Parse, extract, apply the merge judgements, validate (SHACL) and load each charter in its own transaction.

    ``judgements`` defaults to the store's file (:func:`store_judgements`); they are applied to
    each charter's extracted facts (:func:`~govkg.loaders.judgements.apply_judgements`), and
    afterwards nodes of retired ids that nothing points at any more are removed.
    A file that fails is reported and skipped; nothing of it is written. A text that looks
    cut off loads as a ``partial`` charter with a warning that says why, unless ``strict``
    refuses it. With ``lenient_decoding``, UTF-8 with a few invalid bytes is read with
    U+FFFD, and the outcome's ``warnings`` say so (``shape`` ``decoding``); without it,
    such a file fails.
    """
    files = list(iter_charter_files(paths))
    if judgements is None:
        judgements = store_judgements(store)
    workers = _load_workers(store, len(files))
    if workers <= 1:
        items = ((str(path), partial(extract_file, path, strict=strict)) for path in files)
        return _load_all(
            store, items, validate=validate, on_file=on_file, judgements=judgements, lenient_decoding=lenient_decoding
        )
    # the files are read and extracted by a pool while this process writes, in the files' order
    # (the same graph as one process); forkserver: the store's threads are not forked
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["govkg.pipeline"])
    init = (strict, validate, judgements, lenient_decoding)
    with ctx.Pool(workers, initializer=_init_extractor, initargs=init) as pool:
        prepared = pool.imap(_prepare_path, [str(f) for f in files], chunksize=4)
        return _load_all(
            store, (), validate=validate, on_file=on_file, judgements=judgements,
            lenient_decoding=lenient_decoding, prepared=prepared,
        )


#: below this many files, a load extracts in its own process (a pool costs a second or two to start)
POOL_FROM_FILES = 32


def _load_workers(store, files: int) -> int:
    """How many processes extract for a load of ``files`` files (1: this one)."""
    settings = getattr(store, "settings", None)
    wanted = getattr(settings, "load_workers", 1) if settings is not None else 1
    wanted = wanted or (os.cpu_count() or 1)
    return wanted if files >= POOL_FROM_FILES else 1


_EXTRACTOR: tuple = ()


def _init_extractor(strict: bool, validate: bool, judgements: Mapping[str, Judgement], lenient_decoding: bool) -> None:
    global _EXTRACTOR
    _EXTRACTOR = (strict, validate, judgements, lenient_decoding)


def _prepare_path(path: str) -> tuple[LoadOutcome, Facts | None]:
    """Pool job: :func:`_prepare_one` for one file, with the load's options (see :func:`_init_extractor`)."""
    strict, validate, judgements, lenient_decoding = _EXTRACTOR
    return _prepare_one(
        path, partial(extract_file, path, strict=strict), validate=validate, judgements=judgements,
        lenient_decoding=lenient_decoding,
    )


def extract_bytes(data: bytes, name: str, *, max_bytes: int | None = None, strict: bool = False) -> Facts:
    """Facts of one charter given as bytes; ``name``'s suffix picks the reader (``.docx``, ``.pdf``, else text).

    >>> sample = SAMPLE_CHARTERS / "003_c5d495fa5d9e6f4c.txt"
    >>> extract_bytes(sample.read_bytes(), "x.txt").charter_id == extract_file(sample).charter_id
    True
    """
    return extract(parse(read_bytes(data, name, max_bytes=max_bytes), strict=strict))


def load_bytes(
    store,
    files: Iterable[tuple[str, bytes]],
    *,
    validate: bool = True,
    strict: bool = False,
    max_bytes: int | None = None,
    on_file: Callable[[LoadOutcome], None] | None = None,
    judgements: Mapping[str, Judgement] | None = None,
    lenient_decoding: bool = False,
) -> list[LoadOutcome]:
    """:func:`load_paths` for charters given as ``(name, bytes)`` pairs (uploads): the same steps, judgements included.

    ``max_bytes`` bounds each file (default the reader's limit); the outcome's ``path`` is the name.
    """
    items = ((name, partial(extract_bytes, data, name, max_bytes=max_bytes, strict=strict)) for name, data in files)
    return _load_all(
        store, items, validate=validate, on_file=on_file, judgements=judgements, lenient_decoding=lenient_decoding
    )


def settle(store, judgements: Mapping[str, Judgement]) -> int:
    """Remove what the judgements took out of the graph: edgeless nodes of retired or split-off
    ids, and aliases judged wrong. Returns how many nodes were deleted."""
    gone = set(retired_ids(judgements))
    suffixes: set[str] = set()
    unjoined: dict[str, str] = {}
    aliases: dict[str, set[str]] = {}
    for j in judgements.values():
        if j.by != ANALYST:
            continue
        if j.kind == "merge" and j.charter and j.ids:
            # a split undone leaves its split-off node without edges
            gone.add(split_id(j.ids[0], j.charter))
            suffixes.add(split_id("", j.charter))  # and the posts split off with a body
        if j.kind == "alias" and j.verdict == "negative" and j.alias and j.ids:
            aliases.setdefault(j.ids[0], set()).add(j.alias)
        if j.kind == "pair" and j.verdict != "positive" and len(j.ids) == 2 and j.ids[1] not in gone:
            # a join undone (or never made): the survivor gives back the other's names
            unjoined[j.ids[0]] = j.ids[1]
    return store.settle_judgements(gone, aliases, suffixes, unjoined)
