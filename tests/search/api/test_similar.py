"""Similar products (相似商品) over HTTP on the demo catalog: the nearest products by vector share the product's
category, leave out the product itself (and its group), take the usual filters, and refuse bad input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app


def ten_products(client: TestClient) -> list[dict]:
    """The newest product of each of the ten largest categories of the demo catalog."""
    values = client.get("/v1/facets", params={"name": "category", "limit": 1000}).json()["values"]
    leaves = [c for c in sorted(values, key=lambda c: -values[c]) if not any(o.startswith(c + " > ") for o in values)]
    chosen = []
    for category in leaves[:10]:
        [hit] = client.get("/v1/search", params={"category": category, "size": 1}).json()["hits"]
        chosen.append(hit)
    return chosen


@pytest.fixture(scope="module")
def client(demo_settings, demo_service):
    with TestClient(create_app(demo_settings, service=demo_service)) as client:
        yield client


def test_similar_products_share_the_category_in_at_least_80_percent_of_cases(client):
    chosen = ten_products(client)
    assert len({h["category"] for h in chosen}) == 10
    same, seen = 0, 0
    for product in chosen:
        url = f"/v1/products/{product['seller']}/{product['id']}/similar"
        answer = client.get(url, params={"size": 5})
        assert answer.status_code == 200, answer.text
        hits = answer.json()["hits"]
        assert len(hits) == 5 and all((h["seller"], h["id"]) != (product["seller"], product["id"]) for h in hits)
        same += sum(1 for h in hits if h["category"] == product["category"])
        seen += len(hits)
    assert same / seen >= 0.8, f"{same} of {seen} similar products share the category"


def headphones(client: TestClient) -> str:
    [hit] = client.get("/v1/search", params={"q": "蓝牙耳机", "size": 1}).json()["hits"]
    return f"/v1/products/{hit['seller']}/{hit['id']}/similar"


def test_similar_products_take_the_usual_filters(client):
    url = headphones(client)
    hits = client.get(url, params={"size": 10, "brand": "Sony"}).json()["hits"]
    assert hits and {h["brand"] for h in hits} == {"Sony"}
    cheap = client.get(url, params={"price_max": 20, "currency": "USD"}).json()
    assert cheap["hits"] and all(h["price"]["usd"] <= 20 for h in cheap["hits"])


def test_similar_products_refuse_bad_input(client):
    url = headphones(client)
    seller = url.split("/")[3]
    missing = client.get(f"/v1/products/{seller}/no-such-product/similar")
    assert missing.status_code == 404 and "no-such-product" in missing.json()["error"]["message"]
    assert client.get(url.replace(f"/{seller}/", "/nobody/")).status_code == 404
    for params, field in (({"size": 0}, "size"), ({"size": 1000}, "size"), ({"q": "x"}, "q"), ({"page": 2}, "page")):
        answer = client.get(url, params=params)
        assert answer.status_code == 422 and field in answer.json()["error"]["message"], answer.text
