"""The HTTP API through FastAPI's TestClient, over a real index and the real model."""

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app


@pytest.fixture(scope="module")
def client(small_settings, small_service):
    with TestClient(create_app(small_settings, service=small_service)) as client:
        yield client


def test_chinese_query_finds_english_listings(client):
    body = client.get("/v1/search", params={"q": "蓝牙耳机"}).json()
    top = body["hits"][0]
    assert top["id"] in {"ear-sony-xm5", "ear-anker-p3", "ear-apple-pro2"}
    assert top["price"]["cny"] == pytest.approx(top["price"]["usd"] * 7.2, abs=0.01)
    assert body["exchange_rate"] == {"cny_per_usd": 7.2, "as_of": "2026-11-01"}
    assert body["total"] >= len(body["hits"])


def test_traditional_query_gives_the_same_results(client):
    simplified = client.get("/v1/search", params={"q": "保温杯"}).json()
    traditional = client.get("/v1/search", params={"q": "保溫杯"}).json()
    assert [h["id"] for h in simplified["hits"]] == [h["id"] for h in traditional["hits"]]
    assert simplified["hits"][0]["id"].startswith("cup-")


def test_paging_is_consistent(client):
    page1 = client.get("/v1/search", params={"q": "耳机", "size": 3, "page": 1}).json()
    page2 = client.get("/v1/search", params={"q": "耳机", "size": 3, "page": 2}).json()
    both = client.get("/v1/search", params={"q": "耳机", "size": 6}).json()
    assert [h["id"] for h in page1["hits"] + page2["hits"]] == [h["id"] for h in both["hits"]]


def test_filters_facets_and_sort(client):
    body = client.get(
        "/v1/search",
        params={"q": "耳机", "price_max": 1000, "currency": "CNY", "facets": "brand", "sort": "price_asc"},
    ).json()
    prices = [h["price"]["usd"] for h in body["hits"]]
    assert prices and all(p <= 1000 / 7.2 for p in prices) and prices == sorted(prices)
    assert sum(body["facets"]["brand"].values()) == body["total"]
    usd = client.get("/v1/search", params={"brand": "Spigen", "price_min": 16, "currency": "USD"}).json()
    assert [h["id"] for h in usd["hits"]] == ["case-ip14-spigen"]


def test_price_in_the_query_becomes_a_filter(client):
    body = client.get("/v1/search", params={"q": "300元以内 保温杯", "explain": "true"}).json()
    assert body["explain"]["filters"]["price_max_usd"] == pytest.approx(300 / 7.2, abs=0.01)
    assert all(h["price"]["cny"] <= 300 for h in body["hits"])


def test_explain_shows_analysis_and_leg_ranks(client):
    body = client.get("/v1/search", params={"q": "藍牙耳機", "explain": "true"}).json()
    assert body["explain"]["normalized"] == "蓝牙耳机"
    assert body["explain"]["concepts"][0]["alternatives"][0]["source"] == "glossary"
    assert body["hits"][0]["explain"]["keyword_rank"] is not None
    plain = client.get("/v1/search", params={"q": "藍牙耳機"}).json()
    assert plain["explain"] is None and "explain" not in plain["hits"][0]


def test_keyword_and_vector_modes(client):
    keyword = client.get("/v1/search", params={"q": "tumbler", "mode": "keyword", "explain": "true"}).json()
    assert all(h["explain"]["vector_rank"] is None for h in keyword["hits"])
    vector = client.get("/v1/search", params={"q": "tumbler", "mode": "vector", "explain": "true"}).json()
    assert all(h["explain"]["keyword_rank"] is None for h in vector["hits"])


def test_empty_query_browses(client):
    body = client.get("/v1/search", params={"size": 100}).json()
    assert body["total"] == 26 and len(body["hits"]) == 26


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"size": 101}, "size: at most 100"),
        ({"page": 0}, "page: "),
        ({"q": "x" * 201}, "q: "),
        ({"facets": "colour"}, "unknown facet 'colour'"),
        ({"sort": "cheapest"}, "sort: "),
        ({"price_min": 10, "price_max": 5}, "price_max: must not be less than price_min"),
        ({"price_min": "abc"}, "price_min: "),
    ],
)
def test_bad_parameters_get_422_naming_the_parameter(client, params, message):
    response = client.get("/v1/search", params=params)
    assert response.status_code == 422
    assert message in response.json()["error"]["message"]


def test_product_by_id(client):
    body = client.get("/v1/products/skin-kiehls-cream").json()
    assert body["product"]["brand"] == "Kiehl's"
    assert body["price"] == {"usd": 38.0, "cny": 273.6}
    missing = client.get("/v1/products/nope")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"status": 404, "message": "no product with id 'nope' (of the default seller)"}}


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["ready"] is True and ready["products"] == 26


def test_without_an_index_search_answers_503_with_the_fix(tmp_path):
    from search.config import Settings

    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        response = client.get("/v1/search", params={"q": "耳机"})
        assert response.status_code == 503
        assert "haitao index" in response.json()["error"]["message"]
        assert client.get("/readyz").status_code == 503
        assert client.get("/healthz").status_code == 200


def test_unknown_route_is_a_json_404(client):
    response = client.get("/v2/nothing")
    assert response.status_code == 404 and "error" in response.json()


def test_multi_search_answers_each_search_as_post_search_does(client):
    single = [client.post("/v1/search", json=p).json() for p in ({"q": "蓝牙耳机", "size": 3}, {"q": "保温杯"})]
    body = client.post("/v1/multi-search", json={"searches": [{"q": "蓝牙耳机", "size": 3}, {"q": "保温杯"}]})
    assert body.status_code == 200
    results = body.json()["results"]
    assert [[h["id"] for h in r["hits"]] for r in results] == [[h["id"] for h in r["hits"]] for r in single]
    assert [r["total"] for r in results] == [r["total"] for r in single]
    assert len({r["query_id"] for r in results}) == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"searches": []}, "searches"),
        ({"searches": [{"q": "x"}] * 11}, "searches"),
        ({"searches": [{"q": "x"}, {"q": "y", "size": 0}]}, "searches.1.size"),
        ({"searches": [{"q": "x"}, {"q": "y", "size": 100, "page": 101}]}, "searches[1].page"),
        ({"queries": [{"q": "x"}]}, "queries"),
    ],
)
def test_multi_search_refuses_a_bad_search_naming_it(client, body, field):
    answer = client.post("/v1/multi-search", json=body)
    assert answer.status_code == 422 and field in answer.json()["error"]["message"], answer.text
