"""The embedded backend: tantivy on disk for text, filters and facets; vectors searched exactly with numpy."""

from search.backends.embedded.backend import EmbeddedBackend

__all__ = ["EmbeddedBackend"]
