"""The searchable fields of a product, as every backend stores them (each adds its own storage-specific fields)."""

from __future__ import annotations

import time
from typing import Any

from search.analysis.english import brand_key, prepare_english
from search.backends.base import IndexDocument, attribute_term

# Keyword-leg fields and their boosts, the same for every backend. Equal weights measured best on both the demo
# fixtures and the Chorus catalog (docs/relevance.md): a title boost over-rewards short titles that repeat one
# query word.
ENGLISH_FIELDS = {"title": 1.0, "brand_text": 1.0, "category_text": 1.0, "description": 1.0}
CHINESE_FIELDS = {"title_zh": 1.0, "description_zh": 1.0}


def searchable_fields(document: IndexDocument) -> dict[str, Any]:
    """English text prepared for the stemming analyzer, Chinese terms joined by spaces, filter and facet values."""
    product = document.product
    return {
        "id": product.id,
        "title": prepare_english(product.title),
        "description": prepare_english(product.description),
        "brand_text": prepare_english(product.brand),
        "category_text": prepare_english(product.category.replace(">", " ")),
        "title_zh": " ".join(document.title_zh_terms),
        "description_zh": " ".join(document.description_zh_terms),
        "brand": product.brand,
        "brand_key": brand_key(product.brand),
        "category": product.category,
        "availability": product.availability.value,
        "price": float(product.price),
        "attributes": [attribute_term(name, value) for name, value in product.attributes.items()],
        "content_hash": document.content_hash,
    }


def write_sequence(count: int) -> list[int]:
    """Sort keys for `count` documents written now: unique and increasing, microseconds since the epoch plus the
    position in the batch (a batch takes far longer to embed than it has documents, so batches never overlap).
    Microseconds stay below 2**53, exact even where JSON numbers become doubles."""
    start = time.time_ns() // 1000
    return [start + i for i in range(count)]
