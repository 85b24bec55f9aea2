"""Search parameters beyond the basics, through real HTTP (TestClient) over a real index and model: POST bodies,
attribute filters, disjunctive facets, the price facet, cursors, highlighting, `fields`, landed estimates,
/v1/facets and the result cache."""

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indexer.pipeline import IndexPipeline
from search.api.app import create_app
from search.backends.factory import open_backend
from search.config import Settings
from search.service import SearchService
from search.writer import CatalogWriter

FEED = Path(__file__).resolve().parents[2] / "fixtures" / "products.jsonl"


@pytest.fixture(scope="module")
def client(small_settings, small_service):
    with TestClient(create_app(small_settings, service=small_service)) as client:
        yield client


def hit_ids(body):
    return [h["id"] for h in body["hits"]]


def test_post_takes_the_same_parameters_as_get(client):
    params = {"q": "耳机", "brand": "Apple,Sony", "facets": "brand,price", "size": 5}
    got = client.get("/v1/search", params=params).json()
    posted = client.post(
        "/v1/search", json={"q": "耳机", "brand": ["Apple", "Sony"], "facets": ["brand", "price"], "size": 5}
    ).json()
    assert hit_ids(got) == hit_ids(posted) and got["facets"] == posted["facets"] and got["total"] == posted["total"]
    assert {h["brand"] for h in got["hits"]} <= {"Apple", "Sony"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"q": 5}, "q: "),
        ({"brnad": ["Sony"]}, "brnad: "),  # a misspelt parameter is refused, not ignored
        ({"size": 0}, "size: "),
        ({"facets": ["colour"]}, "unknown facet 'colour'"),
        ({"attr": ["colour"]}, "attr: 'colour' is not `name:value`"),
        ({"brand": [f"b{i}" for i in range(21)]}, "brand: "),
    ],
)
def test_post_errors_name_the_parameter(client, body, message):
    response = client.post("/v1/search", json=body)
    assert response.status_code == 422 and message in response.json()["error"]["message"]


def test_unknown_query_parameter_is_refused(client):
    response = client.get("/v1/search", params={"q": "耳机", "brands": "Sony"})
    assert response.status_code == 422 and "brands: " in response.json()["error"]["message"]


def test_attribute_filter(client):
    body = client.get("/v1/search", params={"attr": "Color:BLACK", "fields": "id,attributes"}).json()
    assert hit_ids(body) == ["ear-sony-xm5"] and body["hits"][0]["attributes"] == {"color": "Black"}
    assert client.get("/v1/search", params={"attr": "color:pink"}).json()["total"] == 0


def test_facet_counts_ignore_their_own_filter(client):
    everything = client.get("/v1/search", params={"facets": "brand,availability"}).json()
    apple = client.get("/v1/search", params={"brand": "Apple", "facets": "brand,availability"}).json()
    assert apple["total"] == 2 and apple["facets"]["brand"] == everything["facets"]["brand"]
    assert apple["facets"]["availability"] == {"in_stock": 2}


def test_price_facet_in_cny_and_usd(client):
    cny = client.get("/v1/search", params={"facets": "price"}).json()
    assert list(cny["facets"]["price"]) == [
        "0-100",
        "100-200",
        "200-500",
        "500-1000",
        "1000-2000",
        "2000-5000",
        "5000-",
    ]
    assert sum(cny["facets"]["price"].values()) == 26
    assert cny["facets"]["price"]["0-100"] == 0  # nothing under ¥100 ($13.89)
    assert cny["facets"]["price"]["100-200"] == 6  # $15.99 … $25.99 (¥115–¥187); $27.99 is ¥201.53
    assert cny["facets_stats"]["price"] == {"min": round(15.99 * 7.2, 2), "max": round(450 * 7.2, 2), "currency": "CNY"}
    usd = client.get("/v1/search", params={"facets": "price", "currency": "USD"}).json()
    assert usd["facets"]["price"]["0-25"] == 5 and usd["facets_stats"]["price"]["max"] == 450
    narrowed = client.get("/v1/search", params={"facets": "price", "price_max": 200}).json()
    assert narrowed["total"] == 6 and narrowed["facets"]["price"] == cny["facets"]["price"]  # its own filter aside


def test_browsing_with_a_cursor_visits_every_product_once(client):
    seen, cursor = [], None
    while True:
        params = {"size": 7, "sort": "price_asc"} | ({"cursor": cursor} if cursor else {})
        body = client.get("/v1/search", params=params).json()
        seen += [(h["id"], h["price"]["usd"]) for h in body["hits"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len({i for i, _ in seen}) == 26
    assert [p for _, p in seen] == sorted(p for _, p in seen)


def test_ranked_results_page_with_a_cursor_like_pages(client):
    first = client.get("/v1/search", params={"q": "耳机", "size": 3}).json()
    second = client.get("/v1/search", params={"q": "耳机", "size": 3, "cursor": first["next_cursor"]}).json()
    by_page = client.get("/v1/search", params={"q": "耳机", "size": 3, "page": 2}).json()
    assert hit_ids(second) == hit_ids(by_page) and not set(hit_ids(first)) & set(hit_ids(second))


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "保温杯", "cursor": "not-a-cursor"}, "cursor: not a cursor returned by this API"),
        ({"q": "保温杯", "cursor": "CURSOR_OF_ANOTHER_QUERY"}, "cursor: it belongs to another search"),
        ({"q": "耳机", "cursor": "CURSOR_OF_ANOTHER_QUERY", "page": 2}, "page: do not send with cursor"),
    ],
)
def test_bad_cursors_are_refused(client, params, message):
    other = client.get("/v1/search", params={"q": "耳机", "size": 2}).json()["next_cursor"]
    if params["cursor"] == "CURSOR_OF_ANOTHER_QUERY":
        params = params | {"cursor": other}
    response = client.get("/v1/search", params=params)
    assert response.status_code == 422 and message in response.json()["error"]["message"]


def test_newest_first(client):
    feed_order = [json.loads(line)["id"] for line in FEED.read_text(encoding="utf-8").splitlines()]
    body = client.get("/v1/search", params={"sort": "newest", "size": 26, "fields": "id"}).json()
    assert hit_ids(body) == feed_order[::-1]  # indexed in one batch, in feed order
    browse = client.get("/v1/search", params={"size": 26, "fields": "id"}).json()
    assert hit_ids(browse) == hit_ids(body)  # browsing lists the newest first


def test_highlighting_marks_chinese_and_english_matches(client):
    body = client.get("/v1/search", params={"q": "蓝牙耳机", "explain": "true"}).json()
    anker = next(h for h in body["hits"] if h["id"] == "ear-anker-p3")
    assert "<em>Bluetooth</em>" in anker["highlight"]["title"] and "<em>Earbuds</em>" in anker["highlight"]["title"]
    assert "<em>蓝牙耳机</em>" in anker["highlight"]["title_zh"]
    assert {"bluetooth", "earbuds", "蓝牙耳机"} <= set(anker["explain"]["matched"])
    english = client.get("/v1/search", params={"q": "coffee", "fields": "id,highlight"}).json()
    thermos = next(h for h in english["hits"] if h["id"] == "cup-thermos-16")
    assert thermos["highlight"] == {"description": "Keeps <em>coffee</em> hot for 7 hours."}


def test_fields_choose_what_hits_carry(client):
    body = client.get("/v1/search", params={"q": "保温杯", "fields": "title,price"}).json()
    assert all(set(hit) == {"id", "title", "price"} for hit in body["hits"])
    assert set(body["hits"][0]["price"]) == {"usd", "cny"}
    response = client.get("/v1/search", params={"q": "保温杯", "fields": "title,secret"})
    assert response.status_code == 422 and "unknown field 'secret'" in response.json()["error"]["message"]


def test_landed_estimate_only_when_configured(client, small_settings, small_service):
    assert client.get("/v1/search", params={"q": "保温杯"}).json()["hits"][0]["landed_estimate"] is None
    settings = Settings(data_dir=small_settings.data_dir, landed_shipping_usd=10, landed_tax_rate=0.091)
    with TestClient(create_app(settings, service=small_service)) as landed:
        hit = landed.get("/v1/search", params={"q": "保温杯", "size": 1}).json()["hits"][0]
        usd = hit["price"]["usd"]
        assert hit["landed_estimate"]["usd"] == pytest.approx((usd + 10) * 1.091, abs=0.01)
        assert hit["landed_estimate"]["cny"] == pytest.approx((usd + 10) * 1.091 * 7.2, abs=0.05)
        assert "估算" in hit["landed_estimate"]["note"] and "estimate" in hit["landed_estimate"]["note"]
        product = landed.get(f"/v1/products/{hit['id']}").json()
        assert product["landed_estimate"] == hit["landed_estimate"]


def test_facet_values_route(client):
    brands = client.get("/v1/facets", params={"name": "brand"}).json()
    assert brands["facet"] == "brand" and brands["values"]["Apple"] == 2 and len(brands["values"]) == 23
    price = client.get("/v1/facets", params={"name": "price", "currency": "USD"}).json()
    assert sum(price["values"].values()) == 26 and price["stats"]["min"] == 15.99
    bad = client.get("/v1/facets", params={"name": "colour"})
    assert bad.status_code == 422 and "name: " in bad.json()["error"]["message"]


def test_repeated_search_comes_from_the_cache_until_the_index_changes(embedder, analysis, tmp_path):
    settings = Settings(data_dir=tmp_path)
    backend = open_backend(settings, embedder.name, embedder.dim, create=True)
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "title": "Stanley Tumbler", "price": 45}\n', encoding="utf-8")
    IndexPipeline(CatalogWriter(backend, embedder, analysis.segmenter)).run(feed)
    service = SearchService(settings, embedder=embedder, backend=backend)
    with TestClient(create_app(settings, service=service)) as client:
        params = {"q": "保温杯", "explain": "true"}
        first = client.get("/v1/search", params=params).json()
        again = client.get("/v1/search", params=params).json()
        assert first["explain"]["cached"] is False and again["explain"]["cached"] is True
        assert hit_ids(first) == hit_ids(again) == ["a"]
        with feed.open("a", encoding="utf-8") as out:
            out.write('{"id": "b", "title": "Thermos Tumbler", "price": 30}\n')
        IndexPipeline(CatalogWriter(backend, embedder, analysis.segmenter)).run(feed)
        after = client.get("/v1/search", params=params).json()
        assert after["explain"]["cached"] is False and set(hit_ids(after)) == {"a", "b"}
    service.close()


def test_an_oversized_search_body_gets_413(client):
    response = client.post("/v1/search", json={"q": "耳机", "brand": ["x" * 70_000]})
    assert response.status_code == 413 and "request body: at most 65536 bytes" in response.json()["error"]["message"]
