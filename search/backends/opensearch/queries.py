"""OpenSearch request bodies built from analysed terms — never from user query syntax.

The keyword leg mirrors the embedded backend's: per concept the best of its alternatives (`dis_max`) across the
English fields (stemmed by the `english` analyzer) and its Chinese term in the pre-segmented Chinese fields;
concepts add up (`bool.should`). Brand and category boosts are extra `should` clauses around a `must`, so they
reorder matches but never make a product match on their own. Hybrid searches send the documented `hybrid` query
(keyword leg + `knn` leg, one shared `filter`) through a search pipeline that fuses them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from search.analysis.english import brand_key, prepare_english
from search.analysis.translate import Concept
from search.backends.base import Filters, PriceBucket, Sort, attribute_term
from search.backends.opensearch.index import CHINESE_FIELDS, ENGLISH_FIELDS, FACET_FIELDS, VECTOR_FIELD, category_key

Body = dict[str, Any]
PHRASE_BONUS = 0.5
TIE_BREAKER = 0.1
BRAND_BOOST = 2.0
CATEGORY_BOOST = 1.0
FACET_SIZE = 50
SOURCE = ["record"]  # hits carry the stored record only, never the vector


def _fields(weights: dict[str, float]) -> list[str]:
    return [f"{name}^{boost:g}" for name, boost in weights.items()]


def keyword_query(
    concepts: Sequence[Concept], boost_brands: Sequence[str] = (), boost_categories: Sequence[str] = ()
) -> Body | None:
    """The keyword leg, or None when no concept has anything to search for."""
    clauses = [q for q in (_concept(c) for c in concepts) if q is not None]
    if not clauses:
        return None
    query: Body = {"bool": {"should": clauses, "minimum_should_match": 1}}
    boosts = [
        {"constant_score": {"filter": {"term": {"brand_key": brand_key(b)}}, "boost": BRAND_BOOST}}
        for b in boost_brands
        if b.strip()
    ]
    boosts += [
        {"constant_score": {"filter": {"term": {"category_path": category_key(c)}}, "boost": CATEGORY_BOOST}}
        for c in boost_categories
        if category_key(c)
    ]
    if not boosts:
        return query
    return {"bool": {"must": [query], "should": boosts}}


def _concept(concept: Concept) -> Body | None:
    options: list[Body] = []
    for alt in concept.alternatives:
        text = prepare_english(alt.text).strip()
        if not text:
            continue
        options.append(
            {
                "multi_match": {
                    "query": text,
                    "fields": _fields(ENGLISH_FIELDS),
                    "type": "best_fields",
                    "tie_breaker": TIE_BREAKER,
                    "boost": alt.weight,
                }
            }
        )
        if " " in text:
            boost = alt.weight * PHRASE_BONUS * ENGLISH_FIELDS["title"]
            options.append({"match_phrase": {"title": {"query": text, "boost": boost}}})
    chinese_term = concept.term if concept.chinese or " " not in concept.term else None
    if chinese_term:
        options.append(
            {
                "multi_match": {
                    "query": chinese_term,
                    "fields": _fields(CHINESE_FIELDS),
                    "type": "best_fields",
                    "tie_breaker": TIE_BREAKER,
                }
            }
        )
    if not options:
        return None
    return options[0] if len(options) == 1 else {"dis_max": {"queries": options, "tie_breaker": TIE_BREAKER}}


def filter_query(filters: Filters) -> Body | None:
    """The filters as one non-scoring `bool.filter`, or None when there are none."""
    clauses: list[Body] = []
    if filters.brands:
        clauses.append({"terms": {"brand_key": [brand_key(b) for b in filters.brands]}})
    if filters.category and category_key(filters.category):
        clauses.append({"term": {"category_path": category_key(filters.category)}})
    if filters.price_min is not None or filters.price_max is not None:
        bounds = {}
        if filters.price_min is not None:
            bounds["gte"] = float(filters.price_min)
        if filters.price_max is not None:
            bounds["lte"] = float(filters.price_max)
        clauses.append({"range": {"price": bounds}})
    if filters.in_stock is True:
        clauses.append({"term": {"availability": "in_stock"}})
    elif filters.in_stock is False:
        clauses.append({"bool": {"must_not": [{"term": {"availability": "in_stock"}}]}})
    for name, values in filters.attributes:
        clauses.append({"terms": {"attributes": [attribute_term(name, v) for v in values]}})
    if not clauses:
        return None
    return {"bool": {"filter": clauses}}


def knn_query(vector: np.ndarray, k: int, filters: Filters | None = None) -> Body:
    """The vector leg; with filters, the k nearest *among* the filtered products (filter inside `knn`)."""
    params: Body = {"vector": [float(x) for x in vector], "k": k}
    flt = filter_query(filters) if filters is not None else None
    if flt is not None:
        params["filter"] = flt
    return {"knn": {VECTOR_FIELD: params}}


def sort_clause(sort: Sort, browsing: bool) -> list[Body] | None:
    """Field order for a sort (None = by score); ties broken by write sequence, so keys are unique for cursors."""
    if sort is Sort.RELEVANCE and not browsing:
        return None
    if sort in (Sort.RELEVANCE, Sort.NEWEST):  # browsing without a sort: newest first
        return [{"seq": {"order": "desc"}}]
    return [{"price": {"order": "asc" if sort is Sort.PRICE_ASC else "desc"}}, {"seq": {"order": "desc"}}]


def facet_aggs(facets: Sequence[str], price_buckets: Sequence[PriceBucket]) -> Body:
    """Aggregations counting these facets ("price": the buckets' counts and the price range)."""
    aggs: Body = {}
    for name in facets:
        if name == "price":
            if price_buckets:
                aggs["price"] = {"range": {"field": "price", "ranges": _ranges(price_buckets)}}
            aggs["price_stats"] = {"stats": {"field": "price"}}
        else:
            aggs[name] = {"terms": {"field": FACET_FIELDS[name], "size": FACET_SIZE}}
    return aggs


def _ranges(buckets: Sequence[PriceBucket]) -> list[Body]:
    ranges = []
    for bucket in buckets:
        entry: Body = {"key": bucket.key}
        if bucket.low is not None:
            entry["from"] = bucket.low
        if bucket.high is not None:
            entry["to"] = bucket.high
        ranges.append(entry)
    return ranges


def _page(body: Body, aggs: Body, sort: list[Body] | None, offset: int, limit: int) -> Body:
    body.update({"from": offset, "size": limit, "_source": SOURCE, "track_total_hits": True})
    if aggs:
        body["aggs"] = aggs
    if sort:
        body["sort"] = sort
        body["track_scores"] = True
    return body


def single_leg_body(
    leg: Body | None,
    filters: Filters,
    aggs: Body,
    sort: Sort,
    offset: int,
    limit: int,
    search_after: Sequence[Any] | None = None,
) -> Body:
    """One leg alone (keyword or knn), or browse when `leg` is None: a plain query, no pipeline needed.

    Browsing pages by `search_after` (the previous page's last sort values) when given, else by `from`."""
    flt = filter_query(filters)
    if leg is None:
        query: Body = flt or {"match_all": {}}
    elif flt is None:
        query = leg
    elif "knn" in leg:
        field, params = next(iter(leg["knn"].items()))  # filter inside knn: k nearest *among* the filtered
        query = {"knn": {field: {**params, "filter": flt}}}
    else:
        query = {"bool": {"must": [leg], "filter": [flt]}}
    body = _page({"query": query}, aggs, sort_clause(sort, browsing=leg is None), offset, limit)
    if search_after:
        body["search_after"] = list(search_after)
        body["from"] = 0
    return body


def hybrid_body(
    keyword: Body,
    vector: np.ndarray,
    k: int,
    pagination_depth: int,
    filters: Filters,
    aggs: Body,
    sort: Sort,
    offset: int,
    limit: int,
) -> Body:
    """The documented `hybrid` query: keyword and knn subqueries, one shared pre-filter, `pagination_depth`."""
    hybrid: Body = {"queries": [keyword, knn_query(vector, k)], "pagination_depth": pagination_depth}
    flt = filter_query(filters)
    if flt is not None:
        hybrid["filter"] = flt
    return _page({"query": {"hybrid": hybrid}}, aggs, sort_clause(sort, browsing=False), offset, limit)


def matching_body(keyword: Body | None, vector: np.ndarray | None, k: int, filters: Filters, aggs: Body) -> Body:
    """Counts only (no hits): the result set under `filters` — every keyword match plus the k nearest
    products among the filtered — with these aggregations. For a facet's counts under the other filters."""
    flt = filter_query(filters)
    legs = [leg for leg in (keyword, None if vector is None else knn_query(vector, k, filters)) if leg is not None]
    query: Body = {"bool": {"filter": [flt] if flt else []}}
    if legs:
        query["bool"].update({"should": legs, "minimum_should_match": 1})
    return {"size": 0, "track_total_hits": True, "query": query, "aggs": aggs}


def pipeline_body(method: str, rrf_k: int, keyword_weight: float) -> Body:
    """The search pipeline fusing the two subqueries: weighted RRF (as the embedded backend) or weighted min-max.

    `combination.parameters.weights` of `score-ranker-processor` is documented from OpenSearch 3.0 on.
    """
    weights = [round(keyword_weight, 6), round(1.0 - keyword_weight, 6)]
    if method == "rrf":
        combination = {"technique": "rrf", "rank_constant": rrf_k, "parameters": {"weights": weights}}
        processor: Body = {"score-ranker-processor": {"combination": combination}}
    else:
        processor = {
            "normalization-processor": {
                "normalization": {"technique": "min_max"},
                "combination": {"technique": "arithmetic_mean", "parameters": {"weights": weights}},
            }
        }
    return {"description": "Haitao Search: fuses the keyword and vector legs", "phase_results_processors": [processor]}
