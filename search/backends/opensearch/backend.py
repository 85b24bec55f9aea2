"""`OpenSearchBackend`: the `SearchBackend` interface on an OpenSearch 3.x cluster, through opensearch-py.

Searches go through the alias (see `index.py`). A query with both legs is one `hybrid` request fused by a search
pipeline that this backend creates (RRF by default, the embedded backend's fusion); a query with one leg is a plain
query, and an empty query browses (filters + sort). Writes use `helpers.streaming_bulk`: documents refused by the
cluster are reported per id (`DocumentWriteError`), and rejections for load (429, 503) are retried with
exponential backoff.

The backend opens lazily: when OpenSearch is unreachable, every call raises `BackendUnavailable` (the API answers
503) and the next call tries again, so the service recovers by itself when the cluster comes back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import TransportError

from search.backends.base import (
    BackendQuery,
    BackendUnavailable,
    DocumentWriteError,
    Hit,
    IndexDocument,
    IndexStats,
    SearchBackend,
    SearchResult,
    Sort,
)
from search.backends.fields import searchable_fields, write_sequence
from search.backends.opensearch import queries
from search.backends.opensearch.index import (
    FACET_FIELDS,
    VECTOR_FIELD,
    IndexManager,
    IndexOptions,
    category_prefixes,
)
from search.catalog import Product
from search.fusion import FusionConfig

log = logging.getLogger(__name__)
T = TypeVar("T")
TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})
ID_PAGE = 1000
PRODUCT_PAGE = 500


@dataclass(frozen=True)
class OpenSearchConfig:
    url: str = "http://localhost:9200"
    username: str | None = None
    password: str | None = None
    verify_certs: bool = True
    ca_certs: Path | None = None
    timeout_s: float = 10.0
    index: IndexOptions = field(default_factory=IndexOptions)
    refresh: str = "wait_for"  # "wait_for", "true" or "false"
    bulk_chunk_size: int = 500
    bulk_retries: int = 5
    bulk_backoff_s: float = 1.0
    pipeline: str = "haitao-hybrid"


def make_client(config: OpenSearchConfig) -> OpenSearch:
    """An opensearch-py client; TLS follows the URL scheme, credentials and CA bundle come from the config."""
    kwargs: dict[str, Any] = {
        "hosts": [config.url],
        "timeout": config.timeout_s,
        "max_retries": 1,
        "retry_on_timeout": True,
    }
    if config.username is not None:
        kwargs["http_auth"] = (config.username, config.password or "")
    if config.url.startswith("https://"):
        kwargs["verify_certs"] = config.verify_certs
        kwargs["ssl_show_warn"] = config.verify_certs
        if config.ca_certs is not None:
            kwargs["ca_certs"] = str(config.ca_certs)
    return OpenSearch(**kwargs)


class OpenSearchBackend(SearchBackend):
    def __init__(
        self,
        config: OpenSearchConfig,
        model: str,
        dim: int,
        fusion_config: FusionConfig | None = None,
        create: bool = False,
        rebuild: bool = False,
    ) -> None:
        self.config = config
        self.model, self.dim = model, dim
        self.fusion = fusion_config or FusionConfig()
        self.client = make_client(config)
        self.indices = IndexManager(self.client, model, dim, config.index)
        self.alias = config.index.alias
        self._create, self._rebuild = create or rebuild, rebuild
        self._write_index = self.alias  # a rebuild writes to its new physical index until it is published
        self._opened = False
        self._pipeline_ready = False
        self._lock = threading.Lock()
        try:
            self._ensure_open()
        except BackendUnavailable as exc:  # not fatal: every call retries until the cluster is back
            log.warning("%s; will retry on the next request", exc)

    # -- connection ---------------------------------------------------------------------------------------

    def _call(self, what: str, fn: Callable[[], T]) -> T:
        """Run one request; unreachable or overloaded cluster → `BackendUnavailable` with a clear message."""
        try:
            return fn()
        except OSConnectionError as exc:
            raise BackendUnavailable(f"OpenSearch at {self.config.url} is unreachable ({what}): {exc.error}") from exc
        except TransportError as exc:
            if exc.status_code in TRANSIENT_STATUSES:
                raise BackendUnavailable(
                    f"OpenSearch at {self.config.url} is unavailable ({what}): {exc.status_code} {exc.error}"
                ) from exc
            raise

    def _ensure_open(self) -> None:
        """Check (or create) the index behind the alias once the cluster is reachable; idempotent."""
        if self._opened:
            return
        with self._lock:
            if self._opened:
                return
            if self._rebuild:
                self._write_index = self._call("creating the new index", self.indices.create_next)
                log.info("rebuilding into %s; the alias moves when the rebuild completes", self._write_index)
            else:
                self._call("opening the index", lambda: self.indices.open(create=self._create))
            self._opened = True
        self._ensure_pipeline()

    def _ensure_pipeline(self) -> None:
        """Create (or update) the hybrid search pipeline; a cluster without it can still serve one-leg queries."""
        if self._pipeline_ready:
            return
        body = queries.pipeline_body(self.fusion.method, self.fusion.rrf_k, self.fusion.keyword_weight)
        try:
            self._call(
                "creating the search pipeline",
                lambda: self.client.search_pipeline.put(id=self.config.pipeline, body=body),
            )
            self._pipeline_ready = True
        except TransportError as exc:
            log.warning(
                "OpenSearch at %s refused the search pipeline %r (%s %s): hybrid searches are unavailable; "
                "OpenSearch 3.0+ with the neural-search plugin is required",
                self.config.url,
                self.config.pipeline,
                exc.status_code,
                exc.error,
            )

    def check(self) -> None:
        self._ensure_open()
        self._call("checking the alias", lambda: self.indices.current())

    # -- reading ------------------------------------------------------------------------------------------

    def _search(self, index: str, body: dict[str, Any], **params: Any) -> dict[str, Any]:
        self._ensure_open()
        return self._call("searching", lambda: self.client.search(index=index, body=body, **params))

    def get(self, product_id: str) -> Product | None:
        body = {"query": {"ids": {"values": [product_id]}}, "size": 1, "_source": queries.SOURCE}
        hits = self._search(self.alias, body)["hits"]["hits"]
        return _product(hits[0]) if hits else None

    def iter_ids(self) -> Iterator[str]:
        ids: list[str] = []
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {
                "query": {"match_all": {}},
                "size": ID_PAGE,
                "_source": False,
                "sort": [{"id": {"order": "asc"}}],
            }
            if after is not None:
                body["search_after"] = after
            hits = self._search(self.alias, body)["hits"]["hits"]
            ids.extend(hit["_id"] for hit in hits)
            if len(hits) < ID_PAGE:
                return iter(ids)
            after = hits[-1]["sort"]

    def iter_products(self) -> Iterator[Product]:
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {
                "query": {"match_all": {}},
                "size": PRODUCT_PAGE,
                "_source": queries.SOURCE,
                "sort": [{"id": {"order": "asc"}}],
            }
            if after is not None:
                body["search_after"] = after
            hits = self._search(self.alias, body)["hits"]["hits"]
            yield from (_product(hit) for hit in hits)
            if len(hits) < PRODUCT_PAGE:
                return
            after = hits[-1]["sort"]

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        if not ids:
            return {}
        body = {"query": {"ids": {"values": list(ids)}}, "size": len(ids), "_source": ["content_hash"]}
        hits = self._search(self._write_index, body)["hits"]["hits"]
        return {hit["_id"]: hit["_source"]["content_hash"] for hit in hits}

    def stats(self) -> IndexStats:
        self._ensure_open()
        name = self._call("reading the mapping", self.indices.current)
        meta = self._call("reading the mapping", lambda: self.indices.meta(name)) if name else {}
        body = {"size": 0, "track_total_hits": True, "aggs": {"updated": {"max": {"field": "indexed_at"}}}}
        response = self._search(self.alias, body)
        latest = response.get("aggregations", {}).get("updated", {}).get("value")
        updated_at = None
        if latest is not None:
            updated_at = datetime.fromtimestamp(latest / 1000, UTC).isoformat(timespec="seconds")
        return IndexStats(
            count=response["hits"]["total"]["value"],
            model=meta.get("model"),
            dim=meta.get("dim"),
            updated_at=updated_at,
        )

    # -- searching ----------------------------------------------------------------------------------------

    def search(self, query: BackendQuery) -> SearchResult:
        query = query.resolved()  # one request carries both legs: the vector is needed first
        keyword = None
        if query.concepts:
            keyword = queries.keyword_query(query.concepts, query.boost_brands, query.boost_categories)
        # Facets whose own filter is set are counted by their own request (disjunctive facets, like the
        # embedded backend); the others ride on the main request.
        shared = [f for f in query.facets if query.filters.without(f) == query.filters]
        aggs = queries.facet_aggs(shared, query.price_buckets)
        if keyword is not None and query.vector is not None:
            response = self._hybrid(keyword, query, aggs)
            hits = hybrid_hits(response)
            if query.explain:
                self._explain_legs(keyword, query, hits)
        else:
            response, hits = self._single_leg(keyword, query, aggs)
        result = parse_result(response, shared, hits)
        for name in query.facets:
            if name not in shared:
                body = queries.matching_body(
                    keyword,
                    query.vector,
                    self.fusion.leg_size,
                    query.filters.without(name),
                    queries.facet_aggs([name], query.price_buckets),
                )
                own = parse_result(self._search(self.alias, body), [name], [])
                result.facets[name] = own.facets[name]
                if name == "price":
                    result.price_range = own.price_range
        result.facets = {name: result.facets.get(name, {}) for name in query.facets}
        return result

    def _single_leg(
        self, keyword: dict[str, Any] | None, query: BackendQuery, aggs: dict[str, Any]
    ) -> tuple[dict[str, Any], list[Hit]]:
        if query.vector is not None:
            leg, leg_name = queries.knn_query(query.vector, self.fusion.leg_size), "vector"
        else:
            leg, leg_name = keyword, "keyword"
        offset = query.offset
        if leg is not None and offset >= self.fusion.leg_size:  # relevance pages go leg_size deep, as embedded
            offset = 0
        body = queries.single_leg_body(
            leg, query.filters, aggs, query.sort, offset, query.limit, None if leg else query.search_after
        )
        if leg is not None and query.offset >= self.fusion.leg_size:
            body["size"] = 0
        response = self._search(self.alias, body)
        hits = []
        for position, raw in enumerate(response["hits"]["hits"], start=query.offset + 1):
            raw_score = raw.get("_score")
            hit = Hit(_product(raw), float(raw_score or 0.0))
            if leg is None:
                hit.sort_key = tuple(raw.get("sort") or ())
            else:
                if query.sort is Sort.RELEVANCE:
                    # One leg alone: the fused score of its rank, as the embedded backend gives it.
                    hit.score = 1.0 / (self.fusion.rrf_k + position)
                    setattr(hit, f"{leg_name}_rank", position)
                setattr(hit, f"{leg_name}_score", None if raw_score is None else float(raw_score))
            hits.append(hit)
        return response, hits

    def _hybrid(self, keyword: dict[str, Any], query: BackendQuery, aggs: dict[str, Any]) -> dict[str, Any]:
        self._ensure_open()
        self._ensure_pipeline()
        if not self._pipeline_ready:
            raise BackendUnavailable(
                f"OpenSearch at {self.config.url} cannot run hybrid searches: it refused the search pipeline "
                f"{self.config.pipeline!r} (OpenSearch 3.0+ with the neural-search plugin is required)"
            )
        depth = self.fusion.leg_size
        offset, limit = query.offset, query.limit
        if offset >= depth:  # beyond the fused candidates: no hits, but still the total and facets
            offset, limit = 0, 0
        body = queries.hybrid_body(keyword, query.vector, depth, depth, query.filters, aggs, query.sort, offset, limit)
        return self._search(self.alias, body, search_pipeline=self.config.pipeline)

    def _explain_legs(self, keyword: dict[str, Any], query: BackendQuery, hits: list[Hit]) -> None:
        """Each hit's rank and score in each leg, by running the two legs alone (a hybrid response only
        carries the fused score). Two more requests, made only when explain is asked for."""
        depth = self.fusion.leg_size
        assert query.vector is not None
        legs = {"keyword": keyword, "vector": queries.knn_query(query.vector, depth)}
        for name, leg in legs.items():
            body = queries.single_leg_body(leg, query.filters, {}, Sort.RELEVANCE, 0, depth)
            body["_source"] = False
            ranked = self._search(self.alias, body)["hits"]["hits"]
            position = {raw["_id"]: (rank, raw.get("_score")) for rank, raw in enumerate(ranked, start=1)}
            for hit in hits:
                rank, score = position.get(hit.product.id, (None, None))
                setattr(hit, f"{name}_rank", rank)
                setattr(hit, f"{name}_score", None if score is None else float(score))

    def facet_values(self, facet: str, limit: int) -> dict[str, int]:
        aggs = {"values": {"terms": {"field": FACET_FIELDS[facet], "size": limit}}}
        body = {"size": 0, "query": {"match_all": {}}, "aggs": aggs}
        buckets = self._search(self.alias, body).get("aggregations", {}).get("values", {}).get("buckets", [])
        return {b["key"]: b["doc_count"] for b in buckets if b["key"]}

    # -- writing ------------------------------------------------------------------------------------------

    def upsert(self, documents: Sequence[IndexDocument]) -> None:
        if not documents:
            return
        now = datetime.now(UTC).isoformat(timespec="seconds")
        actions = []
        for document, seq in zip(documents, write_sequence(len(documents)), strict=True):
            if document.vector.shape != (self.dim,):
                raise ValueError(
                    f"product {document.product.id!r}: vector has shape {document.vector.shape}, expected ({self.dim},)"
                )
            actions.append({"_op_type": "index", "_id": document.product.id, "_source": to_source(document, now, seq)})
        self._bulk(actions)

    def delete(self, ids: Sequence[str]) -> int:
        existing = self.content_hashes(ids)
        if existing:
            self._bulk([{"_op_type": "delete", "_id": doc_id} for doc_id in existing])
        return len(existing)

    def _bulk(self, actions: list[dict[str, Any]]) -> None:
        """Send actions with streaming_bulk; retry 429/503 rejections with backoff; report what still failed."""
        self._ensure_open()
        pending = [{**action, "_index": self._write_index} for action in actions]
        failures: dict[str, str] = {}
        for attempt in range(self.config.bulk_retries + 1):
            last = attempt == self.config.bulk_retries
            if attempt:
                time.sleep(min(self.config.bulk_backoff_s * 2 ** (attempt - 1), 60.0))
            by_id = {action["_id"]: action for action in pending}
            retry: list[dict[str, Any]] = []
            try:
                for ok, item in helpers.streaming_bulk(
                    self.client,
                    pending,
                    chunk_size=self.config.bulk_chunk_size,
                    raise_on_error=False,
                    refresh=self.config.refresh,
                ):
                    if ok:
                        continue
                    info = next(iter(item.values()))
                    if info.get("status") in TRANSIENT_STATUSES and not last:
                        retry.append(by_id[info["_id"]])
                    else:
                        failures[info["_id"]] = _reason(info)
            except (OSConnectionError, TransportError) as exc:
                status = getattr(exc, "status_code", None)
                transient = isinstance(exc, OSConnectionError) or status in TRANSIENT_STATUSES
                if not transient:
                    raise
                if last:
                    raise BackendUnavailable(
                        f"OpenSearch at {self.config.url} did not accept a bulk write after "
                        f"{self.config.bulk_retries} retries: {exc}"
                    ) from exc
                log.warning("bulk write refused (%s); retrying %d documents", exc, len(pending))
                continue  # the whole request failed: every pending action again (index and delete are idempotent)
            if not retry:
                break
            log.warning("%d documents rejected for load; retrying", len(retry))
            pending = retry
        if failures:
            raise DocumentWriteError(failures)

    def commit_rebuild(self) -> None:
        """Point the alias at the rebuilt index (one atomic request) and drop the index it replaced."""
        if not self._rebuild:
            return
        self._ensure_open()
        old = self._call("swapping the alias", lambda: self.indices.swap(self._write_index))
        log.info("alias %s now points to %s (was %s)", self.alias, self._write_index, old)
        self._write_index, self._rebuild = self.alias, False

    def abandon_rebuild(self) -> None:
        """Delete the half-built physical index; the alias still points to the complete old one."""
        if not self._rebuild or self._write_index == self.alias:
            return
        unfinished = self._write_index
        self._call("dropping the unfinished rebuild", lambda: self.indices.drop(unfinished))
        log.info("rebuild into %s abandoned; the alias %s is unchanged", unfinished, self.alias)
        self._write_index, self._rebuild = self.alias, False

    def close(self) -> None:
        self.client.close()


def _reason(info: dict[str, Any]) -> str:
    error = info.get("error")
    if isinstance(error, dict):
        return f"{error.get('type', 'error')}: {error.get('reason', '')}".strip()
    return str(error or f"status {info.get('status')}")


def _product(raw: dict[str, Any]) -> Product:
    return Product.model_validate(raw["_source"]["record"])


def hybrid_hits(response: dict[str, Any]) -> list[Hit]:
    """Hits of a hybrid response: `_score` is the pipeline's fused score (null when sorted by a field).

    The response does not tell each leg's rank, so `keyword_rank`/`vector_rank` stay None here.
    """
    return [Hit(_product(raw), float(raw.get("_score") or 0.0)) for raw in response["hits"]["hits"]]


def parse_result(response: dict[str, Any], facets: Sequence[str], hits: list[Hit]) -> SearchResult:
    """Total, facet counts and price range of a search response (hits are parsed by the caller, leg-aware)."""
    aggregations = response.get("aggregations", {})
    counts = {
        name: {b["key"]: b["doc_count"] for b in aggregations.get(name, {}).get("buckets", []) if b["key"]}
        for name in facets
    }
    stats = aggregations.get("price_stats") or {}
    price_range = (float(stats["min"]), float(stats["max"])) if stats.get("count") else None
    return SearchResult(hits, response["hits"]["total"]["value"], counts, price_range)


def to_source(document: IndexDocument, indexed_at: str, seq: int) -> dict[str, Any]:
    """An `IndexDocument` as the `_source` of its OpenSearch document (the fields of `index.index_body`)."""
    product = document.product
    source: dict[str, Any] = {
        **searchable_fields(document),
        "brand": product.brand or None,  # no empty bucket in the facets
        "category": product.category or None,
        "category_path": category_prefixes(product.category),
        "indexed_at": indexed_at,
        "seq": seq,
        "record": product.model_dump(mode="json"),
        VECTOR_FIELD: [float(x) for x in document.vector],
    }
    return source
