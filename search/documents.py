"""Product → `IndexDocument`: the text that is embedded, the segmented Chinese fields, the content hash; and
`index_products`, the one way products reach a backend (skip the unchanged, embed the rest, upsert).

Shared by every writer (the `haitao index` pipeline and the admin API) so all of them store the same thing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from search.analysis.segment import Segmenter
from search.backends.base import DocumentWriteError, IndexDocument, SearchBackend
from search.catalog import Product
from search.embedding_cache import EmbeddingCache
from search.encoders import Encoder

EMBEDDING_TEXT_VERSION = 1


def embedding_text(product: Product) -> str:
    """What the vector of a product is computed from: title, brand and the category's last two levels."""
    category = " ".join(product.category.split(" > ")[-2:])
    parts = [product.title, product.brand, category]
    return " | ".join(p for p in parts if p)


def document_hash(product: Product, model: str, segmenter_version: str) -> str:
    """Changes whenever anything stored for the product would change: its record, the model, the dictionary."""
    key = f"{product.content_hash()}|{model}|{EMBEDDING_TEXT_VERSION}|{segmenter_version}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def embed(
    texts: Sequence[str],
    embedder: Encoder,
    batch_size: int = 64,
    cache: EmbeddingCache | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> np.ndarray:
    """The vectors of `texts`: from the cache where it has them, else from the model (and then cached)."""
    known = cache.get_many(texts) if cache is not None else {}
    missing = [i for i in range(len(texts)) if i not in known]
    out = np.empty((len(texts), embedder.dim), dtype=np.float32)
    for i, vector in known.items():
        out[i] = vector
    if known and on_batch:
        on_batch(len(known))
    if missing:
        computed = embedder.encode([texts[i] for i in missing], batch_size=batch_size, on_batch=on_batch)
        out[missing] = computed
        if cache is not None:
            cache.put_many([texts[i] for i in missing], computed)
    return out


def build_documents(
    products: Sequence[Product],
    embedder: Encoder,
    segmenter: Segmenter,
    batch_size: int = 64,
    on_batch: Callable[[int], None] | None = None,
    cache: EmbeddingCache | None = None,
) -> list[IndexDocument]:
    vectors = embed([embedding_text(p) for p in products], embedder, batch_size, cache, on_batch)
    return [
        IndexDocument(
            product=product,
            title_zh_terms=segmenter.index_terms(product.title_zh) if product.title_zh else [],
            description_zh_terms=segmenter.index_terms(product.description_zh) if product.description_zh else [],
            vector=vector,
            content_hash=document_hash(product, embedder.name, segmenter.version),
        )
        for product, vector in zip(products, vectors, strict=True)
    ]


@dataclass
class Written:
    indexed: int = 0
    unchanged: int = 0
    refused: dict[str, str] = field(default_factory=dict)  # id → why the backend refused to store it


def index_products(
    backend: SearchBackend,
    products: Sequence[Product],
    embedder: Encoder,
    segmenter: Segmenter,
    batch_size: int = 64,
    cache: EmbeddingCache | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> Written:
    """Upsert `products` (one committed write), skipping those whose stored content hash is unchanged."""
    if not products:
        return Written()
    stored = backend.content_hashes([p.id for p in products])
    changed = [p for p in products if stored.get(p.id) != document_hash(p, embedder.name, segmenter.version)]
    unchanged = len(products) - len(changed)
    if not changed:
        return Written(unchanged=unchanged)
    try:
        backend.upsert(build_documents(changed, embedder, segmenter, batch_size, on_batch, cache))
    except DocumentWriteError as exc:  # some documents were refused; the others are stored
        return Written(len(changed) - len(exc.failures), unchanged, dict(exc.failures))
    return Written(indexed=len(changed), unchanged=unchanged)
