"""govkg.graph: stores (embedded and Neo4j), named queries and exports."""
