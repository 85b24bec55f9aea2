"""Product groups from a backend's `browse` alone: the generic way to answer `SearchBackend.group_variants` and
`SearchBackend.browse_groups`, for a backend with no faster one of its own (OpenSearch uses these; the embedded
backend answers from its columns instead).

- A group's variants under the filters are one browse restricted to the groups, cheapest first.
- Browsing groups scans the browsing order from the cursor (or the start), keeps the first variant of each group
  met, and — from a cursor — only groups whose first variant under the filters lies after the cursor (a group begun
  before it was shown on an earlier page), so a key cursor pages groups exactly, at any depth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from search.backends.base import Filters, Hit, SearchBackend, Sort
from search.catalog import Variant
from search.fields import GROUP_FIELD

BROWSE_BATCH = 64
"""Variants read per backend request while browsing groups (at least, a few pages' worth)."""
MOST_VARIANTS = 100
"""Variants read per group to find where each group met after a cursor begins."""


def within_groups(filters: Filters, groups: Sequence[str]) -> Filters:
    """`filters`, restricted to the products of these groups."""
    return replace(filters, terms=(*filters.terms, (GROUP_FIELD, tuple(dict.fromkeys(groups)))))


def group_variants(
    backend: SearchBackend, groups: Sequence[str], filters: Filters, limit: int
) -> dict[str, list[Variant]]:
    """The variants of each of these groups passing `filters`, cheapest first (ties newest first), at most `limit`
    a group: one browse."""
    if not groups:
        return {}
    found = backend.browse(within_groups(filters, groups), Sort.PRICE_ASC, 0, limit * len(set(groups)), None)
    variants: dict[str, list[Variant]] = {group: [] for group in groups}
    for hit in found:
        listed = variants.setdefault(hit.product.group, [])
        if len(listed) < limit:
            listed.append(Variant.of(hit.product))
    return variants


def browse_groups(
    backend: SearchBackend,
    filters: Filters,
    sort: Sort,
    offset: int,
    limit: int,
    search_after: tuple[Any, ...] | None,
) -> list[Hit]:
    """A page of groups in the browsing order, each shown by its first variant under the filters; from
    `search_after` (the last shown variant's key) or skipping `offset` groups from the start."""
    wanted = offset + limit
    shown: list[Hit] = []
    seen: set[str] = set()
    after = search_after
    batch = max(BROWSE_BATCH, 4 * wanted)
    while len(shown) < wanted:
        page = backend.browse(filters, sort, 0, batch, after)
        firsts = []
        for hit in page:
            if hit.product.group not in seen:
                seen.add(hit.product.group)
                firsts.append(hit)
        if search_after is not None and firsts:
            firsts = _begun_here(backend, filters, sort, firsts)
        shown += firsts
        if len(page) < batch:
            break
        after = page[-1].sort_key
    return shown[offset:wanted]


def _begun_here(backend: SearchBackend, filters: Filters, sort: Sort, firsts: list[Hit]) -> list[Hit]:
    """Of the first variants met after a cursor, those that are their group's first variant in the browsing order
    (the other groups began before the cursor: an earlier page showed them)."""
    groups = [hit.product.group for hit in firsts]
    everything = backend.browse(within_groups(filters, groups), sort, 0, MOST_VARIANTS * len(groups), None)
    first: dict[str, str] = {}
    for hit in everything:
        first.setdefault(hit.product.group, hit.product.id)
    return [hit for hit in firsts if first.get(hit.product.group, hit.product.id) == hit.product.id]
