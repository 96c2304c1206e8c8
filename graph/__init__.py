"""govkg.graph: stores (embedded and Neo4j), named queries and exports.

>>> from govkg.graph import open_store, GraphStore
"""

from govkg.graph.store import GraphStore, LoadReport, open_store

__all__ = ["GraphStore", "LoadReport", "open_store"]
