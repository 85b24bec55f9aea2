"""A search on any backend, composed from the backend's primitives: the legs, fused above them (`search.fusion`),
ordered, collapsed to one hit per product group (`distinct`, `search.collapse`) and paged here; or browsing; then
the result set's total and disjunctive facet counts (of groups, with `distinct`).

Every backend answers the same way because everything but the primitives happens here, once.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from search import collapse, fusion
from search.backends.base import (
    BackendQuery,
    Counts,
    Filters,
    Hit,
    Leg,
    Near,
    ResultSet,
    SearchBackend,
    SearchResult,
    Sort,
    TypePreference,
)
from search.fields import NO_NODE
from search.ranking import RankingSpec

# Where a search's counts run while its page is made (one task per search, waited for by it).
_COUNTING = ThreadPoolExecutor(max_workers=8, thread_name_prefix="count")


def search(backend: SearchBackend, query: BackendQuery, spec: RankingSpec | None = None) -> SearchResult:
    """Run `query` on `backend` with the ranking spec (default: the default spec)."""
    spec = spec or RankingSpec()
    if not query.concepts:
        query = query.resolved()  # no keyword leg to run while the query is embedded
        if query.vector is None:
            if query.distinct:
                hits = backend.browse_groups(query.filters, query.sort, query.offset, query.limit, query.search_after)
            else:
                hits = backend.browse(query.filters, query.sort, query.offset, query.limit, query.search_after)
            types = backend.types([hit.product.key for hit in hits])
            for hit in hits:
                hit.node = types.get(hit.product.key, NO_NODE)
            if query.distinct:
                hits = collapse.summarize(backend, query.filters, hits)
            counts = _counts(backend, query, lambda filters: ResultSet(filters, distinct=query.distinct))
            return SearchResult(hits, counts.total, counts.facets, counts.price_range)

    # The keyword leg runs while the query may still be being embedded (`BackendQuery.vector` a future).
    keyword, keyword_total = backend.keyword_leg(query, query.filters, spec.leg_size) if query.concepts else (None, 0)
    query = query.resolved()
    floor = query.vector_floor
    near = Near(query.vector, floor) if query.vector is not None and floor is not None else None
    if near is not None:
        backend.anticipate(near, query.filters)  # the count's scan above the floor may start beside the vector leg
    vector, above = None, None
    if query.vector is not None:
        nearest = backend.vector_leg(query.vector, query.filters, spec.leg_size)
        vector = nearest
        if floor is not None:
            # Vector-only hits must clear the floor; a keyword match keeps its place in the vector leg below it.
            matched = {doc_id for doc_id, _ in keyword or ()}
            vector = [(doc_id, score) for doc_id, score in nearest if score >= floor or doc_id in matched]
            # Every product above the floor is in the leg when the leg ends below it (or came back short).
            complete = len(nearest) < spec.leg_size or nearest[-1][1] < floor
            above = tuple(doc_id for doc_id, score in nearest if score >= floor) if complete else None
    concepts = tuple(query.concepts) if keyword is not None else None

    found = tuple(doc_id for doc_id, _ in keyword or ())
    known = keyword_total if keyword is not None else None

    def result_set(filters: Filters) -> ResultSet:
        """Every keyword match plus the vector hits, under these filters. With a floor the vector hits are every
        product above it — the same products whatever the filters, so that a facet value's count is exactly the
        total of the search filtered by it; the leg's own hits above it are given too when they are all of them
        (the backend may count from them instead of a scan). Without a floor, the vector leg's neighbours."""
        same = filters == query.filters
        if near is not None:
            kept = (known, found) if same else (None, ())
            return ResultSet(filters, concepts, above if same else None, near, *kept, distinct=query.distinct)
        if not same:  # a facet's counts, under the other filters
            nearest = None if query.vector is None else backend.vector_leg(query.vector, filters, spec.leg_size)
            nearest_ids = None if nearest is None else tuple(doc_id for doc_id, _ in nearest)
            return ResultSet(filters, concepts, nearest_ids, distinct=query.distinct)
        ids = None if vector is None else tuple(doc_id for doc_id, _ in vector)
        return ResultSet(filters, concepts, ids, None, known, found, distinct=query.distinct)

    # The counts depend on the legs alone: they run beside the page (fusion, the type leg, the records, the groups),
    # reading the same version of the index.
    same_version = backend.reading_shared()

    def count() -> Counts:
        with same_version:
            return _counts(backend, query, result_set)

    counting = _COUNTING.submit(count)
    order = fusion.fuse([leg for leg in (keyword, vector) if leg is not None], spec)
    type_at: dict[str, int] = {}
    if query.prefer_type is not None and query.sort is Sort.RELEVANCE and order:
        order, type_at = _type_leg(backend, order, query.prefer_type, spec)
    if query.sort is not Sort.RELEVANCE:
        values = backend.sort_values([doc_id for doc_id, _ in order], query.sort)
        descending = query.sort is not Sort.PRICE_ASC
        order.sort(key=lambda item: -values.get(item[0], 0.0) if descending else values.get(item[0], 0.0))
    if query.distinct:  # the best-ranked variant of each group stands for it
        order = collapse.first_of_each_group(order, backend.groups_of([doc_id for doc_id, _ in order]))
    page = order[query.offset : query.offset + query.limit]
    products = backend.fetch([doc_id for doc_id, _ in page])
    types = backend.types([doc_id for doc_id, _ in page])
    keyword_at, vector_at = _positions(keyword), _positions(vector)
    hits = []
    for doc_id, score in page:
        if doc_id not in products:  # removed since the legs ran
            continue
        k_rank, k_score = keyword_at.get(doc_id, (None, None))
        v_rank, v_score = vector_at.get(doc_id, (None, None))
        hit = Hit(products[doc_id], score, k_rank, v_rank, k_score, v_score)
        hit.node, hit.type_rank = types.get(doc_id, NO_NODE), type_at.get(doc_id)
        hits.append(hit)
    if query.distinct:
        hits = collapse.summarize(backend, query.filters, hits)

    counts = counting.result()
    return SearchResult(hits, counts.total, counts.facets, counts.price_range)


def _type_leg(
    backend: SearchBackend, order: list[tuple[str, float]], wanted: TypePreference, spec: RankingSpec
) -> tuple[list[tuple[str, float]], dict[str, int]]:
    """The product-type leg: the fused candidates of the query's type (their node a predicted one or below it,
    assigned at least `type_min_confidence` surely), in fused order, fused in as a third RRF leg weighted
    `type_leg_weight` × the prediction's confidence, each product's share scaled by its own assignment's
    confidence. Products of the type move up ahead of those that merely mention it; nothing is filtered out.
    Then, within the first `accessory_window` places, products of a type named for the query's
    (`TypePreference.accessories`: a laptop sleeve for `laptop`) move just below the last product surely of the
    type there, in their order; elsewhere nothing moves. Returns the new order and each boosted product's rank in the
    leg."""
    sure = backend.of_type([doc_id for doc_id, _ in order], wanted.node, spec.type_min_confidence)
    type_at: dict[str, int] = {}
    if spec.type_leg_weight:
        of_type = [(doc_id, sure[doc_id]) for doc_id, _ in order if doc_id in sure]
        fused = dict(order)
        fusion.add_leg(fused, of_type, spec.type_leg_weight * wanted.confidence, spec.rrf_k, scaled=True)
        order = fusion.ranked(fused)
        type_at = {doc_id: rank for rank, (doc_id, _) in enumerate(of_type, start=1)}
    if wanted.accessories and spec.accessory_window:
        order = _accessories_after_type(backend, order, sure, wanted.accessories, spec)
    return order, type_at


def _accessories_after_type(
    backend: SearchBackend,
    order: list[tuple[str, float]],
    of_type: dict[str, float],
    accessories: tuple[str, ...],
    spec: RankingSpec,
) -> list[tuple[str, float]]:
    """Within the first `accessory_window` places: the products of the accessory types that rank above a product
    of the type assigned at least `accessory_anchor_confidence` surely move just below the last such product,
    keeping their order (and that product's score, so that scores still fall down the list). Where no such product
    is there, nothing moves."""
    window = order[: spec.accessory_window]
    sure = spec.accessory_anchor_confidence
    last = max((at for at, (doc_id, _) in enumerate(window) if of_type.get(doc_id, -1.0) >= sure), default=-1)
    if last < 1:
        return order
    ahead = backend.of_type([doc_id for doc_id, _ in window[:last]], accessories, spec.type_min_confidence)
    if not ahead:
        return order
    floor = window[last][1]
    kept = [item for item in window[: last + 1] if item[0] not in ahead]
    moved = [(doc_id, min(score, floor)) for doc_id, score in window[:last] if doc_id in ahead]
    return kept + moved + order[last + 1 :]


def _positions(leg: Leg | None) -> dict[str, tuple[int, float]]:
    return {doc_id: (rank, score) for rank, (doc_id, score) in enumerate(leg or (), start=1)}


def _counts(backend: SearchBackend, query: BackendQuery, result_set) -> Counts:
    """The total under the query's filters and disjunctive facet counts: each facet counted under every filter but
    its own. Facets whose own filter is not set share the total's request; each other one costs one more."""
    groups: dict[Filters, list[str]] = {query.filters: []}
    for name in query.facets:
        groups.setdefault(query.filters.without(name), []).append(name)
    facets: dict[str, dict[str, int]] = {}
    total, price_range = 0, None
    for filters, names in groups.items():
        counts = backend.count(result_set(filters), names, query.price_buckets if "price" in names else ())
        facets.update(counts.facets)
        if filters == query.filters:
            total = counts.total
        if "price" in names:
            price_range = counts.price_range
    return Counts(total, {name: facets.get(name, {}) for name in query.facets}, price_range)
