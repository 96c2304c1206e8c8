"""govkg: a knowledge graph of Vietnam's steering committees, built from their charters."""

__all__ = ["__version__"]
__version__ = "0.1.0"
