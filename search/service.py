"""`SearchService`: query understanding + embedding + backend, the one entry point the API (and eval) call."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from search.analysis.query import AnalyzedQuery, default_analysis
from search.backends.base import BackendQuery, Filters, SearchBackend, SearchResult, Sort
from search.backends.factory import open_backend
from search.catalog import Product
from search.config import Settings
from search.embedding import Embedder
from search.suggest.index import Suggestion
from search.suggest.suggester import Suggester

log = logging.getLogger(__name__)


class Mode(StrEnum):
    HYBRID = "hybrid"
    KEYWORD = "keyword"
    VECTOR = "vector"


class Currency(StrEnum):
    CNY = "CNY"
    USD = "USD"


@dataclass
class SearchRequest:
    q: str = ""
    page: int = 1
    size: int = 10
    brands: tuple[str, ...] = ()
    category: str | None = None
    price_min: float | None = None
    price_max: float | None = None
    currency: Currency = Currency.CNY  # the currency of price_min / price_max
    in_stock: bool | None = None
    facets: tuple[str, ...] = ()
    sort: Sort = Sort.RELEVANCE
    mode: Mode = Mode.HYBRID


@dataclass
class SearchOutcome:
    request: SearchRequest
    analyzed: AnalyzedQuery | None
    filters: Filters
    result: SearchResult
    took_ms: float
    timings: dict[str, float] = field(default_factory=dict)


class SearchService:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, backend: SearchBackend | None = None):
        self.settings = settings
        self.analysis = default_analysis()
        self.embedder = embedder or Embedder(settings.model, settings.torch_threads, settings.query_cache_size)
        self.backend = backend or open_backend(settings, self.embedder.name, self.embedder.dim)
        self.suggester = Suggester(self.backend, self.analysis.glossary, settings.suggest_refresh_s)

    def close(self) -> None:
        self.backend.close()

    def get_product(self, product_id: str) -> Product | None:
        return self.backend.get(product_id)

    def suggest(self, q: str, size: int) -> list[Suggestion]:
        """Autocomplete: the best `size` completions of what the shopper typed so far."""
        return self.suggester.suggest(q, size)

    def search(self, request: SearchRequest) -> SearchOutcome:
        started = time.perf_counter()
        timings: dict[str, float] = {}
        analyzed = None
        if request.q.strip():
            analyzed = self.analysis.query_analyzer.analyze(request.q, self.backend.document_frequency)
        timings["analyze_ms"] = _ms_since(started)
        filters = self._filters(request, analyzed)

        vector = None
        if analyzed is not None and request.mode is not Mode.KEYWORD:
            t = time.perf_counter()
            vector = self._query_vector(analyzed)
            timings["embed_ms"] = _ms_since(t)
        concepts = analyzed.concepts if analyzed is not None and request.mode is not Mode.VECTOR else []

        t = time.perf_counter()
        result = self.backend.search(
            BackendQuery(
                concepts=concepts,
                vector=vector,
                boost_brands=tuple(analyzed.brands) if analyzed is not None else (),
                filters=filters,
                facets=request.facets,
                sort=request.sort,
                offset=(request.page - 1) * request.size,
                limit=request.size,
            )
        )
        timings["backend_ms"] = _ms_since(t)
        return SearchOutcome(request, analyzed, filters, result, _ms_since(started), timings)

    def _filters(self, request: SearchRequest, analyzed: AnalyzedQuery | None) -> Filters:
        rate = self.settings.cny_per_usd if request.currency is Currency.CNY else 1.0
        price_min = None if request.price_min is None else round(request.price_min / rate, 2)
        price_max = None if request.price_max is None else round(request.price_max / rate, 2)
        if analyzed is not None and analyzed.price is not None and price_min is None and price_max is None:
            # A price written in the query ("500元以下") applies unless the request sets its own price range.
            price_min, price_max = analyzed.price.in_usd(self.settings.cny_per_usd)
        return Filters(
            brands=tuple(b for b in request.brands if b.strip()),
            category=request.category or None,
            price_min=price_min,
            price_max=price_max,
            in_stock=request.in_stock,
        )

    def _query_vector(self, analyzed: AnalyzedQuery) -> np.ndarray | None:
        """The English rendering's vector; with a multilingual model, blended with the raw query's."""
        texts = [analyzed.english] if analyzed.english else []
        if self.settings.model_multilingual and analyzed.normalized:
            texts.append(analyzed.normalized)
        if not texts:
            return None  # nothing the (English) model can read: the keyword leg alone answers
        vectors = [self.embedder.encode_query(text) for text in texts]
        blended = np.mean(vectors, axis=0)
        return blended / (np.linalg.norm(blended) or 1.0)


def _ms_since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)
