"""Hostile catalog records through the admin API (issue 12, the smaller findings): links that are not http(s), ids
with `/`, prices out of range and -0.0, records of any size, and rejected values echoed whole."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app
from search.backends.embedded.backend import EmbeddedBackend
from search.catalog import Product
from search.config import Settings
from search.service import SearchService

KEY = "records-admin-key"
AUTH = {"X-API-Key": KEY}


@pytest.fixture()
def client(tmp_path, embedder):
    EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True).close()
    settings = Settings(data_dir=tmp_path, admin_api_key=KEY, rate_limit_per_minute=0)
    service = SearchService(settings, embedder=embedder)
    with TestClient(create_app(settings, service=service)) as test_client:
        yield test_client
    service.close()


def record(product_id: str, **fields) -> dict:
    return {"id": product_id, "title": "Anker PowerCore 10000 Portable Charger", "price": 29.99, **fields}


def post(client: TestClient, *records: dict) -> dict:
    response = client.post("/v1/admin/products", json=list(records), headers=AUTH)
    assert response.status_code == 200, response.text
    return response.json()


def reasons(body: dict) -> dict[str, list[tuple[str, str]]]:
    return {e["id"]: [(f["field"], f["reason"]) for f in e["errors"]] for e in body["errors"]}


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
     "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "https:///no-host", "/relative"],
)  # fmt: skip
def test_links_other_than_http_s_are_refused_with_a_reason(client, link):
    body = post(client, record("bad-link", link=link), record("bad-image", image_link=link), record("good"))
    assert body["indexed"] == 1 and body["rejected"] == 2
    found = reasons(body)
    assert found["bad-link"][0][0] == "link" and "http:// or https://" in found["bad-link"][0][1]
    assert found["bad-image"][0][0] == "image_link"
    assert client.get("/v1/products/bad-link").status_code == 404


def test_http_s_links_are_kept_and_a_stored_unsafe_link_is_never_shown(client):
    links = {"link": "https://shop.example.com/p/1?ref=a", "image_link": "HTTP://cdn.example.com/1.jpg"}
    assert post(client, record("ok", **links))["indexed"] == 1
    product = client.get("/v1/products/ok").json()["product"]
    assert (product["link"], product["image_link"]) == (links["link"], links["image_link"])
    # A record stored before links were checked (an older index) is read with the link dropped.
    legacy = Product.model_validate({**record("legacy"), "link": "javascript:alert(1)", "image_link": "data:x"})
    assert (legacy.link, legacy.image_link) == ("", "")


@pytest.mark.parametrize("product_id", ["a/b", "gid://shopify/Product/123", "x/", "/leading"])
def test_ids_with_a_slash_can_be_fetched_and_deleted(client, product_id):
    assert post(client, record(product_id))["indexed"] == 1
    fetched = client.get(f"/v1/products/{product_id}")
    assert fetched.status_code == 200 and fetched.json()["product"]["id"] == product_id
    encoded = product_id.replace("/", "%2F")
    assert client.get(f"/v1/products/{encoded}").json()["product"]["id"] == product_id
    assert client.delete(f"/v1/admin/products/{product_id}", headers=AUTH).json() == {
        "deleted": product_id,
        "seller": "default",
    }
    assert client.get(f"/v1/products/{product_id}").status_code == 404


def test_prices_are_bounded_and_minus_zero_is_zero(client):
    huge = "1" + "0" * 400  # an integer of 401 digits: JSON allows it
    raw = (
        '[{"id": "p-inf", "title": "t", "price": 1e308}, {"id": "p-int", "title": "t", "price": ' + huge + "},"
        '{"id": "p-max", "title": "t", "price": 1, "price_max": 1e300}, {"id": "p-zero", "title": "t", "price": -0.0}]'
    )
    response = client.post("/v1/admin/products", content=raw, headers={**AUTH, "Content-Type": "application/json"})
    body = response.json()
    assert body["indexed"] == 1, body
    found = reasons(body)
    assert found["p-inf"] == [("price", "must be at most 10,000,000 USD")]
    assert found["p-int"] == [("price", "must be at most 10,000,000 USD")]
    assert found["p-max"] == [("price_max", "must be at most 10,000,000 USD")]
    zero = client.get("/v1/products/p-zero")
    assert '"price":0.0' in zero.text and "-0.0" not in zero.text
    assert zero.json()["price"] == {"usd": 0.0, "cny": 0.0}
    browse = client.get("/v1/search", params={"price_max": "-0.0", "currency": "USD"})
    assert browse.status_code == 200 and [h["id"] for h in browse.json()["hits"]] == ["p-zero"]


def test_records_have_size_limits_and_rejected_values_are_echoed_short(client):
    big = [
        record("long-description", description="d" * 1_000_000),
        record("many-attributes", attributes={f"a{i}": "v" for i in range(10_000)}),
        record("long-name", attributes={"n" * 100_000: "v"}),
        record("long-value", attributes={"color": "v" * 5_000}),
        record("i" * 10_000),
        record("long-price", price="9" * 5_000 + " EUR"),
        record("fine", description="d" * 5_000, attributes={f"a{i}": "v" for i in range(50)}),
    ]
    response = client.post("/v1/admin/products", json=big, headers=AUTH)
    body = response.json()
    assert body["indexed"] == 1 and body["rejected"] == 6
    assert len(response.content) < 5_000, "every rejected value is quoted short"
    errors = {e["index"]: e for e in body["errors"]}
    assert errors[0]["errors"] == [{"field": "description", "reason": "at most 20,000 characters, got 1,000,000"}]
    assert errors[1]["errors"][0]["reason"] == "at most 100 attributes, got 10,000"
    assert "attribute name is at most 100 characters" in errors[2]["errors"][0]["reason"]
    assert "at most 1,000 characters, got 5,000" in errors[3]["errors"][0]["reason"]
    assert len(errors[4]["id"]) == 64 and errors[4]["id"].endswith("…")  # MAX_ECHO
    assert "is in EUR" in errors[5]["errors"][0]["reason"]


def test_a_rejected_row_of_a_feed_is_described_short_too():
    from search.catalog import InvalidProduct

    with pytest.raises(InvalidProduct) as raised:
        Product.from_raw({"id": "x", "title": "t", "price": 1, "availability": "?" * 100_000})
    assert len(str(raised.value)) < 300 and json.dumps(raised.value.errors)
