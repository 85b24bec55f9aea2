"""`EmbeddedBackend`: the `SearchBackend` contract on a tantivy index directory plus vectors, in process. No server.

`index.py` holds the lifecycle (manifest, snapshots, the writer lock, rebuilds), `queries.py` builds the tantivy
queries, `vectors.py` and `ann.py` search the vectors; this class answers the contract's primitives with them.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import tantivy

from search.backends.base import (
    BackendQuery,
    Counts,
    Filters,
    Hit,
    IndexDocument,
    IndexStats,
    Leg,
    Near,
    PriceBucket,
    ResultSet,
    SearchBackend,
    Sort,
    WriteUnavailable,
    write_sequence,
)
from search.backends.embedded.index import EmbeddedIndex, Snapshot, built_with, stored_hashes
from search.backends.embedded.queries import (
    KeywordQueryBuilder,
    any_of,
    combine,
    english_term_query,
    facet_aggs,
    filter_query,
)
from search.backends.embedded.schema import (
    CATEGORY_PATH,
    GROUP_HASH,
    NODE_RECORD,
    category_facet,
    group_hash,
    text_analyzer,
)
from search.backends.embedded.sellers import SellerFile
from search.backends.embedded.vectors import VectorSet
from search.catalog import Product, Variant
from search.fields import KEY_FIELD, NODE_CONFIDENCE, NODE_PATH, ProductNode, english_index_text, index_values
from search.ranking import RankingSpec
from search.sellers import Seller

FREQUENCY_CACHE_SIZE = 100_000
HANDOVER_LIMIT = 64  # scans started ahead of a count and not yet taken (`_Handover`)
TOTAL = "_total"  # the aggregation counting the result set beside its facets (no facet has this name)


class EmbeddedBackend(SearchBackend):
    def __init__(
        self,
        data_dir: Path,
        model: str,
        dim: int,
        spec: RankingSpec | None = None,
        create: bool = False,
        ann_min_products: int = 0,
        index: EmbeddedIndex | None = None,
    ) -> None:
        self.index = index or EmbeddedIndex(data_dir, model, dim, create=create, ann_min=ann_min_products)
        self.data_dir, self.model, self.dim = self.index.data_dir, model, dim
        self.spec = spec or RankingSpec()
        self.schema = self.index.schema
        self._keyword = KeywordQueryBuilder(self.schema, self.spec)
        self._analyzer = text_analyzer()
        self._sellers = SellerFile(self.data_dir)
        self._workers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="above-floor")
        self._anticipated = _Handover()

    @classmethod
    def rebuild(
        cls, data_dir: Path, model: str, dim: int, spec: RankingSpec | None = None, ann_min_products: int = 0
    ) -> EmbeddedBackend:
        """A backend writing a new index beside the live one (see `EmbeddedIndex.rebuild`)."""
        index = EmbeddedIndex.rebuild(data_dir, model, dim, ann_min_products)
        return cls(data_dir, model, dim, spec, index=index)

    @staticmethod
    def built_with(data_dir: Path) -> tuple[str, int]:
        return built_with(data_dir)

    @property
    def index_dir(self) -> Path:
        """The directory of the live (or, during a rebuild, the new) tantivy index."""
        return self.index.index_dir

    def _current(self) -> Snapshot:
        return self.index.current()

    # -- reading by key ---------------------------------------------------------------------------------------

    def fetch(self, keys: Sequence[str]) -> dict[str, Product]:
        """Only these records are read, each at its address (`_addresses`)."""
        snapshot = self._current()
        products = (_product(snapshot.searcher, address) for address in self._addresses(snapshot, keys).values())
        return {product.key: product for product in products}

    def _addresses(self, snapshot: Snapshot, keys: Sequence[str]) -> dict[str, tantivy.DocAddress]:
        """The address of each of these product keys that the snapshot holds: from the vector set's rows once it is
        loaded (a dictionary look-up instead of a search: a term set query costs 0.2 ms at 100,000 products, whatever
        its size), else by a search."""
        if not keys:
            return {}
        vectors = snapshot.loaded_vectors
        if vectors is not None:
            rows = ((key, vectors.row(key)) for key in keys)
            return {key: vectors.addresses[row] for key, row in rows if row is not None}
        searcher, unique = snapshot.searcher, list(dict.fromkeys(keys))
        query = tantivy.Query.term_set_query(self.schema, KEY_FIELD, unique)
        found = {searcher.doc(a).get_first(KEY_FIELD): a for _, a in searcher.search(query, limit=len(unique)).hits}
        return {key: found[key] for key in unique if key in found}

    def iter_keys(self, seller: str | None = None) -> Iterator[str]:
        snapshot = self._current()
        if snapshot.searcher.num_docs == 0:
            return iter(())
        keys = list(snapshot.vectors.ids)
        if seller is None:
            return iter(keys)
        prefix = f"{seller}/"
        return iter([key for key in keys if key.startswith(prefix)])

    def iter_products(self) -> Iterator[Product]:
        searcher = self._current().searcher  # one snapshot throughout, whatever is committed meanwhile
        if searcher.num_docs == 0:
            return
        everything = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs, count=False).hits
        for _, address in everything:
            yield _product(searcher, address)

    def content_hashes(self, keys: Sequence[str]) -> dict[str, str]:
        return stored_hashes(self._current().searcher, self.schema, list(keys))

    # -- sellers ----------------------------------------------------------------------------------------------

    def sellers(self) -> dict[str, Seller]:
        return self._sellers.read()

    def put_sellers(self, sellers: Sequence[Seller]) -> None:
        if not sellers:
            return
        with self.index.write_lock:
            self.index.writer()  # the index's single writer writes its sellers too
            records = self._sellers.read()
            records.update({seller.id: seller for seller in sellers})
            try:
                self._sellers.write(records)
            except OSError as exc:
                raise WriteUnavailable(f"the sellers could not be saved ({os.strerror(exc.errno or 5)})") from exc

    def delete_seller(self, seller: str) -> bool:
        with self.index.write_lock:
            self.index.writer()
            records = self._sellers.read()
            if records.pop(seller, None) is None:
                return False
            try:
                self._sellers.write(records)
            except OSError as exc:
                raise WriteUnavailable(f"the sellers could not be saved ({os.strerror(exc.errno or 5)})") from exc
            return True

    def types(self, keys: Sequence[str]) -> dict[str, ProductNode]:
        snapshot = self._current()
        return {key: _node(snapshot.searcher.doc(a)) for key, a in self._addresses(snapshot, keys).items()}

    def of_type(self, keys: Sequence[str], node: str | tuple[str, ...], min_confidence: float) -> dict[str, float]:
        """The snapshot's rows of the type(s) (found once per type and generation, `Snapshot.of_type`), looked up at
        each key's row: no search of the candidates' ids, no stored document read."""
        nodes = [node] if isinstance(node, str) else list(node)
        if not keys or not nodes:
            return {}
        snapshot = self._current()
        sure = tantivy.Query.range_query(self.schema, NODE_CONFIDENCE, tantivy.FieldType.Float, min_confidence, 1.0)
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.term_set_query(self.schema, NODE_PATH, nodes)),
                (tantivy.Occur.Must, sure),
            ]
        )
        typed, confidences = snapshot.of_type((tuple(nodes), min_confidence), query)
        vectors = snapshot.vectors
        known = [(key, row) for key, row in ((key, vectors.row(key)) for key in keys) if row is not None]
        if not known or not len(typed):
            return {}
        rows = np.array([row for _, row in known], dtype=np.int64)
        at = np.minimum(np.searchsorted(typed, rows), len(typed) - 1)
        hit = (typed[at] == rows).tolist()
        return {key: float(confidences[i]) for (key, _), i, ok in zip(known, at.tolist(), hit, strict=True) if ok}

    def stats(self) -> IndexStats:
        manifest = self.index.read_manifest()
        return IndexStats(
            count=self._current().searcher.num_docs,
            model=manifest.get("model"),
            dim=manifest.get("dim"),
            updated_at=manifest.get("updated_at"),
        )

    # -- the primitives of a search ---------------------------------------------------------------------------

    def keyword_leg(self, query: BackendQuery, filters: Filters, size: int) -> tuple[Leg, int]:
        """The hits' ids come from the vector set's row of each address, not from the stored documents (0.69 →
        0.05 ms on Chorus), and the search counts every match."""
        keyword = self._keyword.build(query.concepts, query.boost_brands)
        if keyword is None:
            return [], 0
        snapshot = self._current()
        found = snapshot.searcher.search(combine(keyword, filter_query(self.schema, filters)), limit=size, count=True)
        vectors = snapshot.vectors
        rows = vectors.rows_of([address for _, address in found.hits]).tolist()
        return [(vectors.ids[row], float(score)) for (score, _), row in zip(found.hits, rows, strict=True)], (
            found.count or 0
        )

    def vector_leg(self, vector: np.ndarray, filters: Filters, size: int) -> Leg:
        snapshot = self._current()
        vectors = snapshot.vectors
        flt = filter_query(self.schema, filters)
        rows = None if flt is None else snapshot.allowed_rows(filters, flt)
        return [(vectors.ids[row], score) for row, score in vectors.top(vector, size, rows)]

    def browse(
        self, filters: Filters, sort: Sort, offset: int, limit: int, search_after: tuple[Any, ...] | None
    ) -> list[Hit]:
        """A page ordered by price or by write sequence (newest), ties broken by sequence.

        tantivy orders by one fast field; the window fetched is widened to take whole groups of equal values,
        so that the tie-break is exact and a key cursor never skips or repeats a product."""
        searcher = self._current().searcher
        base = combine(None, filter_query(self.schema, filters))
        by_price = sort in (Sort.PRICE_ASC, Sort.PRICE_DESC)
        name = "price" if by_price else "seq"
        descending = sort is not Sort.PRICE_ASC
        kind = tantivy.FieldType.Float if by_price else tantivy.FieldType.Integer

        def equal_to(value: Any) -> int:
            return _count(searcher, combine(tantivy.Query.range_query(self.schema, name, kind, value, value), base))

        def order_key(value: Any, seq: int) -> tuple[Any, ...]:
            primary = -value if descending else value
            return (primary, -seq) if by_price else (primary,)

        window_query, skip, ties, after = base, offset, 0, None
        if search_after:
            value = search_after[0]
            bound = (None, value) if descending else (value, None)
            window_query = combine(tantivy.Query.range_query(self.schema, name, kind, *bound), base)
            skip, ties = 0, equal_to(value)
            after = order_key(value, search_after[-1])
        order = tantivy.Order.Desc if descending else tantivy.Order.Asc
        everything = searcher.num_docs  # never ask tantivy for more than there is (it allocates for `limit`)
        if skip >= everything:
            return []
        fetch = min(skip + limit + 1 + ties, everything)
        window = searcher.search(window_query, limit=fetch, count=False, order_by_field=name, order=order).hits
        if len(window) == fetch < everything:  # the last group of equal values may be cut: take all of it
            fetch = min(fetch + equal_to(window[-1][0]), everything)
            window = searcher.search(window_query, limit=fetch, count=False, order_by_field=name, order=order).hits
        addresses = [address for _, address in window]
        prices = searcher.fast_field_values("price", addresses)
        seqs = searcher.fast_field_values("seq", addresses)
        rows = []
        for address, price, seq in zip(addresses, prices, seqs, strict=True):
            key = order_key(price if by_price else seq, seq or 0)
            if after is None or key > after:
                rows.append((key, address, (price, seq) if by_price else (seq,)))
        rows.sort(key=lambda row: row[0])
        page = rows[skip : skip + limit]
        return [Hit(_product(searcher, address), 0.0, sort_key=sort_key) for _, address, sort_key in page]

    def browse_groups(
        self, filters: Filters, sort: Sort, offset: int, limit: int, search_after: tuple[Any, ...] | None
    ) -> list[Hit]:
        """From the snapshot's columns: the browsing order of every row (once per snapshot), the filters' rows, one
        pass to each group's first variant; only the page's records are read."""
        snapshot = self._current()
        columns = snapshot.columns
        after = None
        if search_after:
            after = columns.order_key(float(search_after[0]), int(search_after[-1]), sort)
        rows = columns.browse_groups(self._allowed(snapshot, filters), sort, offset, limit, after)
        by_price = sort in (Sort.PRICE_ASC, Sort.PRICE_DESC)
        hits = []
        for row in rows:
            price, seq = float(columns.price[row]), int(columns.seq[row])
            product = _product(snapshot.searcher, snapshot.vectors.addresses[row])
            hits.append(Hit(product, 0.0, sort_key=(price, seq) if by_price else (seq,)))
        return hits

    def group_variants(self, groups: Sequence[str], filters: Filters, limit: int) -> dict[str, list[Variant]]:
        """From the snapshot's columns (each group's rows, the filters' rows, prices): only the variants' records
        are read, only what a `Variant` holds of each, and each once per snapshot (`Columns.listed`)."""
        if not groups:
            return {}
        snapshot = self._current()
        columns = snapshot.columns
        ordinals = columns.group_of(list(dict.fromkeys(groups)))
        found = columns.variants(list(ordinals.values()), self._allowed(snapshot, filters), limit)
        addresses = snapshot.vectors.addresses
        searcher = snapshot.searcher

        def read(row: int) -> Variant:
            return Variant.from_stored(searcher.doc(addresses[row]).get_first("record"))

        return {name: columns.listed(found[ordinal], read) for name, ordinal in ordinals.items()}

    def _allowed(self, snapshot: Snapshot, filters: Filters) -> np.ndarray | None:
        """The rows passing the filters, as a mask (None: no filters, every row)."""
        flt = filter_query(self.schema, filters)
        if flt is None:
            return None
        mask = np.zeros(len(snapshot.vectors), dtype=bool)
        mask[snapshot.allowed_rows(filters, flt)] = True
        return mask

    def groups_of(self, keys: Sequence[str]) -> dict[str, str]:
        """From the snapshot's group column at each key's row: no search, no stored document read."""
        if not keys:
            return {}
        snapshot = self._current()
        vectors, group = snapshot.vectors, snapshot.columns.group
        found = [(key, row) for key, row in ((key, vectors.row(key)) for key in keys) if row is not None]
        ordinals = group[[row for _, row in found]].tolist() if found else []
        return {key: str(g) for (key, _), g in zip(found, ordinals, strict=True)}

    def sort_values(self, keys: Sequence[str], sort: Sort) -> dict[str, float]:
        """From the sort field's column at each key's address: no stored record is read."""
        snapshot = self._current()
        found = self._addresses(snapshot, keys)
        name = "seq" if sort is Sort.NEWEST else "price"
        values = snapshot.searcher.fast_field_values(name, list(found.values())) if found else []
        return {key: float(v or 0) for key, v in zip(found, values, strict=True)}

    def count(self, results: ResultSet, facets: Sequence[str], price_buckets: Sequence[PriceBucket]) -> Counts:
        """One pass over the result set at most: the total is counted by the aggregation that counts the facets
        (or, without facets, from the keyword leg's own count)."""
        searcher = self._current().searcher
        flt = filter_query(self.schema, results.filters)
        if results.distinct:
            snapshot = self._current()
            rows = self._rows(snapshot, results, flt)
            return snapshot.columns.count(rows, facets, price_buckets, self.spec.facet_size)
        if results.near is not None and (results.ids is None or self._current().vectors.ann is not None):
            # every product above the floor, by an exact scan (the approximate leg may have missed some)
            results = replace(results, ids=tuple(self._near(results.near, results.filters)))
        aggs = facet_aggs(facets, price_buckets, self.spec.facet_size)
        if not aggs and not results.distinct and results.keyword_total is not None and results.concepts is not None:
            return Counts(self._total(searcher, results), {name: {} for name in facets})
        if results.concepts is None and results.ids is None:
            query = combine(None, flt)
        else:
            keyword = self._keyword.build(results.concepts) if results.concepts is not None else None
            ids = tantivy.Query.term_set_query(self.schema, KEY_FIELD, list(results.ids)) if results.ids else None
            union = any_of([keyword, ids])
            query = combine(union, flt) if union is not None else tantivy.Query.empty_query()
        if not aggs:
            return Counts(_count(searcher, query), {name: {} for name in facets})
        result = searcher.aggregate(query, {**aggs, TOTAL: {"value_count": {"field": "seq"}}})
        total = int((result.get(TOTAL) or {}).get("value") or 0)  # every document has a write sequence
        if not total:
            return Counts(0, {name: {} for name in facets})
        counts = {
            name: {b["key"]: b["doc_count"] for b in result.get(name, {}).get("buckets", []) if b["key"]}
            for name in facets
        }
        stats = result.get("price_stats") or {}
        price_range = (float(stats["min"]), float(stats["max"])) if stats.get("count") else None
        return Counts(total, counts, price_range)

    def _rows(self, snapshot: Snapshot, results: ResultSet, flt: tantivy.Query | None) -> np.ndarray:
        """The vector rows of the products of a result set, each once: every keyword match passing the filters
        (one pass ordered by write sequence), plus the vector hits (the leg's own, or every product above the floor by
        an exact scan where the leg is approximate), or every product passing the filters."""
        vectors = snapshot.vectors
        if results.concepts is None and results.ids is None and results.near is None:
            if flt is None:
                return np.arange(len(vectors), dtype=np.int64)
            return snapshot.allowed_rows(results.filters, flt)
        parts = []
        if results.concepts is not None:
            if results.keyword_total is not None and len(results.keyword_ids) >= results.keyword_total:
                parts.append(self._rows_of(vectors, results.keyword_ids))  # the leg returned every match: no pass
            else:  # every match (one pass per query and snapshot; the query built only then), then those passing
                concepts = results.concepts
                matched = snapshot.matching_rows(
                    repr(concepts),  # the whole of what the query is built from (this backend's builder)
                    lambda: self._keyword.build(concepts),
                    results.keyword_total if flt is None else None,
                    lambda: self._keyword.leaves(concepts),
                )
                parts.append(matched if flt is None else matched[self._allowed(snapshot, results.filters)[matched]])
        if results.near is not None and (results.ids is None or vectors.ann is not None):
            parts.append(self._above(snapshot, results.near, results.filters))
        elif results.ids:
            parts.append(self._rows_of(vectors, results.ids))
        if len(parts) <= 1:
            return parts[0] if parts else np.zeros(0, dtype=np.int64)
        matched = np.zeros(len(vectors), dtype=bool)  # the union, without sorting
        for part in parts:
            matched[part] = True
        return np.flatnonzero(matched)

    @staticmethod
    def _rows_of(vectors: VectorSet, keys: Sequence[str]) -> np.ndarray:
        """The rows of these product keys that the snapshot holds."""
        found = (vectors.row(key) for key in keys)
        return np.array([row for row in found if row is not None], dtype=np.int64)

    def _near(self, near: Near, filters: Filters) -> list[str]:
        """The ids of every product passing the filters whose vector is above the floor (an exact scan)."""
        snapshot = self._current()
        return [snapshot.vectors.ids[row] for row in self._above(snapshot, near, filters).tolist()]

    def anticipate(self, near: Near, filters: Filters) -> None:
        """Where the vector leg is approximate, the count scans for every product above the floor (`_above`): that
        scan starts now, on a worker reading this snapshot, beside the vector leg and the page."""
        snapshot = self._current()
        vectors = snapshot.loaded_vectors
        if vectors is None or vectors.ann is None:
            return
        same_version = self.reading_shared()

        def scan() -> np.ndarray:
            with same_version:
                return self._scan_above(snapshot, near, filters)

        self._anticipated.put(snapshot, (near.vector.tobytes(), near.floor, filters), self._workers.submit(scan))

    def _above(self, snapshot: Snapshot, near: Near, filters: Filters) -> np.ndarray:
        """The rows of every product passing the filters whose vector is above the floor (an exact scan): the one
        `anticipate` started, or one now."""
        started = self._anticipated.take(snapshot, (near.vector.tobytes(), near.floor, filters))
        return started.result() if started is not None else self._scan_above(snapshot, near, filters)

    def _scan_above(self, snapshot: Snapshot, near: Near, filters: Filters) -> np.ndarray:
        flt = filter_query(self.schema, filters)
        allowed = None if flt is None else snapshot.allowed_rows(filters, flt)
        return snapshot.vectors.above(near.vector, near.floor, allowed)

    def _total(self, searcher: tantivy.Searcher, results: ResultSet) -> int:
        """Every keyword match (counted by the leg) plus the vector leg's neighbours (which pass the filters
        already) outside them: only those outside the keyword leg's hits are checked against the keyword query,
        by one small intersection instead of a second pass over all its matches."""
        assert results.keyword_total is not None and results.concepts is not None
        returned = set(results.keyword_ids)
        others = [doc_id for doc_id in results.ids or () if doc_id not in returned]
        keyword = self._keyword.build(results.concepts)
        if keyword is None or not others:
            return results.keyword_total + len(others)
        ids = tantivy.Query.term_set_query(self.schema, KEY_FIELD, others)
        return results.keyword_total + len(others) - _count(searcher, combine(ids, keyword))

    def facet_values(self, facet: str, limit: int, filters: Filters | None = None) -> dict[str, int]:
        searcher = self._current().searcher
        if not searcher.num_docs:
            return {}
        aggs = {"values": {"terms": {"field": facet, "size": limit}}}
        query = combine(None, filter_query(self.schema, filters or Filters()))
        buckets = searcher.aggregate(query, aggs).get("values", {}).get("buckets", [])
        return {b["key"]: b["doc_count"] for b in buckets if b["key"]}

    # -- what the layers above rely on ------------------------------------------------------------------------

    def generation(self) -> Hashable:
        pinned = self.index.pinned()
        stamp = pinned.stamp if pinned is not None else self.index.stamp()
        return (str(self.index.index_dir), stamp, self._sellers.stamp())

    def reading(self) -> AbstractContextManager[None]:
        return self.index.reading()

    def reading_shared(self) -> AbstractContextManager[None]:
        return self.index.reading_shared()

    def document_frequency(self, term: str) -> int:
        snapshot = self._current()
        count = snapshot.frequencies.get(term)
        if count is None:
            count = _count(snapshot.searcher, english_term_query(self.schema, term))
            if len(snapshot.frequencies) < FREQUENCY_CACHE_SIZE:
                snapshot.frequencies[term] = count
        return count

    def english_terms(self, text: str) -> list[str]:
        return self._analyzer.analyze(english_index_text(text))

    def prepare_search(self) -> None:
        """Build the vector graph of the current index now, if it is large enough to use one (and save it)."""
        vectors = self._current().vectors  # starts a build in the background if there is no graph yet
        if vectors.ann is None and self.index.ann.wanted(len(vectors)):  # wait for it (or build it here)
            self.index.ann.open(
                vectors.keys, vectors.matrix, lambda graph: setattr(vectors, "ann", graph), background=False
            )

    def check(self) -> None:
        """The index is a local directory: once open, it is always available."""

    # -- writing ----------------------------------------------------------------------------------------------

    def reserve_writer(self) -> None:
        with self.index.write_lock:
            self.index.writer()

    def upsert(self, documents: Sequence[IndexDocument]) -> None:
        if not documents:
            return
        for document in documents:
            if document.vector.shape != (self.dim,):
                raise ValueError(
                    f"product {document.product.key!r}: vector has shape {document.vector.shape}, "
                    f"expected ({self.dim},)"
                )
        now = int(time.time())
        with self.index.write_lock:
            self.index.check_writable()
            writer = self.index.writer()

            def add(writer: tantivy.IndexWriter) -> None:
                for document, seq in zip(documents, write_sequence(len(documents)), strict=True):
                    writer.delete_documents_by_term(KEY_FIELD, document.product.key)
                    writer.add_document(_to_tantivy(document, now, seq))

            self.index.add(writer, add)
            self.index.commit(writer, {document.product.key: document.content_hash for document in documents})

    def delete(self, keys: Sequence[str]) -> int:
        with self.index.write_lock:
            self.index.check_writable()
            existing = self.content_hashes(keys)
            if not existing:
                return 0
            writer = self.index.writer()

            def remove(writer: tantivy.IndexWriter) -> None:
                for doc_id in existing:
                    writer.delete_documents_by_term(KEY_FIELD, doc_id)

            self.index.add(writer, remove)
            self.index.commit(writer, dict.fromkeys(existing))
            return len(existing)

    def write_problem(self) -> str | None:
        return self.index.write_problem()

    def commit_rebuild(self) -> None:
        self.index.commit_rebuild()

    def abandon_rebuild(self) -> None:
        self.index.abandon_rebuild()

    def close(self) -> None:
        self._workers.shutdown(wait=True)
        self.index.close()


class _Handover:
    """Scans started ahead of a search's count (`EmbeddedBackend.anticipate`), each taken once, by the search of
    the same snapshot and key (the query vector, floor and filters) that started it; at most HANDOVER_LIMIT wait
    (a search that failed before counting leaves its own behind)."""

    def __init__(self) -> None:
        self._waiting: OrderedDict[Hashable, tuple[Snapshot, Future[np.ndarray]]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, snapshot: Snapshot, key: Hashable, started: Future[np.ndarray]) -> None:
        with self._lock:
            self._waiting[key] = (snapshot, started)
            while len(self._waiting) > HANDOVER_LIMIT:
                self._waiting.popitem(last=False)

    def take(self, snapshot: Snapshot, key: Hashable) -> Future[np.ndarray] | None:
        with self._lock:
            found = self._waiting.pop(key, None)
        return found[1] if found is not None and found[0] is snapshot else None


def _to_tantivy(document: IndexDocument, now: int, seq: int) -> tantivy.Document:
    product = document.product
    fields: dict[str, Any] = {
        **index_values(product, document.chinese_terms, document.node),
        NODE_RECORD: json.dumps(document.node.as_dict(), ensure_ascii=False),
        "content_hash": document.content_hash,
        "updated_at": now,
        "seq": seq,
        GROUP_HASH: group_hash(product.group),
        "record": product.model_dump_json(),
        "vector": np.asarray(document.vector, dtype="<f4").tobytes(),
    }
    doc = tantivy.Document(**fields)
    if product.category:
        doc.add_facet(CATEGORY_PATH, category_facet(product.category))
    return doc


def _node(doc: tantivy.Document) -> ProductNode:
    return ProductNode.from_dict(json.loads(doc.get_first(NODE_RECORD) or "{}"))


def _count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    return searcher.search(query, limit=1, count=True).count or 0


def _product(searcher: tantivy.Searcher, address: tantivy.DocAddress) -> Product:
    return Product.model_validate_json(searcher.doc(address).get_first("record"))
