"""Merchandising rules without a server: matching after analysis, `filter_by`, and the OpenSearch request a rule's
filter makes where osmem-server cannot run it (the knn vector leg)."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from search.analysis.query import default_analysis
from search.backends.base import Filters
from search.backends.opensearch.queries import knn_body
from search.merchandising.rules import Rule, contains, match_key, parse_filter_by


def key(q: str) -> str:
    analyzed = default_analysis().query_analyzer.analyze(q)
    return match_key([(c.term, c.chinese) for c in analyzed.concepts])


@pytest.mark.parametrize("typed", ["蓝牙耳机", "藍牙耳機", "lanya erji", "推荐 蓝牙耳机", "ＬＡＮＹＡ ＥＲＪＩ"])
def test_every_spelling_of_a_query_has_the_same_match_key(typed):
    assert key(typed) == key("蓝牙耳机")


def test_contains_matches_chinese_anywhere_and_latin_at_word_boundaries():
    assert contains("降噪蓝牙耳机", "蓝牙耳机") and contains("sony wireless earbuds", "wireless earbuds")
    assert not contains("sony wirelessearbuds", "earbuds") and not contains("earbudsx", "earbuds")


def test_filter_by_in_typesense_syntax():
    parsed = parse_filter_by("brand:=[Sony, Bose] && in_stock:=true && price:[50..200] && category:=Electronics")
    assert parsed.terms == (("brand", ("Sony", "Bose")),) and parsed.in_stock is True
    assert (parsed.price_min, parsed.price_max, parsed.category) == (50.0, 200.0, "Electronics")
    assert parse_filter_by("price:<100").price_max == 100.0 and parse_filter_by("price:>=5").price_min == 5.0
    narrowed = parsed.narrow(Filters.where(brand=("Sony", "Anker"), price_max=150))
    assert narrowed.terms == (("brand", ("Sony", "Anker")),) and narrowed.fixed == (("brand", ("Sony", "Bose")),)
    assert (narrowed.price_min, narrowed.price_max) == (50.0, 150.0)


def test_a_rule_filter_reaches_the_opensearch_knn_filter():
    """osmem-server has no knn: the vector leg's body under a rule's filter is checked against OpenSearch's
    documented efficient k-NN filtering shape (`knn.<field>.filter`)."""
    narrowed = parse_filter_by("brand:=Sony && in_stock:=true && price:<200").narrow(Filters())
    body = knn_body(np.ones(4, dtype=np.float32), narrowed, 10)
    [(_field, params)] = body["query"]["knn"].items()
    clauses = params["filter"]["bool"]["filter"]
    assert params["k"] == 10 and len(clauses) == 3
    assert {"range": {"price": {"lte": 200.0}}} in clauses and {"term": {"availability": "in_stock"}} in clauses
    assert any("terms" in c and list(c["terms"].values()) == [["sony"]] for c in clauses), clauses


def test_effective_dates_bound_a_rule():
    rule = Rule.parse(
        "r",
        {
            "rule": {"query": "q"},
            "excludes": [{"seller": "s", "id": "a"}],
            "effective_from": 1_700_000_000,
            "effective_to": "2030-01-01T00:00:00",
        },
    )
    assert not rule.active(datetime(2023, 1, 1, tzinfo=UTC))
    assert rule.active(datetime(2026, 11, 11, tzinfo=UTC))
    assert not rule.active(datetime(2030, 1, 1, tzinfo=UTC))
    assert Rule.parse("r", rule.to_json()) == rule


def test_boosts_reorder_the_window_only_and_multiply_their_weights():
    from search.backends.base import Hit
    from search.catalog import Product
    from search.merchandising.rules import BOOST_WINDOW, boost

    def product(number: int, brand: str) -> Product:
        return Product.from_raw({"id": f"p{number}", "title": f"Item {number}", "brand": brand, "price": 10})

    brands = ["Sony" if n in (3, BOOST_WINDOW + 5) else "Bose" if n == 0 else "Acme" for n in range(BOOST_WINDOW + 10)]
    hits = [Hit(product(n, b), score=1.0 / (60 + n)) for n, b in enumerate(brands)]
    rule = Rule.parse(
        "r",
        {
            "rule": {"query": "q"},
            "boost": [
                {"filter_by": "brand:=sony", "weight": 4},
                {"filter_by": "price:<=10", "weight": 0.5},
                {"filter_by": "brand:=Bose", "weight": 0.1},
            ],
        },
    )
    assert Rule.parse("r", rule.to_json()) == rule
    reordered, effects = boost(hits, [(b, "r") for b in rule.boosts])
    order = [h.product.id for h in reordered]
    assert order[0] == "p3" and effects["default/p3"].factor == 2.0 and effects["default/p3"].rank_before == 4
    assert order[BOOST_WINDOW - 1] == "p0"  # 0.05 × the top score: below the whole window, never out of it
    assert order[BOOST_WINDOW:] == [f"p{n}" for n in range(BOOST_WINDOW, BOOST_WINDOW + 10)]  # past the window: as was
    assert f"default/p{BOOST_WINDOW + 5}" not in effects and sorted(order) == sorted(h.product.id for h in hits)
    assert [h.product.id for h in reordered if h.product.id not in ("p0", "p3")][:5] == ["p1", "p2", "p4", "p5", "p6"]
