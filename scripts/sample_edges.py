"""Draw a fixed-seed random sample of extracted edges for reading by hand (docs/extraction-eval.md).

Usage: ``python scripts/sample_edges.py [--seed 15] [--n 60] [FILES…]`` (default: the five samples).
Prints one Markdown row per edge: the charter, the clause, the relation with its ends and modifiers,
and the verbatim quote, so that a reader can judge each against the text.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from govkg.ontology.vocab import DOCUMENT_RELS, Prop, Rel
from govkg.pipeline import SAMPLE_CHARTERS, extract_file

__all__ = ["main", "sample"]

_MODIFIERS = (Prop.cadence, Prop.dayOfMonth, Prop.months, Prop.adHoc, Prop.via, Prop.condition, Prop.scope, Prop.inferred)


def sample(paths: list[Path], n: int, seed: int) -> list[tuple[str, object, dict]]:
    """``n`` edges drawn with ``seed`` from the governance and structure edges of ``paths``."""
    pool = []
    for path in paths:
        facts = extract_file(path)
        for e in facts.edges:
            if e.type in DOCUMENT_RELS or e.type in (Rel.HAS_PROVISION, Rel.LOCATED_IN, Rel.WITHIN):
                continue
            pool.append((path.name, e, facts.nodes))
    pool.sort(key=lambda x: (x[0], x[1].props.get(Prop.id, "")))
    return random.Random(seed).sample(pool, min(n, len(pool)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--n", type=int, default=60)
    args = ap.parse_args()
    paths = args.files or sorted(SAMPLE_CHARTERS.glob("*.txt"))
    print("| # | charter | clause | relation | modifiers | quote |\n|---|---|---|---|---|---|")
    for i, (name, e, nodes) in enumerate(sample(paths, args.n, args.seed), 1):
        mods = ", ".join(f"{m}={e.props[m]}" for m in _MODIFIERS if e.props.get(m) not in (None, "", []))
        src, dst = nodes[e.source].props.get(Prop.name, e.source), nodes[e.target].props.get(Prop.name, e.target)
        quote = " ".join(str(e.props.get(Prop.quote, "")).split())[:220]
        print(f"| {i} | {name[:3]} | {e.props.get(Prop.provision)} | {src} —{e.type}→ {dst} | {mods} | {quote} |")


if __name__ == "__main__":
    main()
