"""One hit per product group (`distinct`), for every backend, above the legs: `search.retrieval` calls these.

A product group is the variants sharing an `item_group_id` (`Product.group`). A collapsed result shows each group
once, represented by its best variant: the best-ranked one of a relevance-ranked (or sorted) search, the first one
in the browsing order. Paging counts groups, so pages never repeat a group and never skip one:

- ranked results collapse the fused (and sorted) candidates: the first candidate of each group stands for it;
- browsing scans the backend's order from the cursor (or the start), keeps the first variant of each group met,
  and — from a cursor — only groups whose first variant under the filters lies after the cursor (a group begun
  before it was shown on an earlier page), so a key cursor pages groups exactly, at any depth.

Each hit of a page then carries its group (`GroupSummary`): the group's variants that pass the filters — how many,
their price range and the variants themselves (ids and option values: colours, sizes) — read by one more request
for the page's groups. Totals and facet counts of groups are the backends' (`ResultSet.distinct`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from search.backends.base import BackendQuery, Filters, GroupSummary, Hit, SearchBackend, Sort
from search.catalog import Product
from search.fields import GROUP_FIELD

MAX_LISTED = 100
"""Variants listed with a collapsed hit (cheapest first); `variants` counts them all up to this many per group."""
BROWSE_BATCH = 64
"""Variants read per backend request while browsing groups (at least, a few pages' worth)."""


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


def within_groups(filters: Filters, groups: Sequence[str]) -> Filters:
    """`filters`, restricted to the products of these groups."""
    return replace(filters, terms=(*filters.terms, (GROUP_FIELD, tuple(dict.fromkeys(groups)))))


def group_variants(backend: SearchBackend, filters: Filters, groups: Sequence[str]) -> dict[str, list[Product]]:
    """The variants of each of these groups that pass `filters`, cheapest first (at most MAX_LISTED a group)."""
    if not groups:
        return {}
    found = backend.browse(within_groups(filters, groups), Sort.PRICE_ASC, 0, MAX_LISTED * len(set(groups)), None)
    variants: dict[str, list[Product]] = {group: [] for group in groups}
    for hit in found:
        listed = variants.setdefault(hit.product.group, [])
        if len(listed) < MAX_LISTED:
            listed.append(hit.product)
    return variants


def summarize(backend: SearchBackend, filters: Filters, hits: list[Hit]) -> list[Hit]:
    """The page's hits, each with its group: its variants passing the filters (the hit's own one among them)."""
    variants = group_variants(backend, filters, [hit.product.group for hit in hits])
    summarized = []
    for hit in hits:
        listed = variants.get(hit.product.group) or [hit.product]
        prices = [product.price for product in listed]
        summary = GroupSummary(len(listed), min(prices), max(prices), tuple(listed))
        summarized.append(replace(hit, group=summary))
    return summarized


def browse(backend: SearchBackend, query: BackendQuery) -> list[Hit]:
    """A page of groups in the browsing order (`query.sort`), each shown by its first variant; from
    `query.search_after` (the last shown variant's key) or skipping `query.offset` groups from the start."""
    wanted = query.offset + query.limit
    shown: list[Hit] = []
    seen: set[str] = set()
    after = query.search_after
    batch = max(BROWSE_BATCH, 4 * wanted)
    while len(shown) < wanted:
        page = backend.browse(query.filters, query.sort, 0, batch, after)
        firsts = []
        for hit in page:
            if hit.product.group not in seen:
                seen.add(hit.product.group)
                firsts.append(hit)
        if query.search_after is not None and firsts:
            firsts = _begun_here(backend, query.filters, query.sort, firsts)
        shown += firsts
        if len(page) < batch:
            break
        after = page[-1].sort_key
    return shown[query.offset : wanted]


def _begun_here(backend: SearchBackend, filters: Filters, sort: Sort, firsts: list[Hit]) -> list[Hit]:
    """Of the first variants met after a cursor, those that are their group's first variant in the browsing order
    (the other groups began before the cursor: an earlier page showed them)."""
    groups = [hit.product.group for hit in firsts]
    everything = backend.browse(within_groups(filters, groups), sort, 0, MAX_LISTED * len(groups), None)
    first: dict[str, str] = {}
    for hit in everything:
        first.setdefault(hit.product.group, hit.product.id)
    return [hit for hit in firsts if first.get(hit.product.group, hit.product.id) == hit.product.id]
