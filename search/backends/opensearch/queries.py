"""OpenSearch request bodies built from analysed terms and the ranking spec — never from user query syntax.

The keyword leg is the embedded backend's query (`embedded/queries.py`) written as JSON: per concept the best of
its alternatives (`dis_max`); an English alternative is its analysed terms, each a `dis_max` of `term` queries over
the English fields (indexed with the same analysis, so terms match exactly), summed, plus a phrase bonus
(`span_near` of the terms in the title); a Chinese concept is its term in the pre-segmented Chinese fields.
Concepts add up (`bool.should`). Brand boosts are `constant_score` clauses beside a `must`, so they reorder matches
but never make a product match on their own. The vector leg is the documented `knn` query with the filter inside
it (the k nearest *among* the filtered products).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from search.analysis.translate import Concept
from search.backends.base import Filters, PriceBucket, Sort
from search.backends.opensearch.index import CATEGORY_PATH, VECTOR_FIELD, category_key
from search.fields import (
    BY_NAME,
    GROUP_FIELD,
    NODE_CONFIDENCE,
    NODE_PATH,
    TERM_FACETS,
    Analysis,
    FieldType,
    attribute_term,
)
from search.ranking import RankingSpec

Body = dict[str, Any]
SOURCE = ["record"]  # hits carry the stored record only, never the vector


def keyword_query(concepts: Sequence[Concept], spec: RankingSpec, boost_brands: Sequence[str] = ()) -> Body | None:
    """The keyword leg, or None when no concept has anything to search for."""
    built = [(c, q) for c, q in ((c, _concept(c, spec)) for c in concepts) if q is not None]
    clauses = [q for _, q in built]
    if not clauses:
        return None
    if spec.coordination:  # each concept matched whole adds `coordination` (numbers only qualify)
        clauses += [
            {"constant_score": {"filter": _whole(c, spec), "boost": spec.coordination}}
            for c, _ in built
            if not c.is_qualifier
        ]
    query: Body = {"bool": {"should": clauses, "minimum_should_match": 1}}
    brand = BY_NAME["brand"]
    boosts = [
        {"constant_score": {"filter": {"term": {brand.key_field: brand.key(b)}}, "boost": spec.brand_boost}}
        for b in boost_brands
        if brand.key(b)
    ]
    if not boosts:
        return query
    return {"bool": {"must": [query], "should": boosts}}


def _concept(concept: Concept, spec: RankingSpec) -> Body | None:
    alternatives = concept.alternatives
    options = [q for q in (_english(alt.terms, alt.weight, spec, alt.forms) for alt in alternatives) if q is not None]
    chinese_term = concept.term if concept.chinese or " " not in concept.term else None
    if chinese_term:
        options.append(_across(spec.weights(Analysis.CHINESE), chinese_term, spec))
    if not options:
        return None
    return options[0] if len(options) == 1 else {"dis_max": {"queries": options, "tie_breaker": spec.tie_breaker}}


def _whole(concept: Concept, spec: RankingSpec) -> Body:
    """Products matching the concept whole: every term of one of its renderings, or its Chinese term."""
    english = spec.weights(Analysis.ENGLISH)
    options = [
        {"bool": {"must": [_across(english, term, spec) for term in alt.terms]}}
        for alt in concept.alternatives
        if alt.terms
    ]
    if concept.chinese or " " not in concept.term:
        options.append(_across(spec.weights(Analysis.CHINESE), concept.term, spec))
    return {"bool": {"should": options, "minimum_should_match": 1}}


def _english(terms: Sequence[str], weight: float, spec: RankingSpec, forms: Sequence[str] = ()) -> Body | None:
    if not terms:
        return None
    english = spec.weights(Analysis.ENGLISH)
    clauses = [_across(english, term, spec, weight) for term in terms]
    if len(terms) > 1:
        spans = [{"span_term": {spec.phrase_field: term}} for term in terms]
        bonus = weight * spec.phrase_bonus * english[spec.phrase_field]
        clauses.append({"span_near": {"clauses": spans, "slop": 0, "in_order": True, "boost": bonus}})
    # The word-delimiter forms of a model number together weigh as one term (as in the embedded backend).
    clauses += [_across(english, form, spec, weight / len(forms)) for form in forms]
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses}}


def _across(fields: dict[str, float], term: str, spec: RankingSpec, boost: float = 1.0) -> Body:
    """A term in any of the fields, scored as the best of them (dis-max)."""
    per_field = [{"term": {name: {"value": term, "boost": w}}} for name, w in fields.items()]
    return {"dis_max": {"queries": per_field, "tie_breaker": spec.tie_breaker, "boost": boost}}


def english_term_query(term: str) -> Body:
    """Products using this analysed term in any English field of their record (for document frequencies)."""
    fields = [f.text_field for f in BY_NAME.values() if f.search is Analysis.ENGLISH and not f.derived]
    return {"bool": {"should": [{"term": {name: term}} for name in fields], "minimum_should_match": 1}}


def filter_query(filters: Filters) -> Body | None:
    """The filters as one non-scoring `bool.filter`, or None when there are none."""
    clauses: list[Body] = []
    for name, values in (*filters.terms, *filters.fixed):
        field = BY_NAME[name]
        clauses.append({"terms": {field.key_field: [field.key(v) for v in values]}})
    if filters.category and category_key(filters.category):
        clauses.append({"term": {CATEGORY_PATH: category_key(filters.category)}})
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


def of_type_filter(ids: Sequence[str], node: str | tuple[str, ...], min_confidence: float) -> list[Body]:
    """These ids, of this taxonomy node (or one of several) or below it, assigned at least `min_confidence` surely."""
    nodes = [node] if isinstance(node, str) else list(node)
    return [
        {"ids": {"values": list(ids)}},
        {"terms": {NODE_PATH: nodes}},
        {"range": {NODE_CONFIDENCE: {"gte": float(min_confidence)}}},
    ]


def keyword_leg_body(keyword: Body, filters: Filters, size: int) -> Body:
    flt = filter_query(filters)
    query = keyword if flt is None else {"bool": {"must": [keyword], "filter": [flt]}}
    return {"query": query, "size": size, "_source": False, "track_total_hits": True}


# How the k-NN plugin scores a hit in each space, for unit vectors of cosine similarity c (the documentation's
# "Spaces" page): cosinesimil (2 - d) / 2 with d = 1 - c; innerproduct c + 1 when c > 0, else 1 / (1 - c); l2
# 1 / (1 + d) with d = |x - y|² = 2 - 2c.
COSINE = "cosinesimil"


def knn_body(vector: np.ndarray, filters: Filters, size: int) -> Body:
    """The vector leg: the documented `knn` query; with filters, the k nearest *among* the filtered products."""
    params: Body = {"vector": _floats(vector), "k": size}
    flt = filter_query(filters)
    if flt is not None:
        params["filter"] = flt
    return {"query": {"knn": {VECTOR_FIELD: params}}, "size": size, "_source": False, "track_total_hits": False}


def radial(vector: np.ndarray, floor: float, space: str = COSINE) -> Body:
    """The parameters of a radial k-NN search (the documented `min_score`) for every product at least `floor`
    similar (cosine) to `vector`: what a search with a vector floor counts."""
    return {"vector": _floats(vector), "min_score": round(score_of(floor, space), 6)}


def _floats(vector: np.ndarray) -> list[float]:
    return [float(x) for x in vector]


def score_of(cosine: float, space: str) -> float:
    """The k-NN score of a hit of this cosine similarity."""
    if space == "innerproduct":
        return cosine + 1 if cosine > 0 else 1 / (1 - cosine)
    if space == "l2":
        return 1 / (3 - 2 * cosine)
    return (1 + cosine) / 2


def cosine_of(score: float, space: str) -> float:
    """The cosine similarity of a hit of this k-NN score (the inverse of `score_of`)."""
    if space == "innerproduct":
        return score - 1 if score > 1 else 1 - 1 / score
    if space == "l2":
        return (3 - 1 / score) / 2
    return 2 * score - 1


def sort_clause(sort: Sort) -> list[Body]:
    """Field order for browsing; ties broken by write sequence, so keys are unique for cursors."""
    if sort in (Sort.RELEVANCE, Sort.NEWEST):  # browsing without a sort: newest first
        return [{"seq": {"order": "desc"}}]
    return [{"price": {"order": "asc" if sort is Sort.PRICE_ASC else "desc"}}, {"seq": {"order": "desc"}}]


def browse_body(
    filters: Filters, sort: Sort, offset: int, limit: int, search_after: Sequence[Any] | None = None
) -> Body:
    """Products passing the filters in a field order, paged by `search_after` when given, else by `from`."""
    body: Body = {
        "query": filter_query(filters) or {"match_all": {}},
        "from": 0 if search_after else offset,
        "size": limit,
        "_source": SOURCE,
        "sort": sort_clause(sort),
        "track_total_hits": False,
    }
    if search_after:
        body["search_after"] = list(search_after)
    return body


def count_body(
    keyword: Body | None, ids: Sequence[str] | None, filters: Filters, aggs: Body, near: Body | None = None
) -> Body:
    """Counts only (no hits): the products passing `filters` that match `keyword`, are among `ids` or are `near`
    the query vector (the parameters of a radial k-NN search: above the floor) — with none of them, every product
    passing the filters — with these aggregations. Not for an empty result set: the caller answers that without
    asking."""
    flt = filter_query(filters)
    query: Body = {"bool": {"filter": [flt] if flt else []}}
    if keyword is not None or ids is not None or near is not None:
        should = [keyword] if keyword is not None else []
        if ids:
            should.append({"ids": {"values": list(ids)}})
        if near is not None:
            should.append({"knn": {VECTOR_FIELD: near}})
        query["bool"].update({"should": should, "minimum_should_match": 1})
    body: Body = {"size": 0, "track_total_hits": True, "query": query}
    if aggs:
        body["aggs"] = aggs
    return body


GROUPS = "groups"
GROUP_PRECISION = 40_000
"""`precision_threshold` of the group counts: OpenSearch's cardinality aggregation (HyperLogLog++) counts exactly
below it, but for hash collisions (practically none), and approximately above it (an error of a few percent at
most); 40,000 is the most it takes."""
GROUP_COUNT: Body = {"cardinality": {"field": GROUP_FIELD, "precision_threshold": GROUP_PRECISION}}
"""How many product groups a set of products holds: the total of a `distinct` search, and each facet bucket's."""


def facet_aggs(facets: Sequence[str], price_buckets: Sequence[PriceBucket], size: int, distinct: bool = False) -> Body:
    """Aggregations counting these facets ("price": the buckets' counts and the price range); with `distinct`,
    each bucket also counts its product groups (`GROUPS`)."""
    aggs: Body = {}
    by_value = {f.name for f in TERM_FACETS}
    groups = {"aggs": {GROUPS: GROUP_COUNT}} if distinct else {}
    for name in facets:
        if BY_NAME[name].type is FieldType.PRICE:
            if price_buckets:
                aggs[name] = {"range": {"field": name, "ranges": [b.as_range() for b in price_buckets]}, **groups}
            aggs[f"{name}_stats"] = {"stats": {"field": name}}
        elif name in by_value:
            aggs[name] = {"terms": {"field": name, "size": size}, **groups}
    return aggs
