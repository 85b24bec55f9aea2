"""`OpenSearchBackend`: the `SearchBackend` interface on an OpenSearch 3.x cluster, through opensearch-py.

Searches go through the alias (see `index.py`). The backend answers the contract's primitives — the keyword leg
(a bool query of analysed terms), the vector leg (`knn` with the filter inside), browsing, counts and facets of a
result set, records by id — each one plain request; `search.retrieval` fuses the legs above it, as for the embedded
backend. Writes use `helpers.streaming_bulk`: documents refused by the cluster are reported per id
(`DocumentWriteError`), and rejections for load (429, 503) are retried with exponential backoff. Every write then
records a new generation (`index.py`), which every process reads to know its cached results are stale.

The backend opens lazily: when OpenSearch is unreachable, every call raises `BackendUnavailable` (the API answers
503) and the next call tries again, so the service recovers by itself when the cluster comes back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import TransportError

from search.backends import base, grouping  # the contract's types, as base.X
from search.backends.base import BackendUnavailable, DocumentWriteError, IndexNotFound, SearchBackend, write_sequence
from search.backends.opensearch import queries
from search.backends.opensearch.index import (
    CATEGORY_PATH,
    ENGLISH_ANALYZER,
    NODE_RECORD,
    VECTOR_FIELD,
    IndexManager,
    IndexOptions,
    category_prefixes,
)
from search.catalog import Product, Variant
from search.fields import (
    BY_NAME,
    GROUP_FIELD,
    KEY_FIELD,
    NODE_CONFIDENCE,
    FieldType,
    ProductNode,
    english_index_text,
    index_values,
)
from search.ranking import RankingSpec
from search.sellers import Seller

log = logging.getLogger(__name__)
T = TypeVar("T")
TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})
ID_PAGE = 1000
PRODUCT_PAGE = 500
FREQUENCY_CACHE_SIZE = 100_000


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
        spec: RankingSpec | None = None,
        create: bool = False,
        rebuild: bool = False,
    ) -> None:
        self.config = config
        self.model, self.dim = model, dim
        self.spec = spec or RankingSpec()
        self.client = make_client(config)
        self.indices = IndexManager(self.client, model, dim, config.index)
        self.alias = config.index.alias
        self._create, self._rebuild = create or rebuild, rebuild
        self._write_index = self.alias  # a rebuild writes to its new physical index until it is published
        self._opened = False
        self._lock = threading.Lock()
        self._frequencies: dict[str, int] = {}  # analysed term → products, counted at `_frequencies_at`
        self._frequencies_at: Hashable = None  # the generation last read
        self._sellers: tuple[Hashable, dict[str, Seller]] | None = None  # the records, at the generation read
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

    @classmethod
    def built_with(cls, config: OpenSearchConfig) -> tuple[str, int]:
        """The model and dimension the index behind the alias was built with (to open it without a model)."""
        client = make_client(config)
        indices = IndexManager(client, "", 0, config.index)
        try:
            name = indices.current()
            if name is None:
                raise IndexNotFound(
                    f"no OpenSearch index behind the alias {config.index.alias!r}: build one first with "
                    "`HAITAO_BACKEND=opensearch haitao index FILE`"
                )
            meta = indices.meta(name)
        except OSConnectionError as exc:
            raise BackendUnavailable(f"OpenSearch at {config.url} is unreachable: {exc.error}") from exc
        finally:
            client.close()
        return str(meta.get("model")), int(meta.get("dim") or 0)

    def check(self) -> None:
        self._ensure_open()
        self._call("checking the alias", lambda: self.indices.current())

    # -- reading ------------------------------------------------------------------------------------------

    def _search(self, index: str, body: dict[str, Any], **params: Any) -> dict[str, Any]:
        self._ensure_open()
        return self._call("searching", lambda: self.client.search(index=index, body=body, **params))

    def fetch(self, keys: Sequence[str]) -> dict[str, Product]:
        if not keys:
            return {}
        body = {"query": {"ids": {"values": list(keys)}}, "size": len(keys), "_source": queries.SOURCE}
        return {hit["_id"]: _product(hit) for hit in self._search(self.alias, body)["hits"]["hits"]}

    def types(self, keys: Sequence[str]) -> dict[str, ProductNode]:
        if not keys:
            return {}
        body = {"query": {"ids": {"values": list(keys)}}, "size": len(keys), "_source": [NODE_RECORD]}
        hits = self._search(self.alias, body)["hits"]["hits"]
        return {hit["_id"]: ProductNode.from_dict(hit["_source"].get(NODE_RECORD)) for hit in hits}

    def of_type(self, keys: Sequence[str], node: str | tuple[str, ...], min_confidence: float) -> dict[str, float]:
        if not keys or not node:
            return {}
        body = {
            "query": {"bool": {"filter": queries.of_type_filter(keys, node, min_confidence)}},
            "size": len(keys),
            "_source": [NODE_CONFIDENCE],
        }
        hits = self._search(self.alias, body)["hits"]["hits"]
        return {hit["_id"]: float(hit["_source"].get(NODE_CONFIDENCE) or 0.0) for hit in hits}

    def iter_keys(self, seller: str | None = None) -> Iterator[str]:
        ids: list[str] = []
        after: list[Any] | None = None
        query = {"match_all": {}} if seller is None else queries.filter_query(base.Filters.where(seller=(seller,)))
        while True:
            body: dict[str, Any] = {
                "query": query,
                "size": ID_PAGE,
                "_source": False,
                "sort": [{KEY_FIELD: {"order": "asc"}}],
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
                "sort": [{KEY_FIELD: {"order": "asc"}}],
            }
            if after is not None:
                body["search_after"] = after
            hits = self._search(self.alias, body)["hits"]["hits"]
            yield from (_product(hit) for hit in hits)
            if len(hits) < PRODUCT_PAGE:
                return
            after = hits[-1]["sort"]

    def content_hashes(self, keys: Sequence[str]) -> dict[str, str]:
        if not keys:
            return {}
        body = {"query": {"ids": {"values": list(keys)}}, "size": len(keys), "_source": ["content_hash"]}
        hits = self._search(self._write_index, body)["hits"]["hits"]
        return {hit["_id"]: hit["_source"]["content_hash"] for hit in hits}

    # -- sellers ------------------------------------------------------------------------------------------

    def sellers(self) -> dict[str, Seller]:
        """Read once per generation (the service reads the generation before every search)."""
        generation = self.generation()
        with self._lock:
            if self._sellers is not None and self._sellers[0] == generation:
                return dict(self._sellers[1])
        records = self._call("reading the sellers", self.indices.sellers)
        sellers = {record["id"]: Seller.model_validate(record) for record in records}
        with self._lock:
            self._sellers = (generation, sellers)
        return dict(sellers)

    def put_sellers(self, sellers: Sequence[Seller]) -> None:
        if not sellers:
            return
        self._ensure_open()
        records = [seller.model_dump(mode="json") for seller in sellers]
        try:
            self._call("writing the sellers", lambda: self.indices.put_sellers(records))
        finally:
            self._changed()

    def delete_seller(self, seller: str) -> bool:
        self._ensure_open()
        deleted = self._call("removing a seller", lambda: self.indices.delete_seller(seller))
        if deleted:
            self._changed()
        return deleted

    def stats(self) -> base.IndexStats:
        self._ensure_open()
        name = self._call("reading the mapping", self.indices.current)
        meta = self._call("reading the mapping", lambda: self.indices.meta(name)) if name else {}
        body = {"size": 0, "track_total_hits": True, "aggs": {"updated": {"max": {"field": "indexed_at"}}}}
        response = self._search(self.alias, body)
        latest = response.get("aggregations", {}).get("updated", {}).get("value")
        updated_at = None
        if latest is not None:
            updated_at = datetime.fromtimestamp(latest / 1000, UTC).isoformat(timespec="seconds")
        return base.IndexStats(
            count=response["hits"]["total"]["value"],
            model=meta.get("model"),
            dim=meta.get("dim"),
            updated_at=updated_at,
        )

    # -- searching ----------------------------------------------------------------------------------------

    def keyword_leg(self, query: base.BackendQuery, filters: base.Filters, size: int) -> tuple[base.Leg, int]:
        keyword = queries.keyword_query(query.concepts, self.spec, query.boost_brands)
        if keyword is None:
            return [], 0
        found = self._search(self.alias, queries.keyword_leg_body(keyword, filters, size))["hits"]
        return [(hit["_id"], float(hit.get("_score") or 0.0)) for hit in found["hits"]], found["total"]["value"]

    def vector_leg(self, vector: np.ndarray, filters: base.Filters, size: int) -> base.Leg:
        space = self.config.index.vector.space_type
        try:
            hits = self._search(self.alias, queries.knn_body(vector, filters, size))["hits"]["hits"]
        except TransportError as exc:
            if exc.status_code == 400 and "knn" in str(exc.info):
                raise BackendUnavailable(
                    f"OpenSearch at {self.config.url} cannot run knn queries ({exc.error}): the vector leg needs "
                    "OpenSearch with the k-NN plugin (in the standard distribution)"
                ) from exc
            raise
        return [(hit["_id"], queries.cosine_of(float(hit.get("_score") or 0.0), space)) for hit in hits]

    def browse(
        self, filters: base.Filters, sort: base.Sort, offset: int, limit: int, search_after: tuple[Any, ...] | None
    ) -> list[base.Hit]:
        body = queries.browse_body(filters, sort, offset, limit, search_after)
        hits = self._search(self.alias, body)["hits"]["hits"]
        return [base.Hit(_product(raw), 0.0, sort_key=tuple(raw.get("sort") or ())) for raw in hits]

    def browse_groups(
        self, filters: base.Filters, sort: base.Sort, offset: int, limit: int, search_after: tuple[Any, ...] | None
    ) -> list[base.Hit]:
        """By browsing variants (`grouping`): OpenSearch's field collapsing pages with `from`, not `search_after`."""
        return grouping.browse_groups(self, filters, sort, offset, limit, search_after)

    def group_variants(self, groups: Sequence[str], filters: base.Filters, limit: int) -> dict[str, list[Variant]]:
        return grouping.group_variants(self, groups, filters, limit)

    def groups_of(self, keys: Sequence[str]) -> dict[str, str]:
        if not keys:
            return {}
        body = {"query": {"ids": {"values": list(keys)}}, "size": len(keys), "_source": [GROUP_FIELD]}
        hits = self._search(self.alias, body)["hits"]["hits"]
        return {hit["_id"]: str(hit["_source"].get(GROUP_FIELD) or hit["_id"]) for hit in hits}

    def sort_values(self, keys: Sequence[str], sort: base.Sort) -> dict[str, float]:
        if not keys:
            return {}
        name = "seq" if sort is base.Sort.NEWEST else "price"
        body = {
            "query": {"ids": {"values": list(keys)}},
            "size": len(keys),
            "_source": False,
            "docvalue_fields": [name],
        }
        hits = self._search(self.alias, body)["hits"]["hits"]
        return {hit["_id"]: float((hit.get("fields", {}).get(name) or [0])[0]) for hit in hits}

    def count(
        self, results: base.ResultSet, facets: Sequence[str], price_buckets: Sequence[base.PriceBucket]
    ) -> base.Counts:
        keyword = None
        if results.concepts is not None:
            keyword = queries.keyword_query(results.concepts, self.spec)
        near, ids = None, results.ids
        if results.near is not None:
            # every product above the floor, by the engine's radial search (the same for the total and every
            # facet, whatever the k-NN leg returned)
            near = queries.radial(results.near.vector, results.near.floor, self.config.index.vector.space_type)
            ids = None
        searching = results.concepts is not None or ids is not None or near is not None
        if searching and keyword is None and not ids and near is None:  # no leg found anything
            return base.Counts(0, {name: {} for name in facets})
        aggs = queries.facet_aggs(facets, price_buckets, self.spec.facet_size, distinct=results.distinct)
        if results.distinct:
            aggs[queries.GROUPS] = queries.GROUP_COUNT
        response = self._search(self.alias, queries.count_body(keyword, ids, results.filters, aggs, near))
        aggregations = response.get("aggregations", {})

        def counted(bucket: dict[str, Any]) -> int:  # products, or with `distinct` groups (approximate: see queries)
            return int(bucket[queries.GROUPS]["value"]) if results.distinct else int(bucket["doc_count"])

        counts = {
            name: {b["key"]: counted(b) for b in aggregations.get(name, {}).get("buckets", []) if b["key"]}
            for name in facets
        }
        if results.distinct:
            counts = {name: dict(sorted(values.items(), key=lambda item: -item[1])) for name, values in counts.items()}
            for name in facets:
                if BY_NAME[name].type is FieldType.PRICE:  # buckets in their order
                    buckets = aggregations.get(name, {}).get("buckets", [])
                    counts[name] = {b["key"]: counted(b) for b in buckets if b["key"]}
        stats = aggregations.get("price_stats") or {}
        price_range = (float(stats["min"]), float(stats["max"])) if stats.get("count") else None
        total = counted(aggregations) if results.distinct else response["hits"]["total"]["value"]
        return base.Counts(total, counts, price_range)

    def facet_values(self, facet: str, limit: int, filters: base.Filters | None = None) -> dict[str, int]:
        aggs = {"values": {"terms": {"field": facet, "size": limit}}}
        query = queries.filter_query(filters or base.Filters()) or {"match_all": {}}
        body = {"size": 0, "query": query, "aggs": aggs}
        buckets = self._search(self.alias, body).get("aggregations", {}).get("values", {}).get("buckets", [])
        return {b["key"]: b["doc_count"] for b in buckets if b["key"]}

    # -- what the layers above rely on ------------------------------------------------------------------------

    def generation(self) -> Hashable:
        """The counter every write (by any process) records beside the alias; one realtime GET."""
        self._ensure_open()
        generation = self._call("reading the generation", self.indices.generation)
        with self._lock:
            if generation != self._frequencies_at:  # the catalog changed: its term counts are stale
                self._frequencies, self._frequencies_at = {}, generation
        return generation

    def document_frequency(self, term: str) -> int:
        """Products using the term in an English field, counted by the index and cached until the generation
        changes (as last read: the service reads it before every search, so no request is spent on it here)."""
        with self._lock:
            count = self._frequencies.get(term)
        if count is None:
            body = {"query": queries.english_term_query(term)}
            count = int(self._call("counting a term", lambda: self.client.count(index=self.alias, body=body))["count"])
            with self._lock:
                if len(self._frequencies) < FREQUENCY_CACHE_SIZE:
                    self._frequencies[term] = count
        return count

    def english_terms(self, text: str) -> list[str]:
        self._ensure_open()
        body = {"analyzer": ENGLISH_ANALYZER, "text": english_index_text(text)}
        found = self._call("analysing text", lambda: self.client.indices.analyze(index=self.alias, body=body))
        return [token["token"] for token in found.get("tokens", [])]

    def reserve_writer(self) -> None:
        """OpenSearch takes writes from any number of processes: nothing to reserve."""

    def write_problem(self) -> str | None:
        """Never a lasting one: a bulk write the cluster refuses fails alone (`BackendUnavailable`,
        `DocumentWriteError`), and the next one is tried afresh."""
        return None

    # -- writing ------------------------------------------------------------------------------------------

    def upsert(self, documents: Sequence[base.IndexDocument]) -> None:
        if not documents:
            return
        now = datetime.now(UTC).isoformat(timespec="seconds")
        actions = []
        for document, seq in zip(documents, write_sequence(len(documents)), strict=True):
            if document.vector.shape != (self.dim,):
                raise ValueError(
                    f"product {document.product.key!r}: vector has shape {document.vector.shape}, "
                    f"expected ({self.dim},)"
                )
            actions.append({"_op_type": "index", "_id": document.product.key, "_source": to_source(document, now, seq)})
        try:
            self._bulk(actions)
        finally:  # some documents may be written even when others were refused
            self._changed()

    def delete(self, keys: Sequence[str]) -> int:
        existing = self.content_hashes(keys)
        if existing:
            try:
                self._bulk([{"_op_type": "delete", "_id": doc_id} for doc_id in existing])
            finally:
                self._changed()
        return len(existing)

    def _changed(self) -> None:
        """Record a new generation, so that every process drops the results it cached."""
        value = write_sequence(1)[0]
        self._call("recording the generation", lambda: self.indices.bump_generation(value))

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
        self._changed()

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


def to_source(document: base.IndexDocument, indexed_at: str, seq: int) -> dict[str, Any]:
    """An `IndexDocument` as the `_source` of its OpenSearch document (the fields of `index.index_body`)."""
    product = document.product
    values = index_values(product, document.chinese_terms, document.node)
    for catalog_field in BY_NAME.values():  # no empty bucket in the facets
        if catalog_field.facetable and values.get(catalog_field.name) == "":
            values[catalog_field.name] = None
    source: dict[str, Any] = {
        **values,
        "content_hash": document.content_hash,
        CATEGORY_PATH: category_prefixes(product.category),
        "indexed_at": indexed_at,
        "seq": seq,
        "record": product.model_dump(mode="json"),
        NODE_RECORD: document.node.as_dict(),
        VECTOR_FIELD: [float(x) for x in document.vector],
    }
    return source
