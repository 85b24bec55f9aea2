"""Migration of an index built by an older version of Haitao Search (an older `fields.SCHEMA_VERSION`).

The old index is read as it is (its stored records and vectors, whatever its schema), each record is read as the
current `Product` (a record from before sellers is the default seller's, HAITAO_DEFAULT_SELLER), and the products
are written through the one write path (`CatalogWriter`) into a new index beside the live one, which replaces it
when complete (a rebuild: searches see the old index until then, and an interrupted migration leaves it live).
Nothing is embedded again: the stored vectors are put in the embedding cache first (the data directory's, or a
temporary one when the cache is off), so every product's vector comes from there.

    haitao migrate [--data-dir DIR]          (`haitao index` migrates by itself when it meets an old index)
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from search.backends.base import IndexNotFound
from search.catalog import Product
from search.config import Settings
from search.documents import embedding_text
from search.embedding_cache import EmbeddingCache
from search.fields import SCHEMA_VERSION

BATCH = 512


@dataclass(frozen=True)
class Legacy:
    """What the old index was built with, and a way to read its products and vectors."""

    version: int
    model: str
    dim: int
    count: int
    read: Callable[[], Iterator[tuple[dict[str, Any], np.ndarray]]]  # (stored record, vector) of every product


@dataclass(frozen=True)
class Migrated:
    products: int
    from_version: int
    to_version: int
    seconds: float


class StoredVectors:
    """The old index's model as the writer sees it (name and dimension): every vector it needs is in the cache, so
    it never embeds anything."""

    def __init__(self, name: str, dim: int) -> None:
        self.name, self.dim = name, dim

    def encode(self, texts: Sequence[str], batch_size: int = 32, on_batch: Callable[[int], None] | None = None):
        raise RuntimeError(f"migration: no stored vector for {len(texts)} product text(s), e.g. {texts[0]!r}")


def legacy_index(settings: Settings) -> Legacy | None:
    """The configured index when it was built with an older schema version, else None (none, or a current one)."""
    if settings.backend == "embedded":
        return _embedded(Path(settings.data_dir))
    return _opensearch(settings)


def needs_migration(settings: Settings) -> bool:
    return legacy_index(settings) is not None


def migrate(settings: Settings, on_progress: Callable[[int], None] | None = None) -> Migrated:
    """Rewrite the old index into a new one of this version (see the module's documentation)."""
    from search.writer import CatalogWriter

    legacy = legacy_index(settings)
    if legacy is None:
        raise IndexNotFound(f"no index of an older version to migrate where {settings.data_dir} points")
    started = time.perf_counter()
    encoder = StoredVectors(legacy.model, legacy.dim)
    with tempfile.TemporaryDirectory(prefix="haitao-migrate-") as scratch:
        cache_dir = Path(settings.data_dir) if settings.embedding_cache else Path(scratch)
        cache = EmbeddingCache(cache_dir, legacy.model, legacy.dim)
        seeded = settings.model_copy(update={"embedding_cache": True})
        migrated = 0
        try:
            with CatalogWriter.open(seeded, encoder, rebuild=True, cache_dir=cache_dir) as writer:
                batch: list[Product] = []
                for record, vector in legacy.read():
                    product = Product.model_validate(
                        {**record, "seller": record.get("seller") or settings.default_seller}
                    )
                    cache.put_many([embedding_text(product)], vector[None, :])
                    batch.append(product)
                    if len(batch) >= BATCH:
                        migrated += _write(writer, batch, on_progress)
                        batch = []
                migrated += _write(writer, batch, on_progress)
        finally:
            cache.close()
    return Migrated(migrated, legacy.version, SCHEMA_VERSION, time.perf_counter() - started)


def _write(writer, batch: list[Product], on_progress: Callable[[int], None] | None) -> int:
    if not batch:
        return 0
    written = writer.write(batch)
    if written.refused:
        key, reason = next(iter(written.refused.items()))
        raise RuntimeError(f"{len(written.refused)} product(s) could not be written, e.g. {key!r}: {reason}")
    if on_progress is not None:
        on_progress(len(batch))
    return len(batch)


# -- reading an old index as it is -------------------------------------------------------------------------------


def _embedded(data_dir: Path) -> Legacy | None:
    import tantivy

    from search.backends.embedded.index import LIVE_MANIFEST, live_index_name

    path = data_dir / LIVE_MANIFEST
    if not path.exists():
        return None
    manifest = json.loads(path.read_text(encoding="utf-8"))
    version = int(manifest.get("schema_version") or 0)
    if version >= SCHEMA_VERSION:
        return None
    index_dir = data_dir / live_index_name(data_dir)
    if not tantivy.Index.exists(str(index_dir)):
        return None
    index = tantivy.Index.open(str(index_dir))  # its own schema, whatever it is

    def read() -> Iterator[tuple[dict[str, Any], np.ndarray]]:
        searcher = index.searcher()
        if not searcher.num_docs:
            return
        for _, address in searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs, count=False).hits:
            doc = searcher.doc(address)
            yield json.loads(doc.get_first("record")), np.frombuffer(doc.get_first("vector"), dtype="<f4").copy()

    count = index.searcher().num_docs
    return Legacy(version, str(manifest.get("model")), int(manifest.get("dim") or 0), count, read)


def _opensearch(settings: Settings) -> Legacy | None:
    from search.backends.factory import opensearch_config
    from search.backends.opensearch.backend import make_client
    from search.backends.opensearch.index import VECTOR_FIELD, IndexManager

    config = opensearch_config(settings)
    client = make_client(config)
    indices = IndexManager(client, "", 0, config.index)
    name = indices.current()
    if name is None:
        client.close()
        return None
    meta = indices.meta(name)
    version = int(meta.get("schema_version") or 0)
    if version >= SCHEMA_VERSION:
        client.close()
        return None
    count = int(client.count(index=name)["count"])

    def read() -> Iterator[tuple[dict[str, Any], np.ndarray]]:
        after: list[Any] | None = None
        try:
            while True:
                body: dict[str, Any] = {
                    "query": {"match_all": {}},
                    "size": BATCH,
                    "_source": ["record", VECTOR_FIELD],
                    "sort": [{"seq": "asc"}],  # unique per document since schema version 2
                }
                if after is not None:
                    body["search_after"] = after
                hits = client.search(index=name, body=body)["hits"]["hits"]
                for hit in hits:
                    source = hit["_source"]
                    yield source["record"], np.asarray(source[VECTOR_FIELD], dtype=np.float32)
                if len(hits) < BATCH:
                    return
                after = hits[-1]["sort"]
        finally:
            client.close()

    return Legacy(version, str(meta.get("model")), int(meta.get("dim") or 0), count, read)
