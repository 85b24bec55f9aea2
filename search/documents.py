"""Product → `IndexDocument`: the text that is embedded, the segmented Chinese fields, the content hash.

Shared by every writer (the `haitao index` pipeline now, the admin API later) so all of them store the same thing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from search.analysis.segment import Segmenter
from search.backends.base import IndexDocument
from search.catalog import Product
from search.embedding import Embedder

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


def build_documents(
    products: Sequence[Product],
    embedder: Embedder,
    segmenter: Segmenter,
    batch_size: int = 64,
    on_batch: Callable[[int], None] | None = None,
) -> list[IndexDocument]:
    vectors = embedder.encode([embedding_text(p) for p in products], batch_size=batch_size, on_batch=on_batch)
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
