"""`EmbeddedBackend`: a tantivy index directory plus a manifest, searched in process. No server needed.

Layout of `data_dir`:
    index/          the tantivy index (text fields, filter and facet columns, stored records and vectors);
                    after a `--rebuild`, `index-YYYYmmddHHMMSS/`
    manifest.json   schema version, embedding model and dimension, last update time, and which directory
                    holds the live index

One process writes at a time (tantivy holds a lock file while a writer is open); any number of processes may read.
Readers notice a newer commit by the change of tantivy's `meta.json` and reopen their searcher. A rebuild fills a
new directory beside the live index, holding the live index's writer lock all along, and is made live by one
atomic replace of `manifest.json`; readers follow it on their next request.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import tantivy

from search import fusion
from search.analysis.english import english_analyzer, prepare_english
from search.backends.base import (
    BackendQuery,
    Filters,
    Hit,
    IndexDocument,
    IndexNotFound,
    IndexStats,
    SearchBackend,
    SearchResult,
    Sort,
    WriteUnavailable,
    check_built_with,
)
from search.backends.embedded.ann import AnnStore
from search.backends.embedded.queries import KeywordQueryBuilder, any_of, combine, filter_query
from search.backends.embedded.schema import (
    ENGLISH_FIELDS,
    FACET_FIELDS,
    SCHEMA_VERSION,
    build_schema,
    category_facet,
)
from search.backends.embedded.vectors import VectorSet
from search.backends.fields import searchable_fields, write_sequence
from search.catalog import Product
from search.fusion import FusionConfig

WRITER_HEAP_BYTES = 128_000_000
FILTER_CACHE_SIZE = 64
FACET_SIZE = 50
FREQUENCY_CACHE_SIZE = 100_000
STAGING_MANIFEST = "manifest.rebuild.json"
WRITE_PROBE_BYTES = 1 << 20  # free space a recovery must find before writes are taken again
RECOVERY_INTERVAL_S = 2.0  # at most one recovery attempt this often
UNKNOWN_CAUSE = "an I/O error"
log = logging.getLogger(__name__)


class IndexLocked(RuntimeError):
    """Another process is writing to this index."""


@dataclass
class _Snapshot:
    """What one reader generation sees: a searcher and, loaded on first use, its vectors."""

    searcher: tantivy.Searcher
    stamp: tuple[int, int]
    dim: int
    ann: AnnStore | None = None  # graphs for approximate search, for large indexes
    _vectors: VectorSet | None = None
    _allowed: OrderedDict[Filters, np.ndarray] = field(default_factory=OrderedDict)
    frequencies: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def vectors(self) -> VectorSet:
        with self._lock:
            if self._vectors is None:
                self._vectors = vectors = VectorSet(self.searcher, self.dim)
                if self.ann is not None and self.ann.wanted(len(vectors)):
                    self.ann.open(vectors.keys, vectors.matrix, lambda graph: setattr(vectors, "ann", graph))
            return self._vectors

    def allowed_rows(self, filters: Filters, query: tantivy.Query) -> np.ndarray:
        """The vector rows that pass the filters (cached per filter set for this generation)."""
        with self._lock:
            rows = self._allowed.get(filters)
            if rows is not None:
                self._allowed.move_to_end(filters)
                return rows
        hits = self.searcher.search(query, limit=max(self.searcher.num_docs, 1), count=False).hits
        rows = self.vectors.rows_of([address for _, address in hits])
        with self._lock:
            self._allowed[filters] = rows
            while len(self._allowed) > FILTER_CACHE_SIZE:
                self._allowed.popitem(last=False)
        return rows


class EmbeddedBackend(SearchBackend):
    def __init__(
        self,
        data_dir: Path,
        model: str,
        dim: int,
        fusion_config: FusionConfig | None = None,
        create: bool = False,
        staging: str | None = None,
        ann_min_products: int = 0,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.manifest_path = self.data_dir / (STAGING_MANIFEST if staging else "manifest.json")
        self.index_dir = self.data_dir / (staging or self._live_index_name(self.data_dir))
        self.model, self.dim = model, dim
        self.fusion = fusion_config or FusionConfig()
        self.schema = build_schema()
        self._analyzer = english_analyzer()
        self._keyword = KeywordQueryBuilder(self.schema, self._analyzer)
        self._writer: tantivy.IndexWriter | None = None
        self._reload_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._live_writer: tantivy.IndexWriter | None = None  # held during a rebuild
        self._write_problem: str | None = None  # why writes are refused (a commit failed), or None
        self._recover_after = 0.0
        self._ann = AnnStore(self.data_dir, ann_min_products)

        exists = self.manifest_path.exists() and tantivy.Index.exists(str(self.index_dir))
        if not exists and not create:
            raise IndexNotFound(
                f"no index in {self.data_dir}: build one first with `haitao index FILE --data-dir {self.data_dir}`"
            )
        if exists:
            self._check_manifest()
        else:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            self._write_manifest(updated_at=None)
        self.index = tantivy.Index(self.schema, path=str(self.index_dir), reuse=True)
        self._snapshot = self._open_snapshot()

    # -- manifest ---------------------------------------------------------------------------------------

    def _read_manifest(self) -> dict[str, Any]:
        return json.loads(self.manifest_path.read_text(encoding="utf-8"))

    def _check_manifest(self) -> None:
        check_built_with(f"the index in {self.data_dir}", self._read_manifest(), SCHEMA_VERSION, self.model, self.dim)

    def _write_manifest(self, updated_at: str | None, path: Path | None = None) -> None:
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "model": self.model,
            "dim": self.dim,
            "updated_at": updated_at,
            "index": self.index_dir.name,
        }
        path = path or self.manifest_path
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        os.replace(tmp, path)

    @staticmethod
    def _live_index_name(data_dir: Path) -> str:
        try:
            return str(json.loads((data_dir / "manifest.json").read_text(encoding="utf-8")).get("index", "index"))
        except (FileNotFoundError, json.JSONDecodeError):
            return "index"

    @classmethod
    def built_with(cls, data_dir: Path) -> tuple[str, int]:
        """The model and dimension the index in `data_dir` was built with (to open it without loading a model)."""
        path = Path(data_dir) / "manifest.json"
        if not path.exists():
            raise IndexNotFound(
                f"no index in {data_dir}: build one first with `haitao index FILE --data-dir {data_dir}`"
            )
        manifest = json.loads(path.read_text(encoding="utf-8"))
        return str(manifest.get("model")), int(manifest.get("dim") or 0)

    # -- rebuilding ---------------------------------------------------------------------------------------

    @classmethod
    def rebuild(
        cls,
        data_dir: Path,
        model: str,
        dim: int,
        fusion_config: FusionConfig | None = None,
        ann_min_products: int = 0,
    ) -> EmbeddedBackend:
        """A new, empty index beside the live one, to fill and then `commit_rebuild()` (or `abandon_rebuild()`).

        The live index stays searchable and untouched until `commit_rebuild()`; its writer lock is held meanwhile, so
        no other process writes to it (and a rebuild is refused while another process does).
        """
        data_dir = Path(data_dir)
        live = data_dir / cls._live_index_name(data_dir)
        live_writer = None
        if (data_dir / "manifest.json").exists() and tantivy.Index.exists(str(live)):
            live_writer = _open_writer(tantivy.Index.open(str(live)), data_dir)
        for stale in data_dir.glob("index-*"):  # left by an interrupted rebuild
            if stale != live:
                shutil.rmtree(stale, ignore_errors=True)
        staging = datetime.now(UTC).strftime("index-%Y%m%d%H%M%S%f")
        backend = cls(
            data_dir, model, dim, fusion_config, create=True, staging=staging, ann_min_products=ann_min_products
        )
        backend._live_writer = live_writer
        return backend

    def commit_rebuild(self) -> None:
        """Make this rebuilt index the live one, by an atomic replace of manifest.json; remove the old one."""
        self.close()
        live = self.data_dir / self._live_index_name(self.data_dir)
        self._write_manifest(datetime.now(UTC).isoformat(timespec="seconds"), self.data_dir / "manifest.json")
        self.manifest_path.unlink(missing_ok=True)
        self.manifest_path = self.data_dir / "manifest.json"
        self._live_writer = None  # releases the old index's lock
        if live != self.index_dir:
            shutil.rmtree(live, ignore_errors=True)

    def abandon_rebuild(self) -> None:
        """Drop a rebuild that did not finish; the live index is left as it was."""
        self.close()
        self._live_writer = None
        if self.manifest_path.name == STAGING_MANIFEST:
            self.manifest_path.unlink(missing_ok=True)
            shutil.rmtree(self.index_dir, ignore_errors=True)

    # -- reading ------------------------------------------------------------------------------------------

    def _stamp(self) -> tuple[int, int]:
        try:
            stat = (self.index_dir / "meta.json").stat()
        except FileNotFoundError:
            return (0, 0)
        return (stat.st_mtime_ns, stat.st_size)

    def _open_snapshot(self) -> _Snapshot:
        if self.manifest_path.name == "manifest.json" and self.manifest_path.exists():
            live = self._live_index_name(self.data_dir)
            if live != self.index_dir.name:  # a rebuild was promoted by another process: follow it
                self._check_manifest()
                self.index_dir = self.data_dir / live
                self.index = tantivy.Index(self.schema, path=str(self.index_dir), reuse=True)
        stamp = self._stamp()
        self.index.reload()
        return _Snapshot(self.index.searcher(), stamp, self.dim, self._ann)

    def _current(self) -> _Snapshot:
        """The snapshot of the latest commit, reopened when another process (or we) committed since."""
        snapshot = self._snapshot
        if self._stamp() != snapshot.stamp:
            with self._reload_lock:
                if self._stamp() != self._snapshot.stamp:
                    self._snapshot = self._open_snapshot()
                snapshot = self._snapshot
        return snapshot

    def get(self, product_id: str) -> Product | None:
        searcher = self._current().searcher
        hits = searcher.search(tantivy.Query.term_query(self.schema, "id", product_id), limit=1).hits
        if not hits:
            return None
        return Product.model_validate_json(searcher.doc(hits[0][1]).get_first("record"))

    def document_frequency(self, word: str) -> int | None:
        snapshot = self._current()
        count = snapshot.frequencies.get(word)
        if count is None:
            tokens = self._analyzer.analyze(prepare_english(word))
            searcher = snapshot.searcher
            count = min((max(searcher.doc_freq(name, token) for name in ENGLISH_FIELDS) for token in tokens), default=0)
            if len(snapshot.frequencies) < FREQUENCY_CACHE_SIZE:
                snapshot.frequencies[word] = count
        return count

    def iter_ids(self) -> Iterator[str]:
        snapshot = self._current()
        if snapshot.searcher.num_docs == 0:
            return iter(())
        return iter(list(snapshot.vectors.ids))

    def iter_products(self) -> Iterator[Product]:
        searcher = self._current().searcher  # one snapshot throughout, whatever is committed meanwhile
        if searcher.num_docs == 0:
            return
        everything = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs, count=False).hits
        for _, address in everything:
            yield self._product(searcher, address)

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        return self._hashes(self._current().searcher, ids)

    def _hashes(self, searcher: tantivy.Searcher, ids: Sequence[str]) -> dict[str, str]:
        if not ids:
            return {}
        query = tantivy.Query.term_set_query(self.schema, "id", list(ids))
        out = {}
        for _, address in searcher.search(query, limit=len(ids), count=False).hits:
            doc = searcher.doc(address)
            out[doc.get_first("id")] = doc.get_first("content_hash")
        return out

    def stats(self) -> IndexStats:
        manifest = self._read_manifest()
        return IndexStats(
            count=self._current().searcher.num_docs,
            model=manifest.get("model"),
            dim=manifest.get("dim"),
            updated_at=manifest.get("updated_at"),
        )

    # -- searching ----------------------------------------------------------------------------------------

    def search(self, query: BackendQuery) -> SearchResult:
        snapshot = self._current()
        keyword = None
        if query.concepts:
            keyword = self._keyword.build(query.concepts, query.boost_brands, query.boost_categories)
        if keyword is None:
            query = query.resolved()  # no keyword leg to run while the query is embedded
            if query.vector is None:
                return self._browse(snapshot, query)
        return self._ranked(snapshot, keyword, query)

    def _browse(self, snapshot: _Snapshot, query: BackendQuery) -> SearchResult:
        """No query text: every product passing the filters, in the requested order, paged by key."""
        searcher = snapshot.searcher

        def matching(filters: Filters) -> tantivy.Query:
            return combine(None, filter_query(self.schema, filters))

        base = matching(query.filters)
        hits = self._sorted_page(searcher, base, query)
        facets, price_range = self._facets(searcher, matching, query)
        return SearchResult(hits, _count(searcher, base), facets, price_range)

    def _sorted_page(self, searcher: tantivy.Searcher, base: tantivy.Query, query: BackendQuery) -> list[Hit]:
        """A page of `base` ordered by price or by write sequence (newest), ties broken by sequence, starting
        after `query.search_after` (a previous hit's `sort_key`) or at `query.offset`.

        tantivy orders by one fast field; the window fetched is widened to take whole groups of equal values,
        so that the tie-break is exact and a key cursor never skips or repeats a product."""
        by_price = query.sort in (Sort.PRICE_ASC, Sort.PRICE_DESC)
        name = "price" if by_price else "seq"
        descending = query.sort is not Sort.PRICE_ASC
        kind = tantivy.FieldType.Float if by_price else tantivy.FieldType.Integer

        def equal_to(value: Any) -> int:
            return _count(searcher, combine(tantivy.Query.range_query(self.schema, name, kind, value, value), base))

        def order_key(value: Any, seq: int) -> tuple[Any, ...]:
            primary = -value if descending else value
            return (primary, -seq) if by_price else (primary,)

        window_query, skip, ties, after = base, query.offset, 0, None
        if query.search_after:
            value = query.search_after[0]
            bound = (None, value) if descending else (value, None)
            window_query = combine(tantivy.Query.range_query(self.schema, name, kind, *bound), base)
            skip, ties = 0, equal_to(value)
            after = order_key(value, query.search_after[-1])
        order = tantivy.Order.Desc if descending else tantivy.Order.Asc
        everything = searcher.num_docs  # never ask tantivy for more than there is (it allocates for `limit`)
        if skip >= everything:
            return []
        fetch = min(skip + query.limit + 1 + ties, everything)
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
        page = rows[skip : skip + query.limit]
        return [Hit(self._product(searcher, address), 0.0, sort_key=sort_key) for _, address, sort_key in page]

    def _ranked(self, snapshot: _Snapshot, keyword: tantivy.Query | None, query: BackendQuery) -> SearchResult:
        """The keyword and vector legs (each up to `leg_size` deep), fused, then ordered and paged.

        The keyword leg runs first, while the query may still be being embedded (`BackendQuery.vector` a future).
        Its hits' ids come from the vector set's row of each address, not from the stored documents, and its
        search counts every match, so the total needs no second pass over the keyword query."""
        searcher = snapshot.searcher
        filters = filter_query(self.schema, query.filters)
        size = self.fusion.leg_size
        address_of: dict[str, tantivy.DocAddress] = {}
        legs: list[list[tuple[str, float]]] = []
        keyword_leg: list[tuple[str, float]] = []
        vector_leg: list[tuple[str, float]] = []
        keyword_total = 0
        if keyword is not None:
            found = searcher.search(combine(keyword, filters), limit=size, count=True)
            keyword_total = found.count or 0
            vectors = snapshot.vectors
            rows = vectors.rows_of([address for _, address in found.hits])
            for (score, address), row in zip(found.hits, rows.tolist(), strict=True):
                doc_id = vectors.ids[row]
                address_of[doc_id] = address
                keyword_leg.append((doc_id, float(score)))
            legs.append(keyword_leg)
        query = query.resolved()
        if query.vector is not None:
            vector_leg = self._nearest(snapshot, query.vector, query.filters, filters, address_of)
            legs.append(vector_leg)

        weights = (self.fusion.keyword_weight, 1.0 - self.fusion.keyword_weight) if len(legs) == 2 else (1.0,)
        if self.fusion.method == "weighted":
            fused = fusion.weighted_minmax(legs, weights)
        else:
            fused = fusion.rrf(legs, self.fusion.rrf_k, weights)
        order = fusion.ranked(fused)
        if query.sort is not Sort.RELEVANCE:
            addresses = [address_of[doc_id] for doc_id, _ in order]
            descending = query.sort is not Sort.PRICE_ASC
            values = searcher.fast_field_values("seq" if query.sort is Sort.NEWEST else "price", addresses)
            paired = sorted(zip(order, values, strict=True), key=lambda p: -p[1] if descending else p[1])
            order = [item for item, _ in paired]

        keyword_rank = {doc_id: (rank, score) for rank, (doc_id, score) in enumerate(keyword_leg, start=1)}
        vector_rank = {doc_id: (rank, score) for rank, (doc_id, score) in enumerate(vector_leg, start=1)}
        hits = []
        for doc_id, score in order[query.offset : query.offset + query.limit]:
            k_rank, k_score = keyword_rank.get(doc_id, (None, None))
            v_rank, v_score = vector_rank.get(doc_id, (None, None))
            product = self._product(searcher, address_of[doc_id])
            hits.append(Hit(product, score, k_rank, v_rank, k_score, v_score))

        def matching(with_filters: Filters) -> tantivy.Query:
            """The result set under these filters: every keyword match plus the vector leg's neighbours."""
            flt = filter_query(self.schema, with_filters)
            nearest = vector_leg
            if query.vector is not None and with_filters != query.filters:
                nearest = self._nearest(snapshot, query.vector, with_filters, flt, {})
            ids = tantivy.Query.term_set_query(self.schema, "id", [doc_id for doc_id, _ in nearest])
            union = any_of([keyword, ids if nearest else None]) or tantivy.Query.empty_query()
            return combine(union, flt)

        facets, price_range = self._facets(searcher, matching, query)
        return SearchResult(
            hits, self._total(searcher, keyword, keyword_total, keyword_leg, vector_leg), facets, price_range
        )

    def _total(
        self,
        searcher: tantivy.Searcher,
        keyword: tantivy.Query | None,
        keyword_total: int,
        keyword_leg: list[tuple[str, float]],
        vector_leg: list[tuple[str, float]],
    ) -> int:
        """How many products the search matched: every keyword match plus the vector leg's neighbours (which pass
        the filters already). Only the neighbours outside the keyword leg are checked against the keyword query,
        by one small intersection instead of a second pass over all its matches."""
        in_keyword_leg = {doc_id for doc_id, _ in keyword_leg}
        others = [doc_id for doc_id, _ in vector_leg if doc_id not in in_keyword_leg]
        if keyword is None or not others:
            return keyword_total + len(others)
        ids = tantivy.Query.term_set_query(self.schema, "id", others)
        return keyword_total + len(others) - _count(searcher, combine(ids, keyword))

    def _nearest(
        self,
        snapshot: _Snapshot,
        vector: np.ndarray,
        filters: Filters,
        filter_q: tantivy.Query | None,
        address_of: dict[str, tantivy.DocAddress],
    ) -> list[tuple[str, float]]:
        """The vector leg: the `leg_size` nearest products among those passing the filters."""
        vectors = snapshot.vectors
        rows = None if filter_q is None else snapshot.allowed_rows(filters, filter_q)
        leg = []
        for row, score in vectors.top(vector, self.fusion.leg_size, rows):
            doc_id = vectors.ids[row]
            address_of.setdefault(doc_id, vectors.addresses[row])
            leg.append((doc_id, score))
        return leg

    def _facets(
        self, searcher: tantivy.Searcher, matching: Callable[[Filters], tantivy.Query], query: BackendQuery
    ) -> tuple[dict[str, dict[str, int]], tuple[float, float] | None]:
        """Disjunctive facet counts: each facet over the result set under every filter but its own.

        Facets whose own filter is not set share one aggregation; each other one costs one more."""
        if not query.facets:
            return {}, None
        groups: dict[Filters, list[str]] = {}
        for name in query.facets:
            groups.setdefault(query.filters.without(name), []).append(name)
        counts: dict[str, dict[str, int]] = {}
        price_range = None
        for filters, names in groups.items():
            aggs: dict[str, Any] = {}
            for name in names:
                if name == "price":
                    aggs["price"] = {"range": {"field": "price", "ranges": [b.as_range() for b in query.price_buckets]}}
                    aggs["price_stats"] = {"stats": {"field": "price"}}
                else:
                    aggs[name] = {"terms": {"field": FACET_FIELDS[name], "size": FACET_SIZE}}
            result = searcher.aggregate(matching(filters), aggs) if searcher.num_docs else {}
            for name in names:
                buckets = result.get(name, {}).get("buckets", [])
                counts[name] = {b["key"]: b["doc_count"] for b in buckets if b["key"]}
            stats = result.get("price_stats") or {}
            if stats.get("count"):
                price_range = (float(stats["min"]), float(stats["max"]))
        return {name: counts[name] for name in query.facets}, price_range

    def facet_values(self, facet: str, limit: int) -> dict[str, int]:
        searcher = self._current().searcher
        if not searcher.num_docs:
            return {}
        aggs = {"values": {"terms": {"field": FACET_FIELDS[facet], "size": limit}}}
        buckets = searcher.aggregate(tantivy.Query.all_query(), aggs).get("values", {}).get("buckets", [])
        return {b["key"]: b["doc_count"] for b in buckets if b["key"]}

    def prepare_search(self) -> None:
        """Build the vector graph of the current index now, if it is large enough to use one (and save it)."""
        vectors = self._current().vectors  # starts a build in the background if there is no graph yet
        if vectors.ann is None and self._ann.wanted(len(vectors)):  # wait for it (or build it here)
            self._ann.open(vectors.keys, vectors.matrix, lambda graph: setattr(vectors, "ann", graph), background=False)

    def generation(self) -> object:
        return (str(self.index_dir), self._stamp())

    @staticmethod
    def _product(searcher: tantivy.Searcher, address: tantivy.DocAddress) -> Product:
        return Product.model_validate_json(searcher.doc(address).get_first("record"))

    # -- writing ------------------------------------------------------------------------------------------

    def _get_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = _open_writer(self.index, self.data_dir)
        return self._writer

    def reserve_writer(self) -> None:
        with self._write_lock:
            self._get_writer()

    def upsert(self, documents: Sequence[IndexDocument]) -> None:
        if not documents:
            return
        for document in documents:
            if document.vector.shape != (self.dim,):
                raise ValueError(
                    f"product {document.product.id!r}: vector has shape {document.vector.shape}, expected ({self.dim},)"
                )
        now = int(time.time())
        with self._write_lock:
            self._check_writable()
            writer = self._get_writer()
            try:
                for document, seq in zip(documents, write_sequence(len(documents)), strict=True):
                    writer.delete_documents_by_term("id", document.product.id)
                    writer.add_document(self._to_tantivy(document, now, seq))
            except (OSError, ValueError) as exc:
                raise self._failed(exc) from exc
            self._commit(writer, {document.product.id: document.content_hash for document in documents})

    def delete(self, ids: Sequence[str]) -> int:
        with self._write_lock:
            self._check_writable()
            existing = self.content_hashes(ids)
            if not existing:
                return 0
            writer = self._get_writer()
            try:
                for doc_id in existing:
                    writer.delete_documents_by_term("id", doc_id)
            except (OSError, ValueError) as exc:
                raise self._failed(exc) from exc
            self._commit(writer, dict.fromkeys(existing))
            return len(existing)

    # -- durability ---------------------------------------------------------------------------------------
    #
    # A write is acknowledged only once tantivy committed it and a fresh reader finds it. A commit that fails
    # (a full disk, a file-size limit, an I/O error) leaves tantivy's writer unusable: it would take later
    # documents and silently drop them. So the writer is rolled back to the last commit and writes are refused
    # (`WriteUnavailable`, `write_problem`) until a recovery finds room to write, has a writer at the last commit
    # and reads the index back.

    def _commit(self, writer: tantivy.IndexWriter, expected: dict[str, str | None]) -> None:
        """Commit, then read back: every id in `expected` has its content hash (None: is gone)."""
        try:
            writer.commit()
        except (OSError, ValueError) as exc:
            raise self._failed(exc) from exc
        self.index.reload()
        found = self._hashes(self.index.searcher(), list(expected))
        lost = [doc_id for doc_id, content_hash in expected.items() if found.get(doc_id) != content_hash]
        if lost:
            raise self._failed(RuntimeError(f"{len(lost)} product(s) not found after the commit, e.g. {lost[0]!r}"))
        try:
            self._write_manifest(updated_at=datetime.now(UTC).isoformat(timespec="seconds"))
        except OSError as exc:  # the write is durable (committed, read back); only the update time is not
            self._write_problem = f"the disk is failing: {_cause(exc)}"
            self._recover_after = time.monotonic() + RECOVERY_INTERVAL_S
            log.error("the index manifest could not be updated after a commit: %s", exc)

    def _failed(self, exc: Exception) -> WriteUnavailable:
        """Refuse writes from now on (until `_recover`) and roll the writer back to the last commit."""
        cause = _cause(exc)
        if cause == UNKNOWN_CAUSE:  # tantivy lost it (a worker thread died): what does the disk say?
            cause = self._probe() or cause
        self._write_problem = (
            f"the last write could not be saved ({cause}); writes are refused until the index can be written again"
        )
        self._recover_after = time.monotonic() + RECOVERY_INTERVAL_S
        log.error("a write to the index failed; writes are refused until it can write again: %s", exc)
        if self._writer is not None:
            try:
                self._writer.rollback()
            except (OSError, ValueError) as rollback_error:
                log.error("the index writer could not be rolled back, it is reopened: %s", rollback_error)
                self._writer = None
        return WriteUnavailable(f"the write was not saved ({cause}); send it again once the index can be written")

    def _check_writable(self) -> None:
        """Raise `WriteUnavailable` while writes are refused and a recovery does not succeed."""
        if self._write_problem is not None and not self._recover(force=True):
            raise WriteUnavailable(self._write_problem)

    def _recover(self, force: bool = False) -> bool:
        """Try to take writes again (under the write lock): room to write, a writer at the last commit, the index
        read back. Without `force`, at most every RECOVERY_INTERVAL_S."""
        if not force and time.monotonic() < self._recover_after:
            return False
        self._recover_after = time.monotonic() + RECOVERY_INTERVAL_S
        cause = self._probe()
        if cause is not None:
            self._write_problem = f"the index cannot be written ({cause}); writes are refused until it can be"
            return False
        try:
            if self._writer is None:
                self._writer = _open_writer(self.index, self.data_dir)
            else:
                self._writer.rollback()
            self.index.reload()
            self.index.searcher()
        except (OSError, ValueError, IndexLocked) as exc:
            self._write_problem = f"the index cannot be reopened for writing: {_cause(exc)}"
            return False
        log.warning("the index takes writes again")
        self._write_problem = None
        return True

    def _probe(self) -> str | None:
        """Whether WRITE_PROBE_BYTES can be written and synced beside the index: None if so, else why not."""
        probe = self.data_dir / ".write-probe"
        try:
            with probe.open("wb") as f:
                f.write(b"\0" * WRITE_PROBE_BYTES)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            return _cause(exc)
        finally:
            probe.unlink(missing_ok=True)
        return None

    def write_problem(self) -> str | None:
        if self._write_problem is not None and self._write_lock.acquire(blocking=False):
            try:
                if self._write_problem is not None:
                    self._recover()
            finally:
                self._write_lock.release()
        return self._write_problem

    @staticmethod
    def _to_tantivy(document: IndexDocument, now: int, seq: int) -> tantivy.Document:
        product = document.product
        fields: dict[str, Any] = {
            **searchable_fields(document),
            "updated_at": now,
            "seq": seq,
            "record": product.model_dump_json(),
            "vector": np.asarray(document.vector, dtype="<f4").tobytes(),
        }
        doc = tantivy.Document(**fields)
        if product.category:
            doc.add_facet("category_path", category_facet(product.category))
        return doc

    def check(self) -> None:
        """The index is a local directory: once open, it is always available."""

    def close(self) -> None:
        with self._write_lock:
            if self._writer is not None:
                self._writer.wait_merging_threads()
                self._writer = None


def _cause(exc: Exception) -> str:
    """What went wrong, in words that carry no path: the OS error tantivy wraps in its message, if any."""
    if isinstance(exc, OSError) and exc.errno:
        return os.strerror(exc.errno)
    code = re.search(r"os error (\d+)", str(exc))
    if code:
        return os.strerror(int(code.group(1)))
    if "lock" in str(exc).lower():
        return "another process holds the index's write lock"
    return UNKNOWN_CAUSE if isinstance(exc, OSError | ValueError) else str(exc)


def _count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    return searcher.search(query, limit=1, count=True).count or 0


def _open_writer(index: tantivy.Index, data_dir: Path) -> tantivy.IndexWriter:
    try:
        return index.writer(WRITER_HEAP_BYTES, 1)
    except ValueError as exc:
        if "lock" in str(exc).lower():
            raise IndexLocked(
                f"another process is writing to the index in {data_dir}: one writer at a time. If it is "
                "`haitao serve` with HAITAO_ADMIN_API_KEY set, stop it or send the update through "
                "POST /v1/admin/products; if it is another `haitao index`, wait for it to finish"
            ) from exc
        raise
