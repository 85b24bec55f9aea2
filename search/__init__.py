"""Haitao Search: the query side and the shared core (catalog, analysis, embedding, backends, API)."""

__version__ = "0.1.0"
