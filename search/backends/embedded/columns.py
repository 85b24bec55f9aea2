"""The columns of one snapshot as numpy arrays, row for row with its vector set (`VectorSet`): each product's group
(as an ordinal), price, write sequence and, loaded on first use, each term facet's value (as an ordinal).

They make collapsing (`distinct`) array work instead of more passes over the index: the groups of ranked
candidates, the distinct groups of a result set per facet value (`np.unique` over (value, group) pairs of the matched
rows), a group's variants under the filters and browsing groups in order. Built from tantivy's fast fields — the
values the index holds, not a second description of them — once per snapshot (a commit makes a new one).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from operator import itemgetter

import numpy as np
import tantivy

from search.backends.base import Counts, PriceBucket, Sort
from search.backends.embedded.schema import GROUP_HASH, group_hash
from search.backends.embedded.vectors import VectorSet
from search.catalog import Variant

BROWSE_CHUNK = 1024
"""Rows of a browsing order read at a time while looking for a page's groups."""
VARIANTS_KEPT = 200_000
"""Variants (`Variant`, a few hundred bytes each) a snapshot keeps once read for a collapsed page."""


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
        # the rows of each group, cheapest first, ties newest first: `members[starts[g]:starts[g + 1]]`
        self._members = np.lexsort((-self.seq, self.price, group))
        self._starts = np.searchsorted(group[self._members], np.arange(self.groups + 1))
        self._facets: dict[str, Facet] = {}
        self._orders: dict[Sort, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._buckets: dict[tuple[PriceBucket, ...], Buckets] = {}
        self._everything: dict[tuple[tuple[str, ...], tuple[PriceBucket, ...], int], Counts] = {}
        self._variants: dict[int, Variant] = {}
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
        seqs = np.fromiter(map(itemgetter(0), hits), dtype=np.int64, count=len(hits))
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
            rows = self._members[self._starts[g] : self._starts[g + 1]]  # in that order already
            if allowed is not None:
                rows = rows[allowed[rows]]
            found[g] = rows[:limit].tolist()
        return found

    def listed(self, rows: Sequence[int], read: Callable[[int], Variant]) -> list[Variant]:
        """The `Variant` of each of these rows: read (`read`: from the row's stored record) the first time a page
        lists it, then kept for the snapshot (a record never changes within one), up to VARIANTS_KEPT rows."""
        known = self._variants
        found = []
        for row in rows:
            variant = known.get(row)
            if variant is None:
                variant = read(row)
                if len(known) < VARIANTS_KEPT:
                    known[row] = variant  # one dict store: safe across threads, the same value either way
            found.append(variant)
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
        wanted = offset + limit
        chunk = max(BROWSE_CHUNK, 8 * wanted)  # rows turned into Python ints at a time: a page needs a few
        group = self.group
        while len(shown) < wanted and start < len(order):
            rows = order[start : start + chunk]
            for row, g in zip(rows.tolist(), group[rows].tolist(), strict=True):
                if seen[g]:
                    continue
                seen[g] = True
                shown.append(row)
                if len(shown) == wanted:
                    break
            start += chunk
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
        """The product groups among `rows` (each row once): how many, and per facet value how many have a row of
        that value (the `size` values with the most products, most groups first; price: each bucket's groups, and
        the range of the rows' prices). Over every row (browsing without filters) the counts are the snapshot's
        own: counted once."""
        if not len(rows):
            return Counts(0, {name: {} for name in facets})
        if len(rows) == len(self):  # every row (each row once): no gathering, and the same counts every time
            key = (tuple(facets), tuple(buckets), size)
            with self._lock:
                known = self._everything.get(key)
            if known is None:
                known = self._count(None, facets, buckets, size)
                with self._lock:
                    self._everything[key] = known
            return Counts(known.total, {name: dict(counts) for name, counts in known.facets.items()}, known.price_range)
        return self._count(rows, facets, buckets, size)

    def _count(
        self, rows: np.ndarray | None, facets: Sequence[str], buckets: Sequence[PriceBucket], size: int
    ) -> Counts:
        group = self.group if rows is None else self.group[rows]
        counts: dict[str, dict[str, int]] = {}
        price_range = None
        for name in facets:
            if name == "price":
                price = self.price if rows is None else self.price[rows]
                counted = self._bucketed(buckets).count(rows, group)
                counts[name] = {bucket.key: n for bucket, n in zip(buckets, counted, strict=True)}
                price_range = (float(price.min()), float(price.max()))
            else:
                counts[name] = self.facet(name).count(rows, size)
        total = self.groups if rows is None else _distinct(group, self.groups)  # every group has a row
        return Counts(total, {name: counts.get(name, {}) for name in facets}, price_range)

    def _bucketed(self, buckets: Sequence[PriceBucket]) -> Buckets:
        """Each row's price bucket for these buckets (once per snapshot and set of buckets)."""
        key = tuple(buckets)
        with self._lock:
            known = self._buckets.get(key)
        if known is None:
            known = Buckets(self.price, self.group, key, self.groups)
            with self._lock:
                self._buckets[key] = known
        return known


class Facet:
    """A term facet's column: each row's value as an index into `values` (-1: none), and each row's (value, group)
    pair as an ordinal, so that the groups having a value are counted by marking the rows' pairs."""

    def __init__(self, codes: np.ndarray, values: list[str], group: np.ndarray) -> None:
        self.codes, self.values = codes, values
        width = int(group.max(initial=0)) + 1
        keys = np.where(codes >= 0, codes * width + group, -1)
        unique, pair = np.unique(keys, return_inverse=True)
        self.pair = pair.astype(np.intp).reshape(-1)  # indices in numpy's own width: no conversion per count
        self.pair_value = np.where(unique >= 0, unique // width + 1, 0).astype(np.intp)  # 0: no value
        self._values = (codes + 1).astype(np.intp)  # each row's value + 1 (0: none)

    def count(self, rows: np.ndarray | None, size: int) -> dict[str, int]:
        """Per value among `rows` (None: every row): how many groups have it; the `size` values with the most
        products (ties by value), most groups first (ties in that order)."""
        width = len(self.values) + 1
        if rows is None:
            products = np.bincount(self._values, minlength=width)[1:]
            groups = np.bincount(self.pair_value, minlength=width)[1:]  # every pair has a row
        else:
            present = np.zeros(len(self.pair_value), dtype=bool)
            present[self.pair[rows]] = True
            products = np.bincount(self._values[rows], minlength=width)[1:]
            groups = np.bincount(self.pair_value[present], minlength=width)[1:]
        present_values = np.flatnonzero(products).tolist()
        values = self.values
        by_products = sorted(present_values, key=lambda code: (-products[code], values[code]))[:size]
        chosen = sorted(by_products, key=lambda code: -groups[code])
        return {values[code]: int(groups[code]) for code in chosen}


class Buckets:
    """Each row's price bucket of one set of buckets, so that the groups in each bucket are counted by marking the
    rows' (bucket, group) pairs: when the buckets tile a range (each one's top the next one's bottom, as
    configured), each row has at most one bucket; else each bucket is counted alone."""

    def __init__(self, price: np.ndarray, group: np.ndarray, buckets: tuple[PriceBucket, ...], width: int) -> None:
        self.price, self.buckets, self.width = price, buckets, width
        ordered = sorted(range(len(buckets)), key=lambda i: -np.inf if buckets[i].low is None else buckets[i].low)
        lows = [buckets[i].low for i in ordered]
        highs = [buckets[i].high for i in ordered]
        self.tiled = bool(buckets) and all(
            high is not None and high == low for high, low in zip(highs, lows[1:], strict=False)
        )
        self.ordered = ordered
        if self.tiled:
            at = np.searchsorted(np.array(lows[1:], dtype=np.float64), price, side="right")  # position in `ordered`
            inside = np.ones(len(price), dtype=bool)
            if lows[0] is not None:
                inside &= price >= lows[0]
            if highs[-1] is not None:
                inside &= price < highs[-1]
            # each row's (bucket position, group) pair; -1: in no bucket
            self.pair = np.where(inside, at * width + group, -1).astype(np.intp)

    def count(self, rows: np.ndarray | None, group: np.ndarray) -> list[int]:
        """How many groups of `rows` (None: every row; `group`: their groups) have a price in each bucket."""
        buckets, width = self.buckets, self.width
        if not self.tiled:
            price = self.price if rows is None else self.price[rows]
            return [_distinct(group[_within(price, bucket)], width) for bucket in buckets]
        pair = self.pair if rows is None else self.pair[rows]
        seen = np.zeros(len(buckets) * width, dtype=bool)
        seen[pair[pair >= 0]] = True
        per_position = np.count_nonzero(seen.reshape(len(buckets), width), axis=1)
        counts = [0] * len(buckets)
        for position, i in enumerate(self.ordered):
            counts[i] = int(per_position[position])
        return counts


def _distinct(groups: np.ndarray, width: int) -> int:
    """How many different groups these are (a mark per group: no sort)."""
    seen = np.zeros(width, dtype=bool)
    seen[groups] = True
    return int(np.count_nonzero(seen))


def _within(price: np.ndarray, bucket: PriceBucket) -> np.ndarray:
    inside = np.ones(len(price), dtype=bool)
    if bucket.low is not None:
        inside &= price >= bucket.low
    if bucket.high is not None:
        inside &= price < bucket.high
    return inside
