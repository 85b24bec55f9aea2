"""Totals and facets a shopper can trust, through real HTTP over the demo index and the real model: the vector leg
has a floor calibrated on the catalog (vector-only hits must clear it, so text about nothing the catalog sells finds
nothing), and a facet value's count is exactly the total of the same search filtered by it."""

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app
from search.service import SearchService


@pytest.fixture(scope="module")
def client(demo_settings, demo_service):
    settings = demo_settings.model_copy(update={"rate_limit_per_minute": 0})  # a search per facet value
    with TestClient(create_app(settings, service=demo_service)) as client:
        yield client


def search(client, q, **params):
    response = client.get("/v1/search", params={"q": q, "size": 10, **params})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("mode", ["hybrid", "vector", "keyword"])
@pytest.mark.parametrize(
    ("q", "facet"), [("蓝牙耳机", "brand"), ("保温杯", "category"), ("wireless headphones", "brand")]
)
def test_a_facet_count_is_the_total_of_the_search_filtered_by_it(client, q, facet, mode):
    body = search(client, q, facets=facet, mode=mode)
    counts = body["facets"][facet]
    assert counts and body["total"] > 0
    for value, count in counts.items():
        filtered = search(client, q, mode=mode, **{facet: value})
        assert filtered["total"] == count, (q, mode, value)
        # and the hits of the filtered search are that value's products
        assert {hit[facet] for hit in filtered["hits"]} == {value}


def test_facet_counts_equal_filtered_totals_under_another_filter(client):
    body = search(client, "蓝牙耳机", facets="brand,category", price_max="600")
    for value, count in body["facets"]["brand"].items():
        assert search(client, "蓝牙耳机", brand=value, price_max="600")["total"] == count, value
    for value, count in body["facets"]["category"].items():
        assert search(client, "蓝牙耳机", category=value, price_max="600")["total"] == count, value


@pytest.mark.parametrize("q", ["laptop", "wireless headphones"])
def test_the_total_counts_the_keyword_matches_and_the_vector_hits_above_the_floor(client, q):
    floor = search(client, q, explain="true")["explain"]["vector_floor"]["value"]
    # collapsed by product group (the default), each leg's groups and the hybrid search's groups are the same set
    keyword = search(client, q, mode="keyword", size=100)
    vector = search(client, q, mode="vector", size=100, explain="true")
    assert keyword["total"] <= 100 and vector["total"] <= 100  # small enough to check the union exactly
    assert vector["hits"] and all(h["explain"]["vector_score"] >= floor for h in vector["hits"])
    union = {group(h) for h in keyword["hits"]} | {group(h) for h in vector["hits"]}
    assert search(client, q)["total"] == len(union)


def group(hit: dict) -> tuple[str, str]:
    return hit["seller"], hit["item_group_id"] or hit["id"]


def test_a_thermos_counts_no_bluetooth_speaker_in_its_categories(client):
    categories = search(client, "保温杯", facets="category")["facets"]["category"]
    assert any("Drinkware" in c for c in categories)
    # the vector leg's nearest products below the floor (Bluetooth speakers) are not counted
    assert not [c for c in categories if "Speaker" in c]


def test_vector_only_hits_clear_the_floor(client):
    body = search(client, "wireless headphones", explain="true", size=100)
    floor = body["explain"]["vector_floor"]
    assert 0 < floor["value"] <= floor["titles"]  # calibrated on this catalog for this model
    assert floor["off_catalog_phrases"] > 0 and floor["title_queries"] > 0
    vector_only = [h for h in body["hits"] if h["explain"]["keyword_rank"] is None]
    assert vector_only  # the vector leg still adds what the keyword leg misses
    assert all(h["explain"]["vector_score"] >= floor["value"] for h in vector_only)


@pytest.mark.parametrize("q", ["xyzzy qwerty", "火星土壤", "quantum chromodynamics"])
def test_text_about_nothing_in_the_catalog_finds_nothing(client, q):
    body = search(client, q, facets="brand,category")
    assert (body["total"], body["hits"]) == (0, [])
    assert body["facets"] == {"brand": {}, "category": {}}


def test_without_the_floor_the_nearest_neighbours_come_back(demo_settings, embedder):
    """What the floor does: turned off (HAITAO_VECTOR_FLOOR=-1), off-catalog text 'finds' the vector leg's nearest
    products; fixed by configuration, that value is the floor."""
    for value, expect_hits in ((-1.0, True), (0.99, False)):
        service = SearchService(demo_settings.model_copy(update={"vector_floor": value}), embedder=embedder)
        try:
            with TestClient(create_app(demo_settings, service=service)) as other:
                body = search(other, "quantum chromodynamics", explain="true")
                assert body["explain"]["vector_floor"]["value"] == value
                assert (body["total"] > 0) is expect_hits
        finally:
            service.close()
