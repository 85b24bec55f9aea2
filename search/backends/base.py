"""The `SearchBackend` interface and the backend-neutral request and result types.

A backend stores `IndexDocument`s and runs `BackendQuery`s: a keyword leg (concepts with weighted English
alternatives and Chinese terms), a vector leg (a query embedding), filters, facets, sort and a page. Both legs
are fused inside the backend (the embedded one with `search.fusion`, OpenSearch with its search pipeline).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import numpy as np

from search.analysis.translate import Concept
from search.catalog import Product


class IndexMismatch(RuntimeError):
    """The index was built with another embedding model or schema than the one configured."""


def check_built_with(where: str, recorded: Mapping[str, Any], schema_version: int, model: str, dim: int) -> None:
    """Refuse an index whose recorded schema version, model or dimension differ from this process's.

    `where` names the index in the message ("the index in var/data", "the OpenSearch index 'products_v1'").
    """
    if recorded.get("schema_version") != schema_version:
        raise IndexMismatch(
            f"{where} has schema version {recorded.get('schema_version')}, this version of Haitao Search uses "
            f"{schema_version}: rebuild it with `haitao index FILE --rebuild`"
        )
    if recorded.get("model") != model or recorded.get("dim") != dim:
        raise IndexMismatch(
            f"{where} was built with model {recorded.get('model')!r} ({recorded.get('dim')} dimensions), but the "
            f"configured model is {model!r} ({dim}): set HAITAO_MODEL back, or rebuild with "
            "`haitao index FILE --rebuild`"
        )


class IndexNotFound(FileNotFoundError):
    """No index has been built yet where the settings point."""


class BackendUnavailable(RuntimeError):
    """The storage backend cannot be reached right now (a search server down); retrying later may succeed."""


class WriteUnavailable(RuntimeError):
    """A write could not be made durable (a full disk, a file-size limit, an I/O error), so nothing of it is
    acknowledged; the backend refuses writes until it can write again (`SearchBackend.write_problem`). The message
    names the cause, never a path: it is shown to API clients (503)."""


class DocumentWriteError(RuntimeError):
    """Some documents of a write were refused by the backend; the others were written."""

    def __init__(self, failures: dict[str, str]) -> None:
        self.failures = failures  # product id → reason
        first = next(iter(failures.items()), ("", ""))
        super().__init__(f"{len(failures)} document(s) were not written, e.g. {first[0]!r}: {first[1]}")


@dataclass
class IndexDocument:
    """A product ready to be stored: the record, its analysed Chinese text, its vector and content hash."""

    product: Product
    title_zh_terms: list[str]
    description_zh_terms: list[str]
    vector: np.ndarray
    content_hash: str


@dataclass(frozen=True)
class Filters:
    """Hard restrictions of a search. Values of one filter are alternatives (OR); different filters all apply."""

    brands: tuple[str, ...] = ()
    category: str | None = None  # a category path prefix: "Electronics > Audio"
    price_min: float | None = None  # USD
    price_max: float | None = None  # USD
    in_stock: bool | None = None
    # Product attributes: ((name, (value, ...)), ...), names and values compared as `attribute_term` does.
    attributes: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def without(self, facet: str) -> Filters:
        """These filters less the facet's own one: the filters its counts are computed with (disjunctive facets)."""
        if facet == "brand":
            return replace(self, brands=())
        if facet == "category":
            return replace(self, category=None)
        if facet == "price":
            return replace(self, price_min=None, price_max=None)
        if facet == "availability":
            return replace(self, in_stock=None)
        return self


def attribute_term(name: str, value: str) -> str:
    """The indexed form of one product attribute: `Color`, `Navy Blue` → `color=navy blue`."""
    return f"{' '.join(name.casefold().split())}={' '.join(value.casefold().split())}"


# The facets every backend counts. "price" counts `BackendQuery.price_buckets` and reports the price range.
FACETS = ("brand", "category", "availability", "price")


@dataclass(frozen=True)
class PriceBucket:
    key: str  # the label the counts are reported under, e.g. "100-200"
    low: float | None  # USD, inclusive; None = open
    high: float | None  # USD, exclusive; None = open

    def as_range(self) -> dict[str, Any]:
        """One range of a `range` aggregation (the same JSON in tantivy and OpenSearch)."""
        entry: dict[str, Any] = {"key": self.key}
        if self.low is not None:
            entry["from"] = self.low
        if self.high is not None:
            entry["to"] = self.high
        return entry


class Sort(StrEnum):
    RELEVANCE = "relevance"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    NEWEST = "newest"  # most recently added or changed first


@dataclass
class BackendQuery:
    concepts: list[Concept] = field(default_factory=list)  # the keyword leg; empty = no keyword leg
    # The vector leg; None = no vector leg. A `Future` while the query is still being embedded: the keyword leg runs
    # meanwhile, and the vector leg waits for it (`resolved()`); a future that gives None means no vector leg.
    vector: np.ndarray | Future[np.ndarray | None] | None = None
    # Soft preferences from the query ("耐克 跑鞋" → brand Nike): extra keyword-leg clauses, never filters.
    boost_brands: tuple[str, ...] = ()  # brand names as in the catalog, matched case-insensitively
    boost_categories: tuple[str, ...] = ()  # category path prefixes
    filters: Filters = field(default_factory=Filters)
    facets: tuple[str, ...] = ()  # names from FACETS
    price_buckets: tuple[PriceBucket, ...] = ()  # the buckets of the "price" facet
    sort: Sort = Sort.RELEVANCE
    offset: int = 0
    limit: int = 10
    # Browsing (no keyword or vector leg) pages by key: the `sort_key` of the last hit of the previous page.
    search_after: tuple[Any, ...] | None = None
    explain: bool = False  # fill each hit's per-leg ranks and scores (may cost extra work)

    def resolved(self) -> BackendQuery:
        """This query with its vector computed (waiting for the embedding if it is still running)."""
        if isinstance(self.vector, Future):
            return replace(self, vector=self.vector.result())
        return self


@dataclass
class Hit:
    product: Product
    score: float
    keyword_rank: int | None = None  # 1-based rank in each leg, None when the leg did not return it
    vector_rank: int | None = None
    keyword_score: float | None = None
    vector_score: float | None = None
    sort_key: tuple[Any, ...] | None = None  # when browsing: the key to pass as `search_after` for the next page


@dataclass
class SearchResult:
    """One page of hits; `total` counts every product matched: the keyword leg's matches (all of them) plus the
    vector leg's nearest neighbours, filtered. Relevance-ranked pages go `leg_size` deep per leg.

    Facet counts are disjunctive: a facet's counts apply every filter but its own, so that a shopper who ticked
    one brand still sees how many products the other brands have."""

    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    price_range: tuple[float, float] | None = None  # USD min and max, with the "price" facet


@dataclass
class IndexStats:
    count: int
    model: str | None
    dim: int | None
    updated_at: str | None


class SearchBackend(ABC):
    """What every storage backend provides."""

    @abstractmethod
    def upsert(self, documents: Sequence[IndexDocument]) -> None:
        """Insert or replace documents by product id, durably: when this returns they are committed and read back.

        Raises `WriteUnavailable` when the write could not be made durable (then none of it is acknowledged) or
        while writes are refused after such a failure."""

    @abstractmethod
    def delete(self, ids: Sequence[str]) -> int:
        """Remove products by id, durably (as `upsert`); returns how many existed."""

    def write_problem(self) -> str | None:
        """Why writes are refused now (a commit failed and the backend could not yet write again), or None.

        A backend that refuses writes tries to recover when asked (at most every few seconds): it checks that it
        can write again, reopens its writer and verifies the index before taking writes. Readiness probes ask."""
        return None

    @abstractmethod
    def get(self, product_id: str) -> Product | None: ...

    @abstractmethod
    def iter_ids(self) -> Iterator[str]:
        """Every product id in the index (for removing products missing from a full feed)."""

    @abstractmethod
    def iter_products(self) -> Iterator[Product]:
        """Every product in the index, as stored, in no particular order (to build the autocomplete vocabulary).

        Streams: memory does not grow with the index."""

    @abstractmethod
    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """The stored content hash of each of these ids that is in the index."""

    @abstractmethod
    def search(self, query: BackendQuery) -> SearchResult: ...

    @abstractmethod
    def facet_values(self, facet: str, limit: int) -> dict[str, int]:
        """Every value of a facet ("brand", "category", "availability") over the whole index, most products first."""

    def prepare_search(self) -> None:  # noqa: B027 - optional: most backends need nothing
        """Build now what searches of the current index need (the embedded backend's vector graph), rather than
        in the background at the first search."""

    def generation(self) -> object | None:
        """A token that changes whenever the index content changes (for caching results); None = unknown."""
        return None

    def document_frequency(self, word: str) -> int | None:
        """How many products use this English word (for sense choice in query translation); None if unknown."""
        return None

    @abstractmethod
    def stats(self) -> IndexStats: ...

    def reserve_writer(self) -> None:  # noqa: B027 - optional: backends without a writer lock need nothing
        """Become this index's writer now (a server with admin writes), rather than at the first write.

        Raises `IndexLocked` (embedded backend) when another process writes to the index."""

    @abstractmethod
    def check(self) -> None:
        """Raise `BackendUnavailable` when the backend cannot serve requests now (for readiness probes)."""

    @abstractmethod
    def commit_rebuild(self) -> None:
        """Publish an index opened with `rebuild=True` once it is complete: it replaces the live one atomically."""

    @abstractmethod
    def abandon_rebuild(self) -> None:
        """Drop an index opened with `rebuild=True` that did not complete; the live index stays as it was."""

    @abstractmethod
    def close(self) -> None: ...
