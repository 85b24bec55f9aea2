"""The `SearchBackend` interface and the backend-neutral request and result types.

A backend stores `IndexDocument`s and runs `BackendQuery`s: a keyword leg (concepts with weighted English
alternatives and Chinese terms), a vector leg (a query embedding), filters, facets, sort and a page. Both legs
are fused inside the backend (the embedded one with `search.fusion`, OpenSearch with its search pipeline).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from search.analysis.translate import Concept
from search.catalog import Product


class IndexMismatch(RuntimeError):
    """The index was built with another embedding model or schema than the one configured."""


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
    brands: tuple[str, ...] = ()
    category: str | None = None  # a category path prefix: "Electronics > Audio"
    price_min: float | None = None  # USD
    price_max: float | None = None  # USD
    in_stock: bool | None = None

    @property
    def is_empty(self) -> bool:
        return self == Filters()


class Sort(StrEnum):
    RELEVANCE = "relevance"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"


@dataclass
class BackendQuery:
    concepts: list[Concept] = field(default_factory=list)  # the keyword leg; empty = no keyword leg
    vector: np.ndarray | None = None  # the vector leg; None = no vector leg
    # Soft preferences from the query ("耐克 跑鞋" → brand Nike): extra keyword-leg clauses, never filters.
    boost_brands: tuple[str, ...] = ()  # brand names as in the catalog, matched case-insensitively
    boost_categories: tuple[str, ...] = ()  # category path prefixes
    filters: Filters = field(default_factory=Filters)
    facets: tuple[str, ...] = ()  # "brand", "category", "availability"
    sort: Sort = Sort.RELEVANCE
    offset: int = 0
    limit: int = 10


@dataclass
class Hit:
    product: Product
    score: float
    keyword_rank: int | None = None  # 1-based rank in each leg, None when the leg did not return it
    vector_rank: int | None = None
    keyword_score: float | None = None
    vector_score: float | None = None


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


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
        """Insert or replace documents by product id, durably (committed when this returns)."""

    @abstractmethod
    def delete(self, ids: Sequence[str]) -> int:
        """Remove products by id; returns how many existed."""

    @abstractmethod
    def get(self, product_id: str) -> Product | None: ...

    @abstractmethod
    def iter_ids(self) -> Iterator[str]:
        """Every product id in the index (for removing products missing from a full feed)."""

    @abstractmethod
    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """The stored content hash of each of these ids that is in the index."""

    @abstractmethod
    def search(self, query: BackendQuery) -> SearchResult: ...

    @abstractmethod
    def stats(self) -> IndexStats: ...

    def reserve_writer(self) -> None:  # noqa: B027 - optional: backends without a writer lock need nothing
        """Become this index's writer now (a server with admin writes), rather than at the first write.

        Raises `IndexLocked` (embedded backend) when another process writes to the index."""

    @abstractmethod
    def close(self) -> None: ...
