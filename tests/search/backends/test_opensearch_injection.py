"""The OpenSearch request bodies built from hostile query text and filter values: their structure is fixed (no
`query_string`, `simple_query_string`, script or other key a user string could pick), and user strings appear
only as values: analysed terms in `term` / `span_term` queries, and the values of `term` / `terms` filters.

The bodies are built by the same functions the backend sends (no server needed), from real query analysis.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.backends.base import Filters, Sort
from search.backends.opensearch.index import IndexOptions, index_body
from search.backends.opensearch.queries import (
    browse_body,
    count_body,
    facet_aggs,
    keyword_leg_body,
    keyword_query,
    knn_body,
)
from search.ranking import RankingSpec

HOSTILE = [
    '{"query_string": {"query": "*"}}',
    "title:x OR 1",
    "*:*",
    '" OR "1"="1',
    "\\",
    "AND NOT",
    '{"script": {"source": "ctx._source"}}',
    "brand:Sony^100",
    '蓝牙耳机 {"match_all": {}}',
]
# Every key a body may hold: the query DSL the builders use and the index's field names; nothing else.
FIELDS = set(index_body("m", 4, IndexOptions())["mappings"]["properties"])
DSL = {"bool", "should", "must", "must_not", "filter", "minimum_should_match", "dis_max", "queries", "tie_breaker"}
DSL |= {"query", "boost", "constant_score", "term", "terms", "value", "span_near", "span_term", "clauses", "slop"}
DSL |= {"in_order", "range", "gte", "lte", "knn", "vector", "k", "from", "size", "_source", "ids", "values"}
DSL |= {"track_total_hits", "sort", "order", "aggs", "stats", "field", "ranges", "key", "to", "match_all"}
DSL |= {"search_after"}
ALLOWED_KEYS = DSL | FIELDS


def walk(node: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """(path, value) of every key and every string in a body."""
    found: list[tuple[tuple, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append(((*path, key), key))
            found += walk(value, (*path, key))
    elif isinstance(node, list):
        for item in node:
            found += walk(item, (*path, "[]"))
    elif isinstance(node, str):
        found.append((path, node))
    return found


def value_positions(body: dict, strings: set[str]) -> list[tuple]:
    """Paths where a string derived from the user's input sits as a value."""
    return [path for path, value in walk(body) if isinstance(value, str) and value in strings and path[-1] != value]


def assert_fixed_structure(body: dict, user_derived: set[str]) -> None:
    keys = {value for path, value in walk(body) if path and path[-1] == value}
    assert keys <= ALLOWED_KEYS, keys - ALLOWED_KEYS
    assert not keys & {"query_string", "simple_query_string", "script", "wildcard", "regexp", "prefix", "fuzzy"}
    for path in value_positions(body, user_derived):
        ok = (
            (len(path) >= 2 and path[-2] in ("term", "span_term"))  # term.field, span_term.title
            or (len(path) >= 3 and path[-3] == "term" and path[-1] == "value")  # term.field.value
            or (len(path) >= 3 and path[-3] == "terms" and path[-1] == "[]")
            or path[-3:] == ("ids", "values", "[]")  # the vector leg's neighbours, by id
        )
        assert ok, path


def analysed(analysis, q: str):
    return analysis.query_analyzer.analyze(q, lambda word: None)


def bodies(analysis, q: str, filters: Filters) -> tuple[list[dict], set[str]]:
    """Every body a search for `q` under `filters` sends, and the strings in them that came from the user."""
    aq = analysed(analysis, q)
    keyword = keyword_query(aq.concepts, RankingSpec(), aq.brands)
    vector = np.zeros(4, dtype=np.float32)
    aggs = facet_aggs(["brand", "category"], [], 50)
    sent = [
        browse_body(filters, Sort.PRICE_ASC, 0, 10, search_after=[1.0, 2]),
        knn_body(vector, filters, 10),
        count_body(keyword, ("a",), filters, aggs),
    ]
    if keyword is not None:
        sent.append(keyword_leg_body(keyword, filters, 10))
    # The builders' own strings: field lists with boosts (`title^3`), `best_fields`, sort orders, aggregated fields.
    found = [(path, value) for body in sent for path, value in walk(body) if path and path[-1] != value]
    own = {("fields", "[]"), ("_source", "[]")}
    constants = {value for path, value in found if path[-1] in ("type", "order", "field") or path[-2:] in own}
    return sent, {value for _, value in found} - constants


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_query_text_and_filter_values_only_fill_values(analysis, text):
    filters = Filters.where(brand=(text,), category=text, attributes=((text, (text,)),))
    sent, user_derived = bodies(analysis, text, filters)
    for body in sent:
        assert_fixed_structure(body, user_derived)
        assert "match_all" not in {key for path, key in walk(body) if path[-1] == key}  # filtered: never everything


def test_browsing_without_filters_is_the_only_match_all(analysis):
    body = browse_body(Filters(), Sort.NEWEST, 0, 10)
    assert body["query"] == {"match_all": {}}
    filtered = browse_body(Filters.where(brand=("*",)), Sort.NEWEST, 0, 10)
    assert "match_all" not in json.dumps(filtered) and filtered["query"]["bool"]["filter"][0]["terms"]


@pytest.mark.parametrize("text", HOSTILE)
def test_the_hostile_text_reaches_opensearch_only_as_analysed_words(analysis, text):
    keyword = keyword_query(analysed(analysis, text).concepts, RankingSpec())
    terms = [value for path, value in walk(keyword or {}) if path and path[-1] != value and isinstance(value, str)]
    assert all(not set(t) & set('{}:*"\\^') for t in terms), terms  # no syntax character survives analysis


@pytest.mark.fuzz
@given(
    q=st.text(max_size=60),
    brand=st.text(max_size=30),
    category=st.text(max_size=30),
    attribute=st.tuples(st.text(min_size=1, max_size=10), st.text(min_size=1, max_size=10)),
)
def test_any_input_keeps_the_structure(analysis, q, brand, category, attribute):
    filters = Filters.where(brand=(brand,), category=category or None, attributes=((attribute[0], (attribute[1],)),))
    sent, user_derived = bodies(analysis, q, filters)
    for body in sent:
        assert_fixed_structure(body, user_derived)
