"""One hit per product group (`distinct`), for every backend, above the legs: `search.retrieval` calls these.

A product group is the variants sharing an `item_group_id` (`Product.group`). A collapsed result shows each group
once, represented by its best variant: the best-ranked one of a relevance-ranked (or sorted) search, the first one
in the browsing order. Paging counts groups, so pages never repeat a group and never skip one:

- ranked results collapse the fused (and sorted) candidates: the first candidate of each group stands for it;
- browsing is the backend's `browse_groups`: from a cursor, only groups whose first variant under the filters
  lies after the cursor (a group begun before it was shown on an earlier page), so a key cursor pages groups
  exactly, at any depth (the embedded backend from its columns, OpenSearch by `search.backends.grouping`).

Each hit of a page then carries its group (`GroupSummary`): the group's variants that pass the filters — how many,
their price range and the variants themselves (ids and option values: colours, sizes) — read by one more request
for the page's groups (`SearchBackend.group_variants`). Totals and facet counts of groups are the backends'
(`ResultSet.distinct`).
"""

from __future__ import annotations

from search.backends.base import Filters, GroupSummary, Hit, SearchBackend
from search.catalog import Variant

MAX_LISTED = 100
"""Variants listed with a collapsed hit (cheapest first); `variants` counts them all up to this many per group."""


def first_of_each_group(order: list[tuple[str, float]], groups: dict[str, str]) -> list[tuple[str, float]]:
    """The ranked candidates with only the best-ranked one of each group kept (a candidate whose group is not
    known, removed since the legs ran, is left out)."""
    seen: set[str] = set()
    kept = []
    for doc_id, score in order:
        group = groups.get(doc_id)
        if group is None or group in seen:
            continue
        seen.add(group)
        kept.append((doc_id, score))
    return kept


def summarize(backend: SearchBackend, filters: Filters, hits: list[Hit]) -> list[Hit]:
    """The page's hits, each given its group (`Hit.group`, set on these hits: the caller made them for this page):
    its variants passing the filters (the hit's own one among them)."""
    variants = backend.group_variants([hit.product.group for hit in hits], filters, MAX_LISTED) if hits else {}
    for hit in hits:
        listed = variants.get(hit.product.group) or [Variant.of(hit.product)]
        prices = [product.price for product in listed]
        hit.group = GroupSummary(len(listed), min(prices), max(prices), tuple(listed))
    return hits
