"""govkg.graph: stores (embedded, Neo4j, SPARQL), named queries, read models, pages, audit, compare and exports.

>>> from govkg.graph import open_store, GraphStore
"""

from govkg.graph.store import GraphStore, LoadReport, open_store

__all__ = ["GraphStore", "LoadReport", "open_store"]
