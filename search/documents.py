"""Product → `IndexDocument`: the text that is embedded (through the embedding cache), the product's taxonomy node
(`search.taxonomy.assign`: its category path, title, description, else its vector nearest to the nodes' names)
and the Chinese type terms derived from it, the jieba terms of the Chinese fields, the content hash.
`search.writer.CatalogWriter`, the one write path, builds documents here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from search.analysis.segment import Segmenter
from search.backends.base import IndexDocument
from search.catalog import Product
from search.embedding_cache import EmbeddingCache
from search.encoders import Encoder
from search.fields import Analysis, searched

if TYPE_CHECKING:
    from search.taxonomy import ProductTypes

EMBEDDING_TEXT_VERSION = 1


def embedding_text(product: Product) -> str:
    """What the vector of a product is computed from: title, brand and the category's last two levels."""
    category = " ".join(product.category.split(" > ")[-2:])
    parts = [product.title, product.brand, category]
    return " | ".join(p for p in parts if p)


def document_hash(product: Product, model: str, segmenter_version: str, taxonomy_version: str) -> str:
    """Changes whenever anything stored for the product would change: its record, the model, the dictionary, the
    taxonomy (its data and the rules assigning and indexing nodes)."""
    key = f"{product.content_hash()}|{model}|{EMBEDDING_TEXT_VERSION}|{segmenter_version}|{taxonomy_version}"
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
    types: ProductTypes | None = None,
) -> list[IndexDocument]:
    """The documents of these products: embedded (through the cache), each given its taxonomy node (`types`, by
    default the process's `search.taxonomy.product_types()`) and the fields derived from it."""
    from search.taxonomy import product_types, taxonomy_version

    types = types or product_types()
    assigner = types.assigner_for(embedder, cache)
    vectors = embed([embedding_text(p) for p in products], embedder, batch_size, cache, on_batch)
    chinese = [f for f in searched(Analysis.CHINESE) if not f.derived]
    derived = [f for f in searched(Analysis.CHINESE) if f.derived]
    version = taxonomy_version()
    documents = []
    for product, vector in zip(products, vectors, strict=True):
        node = types.stored(assigner.assign(product, vector))
        chinese_terms = {f.name: segmenter.index_terms(value) for f in chinese if (value := f.value(product))}
        chinese_terms.update({f.name: types.type_terms(node, segmenter) for f in derived})
        documents.append(
            IndexDocument(
                product=product,
                chinese_terms=chinese_terms,
                vector=vector,
                content_hash=document_hash(product, embedder.name, segmenter.version, version),
                node=node,
            )
        )
    return documents
