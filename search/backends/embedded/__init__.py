"""The embedded backend: tantivy on disk for text, filters and facets; vectors in memory, searched exactly with
numpy or, for large indexes, through an HNSW graph (`ann.py`).

backend.py  the `SearchBackend` primitives       index.py    lifecycle: manifest, snapshots, writer lock, rebuilds
queries.py  tantivy queries from the spec         schema.py   the tantivy schema, from the field registry
vectors.py  exact vector search                    ann.py      the HNSW graph of a large index
"""

from search.backends.embedded.backend import EmbeddedBackend

__all__ = ["EmbeddedBackend"]
