"""On the demo marketplace, over HTTP: the first page of common Chinese queries shows each product group once — a
group is one seller's variants sharing an `item_group_id` — each hit saying how many variants it stands for; every
facet count equals the total of the search filtered by that value, exactly."""

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app

QUERIES = ["蓝牙耳机", "婴儿奶粉", "保温杯", "不粘锅", "口红", "跑步鞋", "双肩包", "狗粮", "维生素", "防晒霜"]


@pytest.fixture(scope="module")
def client(demo_settings, demo_service):
    with TestClient(create_app(demo_settings, service=demo_service)) as client:
        yield client


def group_of(hit: dict) -> tuple[str, str]:
    return hit["seller"], hit["item_group_id"] or hit["id"]


@pytest.mark.parametrize("q", QUERIES)
def test_the_top_ten_show_no_group_twice_and_say_how_many_variants(client, q):
    body = client.get("/v1/search", params={"q": q, "size": 10}).json()
    hits = body["hits"]
    assert len(hits) == min(10, body["total"]) and len(hits) >= 5, body  # 口红: the demo sells 8 lipstick groups
    groups = [group_of(hit) for hit in hits]
    assert len(set(groups)) == len(hits), groups
    for hit in hits:
        assert hit["variants"] >= 1 and len(hit["variant_options"]) == min(hit["variants"], 100)
        assert hit["id"] in {option["id"] for option in hit["variant_options"]}  # it stands for its own group
        assert all(option["price"]["usd"] >= hit["price"]["usd"] for option in hit["variant_options"])


def test_without_distinct_the_same_queries_do_repeat_groups(client):
    """What `distinct` prevents happens on this catalog: some first page of every variant repeats a group."""
    repeated = 0
    for q in QUERIES:
        hits = client.get("/v1/search", params={"q": q, "size": 10, "distinct": "false"}).json()["hits"]
        repeated += len(hits) - len({group_of(hit) for hit in hits})
    assert repeated > 0
    several = [
        h for q in QUERIES for h in client.get("/v1/search", params={"q": q}).json()["hits"] if h["variants"] > 1
    ]
    assert several  # and collapsed hits stand for several variants


@pytest.mark.parametrize("q", ["保温杯", "跑步鞋", ""])
def test_facet_counts_equal_the_totals_of_the_filtered_searches(client, q):
    facets = "brand,seller,color,size,availability"
    body = client.get("/v1/search", params={"q": q, "facets": facets, "currency": "USD"}).json()
    parameter = {"size": "variant_size"}
    checked = 0
    for name in facets.split(","):
        for value, count in list(body["facets"][name].items())[:3]:
            if name == "availability":  # the filter is in_stock=true (false: every other availability together)
                if value != "in_stock":
                    continue
                params = {"q": q, "in_stock": "true"}
            else:
                params = {"q": q, parameter.get(name, name): value}
            filtered = client.get("/v1/search", params=params).json()
            assert filtered["total"] == count, (name, value)
            checked += 1
    assert checked >= 10
