"""The columns of one snapshot as numpy arrays, row for row with its vector set (`VectorSet`): each product's group
(as an ordinal), price, write sequence and, loaded on first use, each term facet's value (as an ordinal).

They make collapsing (`distinct`) array work instead of more passes over the index: the groups of ranked
candidates, the distinct groups of a result set per facet value (`np.unique` over (value, group) pairs of the matched
rows), a group's variants under the filters and browsing groups in order. Built from tantivy's fast fields — the
values the index holds, not a second description of them — once per snapshot (a commit makes a new one).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import tantivy

from search.backends.base import Counts, PriceBucket, Sort
from search.backends.embedded.schema import GROUP_HASH, group_hash
from search.backends.embedded.vectors import VectorSet


class Columns:
    def __init__(self, searcher: tantivy.Searcher, vectors: VectorSet) -> None:
        self._searcher, self._vectors = searcher, vectors
        addresses = vectors.addresses
        hashes = searcher.fast_field_values(GROUP_HASH, addresses) if addresses else []
        # a document without a hash (none should lack one) is a group of its own
        raw = np.array([h if h is not None else 0 for h in hashes], dtype=np.int64)
        self._hashes, group = np.unique(raw, return_inverse=True)
        missing = np.flatnonzero(np.array([h is None for h in hashes], dtype=bool))
        group = group.astype(np.int64)
        if len(missing):
            group[missing] = group.max(initial=-1) + 1 + np.arange(len(missing))
        self.group = group
        self.groups = int(group.max(initial=-1)) + 1
        prices = searcher.fast_field_values("price", addresses) if addresses else []
        self.price = np.array([p if p is not None else 0.0 for p in prices], dtype=np.float64)
        self.seq = vectors.keys  # the write sequence of each row (unique)
        self._by_seq = np.argsort(self.seq, kind="stable")
        self._seq_sorted = self.seq[self._by_seq]
        # the rows of each group: `members[starts[g]:starts[g + 1]]`
        self._members = np.argsort(group, kind="stable")
        self._starts = np.searchsorted(group[self._members], np.arange(self.groups + 1))
        self._facets: dict[str, Facet] = {}
        self._orders: dict[Sort, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.group)

    def facet(self, name: str) -> Facet:
        """A term facet's column (read once per snapshot by one pass over the index ordered by the field: the fast
        field's values, the ones the aggregations count)."""
        with self._lock:
            known = self._facets.get(name)
        if known is not None:
            return known
        codes = np.full(len(self), -1, dtype=np.int64)
        values: list[str] = []
        if len(self):
            hits = self._searcher.search(
                tantivy.Query.all_query(), limit=len(self), count=False, order_by_field=name, order=tantivy.Order.Asc
            ).hits
            rows = self._vectors.rows_of([address for _, address in hits])
            code_of: dict[str, int] = {}
            keys = (code_of.setdefault(key, len(code_of)) if key else -1 for key, _ in hits)
            codes[rows] = np.fromiter(keys, dtype=np.int64, count=len(hits))
            values = list(code_of)
        facet = Facet(codes, values, self.group)
        with self._lock:
            self._facets[name] = facet
        return facet

    def matching(self, query: tantivy.Query, known: int | None = None) -> np.ndarray:
        """The rows of every document matching `query` (`known`: how many do, when counted already), from one pass
        ordered by the write sequence: each hit's sequence names its row (no address is looked up)."""
        searcher = self._searcher
        everything = max(len(self), 1)  # tantivy allocates for `limit`: never ask for more than there is
        limit = min(known + 1, everything) if known is not None else everything
        hits = searcher.search(query, limit=limit, count=False, order_by_field="seq").hits
        if len(hits) == limit < everything:  # more than counted (a commit since the count): take them all
            hits = searcher.search(query, limit=everything, count=False, order_by_field="seq").hits
        seqs = np.fromiter((seq for seq, _ in hits), dtype=np.int64, count=len(hits))
        return self._by_seq[np.searchsorted(self._seq_sorted, seqs)]

    def group_of(self, names: Sequence[str]) -> dict[str, int]:
        """The ordinal of each of these groups (`Product.group`) that the snapshot holds."""
        if not len(self._hashes):
            return {}
        hashes = np.array([group_hash(name) for name in names], dtype=np.int64)
        at = np.minimum(np.searchsorted(self._hashes, hashes), len(self._hashes) - 1)
        found = (self._hashes[at] == hashes).tolist()
        return {name: int(g) for name, g, ok in zip(names, at.tolist(), found, strict=True) if ok}

    def variants(self, groups: Sequence[int], allowed: np.ndarray | None, limit: int) -> dict[int, list[int]]:
        """The rows of each of these groups (ordinals) that are `allowed` (a mask; None: all), cheapest first, ties
        newest first, at most `limit` a group."""
        found: dict[int, list[int]] = {}
        for g in dict.fromkeys(groups):
            rows = self._members[self._starts[g] : self._starts[g + 1]]
            if allowed is not None:
                rows = rows[allowed[rows]]
            found[g] = rows[np.lexsort((-self.seq[rows], self.price[rows]))][:limit].tolist()
        return found

    def browse_groups(
        self, allowed: np.ndarray | None, sort: Sort, offset: int, limit: int, after: tuple[float, int] | None
    ) -> list[int]:
        """A page of groups in a browsing order (by price either way, ties newest first; else newest first): the
        row of each group's first variant among the `allowed` rows (a mask; None: all); after a cursor (`after`: a
        row's `order_key`) only groups whose first variant lies after it, else `offset` groups on."""
        order, primary, secondary = self._order(sort)
        if allowed is not None:
            kept = allowed[order]
            order, primary, secondary = order[kept], primary[kept], secondary[kept]
        start = 0
        seen = np.zeros(self.groups, dtype=bool)
        if after is not None:  # the groups begun up to the cursor were shown on earlier pages
            first, second = after
            start = int(np.searchsorted(primary, first, side="left"))
            end = int(np.searchsorted(primary, first, side="right"))
            start += int(np.count_nonzero(secondary[start:end] <= second))
            seen[self.group[order[:start]]] = True
        shown: list[int] = []
        group = self.group
        for row in order[start:].tolist():
            g = group[row]
            if seen[g]:
                continue
            seen[g] = True
            shown.append(row)
            if len(shown) == offset + limit:
                break
        return shown[offset:]

    def order_key(self, price: float, seq: int, sort: Sort) -> tuple[float, int]:
        """Where a product of this price and write sequence lies in a browsing order: (primary, secondary),
        ascending."""
        if sort in (Sort.PRICE_ASC, Sort.PRICE_DESC):
            return (price if sort is Sort.PRICE_ASC else -price, -seq)
        return (float(-seq), 0)

    def _order(self, sort: Sort) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every row in a browsing order, with each one's `order_key` (primary, secondary), ascending; computed
        once per snapshot and order."""
        key = sort if sort in (Sort.PRICE_ASC, Sort.PRICE_DESC) else Sort.NEWEST
        with self._lock:
            known = self._orders.get(key)
        if known is not None:
            return known
        if key is Sort.NEWEST:
            primary, secondary = -self.seq.astype(np.float64), np.zeros(len(self), dtype=np.int64)
        else:
            primary, secondary = (self.price if key is Sort.PRICE_ASC else -self.price), -self.seq
        order = np.lexsort((secondary, primary))
        known = (order, primary[order], secondary[order])
        with self._lock:
            self._orders[key] = known
        return known

    def count(self, rows: np.ndarray, facets: Sequence[str], buckets: Sequence[PriceBucket], size: int) -> Counts:
        """The product groups among `rows`: how many, and per facet value how many have a row of that value (the
        `size` values with the most products, most groups first; price: each bucket's groups, and the range)."""
        if not len(rows):
            return Counts(0, {name: {} for name in facets})
        group = self.group[rows]
        counts: dict[str, dict[str, int]] = {}
        price_range = None
        for name in facets:
            if name == "price":
                price = self.price[rows]
                counts[name] = {b.key: self._distinct(group[_within(price, b)]) for b in buckets}
                price_range = (float(price.min()), float(price.max()))
            else:
                counts[name] = self.facet(name).count(rows, size)
        return Counts(self._distinct(group), {name: counts.get(name, {}) for name in facets}, price_range)

    def _distinct(self, groups: np.ndarray) -> int:
        """How many different groups these are (a mark per group: no sort)."""
        seen = np.zeros(self.groups, dtype=bool)
        seen[groups] = True
        return int(np.count_nonzero(seen))


class Facet:
    """A term facet's column: each row's value as an index into `values` (-1: none), and each row's (value, group)
    pair as an ordinal, so that the groups having a value are counted by marking pairs, without sorting."""

    def __init__(self, codes: np.ndarray, values: list[str], group: np.ndarray) -> None:
        self.codes, self.values = codes, values
        has = codes >= 0
        keys = np.where(has, codes * (int(group.max(initial=0)) + 1) + group, -1)
        unique, self.pair = np.unique(keys, return_inverse=True)
        self.pair = self.pair.astype(np.int64)
        self.pair_code = np.where(unique >= 0, unique // (int(group.max(initial=0)) + 1), -1)

    def count(self, rows: np.ndarray, size: int) -> dict[str, int]:
        """Per value among `rows`: how many groups have it; the `size` values with the most products (ties by
        value), most groups first (ties in that order)."""
        codes = self.codes[rows]
        codes = codes[codes >= 0]
        if not len(codes):
            return {}
        products = np.bincount(codes, minlength=len(self.values))
        seen = np.zeros(len(self.pair_code), dtype=bool)
        seen[self.pair[rows]] = True
        pairs = self.pair_code[seen]
        groups = np.bincount(pairs[pairs >= 0], minlength=len(self.values))
        present = np.flatnonzero(products).tolist()
        values = self.values
        by_products = sorted(present, key=lambda code: (-int(products[code]), values[code]))[:size]
        chosen = sorted(by_products, key=lambda code: -int(groups[code]))
        return {values[code]: int(groups[code]) for code in chosen}


def _within(price: np.ndarray, bucket: PriceBucket) -> np.ndarray:
    inside = np.ones(len(price), dtype=bool)
    if bucket.low is not None:
        inside &= price >= bucket.low
    if bucket.high is not None:
        inside &= price < bucket.high
    return inside
