"""Benchmarks: a synthetic national corpus (:mod:`govkg.bench.corpus`) and the benchmark run (:mod:`govkg.bench.run`).

The synthetic corpus is for speed and scale only. It is written beside the parser, from
the same seeds, so extracting it well proves nothing about extraction fidelity: quality
is measured against the gold fixtures (``govkg eval``), never against this corpus.
"""

__all__: list[str] = []
