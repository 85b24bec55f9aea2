"""Similar products: the nearest neighbours of a product's own vector, without its own group.

The product's vector is computed from its embedding text (`documents.embedding_text`: title, brand, the category's
last two levels) by the service's model — the vector it was indexed with, so the same on both backends — and the
backend's vector leg finds its neighbours under the request's filters. The product's own group (its variants:
same seller and `item_group_id`; the product alone when it has none) is left out, and each other group shows once
(its nearest variant). Among the neighbours, those of the product's own type (its taxonomy node) come first, nearest
first, then the others: a shopper looking at earbuds is shown other earbuds before over-ear headphones."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from search.backends.base import Filters, Hit, SearchBackend
from search.catalog import Product
from search.fields import NO_NODE

EXTRA_CANDIDATES = 50  # neighbours beyond `size` asked for: the product's own group and repeated groups drop out


def similar_products(
    backend: SearchBackend,
    product: Product,
    key: str,
    encode: Callable[[Sequence[str]], np.ndarray],
    text: str,
    filters: Filters,
    size: int,
) -> list[Hit]:
    """The `size` products nearest to `product` (stored under `key`) passing `filters`, its own group left out."""
    vector = encode([text])[0]
    leg = backend.vector_leg(vector, filters, size + EXTRA_CANDIDATES)
    own = product.group
    keys = [k for k, _ in leg if k != key]
    found = backend.fetch(keys)
    nodes = backend.types([key, *keys])
    own_node = nodes.get(key, NO_NODE).id
    hits: list[Hit] = []
    seen = {own}
    for rank, (candidate, score) in enumerate(leg, start=1):
        other = found.get(candidate)
        if other is None or candidate == key:
            continue
        group = other.group
        if group in seen:
            continue
        seen.add(group)
        node = nodes.get(candidate, NO_NODE)
        hits.append(Hit(other, score, vector_rank=rank, vector_score=score, node=node))
    if own_node is not None:  # the product's own type first (a stable sort keeps the nearest first within each)
        hits.sort(key=lambda hit: hit.node.id != own_node)
    return hits[:size]
