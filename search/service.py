"""`SearchService`: query understanding + embedding + the backend's legs, fused and counted by `search.retrieval`;
the one entry point the API (and eval) call. Its result cache is keyed by the backend's generation, and
`invalidate()` (called by the `CatalogWriter` after each write) drops it at once."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import numpy as np

from search import file_cache, retrieval
from search.analysis.cedict import CcCedict
from search.analysis.lexicon import CatalogLexicon
from search.analysis.normalize import normalize_text
from search.analysis.query import AnalyzedQuery, default_analysis, relaxation_order, resources_version
from search.analysis.translate import Concept
from search.backends.base import (
    BackendQuery,
    BackendUnavailable,
    Filters,
    PriceBucket,
    SearchBackend,
    SearchResult,
    Sort,
    TermFilter,
    TypePreference,
)
from search.backends.factory import open_backend, open_existing_backend
from search.catalog import MAX_PRICE, Product, product_key
from search.config import Settings
from search.currency import Currency, ExchangeRate
from search.cursor import Cursor, CursorCodec, cursor_secret, fingerprint
from search.documents import embedding_text
from search.encoders import Encoder, ModelLoadError, encoder_for
from search.fields import NO_NODE
from search.floor import VectorFloor, calibrate, off_catalog_phrases, title_queries
from search.highlight import Highlight, QueryTerms, highlight
from search.merchandising.rules import (
    BOOST_WINDOW,
    Boosted,
    Curation,
    Rule,
    RuleStore,
    boost,
    curate,
    match_key,
    matching_curation,
)
from search.merchandising.synonyms import SynonymStore
from search.popularity import RERANK_MARGIN, Popularity
from search.ranking import RankingSpec
from search.result_cache import ResultCache
from search.sellers import Seller
from search.similar import similar_products
from search.suggest.index import Suggestion
from search.suggest.scan import CatalogScan
from search.suggest.suggester import Suggester
from search.taxonomy import Prediction, ProductTypes, product_types

log = logging.getLogger(__name__)
DID_YOU_MEAN = 3  # suggestions offered when nothing matched


MAX_QUERY_PRICE_USD = 2 * MAX_PRICE  # a price read from the query text ("999999元以下") is clamped to this


@lru_cache(maxsize=1)
def _catalog_code() -> str:
    """The code the catalog pass and the floor are computed by, besides the analysis (`resources_version`)."""
    here = Path(__file__).parent
    return file_cache.source_version(here / "suggest", here / "floor.py", here / "service.py")


class Mode(StrEnum):
    HYBRID = "hybrid"
    KEYWORD = "keyword"
    VECTOR = "vector"


# Edges of the price facet's buckets, in the currency the shopper filters in.
PRICE_EDGES = {
    Currency.CNY: (0, 100, 200, 500, 1000, 2000, 5000),
    Currency.USD: (0, 25, 50, 100, 250, 500, 1000),
}


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    page: int = 1
    size: int = 10
    cursor: str | None = None  # `next_cursor` of the previous page; replaces `page`
    terms: tuple[TermFilter, ...] = ()  # keyword filters: ((field, (value, ...)), ...), e.g. (("brand", ("Sony",)),)
    category: str | None = None
    price_min: float | None = None
    price_max: float | None = None
    currency: Currency = Currency.CNY  # the currency of price_min / price_max and of the price facet
    in_stock: bool | None = None
    attributes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # ((name, (value, ...)), ...)
    # Keyword filters that apply whatever the others say and that facet counts keep (a scoped search key's).
    fixed: tuple[TermFilter, ...] = ()
    facets: tuple[str, ...] = ()
    sort: Sort = Sort.RELEVANCE
    mode: Mode = Mode.HYBRID
    explain: bool = False
    distinct: bool = True  # one hit per product group (its best variant), totals and facets counting groups

    def fingerprint(self) -> str:
        """What a cursor of this search is tied to: everything but the page, its size and explain."""
        skipped = ("page", "size", "cursor", "explain")  # the fields hold no dataclasses: no deep copy needed
        return fingerprint({f.name: getattr(self, f.name) for f in fields(self) if f.name not in skipped})


@dataclass
class SearchOutcome:
    request: SearchRequest
    analyzed: AnalyzedQuery | None
    filters: Filters
    result: SearchResult
    took_ms: float
    timings: dict[str, float] = field(default_factory=dict)
    highlights: list[Highlight] = field(default_factory=list)  # one per hit
    next_cursor: str | None = None
    cached: bool = False
    relaxed: list[str] = field(default_factory=list)  # words dropped because nothing matched them all
    did_you_mean: list[str] = field(default_factory=list)
    degraded: bool = False  # answered by the keyword leg alone: the model could not be loaded
    prediction: Prediction | None = None  # the product type the query names (a boost, never a filter)
    rules: list[str] = field(default_factory=list)  # merchandising rules applied, as `rules:ID`
    pinned: dict[str, str] = field(default_factory=dict)  # product key of a pinned hit → the rule that pinned it
    boosted: dict[str, Boosted] = field(default_factory=dict)  # product key of a hit boosts moved → what they did


class SearchService:
    def __init__(
        self,
        settings: Settings,
        embedder: Encoder | None = None,
        backend: SearchBackend | None = None,
        spec: RankingSpec | None = None,
        *,
        suggestions: bool = True,
        on_demand: bool = False,
    ):
        """`suggestions=False` for a process that mostly searches (`haitao search`, evaluations): the autocomplete
        vocabulary is then made only when first asked for (see `Suggester`), not with every catalog lexicon.
        `on_demand=True` for a process that answers a search or two (`haitao search`): the analysis reads its
        dictionaries word by word from a prepared file instead of loading them whole (`default_analysis`)."""
        self.settings = settings
        self.analysis = default_analysis(on_demand)
        self.types: ProductTypes = product_types()
        # Why searches run keyword-only (the model could not be loaded and `keyword_only_fallback` is on), or None.
        self.degraded: str | None = None
        self.embedder: Encoder | None = embedder or self._load_embedder(settings)
        if backend is None and self.embedder is None:
            backend = open_existing_backend(settings)  # the index as built: nothing is embedded meanwhile
        self.backend = backend or open_backend(settings, self.embedder.name, self.embedder.dim)
        self.spec = spec or RankingSpec.from_settings(settings)
        self.rate = ExchangeRate(settings.cny_per_usd)
        self.cache: ResultCache[SearchOutcome] = ResultCache(settings.result_cache_size, settings.result_cache_ttl_s)
        secret = settings.cursor_secret.get_secret_value() if settings.cursor_secret else None
        self.cursors = CursorCodec(cursor_secret(secret, settings.data_dir))
        if secret is None and settings.backend == "opensearch":
            log.info(
                "cursors are signed with the key in the data directory: servers sharing one OpenSearch index behind "
                "one address need the same HAITAO_CURSOR_SECRET, or a cursor of one is refused by another"
            )
        # The deepest a relevance-ranked search pages: the two legs' candidates, fused (browsing pages by key).
        self.max_ranked_offset = 2 * settings.leg_size
        self.floor: VectorFloor | None = None  # the vector leg's, set by the catalog pass (`_build_lexicon`)
        self.suggester = Suggester(
            self.backend, self.analysis.glossary, settings.suggest_refresh_s, self._build_lexicon, suggestions
        )
        # Runtime synonyms (DATA_DIR/synonyms.json): read again when the file changes, by this process or another.
        self.synonyms = SynonymStore(settings.data_dir)
        self.rules = RuleStore(settings.data_dir)  # merchandising rules (DATA_DIR/rules.json), the same way
        self._rule_keys: dict[tuple[str, int, int], str] = {}
        self.popularity = (
            Popularity(settings.data_dir, settings.popularity_half_life_days) if settings.popularity_weight else None
        )
        # Queries are embedded here while the backend runs the keyword leg (see `BackendQuery.vector`).
        self._embedding = ThreadPoolExecutor(max_workers=8, thread_name_prefix="embed-query")

    def prepare_catalog(self) -> None:
        """Makes now what the first search after an index change would: the catalog lexicon and the vector floor,
        kept in DATA_DIR/cache for the next process (`haitao index` calls this when it is done, so that the next
        `haitao search` reads them back instead of passing over the catalog)."""
        self.suggester.refresh(force=True)

    def _build_lexicon(self, version: object, scan: Callable[[], CatalogScan]) -> CatalogLexicon:
        """What the search learns from the suggestion build's pass over the catalog: query analysis's lexicon
        (typos, pinyin) and the vector leg's floor, calibrated on this catalog.

        Both are kept in DATA_DIR/cache/catalog.pickle for the next process (a `haitao search` would otherwise
        spend most of its time here), keyed by the index's generation and everything else they are derived from
        (`_catalog_key`): a process finding the key of its index reads them back instead of reading the catalog."""
        key = self._catalog_key(version)
        path = self.settings.data_dir / "cache" / "catalog.pickle"
        cached = file_cache.load(path, key) if key is not None else None
        if cached is not None:
            parts, self.floor = cached
            return self.analysis.lexicons.assemble(*parts)
        catalog = scan()
        titles = (title.text for title in catalog.titles_zh.values())
        # A build reads every dictionary word: from the dictionaries loaded whole, in an on-demand process too.
        loaded = default_analysis().lexicons
        lexicon = self.analysis.lexicons.assemble(*loaded.build(catalog.word_counts, titles, catalog.products).parts())
        self.floor = self._calibrate_floor(catalog, loaded.cedict)
        if key is not None:
            file_cache.store(path, key, (lexicon.parts(), self.floor))
        return lexicon

    def _catalog_key(self, version: object) -> str | None:
        """What the catalog lexicon and the floor are derived from: the index version (None before any write:
        nothing tells one empty index from another), the model, the configured floor and the analysis (its code
        and data: `search.analysis.resources_version`)."""
        if not version:
            return None
        model = self.embedder.name if self.embedder is not None else None
        return file_cache.key_of([version, model, self.settings.vector_floor, resources_version(), _catalog_code()])

    @property
    def vector_floor(self) -> float | None:
        """The similarity a vector hit must reach now (None: no floor, HAITAO_VECTOR_FLOOR=-1 or no model)."""
        if self.floor is None or self.floor.value <= -1:
            return None
        return self.floor.value

    def _calibrate_floor(self, scan: CatalogScan, cedict: CcCedict) -> VectorFloor | None:
        """The vector floor for this catalog (search/floor.py), or the configured one; None without a model."""
        if self.embedder is None:
            return None
        if self.settings.vector_floor is not None:
            return VectorFloor.fixed(self.settings.vector_floor)
        senses = cedict.common_senses()
        off_catalog = off_catalog_phrases(senses, set(scan.word_counts))
        titles = title_queries(scan.titles)

        def best_similarity(vector: np.ndarray) -> float:
            nearest = self.backend.vector_leg(vector, Filters(), 1)
            return nearest[0][1] if nearest else -1.0

        floor = calibrate(off_catalog, titles, self.embedder.encode, best_similarity)
        if floor is not None:
            log.info("vector floor %.3f for %s (%s)", floor.value, self.embedder.name, floor.as_dict())
        return floor

    def _load_embedder(self, settings: Settings) -> Encoder | None:
        try:
            return encoder_for(settings)
        except ModelLoadError as exc:
            if not settings.keyword_only_fallback or settings.backend != "embedded":
                raise
            self.degraded = f"keyword-only search: {exc}"
            log.error("the embedding model could not be loaded; serving keyword-only search (degraded): %s", exc)
            return None

    def close(self) -> None:
        self._embedding.shutdown(wait=True)
        self.backend.close()

    def invalidate(self) -> None:
        """The catalog changed: drop cached results now (other processes see the new generation)."""
        self.cache.clear()

    def get_product(self, seller: str, product_id: str) -> Product | None:
        """A product by its identity, `(seller, id)`."""
        return self.backend.get(product_key(seller, product_id))

    def sellers(self) -> dict[str, Seller]:
        """Every seller's record (the display names hits carry)."""
        return self.backend.sellers()

    def display_zh(self, product: Product) -> dict[str, str]:
        """A stored product's Chinese display fields (`search.taxonomy.ProductTypes.display_zh`)."""
        return self.types.display_zh(product, self.backend.types([product.key]).get(product.key, NO_NODE))

    def suggest(self, q: str, size: int) -> list[Suggestion]:
        """Autocomplete: the best `size` completions of what the shopper typed so far."""
        return self.suggester.suggest(q, size)

    def search(self, request: SearchRequest) -> SearchOutcome:
        """Run a search; raises `InvalidCursor` for a cursor that is not this search's."""
        started = time.perf_counter()
        with self.backend.reading():  # one version of the index throughout
            key = (request, self.backend.generation(), self.synonyms.version, self.rules.version)
            hit = self.cache.get(key)
            if hit is not None:
                return replace(hit, took_ms=_ms_since(started), cached=True)
            outcome = self._search(request, started)
        self.cache.put(key, outcome)
        return outcome

    def _search(self, request: SearchRequest, started: float) -> SearchOutcome:
        timings: dict[str, float] = {}
        cursor = None
        if request.cursor:
            price_sort = request.sort in (Sort.PRICE_ASC, Sort.PRICE_DESC)
            cursor = self.cursors.decode(request.cursor, request.fingerprint(), self.max_ranked_offset, price_sort)
        analyzed = None
        if request.q.strip():
            lexicon = self.suggester.wait_for_lexicon()
            analyzed = self.analysis.query_analyzer.analyze(
                request.q, self.backend.document_frequency, lexicon, self.synonyms.index()
            )
        timings["analyze_ms"] = _ms_since(started)
        curation = self._curation(analyzed, request.sort)
        filters = curation.narrow(self._filters(request, analyzed))
        if analyzed is not None and analyzed.is_empty and analyzed.price is None:
            # Text with nothing to search for (`*`, `"`, an emoji, only filler words) matches nothing, as a literal
            # search does: never everything, as browsing would, so query syntax cannot turn into a match-all.
            nothing = SearchResult([], 0, {name: {} for name in request.facets})
            degraded = self.embedder is None
            return SearchOutcome(request, analyzed, filters, nothing, _ms_since(started), timings, degraded=degraded)

        mode = request.mode if self.embedder is not None else Mode.KEYWORD  # degraded: the keyword leg alone
        embedded = None  # the query is embedded from here on, beside the type prediction and the keyword leg
        if analyzed is not None and mode is not Mode.KEYWORD:
            embedded = self._embedding.submit(self._timed_query_vector, analyzed, timings)
        prediction = self.types.predictor.predict(analyzed) if analyzed is not None else None
        prefer = None
        if prediction is not None:
            prefer = TypePreference(prediction.nodes, prediction.confidence, prediction.accessories)
        offset = (request.page - 1) * request.size
        if cursor is not None:
            offset = cursor.offset

        pinned: dict[str, str] = {}
        boosted: dict[str, Boosted] = {}
        # Pinned and hidden products, boosts and popularity change the ranking: rank from the first result, page
        # after. Boosts reorder a fixed window from the first result, so that pages follow on from each other.
        curating = bool(curation.pins or curation.hidden)
        popular = self.popularity is not None and analyzed is not None and request.sort is Sort.RELEVANCE
        boosting = bool(curation.boosts)
        windowed = curating or popular or boosting
        extra = curation.window_extra + (RERANK_MARGIN if popular else 0)
        ranked = max(offset + request.size + extra, BOOST_WINDOW if boosting else 0)

        def run(query: AnalyzedQuery | None) -> SearchResult:
            vector = None
            if query is not None and mode is not Mode.KEYWORD:
                asked = embedded if query is analyzed else None  # a relaxed query is embedded anew
                vector = asked or self._embedding.submit(self._timed_query_vector, query, timings)
            concepts = query.concepts if query is not None and mode is not Mode.VECTOR else []
            t = time.perf_counter()
            result = retrieval.search(
                self.backend,
                BackendQuery(
                    concepts=concepts,
                    vector=vector,
                    boost_brands=tuple(query.brands) if query is not None else (),
                    prefer_type=prefer,
                    filters=filters,
                    facets=request.facets,
                    price_buckets=self.price_buckets(request.currency) if "price" in request.facets else (),
                    sort=request.sort,
                    offset=0 if windowed else offset,
                    limit=ranked if windowed else request.size,
                    search_after=cursor.after if cursor is not None else None,
                    vector_floor=self.vector_floor,
                    distinct=request.distinct,
                ),
                self.spec,
            )
            boosted.clear()
            if boosting:
                hits, effects = boost(result.hits, curation.boosts)
                result = replace(result, hits=hits)
                boosted.update(effects)
            if popular:
                assert self.popularity is not None
                result = replace(result, hits=self.popularity.rerank(result.hits, self.settings.popularity_weight))
            if curating:
                result, on_page = curate(result, offset, request.size, curation, self.backend.fetch)
                pinned.update(on_page)
            elif windowed:
                result = replace(result, hits=result.hits[offset : offset + request.size])
            timings["backend_ms"] = timings.get("backend_ms", 0.0) + _ms_since(t)
            return result

        result = run(analyzed)
        searched, relaxed = analyzed, []
        if result.total == 0 and analyzed is not None:
            searched, result, relaxed = self._relax(analyzed, result, run)
        did_you_mean: list[str] = []
        if analyzed is not None and (result.total == 0 or relaxed):
            did_you_mean = self._did_you_mean(request.q)
        t = time.perf_counter()
        terms = QueryTerms.of(searched)
        highlights = [highlight(hit.product, terms) for hit in result.hits]
        timings["highlight_ms"] = _ms_since(t)
        return SearchOutcome(
            request,
            analyzed,
            filters,
            result,
            _ms_since(started),
            timings,
            highlights,
            self._next_cursor(request, result, offset),
            degraded=self.embedder is None,
            relaxed=relaxed,
            did_you_mean=did_you_mean,
            prediction=prediction,
            rules=curation.rules,
            pinned=pinned,
            boosted=_on_page(boosted, result, pinned),
        )

    def _curation(self, analyzed: AnalyzedQuery | None, sort: Sort) -> Curation:
        """What the merchandising rules matching this query do (nothing without query text). Products are pinned
        in the relevance order only, and boosted or buried in it only; hidden and filtered in every order."""
        rules = self.rules.rules()
        if analyzed is None or not rules:
            return Curation()
        found = matching_curation(rules, _match_key(analyzed), self._rule_key, datetime.now(UTC))
        if sort is not Sort.RELEVANCE:
            found.pins, found.boosts = [], []
        return found

    def _rule_key(self, rule: Rule) -> str:
        """A rule's query as this service understands it (analysed like a shopper's query), kept per catalog
        lexicon and synonyms."""
        lexicon = self.suggester.lexicon or self.analysis.lexicons.base()
        cache_key = (rule.query, id(lexicon), self.synonyms.version)
        found = self._rule_keys.get(cache_key)
        if found is None:
            analyzed = self.analysis.query_analyzer.analyze(
                rule.query, self.backend.document_frequency, lexicon, self.synonyms.index()
            )
            found = _match_key(analyzed)
            if len(self._rule_keys) > 4096:
                self._rule_keys.clear()
            self._rule_keys[cache_key] = found
        return found

    def similar(self, product: Product, key: str, request: SearchRequest) -> SearchOutcome:
        """Products like `product` (stored under `key`) under the request's filters, its own group left out; the
        answer of a search without query text."""
        if self.embedder is None:
            raise BackendUnavailable(f"similar products need the embedding model ({self.degraded})")
        started = time.perf_counter()
        filters = self._filters(request, None)
        hits = similar_products(
            self.backend,
            product,
            key,
            lambda texts: self.embedder.encode(list(texts)),
            embedding_text(product),
            filters,
            request.size,
        )
        result = SearchResult(hits, len(hits), {})
        highlights = [highlight(hit.product, QueryTerms.of(None)) for hit in hits]
        return SearchOutcome(request, None, filters, result, _ms_since(started), {}, highlights)

    def _relax(
        self, analyzed: AnalyzedQuery, nothing: SearchResult, run: Callable[[AnalyzedQuery], SearchResult]
    ) -> tuple[AnalyzedQuery, SearchResult, list[str]]:
        """Nothing matched the query: drop its least informative concept, then the next, until something matches
        (one concept always stays). Returns the query searched, its result and the words dropped — none
        when no relaxed query matched either. The order does not depend on filters, so that a facet's count and
        the total of the search filtered by it stay equal."""
        lexicon = self.suggester.lexicon or self.analysis.lexicons.base()
        dropped: list[Concept] = []
        for concept in relaxation_order(analyzed.concepts, lexicon)[:-1]:
            dropped.append(concept)
            relaxed = analyzed.without(dropped)
            result = run(relaxed)
            if result.total:
                return relaxed, result, [c.term for c in dropped]
        return analyzed, nothing, []

    def _did_you_mean(self, q: str) -> list[str]:
        """What the shopper may have meant: the autocomplete's completions (mistyped words corrected)."""
        try:
            suggestions = self.suggester.suggest(q, DID_YOU_MEAN)
        except BackendUnavailable:
            return []
        typed = normalize_text(q)
        return [s.text for s in suggestions if normalize_text(s.text) != typed]

    def _next_cursor(self, request: SearchRequest, result: SearchResult, offset: int) -> str | None:
        if len(result.hits) < request.size:
            return None  # a short page is the last one
        last = result.hits[-1]
        if last.sort_key is not None:  # browsing: by key
            return self.cursors.encode(Cursor(request.fingerprint(), after=last.sort_key))
        following = offset + len(result.hits)
        if following >= min(result.total, self.max_ranked_offset):
            return None
        return self.cursors.encode(Cursor(request.fingerprint(), offset=following))

    def price_buckets(self, currency: Currency) -> tuple[PriceBucket, ...]:
        """The price facet's buckets, labelled in `currency`, bounded in USD for the backend."""
        rate = self.rate.per_usd(currency)
        edges = PRICE_EDGES[currency]
        buckets = []
        for low, high in zip(edges, (*edges[1:], None), strict=True):
            key = f"{low}-{high if high is not None else ''}"
            buckets.append(PriceBucket(key, low / rate if low else None, None if high is None else high / rate))
        return tuple(buckets)

    def facet_values(self, facet: str, limit: int, fixed: tuple[TermFilter, ...] = ()) -> dict[str, int]:
        return self.backend.facet_values(facet, limit, Filters(fixed=fixed))

    def _filters(self, request: SearchRequest, analyzed: AnalyzedQuery | None) -> Filters:
        price_min = self.rate.to_usd(request.price_min, request.currency)
        price_max = self.rate.to_usd(request.price_max, request.currency)
        if analyzed is not None and analyzed.price is not None and price_min is None and price_max is None:
            # A price written in the query ("500元以下") applies unless the request sets its own price range;
            # bounded like every number a request brings (above any catalog price, it filters nothing more).
            intent = analyzed.price
            price_min, price_max = (
                None if usd is None else min(max(usd, 0.0), MAX_QUERY_PRICE_USD) + 0.0
                for usd in (
                    self.rate.to_usd(intent.min_amount, intent.currency),
                    self.rate.to_usd(intent.max_amount, intent.currency),
                )
            )
        return Filters(
            terms=request.terms,
            category=request.category or None,
            price_min=price_min,
            price_max=price_max,
            in_stock=request.in_stock,
            attributes=request.attributes,
            fixed=request.fixed,
        )

    def _timed_query_vector(self, analyzed: AnalyzedQuery, timings: dict[str, float]) -> np.ndarray | None:
        started = time.perf_counter()
        try:
            return self._query_vector(analyzed)
        finally:
            timings["embed_ms"] = _ms_since(started)

    def _query_vector(self, analyzed: AnalyzedQuery) -> np.ndarray | None:
        """The English rendering's vector; with a multilingual model, blended with the raw query's."""
        texts = [analyzed.english] if analyzed.english else []
        if self.settings.model_multilingual and analyzed.normalized:
            texts.append(analyzed.normalized)
        if not texts:
            return None  # nothing the (English) model can read: the keyword leg alone answers
        assert self.embedder is not None  # no vector leg without a model (see `_search`)
        vectors = [self.embedder.encode_query(text) for text in texts]
        blended = np.mean(vectors, axis=0)
        return blended / (np.linalg.norm(blended) or 1.0)


def _match_key(analyzed: AnalyzedQuery) -> str:
    return match_key([(c.term, c.chinese) for c in analyzed.concepts])


def _on_page(boosted: dict[str, Boosted], result: SearchResult, pinned: dict[str, str]) -> dict[str, Boosted]:
    """What boosts did to the hits of the page (a pinned hit's place is the pin's)."""
    return {h.product.key: boosted[h.product.key] for h in result.hits if h.product.key in boosted.keys() - pinned}


def _ms_since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)
